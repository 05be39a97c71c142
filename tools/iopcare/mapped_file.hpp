// A regular file mapped read-only, for reading a large input in place: read into memory, a
// 133 MB attendance file first costs the kernel zeroing and copying every page, about a quarter
// of the command's time; mapped, its pages come straight from the page cache.
//
// A mapped file that another program truncates while it is read loses its pages past the new
// end, and touching one raises SIGBUS (as does a page the disk fails to give). While a mapping lives, a handler turns that signal into
// the tool's error (exit 2, the file named) instead of a crash. Nothing has been written by
// then: a mapping is read whole before any output starts.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace iopcare::cli {

class mapped_file {
public:
    // The file mapped, or nothing when it cannot be (not a regular file, empty, no mapping):
    // then the caller reads it as usual, and says what is wrong, if anything is.
    static std::optional<mapped_file> open(const std::string& path);
    mapped_file(mapped_file&& o) noexcept;
    mapped_file& operator=(mapped_file&&) = delete;
    mapped_file(const mapped_file&) = delete;
    mapped_file& operator=(const mapped_file&) = delete;
    ~mapped_file();

    [[nodiscard]] std::string_view text() const noexcept { return {data_, size_}; }

private:
    mapped_file(const char* data, std::size_t size, int guard) : data_(data), size_(size), guard_(guard) {}
    const char* data_;
    std::size_t size_;  // the mapping's length: the file's when mapped
    int guard_;         // this mapping's place among those the SIGBUS handler knows, or -1
};

}  // namespace iopcare::cli
