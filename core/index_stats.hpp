#pragma once
// IndexStats: what `yalu-index --stats` reports about a database.

#include <string>
#include <utility>
#include <vector>

namespace yalu {

/// One of the most frequent entities of a type.
struct TopEntity {
    std::string id;              ///< gazetteer id, as `--entity` and the facets name it
    std::string name;            ///< display name (the id when the gazetteer lacks it)
    unsigned long articles = 0;  ///< articles that mention it
};

/// The entities of one type found in the index.
struct EntityTypeStats {
    std::string type;            ///< "person", "org" or "place"
    unsigned long distinct = 0;  ///< distinct entities of the type
    std::vector<TopEntity> top;  ///< the five most frequent, most first
};

/// A summary of one index, read without writing.
struct IndexStats {
    std::string path;                ///< database path as given
    std::string generation;          ///< live generation folder ("" for a plain folder)
    unsigned long documents = 0;     ///< number of articles
    unsigned long undated = 0;       ///< articles without a date
    std::string first_date;          ///< earliest date "YYYY-MM-DD" ("" if none)
    std::string last_date;           ///< latest date
    int schema_version = 0;          ///< version recorded in the index
    std::string schema_path;         ///< the schema file this program loaded
    int program_schema_version = 0;  ///< the version of that file, which this program writes
    unsigned long long bytes = 0;    ///< size on disk of the live database files
    std::vector<std::pair<std::string, unsigned long>> languages;  ///< lang -> articles
    std::vector<EntityTypeStats> entities;  ///< per entity type: distinct and the most frequent
    std::string last_run;                   ///< JSON summary of the last writing run ("" if none)
    unsigned long shards = 0;         ///< databases a stub of shards combines (0: one database)
    unsigned long remote_shards = 0;  ///< of those, remote ones (not in `bytes`)

    /// Reads the stats of the database at `db_path`; throws NoIndexError / DatabaseError (also
    /// for a database that is no Yalu index) / ConfigError like the searcher.
    [[nodiscard]] static IndexStats collect(const std::string& db_path,
                                            const std::string& schema_dir);
    /// Human-readable report.
    [[nodiscard]] std::string to_text() const;
    /// One JSON object with every field.
    [[nodiscard]] std::string to_json() const;
};

}  // namespace yalu
