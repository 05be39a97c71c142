// The validation report as JSON, CSV and text (moved here from the tool, so hosts print the same).
// Each writer streams: it appends to a buffer that goes to the output a block at a time, so a
// report of a million records is never held whole; the string forms collect the same bytes.
// The JSON is written by hand in exactly the layout nlohmann's dump gave (the key order, the
// indentation, its shortest round-trip numbers, its escapes), so reports did not change.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <ostream>
#include <span>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <nlohmann/json.hpp>

#include "detail/bytes.hpp"
#include "detail/text.hpp"
#include "io/json_reader.hpp"
#include "iopcare/io/validation.hpp"
#include "iopcare/text.hpp"

namespace iopcare::io {

namespace {

using namespace std::chrono;

// Where a writer's bytes go: a stream, a block at a time, or (without one) a string kept whole.
// The bytes are copied into room made ahead, `used_` bytes of it written: a report is tens of
// millions of small pieces, and a string's append checks and grows its size for each.
class report_out {
public:
    explicit report_out(std::ostream* os) : os_(os) { buf_.resize(block + slack); }
    ~report_out() = default;
    report_out(const report_out&) = delete;
    report_out& operator=(const report_out&) = delete;

    void put(std::string_view s) {
        char* at = room(s.size());
        std::memcpy(at, s.data(), s.size());
        used_ += s.size();
        if (used_ >= block) flush();
    }
    void put(char c) {
        *room(1) = c;
        ++used_;
    }
    // `s` between double quotes.
    void put_quoted(std::string_view s) {
        char* at = room(s.size() + 2);
        at[0] = '"';
        std::memcpy(at + 1, s.data(), s.size());
        at[s.size() + 1] = '"';
        used_ += s.size() + 2;
        if (used_ >= block) flush();
    }
    // Text from the input or the rules for a person (escape_text); printable ASCII without a
    // backslash, by far the usual case, is escaped as it is and needs no copy.
    void put_escaped(std::string_view s) {
        const bool plain = std::all_of(s.begin(), s.end(), [](char c) { return c >= 0x20 && c < 0x7F && c != '\\'; });
        if (plain) put(s);
        else put(escape_text(s));
    }
    // A whole number, without a string of its own.
    void put_number(std::uint64_t n) {
        char* at = room(24);
        used_ = static_cast<std::size_t>(std::to_chars(at, at + 24, n).ptr - buf_.data());
    }
    // Hours with two decimals, right-aligned in `width` (printf's "%*.2f", correctly rounded).
    void put_hours(double h, int width = 0) {
        char digits[64];
        const auto end = std::to_chars(digits, digits + sizeof digits, h, std::chars_format::fixed, 2).ptr;
        for (auto n = end - digits; n < width; ++n) put(' ');
        put(std::string_view(digits, static_cast<std::size_t>(end - digits)));
    }
    void flush() {
        if (os_ == nullptr) return;
        os_->write(buf_.data(), static_cast<std::streamsize>(used_));
        used_ = 0;
    }
    std::string take() {
        buf_.resize(used_);
        used_ = 0;
        return std::move(buf_);
    }
    // What is written and not yet flushed; clear() starts again in the same room.
    [[nodiscard]] std::string_view written() const noexcept { return {buf_.data(), used_}; }
    void clear() noexcept { used_ = 0; }

private:
    static constexpr std::size_t block = std::size_t{1} << 16;
    static constexpr std::size_t slack = 256;  // room for a short piece past the block
    // Room for `n` more bytes after the used ones: more for a string kept whole, or a piece
    // longer than the slack.
    char* room(std::size_t n) {
        if (buf_.size() - used_ < n) buf_.resize(std::max(2 * buf_.size(), used_ + n));
        return buf_.data() + used_;
    }

    std::ostream* os_;
    std::string buf_;  // its size is the room; the first used_ bytes are written
    std::size_t used_ = 0;
};

// "2026-03-02": a report writes one for every week and day (format_date puts the digits
// directly, without printf).
std::string day_text(local_days d) { return format_date(year_month_day{sys_days{d.time_since_epoch()}}); }

// Hours for the JSON report: rounded to four decimals (round(h * 10000) / 10000), written as
// nlohmann writes that double.
struct report_hours {
    double h;
};

// A quote, a backslash or a control character among the eight bytes of w.
constexpr bool json_special(std::uint64_t w) noexcept {
    using namespace iopcare::detail;
    return (bytes_below(w, 0x20) | bytes_equal(w, '"') | bytes_equal(w, '\\')) != 0;
}

// Text that JSON can hold as it is: printable ASCII or UTF-8, no quote, backslash or control.
// Looked at sixteen bytes at a time where the processor has SSE2 (every x86-64), else a word
// at a time: a report writes a rule's citation, a few hundred bytes, in every violation.
bool plain_json_text(std::string_view s) noexcept {
    std::uint64_t high = 0;
    std::size_t i = 0;
#if defined(__SSE2__)
    const __m128i below_space = _mm_set1_epi8(0x1F);
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    for (; i + 16 <= s.size(); i += 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
        // v <= 0x1F as unsigned bytes: the smaller of the two is v itself.
        const __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(v, below_space), v);
        const __m128i special = _mm_or_si128(control, _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)));
        if (_mm_movemask_epi8(special) != 0) return false;
        if (_mm_movemask_epi8(v) != 0) high = iopcare::detail::byte_highs;  // bytes of 0x80 and up: UTF-8 to check
    }
#endif
    for (; i + 8 <= s.size(); i += 8) {
        const std::uint64_t w = iopcare::detail::load_word(s.data() + i);
        if (json_special(w)) return false;
        high |= w;
    }
    for (; i < s.size(); ++i) {
        const auto u = static_cast<unsigned char>(s[i]);
        if (u < 0x20 || u == '"' || u == '\\') return false;
        high |= u;
    }
    return (high & iopcare::detail::byte_highs) == 0 || invalid_utf8_at(s) == std::string_view::npos;
}

// A JSON writer laid out as nlohmann's dump(indent) lays a document out: one member or element
// a line, `indent` spaces a level, "{}" and "[]" when empty; compact when indent < 0.
class json_out {
public:
    json_out(report_out& out, int indent) : out_(out), indent_(indent) {}
    // A value written on its own that will stand as an element at `depth` (its text goes to
    // element() of the writer that holds the array).
    json_out(report_out& out, int indent, int depth) : out_(out), indent_(indent), depth_(depth), after_key_(true) {}

    void begin_object() { open('{'); }
    void end_object() { close('}'); }
    void begin_array() { open('['); }
    void end_array() { close(']'); }
    // A key the writer names itself, a literal: plain JSON text as it stands, never looked at.
    template <std::size_t N>
    void key(const char (&k)[N]) {
        item();
        out_.put_quoted(std::string_view(k, N - 1));
        after_colon();
    }
    // A key from the data (a tier's label), escaped when it needs to be.
    void key(std::string_view k) {
        item();
        string_value(k);
        after_colon();
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
    // What value(round(h * 10000) / 10000) writes, without the general shortest-digits search:
    // the double nearest k / 10000 has k / 10000 itself, trailing zeros dropped, as its shortest
    // text (a decimal with fewer digits lies farther from it than half the gap between
    // doubles). Checked against nlohmann's for every k below 10^8 (10,000 hours); past that,
    // the general path.
    void value(report_hours v) {
        const double k = std::round(v.h * 10000.0);
        if (!(k >= 0.0 && k < 1e8)) return value(k / 10000.0);
        item();
        const auto n = static_cast<std::uint32_t>(k);
        out_.put_number(n / 10000);
        const std::uint32_t frac = n % 10000;
        const char digits[5] = {'.', static_cast<char>('0' + frac / 1000), static_cast<char>('0' + frac / 100 % 10),
                                static_cast<char>('0' + frac / 10 % 10), static_cast<char>('0' + frac % 10)};
        std::size_t len = 5;
        while (len > 2 && digits[len - 1] == '0') --len;  // "10.0" keeps one zero, as nlohmann's does
        out_.put(std::string_view(digits, len));
    }
    // An element written elsewhere by a json_out made for its depth.
    void element(std::string_view text) {
        item();
        out_.put(text);
    }
    template <class K, class T>
    void member(const K& k, const T& v) {
        key(k);
        value(v);
    }

private:
    void after_colon() {
        out_.put(indent_ >= 0 ? std::string_view(": ") : std::string_view(":"));
        after_key_ = true;
    }
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
        separate(!first_, depth_);
        first_ = false;
    }
    void newline(int depth) { separate(false, depth); }
    // A comma when `comma`, then a line break and the indentation, in one append when the depth
    // allows (a report has millions of lines).
    void separate(bool comma, int depth) {
        static constexpr std::string_view lead =
            ",\n                                                                                ";
        if (indent_ < 0) {
            if (comma) out_.put(',');
            return;
        }
        auto n = static_cast<std::size_t>(depth * indent_);
        const std::size_t room = lead.size() - 2;
        out_.put(lead.substr(comma ? 0 : 1, (comma ? 2 : 1) + std::min(n, room)));
        for (n -= std::min(n, room); n > 0; n -= std::min(n, room)) out_.put(lead.substr(2, std::min(n, room)));
    }
    void string_value(std::string_view s) {
        if (plain_json_text(s)) {
            out_.put_quoted(s);
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
    j.member("hours", report_hours{w.hours()});
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
            j.member("hours", report_hours{d.hours()});
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

void write_summary_json(json_out& j, const validation_report& r, std::size_t patients) {
    j.key("summary");
    j.begin_object();
    j.member("patients", static_cast<std::uint64_t>(patients));
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

// Days of the week at each tier, in the report's tier order.
std::vector<std::size_t> tier_counts(const week_result& w, std::span<const std::string> labels) {
    std::vector<std::size_t> n(labels.size(), 0);
    for (const auto& d : w.days)
        for (std::size_t k = 0; k < labels.size(); ++k)
            if (labels[k] == d.tier) ++n[k];
    return n;
}

void csv_header(report_out& out, std::span<const std::string> labels) {
    out.put("patient,week_start,hours,qualifying_days,status,violations,compliant");
    for (const auto& t : labels) {
        out.put(',');
        out.put(csv_field(t));
    }
    out.put("\r\n");
}

// One row per week; `codes` is a buffer for the violations column.
void csv_patient(report_out& out, const patient_result& p, std::span<const std::string> labels, std::string& codes) {
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
        if (!labels.empty()) {
            for (const auto n : tier_counts(w, labels)) {
                out.put(',');
                out.put_number(n);
            }
        }
        out.put("\r\n");
    }
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

void text_summary(report_out& out, const validation_report& r, std::size_t patients) {
    using iopcare::detail::printf_string;
    out.put(printf_string(
        "\nsummary: %zu patients, %zu patient-weeks: %zu meet, %zu below the minimum, %zu above the maximum, %zu exempt\n",
        patients, r.weeks.total(), r.weeks.meets, r.weeks.below_minimum, r.weeks.above_maximum, r.weeks.exempt));
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
void text_header(report_out& out, const rule_set& rules) {
    out.put("rules: " + escape_text(rules.id) +
            (rules.name.empty() || rules.name == rules.id ? "" : " — " + escape_text(rules.name)) + "\n");
    if (!rules.source.empty()) out.put("source: " + escape_text(rules.source) + "\n");
}

// The header comes with the first patient or the summary: from the report when it comes
// first (the one-call writers), else from the rule set the report will name.
struct report_writer {
    using format = validation_writer::format;

    report_out out;
    json_out json;
    format form;
    const rule_set& rules;
    int indent;
    std::vector<std::string> rule_tiers;   // CSV columns when patients come before the report
    std::vector<std::string> tier_labels;  // CSV columns
    std::string codes;                     // CSV scratch
    std::size_t patients = 0;
    bool started = false;

    // As validation lists them: the tiers, then below_tier.
    static std::vector<std::string> tiers_of(const rule_set& r) {
        std::vector<std::string> labels;
        for (const auto& t : r.day_tiers) labels.push_back(t.label);
        if (!labels.empty()) labels.emplace_back(below_tier);
        return labels;
    }

    report_writer(std::ostream* os, format f, const rule_set& r, int json_indent)
        : out(os), json(out, json_indent), form(f), rules(r), indent(json_indent), rule_tiers(tiers_of(r)) {}

    void start(const validation_report* r) {
        started = true;
        if (form == format::text) return text_header(out, rules);
        if (form == format::json) {
            json.begin_object();
            json.member("rule_set", r != nullptr ? std::string_view(r->rule_set) : std::string_view(rules.id));
            json.member("source", rules.source);
            json.key("patients");
            json.begin_array();
            return;
        }
        if (r != nullptr) {
            for (const auto& t : r->day_tiers) tier_labels.push_back(t.label);
        } else {
            tier_labels = rule_tiers;
        }
        csv_header(out, tier_labels);
    }
    // A patient's part of the report, made on its own: reads only what the writer was made with.
    // Written in room kept by the thread and returned as a string of its own size: thousands of
    // patients' parts may wait their turn at once, each holding only its text.
    [[nodiscard]] std::string render(const patient_result& p) const {
        thread_local report_out part(nullptr);
        part.clear();
        if (form == format::text) {
            text_patient(part, p);
        } else if (form == format::json) {
            json_out j(part, indent, 2);  // an element of "patients"
            write_patient_json(j, p, rules);
        } else {
            std::string scratch;
            csv_patient(part, p, rule_tiers, scratch);
        }
        return std::string(part.written());
    }
    void patient(std::string_view rendered) {
        if (!started) start(nullptr);
        ++patients;
        if (form == format::json) json.element(rendered);
        else out.put(rendered);
    }
    void patient(const patient_result& p) {
        if (!started) start(nullptr);
        ++patients;
        if (form == format::text) text_patient(out, p);
        else if (form == format::json) write_patient_json(json, p, rules);
        else csv_patient(out, p, tier_labels, codes);
    }
    void finish(const validation_report& r) {
        if (!started) start(&r);
        for (const auto& p : r.patients) patient(p);
        if (form == format::text) {
            text_summary(out, r, patients);
        } else if (form == format::json) {
            json.end_array();
            write_summary_json(json, r, patients);
            json.end_object();
        }
        out.flush();
    }
};

}  // namespace

struct validation_writer::impl : report_writer {
    using report_writer::report_writer;
};

validation_writer::validation_writer(std::ostream& out, format f, const rule_set& rules, int indent)
    : impl_(std::make_unique<impl>(&out, f, rules, indent)) {}
validation_writer::~validation_writer() = default;
void validation_writer::patient(const patient_result& p) { impl_->patient(p); }
std::string validation_writer::render(const patient_result& p) const { return impl_->render(p); }
void validation_writer::patient(std::string_view rendered) { impl_->patient(rendered); }
void validation_writer::finish(const validation_report& r) { impl_->finish(r); }

namespace {

// A whole report through a writer, to `os` or (without one) into a string.
std::string whole_report(std::ostream* os, validation_writer::format f, const validation_report& r,
                         const rule_set& rules, int indent = 2) {
    report_writer w(os, f, rules, indent);
    w.finish(r);
    return w.out.take();
}

}  // namespace

void write_validation_json(std::ostream& os, const validation_report& r, const rule_set& rules, int indent) {
    whole_report(&os, validation_writer::format::json, r, rules, indent);
}

void write_validation_csv(std::ostream& os, const validation_report& r) {
    whole_report(&os, validation_writer::format::csv, r, rule_set{});
}

void write_validation_text(std::ostream& os, const validation_report& r, const rule_set& rules) {
    whole_report(&os, validation_writer::format::text, r, rules);
}

std::string validation_to_json(const validation_report& r, const rule_set& rules, int indent) {
    return whole_report(nullptr, validation_writer::format::json, r, rules, indent);
}

std::string validation_to_csv(const validation_report& r) {
    return whole_report(nullptr, validation_writer::format::csv, r, rule_set{});
}

std::string validation_to_text(const validation_report& r, const rule_set& rules) {
    return whole_report(nullptr, validation_writer::format::text, r, rules);
}

}  // namespace iopcare::io
