#include "iopcare/version.hpp"

#define IOPCARE_STR2(x) #x
#define IOPCARE_STR(x) IOPCARE_STR2(x)

namespace iopcare {

version_info library_version() noexcept { return header_version; }

const char* library_version_string() noexcept {
    return IOPCARE_STR(IOPCARE_VERSION_MAJOR) "." IOPCARE_STR(IOPCARE_VERSION_MINOR) "." IOPCARE_STR(
        IOPCARE_VERSION_PATCH);
}

}  // namespace iopcare
