// End-to-end tests of unattended operation: what a nightly yalu-index run leaves behind when it
// is killed, searches during a --rebuild, and the exit codes and output a cron job acts on.
// Inputs are synthetic JSON Lines made in the scratch folder, so the tests need no shared data.

#include "cli_runner.hpp"
#include "stats_key_table.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <random>
#include <regex>
#include <set>
#include <sstream>
#include <thread>
#include <vector>

namespace fs = std::filesystem;
using namespace yalu::test;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

// A word every synthetic article contains, so a query can count all of them.
constexpr const char* kMarker = "zorblat";
// What the summary line looks like; a cron wrapper greps for it in the log.
const std::string kSummaryText =
    R"(yalu-index: added=\d+ updated=\d+ deleted=\d+ unchanged=\d+ rejected=\d+ seconds=[0-9.]+)";
const std::regex kSummary(kSummaryText);

void write_file(const std::string& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Writes `count` dated English articles with ids `prefix`000000... (ops-000000...) and varied
// made-up words (a fixed seed, so every run indexes the same text). Varied words keep the posting
// lists realistic, which keeps a batch slow enough to be killed in the middle of a run.
// `count` JSON Lines articles for a pipe: ids `prefix`0.., dated `month` 01, 02 ..., each
// body holding kMarker and `tail`.
std::string marked_lines(const std::string& prefix, int count, const std::string& month,
                         const std::string& title, const std::string& tail) {
    std::string lines;
    for (int i = 0; i < count; ++i)
        lines += json{{"id", prefix + std::to_string(i)},
                      {"date", month + "-0" + std::to_string(i + 1)},
                      {"title", title},
                      {"body", std::string(kMarker) + " " + tail}}
                     .dump() +
                 "\n";
    return lines;
}

void write_articles(const std::string& path, int count, const std::string& prefix = "ops-") {
    static const char* const syllables[] = {"pa", "ko",  "ri", "sun", "jang", "mok", "tae", "hwa",
                                            "do", "bin", "lu", "sem", "gar",  "vek", "nor", "til"};
    std::mt19937 rng(20240229);
    std::uniform_int_distribution<int> syllable(0, 15), length(2, 4);
    auto words = [&](int n) {
        std::string s;
        for (int w = 0; w < n; ++w) {
            if (w > 0) s += ' ';
            for (int k = length(rng); k > 0; --k) s += syllables[syllable(rng)];
        }
        return s;
    };
    std::ofstream out(path, std::ios::binary);
    for (int i = 0; i < count; ++i) {
        char number[16], date[16];
        std::snprintf(number, sizeof number, "%06d", i);
        const std::string id = prefix + number;
        std::snprintf(date, sizeof date, "20%02d-%02d-%02d", 10 + i % 15, 1 + i % 12, 1 + i % 28);
        const json article = {
            {"id", id},
            {"date", date},
            {"lang", "en"},
            {"source", "Ops Wire"},
            {"title", words(6)},
            {"body", words(40) + ".\n" + words(40) + ".\n" + kMarker + " " + words(20) + "."}};
        out << article.dump() << '\n';
    }
}

// Starts yalu-index with `args` in a child process (stdout and stderr to files beside the
// database; standard input from `input` when given) and returns its pid, so a test can kill it
// at the moment it chooses.
pid_t spawn_index(const std::string& db, const std::vector<std::string>& args, int input = -1) {
    std::vector<std::string> argv_strings = {index_bin(), "--quiet", "--db", db};
    argv_strings.insert(argv_strings.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : argv_strings) argv.push_back(a.data());
    argv.push_back(nullptr);
    const std::string out = db + ".spawn-out", err = db + ".spawn-err";
    const pid_t pid = ::fork();
    if (pid == 0) {
        const int o = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        const int e = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (o < 0 || e < 0 || ::dup2(o, STDOUT_FILENO) < 0 || ::dup2(e, STDERR_FILENO) < 0)
            ::_exit(127);
        if (input >= 0 && ::dup2(input, STDIN_FILENO) < 0) ::_exit(127);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    return pid;
}

// Waits for `pid`: its exit code, or minus the signal that ended it.
int wait_for(pid_t pid) {
    int status = 0;
    if (::waitpid(pid, &status, 0) != pid) return -1000;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
}

// True while `pid` has not exited. A child that has exited is reaped here, and its exit
// status is kept in `status` (minus the signal when killed); asking again about a reaped child
// leaves `status` as it was.
bool still_running(pid_t pid, int& status) {
    int raw = 0;
    const pid_t r = ::waitpid(pid, &raw, WNOHANG);
    if (r == 0) return true;
    if (r == pid) status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -WTERMSIG(raw);
    return false;
}

// The exact number of (dated) articles a searcher sees at `db`, or -1 when the search fails.
long indexed_count(const std::string& db) {
    const auto r = yalu_search(db, "--format json --exact --limit 1 --snippet 0 --from 1000");
    if (r.exit_code != 0 && r.exit_code != 1) return -1;
    return json::parse(r.out).at("total").get<long>();
}

// Polls until `pid` has committed at least `wanted` articles to `db`; false if it exits or
// `seconds` pass first.
bool wait_for_commits(pid_t pid, const std::string& db, long wanted, double seconds, int& status) {
    const auto deadline = Clock::now() + std::chrono::duration<double>(seconds);
    while (Clock::now() < deadline) {
        if (!still_running(pid, status)) return false;
        if (fs::exists(db) && indexed_count(db) >= wanted) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
}

std::set<std::string> names_in(const std::string& folder) {
    std::set<std::string> names;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(folder, ec))
        names.insert(entry.path().filename().string());
    return names;
}

std::string last_line(std::string text) {
    while (!text.empty() && text.back() == '\n') text.pop_back();
    const auto newline = text.rfind('\n');
    return newline == std::string::npos ? text : text.substr(newline + 1);
}

// yalu-index without the --quiet that yalu_index() adds, stdout and stderr in one stream, as
// a cron line with `>>LOG 2>&1` records it.
CommandResult index_combined(const std::string& db, const std::string& args) {
    const std::string inner = shell_quote(index_bin()) + " --db " + shell_quote(db) + " " + args;
    return run_command("sh -c " + shell_quote(inner + " 2>&1"));
}

}  // namespace

// A second writer that PATH.lock does not keep out (it names the live generation folder as
// --db, or a stub of its own naming it, or comes after the lock file was removed) crashed
// (exit 139, no message) on Xapian's lock error, and the last one removed the running night's
// parts first: exit 75 naming the database, before anything is touched.
TEST(Ops, AWriterThatReachesTheLiveGenerationByAnotherNameExits75) {
    ScratchDir dir;
    const std::string db = dir / "db";
    write_articles(dir / "a.jsonl", 2, "other-");
    int fds[2];
    ASSERT_EQ(::pipe2(fds, O_CLOEXEC), 0);
    // The running night reads a pipe the test keeps open, so it holds its locks until the test
    // closes it; with --part-size 1 its second article goes into a part.
    const pid_t pid = spawn_index(db, {"--batch", "1", "--part-size", "1", "-"}, fds[0]);
    ASSERT_GT(pid, 0);
    ::close(fds[0]);
    std::string lines =
        marked_lines("night-", 2, "2024-01", "Night article", "from the running night");
    ASSERT_EQ(::write(fds[1], lines.data(), lines.size()), static_cast<ssize_t>(lines.size()));
    int status = 0;
    const auto deadline = Clock::now() + std::chrono::seconds(60);
    while (!fs::exists(db + ".d/parts") && still_running(pid, status) && Clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    ASSERT_TRUE(fs::exists(db + ".d/parts")) << read_file(db + ".spawn-err");
    write_file(dir / "alias.db", "auto " + db + ".d/gen-000001\n");
    const std::vector<std::string> other_names = {db + ".d/gen-000001", dir / "alias.db", db};
    for (const std::string& other : other_names) {
        if (other == db) fs::rename(db + ".lock", db + ".lock.removed");
        const auto r = yalu_index(other, shell_quote(dir / "a.jsonl"));
        EXPECT_EQ(r.exit_code, 75) << other << ": " << r.err;
        EXPECT_NE(r.err.find("database '" + other + "' is being written by another yalu-index run"),
                  std::string::npos)
            << r.err;
        EXPECT_TRUE(fs::exists(db + ".d/parts")) << other << " removed the running night's parts";
    }
    ::close(fds[1]);
    EXPECT_EQ(wait_for(pid), 0) << read_file(db + ".spawn-err");
    EXPECT_EQ(indexed_count(db), 2) << "the running night lost an article";
}

// A nightly run killed with SIGKILL keeps every batch it committed, the database stays
// readable, and the next run completes the job without losing or duplicating an article.
TEST(Ops, KilledRunKeepsCommittedBatchesAndNextRunCompletes) {
    ScratchDir dir;
    constexpr int kTotal = 3000;
    constexpr int kBatch = 500;
    write_articles(dir / "in.jsonl", kTotal);
    const std::string db = dir / "db";

    const pid_t pid = spawn_index(db, {"--batch", std::to_string(kBatch), dir / "in.jsonl"});
    ASSERT_GT(pid, 0);
    int status = 0;
    const bool committed = wait_for_commits(pid, db, kBatch, 60, status);
    if (!committed && still_running(pid, status)) {  // stuck: do not leave it behind
        ::kill(pid, SIGKILL);
        wait_for(pid);
    }
    ASSERT_TRUE(committed) << "yalu-index ended (status " << status
                           << ") before it could be killed mid-run: "
                           << read_file(db + ".spawn-err");
    ASSERT_EQ(::kill(pid, SIGKILL), 0);
    ASSERT_EQ(wait_for(pid), -SIGKILL);

    // What survives is exactly some number of whole batches, short of the full input.
    const long kept = indexed_count(db);
    ASSERT_GE(kept, kBatch);
    EXPECT_LT(kept, kTotal) << "the run finished before the kill: the test proved nothing";
    EXPECT_EQ(kept % kBatch, 0) << "a partial batch became visible";
    const auto search = yalu_search(db, std::string("--format json --exact ") + kMarker);
    ASSERT_EQ(search.exit_code, 0) << search.err;
    EXPECT_EQ(json::parse(search.out).at("total").get<long>(), kept);

    const auto rerun =
        yalu_index(db, "--batch " + std::to_string(kBatch) + " " + shell_quote(dir / "in.jsonl"));
    ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
    EXPECT_EQ(summary_count(rerun.out, "added"), kTotal - kept) << rerun.out;
    EXPECT_EQ(summary_count(rerun.out, "unchanged"), kept) << rerun.out;
    EXPECT_EQ(summary_count(rerun.out, "updated"), 0) << rerun.out;
    EXPECT_EQ(indexed_count(db), kTotal) << "articles lost or duplicated";
}

// A reader that closes the pipe early (`yalu-index ... 2>&1 | head`) killed the run with
// SIGPIPE at its next warning: exit 141, the index half-written, nothing recorded. The run now
// goes on without its output and finishes.
TEST(Ops, AClosedOutputPipeDoesNotStopTheRun) {
    ScratchDir dir;
    std::string undated;
    for (int i = 1; i <= 5; ++i)
        undated +=
            "{\"id\": \"w-" + std::to_string(i) + "\", \"title\": \"U\", \"body\": \"No date.\"}\n";
    write_file(dir / "a.jsonl", undated);
    constexpr int kTotal = 2000;
    write_articles(dir / "b.jsonl", kTotal);
    const std::string db = dir / "db";
    const auto run = run_command(
        "bash -c " + shell_quote(shell_quote(index_bin()) + " --db " + shell_quote(db) + " " +
                                 shell_quote(dir / "a.jsonl") + " " + shell_quote(dir / "b.jsonl") +
                                 " 2>&1 | head -n 1 >/dev/null; exit ${PIPESTATUS[0]}"));
    EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
    // Every dated article (indexed_count reads dated ones), after the five undated warnings.
    EXPECT_EQ(indexed_count(db), kTotal);
}

// SIGTERM (systemctl stop, TimeoutStartSec), SIGINT and SIGHUP stop a run cleanly: exit 75 with a
// message, every committed batch kept, the lock released, no temporary file left, a rebuild's
// half-built generation removed at once; the next run finishes the job.
TEST(Ops, SigtermStopsARunCleanly) {
    ScratchDir dir;
    constexpr int kTotal = 3000;
    write_articles(dir / "in.jsonl", kTotal);
    write_articles(dir / "live.jsonl", 600);
    for (const int signal : {SIGTERM, SIGINT, SIGHUP}) {
        for (const bool rebuild : {false, true}) {
            const std::string db = dir / ("db" + std::to_string(signal) + (rebuild ? "r" : ""));
            if (rebuild) {
                ASSERT_EQ(yalu_index(db, shell_quote(dir / "live.jsonl")).exit_code, 0);
            }
            std::vector<std::string> args = {"--batch", "500", "--rejects", db + ".rejects",
                                             dir / "in.jsonl"};
            if (rebuild) args.insert(args.begin(), "--rebuild");
            const pid_t pid = spawn_index(db, args);
            ASSERT_GT(pid, 0);
            int status = 0;
            const std::string written = rebuild ? db + ".d/gen-000002" : db;
            const bool committed = wait_for_commits(pid, written, 500, 60, status);
            if (!committed && still_running(pid, status)) {
                ::kill(pid, SIGKILL);
                wait_for(pid);
            }
            ASSERT_TRUE(committed)
                << "yalu-index ended (status " << status
                << ") before it could be stopped: " << read_file(db + ".spawn-err");
            ASSERT_EQ(::kill(pid, signal), 0);
            EXPECT_EQ(wait_for(pid), 75) << read_file(db + ".spawn-err");
            const std::string err = read_file(db + ".spawn-err");
            const std::string signal_name = signal == SIGTERM  ? "SIGTERM"
                                            : signal == SIGINT ? "SIGINT"
                                                               : "SIGHUP";
            EXPECT_NE(err.find("stopped by " + signal_name), std::string::npos) << err;
            for (const auto& name : names_in(dir.path()))
                EXPECT_EQ(name.find(".tmp"), std::string::npos) << name;
            EXPECT_FALSE(fs::exists(db + ".rejects")) << "an incomplete list replaced the file";
            if (rebuild) {
                // Abandoned: the live index as it was, the new generation already gone.
                EXPECT_EQ(read_file(db),
                          "auto " + fs::path(db).filename().string() + ".d/gen-000001\n");
                EXPECT_EQ(names_in(db + ".d"), std::set<std::string>{"gen-000001"});
                EXPECT_EQ(indexed_count(db), 600);
                // A rebuild skips nothing: the message must not promise a quick rerun.
                EXPECT_EQ(err.find("skips what is already indexed"), std::string::npos) << err;
                EXPECT_NE(err.find("run the rebuild again"), std::string::npos) << err;
                continue;
            }
            const long kept = indexed_count(db);
            EXPECT_GE(kept, 500);
            EXPECT_LT(kept, kTotal) << "the run finished before the signal: it proved nothing";
            // The lock is free (no --wait) and the rerun adds exactly the rest.
            const auto rerun = yalu_index(db, shell_quote(dir / "in.jsonl"));
            ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
            EXPECT_EQ(summary_count(rerun.out, "added"), kTotal - kept) << rerun.out;
            EXPECT_EQ(summary_count(rerun.out, "unchanged"), kept) << rerun.out;
            EXPECT_EQ(indexed_count(db), kTotal);
        }
    }
}

// True while process `pid` holds `file` open (one of /proc/PID/fd links to it).
bool holds_open(pid_t pid, const std::string& file) {
    std::error_code ec;
    for (const auto& fd : fs::directory_iterator("/proc/" + std::to_string(pid) + "/fd", ec)) {
        std::error_code link_ec;
        if (fs::read_symlink(fd.path(), link_ec) == file) return true;
    }
    return false;
}

// A signal that arrives once every article is read, while the writer still drains the
// pipeline (the slowest stage, seconds with --batch 1), stops the run too: exit 75 and nothing
// pruned, as docs/OPERATIONS.md says. It used to be ignored: the run pruned and exited 0
// (found by a differential soak of nightly runs).
TEST(Ops, SigtermWhileTheLastArticlesAreWrittenPrunesNothing) {
    ScratchDir dir;
    constexpr int kTotal = 1000;
    const std::string db = dir / "db";
    const std::string archive = fs::weakly_canonical(dir / "archive.jsonl").string();
    write_articles(archive, kTotal);
    ASSERT_EQ(yalu_index(db, shell_quote(archive)).exit_code, 0);
    // Every article changed (each must be written again), the last 100 gone (to be pruned).
    std::string text = read_file(archive);
    std::string changed;
    std::size_t start = 0;
    for (int i = 0; i < kTotal - 100; ++i) {
        const std::size_t end = text.find('\n', start);
        json line = json::parse(text.substr(start, end - start));
        line["title"] = line["title"].get<std::string>() + " revised";
        changed += line.dump() + "\n";
        start = end + 1;
    }
    write_file(archive, changed);
    const pid_t pid = spawn_index(db, {"--prune", "--batch", "1", archive});
    ASSERT_GT(pid, 0);
    // The reader closes the file after its last record: from then on only the writer works.
    int status = 0;
    const auto deadline = Clock::now() + std::chrono::seconds(60);
    bool opened = false;
    while (Clock::now() < deadline && still_running(pid, status)) {
        const bool open = holds_open(pid, archive);
        if (opened && !open) break;
        opened = opened || open;
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    ASSERT_TRUE(still_running(pid, status))
        << "yalu-index ended (status " << status
        << ") before it could be stopped: " << read_file(db + ".spawn-err");
    ASSERT_TRUE(opened) << "the archive was never seen open";
    ASSERT_EQ(::kill(pid, SIGTERM), 0);
    EXPECT_EQ(wait_for(pid), 75) << read_file(db + ".spawn-err");
    const std::string err = read_file(db + ".spawn-err");
    EXPECT_NE(err.find("stopped by SIGTERM"), std::string::npos) << err;
    EXPECT_EQ(indexed_count(db), kTotal) << "articles were pruned after the signal";
    // The next night finishes the job.
    const auto rerun = yalu_index(db, "--prune " + shell_quote(archive));
    ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
    EXPECT_EQ(summary_count(rerun.out, "deleted"), 100) << rerun.out;
    EXPECT_EQ(indexed_count(db), kTotal - 100);
}

// A run reading JSON Lines from an idle pipe (a slow exporter, `yalu-index -` typed at a
// terminal) stops on SIGTERM/SIGINT too: its read was restarted after the handler, so the
// signal did nothing until the producer wrote another line.
TEST(Ops, SigtermStopsARunWaitingOnAnIdlePipe) {
    ScratchDir dir;
    const std::string db = dir / "db";
    int fds[2];
    ASSERT_EQ(::pipe(fds), 0);
    const std::string bin = index_bin();
    const std::string err = db + ".err";
    const pid_t pid = ::fork();
    if (pid == 0) {
        const int e = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (e < 0 || ::dup2(fds[0], STDIN_FILENO) < 0 || ::dup2(e, STDERR_FILENO) < 0) ::_exit(127);
        ::close(fds[1]);
        ::execl(bin.c_str(), bin.c_str(), "--quiet", "--db", db.c_str(), "-",
                static_cast<char*>(nullptr));
        ::_exit(127);
    }
    ASSERT_GT(pid, 0);
    ::close(fds[0]);
    std::string lines = marked_lines("pipe-", 3, "2024-01", "Pipe article", "from a slow pipe");
    lines += R"({"id": "cut-short", "body": "half a li)";  // the producer is mid-line
    ASSERT_EQ(::write(fds[1], lines.data(), lines.size()), static_cast<ssize_t>(lines.size()));
    std::this_thread::sleep_for(std::chrono::milliseconds(800));
    ASSERT_EQ(::kill(pid, SIGTERM), 0);
    int status = 0;
    const auto deadline = Clock::now() + std::chrono::seconds(10);
    bool running = true;
    while ((running = still_running(pid, status)) && Clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    if (running) {
        ::kill(pid, SIGKILL);
        wait_for(pid);
    }
    ::close(fds[1]);
    ASSERT_FALSE(running) << "SIGTERM did not stop a run waiting on its pipe";
    EXPECT_EQ(status, 75) << read_file(err);
    EXPECT_NE(read_file(err).find("stopped by SIGTERM"), std::string::npos) << read_file(err);
    EXPECT_EQ(read_file(err).find("rejected"), std::string::npos) << read_file(err);
    EXPECT_EQ(indexed_count(db), 3) << "the lines read before the signal were not committed";
}

// A run that only rejects (a broken export: every line bad JSON) stops on SIGTERM at the next
// record too, not once the whole file is read: the signal was only looked at per article.
TEST(Ops, SigtermStopsARunThatOnlyRejects) {
    ScratchDir dir;
    const std::string db = dir / "db";
    {
        std::ofstream out(dir / "broken.jsonl", std::ios::binary);
        for (int i = 0; i < 1000000; ++i) out << "{\"id\":\"x\"\n";
    }
    const pid_t pid = spawn_index(db, {dir / "broken.jsonl"});
    ASSERT_GT(pid, 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    ASSERT_EQ(::kill(pid, SIGTERM), 0);
    const auto signalled = Clock::now();
    EXPECT_EQ(wait_for(pid), 75) << last_line(read_file(db + ".spawn-err"));
    EXPECT_LT(std::chrono::duration<double>(Clock::now() - signalled).count(), 5.0)
        << "the run read on long after SIGTERM";
}

// A stopped run that committed articles changed the index: it records its summary as the last
// run, marked as stopped (--stats said "last run: -", or showed the run before it), and prints
// its summary line after its error line, so a log shows what it did.
TEST(Ops, AStoppedRunRecordsAndPrintsItsSummary) {
    ScratchDir dir;
    const std::string db = dir / "db";
    write_articles(dir / "first.jsonl", 2, "first-");
    ASSERT_EQ(yalu_index(db, shell_quote(dir / "first.jsonl")).exit_code, 0);
    int fds[2];
    ASSERT_EQ(::pipe(fds), 0);
    const pid_t pid = spawn_index(db, {"-"}, fds[0]);
    ASSERT_GT(pid, 0);
    ::close(fds[0]);
    std::string lines = marked_lines("piped-", 3, "2024-02", "Piped article", "from a pipe");
    ASSERT_EQ(::write(fds[1], lines.data(), lines.size()), static_cast<ssize_t>(lines.size()));
    std::this_thread::sleep_for(std::chrono::milliseconds(800));  // read, the pipe then idle
    ASSERT_EQ(::kill(pid, SIGTERM), 0);
    const int status = wait_for(pid);
    ::close(fds[1]);
    const std::string err = read_file(db + ".spawn-err"), out = read_file(db + ".spawn-out");
    EXPECT_EQ(status, 75) << err;
    EXPECT_NE(err.find("stopped by SIGTERM"), std::string::npos) << err;
    EXPECT_TRUE(std::regex_match(last_line(out), kSummary)) << out;
    EXPECT_EQ(summary_count(out, "added"), 3) << out;
    EXPECT_EQ(indexed_count(db), 5);
    const auto stats = yalu_index(db, "--stats --json");
    ASSERT_EQ(stats.exit_code, 0) << stats.err;
    const json last = json::parse(stats.out).at("last_run");
    ASSERT_TRUE(last.is_object()) << stats.out;
    EXPECT_EQ(last.value("added", -1), 3) << stats.out;
    EXPECT_EQ(last.value("stopped", false), true) << stats.out;
    EXPECT_EQ(StatsKeyTable(source_dir() + "/docs/OPERATIONS.md").unlisted(json::parse(stats.out)),
              std::vector<std::string>{})
        << stats.out;
    const auto text = yalu_index(db, "--stats");
    EXPECT_NE(text.out.find("stopped by a signal"), std::string::npos) << text.out;
    // A finished run records itself without the mark.
    write_articles(dir / "second.jsonl", 1, "second-");
    ASSERT_EQ(yalu_index(db, shell_quote(dir / "second.jsonl")).exit_code, 0);
    const json next = json::parse(yalu_index(db, "--stats --json").out).at("last_run");
    EXPECT_EQ(next.value("added", -1), 1) << next;
    EXPECT_FALSE(next.contains("stopped")) << next;
}

// `--stats --json` printed keys no document listed: every key it prints (a finished run's, an
// index without a recorded run, a plain Xapian folder) is in the key table of
// docs/OPERATIONS.md with the type printed (a stopped run's and a stub of shards' keys are
// checked by their own tests).
TEST(Ops, EveryStatsJsonKeyIsDocumented) {
    const StatsKeyTable table(source_dir() + "/docs/OPERATIONS.md");
    ASSERT_GE(table.keys().size(), 10U) << "no key table under a heading naming --stats --json";
    ScratchDir dir;
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(source_dir() + "/corpus")).exit_code, 0);
    // An index no run changed since its creation holds no recorded run (last_run null).
    std::ofstream(dir / "none.jsonl").close();
    ASSERT_EQ(yalu_index(dir / "empty", shell_quote(dir / "none.jsonl")).exit_code, 65);
    ASSERT_EQ(run_command("xapian-compact -q " + shell_quote(dir / "db") + " " +
                          shell_quote(dir / "plain"))
                  .exit_code,
              0);
    for (const char* db : {"db", "empty", "plain"}) {
        const auto stats = yalu_index(dir / db, "--stats --json");
        ASSERT_EQ(stats.exit_code, 0) << db << ": " << stats.err;
        EXPECT_EQ(table.unlisted(json::parse(stats.out)), std::vector<std::string>{})
            << db << ": " << stats.out;
    }
}

// Searchers keep working while --rebuild runs, and each one sees the whole old index or the
// whole new one, never a mix and never nothing.
TEST(Ops, SearchesDuringRebuildSeeOldOrNewIndex) {
    ScratchDir dir;
    constexpr long kOld = 1000;
    constexpr long kNew = 1600;
    write_articles(dir / "old.jsonl", kOld);
    write_articles(dir / "new.jsonl", kNew);
    const std::string db = dir / "db";
    ASSERT_EQ(yalu_index(db, shell_quote(dir / "old.jsonl")).exit_code, 0);
    ASSERT_EQ(indexed_count(db), kOld);

    const pid_t pid = spawn_index(db, {"--rebuild", "--batch", "200", dir / "new.jsonl"});
    ASSERT_GT(pid, 0);
    int status = 0;
    long during = 0;  // searches started while the rebuild was still running
    bool seen_new = false;
    long bad = 0;
    std::vector<std::string> problems;  // the first few bad searches, for the failure message
    auto problem = [&](const std::string& what) {
        if (++bad <= 5) problems.push_back(what);
    };
    const auto deadline = Clock::now() + std::chrono::seconds(60);
    // Alternate the two kinds of search; keep going a few rounds after the rebuild ends so
    // the swap itself is covered.
    for (int i = 0, after = 0; after < 4 && Clock::now() < deadline; ++i) {
        if (still_running(pid, status))
            ++during;
        else
            ++after;
        const auto r =
            i % 2 == 0 ? yalu_search(db, "--format json --exact --limit 1 --snippet 0 --from 1000")
                       : yalu_search(db, std::string("--format json --exact --limit 3 ") + kMarker);
        if (r.exit_code != 0) {
            problem("exit " + std::to_string(r.exit_code) + ": " + r.err);
            continue;
        }
        const long total = json::parse(r.out).at("total").get<long>();
        if (total != kOld && total != kNew) problem("total " + std::to_string(total));
        if (total == kOld && seen_new) problem("old index seen again after the new one");
        seen_new = seen_new || total == kNew;
    }
    if (still_running(pid, status)) {  // the deadline passed: stop it, and fail below
        ::kill(pid, SIGKILL);
        status = wait_for(pid);
    }
    EXPECT_EQ(status, 0) << read_file(db + ".spawn-err");
    EXPECT_EQ(bad, 0) << "searches that failed or saw a partial index; the first: "
                      << testing::PrintToString(problems);
    EXPECT_GE(during, 3) << "too few searches ran during the rebuild to mean anything";
    EXPECT_TRUE(seen_new);
    EXPECT_EQ(indexed_count(db), kNew);
}

// A rebuild killed before it publishes leaves the live index as it was; the next run removes
// Searches while an incremental run commits every two articles: a reader meeting a commit
// reads again (Xapian discards an open revision after two commits; a reused block can read as
// corrupt or a document as missing). Only the documented "kept changing" may fail a search
// (a long search under constant commits); never "damaged", "not found" or an unknown error.
TEST(Ops, SearchesDuringCommitsReadAgainAndNeverCallTheIndexDamaged) {
    ScratchDir dir;
    write_articles(dir / "old.jsonl", 300);
    write_articles(dir / "new.jsonl", 1200, "new-");  // ids of their own
    const std::string db = dir / "db";
    ASSERT_EQ(yalu_index(db, shell_quote(dir / "old.jsonl")).exit_code, 0);
    const pid_t pid = spawn_index(db, {"--batch", "2", dir / "new.jsonl"});
    ASSERT_GT(pid, 0);
    int status = 0;
    long during = 0;
    std::vector<std::string> problems;
    const auto deadline = Clock::now() + std::chrono::seconds(60);
    while (still_running(pid, status) && Clock::now() < deadline) {
        ++during;
        const auto r = yalu_search(db, std::string("--format json --limit 3 ") + kMarker);
        if (r.exit_code != 0 && r.err.find("kept changing") == std::string::npos &&
            problems.size() < 5)
            problems.push_back("exit " + std::to_string(r.exit_code) + ": " + r.err);
    }
    if (still_running(pid, status)) {
        ::kill(pid, SIGKILL);
        status = wait_for(pid);
    }
    EXPECT_EQ(status, 0) << read_file(db + ".spawn-err");
    EXPECT_TRUE(problems.empty()) << testing::PrintToString(problems);
    EXPECT_GE(during, 20) << "too few searches ran during the run to mean anything";
    EXPECT_EQ(indexed_count(db), 1500);
}

// the half-built generation, and a later rebuild reuses its number.
TEST(Ops, KilledRebuildLeavesLiveIndexAndIsCleanedNextRun) {
    ScratchDir dir;
    constexpr long kLive = 600;
    write_articles(dir / "live.jsonl", kLive);
    write_articles(dir / "big.jsonl", 4000);
    const std::string db = dir / "db";
    ASSERT_EQ(yalu_index(db, shell_quote(dir / "live.jsonl")).exit_code, 0);
    const std::string stub = read_file(db);
    EXPECT_EQ(stub, "auto db.d/gen-000001\n");

    const pid_t pid = spawn_index(db, {"--rebuild", "--batch", "500", dir / "big.jsonl"});
    ASSERT_GT(pid, 0);
    int status = 0;
    // The new generation is a plain Xapian folder: wait until a batch is committed in it, so
    // the kill leaves a real half-built index behind rather than an empty folder.
    const bool committed = wait_for_commits(pid, db + ".d/gen-000002", 500, 60, status);
    if (!committed && still_running(pid, status)) {  // stuck: do not leave it behind
        ::kill(pid, SIGKILL);
        wait_for(pid);
    }
    ASSERT_TRUE(committed) << "rebuild ended (status " << status << ") before it could be killed";
    ASSERT_EQ(::kill(pid, SIGKILL), 0);
    ASSERT_EQ(wait_for(pid), -SIGKILL);

    EXPECT_EQ(read_file(db), stub) << "the stub moved to an unfinished generation";
    EXPECT_EQ(indexed_count(db), kLive);
    EXPECT_EQ(yalu_search(db, std::string("--exact ") + kMarker).exit_code, 0);
    EXPECT_EQ(names_in(db + ".d"), (std::set<std::string>{"gen-000001", "gen-000002"}));

    // An ordinary nightly run cleans up, and finds nothing to do in the live index.
    const auto next = yalu_index(db, shell_quote(dir / "live.jsonl"));
    ASSERT_EQ(next.exit_code, 0) << next.err;
    EXPECT_EQ(summary_count(next.out, "unchanged"), kLive) << next.out;
    EXPECT_EQ(names_in(db + ".d"), std::set<std::string>{"gen-000001"});
    EXPECT_FALSE(fs::exists(db + ".stub-tmp"));

    // A finished rebuild publishes the next number and keeps the generation it replaced.
    const auto rebuilt = yalu_index(db, "--rebuild " + shell_quote(dir / "live.jsonl"));
    ASSERT_EQ(rebuilt.exit_code, 0) << rebuilt.err;
    EXPECT_EQ(read_file(db), "auto db.d/gen-000002\n");
    EXPECT_EQ(names_in(db + ".d"), (std::set<std::string>{"gen-000001", "gen-000002"}));
    EXPECT_EQ(indexed_count(db), kLive);
}

TEST(OpsExit, DatabaseUnderARegularFileExits73) {
    ScratchDir dir;
    write_file(dir / "file", "not a folder\n");
    const auto r = yalu_index(dir / "file/db", shell_quote(source_dir() + "/corpus"));
    EXPECT_EQ(r.exit_code, 73) << r.out << r.err;
    EXPECT_NE(r.err.find("file/db"), std::string::npos) << r.err;
    EXPECT_EQ(read_file(dir / "file"), "not a folder\n");
}

TEST(OpsExit, DatabaseInAnUnwritablePlaceExits73) {
    // /proc refuses new files even to root, unlike a chmod-ed folder.
    const auto r = yalu_index("/proc/yalu-ops-test.db", shell_quote(source_dir() + "/corpus"));
    EXPECT_EQ(r.exit_code, 73) << r.out << r.err;
}

TEST(OpsExit, ForeignFileAtDatabasePathExits73AndIsLeftAlone) {
    ScratchDir dir;
    for (const char* text : {"hello\n", "shopping list: eggs\n"}) {
        write_file(dir / "db", text);
        const auto r = yalu_index(dir / "db", shell_quote(source_dir() + "/corpus"));
        EXPECT_EQ(r.exit_code, 73) << text << r.out << r.err;
        EXPECT_EQ(read_file(dir / "db"), text);
        EXPECT_FALSE(fs::exists(dir / "db.d")) << text;
    }
}

TEST(OpsExit, UnwritableRejectsFileExits73) {
    ScratchDir dir;
    const auto r =
        yalu_index(dir / "db", "--rejects " + shell_quote(dir / "no/such/rejects.jsonl") + " " +
                                   shell_quote(source_dir() + "/corpus"));
    EXPECT_EQ(r.exit_code, 73) << r.err;
    // The path the operator gave, not only the temporary file written beside it.
    EXPECT_NE(r.err.find("cannot write --rejects file '" + (dir / "no/such/rejects.jsonl") +
                         "': No such file or directory"),
              std::string::npos)
        << r.err;
    EXPECT_FALSE(fs::exists(dir / "db"));
    // A folder where the list should go: refused before anything is written (the list would
    // fail to replace it only after the run, with the index already changed).
    fs::create_directories(dir / "taken");
    const auto taken = yalu_index(dir / "db", "--rejects " + shell_quote(dir / "taken") + " " +
                                                  shell_quote(source_dir() + "/corpus"));
    EXPECT_EQ(taken.exit_code, 73) << taken.err;
    EXPECT_NE(taken.err.find("is a folder"), std::string::npos) << taken.err;
    EXPECT_TRUE(taken.out.empty()) << taken.out;  // no summary: nothing ran
    EXPECT_FALSE(fs::exists(dir / "db"));
    for (const auto& name : names_in(dir.path()))
        EXPECT_EQ(name.find(".tmp"), std::string::npos) << name;
}

TEST(OpsExit, ARejectsListThatCannotBeWrittenWholeExits73AndKeepsThePreviousOne) {
    ScratchDir dir;
    std::string bad;
    for (int i = 0; i < 1000; ++i)
        bad +=
            R"({"id":"empty-)" + std::to_string(i) + R"(","date":"2022-01-17","body":""})" + "\n";
    write_file(dir / "bad.jsonl", bad);
    const std::string list = dir / "rejects.jsonl";
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(dir / "bad.jsonl")).exit_code, 65);
    write_file(list, "the previous night's list\n");
    // A file size limit stands in for a full disk: the list (~150 KB) cannot be written whole,
    // while the unchanged index needs no write at all.
    const auto r =
        run_command("(trap '' XFSZ; ulimit -f 64; " + index_bin() + " --quiet --db " +
                    shell_quote(dir / "db") + " --rejects " + shell_quote(list) + " " +
                    shell_quote(dir / "bad.jsonl") + " 2>&1; echo \"exit=$?\") | tail -n 3");
    EXPECT_NE(r.out.find("exit=73"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("cannot write --rejects file"), std::string::npos) << r.out;
    // The reason of the write that failed, though the list is settled long after it.
    EXPECT_NE(r.out.find(std::strerror(EFBIG)), std::string::npos) << r.out;
    EXPECT_EQ(read_file(list), "the previous night's list\n");
    for (const auto& name : names_in(dir.path()))
        EXPECT_EQ(name.find(".tmp"), std::string::npos) << name;
}

TEST(OpsExit, MissingSchemaFolderExits78) {
    ScratchDir dir;
    const auto r = yalu_index(dir / "db", "--schema-dir " + shell_quote(dir / "no-schemas") + " " +
                                              shell_quote(source_dir() + "/corpus"));
    EXPECT_EQ(r.exit_code, 78) << r.err;
    EXPECT_FALSE(fs::exists(dir / "db"));
    // A folder named in YALU_SCHEMA_DIR is a choice too: a typo is not a fallback to the stock
    // schemas.
    const auto env = run_command("YALU_SCHEMA_DIR=" + shell_quote(dir / "no-schemas") + " " +
                                 shell_quote(index_bin()) + " --db " + shell_quote(dir / "db") +
                                 " " + shell_quote(source_dir() + "/corpus"));
    EXPECT_EQ(env.exit_code, 78) << env.err;
    EXPECT_NE(env.err.find("no-schemas"), std::string::npos) << env.err;
    EXPECT_FALSE(fs::exists(dir / "db"));
}

TEST(OpsExit, MissingGazetteerExits78UnlessEntitiesAreOff) {
    ScratchDir dir;
    fs::create_directories(dir / "schemas");
    fs::copy_file(source_dir() + "/schemas/index.xml", dir / "schemas/index.xml");
    fs::copy_file(source_dir() + "/schemas/thesaurus.xml", dir / "schemas/thesaurus.xml");
    const std::string args = "--schema-dir " + shell_quote(dir / "schemas") + " " +
                             shell_quote(source_dir() + "/corpus");
    const auto r = yalu_index(dir / "db", args);
    EXPECT_EQ(r.exit_code, 78) << r.err;
    EXPECT_NE(r.err.find("entities.xml"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(dir / "db"));
    EXPECT_EQ(yalu_index(dir / "db", "--no-entities " + args).exit_code, 0);
}

TEST(OpsExit, BrokenGazetteerExits78) {
    ScratchDir dir;
    fs::create_directories(dir / "schemas");
    fs::copy_file(source_dir() + "/schemas/index.xml", dir / "schemas/index.xml");
    fs::copy_file(source_dir() + "/schemas/thesaurus.xml", dir / "schemas/thesaurus.xml");
    fs::copy_file(source_dir() + "/tests/data/bad_gazetteer_xml.xml", dir / "schemas/entities.xml");
    const auto r = yalu_index(dir / "db", "--schema-dir " + shell_quote(dir / "schemas") + " " +
                                              shell_quote(source_dir() + "/corpus"));
    EXPECT_EQ(r.exit_code, 78) << r.err;
    EXPECT_NE(r.err.find("entities.xml"), std::string::npos) << r.err;
}

// yalu-search exits 6 on a thesaurus that is broken or missing; the nightly run exited 0 with
// no word about it, so every search failed after a "clean" night. Now it exits 78 naming the
// file (and line), before anything is written.
TEST(OpsExit, BrokenOrMissingThesaurusExits78BeforeWriting) {
    ScratchDir dir;
    fs::create_directories(dir / "schemas");
    for (const char* f : {"index.xml", "entities.xml", "thesaurus.xml"})
        fs::copy_file(source_dir() + "/schemas/" + f, fs::path(dir / "schemas") / f);
    const std::string args = "--schema-dir " + shell_quote(dir / "schemas") + " " +
                             shell_quote(source_dir() + "/corpus/xml");
    ASSERT_EQ(yalu_index(dir / "db", args).exit_code, 0);
    const auto last_run = [&] {
        return json::parse(yalu_index(dir / "db", "--stats --json").out).at("last_run").dump();
    };
    const std::string before = last_run();
    {
        std::ofstream out(dir / "schemas/thesaurus.xml", std::ios::app);
        out << "<broken\n";
    }
    const auto broken = yalu_index(dir / "db", "--rebuild " + args);
    EXPECT_EQ(broken.exit_code, 78) << broken.err;
    EXPECT_NE(broken.err.find("thesaurus.xml line "), std::string::npos) << broken.err;
    EXPECT_EQ(last_run(), before);  // nothing written
    const std::string search = "--schema-dir " + shell_quote(dir / "schemas") + " Kaesong";
    EXPECT_EQ(yalu_search(dir / "db", search).exit_code, 6);  // what the run guards against

    fs::remove(dir / "schemas/thesaurus.xml");
    const auto missing = yalu_index(dir / "db", args);
    EXPECT_EQ(missing.exit_code, 78) << missing.err;
    EXPECT_NE(missing.err.find("no thesaurus.xml"), std::string::npos) << missing.err;
    EXPECT_EQ(yalu_search(dir / "db", search).exit_code, 6);
    const auto fresh = yalu_index(dir / "fresh", args);
    EXPECT_EQ(fresh.exit_code, 78) << fresh.err;
    EXPECT_FALSE(fs::exists(dir / "fresh"));
}

// A legacy Korean (EUC-KR) .txt file was indexed as U+FFFD with exit 0 (its warning hidden by
// --quiet), so its article could never be found. Now it is a rejection like any other.
TEST(OpsExit, AnArticleNotInUtf8IsRejectedNamingTheFixEvenUnderQuiet) {
    ScratchDir dir;
    fs::create_directories(dir / "ek");
    const std::string flood = dir / "ek/flood.txt";
    {
        std::ofstream out(flood, std::ios::binary);
        // " date 2024-07-30 압록강 하류에 내린 폭우로 신의주시 일대가 큰 물난리를 겪었다." in
        // EUC-KR.
        out << " date 2024-07-30 \xbe\xd0\xb7\xcf\xb0\xad \xc7\xcf\xb7\xf9\xbf\xa1 "
               "\xb3\xbb\xb8\xb0 "
               "\xc6\xf8\xbf\xec\xb7\xce \xbd\xc5\xc0\xc7\xc1\xd6\xbd\xc3 \xc0\xcf\xb4\xeb\xb0\xa1 "
               "\xc5\xab \xb9\xb0\xb3\xad\xb8\xae\xb8\xa6 \xb0\xde\xbe\xfa\xb4\xd9.\n";
    }
    write_file(dir / "ek/fine.txt", " date 2024-07-31 Rain in Sinuiju, with a caf\xe9 flooded.\n");
    const std::string list = dir / "rejects.jsonl";
    const auto r = yalu_index(
        dir / "db", "--prune --rejects " + shell_quote(list) + " " + shell_quote(dir / "ek"));
    EXPECT_EQ(r.exit_code, 65) << r.err;
    EXPECT_NE(r.err.find("rejected " + flood + ":1: not UTF-8"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("iconv -f CP949 -t UTF-8"), std::string::npos) << r.err;
    EXPECT_EQ(summary_count(r.out, "added"), 1) << r.out;  // the stray é is only repaired
    EXPECT_EQ(summary_count(r.out, "rejected"), 1) << r.out;
    const std::string rejects = read_file(list);
    EXPECT_NE(rejects.find("\"id\":\"flood\""), std::string::npos) << rejects;
    EXPECT_NE(rejects.find("not UTF-8"), std::string::npos) << rejects;
}

TEST(OpsExit, BadValuesExit64) {
    ScratchDir dir;
    const std::string corpus = shell_quote(source_dir() + "/corpus");
    EXPECT_EQ(yalu_index(dir / "db", "--batch 0 " + corpus).exit_code, 64);
    EXPECT_EQ(yalu_index(dir / "db", "--wait soon " + corpus).exit_code, 64);
    // Negative numbers must not wrap around to 4294967295 (a commit never), nor nan wait
    // forever.
    EXPECT_EQ(yalu_index(dir / "db", "--batch -1 " + corpus).exit_code, 64);
    EXPECT_EQ(yalu_index(dir / "db", "--wait -1 " + corpus).exit_code, 64);
    EXPECT_EQ(yalu_index(dir / "db", "--wait nan " + corpus).exit_code, 64);
    EXPECT_EQ(yalu_index(dir / "db", "--part-size -1 " + corpus).exit_code, 64);
    EXPECT_EQ(yalu_index(dir / "db", "--part-size many " + corpus).exit_code, 64);
    EXPECT_FALSE(fs::exists(dir / "db"));
    // Read-only modes take no sources and numbers in range; --json only goes with --stats.
    ASSERT_EQ(yalu_index(dir / "db", corpus).exit_code, 0);
    for (const auto& args :
         {"--stats " + corpus, "--suggest-entities 5 " + corpus,
          std::string("--suggest-entities=-3"), std::string("--suggest-entities 0"),
          "--json " + corpus, std::string("--stats --suggest-entities 5"),
          // Writing options would be silently ignored by a read-only mode.
          std::string("--stats --rebuild"), std::string("--stats --prune"),
          std::string("--stats --batch 10"), std::string("--stats --part-size 10"),
          std::string("--suggest-entities 5 --no-entities"),
          std::string("--stats --rejects r.jsonl")}) {
        const auto r = yalu_index(dir / "db", args);
        EXPECT_EQ(r.exit_code, 64) << args << ": " << r.out << r.err;
        EXPECT_TRUE(r.out.empty()) << args << ": " << r.out;
    }
    // A source whose name starts with a dash reads as an option: where it goes instead (it was
    // "unrecognised option '-2024.jsonl'" alone).
    write_file(dir / "-2024.jsonl", "{\"id\": \"d1\", \"body\": \"dash\"}\n");
    const std::string in_dir = "cd " + shell_quote(dir.path()) + " && " + shell_quote(index_bin());
    const auto dash = run_command(in_dir + " --db db -2024.jsonl");
    EXPECT_EQ(dash.exit_code, 64) << dash.err;
    EXPECT_NE(dash.err.find("'-2024.jsonl' is a file: a source whose name starts with - goes "
                            "after --: yalu-index [options] -- -2024.jsonl"),
              std::string::npos)
        << dash.err;
    EXPECT_EQ(run_command(in_dir + " --db db -- -2024.jsonl").exit_code, 0);
    // An option that is no file says nothing of --.
    EXPECT_EQ(yalu_index(dir / "db", "--quite " + corpus).err.find(" -- "), std::string::npos);
}

// The ids of every hit of a search of the synthetic marker word in `db`, in rank order (one
// per document: an id indexed twice would appear twice).
std::vector<std::string> marker_hits(const std::string& db) {
    const auto r =
        yalu_search(db, "--format json --exact -n 1000 --snippet 0 " + std::string(kMarker));
    std::vector<std::string> ids;
    EXPECT_LE(r.exit_code, 1) << r.err;
    if (r.exit_code != 0) return ids;
    const json found = json::parse(r.out);  // named: a range-for over a temporary's member dangles
    for (const auto& h : found.at("results")) ids.push_back(h.at("id").get<std::string>());
    return ids;
}

// The ids a search of the synthetic marker word finds in `db`.
std::set<std::string> marker_ids(const std::string& db) {
    const auto hits = marker_hits(db);
    return {hits.begin(), hits.end()};
}

std::string record(const std::string& id, const std::string& body) {
    return json({{"id", id}, {"date", "2024-01-02"}, {"lang", "en"}, {"body", body}}).dump() + "\n";
}

// An export's three records a1, a2 and a3 ("one", "two", "three", with the marker word).
std::array<std::string, 3> three_records() {
    return {record("a1", std::string(kMarker) + " one"),
            record("a2", std::string(kMarker) + " two"),
            record("a3", std::string(kMarker) + " three")};
}

// src/a.jsonl holding a1 ("one", with the marker word), indexed into `dir`/db.
void index_a1(const ScratchDir& dir) {
    fs::create_directories(dir / "src");
    write_file(dir / "src/a.jsonl", record("a1", std::string(kMarker) + " one"));
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(dir / "src")).exit_code, 0);
}

// src/a.jsonl holding a1 and a2, src/b.jsonl holding b1, each with the marker word.
void write_a1_a2_b1(const ScratchDir& dir) {
    fs::create_directories(dir / "src");
    write_file(dir / "src/a.jsonl", record("a1", std::string(kMarker) + " one") +
                                        record("a2", std::string(kMarker) + " two"));
    write_file(dir / "src/b.jsonl", record("b1", std::string(kMarker) + " three"));
}

TEST(OpsPrune, ARejectedRecordDoesNotDeleteWhatItsFileHeld) {
    ScratchDir dir;
    const std::string db = dir / "db";
    write_a1_a2_b1(dir);
    ASSERT_EQ(yalu_index(db, "--prune " + shell_quote(dir / "src")).exit_code, 0);
    ASSERT_EQ(marker_ids(db), (std::set<std::string>{"a1", "a2", "b1"}));
    // A typo breaks a2's record, and b1 is really gone from the archive.
    write_file(dir / "src/a.jsonl", record("a1", std::string(kMarker) + " one") +
                                        "{\"id\": \"a2\", \"body\": [\"oops\"]}\n");
    write_file(dir / "src/b.jsonl", record("b2", std::string(kMarker) + " four"));
    const auto r = yalu_index(db, "--prune " + shell_quote(dir / "src"));
    EXPECT_EQ(r.exit_code, 65) << r.err;
    EXPECT_EQ(marker_ids(db), (std::set<std::string>{"a1", "a2", "b2"}));
    // A record so broken that its id cannot be read could be any article: nothing is pruned,
    // even when its file was also renamed.
    write_file(dir / "src/a.jsonl", record("a1", std::string(kMarker) + " one"));
    fs::rename(dir / "src/b.jsonl", dir / "src/renamed.jsonl");
    write_file(dir / "src/renamed.jsonl", "{\"id\": \n");
    const auto skipped = yalu_index(db, "--prune " + shell_quote(dir / "src"));
    EXPECT_EQ(skipped.exit_code, 65);
    EXPECT_EQ(summary_count(skipped.out, "deleted"), 0) << skipped.out;
    EXPECT_EQ(marker_ids(db), (std::set<std::string>{"a1", "a2", "b2"}));
    // Fixed, the next run prunes what is really gone.
    write_file(dir / "src/renamed.jsonl", record("b2", std::string(kMarker) + " four"));
    EXPECT_EQ(yalu_index(db, "--prune " + shell_quote(dir / "src")).exit_code, 0);
    EXPECT_EQ(marker_ids(db), (std::set<std::string>{"a1", "b2"}));
}

// A .jsonl file truncated to nothing (a failed export, a full disk during a copy) is a bad
// night, not an archive that lost those articles: rejected (exit 65), nothing pruned.
TEST(OpsPrune, AFileTruncatedToNothingDeletesNothing) {
    ScratchDir dir;
    const std::string db = dir / "db";
    write_a1_a2_b1(dir);
    ASSERT_EQ(yalu_index(db, "--prune " + shell_quote(dir / "src")).exit_code, 0);
    for (const char* truncated : {"", "\n  \n"}) {
        write_file(dir / "src/a.jsonl", truncated);
        const auto r = yalu_index(db, "--prune " + shell_quote(dir / "src"));
        EXPECT_EQ(r.exit_code, 65) << r.err;
        EXPECT_NE(r.err.find("a.jsonl:1: empty file"), std::string::npos) << r.err;
        EXPECT_EQ(summary_count(r.out, "deleted"), 0) << r.out;
        EXPECT_EQ(marker_ids(db), (std::set<std::string>{"a1", "a2", "b1"}));
    }
    // Removed, the file's articles are gone from the sources: the next run prunes them.
    fs::remove(dir / "src/a.jsonl");
    EXPECT_EQ(yalu_index(db, "--prune " + shell_quote(dir / "src")).exit_code, 0);
    EXPECT_EQ(marker_ids(db), (std::set<std::string>{"b1"}));
}

// One dated XML <article> `id` holding the marker word.
std::string xml_article(const std::string& id) {
    return "<article id=\"" + id + "\" date=\"2024-01-02\" lang=\"en\"><body><p>" + kMarker + " " +
           id + "</p></body></article>";
}

// An .xml file that yields no article (an export that wrote only its root, or wrapped its
// articles in an element Yalu does not know) is a bad night too: rejected, nothing pruned.
TEST(OpsPrune, AnXmlFileWithNoArticleDeletesNothing) {
    ScratchDir dir;
    const std::string db = dir / "db";
    const std::string src = shell_quote(dir / "src");
    fs::create_directories(dir / "src");
    write_file(dir / "src/a.xml", "<articles>" + xml_article("e-1") + "</articles>\n");
    write_file(dir / "src/b.xml", xml_article("keep") + "\n");
    ASSERT_EQ(yalu_index(db, "--prune " + src).exit_code, 0);
    ASSERT_EQ(marker_ids(db), (std::set<std::string>{"e-1", "keep"}));
    const std::pair<std::string, std::string> nights[] = {
        {"<articles/>\n", "a.xml:1: empty file: <articles> holds no <article> at all"},
        {"<articles><batch>" + xml_article("e-1") + "</batch></articles>\n",
         "a.xml:1: no article read: <articles> holds no <article> directly"}};
    for (const auto& [text, said] : nights) {
        SCOPED_TRACE(text);
        write_file(dir / "src/a.xml", text);
        const auto r = yalu_index(db, "--prune " + src);
        EXPECT_EQ(r.exit_code, 65) << r.err;
        EXPECT_NE(r.err.find(said), std::string::npos) << r.err;
        EXPECT_NE(r.err.find("--prune skipped"), std::string::npos) << r.err;
        EXPECT_EQ(summary_count(r.out, "deleted"), 0) << r.out;
        EXPECT_EQ(marker_ids(db), (std::set<std::string>{"e-1", "keep"}));
    }
    // Removed, the file's articles are gone from the sources: the next run prunes them.
    fs::remove(dir / "src/a.xml");
    EXPECT_EQ(yalu_index(db, "--prune " + src).exit_code, 0);
    EXPECT_EQ(marker_ids(db), (std::set<std::string>{"keep"}));
}

TEST(OpsPrune, ARebuildKeepsWhatRejectedRecordsHeldAndCountsWhatItDrops) {
    ScratchDir dir;
    const std::string db = dir / "db";
    write_a1_a2_b1(dir);
    ASSERT_EQ(yalu_index(db, shell_quote(dir / "src")).exit_code, 0);
    // a2's record breaks and b1 leaves the archive: the rebuild drops b1 (and says so) but
    // keeps a2, analysed again from the live index's stored copy, until the record is fixed.
    write_file(dir / "src/a.jsonl", record("a1", std::string(kMarker) + " one") +
                                        "{\"id\": \"a2\", \"body\": [\"oops\"]}\n");
    write_file(dir / "src/b.jsonl", record("b2", std::string(kMarker) + " four"));
    const auto r = yalu_index(db, "--rebuild " + shell_quote(dir / "src"));
    EXPECT_EQ(r.exit_code, 65) << r.err;
    EXPECT_EQ(summary_count(r.out, "deleted"), 1) << r.out;
    EXPECT_NE(r.err.find("1 article(s) the sources no longer yield were kept"), std::string::npos)
        << r.err;
    EXPECT_EQ(marker_ids(db), (std::set<std::string>{"a1", "a2", "b2"}));
    const auto kept = yalu_search(db, "--show a2 --format json");
    ASSERT_EQ(kept.exit_code, 0) << kept.err;
    EXPECT_NE(json::parse(kept.out).dump().find("two"), std::string::npos) << kept.out;
    // A record whose id cannot be read could be any article: the rebuild keeps them all.
    write_file(dir / "src/b.jsonl", "{\"id\": \n");
    const auto unknown = yalu_index(db, "--rebuild " + shell_quote(dir / "src"));
    EXPECT_EQ(unknown.exit_code, 65) << unknown.err;
    EXPECT_EQ(summary_count(unknown.out, "deleted"), 0) << unknown.out;
    EXPECT_EQ(marker_ids(db), (std::set<std::string>{"a1", "a2", "b2"}));
    // An empty archive folder (unmounted) never becomes an empty index.
    fs::remove(dir / "src/a.jsonl");
    fs::remove(dir / "src/b.jsonl");
    const auto empty = yalu_index(db, "--rebuild " + shell_quote(dir / "src"));
    EXPECT_EQ(empty.exit_code, 66) << empty.err;
    EXPECT_NE(empty.err.find("the live index was kept"), std::string::npos) << empty.err;
    EXPECT_EQ(marker_ids(db), (std::set<std::string>{"a1", "a2", "b2"}));
}

TEST(OpsPrune, ANightWhoseEveryRecordIsRejectedIsABadNightNotAnEmptyArchive) {
    ScratchDir dir;
    const std::string db = dir / "db";
    fs::create_directories(dir / "src");
    write_articles(dir / "src/a.jsonl", 3);
    ASSERT_EQ(yalu_index(db, "--prune " + shell_quote(dir / "src")).exit_code, 0);
    write_file(dir / "src/a.jsonl", "{\"id\": \"x\", \"body\": 7}\n{\"id\": \n");
    write_file(dir / "rejects.jsonl", "stale\n");
    const auto r = yalu_index(db, "--prune --rejects " + shell_quote(dir / "rejects.jsonl") + " " +
                                      shell_quote(dir / "src"));
    EXPECT_EQ(r.exit_code, 65) << r.err;
    EXPECT_EQ(summary_count(r.out, "rejected"), 2) << r.out;
    EXPECT_NE(r.err.find("--prune skipped: every record was rejected"), std::string::npos) << r.err;
    EXPECT_EQ(read_file(dir / "rejects.jsonl").find("stale"), std::string::npos);
    EXPECT_EQ(marker_ids(db).size(), 3U);
}

TEST(OpsPrune, SourcesWithNoArticleDeleteNothing) {
    // An unmounted archive is an empty folder: --prune must not read it as "all gone".
    ScratchDir dir;
    const std::string db = dir / "db";
    fs::create_directories(dir / "src");
    write_articles(dir / "src/a.jsonl", 5);
    ASSERT_EQ(yalu_index(db, "--prune " + shell_quote(dir / "src")).exit_code, 0);
    fs::remove(dir / "src/a.jsonl");
    const auto r = yalu_index(db, "--prune " + shell_quote(dir / "src"));
    EXPECT_EQ(r.exit_code, 66) << r.err;
    EXPECT_NE(r.err.find("--prune"), std::string::npos) << r.err;
    EXPECT_EQ(marker_ids(db).size(), 5U);
    // A first run on an empty folder creates no database either.
    EXPECT_EQ(yalu_index(dir / "new.db", "--prune " + shell_quote(dir / "src")).exit_code, 66);
    EXPECT_FALSE(fs::exists(dir / "new.db"));
    EXPECT_FALSE(fs::exists(dir / "new.db.d"));
}

// Without --prune an unmounted archive (an empty folder) exited 0 without a word.
TEST(OpsPrune, AnEmptySourceFolderIsWarnedAboutEvenUnderQuiet) {
    ScratchDir dir;
    const std::string db = dir / "db";
    fs::create_directories(dir / "archive");
    fs::create_directories(dir / "other");
    write_articles(dir / "other/a.jsonl", 3);
    const std::string warning = "source folder '" + (dir / "archive") +
                                "' holds no article file (.txt, .xml, .jsonl): is it mounted?";
    const auto alone = yalu_index(db, shell_quote(dir / "archive"));  // --quiet, as every night
    EXPECT_EQ(alone.exit_code, 0) << alone.err;
    EXPECT_NE(alone.err.find(warning), std::string::npos) << alone.err;
    // Beside a folder that holds articles (where --prune would delete the missing ones) too.
    const auto beside =
        yalu_index(db, shell_quote(dir / "archive") + " " + shell_quote(dir / "other"));
    EXPECT_EQ(beside.exit_code, 0) << beside.err;
    EXPECT_NE(beside.err.find(warning), std::string::npos) << beside.err;
    EXPECT_EQ(summary_count(beside.out, "added"), 3) << beside.out;
    EXPECT_EQ(beside.err.find("source folder '" + (dir / "other")), std::string::npos)
        << beside.err;
}

TEST(OpsSources, LinkedFoldersAreReadAndBrokenLinksStopTheRun) {
    ScratchDir dir;
    const std::string db = dir / "db";
    fs::create_directories(dir / "src");
    fs::create_directories(dir / "disk2/2024");
    write_file(dir / "disk2/2024/a.jsonl", record("linked", std::string(kMarker) + " far"));
    fs::create_directory_symlink(dir / "disk2/2024", dir / "src/2024");
    fs::create_directory_symlink(dir / "src", dir / "src/loop");  // walked once, not forever
    ASSERT_EQ(yalu_index(db, shell_quote(dir / "src")).exit_code, 0);
    EXPECT_EQ(marker_ids(db), (std::set<std::string>{"linked"}));
    // A broken link inside the archive: exit 66 naming it, before anything is written.
    fs::create_symlink(dir / "nowhere.jsonl", dir / "src/broken.jsonl");
    write_file(dir / "src/new.jsonl", record("new", std::string(kMarker) + " near"));
    const auto r = yalu_index(db, "--prune " + shell_quote(dir / "src"));
    EXPECT_EQ(r.exit_code, 66) << r.err;
    EXPECT_NE(r.err.find("broken.jsonl"), std::string::npos) << r.err;
    EXPECT_EQ(marker_ids(db), (std::set<std::string>{"linked"}));
}

// A named pipe (or a link to a device) with an article's extension was skipped without a word
// inside a source folder, so --prune deleted the articles of the file it replaced (exit 0);
// named on the command line, the check that it opens waited for a writer forever, deaf to
// SIGTERM, and every later night's run piled up behind it. Exit 66 naming it, nothing written.
TEST(OpsSources, ANamedPipeOrDeviceWithAnArticleExtensionStopsTheRun) {
    ScratchDir dir;
    const std::string db = dir / "db";
    fs::create_directories(dir / "src");
    write_file(dir / "src/a.jsonl", record("a1", std::string(kMarker) + " kept"));
    write_file(dir / "src/b.jsonl", record("b1", std::string(kMarker) + " replaced"));
    ASSERT_EQ(yalu_index(db, shell_quote(dir / "src")).exit_code, 0);
    fs::remove(dir / "src/b.jsonl");
    ASSERT_EQ(::mkfifo((dir / "src/b.jsonl").c_str(), 0644), 0);
    const auto fifo = yalu_index(db, "--prune " + shell_quote(dir / "src"));
    EXPECT_EQ(fifo.exit_code, 66) << fifo.err;
    EXPECT_NE(fifo.err.find("b.jsonl' is a named pipe"), std::string::npos) << fifo.err;
    EXPECT_EQ(marker_ids(db), (std::set<std::string>{"a1", "b1"}));
    fs::remove(dir / "src/b.jsonl");
    fs::create_symlink("/dev/null", dir / "src/b.jsonl");
    const auto device = yalu_index(db, "--prune " + shell_quote(dir / "src"));
    EXPECT_EQ(device.exit_code, 66) << device.err;
    EXPECT_NE(device.err.find("b.jsonl' is a device"), std::string::npos) << device.err;
    EXPECT_EQ(marker_ids(db), (std::set<std::string>{"a1", "b1"}));
    // Named on the command line: refused at once, not waited on (the timeout only guards the
    // test against the old hang).
    ASSERT_EQ(::mkfifo((dir / "feed.jsonl").c_str(), 0644), 0);
    const auto named =
        run_command("timeout -s KILL 60 " + shell_quote(index_bin()) + " --quiet --db " +
                    shell_quote(db) + " " + shell_quote(dir / "feed.jsonl"));
    EXPECT_EQ(named.exit_code, 66) << named.err;
    EXPECT_NE(named.err.find("feed.jsonl' is a named pipe"), std::string::npos) << named.err;
    EXPECT_NE(named.err.find("yalu-index -"), std::string::npos) << named.err;
}

// --db naming a named pipe (or a stub line naming one): reading it as a stub waited for a writer
// forever, yalu-index deaf to SIGTERM and --stats and yalu-search until killed. (The timeout
// only guards the test against the old hang.)
TEST(OpsLayout, ADatabasePathThatIsANamedPipeIsRefusedNotWaitedOn) {
    ScratchDir dir;
    ASSERT_EQ(::mkfifo((dir / "fifo").c_str(), 0644), 0);
    write_file(dir / "a.jsonl", record("a1", std::string(kMarker) + " one"));
    const std::string guard = "timeout -s KILL 60 ";
    const std::string db = " --db " + shell_quote(dir / "fifo") + " ";
    const std::string named = "'" + (dir / "fifo") + "' is a named pipe (FIFO), not a database";
    for (const auto& [command, code] :
         {std::pair<std::string, int>{shell_quote(search_bin()) + db + kMarker, 5},
          {shell_quote(index_bin()) + db + shell_quote(dir / "a.jsonl"), 73},
          {shell_quote(index_bin()) + db + "--stats", 73},
          {shell_quote(index_bin()) + db + "--suggest-entities", 73}}) {
        const auto r = run_command(guard + command);
        EXPECT_EQ(r.exit_code, code) << command << ": " << r.err;
        EXPECT_NE(r.err.find(named), std::string::npos) << command << ": " << r.err;
    }
    // A stub line naming it: Xapian checks what a shard is before it reads one (this was right).
    write_file(dir / "stub", "auto " + (dir / "fifo") + "\n");
    const auto shard = run_command(guard + shell_quote(search_bin()) + " --db " +
                                   shell_quote(dir / "stub") + " x");
    EXPECT_EQ(shard.exit_code, 5) << shard.err;
    EXPECT_NE(shard.err.find("Not a regular file or directory: '" + (dir / "fifo") + "'"),
              std::string::npos)
        << shard.err;
}

TEST(OpsSources, AFileNamedTwiceIsReadOnceSoAQuietNightWritesNothing) {
    ScratchDir dir;
    const std::string db = dir / "db";
    fs::create_directories(dir / "src/sub");
    write_articles(dir / "src/a.jsonl", 3);
    write_file(dir / "src/sub/b.jsonl", record("b1", std::string(kMarker) + " sub"));
    fs::create_directory_symlink(dir / "src", dir / "alias");
    fs::create_hard_link(dir / "src/a.jsonl", dir / "hard.jsonl");
    const std::string sources = shell_quote(dir / "src") + " " + shell_quote(dir / "src/sub") +
                                " " + shell_quote(dir / "alias") + " " +
                                shell_quote(dir / "hard.jsonl");
    const auto first = yalu_index(db, sources);
    ASSERT_EQ(first.exit_code, 0) << first.err;
    EXPECT_EQ(summary_count(first.out, "added"), 4) << first.out;
    EXPECT_EQ(first.err.find("appeared earlier"), std::string::npos) << first.err;
    const auto again = yalu_index(db, sources);
    EXPECT_EQ(again.exit_code, 0) << again.err;
    EXPECT_EQ(summary_count(again.out, "updated"), 0) << again.out;
    EXPECT_EQ(summary_count(again.out, "unchanged"), 4) << again.out;
}

// An id given again by another file that rewrote the article was counted "unchanged", the run
// was not recorded as a change, and the warning was hidden by --quiet.
TEST(OpsSources, AnIdRepeatedAcrossFilesThatRewritesItsArticleIsAnUpdateSaidUnderQuiet) {
    ScratchDir dir;
    const std::string db = dir / "db";
    fs::create_directories(dir / "dup");
    write_file(dir / "dup/a.jsonl",
               "{\"id\":\"dup-1\",\"date\":\"2024-01-01\",\"title\":\"Original\",\"body\":"
               "\"About Pyongyang.\"}\n{\"id\":\"o-1\",\"date\":\"2024-01-02\",\"title\":"
               "\"Other\",\"body\":\"About Kaesong.\"}\n");
    ASSERT_EQ(yalu_index(db, shell_quote(dir / "dup")).exit_code, 0);
    const auto last_run = [&] {
        return json::parse(yalu_index(db, "--stats --json").out).at("last_run");
    };
    ASSERT_EQ(last_run().at("added"), 2);
    write_file(dir / "dup/b.jsonl",
               "{\"id\":\"dup-1\",\"date\":\"2024-01-01\",\"title\":\"Second copy\","
               "\"body\":\"About Sinuiju.\"}\n");
    const auto r = yalu_index(db, shell_quote(dir / "dup"));  // --quiet, as every night
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(summary_count(r.out, "added"), 0) << r.out;
    EXPECT_EQ(summary_count(r.out, "updated"), 1) << r.out;
    EXPECT_EQ(summary_count(r.out, "unchanged"), 1) << r.out;
    EXPECT_NE(r.err.find("id 'dup-1' at " + (dir / "dup/b.jsonl") + ":1 appeared earlier"),
              std::string::npos)
        << r.err;
    const auto shown = yalu_search(db, "--show dup-1 --format json");
    EXPECT_NE(shown.out.find("Second copy"), std::string::npos) << shown.out;
    EXPECT_EQ(last_run().at("updated"), 1);  // the run is recorded as the change it was
    // Two .txt files of one name in two folders give one id: the same case, said once.
    fs::create_directories(dir / "txt/x");
    fs::create_directories(dir / "txt/y");
    write_file(dir / "txt/x/flood.txt", " date 2024-07-30 Rain in Sinuiju.\n");
    ASSERT_EQ(yalu_index(dir / "db2", shell_quote(dir / "txt")).exit_code, 0);
    write_file(dir / "txt/y/flood.txt", " date 2024-07-31 More rain in Sinuiju.\n");
    write_file(dir / "txt/z.txt", " date 2024-07-31 Unrelated.\n");
    const auto t = yalu_index(dir / "db2", shell_quote(dir / "txt"));
    EXPECT_EQ(summary_count(t.out, "updated"), 1) << t.out;
    EXPECT_EQ(summary_count(t.out, "unchanged"), 0) << t.out;
    EXPECT_NE(t.err.find("id 'flood' at "), std::string::npos) << t.err;
}

TEST(OpsSources, ALinkToATextFileNeverRenamesItsArticleSoPruneDeletesNothing) {
    ScratchDir dir;
    const std::string db = dir / "db";
    fs::create_directories(dir / "src/txt");
    write_file(dir / "src/txt/orig.txt", std::string(" date 2024-01-02 ") + kMarker + " one\n");
    write_file(dir / "src/txt/other.txt", std::string(" date 2024-01-03 ") + kMarker + " two\n");
    const std::string src = shell_quote(dir / "src");
    ASSERT_EQ(yalu_index(db, "--prune " + src).exit_code, 0);
    const std::set<std::string> ids{"orig", "other"};
    ASSERT_EQ(marker_ids(db), ids);
    // A hard link and a symbolic link whose names sort before the originals: a .txt file's id
    // is its name, so reading the file under the link's name renamed the article.
    fs::create_hard_link(dir / "src/txt/orig.txt", dir / "src/a_hard.txt");
    fs::create_symlink(dir / "src/txt/other.txt", dir / "src/a_link.txt");
    for (const char* night : {"--prune ", "--prune ", "--rebuild --prune "}) {
        const auto r = yalu_index(db, night + src);
        EXPECT_EQ(r.exit_code, 0) << night << r.err;
        EXPECT_EQ(summary_count(r.out, "deleted"), 0) << night << r.out;
        EXPECT_EQ(marker_ids(db), ids) << night;
        // Said even with --quiet: the archive holds a name that is not read.
        EXPECT_NE(r.err.find("a_hard.txt' is another name (a link) of '"), std::string::npos)
            << night << r.err;
        EXPECT_NE(r.err.find("a_link.txt' is another name (a link) of '"), std::string::npos)
            << night << r.err;
    }
    // A fresh index reads a symbolic link's target under its own name as well.
    const auto fresh = yalu_index(dir / "fresh.db", src);
    EXPECT_EQ(fresh.exit_code, 0) << fresh.err;
    EXPECT_EQ(marker_ids(dir / "fresh.db"), (std::set<std::string>{"a_hard", "other"}));
}

// A hard link to a .jsonl file whose name sorts first was read instead of the original: every
// article's stored path (and so its hash) changed, so each of its articles was rewritten when
// the link appeared, and again when it went. The name the index holds them under is read.
TEST(OpsSources, AHardLinkToAJsonlFileRewritesNothing) {
    ScratchDir dir;
    const std::string db = dir / "db";
    fs::create_directories(dir / "src");
    write_articles(dir / "src/r2.jsonl", 20);
    const std::string src = shell_quote(dir / "src");
    ASSERT_EQ(yalu_index(db, "--prune " + src).exit_code, 0);
    const auto stored_path = [&] {
        const auto shown = yalu_search(db, "--format json --show ops-000003");
        return json::parse(shown.out).at("path").get<std::string>();
    };
    const std::string path = stored_path();
    ASSERT_NE(path.find("/r2.jsonl:"), std::string::npos) << path;
    fs::create_hard_link(dir / "src/r2.jsonl", dir / "src/aaa_hard.jsonl");
    for (int night = 0; night < 2; ++night) {
        const auto r = yalu_index(db, "--prune " + src);
        EXPECT_EQ(r.exit_code, 0) << r.err;
        EXPECT_EQ(summary_count(r.out, "updated"), 0) << r.out;
        EXPECT_EQ(summary_count(r.out, "unchanged"), 20) << r.out;
        EXPECT_EQ(stored_path(), path);
        EXPECT_NE(r.err.find("aaa_hard.jsonl' is another name (a link) of '"), std::string::npos)
            << r.err;
    }
    fs::remove(dir / "src/aaa_hard.jsonl");
    const auto after = yalu_index(db, "--prune " + src);
    EXPECT_EQ(summary_count(after.out, "updated"), 0) << after.out;
    EXPECT_EQ(summary_count(after.out, "unchanged"), 20) << after.out;
}

// The index knows an article by a symbolic link's name (the night before, the sources did not
// reach its target; or an older Yalu read it so): the target joining the sources must not
// rename the article, which --prune then deleted under its old id.
TEST(OpsSources, ASymbolicLinkTheIndexKnowsKeepsItsArticlesId) {
    ScratchDir dir;
    const std::string db = dir / "db";
    fs::create_directories(dir / "inbox");
    fs::create_directories(dir / "store");
    write_file(dir / "store/orig.txt", std::string(" date 2024-01-02 ") + kMarker + " one\n");
    fs::create_symlink(dir / "store/orig.txt", dir / "inbox/a_link.txt");
    ASSERT_EQ(yalu_index(db, "--prune " + shell_quote(dir / "inbox")).exit_code, 0);
    ASSERT_EQ(marker_ids(db), std::set<std::string>{"a_link"});
    const std::string both = shell_quote(dir / "inbox") + " " + shell_quote(dir / "store");
    for (const char* night : {"--prune ", "--prune ", "--rebuild --prune "}) {
        const auto r = yalu_index(db, night + both);
        EXPECT_EQ(r.exit_code, 0) << night << r.err;
        EXPECT_EQ(summary_count(r.out, "deleted"), 0) << night << r.out;
        EXPECT_EQ(marker_ids(db), std::set<std::string>{"a_link"}) << night;
        EXPECT_NE(r.err.find("orig.txt' is another name (a link) of '"), std::string::npos)
            << night << r.err;
        // The other name is the file itself: not to be removed.
        EXPECT_EQ(r.err.find("remove the extra name"), std::string::npos) << night << r.err;
    }
}

TEST(OpsSources, AFileNameNotInUtf8IsRejectedNotIndexedUnderAnIdNoSearchFinds) {
    // A .txt file (or an id-less XML article) is named after its file, and a file name in a
    // legacy encoding (a Korean Windows zip unpacked as CP949 bytes, a Latin-1 share) made an
    // id that is no UTF-8: the JSON output showed it with U+FFFD, which neither --show nor id:
    // finds, so a script could never fetch the article. Rejected under its id (prune keeps an
    // article indexed under it), naming the file and the fix, like a text that is no UTF-8.
    ScratchDir dir;
    fs::create_directories(dir / "src");
    const std::string cp949 = "\xB1\xE8\xC1\xA4\xC0\xBA";  // 김정은 in CP949
    const std::string dated = std::string("date 2024-01-02 ") + kMarker + " trucks crossed.\n";
    write_file(dir / ("src/" + cp949 + ".txt"), dated);
    write_file(dir / "src/caf\xE9.xml",
               "<article><title>T</title><date>2024-01-02</date><body><p>" + std::string(kMarker) +
                   " x</p></body></article>\n");
    write_file(dir / "src/ok.txt", dated);
    const std::string db = dir / "db";
    const auto r = yalu_index(
        db, "--rejects " + shell_quote(dir / "rejects.jsonl") + " " + shell_quote(dir / "src"));
    EXPECT_EQ(r.exit_code, 65) << r.err;
    EXPECT_EQ(marker_ids(db), (std::set<std::string>{"ok"}));
    EXPECT_NE(r.err.find("is not UTF-8"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("convmv"), std::string::npos) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 2) << r.err;
    // Every id a search lists is one --show finds.
    const auto found = yalu_search(db, "--format json " + std::string(kMarker));
    const json parsed = json::parse(found.out);
    for (const auto& hit : parsed.at("results"))
        EXPECT_EQ(
            yalu_search(db, "--show " + shell_quote(hit.at("id").get<std::string>())).exit_code, 0)
            << hit.dump();
    // Renamed to UTF-8 as the message says, it is indexed.
    fs::rename(dir / ("src/" + cp949 + ".txt"), dir / "src/김정은.txt");
    fs::remove(dir / "src/caf\xE9.xml");
    EXPECT_EQ(yalu_index(db, "--prune " + shell_quote(dir / "src")).exit_code, 0);
    EXPECT_EQ(marker_ids(db), (std::set<std::string>{"ok", "김정은"}));
}

TEST(OpsSources, OverlongIdOrLangIsOneRejectedRecord) {
    ScratchDir dir;
    const std::string db = dir / "db";
    json odd_lang = json::parse(record("shouty", std::string(kMarker) + " lang"));
    odd_lang["lang"] = "EN";
    json bad_lang = json::parse(record("badlang", std::string(kMarker) + " lang"));
    bad_lang["lang"] = std::string(300, 'e');
    write_file(dir / "a.jsonl", record("ok", std::string(kMarker) + " fine") +
                                    record(std::string(300, 'x'), std::string(kMarker) + " long") +
                                    odd_lang.dump() + "\n" + bad_lang.dump() + "\n");
    const auto r = yalu_index(db, shell_quote(dir / "a.jsonl"));
    EXPECT_EQ(r.exit_code, 65) << r.err;
    EXPECT_NE(r.err.find("a.jsonl:2"), std::string::npos) << r.err;
    EXPECT_EQ(marker_ids(db), (std::set<std::string>{"ok", "shouty", "badlang"}));
    // "EN" is the language en.
    const auto en = yalu_search(db, "--format json --lang en --exact " + std::string(kMarker));
    EXPECT_EQ(json::parse(en.out).at("total"), 3) << en.err;
}

TEST(OpsSources, RenamedFileUpdatesTheStoredPath) {
    ScratchDir dir;
    const std::string db = dir / "db";
    fs::create_directories(dir / "src");
    write_file(dir / "src/old.jsonl", record("moved", std::string(kMarker) + " text"));
    ASSERT_EQ(yalu_index(db, shell_quote(dir / "src")).exit_code, 0);
    // The same folder spelled another way is the same file: nothing is rewritten.
    const auto again = yalu_index(db, shell_quote(dir / "src/../src/"));
    EXPECT_EQ(summary_count(again.out, "unchanged"), 1) << again.out;
    fs::rename(dir / "src/old.jsonl", dir / "src/new.jsonl");
    ASSERT_EQ(yalu_index(db, shell_quote(dir / "src")).exit_code, 0);
    const auto shown = yalu_search(db, "--format json --show moved");
    EXPECT_NE(json::parse(shown.out).at("path").get<std::string>().find("new.jsonl:1"),
              std::string::npos)
        << shown.out;
}

// A wire record dated only by its dateline that gets the same day as metadata is rewritten:
// the stored date_origin (which --show prints) must say where the date now comes from, as a
// fresh index of the same file would (found by a differential soak of nightly runs).
TEST(OpsSources, ADatelineDateGivenAsMetadataUpdatesTheStoredOrigin) {
    ScratchDir dir;
    const std::string db = dir / "db";
    fs::create_directories(dir / "src/2024");
    const std::string body = std::string("Pyongyang, November 9 (KCNA) -- ") + kMarker + " text";
    const auto wire = [&](const std::string& date) {
        return json({{"id", "wire"}, {"date", date}, {"lang", "en"}, {"body", body}}).dump() + "\n";
    };
    const auto origin = [&] {
        const auto shown = yalu_search(db, "--format json --show wire");
        return json::parse(shown.out).at("date_origin").get<std::string>();
    };
    write_file(dir / "src/2024/wire.jsonl", wire(""));
    ASSERT_EQ(yalu_index(db, shell_quote(dir / "src")).exit_code, 0);
    EXPECT_EQ(origin(), "dateline");
    write_file(dir / "src/2024/wire.jsonl", wire("2024-11-09"));
    const auto dated = yalu_index(db, shell_quote(dir / "src"));
    EXPECT_EQ(summary_count(dated.out, "updated"), 1) << dated.out;
    EXPECT_EQ(origin(), "metadata");
    write_file(dir / "src/2024/wire.jsonl", wire(""));
    const auto undated = yalu_index(db, shell_quote(dir / "src"));
    EXPECT_EQ(summary_count(undated.out, "updated"), 1) << undated.out;
    EXPECT_EQ(origin(), "dateline");
}

TEST(OpsOutput, RejectsListKeysComeInTheDocumentedOrder) {
    ScratchDir dir;
    write_file(dir / "a.jsonl", record("ok", std::string(kMarker) + " fine") + "{broken\n");
    const auto r = yalu_index(dir / "db", "--rejects " + shell_quote(dir / "rejects.jsonl") + " " +
                                              shell_quote(dir / "a.jsonl"));
    EXPECT_EQ(r.exit_code, 65) << r.err;
    const std::string list = read_file(dir / "rejects.jsonl");
    // {"path", "line", "id", "reason"}, as --help and docs/OPERATIONS.md write them.
    const std::regex order(R"(^\{"path":"[^"]*a\.jsonl","line":2,"id":"","reason":"bad JSON)");
    EXPECT_TRUE(std::regex_search(list, order)) << list;
}

TEST(OpsSources, TheStoredPathIsAbsoluteWhateverTheCommandLineCalledTheFolder) {
    ScratchDir dir;
    const std::string db = dir / "db";
    fs::create_directories(dir / "src");
    write_file(dir / "src/a.jsonl", record("here", std::string(kMarker) + " text"));
    // The first run names the folder relative to its working directory ...
    const auto first = run_command("cd " + shell_quote(dir.path()) + " && " +
                                   shell_quote(index_bin()) + " --quiet --db db src");
    ASSERT_EQ(first.exit_code, 0) << first.err;
    const std::string absolute = (fs::canonical(dir.path()) / "src/a.jsonl").string() + ":1";
    const auto path_of_here = [&] {
        return json::parse(yalu_search(db, "--format json --show here").out).at("path");
    };
    EXPECT_EQ(path_of_here(), absolute);
    // ... a later one by an absolute path: nothing is rewritten, and the path stays true.
    const auto again = yalu_index(db, shell_quote(fs::canonical(dir.path()).string() + "/src"));
    EXPECT_EQ(summary_count(again.out, "unchanged"), 1) << again.out;
    EXPECT_EQ(path_of_here(), absolute);
}

// A wire story dated only by its dateline takes its year from a folder of its path: the same
// folder however the run names the file, so a run from inside the archive neither un-dates
// nor rewrites it (a blind QA round found each run flipping the date).
TEST(OpsSources, ADatelinesYearFromAFolderDoesNotDependOnTheWorkingDirectory) {
    ScratchDir dir;
    const std::string db = dir / "db";
    fs::create_directories(dir / "arch-2021");
    write_file(dir / "arch-2021/w9.txt",
               "SEOUL, Mar. 4 (Yonhap) -- North Korea fired missiles into the East Sea.\n"
               "By Kim Soo-yeon (sooyeon@yna.co.kr)");
    const auto date_of = [&] {
        return json::parse(yalu_search(db, "--format json --show w9").out).value("date", "");
    };
    const auto first = yalu_index(db, shell_quote(dir / "arch-2021"));
    ASSERT_EQ(first.exit_code, 0) << first.err;
    EXPECT_EQ(date_of(), "2021-03-04");
    const auto inside = run_command("cd " + shell_quote(dir / "arch-2021") + " && " +
                                    shell_quote(index_bin()) + " --db ../db w9.txt");
    ASSERT_EQ(inside.exit_code, 0) << inside.err;
    EXPECT_EQ(summary_count(inside.out, "unchanged"), 1) << inside.out << inside.err;
    EXPECT_EQ(date_of(), "2021-03-04");
}

// A feed link pointed at each night's new dump (current.jsonl -> export-DATE.jsonl) holding
// the same articles: the stored path resolved the file's own link too, so every article's
// hash changed and every quiet night rewrote the whole archive. The path names the link (the
// name the file is read under: a .txt file's id); the folders' links are still resolved.
TEST(OpsSources, AFeedLinkPointedAtANewDumpRewritesNothing) {
    ScratchDir dir;
    const std::string db = dir / "db";
    fs::create_directories(dir / "dumps");
    fs::create_directories(dir / "real_feed");
    fs::create_directory_symlink(dir / "real_feed", dir / "feed");
    write_articles(dir / "dumps/export-1.jsonl", 20);
    fs::create_symlink(dir / "dumps/export-1.jsonl", dir / "real_feed/current.jsonl");
    const std::string feed = shell_quote(dir / "feed");
    ASSERT_EQ(yalu_index(db, "--prune " + feed).exit_code, 0);
    fs::rename(dir / "dumps/export-1.jsonl", dir / "dumps/export-2.jsonl");
    fs::remove(dir / "real_feed/current.jsonl");
    fs::create_symlink(dir / "dumps/export-2.jsonl", dir / "real_feed/current.jsonl");
    const auto night = yalu_index(db, "--prune " + feed);
    ASSERT_EQ(night.exit_code, 0) << night.err;
    EXPECT_EQ(summary_count(night.out, "unchanged"), 20) << night.out;
    EXPECT_EQ(summary_count(night.out, "updated"), 0) << night.out;
    const std::string path =
        json::parse(yalu_search(db, "--format json --show ops-000000").out).at("path");
    EXPECT_EQ(path, (fs::canonical(dir.path()) / "real_feed/current.jsonl").string() + ":1");
}

TEST(OpsSources, HugeBrokenJsonLineIsReportedBriefly) {
    ScratchDir dir;
    write_file(dir / "a.jsonl", "{\"id\": \"x\", \"body\": \"" + std::string(2000000, 'z') + "\n" +
                                    record("ok", std::string(kMarker) + " fine"));
    const auto r = yalu_index(dir / "db", "--rejects " + shell_quote(dir / "rejects.jsonl") + " " +
                                              shell_quote(dir / "a.jsonl"));
    EXPECT_EQ(r.exit_code, 65) << r.err.substr(0, 500);
    EXPECT_NE(r.err.find("a.jsonl:1"), std::string::npos) << r.err.substr(0, 500);
    EXPECT_LT(r.err.size(), 2000U);
    EXPECT_LT(fs::file_size(dir / "rejects.jsonl"), 2000U);
}

// A .jsonl file an export is still writing ends in a record cut short, with no line end: it was
// "bad JSON at column 21: ... unexpected end of input", as if the exporter wrote broken JSON.
// A complete last line without a line end (the seed's shape) is a record like any other.
TEST(OpsSources, ALastLineCutShortWithoutALineEndIsSaidToBeAnExportStillBeingWritten) {
    ScratchDir dir;
    const std::string db = dir / "db";
    fs::create_directories(dir / "src");
    const auto [a1, a2, a3] = three_records();
    const auto unended = [](const std::string& line) { return line.substr(0, line.size() - 1); };
    write_file(dir / "src/a.jsonl", a1 + a2 + unended(a3));
    const std::string night =
        "--prune --rejects " + shell_quote(dir / "rejects.jsonl") + " " + shell_quote(dir / "src");
    const auto whole = yalu_index(db, night);
    EXPECT_EQ(whole.exit_code, 0) << whole.err;
    EXPECT_EQ(marker_ids(db), (std::set<std::string>{"a1", "a2", "a3"}));
    // The export writing the file again, half-way through a3: a1 and a2 are read, the cut
    // line is one rejection saying what it is, and a3 (not yet written) is not pruned.
    write_file(dir / "src/a.jsonl", a1 + a2 + a3.substr(0, 25));
    const auto cut = yalu_index(db, night);
    EXPECT_EQ(cut.exit_code, 65) << cut.err;
    EXPECT_EQ(summary_count(cut.out, "rejected"), 1) << cut.out;
    for (const std::string words :
         {"a.jsonl:3: the last line has no line end and is not complete JSON",
          "most likely still being written (an export in progress) or was cut short",
          "rerun once the export has finished, or repair the file", "bad JSON at column 26",
          "--prune skipped"})
        EXPECT_NE(cut.err.find(words), std::string::npos) << words << "\n" << cut.err;
    EXPECT_EQ(marker_ids(db), (std::set<std::string>{"a1", "a2", "a3"}));
    const json rejection = json::parse(read_file(dir / "rejects.jsonl"));
    EXPECT_EQ(rejection.at("line"), 3);
    EXPECT_EQ(rejection.at("id"), "");
    // A broken line with its line end is bad JSON as before, not an export in progress.
    write_file(dir / "src/a.jsonl", a1 + a3.substr(0, 25) + "\n" + unended(a2));
    const auto broken = yalu_index(db, night);
    EXPECT_EQ(broken.exit_code, 65) << broken.err;
    EXPECT_NE(broken.err.find("a.jsonl:2: bad JSON at column"), std::string::npos) << broken.err;
    EXPECT_EQ(broken.err.find("no line end"), std::string::npos) << broken.err;
    // A producer stopped inside a record, on standard input.
    const auto piped =
        run_command("printf '%s' " + shell_quote(a1 + a2.substr(0, 25)) + " | " +
                    shell_quote(index_bin()) + " --quiet --db " + shell_quote(db) + " -");
    EXPECT_EQ(piped.exit_code, 65) << piped.err;
    EXPECT_NE(piped.err.find("-:2: standard input ended inside a record: its last line has no "
                             "line end and is not complete JSON"),
              std::string::npos)
        << piped.err;
}

// An export that writes its file in place (truncating it, then writing it line by line, or a
// `cp` over it) while the nightly run reads it: the run read the first records, each line whole,
// and --prune deleted the rest of the file's articles (exit 0, not a word), which the next night
// added again. A file that changed while the run read it is rejected without an id instead:
// what was read is indexed, nothing is pruned, and the next run reads the file again.
TEST(OpsPrune, AFileWrittenInPlaceWhileTheRunReadsItDeletesNothing) {
    ScratchDir dir;
    const std::string db = dir / "db";
    fs::create_directories(dir / "src");
    const auto [a1, a2, a3] = three_records();
    write_file(dir / "src/a.jsonl", a1 + a2 + a3);
    ASSERT_EQ(yalu_index(db, "--prune " + shell_quote(dir / "src")).exit_code, 0);
    // The export starts again and has written a1 (twice, so that the run says when it has read
    // the file, even with --quiet) when the run reads the file; the run then waits on its pipe.
    write_file(dir / "src/a.jsonl", a1 + a1);
    int fds[2];
    ASSERT_EQ(::pipe2(fds, O_CLOEXEC), 0);  // the run's copy of the write end would keep it open
    const std::string rejects = dir / "rejects.jsonl";
    const pid_t pid = spawn_index(db, {"--prune", "--rejects", rejects, dir / "src", "-"}, fds[0]);
    ASSERT_GT(pid, 0);
    ::close(fds[0]);
    const auto deadline = Clock::now() + std::chrono::seconds(60);
    while (read_file(db + ".spawn-err").find("appeared earlier") == std::string::npos &&
           Clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    // The export goes on writing the file, then the pipe delivers its record and ends.
    std::ofstream(dir / "src/a.jsonl", std::ios::app | std::ios::binary) << a2 << a3;
    const std::string piped = record("p1", std::string(kMarker) + " piped");
    ASSERT_EQ(::write(fds[1], piped.data(), piped.size()), static_cast<ssize_t>(piped.size()));
    ::close(fds[1]);
    const int status = wait_for(pid);
    const std::string err = read_file(db + ".spawn-err"), out = read_file(db + ".spawn-out");
    EXPECT_EQ(status, 65) << err;
    for (const std::string words :
         {"a.jsonl: the file changed while this run read it", "--prune skipped"})
        EXPECT_NE(err.find(words), std::string::npos) << words << "\n" << err;
    EXPECT_EQ(summary_count(out, "deleted"), 0) << out;
    EXPECT_EQ(marker_ids(db), (std::set<std::string>{"a1", "a2", "a3", "p1"}));
    const json rejection = json::parse(read_file(rejects));
    EXPECT_EQ(rejection.at("id"), "");
    EXPECT_NE(rejection.at("path").get<std::string>().find("a.jsonl"), std::string::npos);
    // The export finished, the next night reads the whole file, and prunes what is gone.
    const auto next = yalu_index(
        db, "--prune --rejects " + shell_quote(rejects) + " " + shell_quote(dir / "src"));
    EXPECT_EQ(next.exit_code, 0) << next.err;
    EXPECT_EQ(next.err.find("changed while"), std::string::npos) << next.err;
    EXPECT_EQ(marker_ids(db), (std::set<std::string>{"a1", "a2", "a3"}));
    EXPECT_EQ(read_file(rejects), "");
}

TEST(OpsLayout, TrailingSlashOnTheDatabasePathIsTheSameDatabase) {
    ScratchDir dir;
    const std::string db = dir / "db";
    fs::create_directories(dir / "src");
    write_articles(dir / "src/a.jsonl", 5);
    ASSERT_EQ(yalu_index(db, shell_quote(dir / "src")).exit_code, 0);
    const std::string stub = read_file(db);
    write_articles(dir / "src/a.jsonl", 6);
    const auto r = yalu_index(db + "/", shell_quote(dir / "src"));
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(read_file(db), stub);  // still names the same generation
    EXPECT_EQ(marker_ids(db).size(), 6U);
    EXPECT_EQ(yalu_index(db, shell_quote(dir / "src")).exit_code, 0);
    EXPECT_EQ(marker_ids(db).size(), 6U);
    // The searcher and --stats read "db/" as db too.
    EXPECT_EQ(yalu_search(db + "/", std::string(kMarker)).exit_code, 0);
    EXPECT_EQ(
        run_command(shell_quote(index_bin()) + " --stats --db " + shell_quote(db + "/")).exit_code,
        0);
    // A stub edited by hand (a comment, a trailing '/'): a rebuild still keeps the generation
    // it replaces, and indexing reads the stub as the searcher does.
    write_file(db, "# rolled back by hand\nauto db.d/gen-000001/\n");
    EXPECT_EQ(yalu_index(db, shell_quote(dir / "src")).exit_code, 0);
    EXPECT_EQ(yalu_index(db, "--rebuild " + shell_quote(dir / "src")).exit_code, 0);
    EXPECT_TRUE(fs::exists(dir / "db.d/gen-000001"));
    EXPECT_EQ(marker_ids(db).size(), 6U);
}

TEST(OpsLayout, AWrongDbPathIsRefusedBeforeAnythingIsWritten) {
    ScratchDir dir;
    fs::create_directories(dir / "src");
    write_articles(dir / "src/a.jsonl", 3);
    const auto names = [&] {
        std::set<std::string> all;
        for (const auto& e : fs::recursive_directory_iterator(dir.path()))
            all.insert(e.path().string());
        return all;
    };
    const auto before = names();
    // The archive folder itself, a source file, an empty value (an unset cron variable).
    const std::vector<std::pair<std::string, int>> cases{
        {dir / "src", 73}, {dir / "src/a.jsonl", 73}, {"", 64}};
    for (const auto& [db, code] : cases) {
        const auto r =
            run_command("cd " + shell_quote(dir.path()) + " && " + shell_quote(index_bin()) +
                        " --db " + shell_quote(db) + " " + shell_quote(dir / "src"));
        EXPECT_EQ(r.exit_code, code) << db << ": " << r.err;
        EXPECT_NE(r.err.find("--db"), std::string::npos) << db << ": " << r.err;
        EXPECT_EQ(names(), before) << db << " left files behind";
    }
}

TEST(OpsLayout, AnEmptyRejectsOrSchemaDirIsAUsageErrorNotLeftOut) {
    // A cron line's unset variable: --rejects "$LIST" wrote no list and said nothing (exit 0),
    // --schema-dir "$DIR" indexed with the default schemas, and --stats --db "$DB" said there
    // was no index at '' (66).
    ScratchDir dir;
    fs::create_directories(dir / "src");
    write_articles(dir / "src/a.jsonl", 3);
    const std::string index = "cd " + shell_quote(dir.path()) + " && " + shell_quote(index_bin());
    for (const auto& [args, option] : std::vector<std::pair<std::string, std::string>>{
             {"--db db --rejects '' src", "--rejects"},
             {"--db db --schema-dir ' ' src", "--schema-dir"},
             {"--db db --stats --schema-dir ''", "--schema-dir"},
             {"--db '' --stats", "--db"},
             {"--db '' src", "--db"}}) {
        const auto r = run_command(index + " " + args);
        EXPECT_EQ(r.exit_code, 64) << args << ": " << r.err;
        EXPECT_NE(r.err.find(option + " needs "), std::string::npos) << args << ": " << r.err;
        EXPECT_FALSE(fs::exists(dir / "db")) << args;
    }
}

TEST(OpsLayout, ALinkToTheStubIsTheDatabaseItNames) {
    ScratchDir dir;
    fs::create_directories(dir / "data");
    fs::create_directories(dir / "srv");
    fs::create_directories(dir / "src");
    write_articles(dir / "src/a.jsonl", 4);
    ASSERT_EQ(yalu_index(dir / "data/yalu.db", shell_quote(dir / "src")).exit_code, 0);
    fs::create_symlink("../data/yalu.db", dir / "srv/yalu.db");
    const std::string link = dir / "srv/yalu.db";
    write_articles(dir / "src/a.jsonl", 5);
    const auto update = yalu_index(link, shell_quote(dir / "src"));
    EXPECT_EQ(update.exit_code, 0) << update.err;
    EXPECT_EQ(yalu_index(link, "--rebuild " + shell_quote(dir / "src")).exit_code, 0);
    // The rebuild replaced the real stub; the link still names it and nothing forked.
    EXPECT_TRUE(fs::is_symlink(link));
    EXPECT_FALSE(fs::exists(dir / "srv/yalu.db.d"));
    EXPECT_EQ(marker_ids(dir / "data/yalu.db").size(), 5U);
    EXPECT_EQ(marker_ids(link).size(), 5U);
}

TEST(OpsLayout, FirstRunKilledWhileCreatingTheDatabaseIsStartedAgain) {
    ScratchDir dir;
    const std::string db = dir / "db";
    write_articles(dir / "a.jsonl", 3);
    // What a kill during creation left behind: a generation folder without a revision file,
    // with (older Yalu) or without a stub naming it.
    for (const bool with_stub : {false, true}) {
        fs::remove_all(dir / "db.d");
        fs::remove(db);
        fs::create_directories(dir / "db.d/gen-000001");
        write_file(dir / "db.d/gen-000001/postlist.glass", "");
        write_file(dir / "db.d/gen-000001/flintlock", "");
        if (with_stub) write_file(db, "auto db.d/gen-000001\n");
        const auto r = yalu_index(db, shell_quote(dir / "a.jsonl"));
        EXPECT_EQ(r.exit_code, 0) << with_stub << ": " << r.err;
        EXPECT_EQ(marker_ids(db).size(), 3U) << with_stub;
    }
}

TEST(OpsExit, LockedRunLeavesTheRunningNightsRejectsAlone) {
    ScratchDir dir;
    const std::string db = dir / "db";
    ASSERT_EQ(yalu_index(db, shell_quote(source_dir() + "/corpus")).exit_code, 0);
    // The running night's temporary list, by the naming of any other process.
    write_file(dir / "rejects.jsonl", "previous\n");
    const int fd = ::open((db + ".lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    ASSERT_GE(fd, 0);
    ASSERT_EQ(::flock(fd, LOCK_EX), 0);
    const auto before = names_in(dir.path());
    const auto r = yalu_index(db, "--rejects " + shell_quote(dir / "rejects.jsonl") + " " +
                                      shell_quote(source_dir() + "/corpus"));
    ::close(fd);
    EXPECT_EQ(r.exit_code, 75) << r.err;
    EXPECT_EQ(names_in(dir.path()), before);  // no temporary file left, none removed
    EXPECT_EQ(read_file(dir / "rejects.jsonl"), "previous\n");
}

TEST(OpsOutput, SkippedFilesAndSkippedPruningAreSaidEvenWhenQuiet) {
    // The nightly command runs --quiet; these change what the index holds.
    ScratchDir dir;
    fs::create_directories(dir / "src");
    write_articles(dir / "src/a.jsonl", 3);
    write_file(dir / "src/b.jsonl.gz", "not read");
    const auto r = yalu_index(dir / "db", "--prune " + shell_quote(dir / "src"));  // adds -q
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("skipped for their extension"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("b.jsonl.gz"), std::string::npos) << r.err;
}

// A --rejects list kept in a source folder was read back as articles the next night (its lines
// have no article id: exit 65 and --prune skipped every night), and its temporary file and a
// database kept there were warned about as files of another extension. None of them is read;
// a note says so. Named as a source, the list is a usage error.
TEST(OpsSources, TheRejectsListAndTheDatabaseInASourceFolderAreNeverRead) {
    ScratchDir dir;
    fs::create_directories(dir / "arch");
    write_articles(dir / "arch/a.jsonl", 5);
    write_file(dir / "arch/a.jsonl", read_file(dir / "arch/a.jsonl") + "{\"id\": \"cut\n");
    const std::string db = dir / "arch/db", list = dir / "arch/rejects.jsonl";
    const std::string args =
        "--prune --rejects " + shell_quote(list) + " " + shell_quote(dir / "arch");
    const auto bad = yalu_index(db, args);
    EXPECT_EQ(bad.exit_code, 65) << bad.err;
    ASSERT_NE(read_file(list), "");
    write_articles(dir / "arch/a.jsonl", 3);  // the export fixed, two articles gone
    const auto fixed = yalu_index(db, args);
    EXPECT_EQ(fixed.exit_code, 0) << fixed.err;
    EXPECT_EQ(summary_count(fixed.out, "rejected"), 0) << fixed.out;
    EXPECT_EQ(summary_count(fixed.out, "deleted"), 2) << fixed.out;
    EXPECT_EQ(fixed.err.find("skipped for their extension"), std::string::npos) << fixed.err;
    EXPECT_NE(fixed.err.find("the --rejects list '" + list + "'"), std::string::npos) << fixed.err;
    EXPECT_NE(fixed.err.find("the database '" + db + "' lies inside a source folder"),
              std::string::npos)
        << fixed.err;
    EXPECT_EQ(read_file(list), "");
    // Through another name of the folder, too (the comparison is by canonical path).
    fs::create_symlink(dir / "arch", dir / "link");
    const auto linked =
        yalu_index(db, "--prune --rejects " + shell_quote(list) + " " + shell_quote(dir / "link"));
    EXPECT_EQ(linked.exit_code, 0) << linked.err;
    EXPECT_EQ(summary_count(linked.out, "unchanged"), 3) << linked.out;
    const auto named =
        yalu_index(db, "--rejects " + shell_quote(list) + " " + shell_quote(dir / "arch/a.jsonl") +
                           " " + shell_quote(list));
    EXPECT_EQ(named.exit_code, 64) << named.err;
    EXPECT_NE(named.err.find("is the --rejects list this run writes"), std::string::npos)
        << named.err;
    EXPECT_TRUE(named.out.empty()) << named.out;
}

// --rejects naming a file of the database: the list, renamed over it at the end, replaced the
// stub (the index then "empty", every search exit 5), the lock file (a new inode: the next run
// and a running one no longer exclude each other) or a table of the live generation, exit 0.
TEST(OpsExit, ARejectsListNamingAFileOfTheDatabaseExits64) {
    ScratchDir dir;
    const std::string db = dir / "db";
    index_a1(dir);
    write_file(dir / "src/a.jsonl", record("a1", std::string(kMarker) + " two"));
    fs::create_symlink(db, dir / "link");
    const std::string stub = read_file(db);
    const auto table = fs::file_size(dir / "db.d/gen-000001/postlist.glass");
    for (const std::string& list :
         {db, dir / "link", db + ".lock", db + ".d/gen-000001/postlist.glass",
          db + ".d/rejects.jsonl", dir / "src/../db"}) {
        const auto r =
            yalu_index(db, "--rejects " + shell_quote(list) + " " + shell_quote(dir / "src"));
        EXPECT_EQ(r.exit_code, 64) << list << ": " << r.err;
        EXPECT_NE(r.err.find("--rejects '" + list + "' is a file of the database '" + db + "'"),
                  std::string::npos)
            << r.err;
        EXPECT_NE(r.err.find("nothing was written"), std::string::npos) << r.err;
        EXPECT_TRUE(r.out.empty()) << r.out;
        EXPECT_EQ(read_file(db), stub) << list;
        EXPECT_EQ(fs::file_size(dir / "db.d/gen-000001/postlist.glass"), table) << list;
    }
    EXPECT_FALSE(fs::exists(db + ".d/rejects.jsonl"));
    EXPECT_EQ(marker_hits(db), (std::vector<std::string>{"a1"}));
    // Beside the database is fine.
    const auto beside = yalu_index(
        db, "--rejects " + shell_quote(db + ".rejects") + " " + shell_quote(dir / "src"));
    EXPECT_EQ(beside.exit_code, 0) << beside.err;
    EXPECT_EQ(summary_count(beside.out, "updated"), 1) << beside.out;
}

// --rejects naming a symbolic link, or no regular file: the list, renamed over the name at the
// end, replaced the link with a file (its target never written: a log shipper reading the
// target saw nothing), a named pipe, or a link to a device, as /dev/stderr is to
// /proc/self/fd/2 (run as root, `--rejects /dev/stderr` replaced it for the whole machine).
TEST(OpsExit, ARejectsListReachedByALinkIsWrittenThroughItAndADeviceOrPipeIsRefused) {
    ScratchDir dir;
    const std::string db = dir / "db";
    fs::create_directories(dir / "src");
    write_file(dir / "src/a.jsonl", record("a1", std::string(kMarker) + " one") + "{\"id\":\n");
    fs::create_directories(dir / "logs");
    fs::create_symlink("logs/rejects.jsonl", dir / "rejects.jsonl");
    const auto linked = yalu_index(
        db, "--rejects " + shell_quote(dir / "rejects.jsonl") + " " + shell_quote(dir / "src"));
    EXPECT_EQ(linked.exit_code, 65) << linked.err;
    EXPECT_TRUE(fs::is_symlink(dir / "rejects.jsonl"));
    EXPECT_EQ(json::parse(read_file(dir / "logs/rejects.jsonl")).at("line"), 2);
    EXPECT_EQ(names_in(dir / "logs"), (std::set<std::string>{"rejects.jsonl"}));
    fs::create_symlink("/dev/null", dir / "null");
    ASSERT_EQ(::mkfifo((dir / "fifo").c_str(), 0644), 0);
    for (const auto& [name, kind] : {std::pair<std::string, std::string>{"null", "a device"},
                                     {"fifo", "a named pipe (FIFO)"}}) {
        const auto r =
            yalu_index(db, "--rejects " + shell_quote(dir / name) + " " + shell_quote(dir / "src"));
        EXPECT_EQ(r.exit_code, 73) << r.err;
        EXPECT_NE(
            r.err.find("--rejects '" + (dir / name) + "' is " + kind + ", not a regular file"),
            std::string::npos)
            << r.err;
        EXPECT_TRUE(r.out.empty()) << r.out;  // nothing ran
    }
    EXPECT_TRUE(fs::is_symlink(dir / "null"));
    EXPECT_TRUE(fs::is_fifo(dir / "fifo"));
    for (const auto& name : names_in(dir.path()))
        EXPECT_EQ(name.find(".tmp"), std::string::npos) << name;
}

// Indexes 200 articles of a.jsonl into `dir`/db and returns its posting-list table's path.
std::string index_to_damage(const ScratchDir& dir) {
    write_articles(dir / "a.jsonl", 200);
    EXPECT_EQ(yalu_index(dir / "db", shell_quote(dir / "a.jsonl")).exit_code, 0);
    return dir / "db.d/gen-000001/postlist.glass";
}

// `bytes` with every seventh byte of its `block`-th 8 KiB block flipped.
std::string damaged_block(std::string bytes, std::size_t block) {
    for (std::size_t i = block * 8192; i < std::min(bytes.size(), (block + 1) * 8192); i += 7)
        bytes[i] = static_cast<char>(bytes[i] ^ 0x5a);
    return bytes;
}

TEST(OpsExit, DamagedIndexNeverAbortsTheSearcher) {
    ScratchDir dir;
    const std::string db = dir / "db";
    const std::string postlist = index_to_damage(dir);
    const std::string pristine = read_file(postlist);
    // Each 8 KiB block of the posting lists damaged in turn: an error with an exit code, never
    // an abort (a Xapian exception escaping used to end in std::terminate, exit 134).
    for (std::size_t block = 0; block * 8192 < pristine.size(); ++block) {
        write_file(postlist, damaged_block(pristine, block));
        const auto r = yalu_search(db, "--format json " + std::string(kMarker));
        EXPECT_LT(r.exit_code, 128) << "block " << block << ": " << r.err;
        if (r.exit_code >= 2 && r.exit_code < 70) {
            EXPECT_NO_THROW({
                const auto parsed = json::parse(r.out);
                EXPECT_TRUE(parsed.is_object());
            }) << "block "
               << block << ": " << r.out;
        }
    }
    write_file(postlist, pristine);
}

TEST(OpsExit, ACorruptIndexSaysToCheckAndRebuildIt) {
    ScratchDir dir;
    const std::string db = dir / "db";
    const std::string postlist = index_to_damage(dir);
    write_file(postlist, damaged_block(read_file(postlist), 0));
    write_file(dir / "b.jsonl", record("new", std::string(kMarker) + " text"));
    const auto r =
        yalu_index(db, shell_quote(dir / "a.jsonl") + " " + shell_quote(dir / "b.jsonl"));
    EXPECT_EQ(r.exit_code, 73) << r.err;
    EXPECT_NE(r.err.find("DatabaseCorruptError"), std::string::npos) << r.err;
    // The procedure of docs/OPERATIONS.md, not the advice for a full disk.
    EXPECT_NE(r.err.find("xapian-check " + dir / "db.d/gen-000001"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("--rebuild"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("free disk space"), std::string::npos) << r.err;
    // And the rebuild it names mends the index.
    const auto rebuilt = yalu_index(
        db, "--rebuild " + shell_quote(dir / "a.jsonl") + " " + shell_quote(dir / "b.jsonl"));
    EXPECT_EQ(rebuilt.exit_code, 0) << rebuilt.err;
    EXPECT_EQ(marker_ids(db).size(), 201U);
}

TEST(OpsExit, OutputThatCannotBeWrittenExits74ButAClosedPipeDoesNot) {
    // A log on a full disk (cron's >>index.log, systemd's StandardOutput=append:) lost the
    // summary line, and `--stats --json > stats.json` wrote an empty file, both with exit 0:
    // nothing told the wrapper or `systemctl --failed`. A clean run whose output cannot be
    // written now exits 74 (EX_IOERR) saying why; the index is written as always. A reader that
    // closed its pipe early is no failure (AClosedOutputPipeDoesNotStopTheRun).
    if (!fs::exists("/dev/full")) GTEST_SKIP() << "no /dev/full on this system";
    ScratchDir dir;
    write_articles(dir / "a.jsonl", 20);
    const std::string db = dir / "db";
    const auto run = run_command(shell_quote(index_bin()) + " --quiet --db " + shell_quote(db) +
                                 " " + shell_quote(dir / "a.jsonl") + " >/dev/full");
    EXPECT_EQ(run.exit_code, 74) << run.err;
    EXPECT_NE(run.err.find("cannot write to standard output: No space left on device"),
              std::string::npos)
        << run.err;
    EXPECT_EQ(indexed_count(db), 20);
    for (const char* what : {"--stats", "--stats --json"}) {
        const auto r = run_command(shell_quote(index_bin()) + " " + what + " --db " +
                                   shell_quote(db) + " >/dev/full");
        EXPECT_EQ(r.exit_code, 74) << what << ": " << r.err;
        EXPECT_NE(r.err.find("No space left on device"), std::string::npos)
            << what << ": " << r.err;
    }
    // A run that failed or rejected something keeps its own code.
    write_file(dir / "bad.jsonl", "{\"id\": \"x\"\n");
    EXPECT_EQ(run_command(shell_quote(index_bin()) + " --quiet --db " + shell_quote(db) + " " +
                          shell_quote(dir / "bad.jsonl") + " >/dev/full")
                  .exit_code,
              65);
    EXPECT_EQ(run_command(shell_quote(index_bin()) + " --batch 0 --db " + shell_quote(db) + " " +
                          shell_quote(dir / "a.jsonl") + " >/dev/full")
                  .exit_code,
              64);
}

TEST(OpsExit, StatsAndSuggestionsOfAMissingIndexExit66) {
    ScratchDir dir;
    for (const char* what : {"--stats", "--suggest-entities"}) {
        const auto r = run_command(shell_quote(index_bin()) + " " + what + " --db " +
                                   shell_quote(dir / "nothing.db"));
        EXPECT_EQ(r.exit_code, 66) << what << ": " << r.err;
        EXPECT_NE(r.err.find("no index at"), std::string::npos) << r.err;
    }
}

// An index holding no article (a first night whose every record was rejected) gave
// --suggest-entities nothing to print, and it printed nothing, exit 0: as if the archive used no
// name the gazetteer lacks. It says there is nothing to suggest from, exit 66 as for no index
// (yalu-index's exit codes are sysexits': no input); --stats still reads it (0 documents).
TEST(OpsExit, SuggestionsOfAnIndexWithNoArticleSayThereIsNothingToSuggestFromAndExit66) {
    ScratchDir dir;
    write_file(dir / "bad.jsonl", "{\"body\": \"no id\"}\n");
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(dir / "bad.jsonl")).exit_code, 65);
    const auto r = yalu_index(dir / "db", "--suggest-entities 5");
    EXPECT_EQ(r.exit_code, 66) << r.out << r.err;
    EXPECT_EQ(r.out, "");
    EXPECT_NE(r.err.find("index '" + (dir / "db") +
                         "' holds no article: there is nothing to suggest names from"),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("yalu-index --db " + (dir / "db") + " SOURCES..."), std::string::npos)
        << r.err;
    EXPECT_EQ(yalu_index(dir / "db", "--stats").exit_code, 0);
}

// An empty folder at --db gave Xapian's "Couldn't detect type of database" (73) to --stats and
// --suggest-entities, where a search says "no index"; an empty stub file was "not a Yalu
// index ... another program wrote" to --stats and an empty success (exit 0, no output) to
// --suggest-entities, where a search names the empty stub.
TEST(OpsExit, AnEmptyFolderIsNoIndexAndAnEmptyStubIsNamedToEveryReader) {
    ScratchDir dir;
    fs::create_directory(dir / "empty.db");
    write_file(dir / "empty.stub", "# nothing yet\n");
    for (const char* what : {"--stats", "--suggest-entities"}) {
        const auto folder = yalu_index(dir / "empty.db", what);
        EXPECT_EQ(folder.exit_code, 66) << what << ": " << folder.err;
        EXPECT_NE(folder.err.find("no index at"), std::string::npos) << what << ": " << folder.err;
        const auto stub = yalu_index(dir / "empty.stub", what);
        EXPECT_EQ(stub.exit_code, 73) << what << ": " << stub.out << stub.err;
        EXPECT_NE(stub.err.find("stub file '" + (dir / "empty.stub") + "' is empty"),
                  std::string::npos)
            << what << ": " << stub.err;
    }
    const auto folder = yalu_search(dir / "empty.db", "missile");
    EXPECT_EQ(folder.exit_code, 3) << folder.err;
    const auto stub = yalu_search(dir / "empty.stub", "missile");
    EXPECT_EQ(stub.exit_code, 5) << stub.err;
    EXPECT_NE(stub.err.find("' is empty"), std::string::npos) << stub.err;
}

// A folder that holds files but no database, given as --db: the archive folder, or PATH.d,
// where the generations of PATH live (a natural guess at "the index's folder"). --stats and
// --suggest-entities printed Xapian's "cannot read 'PATH.d': DatabaseNotFoundError: Couldn't
// detect type of database" with no fix, and yalu-search and a run told to create an index there.
TEST(OpsExit, AFolderHoldingNoDatabaseIsNamedWithTheDbToGive) {
    ScratchDir dir;
    fs::create_directories(dir / "src");
    write_articles(dir / "src/a.jsonl", 3);
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(dir / "src")).exit_code, 0);
    const std::string the_db = "give --db " + (dir / "db");
    for (const char* what : {"--stats", "--suggest-entities"}) {
        const auto archive = yalu_index(dir / "src", what);
        EXPECT_EQ(archive.exit_code, 73) << what << ": " << archive.err;
        EXPECT_NE(
            archive.err.find("'" + (dir / "src") + "' is a folder that holds no Xapian database"),
            std::string::npos)
            << what << ": " << archive.err;
        EXPECT_EQ(archive.err.find("DatabaseNotFoundError"), std::string::npos)
            << what << ": " << archive.err;
        const auto generations = yalu_index(dir / "db.d", what);
        EXPECT_EQ(generations.exit_code, 73) << what << ": " << generations.err;
        EXPECT_NE(generations.err.find(the_db), std::string::npos)
            << what << ": " << generations.err;
    }
    const auto write = yalu_index(dir / "db.d", shell_quote(dir / "src"));
    EXPECT_EQ(write.exit_code, 73) << write.err;
    EXPECT_NE(write.err.find(the_db), std::string::npos) << write.err;
    const auto search = yalu_search(dir / "db.d", "missile");
    EXPECT_EQ(search.exit_code, 3) << search.err;
    EXPECT_NE(search.err.find(the_db), std::string::npos) << search.err;
    EXPECT_EQ(search.err.find("create one"), std::string::npos) << search.err;
}

TEST(OpsExit, XapianDatabaseNotMadeByYaluExits73) {
    if (run_command("command -v scriptindex").exit_code != 0)
        GTEST_SKIP() << "scriptindex not installed (package xapian-omega)";
    ScratchDir dir;
    write_file(dir / "index.script", "text : index\n");
    ASSERT_EQ(run_command("printf 'text=hi\\n' | scriptindex " + shell_quote(dir / "other.db") +
                          " " + shell_quote(dir / "index.script"))
                  .exit_code,
              0);
    const auto r = yalu_index(dir / "other.db", "--rejects " + shell_quote(dir / "r.jsonl") + " " +
                                                    shell_quote(source_dir() + "/corpus"));
    EXPECT_EQ(r.exit_code, 73) << r.err;
    EXPECT_NE(r.err.find("not a Yalu database"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(dir / "r.jsonl"));
    // --stats said "version 0 ... run yalu-index --rebuild" (exit 0), a rebuild that refuses
    // this database; the searcher said "another schema version" (4), which a wrapper answers
    // with that rebuild. Neither: it is no Yalu index (73 here; 5, unreadable, for a search).
    const auto stats = yalu_index(dir / "other.db", "--stats");
    EXPECT_EQ(stats.exit_code, 73) << stats.out;
    EXPECT_NE(stats.err.find("is not a Yalu index"), std::string::npos) << stats.err;
    EXPECT_EQ(stats.err.find("--rebuild"), std::string::npos) << stats.err;
    const auto searched = yalu_search(dir / "other.db", "hi");
    EXPECT_EQ(searched.exit_code, 5) << searched.err;
    EXPECT_NE(searched.err.find("is not a Yalu index"), std::string::npos) << searched.err;
    // --suggest-entities said "rebuild the index" (78) of it, a rebuild that refuses it.
    const auto suggested = yalu_index(dir / "other.db", "--suggest-entities");
    EXPECT_EQ(suggested.exit_code, 73) << suggested.out << suggested.err;
    EXPECT_NE(suggested.err.find("is not a Yalu index"), std::string::npos) << suggested.err;
    EXPECT_EQ(suggested.err.find("--rebuild"), std::string::npos) << suggested.err;
    for (const auto& name : names_in(dir.path()))
        EXPECT_EQ(name.find(".tmp"), std::string::npos) << name;
}

TEST(OpsExit, AFileOfOtherLinesIsNoIndexNotADatabaseReachedTwice) {
    // --db given a text file of several lines (a query list, a README) said "line 1 'missile '
    // and line 3 '(broken ' ... both reach the database '': it would be searched twice", and a
    // stub with a line of no database kind called that line a shard that "does not exist".
    ScratchDir dir;
    ASSERT_EQ(yalu_index(dir / "a.db", shell_quote(source_dir() + "/corpus")).exit_code, 0);
    write_file(dir / "queries.txt", "missile\n\n(broken\n");
    write_file(dir / "typo.stub", "auto " + (dir / "a.db") + "\nauot " + (dir / "a.db") + "\n");
    for (const auto& [file, line] : std::vector<std::pair<std::string, std::string>>{
             {"queries.txt", "queries.txt:1: 'missile'"}, {"typo.stub", "typo.stub:2: 'auot'"}}) {
        const auto r = yalu_search(dir / file, "missile");
        EXPECT_EQ(r.exit_code, 5) << file << ": " << r.err;
        EXPECT_NE(r.err.find((dir / file) + "' is not a Yalu index"), std::string::npos) << r.err;
        EXPECT_NE(r.err.find(line + " is no stub line"), std::string::npos) << r.err;
        EXPECT_EQ(r.err.find("searched twice"), std::string::npos) << r.err;
        EXPECT_EQ(r.err.find("does not exist"), std::string::npos) << r.err;
        const auto stats = yalu_index(dir / file, "--stats");
        EXPECT_EQ(stats.exit_code, 73) << file << ": " << stats.err;
        EXPECT_NE(stats.err.find(line + " is no stub line"), std::string::npos) << stats.err;
    }
}

TEST(OpsExit, RebuildOfAPlainXapianFolderExits64) {
    // --rebuild needs the stub layout: a plain Xapian folder cannot be swapped atomically, and
    // quietly updating it in place instead would keep articles a rebuild is meant to drop.
    ScratchDir dir;
    const std::string corpus = source_dir() + "/corpus";
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(corpus)).exit_code, 0);
    const auto r =
        yalu_index(dir / "db.d/gen-000001", "--rebuild " + shell_quote(corpus + "/jsonl"));
    EXPECT_EQ(r.exit_code, 64) << r.out << r.err;
    // "Nothing was written": not even a lock file beside the folder.
    EXPECT_FALSE(fs::exists(dir / "db.d/gen-000001.lock"));
}

TEST(OpsLayout, AnEmptyFolderGivenAsTheDatabaseBecomesTheStubLayout) {
    ScratchDir dir;
    fs::create_directories(dir / "src");
    write_articles(dir / "src/a.jsonl", 3);
    for (const char* first : {"", "--rebuild "}) {
        const std::string db = dir / (std::string("db") + (*first ? "r" : ""));
        fs::create_directories(db);  // made by hand for the database
        const auto r = yalu_index(db + "/", first + shell_quote(dir / "src"));
        ASSERT_EQ(r.exit_code, 0) << first << r.err;
        EXPECT_TRUE(fs::is_regular_file(db)) << first;
        EXPECT_TRUE(fs::is_directory(db + ".d/gen-000001")) << first;
        // So it can be rebuilt, as any database yalu-index made.
        const auto rebuilt = yalu_index(db, "--rebuild " + shell_quote(dir / "src"));
        EXPECT_EQ(rebuilt.exit_code, 0) << first << rebuilt.err;
        EXPECT_TRUE(fs::is_directory(db + ".d/gen-000002")) << first;
        EXPECT_EQ(marker_ids(db).size(), 3U) << first;
    }
}

TEST(OpsLayout, AStubNamingAMissingGenerationIsRefusedLeavingNothingBehind) {
    ScratchDir dir;
    fs::create_directories(dir / "src");
    write_articles(dir / "src/a.jsonl", 3);
    write_file(dir / "x.db", "auto x.db.d/gen-000007\n");
    const auto r = yalu_index(dir / "x.db", shell_quote(dir / "src"));
    EXPECT_EQ(r.exit_code, 73) << r.err;
    EXPECT_NE(r.err.find("gen-000007"), std::string::npos) << r.err;
    EXPECT_EQ(names_in(dir.path()), (std::set<std::string>{"src", "x.db"}));
    // A rebuild makes a new generation: the way out the message names.
    EXPECT_NE(r.err.find("--rebuild"), std::string::npos) << r.err;
    const auto rebuilt = yalu_index(dir / "x.db", "--rebuild " + shell_quote(dir / "src"));
    EXPECT_EQ(rebuilt.exit_code, 0) << rebuilt.err;
    EXPECT_EQ(marker_ids(dir / "x.db").size(), 3U);
}

// A stub that names itself (or two naming each other) sent Xapian round the loop until its
// stack overflowed: yalu-search and a --rebuild died of a segmentation fault. Both refuse it
// with a message now, and the rebuild leaves nothing behind.
TEST(OpsLayout, AStubThatLeadsBackToItselfIsRefusedNotACrash) {
    ScratchDir dir;
    fs::create_directories(dir / "src");
    write_articles(dir / "src/a.jsonl", 3);
    write_file(dir / "x.db", "auto x.db\n");
    for (const char* rebuild : {"--rebuild ", ""}) {
        const auto r = yalu_index(dir / "x.db", rebuild + shell_quote(dir / "src"));
        EXPECT_EQ(r.exit_code, 73) << rebuild << r.err;
        EXPECT_NE(r.err.find("leads back to itself"), std::string::npos) << r.err;
        EXPECT_EQ(names_in(dir.path()), (std::set<std::string>{"src", "x.db"}));
    }
    const auto searched = yalu_search(dir / "x.db", kMarker);
    EXPECT_EQ(searched.exit_code, 5) << searched.err;
    EXPECT_NE(searched.err.find("leads back to itself"), std::string::npos) << searched.err;
    write_file(dir / "a.stub", "auto b.stub\n");
    write_file(dir / "b.stub", "auto a.stub\n");
    const auto pair = yalu_search(dir / "a.stub", kMarker);
    EXPECT_EQ(pair.exit_code, 5) << pair.err;
    const auto stats = yalu_index(dir / "a.stub", "--stats");
    EXPECT_EQ(stats.exit_code, 73) << stats.err;
    EXPECT_NE(stats.err.find("leads back to itself"), std::string::npos) << stats.err;
    // Two lines naming one real stub are no loop (but one shard searched twice, refused as such).
    ASSERT_EQ(yalu_index(dir / "y.db", shell_quote(dir / "src")).exit_code, 0);
    write_file(dir / "twice.stub", "auto y.db\nauto y.db\n");
    const auto twice = yalu_search(dir / "twice.stub", kMarker);
    EXPECT_EQ(twice.exit_code, 5) << twice.err;
    EXPECT_EQ(twice.err.find("leads back to itself"), std::string::npos) << twice.err;
    EXPECT_NE(twice.err.find("searched twice"), std::string::npos) << twice.err;
}

TEST(OpsExit, WaitSucceedsOnceTheLockIsReleased) {
    ScratchDir dir;
    const std::string db = dir / "db";
    ASSERT_EQ(yalu_index(db, shell_quote(source_dir() + "/corpus")).exit_code, 0);
    const int fd = ::open((db + ".lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    ASSERT_GE(fd, 0);
    ASSERT_EQ(::flock(fd, LOCK_EX), 0);
    const pid_t pid = spawn_index(db, {"--wait", "30", source_dir() + "/corpus"});
    ASSERT_GT(pid, 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(2500));
    int status = 0;
    const bool waiting = still_running(pid, status);
    ::close(fd);  // releases the lock
    if (waiting) status = wait_for(pid);
    EXPECT_TRUE(waiting) << "did not wait for the lock (status " << status << ")";
    EXPECT_EQ(status, 0) << read_file(db + ".spawn-err");
    const std::string out = read_file(db + ".spawn-out");
    EXPECT_TRUE(std::regex_search(out, kSummary));
    // seconds= is the run's work, not the wait (an unchanged corpus: well under the 2.5 s).
    std::smatch seconds;
    ASSERT_TRUE(std::regex_search(out, seconds, std::regex("seconds=([0-9.]+)"))) << out;
    EXPECT_LT(std::stod(seconds[1]), 2.0) << out;
}

TEST(OpsExit, WaitGivesUpWith75) {
    ScratchDir dir;
    const std::string db = dir / "db";
    ASSERT_EQ(yalu_index(db, shell_quote(source_dir() + "/corpus")).exit_code, 0);
    const int fd = ::open((db + ".lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    ASSERT_GE(fd, 0);
    ASSERT_EQ(::flock(fd, LOCK_EX), 0);
    const auto start = Clock::now();
    const auto r = yalu_index(db, "--wait 1 " + shell_quote(source_dir() + "/corpus"));
    const double waited = std::chrono::duration<double>(Clock::now() - start).count();
    ::close(fd);
    EXPECT_EQ(r.exit_code, 75) << r.err;
    EXPECT_GE(waited, 1.0);
    // It says it waited, not to pass the --wait it was given.
    EXPECT_NE(r.err.find("after waiting 1 s"), std::string::npos) << r.err;
}

// A file system without locks (NFS without its lock service: ENOLCK), made deterministic by
// tests/failing_lock.cpp (LD_PRELOAD). Every failure to take the lock was "locked by another
// yalu-index", exit 75 ("retry later"), which sends a cron wrapper into retries no rerun ends.
namespace {

// The environment that makes `variable`'s locks (failing_lock.cpp) fail with `error`.
std::string locks_failing(const std::string& variable, int error) {
    return variable + "=" + std::to_string(error) +
           " LD_PRELOAD=" + shell_quote(YALU_FAILING_LOCK_LIB) + " ";
}

// yalu-index --quiet --db DB ARGS with its locks failing as `environment` says, and the seconds
// it took.
std::pair<CommandResult, double> index_without_locks(const std::string& environment,
                                                     const std::string& db,
                                                     const std::string& args) {
    const auto start = Clock::now();
    auto r = run_command(environment + shell_quote(index_bin()) + " --quiet --db " +
                         shell_quote(db) + " " + args);
    return {std::move(r), std::chrono::duration<double>(Clock::now() - start).count()};
}

}  // namespace

TEST(OpsExit, ALockTheFileSystemCannotGiveExits69NotLocked) {
    if (address_sanitized())
        GTEST_SKIP() << "AddressSanitizer's runtime must load first, before an LD_PRELOAD library";
    ScratchDir dir;
    const std::string db = dir / "db";
    const std::string src = shell_quote(dir / "src");
    fs::create_directories(dir / "src");
    write_file(dir / "src/a.jsonl", record("a1", std::string(kMarker) + " first"));
    // Refused at once (--wait has nothing to wait for), naming the lock file, the system's
    // reason and what to do; a first run, then a night on an index.
    const auto refused = [&](int error, const std::string& reason) {
        const auto [r, seconds] =
            index_without_locks(locks_failing("YALU_FAIL_FLOCK", error), db, "--wait 30 " + src);
        EXPECT_EQ(r.exit_code, 69) << r.err;
        EXPECT_NE(r.err.find("cannot lock '" + db + ".lock': " + std::strerror(error)),
                  std::string::npos)
            << r.err;
        EXPECT_NE(r.err.find(reason), std::string::npos) << r.err;
        EXPECT_NE(r.err.find("nothing was written"), std::string::npos) << r.err;
        EXPECT_EQ(r.err.find("another yalu-index"), std::string::npos) << r.err;
        EXPECT_FALSE(std::regex_search(r.out, kSummary)) << r.out;
        EXPECT_LT(seconds, 20.0);
    };
    refused(ENOLCK, "local disk");
    ASSERT_EQ(yalu_index(db, src).exit_code, 0);
    write_file(dir / "src/b.jsonl", record("b1", std::string(kMarker) + " second"));
    refused(ENOLCK, "local disk");
    refused(EIO, "no rerun mends");
    EXPECT_EQ(marker_ids(db), (std::set<std::string>{"a1"}));
    // Xapian's own write lock (fcntl) refused after PATH.lock was taken: its "locking probably
    // not supported by this FS" was "being written by another yalu-index run", exit 75.
    const auto [xapian, seconds] =
        index_without_locks(locks_failing("YALU_FAIL_FCNTL_LOCK", ENOLCK), db, src);
    EXPECT_EQ(xapian.exit_code, 69) << xapian.err;
    EXPECT_NE(xapian.err.find("locking probably not supported"), std::string::npos) << xapian.err;
    EXPECT_NE(xapian.err.find("local disk"), std::string::npos) << xapian.err;
    EXPECT_EQ(xapian.err.find("another yalu-index"), std::string::npos) << xapian.err;
    EXPECT_EQ(marker_ids(db), (std::set<std::string>{"a1"}));
    // yalu-search takes no lock: it searches such a file system as any other.
    const auto search = run_command(
        locks_failing("YALU_FAIL_FLOCK", ENOLCK) + locks_failing("YALU_FAIL_FCNTL_LOCK", ENOLCK) +
        shell_quote(search_bin()) + " --db " + shell_quote(db) + " " + kMarker);
    EXPECT_EQ(search.exit_code, 0) << search.err;
    // Locks that work again: the night runs.
    EXPECT_EQ(yalu_index(db, src).exit_code, 0);
    EXPECT_EQ(marker_ids(db), (std::set<std::string>{"a1", "b1"}));
}

TEST(OpsExit, AKilledRunsRejectsListIsRemovedByTheNextRun) {
    ScratchDir dir;
    const std::string list = dir / "rejects.jsonl";
    write_file(list + ".tmp.999999999", "left by a killed run\n");  // no such process
    write_file(list + ".tmp.1", "pid 1 is alive: not ours to judge\n");
    const auto r = yalu_index(
        dir / "db", "--rejects " + shell_quote(list) + " " + shell_quote(source_dir() + "/corpus"));
    EXPECT_LE(r.exit_code, 65) << r.err;
    EXPECT_FALSE(fs::exists(list + ".tmp.999999999"));
    EXPECT_TRUE(fs::exists(list + ".tmp.1"));
    EXPECT_TRUE(fs::exists(list));
}

TEST(OpsOutput, QuietCleanRunPrintsOnlyTheSummary) {
    ScratchDir dir;
    write_articles(dir / "in.jsonl", 20);
    const auto r =
        yalu_index(dir / "db", "--prune --rejects " + shell_quote(dir / "rejects.jsonl") + " " +
                                   shell_quote(dir / "in.jsonl"));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err, "");
    EXPECT_TRUE(std::regex_match(r.out, std::regex(kSummaryText + "\n"))) << r.out;
    EXPECT_EQ(read_file(dir / "rejects.jsonl"), "") << "a clean run leaves an empty rejects file";
}

// --stats printed the last run as its stored JSON, keys in alphabetical order
// ({"added":20,"deleted":0,"finished":...}), in the text for people; it is the summary line's
// words now, after the time it finished.
TEST(OpsOutput, StatsSaysTheLastRunAsTheSummaryLineDoes) {
    ScratchDir dir;
    write_articles(dir / "in.jsonl", 20);
    const auto run = yalu_index(dir / "db", shell_quote(dir / "in.jsonl"));
    ASSERT_EQ(run.exit_code, 0) << run.err;
    const auto text = yalu_index(dir / "db", "--stats");
    ASSERT_EQ(text.exit_code, 0) << text.err;
    std::smatch seconds;
    ASSERT_TRUE(std::regex_search(run.out, seconds, std::regex("seconds=[0-9.]+"))) << run.out;
    EXPECT_TRUE(std::regex_search(
        text.out, std::regex("\nlast run:   \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ added=20 "
                             "updated=0 deleted=0 unchanged=0 rejected=0 " +
                             seconds.str() + "\n")))
        << text.out << run.out;
    EXPECT_EQ(text.out.find("{\""), std::string::npos) << text.out;
}

// An empty pipe is an empty file: `zcat export.jsonl.gz | yalu-index -` of a failed export
// exited 0, "every article indexed", while an empty .jsonl file is rejected. With --prune and
// nothing else read it stays exit 66; beside other sources it keeps --prune from deleting.
TEST(OpsSources, AnEmptyPipeIsRejectedLikeAnEmptyFile) {
    ScratchDir dir;
    const std::string db = dir / "db";
    const auto piped = [&](const std::string& args) {
        return run_command("printf '' | " + shell_quote(index_bin()) + " --quiet --db " +
                           shell_quote(db) + " " + args);
    };
    const auto alone = piped("-");
    EXPECT_EQ(alone.exit_code, 65) << alone.err;
    EXPECT_NE(alone.err.find("rejected -: standard input held no record at all"), std::string::npos)
        << alone.err;
    EXPECT_EQ(summary_count(alone.out, "rejected"), 1) << alone.out;
    EXPECT_EQ(piped("--prune -").exit_code, 66);
    write_articles(dir / "a.jsonl", 4);
    ASSERT_EQ(yalu_index(db, shell_quote(dir / "a.jsonl")).exit_code, 0);
    write_articles(dir / "b.jsonl", 2);  // a.jsonl's first two articles
    const auto beside = piped("--prune " + shell_quote(dir / "b.jsonl") + " -");
    EXPECT_EQ(beside.exit_code, 65) << beside.err;
    EXPECT_EQ(summary_count(beside.out, "deleted"), 0) << beside.out;
    EXPECT_NE(beside.err.find("--prune skipped"), std::string::npos) << beside.err;
    EXPECT_EQ(indexed_count(db), 4);
}

// An empty pipe's rejection said "nothing was pruned" on a run that was never asked to prune:
// said only with --prune or --rebuild, whose deletions it held back.
TEST(OpsSources, AnEmptyPipeSaysNothingWasPrunedOnlyWhenAskedToPrune) {
    ScratchDir dir;
    const std::string db = dir / "db";
    const auto piped = [&](const std::string& args) {
        return run_command("printf '' | " + shell_quote(index_bin()) + " --quiet --db " +
                           shell_quote(db) + " " + args);
    };
    write_articles(dir / "a.jsonl", 4);
    for (const std::string& args : {std::string("-"), shell_quote(dir / "a.jsonl") + " -"}) {
        const auto r = piped(args);
        EXPECT_EQ(r.exit_code, 65) << args << ": " << r.err;
        EXPECT_NE(r.err.find("standard input held no record at all"), std::string::npos)
            << args << ": " << r.err;
        EXPECT_EQ(r.err.find("pruned"), std::string::npos) << args << ": " << r.err;
    }
    for (const std::string option : {"--prune", "--rebuild"}) {
        const auto r = piped(option + " " + shell_quote(dir / "a.jsonl") + " -");
        EXPECT_EQ(r.exit_code, 65) << option << ": " << r.err;
        EXPECT_NE(r.err.find("standard input held no record at all (an empty pipe: a failed or "
                             "cut-off export?); nothing was pruned"),
                  std::string::npos)
            << option << ": " << r.err;
    }
    EXPECT_EQ(indexed_count(db), 4);
}

TEST(OpsOutput, SummaryIsTheLastLineOfTheLog) {
    ScratchDir dir;
    // Rejections and warnings (stderr) interleaved with the summary (stdout), as in a log file.
    const auto bad = index_combined(dir / "db", shell_quote(source_dir() + "/tests/data/bad"));
    EXPECT_EQ(bad.exit_code, 65);
    EXPECT_NE(bad.out.find("yalu-index: rejected "), std::string::npos) << bad.out;
    EXPECT_TRUE(std::regex_match(last_line(bad.out), kSummary)) << bad.out;
    EXPECT_GT(summary_count(bad.out, "rejected"), 0);
    const auto clean = index_combined(dir / "db2", shell_quote(source_dir() + "/corpus"));
    EXPECT_EQ(clean.exit_code, 0) << clean.out;
    EXPECT_TRUE(std::regex_match(last_line(clean.out), kSummary)) << clean.out;
}

// The seconds a summary line prints, as printed ("" when there is none).
std::string printed_seconds(const std::string& output) {
    std::smatch m;
    return std::regex_search(output, m, std::regex(R"(seconds=([0-9.]+))")) ? m.str(1) : "";
}

// The recorded last run was written before pruning was committed and before the merge of the
// parts, so it said seconds=9.41 where the log said 14.55, and finished seconds early: the
// record is the summary line's measurement, taken once everything else was written.
TEST(OpsOutput, TheRecordedRunTookTheSecondsTheSummaryPrints) {
    ScratchDir dir;
    fs::create_directories(dir / "src");
    write_articles(dir / "src/a.jsonl", 3);
    write_articles(dir / "src/gone.jsonl", 1000, "gone-");
    const std::string db = dir / "db", src = shell_quote(dir / "src");
    const auto recorded = [&] {
        const json last = json::parse(yalu_index(db, "--stats --json").out).at("last_run");
        char text[32];
        std::snprintf(text, sizeof text, "%.2f", last.at("seconds").get<double>());
        return std::string(text);
    };
    ASSERT_EQ(yalu_index(db, "--part-size 0 " + src).exit_code, 0);
    fs::remove(dir / "src/gone.jsonl");
    const auto pruned = yalu_index(db, "--prune " + src);
    ASSERT_EQ(pruned.exit_code, 0) << pruned.err;
    EXPECT_EQ(summary_count(pruned.out, "deleted"), 1000) << pruned.out;
    EXPECT_EQ(recorded(), printed_seconds(pruned.out)) << pruned.out;
    write_articles(dir / "src/more.jsonl", 1000, "more-");
    const auto merged = yalu_index(db, "--part-size 150 " + src);
    ASSERT_EQ(merged.exit_code, 0) << merged.err;
    ASSERT_EQ(read_file(db), "auto db.d/gen-000002\n");
    EXPECT_EQ(recorded(), printed_seconds(merged.out)) << merged.out;
}

TEST(OpsSources, AGazetteerEditThatChangesNoEntityRewritesNoArticle) {
    // The article hash covers the gazetteer's entities, not its bytes: a comment must not make
    // the next night rewrite the whole archive, while a new alias must reach every article.
    ScratchDir dir;
    fs::create_directories(dir / "schemas");
    for (const char* f : {"index.xml", "entities.xml", "thesaurus.xml"})
        fs::copy_file(source_dir() + "/schemas/" + f, dir / ("schemas/" + std::string(f)));
    const std::string args = "--schema-dir " + shell_quote(dir / "schemas") + " " +
                             shell_quote(source_dir() + "/corpus");
    const auto first = yalu_index(dir / "db", args);
    ASSERT_EQ(first.exit_code, 0) << first.err;
    const long articles = summary_count(first.out, "added");
    ASSERT_GT(articles, 0);

    // corpus/ repeats one id on purpose, and that id is written again on every run.
    const auto quiet = yalu_index(dir / "db", args);
    ASSERT_EQ(quiet.exit_code, 0) << quiet.err;
    const long rewritten = summary_count(quiet.out, "updated");

    std::string xml = read_file(dir / "schemas/entities.xml");
    const auto at = xml.find("<entity ");
    ASSERT_NE(at, std::string::npos);
    xml.insert(at, "<!-- reviewed\n     again -->\n  ");
    write_file(dir / "schemas/entities.xml", xml);
    const auto comment = yalu_index(dir / "db", args);
    EXPECT_EQ(comment.exit_code, 0) << comment.err;
    EXPECT_EQ(summary_count(comment.out, "updated"), rewritten) << comment.out;
    EXPECT_EQ(summary_count(comment.out, "unchanged"), summary_count(quiet.out, "unchanged"))
        << comment.out;

    const auto alias = xml.find("<alias>Kim Jongun</alias>");
    ASSERT_NE(alias, std::string::npos);
    write_file(dir / "schemas/entities.xml", xml.insert(alias, "<alias>Jonguni Kimu</alias>"));
    const auto changed = yalu_index(dir / "db", args);
    EXPECT_EQ(changed.exit_code, 0) << changed.err;
    EXPECT_GE(summary_count(changed.out, "updated"), articles) << changed.out;
    EXPECT_EQ(summary_count(changed.out, "unchanged"), 0) << changed.out;
}

TEST(OpsLayout, ASingleFileCompactOfTheIndexIsSearchedAndNeverWritten) {
    // xapian-compact --single-file is how a read-only index is shipped: the searcher read its
    // binary file as a stub and printed its bytes (exit 5).
    if (run_command("command -v xapian-compact").exit_code != 0)
        GTEST_SKIP() << "xapian-compact (xapian-tools) is not installed";
    ScratchDir dir;
    fs::create_directories(dir / "src");
    write_articles(dir / "src/a.jsonl", 3);
    ASSERT_EQ(yalu_index(dir / "x.db", shell_quote(dir / "src")).exit_code, 0);
    // The stub names the one generation to compact.
    const auto compacted = run_command("xapian-compact --single-file " + shell_quote(dir / "x.db") +
                                       " " + shell_quote(dir / "one.glass"));
    ASSERT_EQ(compacted.exit_code, 0) << compacted.err;
    EXPECT_EQ(marker_ids(dir / "one.glass"), marker_ids(dir / "x.db"));
    EXPECT_EQ(yalu_index(dir / "one.glass", "--stats").exit_code, 0);
    // Its size is the file's, alone and as a shard of a stub (it was 0 bytes: the size was
    // summed over the files of a folder, and the file is none).
    const auto bytes = [&](const std::string& db) {
        const auto stats = yalu_index(db, "--stats --json");
        EXPECT_EQ(stats.exit_code, 0) << stats.err;
        return stats.exit_code == 0 ? json::parse(stats.out).at("bytes").get<std::uintmax_t>() : 0;
    };
    EXPECT_EQ(bytes(dir / "one.glass"), fs::file_size(dir / "one.glass"));
    write_file(dir / "shards.stub", "auto one.glass\nauto x.db\n");
    // (A compacted copy has a Xapian UUID of its own, so the stub is searched, if twice over.)
    EXPECT_EQ(bytes(dir / "shards.stub"), fs::file_size(dir / "one.glass") + bytes(dir / "x.db"));
    const auto written = yalu_index(dir / "one.glass", shell_quote(dir / "src"));
    EXPECT_EQ(written.exit_code, 73) << written.err;
    EXPECT_NE(written.err.find("single-file Xapian database"), std::string::npos) << written.err;
}

// --- Runs written in parts (IndexSettings::part_size), merged by compaction at their end ---

// The value of user metadata `key` in `db` (xapian-metadata, from xapian-tools).
std::string metadata(const std::string& db, const std::string& key) {
    return run_command("xapian-metadata get " + shell_quote(db) + " " + key).out;
}

// Every metadata value a Yalu index holds besides the last run's summary.
const char* const kSnapshotKeys[] = {"yalu.schema_version", "yalu.gazetteer", "yalu.thesaurus"};

bool has_xapian_tools() {
    return run_command("command -v xapian-metadata").exit_code == 0;
}

namespace {

// Waits up to a minute for `path` to appear while the yalu-index `pid` runs; a run that
// neither ends nor gets there is killed, not left behind. `status` gets its exit status if it
// ended. True when the path appeared.
bool await_path(pid_t pid, const std::string& path, int& status) {
    const auto deadline = Clock::now() + std::chrono::seconds(60);
    bool seen = false;
    while (!seen && Clock::now() < deadline && still_running(pid, status)) {
        seen = fs::exists(path);
        if (!seen) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    if (!seen && still_running(pid, status)) {
        ::kill(pid, SIGKILL);
        wait_for(pid);
    }
    return seen;
}

}  // namespace

// A first run of 1000 articles with parts of 150: 150 straight into generation 1, the rest in
// 6 parts merged into generation 2, published. Every id is found once, the metadata is that of
// an index written without parts, the results are the same, and a rerun changes nothing.
TEST(OpsParts, ARunWrittenInPartsHoldsEveryArticleOnce) {
    if (!has_xapian_tools()) GTEST_SKIP() << "xapian-metadata (xapian-tools) is not installed";
    ScratchDir dir;
    constexpr int kTotal = 1000;
    write_articles(dir / "in.jsonl", kTotal);
    const std::string db = dir / "db", plain = dir / "plain";
    const auto run =
        index_combined(db, "--batch 40 --part-size 150 " + shell_quote(dir / "in.jsonl"));
    ASSERT_EQ(run.exit_code, 0) << run.out;
    EXPECT_EQ(summary_count(run.out, "added"), kTotal) << run.out;
    // The merge is announced (the run was not --quiet).
    EXPECT_NE(run.out.find("merging 850 new article(s) written in 6 part(s)"), std::string::npos)
        << run.out;
    EXPECT_EQ(read_file(db), "auto db.d/gen-000002\n");
    EXPECT_EQ(names_in(db + ".d"), (std::set<std::string>{"gen-000001", "gen-000002"}));
    const auto hits = marker_hits(db);
    EXPECT_EQ(hits.size(), static_cast<std::size_t>(kTotal));
    EXPECT_EQ(std::set<std::string>(hits.begin(), hits.end()).size(),
              static_cast<std::size_t>(kTotal));
    EXPECT_EQ(indexed_count(db), kTotal);

    ASSERT_EQ(yalu_index(plain, "--part-size 0 " + shell_quote(dir / "in.jsonl")).exit_code, 0);
    EXPECT_EQ(names_in(plain + ".d"), std::set<std::string>{"gen-000001"});
    for (const char* key : kSnapshotKeys) {
        EXPECT_FALSE(metadata(db, key).empty()) << key;
        EXPECT_EQ(metadata(db, key), metadata(plain, key)) << key;
    }
    // The merged generation went live with the snapshot files of the metadata it holds.
    for (const char* file : {"yalu.gazetteer.snapshot", "yalu.thesaurus.snapshot"}) {
        const std::string merged = read_file(db + ".d/gen-000002/" + file);
        EXPECT_FALSE(merged.empty()) << file;
        EXPECT_EQ(merged, read_file(plain + ".d/gen-000001/" + file)) << file;
    }
    EXPECT_NE(metadata(db, "yalu.last_run").find("\"added\":1000"), std::string::npos);
    EXPECT_EQ(hits, marker_hits(plain)) << "the merged index ranks differently";
    for (const char* query : {"pako", "\"sun jang\"", "vek AND nor"}) {
        const std::string args = std::string("--format json -n 20 ") + shell_quote(query);
        EXPECT_EQ(yalu_search(db, args).out, yalu_search(plain, args).out) << query;
    }

    const auto rerun = yalu_index(db, "--part-size 150 " + shell_quote(dir / "in.jsonl"));
    ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
    EXPECT_EQ(summary_count(rerun.out, "unchanged"), kTotal) << rerun.out;
    EXPECT_EQ(summary_count(rerun.out, "added"), 0) << rerun.out;
    EXPECT_EQ(read_file(db), "auto db.d/gen-000002\n") << "an unchanged run published";
}

// An id that appears twice in one run ends as today: the later record wins, the id is in one
// database only, counted once (as added); wherever its first record went (straight into the
// index, a closed part, the part being written).
TEST(OpsParts, AnIdRepeatedInARunWithPartsKeepsItsLaterRecordOnce) {
    ScratchDir dir;
    constexpr int kTotal = 600;
    write_articles(dir / "a.jsonl", kTotal);
    // Read after a.jsonl: ops-000010 went into the index, ops-000200 into part 2 (closed by
    // then), ops-000590 into the last part, still open.
    std::string repeats;
    for (const char* id : {"ops-000010", "ops-000200", "ops-000590"})
        repeats += json({{"id", id},
                         {"date", "2024-01-02"},
                         {"lang", "en"},
                         {"title", std::string("revised ") + id},
                         {"body", std::string(kMarker) + " quuxrevised"}})
                       .dump() +
                   "\n";
    write_file(dir / "b.jsonl", repeats);
    const std::string db = dir / "db";
    const auto run = yalu_index(db, "--batch 30 --part-size 100 " + shell_quote(dir / "a.jsonl") +
                                        " " + shell_quote(dir / "b.jsonl"));
    ASSERT_EQ(run.exit_code, 0) << run.err;
    EXPECT_EQ(summary_count(run.out, "added"), kTotal) << run.out;
    EXPECT_EQ(summary_count(run.out, "updated"), 0) << run.out;
    EXPECT_EQ(read_file(db), "auto db.d/gen-000002\n");
    const auto hits = marker_hits(db);
    EXPECT_EQ(hits.size(), static_cast<std::size_t>(kTotal));
    EXPECT_EQ(std::set<std::string>(hits.begin(), hits.end()).size(),
              static_cast<std::size_t>(kTotal));
    const auto revised = yalu_search(db, "--format json --exact -n 10 quuxrevised");
    ASSERT_EQ(revised.exit_code, 0) << revised.err;
    EXPECT_EQ(json::parse(revised.out).at("total").get<long>(), 3) << revised.out;
    for (const char* id : {"ops-000010", "ops-000200", "ops-000590"}) {
        const auto shown = yalu_search(db, std::string("--show ") + id);
        EXPECT_NE(shown.out.find(std::string("revised ") + id), std::string::npos) << shown.out;
    }
}

// A rebuild writes in parts too: its own generation and the parts are merged into the next
// number, which is published; the generation it replaced is kept, the unmerged one is not.
TEST(OpsParts, ARebuildWithPartsPublishesTheMergedGeneration) {
    if (!has_xapian_tools()) GTEST_SKIP() << "xapian-metadata (xapian-tools) is not installed";
    ScratchDir dir;
    write_articles(dir / "live.jsonl", 300);
    write_articles(dir / "big.jsonl", 700, "big-");
    const std::string db = dir / "db";
    ASSERT_EQ(yalu_index(db, "--part-size 100 " + shell_quote(dir / "live.jsonl")).exit_code, 0);
    EXPECT_EQ(read_file(db), "auto db.d/gen-000002\n");
    const auto rebuilt =
        yalu_index(db, "--rebuild --part-size 100 --batch 25 " + shell_quote(dir / "big.jsonl"));
    ASSERT_EQ(rebuilt.exit_code, 0) << rebuilt.err;
    EXPECT_EQ(summary_count(rebuilt.out, "added"), 700) << rebuilt.out;
    EXPECT_EQ(summary_count(rebuilt.out, "deleted"), 300) << rebuilt.out;
    EXPECT_EQ(read_file(db), "auto db.d/gen-000004\n");
    EXPECT_EQ(names_in(db + ".d"), (std::set<std::string>{"gen-000002", "gen-000004"}));
    const auto hits = marker_hits(db);
    EXPECT_EQ(hits.size(), 700u);
    EXPECT_EQ(std::set<std::string>(hits.begin(), hits.end()).size(), 700u);
    EXPECT_EQ(metadata(db, "yalu.schema_version"),
              metadata(db + ".d/gen-000002", "yalu.schema_version"));
    EXPECT_FALSE(metadata(db, "yalu.gazetteer").empty());
    EXPECT_NE(metadata(db, "yalu.last_run").find("\"added\":700"), std::string::npos);
}

// Starts yalu-index on `total` new articles in `dir`/in.jsonl, into `dir`/db, written in
// parts of `part` articles (batches of 50): a run long enough to be stopped in its parts.
namespace {
pid_t spawn_parts_run(const ScratchDir& dir, int total, int part) {
    write_articles(dir / "in.jsonl", total);
    return spawn_index(dir / "db",
                       {"--batch", "50", "--part-size", std::to_string(part), dir / "in.jsonl"});
}
}  // namespace

// A run killed while it writes parts leaves the index as its direct commits left it (every
// article written before the parts began, nothing of the parts); the next run removes the
// parts, adds the rest and publishes the merge.
TEST(OpsParts, AKilledRunsPartsAreCleanedAndTheNextRunAddsTheRest) {
    ScratchDir dir;
    constexpr int kTotal = 3000, kPart = 130;
    const std::string db = dir / "db";
    // 130 is no multiple of the batch: the articles written straight in are committed anyway.
    const pid_t pid = spawn_parts_run(dir, kTotal, kPart);
    ASSERT_GT(pid, 0);
    int status = 0;
    const bool started = await_path(pid, db + ".d/parts/part-0003", status);
    ASSERT_TRUE(started) << "yalu-index ended (status " << status
                         << ") before its parts were seen: " << read_file(db + ".spawn-err");
    ASSERT_EQ(::kill(pid, SIGKILL), 0);
    ASSERT_EQ(wait_for(pid), -SIGKILL);
    EXPECT_EQ(read_file(db), "auto db.d/gen-000001\n");
    EXPECT_TRUE(fs::exists(db + ".d/parts"));
    EXPECT_EQ(indexed_count(db), kPart);

    const auto next = yalu_index(
        db, "--part-size " + std::to_string(kPart) + " " + shell_quote(dir / "in.jsonl"));
    ASSERT_EQ(next.exit_code, 0) << next.err;
    EXPECT_EQ(summary_count(next.out, "unchanged"), kPart) << next.out;
    EXPECT_EQ(summary_count(next.out, "added"), kTotal - kPart) << next.out;
    EXPECT_EQ(read_file(db), "auto db.d/gen-000002\n");
    EXPECT_EQ(names_in(db + ".d"), (std::set<std::string>{"gen-000001", "gen-000002"}));
    EXPECT_EQ(indexed_count(db), kTotal);
}

// SIGTERM during a run with parts keeps what was written, as for any incremental run: the
// parts written so far are merged and published before it exits 75; the rerun adds the rest.
TEST(OpsParts, SigtermMergesThePartsWrittenSoFar) {
    ScratchDir dir;
    constexpr int kTotal = 3000, kPart = 100;
    write_articles(dir / "in.jsonl", kTotal);
    const std::string db = dir / "db";
    const std::vector<std::string> args = {"--batch", "50", "--part-size", std::to_string(kPart),
                                           dir / "in.jsonl"};
    const pid_t pid = spawn_index(db, args);
    ASSERT_GT(pid, 0);
    int status = 0;
    const bool started = await_path(pid, db + ".d/parts/part-0002", status);
    ASSERT_TRUE(started) << "yalu-index ended (status " << status
                         << ") before its parts were seen: " << read_file(db + ".spawn-err");
    ASSERT_EQ(::kill(pid, SIGTERM), 0);
    EXPECT_EQ(wait_for(pid), 75) << read_file(db + ".spawn-err");
    const std::string err = read_file(db + ".spawn-err");
    EXPECT_NE(err.find("stopped by SIGTERM"), std::string::npos) << err;
    EXPECT_NE(err.find("merged in"), std::string::npos) << err;
    EXPECT_EQ(read_file(db), "auto db.d/gen-000002\n");
    EXPECT_FALSE(fs::exists(db + ".d/parts"));
    const long kept = indexed_count(db);
    EXPECT_GT(kept, kPart);
    EXPECT_LT(kept, kTotal) << "the run finished before the signal: it proved nothing";
    const auto rerun = yalu_index(db, "--part-size 100 " + shell_quote(dir / "in.jsonl"));
    ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
    EXPECT_EQ(summary_count(rerun.out, "unchanged"), kept) << rerun.out;
    EXPECT_EQ(summary_count(rerun.out, "added"), kTotal - kept) << rerun.out;
    EXPECT_EQ(indexed_count(db), kTotal);
    const auto hits = marker_hits(db);
    EXPECT_EQ(std::set<std::string>(hits.begin(), hits.end()).size(), hits.size());
}

// A merge that failed (a full disk) left the run recorded as complete: the index held the
// articles written straight into it, but yalu.last_run counted the parts' too. A file-size
// limit stands in for the full disk: the merged generation's tables outgrow it, while the
// index's and the parts' stay below it. Nothing is recorded (the run before stays the last),
// Xapian's error type is named once, and the rerun adds what the parts held.
TEST(OpsParts, AMergeThatFailsRecordsNoRun) {
    if (!has_xapian_tools()) GTEST_SKIP() << "xapian-metadata (xapian-tools) is not installed";
    ScratchDir dir;
    constexpr int kTotal = 2000, kPart = 100;
    // 2 MB in dash's 512-byte blocks, 4 MB in bash's: above the index's largest table (about
    // 1.2 MB, the gazetteer snapshot included) and a part's, below the merged postlist (6 MB).
    constexpr int kFileLimitBlocks = 4000;
    const std::string db = dir / "db";
    write_articles(dir / "first.jsonl", 5, "first-");
    ASSERT_EQ(yalu_index(db, shell_quote(dir / "first.jsonl")).exit_code, 0);
    const std::string before = metadata(db, "yalu.last_run");
    ASSERT_NE(before.find("\"added\":5"), std::string::npos) << before;
    write_articles(dir / "in.jsonl", kTotal);
    const std::string args =
        "--part-size " + std::to_string(kPart) + " " + shell_quote(dir / "in.jsonl");
    const auto r = run_command("(trap '' XFSZ; ulimit -f " + std::to_string(kFileLimitBlocks) +
                               "; " + shell_quote(index_bin()) + " --quiet --db " +
                               shell_quote(db) + " " + args + ")");
    ASSERT_EQ(r.exit_code, 73) << r.err << r.out;
    EXPECT_NE(r.err.find("cannot merge the run's 19 part(s)"), std::string::npos) << r.err;
    const auto type = r.err.find("DatabaseError");
    ASSERT_NE(type, std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("DatabaseError", type + 1), std::string::npos) << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out;  // no summary
    EXPECT_EQ(read_file(db), "auto db.d/gen-000001\n");
    EXPECT_EQ(names_in(db + ".d"), std::set<std::string>{"gen-000001"});
    EXPECT_EQ(indexed_count(db), 5 + kPart);
    EXPECT_EQ(metadata(db, "yalu.last_run"), before);

    const auto rerun = yalu_index(db, args);
    ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
    EXPECT_EQ(summary_count(rerun.out, "unchanged"), kPart) << rerun.out;
    EXPECT_EQ(summary_count(rerun.out, "added"), kTotal - kPart) << rerun.out;
    EXPECT_EQ(indexed_count(db), 5 + kTotal);
    EXPECT_NE(metadata(db, "yalu.last_run").find("\"added\":1900"), std::string::npos);
}

// A real full disk (a tmpfs of a few MiB) made Xapian 1.4 abort a commit: its block write
// failed, then the write its clean-up makes failed too, inside a noexcept frame, and the run
// ended with SIGABRT (exit 134, "terminate called after throwing an instance of
// 'Xapian::DatabaseError'", no database named) where the docs promise exit 73 saying so. At
// 20 MiB with this input it did (18, 19, 21 and 22 MiB failed cleanly); each size must end
// with exit 73 naming the device's error, the index as of its last batch, and a rerun with
// room must finish the job. Needs root (mount) and the shared corpus.
TEST(OpsExit, ARealFullDiskExits73NeverAborts) {
    const std::string source = shared_dir() + "/corpus/kcna_en_2012.jsonl";
    if (!fs::exists(source)) GTEST_SKIP() << "no " << source << " (../shared absent)";
    if (::geteuid() != 0) GTEST_SKIP() << "mounting a tmpfs needs root";
    ScratchDir dir;
    std::ifstream in(source);
    std::ofstream first(dir / "first.jsonl"), rest(dir / "rest.jsonl");
    int lines = 0;
    for (std::string line; lines < 6000 && std::getline(in, line); ++lines)
        (lines < 300 ? first : rest) << line << "\n";
    first.close();
    rest.close();
    ASSERT_EQ(lines, 6000);
    const std::string both =
        shell_quote(dir / "first.jsonl") + " " + shell_quote(dir / "rest.jsonl");
    for (const int mib : {19, 20, 21}) {
        SCOPED_TRACE(std::to_string(mib) + " MiB");
        const std::string mount = dir / ("disk-" + std::to_string(mib));
        fs::create_directory(mount);
        if (run_command("mount -t tmpfs -o size=" + std::to_string(mib) + "m tmpfs " +
                        shell_quote(mount))
                .exit_code != 0)
            GTEST_SKIP() << "cannot mount a tmpfs here (a container without CAP_SYS_ADMIN?)";
        struct Unmount {
            std::string path;
            ~Unmount() { (void)run_command("umount " + shell_quote(path)); }
        } unmount{mount};
        const std::string db = mount + "/y.db";
        ASSERT_EQ(yalu_index(db, shell_quote(dir / "first.jsonl")).exit_code, 0);
        const auto full =
            run_command(shell_quote(index_bin()) + " --quiet --db " + shell_quote(db) +
                        " --rejects " + shell_quote(mount + "/rejects.jsonl") + " " + both);
        EXPECT_EQ(full.exit_code, 73) << full.err.substr(0, 2000);
        EXPECT_EQ(full.err.find("terminate called"), std::string::npos) << full.err;
        EXPECT_NE(full.err.find("No space left on device"), std::string::npos) << full.err;
        EXPECT_NE(full.err.find("database '" + db + "'"), std::string::npos) << full.err;
        EXPECT_TRUE(full.out.empty()) << full.out;  // no summary: the run is not recorded
        for (const auto& entry : fs::directory_iterator(mount))
            EXPECT_EQ(entry.path().filename().string().find("rejects.jsonl.tmp."),
                      std::string::npos)
                << entry.path();
        const long kept = indexed_count(db);
        EXPECT_GE(kept, 300);
        EXPECT_LT(kept, 6000);
        ASSERT_EQ(run_command("mount -o remount,size=80m " + shell_quote(mount)).exit_code, 0);
        const auto rerun = yalu_index(db, both);
        EXPECT_EQ(rerun.exit_code, 0) << rerun.err.substr(0, 2000);
        EXPECT_EQ(indexed_count(db), 6000);
    }
}

// A signal during the final merge of a run written in parts was ignored without a word: the
// merge cannot stop halfway, so the run finishes it (a complete index: exit 0, the summary
// printed) and says that the signal came too late to stop it.
TEST(OpsParts, ASignalDuringTheFinalMergeIsSaidAndTheRunFinishes) {
    constexpr int kPart = 100;
    // The signal must land inside the merge, which lasts a fraction of a second: on a loaded
    // machine this test may be scheduled out past its end, so a miss is tried again with a
    // larger run (a longer merge) before it counts as a failure.
    for (const int total : {3000, 6000, 12000}) {
        ScratchDir dir;
        const std::string db = dir / "db";
        const pid_t pid = spawn_parts_run(dir, total, kPart);
        ASSERT_GT(pid, 0);
        int status = 0;
        // The merge's output generation is made as the merge begins.
        const bool merging = await_path(pid, db + ".d/gen-000002", status);
        ASSERT_TRUE(merging) << "yalu-index ended (status " << status
                             << ") before its merge was seen: " << read_file(db + ".spawn-err");
        ASSERT_EQ(::kill(pid, SIGTERM), 0);
        const int code = wait_for(pid);
        const std::string err = read_file(db + ".spawn-err"), out = read_file(db + ".spawn-out");
        const bool said =
            err.find("SIGTERM came after every article was written, during the merge") !=
            std::string::npos;
        if (!said && total < 12000 && read_file(db) == "auto db.d/gen-000002\n") continue;
        EXPECT_EQ(code, 0) << err;
        EXPECT_TRUE(said) << err;
        EXPECT_NE(err.find("the run finished"), std::string::npos) << err;
        EXPECT_TRUE(std::regex_match(last_line(out), kSummary)) << out;
        EXPECT_EQ(summary_count(out, "added"), total) << out;
        EXPECT_EQ(read_file(db), "auto db.d/gen-000002\n");
        EXPECT_EQ(indexed_count(db), total);
        return;
    }
}

// A lost stub (deleted, or emptied) while PATH.d held the index: the next run made a new index
// in gen-000001 over the old one, and the run after deleted the real generation as a killed
// rebuild's. Now every writer refuses (73) and names the stub line that restores it, --stats
// says the same, and a --rebuild publishes a new generation after the old ones.
TEST(OpsLayout, ALostStubIsRefusedWithTheLineThatRestoresIt) {
    ScratchDir dir;
    fs::create_directories(dir / "src");
    fs::create_directories(dir / "other");
    write_articles(dir / "src/a.jsonl", 3);
    write_articles(dir / "other/b.jsonl", 2, "other-");
    ASSERT_EQ(yalu_index(dir / "x.db", shell_quote(dir / "src")).exit_code, 0);
    ASSERT_EQ(yalu_index(dir / "x.db", "--rebuild " + shell_quote(dir / "src")).exit_code, 0);
    ASSERT_EQ(read_file(dir / "x.db"), "auto x.db.d/gen-000002\n");
    const auto generations = names_in(dir / "x.db.d");
    for (const std::string stub : {"missing", "empty"}) {
        SCOPED_TRACE(stub);
        if (stub == "missing")
            fs::remove(dir / "x.db");
        else
            write_file(dir / "x.db", "");
        for (int run = 0; run < 2; ++run) {
            const auto r = yalu_index(dir / "x.db", shell_quote(dir / "other"));
            EXPECT_EQ(r.exit_code, 73) << r.err;
            EXPECT_NE(r.err.find("stub file '" + (dir / "x.db") + "' is " + stub),
                      std::string::npos)
                << r.err;
            EXPECT_NE(r.err.find("`auto x.db.d/gen-000002`"), std::string::npos) << r.err;
            EXPECT_NE(r.err.find("--rebuild"), std::string::npos) << r.err;
            EXPECT_EQ(r.err.find("remove it"), std::string::npos) << r.err;
        }
        EXPECT_EQ(names_in(dir / "x.db.d"), generations);
        EXPECT_EQ(fs::exists(dir / "x.db"), stub == "empty");
        const auto stats =
            run_command(shell_quote(index_bin()) + " --stats --db " + shell_quote(dir / "x.db"));
        EXPECT_EQ(stats.exit_code, 73) << stats.err;
        EXPECT_NE(stats.err.find("`auto x.db.d/gen-000002`"), std::string::npos) << stats.err;
        EXPECT_EQ(stats.err.find("create one"), std::string::npos) << stats.err;
        const auto suggest = run_command(shell_quote(index_bin()) + " --suggest-entities --db " +
                                         shell_quote(dir / "x.db"));
        EXPECT_EQ(suggest.exit_code, 73) << suggest.err;
        EXPECT_NE(suggest.err.find("`auto x.db.d/gen-000002`"), std::string::npos) << suggest.err;
        // The searcher: an empty stub is unreadable (5), with the same advice, never Xapian's
        // "uninitialised Database"; a missing one is no index (3), but not "create one".
        const auto search = yalu_search(dir / "x.db", kMarker);
        EXPECT_EQ(search.exit_code, stub == "empty" ? 5 : 3) << search.err;
        EXPECT_NE(search.err.find("`auto x.db.d/gen-000002`"), std::string::npos) << search.err;
        EXPECT_EQ(search.err.find("Enquire"), std::string::npos) << search.err;
    }
    // The advice works: the line restores the index.
    write_file(dir / "x.db", "auto x.db.d/gen-000002\n");
    EXPECT_EQ(marker_ids(dir / "x.db").size(), 3U);
    // So does the other way out: a rebuild publishes a new generation after the old ones.
    fs::remove(dir / "x.db");
    const auto rebuilt = yalu_index(dir / "x.db", "--rebuild " + shell_quote(dir / "other"));
    EXPECT_EQ(rebuilt.exit_code, 0) << rebuilt.err;
    EXPECT_EQ(read_file(dir / "x.db"), "auto x.db.d/gen-000003\n");
    EXPECT_EQ(marker_ids(dir / "x.db").size(), 2U);
}

// A first run killed after Xapian made its generation but before the stub named it (kill -9
// 40-110 ms in: 17 of 40 tries) left PATH.d/gen-000001 holding an empty database and no stub,
// which every later run refused as a lost stub (exit 73), night after night under cron. That
// generation holds nothing to lose: the next run starts the database again and says so. One a
// run wrote into (documents, or only the record of a run) stays a lost stub.
TEST(OpsLayout, AFirstRunKilledBeforeItsStubIsStartedAgainNotALostStub) {
    if (!has_xapian_tools()) GTEST_SKIP() << "xapian-metadata (xapian-tools) is not installed";
    ASSERT_FALSE(schema_version().empty()) << "no version in schemas/index.xml";
    ScratchDir dir;
    write_articles(dir / "a.jsonl", 3);
    const std::string db = dir / "e.db", gen = dir / "e.db.d/gen-000001";
    const auto set_metadata = [&](const std::string& key, const std::string& value) {
        fs::create_directories(dir / "e.db.d");
        return run_command("xapian-metadata set " + shell_quote(gen) + " " + key + " " +
                           shell_quote(value))
            .exit_code;
    };
    // Killed before the stub's rename (its temporary file written), or during the commit of
    // the schema version (Xapian's next revision file half written).
    for (const std::string left : {"e.db.stub-tmp", "e.db.d/gen-000001/v.tmp"}) {
        SCOPED_TRACE(left);
        fs::remove_all(dir / "e.db.d");
        fs::remove(db);
        ASSERT_EQ(set_metadata("yalu.schema_version", schema_version()), 0);
        write_file(dir / left, "auto e.db.d/gen-000001\n");
        const auto search = yalu_search(db, kMarker);
        EXPECT_EQ(search.exit_code, 3) << search.err;
        EXPECT_EQ(search.err.find("write the line"), std::string::npos) << search.err;
        for (int run = 0; run < 2; ++run) {
            const auto r = yalu_index(db, shell_quote(dir / "a.jsonl"));
            EXPECT_EQ(r.exit_code, 0) << r.err;
            EXPECT_EQ(r.err.find("killed before it wrote") != std::string::npos, run == 0) << r.err;
        }
        EXPECT_EQ(read_file(db), "auto e.db.d/gen-000001\n");
        EXPECT_EQ(marker_ids(db).size(), 3U);
        EXPECT_FALSE(fs::exists(dir / left));
    }
    // A run recorded in the generation, no document in it; then an index of documents.
    fs::remove_all(dir / "e.db.d");
    fs::remove(db);
    ASSERT_EQ(set_metadata("yalu.schema_version", schema_version()), 0);
    ASSERT_EQ(set_metadata("yalu.last_run", R"({"added":0})"), 0);
    ASSERT_EQ(yalu_index(dir / "f.db", shell_quote(dir / "a.jsonl")).exit_code, 0);
    fs::remove(dir / "f.db");
    for (const std::string lost : {"e.db", "f.db"}) {
        SCOPED_TRACE(lost);
        const auto names = names_in(dir / (lost + ".d"));
        const auto r = yalu_index(dir / lost, shell_quote(dir / "a.jsonl"));
        EXPECT_EQ(r.exit_code, 73) << r.err;
        EXPECT_NE(r.err.find("`auto " + lost + ".d/gen-000001`"), std::string::npos) << r.err;
        EXPECT_EQ(names_in(dir / (lost + ".d")), names);
        EXPECT_FALSE(fs::exists(dir / lost));
    }
    EXPECT_EQ(metadata(gen, "yalu.last_run"), "{\"added\":0}\n");
}

// A first run has no stub until its first generation is committed: a second run started in
// that moment took it for a lost stub and exited 73 ("restore the stub"), which a cron
// wrapper treats as damage. While another run holds PATH.lock the stub is judged under the
// lock: 75 (try again), or with --wait the finished database; a stub still missing then is 73.
TEST(OpsLayout, AMissingStubWhileAnotherRunHoldsTheLockIsABusyDatabaseNotALostOne) {
    ScratchDir dir;
    write_articles(dir / "a.jsonl", 3);
    const std::string db = dir / "x.db";
    ASSERT_EQ(yalu_index(db, shell_quote(dir / "a.jsonl")).exit_code, 0);
    const std::string stub = read_file(db);
    fs::remove(db);  // as a first run sees it before its stub is written
    const int fd = ::open((db + ".lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    ASSERT_GE(fd, 0);
    ASSERT_EQ(::flock(fd, LOCK_EX), 0);
    const auto busy = yalu_index(db, shell_quote(dir / "a.jsonl"));
    EXPECT_EQ(busy.exit_code, 75) << busy.err;
    EXPECT_FALSE(fs::exists(db));
    const pid_t pid = spawn_index(db, {"--wait", "30", dir / "a.jsonl"});
    ASSERT_GT(pid, 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    write_file(db, stub);  // the other run's stub, written before it lets go
    ::close(fd);
    EXPECT_EQ(wait_for(pid), 0) << read_file(db + ".spawn-err");
    EXPECT_EQ(marker_ids(db).size(), 3U);
    // Once no run holds the lock, a missing stub is lost: refused under the lock.
    fs::remove(db);
    const auto lost = yalu_index(db, shell_quote(dir / "a.jsonl"));
    EXPECT_EQ(lost.exit_code, 73) << lost.err;
}

// A stub emptied with no generation beside it: yalu-search said Xapian's "Can't make an
// Enquire object from an uninitialised Database object".
// A stub written by hand (the rollback of "A finished rebuild that turned out bad") with a
// Windows line end or a space after the path: Xapian reads the CR or the space as part of the
// path. yalu-search said "no index at 'x.db' ... create one with yalu-index" (exit 3),
// --stats "Couldn't stat 'x.db.d/gen-000001'" (a path that exists), and yalu-index went on
// writing into the generation no search could open. Each now names the stub, the line and the
// sed command that mends it, and writes nothing; after that command all work again.
TEST(OpsLayout, AStubLineWithAStrayCarriageReturnOrSpaceIsNamedWithItsFix) {
    ScratchDir dir;
    fs::create_directories(dir / "src");
    write_articles(dir / "src/a.jsonl", 3);
    ASSERT_EQ(yalu_index(dir / "x.db", shell_quote(dir / "src")).exit_code, 0);
    for (const std::string end : {"\r", " ", "\t"}) {
        write_file(dir / "x.db", "auto x.db.d/gen-000001" + end + "\n");
        const auto searched = yalu_search(dir / "x.db", kMarker);
        EXPECT_EQ(searched.exit_code, 5) << searched.err;
        const auto stats = yalu_index(dir / "x.db", "--stats");
        EXPECT_EQ(stats.exit_code, 73) << stats.err;
        write_articles(dir / "src/b.jsonl", 1, "late-");
        const auto written = yalu_index(dir / "x.db", shell_quote(dir / "src"));
        EXPECT_EQ(written.exit_code, 73) << written.err;
        fs::remove(dir / "src/b.jsonl");
        for (const std::string& err : {searched.err, stats.err, written.err}) {
            EXPECT_NE(err.find("'" + (dir / "x.db") + "' line 1"), std::string::npos) << err;
            EXPECT_NE(err.find(end == "\r" ? "carriage return" : "white space"), std::string::npos)
                << err;
            EXPECT_NE(err.find("sed -i -E"), std::string::npos) << err;
            EXPECT_EQ(err.find("no index"), std::string::npos) << err;
        }
        EXPECT_EQ(indexed_count(dir / "x.db.d/gen-000001"), 3);
        // The command the message gives mends the stub.
        const std::string message = searched.err;
        const auto sed = message.find("sed -i -E");
        ASSERT_NE(sed, std::string::npos) << message;
        const std::string command = message.substr(sed, message.find('\n', sed) - sed);
        ASSERT_EQ(run_command(command.substr(0, command.rfind('\'') + 1)).exit_code, 0) << command;
        EXPECT_EQ(read_file(dir / "x.db"), "auto x.db.d/gen-000001\n") << command;
        EXPECT_EQ(yalu_search(dir / "x.db", kMarker).exit_code, 0);
    }
}

TEST(OpsExit, AnEmptyStubIsSaidToBeEmpty) {
    ScratchDir dir;
    write_file(dir / "e.db", "");
    const auto r = yalu_search(dir / "e.db", kMarker);
    EXPECT_EQ(r.exit_code, 5) << r.err;
    EXPECT_NE(r.err.find("stub file '" + (dir / "e.db") + "' is empty"), std::string::npos)
        << r.err;
    EXPECT_EQ(r.err.find("Enquire"), std::string::npos) << r.err;
}

namespace {

// Permissions do not bind root: a test run as root runs the command as nobody (setpriv).
// Returns the prefix, or nullopt when root cannot drop its privileges here.
std::optional<std::string> unprivileged() {
    if (::geteuid() != 0) return std::string();
    if (run_command("setpriv --version").exit_code != 0) return std::nullopt;
    return std::string("setpriv --reuid=65534 --regid=65534 --clear-groups ");
}

}  // namespace

// An index the searching user may not read (built under umask 077 by another user) was "no
// index ... create one" (3): exit 5 naming the permission problem, for the stub and for the
// generation folder alone. A path that does not exist stays 3.
TEST(OpsExit, AnIndexTheUserMayNotReadExits5NotNoIndex) {
    const auto as_other = unprivileged();
    if (!as_other) GTEST_SKIP() << "running as root without setpriv: cannot test as another user";
    ScratchDir dir;
    fs::permissions(dir.path(), fs::perms::all, fs::perm_options::replace);
    fs::create_directories(dir / "src");
    write_articles(dir / "src/a.jsonl", 3);
    const auto built = run_command("umask 077; " + shell_quote(index_bin()) + " -q --db " +
                                   shell_quote(dir / "um.db") + " " + shell_quote(dir / "src"));
    ASSERT_EQ(built.exit_code, 0) << built.err;
    const std::string search =
        *as_other + shell_quote(search_bin()) + " --db " + shell_quote(dir / "um.db") + " ";
    // Unprivileged, the builder is the searcher: take its own read permission away.
    fs::permissions(dir / "um.db", fs::perms::none, fs::perm_options::replace);
    const auto stub = run_command(search + kMarker);
    EXPECT_EQ(stub.exit_code, 5) << stub.err;
    EXPECT_NE(
        stub.err.find("index unreadable: cannot read '" + (dir / "um.db") + "': Permission denied"),
        std::string::npos)
        << stub.err;
    EXPECT_EQ(stub.err.find("create one"), std::string::npos) << stub.err;
    // Only the generation folder unreadable: "Couldn't detect type of database" was 3.
    fs::permissions(dir / "um.db", fs::perms::owner_read | fs::perms::others_read,
                    fs::perm_options::replace);
    fs::permissions(dir / "um.db.d", fs::perms::none, fs::perm_options::replace);
    const auto folder = run_command(search + kMarker);
    fs::permissions(dir / "um.db.d", fs::perms::owner_all, fs::perm_options::replace);
    EXPECT_EQ(folder.exit_code, 5) << folder.err;
    EXPECT_NE(folder.err.find("Permission denied"), std::string::npos) << folder.err;
    EXPECT_NE(folder.err.find(dir / "um.db.d"), std::string::npos) << folder.err;
    EXPECT_EQ(folder.err.find("create one"), std::string::npos) << folder.err;
    const auto none = yalu_search(dir / "none.db", kMarker);
    EXPECT_EQ(none.exit_code, 3) << none.err;
}

// dir/srv/archive/a.jsonl with three articles, dir/srv owned by the user `unprivileged()`
// runs as (nobody) when the test runs as root; dir open to everyone.
void write_archive_of_another_user(const ScratchDir& dir) {
    fs::permissions(dir.path(), fs::perms::all, fs::perm_options::replace);
    fs::create_directories(dir / "srv/archive");
    write_articles(dir / "srv/archive/a.jsonl", 3);
    if (::geteuid() == 0) {
        ASSERT_EQ(run_command("chown -R 65534 " + shell_quote(dir / "srv")).exit_code, 0);
    }
}

// A lock file another user owns (a run as root made it) exited 73 with "cannot create lock
// file ... check the folder exists and is writable", which it is: say the file exists, who
// owns it, and that this user cannot write it.
TEST(OpsExit, ALockFileOfAnotherUserExits73NamingItsOwner) {
    const auto as_other = unprivileged();
    if (!as_other) GTEST_SKIP() << "running as root without setpriv: cannot test as another user";
    ScratchDir dir;
    const bool root = ::geteuid() == 0;
    ASSERT_NO_FATAL_FAILURE(write_archive_of_another_user(dir));
    const std::string db = dir / "srv/o.db";
    const std::string nightly = *as_other + shell_quote(index_bin()) + " -q --db " +
                                shell_quote(db) + " " + shell_quote(dir / "srv/archive");
    ASSERT_EQ(run_command(nightly).exit_code, 0);
    // As root: root's lock file. Unprivileged: the user's own, made read-only.
    if (root) {
        ASSERT_EQ(run_command("chown root " + shell_quote(db + ".lock")).exit_code, 0);
    }
    fs::permissions(db + ".lock",
                    root ? fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                               fs::perms::others_read
                         : fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read,
                    fs::perm_options::replace);
    const auto night = run_command(nightly);
    EXPECT_EQ(night.exit_code, 73) << night.err;
    EXPECT_NE(night.err.find("cannot write the lock file '" + db + ".lock': Permission denied"),
              std::string::npos)
        << night.err;
    EXPECT_EQ(night.err.find("cannot create"), std::string::npos) << night.err;
    // Unprivileged, the lock file is the user's own: chmod, not chown, mends it
    // (AReadOnlyGenerationOfTheNightlyUsersOwnSaysChmodNotChown).
    EXPECT_NE(night.err.find(root ? "it exists but is not writable by this user" : "chmod u+w"),
              std::string::npos)
        << night.err;
    if (root) {
        EXPECT_NE(night.err.find("owned by root"), std::string::npos) << night.err;
    }
}

// `command` run where `folder` is a read-only file system (a bind mount of it, remounted
// read-only, in a user and mount namespace of its own: unshare -rm), or nullopt where this
// machine gives no such namespace (a container without user namespaces).
std::optional<CommandResult> run_on_read_only(const std::string& folder,
                                              const std::string& command) {
    const std::string mount = "mount --bind " + shell_quote(folder) + " " + shell_quote(folder) +
                              " && mount -o remount,bind,ro " + shell_quote(folder);
    const std::string probe = shell_quote(folder + "/probe");
    if (run_command("unshare -rm sh -c " + shell_quote(mount + " && ! touch " + probe)).exit_code !=
        0)
        return std::nullopt;
    return run_command("unshare -rm sh -c " + shell_quote(mount + " && " + command));
}

// A database on a file system mounted read-only (a restore or snapshot mounted ro, a disk the
// kernel remounted ro after errors) said "cannot create lock file 'PATH.lock': Read-only file
// system (check the folder exists and is writable)" though the lock file was there: it is
// opened for writing, which is what failed. Exit 73 still, naming the read-only mount and its fix.
TEST(OpsExit, ADatabaseOnAReadOnlyFileSystemSaysSoNotCannotCreateTheLockFile) {
    ScratchDir dir;
    fs::create_directories(dir / "srv/archive");
    write_articles(dir / "srv/archive/a.jsonl", 3);
    const std::string db = dir / "srv/yalu.db";
    const std::string nightly = shell_quote(index_bin()) + " -q --db " + shell_quote(db) + " " +
                                shell_quote(dir / "srv/archive");
    ASSERT_EQ(run_command(nightly).exit_code, 0);
    const auto night = run_on_read_only(dir / "srv", nightly);
    if (!night)
        GTEST_SKIP() << "no user and mount namespace here (unshare -rm): cannot mount read-only";
    EXPECT_EQ(night->exit_code, 73) << night->err;
    EXPECT_NE(night->err.find("cannot open the lock file '" + db +
                              ".lock' for writing: Read-only file system"),
              std::string::npos)
        << night->err;
    EXPECT_NE(night->err.find("mounted read-only"), std::string::npos) << night->err;
    EXPECT_EQ(night->err.find("cannot create"), std::string::npos) << night->err;
    // A first run there: the lock file cannot be created, and that is what it says.
    const std::string fresh = dir / "srv/new.db";
    const auto first =
        run_on_read_only(dir / "srv", shell_quote(index_bin()) + " -q --db " + shell_quote(fresh) +
                                          " " + shell_quote(dir / "srv/archive"));
    ASSERT_TRUE(first);
    EXPECT_EQ(first->exit_code, 73) << first->err;
    EXPECT_NE(
        first->err.find("cannot create the lock file '" + fresh + ".lock': Read-only file system"),
        std::string::npos)
        << first->err;
    EXPECT_NE(first->err.find("mounted read-only"), std::string::npos) << first->err;
}

// The nightly user's own generation or lock file made read-only (chmod -R a-w, a restore copied
// from read-only media) exited 73 saying "it is owned by nobody ... chown -R it back" to the
// user nobody: chown changes nothing there. The message now says the file is this user's own,
// gives its mode and the fix that mends it (chmod u+w).
TEST(OpsExit, AReadOnlyGenerationOfTheNightlyUsersOwnSaysChmodNotChown) {
    const auto as_other = unprivileged();
    if (!as_other) GTEST_SKIP() << "running as root without setpriv: cannot test as another user";
    ScratchDir dir;
    ASSERT_NO_FATAL_FAILURE(write_archive_of_another_user(dir));
    const std::string db = dir / "srv/yalu.db";
    const std::string nightly = *as_other + shell_quote(index_bin()) + " -q --prune --db " +
                                shell_quote(db) + " " + shell_quote(dir / "srv/archive");
    ASSERT_EQ(run_command(nightly).exit_code, 0);
    const auto write_bits =
        fs::perms::owner_write | fs::perms::group_write | fs::perms::others_write;
    fs::permissions(dir / "srv/yalu.db.d/gen-000001", write_bits, fs::perm_options::remove);
    const auto generation = run_command(nightly);
    fs::permissions(dir / "srv/yalu.db.d/gen-000001", fs::perms::owner_write,
                    fs::perm_options::add);
    EXPECT_EQ(generation.exit_code, 73) << generation.err;
    EXPECT_NE(generation.err.find("cannot write the lock file of " +
                                  (dir / "srv/yalu.db.d/gen-000001") + ": Permission denied"),
              std::string::npos)
        << generation.err;
    EXPECT_NE(generation.err.find("this user's own"), std::string::npos) << generation.err;
    EXPECT_NE(generation.err.find("mode 0555"), std::string::npos) << generation.err;
    EXPECT_NE(generation.err.find("chmod -R u+w " + (dir / "srv/yalu.db.d")), std::string::npos)
        << generation.err;
    EXPECT_EQ(generation.err.find("chown"), std::string::npos) << generation.err;
    fs::permissions(db + ".lock", write_bits, fs::perm_options::remove);
    const auto lock = run_command(nightly);
    EXPECT_EQ(lock.exit_code, 73) << lock.err;
    EXPECT_NE(lock.err.find("cannot write the lock file '" + db + ".lock': Permission denied"),
              std::string::npos)
        << lock.err;
    EXPECT_NE(lock.err.find("mode 0444"), std::string::npos) << lock.err;
    EXPECT_NE(lock.err.find("chmod u+w " + db + ".lock"), std::string::npos) << lock.err;
    EXPECT_EQ(lock.err.find("chown"), std::string::npos) << lock.err;
    // Mended as the message says, the night runs.
    fs::permissions(db + ".lock", fs::perms::owner_write, fs::perm_options::add);
    EXPECT_EQ(run_command(nightly).exit_code, 0);
}

// A generation the nightly user cannot write (a --rebuild run as root) made every night exit 75
// "locked by another writer" at once, even with --wait, while 75 means "the next night runs
// normally": exit 73 naming the permission problem and the owner.
TEST(OpsExit, AGenerationTheNightlyUserCannotWriteExits73NotLocked) {
    const auto as_other = unprivileged();
    if (!as_other) GTEST_SKIP() << "running as root without setpriv: cannot test as another user";
    ScratchDir dir;
    const bool root = ::geteuid() == 0;
    ASSERT_NO_FATAL_FAILURE(write_archive_of_another_user(dir));
    const std::string nightly = *as_other + shell_quote(index_bin()) + " -q --prune --db " +
                                shell_quote(dir / "srv/yalu.db") + " ";
    const auto first = run_command(nightly + shell_quote(dir / "srv/archive"));
    ASSERT_EQ(first.exit_code, 0) << first.err;
    // As root: another user's rebuild. Unprivileged: the same generation made unwritable.
    const auto rebuild =
        yalu_index(dir / "srv/yalu.db", "--prune --rebuild " + shell_quote(dir / "srv/archive"));
    ASSERT_EQ(rebuild.exit_code, 0) << rebuild.err;
    if (!root) {
        fs::permissions(dir / "srv/yalu.db.d/gen-000002",
                        fs::perms::owner_write | fs::perms::group_write | fs::perms::others_write,
                        fs::perm_options::remove);
    }
    write_file(dir / "srv/archive/n.jsonl", record("n-1", "Nightly article about Kaesong."));
    if (root) {
        ASSERT_EQ(run_command("chown 65534 " + shell_quote(dir / "srv/archive/n.jsonl")).exit_code,
                  0);
    }
    const auto started = Clock::now();
    const auto night = run_command(nightly + "--wait 60 " + shell_quote(dir / "srv/archive"));
    EXPECT_LT(Clock::now() - started, std::chrono::seconds(30));
    EXPECT_EQ(night.exit_code, 73) << night.err;
    EXPECT_NE(night.err.find("cannot write the lock file of " + (dir / "srv/yalu.db.d/gen-000002") +
                             ": Permission denied"),
              std::string::npos)
        << night.err;
    EXPECT_NE(night.err.find((root ? "owns " : "chmod -R u+w ") + (dir / "srv/yalu.db.d")),
              std::string::npos)
        << night.err;
    EXPECT_EQ(night.err.find("locked"), std::string::npos) << night.err;
    if (root) {
        EXPECT_NE(night.err.find("owned by root"), std::string::npos) << night.err;
    }
}

// Running out of memory, made deterministic by tests/failing_alloc.cpp (LD_PRELOAD): single
// allocations of more than a given size fail on one named thread, as on a machine whose memory
// is exhausted, whatever memory this machine has. (`ulimit -v` fails whatever comes next, a
// thread's stack included, and segfaults.) The limits are far above what the tools otherwise
// allocate at once on those threads (measured: under 1 MiB on yalu-index's main thread, the
// gazetteer's read; 12 KiB on its analyser, 130 KiB on its writer; 480 KiB in yalu-search),
// and the records below far above the limits, at lengths chosen against how buffers grow
// (libstdc++ doubles a growing string's capacity from 15 bytes: one of up to 3,932,160 bytes
// fits under 4 MiB). A record is read whole before it is parsed, so a parse runs out alone
// only where it takes more than the read: text with one non-ASCII character, which ICU's NFC
// normalisation holds as UTF-16 (two bytes an ASCII character). Not reached deterministically:
// an article of an <articles> file with broken markup (read again article by article) whose
// own copy or parse runs out, since the file read before it is as large (it is rejected under
// its id like the article below); and where exactly inside Xapian its writes or the merge run
// out, which is Xapian's buffers' business (the tests only need them to: a document's data of
// 3,000,000 bytes, a term list of 250,000 words).
namespace {

// The tests of running out of memory: an AddressSanitizer build (YALU_SANITIZE) has its own
// allocator, which an LD_PRELOAD one cannot stand in for.
class OpsMemory : public ::testing::Test {
protected:
    void SetUp() override {
        if (address_sanitized())
            GTEST_SKIP()
                << "AddressSanitizer's allocator leaves no room for tests/failing_alloc.cpp";
    }
};

// The environment that makes every allocation of more than `above` bytes fail on the thread
// named `thread`, before a command.
std::string short_of_memory(const std::string& thread, std::size_t above) {
    return "YALU_FAIL_ALLOC_ABOVE=" + std::to_string(above) +
           " YALU_FAIL_ALLOC_THREAD=" + shell_quote(thread) +
           " LD_PRELOAD=" + shell_quote(YALU_FAILING_ALLOC_LIB) + " ";
}

// The name of a program's main thread: its file name, cut to the kernel's 15 bytes.
std::string main_thread(const std::string& bin) {
    return fs::path(bin).filename().string().substr(0, 15);
}

CommandResult index_short_of_memory(const std::string& db, const std::string& thread,
                                    std::size_t above, const std::string& args) {
    return run_command(short_of_memory(thread, above) + shell_quote(index_bin()) +
                       " --quiet --db " + shell_quote(db) + " " + args);
}

// The nightly command (--prune, --rejects DIR/rejects.jsonl) from DIR/src into DIR/db, with the
// allocations short_of_memory() says failing.
CommandResult night_short_of_memory(const ScratchDir& dir, const std::string& thread,
                                    std::size_t above) {
    return index_short_of_memory(
        dir / "db", thread, above,
        "--prune --rejects " + shell_quote(dir / "rejects.jsonl") + " " + shell_quote(dir / "src"));
}

CommandResult search_short_of_memory(const std::string& db, std::size_t above,
                                     const std::string& args) {
    return run_command(short_of_memory(main_thread(search_bin()), above) +
                       shell_quote(search_bin()) + " --db " + shell_quote(db) + " " + args);
}

constexpr std::size_t kMiB = std::size_t{1} << 20;
// yalu-index's main thread reads: 4 MiB, four times what it allocates at once otherwise.
constexpr std::size_t kReadLimit = 4 * kMiB;
// A text the read grows past kReadLimit: its buffers double to 7,864,320 bytes.
constexpr std::size_t kUnreadable = 5000000;
// A text read whole under kReadLimit (its buffers up to 3,932,160 bytes) that normalising
// takes past it: one é sends it through ICU as UTF-16, 6,000,000 bytes.
constexpr std::size_t kUnparsable = 3000000;
// The pipeline's threads and yalu-search: 2 MiB, over four times what they take otherwise;
// an article of 3,000,000 bytes, which each holds whole (document data), goes past it.
constexpr std::size_t kWorkerLimit = 2 * kMiB;

// The marker word, then filler words to `bytes` bytes, all ASCII or (`accented`) with one é.
std::string long_text(std::size_t bytes, bool accented = false) {
    std::string text = std::string(kMarker) + (accented ? " caf\xC3\xA9" : "");
    while (text.size() < bytes) text += " lorem ipsum dolor sit amet";
    text.resize(bytes);
    return text;
}

// A JSON line with its "id" first, as exporters write it (record() sorts the keys: "body"
// first): the id of a line memory cannot read whole comes from its first bytes.
std::string exported(const std::string& id, const std::string& body) {
    return nlohmann::ordered_json(
               {{"id", id}, {"date", "2024-01-02"}, {"lang", "en"}, {"body", body}})
               .dump() +
           "\n";
}

// The --rejects list's lines.
std::vector<json> rejected(const std::string& list) {
    std::vector<json> lines;
    std::istringstream in(read_file(list));
    for (std::string line; std::getline(in, line);) lines.push_back(json::parse(line));
    return lines;
}

// A rejection for memory that ran out, in --rejects and on `run`'s stderr: the record's file,
// line and id, and a reason that says what ran out (`doing`), what to do, and `fix`, never
// that it is a bug.
void expect_out_of_memory(const CommandResult& run, const json& rejection, const std::string& file,
                          long line, const std::string& id, const std::string& doing,
                          const std::string& fix = "--max-record-mb") {
    SCOPED_TRACE(rejection.dump());
    const std::string path = rejection.at("path");
    EXPECT_EQ(fs::path(path).filename(), file);
    EXPECT_EQ(rejection.at("line"), line);
    EXPECT_EQ(rejection.at("id"), id);
    const std::string reason = rejection.at("reason");
    EXPECT_NE(run.err.find(path + (line > 0 ? ":" + std::to_string(line) : "") + ": "),
              std::string::npos)
        << run.err;
    EXPECT_NE(run.err.find(reason), std::string::npos) << run.err;
    EXPECT_NE(reason.find("out of memory while " + doing), std::string::npos);
    EXPECT_NE(reason.find("give yalu-index more memory"), std::string::npos);
    EXPECT_NE(reason.find(fix), std::string::npos);
    EXPECT_EQ(reason.find("internal error"), std::string::npos);
}

// A night whose analyser thread cannot hold the article "large" (line `line` of feed.jsonl):
// exit 65, the `summary`, and that one record rejected for memory.
void analyser_short_night(const ScratchDir& dir, const std::string& summary, long line) {
    const auto r = night_short_of_memory(dir, "yalu-analyse", kWorkerLimit);
    EXPECT_EQ(r.exit_code, 65) << r.err;
    EXPECT_NE(r.out.find(summary), std::string::npos) << r.out;
    const auto list = rejected(dir / "rejects.jsonl");
    ASSERT_EQ(list.size(), 1u);
    expect_out_of_memory(r, list[0], "feed.jsonl", line, "large", "analysing the article");
}

// The article `id` of `db` is stored with `text` in it: its indexed version stayed.
void expect_stored(const std::string& db, const std::string& id, const std::string& text) {
    const auto shown = yalu_search(db, "--show " + id + " --format json");
    ASSERT_EQ(shown.exit_code, 0) << shown.err;
    EXPECT_NE(shown.out.find(text), std::string::npos);
}

}  // namespace

// One JSON line memory cannot hold, or cannot parse, is one rejected record: named with its
// file, line and id (in --rejects too), its article kept by --prune, the run going on and
// indexing the lines after it (exit 65). It was "internal error: std::bad_alloc" (exit 70),
// and nothing after it was read.
TEST_F(OpsMemory, AJsonLineMemoryCannotReadOrParseIsRejectedAndTheRunGoesOn) {
    ScratchDir dir;
    const std::string db = dir / "db";
    fs::create_directories(dir / "src");
    const std::string lines = exported("before", std::string(kMarker) + " before") +
                              exported("unreadable", long_text(kUnreadable)) +
                              exported("unparsable", long_text(kUnparsable, true)) +
                              exported("after", std::string(kMarker) + " after");
    write_file(dir / "src/feed.jsonl", lines);
    // With memory to spare, each is an article like another (under --max-record-mb 16).
    ASSERT_EQ(yalu_index(db, "--prune " + shell_quote(dir / "src")).exit_code, 0);
    write_file(dir / "src/feed.jsonl", lines + exported("new", std::string(kMarker) + " new"));
    const auto r = night_short_of_memory(dir, main_thread(index_bin()), kReadLimit);
    EXPECT_EQ(r.exit_code, 65) << r.err;
    EXPECT_NE(r.out.find("added=1 updated=0 deleted=0 unchanged=2 rejected=2"), std::string::npos)
        << r.out;
    const auto list = rejected(dir / "rejects.jsonl");
    ASSERT_EQ(list.size(), 2u);
    const std::string read_line = exported("unreadable", long_text(kUnreadable));
    expect_out_of_memory(r, list[0], "feed.jsonl", 2, "unreadable",
                         "reading the line of " + std::to_string(read_line.size() - 1) + " bytes");
    expect_out_of_memory(r, list[1], "feed.jsonl", 3, "unparsable", "parsing the line");
    // Nothing indexed was lost, and the record after them was read.
    EXPECT_EQ(marker_ids(db),
              (std::set<std::string>{"before", "unreadable", "unparsable", "after", "new"}));
}

// A .txt file, an .xml file read whole and an article of an <articles> file that memory
// cannot hold are rejected each alone (the file, or the article under its id), and every
// other file and article is indexed.
TEST_F(OpsMemory, TextAndXmlRecordsMemoryCannotReadAreRejectedAndTheRestIndexed) {
    ScratchDir dir;
    const std::string db = dir / "db";
    fs::create_directories(dir / "src");
    write_file(dir / "src/a-small.txt", std::string(kMarker) + " small text\n");
    write_file(dir / "src/b-large.txt", long_text(kUnreadable) + "\n");
    write_file(dir / "src/c-small.xml", xml_article("c-small") + "\n");
    write_file(dir / "src/d-large.xml", "<article id=\"d-large\" date=\"2024-01-02\"><body><p>" +
                                            long_text(kUnreadable) + "</p></body></article>\n");
    write_file(dir / "src/e-many.xml", "<articles>\n" + xml_article("e-1") + "\n" +
                                           "<article id=\"e-large\" date=\"2024-01-02\"><body><p>" +
                                           long_text(kUnparsable, true) +
                                           "</p></body></article>\n" + xml_article("e-3") +
                                           "\n</articles>\n");
    const auto r = night_short_of_memory(dir, main_thread(index_bin()), kReadLimit);
    EXPECT_EQ(r.exit_code, 65) << r.err;
    EXPECT_EQ(summary_count(r.out, "rejected"), 3) << r.out;
    const auto list = rejected(dir / "rejects.jsonl");
    ASSERT_EQ(list.size(), 3u);
    // The .txt file, under its name (its id).
    expect_out_of_memory(r, list[0], "b-large.txt", 1, "b-large",
                         "reading the file of " + std::to_string(kUnreadable + 1) + " bytes");
    // Read whole, the .xml file is rejected without an id (so that night prunes nothing).
    expect_out_of_memory(r, list[1], "d-large.xml", 0, "", "reading the .xml file of ",
                         "split it into several files");
    expect_out_of_memory(r, list[2], "e-many.xml", 3, "e-large", "reading the article");
    EXPECT_EQ(marker_ids(db), (std::set<std::string>{"a-small", "c-small", "e-1", "e-3"}));
}

// Memory that runs out while the analyser thread analyses one article rejects that record on
// the thread that reads (counts, --rejects, --prune), and the writer goes on with the others:
// the article's indexed version stays.
TEST_F(OpsMemory, AnArticleMemoryCannotAnalyseIsRejectedAndTheRunGoesOn) {
    ScratchDir dir;
    const std::string db = dir / "db";
    fs::create_directories(dir / "src");
    write_file(dir / "src/feed.jsonl", record("small", std::string(kMarker) + " small") +
                                           record("large", long_text(3000000) + " first version"));
    ASSERT_EQ(yalu_index(db, "--prune " + shell_quote(dir / "src")).exit_code, 0);
    write_file(dir / "src/feed.jsonl", record("small", std::string(kMarker) + " small") +
                                           record("large", long_text(3000000) + " second version") +
                                           record("new", std::string(kMarker) + " new"));
    // "large" is no update: its new record was rejected, the indexed one stays.
    analyser_short_night(dir, "added=1 updated=0 deleted=0 unchanged=1 rejected=1", 2);
    EXPECT_EQ(marker_ids(db), (std::set<std::string>{"small", "large", "new"}));
    expect_stored(db, "large", "first version");
    // A rebuild carries the indexed article over, analysed again: out of memory as well, it
    // publishes nothing rather than a generation without it (exit 71).
    const auto rebuild = index_short_of_memory(db, "yalu-analyse", kWorkerLimit,
                                               "--rebuild " + shell_quote(dir / "src"));
    EXPECT_EQ(rebuild.exit_code, 71) << rebuild.err;
    EXPECT_EQ(names_in(dir / "db.d"), (std::set<std::string>{"gen-000001"}));
    EXPECT_EQ(marker_ids(db), (std::set<std::string>{"small", "large", "new"}));
}

// An id whose first record is the indexed article and whose repeat (a changed version) memory
// cannot analyse stays unchanged: the summary said updated=1 unchanged=0 (the repeat had
// turned the article's count into an update before its analysis failed), and the run was
// recorded as a change of the index.
TEST_F(OpsMemory, ARepeatMemoryCannotAnalyseLeavesItsArticleUnchanged) {
    ScratchDir dir;
    const std::string db = dir / "db";
    fs::create_directories(dir / "src");
    const std::string first = record("large", long_text(3000000) + " first version");
    write_file(dir / "src/feed.jsonl", record("small", std::string(kMarker) + " small") + first);
    ASSERT_EQ(yalu_index(db, shell_quote(dir / "src")).exit_code, 0);
    const std::string last_run = yalu_index(db, "--stats --json").out;
    write_file(dir / "src/feed.jsonl", record("small", std::string(kMarker) + " small") + first +
                                           record("large", long_text(3000000) + " second version"));
    analyser_short_night(dir, "added=0 updated=0 deleted=0 unchanged=2 rejected=1", 3);
    EXPECT_EQ(json::parse(yalu_index(db, "--stats --json").out).at("last_run"),
              json::parse(last_run).at("last_run"));
    expect_stored(db, "large", "first version");
}

// Memory that runs out in Xapian's write path is no record's fault: the run ends with exit 71
// and says what to do (never "internal error", exit 70); the batches committed before are
// kept, the index searchable, and a run with memory to spare finishes the job.
TEST_F(OpsMemory, OutOfMemoryInTheWritesExits71AndKeepsTheIndex) {
    ScratchDir dir;
    const std::string db = dir / "db";
    index_a1(dir);
    write_file(dir / "src/b.jsonl",
               record("b1", std::string(kMarker) + " two") + record("b2", long_text(3000000)));
    const auto r = night_short_of_memory(dir, "yalu-write", kWorkerLimit);
    EXPECT_EQ(r.exit_code, 71) << r.err;
    EXPECT_NE(r.err.find("yalu-index: out of memory: "), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("--batch"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("internal error"), std::string::npos) << r.err;
    EXPECT_EQ(summary_count(r.out, "added"), -1) << r.out;  // no summary: the run did not finish
    EXPECT_FALSE(fs::exists(dir / "rejects.jsonl"));        // a list cut short replaces none
    EXPECT_EQ(marker_ids(db), (std::set<std::string>{"a1"}));
    const auto again = yalu_index(db, shell_quote(dir / "src"));
    EXPECT_EQ(again.exit_code, 0) << again.err;
    EXPECT_EQ(marker_ids(db), (std::set<std::string>{"a1", "b1", "b2"}));
}

// The merge of a large run's parts out of memory: exit 71, nothing published (the stub still
// names the old generation, the unfinished one and the parts removed), the index keeping what
// went into it directly. Without entities, yalu-index's main thread takes under 40 KiB at once
// before the merge, whose copy of the large article's term list goes past 1 MiB.
TEST_F(OpsMemory, OutOfMemoryInTheMergeOfPartsExits71AndPublishesNothing) {
    ScratchDir dir;
    const std::string db = dir / "db";
    fs::create_directories(dir / "old");
    fs::create_directories(dir / "new");
    // 250,000 words that differ: a term list no compression shrinks.
    std::mt19937 rng(20261201);
    std::uniform_int_distribution<int> letter('a', 'z');
    std::string words = kMarker;
    for (int w = 0; w < 250000; ++w) {
        words += ' ';
        for (int k = 0; k < 8; ++k) words += static_cast<char>(letter(rng));
    }
    write_file(dir / "old/large.jsonl", record("large", words));
    ASSERT_EQ(yalu_index(db, "--no-entities " + shell_quote(dir / "old")).exit_code, 0);
    write_file(dir / "new/small.jsonl", record("s1", std::string(kMarker) + " one") +
                                            record("s2", std::string(kMarker) + " two") +
                                            record("s3", std::string(kMarker) + " three"));
    const auto r = index_short_of_memory(db, main_thread(index_bin()), kMiB,
                                         "--no-entities --part-size 1 " + shell_quote(dir / "new"));
    EXPECT_EQ(r.exit_code, 71) << r.err;
    EXPECT_NE(r.err.find("yalu-index: out of memory: "), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("internal error"), std::string::npos) << r.err;
    EXPECT_EQ(read_file(db), "auto db.d/gen-000001\n");
    EXPECT_EQ(names_in(dir / "db.d"), (std::set<std::string>{"gen-000001"}));
    // The first new article went into the index itself; the parts' were dropped.
    EXPECT_EQ(marker_ids(db), (std::set<std::string>{"large", "s1"}));
    EXPECT_EQ(yalu_index(db, "--no-entities " + shell_quote(dir / "new")).exit_code, 0);
    EXPECT_EQ(marker_ids(db), (std::set<std::string>{"large", "s1", "s2", "s3"}));
}

// A search out of memory: exit 71, said as such (in JSON too), the queries of --queries
// before it answered; never "internal error".
TEST_F(OpsMemory, ASearchOutOfMemoryExits71AndSaysSo) {
    ScratchDir dir;
    const std::string db = dir / "db";
    write_file(dir / "a.jsonl", record("small", "small article") +
                                    record("large", long_text(3000000) + " large article"));
    ASSERT_EQ(yalu_index(db, shell_quote(dir / "a.jsonl")).exit_code, 0);
    // What a search holds of the small article fits; the large article's stored text does not.
    const auto small = search_short_of_memory(db, kWorkerLimit, "small");
    EXPECT_EQ(small.exit_code, 0) << small.err;
    const auto large = search_short_of_memory(db, kWorkerLimit, "large");
    EXPECT_EQ(large.exit_code, 71) << large.err;
    EXPECT_NE(large.err.find("yalu-search: out of memory: "), std::string::npos) << large.err;
    EXPECT_NE(large.err.find("-n"), std::string::npos) << large.err;
    EXPECT_EQ(large.err.find("internal error"), std::string::npos) << large.err;
    const auto as_json = search_short_of_memory(db, kWorkerLimit, "--format json large");
    EXPECT_EQ(as_json.exit_code, 71);
    EXPECT_EQ(json::parse(as_json.out).at("exit"), 71) << as_json.out;
    write_file(dir / "queries.txt", "small\nlarge\nsmall\n");
    const auto batch = search_short_of_memory(
        db, kWorkerLimit, "--format json --queries " + shell_quote(dir / "queries.txt"));
    EXPECT_EQ(batch.exit_code, 71) << batch.err;
    EXPECT_NE(batch.out.find("\"small\""), std::string::npos) << batch.out;
    // With memory to spare, the same search finds it.
    EXPECT_EQ(yalu_search(db, "large").exit_code, 0);
}

// pugixml says memory ran out as a parse result ("Could not allocate memory"), which read as a
// broken index.xml: exit 78 from yalu-index, 6 from yalu-search, where every other allocation
// that failed said "internal error" (70). With no allocation over 16 KiB on the main thread,
// the schema's parse is the first to fail (pugixml takes 32 KiB pages): exit 71 from both.
TEST_F(OpsMemory, ASchemaParseOutOfMemoryIsNoBrokenSchema) {
    ScratchDir dir;
    const std::string db = dir / "db";
    write_file(dir / "a.jsonl", record("a1", std::string(kMarker) + " one"));
    ASSERT_EQ(yalu_index(db, shell_quote(dir / "a.jsonl")).exit_code, 0);
    const auto index =
        index_short_of_memory(db, main_thread(index_bin()), 16384, shell_quote(dir / "a.jsonl"));
    const auto search = search_short_of_memory(db, 16384, kMarker);
    for (const auto& r : {index, search}) {
        EXPECT_EQ(r.exit_code, 71) << r.err;
        EXPECT_NE(r.err.find(": out of memory: "), std::string::npos) << r.err;
        EXPECT_EQ(r.err.find("malformed XML"), std::string::npos) << r.err;
    }
}

// The schema version an index records was compared as text with the schema's: an index
// recording "05" was "schema version 05 but this yalu-search reads version 5" (exit 4, and 78
// for yalu-index), while --stats (atoi) called it version 5. Versions compare as numbers, and
// a recorded version that is no number is said to be none.
TEST(OpsLayout, SchemaVersionsCompareAsNumbers) {
    if (!has_xapian_tools()) GTEST_SKIP() << "xapian-metadata (xapian-tools) is not installed";
    const std::string version = schema_version();
    ASSERT_FALSE(version.empty()) << "no version in schemas/index.xml";
    ScratchDir dir;
    write_articles(dir / "a.jsonl", 3);
    const std::string db = dir / "db", source = shell_quote(dir / "a.jsonl");
    ASSERT_EQ(yalu_index(db, source).exit_code, 0);
    const auto record = [&](const std::string& value) {
        return run_command("xapian-metadata set " + shell_quote(db + ".d/gen-000001") +
                           " yalu.schema_version " + shell_quote(value))
            .exit_code;
    };
    for (const std::string& same : {"0" + version, "00" + version, " " + version + " "}) {
        SCOPED_TRACE("'" + same + "'");
        ASSERT_EQ(record(same), 0);
        const auto search = yalu_search(db, kMarker);
        EXPECT_EQ(search.exit_code, 0) << search.err;
        const auto stats = yalu_index(db, "--stats --json");
        ASSERT_EQ(stats.exit_code, 0) << stats.err;
        EXPECT_EQ(json::parse(stats.out).at("schema_version").get<int>(), std::stoi(version));
        const auto run = yalu_index(db, source);
        EXPECT_EQ(run.exit_code, 0) << run.err;
    }
    for (const std::string& none : {"v" + version, version + ".0", "-" + version}) {
        SCOPED_TRACE("'" + none + "'");
        ASSERT_EQ(record(none), 0);
        const std::string said = "'" + none + "', which is not a number";
        const auto search = yalu_search(db, kMarker);
        EXPECT_EQ(search.exit_code, 4) << search.err;
        EXPECT_NE(search.err.find(said), std::string::npos) << search.err;
        const auto stats = yalu_index(db, "--stats");
        EXPECT_EQ(stats.exit_code, 78) << stats.err;
        EXPECT_NE(stats.err.find(said), std::string::npos) << stats.err;
        const auto run = yalu_index(db, source);
        EXPECT_EQ(run.exit_code, 78) << run.err;
        EXPECT_NE(run.err.find(said), std::string::npos) << run.err;
    }
}

// --collapse reads three times --offset plus --limit documents (each version it folds makes room
// for a result after it), counted in 32 bits: both options go up to 10^9, and for a page ending
// past 1431655765 the depth wrapped round to 2, so only the rescore window's 100 documents of
// 150 were read, and the versions left out were counted among those alone.
TEST(OpsSearch, CollapseReadsEveryMatchForTheLargestPages) {
    ScratchDir dir;
    std::string lines;  // 75 stories in two versions each: the same headline, day and text
    for (int story = 0; story < 75; ++story) {
        const std::string n = std::to_string(story);
        std::string date = "2024-03-", title = "Story ", body = kMarker;
        date.append(std::to_string(10 + story % 10));
        title.append(n).append(" of the day");
        body.append(" story ").append(n).append(" told in full, paragraph one.");
        for (const char* version : {"a", "b"})
            lines += json{{"id", std::string(1, 's').append(n).append(version)},
                          {"date", date},
                          {"title", title},
                          {"body", body}}
                         .dump() +
                     "\n";
    }
    write_file(dir / "a.jsonl", lines);
    const std::string db = dir / "db";
    ASSERT_EQ(yalu_index(db, shell_quote(dir / "a.jsonl")).exit_code, 0);
    const auto search = [&](const std::string& args) {
        const auto r = yalu_search(
            db, "--format json --collapse --snippet 0 " + args + " " + std::string(kMarker));
        EXPECT_LE(r.exit_code, 1) << args << ": " << r.err;
        return r.exit_code > 1 ? json::object() : json::parse(r.out);
    };
    const json all = search("-n 1000");
    ASSERT_EQ(all.at("results").size(), 75U) << all.dump();
    EXPECT_EQ(all.at("folded"), 75);
    // The page ends past 1431655765 (3 x 1431655766 wraps to 2): every version is still read.
    for (const std::string offset : {"431655766", "431655765", "1000000000"}) {
        const json past = search("--offset " + offset + " -n 1000000000");
        EXPECT_EQ(past.value("folded", -1), 75) << offset << ": " << past.dump();
        EXPECT_TRUE(past.value("results", json::array()).empty()) << offset;
    }
    // Past the options' range is still a usage error.
    EXPECT_EQ(yalu_search(db, "--collapse -n 1000000001 x").exit_code, 2);
    EXPECT_EQ(yalu_search(db, "--collapse --offset 1000000001 x").exit_code, 2);
}
