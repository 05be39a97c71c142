#include "iopcare/io/csv.hpp"

namespace iopcare::io {

void append_csv_row(std::string& out, std::initializer_list<std::string_view> fields) {
    bool first = true;
    for (std::string_view f : fields) {
        if (!first) out += ',';
        out += iopcare::csv_field(f);
        first = false;
    }
    out += "\r\n";
}

}  // namespace iopcare::io
