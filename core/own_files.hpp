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

private:
    std::filesystem::path db_;       // canonical
    std::filesystem::path rejects_;  // canonical; empty without --rejects
};

}  // namespace yalu
