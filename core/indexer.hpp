#pragma once
// Indexer: one run of yalu-index — read sources, analyse, write, commit, prune, publish.

#include "index_settings.hpp"

namespace yalu {

/// Runs an indexing job described by IndexSettings. Throws UsageError, InputError,
/// DatabaseError, LockedError, SchemaMismatchError, ConfigError or InterruptedError (asked to
/// stop through IndexSettings::stop_signal while it waits for the lock, or during a rebuild,
/// which keeps nothing; an incremental run asked to stop returns its summary with
/// IndexSummary::stopped set); bad records are reported to the observer and counted, never
/// thrown, and so is a record that memory could not read or analyse. Memory that runs out
/// anywhere else (Xapian's writes, the merge of parts) throws std::bad_alloc.
class Indexer {
public:
    /// Keeps a copy of the settings; the observer must outlive run().
    Indexer(IndexSettings settings, IndexObserver& observer);

    /// Does the work and returns the counts. Commits every batch_size documents, so a crash
    /// leaves the last committed batch.
    IndexSummary run();

    /// For a std::terminate handler: the message of the Xapian error that reached it, with the
    /// database `db_path` and what to do, or "" when the pending exception is none. Xapian 1.4
    /// lets an error escape a noexcept frame inside a commit that fails twice (a full disk:
    /// its block write fails, then the write its clean-up makes), which aborts the process.
    static std::string escaped_database_error(const std::string& db_path);

private:
    IndexSettings settings_;
    IndexObserver& observer_;
};

}  // namespace yalu
