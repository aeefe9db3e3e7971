#pragma once
// Typed errors thrown inside the core. Tools map them to exit codes; messages name the file,
// the record and the fix.

#include <csignal>
#include <stdexcept>
#include <string>

namespace yalu {

/// The caller asked for something impossible (bad option value, bad query syntax): exit "usage".
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// One input record is unusable (broken XML, invalid date, empty file): it is rejected, the run
/// goes on.
class DataError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// A file or folder named as input does not exist or cannot be read.
class InputError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// The database cannot be opened, created or written (wraps Xapian::Error with context).
class DatabaseError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Another writer holds the database lock.
class LockedError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// The writer lock cannot be taken at all, held by no one: the file system offers no locks (NFS
/// without its lock service: ENOLCK) or refused the lock otherwise. No rerun mends it.
class LockUnavailableError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// The run was asked to stop (SIGTERM, SIGINT, SIGHUP) and stopped cleanly: what was committed
/// stays.
class InterruptedError : public std::runtime_error {
public:
    /// "stopped by SIGTERM: " + `outcome` (what was kept, what to do).
    InterruptedError(int signal, const std::string& outcome)
        : std::runtime_error("stopped by " + signal_name(signal) + ": " + outcome) {}
    /// "SIGTERM", "SIGINT", "SIGHUP", or "signal N".
    static std::string signal_name(int signal) {
        return signal == SIGTERM  ? std::string("SIGTERM")
               : signal == SIGINT ? std::string("SIGINT")
               : signal == SIGHUP ? std::string("SIGHUP")
                                  : "signal " + std::to_string(signal);
    }
};

/// The index was built with another schema version than the one loaded.
class SchemaMismatchError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// A schema, gazetteer or thesaurus file is missing or malformed.
class ConfigError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace yalu

namespace yalu {

/// No index exists at the database path (searcher side), or, for yalu-index
/// --suggest-entities, one holding no article to read.
class NoIndexError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace yalu
