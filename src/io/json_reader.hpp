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
#include <limits>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "iopcare/calendar.hpp"
#include "iopcare/error.hpp"
#include "iopcare/catalog.hpp"
#include "iopcare/level.hpp"

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

// Checks a document in one forward pass before any tree is built: the nesting limit, a key
// repeated within one object (nlohmann would keep the last), and the syntax. It follows the
// parser's SAX events to know the JSON path of the value being read.
//
// Why a pass of its own: nlohmann's callback parser (the obvious place for these checks) scans
// every earlier element of an array each time one of its objects ends, so a file of N records
// took time in N^2. The plain tree parser that follows the check is linear.
class document_check {
public:
    using number_integer_t = json::number_integer_t;
    using number_unsigned_t = json::number_unsigned_t;
    using number_float_t = json::number_float_t;
    using string_t = json::string_t;
    using binary_t = json::binary_t;

    // Thrown out of the parser when a container would open below max_nesting levels.
    struct too_deep {};
    // What the parser reported for a syntax error (or a number out of range).
    struct syntax_error {
        std::size_t byte;
        std::string what;
    };

    bool null() { return value(); }
    bool boolean(bool) { return value(); }
    bool number_integer(number_integer_t) { return value(); }
    bool number_unsigned(number_unsigned_t) { return value(); }
    bool number_float(number_float_t, const string_t&) { return value(); }
    bool string(string_t&) { return value(); }
    bool binary(binary_t&) { return value(); }
    bool start_object(std::size_t) { return open(false); }
    bool start_array(std::size_t) { return open(true); }
    bool end_object() { return close(); }
    bool end_array() { return close(); }

    bool key(string_t& k) {
        frame& f = frames_.back();
        if (f.has_key(k)) {
            throw error(errc::parse_error, path() + "/" + k, k, "duplicate key: each key may appear only once in an object");
        }
        f.add_key(std::move(k));
        return true;
    }

    bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& e) {
        throw syntax_error{position, e.what()};
    }

private:
    // An object's keys so far, the last being the one whose value is read. Objects in these
    // formats have a handful of keys, searched in order; past 32 a set keeps a hostile object
    // of many keys linear.
    struct frame {
        bool is_array = false;
        std::size_t count = 0;  // array elements started so far
        std::vector<std::string> keys{};
        std::set<std::string, std::less<>> many{};

        [[nodiscard]] bool has_key(const std::string& k) const {
            if (!many.empty()) return many.count(k) != 0;
            return std::find(keys.begin(), keys.end(), k) != keys.end();
        }
        void add_key(std::string k) {
            if (keys.size() >= 32) {
                if (many.empty()) many.insert(keys.begin(), keys.end());
                many.insert(k);
            }
            keys.push_back(std::move(k));
        }
    };

    // A value starts: in an array, the next index becomes current.
    bool value() {
        if (!frames_.empty() && frames_.back().is_array) ++frames_.back().count;
        return true;
    }
    bool open(bool is_array) {
        value();
        if (frames_.size() >= max_nesting) throw too_deep{};
        frames_.push_back(frame{is_array});
        return true;
    }
    bool close() {
        if (!frames_.empty()) frames_.pop_back();
        return true;
    }

    // The JSON path of the container being read ("" at the top level).
    [[nodiscard]] std::string path() const {
        std::string p;
        for (const frame& f : frames_) {
            if (&f == &frames_.back()) break;  // the innermost object's own key is added by the caller
            p += "/";
            p += f.is_array ? std::to_string(f.count - 1) : f.keys.back();
        }
        return p;
    }

    std::vector<frame> frames_;
};

// The plain part of nlohmann's message: "[json.exception.parse_error.101] parse error at line 1,
// column 2: syntax error ..." gives "syntax error ..."; "[json.exception.out_of_range.406]
// number overflow ..." gives "number overflow ...". The place is ours to say.
inline std::string nlohmann_detail(std::string_view what) {
    if (const auto at = what.find("parse error"); at != std::string_view::npos) {
        if (const auto colon = what.find(": ", at); colon != std::string_view::npos) return std::string(what.substr(colon + 2));
    }
    const auto bracket = what.find("] ");
    return std::string(bracket == std::string_view::npos ? what : what.substr(bracket + 2));
}

// Parses JSON text; a syntax error becomes errc::parse_error at "SOURCE:LINE:COLUMN". So does
// nesting deeper than max_nesting; a key repeated within one object is errc::parse_error at
// its JSON path.
inline json parse(std::string_view text, std::string_view source) {
    try {
        document_check check;
        json::sax_parse(text.begin(), text.end(), &check);
        return json::parse(text.begin(), text.end());
    } catch (const document_check::too_deep&) {
        const std::size_t at = find_opening_at_level(text, max_nesting + 1);
        throw error(errc::parse_error,
                    at == std::string_view::npos ? std::string(source) : place_of(text, at, source), "",
                    "arrays and objects are nested deeper than " + std::to_string(max_nesting) + " levels");
    } catch (const document_check::syntax_error& e) {
        const std::size_t end = e.byte == 0 ? 0 : e.byte - 1;
        throw error(errc::parse_error, place_of(text, end, source), "", "not valid JSON: " + nlohmann_detail(e.what));
    } catch (const json::exception& e) {
        // Whatever else the tree parser may refuse (it accepts what the check accepted).
        throw error(errc::parse_error, std::string(source), "", "not valid JSON: " + nlohmann_detail(e.what()));
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
    std::int64_t integer(std::string_view key) { return as_integer(require(key), path_of(key)); }
    std::optional<std::int64_t> optional_integer(std::string_view key) {
        const json* v = find(key);
        if (!v) return std::nullopt;
        return as_integer(*v, path_of(key));
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
    static std::int64_t as_integer(const json& v, const std::string& path) {
        if (v.is_number_integer()) return v.get<std::int64_t>();
        if (v.is_number_unsigned()) {
            const auto u = v.get<std::uint64_t>();
            if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
                throw error(errc::invalid_argument, path, show(v), "integer too large");
            }
            return static_cast<std::int64_t>(u);
        }
        if (v.is_number_float()) {
            const double d = v.get<double>();
            if (std::isfinite(d) && d == std::floor(d) && std::abs(d) < 9.0e15) return static_cast<std::int64_t>(d);
        }
        wrong_type(path, v, "an integer");
    }

private:
    const json& j_;
    std::string path_;
    std::set<std::string, std::less<>> read_;
};

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
    why.where = path;
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
