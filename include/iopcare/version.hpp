/// @file
/// The library version. This header is the single source of truth:
/// CMake, the Conan recipe and the version consistency test all read these three macros.
#pragma once

#include "iopcare/detail/export.hpp"

/// The major version: a change breaks the API or ABI.
#define IOPCARE_VERSION_MAJOR 0
/// The minor version: additions that keep compatibility.
#define IOPCARE_VERSION_MINOR 1
/// The patch version: fixes only.
#define IOPCARE_VERSION_PATCH 0

/// The version as one number, MAJOR * 10000 + MINOR * 100 + PATCH (0.1.0 is 100), for `#if`.
#define IOPCARE_VERSION (IOPCARE_VERSION_MAJOR * 10000 + IOPCARE_VERSION_MINOR * 100 + IOPCARE_VERSION_PATCH)

namespace iopcare {

/// A version as three numbers.
struct version_info {
    /// Major version.
    int major;
    /// Minor version.
    int minor;
    /// Patch version.
    int patch;
};

/// The version the headers were compiled against.
inline constexpr version_info header_version{IOPCARE_VERSION_MAJOR, IOPCARE_VERSION_MINOR,
                                             IOPCARE_VERSION_PATCH};

/// The version of the compiled library actually linked (may differ from header_version when a
/// host links a shared library built from another release).
[[nodiscard]] IOPCARE_API version_info library_version() noexcept;

/// "MAJOR.MINOR.PATCH" of the linked library.
[[nodiscard]] IOPCARE_API const char* library_version_string() noexcept;

}  // namespace iopcare
