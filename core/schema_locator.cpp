#include "schema_locator.hpp"

#include "errors.hpp"

#include <cstdlib>
#include <filesystem>
#include <system_error>

#ifndef YALU_SOURCE_SCHEMA_DIR
#define YALU_SOURCE_SCHEMA_DIR ""
#endif

namespace yalu {

std::vector<std::string> SchemaLocator::candidates(const std::string& explicit_dir) {
    namespace fs = std::filesystem;
    if (!explicit_dir.empty()) return {explicit_dir};
    // A folder named in the environment is a choice too: with a typo in it, falling back to
    // the stock schemas would reindex with the wrong gazetteer and say nothing.
    if (const char* env = std::getenv("YALU_SCHEMA_DIR"); env && *env) return {env};
    std::vector<std::string> out;
    std::error_code ec;
    // After `cmake --install`, binaries sit in PREFIX/bin and schemas in PREFIX/share/yalu.
    const auto exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) out.push_back((exe.parent_path().parent_path() / "share" / "yalu").string());
    if (*YALU_SOURCE_SCHEMA_DIR) out.emplace_back(YALU_SOURCE_SCHEMA_DIR);
    return out;
}

std::string SchemaLocator::locate(const std::string& explicit_dir) {
    namespace fs = std::filesystem;
    std::string tried;
    for (const auto& dir : candidates(explicit_dir)) {
        std::error_code ec;
        if (fs::is_regular_file(fs::path(dir) / "index.xml", ec)) return dir;
        tried += "\n  " + dir;
    }
    throw ConfigError("cannot find the schema folder (index.xml); tried:" + tried +
                      "\nuse --schema-dir DIR or set YALU_SCHEMA_DIR");
}

}  // namespace yalu
