import os
import re

from conan import ConanFile
from conan.tools.build import check_min_cppstd
from conan.tools.cmake import CMake, CMakeDeps, CMakeToolchain, cmake_layout
from conan.tools.files import copy, load


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
        self.requires("boost/[>=1.74 <2]", transitive_headers=True)
        self.requires("range-v3/0.12.0", transitive_headers=True)
        if self.options.with_json:
            self.requires("nlohmann_json/[>=3.10 <4]")

    def validate(self):
        check_min_cppstd(self, "20")

    def generate(self):
        tc = CMakeToolchain(self)
        tc.cache_variables["IOPCARE_BUILD_TESTS"] = False
        tc.cache_variables["IOPCARE_BUILD_EXAMPLES"] = False
        tc.cache_variables["IOPCARE_BUILD_BENCH"] = False
        tc.cache_variables["IOPCARE_BUILD_TOOLS"] = False
        tc.cache_variables["IOPCARE_WITH_JSON"] = bool(self.options.with_json)
        tc.generate()
        CMakeDeps(self).generate()

    def build(self):
        cmake = CMake(self)
        cmake.configure()
        cmake.build()

    def package(self):
        copy(self, "LICENSE", self.source_folder, os.path.join(self.package_folder, "licenses"))
        CMake(self).install()

    def package_info(self):
        # One package name everywhere: find_package(iopcare), targets iopcare::iopcare and iopcare::io.
        self.cpp_info.set_property("cmake_file_name", "iopcare")
        self.cpp_info.set_property("cmake_find_mode", "none")
        self.cpp_info.builddirs.append(os.path.join("lib", "cmake", "iopcare"))
        self.cpp_info.set_property("pkg_config_name", "iopcare")
