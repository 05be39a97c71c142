// UTF-8 checking and the two escapers (iopcare/text.hpp). Expected outputs are written out by
// hand from RFC 3629 and RFC 4180.
#include "catch.hpp"

#include <string>

#include "iopcare/text.hpp"

using namespace iopcare;
using namespace std::string_literals;

TEST_CASE("well-formed UTF-8 and the first byte that is not", "[text]") {
    constexpr auto npos = std::string::npos;
    CHECK(invalid_utf8_at("") == npos);
    CHECK(invalid_utf8_at("p-001") == npos);
    CHECK(invalid_utf8_at("Jos\xC3\xA9") == npos);                  // é, two bytes
    CHECK(invalid_utf8_at("\xE2\x82\xAC") == npos);                 // €, three
    CHECK(invalid_utf8_at("\xF0\x9F\x98\x80") == npos);             // U+1F600, four
    CHECK(invalid_utf8_at("\xF4\x8F\xBF\xBF") == npos);             // U+10FFFF, the last
    CHECK(invalid_utf8_at("a\x00z"s) == npos);                      // NUL is a character
    CHECK(invalid_utf8_at("p\xFF") == 1);                           // never in UTF-8
    CHECK(invalid_utf8_at("ab\xC0\xAF") == 2);                      // overlong '/'
    CHECK(invalid_utf8_at("\xE0\x80\xAF") == 0);                    // overlong, three bytes
    CHECK(invalid_utf8_at("\xED\xA0\x80") == 0);                    // a surrogate, U+D800
    CHECK(invalid_utf8_at("\xF4\x90\x80\x80") == 0);                // above U+10FFFF
    CHECK(invalid_utf8_at("x\xE2\x82") == 1);                       // cut short at the end
    CHECK(invalid_utf8_at("\xC3(") == 0);                           // a lead byte without its tail
    CHECK(invalid_utf8_at("\x80") == 0);                            // a lone continuation byte
}

TEST_CASE("escape_text keeps each id on its line, reversibly", "[text]") {
    CHECK(escape_text("p-001") == "p-001");
    CHECK(escape_text("Jos\xC3\xA9 \xE2\x82\xAC") == "Jos\xC3\xA9 \xE2\x82\xAC");
    CHECK(escape_text("a\nweek of 2026-03-02   99.00 h") == "a\\nweek of 2026-03-02   99.00 h");
    CHECK(escape_text("tab\there\r") == "tab\\there\\r");
    CHECK(escape_text("back\\slash") == "back\\\\slash");
    CHECK(escape_text("nul\x00!"s) == "nul\\x00!");
    CHECK(escape_text("\x1B[2J\x7F") == "\\x1B[2J\\x7F");           // a terminal control sequence
    CHECK(escape_text("p\xFF") == "p\\xFF");                         // not UTF-8: the byte
    CHECK(escape_text("\xC2\x85") == "\\u0085");                     // C1 next-line
    CHECK(escape_text("a\xE2\x80\xA8z") == "a\\u2028z");             // line separator
    CHECK(escape_text("\xE2\x80\xAEtxt.exe") == "\\u202Etxt.exe");   // right-to-left override
    CHECK(escape_text("\xE2\x81\xA6x\xE2\x81\xA9") == "\\u2066x\\u2069");
    const std::string long_id(1000, 'x');
    CHECK(escape_text(long_id) == long_id);
}

TEST_CASE("csv_field quotes what would break a CSV line", "[text]") {
    CHECK(csv_field("group_therapy") == "group_therapy");
    CHECK(csv_field("") == "");
    CHECK(csv_field("Room A, 2nd floor") == "\"Room A, 2nd floor\"");
    CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(csv_field("two\nlines") == "\"two\nlines\"");
    CHECK(csv_field("cr\r") == "\"cr\r\"");
    CHECK(csv_field("nul\x00"s) == "\"nul\x00\""s);
}
