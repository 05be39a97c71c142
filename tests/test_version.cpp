#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "catch.hpp"
#include "iopcare/version.hpp"

TEST_CASE("the linked library reports the headers' version") {
    const auto v = iopcare::library_version();
    CHECK(v.major == IOPCARE_VERSION_MAJOR);
    CHECK(v.minor == IOPCARE_VERSION_MINOR);
    CHECK(v.patch == IOPCARE_VERSION_PATCH);
    char expected[32];
    std::snprintf(expected, sizeof expected, "%d.%d.%d", IOPCARE_VERSION_MAJOR, IOPCARE_VERSION_MINOR,
                  IOPCARE_VERSION_PATCH);
    CHECK(std::string(iopcare::library_version_string()) == expected);
}

TEST_CASE("packaging manifests carry the same version as version.hpp") {
    char expected[48];
    std::snprintf(expected, sizeof expected, "\"version\": \"%d.%d.%d\"", IOPCARE_VERSION_MAJOR,
                  IOPCARE_VERSION_MINOR, IOPCARE_VERSION_PATCH);
    for (const char* file : {"/vcpkg.json", "/ports/iopcare/vcpkg.json"}) {
        std::ifstream in(std::string(IOPCARE_SOURCE_DIR) + file);
        REQUIRE(in.good());
        std::stringstream text;
        text << in.rdbuf();
        INFO(file);
        CHECK(text.str().find(expected) != std::string::npos);
    }
}
