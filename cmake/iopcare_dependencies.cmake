# Public dependencies of iopcare, all found as CMake packages from Debian (or vcpkg/Conan).
# Keep this list in step with cmake/iopcare-config.cmake.in.
find_package(Boost 1.74 CONFIG REQUIRED COMPONENTS date_time graph)
find_package(range-v3 CONFIG REQUIRED)
if(IOPCARE_WITH_JSON)
  find_package(nlohmann_json 3.10 CONFIG REQUIRED)
endif()
