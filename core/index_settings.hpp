#pragma once
// IndexSettings, IndexSummary, IndexObserver: what yalu-index asks of the core and hears back.

#include "article_sink.hpp"
#include "reader_settings.hpp"

#include <csignal>
#include <string>
#include <vector>

namespace yalu {

/// Everything one indexing run needs; filled by the yalu-index main from its options.
struct IndexSettings {
    std::string db_path = "yalu.db";   ///< database to update (created when missing)
    std::string schema_dir;            ///< folder with index.xml/entities.xml ("" = locate)
    std::vector<std::string> sources;  ///< files, folders, or "-" for JSON Lines on stdin
    ReaderSettings reader;             ///< parsing options (require_date, size limits)
    unsigned batch_size = 500;         ///< documents per commit (measured: docs/BENCHMARKS.md)
    bool prune = false;                ///< delete articles not seen in `sources`
    bool rebuild = false;              ///< build a fresh index and swap it in atomically
    double wait_seconds = 0;           ///< how long to wait for another writer's lock
    bool entities = true;              ///< extract entity facets with the gazetteer
    /// The --rejects list the tool writes (FILE, and FILE.tmp.PID while it runs; "": none):
    /// never read as a source, even when it lies in a source folder.
    std::string rejects_path;
    /// New documents a run writes straight into the index before it writes the rest into
    /// scratch parts of this size, merged into a new generation at its end (0: never; measured:
    /// docs/BENCHMARKS.md, fourteenth session).
    unsigned part_size = 25000;
    /// Set (to the signal's number) by a SIGTERM/SIGINT handler: the run stops at the next
    /// article, keeping every committed batch (InterruptedError). Null: never asked.
    const volatile std::sig_atomic_t* stop_signal = nullptr;
};

/// Counts of one run, as printed on its last line.
struct IndexSummary {
    long added = 0;      ///< new articles
    long updated = 0;    ///< articles whose content hash changed
    long deleted = 0;    ///< articles removed by --prune
    long unchanged = 0;  ///< articles skipped because their hash matched
    long rejected = 0;   ///< input records refused
    long warnings = 0;   ///< records indexed with a warning (repaired text, no date, ...)
    long files = 0;      ///< input files read
    double seconds = 0;  ///< wall-clock time of the run, not counting a --wait for the lock
    /// "stopped by SIGTERM: ..." when a signal stopped an incremental run early (what it wrote
    /// is kept and counted above; nothing was pruned); "" when the run finished.
    std::string stopped;
};

/// Progress of a run, reported every few hundred articles.
struct IndexProgress {
    long articles = 0;                   ///< articles handled so far (any outcome)
    long files_done = 0;                 ///< input files finished
    long files_total = 0;                ///< input files in all
    double seconds = 0;                  ///< elapsed time
    unsigned long long bytes_done = 0;   ///< input bytes of finished files
    unsigned long long bytes_total = 0;  ///< input bytes in all
};

/// Receives rejections, warnings and progress while the core indexes.
class IndexObserver {
public:
    virtual ~IndexObserver() = default;
    /// A record was refused (the run goes on).
    virtual void on_reject(const Rejection& rejection) = 0;
    /// A record was indexed with a warning.
    virtual void on_warning(const SourceLocation& location, const std::string& message) = 0;
    /// Periodic progress.
    virtual void on_progress(const IndexProgress& progress) = 0;
    /// Something about the whole run an operator must see even with --quiet (files skipped,
    /// --prune skipped or holding articles back).
    virtual void on_notice(const std::string& message) = 0;
    /// A long step of the run begins (merging the parts); shown with the progress, not --quiet.
    virtual void on_stage(const std::string& message) = 0;
};

}  // namespace yalu
