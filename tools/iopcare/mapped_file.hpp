// A regular file mapped read-only, for reading a large input in place: read into memory, a
// 133 MB attendance file first costs the kernel zeroing and copying every page, about a quarter
// of the command's time; mapped, its pages come straight from the page cache.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace iopcare::cli {

class mapped_file {
public:
    // The file mapped, or nothing when it cannot be (not a regular file, empty, no mapping):
    // then the caller reads it as usual, and says what is wrong, if anything is.
    static std::optional<mapped_file> open(const std::string& path) {
        const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) return std::nullopt;
        struct stat st {};
        void* at = MAP_FAILED;
        if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
            int flags = MAP_PRIVATE;
#ifdef MAP_POPULATE
            flags |= MAP_POPULATE;  // every page is read: fault them in at once
#endif
            at = ::mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ, flags, fd, 0);
        }
        ::close(fd);
        if (at == MAP_FAILED) return std::nullopt;
        return mapped_file(static_cast<const char*>(at), static_cast<std::size_t>(st.st_size));
    }
    mapped_file(mapped_file&& o) noexcept : data_(o.data_), size_(o.size_) { o.data_ = nullptr; }
    mapped_file& operator=(mapped_file&&) = delete;
    mapped_file(const mapped_file&) = delete;
    mapped_file& operator=(const mapped_file&) = delete;
    ~mapped_file() {
        if (data_ != nullptr) ::munmap(const_cast<char*>(data_), size_);
    }

    [[nodiscard]] std::string_view text() const noexcept { return {data_, size_}; }

private:
    mapped_file(const char* data, std::size_t size) : data_(data), size_(size) {}
    const char* data_;
    std::size_t size_;
};

}  // namespace iopcare::cli
