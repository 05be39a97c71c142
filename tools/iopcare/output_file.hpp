// The one way the iopcare tool writes a file (every --out, and --events): it never clobbers
// what it should not.
//  - "-" (or no name): standard output.
//  - A symbolic link is followed to its final target, explicitly, and the rules below apply to
//    that target; the link itself stays as it is.
//  - A regular file, or a name not taken yet: the output goes to a new temporary file in the
//    same directory (created exclusively, with the mode of the file it replaces, or 0666 less
//    the umask), which is renamed over the name once it is complete. Until then the old file
//    is untouched; an error, or an output_file destroyed without commit(), removes the
//    temporary. The rename replaces the name's inode: other hard links keep the old content.
//  - Anything else (a FIFO, a character device such as /dev/null or /dev/full, a socket):
//    written in place, never renamed over or removed, so a FIFO's reader gets the output and
//    a device node stays a device node. A failed run may leave part of the output there.
//  - A directory: an error.
// Errors are iopcare::error with errc::io_error naming the path.
#pragma once

#include <memory>
#include <ostream>
#include <streambuf>
#include <string>
#include <vector>

namespace iopcare::cli {

class output_file {
public:
    explicit output_file(std::string path);
    ~output_file();
    output_file(const output_file&) = delete;
    output_file& operator=(const output_file&) = delete;

    [[nodiscard]] std::ostream& stream() noexcept { return *out_; }
    // Flushes and checks the output, then moves a temporary into place.
    void commit();

private:
    class fd_buffer;
    std::string path_;         // as given, for messages
    std::string target_;       // the name written (a link's final target)
    std::string temporary_;    // the temporary file renamed over target_, or empty
    std::unique_ptr<fd_buffer> buffer_;
    std::unique_ptr<std::ostream> own_;
    std::ostream* out_ = nullptr;
    bool committed_ = false;
};

}  // namespace iopcare::cli
