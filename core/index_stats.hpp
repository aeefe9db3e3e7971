#pragma once
// IndexStats: what `yalu-index --stats` reports about a database.

#include <string>
#include <utility>
#include <vector>

namespace yalu {

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
    /// per entity type: distinct entities and the most frequent (name, articles)
    std::vector<std::pair<
        std::string, std::pair<unsigned long, std::vector<std::pair<std::string, unsigned long>>>>>
        entities;
    std::string last_run;             ///< JSON summary of the last writing run ("" if none)
    unsigned long shards = 0;         ///< databases a stub of shards combines (0: one database)
    unsigned long remote_shards = 0;  ///< of those, remote ones (not in `bytes`)

    /// Reads the stats of the database at `db_path`; throws NoIndexError / DatabaseError /
    /// ConfigError like the searcher.
    [[nodiscard]] static IndexStats collect(const std::string& db_path,
                                            const std::string& schema_dir);
    /// Human-readable report.
    [[nodiscard]] std::string to_text() const;
    /// One JSON object with every field.
    [[nodiscard]] std::string to_json() const;
};

}  // namespace yalu
