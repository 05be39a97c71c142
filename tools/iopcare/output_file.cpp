// Output files that never clobber: see output_file.hpp for the rules.
#include "output_file.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <iopcare/error.hpp>

namespace iopcare::cli {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void fail(const std::string& path, const std::string& message) {
    throw error(errc::io_error, path, "", message);
}

std::string reason() { return std::strerror(errno); }

// The final target of a chain of symbolic links (the name itself when it is not one).
std::string follow_links(const std::string& path) {
    fs::path at = path;
    for (int hops = 0;; ++hops) {
        std::error_code ec;
        if (!fs::is_symlink(fs::symlink_status(at, ec))) return at.string();
        if (hops == 40) fail(path, "too many levels of symbolic links");
        const fs::path link = fs::read_symlink(at, ec);
        if (ec) fail(path, "cannot read the symbolic link: " + ec.message());
        at = link.is_absolute() ? link : at.parent_path() / link;
    }
}

// The mode a new file gets from open(..., 0666): 0666 less the process's umask.
mode_t default_mode() {
    const mode_t mask = ::umask(0);
    ::umask(mask);
    return 0666 & ~mask;
}

}  // namespace

// A stream buffer over a file descriptor: POSIX calls, so the file can be created exclusively
// (mkstemp) and opened without following links or truncating a device.
class output_file::fd_buffer : public std::streambuf {
public:
    explicit fd_buffer(int fd) : fd_(fd), buffer_(1 << 16) { setp(buffer_.data(), buffer_.data() + buffer_.size()); }
    ~fd_buffer() override { close(); }
    fd_buffer(const fd_buffer&) = delete;
    fd_buffer& operator=(const fd_buffer&) = delete;

    [[nodiscard]] int fd() const noexcept { return fd_; }
    // Writes what is buffered; false once any write failed (errno tells why).
    bool drain() {
        write_all(pbase(), pptr());
        setp(buffer_.data(), buffer_.data() + buffer_.size());
        return !failed_;
    }
    bool close() {
        if (fd_ < 0) return true;
        const bool ok = ::close(fd_) == 0;
        fd_ = -1;
        return ok;
    }

protected:
    int_type overflow(int_type c) override {
        if (!drain()) return traits_type::eof();
        if (!traits_type::eq_int_type(c, traits_type::eof())) sputc(traits_type::to_char_type(c));
        return traits_type::not_eof(c);
    }
    int sync() override { return drain() ? 0 : -1; }
    // A large write (an event log's chunk) goes straight to the file rather than through the
    // buffer: one copy fewer of what may be hundreds of megabytes.
    std::streamsize xsputn(const char* s, std::streamsize n) override {
        if (n < static_cast<std::streamsize>(buffer_.size() / 2)) return std::streambuf::xsputn(s, n);
        if (!drain()) return 0;
        write_all(s, s + n);
        return failed_ ? 0 : n;
    }

private:
    void write_all(const char* p, const char* end) {
        while (p < end && !failed_) {
            const ssize_t n = ::write(fd_, p, static_cast<std::size_t>(end - p));
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) failed_ = true;
            else p += n;
        }
    }

    int fd_;
    std::vector<char> buffer_;
    bool failed_ = false;
};

output_file::output_file(std::string path) : path_(std::move(path)) {
    if (path_.empty() || path_ == "-") {
        out_ = &std::cout;
        return;
    }
    target_ = follow_links(path_);
    struct stat st {};
    const bool exists = ::stat(target_.c_str(), &st) == 0;
    if (exists && S_ISDIR(st.st_mode)) fail(path_, "this is a directory; expected a file");
    int fd = -1;
    if (exists && !S_ISREG(st.st_mode)) {
        // A FIFO, a device or a socket: written where it is; O_NOFOLLOW refuses a link swapped
        // in since the check.
        fd = ::open(target_.c_str(), O_WRONLY | O_NOCTTY | O_NOFOLLOW | O_CLOEXEC);
        if (fd < 0) fail(path_, "cannot open the file for writing: " + reason());
    } else {
        const fs::path dir = fs::path(target_).parent_path();
        std::string name = ((dir.empty() ? fs::path(".") : dir) / ".iopcare-XXXXXX").string();
        fd = ::mkstemp(name.data());
        if (fd < 0) fail(path_, "cannot open the file for writing: " + reason());
        temporary_ = std::move(name);
        // The replaced file's mode and, where allowed, owner; a new file's the umask's.
        if (exists) {
            (void)::fchown(fd, st.st_uid, st.st_gid);
            (void)::fchmod(fd, st.st_mode & 07777);
        } else {
            (void)::fchmod(fd, default_mode());
        }
    }
    buffer_ = std::make_unique<fd_buffer>(fd);
    own_ = std::make_unique<std::ostream>(buffer_.get());
    out_ = own_.get();
}

output_file::~output_file() {
    if (committed_ || temporary_.empty()) return;
    if (buffer_) buffer_->close();
    (void)::unlink(temporary_.c_str());
}

void output_file::commit() {
    if (out_ == &std::cout) {
        std::cout.flush();
        if (!std::cout) throw error(errc::io_error, "standard output", "", "error while writing");
        committed_ = true;
        return;
    }
    out_->flush();
    // A full disk shows here or at close; fsync so the renamed file has its content on disk.
    bool ok = static_cast<bool>(*out_) && buffer_->drain();
    if (ok && !temporary_.empty() && ::fsync(buffer_->fd()) != 0 && errno != EINVAL) ok = false;
    if (!buffer_->close()) ok = false;
    if (!ok) fail(path_, "error while writing the file");
    if (!temporary_.empty()) {
        // Never rename over something that is no longer a regular file (swapped in meanwhile).
        struct stat st {};
        if (::lstat(target_.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
            fail(path_, "the file was replaced by something that is not a regular file while writing; left as it is");
        }
        if (std::rename(temporary_.c_str(), target_.c_str()) != 0) {
            fail(path_, "cannot move the finished file into place: " + reason());
        }
    }
    committed_ = true;
}

}  // namespace iopcare::cli
