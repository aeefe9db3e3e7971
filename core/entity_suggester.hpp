#pragma once
// EntitySuggester: finds frequent capitalized names in an index that the gazetteer lacks.

#include <string>
#include <utility>
#include <vector>

namespace yalu {

/// What to look for.
struct SuggestSettings {
    std::string db_path;         ///< index to read
    std::string schema_dir;      ///< folder with index.xml and entities.xml ("" = locate)
    unsigned limit = 50;         ///< suggestions to return
    unsigned min_documents = 3;  ///< ignore names in fewer articles
};

/// Scans stored bodies for capitalized names that no gazetteer alias covers (NameTally),
/// counted by document frequency, so the gazetteer can grow from the archive itself.
class EntitySuggester {
public:
    /// (name, number of articles) pairs, most frequent first; throws NoIndexError when there
    /// is no index at `settings.db_path` or it holds no article.
    [[nodiscard]] static std::vector<std::pair<std::string, unsigned long>> suggest(
        const SuggestSettings& settings);
};

}  // namespace yalu
