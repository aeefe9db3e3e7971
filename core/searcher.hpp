#pragma once
// Searcher: opens an index (one database, or shards through a stub file) and answers requests.

#include "search_request.hpp"
#include "search_result.hpp"
#include "shown_article.hpp"

#include <memory>
#include <optional>
#include <string>

namespace yalu {

/// Where to search.
struct SearcherSettings {
    std::string db_path = "yalu.db";  ///< database folder or stub file (local or remote shards)
    std::string schema_dir;           ///< folder with index.xml/entities.xml ("" = locate)
    bool thesaurus = true;            ///< expand query terms with thesaurus.xml when present
};

/// Read-only access to an index. Throws NoIndexError when there is none, SchemaMismatchError
/// when it was built with another schema version, DatabaseError when it is no Yalu index or for
/// other Xapian failures.
class Searcher {
public:
    /// Opens the database and loads schema and gazetteer.
    explicit Searcher(const SearcherSettings& settings);
    /// Closes the database and releases what was loaded with it.
    ~Searcher();
    /// Takes over `other`'s open database and loaded files.
    Searcher(Searcher&& other) noexcept;
    /// Takes over `other`'s open database and loaded files, closing this one's.
    Searcher& operator=(Searcher&& other) noexcept;

    /// Runs one request; throws UsageError on bad query syntax or filters.
    [[nodiscard]] SearchResult search(const SearchRequest& request) const;

    /// The stored article with this id, or nullopt; of an id several shards hold, the copy of
    /// the first the stub lists, and those shards.
    [[nodiscard]] std::optional<ShownArticle> show(const std::string& id) const;

private:
    [[nodiscard]] SearchResult search_once(const SearchRequest& typed) const;

    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace yalu
