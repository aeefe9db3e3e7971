#include "indexer.hpp"

#include "database_layout.hpp"
#include "document_builder.hpp"
#include "entity_matcher.hpp"
#include "errors.hpp"
#include "gazetteer.hpp"
#include "schema.hpp"
#include "schema_locator.hpp"
#include "source_reader.hpp"

#include <nlohmann/json.hpp>
#include <xapian.h>
#include <xxhash.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>
#include <unordered_set>

namespace yalu {
namespace {

using Clock = std::chrono::steady_clock;

std::string file_fingerprint(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return std::to_string(XXH3_64bits(text.data(), text.size()));
}

std::string utc_now() {
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

// Receives articles from the readers and writes them; one per run.
class WritingSink : public ArticleSink {
public:
    WritingSink(Xapian::WritableDatabase& db, DocumentBuilder& builder, const Schema& schema,
                const IndexSettings& settings, IndexObserver& observer, IndexSummary& summary)
        : db_(db), builder_(builder), schema_(schema), settings_(settings), observer_(observer),
          summary_(summary), hash_slot_(schema.slot("hash")), started_(Clock::now()) {}

    void accept(Article&& article) override {
        if (!seen_.insert(article.id).second)
            warn(article.location, "id '" + article.id +
                                       "' appeared earlier in this run; this record replaces it");
        const std::string id_term = builder_.id_term(article.id);
        const std::string hash = builder_.content_hash(article);
        const auto existing = db_.postlist_begin(id_term);
        const bool exists = existing != db_.postlist_end(id_term);
        if (exists && db_.get_document(*existing).get_value(hash_slot_) == hash) {
            ++summary_.unchanged;
        } else {
            auto analysed = builder_.build(article);
            db_.replace_document(analysed.id_term, analysed.document);
            ++(exists ? summary_.updated : summary_.added);
            if (++pending_ >= settings_.batch_size) commit();
        }
        progress();
    }

    void reject(const Rejection& rejection) override {
        ++summary_.rejected;
        observer_.on_reject(rejection);
        progress();
    }

    void warn(const SourceLocation& location, const std::string& message) override {
        ++summary_.warnings;
        observer_.on_warning(location, message);
    }

    void file_done(unsigned long long bytes) {
        ++progress_.files_done;
        progress_.bytes_done += bytes;
    }

    void commit() {
        if (pending_ == 0) return;
        db_.commit();
        pending_ = 0;
    }

    [[nodiscard]] const std::unordered_set<std::string>& seen() const { return seen_; }
    IndexProgress progress_;

private:
    void progress() {
        ++progress_.articles;
        if (progress_.articles % 256 != 0) return;
        progress_.seconds = std::chrono::duration<double>(Clock::now() - started_).count();
        observer_.on_progress(progress_);
    }

    Xapian::WritableDatabase& db_;
    DocumentBuilder& builder_;
    const Schema& schema_;
    const IndexSettings& settings_;
    IndexObserver& observer_;
    IndexSummary& summary_;
    unsigned hash_slot_;
    Clock::time_point started_;
    unsigned pending_ = 0;
    std::unordered_set<std::string> seen_;
};

// Deletes every article whose id was not read in this run.
long prune(Xapian::WritableDatabase& db, const std::string& id_prefix,
           const std::unordered_set<std::string>& seen) {
    std::vector<std::string> gone;
    for (auto t = db.allterms_begin(id_prefix); t != db.allterms_end(id_prefix); ++t) {
        const std::string term = *t;
        if (!seen.count(term.substr(id_prefix.size()))) gone.push_back(term);
    }
    for (const auto& term : gone) db.delete_document(term);
    return static_cast<long>(gone.size());
}

void check_schema_version(Xapian::WritableDatabase& db, const Schema& schema,
                          const std::string& path) {
    const auto& key = schema.metadata_key("schema_version");
    const std::string stored = db.get_metadata(key);
    if (stored.empty()) {
        if (db.get_doccount() > 0)
            throw SchemaMismatchError("'" + path + "' holds documents but no Yalu schema version: "
                                      "it was not made by yalu-index (use another --db)");
        db.set_metadata(key, std::to_string(schema.version()));
        return;
    }
    if (stored != std::to_string(schema.version()))
        throw SchemaMismatchError("index '" + path + "' was built with schema version " + stored +
                                  " but this yalu-index uses version " +
                                  std::to_string(schema.version()) +
                                  ": run yalu-index --rebuild with all sources");
}

}  // namespace

Indexer::Indexer(IndexSettings settings, IndexObserver& observer)
    : settings_(std::move(settings)), observer_(observer) {}

IndexSummary Indexer::run() {
    const auto started = Clock::now();
    if (settings_.sources.empty())
        throw UsageError("no sources given: name files, folders, or - for JSON Lines on stdin");
    if (settings_.batch_size == 0) throw UsageError("--batch must be at least 1");

    const std::string schema_dir = SchemaLocator::locate(settings_.schema_dir);
    const Schema schema = Schema::load(schema_dir + "/index.xml");
    std::optional<Gazetteer> gazetteer;
    std::unique_ptr<EntityMatcher> matcher;
    std::string salt = "schema-" + std::to_string(schema.version());
    const std::string gazetteer_path = schema_dir + "/entities.xml";
    if (settings_.entities && std::filesystem::exists(gazetteer_path)) {
        gazetteer.emplace(Gazetteer::load(gazetteer_path));
        matcher = std::make_unique<EntityMatcher>(*gazetteer);
        // A changed gazetteer changes every article's entities, so it changes every hash.
        salt += "/gazetteer-" + file_fingerprint(gazetteer_path);
    }

    // Expanding the sources first throws InputError for a bad path before anything is written.
    const auto files = SourceReader(settings_.reader).expand(settings_.sources);
    std::vector<unsigned long long> sizes;
    for (const auto& f : files) {
        std::error_code ec;
        const auto size = f == "-" ? 0 : std::filesystem::file_size(f, ec);
        sizes.push_back(ec ? 0 : size);
    }

    DatabaseLayout layout(settings_.db_path);
    WriterLock lock(layout.lock_path(), settings_.wait_seconds);
    layout.clean_leftovers();
    const std::string target = settings_.rebuild && layout.exists() && !layout.is_plain_folder()
                                   ? layout.begin_rebuild()
                                   : layout.open_or_create();
    IndexSummary summary;
    try {
        Xapian::WritableDatabase db(target, Xapian::DB_CREATE_OR_OPEN);
        check_schema_version(db, schema, settings_.db_path);
        DocumentBuilder builder(schema, matcher.get(), salt);
        WritingSink sink(db, builder, schema, settings_, observer_, summary);
        sink.progress_.files_total = static_cast<long>(files.size());
        for (const auto size : sizes) sink.progress_.bytes_total += size;
        const SourceReader reader(settings_.reader,
                                  [&](const std::string&, std::size_t index, std::size_t) {
                                      if (index > 0) sink.file_done(sizes[index - 1]);
                                  });
        summary.files = static_cast<long>(reader.read(settings_.sources, sink));
        sink.commit();
        if (settings_.prune)
            summary.deleted = prune(db, schema.field("id").prefix, sink.seen());
        summary.seconds = std::chrono::duration<double>(Clock::now() - started).count();
        const nlohmann::json last = {
            {"finished", utc_now()},        {"added", summary.added},
            {"updated", summary.updated},   {"deleted", summary.deleted},
            {"unchanged", summary.unchanged}, {"rejected", summary.rejected},
            {"seconds", summary.seconds}};
        // Metadata writes are writes too: skip them when nothing changed, so an unchanged
        // nightly run leaves the database untouched.
        if (summary.added + summary.updated + summary.deleted > 0 || settings_.rebuild) {
            db.set_metadata(schema.metadata_key("last_run"), last.dump());
            db.commit();
        }
        db.close();
    } catch (const Xapian::DatabaseLockError& e) {
        throw LockedError("database '" + settings_.db_path +
                          "' is locked by another writer: " + e.get_msg());
    } catch (const Xapian::Error& e) {
        throw DatabaseError("database '" + settings_.db_path + "': " + e.get_description() +
                            " (check the path, permissions and free disk space)");
    }
    if (target != settings_.db_path) layout.publish(target);
    summary.seconds = std::chrono::duration<double>(Clock::now() - started).count();
    return summary;
}

}  // namespace yalu
