#include "database_layout.hpp"

#include "errors.hpp"
#include "file_owner.hpp"
#include "snapshot_file.hpp"
#include "special_file_kind.hpp"

#include <xapian.h>

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string_view>
#include <sstream>

namespace fs = std::filesystem;

namespace yalu {
namespace {

// An empty, committed glass database in `dir` (whatever half-made one was there before),
// holding `metadata` from its first commit.
void create_empty_database(const std::string& dir, const DatabaseLayout::Metadata& metadata) {
    try {
        Xapian::WritableDatabase db(dir, Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS);
        db.commit();
        db.close();
        // In a session of their own: metadata in the commit that creates the database made
        // Xapian 1.4.22 create the document-data table later without compression (the index
        // grew from 237 to 262 MB).
        if (metadata.empty()) return;
        Xapian::WritableDatabase again(dir, Xapian::DB_OPEN);
        for (const auto& [key, value] : metadata) again.set_metadata(key, value);
        again.commit();
        again.close();
    } catch (const Xapian::Error& e) {
        throw DatabaseError("cannot create a database in '" + dir + "': " + e.get_description() +
                            " (check permissions and free space)");
    }
}

// The revision of a database create_empty_database made: one commit of the metadata (none
// without any). Every run commits after it (documents, snapshots, its record).
constexpr Xapian::rev created_revision = 1;

std::string generation_name(int n) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "gen-%06d", n);
    return buf;
}

// What makes Xapian read a line of a stub otherwise than its writer meant, and what mends it.
struct StubLineProblem {
    std::string what;      ///< "" when Xapian reads the line as written
    bool spacing = false;  ///< white space out of place, which one sed command mends
};

// The problem of `line` of a stub. Xapian skips an empty line and a '#' comment, takes the
// line's kind up to its first space and the rest of the line, as it is, for the path: a
// carriage return (a stub saved with Windows line ends, CR LF) or a space after the path is part
// of it, and so is a second space before it (" b.db"), none of which exists; a line opening with
// white space, or holding only white space, or a kind followed by a tab, is a "Bad line" to it.
// A remote line is HOST:PORT (or :PROGRAM ARGS): without a colon it is a bad line, and a port
// that is no number is port 0; its address may end in white space (Xapian reads the port as a
// number).
StubLineProblem stub_line_problem(std::string_view line) {
    if (line.empty() || line.front() == '#') return {};
    const auto space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
    if (std::all_of(line.begin(), line.end(), space))
        return {line == "\r" ? "is a blank line ending in a carriage return (a stub saved with "
                               "Windows line ends, CR LF), which Xapian reads as a bad line"
                             : "holds only white space, which Xapian reads as a bad line",
                true};
    if (space(line.front()))
        return {"starts with white space, which Xapian reads as a bad line", true};
    const std::size_t end = line.find(' ');
    const std::string_view kind = line.substr(0, end);
    if (std::find_if(kind.begin(), kind.end(), space) != kind.end())
        return {
            "separates its kind from the path by white space other than one space (a tab), "
            "which Xapian reads as a bad line",
            true};
    const std::string_view target = end == std::string_view::npos ? "" : line.substr(end + 1);
    if (!target.empty() && space(target.front()))
        return {
            "has more white space than one space before the path, which Xapian reads as "
            "part of it",
            true};
    if (kind == "remote") {
        const std::size_t colon = target.find(':');
        if (colon != 0 && (colon == std::string_view::npos || colon + 1 == target.size() ||
                           target[colon + 1] < '0' || target[colon + 1] > '9'))
            return {
                "names no port: a remote line is 'remote HOST:PORT', the PORT that "
                "xapian-tcpsrv --port serves the shard on (remote 127.0.0.1:8101)"};
        return {};
    }
    if (kind == "inmemory" || target.empty()) return {};
    if (target.back() == '\r')
        return {
            "ends in a carriage return (a stub saved with Windows line ends, CR LF), which "
            "Xapian reads as part of the path",
            true};
    if (space(target.back()))
        return {"ends in white space, which Xapian reads as part of the path", true};
    return {};
}

// `line` with its carriage returns and tabs written out (\r, \t), for a message.
std::string shown_line(std::string_view line) {
    std::string out;
    for (const char c : line) out += c == '\r' ? "\\r" : c == '\t' ? "\\t" : std::string(1, c);
    return out;
}

// `path` quoted for a POSIX shell, for a command a message gives.
std::string shell_quoted(const std::string& path) {
    std::string out = "'";
    for (const char c : path) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

}  // namespace

std::string DatabaseLayout::default_path() {
    const char* env = std::getenv("YALU_DB");
    return env && *env ? env : "yalu.db";
}

DatabaseLayout::DatabaseLayout(std::string path) : path_(std::move(path)) {
    while (path_.size() > 1 && path_.back() == '/') path_.pop_back();
    // A link to the stub (/srv/www/yalu.db -> /data/yalu.db) is the database it names: its
    // generations, lock and rebuilt stub live beside the real stub, not beside the link.
    std::error_code ec;
    if (fs::is_symlink(path_, ec)) {
        const auto real = fs::canonical(path_, ec);
        if (!ec) path_ = real.string();
    }
    // Read as a stub, a named pipe waits for a writer forever (yalu-index deaf to SIGTERM
    // then), and a device may never end.
    if (const std::string kind = special_file_kind(fs::status(path_, ec).type());
        !ec && !kind.empty())
        throw DatabaseError("'" + path_ + "' is " + kind +
                            ", not a database: give --db a Yalu database (its stub file or its "
                            "folder)");
}

void DatabaseLayout::check_writable(bool rebuild) const {
    if (path_.empty())
        throw UsageError(
            "--db is empty: name the database to write (default: $YALU_DB, else "
            "./yalu.db)");
    std::error_code ec;
    // A lost stub: a new database here would overwrite gen-000001 and the next run would
    // delete the real generation as a killed rebuild's. A rebuild makes a new generation and
    // publishes it, so it is a way out.
    if (is_orphaned()) {
        if (rebuild) return;
        throw DatabaseError(orphan_advice() + "; nothing was written");
    }
    if (!exists()) return;
    check_stubs();  // a rebuild would open the live index through it
    if (is_plain_folder()) {
        // An existing folder is a Xapian database, or empty (Xapian makes one there); anything
        // else is a wrong --db (the archive folder itself, say) that must not fill with tables.
        if (is_folder_without_database())
            throw DatabaseError(folder_without_database_advice(
                "choose another --db (yalu-index creates PATH, PATH.d and PATH.lock itself)"));
        if (rebuild && !is_empty_folder()) throw plain_folder_rebuild();
        return;
    }
    if (is_single_file())
        throw DatabaseError("'" + path_ +
                            "' is a single-file Xapian database (xapian-compact --single-file), "
                            "which Xapian cannot update: index into the database it was "
                            "compacted from, then compact that again");
    const std::string live = live_generation();
    // Each shard is a database of its own; "remove it" would lose the operator's stub.
    if (live.empty() && is_stub_of_shards())
        throw DatabaseError("'" + path_ + "' is a stub of " +
                            std::to_string(stub_entries().size()) +
                            " shard(s) written by hand for searching them together; yalu-index "
                            "does not write into a stub of shards: index each shard with its "
                            "own --db (the databases its lines name); nothing was written");
    if (live.empty())
        throw DatabaseError("'" + path_ +
                            "' is neither a Yalu database nor a Xapian folder (remove it, or "
                            "choose another --db)");
    // A rebuild makes a new generation, so it is also the way out of this.
    if (!rebuild && !fs::is_directory(live, ec))
        throw DatabaseError("'" + path_ + "' names the generation '" + live +
                            "', which does not exist (restore it, point the stub at an "
                            "existing generation, run yalu-index --rebuild with all the "
                            "sources, or choose another --db; nothing was written)");
    // Xapian reports a lock file it may not create as a lock held by another writer (exit 75,
    // "rerun"), which no rerun mends: a generation another user built (a --rebuild as root).
    if (!rebuild) check_generation_writable(live);
}

void DatabaseLayout::check_generation_writable(const std::string& generation) const {
    const std::string lock = (fs::path(generation) / "flintlock").string();
    std::error_code ec;
    const bool folder_denied = ::access(generation.c_str(), W_OK | X_OK) != 0 && errno == EACCES;
    const bool lock_denied =
        fs::exists(lock, ec) && ::access(lock.c_str(), W_OK) != 0 && errno == EACCES;
    if (!folder_denied && !lock_denied) return;
    throw DatabaseError(generation_unwritable(generation, std::strerror(EACCES)));
}

std::string DatabaseLayout::generation_unwritable(const std::string& generation,
                                                  const std::string& reason) const {
    // The generation folder or its Xapian lock file, whichever is the user's own and read-only.
    for (const std::string& denied : {generation, (fs::path(generation) / "flintlock").string()})
        if (const auto own = file_owner::own_read_only(denied, "chmod -R u+w " + generations_dir());
            !own.empty())
            return "cannot write the lock file of " + generation + ": " + reason + own;
    return "cannot write the lock file of " + generation + ": " + reason +
           file_owner::owned_by(generation) + " (check that the user running yalu-index owns " +
           generations_dir() + " and " + path_ +
           ": an index built by another user, e.g. a --rebuild run as root, stays unwritable "
           "for it; chown -R it back; nothing was written)";
}

std::string DatabaseLayout::written_elsewhere() const {
    std::vector<std::string> folders;
    if (is_plain_folder())
        folders.push_back(path_);
    else if (const std::string live = live_generation(); !live.empty())
        folders.push_back(live);  // perhaps outside PATH.d: another stub's generation
    std::error_code ec;
    for (const std::string& dir : {generations_dir(), parts_dir()})
        for (const auto& entry : fs::directory_iterator(dir, ec))
            if (entry.is_directory(ec)) folders.push_back(entry.path().string());
    for (const std::string& folder : folders) {
        try {
            if (Xapian::Database(folder).locked()) return folder;
        } catch (const Xapian::Error&) {
            // No database (yet), or one this user cannot read: opening it to write says why.
        }
    }
    return {};
}

std::string DatabaseLayout::lock_unavailable(const std::string& lock, const std::string& reason,
                                             bool no_locks) {
    return "cannot lock '" + lock + "': " + reason +
           (no_locks ? " (the file system holding the database gives no file locks, as NFS "
                       "without its lock service, lockd, does)"
                     : "") +
           "; no other run holds the lock, and no rerun mends this: put the database on a "
           "local disk (or make file locking work where it is)";
}

std::string DatabaseLayout::another_writer(const std::string& database) const {
    return "database '" + path_ + "' is being written by another yalu-index run (it holds " +
           "the write lock of '" + database +
           "'), which reached it by another name (its generation folder, another stub) or "
           "after '" +
           lock_path() +
           "' was removed, so the lock file did not keep the two runs apart; try again once "
           "it has finished, and give every run the same --db (the stub file) so that they "
           "wait for each other";
}

void DatabaseLayout::check_stub_lines(const std::string& stub) {
    std::ifstream in(stub);
    std::string line;
    for (unsigned number = 1; std::getline(in, line); ++number) {
        const StubLineProblem problem = stub_line_problem(line);
        if (problem.what.empty()) continue;
        const std::string named =
            "'" + stub + "' line " + std::to_string(number) + " ('" + shown_line(line) + "') ";
        if (!problem.spacing)
            throw DatabaseError(named + problem.what + "; mend the line in '" + stub + "'");
        // One command mends every such line: each line its kind, one space and the path.
        throw DatabaseError(
            named + problem.what +
            ", so the stub names no database it was meant to; write each line as its kind, one "
            "space and the path or address, with nothing before or after them: sed -i -E "
            "'s/^[[:space:]]+//; s/[[:space:]]+$//; s/^([a-z]+)[[:space:]]+/\\1 /' " +
            shell_quoted(stub));
    }
}

void DatabaseLayout::check_stubs() const {
    // A single-file database (xapian-compact --single-file) is a file too, but no stub to read
    // through line by line.
    const auto is_stub = [](const std::string& path) {
        std::error_code e;
        return fs::is_regular_file(path, e) && !DatabaseLayout(path).is_single_file();
    };
    if (!is_stub(path_)) return;
    // Depth first, with the chain of stubs being followed: a stub reached twice in one chain is
    // a loop (two lines naming one stub are not).
    std::vector<fs::path> chain;
    const std::function<std::string(const std::string&)> loop_at =
        [&](const std::string& stub) -> std::string {
        std::error_code e;
        const fs::path real = fs::weakly_canonical(stub, e);
        if (std::find(chain.begin(), chain.end(), real) != chain.end() || chain.size() >= 32)
            return stub;
        chain.push_back(real);
        check_stub_lines(stub);
        for (const StubEntry& entry : DatabaseLayout(stub).stub_entries()) {
            if (entry.kind != "auto" || !is_stub(entry.target)) continue;
            if (std::string found = loop_at(entry.target); !found.empty()) return found;
        }
        chain.pop_back();
        return {};
    };
    const std::string loop = loop_at(path_);
    if (loop.empty()) return;
    throw DatabaseError("'" + path_ + "' is a stub that leads back to itself: '" + loop +
                        "' is named again by its own line or by a stub it names; point it at a "
                        "generation folder (PATH.d/gen-N) or a database instead");
}

bool DatabaseLayout::is_empty_folder() const {
    std::error_code ec;
    return is_plain_folder() && fs::is_empty(path_, ec) && !ec;
}

bool DatabaseLayout::is_folder_without_database() const {
    std::error_code ec;
    if (!is_plain_folder() || fs::is_empty(path_, ec) || ec) return false;
    for (const char* kind : {"iamglass", "iamchert", "iamhoney"})
        if (fs::exists(fs::path(path_) / kind, ec)) return false;
    return true;
}

std::string DatabaseLayout::folder_without_database_advice(const std::string& otherwise) const {
    std::string advice = "'" + path_ + "' is a folder that holds no Xapian database: ";
    // PATH.d is where a database's generations live: the database to give is PATH, its stub.
    constexpr std::string_view suffix = ".d";
    if (path_.size() > suffix.size() && path_.ends_with(suffix)) {
        const DatabaseLayout owner(path_.substr(0, path_.size() - suffix.size()));
        if (!owner.newest_generation().empty())
            return advice + "it holds the generations of the database '" + owner.path() +
                   "': give --db " + owner.path();
    }
    return advice + otherwise;
}

UsageError DatabaseLayout::plain_folder_rebuild() const {
    return UsageError("--rebuild needs a database created by yalu-index; '" + path_ +
                      "' is a plain Xapian folder (index into a new --db path instead; nothing "
                      "was written)");
}

bool DatabaseLayout::exists() const {
    std::error_code ec;
    return fs::exists(path_, ec);
}

bool DatabaseLayout::is_plain_folder() const {
    std::error_code ec;
    return fs::is_directory(path_, ec);
}

bool DatabaseLayout::is_single_file() const {
    // The first bytes of a glass database's single file (Xapian 1.4's only writable backend);
    // a stub is text and never starts with a control character.
    constexpr std::string_view magic = "\x0f\x0dXapian Glass";
    std::ifstream in(path_, std::ios::binary);
    std::string head(magic.size(), '\0');
    return in.read(head.data(), static_cast<std::streamsize>(head.size())) && head == magic;
}

int DatabaseLayout::generation_number(const std::string& name) const {
    if (name.rfind("gen-", 0) != 0 || name.size() != 10) return -1;
    try {
        return std::stoi(name.substr(4));
    } catch (const std::exception&) {
        return -1;
    }
}

std::string DatabaseLayout::live_generation() const {
    // The stub's one database line (comments and blank lines skipped), without a trailing
    // '/': "gen-000002/" names gen-000002 as well.
    const std::vector<StubEntry> entries = stub_entries();
    if (entries.size() != 1 || entries.front().kind != "auto") return {};
    std::string target = entries.front().target;
    while (target.size() > 1 && target.back() == '/') target.pop_back();
    return target;
}

std::string DatabaseLayout::newest_generation() const {
    std::error_code ec;
    int highest = -1;
    std::string newest;
    for (const auto& entry : fs::directory_iterator(generations_dir(), ec)) {
        const int n = generation_number(entry.path().filename().string());
        // Without a revision file it was never committed: a first run killed while creating
        // it, which the next run makes again (no index to lose).
        if (n > highest && fs::exists(entry.path() / "iamglass", ec)) {
            highest = n;
            newest = entry.path().string();
        }
    }
    return newest;
}

bool DatabaseLayout::is_orphaned() const {
    std::error_code ec;
    if (is_plain_folder()) return false;
    // An unreadable stub names nothing to us either, but it is no lost stub: that is a
    // permission problem, reported as one.
    const bool missing = !fs::exists(path_, ec) && ec.value() == 0;
    const bool empty = fs::is_regular_file(path_, ec) && ::access(path_.c_str(), R_OK) == 0 &&
                       !is_single_file() && stub_entries().empty();
    return (missing || empty) && !newest_generation().empty() && !is_interrupted_first_run();
}

bool DatabaseLayout::is_interrupted_first_run() const {
    std::error_code ec;
    if (fs::exists(path_, ec) || ec) return false;
    bool any = false;
    for (const auto& entry : fs::directory_iterator(generations_dir(), ec)) {
        // Anything else (parts, a file put there by hand) was never a first run's: the stub is
        // lost, and restoring it is the operator's call.
        if (generation_number(entry.path().filename().string()) < 0 || !entry.is_directory(ec))
            return false;
        any = true;
        if (!fs::exists(entry.path() / "iamglass", ec)) continue;  // never committed
        try {
            const Xapian::Database db(entry.path().string());
            if (db.get_doccount() > 0 || db.get_revision() > created_revision) return false;
        } catch (const Xapian::Error&) {
            // Xapian renames a complete revision file into place, so a kill leaves none it
            // cannot open: this is damage to an index, not a first run.
            return false;
        }
    }
    return any;
}

std::string DatabaseLayout::orphan_advice() const {
    if (!is_orphaned()) return {};
    const std::string newest = fs::path(newest_generation()).filename().string();
    const std::string line = "auto " + fs::path(path_).filename().string() + ".d/" + newest;
    return std::string("stub file '") + path_ + "' is " + (exists() ? "empty" : "missing") + ": '" +
           generations_dir() + "' still holds the index's generations; write the line `" + line +
           "` into " + path_ +
           " to restore it (the newest generation here), or run yalu-index --rebuild --db " +
           path_ +
           " with all the sources to build a new index (the old generations are then removed)";
}

bool DatabaseLayout::is_empty_stub() const {
    std::error_code ec;
    return fs::is_regular_file(path_, ec) && !is_single_file() && stub_entries().empty();
}

std::string DatabaseLayout::empty_stub_advice() const {
    return "stub file '" + path_ +
           "' is empty: it names no database (remove it and build the index with `yalu-index "
           "--db " +
           path_ + " SOURCES...`, or give the --db of an index)";
}

void DatabaseLayout::require_index() const {
    if (is_orphaned()) throw DatabaseError(orphan_advice());
    std::error_code ec;
    // An empty folder is where Xapian would make a database, not one: no index, as a search
    // says (Xapian itself only says it cannot detect the folder's type).
    if (!exists() || (is_plain_folder() && fs::is_empty(path_, ec)))
        throw NoIndexError("no index at '" + path_ + "': create one with yalu-index --db " + path_ +
                           " SOURCES...");
    if (is_empty_stub()) throw DatabaseError(empty_stub_advice());
    if (is_folder_without_database())
        throw DatabaseError(folder_without_database_advice(
            "give --db the database yalu-index created (its stub file, or its folder)"));
}

std::string DatabaseLayout::read_permission_problem() const {
    // The path itself: a folder on the way that the user may not enter hides it (EACCES), which
    // is no "no index" either.
    const auto problem = [](const std::string& path, int mode) -> std::string {
        if (::access(path.c_str(), mode) == 0 || errno == ENOENT || errno == ENOTDIR) return {};
        return std::string("cannot read '") + path + "': " + std::strerror(errno);
    };
    std::string found = problem(path_, F_OK);
    if (found.empty() && exists()) found = problem(path_, is_plain_folder() ? R_OK | X_OK : R_OK);
    if (found.empty() && !is_single_file()) {
        std::vector<std::string> folders;
        if (is_plain_folder()) folders.push_back(path_);
        for (const StubEntry& shard : shards())
            if (shard.kind != "remote" && shard.kind != "inmemory") folders.push_back(shard.target);
        for (const std::string& folder : folders) {
            if (!(found = problem(folder, F_OK)).empty()) break;
            std::error_code ec;
            if (!fs::is_directory(folder, ec)) {
                if (!(found = problem(folder, R_OK)).empty()) break;
                continue;
            }
            if (!(found = problem(folder, R_OK | X_OK)).empty()) break;
            // The tables: Xapian reports an unreadable one as a database it cannot detect.
            // Not the snapshot files: a search reads the metadata when it cannot map them.
            for (const auto& entry : fs::directory_iterator(folder, ec)) {
                if (SnapshotFile::is_snapshot_name(entry.path().filename().string())) continue;
                if (!(found = problem(entry.path().string(), R_OK)).empty()) break;
            }
            if (!found.empty()) break;
        }
    }
    if (found.empty()) return {};
    return found + " (check the owner and mode of '" + path_ + "' and of '" + generations_dir() +
           "' with ls -l: an index built by another user, or under umask 077, is unreadable for "
           "this one; make it readable (chmod -R a+rX) or search as its owner)";
}

std::vector<StubEntry> DatabaseLayout::stub_entries() const {
    std::vector<StubEntry> entries;
    if (is_plain_folder() || is_single_file()) return entries;
    std::ifstream in(path_);
    std::string line;
    unsigned number = 0;
    while (std::getline(in, line)) {
        ++number;
        std::istringstream words(line);
        StubEntry e;
        e.stub = path_;
        e.line = number;
        if (!(words >> e.kind) || e.kind[0] == '#') continue;
        std::getline(words >> std::ws, e.target);
        while (!e.target.empty() && std::isspace(static_cast<unsigned char>(e.target.back())))
            e.target.pop_back();
        // Xapian resolves a relative path against the stub's own folder.
        if (e.kind != "remote" && e.kind != "inmemory" && !e.target.empty() &&
            fs::path(e.target).is_relative())
            e.target = (fs::path(path_).parent_path() / e.target).string();
        entries.push_back(std::move(e));
    }
    return entries;
}

std::vector<StubEntry> DatabaseLayout::shards() const {
    std::vector<StubEntry> out;
    // A stub still to read, with the line that reached it (kind "" for PATH itself): its
    // shards carry that line's way in and the --db line it started from, for messages.
    std::vector<std::pair<StubEntry, int>> pending{{StubEntry{"", path_, "", 0, "", 0}, 0}};
    while (!pending.empty()) {
        const auto [from, depth] = pending.back();
        pending.pop_back();
        for (StubEntry& e : DatabaseLayout(from.target).stub_entries()) {
            if (!from.kind.empty()) {
                e.via = "'" + from.stub + "' names on line " + std::to_string(from.line) + ": '" +
                        from.kind + " " + from.target + "'" +
                        (from.via.empty() ? "" : ", which " + from.via);
                e.top_line = from.top_line;
            } else {
                e.top_line = e.line;
            }
            std::error_code ec;
            // A single-file database is a file too, but a shard, not a stub to read through.
            if (e.kind == "auto" && fs::is_regular_file(e.target, ec) &&
                !DatabaseLayout(e.target).is_single_file()) {
                if (depth < 8) pending.emplace_back(std::move(e), depth + 1);
                continue;
            }
            out.push_back(std::move(e));
        }
    }
    return out;
}

bool DatabaseLayout::has_remote() const {
    const std::vector<StubEntry> all = shards();
    return std::any_of(all.begin(), all.end(),
                       [](const StubEntry& e) { return e.kind == "remote"; });
}

bool StubEntry::known_kind() const {
    return kind == "auto" || kind == "glass" || kind == "chert" || kind == "honey" ||
           kind == "remote" || kind == "inmemory";
}

bool DatabaseLayout::is_stub_of_shards() const {
    const std::vector<StubEntry> entries = stub_entries();
    if (entries.empty() || (entries.size() == 1 && entries.front().kind == "auto")) return false;
    return std::all_of(entries.begin(), entries.end(),
                       [](const StubEntry& e) { return e.known_kind(); });
}

bool DatabaseLayout::is_single_local() const {
    return is_single_file() || !local_database_folder().empty();
}

std::string DatabaseLayout::local_database_folder() const {
    if (is_plain_folder()) return path_;
    if (is_single_file()) return {};
    const std::vector<StubEntry> entries = stub_entries();
    std::error_code ec;
    if (entries.size() == 1 && entries.front().kind == "auto" &&
        fs::is_directory(entries.front().target, ec))
        return entries.front().target;
    return {};
}

void DatabaseLayout::write_stub(const std::string& generation_name) {
    // Relative target: Xapian resolves stub lines against the stub's own folder, so the
    // database can be moved as a whole.
    const std::string tmp = path_ + ".stub-tmp";
    {
        std::ofstream out(tmp, std::ios::trunc);
        out << "auto " << fs::path(path_).filename().string() << ".d/" << generation_name << "\n";
        out.flush();
        if (!out) throw DatabaseError("cannot write '" + tmp + "' (disk full or read-only?)");
    }
    std::error_code ec;
    fs::rename(tmp, path_, ec);
    if (ec) throw DatabaseError("cannot replace '" + path_ + "': " + ec.message());
}

std::string DatabaseLayout::open_or_create(const Metadata& metadata) {
    std::error_code ec;
    check_writable();  // neither a stub nor a Xapian folder: refused, as before the lock
    // An empty folder (made by hand for the database) becomes the stub layout: a plain Xapian
    // database there could never be rebuilt (--rebuild needs the stub to swap).
    if (is_empty_folder() && !fs::remove(path_, ec))
        throw DatabaseError("cannot replace the empty folder '" + path_ +
                            "' by the database's stub file: " + ec.message() +
                            " (remove the folder, or choose another --db; nothing was written)");
    if (exists()) {
        if (is_plain_folder()) return path_;
        const auto live = live_generation();
        // No revision file: a first run (of an older Yalu) was killed while creating the
        // database, so nothing was ever committed there. Create it again.
        if (!fs::exists(fs::path(live) / "iamglass", ec)) create_empty_database(live, metadata);
        return path_;
    }
    // Remains of a first run killed before it wrote the stub (check_writable found no run's
    // writes in them): never live, holding nothing.
    std::vector<fs::path> leftovers;
    for (const auto& entry : fs::directory_iterator(generations_dir(), ec))
        if (generation_number(entry.path().filename().string()) >= 0)
            leftovers.push_back(entry.path());
    for (const auto& leftover : leftovers) fs::remove_all(leftover, ec);
    const auto gen = fs::path(generations_dir()) / generation_name(1);
    fs::create_directories(gen, ec);
    if (ec)
        throw DatabaseError("cannot create database folder '" + gen.string() +
                            "': " + ec.message() + " (check permissions and free space)");
    // The stub names a generation only once it holds a committed (empty) database with its
    // metadata (the schema version), so a run killed at any moment leaves either no database
    // or one that searches open.
    create_empty_database(gen.string(), metadata);
    write_stub(generation_name(1));
    return path_;
}

std::string DatabaseLayout::begin_rebuild() {
    if (is_plain_folder()) throw plain_folder_rebuild();
    std::error_code ec;
    fs::create_directories(generations_dir(), ec);
    int highest = 0;
    for (const auto& entry : fs::directory_iterator(generations_dir(), ec))
        highest = std::max(highest, generation_number(entry.path().filename().string()));
    const auto dir = fs::path(generations_dir()) / generation_name(highest + 1);
    fs::create_directories(dir, ec);
    if (ec) throw DatabaseError("cannot create '" + dir.string() + "': " + ec.message());
    return dir.string();
}

void DatabaseLayout::publish(const std::string& generation) {
    const auto name = fs::path(generation).filename().string();
    auto previous = fs::path(live_generation()).filename().string();
    std::error_code ec;
    // A rebuild out of a lost stub keeps the newest old generation as the previous one.
    if (previous.empty())
        for (const auto& entry : fs::directory_iterator(generations_dir(), ec)) {
            const auto other = entry.path().filename().string();
            if (generation_number(other) < generation_number(name) &&
                generation_number(other) > generation_number(previous))
                previous = other;
        }
    // Keep the generation about to be replaced: a searcher that opened it a moment ago still
    // reads it. The others below the new one (the one before it, a rebuild's own unmerged
    // generation) go before the stub names the new one, while the live one is the stub's: a run
    // killed after the stub was written leaves none of them, and one killed before leaves only
    // the new generation, above the live one, which the next run removes (clean_leftovers).
    for (const auto& entry : fs::directory_iterator(generations_dir(), ec)) {
        const auto other = entry.path().filename().string();
        if (other != name && other != previous && generation_number(other) >= 0 &&
            generation_number(other) < generation_number(name))
            fs::remove_all(entry.path(), ec);
    }
    write_stub(name);
}

bool DatabaseLayout::publishes_generations() const {
    if (is_plain_folder()) return false;
    const fs::path live(live_generation());
    std::error_code ec;
    return generation_number(live.filename().string()) >= 0 &&
           fs::equivalent(live.parent_path(), generations_dir(), ec);
}

int DatabaseLayout::clean_leftovers() {
    std::error_code ec;
    int removed = 0;
    // A run's parts are never read after it ends, and we hold the lock: whatever is here is
    // the scratch of a killed run.
    if (fs::exists(parts_dir(), ec)) {
        fs::remove_all(parts_dir(), ec);
        ++removed;
    }
    const auto live = fs::path(live_generation()).filename().string();
    // A stub naming something other than one of our generations: removing "newer" ones
    // could delete the real index, so touch nothing.
    if (live.empty() || generation_number(live) < 0) return removed;
    for (const auto& entry : fs::directory_iterator(generations_dir(), ec)) {
        const auto name = entry.path().filename().string();
        // Only a rebuild makes generations newer than the live one; if one is here, that
        // rebuild never published (it was killed), and we hold the lock, so nobody uses it.
        if (generation_number(name) > generation_number(live)) {
            fs::remove_all(entry.path(), ec);
            ++removed;
        }
    }
    fs::remove(path_ + ".stub-tmp", ec);
    return removed;
}

}  // namespace yalu
