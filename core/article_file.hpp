#pragma once
// ArticleFile: an article file opened for reading in a way that cannot block, the one place the
// readers' files are opened.

#include "file_identity.hpp"

#include <ext/stdio_filebuf.h>

#include <istream>
#include <optional>
#include <string>

namespace yalu {

/// An article file open for reading: opened with O_NONBLOCK (a named pipe with no writer, a
/// device, would otherwise wait forever, deaf to the stop signals), then checked on its
/// descriptor, so a file replaced by a named pipe after the run checked its name is refused,
/// never waited on. Closed when destroyed.
class ArticleFile {
public:
    /// Opens `path`; InputError when it cannot be opened ("cannot open 'PATH' for reading:
    /// REASON") or is no regular file (not_regular_file()'s message).
    explicit ArticleFile(const std::string& path);
    ArticleFile(const ArticleFile&) = delete;
    ArticleFile& operator=(const ArticleFile&) = delete;

    /// The file's bytes, seekable.
    [[nodiscard]] std::istream& stream() { return stream_; }
    /// The open file's identity now (nullopt when fstat fails): the file read, even when its
    /// name has since been given to another file.
    [[nodiscard]] std::optional<FileIdentity> identity() {
        return FileIdentity::of_descriptor(buffer_.fd());
    }

    /// "'PATH' is a named pipe (FIFO), not a regular file: replace it with the file, or remove
    /// it", for a `path` of special_file_kind() `kind`.
    [[nodiscard]] static std::string not_regular_file(const std::string& path,
                                                      const std::string& kind);

private:
    __gnu_cxx::stdio_filebuf<char> buffer_;
    std::istream stream_;
};

}  // namespace yalu
