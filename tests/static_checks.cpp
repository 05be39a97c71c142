// Compile-time checks: strong types do not mix, value types are cheap to move.
#include <type_traits>

#include "iopcare/iopcare.hpp"

using namespace iopcare;

static_assert(!std::is_convertible_v<std::string, level_code>, "level codes are constructed explicitly");
static_assert(!std::is_convertible_v<std::string, service_id>, "service ids are constructed explicitly");
static_assert(!std::is_convertible_v<level_code, service_id>, "a level code is not a service id");
static_assert(!std::is_convertible_v<service_id, level_code>, "a service id is not a level code");
static_assert(!std::is_convertible_v<int, minutes>, "minutes are not bare integers");
static_assert(std::is_nothrow_move_constructible_v<continuum>);
static_assert(std::is_nothrow_move_constructible_v<care_level>);
static_assert(std::is_nothrow_move_constructible_v<error_info>);
static_assert(std::is_copy_constructible_v<catalog>);
static_assert(std::is_same_v<decltype(try_call([] { return 1; })), result<int>>);
