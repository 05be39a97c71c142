// libFuzzer harness: iopcare.continuum/1 loading and building. Any input may be rejected with an
// iopcare::error; nothing else may escape, crash, hang or trip a sanitizer.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <iopcare/continuum.hpp>
#include <iopcare/io/continuum_json.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        const auto doc = iopcare::io::parse_continuum(text, "fuzz");
        const auto built = iopcare::continuum::try_build(doc.spec, iopcare::catalog::of(doc.catalog_edition));
        if (built.ok()) {
            const auto& c = built.value();
            for (const auto& l : c.levels()) {
                (void)c.assess(l.code.str(), "discharge");
                (void)c.reachable_from(l.code.str());
            }
            (void)c.to_dot();
        }
    } catch (const iopcare::error&) {
    }
    return 0;
}
