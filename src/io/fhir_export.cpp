// FHIR R4 export: episodes, a program's schedule and attendance as one Bundle.
#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <vector>

#include <nlohmann/json.hpp>

#include "iopcare/catalog.hpp"
#include "iopcare/io/fhir.hpp"
#include "io/json_reader.hpp"
#include "io/fhir_common.hpp"

namespace iopcare::io {

using namespace std::chrono;
using json = nlohmann::ordered_json;
namespace fd = fhir_detail;

std::string_view to_string(fhir_bundle_type t) noexcept {
    return t == fhir_bundle_type::transaction ? "transaction" : "collection";
}

namespace {

json reference(std::string_view type, const std::string& id) { return json{{"reference", std::string(type) + "/" + id}}; }

std::string date_text(year_month_day d) { return format_date(d); }

// The FHIR status of an Appointment whose attendance is known, with a reason for cancellations.
std::pair<const char*, const char*> appointment_status(attendance_status s) {
    switch (s) {
        case attendance_status::attended:
        case attendance_status::partial: return {"fulfilled", nullptr};
        case attendance_status::absent: return {"noshow", nullptr};
        case attendance_status::excused: return {"cancelled", "excused absence"};
        case attendance_status::cancelled: return {"cancelled", "cancelled by the program"};
    }
    return {"booked", nullptr};
}

// A stay or enrollment an Encounter may belong to: the days [first, last] of one patient.
struct episode_span {
    patient_id patient;
    sys_days first;
    std::optional<sys_days> last;  // inclusive; open when absent
    std::string id;
};

// Attendance records by patient, service and local start, for Appointment statuses.
using record_key = std::tuple<patient_id, std::string, std::int64_t>;

class bundle_builder {
public:
    bundle_builder(const fhir_export& w, const fhir_options& o)
        : what_(w), opts_(o), services_(w.services ? *w.services : service_catalog::standard()), zone_(pick_zone(w)) {}

    fhir_bundle build() {
        collect_names();
        add_episodes();
        add_schedule();
        add_encounters();
        return finish();
    }

private:
    static time_zone pick_zone(const fhir_export& w) {
        if (w.zone) return *w.zone;
        if (w.program_schedule && w.program_schedule->prog().zone) return *w.program_schedule->prog().zone;
        return time_zone::utc();
    }

    // Adds a resource once per Type/id; a second resource with the same identity (a record
    // given twice) gets "-2", "-3": ids stay deterministic and every record is exported.
    std::string add(json resource, std::vector<json>& into) {
        const std::string type = resource["resourceType"];
        std::string id = resource["id"];
        for (int n = 2; !ids_.insert(type + "/" + id).second; ++n) id = std::string(resource["id"]) + "-" + std::to_string(n);
        resource["id"] = id;
        ++counts_[type];
        into.push_back(std::move(resource));
        return id;
    }

    // "Patient/<id>", adding the Patient the first time, with the display name a host gave.
    json patient(const patient_id& id) {
        auto [it, inserted] = patients_.try_emplace(id);
        if (inserted) {
            it->second = fd::is_fhir_id(id.str()) ? id.str() : fd::id_hash{}.add(id.str()).id("pt");
            json p{{"resourceType", "Patient"}, {"id", it->second}};
            p["identifier"] = json::array({json{{"system", fd::patient_id_system(opts_.base)}, {"value", id.str()}}});
            if (const auto name = names_.find(id); name != names_.end()) {
                p["name"] = json::array({json{{"text", name->second}}});
            }
            add(std::move(p), patient_entries_);
        }
        return reference("Patient", it->second);
    }

    // The display names the enrollments give.
    void collect_names() {
        if (what_.program_schedule) {
            for (const auto& e : what_.program_schedule->enrolled()) {
                if (!e.name.empty()) names_.emplace(e.patient, e.name);
            }
        }
        if (what_.attendance) {
            for (const auto& e : what_.attendance->enrollments) {
                if (!e.name.empty()) names_.emplace(e.patient, e.name);
            }
        }
    }

    json service_concept(const std::string& id, minutes length) const {
        json codings = json::array();
        const service* s = services_.find(id);
        codings.push_back(json{{"system", fd::service_system(opts_.base)}, {"code", s ? s->id.str() : id}});
        if (s) {
            codings.back()["display"] = s->name;
            for (const auto& b : billing_codes_for(*s, length)) codings.push_back(json{{"system", b.system}, {"code", b.code}});
        }
        json c{{"coding", std::move(codings)}};
        if (s) c["text"] = s->name;
        return c;
    }

    json level_concept(const std::string& code, edition ed) const {
        json coding{{"system", fd::level_system(opts_.base, ed)}, {"code", code}};
        if (ed != edition::custom) {
            if (const care_level* l = catalog::of(ed).find(code)) coding["display"] = l->name;
        }
        return json{{"coding", json::array({std::move(coding)})}};
    }

    void add_episode(const patient_id& who, const std::string& level, edition ed, year_month_day start,
                     std::optional<year_month_day> end, std::optional<discharge_reason> reason) {
        json e{{"resourceType", "EpisodeOfCare"},
               {"id", fd::id_hash{}.add(who.str()).add(level).add(date_text(start)).id("eoc")}};
        if (reason) {
            e["extension"] = json::array({json{{"url", fd::extension_url(opts_.base, "discharge-reason")},
                                               {"valueCode", std::string(to_string(*reason))}}});
        }
        e["status"] = end ? "finished" : "active";
        e["type"] = json::array({level_concept(level, ed)});
        e["patient"] = patient(who);
        e["period"] = json{{"start", date_text(start)}};
        if (end) e["period"]["end"] = date_text(*end);
        const std::string id = add(std::move(e), episode_entries_);
        spans_.push_back({who, sys_days{start}, end ? std::optional<sys_days>(sys_days{*end}) : std::nullopt, id});
    }

    // EpisodeOfCare: the episodes' stays, else the attendance's enrollments, else the
    // schedule's enrollments.
    void add_episodes() {
        if (what_.episodes) {
            for (const auto& ep : what_.episodes->episodes) {
                for (const auto& s : ep.stays) {
                    add_episode(ep.patient, s.level.str(), what_.episodes->record_edition, s.admitted, s.discharged, s.reason);
                }
            }
        } else if (what_.attendance && !what_.attendance->enrollments.empty()) {
            for (const auto& e : what_.attendance->enrollments) {
                add_episode(e.patient, e.level, opts_.level_edition, e.admitted, e.discharged, std::nullopt);
            }
        } else if (what_.program_schedule) {
            const schedule& s = *what_.program_schedule;
            for (const auto& e : s.enrolled()) {
                const year_month_day last{e.end() - days{1}};
                add_episode(e.patient, s.prog().level, opts_.level_edition, e.admit, last, std::nullopt);
            }
        }
    }

    std::optional<std::string> episode_for(const patient_id& who, sys_days day) const {
        for (const auto& s : spans_) {
            if (s.patient == who && s.first <= day && (!s.last || day <= *s.last)) return s.id;
        }
        return std::nullopt;
    }

    local_seconds local_start_of(const attendance_record& r) const {
        if (const auto* local = std::get_if<local_seconds>(&r.start)) return *local;
        return zone_.to_local(std::get<sys_seconds>(r.start));
    }

    std::optional<sys_seconds> instant_of(const attendance_record& r) const {
        if (const auto* instant = std::get_if<sys_seconds>(&r.start)) return *instant;
        return zone_.to_utc(std::get<local_seconds>(r.start), opts_.local_times);
    }

    void index_attendance() {
        if (!what_.attendance) return;
        for (const auto& r : what_.attendance->records) {
            records_.emplace(record_key{r.patient, r.service, local_start_of(r).time_since_epoch().count()}, &r);
        }
    }

    json schedule_resource(const schedule& s, const std::string& group, const std::string& id,
                           const std::vector<const session*>& sessions) {
        json r{{"resourceType", "Schedule"}, {"id", id}, {"active", true}};
        std::set<std::string> seen;
        json types = json::array();
        for (const session* x : sessions) {
            const std::string& svc = s.name(x->service);
            if (seen.insert(svc).second) types.push_back(service_concept(svc, 0min));
        }
        r["serviceType"] = std::move(types);
        r["actor"] = json::array({json{{"display", s.prog().name + ", group " + group}}});
        const year_month_day to{sys_days{what_.from} + days{7 * what_.weeks}};
        r["planningHorizon"] = json{{"start", date_text(what_.from)}, {"end", date_text(to)}};
        return r;
    }

    // One Slot per occurrence of a group: the sessions of every patient at that start.
    std::string add_slot(const schedule& s, const std::string& schedule_id, const std::vector<const session*>& occurrence,
                         bool stand_ins) {
        const session& first = *occurrence.front();
        const unsigned capacity = s.capacity(first.group);
        const auto booked = stand_ins ? 0u : static_cast<unsigned>(occurrence.size());
        json slot{{"resourceType", "Slot"},
                  {"id", fd::id_hash{}.add(schedule_id).add(first.utc_start.time_since_epoch().count()).id("slot")}};
        slot["extension"] = json::array(
            {json{{"url", fd::extension_url(opts_.base, "slot-capacity")}, {"valueUnsignedInt", capacity}},
             json{{"url", fd::extension_url(opts_.base, "slot-booked")}, {"valueUnsignedInt", booked}}});
        slot["serviceType"] = json::array({service_concept(s.name(first.service), first.length)});
        slot["schedule"] = reference("Schedule", schedule_id);
        slot["status"] = capacity > 0 && booked >= capacity ? "busy" : "free";
        slot["start"] = fd::instant_text(first.utc_start, zone_);
        slot["end"] = fd::instant_text(first.utc_start + first.length, zone_);
        return add(std::move(slot), slot_entries_);
    }

    void add_appointment(const schedule& s, const session& x, const std::optional<std::string>& slot_id) {
        const std::string& service = s.name(x.service);
        json a{{"resourceType", "Appointment"},
               {"id", fd::id_hash{}.add(x.patient.str()).add(service).add(x.local_start.time_since_epoch().count()).id("appt")}};
        const auto found = records_.find(record_key{x.patient, service, x.local_start.time_since_epoch().count()});
        const auto [status, why] = found == records_.end() ? std::pair<const char*, const char*>{"booked", nullptr}
                                                           : appointment_status(found->second->status);
        a["status"] = status;
        if (why) a["cancelationReason"] = json{{"text", why}};
        a["serviceType"] = json::array({service_concept(service, x.length)});
        a["start"] = fd::instant_text(x.utc_start, zone_);
        a["end"] = fd::instant_text(x.utc_start + x.length, zone_);
        a["minutesDuration"] = x.length.count();
        if (slot_id) a["slot"] = json::array({reference("Slot", *slot_id)});
        json people = json::array({json{{"actor", patient(x.patient)}, {"status", "accepted"}}});
        if (x.facilitator != no_index) {
            people.push_back(json{{"actor", json{{"display", s.name(x.facilitator)}}}, {"status", "accepted"}});
        }
        a["participant"] = std::move(people);
        const std::string id = add(std::move(a), appointment_entries_);
        appointments_.emplace(record_key{x.patient, service, x.local_start.time_since_epoch().count()}, id);
    }

    // A schedule without enrollments still has its groups' sessions: expand a copy with one
    // stand-in patient per group (and none of their Appointments) for the Slots.
    static schedule with_stand_ins(const schedule& s, year_month_day from, unsigned weeks) {
        schedule copy(s.prog());
        enroll_stand_ins(copy, from, weeks);
        return copy;
    }

    void add_schedule() {
        index_attendance();
        if (!what_.program_schedule) return;
        const bool stand_ins = what_.program_schedule->enrolled().empty();
        const schedule s = stand_ins ? with_stand_ins(*what_.program_schedule, what_.from, what_.weeks) : *what_.program_schedule;
        const year_month_day to{sys_days{what_.from} + days{7 * what_.weeks}};
        const expansion x = s.expand(what_.from, to, opts_.local_times);
        // Group occurrences: every patient's session of one group at one start.
        std::map<std::pair<std::uint16_t, std::int64_t>, std::vector<const session*>> occurrences;
        std::map<std::uint16_t, std::vector<const session*>> by_group;
        for (const auto& v : x.sessions) {
            if (v.group == no_index) continue;
            occurrences[{v.group, v.local_start.time_since_epoch().count()}].push_back(&v);
            by_group[v.group].push_back(&v);
        }
        std::map<std::pair<std::uint16_t, std::int64_t>, std::string> slot_of;
        for (const auto& [group, sessions] : by_group) {
            const std::string schedule_id = fd::id_hash{}.add(s.prog().name).add(s.name(group)).id("sched");
            add(schedule_resource(s, s.name(group), schedule_id, sessions), schedule_entries_);
            for (const auto& [key, occurrence] : occurrences) {
                if (key.first == group) slot_of[key] = add_slot(s, schedule_id, occurrence, stand_ins);
            }
        }
        if (stand_ins) return;
        for (const auto& v : x.sessions) {
            const auto slot = slot_of.find({v.group, v.local_start.time_since_epoch().count()});
            add_appointment(s, v, slot == slot_of.end() ? std::nullopt : std::optional<std::string>(slot->second));
        }
    }

    void add_encounter(const attendance_record& r, sys_seconds start) {
        const seconds attended = r.attended_time();
        const auto length = duration_cast<minutes>(attended);
        json e{{"resourceType", "Encounter"},
               {"id", fd::id_hash{}.add(r.patient.str()).add(r.service).add(start.time_since_epoch().count()).id("enc")}};
        e["status"] = "finished";
        e["class"] = json{{"system", fd::act_code_system}, {"code", "AMB"}, {"display", "ambulatory"}};
        e["type"] = json::array({service_concept(r.service, length)});
        e["serviceType"] = service_concept(r.service, length);
        e["subject"] = patient(r.patient);
        const local_seconds local = local_start_of(r);
        if (auto ep = episode_for(r.patient, sys_days{floor<days>(local.time_since_epoch())})) {
            e["episodeOfCare"] = json::array({reference("EpisodeOfCare", *ep)});
        }
        const auto appt = appointments_.find(record_key{r.patient, r.service, local.time_since_epoch().count()});
        if (appt != appointments_.end()) e["appointment"] = json::array({reference("Appointment", appt->second)});
        e["period"] = json{{"start", fd::instant_text(start, zone_)}, {"end", fd::instant_text(start + attended, zone_)}};
        e["length"] = json{{"value", length.count()}, {"unit", "min"}, {"system", fd::ucum_system}, {"code", "min"}};
        add(std::move(e), encounter_entries_);
    }

    // Encounters for attended and partial records; a record whose local start has no instant
    // (skipped by the DST policy) has none, as validation would reject it.
    void add_encounters() {
        if (!what_.attendance) return;
        for (const auto& r : what_.attendance->records) {
            if (r.status != attendance_status::attended && r.status != attendance_status::partial) continue;
            if (auto start = instant_of(r)) add_encounter(r, *start);
        }
    }

    fhir_bundle finish() {
        if (counts_.empty()) {
            throw error(errc::invalid_argument, "fhir_export", "", "nothing to export: give episodes, a schedule or attendance");
        }
        json entries = json::array();
        for (auto* group : {&patient_entries_, &episode_entries_, &schedule_entries_, &slot_entries_,
                            &appointment_entries_, &encounter_entries_}) {
            for (auto& resource : *group) entries.push_back(entry(std::move(resource)));
        }
        json bundle{{"resourceType", "Bundle"}, {"type", std::string(to_string(opts_.bundle))}};
        bundle["entry"] = std::move(entries);
        return fhir_bundle{detail::dump_text(bundle, 2), counts_};
    }

    json entry(json resource) const {
        const std::string path = std::string(resource["resourceType"]) + "/" + std::string(resource["id"]);
        json e;
        if (!opts_.server_base.empty()) e["fullUrl"] = opts_.server_base + "/" + path;
        e["resource"] = std::move(resource);
        if (opts_.bundle == fhir_bundle_type::transaction) e["request"] = json{{"method", "PUT"}, {"url", path}};
        return e;
    }

    const fhir_export& what_;
    const fhir_options& opts_;
    const service_catalog& services_;
    time_zone zone_;
    std::set<std::string> ids_;
    fhir_counts counts_;
    std::map<patient_id, std::string> patients_;  // iopcare patient id -> FHIR id
    std::map<patient_id, std::string> names_;     // display names from the enrollments
    std::vector<episode_span> spans_;
    std::map<record_key, const attendance_record*> records_;
    std::map<record_key, std::string> appointments_;
    std::vector<json> patient_entries_, episode_entries_, schedule_entries_, slot_entries_, appointment_entries_,
        encounter_entries_;
};

}  // namespace

fhir_bundle to_fhir_bundle(const fhir_export& what, const fhir_options& options) {
    return bundle_builder(what, options).build();
}

}  // namespace iopcare::io
