# What iopcare's libraries are built with, all found as CMake packages from Debian (or
# vcpkg/Conan). Only range-v3 reaches a consumer (iopcare/schedule.hpp includes it), so only
# it is found again by cmake/iopcare-config.cmake.in. Boost.Graph and Boost.Date_Time are used
# header-only inside src/ (nothing of libboost_graph or libboost_date_time is called);
# nlohmann-json only inside iopcare::io's sources. packaging/check_dependencies.py (a test)
# checks that the vcpkg port, the Conan recipe and vcpkg.json declare each of these.
find_package(Boost 1.74 CONFIG REQUIRED COMPONENTS date_time graph)
find_package(range-v3 CONFIG REQUIRED)
if(IOPCARE_WITH_JSON)
  find_package(nlohmann_json 3.10 CONFIG REQUIRED)
endif()
