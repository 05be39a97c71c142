// Writing the validation report of a year of attendance for 5,000 patients (260,000 patient
// weeks; attendance_year.hpp) as JSON, text and CSV to a stream that drops the bytes: what the
// command line spends after judging, by format. Issue 17 asks for JSON output within 1.5x the
// time of text output end to end; this shows the writers' own share.
#include <benchmark/benchmark.h>

#include <ostream>
#include <streambuf>

#include "attendance_year.hpp"
#include "iopcare/io/validation.hpp"
#include "iopcare/validate.hpp"

using namespace iopcare;

namespace {

// Counts the bytes written and keeps none of them.
class counting_buf : public std::streambuf {
public:
    std::size_t bytes = 0;

protected:
    std::streamsize xsputn(const char*, std::streamsize n) override {
        bytes += static_cast<std::size_t>(n);
        return n;
    }
    int_type overflow(int_type c) override {
        ++bytes;
        return traits_type::not_eof(c);
    }
};

const rule_set& the_rules() {
    static const rule_set r = builtin_rules("asam-iop-adult");
    return r;
}

const validation_report& the_report() {
    static const validation_report r =
        validate(bench::the_log(), the_rules(), time_zone::locate("America/New_York"));
    return r;
}

template <class Write>
void bm_report(benchmark::State& state, Write write) {
    const auto& report = the_report();
    std::size_t bytes = 0;
    for (auto _ : state) {
        counting_buf buf;
        std::ostream out(&buf);
        write(out, report);
        bytes = buf.bytes;
    }
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(bytes));
    state.counters["bytes"] = static_cast<double>(bytes);
}

void bm_report_json(benchmark::State& s) {
    bm_report(s, [](std::ostream& o, const validation_report& r) { io::write_validation_json(o, r, the_rules()); });
}
void bm_report_text(benchmark::State& s) {
    bm_report(s, [](std::ostream& o, const validation_report& r) { io::write_validation_text(o, r, the_rules()); });
}
void bm_report_csv(benchmark::State& s) {
    bm_report(s, [](std::ostream& o, const validation_report& r) { io::write_validation_csv(o, r); });
}

}  // namespace

BENCHMARK(bm_report_json)->Unit(benchmark::kMillisecond);
BENCHMARK(bm_report_text)->Unit(benchmark::kMillisecond);
BENCHMARK(bm_report_csv)->Unit(benchmark::kMillisecond);
BENCHMARK_MAIN();
