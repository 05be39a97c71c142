// The usual iopcare.attendance/1 file read in one pass, without a document tree: the SAX events
// of nlohmann's lexer (the full reader's lexer, so the same text is JSON) go straight into
// records. It takes only what it is sure of: one object of "format", "timezone" and "records",
// each record an object of the known keys with values of the right type, each key once. Anything
// else (a syntax error, enrollments, a null, a number with a fraction, a repeated key) gives up,
// and the full reader (attendance_json.cpp) reads the file and says what is wrong, as before.
#include <algorithm>
#include <cstdint>
#include <limits>
#include <utility>

#include <nlohmann/json.hpp>

#include "io/attendance_common.hpp"

namespace iopcare::io::detail {

namespace {

using json = nlohmann::json;
using namespace std::chrono;

class attendance_sax {
public:
    explicit attendance_sax(attendance_file& out) : out_(out) {}

    bool null() { return false; }
    bool boolean(bool /*value*/) { return false; }
    bool number_integer(json::number_integer_t v) { return integer(v); }
    bool number_unsigned(json::number_unsigned_t v) {
        return v <= static_cast<json::number_unsigned_t>(std::numeric_limits<std::int64_t>::max()) &&
               integer(static_cast<std::int64_t>(v));
    }
    bool number_float(json::number_float_t /*value*/, const json::string_t& /*text*/) { return false; }
    bool binary(json::binary_t& /*value*/) { return false; }
    bool parse_error(std::size_t /*at*/, const std::string& /*token*/, const nlohmann::detail::exception& /*e*/) {
        return false;
    }

    bool start_object(std::size_t /*size*/) {
        if (at_ == place::start) return at_ = place::top, true;
        if (at_ != place::records) return false;
        at_ = place::record;
        seen_ = 0;
        rec_ = attendance_record{};
        return true;
    }
    bool start_array(std::size_t /*size*/) {
        if (at_ != place::top || pending_ != records_key) return false;
        pending_ = none;
        at_ = place::records;
        return true;
    }
    bool end_array() { return at_ == place::records && (at_ = place::top, true); }
    bool key(json::string_t& k) {
        static constexpr std::string_view record_keys[] = {"patient", "service", "start", "minutes", "status",
                                                           "attended_minutes"};
        static constexpr std::string_view top_keys[] = {"format", "timezone", "records"};
        const auto* first = at_ == place::record ? std::begin(record_keys) : std::begin(top_keys);
        const auto* last = at_ == place::record ? std::end(record_keys) : std::end(top_keys);
        const auto* found = std::find(first, last, k);
        if (found == last) return false;
        pending_ = static_cast<unsigned>(found - first) + (at_ == place::record ? 0u : format_key);
        unsigned& seen = at_ == place::record ? seen_ : top_seen_;
        const unsigned bit = 1u << pending_;
        if ((seen & bit) != 0) return false;
        seen |= bit;
        return true;
    }
    bool string(json::string_t& s);
    bool end_object();

    [[nodiscard]] bool finished() const noexcept { return at_ == place::finished; }

private:
    enum class place { start, top, records, record, finished };
    // Keys by number: a record's, then the top level's (bits of seen_).
    static constexpr unsigned patient_key = 0, service_key = 1, start_key = 2, minutes_key = 3, status_key = 4,
                              attended_key = 5, format_key = 6, timezone_key = 7, records_key = 8, none = 31;

    bool integer(std::int64_t v);

    attendance_file& out_;
    place at_ = place::start;
    unsigned pending_ = none;
    unsigned seen_ = 0;      // the keys of the record being read
    unsigned top_seen_ = 0;  // the keys of the top level
    attendance_record rec_;
};

bool attendance_sax::integer(std::int64_t v) {
    if (at_ != place::record) return false;
    const unsigned k = std::exchange(pending_, none);
    if (k == patient_key) return rec_.patient = patient_id(std::to_string(v)), true;  // as written
    if (k != minutes_key && k != attended_key) return false;
    if (v < -max_minutes || v > max_minutes) return false;
    (k == minutes_key ? rec_.scheduled : rec_.attended) = minutes{v};
    return true;
}

bool attendance_sax::string(json::string_t& s) {
    const unsigned k = std::exchange(pending_, none);
    if (at_ == place::top) {
        if (k == format_key) return s == "iopcare.attendance/1";
        if (k != timezone_key) return false;
        auto z = time_zone::try_locate(s);
        return z && (out_.zone = *z, true);
    }
    if (at_ != place::record) return false;
    switch (k) {
        case patient_key: return !s.empty() && (rec_.patient = patient_id(std::move(s)), true);
        case service_key: return rec_.service = std::move(s), true;
        case start_key: {
            const auto t = parse_iso_datetime(s);
            return t && (rec_.start = to_record_start(*t), true);
        }
        case status_key: {
            const auto st = parse_attendance_status(s);
            return st && (rec_.status = *st, true);
        }
        default: return false;
    }
}

bool attendance_sax::end_object() {
    if (at_ == place::record) {
        constexpr unsigned needed = (1u << patient_key) | (1u << service_key) | (1u << start_key) |
                                    (1u << minutes_key) | (1u << status_key);
        const bool partial = rec_.status == attendance_status::partial;
        if ((seen_ & needed) != needed || partial != ((seen_ & (1u << attended_key)) != 0)) return false;
        out_.log.records.push_back(std::move(rec_));
        at_ = place::records;
        return true;
    }
    if (at_ != place::top) return false;
    constexpr unsigned needed = (1u << format_key) | (1u << timezone_key) | (1u << records_key);
    if ((top_seen_ & needed) != needed) return false;
    at_ = place::finished;
    return true;
}

}  // namespace

std::optional<attendance_file> read_attendance_fast(std::string_view text) {
    attendance_file out;
    // Room for as many records as the text could hold (one takes well over 64 bytes): no copy
    // while growing, and room never written to costs no memory.
    out.log.records.reserve(text.size() / 64);
    attendance_sax sax(out);
    try {
        if (!json::sax_parse(text.begin(), text.end(), &sax) || !sax.finished()) return std::nullopt;
    } catch (const json::exception&) {
        return std::nullopt;  // the full reader words the error
    }
    return out;
}

}  // namespace iopcare::io::detail
