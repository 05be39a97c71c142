// Internal: writing large JSON documents a piece at a time (sessions, attendance records), so
// that millions of records never become a document tree in memory.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace iopcare::io::detail {

// One JSON value as nlohmann writes it (strings escaped; bytes that are not UTF-8, possible in
// names a host gives, replaced by U+FFFD rather than thrown on).
template <class T>
std::string json_value(const T& v) {
    return nlohmann::json(v).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// Writes an array of flat objects in nlohmann's dump(2) layout at the second level, one object
// at a time, so that millions of sessions never become a document tree in memory.
class json_array_writer {
public:
    json_array_writer(std::string& out, std::string_view key, bool last) : out_(out), last_(last) {
        out_ += "  \"" + std::string(key) + "\": [";
    }
    void begin_object() {
        out_ += first_object_ ? "\n    {" : ",\n    {";
        first_object_ = false;
        first_member_ = true;
    }
    void member(std::string_view key, const std::string& value) {
        out_ += first_member_ ? "\n      \"" : ",\n      \"";
        out_ += key;
        out_ += "\": ";
        out_ += value;
        first_member_ = false;
    }
    void end_object() { out_ += "\n    }"; }
    void finish() {
        out_ += first_object_ ? "]" : "\n  ]";
        out_ += last_ ? "\n" : ",\n";
    }

private:
    std::string& out_;
    bool last_;
    bool first_object_ = true;
    bool first_member_ = true;
};

}  // namespace iopcare::io::detail
