#include "file_identity.hpp"

#include <sys/stat.h>

#include <ctime>

namespace yalu {

namespace {

// The identity a stat() or fstat() gave.
FileIdentity from_stat(const struct stat& st) {
    constexpr std::int64_t kSecond = 1'000'000'000;
    FileIdentity id;
    id.device = static_cast<std::uint64_t>(st.st_dev);
    id.inode = static_cast<std::uint64_t>(st.st_ino);
    id.size = static_cast<std::int64_t>(st.st_size);
    id.mtime_ns = static_cast<std::int64_t>(st.st_mtim.tv_sec) * kSecond + st.st_mtim.tv_nsec;
    id.ctime_ns = static_cast<std::int64_t>(st.st_ctim.tv_sec) * kSecond + st.st_ctim.tv_nsec;
    return id;
}

}  // namespace

std::optional<FileIdentity> FileIdentity::of(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return std::nullopt;
    return from_stat(st);
}

std::optional<FileIdentity> FileIdentity::of_descriptor(int fd) {
    struct stat st {};
    if (::fstat(fd, &st) != 0) return std::nullopt;
    return from_stat(st);
}

std::int64_t FileIdentity::now_ns() {
    struct timespec now {};
    ::clock_gettime(CLOCK_REALTIME, &now);
    return static_cast<std::int64_t>(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
}

bool FileIdentity::settled(std::int64_t when_ns) const {
    // A time of 0 is a file system that keeps none: nothing to trust.
    return mtime_ns > 0 && ctime_ns > 0 && mtime_ns <= when_ns - kSettle_ns &&
           ctime_ns <= when_ns - kSettle_ns;
}

}  // namespace yalu
