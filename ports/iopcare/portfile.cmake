# vcpkg port of iopcare, registry style.
#
# In a registry, the port builds the release tagged v${VERSION} on GitHub, checked by SHA512.
# The SHA512 below is a placeholder until the first release is tagged: vcpkg refuses the
# download and prints the archive's actual SHA512, which goes here (or run `vcpkg hash` on
# the release tarball). REPO names the project's GitHub home.
#
# As an overlay from a checkout (`vcpkg install iopcare --overlay-ports=ports`, run at the
# top of the checkout): the port then sits inside the source tree it packages, and builds
# that tree rather than a release, so a change can be tried through vcpkg before it is
# released. A registry never holds the sources next to its ports, so it always downloads.
get_filename_component(_iopcare_checkout "${CMAKE_CURRENT_LIST_DIR}/../.." ABSOLUTE)
if(EXISTS "${_iopcare_checkout}/include/iopcare/version.hpp" AND EXISTS "${_iopcare_checkout}/CMakeLists.txt")
  set(SOURCE_PATH "${_iopcare_checkout}")
else()
  vcpkg_from_github(
    OUT_SOURCE_PATH SOURCE_PATH
    REPO iopcare/iopcare
    REF "v${VERSION}"
    SHA512 0  # placeholder until the first release: see above
    HEAD_REF main)
endif()

vcpkg_check_features(OUT_FEATURE_OPTIONS FEATURE_OPTIONS
  FEATURES
    io    IOPCARE_WITH_JSON
    tools IOPCARE_BUILD_TOOLS)

# Only the libraries (and the tool with `tools`): no tests, examples or benchmarks.
vcpkg_cmake_configure(
  SOURCE_PATH "${SOURCE_PATH}"
  OPTIONS
    ${FEATURE_OPTIONS}
    -DIOPCARE_BUILD_TESTS=OFF
    -DIOPCARE_BUILD_EXAMPLES=OFF
    -DIOPCARE_BUILD_BENCH=OFF
    -DIOPCARE_WITH_MPI=OFF
    -DIOPCARE_INSTALL=ON)
vcpkg_cmake_install()
vcpkg_cmake_config_fixup(CONFIG_PATH lib/cmake/iopcare)
vcpkg_fixup_pkgconfig()
if("tools" IN_LIST FEATURES)
  vcpkg_copy_tools(TOOL_NAMES iopcare AUTO_CLEAN)
endif()

file(REMOVE_RECURSE "${CURRENT_PACKAGES_DIR}/debug/include" "${CURRENT_PACKAGES_DIR}/debug/share")
file(INSTALL "${CMAKE_CURRENT_LIST_DIR}/usage" DESTINATION "${CURRENT_PACKAGES_DIR}/share/${PORT}")
vcpkg_install_copyright(FILE_LIST "${SOURCE_PATH}/LICENSE")
