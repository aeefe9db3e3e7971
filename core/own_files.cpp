#include "own_files.hpp"

#include <system_error>

namespace fs = std::filesystem;

namespace yalu {
namespace {

// The path with every existing folder and link resolved: the list need not exist yet (a first
// run), and the sources may name a folder another way (relative, through a link).
fs::path canonical_of(const std::string& path) {
    std::error_code ec;
    fs::path real = fs::weakly_canonical(fs::absolute(path, ec), ec);
    return ec ? fs::path(path).lexically_normal() : real;
}

bool starts_with(const std::string& text, const std::string& prefix) {
    return text.compare(0, prefix.size(), prefix) == 0;
}

}  // namespace

OwnFiles::OwnFiles(const std::string& db_path, const std::string& rejects_path)
    : db_(canonical_of(db_path)),
      rejects_(rejects_path.empty() ? fs::path() : canonical_of(rejects_path)) {}

OwnFiles::Kind OwnFiles::owner(const std::string& path) const {
    // Names first: most archive files share nothing with either, and resolving every one of
    // them would cost a few system calls each.
    const std::string name = fs::path(path).filename().string();
    const std::string list = rejects_.filename().string();
    const std::string db = db_.filename().string();
    const bool maybe_list = !list.empty() && (name == list || starts_with(name, list + ".tmp."));
    const bool maybe_db = !db.empty() && path.find(db) != std::string::npos;
    if (!maybe_list && !maybe_db) return Kind::none;
    const fs::path real = canonical_of(path);
    // FILE.tmp.PID: this run's list being written, or one a killed run left.
    if (maybe_list && real.parent_path() == rejects_.parent_path() &&
        (real.filename() == rejects_.filename() ||
         starts_with(real.filename().string(), list + ".tmp.")))
        return Kind::rejects_list;
    return maybe_db && in_database(real) ? Kind::database : Kind::none;
}

bool OwnFiles::rejects_list_in_database() const {
    // PATH/ too: a plain Xapian folder's tables (as a source, such a folder is judged whole).
    return !rejects_.empty() &&
           (in_database(rejects_) || starts_with(rejects_.string(), db_.string() + "/"));
}

bool OwnFiles::in_database(const fs::path& real) const {
    const std::string db_text = db_.string();
    const std::string real_text = real.string();
    return real_text == db_text || real_text == db_text + ".lock" ||
           real_text == db_text + ".stub-tmp" || real_text == db_text + ".d" ||
           starts_with(real_text, db_text + ".d/");
}

}  // namespace yalu
