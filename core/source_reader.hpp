#pragma once
// SourceReader: turns the command line's sources (files, folders, "-") into articles, picking
// the reader by file extension.

#include "article_sink.hpp"
#include "reader_settings.hpp"

#include <cstddef>
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
    /// Reads files already returned by expand(), in order; returns the number read.
    std::size_t read_files(const std::vector<std::string>& files, ArticleSink& sink) const;
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
