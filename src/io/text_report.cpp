// Plain-text tables of the catalog and of a continuum (see iopcare/io/text_report.hpp).
#include "iopcare/io/text_report.hpp"

#include "detail/text.hpp"
#include "iopcare/text.hpp"

namespace iopcare::io {

namespace {

using iopcare::detail::printf_string;

std::string band_text(const std::optional<hour_band>& band) { return band ? band->describe() : std::string("-"); }

}  // namespace

std::string levels_to_text(const catalog& c) {
    std::string out = escape_text(c.name()) + "\n";
    out += printf_string("%-7s %-11s %-5s %-14s %-18s %s\n", "code", "setting", "24h", "adult", "adolescent", "name");
    for (const auto& l : c) {
        out += printf_string("%-7s %-11s %-5s %-14s %-18s %s\n", escape_text(l.code.str()).c_str(),
                             std::string(to_string(l.setting)).c_str(), l.twenty_four_hour ? "yes" : "no",
                             band_text(l.adult_hours).c_str(), band_text(l.adolescent_hours).c_str(),
                             escape_text(l.name).c_str());
    }
    return out;
}

std::string continuum_to_text(const continuum& c) {
    std::string out = escape_text(c.name()) + "\n";
    for (const auto& t : c.transitions()) {
        out += "  " + escape_text(t.from.str()) + " -> " + escape_text(t.to.str()) + "  " +
               std::string(to_string(t.kind));
        if (t.probability) out += printf_string("  p=%g", *t.probability);
        if (!t.criteria.empty()) out += "  (" + escape_text(t.criteria) + ")";
        out += "\n";
    }
    return out;
}

}  // namespace iopcare::io
