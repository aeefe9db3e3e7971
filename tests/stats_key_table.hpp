#pragma once
// StatsKeyTable: the keys of `yalu-index --stats --json` as the key table of docs/OPERATIONS.md
// lists them, so a test fails when the program prints a key the documentation does not name.

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace yalu::test {

/// One row of the table: a key path and the JSON types it may have.
struct StatsKey {
    std::string path;                ///< `entities.TYPE.top[].id`: a segment in capitals is any key
    std::vector<std::string> types;  ///< "string", "integer", "number", "boolean", "object" ...
};

/// The key table of a Markdown document: the first table after the heading that names
/// `--stats --json`, one row per key (`| \`path\` | type | meaning |`).
class StatsKeyTable {
public:
    /// Reads the table of the Markdown file `doc`; no rows when the file has none.
    explicit StatsKeyTable(const std::string& doc);

    /// The rows, in the document's order.
    [[nodiscard]] const std::vector<StatsKey>& keys() const { return keys_; }

    /// Each key of `report` (a --stats --json object) that no row lists with the type printed,
    /// as "path (type)": empty when the table documents everything printed.
    [[nodiscard]] std::vector<std::string> unlisted(const nlohmann::json& report) const;

private:
    void check(const nlohmann::json& value, const std::string& path,
               std::vector<std::string>& out) const;
    [[nodiscard]] const StatsKey* row_of(const std::string& path) const;

    std::vector<StatsKey> keys_;
};

}  // namespace yalu::test
