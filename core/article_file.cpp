#include "article_file.hpp"

#include "errors.hpp"
#include "special_file_kind.hpp"

#include <sys/stat.h>
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace yalu {
namespace fs = std::filesystem;
namespace {

// The file type of a stat's mode.
fs::file_type type_of(mode_t mode) {
    return S_ISREG(mode)    ? fs::file_type::regular
           : S_ISDIR(mode)  ? fs::file_type::directory
           : S_ISFIFO(mode) ? fs::file_type::fifo
           : S_ISSOCK(mode) ? fs::file_type::socket
           : S_ISCHR(mode)  ? fs::file_type::character
           : S_ISBLK(mode)  ? fs::file_type::block
                            : fs::file_type::unknown;
}

// The descriptor of `path` open for reading, checked to be a regular file; InputError otherwise.
// O_NONBLOCK: opening a named pipe waits for a writer, and a device may never answer.
int open_regular(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        const int error = errno;
        // A socket cannot be opened at all (ENXIO): say what it is, as for the others.
        struct stat st {};
        if (::stat(path.c_str(), &st) == 0)
            if (const std::string kind = special_file_kind(type_of(st.st_mode)); !kind.empty())
                throw InputError(ArticleFile::not_regular_file(path, kind));
        throw InputError("cannot open '" + path + "' for reading: " + std::strerror(error) +
                         (error == EACCES ? "; check its permissions" : ""));
    }
    struct stat st {};
    const int error = ::fstat(fd, &st) == 0 ? 0 : errno;
    const fs::file_type type = error == 0 ? type_of(st.st_mode) : fs::file_type::unknown;
    if (type != fs::file_type::regular) {
        ::close(fd);
        if (error != 0)
            throw InputError("cannot open '" + path + "' for reading: " + std::strerror(error));
        const std::string kind = special_file_kind(type);
        throw InputError(ArticleFile::not_regular_file(path, kind.empty() ? "a folder" : kind));
    }
    // Reads of a regular file never block; the flag only mattered for the open.
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    return fd;
}

}  // namespace

ArticleFile::ArticleFile(const std::string& path)
    : buffer_(open_regular(path), std::ios::in | std::ios::binary), stream_(&buffer_) {}

std::string ArticleFile::not_regular_file(const std::string& path, const std::string& kind) {
    return "'" + path + "' is " + kind +
           ", not a regular file: replace it with the file, or remove it";
}

}  // namespace yalu
