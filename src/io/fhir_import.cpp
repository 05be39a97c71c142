// FHIR R4 import: Encounters (and the EpisodeOfCares they point to) as attendance records and
// enrollments, so an EHR's FHIR data can be validated as it is.
#include <algorithm>
#include <map>
#include <set>

#include "iopcare/io/fhir.hpp"
#include "io/fhir_common.hpp"
#include "io/json_reader.hpp"

namespace iopcare::io {

using namespace std::chrono;
using detail::json;
namespace fd = fhir_detail;

namespace {

// Finds a depth-1 key of the first JSON value and stops: "resourceType" means FHIR, iopcare's
// own "format" means not. Reading stops there, so a large Bundle is not parsed twice.
class first_keys : public nlohmann::json_sax<json> {
public:
    bool fhir = false;
    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t&) override { return true; }
    bool string(string_t&) override { return true; }
    bool binary(binary_t&) override { return true; }
    bool start_object(std::size_t) override {
        ++depth_;
        return true;
    }
    bool end_object() override { return --depth_ > 0; }  // the first value is over: stop
    bool start_array(std::size_t) override { return ++depth_ > 1; }  // a top-level array is not FHIR
    bool end_array() override {
        --depth_;
        return true;
    }
    bool key(string_t& k) override {
        if (depth_ != 1) return true;
        if (k == "resourceType") fhir = true;
        return k != "resourceType" && k != "format";
    }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override { return false; }

private:
    int depth_ = 0;
};

// A field of a FHIR object, checked for its JSON type; nullptr when absent.
const json* field(const json& object, std::string_view key, json::value_t type, const std::string& path,
                  std::string_view expected) {
    const auto it = object.find(key);
    if (it == object.end()) return nullptr;
    const bool ok = it->type() == type || (type == json::value_t::number_float && it->is_number());
    if (!ok) detail::wrong_type(path + "/" + std::string(key), *it, expected);
    return &*it;
}

const json& required(const json& object, std::string_view key, json::value_t type, const std::string& path,
                     std::string_view expected) {
    if (const json* v = field(object, key, type, path, expected)) return *v;
    throw error(errc::missing_field, path + "/" + std::string(key), "", "required field '" + std::string(key) + "' is missing");
}

std::string text_of(const json& object, std::string_view key, const std::string& path) {
    const json* v = field(object, key, json::value_t::string, path, "a string");
    return v ? v->get<std::string>() : std::string{};
}

// "Patient/e1" -> "e1"; a reference without a '/' is kept whole.
std::string id_part(const std::string& reference) {
    const auto slash = reference.rfind('/');
    return slash == std::string::npos ? reference : reference.substr(slash + 1);
}

std::string referenced_id(const json& resource, std::string_view key, const std::string& path) {
    const json& ref = required(resource, key, json::value_t::object, path, "a Reference");
    const std::string where = path + "/" + std::string(key);
    const json& text = required(ref, "reference", json::value_t::string, where, "a string");
    return id_part(text.get<std::string>());
}

sys_seconds read_instant(const json& v, const std::string& path) {
    const std::string text = detail::object_reader::as_string(v, path);
    const auto t = parse_iso_datetime(text);
    if (!t || !t->instant()) {
        throw error(errc::parse_error, path, text, "expected an instant with a time and a UTC offset, e.g. 2026-03-02T18:00:00-05:00");
    }
    return *t->instant();
}

year_month_day read_day(const json& v, const std::string& path) {
    const std::string text = detail::object_reader::as_string(v, path);
    const auto d = parse_iso_date(text.substr(0, 10));
    if (!d) throw error(errc::parse_error, path, text, "expected a date as YYYY-MM-DD");
    return *d;
}

// Minutes of a Duration: "min", "h" or "s" (UCUM codes).
seconds read_length(const json& length, const std::string& path) {
    const double value = detail::object_reader::as_number(required(length, "value", json::value_t::number_float, path, "a number"),
                                                          path + "/value");
    std::string unit = text_of(length, "code", path);
    if (unit.empty()) unit = text_of(length, "unit", path);
    const double per = unit == "min" ? 60.0 : unit == "h" ? 3600.0 : unit == "s" ? 1.0 : -1.0;
    if (per < 0 || value < 0) throw error(errc::invalid_record, path, unit, "expected a non-negative length in min, h or s");
    return seconds{static_cast<std::int64_t>(value * per + 0.5)};
}

class importer {
public:
    importer(const time_zone& zone, const fhir_options& o, const service_catalog& services)
        : opts_(o), services_(services) {
        out_.file.zone = zone;
    }

    void resource(const json& r, const std::string& path) {
        if (!r.is_object()) detail::wrong_type(path, r, "a FHIR resource (an object)");
        const std::string type = required(r, "resourceType", json::value_t::string, path, "a string").get<std::string>();
        if (type == "Encounter") {
            encounter(r, path);
        } else if (type == "EpisodeOfCare") {
            episodes_.emplace("EpisodeOfCare/" + text_of(r, "id", path), std::make_pair(&r, path));
        } else {
            ++out_.ignored[type];
        }
    }

    fhir_attendance finish() {
        join_episodes();
        return std::move(out_);
    }

private:
    std::optional<std::string> service_of_coding(const json& coding, const std::string& path) const {
        const std::string system = text_of(coding, "system", path);
        const std::string code = text_of(coding, "code", path);
        if (system == fd::service_system(opts_.base)) {
            if (const service* s = services_.find(code)) return s->id.str();
        }
        if (const service* s = services_.find_by_billing_code(system, code)) return s->id.str();
        return std::nullopt;
    }

    // The service: the first mappable coding of serviceType, then of type; unmappable, the
    // first coding's "SYSTEM|CODE", which validation rejects naming it.
    std::string service_of(const json& r, const std::string& path) const {
        std::vector<std::pair<const json*, std::string>> codings;
        auto collect = [&](const json& codeable, const std::string& where) {
            if (!codeable.is_object()) detail::wrong_type(where, codeable, "a CodeableConcept");
            if (const json* list = field(codeable, "coding", json::value_t::array, where, "an array of Codings")) {
                for (std::size_t i = 0; i < list->size(); ++i) codings.emplace_back(&(*list)[i], where + "/coding/" + std::to_string(i));
            }
        };
        if (const json* st = field(r, "serviceType", json::value_t::object, path, "a CodeableConcept")) collect(*st, path + "/serviceType");
        if (const json* types = field(r, "type", json::value_t::array, path, "an array of CodeableConcepts")) {
            for (std::size_t i = 0; i < types->size(); ++i) collect((*types)[i], path + "/type/" + std::to_string(i));
        }
        for (const auto& [coding, where] : codings) {
            if (!coding->is_object()) detail::wrong_type(where, *coding, "a Coding");
            if (auto s = service_of_coding(*coding, where)) return *s;
        }
        if (codings.empty()) return {};
        return text_of(*codings.front().first, "system", codings.front().second) + "|" +
               text_of(*codings.front().first, "code", codings.front().second);
    }

    void encounter(const json& r, const std::string& path) {
        const std::string status = required(r, "status", json::value_t::string, path, "a string").get<std::string>();
        if (status == "entered-in-error") {
            ++out_.entered_in_error;
            return;
        }
        if (status != "finished" && status != "cancelled") {
            ++out_.not_finished[status];
            return;
        }
        attendance_record rec;
        rec.patient = patient_id(referenced_id(r, "subject", path));
        rec.service = service_of(r, path);
        const json& period = required(r, "period", json::value_t::object, path, "a Period");
        const sys_seconds start = read_instant(required(period, "start", json::value_t::string, path + "/period", "an instant"),
                                               path + "/period/start");
        rec.start = start;
        if (const json* end = field(period, "end", json::value_t::string, path + "/period", "an instant")) {
            rec.scheduled = read_instant(*end, path + "/period/end") - start;
            if (rec.scheduled < seconds{0}) {
                throw error(errc::invalid_record, path + "/period/end", end->get<std::string>(), "the period ends before it starts");
            }
        } else if (const json* length = field(r, "length", json::value_t::object, path, "a Duration")) {
            rec.scheduled = read_length(*length, path + "/length");
        } else if (status == "finished") {
            throw error(errc::missing_field, path + "/period/end", "", "a finished Encounter needs period.end or length");
        }
        rec.status = status == "finished" ? attendance_status::attended : attendance_status::absent;
        if (const json* refs = field(r, "episodeOfCare", json::value_t::array, path, "an array of References")) {
            for (const auto& ref : *refs) {
                if (ref.is_object() && ref.contains("reference") && ref["reference"].is_string()) {
                    referenced_.insert("EpisodeOfCare/" + id_part(ref["reference"].get<std::string>()));
                }
            }
        }
        out_.file.log.records.push_back(std::move(rec));
    }

    std::string level_of(const json& r, const std::string& path) const {
        const json* types = field(r, "type", json::value_t::array, path, "an array of CodeableConcepts");
        if (types == nullptr) return {};
        for (const auto& codeable : *types) {
            if (!codeable.is_object() || !codeable.contains("coding") || !codeable["coding"].is_array()) continue;
            for (const auto& coding : codeable["coding"]) {
                if (!coding.is_object()) continue;
                const std::string system = coding.value("system", "");
                if (system == fd::level_system(opts_.base, edition::asam3) || system == fd::level_system(opts_.base, edition::asam4)) {
                    return coding.value("code", "");
                }
            }
        }
        return {};
    }

    // One enrollment per patient from the EpisodeOfCares the Encounters point to.
    void join_episodes() {
        std::map<patient_id, enrollment_period> by_patient;
        for (const auto& [key, found] : episodes_) {
            const auto& [r, path] = found;
            if (referenced_.count(key) == 0) {
                ++out_.ignored["EpisodeOfCare"];
                continue;
            }
            enrollment_period e;
            e.patient = patient_id(referenced_id(*r, "patient", path));
            e.level = level_of(*r, path);
            const json& period = required(*r, "period", json::value_t::object, path, "a Period");
            e.admitted = read_day(required(period, "start", json::value_t::string, path + "/period", "a date"), path + "/period/start");
            if (const json* end = field(period, "end", json::value_t::string, path + "/period", "a date")) {
                e.discharged = read_day(*end, path + "/period/end");
            }
            join(by_patient, std::move(e));
        }
        for (auto& [patient, e] : by_patient) out_.file.log.enrollments.push_back(std::move(e));
    }

    static void join(std::map<patient_id, enrollment_period>& by_patient, enrollment_period e) {
        auto [it, inserted] = by_patient.try_emplace(e.patient, e);
        if (inserted) return;
        enrollment_period& j = it->second;
        if (sys_days{e.admitted} >= sys_days{j.admitted}) j.level = e.level;  // the latest stay's level
        j.admitted = std::min(j.admitted, e.admitted);
        j.discharged = (!j.discharged || !e.discharged) ? std::nullopt : std::optional(std::max(*j.discharged, *e.discharged));
    }

    const fhir_options& opts_;
    const service_catalog& services_;
    fhir_attendance out_;
    std::map<std::string, std::pair<const json*, std::string>> episodes_;  // "EpisodeOfCare/id" -> resource
    std::set<std::string> referenced_;
};

// NDJSON: more than one line, the first a whole JSON object.
bool is_ndjson(std::string_view text) {
    const auto first_end = text.find('\n');
    if (first_end == std::string_view::npos) return false;
    const std::string_view rest = text.substr(first_end + 1);
    return rest.find_first_not_of(" \t\r\n") != std::string_view::npos && json::accept(text.substr(0, first_end));
}

}  // namespace

bool looks_like_fhir(std::string_view text) noexcept {
    try {
        first_keys probe;
        const std::string_view first_line = text.substr(0, text.find('\n'));
        const std::string_view start = is_ndjson(text) ? first_line : text;
        json::sax_parse(start.begin(), start.end(), &probe);
        return probe.fhir;
    } catch (...) {
        return false;
    }
}

fhir_attendance parse_fhir_attendance(std::string_view text, const time_zone& zone, std::string_view source,
                                      const fhir_options& options, const service_catalog* services) {
    importer in(zone, options, services ? *services : service_catalog::standard());
    std::vector<json> documents;
    if (is_ndjson(text)) {
        std::size_t offset = 0, n = 0;
        while (offset < text.size()) {
            const auto end = std::min(text.find('\n', offset), text.size());
            const std::string_view line = text.substr(offset, end - offset);
            if (line.find_first_not_of(" \t\r") != std::string_view::npos) {
                documents.push_back(detail::parse(line, std::string(source) + " line " + std::to_string(n + 1)));
            }
            offset = end + 1;
            ++n;
        }
        for (std::size_t i = 0; i < documents.size(); ++i) in.resource(documents[i], "/" + std::to_string(i));
        return in.finish();
    }
    documents.push_back(detail::parse(text, source));
    const json& root = documents.front();
    if (!root.is_object()) detail::wrong_type("/", root, "a FHIR Bundle or resource");
    if (root.value("resourceType", "") != "Bundle") {
        in.resource(root, "");
        return in.finish();
    }
    if (const json* entries = field(root, "entry", json::value_t::array, "", "an array of entries")) {
        for (std::size_t i = 0; i < entries->size(); ++i) {
            const std::string path = "/entry/" + std::to_string(i);
            const json& entry = (*entries)[i];
            if (!entry.is_object()) detail::wrong_type(path, entry, "a Bundle entry (an object)");
            in.resource(required(entry, "resource", json::value_t::object, path, "a resource"), path + "/resource");
        }
    }
    return in.finish();
}

}  // namespace iopcare::io
