// The validation report as JSON, CSV and text (moved here from the tool, so hosts print the same).
// Each writer streams: it appends to a buffer that goes to the output a block at a time, so a
// report of a million records is never held whole; the string forms collect the same bytes.
// The JSON is written by hand in exactly the layout nlohmann's dump gave (the key order, the
// indentation, its shortest round-trip numbers, its escapes), so reports did not change.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <ostream>
#include <vector>

#include <nlohmann/json.hpp>

#include "detail/text.hpp"
#include "io/json_reader.hpp"
#include "iopcare/io/validation.hpp"
#include "iopcare/text.hpp"

namespace iopcare::io {

namespace {

using namespace std::chrono;

// Where a writer's bytes go: a stream, a block at a time, or (without one) a string kept whole.
class report_out {
public:
    explicit report_out(std::ostream* os) : os_(os) {}
    ~report_out() = default;
    report_out(const report_out&) = delete;
    report_out& operator=(const report_out&) = delete;

    void put(std::string_view s) {
        buf_.append(s);
        if (os_ != nullptr && buf_.size() >= block) flush();
    }
    void put(char c) { buf_.push_back(c); }
    // Text from the input or the rules for a person (escape_text); printable ASCII without a
    // backslash, by far the usual case, is escaped as it is and needs no copy.
    void put_escaped(std::string_view s) {
        const bool plain = std::all_of(s.begin(), s.end(), [](char c) { return c >= 0x20 && c < 0x7F && c != '\\'; });
        if (plain) put(s);
        else put(escape_text(s));
    }
    // A whole number, without a string of its own.
    void put_number(std::uint64_t n) {
        char digits[24];
        const auto end = std::to_chars(digits, digits + sizeof digits, n).ptr;
        buf_.append(digits, end);
    }
    // Hours with two decimals, right-aligned in `width` (printf's "%*.2f", correctly rounded).
    void put_hours(double h, int width = 0) {
        char digits[64];
        const auto end = std::to_chars(digits, digits + sizeof digits, h, std::chars_format::fixed, 2).ptr;
        for (auto n = end - digits; n < width; ++n) buf_.push_back(' ');
        buf_.append(digits, end);
    }
    void flush() {
        if (os_ == nullptr) return;
        os_->write(buf_.data(), static_cast<std::streamsize>(buf_.size()));
        buf_.clear();
    }
    std::string take() { return std::move(buf_); }

private:
    static constexpr std::size_t block = std::size_t{1} << 16;
    std::ostream* os_;
    std::string buf_;
};

// format_date's "2026-03-02" without printf: a report writes one for every week and day.
std::string day_text(local_days d) {
    const year_month_day ymd{sys_days{d.time_since_epoch()}};
    const int y = static_cast<int>(ymd.year());
    if (y < 0 || y > 9999 || !ymd.ok()) return format_date(ymd);
    const auto m = static_cast<unsigned>(ymd.month());
    const auto day = static_cast<unsigned>(ymd.day());
    std::string s = "0000-00-00";
    for (int i = 3, v = y; i >= 0; --i, v /= 10) s[static_cast<std::size_t>(i)] = static_cast<char>('0' + v % 10);
    s[5] = static_cast<char>('0' + m / 10);
    s[6] = static_cast<char>('0' + m % 10);
    s[8] = static_cast<char>('0' + day / 10);
    s[9] = static_cast<char>('0' + day % 10);
    return s;
}

double rounded_hours(double h) { return std::round(h * 10000.0) / 10000.0; }

// Text that JSON can hold as it is: printable ASCII or UTF-8, no quote, backslash or control.
bool plain_json_text(std::string_view s) noexcept {
    bool ascii = true;
    for (const char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || c == '"' || c == '\\') return false;
        ascii = ascii && u < 0x80;
    }
    return ascii || invalid_utf8_at(s) == std::string_view::npos;
}

// A JSON writer laid out as nlohmann's dump(indent) lays a document out: one member or element
// a line, `indent` spaces a level, "{}" and "[]" when empty; compact when indent < 0.
class json_out {
public:
    json_out(report_out& out, int indent) : out_(out), indent_(indent) {}

    void begin_object() { open('{'); }
    void end_object() { close('}'); }
    void begin_array() { open('['); }
    void end_array() { close(']'); }
    void key(std::string_view k) {
        item();
        string_value(k);
        out_.put(indent_ >= 0 ? ": " : ":");
        after_key_ = true;
    }
    void value(std::string_view s) {
        item();
        string_value(s);
    }
    void value(const char* s) { value(std::string_view(s)); }
    void value(bool b) {
        item();
        out_.put(b ? "true" : "false");
    }
    void value(std::uint64_t n) {
        item();
        out_.put_number(n);
    }
    void value(unsigned n) { value(static_cast<std::uint64_t>(n)); }
    void value(double x) {
        item();
        if (!std::isfinite(x)) return out_.put("null");
        // nlohmann's own shortest round-trip formatting (its dump uses this very function), so
        // every number reads as it did.
        char digits[64];
        const char* end = nlohmann::detail::to_chars(digits, digits + sizeof digits, x);
        out_.put(std::string_view(digits, static_cast<std::size_t>(end - digits)));
    }
    template <class T>
    void member(std::string_view k, const T& v) {
        key(k);
        value(v);
    }

private:
    void open(char c) {
        item();
        out_.put(c);
        ++depth_;
        first_ = true;
    }
    void close(char c) {
        --depth_;
        if (!first_) newline(depth_);
        out_.put(c);
        first_ = false;
    }
    // Before a member or an element: the comma and line break, unless a key was just written.
    void item() {
        if (after_key_) {
            after_key_ = false;
            return;
        }
        if (depth_ == 0) return;
        if (!first_) out_.put(',');
        newline(depth_);
        first_ = false;
    }
    void newline(int depth) {
        if (indent_ < 0) return;
        out_.put('\n');
        for (int i = 0; i < depth * indent_; ++i) out_.put(' ');
    }
    void string_value(std::string_view s) {
        if (plain_json_text(s)) {
            out_.put('"');
            out_.put(s);
            out_.put('"');
            return;
        }
        // Escapes and bytes that are not UTF-8 (replaced by U+FFFD): nlohmann's rules, by nlohmann.
        out_.put(detail::dump_text(nlohmann::json(std::string(s)), -1));
    }

    report_out& out_;
    int indent_;
    int depth_ = 0;
    bool first_ = true;
    bool after_key_ = false;
};

void write_violations(json_out& j, const week_result& w) {
    j.key("violations");
    j.begin_array();
    for (const auto& v : w.violations) {
        j.begin_object();
        j.member("code", v.code);
        j.member("message", v.message);
        j.member("source", v.source);
        if (!v.subject.empty()) j.member("subject", v.subject);
        if (v.allowed) j.member("allowed", true);
        j.end_object();
    }
    j.end_array();
}

void write_week_json(json_out& j, const week_result& w, const rule_set& rules) {
    j.begin_object();
    j.member("week_start", day_text(w.week_start));
    j.member("hours", rounded_hours(w.hours()));
    j.member("qualifying_days", w.qualifying_days);
    j.member("status", to_string(w.status));
    j.member("counted_sessions", w.counted_sessions);
    j.member("days_in_span", w.days_in_span);
    if (w.admission_week) j.member("admission_week", true);
    if (w.discharge_week) j.member("discharge_week", true);
    if (w.closed_days > 0) j.member("closed_days", w.closed_days);
    j.member("compliant", w.compliant);
    if (!rules.day_tiers.empty()) {
        j.key("days");
        j.begin_array();
        for (const auto& d : w.days) {
            j.begin_object();
            j.member("date", day_text(d.date));
            j.member("services", d.services);
            j.member("hours", rounded_hours(d.hours()));
            j.member("tier", d.tier);
            j.end_object();
        }
        j.end_array();
    }
    write_violations(j, w);
    j.end_object();
}

void write_patient_json(json_out& j, const patient_result& p, const rule_set& rules) {
    j.begin_object();
    j.member("patient", p.patient.str());
    j.key("weeks");
    j.begin_array();
    for (const auto& w : p.weeks) write_week_json(j, w, rules);
    j.end_array();
    j.member("weeks_checked", p.weeks_checked);
    j.member("weeks_met", p.weeks_met);
    j.member("longest_failing_run", p.longest_failing_run);
    j.member("consider_step_down", p.consider_step_down);
    j.member("consider_higher_level", p.consider_higher_level);
    if (!p.review.empty()) j.member("review", p.review);
    j.key("overlaps");
    j.begin_array();
    for (const auto& o : p.overlaps) {
        j.begin_object();
        j.key("records");
        j.begin_array();
        j.value(static_cast<std::uint64_t>(o.first));
        j.value(static_cast<std::uint64_t>(o.second));
        j.end_array();
        j.member("minutes", static_cast<double>(o.time.count()) / 60.0);
        j.end_object();
    }
    j.end_array();
    j.end_object();
}

// Days per tier by label; a label given twice keeps its first place and its last count, as a
// JSON object assigned key by key would.
void write_day_tiers(json_out& j, const validation_report& r) {
    std::vector<std::pair<std::string_view, std::size_t>> tiers;
    for (const auto& t : r.day_tiers) {
        auto it = std::find_if(tiers.begin(), tiers.end(), [&](const auto& x) { return x.first == t.label; });
        if (it == tiers.end()) tiers.emplace_back(t.label, t.days);
        else it->second = t.days;
    }
    j.key("day_tiers");
    j.begin_object();
    for (const auto& [label, days] : tiers) j.member(label, static_cast<std::uint64_t>(days));
    j.end_object();
}

void write_summary_json(json_out& j, const validation_report& r) {
    j.key("summary");
    j.begin_object();
    j.member("patients", static_cast<std::uint64_t>(r.patients.size()));
    j.key("patient_weeks");
    j.begin_object();
    j.member("meets", static_cast<std::uint64_t>(r.weeks.meets));
    j.member("below_minimum", static_cast<std::uint64_t>(r.weeks.below_minimum));
    j.member("above_maximum", static_cast<std::uint64_t>(r.weeks.above_maximum));
    j.member("exempt", static_cast<std::uint64_t>(r.weeks.exempt));
    j.end_object();
    if (!r.day_tiers.empty()) write_day_tiers(j, r);
    j.member("records", static_cast<std::uint64_t>(r.records));
    j.member("records_counted", static_cast<std::uint64_t>(r.records_counted));
    j.member("overlaps", static_cast<std::uint64_t>(r.overlaps));
    j.key("rejected");
    j.begin_array();
    for (const auto& x : r.rejected) {
        j.begin_object();
        j.member("record", static_cast<std::uint64_t>(x.index));
        j.member("field", x.field);
        j.member("value", x.value);
        j.member("reason", x.reason);
        j.end_object();
    }
    j.end_array();
    if (!r.not_checked.empty()) {  // only when a check could not run: other reports keep their bytes
        j.key("not_checked");
        j.begin_array();
        for (const auto& u : r.not_checked) {
            j.begin_object();
            j.member("check", u.check);
            j.member("reason", u.reason);
            j.end_object();
        }
        j.end_array();
    }
    j.end_object();
}

void json_report(report_out& out, const validation_report& r, const rule_set& rules, int indent) {
    json_out j(out, indent);
    j.begin_object();
    j.member("rule_set", r.rule_set);
    j.member("source", rules.source);
    j.key("patients");
    j.begin_array();
    for (const auto& p : r.patients) write_patient_json(j, p, rules);
    j.end_array();
    write_summary_json(j, r);
    j.end_object();
    out.flush();
}

// Days of the week at each tier, in the report's tier order.
std::vector<std::size_t> tier_counts(const week_result& w, const validation_report& r) {
    std::vector<std::size_t> n(r.day_tiers.size(), 0);
    for (const auto& d : w.days)
        for (std::size_t k = 0; k < r.day_tiers.size(); ++k)
            if (r.day_tiers[k].label == d.tier) ++n[k];
    return n;
}

void csv_report(report_out& out, const validation_report& r) {
    out.put("patient,week_start,hours,qualifying_days,status,violations,compliant");
    for (const auto& t : r.day_tiers) {
        out.put(',');
        out.put(csv_field(t.label));
    }
    out.put("\r\n");
    std::string codes;
    for (const auto& p : r.patients) {
        const std::string patient = csv_field(p.patient.str());
        for (const auto& w : p.weeks) {
            codes.clear();
            for (const auto& v : w.violations) (codes += codes.empty() ? "" : ";") += v.code;
            out.put(patient);
            out.put(',');
            out.put(day_text(w.week_start));
            out.put(',');
            out.put_hours(w.hours());
            out.put(',');
            out.put_number(w.qualifying_days);
            out.put(',');
            out.put(to_string(w.status));
            out.put(',');
            out.put(csv_field(codes));
            out.put(w.compliant ? ",true" : ",false");
            if (!r.day_tiers.empty()) {
                for (const auto n : tier_counts(w, r)) {
                    out.put(',');
                    out.put_number(n);
                }
            }
            out.put("\r\n");
        }
    }
    out.flush();
}

// "  week of 2026-03-02   10.00 h  3 qualifying days  meets" and what explains it.
void text_week(report_out& out, const week_result& w) {
    out.put("  week of ");
    out.put(day_text(w.week_start));
    out.put("  ");
    out.put_hours(w.hours(), 6);
    out.put(" h  ");
    out.put_number(w.qualifying_days);
    out.put(" qualifying days  ");
    out.put(to_string(w.status));
    out.put('\n');
    for (const auto& v : w.violations) {
        out.put("    ");
        out.put(v.code);
        if (v.allowed) out.put(" (within the step-down allowance)");
        out.put(": ");
        out.put_escaped(v.message);
        out.put('\n');
    }
    for (const auto& d : w.days) {
        out.put("    ");
        out.put(day_text(d.date));
        out.put("  ");
        out.put_number(d.services);
        out.put(d.services == 1 ? " service   " : " services  ");
        out.put_hours(d.hours());
        out.put(" h  ");
        out.put(d.tier);
        out.put('\n');
    }
}

void text_patient(report_out& out, const patient_result& p) {
    out.put("\npatient ");
    out.put_escaped(p.patient.str());
    out.put(": ");
    out.put_number(p.weeks_met);
    out.put(" of ");
    out.put_number(p.weeks_checked);
    out.put(" checked weeks meet the rules");
    if (p.longest_failing_run > 0) {
        out.put("; longest failing run ");
        out.put_number(p.longest_failing_run);
        out.put(p.longest_failing_run == 1 ? " week" : " weeks");
    }
    out.put('\n');
    for (const auto& w : p.weeks) text_week(out, w);
    if (!p.review.empty()) {
        out.put("  review: ");
        out.put_escaped(p.review);
        out.put('\n');
    }
    for (const auto& o : p.overlaps) {
        out.put("  overlap: records ");
        out.put_number(o.first);
        out.put(" and ");
        out.put_number(o.second);
        out.put(" share " + std::to_string(o.time.count() / 60) + " min, counted once\n");
    }
}

void text_summary(report_out& out, const validation_report& r) {
    using iopcare::detail::printf_string;
    out.put(printf_string(
        "\nsummary: %zu patients, %zu patient-weeks: %zu meet, %zu below the minimum, %zu above the maximum, %zu exempt\n",
        r.patients.size(), r.weeks.total(), r.weeks.meets, r.weeks.below_minimum, r.weeks.above_maximum, r.weeks.exempt));
    if (!r.day_tiers.empty()) {
        std::string tiers;
        for (const auto& t : r.day_tiers) tiers += (tiers.empty() ? "" : ", ") + std::to_string(t.days) + " " + t.label;
        out.put("day tiers: " + tiers + "\n");
    }
    out.put(printf_string("records: %zu read, %zu counted, %zu rejected, %zu overlapping pairs\n", r.records,
                          r.records_counted, r.rejected.size(), r.overlaps));
    for (const auto& x : r.rejected) {
        out.put("  rejected record " + std::to_string(x.index) + " (" + x.field +
                (x.value.empty() ? "" : " = " + escape_text(x.value)) + "): " + escape_text(x.reason) + "\n");
    }
    for (const auto& u : r.not_checked) out.put("not checked: " + u.check + ": " + escape_text(u.reason) + "\n");
}

// Ids, names and values from the input go through escape_text: a newline or a control
// character in them must not make a line of its own.
void text_report(report_out& out, const validation_report& r, const rule_set& rules) {
    out.put("rules: " + escape_text(rules.id) +
            (rules.name.empty() || rules.name == rules.id ? "" : " — " + escape_text(rules.name)) + "\n");
    if (!rules.source.empty()) out.put("source: " + escape_text(rules.source) + "\n");
    for (const auto& p : r.patients) text_patient(out, p);
    text_summary(out, r);
    out.flush();
}

}  // namespace

void write_validation_json(std::ostream& os, const validation_report& r, const rule_set& rules, int indent) {
    report_out out(&os);
    json_report(out, r, rules, indent);
}

void write_validation_csv(std::ostream& os, const validation_report& r) {
    report_out out(&os);
    csv_report(out, r);
}

void write_validation_text(std::ostream& os, const validation_report& r, const rule_set& rules) {
    report_out out(&os);
    text_report(out, r, rules);
}

std::string validation_to_json(const validation_report& r, const rule_set& rules, int indent) {
    report_out out(nullptr);
    json_report(out, r, rules, indent);
    return out.take();
}

std::string validation_to_csv(const validation_report& r) {
    report_out out(nullptr);
    csv_report(out, r);
    return out.take();
}

std::string validation_to_text(const validation_report& r, const rule_set& rules) {
    report_out out(nullptr);
    text_report(out, r, rules);
    return out.take();
}

}  // namespace iopcare::io
