// Shared pieces of the command-line tools (cli.hpp): reading inputs, writing outputs, printing
// errors, and parsing and running a command.
#include <iostream>

#include <unistd.h>

#include <iopcare/io/continuum_json.hpp>
#include <iopcare/text.hpp>

#include "cli.hpp"
#include "output_file.hpp"

namespace iopcare::cli {

std::string read_input(const std::string& path) { return io::read_text_file(path); }

namespace {
// A full disk or a closed pipe shows only when standard output is flushed; the result did not
// arrive, so that is an error.
error stdout_failed() { return error(errc::io_error, "standard output", "", "error while writing"); }
}  // namespace

void write_output(const std::string& text, const std::string& path) {
    output_file out(path);
    out.stream() << text;
    if ((path.empty() || path == "-") && !text.empty() && text.back() != '\n') out.stream() << '\n';
    out.commit();
}

// An error for the terminal: its place and value come from the input and are escaped whole;
// its message is the library's text, escaped line by line so that a list it lays out one
// problem per line keeps its lines (the library escapes the data inside such lists).
std::string printable(const error_info& e) {
    error_info shown = e;
    shown.where = escape_text(e.where);
    shown.value = escape_text(e.value);
    shown.message.clear();
    for (std::size_t b = 0;;) {
        const std::size_t n = e.message.find('\n', b);
        shown.message += escape_text(std::string_view(e.message).substr(b, n == std::string::npos ? n : n - b));
        if (n == std::string::npos) break;
        shown.message += '\n';
        b = n + 1;
    }
    return shown.to_string();
}

bool stderr_is_terminal() noexcept { return ::isatty(STDERR_FILENO) == 1; }

int run_app(CLI::App& app, command& run, int argc, char** argv) {
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);  // prints help, version or the usage error
        std::cout.flush();
        if (code == 0 && !std::cout) {
            std::cerr << "iopcare: error: " << stdout_failed().what() << "\n";
            return exit_bad_input;
        }
        return code == 0 ? exit_ok : exit_bad_input;
    }

    try {
        std::string out;
        const int code = run(out);
        write_output(out, "");
        return code;
    } catch (const iopcare::error& e) {
        std::cerr << "iopcare: error: " << printable(e.info()) << "\n";
        return exit_bad_input;
    } catch (const std::exception& e) {
        std::cerr << "iopcare: internal error: " << escape_text(e.what()) << "\n";
        return exit_bad_input;
    }
}

}  // namespace iopcare::cli
