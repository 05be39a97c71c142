import os
import re

from conan import ConanFile
from conan.tools.build import check_min_cppstd
from conan.tools.cmake import CMake, CMakeDeps, CMakeToolchain, cmake_layout
from conan.tools.files import copy, load, rmdir

required_conan_version = ">=2.0"


class IopcareConan(ConanFile):
    name = "iopcare"
    description = ("Model of the continuum of care around intensive outpatient programs: care levels, "
                   "transitions, schedules, hour-requirement validation and patient-flow simulation.")
    license = "MIT"
    topics = ("healthcare", "behavioral-health", "scheduling", "simulation")
    package_type = "library"
    settings = "os", "arch", "compiler", "build_type"
    options = {"shared": [True, False], "fPIC": [True, False], "with_json": [True, False]}
    default_options = {"shared": False, "fPIC": True, "with_json": True}
    exports_sources = ("CMakeLists.txt", "cmake/*", "include/*", "src/*", "LICENSE")

    def set_version(self):
        # The version's single source of truth is include/iopcare/version.hpp.
        text = load(self, os.path.join(self.recipe_folder, "include", "iopcare", "version.hpp"))
        parts = [re.search(rf"#define IOPCARE_VERSION_{p} (\d+)", text).group(1) for p in ("MAJOR", "MINOR", "PATCH")]
        self.version = ".".join(parts)

    def config_options(self):
        if self.settings.os == "Windows":
            del self.options.fPIC

    def configure(self):
        if self.options.shared:
            self.options.rm_safe("fPIC")

    def layout(self):
        cmake_layout(self)

    def requirements(self):
        # iopcare/schedule.hpp includes range-v3: its headers reach every consumer.
        self.requires("range-v3/0.12.0", transitive_headers=True)
        # Used inside the compiled library only (Boost.Graph behind a pimpl, Date_Time in the
        # calendar, both header-only), so no consumer sees their headers.
        self.requires("boost/[>=1.74 <2]")
        # Not on Conan Center: packaging/conan/random123 is its recipe (see the README).
        self.requires("random123/1.14.0")
        if self.options.with_json:
            # Inside iopcare::io's sources only; its public headers do not include it.
            self.requires("nlohmann_json/[>=3.10 <4]")

    def validate(self):
        check_min_cppstd(self, 20)

    def generate(self):
        tc = CMakeToolchain(self)
        tc.cache_variables["IOPCARE_BUILD_TESTS"] = False
        tc.cache_variables["IOPCARE_BUILD_EXAMPLES"] = False
        tc.cache_variables["IOPCARE_BUILD_BENCH"] = False
        tc.cache_variables["IOPCARE_WITH_MPI"] = False
        tc.cache_variables["IOPCARE_BUILD_TOOLS"] = False
        tc.cache_variables["IOPCARE_WITH_JSON"] = bool(self.options.with_json)
        tc.cache_variables["IOPCARE_INSTALL"] = True
        tc.generate()
        CMakeDeps(self).generate()

    def build(self):
        cmake = CMake(self)
        cmake.configure()
        cmake.build()

    def package(self):
        copy(self, "LICENSE", self.source_folder, os.path.join(self.package_folder, "licenses"))
        CMake(self).install()
        # Consumers get their CMake and pkg-config files from package_info() below.
        rmdir(self, os.path.join(self.package_folder, "lib", "cmake"))
        rmdir(self, os.path.join(self.package_folder, "lib", "pkgconfig"))
        rmdir(self, os.path.join(self.package_folder, "share"))

    def package_info(self):
        # One package name everywhere: find_package(iopcare [COMPONENTS io]), targets
        # iopcare::iopcare and iopcare::io, pkg-config modules iopcare and iopcare-io.
        self.cpp_info.set_property("cmake_file_name", "iopcare")
        self.cpp_info.set_property("pkg_config_name", "iopcare")

        core = self.cpp_info.components["core"]
        core.set_property("cmake_target_name", "iopcare::iopcare")
        core.set_property("pkg_config_name", "iopcare")
        core.libs = ["iopcare"]
        core.requires = ["range-v3::range-v3", "boost::headers", "random123::random123"]
        if self.options.shared:
            # Also in the installed iopcare/config.hpp; given here for consumers that read flags.
            core.defines.append("IOPCARE_SHARED")
        if self.settings.os in ("Linux", "FreeBSD"):
            core.system_libs.extend(["m", "pthread"])

        if self.options.with_json:
            io = self.cpp_info.components["io"]
            io.set_property("cmake_target_name", "iopcare::io")
            io.set_property("pkg_config_name", "iopcare-io")
            io.libs = ["iopcare-io"]
            io.requires = ["core", "nlohmann_json::nlohmann_json"]
