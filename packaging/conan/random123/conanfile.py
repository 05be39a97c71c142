# Random123 (D. E. Shaw Research's counter-based random number generators) is not on Conan
# Center; iopcare's simulation uses it, privately. This header-only recipe fetches the
# upstream release named by its version, checked against conandata.yml. Export it once
# before creating iopcare:
#   conan export packaging/conan/random123 --version 1.14.0
import os

from conan import ConanFile
from conan.tools.files import copy, get
from conan.tools.layout import basic_layout

required_conan_version = ">=2.0"


class Random123Conan(ConanFile):
    name = "random123"
    description = "Counter-based random number generators (Philox, Threefry, ARS, AES), header-only"
    license = "BSD-3-Clause"
    homepage = "https://github.com/DEShawResearch/random123"
    topics = ("random", "rng", "counter-based", "header-only")
    package_type = "header-library"
    settings = "os", "arch", "compiler", "build_type"
    no_copy_source = True

    def layout(self):
        basic_layout(self, src_folder="src")

    def package_id(self):
        self.info.clear()

    def source(self):
        get(self, **self.conan_data["sources"][self.version], strip_root=True)

    def package(self):
        copy(self, "LICENSE", self.source_folder, os.path.join(self.package_folder, "licenses"))
        copy(self, "*.h", os.path.join(self.source_folder, "include"), os.path.join(self.package_folder, "include"))
        copy(self, "*.hpp", os.path.join(self.source_folder, "include"), os.path.join(self.package_folder, "include"))

    def package_info(self):
        self.cpp_info.set_property("cmake_file_name", "Random123")
        self.cpp_info.set_property("cmake_target_name", "Random123::Random123")
        self.cpp_info.bindirs = []
        self.cpp_info.libdirs = []
