# Overlay port: vcpkg install iopcare --overlay-ports=ports
# Builds from the checkout this port sits in (SOURCE_PATH two levels up); a registry port
# would use vcpkg_from_github with a release tag and SHA512 instead.
get_filename_component(SOURCE_PATH "${CMAKE_CURRENT_LIST_DIR}/../.." ABSOLUTE)

vcpkg_cmake_configure(
  SOURCE_PATH "${SOURCE_PATH}"
  OPTIONS
    -DIOPCARE_BUILD_TESTS=OFF
    -DIOPCARE_BUILD_EXAMPLES=OFF
    -DIOPCARE_BUILD_BENCH=OFF
    -DIOPCARE_BUILD_TOOLS=OFF
    -DIOPCARE_CMAKE_DIR=share/iopcare)
vcpkg_cmake_install()
vcpkg_cmake_config_fixup(PACKAGE_NAME iopcare CONFIG_PATH share/iopcare)
vcpkg_fixup_pkgconfig()

file(REMOVE_RECURSE "${CURRENT_PACKAGES_DIR}/debug/include" "${CURRENT_PACKAGES_DIR}/debug/share")
file(INSTALL "${CMAKE_CURRENT_LIST_DIR}/usage" DESTINATION "${CURRENT_PACKAGES_DIR}/share/${PORT}")
vcpkg_install_copyright(FILE_LIST "${SOURCE_PATH}/LICENSE")
