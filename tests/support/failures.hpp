// Test helpers: what a call that should fail failed with.
#pragma once

#include <functional>
#include <string>

#include "catch.hpp"
#include "iopcare/error.hpp"

namespace iopcare::testing {

// The error `f` threw (the test fails when it threw none).
inline error_info failure(const std::function<void()>& f) {
    auto r = try_call([&] {
        f();
        return 0;
    });
    REQUIRE_FALSE(r.ok());
    return r.error();
}

// The code of the error `f` threw, or errc::ok when it threw none.
inline errc code_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const error& e) {
        return e.code();
    }
    return errc{};
}

inline bool mentions(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace iopcare::testing
