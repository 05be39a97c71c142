# Install rules: targets, headers, the CMake package (config + version file) and pkg-config.
set(IOPCARE_CMAKE_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/iopcare" CACHE STRING
    "Where iopcare-config.cmake is installed, relative to the prefix")

set(_iopcare_install_targets iopcare)
if(TARGET iopcare_io)
  list(APPEND _iopcare_install_targets iopcare_io)
endif()

install(TARGETS ${_iopcare_install_targets} EXPORT iopcare-targets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
  FILE_SET HEADERS DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})

install(EXPORT iopcare-targets NAMESPACE iopcare:: DESTINATION ${IOPCARE_CMAKE_DIR})

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

# pkg-config: for hosts that do not use CMake. Boost.Date_Time is header-only in 1.74.
# The .pc file finds its prefix relative to itself, so a staged or relocated install works.
set(_iopcare_pc_libs "-liopcare")
file(RELATIVE_PATH _iopcare_pc_to_prefix "/prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/prefix")
string(REGEX REPLACE "/$" "" _iopcare_pc_to_prefix "${_iopcare_pc_to_prefix}")
configure_file("${PROJECT_SOURCE_DIR}/cmake/iopcare.pc.in" "${PROJECT_BINARY_DIR}/iopcare.pc" @ONLY)
install(FILES "${PROJECT_BINARY_DIR}/iopcare.pc" DESTINATION "${CMAKE_INSTALL_LIBDIR}/pkgconfig")
