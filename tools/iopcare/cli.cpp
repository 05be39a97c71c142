// Shared pieces of the command-line tools (cli.hpp): reading inputs, writing outputs, printing
// errors, and parsing and running a command.
#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <stdexcept>
#include <string_view>
#include <vector>

#include <unistd.h>

#include <iopcare/io/continuum_json.hpp>
#include <iopcare/io/rules.hpp>
#include <iopcare/text.hpp>

#include "cli.hpp"
#include "output_file.hpp"

namespace iopcare::cli {


std::string read_input(const std::string& path) {
    if (path != stdin_path) return io::read_text_file(path);
    // Standard input can be read once: a second "-" would silently read nothing.
    static bool stdin_taken = false;
    if (stdin_taken) {
        throw error(errc::invalid_argument, "<stdin>", "-",
                    "standard input is already the input of another option; only one option can be '-'");
    }
    stdin_taken = true;
    std::string text{std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()};
    if (std::cin.bad()) throw error(errc::io_error, "<stdin>", "", "error while reading standard input");
    return text;
}

std::ifstream open_input(const std::string& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) throw error(errc::io_error, path, "", "this is a directory; expected a file");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw error(errc::io_error, path, "", "cannot open the file for reading");
    return in;
}

bool attendance_is_csv(const std::string& path, std::string_view text) {
    if (path != stdin_path) {
        return path.size() >= 4 &&
               (path.compare(path.size() - 4, 4, ".csv") == 0 || path.compare(path.size() - 4, 4, ".CSV") == 0);
    }
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // a byte-order mark
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return false;  // empty: let the JSON reader say so
    return text[first] != '{' && text[first] != '[';
}

rule_set rules_argument(const std::string& arg) {
    if (auto b = try_builtin_rules(arg)) return *b;
    std::error_code ec;
    if (arg == stdin_path || std::filesystem::exists(arg, ec)) {
        return load_file(arg, [](const std::string& text, const std::string& src) { return io::parse_rules(text, src); });
    }
    std::string known;
    for (auto id : builtin_rule_ids()) known += (known.empty() ? "" : ", ") + std::string(id);
    throw error(errc::unknown_rule_set, "--rules", arg, "neither a built-in rule set (" + known + ") nor a file");
}

// Parsed here because the option parser would wrap "-1" around to 2^64-1.
std::uint64_t seed_argument(const std::string& text) {
    std::uint64_t v = 0;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, v);
    if (text.empty() || text.front() == '-' || text.front() == '+' || ec != std::errc{} || ptr != end) {
        throw error(errc::invalid_argument, "--seed", text, "expected a whole number from 0 to 18446744073709551615");
    }
    return v;
}

namespace {
// A full disk or a closed pipe shows only when standard output is flushed; the result did not
// arrive, so that is an error.
error stdout_failed() { return error(errc::io_error, "standard output", "", "error while writing"); }
}  // namespace

void enroll_from_file(schedule& s, const io::program_file& file, const std::string& path) {
    for (std::size_t i = 0; i < file.enrollments.size(); ++i) {
        in_file(path, [&] {
            try {
                s.enroll(file.enrollments[i]);
            } catch (const error& e) {
                error_info info = e.info();
                info.set_where("/enrollments/" + std::to_string(i) + (info.where.empty() ? "" : " " + info.where));
                throw error(std::move(info));
            }
        });
    }
}

void write_output(const std::string& text, const std::string& path) {
    output_file out(path);
    out.stream() << text;
    if ((path.empty() || path == "-") && !text.empty() && text.back() != '\n') out.stream() << '\n';
    out.commit();
}

void write_output(const command_output& result, const std::string& path) {
    if (!result.stream) return write_output(result.text, path);
    output_file out(path);
    result.stream(out.stream());
    if (is_stdout(path) && !result.stream_ends_line) out.stream() << '\n';
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

std::string error_line(const error_info& e) { return "iopcare: error: " + printable(e) + "\n"; }

bool test_fault(std::string_view kind) {
    const char* fault = std::getenv("IOPCARE_CLI_TEST_FAULT");
    return fault != nullptr && std::string_view(fault) == kind;
}

bool stderr_is_terminal() noexcept { return ::isatty(STDERR_FILENO) == 1; }

namespace {

// The names of a command's subcommands, comma-separated.
std::string subcommand_names(const CLI::App& app) {
    std::string names;
    for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
        names += (names.empty() ? "" : ", ") + sub->get_name();
    }
    return names;
}

// The first word that is not an option must name a command (and, under a command that has
// its own, such as `fhir`, the next one too). Checked before parsing, so the message names
// what was typed and lists what exists, rather than CLI11's "a subcommand is required".
std::string unknown_subcommand(CLI::App& app, int argc, char** argv) {
    CLI::App* level = &app;
    std::string path;  // "" or "fhir "
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg.starts_with("-")) continue;  // these levels take flags only (--help, --version)
        CLI::App* sub = nullptr;
        for (CLI::App* s : level->get_subcommands([](CLI::App*) { return true; })) {
            if (s->check_name(std::string(arg))) sub = s;
        }
        if (sub == nullptr) {
            return "unknown command '" + escape_text(path + std::string(arg)) + "'; the commands" +
                   (path.empty() ? "" : " of '" + path.substr(0, path.size() - 1) + "'") + " are " +
                   subcommand_names(*level) + " (see --help)";
        }
        if (sub->get_subcommands([](CLI::App*) { return true; }).empty()) return "";
        level = sub;
        path += sub->get_name() + " ";
    }
    return "";
}

// Every command writes its result through --out FILE ("-" or none: standard output). A
// command that has its own --out (schedule, fhir export: they print a summary to standard
// output when writing a file) keeps it; one that only groups others (fhir) gets none.
void add_out_options(CLI::App& app, std::string& path) {
    for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) {
        if (!sub->get_subcommands([](CLI::App*) { return true; }).empty()) {
            add_out_options(*sub, path);
        } else if (sub->get_option_no_throw("--out") == nullptr) {
            sub->add_option("--out", path, "write the result to this file instead of standard output ('-': standard output)");
        }
    }
}

// For the exit-code test: IOPCARE_CLI_TEST_FAULT=internal makes the command throw an exception
// that is not iopcare::error, =precondition breaks a library precondition, as a bug would.
void injected_fault() {
    if (test_fault("internal")) throw std::logic_error("fault injected by IOPCARE_CLI_TEST_FAULT");
    if (test_fault("precondition"))
        detail::precondition_failed("fault injected by IOPCARE_CLI_TEST_FAULT", __FILE__, __LINE__);
}

}  // namespace

int run_app(CLI::App& app, command& run, int argc, char** argv) {
    std::string out_path;
    add_out_options(app, out_path);

    if (const std::string unknown = unknown_subcommand(app, argc, argv); !unknown.empty()) {
        std::cerr << "iopcare: error: " << unknown << "\n";
        return exit_bad_input;
    }
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
        command_output out;
        injected_fault();
        const int code = run(out);
        write_output(out, out_path);
        return out.code_after_stream.value_or(code);
    } catch (const iopcare::error& e) {
        // A broken precondition is the tool's bug (it let through what the library refuses).
        if (e.code() == iopcare::errc::precondition_failed) {
            std::cerr << "iopcare: internal error: " << printable(e.info()) << "\n";
            return exit_internal;
        }
        std::cerr << error_line(e.info());
        return exit_bad_input;
    } catch (const std::exception& e) {
        std::cerr << "iopcare: internal error: " << iopcare::escape_text(e.what()) << "\n";
        return exit_internal;
    }
}

}  // namespace iopcare::cli
