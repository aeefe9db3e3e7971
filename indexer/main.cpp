// yalu-index: parses options into IndexSettings, runs the core Indexer, maps the outcome to an
// exit code a cron wrapper can act on (sysexits.h values; see --help).

#include "entity_suggester.hpp"
#include "database_layout.hpp"
#include "errors.hpp"
#include "index_stats.hpp"
#include "indexer.hpp"
#include "option_value.hpp"
#include "special_file_kind.hpp"
#include "version_line.hpp"

#include <boost/program_options.hpp>
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <csignal>
#include <exception>
#include <filesystem>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <new>
#include <optional>
#include <tuple>
#include <vector>

namespace po = boost::program_options;

namespace {

enum Exit : int {
    kOk = 0,
    kUsage = 64,        // EX_USAGE: bad option or argument
    kDataErr = 65,      // EX_DATAERR: some input was rejected (the rest is indexed)
    kNoInput = 66,      // EX_NOINPUT: a source file or folder is missing
    kSoftware = 70,     // EX_SOFTWARE: internal error (a bug: please report)
    kOsErr = 71,        // EX_OSERR: out of memory (no bug: committed batches kept, rerun)
    kUnavailable = 69,  // EX_UNAVAILABLE: no lock to be had there (a file system without locks)
    kCantCreat = 73,    // EX_CANTCREAT: the database cannot be created or written
    kIoErr = 74,        // EX_IOERR: a clean run's output (summary, --stats) could not be written
    kTempFail = 75,     // EX_TEMPFAIL: locked by another writer, or stopped by a signal: rerun
    kConfig = 78,  // EX_CONFIG: schema, gazetteer or thesaurus missing, broken, or another version
};

constexpr const char* kExitHelp = R"(Exit codes:
  0   every article indexed
  64  usage error (bad option or value; a source that is the run's own --rejects list, or
      a --rejects list that is a file of the database; --rebuild on a plain Xapian folder)
  65  some input was rejected (reported on stderr and in --rejects; an empty pipe as - is
      one, and so is a file written in place while the run read it: an export still
      running, --prune then skipped); the rest is indexed
  66  a source file or folder does not exist, cannot be read or has an unsupported
      extension, or an article file is no regular file (a named pipe, a device);
      --prune or --rebuild given sources holding no article; --stats or
      --suggest-entities with no index at --db (nothing there, or an empty folder);
      --suggest-entities of an index holding no article (nothing to suggest from)
  69  the database's file system gives no lock (ENOLCK: NFS without its lock service,
      lockd) or refused it otherwise, held by no other run: no rerun mends it; put the
      database on a local disk (nothing was written)
  70  internal error (a bug: please report it with the command line)
  71  out of memory outside a single record (Xapian's writes, the merge of parts): what
      was committed is kept; free memory and rerun, or lower --batch (a record that memory
      cannot read or analyse is rejected instead: 65)
  73  the database cannot be created or written (path, permissions, disk space, a file
      system mounted read-only), or is
      not a Yalu database (--stats and --suggest-entities too; a stub naming no database;
      a named pipe or a device)
      or a stub of shards (index each with its own --db);
      the --rejects file cannot be written (it names a folder, a named pipe or a device
      such as /dev/stderr: the list replaces a regular file); a generation or
      PATH.lock this user cannot write (another user's --rebuild or run); a lost stub: PATH missing or empty
      while PATH.d holds generations (the message names the line that restores it);
      a stub that leads back to itself, or with a line Xapian reads otherwise than written
      (a CR LF line end, a space after the path, a remote line without a port: the message
      names the line and the fix); --stats of a stub two of whose lines reach one database
      (counts would be doubled), or with a local shard missing, empty or of another kind
      than its line says (chert naming a glass database), or a remote one down
  74  the run indexed everything (or --stats/--suggest-entities read the index), but its
      output could not be written to standard output (a full log disk); a reader that
      closed its pipe early is no error
  75  the database is locked by another yalu-index (retry later, or use --wait; also one
      writing it under another name: its generation folder, another stub), or the run
      was stopped by SIGTERM/SIGINT/SIGHUP (committed batches kept, nothing pruned: rerun it); a
      signal during the final merge of parts comes too late: the run finishes and says so
  78  schema, gazetteer or thesaurus missing or broken, or the index has another schema version
      (--stats too, for a shard of a stub: searches refuse the stub)
)";

// Prints what the core reports: rejections and warnings on stderr, a progress line on a
// terminal, rejections as JSON lines in the --rejects file.
class ConsoleObserver : public yalu::IndexObserver {
public:
    ConsoleObserver(bool quiet, bool progress, std::ostream* rejects)
        : quiet_(quiet), progress_(progress), rejects_(rejects) {}

    void on_reject(const yalu::Rejection& r) override {
        clear_progress();
        std::cerr << "yalu-index: rejected " << where(r.location) << ": " << record(r) << r.reason
                  << "\n";
        if (rejects_) {
            // Ordered: the keys come out as --help and docs/OPERATIONS.md list them.
            const nlohmann::ordered_json j = {{"path", r.location.path},
                                              {"line", r.location.line},
                                              {"id", r.id},
                                              {"reason", r.reason}};
            errno = 0;
            *rejects_ << j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace)
                      << "\n";
            if (!*rejects_ && rejects_write_error_ == 0) rejects_write_error_ = errno;
        }
    }

    void on_warning(const yalu::SourceLocation& location, const std::string& message) override {
        if (quiet_) return;
        clear_progress();
        std::cerr << "yalu-index: warning " << where(location) << ": " << message << "\n";
    }

    void on_notice(const std::string& message) override {
        // Printed even with --quiet: the nightly command runs quiet, and these change what the
        // index holds.
        clear_progress();
        std::cerr << "yalu-index: warning: " << message << "\n";
    }

    void on_stage(const std::string& message) override {
        // Not only on a terminal: a log shows where a long run spent its time.
        if (quiet_) return;
        clear_progress();
        std::cerr << "yalu-index: " << message << "\n";
    }

    void on_progress(const yalu::IndexProgress& p) override {
        if (!progress_) return;
        const double rate = p.seconds > 0 ? p.articles / p.seconds : 0;
        const double fraction =
            p.bytes_total > 0 ? static_cast<double>(p.bytes_done) / p.bytes_total : 0;
        std::string eta = "?";
        if (fraction > 0.01) {
            const long left = static_cast<long>(p.seconds * (1 - fraction) / fraction);
            eta = std::to_string(left / 60) + "m" + std::to_string(left % 60) + "s";
        }
        const int filled = static_cast<int>(fraction * 30);
        std::fprintf(stderr, "\r[%-30s] %ld articles  %.0f/s  file %ld/%ld  ETA %s ",
                     std::string(static_cast<std::size_t>(filled), '#').c_str(), p.articles, rate,
                     p.files_done + 1, p.files_total, eta.c_str());
        shown_ = true;
    }

    void clear_progress() {
        if (shown_) std::fprintf(stderr, "\r%80s\r", "");
        shown_ = false;
    }

    // Why a write to the --rejects list first failed (errno then), 0 while none has: the failing
    // write is long over when the list is settled, and errno with it.
    int rejects_write_error() const { return rejects_write_error_; }

private:
    static std::string where(const yalu::SourceLocation& l) {
        return l.line > 0 ? l.path + ":" + std::to_string(l.line) : l.path;
    }
    // "record 'ID': " where the file does not name the record: a JSON Lines line or an article
    // of an <articles> file (as --rejects has it); not a .txt file's, whose id is its name.
    static std::string record(const yalu::Rejection& r) {
        if (r.id.empty() || r.id == std::filesystem::path(r.location.path).stem().string())
            return {};
        return "record '" + r.id + "': ";
    }
    bool quiet_;
    bool progress_;
    std::ostream* rejects_;
    bool shown_ = false;
    int rejects_write_error_ = 0;
};

// The signal that asked the run to stop (0: none). A second one ends the process at once
// (SA_RESETHAND), as before.
volatile std::sig_atomic_t stop_signal = 0;

extern "C" void ask_to_stop(int signal) {
    stop_signal = signal;
}

// SIGTERM (systemctl stop, TimeoutStartSec, kill), SIGINT (Ctrl-C) and SIGHUP (the ssh
// session of a run by hand dropped) stop the run cleanly at the next article instead of
// killing it: the lock released, the --rejects list's temporary file removed, a half-built
// rebuild generation deleted, a message, exit 75.
// SIGPIPE and SIGXFSZ are ignored, so that neither kills a run half-way without a word: a
// reader that closed its pipe (`yalu-index ... 2>&1 | head`) only loses the rest of the output
// (the run goes on and finishes), and a file-size limit (ulimit -f) fails the write that
// reaches it, which ends the run as a full disk does (exit 73, saying so).
void stop_cleanly_on_signals() {
    struct sigaction action {};
    action.sa_handler = ask_to_stop;
    sigemptyset(&action.sa_mask);
    // SA_RESTART: a write of Xapian's interrupted by the signal is carried on, not failed.
    action.sa_flags = SA_RESTART | SA_RESETHAND;
    for (const int signal : {SIGTERM, SIGINT, SIGHUP}) ::sigaction(signal, &action, nullptr);
    struct sigaction ignore {};
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    for (const int signal : {SIGPIPE, SIGXFSZ}) ::sigaction(signal, &ignore, nullptr);
}

// What the terminate handler needs of the run: set once, before the run starts.
std::string terminate_db_path;
std::string terminate_rejects_tmp;

// std::terminate ends the run with an exit code a wrapper acts on, never SIGABRT (exit 134,
// "terminate called after throwing an instance of 'Xapian::DatabaseError'", no file named):
// Xapian 1.4 lets a commit's error escape a noexcept frame when the disk is full (a block write
// fails, then the write its clean-up makes). Like a kill, it keeps every committed batch; the
// --rejects list's temporary file is removed (the previous list stays), a rebuild's unpublished
// generation is removed by the next run. Anything else reaching std::terminate is a bug: 70.
[[noreturn]] void end_run_on_terminate() {
    const std::string error = yalu::Indexer::escaped_database_error(terminate_db_path);
    const std::string line =
        "yalu-index: " +
        (error.empty() ? std::string("internal error: std::terminate was called (please report "
                                     "this with the command line)")
                       : error) +
        "\n";
    std::fflush(stdout);
    const ssize_t written = ::write(STDERR_FILENO, line.data(), line.size());
    (void)written;
    if (!terminate_rejects_tmp.empty()) ::unlink(terminate_rejects_tmp.c_str());
    ::_exit(error.empty() ? kSoftware : kCantCreat);
}

}  // namespace

// Removes FILE.tmp.PID lists left by runs that were killed (their process is gone), so a
// crashed night does not leave one behind for ever.
static void remove_orphaned_lists(const std::string& rejects_path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path file(rejects_path);
    const fs::path folder = file.has_parent_path() ? file.parent_path() : fs::path(".");
    const std::string prefix = file.filename().string() + ".tmp.";
    for (const auto& entry : fs::directory_iterator(folder, ec)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind(prefix, 0) != 0) continue;
        const std::string pid = name.substr(prefix.size());
        if (pid.empty() || pid.size() > 9 ||
            pid.find_first_not_of("0123456789") != std::string::npos)
            continue;
        if (::kill(static_cast<pid_t>(std::stol(pid)), 0) != 0 && errno == ESRCH)
            fs::remove(entry.path(), ec);
    }
}

// The file a --rejects path names: a symbolic link followed to its end (a relative target from
// the link's folder), so the list replaces the file the link points at, not the link.
static std::string link_target(const std::string& path) {
    namespace fs = std::filesystem;
    fs::path file(path);
    std::error_code ec;
    for (int hops = 0; hops < 40 && fs::is_symlink(file, ec); ++hops) {
        const fs::path target = fs::read_symlink(file, ec);
        if (ec) break;
        file = target.is_absolute() ? target : file.parent_path() / target;
    }
    return file.string();
}

// Out of memory where no single record was to blame (Xapian's write path, the merge of parts,
// --stats): said as what it is, never as a bug, with what became of the work and what to do
// (`then`). A record that memory could not read or analyse was rejected instead (exit 65), by
// the core.
static int out_of_memory(const char* what, const char* then) {
    std::cerr << "yalu-index: out of memory: " << what
              << " stopped before its end (no bug: the machine, container or unit gave it no "
                 "more); "
              << then << "\n";
    return kOsErr;
}

// Standard output flushed: a clean run (exit 0) whose summary line, --stats or
// --suggest-entities output could not be written whole (a full log disk) exits 74, said on
// stderr, so that cron or systemd sees it. A reader that closed its pipe early (EPIPE) is no
// failure: the run only lost its output (SIGPIPE is ignored for that). Other codes stay.
static int checked_output(int code) {
    errno = 0;
    std::cout.flush();
    if (std::fflush(stdout) == 0 && !std::ferror(stdout) && std::cout) return code;
    const int error = errno;
    if (code != kOk || error == EPIPE) return code;
    std::cerr << "yalu-index: cannot write to standard output"
              << (error != 0 ? std::string(": ") + std::strerror(error) : std::string())
              << " (a full disk under the log?): the output is incomplete; free the space (what "
                 "the run wrote to the index is kept)\n";
    return kIoErr;
}

// Whether `value` of `option` is a number from `least` to `most`; says on stderr why not.
static bool in_range(long long value, const char* option, long long least, long long most) {
    if (value >= least && value <= most) return true;
    std::cerr << "yalu-index: " << option << " must be a number from " << least << " to " << most
              << ", not " << value << "\n";
    return false;
}

// The run: options, indexing or --stats, output; its exit code before the output is checked.
static int run(int argc, char** argv) {
    yalu::IndexSettings settings;
    std::string rejects_path;
    bool quiet = false;
    // Read signed and checked: program_options turns "-1" into 4294967295 for an unsigned.
    long long batch = settings.batch_size;
    long long part_size = settings.part_size;
    double wait = 0;
    long long max_record_mb = static_cast<long long>(settings.reader.max_record_bytes >> 20);
    po::options_description opts(
        "Usage: yalu-index [options] SOURCE...\n\n"
        "Index news articles into a Yalu (Xapian) database. A SOURCE is a file or a folder (read\n"
        "recursively; format by extension: .txt plain-text articles, .xml per\n"
        "schemas/article.xsd, .jsonl JSON Lines), or - for JSON Lines on standard input.\n"
        "Runs are incremental: new articles are added, changed ones replaced (content hash),\n"
        "unchanged ones skipped without writing.\n\nOptions");
    opts.add_options()("help,h", "show this help and exit")(
        "version", "print the version of yalu-index and of the Xapian library, and exit")(
        "db,d", po::value(&settings.db_path)->default_value(yalu::DatabaseLayout::default_path()),
        "database to create or update (default: $YALU_DB, else ./yalu.db)")(
        "schema-dir", po::value(&settings.schema_dir),
        "folder holding index.xml, entities.xml and thesaurus.xml (default: $YALU_SCHEMA_DIR "
        "when set and not empty, nothing else then; else PREFIX/share/yalu beside the installed "
        "program, else the source tree's schemas/)")(
        "batch", po::value(&batch)->default_value(batch),
        "commit every N written documents, 1..100000000 (a crash keeps every committed "
        "batch)")(
        "part-size", po::value(&part_size)->default_value(part_size),
        "after N new articles written into the index, write the run's other new articles into "
        "scratch parts of N and merge them into a new generation at the end (a large run writes "
        "far less to disk and its index is compacted; the merge needs free disk for the index "
        "again), 0..100000000, 0: never")(
        "prune", po::bool_switch(&settings.prune),
        "delete indexed articles that no longer appear in the given sources (not those of "
        "rejected records; none at all when a rejected record's id cannot be read, such as a "
        "bad JSON line or a file written during the run, or the sources hold no article)")(
        "rebuild", po::bool_switch(&settings.rebuild),
        "build a fresh index of the sources beside the live one and swap it in atomically "
        "(keeping, as --prune does, the articles of rejected records)")(
        "wait", po::value(&wait)->default_value(0),
        "seconds to wait for another writer's lock before giving up (exit 75), 0..604800")(
        "max-record-mb", po::value(&max_record_mb)->default_value(max_record_mb),
        "largest record accepted, in MiB, 1..4096: a JSON Lines line, a .txt file, an XML "
        "article (larger ones are rejected; an .xml file may be 16 times as large)")(
        "require-date", po::bool_switch(&settings.reader.require_date),
        "reject articles without a usable date (default: index them undated, with a warning)")(
        "no-entities", "skip entity extraction (no person/org/place facets)")(
        "rejects", po::value(&rejects_path),
        "also write every rejected record to FILE as JSON lines {path, line, id, reason}; "
        "FILE (a link's target) is replaced whole at the end of each run")(
        "quiet,q", po::bool_switch(&quiet),
        "no per-record warnings and no progress; errors, rejections, run-level warnings and the "
        "summary only")(
        "stats", "print documents, date range, entities, size and the last run of --db, then exit")(
        "json", "with --stats: print one JSON object")(
        "suggest-entities", po::value<long long>()->implicit_value(50),
        "list the N (default 50; 1..100000) most frequent capitalized names in --db that the "
        "gazetteer lacks");
    po::options_description hidden;
    hidden.add_options()("source", po::value(&settings.sources));
    po::positional_options_description positional;
    positional.add("source", -1);
    po::options_description all;
    all.add(opts).add(hidden);

    po::variables_map vm;
    try {
        // Options spelt in full only: program_options' default style took any prefix of one
        // (--pru for --prune), so a typo or a future option's name silently meant another.
        po::store(po::command_line_parser(argc, argv)
                      .options(all)
                      .positional(positional)
                      .style(po::command_line_style::default_style &
                             ~po::command_line_style::allow_guessing)
                      .run(),
                  vm);
        po::notify(vm);
    } catch (const po::unknown_option& e) {
        const std::string name = e.get_option_name();
        std::vector<std::string> names;
        for (const auto& option : opts.options()) names.push_back(option->long_name());
        std::cerr << "yalu-index: " << e.what() << yalu::option_suggestion(name, names)
                  << " (see yalu-index --help)";
        // A source named with a leading dash (an export's "-2024.jsonl") reads as an option.
        if (std::error_code ec; std::filesystem::exists(name, ec))
            std::cerr << "; '" << name
                      << "' is a file: a source whose name starts with - goes after --: "
                         "yalu-index [options] -- "
                      << name;
        std::cerr << "\n";
        return kUsage;
    } catch (const po::error& e) {
        std::cerr << "yalu-index: " << e.what() << " (see yalu-index --help)\n";
        return kUsage;
    }
    if (vm.count("help")) {
        std::cout
            << opts << "\n"
            << kExitHelp
            << "\nThe last line on stdout of a run that indexes (exit 0 or 65; also 75 when a "
               "signal\n"
               "stopped an incremental run, and 73 when its --rejects list could not be "
               "written)\nis:\n"
               "  yalu-index: added=N updated=N deleted=N unchanged=N rejected=N seconds=S\n"
               "(seconds: without a --wait for the lock). The --rejects list and the database\n"
               "are never read as sources, even inside a source folder.\n"
               "\nExamples:\n"
               "  yalu-index corpus/                      index a folder into ./yalu.db\n"
               "  yalu-index --db /srv/yalu.db --prune archive/   nightly: update, drop vanished\n"
               "  zcat dump.jsonl.gz | yalu-index -          JSON Lines from a pipe\n";
        return kOk;
    }
    if (vm.count("version")) {
        std::cout << yalu::version_line("yalu-index") << "\n";
        return kOk;
    }
    if (!in_range(batch, "--batch", 1, 100000000)) return kUsage;
    settings.batch_size = static_cast<unsigned>(batch);
    if (!in_range(part_size, "--part-size", 0, 100000000)) return kUsage;
    settings.part_size = static_cast<unsigned>(part_size);
    // !(wait >= 0) also refuses nan, which would wait forever.
    if (!(wait >= 0) || wait > 7 * 24 * 3600.0) {
        std::cerr << "yalu-index: --wait must be seconds from 0 to 604800, not " << wait << "\n";
        return kUsage;
    }
    settings.wait_seconds = wait;
    if (!in_range(max_record_mb, "--max-record-mb", 1, 4096)) return kUsage;
    settings.reader.max_record_bytes = static_cast<std::size_t>(max_record_mb) << 20;
    settings.entities = !vm.count("no-entities");
    // An empty value (a script's unset variable: --rejects "$LIST") is no option left out:
    // the run wrote no list and said nothing, looked for the schemas elsewhere, or (--stats)
    // found no index at ''.
    try {
        for (const auto& [option, value, takes, unset] :
             {std::tuple<const char*, const std::string&, const char*, const char*>{
                  "db", settings.db_path, "the database's path", "$YALU_DB, else ./yalu.db"},
              {"rejects", rejects_path, "the file to write the rejected records to", "no list"},
              {"schema-dir", settings.schema_dir, "a folder holding index.xml",
               "$YALU_SCHEMA_DIR, else the installed schemas"}})
            if (vm.count(option) && !vm[option].defaulted())
                yalu::require_value("--" + std::string(option), value, takes, unset);
    } catch (const yalu::UsageError& e) {
        std::cerr << "yalu-index: " << e.what() << "\n";
        return kUsage;
    }
    if (vm.count("json") && !vm.count("stats")) {
        std::cerr << "yalu-index: --json goes with --stats (see yalu-index --help)\n";
        return kUsage;
    }
    if (vm.count("stats") || vm.count("suggest-entities")) {
        const char* what = vm.count("stats") ? "--stats" : "--suggest-entities";
        if (!settings.sources.empty()) {
            std::cerr << "yalu-index: " << what << " reads --db only: give no sources\n";
            return kUsage;
        }
        if (vm.count("suggest-entities") && vm.count("stats")) {
            std::cerr << "yalu-index: give --stats or --suggest-entities, not both\n";
            return kUsage;
        }
        // An option that only changes how an index is written would be silently ignored:
        // --stats --rebuild must not look like it rebuilt anything.
        for (const char* writing : {"prune", "rebuild", "batch", "part-size", "wait",
                                    "max-record-mb", "require-date", "no-entities", "rejects"}) {
            if (vm.count(writing) && !vm[writing].defaulted()) {
                std::cerr << "yalu-index: --" << writing << " is for runs that index; " << what
                          << " only reads --db (see yalu-index --help)\n";
                return kUsage;
            }
        }
        const long long suggestions =
            vm.count("suggest-entities") ? vm["suggest-entities"].as<long long>() : 1;
        if (!in_range(suggestions, "--suggest-entities", 1, 100000)) return kUsage;
        try {
            if (vm.count("stats")) {
                const auto stats = yalu::IndexStats::collect(settings.db_path, settings.schema_dir);
                std::cout << (vm.count("json") ? stats.to_json() + "\n" : stats.to_text());
            } else {
                yalu::SuggestSettings suggest{settings.db_path, settings.schema_dir,
                                              static_cast<unsigned>(suggestions)};
                for (const auto& [name, n] : yalu::EntitySuggester::suggest(suggest))
                    std::cout << n << "\t" << name << "\n";
            }
            return kOk;
        } catch (const yalu::NoIndexError& e) {
            std::cerr << "yalu-index: " << e.what() << "\n";
            return kNoInput;
        } catch (const yalu::DatabaseError& e) {
            std::cerr << "yalu-index: " << e.what() << "\n";
            return kCantCreat;
        } catch (const std::bad_alloc&) {
            return out_of_memory(what, "it only reads the index: free memory and run it again");
        } catch (const std::exception& e) {
            // ConfigError, and SchemaMismatchError: a shard of another version in a stub.
            std::cerr << "yalu-index: " << e.what() << "\n";
            return kConfig;
        }
    }

    // Rejections go to FILE.tmp.PID, renamed over FILE when the run finishes: a run that stops
    // early (locked, bad usage) leaves the previous night's list alone, and one that finds the
    // database locked never touches the running night's file.
    std::optional<std::ofstream> rejects;
    // A link's target is the file replaced (the link was replaced by a file, its target never
    // written), so the temporary file lies beside the target.
    const std::string rejects_file = link_target(rejects_path);
    const std::string rejects_tmp = rejects_file + ".tmp." + std::to_string(::getpid());
    if (!rejects_path.empty()) {
        // The list replaces FILE at the end: a folder there would fail only after the run, and
        // a named pipe or a device (/dev/stderr: a link to /proc/self/fd/2) would be replaced
        // by a file, for every process of the machine when the run is root's.
        std::error_code ec;
        const auto status = std::filesystem::status(rejects_file, ec);
        if (std::filesystem::is_directory(status)) {
            std::cerr << "yalu-index: --rejects '" << rejects_path
                      << "' is a folder: name a file (FILE is replaced on every run)\n";
            return kCantCreat;
        }
        if (const std::string kind = yalu::special_file_kind(status.type()); !ec && !kind.empty()) {
            std::cerr << "yalu-index: --rejects '" << rejects_path << "' is " << kind
                      << ", not a regular file: the list replaces FILE at the end of every run, "
                         "so name a regular file (the rejections are on stderr as well)\n";
            return kCantCreat;
        }
        remove_orphaned_lists(rejects_file);
        errno = 0;
        rejects.emplace(rejects_tmp, std::ios::trunc);
        if (!*rejects) {
            // The path the operator gave: the temporary file beside it is ours, not theirs.
            const int error = errno;
            std::cerr << "yalu-index: cannot write --rejects file '" << rejects_path << "'"
                      << (error ? std::string(": ") + std::strerror(error) : std::string())
                      << " (it is written as '" << rejects_tmp
                      << "' first: check that its folder exists and is writable)\n";
            return kCantCreat;
        }
        settings.rejects_path = rejects_path;
    }
    ConsoleObserver observer(quiet, !quiet && ::isatty(STDERR_FILENO),
                             rejects ? &*rejects : nullptr);
    // Keeps (renames over FILE) or drops the run's list; false when it cannot be kept.
    const auto settle_rejects = [&](bool keep) {
        if (!rejects) return true;
        // A write that failed (a full disk, a file size limit) leaves the list short: it must
        // not replace the previous one as if it were complete.
        errno = 0;
        rejects->flush();
        const int write_error =
            observer.rejects_write_error() != 0 ? observer.rejects_write_error() : errno;
        const bool written = static_cast<bool>(*rejects);
        rejects->close();
        if (!keep) {
            std::remove(rejects_tmp.c_str());
            return true;
        }
        if (!written || rejects->fail()) {
            std::cerr << "yalu-index: cannot write --rejects file '" << rejects_tmp << "'"
                      << (write_error ? std::string(": ") + std::strerror(write_error) : "")
                      << "; the list is incomplete, so '" << rejects_path
                      << "' was left as it was (check the free disk space; the rejections are "
                         "also on stderr)\n";
            std::remove(rejects_tmp.c_str());
            return false;
        }
        if (std::rename(rejects_tmp.c_str(), rejects_file.c_str()) == 0) return true;
        std::cerr << "yalu-index: cannot replace --rejects file '" << rejects_path << "' with '"
                  << rejects_tmp << "': " << std::strerror(errno) << "\n";
        std::remove(rejects_tmp.c_str());
        return false;
    };
    // A run that ended early: its list is incomplete, so the previous one stays.
    const auto refuse = [&](const std::exception& e, int code) {
        settle_rejects(false);
        std::cerr << "yalu-index: " << e.what() << "\n";
        return code;
    };
    stop_cleanly_on_signals();
    settings.stop_signal = &stop_signal;
    terminate_db_path = settings.db_path;
    if (rejects) terminate_rejects_tmp = rejects_tmp;
    std::set_terminate(end_run_on_terminate);
    try {
        const auto s = yalu::Indexer(settings, observer).run();
        observer.clear_progress();
        // A stopped run's list is incomplete: the previous one stays, as for any early stop.
        const bool stopped = !s.stopped.empty();
        const bool listed = settle_rejects(!stopped);
        if (stopped) std::cerr << "yalu-index: " << s.stopped << "\n";
        // Printed by a stopped run too: it changed the index, and a log shows by how much.
        std::printf(
            "yalu-index: added=%ld updated=%ld deleted=%ld unchanged=%ld rejected=%ld "
            "seconds=%.2f\n",
            s.added, s.updated, s.deleted, s.unchanged, s.rejected, s.seconds);
        if (stopped) return kTempFail;
        if (!listed) return kCantCreat;
        return s.rejected > 0 ? kDataErr : kOk;
    } catch (const yalu::UsageError& e) {
        return refuse(e, kUsage);
    } catch (const yalu::InputError& e) {
        return refuse(e, kNoInput);
    } catch (const yalu::LockedError& e) {
        return refuse(e, kTempFail);
    } catch (const yalu::LockUnavailableError& e) {
        return refuse(e, kUnavailable);
    } catch (const yalu::InterruptedError& e) {
        observer.clear_progress();
        return refuse(e, kTempFail);
    } catch (const yalu::DatabaseError& e) {
        return refuse(e, kCantCreat);
    } catch (const yalu::ConfigError& e) {
        return refuse(e, kConfig);
    } catch (const yalu::SchemaMismatchError& e) {
        return refuse(e, kConfig);
    } catch (const std::bad_alloc&) {
        // The run's list is incomplete: the previous one stays, as for any early stop.
        observer.clear_progress();
        settle_rejects(false);
        return out_of_memory(
            "the run",
            "what it committed is kept (a --rebuild's new generation is removed, the live index "
            "untouched), and a rerun skips what is already indexed: free memory (other processes, "
            "or the limit: ulimit -v, systemd's MemoryMax=) and run it again; it needs less with a "
            "smaller --batch (documents held in memory between commits, default 500), a smaller "
            "--max-record-mb (the largest record read, and an .xml file 16 times that), or "
            "--part-size 0 (no parts: 7-13% less)");
    } catch (const std::exception& e) {
        settle_rejects(false);
        std::cerr << "yalu-index: internal error: " << e.what()
                  << " (please report this with the command line)\n";
        return kSoftware;
    } catch (...) {
        // Never std::terminate: a library error the core did not translate is still reported.
        settle_rejects(false);
        std::cerr << "yalu-index: internal error: an unknown exception (please report this with "
                     "the command line)\n";
        return kSoftware;
    }
}

int main(int argc, char** argv) {
    return checked_output(run(argc, argv));
}
