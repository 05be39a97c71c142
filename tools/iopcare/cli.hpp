// Shared pieces of the iopcare command-line tool: exit codes, output, error reporting.
// The tool only parses arguments, calls the library's public API and prints.
#pragma once

#include <cstdint>
#include <fstream>
#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

#include <CLI/CLI.hpp>

#include <iopcare/error.hpp>
#include <iopcare/io/program.hpp>
#include <iopcare/rules.hpp>

namespace iopcare::cli {

// Exit codes are part of the contract.
inline constexpr int exit_ok = 0;
inline constexpr int exit_not_met = 1;    // findings: a week does not meet the rules (validate), a
                                          // variance without its reason (place), data problems
                                          // in the record (episodes)
inline constexpr int exit_bad_input = 2;  // bad input or usage, or output that cannot be written
inline constexpr int exit_internal = 3;   // an internal error: a bug in the tool or the library
                                          // (an exception that is not iopcare::error, or a
                                          // broken precondition), never the input's fault

// A command's result: its text, or a writer that streams a large result (a report of a million
// records) to the output without holding it whole; the writer runs only after the command
// succeeded. A command that only fills text takes `std::string&`, which this converts to.
struct command_output {
    std::string text;
    std::function<void(std::ostream&)> stream;
    // Whether the streamed result ends in a newline; standard output gets one when it does not,
    // as a text result does.
    bool stream_ends_line = true;
    // Set by a stream that decides the exit code as it writes (validate judges patients while
    // it writes them); it replaces the code the command returned.
    std::optional<int> code_after_stream;
    operator std::string&() noexcept { return text; }  // NOLINT: implicit, for the text commands
};

// What a subcommand does once its arguments are parsed: fills `out` and returns an exit code.
// Output is written only after the command succeeded, so an error never leaves a partial
// result on stdout or in --out.
using command = std::function<int(command_output& out)>;

// Every input option takes "-" for standard input; only one option of a run can use it.
inline constexpr std::string_view stdin_path = "-";
// How messages name an input: the path, or "<stdin>" for "-".
inline std::string input_name(const std::string& path) { return path == stdin_path ? "<stdin>" : path; }

// Reads a whole input file, or standard input for "-"; errors name the file.
std::string read_input(const std::string& path);

// Runs `f`, a step that works on the content of the file `path`; an error placed by JSON
// path ("/records/3/minutes") or by a bare field name is re-thrown placed as
// "FILE /records/3/minutes", so every message says which file. A place that already names the
// file (FILE:LINE:COLUMN, which also starts with '/' when FILE is an absolute path) or a
// command-line option ("--timezone") is left as it is.
template <class F>
auto in_file(const std::string& path, F&& f) {
    const std::string name = input_name(path);
    try {
        return f();
    } catch (const error& e) {
        // A place that names the file already, or a command-line option, is not in the file.
        if (!e.place().file.empty() || e.place().field.starts_with("--")) throw;
        error_info info = e.info();
        info.set_where(name + (info.where.empty() ? "" : info.where.front() == '/' ? " " : " /") + info.where);
        info.place.file = name;  // exactly, whatever spaces the name has
        throw error(std::move(info));
    }
}

// Runs a loader over a file's text, or standard input's for "-" (see in_file); the loader is
// given the input's name (input_name) as its source.
template <class F>
auto load_file(const std::string& path, F&& loader) {
    const std::string text = read_input(path);
    return in_file(path, [&] { return loader(text, input_name(path)); });
}

// Enrolls a program file's patients in turn; an error is placed as "FILE /enrollments/I ...".
void enroll_from_file(schedule& s, const io::program_file& file, const std::string& path);

// Whether attendance is CSV: a file by its name (*.csv), standard input by its content (JSON,
// a FHIR Bundle and NDJSON start with '{' or '[').
bool attendance_is_csv(const std::string& path, std::string_view text);

// Writes `text` to `path`, or to stdout when path is empty or "-", through output_file (so a
// regular file is replaced whole or not at all, and a FIFO or device is written in place).
void write_output(const std::string& text, const std::string& path);
// The same for a command's result: its stream when it has one, else its text.
void write_output(const command_output& result, const std::string& path);

// Opens an input file for reading a block at a time, with read_input's errors (a directory, a
// file that cannot be opened).
std::ifstream open_input(const std::string& path);

// A --rules argument: a built-in rule set's id, or an iopcare.rules/1 file ('-': standard input).
rule_set rules_argument(const std::string& arg);

// A --seed: a whole number from 0 to 2^64-1, like a scenario file's "seed".
std::uint64_t seed_argument(const std::string& text);

// Whether an --out names standard output (not given, or "-").
inline bool is_stdout(const std::string& path) { return path.empty() || path == "-"; }

// Registers each subcommand; each sets `run` when it is chosen.
void add_levels(CLI::App& app, command& run);
void add_continuum(CLI::App& app, command& run);
void add_simulate(CLI::App& app, command& run);
void add_schedule(CLI::App& app, command& run);
void add_validate(CLI::App& app, command& run);
void add_place(CLI::App& app, command& run);
void add_episodes(CLI::App& app, command& run);
void add_fhir(CLI::App& app, command& run);
void add_rules(CLI::App& app, command& run);
void add_experiment(CLI::App& app, command& run);
void add_simulate_attendance(CLI::App& app, command& run);

// Parses the arguments and runs the chosen command: its output to stdout once it succeeded,
// an error to stderr. Returns the exit code.
int run_app(CLI::App& app, command& run, int argc, char** argv);

// An error as the tool prints it: the place and value escaped (iopcare/text.hpp), the message
// escaped line by line.
std::string printable(const error_info& e);
// The line the tool writes to stderr for bad input: "iopcare: error: " + printable(e), ended.
std::string error_line(const error_info& e);

// Whether IOPCARE_CLI_TEST_FAULT names `kind`: the tests make the tool fail on purpose (as a
// bug would, or as a file truncated while it is read would) to check what it then does.
bool test_fault(std::string_view kind);

// Whether stderr is a terminal (for progress output).
bool stderr_is_terminal() noexcept;

}  // namespace iopcare::cli
