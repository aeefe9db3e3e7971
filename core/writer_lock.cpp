#include "writer_lock.hpp"

#include "database_layout.hpp"
#include "errors.hpp"
#include "file_owner.hpp"

#include <sys/file.h>
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <thread>

namespace fs = std::filesystem;

namespace yalu {

WriterLock::WriterLock(const std::string& lock_path, double wait_seconds,
                       const volatile std::sig_atomic_t* stop_signal) {
    fd_ = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0) {
        const int error = errno;
        std::error_code ec;
        // A lock file another user made (a run as root) is no folder problem: "cannot create"
        // sent the operator to a folder that exists and is writable.
        if (error == EACCES && fs::exists(lock_path, ec)) {
            if (const auto own = file_owner::own_read_only(lock_path, "chmod u+w " + lock_path);
                !own.empty())
                throw DatabaseError("cannot write the lock file '" + lock_path +
                                    "': " + std::strerror(error) + own);
            throw DatabaseError("cannot write the lock file '" + lock_path +
                                "': " + std::strerror(error) + file_owner::owned_by(lock_path) +
                                ": it exists but is not writable by this user (" +
                                file_owner::user_name(::geteuid()) +
                                "); run yalu-index as its owner, or chown the database's files "
                                "(the lock file, the stub and its .d folder) to this user; "
                                "nothing was written");
        }
        // "Create" only when it is not there: on a read-only mount an existing lock file fails
        // its open for writing, and "check the folder is writable" named no read-only mount.
        const bool exists = fs::exists(lock_path, ec);
        const std::string failed =
            (exists ? "cannot open the lock file '" + lock_path + "' for writing: "
                    : "cannot create the lock file '" + lock_path + "': ") +
            std::strerror(error);
        if (error == EROFS)
            throw DatabaseError(failed +
                                " (the database's folder is on a file system mounted read-only: a "
                                "restore or snapshot mounted ro, or a disk the kernel remounted ro "
                                "after errors, see dmesg; remount it read-write, or give --db a "
                                "writable place; searches can still read the index); nothing was "
                                "written");
        throw DatabaseError(failed + (exists ? " (check that this user can write it)"
                                             : " (check the folder exists and is writable)"));
    }
    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::duration<double>(wait_seconds);
    while (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
        const int error = errno;
        if (error == EINTR) continue;
        // Only EWOULDBLOCK (EAGAIN on Linux) is another process holding the lock; anything
        // else (ENOLCK: a file system without locks, NFS without lockd) no wait or rerun mends,
        // and a cron wrapper retrying exit 75 would retry for ever.
        if (error != EWOULDBLOCK) {
            ::close(fd_);
            fd_ = -1;
            throw LockUnavailableError(
                DatabaseLayout::lock_unavailable(lock_path, std::strerror(error), error == ENOLCK) +
                "; nothing was written");
        }
        if (std::chrono::steady_clock::now() >= deadline) {
            ::close(fd_);
            fd_ = -1;
            throw LockedError(
                "database is locked by another yalu-index (lock file '" + lock_path + "')" +
                (wait_seconds > 0 ? "; still locked after waiting " +
                                        std::to_string(static_cast<long>(wait_seconds)) +
                                        " s (--wait): try again later or wait longer"
                                  : "; try again later, or pass --wait SECONDS"));
        }
        if (stop_signal && *stop_signal) {
            ::close(fd_);
            fd_ = -1;
            throw InterruptedError(*stop_signal,
                                   "gave up waiting for the lock (--wait); nothing was written");
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
}

WriterLock::~WriterLock() {
    // Closing the descriptor releases the flock; the file stays so its inode is stable.
    if (fd_ >= 0) ::close(fd_);
}

}  // namespace yalu
