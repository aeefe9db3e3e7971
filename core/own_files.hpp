#pragma once
// OwnFiles: the files a yalu-index run writes itself, which it must never read as articles.

#include <filesystem>
#include <string>

namespace yalu {

/// The database (PATH, PATH.d/, PATH.lock, PATH.stub-tmp) and the --rejects list (FILE and any
/// FILE.tmp.PID) of one run, recognised by canonical path wherever the sources reach them: a
/// list or database kept inside an archive folder was read back as articles.
class OwnFiles {
public:
    /// For the database at `db_path` and the --rejects list at `rejects_path` ("": none).
    OwnFiles(const std::string& db_path, const std::string& rejects_path);
    /// Which of the run's own files a path is.
    enum class Kind { none, rejects_list, database };
    /// What `path` is of the run's own files.
    [[nodiscard]] Kind owner(const std::string& path) const;
    /// Whether the --rejects list is a file of the database (its stub, lock, or anything in
    /// PATH.d or in a plain Xapian folder PATH), which the list, renamed over it, would destroy.
    [[nodiscard]] bool rejects_list_in_database() const;

private:
    /// Whether the canonical path `real` is the database or one of its files.
    [[nodiscard]] bool in_database(const std::filesystem::path& real) const;

    std::filesystem::path db_;       // canonical
    std::filesystem::path rejects_;  // canonical; empty without --rejects
};

}  // namespace yalu
