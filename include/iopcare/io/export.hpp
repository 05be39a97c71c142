/// @file
/// Symbol visibility of the formats library (iopcare::io). Its own
/// macro, so that in a shared build neither library marks the other's symbols as its own
/// exports (on Windows: __declspec(dllexport) only while compiling that library).
/// IOPCARE_SHARED comes from iopcare/config.hpp; IOPCARE_IO_BUILDING is defined (PRIVATE)
/// while compiling iopcare::io itself.
#pragma once

#include "iopcare/config.hpp"

#if defined(IOPCARE_SHARED)
#  if defined(_WIN32)
#    if defined(IOPCARE_IO_BUILDING)
#      define IOPCARE_IO_API __declspec(dllexport)
#    else
#      define IOPCARE_IO_API __declspec(dllimport)
#    endif
#  else
#    define IOPCARE_IO_API __attribute__((visibility("default")))
#  endif
#else
#  define IOPCARE_IO_API
#endif
