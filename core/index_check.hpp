#pragma once
// IndexCheck: what every tool that reads an index checks before trusting it as one (yalu-search
// when it opens --db, yalu-index --stats): a stub's shards each there, of the schema's version,
// and no database reached by two of its lines. A combined Xapian database shows only its first
// shard's metadata, so each shard is opened on its own.

#include "database_layout.hpp"
#include "errors.hpp"
#include "schema.hpp"

#include <xapian.h>

#include <string>

namespace yalu {

/// Checks of one index (a database, or the shards of a stub file) against one schema.
class IndexCheck {
public:
    /// Checks the index at `layout` against `schema`'s version; `program` ("yalu-search") is
    /// the tool messages name as the reader. Both are referenced, not copied.
    IndexCheck(const DatabaseLayout& layout, const Schema& schema, std::string program);

    /// Before Xapian opens a stub: throws DatabaseError when a line names no database (a file
    /// of other lines is no stub) or two of its lines reach one local path or one remote
    /// address (a copied line, a stub and a shard of it both listed).
    void check_lines() const;
    /// Throws DatabaseError naming the first local shard the stub lists that does not exist,
    /// holds no database (an empty folder: a disk not mounted) or one of another kind than its
    /// line says ('chert' naming a glass database), with the stub lines that reach it and how to
    /// mend it.
    void check_shards_exist() const;
    /// Opens every shard on its own: throws SchemaMismatchError for one of another schema
    /// version, DatabaseError for one that is no Yalu index or cannot be opened, and for two
    /// lines that reach one database by other names (one Xapian UUID: a local line and a
    /// remote line served from it, one server as 127.0.0.1 and as localhost, a copy).
    void check_shards() const;
    /// Throws SchemaMismatchError unless `db` was built with the schema's version, DatabaseError
    /// when it holds no version (no Yalu index); `what` names it, `rebuild_db` is the --db of
    /// the rebuild that mends it.
    void check_version(const Xapian::Database& db, const std::string& what,
                       const std::string& rebuild_db) const;

    /// `shard` opened on its own, as its line's kind says (a 'glass' or 'chert' line with that
    /// backend only); an empty database for a line no Yalu tool can open alone (a remote
    /// program, inmemory).
    [[nodiscard]] static Xapian::Database open_shard(const StubEntry& shard);
    /// How messages name a shard: its line, the stub and line listing it, and the lines of
    /// the stubs the --db names on the way to it.
    [[nodiscard]] static std::string shard_name(const StubEntry& shard);
    /// A DatabaseError for `failure` ("cannot open index 'x'") caused by `e`; when Xapian found
    /// the files damaged (corrupt, or cut short: "EOF reading block"), with the rebuild of
    /// `db_path` that docs/OPERATIONS.md gives for that.
    [[nodiscard]] static DatabaseError unreadable(const std::string& failure,
                                                  const Xapian::Error& e,
                                                  const std::string& db_path);

private:
    /// Whether `shard` is a 'glass' or 'chert' line that Xapian cannot open as that kind but
    /// opens when it detects the kind itself (another backend's database, a stub file).
    [[nodiscard]] static bool of_another_kind(const StubEntry& shard);
    /// The refusal of such a line, `e` what Xapian said of it, naming the fix ('auto PATH').
    [[nodiscard]] static DatabaseError another_kind(const StubEntry& shard, const Xapian::Error& e);
    /// The `--db` whose rebuild replaces `shard`: its stub when yalu-index wrote it, else the
    /// shard itself (yalu-index does not write into a stub of shards).
    [[nodiscard]] static std::string rebuild_db(const StubEntry& shard);
    /// The line `number` of the --db stub, as written there ("auto /srv/a.db").
    [[nodiscard]] std::string top_line_text(unsigned number) const;
    /// The refusal of two --db lines (`first`, `second`) reaching one database, `which`.
    [[nodiscard]] DatabaseError reached_twice(unsigned first, unsigned second,
                                              const std::string& which) const;

    const DatabaseLayout& layout_;
    const Schema& schema_;
    std::string program_;
};

}  // namespace yalu
