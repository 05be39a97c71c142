// Internal helpers shared by every JSON loader of iopcare::io (not installed).
//
// The format contract: each file is an object with "format": "iopcare.<kind>/1"; unknown fields
// are errors; every error names the JSON path ("/records/12/minutes"), what was expected and
// what was found. Parse errors name FILE:LINE:COLUMN. Arrays and objects nest at most
// max_nesting levels, and a key may appear only once in an object.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "iopcare/calendar.hpp"
#include "iopcare/catalog.hpp"
#include "iopcare/level.hpp"
#include "iopcare/patient.hpp"
#include "iopcare/error.hpp"

namespace iopcare {
// Lets the writers put a patient id in a JSON document as its text (found by ADL).
template <class BasicJson>
void to_json(BasicJson& j, const patient_id& p) {
    j = p.str();
}
}  // namespace iopcare

namespace iopcare::io::detail {

using json = nlohmann::json;

inline std::string type_name(const json& j) {
    switch (j.type()) {
        case json::value_t::null: return "null";
        case json::value_t::boolean: return "a boolean";
        case json::value_t::number_integer:
        case json::value_t::number_unsigned: return "an integer";
        case json::value_t::number_float: return "a number";
        case json::value_t::string: return "a string";
        case json::value_t::array: return "an array";
        case json::value_t::object: return "an object";
        default: return "an unsupported value";
    }
}

// A short rendering of a value for error messages (strings unquoted, long values cut).
inline std::string show(const json& j) {
    std::string s = j.is_string() ? j.get<std::string>() : j.dump();
    if (s.size() > 60) s = s.substr(0, 57) + "...";
    return s;
}

[[noreturn]] inline void wrong_type(const std::string& path, const json& found, std::string_view expected) {
    throw error(errc::wrong_type, path, show(found),
                "expected " + std::string(expected) + ", found " + type_name(found));
}

// The deepest nesting of arrays and objects a file may have; the top-level object is level 1.
// No iopcare format needs more than a handful of levels; the limit keeps hostile input (say a
// million '[') from exhausting the stack in nlohmann::json's recursive code paths.
inline constexpr std::size_t max_nesting = 64;

// "SOURCE:LINE:COLUMN" of a byte offset (lines and columns from 1; a column counts bytes).
inline std::string place_of(std::string_view text, std::size_t offset, std::string_view source) {
    std::size_t line = 1, column = 1;
    const std::size_t end = std::min(offset, text.size());
    for (std::size_t i = 0; i < end; ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return std::string(source) + ":" + std::to_string(line) + ":" + std::to_string(column);
}

// The offset of the first '[' or '{' (outside strings) that opens level `level`, or npos.
// A single forward pass with a counter: it cannot recurse, whatever the input.
inline std::size_t find_opening_at_level(std::string_view text, std::size_t level) {
    std::size_t depth = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (c == '\\') {
                ++i;  // the escaped character cannot end the string
            } else if (c == '"') {
                in_string = false;
            }
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth == level) return i;
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
    return std::string_view::npos;
}

// Builds the document from the parser's events (nlohmann's own DOM builder does the work),
// following them to know the JSON path of the value being read, to stop at the nesting limit,
// and to reject a key given twice in one object (nlohmann would keep the last). SAX rather
// than nlohmann's parser callback: with a callback, nlohmann scans the whole parent array for
// discarded values after every object, which made a file of 100,000 records quadratic.
class guarded_dom {
public:
    // Thrown out of the parser when a container would open below max_nesting levels.
    struct too_deep {};

    explicit guarded_dom(json& root) : dom_(root) {}

    // The JSON path of the value being read when the parser stopped ("" at the top): an
    // array's element that failed was not counted yet, a container that holds it was.
    [[nodiscard]] std::string current_path() const {
        std::string p;
        for (const frame& f : frames_) {
            const bool innermost = &f == &frames_.back();
            if (f.is_array) {
                p += "/" + std::to_string(innermost ? f.count : f.count - 1);
            } else if (!f.keys.empty() && (!innermost || f.key_pending)) {
                p += "/" + f.keys.back();
            }
        }
        return p;
    }

    bool null() { return element(), dom_.null(); }
    bool boolean(bool v) { return element(), dom_.boolean(v); }
    bool number_integer(json::number_integer_t v) { return element(), dom_.number_integer(v); }
    bool number_unsigned(json::number_unsigned_t v) { return element(), dom_.number_unsigned(v); }
    bool number_float(json::number_float_t v, const json::string_t& text) { return element(), dom_.number_float(v, text); }
    bool string(json::string_t& v) { return element(), dom_.string(v); }
    bool binary(json::binary_t& v) { return element(), dom_.binary(v); }
    bool start_object(std::size_t n) { return open(false), dom_.start_object(n); }
    bool start_array(std::size_t n) { return open(true), dom_.start_array(n); }
    bool end_object() { return frames_.pop_back(), dom_.end_object(); }
    bool end_array() { return frames_.pop_back(), dom_.end_array(); }
    bool key(json::string_t& k) {
        // nlohmann only reports keys inside an object.
        frame& f = frames_.back();
        if (f.has_key(k)) {
            throw error(errc::parse_error, container_path() + "/" + k, k,
                        "duplicate key: each key may appear only once in an object");
        }
        f.add_key(k);
        f.key_pending = true;
        return dom_.key(k);
    }
    template <class Exception>
    bool parse_error(std::size_t position, const std::string& token, const Exception& ex) {
        return dom_.parse_error(position, token, ex);  // throws ex
    }

private:
    // An object's keys so far, the last being the one whose value is read. Objects in these
    // formats have a handful of keys, searched in order; past 32 a set keeps a hostile object
    // of many keys from costing time in the square of its keys.
    struct frame {
        bool is_array;
        std::size_t count = 0;  // array elements started so far
        std::vector<std::string> keys{};
        bool key_pending = false;  // an object's key was read and its value not yet
        std::set<std::string, std::less<>> many{};

        [[nodiscard]] bool has_key(const std::string& k) const {
            if (!many.empty()) return many.count(k) != 0;
            return std::find(keys.begin(), keys.end(), k) != keys.end();
        }
        void add_key(const std::string& k) {
            if (keys.size() >= 32) {
                if (many.empty()) many.insert(keys.begin(), keys.end());
                many.insert(k);
            }
            keys.push_back(k);
        }
    };

    // A value starts: the next index of an array becomes current; an object's key is used.
    void element() {
        if (frames_.empty()) return;
        if (frames_.back().is_array) ++frames_.back().count;
        frames_.back().key_pending = false;
    }
    void open(bool is_array) {
        element();
        if (frames_.size() >= max_nesting) throw too_deep{};
        frames_.push_back(frame{is_array});
    }

    // The JSON path of the container being read ("" at the top level).
    [[nodiscard]] std::string container_path() const {
        std::string p;
        for (const frame& f : frames_) {
            if (&f == &frames_.back()) break;  // the innermost object's own key is added by the caller
            p += "/";
            p += f.is_array ? std::to_string(f.count - 1) : f.keys.back();
        }
        return p;
    }

    nlohmann::detail::json_sax_dom_parser<json> dom_;
    std::vector<frame> frames_;
};

// An error about a whole input (it cannot be read, or is not JSON at all): its place is the
// file, as data too, so a caller never has to recognise the name in the text.
[[noreturn]] inline void fail_file(errc code, std::string_view file, std::string message) {
    error_info e{code, std::string(file), "", std::move(message)};
    e.place.file = std::string(file);
    throw error(std::move(e));
}

// Parses JSON text; a syntax error becomes errc::parse_error at "SOURCE:LINE:COLUMN", with the
// JSON path of the value being read when there is one ("not valid JSON at /records/3/patient").
// So does nesting deeper than max_nesting; a key repeated within one object is
// errc::parse_error at its JSON path. The parser's own text quotes the bytes it read, which
// may be anything: like every value in an error, escape it before display (the tool does).
// A NUL byte is an error at its place: nlohmann's lexer takes one for the end of the input (as
// in a C string), which would drop whatever follows it unread.
inline json parse(std::string_view text, std::string_view source) {
    if (const void* nul = text.empty() ? nullptr : std::memchr(text.data(), '\0', text.size())) {
        const auto at = static_cast<std::size_t>(static_cast<const char*>(nul) - text.data());
        throw error(errc::parse_error, place_of(text, at, source), "",
                    "not valid JSON: a NUL byte, which JSON text never holds (is the file binary, or padded with "
                    "zeros?)");
    }
    json root;
    guarded_dom dom(root);
    try {
        json::sax_parse(text.begin(), text.end(), &dom);
        return root;
    } catch (const guarded_dom::too_deep&) {
        const std::size_t at = find_opening_at_level(text, max_nesting + 1);
        const std::string why = "arrays and objects are nested deeper than " + std::to_string(max_nesting) + " levels";
        if (at == std::string_view::npos) fail_file(errc::parse_error, source, why);
        throw error(errc::parse_error, place_of(text, at, source), "", why);
    } catch (const json::parse_error& e) {
        const std::size_t end = e.byte == 0 ? 0 : e.byte - 1;
        std::string what = e.what();
        // nlohmann's message: "[json.exception.parse_error.101] parse error at line 1, column 2: ..."
        const auto colon = what.find(": ", what.find("parse error"));
        std::string detail = colon == std::string::npos ? what : what.substr(colon + 2);
        const std::string path = dom.current_path();
        throw error(errc::parse_error, place_of(text, end, source), "",
                    "not valid JSON" + (path.empty() ? std::string() : " at " + path) + ": " + detail);
    } catch (const json::exception& e) {
        // Out-of-range numbers (1e999) and invalid UTF-8 surface as other exception kinds.
        std::string what = e.what();
        const auto bracket = what.find("] ");
        fail_file(errc::parse_error, source,
                  "not valid JSON: " + (bracket == std::string::npos ? what : what.substr(bracket + 2)));
    }
}

// Walks one JSON object, remembering which keys were read; finish() rejects the others.
class object_reader {
public:
    object_reader(const json& j, std::string path) : j_(j), path_(std::move(path)) {
        if (!j_.is_object()) wrong_type(path_.empty() ? "/" : path_, j_, "an object");
    }

    [[nodiscard]] const std::string& path() const noexcept { return path_; }
    [[nodiscard]] std::string path_of(std::string_view key) const { return path_ + "/" + std::string(key); }
    [[nodiscard]] bool has(std::string_view key) const { return j_.contains(key); }

    // The raw value of a key (marked as read), or nullptr.
    const json* find(std::string_view key) {
        auto it = j_.find(key);
        if (it == j_.end()) return nullptr;
        read_.insert(std::string(key));
        return &*it;
    }
    const json& require(std::string_view key) {
        if (const json* v = find(key)) return *v;
        throw error(errc::missing_field, path_of(key), "", "required field '" + std::string(key) + "' is missing");
    }

    std::string string(std::string_view key) { return as_string(require(key), path_of(key)); }
    std::optional<std::string> optional_string(std::string_view key) {
        const json* v = find(key);
        if (!v) return std::nullopt;
        return as_string(*v, path_of(key));
    }
    double number(std::string_view key) { return as_number(require(key), path_of(key)); }
    std::optional<double> optional_number(std::string_view key) {
        const json* v = find(key);
        if (!v) return std::nullopt;
        return as_number(*v, path_of(key));
    }
    // A whole number in [min, max] (by default any 64-bit signed one); see as_integer.
    template <class T = std::int64_t>
    T integer(std::string_view key, T min = std::numeric_limits<T>::min(), T max = std::numeric_limits<T>::max(),
              errc code = errc::invalid_argument, std::string_view expected = {}) {
        return as_integer<T>(require(key), path_of(key), min, max, code, expected);
    }
    template <class T = std::int64_t>
    std::optional<T> optional_integer(std::string_view key, T min = std::numeric_limits<T>::min(),
                                      T max = std::numeric_limits<T>::max(), errc code = errc::invalid_argument,
                                      std::string_view expected = {}) {
        const json* v = find(key);
        if (!v) return std::nullopt;
        return as_integer<T>(*v, path_of(key), min, max, code, expected);
    }
    bool boolean(std::string_view key) {
        const json& v = require(key);
        if (!v.is_boolean()) wrong_type(path_of(key), v, "true or false");
        return v.get<bool>();
    }
    const json& array(std::string_view key) {
        const json& v = require(key);
        if (!v.is_array()) wrong_type(path_of(key), v, "an array");
        return v;
    }
    const json* optional_array(std::string_view key) {
        const json* v = find(key);
        if (v && !v->is_array()) wrong_type(path_of(key), *v, "an array");
        return v;
    }

    // Checks "format": "iopcare.<kind>/1".
    void expect_format(std::string_view expected) {
        const std::string found = string("format");
        if (found != expected) {
            throw error(errc::unknown_format, path_of("format"), found,
                        "expected format \"" + std::string(expected) + "\"");
        }
    }

    // Every key not read is an error.
    void finish() const {
        for (auto it = j_.begin(); it != j_.end(); ++it) {
            if (read_.count(it.key()) == 0) {
                throw error(errc::unknown_field, path_of(it.key()), it.key(), "unknown field");
            }
        }
    }

    static std::string as_string(const json& v, const std::string& path) {
        if (!v.is_string()) wrong_type(path, v, "a string");
        return v.get<std::string>();
    }
    static double as_number(const json& v, const std::string& path) {
        if (!v.is_number()) wrong_type(path, v, "a number");
        const double d = v.get<double>();
        if (!std::isfinite(d)) wrong_type(path, v, "a finite number");
        return d;
    }
    // The one reader of JSON integers: a JSON integer, signed or unsigned, or a number without
    // a fraction (1e3), returned as T only when it lies in [min, max]; outside, an error with
    // `code` naming the path and the value as written, and `expected` (by default "expected
    // an integer from MIN to MAX"). nlohmann keeps integers of 2^63 and more as unsigned and
    // reports them as is_number_integer() too, so a plain get<std::int64_t>() would turn
    // 18446744073709551436 into -180: the comparisons here are made on the value as parsed.
    template <class T = std::int64_t>
    static T as_integer(const json& v, const std::string& path, T min = std::numeric_limits<T>::min(),
                        T max = std::numeric_limits<T>::max(), errc code = errc::invalid_argument,
                        std::string_view expected = {}) {
        static_assert(std::is_integral_v<T> && sizeof(T) <= sizeof(std::int64_t));
        auto checked = [&](auto x) {
            if (std::cmp_less(x, min) || std::cmp_greater(x, max)) {
                throw error(code, path, v.is_number_float() ? show(v) : v.dump(),
                            expected.empty() ? "expected an integer from " + std::to_string(min) + " to " +
                                                   std::to_string(max)
                                             : std::string(expected));
            }
            return static_cast<T>(x);
        };
        if (v.is_number_unsigned()) return checked(v.get<std::uint64_t>());
        if (v.is_number_integer()) return checked(v.get<std::int64_t>());
        if (v.is_number_float()) {
            // Integral values below 2^53 are exact in a double; larger ones may not be what was written.
            const double d = v.get<double>();
            if (std::isfinite(d) && d == std::floor(d) && std::abs(d) < 9.0e15) return checked(static_cast<std::int64_t>(d));
        }
        wrong_type(path, v, "an integer");
    }

private:
    const json& j_;
    std::string path_;
    std::set<std::string, std::less<>> read_;
};

// A JSON document as text. Bytes that are not UTF-8 (possible in names a C++ host gives) become
// U+FFFD instead of an exception from deep inside nlohmann: a writer never fails on a name.
template <class J>
std::string dump_text(const J& j, int indent) {
    return j.dump(indent, ' ', false, J::error_handler_t::replace);
}

// A patient id: opaque text, or an integer kept as written (program files have used numbers).
inline patient_id as_patient(const json& v, const std::string& path) {
    if (v.is_number_integer() || v.is_number_unsigned()) return patient_id(v.dump());
    if (!v.is_string()) wrong_type(path, v, "a patient id (a string or an integer)");
    std::string id = v.get<std::string>();
    if (id.empty()) throw error(errc::invalid_argument, path, "", "a patient id must not be empty");
    return patient_id(std::move(id));
}

// An "edition" field: "asam3" or "asam4"; nothing when the key is absent.
inline std::optional<edition> optional_edition(object_reader& r, std::string_view key = "edition") {
    const auto text = r.optional_string(key);
    if (!text) return std::nullopt;
    if (*text == "asam3") return edition::asam3;
    if (*text == "asam4") return edition::asam4;
    throw error(errc::invalid_argument, r.path_of(key), *text, "expected \"asam3\" or \"asam4\"");
}

// A level code of a catalog, in its canonical spelling; an unknown or ambiguous code keeps its
// catalog error code (errc::unknown_level, errc::ambiguous_level) and is placed at `path`.
inline level_code as_level(const json& v, const std::string& path, const catalog& levels) {
    const std::string text = object_reader::as_string(v, path);
    if (const care_level* l = levels.find(text)) return l->code;
    error_info why = levels.lookup_error(text);
    why.set_where(path);
    throw error(std::move(why));
}

// A calendar date written YYYY-MM-DD.
inline std::chrono::year_month_day as_date(const json& v, const std::string& path) {
    const std::string text = object_reader::as_string(v, path);
    const auto d = parse_iso_date(text);
    if (!d) throw error(errc::invalid_date, path, text, "expected a date as YYYY-MM-DD");
    return *d;
}

}  // namespace iopcare::io::detail
