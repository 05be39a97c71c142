# Install rules: targets, headers (with the generated iopcare/config.hpp), the CMake package
# (config, version file, one export set per component), a pkg-config module per library, and
# the API reference when it was built (the docs target).
set(IOPCARE_CMAKE_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/iopcare" CACHE STRING
    "Where iopcare-config.cmake is installed, relative to the prefix")

install(TARGETS iopcare EXPORT iopcare-targets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
  FILE_SET HEADERS DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT iopcare-targets NAMESPACE iopcare:: DESTINATION ${IOPCARE_CMAKE_DIR})
# iopcare::io in its own file: the package config offers the io component when it is there.
if(TARGET iopcare_io)
  install(TARGETS iopcare_io EXPORT iopcare-io-targets
    LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
    ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
    RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
    FILE_SET HEADERS DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
  install(EXPORT iopcare-io-targets NAMESPACE iopcare:: DESTINATION ${IOPCARE_CMAKE_DIR})
endif()

configure_package_config_file(
  "${PROJECT_SOURCE_DIR}/cmake/iopcare-config.cmake.in"
  "${PROJECT_BINARY_DIR}/iopcare-config.cmake"
  INSTALL_DESTINATION ${IOPCARE_CMAKE_DIR})
write_basic_package_version_file(
  "${PROJECT_BINARY_DIR}/iopcare-config-version.cmake"
  COMPATIBILITY SameMinorVersion)
install(FILES
  "${PROJECT_BINARY_DIR}/iopcare-config.cmake"
  "${PROJECT_BINARY_DIR}/iopcare-config-version.cmake"
  DESTINATION ${IOPCARE_CMAKE_DIR})

# pkg-config, for hosts that do not use CMake: iopcare and iopcare-io. No -std= in Cflags (the
# consumer chooses its standard, C++20 or later); range-v3 ships no .pc, so its headers must
# be on the include path already. Each .pc finds its prefix relative to itself, so a staged
# or relocated install works.
file(RELATIVE_PATH _iopcare_pc_to_prefix "/prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/prefix")
string(REGEX REPLACE "/$" "" _iopcare_pc_to_prefix "${_iopcare_pc_to_prefix}")
set(_iopcare_pc_modules iopcare)
if(TARGET iopcare_io)
  list(APPEND _iopcare_pc_modules iopcare-io)
endif()
foreach(_pc IN LISTS _iopcare_pc_modules)
  configure_file("${PROJECT_SOURCE_DIR}/cmake/${_pc}.pc.in" "${PROJECT_BINARY_DIR}/${_pc}.pc" @ONLY)
  install(FILES "${PROJECT_BINARY_DIR}/${_pc}.pc" DESTINATION "${CMAKE_INSTALL_LIBDIR}/pkgconfig")
endforeach()

# The API reference, under share/doc/iopcare/html, when `--target docs` has built it.
install(DIRECTORY "${PROJECT_BINARY_DIR}/docs/html/" DESTINATION "${CMAKE_INSTALL_DOCDIR}/html" OPTIONAL)
