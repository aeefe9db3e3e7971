#include "index_stats.hpp"

#include "database_layout.hpp"
#include "errors.hpp"
#include "gazetteer.hpp"
#include "index_check.hpp"
#include "schema.hpp"
#include "schema_locator.hpp"

#include <nlohmann/json.hpp>
#include <xapian.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <sstream>

namespace fs = std::filesystem;

namespace yalu {
namespace {

std::string iso_of(const std::string& compact) {
    if (compact.size() != 8) return {};
    return compact.substr(0, 4) + "-" + compact.substr(4, 2) + "-" + compact.substr(6, 2);
}

// The bytes of the database at `path`: a folder's files, or a single-file database's file.
unsigned long long database_bytes(const std::string& path) {
    unsigned long long total = 0;
    std::error_code ec;
    if (fs::is_regular_file(path, ec)) return fs::file_size(path, ec);
    for (const auto& e : fs::recursive_directory_iterator(path, ec))
        if (e.is_regular_file(ec)) total += e.file_size(ec);
    return total;
}

// A recorded run in the summary line's words, after the time it finished:
// "2026-11-30T02:31:12Z added=3 updated=0 deleted=0 unchanged=0 rejected=0 seconds=0.05".
std::string run_words(const nlohmann::json& run) {
    std::ostringstream out;
    out << run.value("finished", "?");
    for (const char* count : {"added", "updated", "deleted", "unchanged", "rejected"})
        out << " " << count << "=" << run.value(count, 0L);
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, "%.2f", run.value("seconds", 0.0));
    out << " seconds=" << seconds;
    return out.str();
}

}  // namespace

IndexStats IndexStats::collect(const std::string& given_path, const std::string& schema_dir) {
    const std::string db_path = DatabaseLayout(given_path).path();  // "yalu.db/" is yalu.db
    const std::string dir = SchemaLocator::locate(schema_dir);
    const Schema schema = Schema::load(dir + "/index.xml");
    std::optional<Gazetteer> gazetteer;
    if (fs::exists(dir + "/entities.xml"))
        gazetteer.emplace(Gazetteer::load(dir + "/entities.xml"));
    const DatabaseLayout layout(db_path);
    layout.require_index();
    IndexStats s;
    s.path = db_path;
    s.schema_path = schema.path();
    s.program_schema_version = schema.version();
    s.generation = layout.live_generation();
    layout.check_stubs();
    // A stub of shards gets the checks a search makes when it opens one: the counts of a
    // database two lines reach are doubled, and the version of the first shard is not every
    // shard's, so a report of either would call healthy an index no search can use.
    const bool sharded = !layout.is_plain_folder() && !layout.is_single_local();
    const IndexCheck check(layout, schema, "yalu-index");
    if (sharded) check.check_lines();
    try {
        const Xapian::Database db(db_path);
        if (sharded) check.check_shards();
        s.documents = db.get_doccount();
        const std::string version = db.get_metadata(schema.metadata_key("schema_version"));
        // "version 0 ... run yalu-index --rebuild" sent the operator to a rebuild that refuses
        // a database yalu-index did not make; yalu-index writes the version before anything.
        if (version.empty())
            throw DatabaseError("'" + db_path + "' is not a Yalu index: it holds " +
                                std::to_string(s.documents) +
                                " document(s) but no Yalu schema version (a Xapian database "
                                "another program wrote); give the --db yalu-index created");
        // As a number ("05" is 5), as a search reads it; no number is no version to show.
        const auto recorded = Schema::parse_version(version);
        if (!recorded)
            throw SchemaMismatchError(
                "'" + db_path + "' records schema version '" + version.substr(0, 40) +
                "', which is not a number (this " + "yalu-index writes version " +
                std::to_string(schema.version()) + "): run yalu-index --rebuild with all sources");
        s.schema_version = *recorded;
        s.last_run = db.get_metadata(schema.metadata_key("last_run"));
        const unsigned slot = schema.slot("date");
        s.first_date = iso_of(db.get_value_lower_bound(slot));
        s.last_date = iso_of(db.get_value_upper_bound(slot));
        s.undated = db.get_termfreq(schema.field("nodate").prefix + "1");
        const std::string lang = schema.field("lang").prefix;
        for (auto t = db.allterms_begin(lang); t != db.allterms_end(lang); ++t)
            s.languages.emplace_back((*t).substr(lang.size()), t.get_termfreq());
        for (const char* type : {"person", "org", "place"}) {
            const std::string prefix = schema.entity_prefix(type);
            std::vector<TopEntity> counts;
            for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
                std::string id = (*t).substr(prefix.size());
                const Entity* e = gazetteer ? gazetteer->find(id) : nullptr;
                std::string name = e ? std::string(e->name) : id;
                counts.push_back({std::move(id), std::move(name), t.get_termfreq()});
            }
            const unsigned long distinct = counts.size();
            std::stable_sort(counts.begin(), counts.end(),
                             [](const auto& a, const auto& b) { return a.articles > b.articles; });
            if (counts.size() > 5) counts.resize(5);
            s.entities.push_back({type, distinct, std::move(counts)});
        }
    } catch (const Xapian::DatabaseNotFoundError& e) {
        if (sharded) check.check_shards_exist();  // named with its stub line, not the stub
        throw DatabaseError("cannot read '" + db_path + "': " + e.get_description());
    } catch (const Xapian::NetworkError& e) {
        if (sharded) check.check_shards();  // a remote shard down: its line, and the fix
        throw DatabaseError("cannot read '" + db_path + "': " + e.get_description());
    } catch (const Xapian::Error& e) {
        throw DatabaseError("cannot read '" + db_path + "': " + e.get_description());
    }
    if (sharded) {
        // A stub of shards: every local shard's files; its metadata is only the first shard's,
        // whose last run is no run of the whole.
        s.last_run.clear();
        for (const StubEntry& shard : layout.shards()) {
            ++s.shards;
            if (shard.kind == "remote")
                ++s.remote_shards;
            else if (shard.kind != "inmemory")
                s.bytes += database_bytes(shard.target);
        }
        return s;
    }
    s.bytes = database_bytes(s.generation.empty() ? db_path : s.generation);
    return s;
}

std::string IndexStats::to_text() const {
    std::ostringstream out;
    out << "index:      " << path << (generation.empty() ? "" : " -> " + generation) << "\n"
        << "schema:     version " << schema_version
        << (schema_version == program_schema_version
                ? " (this program reads " + schema_path + ")"
                : " (this program reads and writes version " +
                      std::to_string(program_schema_version) + ", " + schema_path +
                      ": searches refuse this index; run yalu-index --rebuild)")
        << "\n"
        << "documents:  " << documents << " (" << undated << " without a date)\n"
        << "dates:      " << (first_date.empty() ? "-" : first_date + " .. " + last_date) << "\n"
        << "size:       " << (bytes / 1024 / 1024) << " MiB (" << bytes << " bytes"
        << (shards == 0 ? std::string()
                        : ", " + std::to_string(shards) + " shards" +
                              (remote_shards ? ", the " + std::to_string(remote_shards) +
                                                   " remote not counted"
                                             : std::string()))
        << ")\n"
        << "languages: ";
    for (const auto& [lang, n] : languages) out << " " << lang << "=" << n;
    out << "\n";
    for (const auto& t : entities) {
        out << "entities:   " << t.type << ": " << t.distinct << " distinct; top:";
        for (const auto& e : t.top) out << " " << e.name << " (" << e.articles << ")";
        out << "\n";
    }
    // A run stopped by a signal records its summary too: it changed the index.
    const auto last = nlohmann::json::parse(last_run, nullptr, false);
    const bool stopped = last.is_object() && last.value("stopped", false);
    out << "last run:   "
        << (last.is_object()    ? run_words(last)
            : !last_run.empty() ? last_run
            : shards > 0        ? "- (a stub of shards: each shard has its own; --stats on each)"
                                : "-")
        << (stopped ? " (stopped by a signal before its end: what it wrote is kept, nothing was "
                      "pruned; the next run finishes the job)"
                    : "")
        << "\n";
    return out.str();
}

std::string IndexStats::to_json() const {
    nlohmann::json j = {{"path", path},
                        {"generation", generation},
                        {"documents", documents},
                        {"undated", undated},
                        {"first_date", first_date},
                        {"last_date", last_date},
                        {"schema_version", schema_version},
                        {"schema_path", schema_path},
                        {"program_schema_version", program_schema_version},
                        {"bytes", bytes},
                        {"shards", shards},
                        {"remote_shards", remote_shards}};
    j["languages"] = nlohmann::json::object();
    for (const auto& [lang, n] : languages) j["languages"][lang] = n;
    j["entities"] = nlohmann::json::object();
    for (const auto& t : entities) {
        auto top = nlohmann::json::array();
        for (const auto& e : t.top)
            top.push_back({{"id", e.id}, {"name", e.name}, {"count", e.articles}});
        j["entities"][t.type] = {{"distinct", t.distinct}, {"top", top}};
    }
    j["last_run"] = last_run.empty() ? nlohmann::json(nullptr)
                                     : nlohmann::json::parse(last_run, nullptr, false);
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace yalu
