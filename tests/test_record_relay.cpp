// The relay between the JSON reading thread and the calling thread (src/io/record_relay.hpp,
// internal): records arrive in the order put, the reader's result and exceptions come back,
// and when the calling thread's use of a record throws, the reader stops at its next batch
// instead of reading the rest of its input.
#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

#include "catch.hpp"
#include "io/record_relay.hpp"

using iopcare::attendance_record;
using iopcare::io::detail::record_relay;

namespace {

attendance_record numbered(std::size_t i) {
    attendance_record r;
    r.patient = "p-" + std::to_string(i);
    return r;
}

}  // namespace

TEST_CASE("the relay hands every record on in the order put, and the reader's result back", "[io][threads]") {
    constexpr std::size_t n = 30000;  // several batches of 4,096
    for (const bool answer : {true, false}) {
        std::vector<std::string> got;
        const bool result = record_relay().run(
            [&](const auto& put) {
                for (std::size_t i = 0; i < n; ++i) put(numbered(i));
                return answer;
            },
            [&](const attendance_record& r) { got.push_back(r.patient.str()); });
        CHECK(result == answer);
        REQUIRE(got.size() == n);
        std::size_t i = 0;
        while (i < n && got[i] == "p-" + std::to_string(i)) ++i;
        CHECK(i == n);
    }
}

TEST_CASE("the reader's exception reaches the caller after the records put before it", "[io][threads]") {
    std::size_t used = 0;
    CHECK_THROWS_WITH(record_relay().run(
                          [&](const auto& put) -> bool {
                              for (std::size_t i = 0; i < 5000; ++i) put(numbered(i));
                              throw std::runtime_error("bad text");
                          },
                          [&](const attendance_record&) { ++used; }),
                      "bad text");
    // The full batch before the throw (4,096 records) arrives; the part-filled one does not.
    CHECK(used == 4096);
}

TEST_CASE("a use that throws stops the reader at its next batch", "[io][threads]") {
    constexpr std::size_t offered = 2000000;
    std::size_t put_calls = 0;
    CHECK_THROWS_WITH(record_relay().run(
                          [&](const auto& put) {
                              for (std::size_t i = 0; i < offered; ++i) {
                                  ++put_calls;
                                  put(numbered(i));
                              }
                              return true;
                          },
                          [](const attendance_record&) { throw std::runtime_error("full"); }),
                      "full");
    // At most the batches in flight (8), the one being filled and the one being used, of
    // 4,096 records each; the reader used to read all two million.
    CHECK(put_calls <= 10 * 4096);
}
