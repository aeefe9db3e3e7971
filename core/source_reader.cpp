#include "source_reader.hpp"

#include "article_file.hpp"
#include "errors.hpp"
#include "jsonl_reader.hpp"
#include "plain_text_reader.hpp"
#include "special_file_kind.hpp"
#include "xml_reader.hpp"

#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cctype>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <system_error>
#include <thread>
#include <tuple>

namespace yalu {
namespace fs = std::filesystem;
namespace {

std::string lower_extension(const std::string& path) {
    std::string ext = fs::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext;
}

bool is_hidden(const fs::path& p) {
    const std::string name = p.filename().string();
    return name.size() > 1 && name[0] == '.' && name != "..";
}

// A folder's own notes (README.md, LICENSE): never articles, not worth a warning.
bool is_documentation(const fs::path& p) {
    const std::string name = p.filename().string();
    return lower_extension(name) == ".md" || name.rfind("README", 0) == 0 ||
           name.rfind("LICENSE", 0) == 0;
}

// Standard input read through poll(), so that a SIGTERM/SIGINT stops a run waiting on an idle
// pipe or terminal: std::cin's read() is restarted after the handler (SA_RESTART) and waited
// on until the producer wrote a line, so `systemctl stop` and Ctrl-C did nothing meanwhile.
class StdinBuffer : public std::streambuf {
public:
    explicit StdinBuffer(const volatile std::sig_atomic_t* stop) : stop_(stop) {}

protected:
    int_type underflow() override {
        if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
        for (;;) {
            // Thrown through JsonlReader (it reads the buffer directly), so a line cut short
            // by the signal is neither indexed nor rejected.
            if (stop_ && *stop_) throw InterruptedError(*stop_, "the run was cut short");
            pollfd ready{STDIN_FILENO, POLLIN, 0};
            const int n = ::poll(&ready, 1, 100);
            if (n < 0 && errno != EINTR) return traits_type::eof();
            if (n <= 0) continue;  // no input yet, or a signal: ask again
            const ssize_t got = ::read(STDIN_FILENO, buffer_, sizeof buffer_);
            if (got < 0 && (errno == EINTR || errno == EAGAIN)) continue;
            if (got <= 0) return traits_type::eof();
            setg(buffer_, buffer_, buffer_ + got);
            return traits_type::to_int_type(*gptr());
        }
    }

private:
    const volatile std::sig_atomic_t* stop_;
    char buffer_[1 << 16];
};

// The three readers, each chosen by a file's extension (expand() admits only theirs).
struct Readers {
    explicit Readers(const ReaderSettings& settings)
        : plain(settings), xml(settings), jsonl(settings) {}

    [[nodiscard]] const ArticleReader& for_file(const std::string& file) const {
        const std::string ext = lower_extension(file);
        return ext == ".txt"   ? static_cast<const ArticleReader&>(plain)
               : ext == ".xml" ? static_cast<const ArticleReader&>(xml)
                               : static_cast<const ArticleReader&>(jsonl);
    }

    PlainTextReader plain;
    XmlReader xml;
    JsonlReader jsonl;
};

// Keeps the first article's id and ends the read there (by throwing FirstId::Found): one
// record tells which name the index read a file under, however large the file.
class FirstId : public ArticleSink {
public:
    struct Found {};
    void accept(Article&& article) override {
        id = std::move(article.id);
        throw Found{};
    }
    void reject(const Rejection&) override {}
    void warn(const SourceLocation&, const std::string&) override {}
    std::string id;
};

}  // namespace

SourceReader::SourceReader(ReaderSettings settings, FileCallback on_file)
    : settings_(settings), on_file_(std::move(on_file)) {}

bool SourceReader::is_supported(const std::string& path) {
    const std::string ext = lower_extension(path);
    return ext == ".txt" || ext == ".xml" || ext == ".jsonl";
}

std::vector<std::string> SourceReader::expand(const std::vector<std::string>& sources,
                                              std::vector<std::string>* skipped,
                                              std::vector<OtherName>* other_names,
                                              const KnownArticle& known,
                                              std::vector<std::string>* empty_folders) const {
    std::vector<std::string> files;
    bool stdin_seen = false;
    for (const std::string& source : sources) {
        if (source == "-") {
            if (stdin_seen) throw UsageError("'-' (standard input) named twice; name it once");
            stdin_seen = true;
            files.push_back(source);
            continue;
        }
        std::error_code ec;
        const fs::file_status status = fs::status(source, ec);
        if (ec || !fs::exists(status)) {
            throw InputError("input '" + source +
                             "' does not exist; check the path (nothing was read)");
        }
        if (fs::is_directory(status)) {
            std::vector<std::string> found;
            walk(source, found, skipped);
            if (found.empty() && empty_folders) empty_folders->push_back(source);
            // Directory order is file-system dependent; sorting keeps runs and ids reproducible.
            std::sort(found.begin(), found.end());
            files.insert(files.end(), found.begin(), found.end());
            continue;
        }
        if (!is_supported(source)) {
            throw InputError(
                "input '" + source +
                "' has an unsupported extension; use .txt, .xml or .jsonl (nothing was read)");
        }
        if (const std::string kind = special_file_kind(status.type()); !kind.empty()) {
            throw InputError("input '" + source + "' is " + kind +
                             ", not a regular file: only files are read (pipe JSON Lines in as "
                             "standard input instead: producer | yalu-index -); nothing was read");
        }
        check_readable(source);
        files.push_back(source);
    }
    // A file named twice (a folder and its subfolder, a link or a hard link to it) is read
    // once: read twice, its articles would count as updated every night. Which name matters for
    // a .txt file (and an XML file without an id), whose id is its name: the first name in
    // sorted order made a new link's name the id, and --prune then deleted the original.
    std::map<std::pair<dev_t, ino_t>, std::vector<std::size_t>> names;  // positions in `files`
    for (std::size_t i = 0; i < files.size(); ++i) {
        struct stat st {};
        if (files[i] != "-" && ::stat(files[i].c_str(), &st) == 0)
            names[{st.st_dev, st.st_ino}].push_back(i);
    }
    std::vector<bool> dropped(files.size(), false);
    for (const auto& [inode, positions] : names) {
        if (positions.size() < 2) continue;
        const auto rank = [&](std::size_t i) {
            std::error_code ec;
            const bool link = fs::is_symlink(files[i], ec);
            // The indexed name first: a link the index knows the articles by (read so before
            // its target joined the sources, or by an older Yalu), or the original of a new
            // hard link whose name sorts first, must not rename a .txt file's article, nor
            // change the stored path (and so the hash) of every article a .jsonl file holds.
            const bool indexed = known && [&] {
                const std::string id = first_id(files[i]);
                return !id.empty() && known(id, files[i]);
            }();
            return std::tuple(!indexed, link, i);
        };
        std::size_t chosen = positions.front();
        auto best = rank(chosen);  // ranked once each: rank() reads the file system and index
        for (auto it = std::next(positions.begin()); it != positions.end(); ++it) {
            const std::size_t i = *it;
            if (auto r = rank(i); r < best) {
                best = r;
                chosen = i;
            }
        }
        for (const std::size_t i : positions) {
            if (i == chosen) continue;
            dropped[i] = true;
            // A folder reached twice gives the same name again: nothing to say.
            if (other_names && fs::path(files[i]).filename() != fs::path(files[chosen]).filename())
                other_names->emplace_back(files[chosen], files[i]);
        }
    }
    std::vector<std::string> once;
    for (std::size_t i = 0; i < files.size(); ++i)
        if (!dropped[i]) once.push_back(std::move(files[i]));
    return once;
}

void SourceReader::walk(const std::string& folder, std::vector<std::string>& found,
                        std::vector<std::string>* skipped) const {
    // Every folder below is read, symlinked ones too (an archive may link a year on another
    // disk); one that cannot be read stops the run before anything is written, since skipping
    // it would look like its articles had vanished (and --prune would delete them).
    std::vector<fs::path> pending{folder};
    std::set<fs::path> visited;  // canonical paths, so a symlink loop is walked once
    while (!pending.empty()) {
        const fs::path dir = pending.back();
        pending.pop_back();
        std::error_code ec;
        const fs::path real = fs::canonical(dir, ec);
        if (ec)
            throw InputError("cannot read folder '" + dir.string() + "': " + ec.message() +
                             " (nothing was read)");
        if (!visited.insert(real).second) continue;
        fs::directory_iterator it(dir, ec);
        if (ec)
            throw InputError("cannot read folder '" + dir.string() + "': " + ec.message() +
                             "; check its permissions (nothing was read)");
        for (; it != fs::directory_iterator(); it.increment(ec)) {
            if (ec)
                throw InputError("cannot read folder '" + dir.string() + "': " + ec.message() +
                                 "; check its permissions (nothing was read)");
            const fs::path& path = it->path();
            // Hidden files and folders (.git, editor swap files) are never articles.
            if (is_hidden(path)) continue;
            const fs::file_status status = fs::status(path, ec);  // follows symlinks
            if (ec || !fs::exists(status)) {
                throw InputError("'" + path.string() + "' is a broken link or cannot be read: " +
                                 (ec ? ec.message() : std::string("target missing")) +
                                 " (fix or remove it; nothing was read)");
            }
            if (fs::is_directory(status)) {
                pending.push_back(path);
            } else if (const std::string kind = special_file_kind(status.type());
                       !kind.empty() && is_supported(path.string())) {
                // Skipped, its articles would look as if they had left the archive (--prune
                // deleted them); opened, it could wait forever.
                throw InputError(ArticleFile::not_regular_file(path.string(), kind) +
                                 " (nothing was read)");
            } else if (fs::is_regular_file(status) && is_supported(path.string())) {
                check_readable(path.string());
                found.push_back(path.string());
            } else if (fs::is_regular_file(status) && skipped && !is_documentation(path)) {
                skipped->push_back(path.string());
            }
        }
    }
}

void SourceReader::check_readable(const std::string& file) {
    // Checked before the run writes anything: exit 66 then means "nothing was written".
    try {
        const ArticleFile opened(file);
    } catch (const InputError& e) {
        throw InputError(e.what() + std::string(" (nothing was read)"));
    }
}

std::size_t SourceReader::read(const std::vector<std::string>& sources, ArticleSink& sink) const {
    return read_files(expand(sources, nullptr), sink);
}

std::size_t SourceReader::read_files(const std::vector<std::string>& files, ArticleSink& sink,
                                     std::vector<OpenedFile>* opened_files) const {
    const Readers readers(settings_);
    std::size_t index = 0;
    for (const std::string& file : files) {
        if (on_file_) on_file_(file, index, files.size());
        ++index;
        if (file == "-") {
            StdinBuffer buffer(settings_.stop_signal);
            std::istream in(&buffer);
            readers.jsonl.read(in, file, sink);
            continue;
        }
        std::optional<ArticleFile> opened;
        try {
            opened.emplace(file);
        } catch (const InputError& e) {
            // expand() found it a readable file: it vanished, changed permissions or was
            // replaced (by a named pipe, which is never waited on) since. One bad file, like
            // one bad record, must not stop the rest; rejected without an id, since it could
            // hold any article, it keeps --prune from deleting its articles.
            sink.reject({{file, 0},
                         "",
                         e.what() + std::string(" (it changed during the run: removed, made "
                                                "unreadable or replaced; nothing of it was read "
                                                "and it is read again next run)")});
            continue;
        }
        if (opened_files)
            if (const auto identity = opened->identity())
                opened_files->emplace_back(file, *identity);
        readers.for_file(file).read(opened->stream(), file, sink);
    }
    return index;
}

void SourceReader::reject_changed(const std::vector<OpenedFile>& opened, ArticleSink& sink,
                                  std::int64_t watch_after_ns,
                                  const volatile std::sig_atomic_t* stop) {
    // The file read, now: nullopt when it is gone or another file was renamed over its name
    // (the file read was then read whole, as it was).
    const auto same_file = [](const std::string& file, const FileIdentity& then) {
        auto now = FileIdentity::of(file);
        if (now && (now->device != then.device || now->inode != then.inode)) now.reset();
        return now;
    };
    // Size and modification time only: a hard link made to it (a backup's snapshot) or a chmod
    // changes its ctime, and leaves what was read whole.
    const auto changed = [](const FileIdentity& now, const FileIdentity& then) {
        return now.size != then.size || now.mtime_ns != then.mtime_ns;
    };
    // An export between two writes when the run read the file (its last line whole) would
    // pass unnoticed by a short run: a file written since the run began is watched until it
    // settles. A file written before (`export && yalu-index --prune`) is not waited for, nor
    // one whose time is in the future (touched so, or a file server's clock ahead of ours).
    const std::int64_t deadline = FileIdentity::now_ns() + FileIdentity::kSettle_ns;
    while (!(stop && *stop) && FileIdentity::now_ns() < deadline) {
        const std::int64_t now_ns = FileIdentity::now_ns();
        const bool unsettled = std::any_of(opened.begin(), opened.end(), [&](const auto& read) {
            const auto now = same_file(read.first, read.second);
            return now && !changed(*now, read.second) && now->mtime_ns > watch_after_ns &&
                   now->mtime_ns <= now_ns && !now->settled(now_ns);
        });
        if (!unsettled) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    for (const auto& [file, then] : opened) {
        const auto now = same_file(file, then);
        if (!now || !changed(*now, then)) continue;
        sink.reject({{file, 0},
                     "",
                     "the file changed while this run read it (written in place: an export still "
                     "running, or a copy over the file): what was read of it is indexed, but it "
                     "may lack records the file holds, so no article is pruned this run; run "
                     "again once the writer has finished (the file is read again), and have the "
                     "exporter write another name and rename it into place"});
    }
}

std::string SourceReader::first_id(const std::string& file) const {
    FirstId sink;
    try {
        ArticleFile opened(file);
        Readers(settings_).for_file(file).read(opened.stream(), file, sink);
    } catch (const FirstId::Found&) {
    } catch (const InputError&) {
        // No longer a readable file: no id, and read_files() says why.
    }
    return sink.id;
}

}  // namespace yalu
