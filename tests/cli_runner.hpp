#pragma once
// CliRunner: runs the real yalu-index / yalu-search binaries for end-to-end tests.

#include <string>
#include <vector>

namespace yalu::test {

/// What a finished command produced.
struct CommandResult {
    int exit_code = -1;  ///< the process exit status (-1 if it did not exit normally)
    std::string out;     ///< standard output
    std::string err;     ///< standard error
};

/// Runs `command` through /bin/sh and captures its output and exit status.
[[nodiscard]] CommandResult run_command(const std::string& command);

/// Quotes one argument for /bin/sh.
[[nodiscard]] std::string shell_quote(const std::string& arg);

/// A fresh, empty folder for one test (removed again by the destructor).
class ScratchDir {
public:
    /// Creates a unique folder under the system temp dir, named after the running test.
    ScratchDir();
    /// Removes the folder and everything in it.
    ~ScratchDir();
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;
    /// The folder's path.
    [[nodiscard]] const std::string& path() const { return path_; }
    /// path() + "/" + name.
    [[nodiscard]] std::string operator/(const std::string& name) const {
        return path_ + "/" + name;
    }

private:
    std::string path_;
};

/// Path of the built yalu-index.
[[nodiscard]] std::string index_bin();
/// Path of the built yalu-search.
[[nodiscard]] std::string search_bin();
/// The source tree's root (corpus/, schemas/).
[[nodiscard]] std::string source_dir();
/// The schema version of the source tree's schemas/index.xml, as the index records it ("5").
[[nodiscard]] std::string schema_version();
/// The shared folder (../shared: seed/, corpus/), from $YALU_SHARED_DIR or the build setting.
[[nodiscard]] std::string shared_dir();
/// Whether the tools were built with AddressSanitizer (YALU_SANITIZE), whose own allocator and
/// shadow memory rule out an LD_PRELOAD allocator and a `ulimit -v`.
[[nodiscard]] bool address_sanitized();

/// Runs yalu-index with `args` (already quoted) on database `db`.
[[nodiscard]] CommandResult yalu_index(const std::string& db, const std::string& args);
/// Runs yalu-search with `args` (already quoted) on database `db`.
[[nodiscard]] CommandResult yalu_search(const std::string& db, const std::string& args);

/// The value of `key=N` in a yalu-index summary line, or -1.
[[nodiscard]] long summary_count(const std::string& output, const std::string& key);

}  // namespace yalu::test

namespace yalu::test {

/// An index of the whole shared corpus, kept in the build tree and brought up to date by
/// yalu-index itself (incremental, locked), so the tests that need it share one build even when
/// CTest runs them in parallel processes. Returns "" when ../shared is absent; `run` receives
/// the indexing run's result (a rebuild when the cached index has an older schema version).
[[nodiscard]] std::string shared_index(CommandResult* run = nullptr);

}  // namespace yalu::test
