#pragma once
// WriterLock: the writer lock of a database (PATH.lock, flock), so a rebuild and an update
// cannot overlap.

#include <csignal>
#include <string>

namespace yalu {

/// Holds the writer lock of a database until destroyed.
class WriterLock {
public:
    /// Takes the lock at `lock_path`, waiting up to `wait_seconds` while another process holds
    /// it; throws LockedError (still held), LockUnavailableError at once when the lock fails
    /// otherwise (a file system without locks), or InterruptedError when `stop_signal` is set
    /// while it waits.
    WriterLock(const std::string& lock_path, double wait_seconds,
               const volatile std::sig_atomic_t* stop_signal = nullptr);
    /// Releases the lock (closes its descriptor; the lock file stays).
    ~WriterLock();
    WriterLock(const WriterLock&) = delete;
    WriterLock& operator=(const WriterLock&) = delete;

private:
    int fd_ = -1;
};

}  // namespace yalu
