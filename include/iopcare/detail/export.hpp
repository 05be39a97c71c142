// iopcare/detail/export.hpp — symbol visibility for shared builds.
// IOPCARE_SHARED is defined (PUBLIC) by CMake when the library is built shared;
// IOPCARE_BUILDING is defined (PRIVATE) while compiling the library itself.
#pragma once

#if defined(IOPCARE_SHARED)
#  if defined(_WIN32)
#    if defined(IOPCARE_BUILDING)
#      define IOPCARE_API __declspec(dllexport)
#    else
#      define IOPCARE_API __declspec(dllimport)
#    endif
#  else
#    define IOPCARE_API __attribute__((visibility("default")))
#  endif
#else
#  define IOPCARE_API
#endif
