#include "mapped_file.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <csignal>
#include <cstring>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.hpp"

namespace iopcare::cli {

namespace {

// A mapping the handler knows, with the error it prints when a page of it is gone. The
// message is made before reading starts: a signal handler may not allocate.
struct guarded {
    std::atomic<const char*> begin{nullptr};  // null: the slot is free
    std::size_t size = 0;
    std::array<char, 1024> message{};
    std::size_t length = 0;
};
// Only lock-free atomics may be read in a signal handler.
static_assert(std::atomic<const char*>::is_always_lock_free);
// A command maps one input at a time; a few slots leave room to spare.
std::array<guarded, 4> guards;
std::atomic<bool> installed{false};
// The SIGBUS action before ours (a sanitizer's, say), for a signal that is not ours.
struct sigaction previous {};
// Several parsing threads may run into the missing pages at once: one prints.
std::atomic_flag printed = ATOMIC_FLAG_INIT;

// The guarded mapping a fault's address falls in, or null.
const guarded* guard_of(const siginfo_t* info) {
    if (info->si_code <= 0) return nullptr;  // sent by kill() or sigqueue(): si_addr is not an address
    const auto* at = static_cast<const char*>(info->si_addr);
    for (const guarded& g : guards) {
        const char* b = g.begin.load(std::memory_order_acquire);
        if (b != nullptr && at >= b && at < b + g.size) return &g;
    }
    return nullptr;
}

void on_sigbus(int sig, siginfo_t* info, void* /*context*/) {
    if (const guarded* g = guard_of(info)) {
        if (!printed.test_and_set()) {
            const auto n = ::write(STDERR_FILENO, g->message.data(), g->length);
            static_cast<void>(n);  // nothing more can be done about a failed write here
        }
        ::_exit(exit_bad_input);
    }
    // Not a mapped input's page: the action before ours takes it. A fault comes again when the
    // instruction runs again; a signal sent from outside is sent again.
    ::sigaction(sig, &previous, nullptr);
    if (info->si_code <= 0) ::raise(sig);
}

void install_handler() {
    if (installed.exchange(true)) return;
    struct sigaction action {};
    action.sa_sigaction = on_sigbus;
    action.sa_flags = SA_SIGINFO;
    sigemptyset(&action.sa_mask);
    ::sigaction(SIGBUS, &action, &previous);
}

// Registers a mapping of `path`; the slot's index, or -1 when every slot is taken (the
// mapping is then unguarded, as it was before guards).
int guard(const char* begin, std::size_t size, const std::string& path) {
    std::string text = error_line(error(errc::io_error, input_name(path), "",
                                        "the file could not be read to its end: it shrank while it was being read "
                                        "(another program truncated or rewrote it), or reading a part of it failed")
                                      .info());
    text.pop_back();  // the line end is put back after any cut below
    for (std::size_t k = 0; k < guards.size(); ++k) {
        guarded& g = guards[k];
        if (g.begin.load(std::memory_order_relaxed) != nullptr) continue;
        g.size = size;
        g.length = std::min(text.size(), g.message.size() - 1);  // a very long name is cut short
        std::memcpy(g.message.data(), text.data(), g.length);
        g.message[g.length++] = '\n';
        install_handler();
        g.begin.store(begin, std::memory_order_release);
        return static_cast<int>(k);
    }
    return -1;
}

// For the tests of the guard (test_fault): "shrunk_input" maps two pages more than the file
// holds, so that reading runs into pages past its end as after a truncation; "foreign_sigbus"
// sends the tool a SIGBUS of no mapping's once the guard is in place, which must end it as the
// signal's own action would.
std::size_t test_overhang() {
    return test_fault("shrunk_input") ? 2 * static_cast<std::size_t>(::sysconf(_SC_PAGESIZE)) : 0;
}

}  // namespace

std::optional<mapped_file> mapped_file::open(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return std::nullopt;
    struct stat st {};
    void* at = MAP_FAILED;
    std::size_t size = 0;
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
        int flags = MAP_PRIVATE;
#ifdef MAP_POPULATE
        flags |= MAP_POPULATE;  // every page is read: fault them in at once
#endif
        size = static_cast<std::size_t>(st.st_size) + test_overhang();
        at = ::mmap(nullptr, size, PROT_READ, flags, fd, 0);
    }
    ::close(fd);
    if (at == MAP_FAILED) return std::nullopt;
    const auto* data = static_cast<const char*>(at);
    mapped_file mapped(data, size, guard(data, size, path));
    if (test_fault("foreign_sigbus")) ::raise(SIGBUS);
    return mapped;
}

mapped_file::mapped_file(mapped_file&& o) noexcept : data_(o.data_), size_(o.size_), guard_(o.guard_) {
    o.data_ = nullptr;
    o.guard_ = -1;
}

mapped_file::~mapped_file() {
    if (guard_ >= 0) guards[static_cast<std::size_t>(guard_)].begin.store(nullptr, std::memory_order_release);
    if (data_ != nullptr) ::munmap(const_cast<char*>(data_), size_);
}

}  // namespace iopcare::cli
