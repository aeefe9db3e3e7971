#include "config_document.hpp"

#include "errors.hpp"
#include "file_hashes.hpp"

// XXH3 compiled here with the build's flags (as in gazetteer.cpp): the same hashes.
#define XXH_INLINE_ALL
#include <xxhash.h>

#include <algorithm>
#include <fstream>
#include <new>
#include <optional>
#include <sstream>
#include <utility>
#include <vector>

namespace yalu {

std::string ConfigDocument::read(const std::string& path, const std::string& what,
                                 const std::string& example) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw ConfigError(what + " " + path + ": cannot read the file; check the path (e.g. " +
                          example + ") and its permissions");
    // One read into a string of the file's size: streaming through a stringstream cost a
    // search process about 0.4 ms for the gazetteer, which it reads on every start.
    in.seekg(0, std::ios::end);
    const std::streamoff size = in.tellg();
    in.seekg(0, std::ios::beg);
    std::string bytes;
    if (size > 0) {
        bytes.resize(static_cast<std::size_t>(size));
        in.read(bytes.data(), size);
    }
    if (size < 0 || in.bad() || in.gcount() != std::max<std::streamoff>(size, 0))
        throw ConfigError(what + " " + path + ": read error; check the file and the disk");
    return bytes;
}

std::uint64_t ConfigDocument::hash_file(const std::string& path, const std::string& what,
                                        const std::string& example) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw ConfigError(what + " " + path + ": cannot read the file; check the path (e.g. " +
                          example + ") and its permissions");
    // Pieces of 64 KiB: the gazetteer (268 kB) is hashed on every search start, and a buffer
    // of its size cost a zero-fill and a page fault per 4 KiB.
    XXH3_state_t state;
    XXH3_64bits_reset(&state);
    std::vector<char> piece(std::size_t{1} << 16);
    while (in) {
        in.read(piece.data(), static_cast<std::streamsize>(piece.size()));
        XXH3_64bits_update(&state, piece.data(), static_cast<std::size_t>(in.gcount()));
    }
    if (in.bad())
        throw ConfigError(what + " " + path + ": read error; check the file and the disk");
    return XXH3_64bits_digest(&state);
}

ConfigDocument::ConfigDocument(std::string_view xml, std::string what, std::string source)
    : what_(std::move(what)), source_(std::move(source)), lines_(xml) {
    const auto result =
        doc_.load_buffer(xml.data(), xml.size(), pugi::parse_default, pugi::encoding_utf8);
    // pugixml reports memory that ran out rather than throw: no fault of the file.
    if (result.status == pugi::status_out_of_memory) throw std::bad_alloc();
    if (!result)
        fail(lines_.line_of(result.offset), std::string("XML error: ") + result.description(),
             "fix the markup at that line");
}

long ConfigDocument::line_of(const pugi::xml_node& node) const {
    return lines_.line_of(node.offset_debug());
}

void ConfigDocument::fail(long line, const std::string& problem, const std::string& fix) const {
    std::ostringstream msg;
    msg << what_ << " " << source_;
    if (line > 0) msg << " line " << line;
    msg << ": " << problem << "; " << fix;
    throw ConfigError(msg.str());
}

std::string ConfigDocument::trimmed(std::string_view text) {
    const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    while (!text.empty() && space(text.front())) text.remove_prefix(1);
    while (!text.empty() && space(text.back())) text.remove_suffix(1);
    return std::string(text);
}

std::string ConfigDocument::snapshot_stamp(std::string_view name, std::uint64_t xml_hash,
                                           int schema_version) {
    std::string stamp = "schema " + std::to_string(schema_version) + ", ";
    stamp.append(name).append(" xxh3 ").append(std::to_string(xml_hash));
    return stamp;
}

std::string ConfigDocument::source_stamp(std::string_view name, std::string_view xml,
                                         int schema_version) {
    return snapshot_stamp(name, XXH3_64bits(xml.data(), xml.size()), schema_version);
}

std::string ConfigDocument::file_stamp(const std::string& path, std::string_view name,
                                       const std::string& what, const std::string& example,
                                       int schema_version, const FileHashes* known) {
    const auto recorded = known ? known->hash_of(path) : std::nullopt;
    return snapshot_stamp(name, recorded ? *recorded : hash_file(path, what, example),
                          schema_version);
}

}  // namespace yalu
