#include "snapshot_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace yalu {

namespace {

constexpr std::string_view kSuffix = ".snapshot";
constexpr std::string_view kTemporary = ".tmp";

// Writes all of `bytes` to `fd`; false (errno set) when it cannot.
bool write_all(int fd, std::string_view bytes) {
    while (!bytes.empty()) {
        const ssize_t n = ::write(fd, bytes.data(), bytes.size());
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

}  // namespace

std::string SnapshotFile::path(const std::string& dir, const std::string& key) {
    return dir + "/" + key + std::string(kSuffix);
}

bool SnapshotFile::is_snapshot_name(std::string_view file_name) {
    if (file_name.ends_with(kTemporary)) file_name.remove_suffix(kTemporary.size());
    return file_name.size() > kSuffix.size() && file_name.ends_with(kSuffix);
}

std::string SnapshotFile::write(const std::string& dir, const std::string& key,
                                std::string_view bytes) {
    const std::string target = path(dir, key);
    const std::string temporary = target + std::string(kTemporary);
    // A run killed between writing and renaming left this; it is never read.
    ::unlink(temporary.c_str());
    if (const auto old = SnapshotBytes::map(target); old && old->view() == bytes) return {};
    // Mode 0666 less the umask, as Xapian creates the tables: readable by whoever may read
    // the index.
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0) return "cannot create '" + temporary + "': " + std::strerror(errno);
    // Flushed before the rename: after a crash the name holds all of the new bytes or the old.
    const bool written = write_all(fd, bytes) && ::fsync(fd) == 0;
    const int error = errno;
    if (::close(fd) != 0 || !written || std::rename(temporary.c_str(), target.c_str()) != 0) {
        const int why = written ? errno : error;
        ::unlink(temporary.c_str());
        return "cannot write '" + target + "': " + std::strerror(why);
    }
    return {};
}

std::optional<SnapshotBytes> SnapshotFile::read(const std::string& dir, const std::string& key) {
    return SnapshotBytes::map(path(dir, key));
}

}  // namespace yalu
