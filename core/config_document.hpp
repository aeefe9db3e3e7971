#pragma once
// ConfigDocument: an XML configuration file (gazetteer, thesaurus) with lines and error format.

#include "line_index.hpp"

#include <pugixml.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace yalu {

class FileHashes;

/// One parsed XML configuration file and the error format its loaders share:
/// "<what> <source> line N: <problem>; <fix>", thrown as ConfigError.
class ConfigDocument {
public:
    /// The bytes of `path`; throws ConfigError naming `what` and the file, with `example` (the
    /// shipped file's path) in the fix, when it cannot be read.
    [[nodiscard]] static std::string read(const std::string& path, const std::string& what,
                                          const std::string& example);

    /// The XXH3 (64-bit) of the bytes of `path`, hashed as they are read in pieces (no copy of
    /// the whole file); the same ConfigError as read() when it cannot be read.
    [[nodiscard]] static std::uint64_t hash_file(const std::string& path, const std::string& what,
                                                 const std::string& example);

    /// The stamp a snapshot of the file called `name` (entities.xml) is valid for: the schema
    /// version and the XXH3 of the file's bytes.
    [[nodiscard]] static std::string snapshot_stamp(std::string_view name, std::uint64_t xml_hash,
                                                    int schema_version);
    /// snapshot_stamp() of the file called `name` whose bytes are `xml`.
    [[nodiscard]] static std::string source_stamp(std::string_view name, std::string_view xml,
                                                  int schema_version);
    /// snapshot_stamp() of the file at `path`, called `name`: with the hash `known` recorded
    /// for the file while its identity is unchanged (no read at all), else hash_file()'s
    /// (`what` and `example` as there).
    [[nodiscard]] static std::string file_stamp(const std::string& path, std::string_view name,
                                                const std::string& what, const std::string& example,
                                                int schema_version, const FileHashes* known);

    /// Parses `xml` (`source` names it in messages); throws ConfigError at an XML error.
    ConfigDocument(std::string_view xml, std::string what, std::string source);
    ConfigDocument(const ConfigDocument&) = delete;
    ConfigDocument& operator=(const ConfigDocument&) = delete;

    /// The root element.
    [[nodiscard]] pugi::xml_node root() const { return doc_.document_element(); }
    /// The 1-based line of `node`.
    [[nodiscard]] long line_of(const pugi::xml_node& node) const;
    /// Throws ConfigError with the file, `line` (0: none), `problem` and `fix`.
    [[noreturn]] void fail(long line, const std::string& problem, const std::string& fix) const;

    /// `text` without leading and trailing spaces, tabs and line breaks.
    [[nodiscard]] static std::string trimmed(std::string_view text);

private:
    std::string what_;
    std::string source_;
    LineIndex lines_;
    pugi::xml_document doc_;
};

}  // namespace yalu
