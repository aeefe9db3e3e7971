#pragma once
// SourceReader: turns the command line's sources (files, folders, "-") into articles, picking
// the reader by file extension.

#include "article_sink.hpp"
#include "file_identity.hpp"
#include "reader_settings.hpp"

#include <csignal>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace yalu {

// Sources are .txt/.xml/.jsonl files (extension in any case), folders (walked recursively, sorted
// by path, hidden entries and other extensions skipped) and "-" (JSON Lines on standard input).
/// Reads the command line's sources with the reader their extension names.
class SourceReader {
public:
    /// Called before each file is read: its path, its 0-based index and the number of files.
    using FileCallback =
        std::function<void(const std::string& path, std::size_t index, std::size_t total)>;

    /// Whether the index holds article `id` as read from `file` (its stored path; see expand()).
    using KnownArticle = std::function<bool(const std::string& id, const std::string& file)>;
    /// A file reached under two names: {the name it is read as, the other name}.
    using OtherName = std::pair<std::string, std::string>;
    /// A file read_files() read: {its name, its identity when it was opened}.
    using OpenedFile = std::pair<std::string, FileIdentity>;

    /// Keeps the settings handed to each reader and an optional progress callback.
    explicit SourceReader(ReaderSettings settings = {}, FileCallback on_file = {});
    /// The files `sources` name, in reading order; InputError for a missing path, an
    /// unsupported named file, or any file, folder or link below that cannot be read. Files in
    /// the folders with other extensions (not hidden, not README/LICENSE/*.md) are added to
    /// `skipped` when given. A file reached twice (a folder and its subfolder, a symbolic or
    /// hard link) comes once, under one name chosen the same way every run, since a .txt
    /// file's id is its name and every article's stored path is the name it was read as: the
    /// name the index holds the file's first article under (`known`), else not a symbolic
    /// link when its target is reached too, else the first in reading order. Names of another
    /// file name than the one chosen are added to `other_names` when given, and the folders
    /// among `sources` holding no supported file (an unmounted archive) to `empty_folders`.
    [[nodiscard]] std::vector<std::string> expand(
        const std::vector<std::string>& sources, std::vector<std::string>* skipped = nullptr,
        std::vector<OtherName>* other_names = nullptr, const KnownArticle& known = {},
        std::vector<std::string>* empty_folders = nullptr) const;
    /// Validates all sources (expand()), then reads them in order; returns the number of files
    /// read.
    std::size_t read(const std::vector<std::string>& sources, ArticleSink& sink) const;
    /// Reads files already returned by expand(), in order; returns the number read. Each file
    /// opened is added to `opened` when given, for reject_changed().
    std::size_t read_files(const std::vector<std::string>& files, ArticleSink& sink,
                           std::vector<OpenedFile>* opened = nullptr) const;
    /// Rejects, without an id, each of `opened` that was written in place since read_files()
    /// opened it (the same file, now of another size or modification time): an export still
    /// writing it, or a copy over it, so what was read may lack records the file holds, and
    /// --prune would delete their articles. A file removed or replaced by a rename since was
    /// read whole, as it was, and is not rejected. A file that changed after `watch_after_ns`
    /// (for a run that prunes, the moment it began: FileIdentity::now_ns()) and less than
    /// FileIdentity::kSettle_ns ago (a writer may be between two writes) is first watched until
    /// it is that old, for at most that long in all, and less when `stop` is set meanwhile.
    static void reject_changed(const std::vector<OpenedFile>& opened, ArticleSink& sink,
                               std::int64_t watch_after_ns = INT64_MAX,
                               const volatile std::sig_atomic_t* stop = nullptr);
    /// True for names ending in .txt, .xml or .jsonl (case-insensitive).
    [[nodiscard]] static bool is_supported(const std::string& path);

private:
    /// Adds the supported files below `folder` (symlinked folders followed, each walked once).
    void walk(const std::string& folder, std::vector<std::string>& found,
              std::vector<std::string>* skipped) const;
    /// InputError unless `file` opens for reading.
    static void check_readable(const std::string& file);
    /// The id of the first article `file` yields, "" when none.
    [[nodiscard]] std::string first_id(const std::string& file) const;

    ReaderSettings settings_;
    FileCallback on_file_;
};

}  // namespace yalu
