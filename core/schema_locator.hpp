#pragma once
// SchemaLocator: finds the folder holding index.xml and entities.xml without flags.

#include <string>
#include <vector>

namespace yalu {

/// Finds the schema folder: an explicit choice or $YALU_SCHEMA_DIR (nothing else then), else
/// <exe>/../share/yalu (after install), then the source tree's schemas/ compiled in.
class SchemaLocator {
public:
    /// Returns the first candidate folder holding index.xml; throws ConfigError listing every
    /// place tried. `explicit_dir` (from --schema-dir), else $YALU_SCHEMA_DIR, is the only
    /// candidate when non-empty.
    [[nodiscard]] static std::string locate(const std::string& explicit_dir);

    /// The candidate folders in the order they are tried.
    [[nodiscard]] static std::vector<std::string> candidates(const std::string& explicit_dir);
};

}  // namespace yalu
