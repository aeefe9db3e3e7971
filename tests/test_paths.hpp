#pragma once
// Where unit tests find the source tree and the shared real corpus.

#include <cstdlib>
#include <filesystem>

namespace yalu::test {

/// The repository root (the build defines YALU_SOURCE_DIR; else two levels above this file).
inline std::filesystem::path source_root() {
#ifdef YALU_SOURCE_DIR
    return std::filesystem::path(YALU_SOURCE_DIR);
#else
    return std::filesystem::path(__FILE__).parent_path().parent_path();
#endif
}

/// The shared folder (seed/, corpus/): $YALU_SHARED_DIR, else ../shared beside the repository.
inline std::filesystem::path shared_root() {
    const char* env = std::getenv("YALU_SHARED_DIR");
    if (env != nullptr && *env != '\0') return env;
#ifdef YALU_DEFAULT_SHARED_DIR
    return YALU_DEFAULT_SHARED_DIR;
#else
    return source_root().parent_path() / "shared";
#endif
}

}  // namespace yalu::test
