#include "index_check.hpp"

#include <filesystem>
#include <map>
#include <sstream>
#include <utility>

namespace yalu {

IndexCheck::IndexCheck(const DatabaseLayout& layout, const Schema& schema, std::string program)
    : layout_(layout), schema_(schema), program_(std::move(program)) {}

void IndexCheck::check_lines() const {
    // A file of other lines (a query list, a README) is no stub: said so, not "two lines reach
    // the database ''" or "shard 'missile ' does not exist".
    for (const StubEntry& shard : layout_.shards()) {
        if (shard.known_kind() && (shard.kind == "inmemory" || !shard.target.empty())) continue;
        throw DatabaseError("'" + layout_.path() + "' is not a Yalu index (" + shard.stub + ":" +
                            std::to_string(shard.line) + ": '" + shard.kind +
                            "' is no stub line: a stub lists one database a line, as 'auto PATH' "
                            "or 'remote HOST:PORT'): give the stub file or folder yalu-index "
                            "created, or build one with yalu-index into a new --db");
    }
    std::map<std::string, unsigned> seen;  // a local path or remote address -> its --db line
    for (const StubEntry& shard : layout_.shards()) {
        if (shard.kind == "inmemory") continue;
        std::error_code ec;
        const std::string key = shard.kind == "remote"
                                    ? "remote " + shard.target
                                    : std::filesystem::weakly_canonical(shard.target, ec).string();
        const auto [first, fresh] = seen.emplace(key, shard.top_line);
        if (!fresh)
            throw reached_twice(first->second, shard.top_line,
                                "the database '" + shard.target + "'");
    }
}

void IndexCheck::check_shards_exist() const {
    for (const StubEntry& shard : layout_.shards()) {
        if (shard.kind == "remote" || shard.kind == "inmemory") continue;
        std::error_code ec;
        std::string missing;
        if (!std::filesystem::exists(shard.target, ec)) {
            missing = " does not exist";
        } else {
            // There, but no database: an empty folder (a shard's disk not mounted on its mount
            // point, a copy not made yet) or a folder of other files. Xapian names only the
            // stub, which read as "no index at STUB: create one" (exit 3) beside good shards.
            try {
                (void)open_shard(shard);
                continue;
            } catch (const Xapian::DatabaseNotFoundError& e) {
                if (of_another_kind(shard)) throw another_kind(shard, e);
                missing = " holds no Xapian database (" + e.get_msg() +
                          ": an empty folder, such as a disk not mounted, or other files)";
            }
        }
        // A stub listing several shards is written by hand, and yalu-index does not write into
        // it: the shard is rebuilt with its own --db. A stub yalu-index made names its one
        // generation, which a rebuild through the stub replaces.
        const std::string db = rebuild_db(shard);
        const std::string rebuild = db == shard.target
                                        ? "index that shard again with its own --db: `yalu-index "
                                          "--db " +
                                              db + " SOURCES...`"
                                        : "`yalu-index --rebuild --db " + db + " SOURCES...`";
        throw DatabaseError(shard_name(shard) + missing + ": restore it, or " + rebuild +
                            ", or remove its line from '" + shard.stub + "'");
    }
}

void IndexCheck::check_shards() const {
    std::map<std::string, StubEntry> seen;  // a Xapian UUID -> the shard first holding it
    for (const StubEntry& shard : layout_.shards()) {
        const std::string what = shard_name(shard);
        Xapian::Database one;
        try {
            one = open_shard(shard);
        } catch (const Xapian::Error& e) {
            if (of_another_kind(shard)) throw another_kind(shard, e);
            throw unreadable("cannot open " + what, e, shard.stub);
        }
        if (one.size() > 0) check_version(one, what, rebuild_db(shard));
        // A remote server answers with the UUID of the database it serves, which no address
        // or path compared before opening reveals; a line without one (inmemory, a remote
        // program) was compared by what it says only (check_lines). A server of a stub of
        // shards answers with theirs joined by ':'.
        std::istringstream uuids(one.size() > 0 ? one.get_uuid() : std::string());
        for (std::string uuid; std::getline(uuids, uuid, ':');) {
            if (uuid.empty()) continue;
            const auto [first, fresh] = seen.emplace(uuid, shard);
            if (fresh) continue;
            // Named as reached_twice orders the lines, the --db stub's first one first.
            const bool in_order = first->second.top_line <= shard.top_line;
            const StubEntry& one_way = in_order ? first->second : shard;
            const StubEntry& other_way = in_order ? shard : first->second;
            throw reached_twice(first->second.top_line, shard.top_line,
                                "one database (the shards '" + one_way.kind + " " + one_way.target +
                                    "' and '" + other_way.kind + " " + other_way.target +
                                    "' have one Xapian UUID, " + uuid +
                                    ": the same database, or a copy of it)");
        }
    }
}

void IndexCheck::check_version(const Xapian::Database& db, const std::string& what,
                               const std::string& rebuild_db) const {
    const std::string stored = db.get_metadata(schema_.metadata_key("schema_version"));
    const std::string ours = std::to_string(schema_.version());
    // Not "another schema version" (which a wrapper answers with --rebuild, refused for a
    // database yalu-index did not make): unreadable as an index.
    if (stored.empty())
        throw DatabaseError(what +
                            " is not a Yalu index (no schema version in its metadata: a Xapian "
                            "database another program wrote): give the stub file yalu-index "
                            "created, or build one with yalu-index into a new --db");
    // As numbers: "05" is version 5 (compared as text, it was another version).
    const auto recorded = Schema::parse_version(stored);
    if (recorded != schema_.version())
        throw SchemaMismatchError(
            what + " has schema version " +
            (recorded ? stored : "'" + stored.substr(0, 40) + "', which is not a number,") +
            " but this " + program_ + " reads version " + ours +
            ": rebuild it with `yalu-index --rebuild --db " + rebuild_db +
            " SOURCES...` (or use the " + program_ + " that built it)");
}

Xapian::Database IndexCheck::open_shard(const StubEntry& shard) {
    // As the stub's Xapian opens the line: a 'chert' line naming a glass database fails there,
    // and must here too, or its check passes a shard the search cannot open.
    if (shard.kind == "glass") return Xapian::Database(shard.target, Xapian::DB_BACKEND_GLASS);
    if (shard.kind == "chert") return Xapian::Database(shard.target, Xapian::DB_BACKEND_CHERT);
    if (shard.kind != "remote")
        return shard.kind == "inmemory" ? Xapian::Database() : Xapian::Database(shard.target);
    const auto colon = shard.target.rfind(':');
    if (colon == std::string::npos || colon == 0) return Xapian::Database();  // ":prog args"
    const std::string port = shard.target.substr(colon + 1);
    if (port.empty() || port.find_first_not_of("0123456789") != std::string::npos)
        return Xapian::Database();
    return Xapian::Remote::open(shard.target.substr(0, colon), std::stoi(port));
}

std::string IndexCheck::shard_name(const StubEntry& shard) {
    return "shard '" + shard.kind + " " + shard.target + "' (listed in '" + shard.stub + "' line " +
           std::to_string(shard.line) + (shard.via.empty() ? "" : ", which " + shard.via) + ")";
}

DatabaseError IndexCheck::unreadable(const std::string& failure, const Xapian::Error& e,
                                     const std::string& db_path) {
    std::string message = failure + ": " + e.get_description();
    // Xapian 1.4's errors have no virtual functions: their type name says which one it is.
    const std::string type = e.get_type();
    if (type == "DatabaseCorruptError" || type == "DatabaseError")
        message +=
            " (a damaged index: check it with xapian-check, then rebuild it with "
            "`yalu-index --rebuild --db " +
            db_path + " SOURCES...`; see docs/OPERATIONS.md, \"A corrupt index\")";
    else if (type == "NetworkError" || type == "NetworkTimeoutError")
        // A server that took the connection but never answered (hung, or stopped with
        // SIGSTOP) times out: the same fix, where it said only "Timeout expired".
        message +=
            " (a remote shard down, unreachable or not answering: start or restart the "
            "xapian-tcpsrv serving it, or remove its line from '" +
            db_path + "')";
    return DatabaseError(message);
}

bool IndexCheck::of_another_kind(const StubEntry& shard) {
    if (shard.kind != "glass" && shard.kind != "chert") return false;
    try {
        (void)Xapian::Database(shard.target);
        return true;
    } catch (const Xapian::Error&) {
        return false;
    }
}

DatabaseError IndexCheck::another_kind(const StubEntry& shard, const Xapian::Error& e) {
    return DatabaseError(shard_name(shard) + " is no " + shard.kind + " database (" + e.get_msg() +
                         "), though Xapian opens it when it detects the kind itself: a database "
                         "of another backend, or a stub file; write 'auto " +
                         shard.target + "' on that line of '" + shard.stub + "'");
}

std::string IndexCheck::rebuild_db(const StubEntry& shard) {
    // The server's command line names the database, which no stub line does.
    if (shard.kind == "remote") return "PATH";
    return DatabaseLayout(shard.stub).is_stub_of_shards() ? shard.target : shard.stub;
}

std::string IndexCheck::top_line_text(unsigned number) const {
    for (const StubEntry& line : layout_.stub_entries())
        if (line.line == number) return line.kind + " " + line.target;
    return {};
}

DatabaseError IndexCheck::reached_twice(unsigned first, unsigned second,
                                        const std::string& which) const {
    // In the stub's order: shards() lists the shards of a nested stub after the lines below it.
    if (first > second) std::swap(first, second);
    // Both lines as the operator wrote them, since the fix is to remove one.
    const std::string lines =
        first == second
            ? "line " + std::to_string(first) + " '" + top_line_text(first) + "' (listed in '" +
                  layout_.path() + "') reaches " + which + " twice"
            : "line " + std::to_string(first) + " '" + top_line_text(first) + "' and line " +
                  std::to_string(second) + " '" + top_line_text(second) + "' (listed in '" +
                  layout_.path() + "') both reach " + which;
    return DatabaseError(lines +
                         ": it would be searched twice, every article and count doubled; "
                         "remove one of them");
}

}  // namespace yalu
