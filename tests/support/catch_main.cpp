// The test runner's main() for Catch2 2.x; with Catch2 3 this file is not compiled
// (Catch2::Catch2WithMain provides main()).
#define CATCH_CONFIG_MAIN
#include "catch.hpp"
