#include "snapshot_bytes.hpp"

#include <sys/mman.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <unistd.h>

#include <utility>

namespace yalu {

std::optional<SnapshotBytes> SnapshotBytes::map(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return std::nullopt;
    struct stat st {};
    void* at = MAP_FAILED;
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0)
        // Populated at once: the checksum reads every page anyway, and one call maps them all
        // where reading them would fault them in a few at a time.
        at = ::mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ,
                    MAP_PRIVATE | MAP_POPULATE, fd, 0);
    ::close(fd);  // the mapping keeps the file
    if (at == MAP_FAILED) return std::nullopt;
    SnapshotBytes bytes;
    bytes.mapped_ = static_cast<const char*>(at);
    bytes.mapped_size_ = static_cast<std::size_t>(st.st_size);
    return bytes;
}

SnapshotBytes::~SnapshotBytes() {
    unmap();
}

SnapshotBytes::SnapshotBytes(SnapshotBytes&& other) noexcept
    : owned_(std::move(other.owned_)),
      mapped_(std::exchange(other.mapped_, nullptr)),
      mapped_size_(std::exchange(other.mapped_size_, 0)) {}

SnapshotBytes& SnapshotBytes::operator=(SnapshotBytes&& other) noexcept {
    if (this != &other) {
        unmap();
        owned_ = std::move(other.owned_);
        mapped_ = std::exchange(other.mapped_, nullptr);
        mapped_size_ = std::exchange(other.mapped_size_, 0);
    }
    return *this;
}

void SnapshotBytes::unmap() noexcept {
    if (mapped_) ::munmap(const_cast<char*>(mapped_), mapped_size_);
    mapped_ = nullptr;
    mapped_size_ = 0;
}

}  // namespace yalu
