// A host application's first use of iopcare, built against an installed or in-tree iopcare.
#include <cstdio>

#include <iopcare/iopcare.hpp>
#ifdef IOPCARE_CONSUMER_WITH_IO
#include <iopcare/io/continuum_json.hpp>
#endif

int main() {
    const auto& iop = iopcare::catalog::asam3().at("II.1");
    const auto jump = iopcare::continuum::standard().assess("3.5", "1");
    std::printf("iopcare %s: %s %s; 3.5 -> 1 skips %s\n", iopcare::library_version_string(), iop.code.str().c_str(),
                iop.hours_for(iopcare::population::adult)->describe().c_str(),
                jump.skipped.empty() ? "nothing" : jump.skipped.front().str().c_str());
#ifdef IOPCARE_CONSUMER_WITH_IO
    const auto doc = iopcare::io::parse_continuum(
        R"({"format": "iopcare.continuum/1", "transitions": [{"from": "community", "to": "2.1"}, {"from": "2.1", "to": "discharge"}]})");
    std::printf("io: %zu transitions\n", doc.spec.transitions.size());
#endif
    return jump.skipped.size() == 1 ? 0 : 1;
}
