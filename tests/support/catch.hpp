// The Catch2 v2/v3 shim: the same tests build with Debian's Catch2 2.13 (single header) and
// with Catch2 3 (vcpkg, Conan). Tests use only the subset both share: no Approx, no Contains
// matcher; floating-point checks use WithinAbs / WithinRel.
#pragma once

#if __has_include(<catch2/catch_all.hpp>)
#  include <catch2/catch_all.hpp>
#else
#  include <catch2/catch.hpp>
#endif
