#include "cli_runner.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string_view>

namespace fs = std::filesystem;

namespace yalu::test {

std::string shell_quote(const std::string& arg) {
    std::string q = "'";
    for (char c : arg) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

CommandResult run_command(const std::string& command) {
    CommandResult r;
    const auto err_file =
        fs::temp_directory_path() / ("yalu-stderr-" + std::to_string(std::random_device{}()));
    const std::string full = command + " 2>" + shell_quote(err_file.string());
    FILE* pipe = ::popen(full.c_str(), "r");
    if (!pipe) return r;
    char buf[65536];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) r.out.append(buf, n);
    const int status = ::pclose(pipe);
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::ifstream in(err_file);
    r.err.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    std::error_code ec;
    fs::remove(err_file, ec);
    return r;
}

ScratchDir::ScratchDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name = info ? std::string(info->test_suite_name()) + "." + info->name() : "yalu";
    for (auto& c : name)
        if (c == '/') c = '_';
    path_ = (fs::temp_directory_path() /
             ("yalu-test-" + name + "-" + std::to_string(std::random_device{}())))
                .string();
    fs::create_directories(path_);
}

ScratchDir::~ScratchDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
}

std::string index_bin() {
    return YALU_INDEX_BIN;
}
std::string search_bin() {
    return YALU_SEARCH_BIN;
}
std::string source_dir() {
    return YALU_SOURCE_DIR;
}

std::string schema_version() {
    std::ifstream in(std::filesystem::path(source_dir()) / "schemas" / "index.xml");
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    const std::string key = "<schema name=\"yalu\" version=\"";
    const auto at = text.find(key);
    if (at == std::string::npos) return {};
    const auto begin = at + key.size();
    return text.substr(begin, text.find('"', begin) - begin);
}

std::string shared_dir() {
    const char* env = std::getenv("YALU_SHARED_DIR");
    return env && *env ? env : YALU_DEFAULT_SHARED_DIR;
}

bool address_sanitized() {
    return std::string_view(YALU_SANITIZE).find("address") != std::string_view::npos;
}

CommandResult yalu_index(const std::string& db, const std::string& args) {
    return run_command(shell_quote(index_bin()) + " --quiet --db " + shell_quote(db) + " " + args);
}

CommandResult yalu_search(const std::string& db, const std::string& args) {
    return run_command(shell_quote(search_bin()) + " --db " + shell_quote(db) + " " + args);
}

long summary_count(const std::string& output, const std::string& key) {
    const auto pos = output.rfind(" " + key + "=");
    if (pos == std::string::npos) return -1;
    return std::stol(output.substr(pos + key.size() + 2));
}

}  // namespace yalu::test

namespace yalu::test {

std::string shared_index(CommandResult* run) {
    const std::string corpus = shared_dir() + "/corpus";
    if (!fs::exists(corpus)) return {};
    const std::string db = std::string(YALU_TEST_WORK_DIR) + "/shared-corpus.db";
    // --wait: another test process may be building it right now; it then finds it unchanged.
    const std::string command =
        shell_quote(index_bin()) + " --quiet --wait 1200 --db " + shell_quote(db) + " ";
    auto r = run_command(command + shell_quote(corpus));
    // 78: the cached index predates a schema version change; rebuild it as a user would.
    if (r.exit_code == 78) r = run_command(command + "--rebuild " + shell_quote(corpus));
    if (run) *run = r;
    return db;
}

}  // namespace yalu::test
