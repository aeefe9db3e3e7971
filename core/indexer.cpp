#include "indexer.hpp"

#include "bounded_queue.hpp"
#include "config_document.hpp"
#include "database_layout.hpp"
#include "document_builder.hpp"
#include "entity_matcher.hpp"
#include "errors.hpp"
#include "file_hashes.hpp"
#include "file_identity.hpp"
#include "gazetteer.hpp"
#include "own_files.hpp"
#include "part_writer.hpp"
#include "schema.hpp"
#include "schema_locator.hpp"
#include "snapshot_file.hpp"
#include "source_reader.hpp"
#include "stored_article.hpp"
#include "thesaurus.hpp"
#include "writer_lock.hpp"

#include <nlohmann/json.hpp>
#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <exception>
#include <functional>
#include <mutex>
#include <new>
#include <pthread.h>
#include <thread>
#include <ctime>
#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace yalu {
namespace {

using Clock = std::chrono::steady_clock;

// The bytes an article's record took in its file, about (its text; markup aside).
std::size_t approximate_bytes(const Article& article) {
    std::size_t bytes = article.title.size() + article.source.size() + article.url.size() + 64;
    for (const auto& p : article.paragraphs) bytes += p.size() + 1;
    return bytes;
}

// Names the calling thread as `top -H`, a debugger and the tests' allocation failures
// (tests/failing_alloc.cpp) see it; at most 15 bytes.
void name_thread(const char* name) {
    ::pthread_setname_np(::pthread_self(), name);
}

std::string utc_now() {
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

// Receives articles from the readers (on the calling thread) and runs a three-stage pipeline:
//   reader thread: hash each article, skip it when the index holds the same hash
//   analyser thread: DocumentBuilder::build (terms, entities, values, data)
//   writer thread: replace_document, commit every batch
// Analysis is a pure function of the article, so it overlaps with Xapian's write path, which
// is where most indexing time goes. One analyser keeps input order, so when an id repeats
// within a run the later record still wins. Given `parts`, the writer sends new articles there
// once the run has written settings.part_size of them into `db` (PartWriter says why).
class PipelineSink : public ArticleSink {
public:
    PipelineSink(Xapian::WritableDatabase& db, const std::string& db_path, PartWriter* parts,
                 DocumentBuilder& builder, const Schema& schema, const IndexSettings& settings,
                 IndexObserver& observer, IndexSummary& summary)
        : db_(db),
          parts_(parts),
          lookup_(db_path),
          builder_(builder),
          settings_(settings),
          observer_(observer),
          summary_(summary),
          hash_slot_(schema.slot("hash")),
          started_(Clock::now()),
          to_analyse_(256),
          to_write_(256) {
        analyser_ = std::thread([this] {
            name_thread("yalu-analyse");
            guarded([this] { analyse(); });
        });
        writer_ = std::thread([this] {
            name_thread("yalu-write");
            guarded([this] { write(); });
        });
    }

    // Normal runs call finish(); this only stops the threads when an exception unwinds.
    ~PipelineSink() override {
        to_analyse_.close();
        to_write_.close();
        if (analyser_.joinable()) analyser_.join();
        if (writer_.joinable()) writer_.join();
    }

    void accept(Article&& article) override {
        rethrow_if_failed();
        stop_if_asked();
        report_unanalysed();
        if (reading_stdin_) ++stdin_records_;
        in_file_bytes_ += approximate_bytes(article);
        progress_.bytes_done = finished_bytes_ + std::min(in_file_bytes_, file_size_);
        const auto [seen, first] = seen_.try_emplace(article.id);
        const bool again = !first;
        ++seen->second.records;
        if (again && !seen->second.warned) {
            seen->second.warned = true;
            // Printed even with --quiet (once per id): which copy is indexed changes what a
            // search finds, and the nightly command runs quiet.
            ++summary_.warnings;
            observer_.on_notice("id '" + article.id + "' at " + article.location.path + ":" +
                                std::to_string(article.location.line) +
                                " appeared earlier in this run; this record replaces it (the "
                                "last copy wins): remove one of them");
        }
        std::string hash = builder_.content_hash(article, file_key_);
        const std::string stored = stored_hash(builder_.id_term(article.id));
        if (!stored.empty() && stored == hash && (!again || !seen->second.written)) {
            // The index holds this very record (a repeat identical to it changes nothing).
            if (!again) {
                ++summary_.unchanged;
                seen->second.counted = &IndexSummary::unchanged;
            }
        } else {
            const bool fresh = !again && stored.empty();
            // The summary counts articles, not records: a repeat replaces what this run
            // already counted, so a fresh index of 25 records with one id twice says added=24,
            // not added=24 updated=1. But a repeat that rewrites an article counted unchanged
            // changes the index: it is updated, and the run is recorded as a change.
            if (!again) {
                seen->second.counted = fresh ? &IndexSummary::added : &IndexSummary::updated;
                ++(summary_.*seen->second.counted);
            } else if (!seen->second.written) {
                --summary_.unchanged;
                ++summary_.updated;
                seen->second.counted = &IndexSummary::updated;
            }
            // Stored as the hash counts it: the same whatever the command line called the
            // folder, so an unchanged article's path stays true (docs/INDEX_FORMAT.md).
            article.location.path = file_key_;
            seen->second.written = true;
            ++seen->second.handed_on;
            // The hash goes along: the analyser stores it rather than computing it again.
            hand_on({std::move(article), std::move(hash), fresh, file_index_});
        }
        progress();
    }

    // Writes an article of the previous generation that this run's sources did not yield
    // into a rebuild, analysed afresh (StoredArticle::to_article); counted by the caller.
    void carry(Article&& article) {
        rethrow_if_failed();
        stop_if_asked();
        article.location.path = DocumentBuilder::file_key(article.location.path);
        std::string hash = builder_.content_hash(article, article.location.path);
        // Not fresh: a carried article goes into the rebuild's own generation, never a part.
        hand_on({std::move(article), std::move(hash), false, kCarried});
    }

    void reject(const Rejection& rejection) override {
        // A night of rejections only (a broken export) must stop on the signal too: checked
        // before this one is counted, so the stop message and the list agree.
        stop_if_asked();
        report_unanalysed();
        if (reading_stdin_) ++stdin_records_;
        note_rejection(rejection);
        progress();
    }

    void warn(const SourceLocation& location, const std::string& message) override {
        ++summary_.warnings;
        observer_.on_warning(location, message);
    }

    // A new input file starts; `finished_bytes` is the size of every file before it and
    // `size` its own, so progress inside one big file can be estimated.
    void file_started(const std::string& path, std::size_t index, unsigned long long finished_bytes,
                      unsigned long long size) {
        stop_if_asked();  // many files that hold no article (all skipped or rejected)
        file_key_ = DocumentBuilder::file_key(path);  // once per file, not per article
        file_index_ = index;
        if (file_names_.size() <= index) file_names_.resize(index + 1);
        file_names_[index] = path;
        reading_stdin_ = path == "-";
        progress_.files_done = static_cast<long>(index);
        finished_bytes_ = finished_bytes;
        file_size_ = size;
        in_file_bytes_ = 0;
        progress_.bytes_done = finished_bytes_;
    }

    // Waits until every article handed on so far is analysed, then rejects those memory could
    // not analyse, and rethrows the first error of a worker thread: after the last article, so
    // that what decides pruning and a rebuild's carried articles knows every rejection.
    void settle() {
        {
            std::unique_lock lock(analysed_mutex_);
            analysed_cv_.wait(lock, [&] { return analysed_ == handed_on_ || failed_; });
        }
        rethrow_if_failed();
        report_unanalysed();
    }

    // Drains the pipeline, commits, and rethrows the first error of a worker thread.
    void finish() {
        to_analyse_.close();
        if (analyser_.joinable()) analyser_.join();
        to_write_.close();
        if (writer_.joinable()) writer_.join();
        rethrow_if_failed();
        report_unanalysed();
    }

    /// Whether a record of `id` was read this run.
    [[nodiscard]] bool saw(const std::string& id) const { return seen_.count(id) > 0; }
    /// Whether no record at all was read this run.
    [[nodiscard]] bool saw_none() const { return seen_.empty(); }
    /// The ids rejected records carried, and how many rejected records had none.
    [[nodiscard]] const std::unordered_set<std::string>& rejected_ids() const {
        return rejected_ids_;
    }
    [[nodiscard]] long rejected_without_id() const { return rejected_without_id_; }
    /// Records (articles and rejections) read from standard input.
    [[nodiscard]] long stdin_records() const { return stdin_records_; }
    IndexProgress progress_;

    // Throws InterruptedError once a SIGTERM/SIGINT asked the run to stop. Unwinding drains
    // what the writer holds into one last commit (~PipelineSink) and prunes nothing.
    void stop_if_asked() const {
        if (settings_.stop_signal && *settings_.stop_signal)
            throw InterruptedError(*settings_.stop_signal, "the run was cut short");
    }

private:
    // The hash stored for an id, "" when absent. Reads a separate read-only handle: the
    // WritableDatabase belongs to the writer thread.
    std::string stored_hash(const std::string& id_term) {
        // The writer commits every batch (every two articles with --batch 2), and a busy
        // machine can stall this thread across two commits again and again: five tries failed
        // the run (exit 73) beside searches on 2 loaded cores. Retry for as long as commits
        // keep overtaking us (a short pause from the fourth try on lets a burst pass); damage
        // that stays still fails after the last try.
        constexpr int kTries = 500;
        for (int attempt = 1;; ++attempt) {
            try {
                const auto it = lookup_.postlist_begin(id_term);
                if (it == lookup_.postlist_end(id_term)) return {};
                return lookup_.get_document(*it).get_value(hash_slot_);
            } catch (const Xapian::DatabaseError&) {
                // Modified (two commits since we opened), or a block the writer reused, read
                // as corrupt or past the end of the file: catch up and read again.
                if (attempt >= kTries) throw;
                if (attempt > 3) std::this_thread::sleep_for(std::chrono::milliseconds(2));
                try {
                    lookup_.reopen();
                } catch (const Xapian::DatabaseError&) {
                    // Reopening met a commit too: the next try reopens again.
                }
            }
        }
    }

    // Memory that runs out while one article is analysed rejects its record, as a reader
    // rejects one it could not read, and the run goes on: the record is handed back to the
    // reading thread (report_unanalysed), which owns the counts and the observer. An article
    // carried over from the previous generation has no record to reject and would be lost
    // from the rebuild, so that ends the run (out of memory) instead.
    void analyse() {
        while (auto item = to_analyse_.pop()) {
            std::optional<AnalysedArticle> analysed;
            std::optional<Unanalysed> failed;
            try {
                analysed.emplace(builder_.build(item->article, std::move(item->hash)));
            } catch (const std::bad_alloc&) {
                if (item->file == kCarried) throw;
                failed.emplace(Unanalysed{item->file, item->article.location.line,
                                          std::move(item->article.id),
                                          approximate_bytes(item->article)});
            }
            {
                std::lock_guard lock(analysed_mutex_);
                if (failed) unanalysed_.push_back(std::move(*failed));
                ++analysed_;
            }
            analysed_cv_.notify_all();
            if (analysed && !to_write_.push({std::move(*analysed), item->fresh})) return;
        }
    }

    // Rejects the records whose analysis ran out of memory (on the reading thread). The
    // summary stops counting their article when no other record of its id was read, and the
    // id then counts as not seen but rejected: --prune and a rebuild keep the indexed article.
    // When the id's other records are all the indexed article itself (none was handed on),
    // nothing of it is written this run: counted unchanged again, as before the failed repeat
    // made it an update.
    void report_unanalysed() {
        std::vector<Unanalysed> failed;
        {
            std::lock_guard lock(analysed_mutex_);
            if (unanalysed_.empty()) return;
            failed.swap(unanalysed_);
        }
        for (auto& f : failed) {
            if (const auto found = seen_.find(f.id); found != seen_.end()) {
                Seen& seen = found->second;
                --seen.records;
                --seen.handed_on;
                if (seen.records == 0) {
                    --(summary_.*seen.counted);
                    seen_.erase(found);
                } else if (seen.handed_on == 0 && seen.counted != &IndexSummary::unchanged) {
                    --(summary_.*seen.counted);
                    ++summary_.unchanged;
                    seen.counted = &IndexSummary::unchanged;
                    seen.written = false;
                }
            }
            note_rejection({{file_names_[f.file], f.line},
                            f.id,
                            settings_.reader.out_of_memory("analysing the article", f.bytes)});
        }
    }

    // Counts and reports a rejected record.
    void note_rejection(const Rejection& rejection) {
        ++summary_.rejected;
        if (rejection.id.empty())
            ++rejected_without_id_;
        else
            rejected_ids_.insert(rejection.id);
        observer_.on_reject(rejection);
    }

    void write() {
        unsigned pending = 0;
        unsigned fresh_in_db = 0;
        bool parts_begun = false;
        while (auto item = to_write_.pop()) {
            const AnalysedArticle& analysed = item->analysed;
            // A repeated id goes where its first record went: it must end in one database only.
            if (parts_ && (parts_->holds(analysed.id_term) ||
                           (item->fresh && fresh_in_db >= settings_.part_size))) {
                // What went straight into the index is committed as the parts begin: a killed
                // run keeps it, as it keeps every batch (the parts are lost then).
                if (!parts_begun && pending > 0) {
                    db_.commit();
                    pending = 0;
                }
                parts_begun = true;
                parts_->write(analysed.id_term, analysed.document);
                continue;
            }
            db_.replace_document(analysed.id_term, analysed.document);
            if (item->fresh) ++fresh_in_db;
            if (++pending >= settings_.batch_size) {
                db_.commit();
                pending = 0;
            }
        }
        if (failed_) return;
        db_.commit();
        if (parts_) parts_->commit();
    }

    // Runs a worker; on error records it and closes both queues so every thread stops.
    void guarded(const std::function<void()>& work) {
        try {
            work();
        } catch (...) {
            {
                std::lock_guard lock(error_mutex_);
                if (!error_) error_ = std::current_exception();
            }
            failed_ = true;
            to_analyse_.close();
            to_write_.close();
            // Wakes settle(), which checks failed_ under this mutex.
            { std::lock_guard lock(analysed_mutex_); }
            analysed_cv_.notify_all();
        }
    }

    void rethrow_if_failed() {
        if (!failed_) return;
        std::lock_guard lock(error_mutex_);
        if (error_) {
            auto e = error_;
            error_ = nullptr;
            std::rethrow_exception(e);
        }
    }

    void progress() {
        ++progress_.articles;
        if (progress_.articles % 256 != 0) return;
        progress_.seconds = std::chrono::duration<double>(Clock::now() - started_).count();
        observer_.on_progress(progress_);
    }

    // An article on its way to analysis, with its content hash; `fresh`: its id is new to the
    // index and to this run, so it may go into a part; `file`: the index of the file it was
    // read from (file_names_), kCarried for an article of the previous generation.
    struct ToAnalyse {
        Article article;
        std::string hash;
        bool fresh;
        std::size_t file;
    };
    static constexpr std::size_t kCarried = static_cast<std::size_t>(-1);
    // A record whose analysis ran out of memory: where it was read, its id and about its size.
    struct Unanalysed {
        std::size_t file;
        long line;
        std::string id;
        std::size_t bytes;
    };
    // An analysed article on its way to the writer.
    struct ToWrite {
        AnalysedArticle analysed;
        bool fresh;
    };

    // Queues an article for analysis; rethrows a worker's error once the queue is closed.
    void hand_on(ToAnalyse&& item) {
        if (!to_analyse_.push(std::move(item))) rethrow_if_failed();
        ++handed_on_;
    }

    Xapian::WritableDatabase& db_;
    PartWriter* parts_;  // null: every document goes into db_
    Xapian::Database lookup_;
    DocumentBuilder& builder_;
    const IndexSettings& settings_;
    IndexObserver& observer_;
    IndexSummary& summary_;
    unsigned hash_slot_;
    Clock::time_point started_;
    unsigned long long finished_bytes_ = 0, file_size_ = 0, in_file_bytes_ = 0;
    // What became of each id read this run: a repeat of an id counted unchanged that rewrites
    // it turns that count into an update; the repeat is warned about once.
    struct Seen {
        bool written = false;  // a record of it went to the writer
        bool warned = false;   // its repeat was reported
        long records = 0;      // its records read, less those whose analysis ran out of memory
        long handed_on = 0;    // of those, the ones handed on for analysis (the others: unchanged)
        long IndexSummary::*counted = nullptr;  // the summary's count it adds to
    };
    std::unordered_map<std::string, Seen> seen_;
    std::unordered_set<std::string> rejected_ids_;
    long rejected_without_id_ = 0;
    std::string file_key_;                 // the file being read
    std::size_t file_index_ = 0;           // its index, in file_names_
    std::vector<std::string> file_names_;  // each file's name, as read
    bool reading_stdin_ = false;
    long stdin_records_ = 0;
    BoundedQueue<ToAnalyse> to_analyse_;
    BoundedQueue<ToWrite> to_write_;
    std::atomic<bool> failed_ = false;
    std::mutex error_mutex_;
    std::exception_ptr error_;
    // Articles handed on for analysis: the reading thread's own count, which only it reads and
    // writes (settle() runs on it too), so it needs no lock.
    unsigned long handed_on_ = 0;
    // Those the analyser is done with, among them the records it ran out of memory on: under
    // analysed_mutex_.
    std::mutex analysed_mutex_;
    std::condition_variable analysed_cv_;
    unsigned long analysed_ = 0;
    std::vector<Unanalysed> unanalysed_;
    std::thread analyser_, writer_;
};

// The id terms of `db` whose articles this run's sources did not yield, split into those
// --prune may delete and those to keep: every one when `pruning` is false, else those a
// rejected record carried (kept until it is fixed).
struct Missing {
    std::vector<std::string> gone;  ///< id terms to delete (or, in a rebuild, not to carry)
    std::vector<std::string> kept;  ///< id terms to keep
};
Missing missing_articles(const Xapian::Database& db, const std::string& id_prefix,
                         const PipelineSink& sink, bool pruning) {
    Missing missing;
    for (auto t = db.allterms_begin(id_prefix); t != db.allterms_end(id_prefix); ++t) {
        const std::string term = *t;
        const std::string id = term.substr(id_prefix.size());
        if (sink.saw(id)) continue;
        (pruning && !sink.rejected_ids().count(id) ? missing.gone : missing.kept).push_back(term);
    }
    return missing;
}

// For a rebuild: the live index's articles that this run's sources did not yield, as
// missing_articles() splits them, with every kept one written into the new generation
// through `sink`. Throws DatabaseError when the live index cannot be read and something had to
// be kept; when nothing had to (--prune, no rejected record) it only says the count is unknown.
Missing carry_over(const std::string& live_path, const std::string& id_prefix, PipelineSink& sink,
                   bool pruning, IndexObserver& observer) {
    try {
        const Xapian::Database live(live_path);
        Missing missing = missing_articles(live, id_prefix, sink, pruning);
        for (const auto& term : missing.kept) {
            const auto it = live.postlist_begin(term);
            if (it == live.postlist_end(term)) continue;
            sink.carry(StoredArticle::from_json(live.get_document(*it).get_data()).to_article());
        }
        return missing;
    } catch (const Xapian::Error& e) {
        if (pruning && sink.rejected_ids().empty()) {
            observer.on_notice("the previous generation could not be read (" + e.get_description() +
                               "): the rebuild holds the sources' articles, deleted=0 does "
                               "not count what it left out");
            return {};
        }
        throw DatabaseError(
            "cannot read the live index '" + live_path +
            "' to keep the articles the sources no longer yield: " + e.get_description() +
            " (mend or remove the rejected records so that none has to be kept, then rebuild)");
    }
}

void check_schema_version(Xapian::WritableDatabase& db, const Schema& schema,
                          const std::string& path) {
    const auto& key = schema.metadata_key("schema_version");
    const std::string stored = db.get_metadata(key);
    if (stored.empty()) {
        if (db.get_doccount() > 0)
            throw DatabaseError("'" + path +
                                "' holds documents but no Yalu schema version: it is not a "
                                "Yalu database (use another --db)");
        db.set_metadata(key, std::to_string(schema.version()));
        return;
    }
    // As numbers: "05" is version 5 (compared as text, it was another version).
    if (const auto recorded = Schema::parse_version(stored); recorded != schema.version())
        throw SchemaMismatchError(
            "index '" + path + "' was built with schema version " +
            (recorded ? stored : "'" + stored.substr(0, 40) + "', which is not a number,") +
            " but this yalu-index uses version " + std::to_string(schema.version()) +
            ": run yalu-index --rebuild with all sources");
}

}  // namespace

Indexer::Indexer(IndexSettings settings, IndexObserver& observer)
    : settings_(std::move(settings)), observer_(observer) {}

IndexSummary Indexer::run() {
    const auto started = Clock::now();
    // On the clock of file times. They may lag it by a tick of the kernel's coarse clock, so a
    // file written in the run's first milliseconds may look older than the run: it is judged
    // without being watched, as one written before the run is.
    const std::int64_t started_ns = FileIdentity::now_ns();
    // Standard input, read at the pipe's pace, stops on the signal too, not at its next line.
    settings_.reader.stop_signal = settings_.stop_signal;
    if (settings_.sources.empty())
        throw UsageError("no sources given: name files, folders, or - for JSON Lines on stdin");
    if (settings_.batch_size == 0) throw UsageError("--batch must be at least 1");
    // The run's own output read back as articles made every night exit 65 (the list's lines
    // have no article id) and kept --prune off for ever.
    const OwnFiles own(settings_.db_path, settings_.rejects_path);
    // Named as a source, the list is a usage error; a --db among the sources (the archive
    // folder given as --db) is refused as a database it cannot write, below (exit 73).
    for (const auto& source : settings_.sources) {
        if (source == "-") continue;
        if (own.owner(source) == OwnFiles::Kind::rejects_list)
            throw UsageError("'" + source +
                             "' is the --rejects list this run writes, not a source: yalu-index "
                             "never reads its own "
                             "output (name the archive's files and folders; nothing was written)");
    }
    // Renamed over its FILE at the end, the list replaced the stub (the index then empty to
    // every search), the lock file or a table of the live generation, and the run exited 0.
    if (own.rejects_list_in_database())
        throw UsageError("--rejects '" + settings_.rejects_path + "' is a file of the database '" +
                         settings_.db_path +
                         "' (its stub, lock file or generations), which the list would replace: "
                         "name a file outside it, such as " +
                         settings_.db_path + ".rejects.jsonl; nothing was written");

    const std::string schema_dir = SchemaLocator::locate(settings_.schema_dir);
    const Schema schema = Schema::load(schema_dir + "/index.xml");
    std::optional<Gazetteer> gazetteer;
    std::unique_ptr<EntityMatcher> matcher;
    // "absolute-paths": the hash of a build that stored the path as typed differs, so the
    // first run of this one rewrites every article once and no stored path stays relative.
    // "entities-2": a name glued to a closing quote is a name, and an ambiguous name follows
    // the article's unambiguous ones; the first run of this build re-analyses every article.
    // "entities-3": titles, units and offices glued to Hangul names, credits anywhere in a
    // paragraph, and notices' people; re-analysed once likewise.
    // "entities-4": places' seats and people glued to Hangul names (의정부시장, 한국인), 들
    // before any particle, and the gazetteer's 85 names of the Korean articles; re-analysed
    // once likewise.
    // "entities-5": a name after an adjective in -적 glued to it (영웅적인민군장병들과) and a
    // person's name with a glued epithet (리승만역도의); re-analysed once likewise.
    // "entities-6": a table's name glued to the figure before it ("60Incheon", "2,500CJ") and a
    // place's realm glued to its Hangul name (구라파사회주의나라들과, 충북지역에서): a build's
    // first run re-analyses every article even where the gazetteer did not change.
    // "entities-7": a Korean credit written with the full-width equals sign, "(대전＝연합뉴스)",
    // is a credit as with "=" (its place and outlet are no mentions); re-analysed once likewise.
    // "entities-8": a particle after several closing marks continues the quoted word
    // (<<문민정권>>이란 is no Iran); re-analysed once likewise. "entities-9": a list closed by
    // "and other" and a plural head ("Wiwon, Junggang, Janggang and other counties") names its
    // places as "X and Y counties" does; re-analysed once likewise. "entities-10": a caption's
    // closing credit glued to the next word, "(Bloomberg)Nvidia", is no mention; likewise.
    // "entities-11": a demonym naming a language ("the Chinese zodiac", "Russian-language")
    // is no mention of the state; likewise.
    // An edited field, prefix, weight or slot in index.xml changes how every article is
    // indexed, so it changes every hash, as a gazetteer edit does: the index never mixes two
    // readings of one version (a prefix edited without a version bump had left every article
    // under the old prefix, and searches under the new one found nothing).
    std::string salt = "schema-" + std::to_string(schema.version()) + "-" +
                       std::to_string(schema.content_fingerprint()) + "/absolute-paths/entities-11";
    std::string gazetteer_snapshot;
    const std::string gazetteer_path = schema_dir + "/entities.xml";
    // A schema folder without the gazetteer would index every article without its entities
    // and say nothing: the facets and entity filters would silently lose them.
    if (settings_.entities && !std::filesystem::exists(gazetteer_path))
        throw ConfigError("no entities.xml in the schema folder '" + schema_dir +
                          "': copy the gazetteer there, or pass --no-entities to index without "
                          "entity facets");
    // The hashes of the schema files as read, for searches to take while the files keep the
    // identity they had (FileHashes): each identity taken before and after its read.
    FileHashes read_hashes;
    const auto read_noted = [&](const std::string& path, auto&& read) {
        const auto before = FileIdentity::of(path);
        std::string xml = read();
        read_hashes.note(before, xml, FileIdentity::of(path), FileIdentity::now_ns());
        return xml;
    };
    if (settings_.entities) {
        const std::string xml =
            read_noted(gazetteer_path, [&] { return Gazetteer::read(gazetteer_path); });
        gazetteer.emplace(Gazetteer::parse(xml, gazetteer_path));
        matcher = std::make_unique<EntityMatcher>(*gazetteer);
        // A changed gazetteer may change any article's entities, so it changes every hash;
        // a comment or layout edit changes none.
        salt += "/gazetteer-" + std::to_string(gazetteer->content_fingerprint());
        gazetteer_snapshot = gazetteer->snapshot(Gazetteer::source_stamp(xml, schema.version()));
    }
    // The thesaurus is the searcher's alone; its snapshot spares each search process the XML
    // parse. yalu-search fails (exit 6) on a thesaurus that is missing or does not parse, so
    // the nightly run fails too (exit 78, before anything is written): else it exits 0 while
    // every search fails.
    const std::string thesaurus_path = schema_dir + "/thesaurus.xml";
    if (!std::filesystem::exists(thesaurus_path))
        throw ConfigError("no thesaurus.xml in the schema folder '" + schema_dir +
                          "': every yalu-search would fail (exit 6); restore it from the "
                          "release's schemas/ (nothing was written)");
    const std::string thesaurus_xml = read_noted(thesaurus_path, [&] {
        return ConfigDocument::read(thesaurus_path, "thesaurus", "schemas/thesaurus.xml");
    });
    const std::string thesaurus_snapshot =
        Thesaurus::parse(thesaurus_xml, thesaurus_path)
            .snapshot(Thesaurus::source_stamp(thesaurus_xml, schema.version()));

    DatabaseLayout layout(settings_.db_path);
    // Of two names of one file (links), the one the index holds its articles under is kept, so
    // a new link never renames an article nor changes its stored path. Asked of the live index
    // only when that choice arises.
    std::optional<Xapian::Database> live;
    bool live_opened = false;
    const std::string& id_prefix = schema.field("id").prefix;
    const auto known = [&](const std::string& id, const std::string& file) {
        try {
            if (!live_opened) {
                live_opened = true;
                if (layout.exists()) {
                    layout.check_stubs();  // refused below, by check_writable()
                    live.emplace(layout.path());
                }
            }
            if (!live) return false;
            const auto it = live->postlist_begin(id_prefix + id);
            if (it == live->postlist_end(id_prefix + id)) return false;
            const Article stored =
                StoredArticle::from_json(live->get_document(*it).get_data()).to_article();
            return stored.location.path == DocumentBuilder::file_key(file);
        } catch (const Xapian::Error&) {
            return false;  // no index yet, or one that the run itself reports below
        } catch (const DatabaseError&) {
            return false;
        } catch (const DataError&) {
            return false;  // not Yalu's document data: read as a new name would be
        }
    };
    // Expanding the sources first throws InputError for a bad path before anything is written.
    std::vector<std::string> skipped;
    std::vector<SourceReader::OtherName> other_names;
    std::set<OwnFiles::Kind> own_found;      // which of the run's own files the source folders hold
    std::vector<std::string> empty_folders;  // source folders holding no article file
    const auto expand = [&] {
        skipped.clear();
        other_names.clear();
        own_found.clear();
        empty_folders.clear();
        auto found = SourceReader(settings_.reader)
                         .expand(settings_.sources, &skipped, &other_names, known, &empty_folders);
        // The --rejects list (and its FILE.tmp.PID) or the database kept in a source folder.
        const auto drop_own = [&](std::vector<std::string>& paths) {
            paths.erase(std::remove_if(paths.begin(), paths.end(),
                                       [&](const std::string& path) {
                                           const OwnFiles::Kind what = own.owner(path);
                                           if (what != OwnFiles::Kind::none) own_found.insert(what);
                                           return what != OwnFiles::Kind::none;
                                       }),
                        paths.end());
        };
        drop_own(found);
        drop_own(skipped);
        return found;
    };
    auto files = expand();
    // What to check, and how to empty an index on purpose, when the sources hold nothing.
    const std::string nothing_read = " (is the archive mounted? to empty the index, delete " +
                                     settings_.db_path + " and " + settings_.db_path + ".d)";
    // An unmounted archive is an empty folder: --prune would read it as "every article gone".
    const auto refuse_empty_prune = [&] {
        if (settings_.prune && files.empty())
            throw InputError(
                "the sources hold no article file, so --prune would delete the whole "
                "index: nothing was written" +
                nothing_read);
    };
    refuse_empty_prune();

    // Before the lock file appears beside a wrong --db or a refused rebuild. A first run has no
    // stub until its first generation is committed, so while PATH.lock is there a missing stub
    // is judged under the lock: that run finishes it (exit 75, or --wait), a lost one is 73.
    const bool judged_under_lock =
        layout.is_orphaned() && std::filesystem::exists(layout.lock_path());
    if (!judged_under_lock) layout.check_writable(settings_.rebuild);
    const auto lock_asked = Clock::now();
    WriterLock lock(layout.lock_path(), settings_.wait_seconds, settings_.stop_signal);
    if (judged_under_lock) layout.check_writable(settings_.rebuild);
    // The summary's seconds are the run's work: a night that waited for another writer's lock
    // did not index for longer.
    const auto waited = Clock::now() - lock_asked;
    const auto elapsed = [&] {
        return std::chrono::duration<double>(Clock::now() - started - waited).count();
    };
    if (settings_.wait_seconds > 0) {
        // The archive may have changed while we waited for the lock: read what is there now.
        live.reset();
        live_opened = false;
        files = expand();
        refuse_empty_prune();
    }
    live.reset();  // the run writes there now
    // A writer that PATH.lock did not keep out (it came by another name, or the lock file was
    // removed) would lose its parts or its rebuild's generation to clean_leftovers().
    if (const std::string busy = layout.written_elsewhere(); !busy.empty())
        throw LockedError(layout.another_writer(busy) + "; nothing was written");
    // An unmounted archive is an empty folder: without --prune the run read nothing from it
    // and exited 0 without a word (with --prune and nothing else, exit 66 above).
    for (const auto& folder : empty_folders)
        observer_.on_notice("source folder '" + folder +
                            "' holds no article file (.txt, .xml, .jsonl): is it mounted? "
                            "nothing was read from it");
    for (const auto& [read_as, other] : other_names) {
        std::error_code ec;
        // Read under a symbolic link's name (the index knows the article by it): the other
        // name may be the file itself, which must not be removed.
        const bool via_link =
            std::filesystem::is_symlink(read_as, ec) && !std::filesystem::is_symlink(other, ec);
        observer_.on_notice(
            "'" + other + "' is another name (a link) of '" + read_as +
            "': the file is read once, as '" + read_as + "' (a .txt file's id is its name" +
            (via_link ? std::string(", and the index knows the article by this link's); keep "
                                    "the file, and keep it out of the sources if you can")
                      : std::string("); remove the extra name from the archive")));
    }
    for (const OwnFiles::Kind what : own_found)
        observer_.on_notice(
            what == OwnFiles::Kind::database
                ? "the database '" + settings_.db_path +
                      "' lies inside a source folder: its files are not read as articles "
                      "(keep it outside the archive)"
                : "the --rejects list '" + settings_.rejects_path +
                      "' (or its temporary file) lies inside a source folder: it is not read as "
                      "articles (keep it outside the archive)");
    if (!skipped.empty()) {
        // A renamed or compressed archive file (2012-01.jsonl.gz, .JSON) is read no more, and
        // --prune then deletes its articles: say so, each run.
        std::string names;
        for (std::size_t i = 0; i < skipped.size() && i < 3; ++i)
            names += (i ? ", " : "") + skipped[i];
        observer_.on_notice(std::to_string(skipped.size()) +
                            " file(s) in the source folders skipped for their extension (" + names +
                            (skipped.size() > 3 ? ", ..." : "") +
                            "); only .txt, .xml and .jsonl are read");
    }
    std::vector<unsigned long long> sizes;
    for (const auto& f : files) {
        std::error_code ec;
        const auto size = f == "-" ? 0 : std::filesystem::file_size(f, ec);
        sizes.push_back(ec ? 0 : size);
    }
    layout.clean_leftovers();
    // begin_rebuild refuses a plain Xapian folder (no stub to swap atomically). Only a rebuild
    // publishes: comparing paths would take "x.db/" for a new generation of "x.db".
    // A rebuild out of a lost stub (check_writable let it through) reads the newest generation
    // for the articles to keep, and publishes after it: never gen-000001 made anew over one.
    const bool orphaned = layout.is_orphaned();
    // Said, because the operator may have seen it refused before as a lost stub, and it is
    // gone now (open_or_create makes it again).
    if (layout.is_interrupted_first_run())
        observer_.on_notice("the first run into '" + layout.path() +
                            "' was killed before it wrote that stub file: the generation it left "
                            "holds no document and no recorded run, so the database is made again");
    const std::string carry_from = orphaned ? layout.newest_generation() : layout.path();
    const bool rebuilding =
        settings_.rebuild && (layout.exists() || orphaned) && !layout.is_empty_folder();
    const std::string target = rebuilding
                                   ? layout.begin_rebuild()
                                   : layout.open_or_create({{schema.metadata_key("schema_version"),
                                                             std::to_string(schema.version())}});
    IndexSummary summary;
    // A rebuild that fails (a full disk, say) gives its space back at once rather than at the
    // next run: the half-built generation is never live.
    struct Unpublished {
        std::string dir;
        ~Unpublished() {
            std::error_code ec;
            if (!dir.empty()) std::filesystem::remove_all(dir, ec);
        }
    } unpublished{rebuilding ? target : std::string()}, unmerged;
    // Parts need a generation to publish the merge as: never for a plain Xapian folder, nor
    // for a stub pointed by hand at a database that is not one of PATH.d's generations.
    std::optional<PartWriter> parts;
    if (settings_.part_size > 0 && (rebuilding || layout.publishes_generations()))
        parts.emplace(layout.parts_dir(), settings_.part_size, settings_.batch_size);
    // The snapshots as files in the database folder `dir` too (SnapshotFile), which search
    // processes map instead of reading the metadata: before a generation is published, so it
    // goes live with them. Unchanged files are not written again.
    const auto write_snapshot_files = [&](const std::string& dir) {
        if (dir.empty()) return;
        const std::string hashes = read_hashes.bytes();
        using Named = std::pair<std::string, const std::string*>;
        for (const auto& [key, bytes] :
             {Named{schema.metadata_key("gazetteer"), &gazetteer_snapshot},
              Named{schema.metadata_key("thesaurus"), &thesaurus_snapshot},
              Named{FileHashes::kFileKey, &hashes}}) {
            if (bytes->empty()) continue;
            const std::string problem = SnapshotFile::write(dir, key, *bytes);
            if (!problem.empty())
                observer_.on_notice(problem +
                                    "; searches read the snapshot from the index's metadata "
                                    "instead (the same results, a slower start) until a run "
                                    "writes it");
        }
    };
    // Compacts the target and the parts into a new generation, to be published.
    const auto merge_parts = [&] {
        if (!parts || parts->part_count() == 0) return std::string();
        observer_.on_stage("merging " + std::to_string(parts->document_count()) +
                           " new article(s) written in " + std::to_string(parts->part_count()) +
                           " part(s) into a new generation");
        unmerged.dir = layout.begin_rebuild();
        parts->merge(rebuilding ? target : layout.live_generation(), unmerged.dir,
                     [&](const std::string& table) { observer_.on_stage("merging: " + table); });
        write_snapshot_files(unmerged.dir);
        return unmerged.dir;
    };
    std::string published = rebuilding ? target : std::string();
    bool recorded = false;  // the summary's seconds are the ones the index records
    // The folder an incremental run writes, for the messages of Xapian's errors.
    const auto written = [&] {
        return layout.is_plain_folder() ? layout.path() : layout.live_generation();
    };
    try {
        Xapian::WritableDatabase db(target, Xapian::DB_CREATE_OR_OPEN);
        check_schema_version(db, schema, settings_.db_path);
        // Commit the (possibly new, empty) database so the pipeline's read-only handle opens.
        db.commit();
        DocumentBuilder builder(schema, matcher.get(), salt);
        PipelineSink sink(db, target, parts ? &*parts : nullptr, builder, schema, settings_,
                          observer_, summary);
        sink.progress_.files_total = static_cast<long>(files.size());
        std::vector<unsigned long long> bytes_before;  // bytes of all files before file i
        for (const auto size : sizes) {
            bytes_before.push_back(sink.progress_.bytes_total);
            sink.progress_.bytes_total += size;
        }
        const SourceReader reader(
            settings_.reader, [&](const std::string& path, std::size_t index, std::size_t) {
                sink.file_started(path, index, bytes_before[index], sizes[index]);
            });
        // An incremental run asked to stop keeps what it read: the pipeline drains into the
        // index (so the summary counts what was written), nothing is pruned, and the run ends
        // as a finished one does, its summary recorded and printed, marked as stopped. A
        // rebuild is abandoned instead (InterruptedError, below): its generation never goes live.
        bool stopped = false;
        try {
            std::vector<SourceReader::OpenedFile> opened;
            summary.files = static_cast<long>(reader.read_files(files, sink, &opened));
            // An export writing a file in place while it was read: the records it had not yet
            // written read as deleted, and --prune deleted their articles for a night.
            SourceReader::reject_changed(opened, sink,
                                         settings_.prune || rebuilding ? started_ns : INT64_MAX,
                                         settings_.stop_signal);
            sink.settle();         // every rejection known before pruning is judged
            sink.stop_if_asked();  // after the last article: before anything is pruned
        } catch (const InterruptedError&) {
            if (rebuilding) throw;
            stopped = true;
        }
        // Articles gone from the sources leave the index with --prune, and with a rebuild (a
        // fresh generation holds what the sources hold), but never on a bad night: an
        // unmounted archive or an empty pipe reads as "every article vanished", and a
        // rejected record's article stays until the record is fixed.
        const bool dropping = !stopped && (settings_.prune || rebuilding);
        if (dropping && sink.saw_none() && summary.rejected == 0)
            throw InputError(std::string("the sources held no article, so ") +
                             (rebuilding ? "the rebuild would publish an empty index: the live "
                                           "index was kept"
                                         : "--prune would delete the whole index: nothing was "
                                           "deleted") +
                             nothing_read);
        // An empty pipe is an empty file: `zcat export.jsonl.gz | yalu-index -` of a failed
        // export reported success. (With --prune and nothing else read it is exit 66, above.)
        // "Nothing was pruned" only where pruning was asked for, and this rejection stops it.
        if (!stopped && std::find(files.begin(), files.end(), "-") != files.end() &&
            sink.stdin_records() == 0)
            sink.reject({{"-", 0},
                         "",
                         std::string("standard input held no record at all (an empty pipe: a "
                                     "failed or cut-off export?); ") +
                             (dropping ? "nothing was pruned; " : "") + "send the records again"});
        const bool pruning = dropping && sink.rejected_without_id() == 0 && !sink.saw_none();
        if (dropping && !pruning) {
            const std::string why =
                sink.saw_none()
                    ? "every record was rejected"
                    : std::to_string(sink.rejected_without_id()) +
                          " rejected record(s) had no readable id, so no article can be known "
                          "to have left the sources";
            observer_.on_notice(
                (rebuilding ? "the rebuild keeps every article the sources no longer yield: "
                            : "--prune skipped: ") +
                why + "; fix them (see the rejections) and the next " +
                (rebuilding ? "rebuild drops them" : "run prunes"));
        }
        Missing missing;
        // The kept articles of a rebuild go through the pipeline, so before it drains; an
        // incremental run reads and deletes in its own database once the writer is done.
        if (rebuilding) missing = carry_over(carry_from, id_prefix, sink, pruning, observer_);
        sink.finish();
        // The writer, the slowest stage, may still have been draining the pipeline when the
        // signal came, the last article read: stop before anything is pruned or published.
        if (rebuilding) sink.stop_if_asked();
        stopped = stopped || (settings_.stop_signal && *settings_.stop_signal);
        if (!rebuilding && settings_.prune && !stopped) {
            missing = missing_articles(db, id_prefix, sink, pruning);
            for (const auto& term : missing.gone) db.delete_document(term);
        }
        summary.deleted = static_cast<long>(missing.gone.size());
        if (!missing.kept.empty())
            observer_.on_notice(
                std::to_string(missing.kept.size()) +
                " article(s) the sources no longer yield were kept" +
                (rebuilding ? " (analysed again from the live index's stored copy)" : "") +
                (pruning ? ": a rejected record carries their id" : ""));
        // Metadata writes are writes too: skip them when nothing changed, so an unchanged
        // nightly run leaves the database untouched.
        const bool changed =
            summary.added + summary.updated + summary.deleted > 0 || settings_.rebuild;
        bool wrote = changed;  // the deletions above
        const auto& snapshot_key = schema.metadata_key("gazetteer");
        if (!gazetteer_snapshot.empty() && db.get_metadata(snapshot_key) != gazetteer_snapshot) {
            db.set_metadata(snapshot_key, gazetteer_snapshot);
            wrote = true;
        }
        const auto& thesaurus_key = schema.metadata_key("thesaurus");
        if (!thesaurus_snapshot.empty() && db.get_metadata(thesaurus_key) != thesaurus_snapshot) {
            db.set_metadata(thesaurus_key, thesaurus_snapshot);
            wrote = true;
        }
        if (wrote) db.commit();
        write_snapshot_files(rebuilding ? target : layout.local_database_folder());
        // The run is recorded last, in the database to be published, once everything it counts
        // is committed there: a merge that fails (a full disk) leaves the run before as the
        // last one, and `seconds` and `finished` cover pruning and the merge, as the printed
        // summary does (the same measurement).
        const auto record = [&](Xapian::WritableDatabase& into) {
            summary.seconds = elapsed();
            nlohmann::json last = {{"finished", utc_now()},          {"added", summary.added},
                                   {"updated", summary.updated},     {"deleted", summary.deleted},
                                   {"unchanged", summary.unchanged}, {"rejected", summary.rejected},
                                   {"seconds", summary.seconds}};
            // A stopped run changed the index too: --stats must not show an older run as the
            // last.
            if (stopped) last["stopped"] = true;
            into.set_metadata(schema.metadata_key("last_run"), last.dump());
            into.commit();
            recorded = true;
        };
        const bool merging = parts && parts->part_count() > 0;
        if (changed && !merging) record(db);
        db.close();
        if (merging) {
            published = merge_parts();
            Xapian::WritableDatabase merged(published, Xapian::DB_OPEN);
            record(merged);
            merged.close();
        }
        if (stopped)
            summary.stopped =
                InterruptedError(*settings_.stop_signal,
                                 std::string("every batch committed before it is kept") +
                                     (merging ? " (the parts written so far were merged in)" : "") +
                                     "; nothing was pruned; run it again to finish (it skips what "
                                     "is already indexed)")
                    .what();
        else if (settings_.stop_signal && *settings_.stop_signal)
            // Too late to stop: every article was written and the run went on to finish (the
            // merge of its parts cannot stop halfway). Said, so the signal is not lost.
            observer_.on_notice(
                InterruptedError::signal_name(*settings_.stop_signal) +
                " came after every article was written" +
                (merging ? ", during the merge of the parts, which cannot stop halfway" : "") +
                ": the run finished, and the index is complete");
    } catch (const InterruptedError& e) {
        // The pipeline has committed what it held; the lock goes with `lock`, a rebuild's
        // generation with `unpublished`, its parts with `parts`. An incremental run keeps what
        // it wrote, so its parts are merged and published as its commits are kept.
        const bool merging = !rebuilding && parts && parts->part_count() > 0;
        if (merging) {
            layout.publish(merge_parts());
            unmerged.dir.clear();
        }
        throw InterruptedError(
            settings_.stop_signal ? *settings_.stop_signal : 0,
            rebuilding ? "the rebuild was abandoned and its generation removed; the live index "
                         "is as it was; run the rebuild again (it starts afresh: a rebuild "
                         "writes every article)"
                       : std::string("every batch committed before it is kept") +
                             (merging ? " (the parts written so far were merged in)" : "") +
                             "; nothing was pruned; run it again to finish (it skips what is "
                             "already indexed)");
    } catch (const Xapian::DatabaseLockError& e) {
        // Xapian calls a lock file it may not create a lock too: no rerun mends that. Its
        // error string is null when no system call failed (another writer holds the lock).
        const char* system_error = e.get_error_string();
        if (e.get_msg().find("Permission denied") != std::string::npos ||
            (system_error && std::string(system_error) == std::strerror(EACCES)))
            throw DatabaseError(layout.generation_unwritable(written(), std::strerror(EACCES)));
        const std::string folder = rebuilding ? target : written();
        // Xapian says "Unable to get write lock on FOLDER: already locked" when another process
        // holds it: another run got past PATH.lock after written_elsewhere() looked. Anything
        // else ("locking probably not supported by this FS": no fcntl locks there, "too many
        // open files") holds no run, and no rerun mends it.
        if (e.get_msg().ends_with(": already locked"))
            throw LockedError(layout.another_writer(folder) + " (" + e.get_msg() + ")");
        const std::string prefix = "Unable to get write lock on " + folder + ": ";
        const std::string reason =
            e.get_msg().starts_with(prefix) ? e.get_msg().substr(prefix.size()) : e.get_msg();
        throw LockUnavailableError(
            DatabaseLayout::lock_unavailable(folder, "Xapian's write lock: " + reason,
                                             reason.find("not supported") != std::string::npos) +
            " (Xapian locks with fcntl, PATH.lock with flock: a file system may give one and not "
            "the other)");
    } catch (const Xapian::DatabaseCorruptError& e) {
        // No disk or permission problem: the tables are damaged, and only a rebuild mends them.
        const std::string generation = written();
        throw DatabaseError("database '" + settings_.db_path +
                            "' is damaged: " + e.get_description() + " (check it with: flock " +
                            layout.lock_path() + " xapian-check " + generation +
                            "; then run yalu-index --rebuild with all the sources, as "
                            "docs/OPERATIONS.md says under \"A corrupt index\")");
    } catch (const Xapian::Error& e) {
        throw DatabaseError("database '" + settings_.db_path + "': " + e.get_description() +
                            " (check the path, permissions and free disk space)");
    }
    if (!published.empty()) {
        // For a rebuild with parts, this also removes its own unmerged generation (publish
        // keeps only the one it replaces).
        layout.publish(published);
        unpublished.dir.clear();
        unmerged.dir.clear();
    }
    if (!recorded) summary.seconds = elapsed();
    return summary;
}

std::string Indexer::escaped_database_error(const std::string& db_path) {
    const std::exception_ptr pending = std::current_exception();
    if (!pending) return "";
    try {
        std::rethrow_exception(pending);
    } catch (const Xapian::Error& e) {
        // The process ends here, as a kill would: the commit under way never reached its
        // version file, so the index opens as of the batch committed before it.
        return "database '" + db_path + "': " + e.get_description() +
               ", in a commit Xapian could not cancel, so the run stopped there; every batch "
               "committed before it is kept, nothing was pruned and the run is not recorded "
               "(check the free disk space, then run it again: it skips what is indexed)";
    } catch (...) {
        return "";
    }
}

}  // namespace yalu
