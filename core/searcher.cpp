#include "searcher.hpp"

#include "bonus_ranker.hpp"
#include "database_layout.hpp"
#include "date_decay_source.hpp"
#include "errors.hpp"
#include "entity_matcher.hpp"
#include "facet_counter.hpp"
#include "file_hashes.hpp"
#include "gazetteer.hpp"
#include "index_check.hpp"
#include "memo_stemmer.hpp"
#include "opening_snippet.hpp"
#include "query_builder.hpp"
#include "query_rewriter.hpp"
#include "rank_fusion.hpp"
#include "respeller.hpp"
#include "schema.hpp"
#include "schema_locator.hpp"
#include "snapshot_file.hpp"
#include "snippet_marker.hpp"
#include "story_folder.hpp"
#include "thesaurus.hpp"
#include "utf8.hpp"

#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <map>
#include <sstream>
#include <thread>
#include <unordered_set>

namespace yalu {

struct Searcher::State {
    std::string db_path;
    Schema schema;
    std::optional<Gazetteer> gazetteer;
    std::optional<Thesaurus> thesaurus;
    Xapian::Database db;
    bool single_local = false;             // one local database: BonusRanker may run
    bool remote = false;                   // a remote shard: no Yalu classes in the match
    std::unique_ptr<Respeller> respeller;  // against db and the names above, once loaded
};

namespace {

// `text` with each white space character QueryParser reads as a space (a tab, a line break, a
// no-break space, the ideographic space U+3000 ...) as ' ', the only one the query's stages
// cut at: a passage pasted with line breaks escaped the word limit, and "-a\t-b" or
// "title:\tx" read otherwise than with spaces.
std::string spaces_as_space(std::string_view text) {
    if (std::all_of(text.begin(), text.end(), [](char c) {
            const auto b = static_cast<unsigned char>(c);
            return b >= 0x20 && b < 0x80;
        }))
        return std::string(text);
    std::string out;
    out.reserve(text.size());
    for (std::size_t pos = 0; pos < text.size();) {
        const std::size_t start = pos;
        const char32_t c = utf8::next(text, pos);
        if (c != U' ' && Xapian::Unicode::is_whitespace(static_cast<unsigned>(c)))
            out += ' ';
        else
            out.append(text.substr(start, pos - start));  // invalid bytes too, as they were
    }
    return out;
}

// The best first-pass matches the phrase bonus reorders (BonusRanker); deeper results keep
// their match order, so paging stays consistent.
constexpr Xapian::doccount rescore_window = 100;
// --collapse reads this many times the results up to the page's end (at least the window):
// enough for a page whose stories each come in several versions.
constexpr Xapian::doccount collapse_depth = 3;

// `page` (the ranked order) with its best `rescore_window` reordered by RankFusion against
// the plain reading's best as many (BM25Weight's defaults, the request's filters): the plain
// reading's own order, without the match query as a filter, which cost +60% instructions.
std::vector<BonusRanker::Scored> blended(const Xapian::Database& db, const RankedQuery& ranked,
                                         const std::vector<BonusRanker::Scored>& page) {
    Xapian::Enquire enquire(db);
    enquire.set_query(ranked.blend);
    const Xapian::MSet plain = enquire.get_mset(0, rescore_window);
    return RankFusion({}).fuse(page, {plain.begin(), plain.end()}, rescore_window);
}

// The first pass of a page past the window: `window` (the pass a first page makes, so the best
// `rescore_window` are a first page's), then the others of `rest` (a pass weighing every match)
// in its order, `depth` documents in all.
std::vector<BonusRanker::Scored> window_then_rest(const Xapian::MSet& window,
                                                  const Xapian::MSet& rest,
                                                  Xapian::doccount depth) {
    std::vector<BonusRanker::Scored> out = BonusRanker::scored(window);
    std::unordered_set<Xapian::docid> shown;
    for (const auto& scored : out) shown.insert(scored.docid);
    for (auto it = rest.begin(); it != rest.end() && out.size() < depth; ++it)
        if (!shown.count(*it)) out.push_back({*it, it.get_weight()});
    return out;
}

// How many times a read that met a writer's commit is tried (Searcher::search, open_database).
constexpr int read_attempts = 5;

// True, after a short pause, when attempt `attempt` of a read that met a writer's commit may
// be followed by another.
bool again_after(int attempt) {
    if (attempt >= read_attempts) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10 * attempt));
    return true;
}

// The database at `layout`; `single_local` is layout.is_single_local().
Xapian::Database open_database(const DatabaseLayout& layout, bool single_local,
                               const Schema& schema) {
    const std::string& path = layout.path();
    // Before "no index": a path the user may not read exists (exit 5, not 3 "create one").
    if (const std::string denied = layout.read_permission_problem(); !denied.empty())
        throw DatabaseError("index unreadable: " + denied);
    if (layout.is_orphaned()) {
        // Xapian opens an empty stub as an uninitialised database that no Enquire accepts.
        if (layout.exists()) throw DatabaseError(layout.orphan_advice());
        throw NoIndexError("no index at '" + path + "': " + layout.orphan_advice());
    }
    std::error_code ec;
    if (layout.is_empty_stub()) throw DatabaseError(layout.empty_stub_advice());
    if (!std::filesystem::exists(path, ec))
        throw NoIndexError("no index at '" + path + "': create one with `yalu-index --db " + path +
                           " SOURCES...`, or pass --db / set YALU_DB");
    layout.check_stubs();  // Xapian would overflow its stack following it
    const IndexCheck check(layout, schema, "yalu-search");
    if (!single_local) check.check_lines();
    // A writer committing while the index is opened can leave the reader with blocks of a
    // revision it just discarded: Xapian says so (DatabaseModifiedError) or, a block already
    // reused, calls the index corrupt or reads a block number past the end of the file
    // (DatabaseError "EOF reading block", seen beside a --batch 2 run). Read again, all pass;
    // damage that stays is real.
    for (int attempt = 1;; ++attempt) {
        try {
            Xapian::Database db(path);
            if (single_local)
                check.check_version(db, "index '" + path + "'", path);
            else
                check.check_shards();
            return db;
        } catch (const Xapian::DatabaseNotFoundError& e) {
            check.check_shards_exist();  // a stub listing a shard that is gone: exit 5, named
            // A folder of other files; PATH.d, where PATH's generations live, is no place to
            // create an index: PATH is.
            if (layout.is_folder_without_database())
                throw NoIndexError("no index at '" + path + "': " +
                                   layout.folder_without_database_advice(
                                       "create one with yalu-index, or pass --db / set YALU_DB"));
            throw NoIndexError("no index at '" + path + "' (" + e.get_msg() +
                               "): create one with yalu-index, or pass --db / set YALU_DB");
        } catch (const Xapian::DatabaseOpeningError& e) {
            // Something is there, but not a database: "not a Yalu index" (exit 5, unreadable),
            // neither "none" (3) nor "another schema version" (4: rebuild, which would fail).
            throw DatabaseError("'" + path + "' is not a Yalu index (" + e.get_msg() +
                                "): give the stub file or folder yalu-index created, or build "
                                "one with yalu-index into a new --db");
        } catch (const Xapian::DatabaseError& e) {
            // Modified, corrupt or cut short (the opening errors are caught above).
            if (!again_after(attempt))
                throw IndexCheck::unreadable("cannot open index '" + path + "'", e, path);
        } catch (const Xapian::NetworkError& e) {
            // A remote shard that is down: named with the stub line that lists it, as a local
            // shard that is gone is (Xapian names only its address).
            if (!single_local) check.check_shards();
            throw IndexCheck::unreadable("cannot open index '" + path + "'", e, path);
        } catch (const Xapian::Error& e) {
            // A damaged index can fail here already (reading its metadata).
            throw IndexCheck::unreadable("cannot open index '" + path + "'", e, path);
        }
    }
}

Xapian::Enquire make_enquire(const Xapian::Database& db, const Xapian::Query& query, SortOrder sort,
                             unsigned date_slot, bool remote,
                             std::unique_ptr<Xapian::MultiValueKeyMaker>& keymaker) {
    Xapian::Enquire enquire(db);
    enquire.set_weighting_scheme(QueryRewriter::weighting());  // tuned BM25, docs/RELEVANCE.md
    enquire.set_query(query);
    if (sort != SortOrder::relevance && remote) {
        // xapian-tcpsrv cannot run a key maker; a plain value sort it can (undated articles,
        // which hold no date value, then come first with --sort oldest).
        enquire.set_sort_by_value_then_relevance(date_slot, sort == SortOrder::newest);
    } else if (sort != SortOrder::relevance) {
        // Undated articles sort last either way: give them a key beyond every real date.
        keymaker = std::make_unique<Xapian::MultiValueKeyMaker>();
        const bool newest = sort == SortOrder::newest;
        keymaker->add_value(date_slot, newest, newest ? "" : "99999999");
        enquire.set_sort_by_key_then_relevance(keymaker.get(), false);
    }
    return enquire;
}

// Adds an exponential date decay to the text score (docs/SEARCH.md, "Recency"):
//   score = text + top * 2^(-age / half_life)
// where `top` is the best text score of the query (so the blend scales with the query) and age
// counts days back from the newest article in the index (so an archive that stopped growing
// still ranks its own latest news first).
Xapian::Query with_recency(const Schema& schema, const Xapian::Database& db,
                           const Xapian::Query& query, const SearchRequest& request) {
    const unsigned slot = schema.slot("date");
    const std::string newest = db.get_value_upper_bound(slot);
    if (newest.size() != 8) return query;
    Xapian::Enquire first(db);
    first.set_weighting_scheme(QueryRewriter::weighting());
    first.set_query(query);
    const Xapian::MSet best = first.get_mset(0, 1);
    const double top = best.empty() ? 1.0 : std::max(best.begin().get_weight(), 1e-6);
    const Date ref{std::stoi(newest.substr(0, 4)), std::stoi(newest.substr(4, 2)),
                   std::stoi(newest.substr(6, 2))};
    auto* source =
        new DateDecaySource(slot, ref.days_since_epoch(), request.recency_half_life_days, top);
    return Xapian::Query(Xapian::Query::OP_AND_MAYBE, query, Xapian::Query(source->release()));
}

// `x` for --explain as people write it: 0.8, 1.05, 5 (std::to_string gave 0.800000).
std::string number(double x) {
    std::ostringstream out;
    out << x;
    return out.str();
}

// The days a histogram covers at least: the request's --from/--to/--since range within the
// dates the index holds (--from 1900 adds no empty century); open when there is no histogram.
DateRange histogram_span(const Xapian::Database& db, const Schema& schema,
                         const SearchRequest& request) {
    DateRange span;
    if (!request.histogram || (!request.dates.from && !request.dates.to)) return span;
    const unsigned slot = schema.slot("date");
    const std::string lo = db.get_value_lower_bound(slot);
    const std::string hi = db.get_value_upper_bound(slot);
    if (lo.size() != 8 || hi.size() != 8) return span;
    const auto date_of = [](const std::string& v) {
        return Date{std::stoi(v.substr(0, 4)), std::stoi(v.substr(4, 2)),
                    std::stoi(v.substr(6, 2))};
    };
    if (request.dates.from) span.from = std::max(*request.dates.from, date_of(lo));
    if (request.dates.to) span.to = std::min(*request.dates.to, date_of(hi));
    return span;
}

// One version of each story (StoryFolder) of `ranked` (best first, from the first result),
// cut at the request's offset and limit; their stored data into `stored`, and into `folded`
// how many versions were left out up to the page's end.
std::vector<BonusRanker::Scored> fold_versions(const Xapian::Database& db,
                                               const std::vector<BonusRanker::Scored>& ranked,
                                               const SearchRequest& request,
                                               std::vector<StoredArticle>& stored,
                                               unsigned& folded) {
    StoryFolder folder;
    std::vector<BonusRanker::Scored> page;
    unsigned stories = 0;
    for (const auto& scored : ranked) {
        if (page.size() == request.limit) break;
        StoredArticle article = StoredArticle::from_json(db.get_document(scored.docid).get_data());
        if (folder.repeats(article)) {
            ++folded;
        } else if (stories++ >= request.offset) {
            page.push_back(scored);
            stored.push_back(std::move(article));
        }
    }
    return page;
}

// Xapian's snippet length counts bytes: `chars` characters of `body` in bytes at the body's
// own rate (three a Hangul syllable), so a Korean snippet is as long as an English one.
std::size_t snippet_bytes(std::string_view body, unsigned chars) {
    const std::size_t length = utf8::length(body);
    if (length == 0 || length == body.size()) return chars;
    return static_cast<std::size_t>(static_cast<double>(chars) * static_cast<double>(body.size()) /
                                    static_cast<double>(length));
}

// The query of the MSet whose snippet() marks what a page's snippets should: the words as typed
// (RankedQuery::snippet), filtered by the page's articles, for a second pass that asks for no
// document (its term weights are all snippet() reads). The match query's Hangul particle
// phrases and alias phrases made Xapian mark stray syllables and "of", or nothing at all. An
// empty query when there is no snippet query (the match's MSet marks then).
Xapian::Query snippet_query(const Schema& schema, const RankedQuery& ranked,
                            const std::vector<StoredArticle>& page) {
    if (ranked.snippet.empty() || page.empty()) return {};
    std::vector<Xapian::Query> ids;
    for (const auto& a : page) ids.emplace_back(schema.field("id").prefix + a.id);
    return Xapian::Query(Xapian::Query::OP_FILTER, ranked.snippet,
                         Xapian::Query(Xapian::Query::OP_OR, ids.begin(), ids.end()));
}

// The MSet of snippet_query() `marking`.
Xapian::MSet snippet_source(const Xapian::Database& db, const Xapian::Query& marking) {
    Xapian::Enquire enquire(db);
    enquire.set_weighting_scheme(QueryRewriter::weighting());
    enquire.set_query(marking);
    // snippet() reads only the pass's query and term weights, which Xapian sets as it opens
    // the terms' posting lists, before any document is matched: no document is asked for.
    return enquire.get_mset(0, 0);
}

// `T` (Gazetteer, Thesaurus) at `path`: from the index's snapshot under metadata `key` when the
// index was built from this very file (parsing the XML is most of a search process's
// start-up), else parsed. The snapshot's file in the database's folder `folder` ("" when there
// is none: a single-file database) first, mapped; then the metadata, which an index written
// before the files existed, or one whose file is damaged, still holds.
template <class T>
T load_snapshotted(const std::string& path, const std::string& key, const Schema& schema,
                   const Xapian::Database& db, const std::string& folder, const FileHashes* known,
                   bool single_local) {
    // A remote shard would send the snapshot over the network: slower than parsing.
    if (single_local) {
        // The file is only hashed (read in pieces) unless no snapshot fits it, and once, and
        // not at all while it is the file the index run hashed (`known`); an unreadable file
        // fails here as it would in the parse.
        std::optional<std::string> stamp;
        const auto stamp_of_file = [&]() -> const std::string& {
            if (!stamp) stamp = T::file_stamp(path, schema.version(), known);
            return *stamp;
        };
        const std::string& metadata_key = schema.metadata_key(key);
        if (!folder.empty()) {
            if (auto bytes = SnapshotFile::read(folder, metadata_key)) {
                if (auto loaded = T::from_snapshot(std::move(*bytes), stamp_of_file()))
                    return std::move(*loaded);
            }
        }
        std::string bytes;
        try {
            bytes = db.get_metadata(metadata_key);
        } catch (const Xapian::Error&) {
            // An unreadable snapshot is no reason to fail: the XML says the same.
        }
        if (!bytes.empty()) {
            if (auto loaded = T::from_snapshot(std::move(bytes), stamp_of_file()))
                return std::move(*loaded);
        }
    }
    return T::load(path);
}

}  // namespace

Searcher::Searcher(const SearcherSettings& settings) {
    const std::string dir = SchemaLocator::locate(settings.schema_dir);
    auto schema = Schema::load(dir + "/index.xml");
    // "yalu.db/" names the stub file yalu.db, as for yalu-index.
    const DatabaseLayout layout(settings.db_path);
    const bool single_local = layout.is_single_local();
    auto db = open_database(layout, single_local, schema);
    state_ = std::make_unique<State>(State{layout.path(), std::move(schema), std::nullopt,
                                           std::nullopt, db, single_local,
                                           !single_local && layout.has_remote(), nullptr});
    // A rebuild published since the database was opened names a newer folder here: a snapshot
    // depends on its XML file alone, never on the articles, so its stamp decides all the same.
    const std::string folder = single_local ? layout.local_database_folder() : std::string();
    // The hashes the index run took of the schema files, by their identity then.
    std::optional<FileHashes> known;
    if (!folder.empty())
        if (const auto bytes = SnapshotFile::read(folder, FileHashes::kFileKey))
            known = FileHashes::from_bytes(bytes->view());
    const FileHashes* hashes = known ? &*known : nullptr;
    if (std::filesystem::exists(dir + "/entities.xml")) {
        state_->gazetteer.emplace(load_snapshotted<Gazetteer>(dir + "/entities.xml", "gazetteer",
                                                              state_->schema, state_->db, folder,
                                                              hashes, state_->single_local));
        // A misspelt id would silently never match: the preference would be off unnoticed.
        const auto& home = state_->schema.home();
        for (const auto& id : home.entity_ids) {
            if (!state_->gazetteer->find(id))
                throw ConfigError(state_->schema.path() + ":" + std::to_string(home.line) +
                                  ": <home> names entity '" + id + "', which " + dir +
                                  "/entities.xml lacks (fix the id, or add the entity)");
        }
    }
    if (settings.thesaurus) {
        // A schema folder that lost its thesaurus would otherwise search with fewer terms
        // and never say so.
        if (!std::filesystem::exists(dir + "/thesaurus.xml"))
            throw ConfigError(dir +
                              "/thesaurus.xml is missing: restore it from the release's "
                              "schemas/, or search with --no-thesaurus");
        state_->thesaurus.emplace(load_snapshotted<Thesaurus>(dir + "/thesaurus.xml", "thesaurus",
                                                              state_->schema, state_->db, folder,
                                                              hashes, state_->single_local));
    }
    const auto& stemmer = state_->schema.stemmer();
    state_->respeller = std::make_unique<Respeller>(
        state_->db, stemmer == "none" ? Xapian::Stem() : Xapian::Stem(stemmer),
        state_->gazetteer ? &*state_->gazetteer : nullptr,
        state_->thesaurus ? &*state_->thesaurus : nullptr);
}

Searcher::~Searcher() = default;
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;

SearchResult Searcher::search(const SearchRequest& request) const {
    // A writer committing twice while we read invalidates our revision
    // (DatabaseModifiedError), or hands its blocks to a new one, which can read as corrupt or
    // as a missing document: catch up with the newest revision and try again. An error where
    // no newer revision exists (reopen() finds none) is the index's own.
    const std::string& path = state_->db_path;
    for (int attempt = 1;; ++attempt) {
        try {
            return search_once(request);
        } catch (const Xapian::DatabaseModifiedError&) {
            if (!again_after(attempt))
                throw DatabaseError("index '" + path + "' kept changing during the search; retry");
            // Pause first, then reopen: reopened before the pause, the next attempt read a
            // revision the writer had already left behind (62 of 300 searches beside a
            // --batch 1 run failed so).
            try {
                state_->db.reopen();
            } catch (const Xapian::Error&) {
                // Reopening met the writer too: the next attempt reads again.
            }
        } catch (const Xapian::Error& e) {
            bool moved = false;
            try {
                moved = state_->db.reopen();
            } catch (const Xapian::Error&) {
                moved = true;  // reopening met the writer too: read it again
            }
            if (!moved || !again_after(attempt))
                throw IndexCheck::unreadable("search in '" + path + "' failed", e, path);
        }
    }
}

SearchResult Searcher::search_once(const SearchRequest& typed) const {
    const auto& s = *state_;
    const Gazetteer* gazetteer = s.gazetteer ? &*s.gazetteer : nullptr;
    // The index holds the entity ids, but only the gazetteer names and types them: without it
    // the facets would come back empty, a wrong answer that looks like a right one.
    if (typed.facets && !gazetteer)
        throw UsageError("--facets needs the gazetteer (entities.xml) in the schema folder " +
                         std::filesystem::path(s.schema.path()).parent_path().string() +
                         ": restore it from the release's schemas/, or search without --facets");
    SearchResult result;
    result.query = typed.query;
    result.offset = typed.offset;
    result.count_only = typed.limit == 0;
    // Another romanization of a name no article writes (Geomdeok) is searched as the archive
    // writes it (Komdok) before names are looked for, so the name's other spellings come too.
    SearchRequest request = typed;
    // Text pasted decomposed (NFD, as macOS copies it: Hangul jamo, and Latin letters with
    // combining marks, P'yŏngyang's o + U+0306) and words holding a zero-width space or a soft
    // hyphen (pasted from a web page) are searched as the indexer stored them: NFC, without
    // those marks; and any white space (tabs, line breaks) is a space.
    const auto as_indexed = [](const std::string& text) {
        return spaces_as_space(utf8::drop_zero_width(utf8::nfc(text)));
    };
    // Text in another encoding (a --queries file Korean Windows saved as CP949, a Latin-1
    // terminal) would be searched as U+FFFD, which no article holds: "No matches", or for
    // Korean an "empty query".
    const auto require_utf8 = [](const std::string& text, const std::string& what) {
        // Only a --queries line can hold one (an argument cannot), and it would end the
        // message quoting it.
        if (text.find('\0') != std::string::npos)
            throw UsageError(what +
                             " holds a NUL byte, which no text holds: is the --queries file "
                             "UTF-16 without a byte-order mark (iconv -f UTF-16LE -t UTF-8), or "
                             "no text file at all?");
        if (!utf8::is_valid(text))
            throw UsageError(what + " '" + utf8::escape_invalid(text) +
                             "' is not UTF-8, so it would find nothing: EUC-KR/CP949 (legacy "
                             "Korean) or Latin-1? type it in a UTF-8 terminal, or convert a "
                             "--queries file with iconv -f CP949 -t UTF-8 (another encoding: "
                             "iconv -f ITS-NAME -t UTF-8)");
    };
    require_utf8(typed.query, "the query");
    for (const auto& f : typed.filters) require_utf8(f, "the filter");
    for (const auto& e : typed.entities) require_utf8(e, "--entity");
    request.query = as_indexed(typed.query);
    for (auto& f : request.filters) f = as_indexed(f);
    for (auto& e : request.entities) e = as_indexed(e);
    // Xapian errors go up to search(), which reads again when a writer moved the index.
    request.query = s.respeller->respell(request.query, result.respelled);
    // A matcher of the query's own words: the whole gazetteer's trie cost ~0.8 ms and a
    // third of a search process's page faults, for the few names one query can hold.
    std::optional<EntityMatcher> names;
    if (gazetteer) {
        // Every text the builder matches names in: the query and the filter clauses, as
        // typed and with fullwidth forms folded (QueryBuilder folds them).
        std::string texts = request.query;
        for (const auto& f : request.filters) texts += "\n" + f;
        names.emplace(*gazetteer, texts + "\n" + utf8::fold_width(texts));
    }
    QueryBuilder builder(s.schema, s.db, names ? &*names : nullptr,
                         s.thesaurus ? &*s.thesaurus : nullptr);
    const RankedQuery ranked = builder.build(request);
    Xapian::Query query = ranked.combined();
    if (request.recency_half_life_days > 0) {
        if (s.remote)
            throw UsageError("--recency cannot run on remote shards ('" + s.db_path +
                             "' lists one; xapian-tcpsrv cannot run its date decay): "
                             "use --sort newest, or local shards");
        if (ranked.browse) {
            // A browse has no text score to blend: the decay alone would order it newest
            // first with scores of 1e-6 and below (the query's best text score is 0). Newest
            // first it is, as a date order: every score stays a browse's 0, undated last.
            request.sort = SortOrder::newest;
            request.recency_half_life_days = 0;
        } else {
            query = with_recency(s.schema, s.db, query, request);
        }
    }
    // Described only when asked: a long query's description alone cost 0.1M instructions.
    if (request.explain) result.description = query.get_description();
    // The phrase bonus and the score factors reorder the first pass's best `rescore_window`
    // matches (BonusRanker: the bonus 5-30x faster than Xapian scoring it over every match;
    // a factor no query can express). On shards and remote databases Xapian scores the
    // bonus in the first pass and only the factors are applied after it. A date sort or a
    // recency blend keeps the one-pass order. Latin-script words then have that order fused
    // with plain Xapian's (RankFusion, measured in docs/RELEVANCE.md).
    const bool window =
        (!ranked.bonus.empty() || !ranked.factors.empty() || !ranked.blend.empty()) &&
        request.sort == SortOrder::relevance && request.recency_half_life_days <= 0;
    const bool rescore = window && s.single_local;
    // --explain lists the factors only where they apply (relevance order, no recency).
    for (const auto& f : ranked.factors) {
        if (!window || !request.explain) break;
        result.description += "\n" + f.name + ": score x " + number(f.factor) + " among the best " +
                              std::to_string(rescore_window) + " for " +
                              (f.about.empty() ? f.docs.get_description() : f.about);
    }
    if (request.explain && window && !ranked.blend.empty()) {
        const RankFusion::Settings fusion;
        result.description += "\nblend: the best " + std::to_string(rescore_window) +
                              " by rank fusion, weight " + number(fusion.weight) + " and k " +
                              number(fusion.k) + ", with plain BM25 on " +
                              ranked.blend.get_description();
    }
    std::unique_ptr<Xapian::MultiValueKeyMaker> keymaker;
    const Xapian::Query& first_query = rescore ? ranked.match : query;
    Xapian::Enquire enquire =
        make_enquire(s.db, first_query, request.sort, s.schema.slot("date"), s.remote, keymaker);
    // Facets and histograms count the whole matching set: one built-in spy over the
    // facets slot (date + entity ids) gives both, and works across remote shards.
    const bool counting = request.facets || request.histogram.has_value();
    Xapian::ValueCountMatchSpy spy(s.schema.slot("facets"));
    // Over a remote shard with a value sort, Xapian 1.4 merges the spies' counts wrongly
    // (some documents counted twice, varying with the page size): count in a pass of its
    // own, in relevance order, there.
    const bool separate_count = counting && s.remote && request.sort != SortOrder::relevance;
    if (counting && !separate_count) enquire.add_matchspy(&spy);
    // check_at_least = every document makes the total exact, at the cost of visiting
    // every match; a count with no page (--limit 0) is asked for that number alone. A
    // browse visits boolean posting lists only, and Xapian's estimate of an AND of them
    // can be as low as the page's end (--source 연합뉴스: "about 10" of 3216), which
    // would end a script paging until the total.
    // Over shards, Xapian 1.4.22's matcher, pruning by the page's lowest score, dropped some
    // of a later shard's article's text score under the date decay's posting source: --recency
    // scores (and order) depended on the page asked for (pages listed articles twice and others
    // never). Counting every match leaves nothing to prune, as --exact does.
    const bool unpruned = request.recency_half_life_days > 0 && !s.single_local;
    const bool exact =
        request.exact_total || counting || result.count_only || ranked.browse || unpruned;
    const Xapian::doccount check = exact ? s.db.get_doccount() : 0;
    // Counted in 64 bits and capped at the most Xapian counts: --offset and --limit each go up
    // to 10^9, and --collapse's three times their sum wrapped round 32 bits (-n 1431655766
    // read the window alone, 100 documents).
    const auto capped = [](std::uint64_t n) {
        return static_cast<Xapian::doccount>(
            std::min<std::uint64_t>(n, std::numeric_limits<Xapian::doccount>::max()));
    };
    const Xapian::doccount wanted = capped(std::uint64_t{request.offset} + request.limit);
    // --collapse reads deeper: each version it folds makes room for a result after it.
    const Xapian::doccount depth =
        request.collapse ? capped(std::max<std::uint64_t>(rescore_window,
                                                          std::uint64_t{collapse_depth} * wanted))
                         : wanted;
    const bool from_start = window || request.collapse;
    // A page past the window (not counting every match): the window from the pass a first page
    // makes, the rest from a pass that weighs every match. Xapian 1.4.22, skipping matches that
    // cannot reach the page's lowest score, misses some (an OP_SYNONYM over more than terms, a
    // name's Hangul alias's phrase, bounds their scores wrongly), so the best 100 of a pass for
    // 110 results were not those of a pass for 100: pages listed an article twice around the
    // 100th and another never. A pass counting every match (--exact, --facets) skips none.
    const bool past_window = window && depth > rescore_window && check == 0;
    std::optional<Xapian::MSet> rest;  // past the window: every match weighed
    Xapian::MSet mset;
    if (past_window) {
        mset = enquire.get_mset(0, rescore_window);
        rest = enquire.get_mset(0, depth, s.db.get_doccount());
    } else {
        mset = from_start
                   ? enquire.get_mset(0, window ? std::max(rescore_window, depth) : depth, check)
                   : enquire.get_mset(request.offset, request.limit, check);
    }
    if (separate_count) {
        Xapian::Enquire counter(s.db);
        counter.set_query(query);
        counter.add_matchspy(&spy);
        (void)counter.get_mset(0, 0, check);
    }
    const Xapian::MSet& counted = rest ? *rest : mset;
    result.total = counted.get_matches_estimated();
    // Exact also when Xapian's bounds meet (a small match set is counted in full anyway).
    result.exact = exact || rest.has_value() ||
                   counted.get_matches_lower_bound() == counted.get_matches_upper_bound();
    std::vector<BonusRanker::Scored> page;
    if (window) {
        const auto weighting = QueryRewriter::weighting();
        const BonusRanker ranker(s.db, weighting);
        auto first = rest ? window_then_rest(mset, *rest, depth) : BonusRanker::scored(mset);
        page = rescore ? ranker.rank(ranked, std::move(first), rescore_window)
                       : ranker.rank_factors(ranked, std::move(first), rescore_window);
        if (!ranked.blend.empty()) page = blended(s.db, ranked, page);
    } else {
        for (auto it = mset.begin(); it != mset.end(); ++it) page.push_back({*it, it.get_weight()});
    }
    std::vector<StoredArticle> stored_page;
    if (request.collapse) {
        page = fold_versions(s.db, page, request, stored_page, result.folded.emplace(0));
    } else {
        if (from_start) {
            page.erase(page.begin(),
                       page.begin() + std::min<std::ptrdiff_t>(request.offset, std::ssize(page)));
            if (page.size() > request.limit) page.resize(request.limit);
        }
        for (const auto& scored : page)
            stored_page.push_back(
                StoredArticle::from_json(s.db.get_document(scored.docid).get_data()));
    }
    if (counting) {
        std::map<std::string, unsigned long> counts;
        for (auto v = spy.values_begin(); v != spy.values_end(); ++v) counts[*v] = v.get_termfreq();
        FacetCounter(gazetteer, {request.facets, request.facet_limit, request.histogram,
                                 histogram_span(s.db, s.schema, request)})
            .aggregate(counts, result);
    }
    const Xapian::Query marking =
        request.snippet_chars > 0 ? snippet_query(s.schema, ranked, stored_page) : Xapian::Query();
    const Xapian::MSet snippet_mset = marking.empty() ? mset : snippet_source(s.db, marking);
    const SnippetMarker marker(ranked.marked_words, "<b>", "</b>");  // mends every snippet
    // Xapian stems every word a snippet reads; the page's articles share most of them.
    const Xapian::Stem snippet_stemmer =
        MemoStemmer::wrap(builder.stemmer(), marking.empty() ? first_query : marking);
    unsigned rank = request.offset;
    for (std::size_t i = 0; i < page.size(); ++i) {
        const StoredArticle& stored = stored_page[i];
        Hit hit;
        hit.rank = ++rank;
        hit.id = stored.id;
        hit.score = page[i].score;
        hit.date = stored.date;
        hit.title = stored.title;
        hit.source = stored.source;
        hit.url = stored.url;
        hit.byline = stored.byline;
        if (request.snippet_chars > 0 && ranked.browse)
            // No word to match: Xapian's snippet showed the article's last lines.
            hit.snippet = opening_snippet(stored.body, request.snippet_chars);
        else if (request.snippet_chars > 0)
            hit.snippet = marker.mark(snippet_mset.snippet(
                stored.body, snippet_bytes(stored.body, request.snippet_chars), snippet_stemmer,
                // Not SNIPPET_EXHAUSTIVE: on long KCNA bodies it cost ~2 ms per hit for
                // no visible gain. Not SNIPPET_BACKGROUND_MODEL: its look-ups of every
                // word's frequency cost 0.7-1.4 ms per query, and in Korean it chose
                // passages without any query word (김정은 현지지도 showed none).
                Xapian::MSet::SNIPPET_CJK_NGRAM, "<b>", "</b>", "…"));
        for (const auto& id : stored.entities) {
            const auto e = gazetteer ? gazetteer->label(id) : std::nullopt;
            hit.entities.push_back(
                e ? HitEntity{id, std::string(to_string(e->type)), std::string(e->name)}
                  : HitEntity{id, "", id});
        }
        result.hits.push_back(std::move(hit));
    }
    return result;
}

std::optional<ShownArticle> Searcher::show(const std::string& id) const {
    const auto& s = *state_;
    try {
        const std::string term = s.schema.field("id").prefix + id;
        const auto it = s.db.postlist_begin(term);
        if (it == s.db.postlist_end(term)) return std::nullopt;
        ShownArticle shown{StoredArticle::from_json(s.db.get_document(*it).get_data()), {}};
        if (s.single_local || s.db.get_termfreq(term) < 2) return shown;
        // Shards holding one id: the combined database's first posting is no particular
        // shard's, so the copy shown is that of the first line holding it, and the caller
        // says so, naming the lines as the operator wrote them (a line may be a stub itself).
        for (const StubEntry& shard : DatabaseLayout(s.db_path).stub_entries()) {
            const Xapian::Database one = IndexCheck::open_shard(shard);
            const auto at = one.postlist_begin(term);
            if (at == one.postlist_end(term)) continue;
            if (shown.shards.empty())
                shown.article = StoredArticle::from_json(one.get_document(*at).get_data());
            shown.shards.push_back(shard.kind == "remote" ? "remote " + shard.target
                                                          : shard.target);
        }
        return shown;
    } catch (const Xapian::Error& e) {
        throw IndexCheck::unreadable("reading '" + id + "' from '" + s.db_path + "' failed", e,
                                     s.db_path);
    }
}

}  // namespace yalu
