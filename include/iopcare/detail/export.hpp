// iopcare/detail/export.hpp — symbol visibility of the iopcare library (iopcare::iopcare).
// IOPCARE_SHARED comes from iopcare/config.hpp, generated when the library is built, so a
// consumer needs no flag; IOPCARE_BUILDING is defined (PRIVATE) while compiling iopcare
// itself. iopcare::io has its own macro, IOPCARE_IO_API, so neither library marks the
// other's symbols as its own exports.
#pragma once

#include "iopcare/config.hpp"

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
