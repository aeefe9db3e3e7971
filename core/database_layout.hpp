#pragma once
// DatabaseLayout: where a Yalu database lives on disk, and atomic rebuilds.
//
// A database PATH that Yalu creates is a Xapian stub file naming one generation folder:
//   PATH            "auto PATH.d/gen-000001"   (what readers and writers open)
//   PATH.d/gen-N/   a Xapian glass database
//   PATH.lock       the writer lock (WriterLock), so a rebuild and an update cannot overlap
// A rebuild fills a new generation and then renames a new stub over PATH: one atomic step, so a
// searcher always opens a complete index, old or new. A plain Xapian folder given as PATH is
// used as it is (no atomic rebuild for it).

#include "errors.hpp"

#include <string>
#include <utility>
#include <vector>

namespace yalu {

/// One database line of a Xapian stub file ("auto PATH", "glass PATH", "remote HOST:PORT" ...).
struct StubEntry {
    std::string kind;    ///< the line's first word: auto, glass, chert, remote, inmemory
    std::string target;  ///< the rest: a path (resolved against the stub's folder) or an address
    std::string stub;    ///< the stub file that lists it
    unsigned line = 0;   ///< its line number in `stub`, from 1
    /// For a shard of a stub that the --db stub lists (shards()): how the --db reaches `stub`,
    /// innermost first ("'outer.stub' names on line 2: 'auto /srv/mid.stub'"); "" else.
    std::string via;
    unsigned top_line = 0;  ///< the line of the --db stub that reaches it (shards()), from 1

    /// Whether `kind` is a database kind Xapian's stub files know (auto, glass, chert, honey,
    /// remote, inmemory).
    [[nodiscard]] bool known_kind() const;
};

/// Paths and generation management for one database PATH.
class DatabaseLayout {
public:
    /// The database both tools use without --db: $YALU_DB, else ./yalu.db.
    [[nodiscard]] static std::string default_path();

    /// Describes the database at `path` (which need not exist yet); DatabaseError when `path`
    /// is a named pipe, a socket or a device, which no read as a stub may wait on.
    explicit DatabaseLayout(std::string path);

    /// The path searchers and writers open (the stub file or plain folder).
    [[nodiscard]] const std::string& path() const { return path_; }
    /// The message of a lock the file system refused (no other run holds it): `lock` (a lock
    /// file or a database folder) with `reason` (the system's or Xapian's), what ENOLCK means
    /// when `no_locks`, and what to do instead of a rerun.
    [[nodiscard]] static std::string lock_unavailable(const std::string& lock,
                                                      const std::string& reason, bool no_locks);
    /// The lock file path.
    [[nodiscard]] std::string lock_path() const { return path_ + ".lock"; }
    /// True when PATH exists (stub file or folder).
    [[nodiscard]] bool exists() const;
    /// True when PATH is a plain Xapian folder rather than a Yalu stub.
    [[nodiscard]] bool is_plain_folder() const;
    /// True when PATH is a single-file Xapian database (`xapian-compact --single-file`), which
    /// searches open as it is, like a plain folder (read-only: yalu-index cannot update it).
    [[nodiscard]] bool is_single_file() const;

    /// Throws (UsageError, DatabaseError) when PATH cannot be a database to write: empty, a
    /// folder holding other files, a file that is no stub, a stub naming a missing generation
    /// (unless `rebuild`, which makes a new one), a plain Xapian folder to `rebuild`. Writers
    /// call it before locking, so a refused run leaves no lock file behind.
    void check_writable(bool rebuild = false) const;
    /// Throws DatabaseError when PATH is a stub Xapian cannot follow as meant, naming the stub,
    /// the line and the fix: one that leads back to itself through "auto" lines (a stub naming
    /// itself, two naming each other: Xapian follows such a loop until the stack overflows), or
    /// one, or a stub it names, with a line Xapian reads otherwise than written (a carriage
    /// return or a space after the path, white space before the kind: check_stub_lines()).
    /// Everything that opens PATH asks this first.
    void check_stubs() const;
    /// True when PATH is an empty folder: open_or_create() makes the stub layout there.
    [[nodiscard]] bool is_empty_folder() const;
    /// True when PATH is a folder holding files but no Xapian database (the archive folder, a
    /// database's PATH.d): nothing to read, and no place to write one.
    [[nodiscard]] bool is_folder_without_database() const;
    /// For is_folder_without_database(): says so, and when PATH is the generations folder of a
    /// Yalu database X beside it (X.d), the --db to give ("give --db X"); else `otherwise`.
    [[nodiscard]] std::string folder_without_database_advice(const std::string& otherwise) const;
    /// Metadata keys and values a new database holds from its first commit.
    using Metadata = std::vector<std::pair<std::string, std::string>>;
    /// Makes sure PATH exists, creating generation 1 (holding `metadata`) and its stub when it
    /// does not or is an empty folder (removed for the stub); returns the path to open for
    /// writing. Throws DatabaseError when it cannot.
    std::string open_or_create(const Metadata& metadata = {});
    /// Creates a fresh, empty generation folder for a rebuild and returns its path.
    [[nodiscard]] std::string begin_rebuild();
    /// Atomically points PATH at `generation`, after removing the generations below it other
    /// than the live one, which becomes the previous one (a searcher may still have it open).
    void publish(const std::string& generation);
    /// True when PATH is a stub naming one of its own generations (PATH.d/gen-N), so a run can
    /// publish a new one; false for a plain folder or a stub pointed elsewhere by hand.
    [[nodiscard]] bool publishes_generations() const;
    /// The scratch folder a run writes its parts in (PartWriter), beside the generations.
    [[nodiscard]] std::string parts_dir() const { return generations_dir() + "/parts"; }
    /// Removes generation folders left by interrupted rebuilds (newer than the live one) and
    /// the parts of an interrupted run. Returns how many folders were removed.
    int clean_leftovers();
    /// True when PATH is a stub file whose lines all name databases and that is none yalu-index
    /// writes (one "auto" line): several databases, or a remote one, listed by hand to be
    /// searched together.
    [[nodiscard]] bool is_stub_of_shards() const;
    /// True when PATH opens exactly one local database: a plain folder, or a stub whose only
    /// line names one folder (as Yalu writes them); false for shard and remote stubs.
    [[nodiscard]] bool is_single_local() const;
    /// The folder of the one local database PATH opens (PATH itself when a plain folder, else
    /// the folder its stub's only line names), where the index keeps its snapshot files
    /// (SnapshotFile); "" for shards, remote databases and a single-file database.
    [[nodiscard]] std::string local_database_folder() const;
    /// The database lines of the stub file at PATH, in order (empty for a plain folder).
    [[nodiscard]] std::vector<StubEntry> stub_entries() const;
    /// The databases the stub at PATH combines, through the stubs it lists in turn (a few
    /// levels deep, so a stub naming itself cannot loop), with the lines that reach them
    /// (`via`, `top_line`): never a stub file.
    [[nodiscard]] std::vector<StubEntry> shards() const;
    /// True when one of shards() is remote (xapian-tcpsrv), which cannot run Yalu's own Xapian
    /// classes (a date key maker, the recency posting source).
    [[nodiscard]] bool has_remote() const;
    /// The generation folder PATH currently names ("" for a plain folder or no database).
    [[nodiscard]] std::string live_generation() const;
    /// The highest-numbered generation folder in PATH.d holding a committed database ("" when
    /// it holds none).
    [[nodiscard]] std::string newest_generation() const;
    /// True when the stub file is missing or names nothing (empty, comments only) while PATH.d
    /// still holds generations a run wrote into: a lost stub, which must be restored, never a
    /// new database.
    [[nodiscard]] bool is_orphaned() const;
    /// True when the stub file is missing and PATH.d holds only generation folders no run wrote
    /// into (no document, no commit after open_or_create's, or not yet a database): what a
    /// first run killed before it wrote the stub leaves, which open_or_create makes again.
    [[nodiscard]] bool is_interrupted_first_run() const;
    /// For is_orphaned(): what is wrong and how to recover ("stub file 'PATH' is missing: ...
    /// write the line `auto PATH.d/gen-N` into PATH ... or run with --rebuild ..."); "" else.
    [[nodiscard]] std::string orphan_advice() const;
    /// True when PATH is a file that is neither a single-file database nor names any database
    /// (an empty stub, or one of comments only).
    [[nodiscard]] bool is_empty_stub() const;
    /// For is_empty_stub(): what is wrong and how to recover.
    [[nodiscard]] std::string empty_stub_advice() const;
    /// For the tools that read an existing index (--stats, --suggest-entities): throws
    /// DatabaseError with orphan_advice() for a lost stub ("create one" would lead into
    /// overwriting its generations) and with empty_stub_advice() for an empty stub,
    /// NoIndexError when nothing is at PATH or PATH is an empty folder, DatabaseError with
    /// folder_without_database_advice() for a folder of other files.
    void require_index() const;
    /// The message for a generation whose lock file this user cannot write for `reason`
    /// (strerror), naming its owner and the fix.
    [[nodiscard]] std::string generation_unwritable(const std::string& generation,
                                                    const std::string& reason) const;
    /// The database folder under PATH that another process holds Xapian's write lock on (the
    /// live generation, a rebuild's new one, a part; PATH itself when a plain folder), "" when
    /// none: a run that reached it by another name than this --db, or after PATH.lock was
    /// removed, which PATH.lock therefore did not keep out.
    [[nodiscard]] std::string written_elsewhere() const;
    /// The message for `database` (a folder of PATH's) being written by another yalu-index run,
    /// naming PATH and the fix.
    [[nodiscard]] std::string another_writer(const std::string& database) const;
    /// Why the calling user cannot read the index at PATH (its stub, folders or the files of
    /// the generations it names: a permission problem, never a missing path); "" when it can.
    [[nodiscard]] std::string read_permission_problem() const;

private:
    /// Throws DatabaseError for the first line of the stub file `stub` that Xapian reads
    /// otherwise than its writer meant: it takes the kind up to the first space and the rest of
    /// the line, white space included, for the path.
    static void check_stub_lines(const std::string& stub);

    [[nodiscard]] std::string generations_dir() const { return path_ + ".d"; }
    [[nodiscard]] int generation_number(const std::string& name) const;
    void write_stub(const std::string& generation_name);
    /// Throws DatabaseError (generation_unwritable) when this user may not write `generation`.
    void check_generation_writable(const std::string& generation) const;
    /// The refusal of --rebuild for a plain Xapian folder.
    [[nodiscard]] UsageError plain_folder_rebuild() const;

    std::string path_;
};

}  // namespace yalu
