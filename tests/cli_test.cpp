// End-to-end tests: the real yalu-index and yalu-search binaries on real files.

#include "cli_runner.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sys/file.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <random>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace fs = std::filesystem;
using namespace yalu::test;
using nlohmann::json;

namespace {

std::string seed_dir() {
    return shared_dir() + "/seed";
}
const char* const kSeedId = "000_40a1038d6fae8a00";

// The fields of a seed-shaped test article dated 2022-01-17 with the byline "By Ahn Sung-mi
// (sahn@heraldcorp.com)", however its file was encoded or wrapped.
void expect_seed_article(const json& article, const std::string& body) {
    EXPECT_EQ(article.value("date", ""), "2022-01-17") << article.dump();
    EXPECT_EQ(article.value("body", ""), body);
    EXPECT_EQ(article.value("byline", ""), "Ahn Sung-mi");
    EXPECT_EQ(article.value("email", ""), "sahn@heraldcorp.com");
    EXPECT_EQ(article.value("source", ""), "The Korea Herald");
}

// The article `id` of the index in `dir`/db as `--show --format json` prints it.
json shown_article(const ScratchDir& dir, const std::string& id) {
    const auto r = yalu_search(dir / "db", "--show " + shell_quote(id) + " --format json");
    EXPECT_EQ(r.exit_code, 0) << id << ": " << r.err;
    return r.exit_code == 0 ? json::parse(r.out) : json::object();
}

std::vector<std::string> ids_of(const CommandResult& r) {
    std::vector<std::string> ids;
    const auto parsed = json::parse(r.out);  // named: a range-for over a temporary's member dangles
    for (const auto& hit : parsed.at("results")) ids.push_back(hit.at("id"));
    return ids;
}

// The ids `query` finds in `db` (JSON output, no snippets), sorted; empty when none.
std::vector<std::string> found_ids(const std::string& db, const std::string& query) {
    const auto r = yalu_search(db, "--format json --snippet 0 -- " + shell_quote(query));
    EXPECT_LE(r.exit_code, 1) << query << ": " << r.err;
    auto found = r.exit_code == 0 ? ids_of(r) : std::vector<std::string>{};
    std::sort(found.begin(), found.end());
    return found;
}

void write_file(const std::string& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}

// `ascii` in UTF-16 LE, without a byte-order mark (Notepad's "Unicode" adds FF FE).
std::string utf16le(const std::string& ascii) {
    std::string out;
    for (const char c : ascii) out += std::string{c, '\0'};
    return out;
}

// A copy of the shipped schemas in dir/schemas with the first `from` in index.xml replaced by
// `to`; its path, or "" when index.xml holds no `from`.
std::string schemas_with_index_edit(const ScratchDir& dir, const std::string& from,
                                    const std::string& to) {
    const auto out = dir / "schemas";
    fs::create_directories(out);
    for (const char* f : {"entities.xml", "thesaurus.xml"})
        fs::copy_file(source_dir() + "/schemas/" + f, fs::path(out) / f);
    std::ifstream in(source_dir() + "/schemas/index.xml");
    std::string schema((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto at = schema.find(from);
    if (at == std::string::npos) return "";
    write_file(out + "/index.xml", schema.replace(at, from.size(), to));
    return out;
}

class SeedTest : public ::testing::Test {
protected:
    void SetUp() override {
        if (!fs::exists(seed_dir())) GTEST_SKIP() << "no " << seed_dir() << " (../shared absent)";
        const auto r = yalu_index(db(), shell_quote(seed_dir()));
        ASSERT_EQ(r.exit_code, 0) << r.err;
    }
    std::string db() const { return dir_ / "seed.db"; }
    ScratchDir dir_;
};

}  // namespace

TEST_F(SeedTest, StoresDateAndByline) {
    const auto r = yalu_search(db(), "--format json --show " + std::string(kSeedId));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto a = json::parse(r.out);
    EXPECT_EQ(a.at("date"), "2022-01-17");
    EXPECT_EQ(a.at("byline"), "Ahn Sung-mi");
    EXPECT_EQ(a.at("email"), "sahn@heraldcorp.com");
    EXPECT_EQ(a.at("title_derived"), true);
}

TEST_F(SeedTest, FoundByPhrase) {
    const auto r = yalu_search(db(), "--format json '\"Yalu River\"'");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(ids_of(r), std::vector<std::string>{kSeedId});
}

TEST_F(SeedTest, PhraseOrderMatters) {
    const auto r = yalu_search(db(), "--format json '\"River Yalu\"'");
    EXPECT_EQ(r.exit_code, 1) << r.out;
    EXPECT_TRUE(ids_of(r).empty());
}

TEST_F(SeedTest, FoundByTrainInJanuary2022Only) {
    const auto in = yalu_search(db(), "--format json train --from 2022-01 --to 2022-01");
    ASSERT_EQ(in.exit_code, 0) << in.err;
    EXPECT_EQ(ids_of(in), std::vector<std::string>{kSeedId});
    const auto query_syntax = yalu_search(db(), "--format json 'train date:2022-01'");
    EXPECT_EQ(ids_of(query_syntax), std::vector<std::string>{kSeedId});
    const auto out = yalu_search(db(), "--format json train --from 2021 --to 2021");
    EXPECT_EQ(out.exit_code, 1);
    EXPECT_TRUE(ids_of(out).empty());
    const auto out_syntax = yalu_search(db(), "--format json 'train date:..2021-12-31'");
    EXPECT_TRUE(ids_of(out_syntax).empty());
}

TEST_F(SeedTest, StemmingFindsOtherForms) {
    // The text says "crossed", "crossings" and "trains"? It says "train" and "crossed".
    const auto r = yalu_search(db(), "--format json crossing");
    EXPECT_EQ(ids_of(r), std::vector<std::string>{kSeedId});
}

TEST_F(SeedTest, JsonHasDocumentedKeys) {
    const auto r = yalu_search(db(), "--format json Sinuiju");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto j = json::parse(r.out);
    for (const char* key : {"query", "total", "offset", "results"})
        EXPECT_TRUE(j.contains(key)) << key;
    EXPECT_EQ(j.at("query"), "Sinuiju");
    EXPECT_EQ(j.at("total"), 1);
    const auto& hit = j.at("results").at(0);
    for (const char* key :
         {"rank", "id", "score", "date", "title", "source", "url", "byline", "snippet", "entities"})
        EXPECT_TRUE(hit.contains(key)) << key;
    EXPECT_EQ(hit.at("rank"), 1);
    EXPECT_NE(hit.at("snippet").get<std::string>().find("<b>Sinuiju</b>"), std::string::npos);
}

TEST_F(SeedTest, TextOutputMarksMatches) {
    const auto r = yalu_search(db(), "--color never train");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("2022-01-17"), std::string::npos);
    EXPECT_NE(r.out.find("*train*"), std::string::npos);
    EXPECT_NE(r.out.find(kSeedId), std::string::npos);
}

TEST_F(SeedTest, ReindexingReplacesNeverDuplicates) {
    const auto again = yalu_index(db(), shell_quote(seed_dir()));
    EXPECT_EQ(again.exit_code, 0);
    EXPECT_EQ(summary_count(again.out, "unchanged"), 1) << again.out;
    EXPECT_EQ(summary_count(again.out, "added"), 0);
    const auto rebuilt = yalu_index(db(), "--rebuild " + shell_quote(seed_dir()));
    EXPECT_EQ(summary_count(rebuilt.out, "added"), 1) << rebuilt.out;
    const auto r = yalu_search(db(), "--format json train");
    EXPECT_EQ(json::parse(r.out).at("total"), 1);
}

TEST(Search, RandomQueriesNeverCrash) {
    // Query text is user input: 3,000 random mixes of words, Hangul, particles, quotes, field
    // prefixes, operators and odd characters must each give results or a clear error (exit
    // 0-2, one JSON line per query), never a crash. Found '-person:Nobody' (SIGSEGV).
    ScratchDir dir;
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(source_dir() + "/corpus")).exit_code, 0);
    const std::vector<std::string> pieces{"\"",
                                          "\u201C",
                                          "\u201D",
                                          ":",
                                          "date:",
                                          "lang:",
                                          "person:",
                                          "place:",
                                          "org:",
                                          "entity:",
                                          "year:",
                                          "title:",
                                          "id:",
                                          "-",
                                          "+",
                                          "(",
                                          ")",
                                          "*",
                                          "~",
                                          " ",
                                          " ",
                                          "AND",
                                          "OR",
                                          "NOT",
                                          "NEAR",
                                          "Kim",
                                          "Jong",
                                          "Un",
                                          "train",
                                          "the",
                                          "of",
                                          "North",
                                          "Korea's",
                                          "김정은",
                                          "북한의",
                                          "대한",
                                          "몇",
                                          "번",
                                          "했나",
                                          "어떻게",
                                          "무엇을",
                                          "연합훈련",
                                          "은",
                                          "2022",
                                          "2022-01",
                                          "..",
                                          "\t",
                                          "\u00a0",
                                          "é",
                                          "中",
                                          "ㄱ",
                                          "\ufeff",
                                          "\U0001F642",
                                          "\"Yalu River\"",
                                          "person:\"Kim Yo Jong\"",
                                          "date:..2021",
                                          "date:2022-",
                                          "date:2022-13",
                                          "DPRK",
                                          "U.S.",
                                          "\u200b",
                                          "nucl*",
                                          "'s",
                                          "\\"};
    std::mt19937 random(20261129);
    std::string text;
    std::size_t lines = 0;
    for (int i = 0; i < 3000; ++i) {
        std::string q;
        const int n = 1 + static_cast<int>(random() % 8);
        for (int k = 0; k < n; ++k) {
            q += pieces[random() % pieces.size()];
            if (random() % 2) q += ' ';
        }
        // A line of white space and zero-width characters only (the no-break space, U+FEFF,
        // U+200B too) is blank, skipped.
        std::string ascii = q;
        for (const std::string blank : {"\u00a0", "\ufeff", "\u200b"})
            for (std::size_t at; (at = ascii.find(blank)) != std::string::npos;)
                ascii.erase(at, blank.size());
        if (ascii.find_first_not_of(" \t") != std::string::npos) ++lines;
        text += q + "\n";
    }
    write_file(dir / "queries.txt", text);
    const auto r = yalu_search(dir / "db", "--format json -n 3 --snippet 40 --queries " +
                                               shell_quote(dir / "queries.txt"));
    ASSERT_GE(r.exit_code, 0) << "killed by a signal; stderr:\n" << r.err;
    EXPECT_LE(r.exit_code, 2) << r.err;
    std::size_t objects = 0;
    std::istringstream out(r.out);
    for (std::string line; std::getline(out, line); ++objects)
        EXPECT_TRUE(json::accept(line)) << line;
    EXPECT_EQ(objects, lines);
}

TEST(Search, SyntaxErrorExits2) {
    ScratchDir dir;
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(source_dir() + "/corpus")).exit_code, 0);
    const auto r = yalu_search(dir / "db", "'train date:2022-13'");
    EXPECT_EQ(r.exit_code, 2) << r.out;
    EXPECT_NE(r.err.find("2022-13"), std::string::npos) << r.err;
    // A bad filter value after a leading '-' (a pure NOT) crashed Xapian's parser (SIGSEGV)
    // while the error crossed it; it is now reported once parsing is over.
    for (const std::string q : {"-date:2022-13", "-person:Nobody", "-date:2022x train"}) {
        const auto bad = yalu_search(dir / "db", "-- " + shell_quote(q));
        EXPECT_EQ(bad.exit_code, 2) << q << ": " << bad.err;
        EXPECT_NE(bad.err.find("yalu-search: "), std::string::npos) << q << ": " << bad.err;
    }
}

TEST(Search, SyntaxQueriesMixingScriptsParse) {
    // Xapian 1.4.22's QueryParser fails on a Hangul word between other words; the query is
    // read again with that word in brackets, so only a real syntax error is one.
    ScratchDir dir;
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(source_dir() + "/corpus")).exit_code, 0);
    for (const std::string q : {"Kim 신의주시 flood NOT zzz", "flood 신의주시 AND 김정은",
                                "author:이서준 신의주시 폭우 NOT zzz"}) {
        const auto r = yalu_search(dir / "db", "--format json -- " + shell_quote(q));
        EXPECT_EQ(r.exit_code, 0) << q << ": " << r.err;
        const auto ids = r.exit_code == 0 ? ids_of(r) : std::vector<std::string>{};
        EXPECT_NE(std::find(ids.begin(), ids.end(), "sinuiju_flood_ko"), ids.end()) << q;
    }
    const auto bad = yalu_search(dir / "db", "-- " + shell_quote("Kim 신의주시 date:2022-13"));
    EXPECT_EQ(bad.exit_code, 2) << bad.out;
    EXPECT_NE(bad.err.find("2022-13"), std::string::npos) << bad.err;
}

TEST(Search, AWordGluedToPunctuationParsesInSyntaxQueries) {
    // The brackets Yalu writes around a Hangul word or a vouched name were glued to the
    // punctuation before it ([("속보")], /(("평양") ...)), where Xapian's QueryParser opens no
    // bracket: it failed and read the query as plain words, reported as "cannot read its
    // operators" for queries that are valid with Latin words in their place.
    ScratchDir dir;
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(source_dir() + "/corpus")).exit_code, 0);
    for (const std::string q : {"[신의주시] AND 김정은", "zzz OR 《신의주시》", "zzz OR …신의주시",
                                "zzz OR 단둥/신의주시", "신의주시 NOT [속보]", "zzz OR ·김정은",
                                "[신의주시] 통일부* AND 폭우"}) {
        const auto r = yalu_search(dir / "db", "--format json -- " + shell_quote(q));
        EXPECT_EQ(r.exit_code, 0) << q << ": " << r.err;
        const auto ids = r.exit_code == 0 ? ids_of(r) : std::vector<std::string>{};
        EXPECT_NE(std::find(ids.begin(), ids.end(), "sinuiju_flood_ko"), ids.end()) << q;
    }
    // A sign keeps its bracket: the article is left out.
    EXPECT_EQ(yalu_search(dir / "db", "-- " + shell_quote("폭우 -[신의주시]")).exit_code, 1);
}

TEST(Search, ClausesAreCheckedAsTheOptionsAre) {
    ScratchDir dir;
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(source_dir() + "/corpus")).exit_code, 0);
    // lang: takes what --lang takes (EN, en-US are en), in plain and in syntax queries.
    std::string too_long;
    for (int i = 0; i < 300; ++i) too_long += "flood ";
    for (const std::string& q : {std::string("lang:korean 김정은"), std::string("title: flood"),
                                 std::string("author:"), std::string("flood AND source:"),
                                 std::string("title:\"\""), std::string("title:()"), too_long}) {
        const auto r = yalu_search(dir / "db", "-- " + shell_quote(q));
        EXPECT_EQ(r.exit_code, 2) << q << ": " << r.out;
        EXPECT_NE(r.err.find("yalu-search: "), std::string::npos) << q << ": " << r.err;
    }
}

TEST(Search, YearClausesTakeOneFourDigitYear) {
    // A mistyped year filtered by a term no article holds: "No matches." instead of the error
    // date: gives. Ranges of years are date:'s.
    ScratchDir dir;
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(source_dir() + "/corpus")).exit_code, 0);
    for (const std::string q :
         {"year:20l2", "flood year:2012..2013", "year:12", "year:abc", "flood AND year:24",
          "-year:2024x", "year:\"2024 \"", "year:0999", "flood OR rocket year:0000"}) {
        const auto r = yalu_search(dir / "db", "-- " + shell_quote(q));
        EXPECT_EQ(r.exit_code, 2) << q << ": " << r.out;
        EXPECT_NE(r.err.find("year: takes a four-digit year"), std::string::npos)
            << q << ": " << r.err;
    }
    for (const std::string q : {"year:2024", "flood year:2024", "flood AND year:2024"})
        EXPECT_EQ(yalu_search(dir / "db", "-- " + shell_quote(q)).exit_code, 0) << q;
}

TEST(Search, FilterClausesFilterAQueryWithOperatorsWhole) {
    // QueryParser binds a filter clause to the words beside it: "trucks OR parade date:2025"
    // was trucks OR (parade date:2025) and listed the 2019 trucks article; "trucks NOT parade
    // lang:ko" left out only Korean parade articles and kept the English trucks one.
    ScratchDir dir;
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(source_dir() + "/corpus")).exit_code, 0);
    const auto search = [&](const std::string& q) {
        return yalu_search(dir / "db", "--format json --snippet 0 -- " + shell_quote(q));
    };
    for (const std::string q : {"trucks OR parade date:2025", "date:2025 trucks OR parade",
                                "trucks OR parade year:2025", "(trucks OR parade) date:2025"}) {
        const auto r = search(q);
        ASSERT_EQ(r.exit_code, 0) << q << ": " << r.err;
        EXPECT_EQ(ids_of(r), std::vector<std::string>{"xml-2025-beijing-parade"}) << q;
    }
    EXPECT_EQ(search("trucks NOT parade lang:ko").exit_code, 1);
    // Inside brackets, or as an operand of an operator, a clause stays where it is.
    EXPECT_EQ(ids_of(search("trucks OR (parade date:2025)")).size(), 2U);
    // trucks, or any of the three articles of 2025.
    EXPECT_EQ(ids_of(search("trucks OR date:2025")).size(), 4U);
}

TEST(Search, FilterClausesJoinedByOperatorsFilterAsOne) {
    // "trucks date:2019 OR date:2025" was (trucks date:2019) OR date:2025, every article of
    // 2025, and "trucks (date:2019 OR date:2025)" trucks OR any article of either year: over
    // the archive, "missile lang:ko OR lang:en" listed all 21,047 English articles.
    ScratchDir dir;
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(source_dir() + "/corpus")).exit_code, 0);
    const auto trucks = found_ids(dir / "db", "trucks AND (date:2019 OR date:2025)");
    ASSERT_FALSE(trucks.empty());
    for (const std::string q : {"trucks date:2019 OR date:2025", "trucks (date:2019 OR date:2025)",
                                "date:2019 OR date:2025 trucks", "trucks year:2019 OR year:2025"})
        EXPECT_EQ(found_ids(dir / "db", q), trucks) << q;
    // The words keep the ranking of plain words, as beside one clause: the same order and
    // scores as with the range written as one clause.
    const auto ranked = [&](const std::string& q) {
        const auto r = yalu_search(dir / "db", "--format json --snippet 0 -- " + shell_quote(q));
        EXPECT_EQ(r.exit_code, 0) << q << ": " << r.err;
        std::vector<std::pair<std::string, double>> out;
        if (r.exit_code != 0) return out;
        // Named: a range-for over json::parse(...).at(...) reads a temporary already destroyed.
        const json parsed = json::parse(r.out);
        for (const auto& hit : parsed.at("results"))
            out.emplace_back(hit.at("id"), hit.at("score"));
        return out;
    };
    EXPECT_EQ(ranked("truck traffic date:2019 OR date:2020"),
              ranked("truck traffic date:2019..2020"));
    // Signed, the brackets stay an exclusion.
    EXPECT_EQ(found_ids(dir / "db", "trucks -(date:2019 OR date:2025)"),
              found_ids(dir / "db", "trucks NOT (date:2019 OR date:2025)"));
    EXPECT_NE(found_ids(dir / "db", "trucks -(date:2019 OR date:2025)"), trucks);
    // Filters alone, so joined, list every article passing them (a browse).
    const auto r = yalu_search(dir / "db", "--format json -- 'date:2019 OR date:2025'");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto browsed = json::parse(r.out);
    EXPECT_EQ(browsed.at("total"), found_ids(dir / "db", "date:2019").size() +
                                       found_ids(dir / "db", "date:2025").size());
    for (const auto& hit : browsed.at("results")) EXPECT_EQ(hit.at("score"), 0) << hit.dump();
}

TEST(Search, AnEntityClauseWithAnEmptyValueSaysSo) {
    // person:"" said "no person called '' in the gazetteer"; with or without other syntax, it
    // is the missing value that person: alone reports.
    ScratchDir dir;
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(source_dir() + "/corpus")).exit_code, 0);
    for (const std::string q : {"person:", "person:\"\"", "person:\"", "Kim person:\" \"",
                                "Kim AND person:\"\"", "Kim AND entity:\"\""}) {
        const auto r = yalu_search(dir / "db", "-- " + shell_quote(q));
        EXPECT_EQ(r.exit_code, 2) << q << ": " << r.out;
        EXPECT_NE(r.err.find("needs its value right after the colon"), std::string::npos)
            << q << ": " << r.err;
    }
    const auto option = yalu_search(dir / "db", "--entity '' Kim");
    EXPECT_EQ(option.exit_code, 2);
    EXPECT_NE(option.err.find("--entity needs"), std::string::npos) << option.err;
}

TEST(Search, AnEntityClauseOfTheWrongTypeSaysWhichTypeItIs) {
    // place:"Kim Jong Un" said there was no place called so, as if he were not in the gazetteer.
    ScratchDir dir;
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(source_dir() + "/corpus")).exit_code, 0);
    const auto r = yalu_search(dir / "db", "-- 'place:\"Kim Jong Un\"'");
    EXPECT_EQ(r.exit_code, 2) << r.out;
    EXPECT_NE(r.err.find("is a person in the gazetteer, not a place"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("person:\"Kim Jong Un\""), std::string::npos) << r.err;
    const auto unknown = yalu_search(dir / "db", "-- 'place:\"Nowhereville\"'");
    EXPECT_EQ(unknown.exit_code, 2);
    EXPECT_NE(unknown.err.find("no place called 'Nowhereville'"), std::string::npos) << unknown.err;
}

TEST(Search, AnUnknownEntityNameSuggestsTheClosestNames) {
    // place:Pyongyng said only "no place called 'Pyongyng' in the gazetteer (try another
    // spelling ...)", as if no place were called anything like it.
    ScratchDir dir;
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(source_dir() + "/corpus")).exit_code, 0);
    const auto place = yalu_search(dir / "db", "-- 'place:Pyongyng'");
    EXPECT_EQ(place.exit_code, 2) << place.out;
    EXPECT_NE(place.err.find("no place called 'Pyongyng'"), std::string::npos) << place.err;
    EXPECT_NE(place.err.find("did you mean place:\"Pyongyang\""), std::string::npos) << place.err;
    // A misspelt id, and --entity (any type): the nearest spellings, most written about first.
    const auto id = yalu_search(dir / "db", "-- 'person:kim-jong-unn'");
    EXPECT_EQ(id.exit_code, 2) << id.out;
    EXPECT_NE(id.err.find("did you mean person:\"Kim Jong-un\"?"), std::string::npos) << id.err;
    const auto option = yalu_search(dir / "db", "--entity 'Kim Jong Unn' missile");
    EXPECT_EQ(option.exit_code, 2) << option.out;
    EXPECT_NE(option.err.find("did you mean \"Kim Jong-un\"?"), std::string::npos) << option.err;
    const auto hangul = yalu_search(dir / "db", "--format json -- 'person:김정운'");
    EXPECT_EQ(hangul.exit_code, 2) << hangul.out;
    EXPECT_NE(hangul.out.find("did you mean person:"), std::string::npos) << hangul.out;
    EXPECT_NE(hangul.out.find("person:\\\"김정은\\\""), std::string::npos) << hangul.out;
    // Two letters are too few to guess from.
    const auto short_name = yalu_search(dir / "db", "-- 'person:Ri'");
    EXPECT_EQ(short_name.exit_code, 2) << short_name.out;
    EXPECT_EQ(short_name.err.find("did you mean"), std::string::npos) << short_name.err;
    // Nothing close: no guess.
    const auto far = yalu_search(dir / "db", "-- 'place:\"Nowhereville\"'");
    EXPECT_EQ(far.exit_code, 2);
    EXPECT_EQ(far.err.find("did you mean"), std::string::npos) << far.err;
}

TEST(Search, TheTypeInAnErrorTakesItsArticle) {
    // "'KCNA' is a org in the gazetteer": the article goes with the type word it stands before.
    ScratchDir dir;
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(source_dir() + "/corpus")).exit_code, 0);
    const auto r = yalu_search(dir / "db", "-- 'person:KCNA'");
    EXPECT_EQ(r.exit_code, 2) << r.out;
    EXPECT_NE(r.err.find("'KCNA' is an org in the gazetteer, not a person"), std::string::npos)
        << r.err;
    const auto place = yalu_search(dir / "db", "-- 'org:Sinuiju'");
    EXPECT_EQ(place.exit_code, 2) << place.out;
    EXPECT_NE(place.err.find("is a place in the gazetteer, not an org"), std::string::npos)
        << place.err;
}

TEST(Search, AHangulWordDoesNotMakeAMalformedQueryValid) {
    // The retry that brackets Hangul words for Xapian 1.4.22 also read "--all missile 김정은"
    // as the words all, missile and 김정은 (exit 0) where "--all missile" is an error (exit 2).
    ScratchDir dir;
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(source_dir() + "/corpus")).exit_code, 0);
    std::string batch;
    for (const std::string q : {"--all flood", "-- flood", "AND flood", "flood OR OR Kim"}) {
        for (const std::string korean : {"", " 김정은", " 평양", " 신의주시 폭우"}) {
            const auto r = yalu_search(dir / "db", "-n 0 -- " + shell_quote(q + korean));
            EXPECT_EQ(r.exit_code, 2) << q + korean << ": " << r.out;
            EXPECT_NE(r.err.find("query syntax error in '" + q + korean + "'"), std::string::npos)
                << q + korean << ": " << r.err;
            batch += q + korean + "\n";
        }
    }
    // The same lines in a --queries file: each one an error, none run.
    write_file(dir / "queries.txt", batch + "flood 신의주시 AND 김정은\n");
    const auto r = yalu_search(
        dir / "db", "--format json --snippet 0 --queries " + shell_quote(dir / "queries.txt"));
    EXPECT_EQ(r.exit_code, 2) << r.err;
    std::istringstream out(r.out);
    std::size_t errors = 0;
    std::size_t found = 0;
    for (std::string line; std::getline(out, line);) {
        const auto j = json::parse(line);
        errors += j.contains("error");
        found += j.contains("results");
    }
    EXPECT_EQ(errors, 16U) << r.out;
    EXPECT_EQ(found, 1U) << r.out;
}

TEST(Search, NearAndAdjWithAWindowAreOperators) {
    // "missile NEAR/3 rocket" was read as the plain words missile, near, 3 and rocket: any
    // article holding one of them (3,304 over the archive, against 431 for missile alone).
    ScratchDir dir;
    write_file(dir / "near.jsonl",
               "{\"id\": \"near\", \"lang\": \"en\", \"date\": \"2024-01-01\", \"body\": "
               "\"A missile and rocket launch was reported.\"}\n"
               "{\"id\": \"far\", \"lang\": \"en\", \"date\": \"2024-01-02\", \"body\": "
               "\"The missile was tested and days later officials showed a rocket.\"}\n"
               "{\"id\": \"words\", \"lang\": \"en\", \"date\": \"2024-01-03\", \"body\": "
               "\"They live near the border, 3 miles away.\"}\n");
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(dir / "near.jsonl")).exit_code, 0);
    const auto ids = [&](const std::string& query) { return found_ids(dir / "db", query); };
    const std::vector<std::string> near{"near"};
    EXPECT_EQ(ids("missile NEAR rocket"), (std::vector<std::string>{"far", "near"}));
    EXPECT_EQ(ids("missile NEAR/3 rocket"), near);
    EXPECT_EQ(ids("rocket NEAR/3 missile"), near);
    EXPECT_EQ(ids("missile ADJ/3 rocket"), near);
    EXPECT_TRUE(ids("rocket ADJ/3 missile").empty());
    // Beside nothing, it is an operator with nothing to apply to, as NEAR is.
    const auto r = yalu_search(dir / "db", "'missile NEAR/3'");
    EXPECT_EQ(r.exit_code, 2) << r.out;
    EXPECT_NE(r.err.find("NEAR/3"), std::string::npos) << r.err;
    // QueryParser joins single words only: beside a phrase, a Hangul word (a phrase of its
    // syllables) or UN (the word filtered by its entity) the error said "an AND, OR or - with
    // nothing to apply to?", of a query holding none.
    for (const std::string query :
         {"\"missile and\" NEAR rocket", "김정은 NEAR 미사일", "UN ADJ/3 envoy"}) {
        const auto e = yalu_search(dir / "db", shell_quote(query));
        EXPECT_EQ(e.exit_code, 2) << query << ": " << e.out;
        EXPECT_NE(e.err.find("NEAR and ADJ join two single words"), std::string::npos)
            << query << ": " << e.err;
    }
}

TEST(Search, ANearOrAdjWindowThatIsNoNumberOfWordsIsAnErrorNamingIt) {
    // QueryParser takes NEAR/N and ADJ/N only with N from 1: "missile NEAR/0 rocket" was
    // called a phrase, Hangul word or acronym beside NEAR (it holds none), and "NEAR/3x",
    // "NEAR/" or "NEAR/-1" searched the plain words missile, near, 3x and rocket (1,264
    // articles over the archive, where missile NEAR/3 rocket finds one).
    ScratchDir dir;
    write_file(dir / "near.jsonl",
               "{\"id\": \"near\", \"lang\": \"en\", \"date\": \"2024-01-01\", \"body\": "
               "\"A missile and rocket launch was reported near the coast.\"}\n");
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(dir / "near.jsonl")).exit_code, 0);
    for (const std::string window :
         {"NEAR/0", "ADJ/0", "NEAR/00", "NEAR/3x", "NEAR/", "ADJ/-1", "NEAR/three"}) {
        for (const std::string& query :
             {"missile " + window + " rocket", "(missile " + window + " rocket) OR coast"}) {
            const auto r = yalu_search(dir / "db", "-- " + shell_quote(query));
            EXPECT_EQ(r.exit_code, 2) << query << ": " << r.out;
            EXPECT_NE(r.err.find("'" + window + "'"), std::string::npos) << query << ": " << r.err;
            EXPECT_NE(r.err.find("a number of words from 1"), std::string::npos)
                << query << ": " << r.err;
            EXPECT_EQ(r.err.find("join two single words"), std::string::npos)
                << query << ": " << r.err;
        }
    }
    // In a phrase, in lower case or inside a word it is no operator, as before (a search).
    for (const std::string query : {"\"missile NEAR/0 rocket\"", "missile near/0 rocket",
                                    "missile xNEAR/0 rocket", "missile NEAR/2 rocket"})
        EXPECT_LE(yalu_search(dir / "db", "-- " + shell_quote(query)).exit_code, 1) << query;
}

TEST(Search, AFieldNameInCapitalsIsTheField) {
    // QueryParser's field names are case-sensitive: Title:flood searched the phrase "title
    // flood" ("No matches."), LANG:ko the phrase "lang ko", and Person:"Kim Jong Un" any
    // article holding the word person or the name.
    ScratchDir dir;
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(source_dir() + "/corpus")).exit_code, 0);
    for (const auto& [typed, lower] : std::vector<std::pair<std::string, std::string>>{
             {"Title:flood", "title:flood"},
             {"TITLE:(flood damage)", "title:(flood damage)"},
             {"LANG:ko", "lang:ko"},
             {"Date:2019 bridge", "date:2019 bridge"},
             {"Place:Sinuiju", "place:Sinuiju"},
             {"Person:\"Kim Jong Un\"", "person:\"Kim Jong Un\""},
             {"Source:\"Korea Herald\" OR flood", "source:\"Korea Herald\" OR flood"},
             {"bridge -Lang:ko", "bridge -lang:ko"},
             // Where QueryParser reads a field after punctuation (next_clause()) too.
             {"bridge,Place:Sinuiju", "bridge,place:Sinuiju"},
             {"\"Yalu River\"Date:(2019)", "\"Yalu River\"date:2019"}}) {
        const auto expected = found_ids(dir / "db", lower);
        EXPECT_FALSE(expected.empty()) << lower;
        EXPECT_EQ(found_ids(dir / "db", typed), expected) << typed;
    }
    // A capitalised word before a colon that names no field stays a word, and so does a
    // field name inside a phrase.
    EXPECT_EQ(found_ids(dir / "db", "\"Title:flood\""), found_ids(dir / "db", "\"title flood\""));
}

TEST(Search, AnUnknownFieldIsAnErrorNamingIt) {
    // A misspelt field was searched as words ("titel:missile" the phrase "titel missile":
    // "No matches.", exit 1) and an internal one as what it is (yalu_evidence:UN matched every
    // article): a query error naming the field, the nearest known one and the others.
    ScratchDir dir;
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(source_dir() + "/corpus")).exit_code, 0);
    for (const auto& [q, says] : std::vector<std::pair<std::string, std::string>>{
             {"titel:flood", "unknown field 'titel:' in 'titel:flood' (did you mean title:?)"},
             {"flood persn:Kim", "unknown field 'persn:' in 'persn:Kim' (did you mean person:?)"},
             {"yalu_evidence:UN", "unknown field 'yalu_evidence:'"},
             {"flood AND -foo:bar", "unknown field 'foo:'"}}) {
        const auto r = yalu_search(dir / "db", "-n 0 -- " + shell_quote(q));
        EXPECT_EQ(r.exit_code, 2) << q << ": " << r.out;
        EXPECT_NE(r.err.find(says), std::string::npos) << q << ": " << r.err;
        EXPECT_NE(r.err.find("the fields are title:, author:, source:"), std::string::npos)
            << q << ": " << r.err;
    }
    // In JSON too, as every query error; a --queries line reports it and the rest runs.
    const auto json_run = yalu_search(dir / "db", "--format json -- titel:flood");
    EXPECT_EQ(json_run.exit_code, 2);
    EXPECT_NE(json::parse(json_run.out).value("error", "").find("unknown field 'titel:'"),
              std::string::npos)
        << json_run.out;
    write_file(dir / "q.txt", "titel:flood\nflood\n");
    const auto batch = yalu_search(dir / "db", "--queries " + shell_quote(dir / "q.txt"));
    EXPECT_EQ(batch.exit_code, 2);
    EXPECT_NE(batch.err.find("q.txt:1: unknown field 'titel:'"), std::string::npos) << batch.err;
    EXPECT_NE(batch.out.find("== flood"), std::string::npos) << batch.out;
    // Times, addresses, a phrase and a word with a space after its colon are no fields.
    for (const std::string q :
         {"10:30 flood", "https://example.org flood", "\"titel:flood\"", "Korea: flood"})
        EXPECT_LE(yalu_search(dir / "db", "-n 0 -- " + shell_quote(q)).exit_code, 1) << q;
}

TEST(Search, AnUnbalancedBracketIsAnErrorNamingIt) {
    // "(missile OR rocket" was searched (QueryParser closes the bracket) while "missile OR
    // rocket)" was an error blaming the operators: both are the bracket's error, with its place.
    ScratchDir dir;
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(source_dir() + "/corpus")).exit_code, 0);
    const std::vector<std::pair<std::string, std::string>> cases{
        {"(flood OR trucks", "the '(' at character 1 has no ')'"},
        {"flood OR trucks)", "the ')' at character 16 closes no '('"},
        {"((flood OR trucks) AND Kim", "the '(' at character 1 has no ')'"},
        {"김정은 flood)", "the ')' at character 10 closes no '('"},
        {"flood date:(2025", "the '(' at character 12 has no ')'"},
        {"lang:en flood)", "the ')' at character 14 closes no '('"},
    };
    for (const auto& [q, says] : cases) {
        const auto r = yalu_search(dir / "db", "-n 0 -- " + shell_quote(q));
        EXPECT_EQ(r.exit_code, 2) << q << ": " << r.out;
        EXPECT_NE(r.err.find("query syntax error in '" + q + "': " + says), std::string::npos)
            << q << ": " << r.err;
    }
    // A bracket inside a phrase is a character of it, not syntax.
    EXPECT_LE(yalu_search(dir / "db", "-n 0 -- '\"flood (2012\" OR trucks'").exit_code, 1);
}

TEST(Search, ASyntaxErrorQuotesTheQueryAsTyped) {
    // The message quoted what was left once the filter clauses were taken off (' --exact'),
    // and spoke of a NOT nobody typed (Yalu had read the - as one).
    ScratchDir dir;
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(source_dir() + "/corpus")).exit_code, 0);
    for (const std::string q :
         {"person:\"Kim Jong Un\" --exact", "lang:en flood --", "--exact", "flood lang:en --all"}) {
        const auto r = yalu_search(dir / "db", "-n 0 -- " + shell_quote(q));
        EXPECT_EQ(r.exit_code, 2) << q << ": " << r.out;
        EXPECT_NE(r.err.find("query syntax error in '" + q + "': "), std::string::npos)
            << q << ": " << r.err;
        EXPECT_EQ(r.err.find("NOT"), std::string::npos) << q << ": " << r.err;
    }
    // An operator the user did type is named.
    const auto r = yalu_search(dir / "db", "-n 0 -- 'lang:en flood AND'");
    EXPECT_EQ(r.exit_code, 2) << r.out;
    EXPECT_NE(r.err.find("query syntax error in 'lang:en flood AND': AND"), std::string::npos)
        << r.err;
}

TEST(Search, AFilterValueInBracketsIsTheValue) {
    // person:(Kim) said "no person called '(Kim'": QueryParser cuts a boolean value at ')'.
    // As a text field's words may stand in brackets (title:(flood)), so may a filter's value.
    ScratchDir dir;
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(source_dir() + "/corpus")).exit_code, 0);
    for (const auto& [bracketed, plain] : std::vector<std::pair<std::string, std::string>>{
             {"trucks OR parade date:(2025)", "trucks OR parade date:2025"},
             {"person:(\"Kim Jong Un\")", "person:\"Kim Jong Un\""},
             {"Kim place:(Pyongyang)", "Kim place:Pyongyang"},
             {"(flood OR trucks) AND lang:(en)", "(flood OR trucks) AND lang:en"},
             {"-person:(Kim-Jong-Un) parade", "-person:Kim-Jong-Un parade"}}) {
        const auto want = found_ids(dir / "db", plain);
        EXPECT_FALSE(want.empty()) << plain;
        EXPECT_EQ(found_ids(dir / "db", bracketed), want) << bracketed;
    }
    for (const auto& [q, says] : std::vector<std::pair<std::string, std::string>>{
             {"person:(Nobodyxyz)", "no person called 'Nobodyxyz'"},
             {"flood date:(2012-13)", "'2012-13'"},
             {"person:(Kim Jong Un)", "'person:(Kim Jong Un)' holds more than one value"}}) {
        const auto r = yalu_search(dir / "db", "-n 0 -- " + shell_quote(q));
        EXPECT_EQ(r.exit_code, 2) << q << ": " << r.out;
        EXPECT_NE(r.err.find(says), std::string::npos) << q << ": " << r.err;
        EXPECT_EQ(r.err.find("'("), std::string::npos) << q << ": " << r.err;
    }
}

TEST(Search, FilterClauseValuesAreReadAsTyped) {
    // The -US of lang:en-US and the UN of person:Kim-Jong-UN are no acronyms to vouch for: a
    // clause filters exactly as its option does, alone, beside words or with other syntax.
    ScratchDir dir;
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(source_dir() + "/corpus")).exit_code, 0);
    const auto total = [&](const std::string& args) {
        const auto r = yalu_search(dir / "db", "--format json --exact --snippet 0 " + args);
        EXPECT_EQ(r.exit_code, 0) << args << ": " << r.err;
        return r.exit_code == 0 ? json::parse(r.out).at("total").get<int>() : -1;
    };
    const int english = total("--lang en");
    EXPECT_GT(english, 10);
    EXPECT_EQ(total("'lang:en-US'"), english);
    EXPECT_EQ(total("'lang:\"en-US\"'"), english);
    EXPECT_EQ(total("'Korea lang:en-US'"), total("--lang en Korea"));
    EXPECT_EQ(total("'Korea AND lang:en-US'"), total("'Korea AND lang:en'"));
    const int kim = total("--entity KIM-JONG-UN");
    EXPECT_GT(kim, 3);
    EXPECT_EQ(total("'person:Kim-Jong-UN'"), kim);
    EXPECT_EQ(total("'Korea AND person:Kim-Jong-UN'"), total("'Korea AND person:\"Kim Jong Un\"'"));
}

TEST(Search, ExclusionsAloneExclude) {
    // Xapian 1.4's QueryParser reads "-word" alone as the word itself (a silent fallback):
    // the search must list the articles without it, or refuse a query it cannot read.
    ScratchDir dir;
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(source_dir() + "/corpus")).exit_code, 0);
    for (const std::string q : {"-신의주시", "-신의주시 -zzz", "-\"압록강 하류에\""}) {
        const auto r = yalu_search(dir / "db", "--format json -n 100 -- " + shell_quote(q));
        ASSERT_EQ(r.exit_code, 0) << q << ": " << r.err;
        const auto ids = ids_of(r);
        EXPECT_GT(ids.size(), 15U) << q;
        EXPECT_EQ(std::find(ids.begin(), ids.end(), "sinuiju_flood_ko"), ids.end()) << q;
    }
    // So are names filtered by their evidence (a two-syllable Hangul name, an acronym that
    // spells a word), as NOT excludes them.
    const auto ids = [&](const std::string& q) {
        const auto r = yalu_search(dir / "db", "--format json -n 100 -- " + shell_quote(q));
        EXPECT_EQ(r.exit_code, 0) << q << ": " << r.err;
        return r.exit_code == 0 ? ids_of(r) : std::vector<std::string>{};
    };
    for (const auto& [excluded, negated] :
         std::vector<std::pair<std::string, std::string>>{{"-북한", "NOT 북한"},
                                                          {"-UN", "NOT UN"},
                                                          {"-US", "NOT US"},
                                                          {"-북한 -UN", "NOT 북한 NOT UN"},
                                                          {"-flood -US", "NOT flood NOT US"}}) {
        const auto without = ids(excluded);
        EXPECT_EQ(without, ids(negated)) << excluded;
        // 북한 is North Korea in every spelling (since the thirty-fifth session, as "북한" is):
        // the 7 articles naming it in no language are left.
        const bool north = excluded.find("북한") != std::string::npos;
        EXPECT_GT(without.size(), north ? 5U : 15U) << excluded;
        EXPECT_LT(without.size(), 24U) << excluded;
    }
    EXPECT_EQ(ids("-북한"), ids("-\"North Korea\""));
    const auto bad = yalu_search(dir / "db", "-- " + shell_quote("-flood AND relief"));
    EXPECT_EQ(bad.exit_code, 2) << bad.out;
    EXPECT_NE(bad.err.find("cannot read its operators"), std::string::npos) << bad.err;
}

TEST(Search, AnExcludedBracketOfSeveralWordsExcludesThemAll) {
    // "-(신의주시 flood)" alone was a query error ("cannot read its operators (an AND, OR or -
    // with nothing to apply to?)"), while "-(flood)", "NOT (신의주시 OR flood)" and "bridge
    // -(신의주시 flood)" ran: the exclusions were cut at the space inside the brackets.
    ScratchDir dir;
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(source_dir() + "/corpus")).exit_code, 0);
    const auto ids = [&](const std::string& q) {
        const auto r = yalu_search(dir / "db", "--format json -n 100 -- " + shell_quote(q));
        EXPECT_EQ(r.exit_code, 0) << q << ": " << r.err;
        return r.exit_code == 0 ? ids_of(r) : std::vector<std::string>{};
    };
    const auto sorted = [&](const std::string& q) {
        auto found = ids(q);
        std::sort(found.begin(), found.end());
        return found;
    };
    const auto without = sorted("NOT 신의주시 NOT flood");
    EXPECT_GT(without.size(), 15U);
    EXPECT_EQ(std::find(without.begin(), without.end(), "sinuiju_flood_ko"), without.end());
    for (const auto& [excluded, negated] : std::vector<std::pair<std::string, std::string>>{
             {"-(신의주시 flood)", "NOT 신의주시 NOT flood"},
             {"-(신의주시 OR flood)", "NOT 신의주시 NOT flood"},
             {"-(flood 신의주시) -zzz", "NOT 신의주시 NOT flood"},
             {"-(\"압록강 하류에\" 신의주시) -flood",
              "NOT \"압록강 하류에\" NOT 신의주시 NOT flood"}})
        EXPECT_EQ(sorted(excluded), sorted(negated)) << excluded;
    // A bracket left open is still named as such.
    const auto open = yalu_search(dir / "db", "-- " + shell_quote("-(flood bridge"));
    EXPECT_EQ(open.exit_code, 2) << open.out;
    EXPECT_NE(open.err.find("has no ')'"), std::string::npos) << open.err;
}

TEST(Search, AQueryWithoutWordsBrowsesWithAFilter) {
    ScratchDir dir;
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(source_dir() + "/corpus")).exit_code, 0);
    const auto browse = yalu_search(dir / "db", "--format json --lang ko -- '!!!'");
    ASSERT_EQ(browse.exit_code, 0) << browse.err;
    EXPECT_GT(ids_of(browse).size(), 2U);
    EXPECT_EQ(yalu_search(dir / "db", "-- '!!!'").exit_code, 2);
}

TEST(Search, BrowseTotalsAreExact) {
    // Without words only filters decide: the total is counted, not estimated (an AND of
    // filters was estimated at the page's end, and a script paging until the total stopped).
    ScratchDir dir;
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(source_dir() + "/corpus")).exit_code, 0);
    for (const std::string args :
         {"--source 'sample wire'", "--lang en --source wire", "--entity 김정은 --lang en",
          "--entity DPRK --entity Dandong", "-- 'entity:DPRK place:Dandong'",
          "-- 'person:김정은 lang:en'"}) {
        const auto exact = yalu_search(dir / "db", "--format json --snippet 0 --exact " + args);
        ASSERT_EQ(exact.exit_code, 0) << args << ": " << exact.err;
        const auto counted = json::parse(exact.out).at("total").get<int>();
        EXPECT_GT(counted, 1) << args;
        const auto page = yalu_search(dir / "db", "--format json --snippet 0 -n 1 " + args);
        ASSERT_EQ(page.exit_code, 0) << args << ": " << page.err;
        EXPECT_EQ(json::parse(page.out).at("total").get<int>(), counted) << args;
        EXPECT_TRUE(json::parse(page.out).at("exact").get<bool>()) << args;
        const auto text = yalu_search(dir / "db", "--snippet 0 -n 1 " + args);
        EXPECT_NE(text.out.find("Showing 1 of " + std::to_string(counted) + " matches."),
                  std::string::npos)
            << args << ": " << text.out;
    }
}

TEST(Search, JsonSaysWhetherTheTotalIsExactAsTheTextSaysAbout) {
    ScratchDir dir;
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(source_dir() + "/corpus")).exit_code, 0);
    // The sample corpus is small enough that Xapian counts every match: an estimated total is
    // tested on the shared corpus (SharedCorpus.AnEstimatedTotalIsSaidToBeOne).
    for (const std::string args : {"-n 1 Pyongyang", "-n 1 -- 'Kim Jong Un'", "-n 1 북한",
                                   "-n 1 --exact Pyongyang", "-n 0 missile"}) {
        const auto j = yalu_search(dir / "db", "--format json --snippet 0 " + args);
        ASSERT_EQ(j.exit_code, 0) << args << ": " << j.err;
        EXPECT_TRUE(json::parse(j.out).at("exact").get<bool>()) << args;
        const auto text = yalu_search(dir / "db", "--snippet 0 " + args);
        EXPECT_EQ(text.out.find("about"), std::string::npos) << args << ": " << text.out;
    }
}

TEST(Index, StatsNameTheTopEntitiesByTheIdsTheSearcherTakes) {
    ScratchDir dir;
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(source_dir() + "/corpus")).exit_code, 0);
    const auto stats =
        run_command(shell_quote(index_bin()) + " --stats --json --db " + shell_quote(dir / "db"));
    ASSERT_EQ(stats.exit_code, 0) << stats.err;
    int checked = 0;
    const json report = json::parse(stats.out);
    for (const auto& [type, info] : report.at("entities").items()) {
        for (const auto& top : info.at("top")) {
            // A script joins --stats with the searcher's facets and filters by id.
            const std::string id = top.at("id");
            const auto r = yalu_search(dir / "db", "--format json --snippet 0 --exact -n 0 " +
                                                       shell_quote(type + ":" + id));
            ASSERT_EQ(r.exit_code, 0) << type << ":" << id << " " << r.err;
            EXPECT_EQ(json::parse(r.out).at("total"), top.at("count")) << type << ":" << id;
            ++checked;
        }
    }
    EXPECT_GE(checked, 10) << stats.out;
}

TEST(Search, TextOutputNeverPassesControlCharactersToTheTerminal) {
    // A query (or an article) holding an escape sequence would run it in the reader's
    // terminal when echoed in a message or a result.
    ScratchDir dir;
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(source_dir() + "/corpus")).exit_code, 0);
    // A right-to-left override (U+202E) would make the terminal show the line reversed.
    write_file(dir / "queries.txt",
               "flood\x1b[31m AND\nflood\x1b]0;title\x07\nflood \u202Erelief AND\n");
    const auto r = yalu_search(dir / "db", "--queries " + shell_quote(dir / "queries.txt"));
    EXPECT_NE(r.err.find("yalu-search: "), std::string::npos) << r.err;
    EXPECT_EQ((r.out + r.err).find('\x1b'), std::string::npos) << r.out << r.err;
    EXPECT_EQ((r.out + r.err).find('\x07'), std::string::npos) << r.out << r.err;
    EXPECT_NE((r.out + r.err).find("flood ?relief"), std::string::npos) << r.out << r.err;
    EXPECT_EQ((r.out + r.err).find("\u202E"), std::string::npos) << r.out << r.err;
}

TEST(Search, TextOutputShowsBytesThatAreNoUtf8AsReplacementCharacters) {
    // A --queries line or an argument holding a lone 0x9B (CSI to a terminal reading 8-bit
    // controls) was echoed as it was in the text output's "== QUERY" heading.
    ScratchDir dir;
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(source_dir() + "/corpus")).exit_code, 0);
    write_file(dir / "queries.txt",
               "zzfloodzz\x9b"
               "31m\nflood \xff(\n");
    const auto r = yalu_search(dir / "db", "--queries " + shell_quote(dir / "queries.txt"));
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_EQ((r.out + r.err).find("\x9b"), std::string::npos) << r.out << r.err;
    EXPECT_EQ((r.out + r.err).find("\xff"), std::string::npos) << r.out << r.err;
    EXPECT_NE(r.out.find("== zzfloodzz\uFFFD31m\n"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("== flood \uFFFD(\n"), std::string::npos) << r.out;
}

TEST(Search, ZeroWidthCharactersInAQueryAreDroppedAsTheIndexerDropsThem) {
    // The indexer drops zero-width spaces, byte-order marks and soft hyphens from articles
    // (TextNormalizer), so "flo\u200Bod" is indexed as flood; a query pasted with one was
    // searched as the two words flo and od.
    ScratchDir dir;
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(source_dir() + "/corpus")).exit_code, 0);
    for (const auto& [typed, plain] : std::vector<std::pair<std::string, std::string>>{
             {"flo\u200Bod", "flood"},
             {"flo\u00ADod dam\uFEFFage", "flood damage"},
             {"\u200B신\u200B의주", "신의주"},
             {"\"Yalu\u200B River\"", "\"Yalu River\""},
             {"place:Sin\u00ADuiju", "place:Sinuiju"}}) {
        const auto expected = found_ids(dir / "db", plain);
        EXPECT_FALSE(expected.empty()) << plain;
        EXPECT_EQ(found_ids(dir / "db", typed), expected) << typed;
    }
    const auto r = yalu_search(dir / "db", "--entity " + shell_quote("Sin\u200Buiju") + " -n 0");
    EXPECT_EQ(r.exit_code, 0) << r.err;
}

TEST(Search, DecomposedLettersInAQueryAreComposedAsTheIndexerComposesThem) {
    // The indexer stores NFC text; only decomposed Hangul was composed in queries, so
    // P'yŏngyang pasted from macOS (o + U+0306) found nothing where the composed ŏ found 3,800
    // articles of the archive.
    ScratchDir dir;
    write_file(dir / "mr.jsonl",
               "{\"id\": \"mr\", \"lang\": \"en\", \"date\": \"2024-01-01\", \"body\": "
               "\"The delegation left P\u2019y\u014fngyang for H\u016dich\u2019\u014fn and "
               "Ch\u014fngju.\"}\n"
               "{\"id\": \"other\", \"lang\": \"en\", \"date\": \"2024-01-02\", \"body\": "
               "\"Seoul said the weather was cold.\"}\n");
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(dir / "mr.jsonl")).exit_code, 0);
    for (const auto& [decomposed, composed] : std::vector<std::pair<std::string, std::string>>{
             {"Cho\u0306ngju", "Ch\u014fngju"},
             {"Hu\u0306ich'o\u0306n", "H\u016dich'\u014fn"},
             {"\"left P'yo\u0306ngyang\"", "\"left P'y\u014fngyang\""},
             {"title:Cho\u0306ngju OR weather", "title:Ch\u014fngju OR weather"}}) {
        const auto expected = found_ids(dir / "db", composed);
        EXPECT_FALSE(expected.empty()) << composed;
        EXPECT_EQ(found_ids(dir / "db", decomposed), expected) << decomposed;
    }
    const auto r = yalu_search(dir / "db", "--entity " + shell_quote("P'yo\u0306ngyang") + " -n 0");
    EXPECT_EQ(r.exit_code, 0) << r.err;
}

TEST(Search, TabsLineBreaksAndOtherSpacesInAQueryAreSpaces) {
    // QueryParser reads a tab, a line break or U+3000 as a space, but Yalu's stages cut the
    // query at ' ' only: a passage pasted with line breaks escaped the 256-word limit (1,200
    // Korean words took 4.7 s and 380 MB), "-flood\t-bridge" excluded other articles than
    // "-flood -bridge", and "title:\tflood" searched the word title.
    ScratchDir dir;
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(source_dir() + "/corpus")).exit_code, 0);
    for (const std::string space : {"\t", "\n", "\u3000", "\u00A0"}) {
        std::string passage;
        for (int i = 0; i < 300; ++i) passage += (i ? space : "") + "홍수";
        const auto r = yalu_search(dir / "db", "-n 0 " + shell_quote(passage));
        EXPECT_EQ(r.exit_code, 2) << r.out;
        EXPECT_NE(r.err.find("query too long: 300 words"), std::string::npos) << r.err;
        const std::string excluded = "-flood" + space + "-bridge";
        EXPECT_EQ(found_ids(dir / "db", excluded), found_ids(dir / "db", "-flood -bridge"))
            << excluded;
        const auto field = yalu_search(dir / "db", shell_quote("title:" + space + "flood"));
        EXPECT_EQ(field.exit_code, 2) << field.out;
        EXPECT_NE(field.err.find("'title:' needs its word right after the colon"),
                  std::string::npos)
            << field.err;
    }
}

TEST(Search, AQueryOfTooManyCharactersIsAUsageError) {
    // The word limit counts runs between spaces: a Hangul run with none, or one long
    // hyphenated word, was one word however long (16,000 syllables: 2 s and 549 MB).
    ScratchDir dir;
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(source_dir() + "/corpus")).exit_code, 0);
    std::string run;
    for (int i = 0; i < 2100; ++i) run += "홍수";
    const auto r = yalu_search(dir / "db", "-n 0 " + shell_quote(run));
    EXPECT_EQ(r.exit_code, 2) << r.out;
    EXPECT_NE(r.err.find("query too long: 4200 characters, at most 2048"), std::string::npos)
        << r.err;
    std::string parts = "flood";
    for (int i = 0; i < 700; ++i) parts += "-flood";
    const auto p = yalu_search(dir / "db", "-n 0 " + shell_quote(parts));
    EXPECT_EQ(p.exit_code, 2) << p.out;
    EXPECT_NE(p.err.find("characters, at most 2048"), std::string::npos) << p.err;
    // Just below the limit still searches.
    run.resize(2048 * 3);  // 2,048 syllables of three bytes each
    EXPECT_NE(yalu_search(dir / "db", "-n 0 " + shell_quote(run)).exit_code, 2);
}

TEST(Search, ABatchLineNotRunSaysSoOnStandardOutput) {
    // In text output a bad line left no trace on stdout: a reader of the results alone could
    // not tell that a query of the batch was skipped.
    ScratchDir dir;
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(source_dir() + "/corpus")).exit_code, 0);
    write_file(dir / "queries.txt", "flood\nperson:Nobodyxyz\nbridge\n");
    const auto r = yalu_search(dir / "db", "--queries " + shell_quote(dir / "queries.txt"));
    EXPECT_EQ(r.exit_code, 2) << r.err;
    const std::size_t bad = r.out.find("== person:Nobodyxyz\nerror (line 2, not run): no person");
    EXPECT_NE(bad, std::string::npos) << r.out;
    EXPECT_LT(r.out.find("== flood"), bad) << r.out;
    EXPECT_GT(r.out.find("== bridge"), bad) << r.out;
    EXPECT_NE(r.err.find(":2: no person"), std::string::npos) << r.err;
}

TEST(Search, ABatchFilesByteOrderMarkIsNoPartOfItsFirstQuery) {
    ScratchDir dir;
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(source_dir() + "/corpus")).exit_code, 0);
    write_file(dir / "plain.txt", "flood\r\nbridge\r\n");
    write_file(dir / "bom.txt",
               "\xEF\xBB\xBF"
               "flood\r\nbridge\r\n");
    const auto plain =
        yalu_search(dir / "db", "--format json --queries " + shell_quote(dir / "plain.txt"));
    const auto bom =
        yalu_search(dir / "db", "--format json --queries " + shell_quote(dir / "bom.txt"));
    ASSERT_EQ(bom.exit_code, 0) << bom.err;
    EXPECT_EQ(bom.out, plain.out);
    EXPECT_NE(bom.out.find("\"query\":\"flood\""), std::string::npos) << bom.out;
}

TEST(Search, AnotherRomanizationIsSearchedAsTheArchiveWritesItAndSaidSo) {
    // KCNA writes Komdok; an analyst may type the South's Geomdeok, which no article holds.
    ScratchDir dir;
    write_file(dir / "kcna.jsonl",
               "{\"id\": \"ore\", \"lang\": \"en\", \"date\": \"2024-10-04\", \"title\": "
               "\"Ore transport system completed\", \"body\": \"The Komdok Mining Complex "
               "completed its ore transport system.\"}\n"
               "{\"id\": \"coal\", \"lang\": \"en\", \"date\": \"2024-10-05\", \"title\": "
               "\"Coal output rises\", \"body\": \"A coal mining complex raised output.\"}\n");
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(dir / "kcna.jsonl")).exit_code, 0);
    const auto as_json =
        yalu_search(dir / "db", "--format json --snippet 0 'Geomdeok mining complex'");
    ASSERT_EQ(as_json.exit_code, 0) << as_json.err;
    const auto j = nlohmann::json::parse(as_json.out);
    EXPECT_EQ(ids_of(as_json).front(), "ore");
    ASSERT_EQ(j.at("respelled").size(), 1U) << as_json.out;
    EXPECT_EQ(j.at("respelled")[0].at("typed"), "Geomdeok");
    EXPECT_EQ(j.at("respelled")[0].at("searched"), "Komdok");
    const auto text = yalu_search(dir / "db", "--snippet 0 'Geomdeok mining complex'");
    EXPECT_EQ(text.out.rfind("Searched Komdok for Geomdeok (no article writes Geomdeok).", 0), 0U)
        << text.out;
    // A word the archive holds is searched as typed, and nothing is said.
    const auto plain = yalu_search(dir / "db", "--format json --snippet 0 'coal mining'");
    EXPECT_FALSE(nlohmann::json::parse(plain.out).contains("respelled")) << plain.out;
}

TEST(Search, ACompoundNoArticleWritesSolidIsSearchedAsTheTwoWordsAndSaidSo) {
    // KCNA writes sub-critical, which the index holds as two words in a row; an analyst types
    // subcritical, which no article holds.
    ScratchDir dir;
    write_file(dir / "kcna.jsonl",
               "{\"id\": \"test\", \"lang\": \"en\", \"date\": \"2011-07-23\", \"title\": "
               "\"U.S. conducts sub-critical nuclear test\", \"body\": \"The U.S. conducted a "
               "sub-critical nuclear test in Nevada.\"}\n"
               "{\"id\": \"protest\", \"lang\": \"en\", \"date\": \"2011-07-25\", \"title\": "
               "\"Protests over sub-critical tests\", \"body\": \"Japanese groups protested "
               "the sub-critical tests.\"}\n"
               "{\"id\": \"critical\", \"lang\": \"en\", \"date\": \"2011-07-26\", \"title\": "
               "\"A critical sub report\", \"body\": \"The report on the sub was critical.\"}\n");
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(dir / "kcna.jsonl")).exit_code, 0);
    const auto as_json = yalu_search(dir / "db", "--format json --snippet 0 'subcritical test'");
    ASSERT_EQ(as_json.exit_code, 0) << as_json.err;
    const auto j = nlohmann::json::parse(as_json.out);
    // The two articles writing the compound first; the one holding its words apart below.
    const auto ids = ids_of(as_json);
    ASSERT_EQ(ids.size(), 3U) << as_json.out;
    EXPECT_EQ(ids.back(), "critical") << as_json.out;
    ASSERT_EQ(j.at("respelled").size(), 1U) << as_json.out;
    EXPECT_EQ(j.at("respelled")[0].at("typed"), "subcritical");
    EXPECT_EQ(j.at("respelled")[0].at("searched"), "sub-critical");
    const auto text = yalu_search(dir / "db", "--snippet 0 subcritical");
    EXPECT_EQ(text.out.rfind("Searched sub-critical for subcritical (no article writes "
                             "subcritical).",
                             0),
              0U)
        << text.out;
}

TEST(Search, ATildeInsideAWordIsARangeNotASyntaxError) {
    // 1950~70년대 and 3~4일 are ranges; QueryParser read the ~ as its synonym operator and
    // the search failed with a syntax error (exit 2).
    ScratchDir dir;
    write_file(dir / "ko.jsonl",
               "{\"id\": \"cold\", \"lang\": \"ko\", \"date\": \"2025-12-26\", \"title\": "
               "\"한파 3~4일 이어져\", \"body\": \"1950년대부터 70년대까지 없던 한파가 3일과 4일 "
               "이어진다.\"}\n");
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(dir / "ko.jsonl")).exit_code, 0);
    for (const std::string q : {"1950~70년대 한파", "3~4일 AND 한파"}) {
        const auto r = yalu_search(dir / "db", "--format json --snippet 0 " + shell_quote(q));
        ASSERT_EQ(r.exit_code, 0) << q << ": " << r.err;
        EXPECT_EQ(ids_of(r), std::vector<std::string>{"cold"}) << q;
    }
}

TEST(Search, ATildeInADateIsARangeOfDates) {
    // date:2011~2012 was read as "date:2011 2012": the 2011 articles holding the word 2012
    // (183 over the archive), not the two years.
    ScratchDir dir;
    write_file(dir / "years.jsonl",
               "{\"id\": \"a\", \"lang\": \"en\", \"date\": \"2011-05-01\", \"body\": "
               "\"Plans for 2012 were announced.\"}\n"
               "{\"id\": \"b\", \"lang\": \"en\", \"date\": \"2011-06-01\", \"body\": "
               "\"A flood hit the county.\"}\n"
               "{\"id\": \"c\", \"lang\": \"en\", \"date\": \"2012-06-01\", \"body\": "
               "\"A flood hit the county.\"}\n"
               "{\"id\": \"d\", \"lang\": \"en\", \"date\": \"2013-06-01\", \"body\": "
               "\"A flood hit the county.\"}\n");
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(dir / "years.jsonl")).exit_code, 0);
    const std::vector<std::string> both{"a", "b", "c"};
    EXPECT_EQ(found_ids(dir / "db", "date:2011..2012"), both);
    EXPECT_EQ(found_ids(dir / "db", "date:2011~2012"), both);
    EXPECT_EQ(found_ids(dir / "db", "flood date:2011~2012"), (std::vector<std::string>{"b", "c"}));
    EXPECT_EQ(found_ids(dir / "db", "date:2012~"), (std::vector<std::string>{"c", "d"}));
}

TEST(Search, AcronymsSpellingAWordNeedTheirEntityInSyntaxQueriesToo) {
    // UN is the index word un, which "Kim Jong Un" holds: plain or with syntax, the acronym
    // counts only where the gazetteer found the United Nations.
    ScratchDir dir;
    write_file(dir / "un.jsonl",
               "{\"id\": \"kim\", \"lang\": \"en\", \"date\": \"2024-08-01\", \"title\": "
               "\"Envoys meet Kim Jong Un\", \"body\": \"Kim Jong Un received foreign envoys "
               "in Pyongyang.\"}\n"
               "{\"id\": \"un\", \"lang\": \"en\", \"date\": \"2024-08-01\", \"title\": "
               "\"UN envoy arrives\", \"body\": \"The UN envoy arrived in Seoul for talks.\"}\n");
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(dir / "un.jsonl")).exit_code, 0);
    const auto found = [&](const std::string& q) {
        const auto r = yalu_search(dir / "db", "--format json --snippet 0 -- " + shell_quote(q));
        EXPECT_LE(r.exit_code, 1) << q << ": " << r.err;
        auto ids = r.exit_code == 0 ? ids_of(r) : std::vector<std::string>{};
        std::sort(ids.begin(), ids.end());
        return ids;
    };
    const std::vector<std::string> un{"un"};
    EXPECT_EQ(found("UN AND envoy"), un);
    EXPECT_EQ(found("title:UN"), un);
    EXPECT_EQ(found("envoy -UN"), std::vector<std::string>{"kim"});
    // In lower case it is the word: both.
    EXPECT_EQ(found("un AND envoy"), (std::vector<std::string>{"kim", "un"}));
}

TEST(Search, NamesMixingLatinAndHangulGiveTheSameResultsWhateverTheHeapHolds) {
    // LG U+ has the alias LG유플러스: its Hangul word and Latin letters under the aliases'
    // OP_SYNONYM. Built as an AND_MAYBE inside an AND there, Xapian 1.4.22 read uninitialised
    // memory and the matches changed with what the heap held (1 match instead of 4 with
    // MALLOC_PERTURB_=1); the letters now lead the word's phrase, as the index holds them.
    ScratchDir dir;
    const auto article = [](const std::string& id, const std::string& lang,
                            const std::string& title, const std::string& body) {
        return "{\"id\": \"" + id + "\", \"lang\": \"" + lang +
               "\", \"date\": \"2025-11-20\", \"title\": \"" + title + "\", \"body\": \"" + body +
               "\"}\n";
    };
    write_file(dir / "lg.jsonl",
               article("uplus-ceo", "ko", "LG유플러스 홍범식 사장 취임",
                       "LG유플러스 홍범식 사장이 취임했다. LG U+는 새 요금제를 내놓았다.") +
                   article("uplus-price", "en", "LGU+ raises prices",
                           "LG Uplus, also written LGU+, raised its mobile prices.") +
                   article("skt", "ko", "SK텔레콤 해킹",
                           "SK텔레콤 가입자 정보가 유출됐다. LG유플러스도 점검했다.") +
                   article("plus", "ko", "유플러스 요금제", "LG 전자와 플러스 요금 행사."));
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(dir / "lg.jsonl")).exit_code, 0);
    for (const std::string q : {"LG U+", "LGU+", "홍범식 LGU+ 사장", "SK텔레콤"}) {
        const std::string args =
            " --db " + shell_quote(dir / "db") + " --format json --snippet 0 -- " + shell_quote(q);
        const auto first = run_command(shell_quote(search_bin()) + args);
        ASSERT_EQ(first.exit_code, 0) << q << ": " << first.err;
        for (const char* perturb : {"1", "85", "170"}) {
            const auto again = run_command(std::string("MALLOC_PERTURB_=") + perturb + " " +
                                           shell_quote(search_bin()) + args);
            EXPECT_EQ(again.out, first.out) << q << " with MALLOC_PERTURB_=" << perturb;
        }
    }
    const auto lg = yalu_search(dir / "db", "--format json --snippet 0 'LG U+'");
    auto ids = ids_of(lg);
    std::sort(ids.begin(), ids.end());
    // "plus" writes LG apart from 유플러스 (LG 전자와 ...): no LG유플러스.
    EXPECT_EQ(ids, (std::vector<std::string>{"skt", "uplus-ceo", "uplus-price"}));
    // In a batch the same query answers as alone, whatever ran before it.
    write_file(dir / "queries.txt", "노동당\nLG U+\n");
    const auto batch = yalu_search(
        dir / "db", "--format json --snippet 0 --queries " + shell_quote(dir / "queries.txt"));
    ASSERT_EQ(batch.exit_code, 0) << batch.err;
    EXPECT_EQ(batch.out.substr(batch.out.find('\n', 0) + 1), lg.out);
}

TEST(Search, TwoSyllableHangulNamesNeedAWordThatBeginsWithThem) {
    // The index's syllable pairs hold 평양 inside 태평양 (the Pacific) too: plain or with
    // syntax, the name counts where a word begins with it, compounds (평양시) included.
    ScratchDir dir;
    const auto article = [](const std::string& id, const std::string& title,
                            const std::string& body) {
        return "{\"id\": \"" + id + "\", \"lang\": \"ko\", \"date\": \"2025-12-30\", " +
               "\"title\": \"" + title + "\", \"body\": \"" + body + "\"}\n";
    };
    write_file(dir / "ko.jsonl",
               article("city", "평양시 행사", "평양시에서 행사가 열렸다.") +
                   article("pacific", "태평양 행사", "태평양 섬에서 행사가 열렸다.") +
                   article("indo", "인도태평양 행사", "인도태평양 전략 행사.") +
                   article("dateline", "공연 행사", "(평양 조선중앙통신) 행사."));
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(dir / "ko.jsonl")).exit_code, 0);
    const auto found = [&](const std::string& q) {
        const auto r = yalu_search(dir / "db", "--format json --snippet 0 -- " + shell_quote(q));
        EXPECT_LE(r.exit_code, 1) << q << ": " << r.err;
        auto ids = r.exit_code == 0 ? ids_of(r) : std::vector<std::string>{};
        std::sort(ids.begin(), ids.end());
        return ids;
    };
    const std::vector<std::string> pyongyang{"city", "dateline"};
    EXPECT_EQ(found("평양"), pyongyang);
    EXPECT_EQ(found("평양에서"), pyongyang);
    EXPECT_EQ(found("평양 AND 행사"), pyongyang);
    EXPECT_EQ(found("title:평양"), std::vector<std::string>{"city"});
    // After a bracket (once "(평양", which QueryParser closed itself: now a query error).
    EXPECT_EQ(found("(평양)"), pyongyang);
    // In a quoted phrase too, straight or curly, as in a plain query ("평양 섬에서" is no
    // phrase of 태평양 섬에서).
    EXPECT_EQ(found("\"평양\" AND 행사"), pyongyang);
    EXPECT_EQ(found("\u201C평양\u201D AND 행사"), pyongyang);
    EXPECT_EQ(found("title:\"평양\" OR zzz"), std::vector<std::string>{"city"});
    EXPECT_EQ(found("\"평양 섬에서\" OR zzz"), std::vector<std::string>{});
    EXPECT_EQ(found("\"평양 섬에서\""), std::vector<std::string>{});
    EXPECT_EQ(found("-\"평양\""), (std::vector<std::string>{"indo", "pacific"}));
    // A longer name is searched as before: the Pacific is in the Indo-Pacific.
    EXPECT_EQ(found("태평양"), (std::vector<std::string>{"indo", "pacific"}));
}

TEST(Search, MissingIndexExits3WithAdvice) {
    ScratchDir dir;
    const auto r = yalu_search(dir / "nothing.db", "train");
    EXPECT_EQ(r.exit_code, 3);
    EXPECT_NE(r.err.find("yalu-index"), std::string::npos) << r.err;
}

TEST(Search, DamagedIndexExits5WithTheFix) {
    // A generation cut short (a full disk, a bad copy): Xapian says "EOF reading block"; the
    // message must say what to do (docs/OPERATIONS.md, "A corrupt index"), not only what broke.
    ScratchDir dir;
    ASSERT_EQ(yalu_index(dir / "k.db", shell_quote(source_dir() + "/corpus")).exit_code, 0);
    fs::resize_file(dir / "k.db.d/gen-000001/postlist.glass", 8192);
    const auto r = yalu_search(dir / "k.db", "Kim");
    EXPECT_EQ(r.exit_code, 5) << r.err;
    for (const char* fix : {"xapian-check", "yalu-index --rebuild --db", "docs/OPERATIONS.md"})
        EXPECT_NE(r.err.find(fix), std::string::npos) << fix << ": " << r.err;
}

TEST(Search, OtherSchemaVersionExits4) {
    ScratchDir dir;
    // Same schema with another version number, used only to build the index.
    fs::create_directories(dir / "schemas");
    std::ifstream in(source_dir() + "/schemas/index.xml");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto pos = text.find("version=\"", text.find("<schema"));
    ASSERT_NE(pos, std::string::npos);
    text.replace(pos, text.find('"', pos + 9) - pos + 1, "version=\"999\"");
    write_file(dir / "schemas/index.xml", text);
    fs::copy_file(source_dir() + "/schemas/thesaurus.xml", dir / "schemas/thesaurus.xml");
    ASSERT_EQ(yalu_index(dir / "db", "--no-entities --schema-dir " + shell_quote(dir / "schemas") +
                                         " " + shell_quote(source_dir() + "/corpus"))
                  .exit_code,
              0);
    const auto r = yalu_search(dir / "db", "train");
    EXPECT_EQ(r.exit_code, 4);
    EXPECT_NE(r.err.find("999"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("--rebuild"), std::string::npos) << r.err;
    // The indexer refuses to mix versions too.
    const auto w = yalu_index(dir / "db", shell_quote(source_dir() + "/corpus"));
    EXPECT_EQ(w.exit_code, 78) << w.err;
}

TEST(Search, AMissingSchemaFolderIsSaidOneFolderALine) {
    ScratchDir dir;
    const auto r = yalu_search(dir / "db", "--schema-dir " + shell_quote(dir / "none") + " train");
    EXPECT_EQ(r.exit_code, 6) << r.err;
    // The folders tried each on a line of their own, the fix on the next, as yalu-index says it.
    EXPECT_NE(r.err.find("tried:\n  " + (dir / "none") + "\nuse --schema-dir"), std::string::npos)
        << r.err;
}

TEST(Search, BrokenThesaurusExits6UnlessTurnedOff) {
    ScratchDir dir;
    fs::create_directories(dir / "schemas");
    for (const char* f : {"index.xml", "entities.xml", "thesaurus.xml"})
        fs::copy_file(source_dir() + "/schemas/" + f, fs::path(dir / "schemas") / f);
    const std::string schemas = "--schema-dir " + shell_quote(dir / "schemas") + " ";
    ASSERT_EQ(yalu_index(dir / "db", schemas + shell_quote(source_dir() + "/corpus")).exit_code, 0);
    // Broken after the index was built (yalu-index refuses a broken one: OpsExit).
    write_file(dir / "schemas/thesaurus.xml",
               "<thesaurus version=\"1\">\n<group><term>flood</term></group>\n</thesaurus>\n");
    const auto r = yalu_search(dir / "db", schemas + "train");
    EXPECT_EQ(r.exit_code, 6) << r.err;
    EXPECT_NE(r.err.find("thesaurus.xml line 2"), std::string::npos) << r.err;
    EXPECT_EQ(yalu_search(dir / "db", schemas + "--no-thesaurus train").exit_code, 0);
    // A missing thesaurus is no quieter than a broken one.
    fs::remove(dir / "schemas/thesaurus.xml");
    const auto missing = yalu_search(dir / "db", schemas + "train");
    EXPECT_EQ(missing.exit_code, 6) << missing.err;
    EXPECT_NE(missing.err.find("thesaurus.xml is missing"), std::string::npos) << missing.err;
    EXPECT_EQ(yalu_search(dir / "db", schemas + "--no-thesaurus train").exit_code, 0);
}

// `--since -5d missile` said "a query word that starts with - goes after --", as if -5d were an
// exclusion: the word after an option that takes a value is that value, and a wrong one is
// said to be wrong, as `--since=-5d` is.
TEST(Search, AValueStartingWithADashIsTheOptionsValue) {
    ScratchDir dir;
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(source_dir() + "/corpus")).exit_code, 0);
    const std::vector<std::pair<std::string, std::string>> cases{
        {"--since -5d missile", "invalid span '-5d' for --since: use a positive number"},
        {"--since=-5d missile", "invalid span '-5d' for --since: use a positive number"},
        {"--recency -90d missile", "'-90d' for --recency"},
        {"--from -2012-01 missile", "invalid date '-2012-01' for --from"},
        {"-n -5x missile", "('-5x') for option '--limit' is invalid"},
        {"--limit -5x missile", "('-5x') for option '--limit' is invalid"},
        {"--format json --since -5d missile", "invalid span '-5d' for --since"},
    };
    for (const auto& [args, words] : cases) {
        const auto r = yalu_search(dir / "db", args);
        EXPECT_EQ(r.exit_code, 2) << args << ": " << r.out;
        EXPECT_NE(r.err.find(words), std::string::npos) << args << ": " << r.err;
        EXPECT_EQ(r.err.find("goes after --"), std::string::npos) << args << ": " << r.err;
    }
    // After a value, or after an option that takes none, a word with a dash is still an
    // exclusion typed before --.
    for (const std::string args :
         {"--since 5d -missile", "--all -missile", "--since=5d -missile"}) {
        const auto r = yalu_search(dir / "db", args);
        EXPECT_EQ(r.exit_code, 2) << args << ": " << r.out;
        EXPECT_NE(r.err.find("yalu-search -- '-missile'"), std::string::npos)
            << args << ": " << r.err;
    }
}

TEST(Search, AnEmptyDbSchemaDirOrQueriesIsAUsageErrorNotLeftOut) {
    // A script's unset variable: --db "$DB" said "no index at ''" (exit 3, as if the index
    // were missing), --schema-dir "$DIR" searched with the default schemas, and --queries
    // "$LIST" said "empty query".
    ScratchDir dir;
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(source_dir() + "/corpus")).exit_code, 0);
    const std::string search = "cd " + shell_quote(dir.path()) + " && " + shell_quote(search_bin());
    for (const std::string args :
         {"--db '' Korea", "--db db --schema-dir '' Korea", "--db db --schema-dir ' ' --show x",
          "--db db --queries ''", "--db '' --format json Korea"}) {
        const auto r = run_command(search + " " + args);
        EXPECT_EQ(r.exit_code, 2) << args << ": " << r.err;
        const std::string option = args.find("--db ''") != std::string::npos     ? "--db"
                                   : args.find("--queries") != std::string::npos ? "--queries"
                                                                                 : "--schema-dir";
        EXPECT_NE(r.err.find(option + " needs "), std::string::npos) << args << ": " << r.err;
        EXPECT_NE(r.err.find("not an empty value"), std::string::npos) << args << ": " << r.err;
    }
    EXPECT_TRUE(json::accept(run_command(search + " --db '' --format json Korea").out));
}

TEST(Search, BadOptionValuesExit2WithTheReason) {
    ScratchDir dir;
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(source_dir() + "/corpus")).exit_code, 0);
    // Each: the arguments, and words the message must hold.
    const std::vector<std::pair<std::string, std::string>> cases{
        {"-n -1 Korea", "--limit"},
        {"--offset -1 Korea", "--offset"},
        {"--snippet -5 Korea", "--snippet"},
        // Xapian cut a snippet shorter than a word inside it ("."): at least 20 characters.
        {"--snippet 1 Korea", "--snippet must be 0 (no snippet) or at least 20 characters"},
        {"--snippet 19 Korea", "not 19"},
        {"--facet-limit -1 --facets Korea", "--facet-limit"},
        {"--source '' Korea", "--source"},
        {"--source '()' Korea", "--source"},
        {"--lang 'e n' Korea", "--lang"},
        {"--lang english Korea", "--lang"},
        {"--show ''", "--show"},
        {"--since 1y --to 2012 Korea", "--since 1y starts after --to 2012"},
        // An empty value (a script's unset variable: --from "$START") filtered nothing: the
        // whole archive was searched as if the option had not been given.
        {"--from '' Korea", "--from needs a date"},
        {"--to '' Korea", "--to needs a date"},
        {"--since ' ' Korea", "--since needs a span"},
        {"--recency '' Korea", "--recency needs a half-life"},
        // Out of range: the range, not "invalid span"; a bad form says what a span is.
        {"--recency 1500y Korea",
         "--recency: '1500y' is out of range: use N d|w|m|y with N from 1 to "},
        {"--recency 99999999999d Korea", "--recency: '99999999999d' is out of range"},
        {"--since 0d Korea", "--since: '0d' is out of range: use N d|w|m|y with N from 1 to "},
        {"--recency 3x Korea", "invalid span '3x' for --recency: use a positive number and a unit"},
        {"--histogram '' Korea", "--histogram must be year, month or day, not ''"},
        {"'Korea date:'", "date:"},
        {"'lang: Korea'", "lang:"},
        // A query that starts with an exclusion, read as an option: where it goes instead.
        {"-missile",
         "unrecognised option '-missile' (see yalu-search --help); a query word "
         "that starts with - goes after --: yalu-search -- '-missile'"},
        {"Korea -평양", "yalu-search -- '-평양'"},
        // Not a short option with its value against it (-n uclear, --db prk, -f usion).
        {"-nuclear missile", "yalu-search -- '-nuclear'"},
        // A short option's value after '=', as a long option takes it: no query word.
        {"-n=5 missile",
         "-n=5: a short option takes its value after a space (-n 5) or, for a "
         "number, right after it (-n5); or write --limit=5"},
        {"-f=json missile", "-f json"},
        {"-dprk missile", "yalu-search -- '-dprk'"},
        {"-fusion", "yalu-search -- '-fusion'"},
    };
    for (const auto& [args, words] : cases) {
        const auto r = yalu_search(dir / "db", args);
        EXPECT_EQ(r.exit_code, 2) << args << ": " << r.out;
        EXPECT_NE(r.err.find(words), std::string::npos) << args << ": " << r.err;
    }
    const auto shortest = yalu_search(dir / "db", "--format json --snippet 20 Korea");
    ASSERT_EQ(shortest.exit_code, 0) << shortest.err;
    const auto snippet =
        json::parse(shortest.out).at("results")[0].at("snippet").get<std::string>();
    EXPECT_NE(snippet.find("<b>Korea</b>"), std::string::npos) << snippet;
    // A mistyped long option is no query.
    const auto typo = yalu_search(dir / "db", "--limt 3 Korea");
    EXPECT_EQ(typo.exit_code, 2);
    EXPECT_EQ(typo.err.find("goes after --"), std::string::npos) << typo.err;
    // Brackets or quotes in --source cannot change the query: the same filter as without.
    const auto total = [&](const std::string& args) {
        const auto r = yalu_search(dir / "db", "--format json --exact " + args);
        EXPECT_LE(r.exit_code, 1) << args << ": " << r.err;
        return r.exit_code <= 1 ? json::parse(r.out).at("total").get<int>() : -1;
    };
    const int yonhap = total("--source yonhap Korea");
    EXPECT_GT(yonhap, 0);
    EXPECT_EQ(total("--source 'yonhap)' Korea"), yonhap);
    EXPECT_EQ(total("--source '\"Yonhap' Korea"), yonhap);
    EXPECT_LT(yonhap, total("Korea"));
    // Language codes as people type them.
    EXPECT_EQ(total("--lang EN Korea"), total("--lang en Korea"));
    EXPECT_GT(total("--lang en Korea"), 0);
}

TEST(Search, ASignOrAnOperatorWordInSourceCannotChangeTheQuery) {
    // "--source -yonhap" and "--source '&'" made QueryParser drop the field: they filtered on
    // articles holding the body word "source" (none here; 34 and 289 over the archive).
    ScratchDir dir;
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(source_dir() + "/corpus")).exit_code, 0);
    const auto ids = [&](const std::string& args) {
        const auto r = yalu_search(dir / "db", "--format json --snippet 0 " + args);
        EXPECT_EQ(r.exit_code, 0) << args << ": " << r.err;
        return r.exit_code == 0 ? ids_of(r) : std::vector<std::string>{};
    };
    const auto yonhap = ids("--source yonhap Korea");
    ASSERT_FALSE(yonhap.empty());
    EXPECT_EQ(ids("--source -yonhap Korea"), yonhap);
    EXPECT_EQ(ids("--source '- yonhap' Korea"), yonhap);
    EXPECT_EQ(ids("--source '&yonhap.' Korea"), yonhap);
    EXPECT_EQ(ids("--source '－yonhap' Korea"), yonhap);  // a fullwidth hyphen-minus
    // No word at all is no filter; an operator word is no word of a name: said so, not a
    // syntax error quoting a source:(...) clause no one typed.
    for (const auto& [args, words] : std::vector<std::pair<std::string, std::string>>{
             {"--source '&' Korea", "--source needs words of a publication's name"},
             {"--source ' . - ' Korea", "--source needs words of a publication's name"},
             {"--source 'yonhap OR kcna' Korea",
              "--source 'yonhap OR kcna': OR is no word of a publication's name"},
             {"--source 'NOT yonhap' Korea", "NOT is no word of a publication's name"}}) {
        const auto r = yalu_search(dir / "db", args);
        EXPECT_EQ(r.exit_code, 2) << args << ": " << r.out;
        EXPECT_NE(r.err.find(words), std::string::npos) << args << ": " << r.err;
        EXPECT_EQ(r.err.find("source:("), std::string::npos) << args << ": " << r.err;
    }
}

// Boost.Program_options' default style took any prefix of a long option: yalu-search --lim 5
// was --limit 5, and yalu-index --pru was --prune, silently. Options are spelt in full; an
// abbreviation or a typo is an unknown option, named with the one meant.
TEST(Options, AnAbbreviatedOptionIsUnknownAndTheOneMeantIsNamed) {
    ScratchDir dir;
    const std::vector<std::pair<std::string, std::string>> search{
        {"--lim 5 Korea", "--limit"},         {"--lim=5 Korea", "--limit"},
        {"--lim -5 Korea", "--limit"},        {"--limt 5 Korea", "--limit"},
        {"--sinc 7d Korea", "--since"},       {"--no-thes Korea", "--no-thesaurus"},
        {"--l ko Korea", "--lang or --limit"}};
    for (const auto& [args, meant] : search) {
        const auto r = yalu_search(dir / "db", args);
        EXPECT_EQ(r.exit_code, 2) << args << ": " << r.out << r.err;
        const std::string typed = args.substr(0, args.find_first_of(" ="));
        EXPECT_NE(r.err.find("unrecognised option '" + typed + "'"), std::string::npos)
            << args << ": " << r.err;
        EXPECT_NE(r.err.find("did you mean " + meant + "?"), std::string::npos)
            << args << ": " << r.err;
    }
    // Nothing near: no suggestion.
    EXPECT_EQ(yalu_search(dir / "db", "--zzzzzz Korea").err.find("did you mean"),
              std::string::npos);
    const std::string corpus = shell_quote(source_dir() + "/corpus");
    for (const auto& [args, meant] : std::vector<std::pair<std::string, std::string>>{
             {"--pru", "--prune"}, {"--rebuil", "--rebuild"}, {"--quite", "--quiet"}}) {
        const auto r = yalu_index(dir / "db", args + " " + corpus);
        EXPECT_EQ(r.exit_code, 64) << args << ": " << r.out << r.err;
        EXPECT_NE(r.err.find("unrecognised option '" + args + "'"), std::string::npos)
            << args << ": " << r.err;
        EXPECT_NE(r.err.find("did you mean " + meant + "?"), std::string::npos)
            << args << ": " << r.err;
    }
    EXPECT_FALSE(fs::exists(dir / "db"));
}

TEST(Search, ASignGluedToAnotherIsASignWithNothingToApplyTo) {
    // "+-missile" searched missile, the word it meant to leave out, where "-+missile" was
    // already an error; "++Korea" read as Korea.
    ScratchDir dir;
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(source_dir() + "/corpus")).exit_code, 0);
    // So is a lone sign between words or after them, which QueryParser dropped: "flood -
    // Korea" searched flood Korea.
    for (const std::string query :
         {"+-Korea", "+-Korea flood", "++Korea", "flood +-", "-+Korea", "flood - Korea",
          "flood + Korea", "flood Korea -", "\"Korea flood\" - bridge", "flood - 북한"}) {
        const auto r = yalu_search(dir / "db", "-- " + shell_quote(query));
        EXPECT_EQ(r.exit_code, 2) << query << ": " << r.out;
        EXPECT_NE(r.err.find("has nothing to apply to"), std::string::npos)
            << query << ": " << r.err;
    }
    // A sign before a word, and one inside a phrase, are what they were.
    for (const std::string query :
         {"+Korea flood", "Korea -flood", "\"Korea +-flood\" Korea", "\"Korea - flood\""})
        EXPECT_LE(yalu_search(dir / "db", "-- " + shell_quote(query)).exit_code, 1) << query;
}

TEST(Search, WordsOfAFixedSetAndLanguageCodesTakeAnyCaseAndSpaces) {
    // One rule for every option whose value is a word of a fixed set (--sort, --format,
    // --color, --histogram) or a language code (--lang): any letter case and white space
    // around it are read as the word; anything else is a usage error naming the option, the
    // value and what it takes. --sort Newest and --lang ' ko' were errors, --lang KO not.
    ScratchDir dir;
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(source_dir() + "/corpus")).exit_code, 0);
    // Korea for the English articles, 북한 for the Korean ones.
    const auto same_as = [&](const std::string& args, const std::string& canonical) {
        const auto r = yalu_search(dir / "db", args + " Korea 북한");
        const auto expected = yalu_search(dir / "db", canonical + " Korea 북한");
        ASSERT_EQ(expected.exit_code, 0) << canonical << ": " << expected.err;
        EXPECT_EQ(r.exit_code, 0) << args << ": " << r.err;
        EXPECT_EQ(r.out, expected.out) << args;
    };
    // Each: the value as typed, and as the option always took it.
    const std::vector<std::pair<std::string, std::string>> accepted{
        {"--sort Newest", "--sort newest"},
        {"--sort ' OLDEST '", "--sort oldest"},
        {"--sort=Relevance", "--sort relevance"},
        {"--format JSON", "--format json"},
        {"--format=' Json'", "--format json"},
        {"-f JSON", "--format json"},
        {"--format 'Text '", "--format text"},
        {"--color ALWAYS", "--color always"},
        {"--color ' never'", "--color never"},
        {"--histogram Month", "--histogram month"},
        {"--histogram ' YEAR	'", "--histogram year"},
        {"--lang ' ko'", "--lang ko"},
        {"--lang ' EN-us '", "--lang en"},
        {"--lang Kor --lang ' En'", "--lang ko --lang en"},
    };
    for (const auto& [args, canonical] : accepted) same_as(args, canonical);
    // Each: the arguments, and the message: the option, the value as typed, what it takes.
    const std::vector<std::pair<std::string, std::string>> refused{
        {"--sort new", "--sort must be relevance, newest or oldest, not 'new'"},
        {"--sort 'newest first'", "--sort must be relevance, newest or oldest, not 'newest first'"},
        {"--format xml", "--format must be text or json, not 'xml'"},
        {"--format JSONL", "--format must be text or json, not 'JSONL'"},
        {"--color sometimes", "--color must be auto, always or never, not 'sometimes'"},
        {"--histogram week", "--histogram must be year, month or day, not 'week'"},
        {"--histogram ' '", "--histogram must be year, month or day, not ' '"},
        {"--lang korean", "--lang must be a two- or three-letter language code"},
        {"--lang 'k o'", "not 'k o'"},
    };
    for (const auto& [args, message] : refused) {
        const auto r = yalu_search(dir / "db", args + " Korea");
        EXPECT_EQ(r.exit_code, 2) << args << ": " << r.out;
        EXPECT_NE(r.err.find(message), std::string::npos) << args << ": " << r.err;
    }
    // --format in any case also asks for the error as JSON on stdout.
    for (const std::string format : {"--format JSON", "--format=' json'", "-f Json", "-fJSON"}) {
        const auto r = yalu_search(dir / "db", format + " --sort new Korea");
        EXPECT_EQ(r.exit_code, 2) << format;
        ASSERT_FALSE(r.out.empty()) << format;
        EXPECT_EQ(json::parse(r.out).at("exit"), 2) << format << ": " << r.out;
    }
    // The --recency conflict names the order as the option reads it.
    const auto conflict = yalu_search(dir / "db", "--recency 90d --sort ' Newest' Korea");
    EXPECT_EQ(conflict.exit_code, 2);
    EXPECT_NE(conflict.err.find("--sort newest orders by date alone"), std::string::npos)
        << conflict.err;
}

// A query in another encoding than UTF-8 (a --queries file Korean Windows saved as CP949, a
// Latin-1 terminal) was searched as U+FFFD: 북한 in CP949 said "empty query: give words to
// search for", and café in Latin-1 "No matches." (exit 1), as if the archive held nothing.
TEST(Search, AQueryThatIsNotUtf8IsAQueryErrorSayingSo) {
    ScratchDir dir;
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(source_dir() + "/corpus")).exit_code, 0);
    const std::string cp949 = "\xB1\xCF\xC7\xD1";  // 북한
    for (const std::string& query : {cp949, std::string("caf\xE9"), "Korea " + cp949}) {
        const auto r = yalu_search(dir / "db", "--format json -- " + shell_quote(query));
        EXPECT_EQ(r.exit_code, 2) << r.out;
        EXPECT_NE(r.err.find("is not UTF-8"), std::string::npos) << r.err;
        EXPECT_NE(r.err.find("iconv -f CP949 -t UTF-8"), std::string::npos) << r.err;
        EXPECT_EQ(json::parse(r.out).at("exit"), 2) << r.out;
    }
    EXPECT_NE(yalu_search(dir / "db", "-- " + shell_quote("caf\xE9")).err.find("'caf\\xE9'"),
              std::string::npos);
    // --entity and --source values too.
    for (const std::string option : {"--entity", "--source"}) {
        const auto r = yalu_search(dir / "db", option + " " + shell_quote(cp949) + " Korea");
        EXPECT_EQ(r.exit_code, 2) << option << ": " << r.out;
        EXPECT_NE(r.err.find("is not UTF-8"), std::string::npos) << option << ": " << r.err;
    }
    // In a --queries file, that line is the error, named by its number; the others run.
    write_file(dir / "queries.txt", "Korea\n" + cp949 + "\nmissile\n");
    const auto batch = yalu_search(dir / "db", "--queries " + shell_quote(dir / "queries.txt"));
    EXPECT_EQ(batch.exit_code, 2);
    EXPECT_NE(batch.err.find("queries.txt:2: the query '\\xB1\\xCF\\xC7\\xD1' is not UTF-8"),
              std::string::npos)
        << batch.err;
    EXPECT_NE(batch.out.find("== missile\n  1."), std::string::npos) << batch.out;
}

TEST(Search, PagingPastTheEndIsNotNoMatches) {
    ScratchDir dir;
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(source_dir() + "/corpus")).exit_code, 0);
    const auto r = yalu_search(dir / "db", "--exact --offset 1000 Korea");
    EXPECT_EQ(r.exit_code, 1) << r.err;  // nothing on this page
    EXPECT_EQ(r.out.find("No matches"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("--offset 1000 skips them all"), std::string::npos) << r.out;
    const auto none = yalu_search(dir / "db", "zzzqqqxxx");
    EXPECT_NE(none.out.find("No matches"), std::string::npos) << none.out;
}

// An id from a file name holds brackets (report(1).txt: a second download). `id:report(1)` found
// nothing (the value ended at its ')', and QueryParser cuts an unquoted filter value there too)
// while `id:"report(1)"` and `--show 'report(1)'` found it: a ')' ends a value only when the
// value opened no '(', in plain queries and beside operators.
// A --queries file in UTF-16 (Notepad's "Unicode"; PowerShell's > writes it too) was run as
// bytes: a NUL between every letter, each line 'No matches.' or an "empty query", and the error
// of its first line cut at the first NUL ("the query '\xFF\xFEK").
TEST(Search, AQueriesFileInUtf16IsReadWithItsByteOrderMarkAndSaidToBeUtf16Without) {
    ScratchDir dir;
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(source_dir() + "/corpus")).exit_code, 0);
    write_file(dir / "le.txt", "\xFF\xFE" + utf16le("Korea\r\nmissile\r\n"));
    write_file(dir / "utf8.txt", "Korea\r\nmissile\r\n");
    const auto expected =
        yalu_search(dir / "db", "--snippet 0 --queries " + shell_quote(dir / "utf8.txt"));
    ASSERT_EQ(expected.exit_code, 0) << expected.err;
    const auto le = yalu_search(dir / "db", "--snippet 0 --queries " + shell_quote(dir / "le.txt"));
    EXPECT_EQ(le.exit_code, 0) << le.err;
    EXPECT_EQ(le.out, expected.out);
    std::string big_endian = "\xFE\xFF";
    for (const char c : std::string("Korea\n")) big_endian += std::string{'\0', c};
    write_file(dir / "be.txt", big_endian);
    EXPECT_EQ(yalu_search(dir / "db", "-n 1 --queries " + shell_quote(dir / "be.txt")).exit_code,
              0);
    // Without a byte-order mark: each line holding a NUL is an error saying what it is.
    write_file(dir / "bare.txt", utf16le("Korea\n"));
    const auto bare = yalu_search(dir / "db", "--queries " + shell_quote(dir / "bare.txt"));
    EXPECT_EQ(bare.exit_code, 2);
    EXPECT_NE(bare.err.find("bare.txt:1: the query holds a NUL byte"), std::string::npos)
        << bare.err;
    EXPECT_NE(bare.err.find("UTF-16 without a byte-order mark"), std::string::npos) << bare.err;
}

TEST(Search, AnIdWithBracketsIsFoundUnquoted) {
    ScratchDir dir;
    fs::create_directories(dir / "src");
    write_file(dir / "src/report(1).txt",
               "The missile was launched from the east coast on Monday morning.\n");
    write_file(dir / "src/flood.txt", "The flood damaged two bridges over the river.\n");
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(dir / "src")).exit_code, 0);
    const std::vector<std::string> report{"report(1)"};
    const std::vector<std::string> both{"flood", "report(1)"};
    EXPECT_EQ(found_ids(dir / "db", "id:\"report(1)\""), report);
    EXPECT_EQ(found_ids(dir / "db", "id:report(1)"), report);
    EXPECT_EQ(found_ids(dir / "db", "missile id:report(1)"), report);
    EXPECT_EQ(found_ids(dir / "db", "flood id:report(1)"), std::vector<std::string>{});
    EXPECT_EQ(found_ids(dir / "db", "id:report(1) OR flood"), both);
    EXPECT_EQ(found_ids(dir / "db", "(id:report(1) OR id:flood) bridges"),
              std::vector<std::string>{"flood"});
    EXPECT_EQ(found_ids(dir / "db", "(id:flood OR id:report(1))"), both);
    EXPECT_EQ(found_ids(dir / "db", "missile NOT id:report(1)"), std::vector<std::string>{});
}

TEST(Search, TextOutputCountsInPlainEnglish) {
    // "Showing 1-1 of 1 matches." read badly: one result is no range, one match no plural.
    ScratchDir dir;
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(source_dir() + "/corpus")).exit_code, 0);
    const auto one = yalu_search(dir / "db", "--snippet 0 id:yalu_bridge_2019");
    ASSERT_EQ(one.exit_code, 0) << one.err;
    EXPECT_NE(one.out.find("Showing 1 of 1 match.\n"), std::string::npos) << one.out;
    const auto past = yalu_search(dir / "db", "--offset 5 id:yalu_bridge_2019");
    EXPECT_NE(past.out.find("No results on this page: 1 match, and --offset 5 skips it."),
              std::string::npos)
        << past.out;
    const auto all = yalu_search(dir / "db", "--format json --exact -n 0 Korea");
    const auto total = json::parse(all.out).at("total").get<int>();
    ASSERT_GT(total, 2);
    const auto n = std::to_string(total);
    const auto last = yalu_search(
        dir / "db", "--snippet 0 --exact --offset " + std::to_string(total - 1) + " Korea");
    EXPECT_NE(last.out.find("Showing " + n + " of " + n + " matches.\n"), std::string::npos)
        << last.out;
    const auto two = yalu_search(dir / "db", "--snippet 0 --exact -n 2 Korea");
    EXPECT_NE(two.out.find("Showing 1-2 of " + n + " matches.\n"), std::string::npos) << two.out;
}

TEST(Search, NoMatchesPrintsNoEmptyChartOrList) {
    // A histogram or facets over no match printed their headers, then "No matches.".
    ScratchDir dir;
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(source_dir() + "/corpus")).exit_code, 0);
    for (const std::string args :
         {"--from 2011-12 --to 2011-12 --histogram day", "--facets zzzqqqxxx",
          "--facets --histogram year zzzqqqxxx", "-n 0 --histogram month zzzqqqxxx"}) {
        const auto r = yalu_search(dir / "db", args);
        EXPECT_EQ(r.exit_code, 1) << args << ": " << r.err;
        EXPECT_EQ(r.out, "No matches.\n") << args;
    }
}

TEST(Search, LimitZeroCountsEveryMatchAndShowsNone) {
    ScratchDir dir;
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(source_dir() + "/corpus")).exit_code, 0);
    const auto full = yalu_search(dir / "db", "--format json --exact -n 1000 --snippet 0 Korea");
    ASSERT_EQ(full.exit_code, 0) << full.err;
    const auto every = json::parse(full.out);
    const auto counted = yalu_search(dir / "db", "--format json -n 0 Korea");
    ASSERT_EQ(counted.exit_code, 0) << counted.err;
    const auto j = json::parse(counted.out);
    EXPECT_TRUE(j.at("results").empty()) << counted.out;
    // Exact without --exact: the number of results the long page held.
    EXPECT_EQ(j.at("total").get<std::size_t>(), every.at("results").size());
    const auto text = yalu_search(dir / "db", "-n 0 Korea");
    EXPECT_EQ(text.exit_code, 0) << text.err;
    EXPECT_NE(text.out.find(std::to_string(every.at("results").size()) + " matches (--limit 0"),
              std::string::npos)
        << text.out;
    // An offset skips no count.
    const auto offset = yalu_search(dir / "db", "-n 0 --offset 5 Korea");
    EXPECT_EQ(offset.exit_code, 0) << offset.err;
    EXPECT_NE(offset.out.find(" matches (--limit 0"), std::string::npos) << offset.out;
    const auto none = yalu_search(dir / "db", "-n 0 zzzqqqxxx");
    EXPECT_EQ(none.exit_code, 1) << none.out;
    EXPECT_NE(none.out.find("No matches"), std::string::npos) << none.out;
}

TEST(Search, JsonModeReportsErrorsAsJson) {
    ScratchDir dir;
    write_file(dir / "garbage.db", "not a database\n");
    // Something at --db that is not an index: "not a Yalu index", unreadable (5), neither "no
    // index" (3) nor "another schema version" (4), which a wrapper answers with a rebuild.
    const auto r = yalu_search(dir / "garbage.db", "--format json Korea");
    EXPECT_EQ(r.exit_code, 5) << r.err;
    const auto j = json::parse(r.out);
    EXPECT_EQ(j.at("exit"), 5);
    EXPECT_NE(j.at("error").get<std::string>().find("not a Yalu index"), std::string::npos);
    const auto usage = yalu_search(dir / "garbage.db", "--format json --from 2023-02-30 Korea");
    EXPECT_EQ(usage.exit_code, 2);
    EXPECT_EQ(json::parse(usage.out).at("exit"), 2);
    // Also for errors in the options themselves, found before --format is read.
    for (const char* args : {"--format json --bogus Korea", "-n abc --format=json Korea"}) {
        const auto bad = yalu_search(dir / "garbage.db", args);
        EXPECT_EQ(bad.exit_code, 2) << args;
        EXPECT_EQ(json::parse(bad.out).at("exit"), 2) << args << ": " << bad.out;
    }
}

TEST(Search, ShowWithAQueryIsAUsageErrorNotAQueryIgnored) {
    // "--show ID Kim" printed the article and dropped "Kim" without a word; as --queries does,
    // it is refused before any index is opened.
    ScratchDir dir;
    const auto r = yalu_search(dir / "none.db", "--show yalu_bridge_2019 Kim");
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("--show"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("give no QUERY"), std::string::npos) << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out;
    // A filter beside it was dropped as silently (a 1946 article printed for --from 2020).
    const auto filtered = yalu_search(dir / "none.db", "--show yalu_bridge_2019 --from 2020");
    EXPECT_EQ(filtered.exit_code, 2) << filtered.err;
    EXPECT_NE(filtered.err.find("give no --from"), std::string::npos) << filtered.err;
    // So were the options asking for what a search prints: "--show ID --facets" printed the
    // article alone, with no facets and no word (exit 0).
    for (const std::string option : {"--facets", "--histogram year", "--collapse", "--recency 90d",
                                     "--sort newest", "--offset 10", "--exact", "--all"}) {
        const auto refused = yalu_search(dir / "none.db", "--show yalu_bridge_2019 " + option);
        EXPECT_EQ(refused.exit_code, 2) << option << ": " << refused.err;
        EXPECT_NE(refused.err.find("give no " + option.substr(0, option.find(' '))),
                  std::string::npos)
            << option << ": " << refused.err;
    }
    // What only shapes its output stays (--format json, --color).
    const auto shown = yalu_search(dir / "none.db", "--show yalu_bridge_2019 --format json");
    EXPECT_NE(shown.exit_code, 2) << shown.err;
}

TEST(Search, ShowWithSnippetThesaurusExplainOrLimitIsAUsageErrorNotAnOptionIgnored) {
    // "--show ID --snippet 50", "--no-thesaurus", "--explain", "-n 5" and "--facet-limit 3"
    // printed the whole article, exit 0, as if the option had been read: there is no snippet,
    // no query to expand or explain, no page and no facet to cut. Refused as the other
    // search-only options beside --show are, before any index is opened, in JSON too.
    ScratchDir dir;
    for (const std::string option :
         {"--snippet 50", "--no-thesaurus", "--explain", "--limit 5", "-n 5", "--facet-limit 3"}) {
        const auto refused = yalu_search(dir / "none.db", "--show yalu_bridge_2019 " + option);
        EXPECT_EQ(refused.exit_code, 2) << option << ": " << refused.err;
        const std::string name = option == "-n 5" ? "--limit" : option.substr(0, option.find(' '));
        EXPECT_NE(refused.err.find("give no " + name), std::string::npos)
            << option << ": " << refused.err;
        EXPECT_TRUE(refused.out.empty()) << option << ": " << refused.out;
        const auto as_json =
            yalu_search(dir / "none.db", "--format json --show yalu_bridge_2019 " + option);
        EXPECT_EQ(as_json.exit_code, 2) << option << ": " << as_json.err;
        ASSERT_TRUE(json::accept(as_json.out)) << option << ": " << as_json.out;
        EXPECT_EQ(json::parse(as_json.out).at("exit"), 2) << option << ": " << as_json.out;
    }
    // Since --no-thesaurus has nothing to do there, --show needs no thesaurus: a schema folder
    // that lost thesaurus.xml still shows an article (a search says exit 6 and --no-thesaurus).
    fs::create_directories(dir / "schemas");
    for (const char* f : {"index.xml", "entities.xml", "thesaurus.xml"})
        fs::copy_file(source_dir() + "/schemas/" + f, fs::path(dir / "schemas") / f);
    const std::string schemas = "--schema-dir " + shell_quote(dir / "schemas") + " ";
    ASSERT_EQ(yalu_index(dir / "db", schemas + shell_quote(source_dir() + "/corpus")).exit_code, 0);
    fs::remove(dir / "schemas/thesaurus.xml");
    const auto shown = yalu_search(dir / "db", schemas + "--show yalu_bridge_2019");
    EXPECT_EQ(shown.exit_code, 0) << shown.err;
    EXPECT_NE(shown.out.find("yalu_bridge_2019"), std::string::npos) << shown.out;
    // What only shapes its output still stays beside it (--format, --color).
    EXPECT_EQ(yalu_search(dir / "db", schemas + "--show yalu_bridge_2019 --color never --format "
                                                "json")
                  .exit_code,
              0);
}

TEST(Search, RecencyWithADateSortIsAUsageErrorNotABlendIgnored) {
    // The date sort ordered by date alone while --explain still listed the recency blend.
    ScratchDir dir;
    for (const char* sort : {"newest", "oldest"}) {
        const auto r =
            yalu_search(dir / "none.db", std::string("--recency 90d --sort ") + sort + " missile");
        EXPECT_EQ(r.exit_code, 2) << r.err;
        EXPECT_NE(r.err.find("--recency"), std::string::npos) << r.err;
        EXPECT_NE(r.err.find(std::string("--sort ") + sort), std::string::npos) << r.err;
    }
}

TEST(Search, AQueriesFileWithNoQueryIsAUsageErrorThatSaysSo) {
    // A file of blank lines exited 1 ("nothing found") with no word on stderr.
    ScratchDir dir;
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(source_dir() + "/corpus")).exit_code, 0);
    write_file(dir / "blank.txt", "\n  \n\t\r\n");
    write_file(dir / "empty.txt", "");
    for (const std::string file : {"blank.txt", "empty.txt"}) {
        const auto r = yalu_search(dir / "db", "--queries " + shell_quote(dir / file));
        EXPECT_EQ(r.exit_code, 2) << file << ": " << r.out;
        EXPECT_NE(r.err.find("holds no query"), std::string::npos) << file << ": " << r.err;
    }
    const auto piped = run_command("printf '\\n\\n' | " + shell_quote(search_bin()) + " --db " +
                                   shell_quote(dir / "db") + " --format json --queries -");
    EXPECT_EQ(piped.exit_code, 2) << piped.err;
    EXPECT_NE(piped.err.find("'<stdin>' holds no query"), std::string::npos) << piped.err;
    EXPECT_TRUE(json::accept(piped.out)) << piped.out;
}

TEST(Search, AQueriesFileWithClassicMacLineEndsRunsEachLine) {
    // A --queries file whose lines end in a lone CR (classic Mac, some exports) ran as ONE
    // query of all its lines, exit 0: one JSON object for three queries, their words ORed.
    // LF, CR LF and a lone CR each end a line, as yalu-index reads every format.
    ScratchDir dir;
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(source_dir() + "/corpus")).exit_code, 0);
    for (const std::string text :
         {"trucks\rzzqqxx\rflood\r", "trucks\r\nzzqqxx\r\nflood", "trucks\rzzqqxx\nflood\r\n"}) {
        write_file(dir / "q.txt", text);
        const auto r =
            yalu_search(dir / "db", "--format json -n 1 --queries " + shell_quote(dir / "q.txt"));
        EXPECT_EQ(r.exit_code, 0) << r.err;
        std::vector<std::string> queries;
        std::istringstream lines(r.out);
        for (std::string line; std::getline(lines, line);)
            queries.push_back(json::parse(line).at("query").get<std::string>());
        EXPECT_EQ(queries, (std::vector<std::string>{"trucks", "zzqqxx", "flood"})) << r.out;
    }
    // A line that cannot run is named by its own number; blank lines (white space only, a CR
    // CR LF end's empty line too) are skipped.
    write_file(dir / "q.txt", "trucks\r\r\n\v\f\r(\rflood\r");
    const auto bad =
        yalu_search(dir / "db", "--format json -n 1 --queries " + shell_quote(dir / "q.txt"));
    EXPECT_EQ(bad.exit_code, 2) << bad.err;
    EXPECT_NE(bad.err.find("q.txt:4: empty query"), std::string::npos) << bad.err;
    EXPECT_EQ(std::count(bad.out.begin(), bad.out.end(), '\n'), 3) << bad.out;
}

namespace {

// Indexes corpus/ into `dir`/db and runs `--queries` over a file of `lines`: the blank ones must
// be skipped, only `trucks` and `flood` searched, nothing said on stderr; a file of `blank` lines
// only holds no query (exit 2, said so), as one of ASCII spaces; a file of the line `word`,
// blank characters around or inside a word, is a query that finds something.
void expect_blank_lines_skipped(const ScratchDir& dir, const std::string& lines,
                                const std::string& blank, const std::string& word) {
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(source_dir() + "/corpus")).exit_code, 0);
    write_file(dir / "q.txt", lines);
    const auto r =
        yalu_search(dir / "db", "--format json -n 1 --queries " + shell_quote(dir / "q.txt"));
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err, "");
    std::vector<std::string> queries;
    std::istringstream out(r.out);
    for (std::string line; std::getline(out, line);)
        queries.push_back(json::parse(line).at("query").get<std::string>());
    EXPECT_EQ(queries, (std::vector<std::string>{"trucks", "flood"})) << r.out;
    write_file(dir / "blank.txt", blank);
    const auto none = yalu_search(dir / "db", "--queries " + shell_quote(dir / "blank.txt"));
    EXPECT_EQ(none.exit_code, 2);
    EXPECT_NE(none.err.find("holds no query"), std::string::npos) << none.err;
    write_file(dir / "word.txt", word);
    EXPECT_EQ(yalu_search(dir / "db", "--queries " + shell_quote(dir / "word.txt")).exit_code, 0);
}

}  // namespace

// A --queries line of Unicode white space only (an ideographic space U+3000 from a Korean
// keyboard, a no-break space U+00A0, an em space U+2003) was run and reported as "empty query"
// (exit 2), where a line of ASCII spaces is skipped as blank: it is blank too.
TEST(Search, AQueriesLineOfUnicodeWhiteSpaceIsBlank) {
    ScratchDir dir;
    expect_blank_lines_skipped(
        dir, "trucks\n\u3000\n\u00A0\u2003\n \u3000\t\u2009\u202F\n\u3000\u3000\r\nflood\n",
        "\u3000\n\u00A0\n", "\u3000trucks\u00A0\n");
}

// A --queries line of zero-width characters only (U+200B ZERO WIDTH SPACE, U+200C/U+200D, U+2060
// WORD JOINER, U+FEFF, as pasted from a web page or a word processor) was run and reported as
// "empty query" (exit 2), where a line of Unicode spaces is skipped: one rule makes a line
// blank, white space or zero-width characters only, mixed too. Inside a word such a character
// is dropped, as the indexer drops it.
TEST(Search, AQueriesLineOfZeroWidthCharactersIsBlank) {
    ScratchDir dir;
    expect_blank_lines_skipped(
        dir, "trucks\n\u200B\n\u200C\u200D\n\u2060\n\uFEFF\n \u200B\u3000\u2060\t\r\nflood\n",
        "\u200B\n\uFEFF\u2060\n", "\u200Btru\u200Bcks\n");
}

TEST(Search, AQueriesFileThatCannotBeReadSaysWhy) {
    // A missing file said only "cannot read --queries file 'x'" and a folder "reading ...
    // failed": neither said what was wrong.
    ScratchDir dir;
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(source_dir() + "/corpus")).exit_code, 0);
    const auto missing = yalu_search(dir / "db", "--queries " + shell_quote(dir / "nope.txt"));
    EXPECT_EQ(missing.exit_code, 2) << missing.err;
    EXPECT_NE(missing.err.find("no such file"), std::string::npos) << missing.err;
    fs::create_directories(dir / "folder");
    const auto folder = yalu_search(dir / "db", "--queries " + shell_quote(dir / "folder"));
    EXPECT_EQ(folder.exit_code, 2) << folder.err;
    EXPECT_NE(folder.err.find("is a folder"), std::string::npos) << folder.err;
}

TEST(Search, ResultsThatCannotBeWrittenExit74SayingSo) {
    // "yalu-search --format json ... > results.json" on a full disk wrote nothing (or half an
    // object) and exited 0, as if the results were there: the script went on with an empty
    // file. The write error is now said on stderr, with exit 74 (sysexits' EX_IOERR).
    if (!fs::exists("/dev/full")) GTEST_SKIP() << "no /dev/full on this system";
    ScratchDir dir;
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(source_dir() + "/corpus")).exit_code, 0);
    // Enough queries that the output fills stdio's buffer and fails long before the end.
    std::string queries;
    for (int i = 0; i < 40; ++i) queries += "trucks\nflood\n";
    write_file(dir / "queries.txt", queries);
    for (const std::string& args : std::vector<std::string>{
             "trucks", "--format json trucks",
             "--format json -n 0 --facets --histogram year trucks", "--show yalu_bridge_2019",
             "--format json --show yalu_bridge_2019",
             "--format json --queries " + shell_quote(dir / "queries.txt"), "zzqqxx"}) {
        const auto r = yalu_search(dir / "db", args + " >/dev/full");
        EXPECT_EQ(r.exit_code, 74) << args << ": " << r.err;
        EXPECT_NE(r.err.find("cannot write to standard output"), std::string::npos)
            << args << ": " << r.err;
        EXPECT_NE(r.err.find("No space left on device"), std::string::npos)
            << args << ": " << r.err;
    }
    // An error already reported on stderr keeps its own code.
    EXPECT_EQ(yalu_search(dir / "db", "--format json 'person:' >/dev/full").exit_code, 2);
    // Written to a pipe or file as usual, the codes are as always.
    EXPECT_EQ(yalu_search(dir / "db", "--format json trucks >/dev/null").exit_code, 0);
}

TEST(Search, ShowingAnUnknownIdInJsonPrintsAnObject) {
    ScratchDir dir;
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(source_dir() + "/corpus")).exit_code, 0);
    const auto r = yalu_search(dir / "db", "--format json --show nosuchid");
    EXPECT_EQ(r.exit_code, 1) << r.err;
    ASSERT_TRUE(json::accept(r.out)) << r.out;
    const auto j = json::parse(r.out);
    EXPECT_EQ(j.at("exit"), 1);
    EXPECT_NE(j.at("error").get<std::string>().find("nosuchid"), std::string::npos) << r.out;
    const auto text = yalu_search(dir / "db", "--show nosuchid");
    EXPECT_EQ(text.exit_code, 1);
    EXPECT_TRUE(text.out.empty()) << text.out;
    EXPECT_NE(text.err.find("no article with id 'nosuchid'"), std::string::npos) << text.err;
}

TEST(Index, MissingSourceExits66) {
    ScratchDir dir;
    const auto r = yalu_index(dir / "db", shell_quote(dir / "no-such-folder"));
    EXPECT_EQ(r.exit_code, 66);
    EXPECT_NE(r.err.find("no-such-folder"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(dir / "db")) << "nothing may be created for a bad command line";
}

TEST(Index, BadOptionExits64) {
    ScratchDir dir;
    EXPECT_EQ(yalu_index(dir / "db", "--no-such-option x").exit_code, 64);
    EXPECT_EQ(yalu_index(dir / "db", "").exit_code, 64);
}

TEST(Index, LockedDatabaseExits75) {
    ScratchDir dir;
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(source_dir() + "/corpus")).exit_code, 0);
    const int fd = ::open((dir / "db.lock").c_str(), O_RDWR | O_CREAT, 0644);
    ASSERT_GE(fd, 0);
    ASSERT_EQ(::flock(fd, LOCK_EX), 0);
    const auto r = yalu_index(dir / "db", shell_quote(source_dir() + "/corpus"));
    EXPECT_EQ(r.exit_code, 75);
    EXPECT_NE(r.err.find("locked"), std::string::npos) << r.err;
    ::close(fd);
    EXPECT_EQ(yalu_index(dir / "db", shell_quote(source_dir() + "/corpus")).exit_code, 0);
}

TEST(Index, IncrementalAddsUpdatesSkipsAndPrunes) {
    ScratchDir dir;
    fs::create_directories(dir / "in");
    write_file(
        dir / "in/a.jsonl",
        R"({"id":"a1","date":"2023-01-02","title":"Alpha wheat","body":"Wheat arrived in Nampho."})"
        "\n"
        R"({"id":"a2","date":"2023-01-03","title":"Beta rice","body":"Rice arrived in Wonsan."})"
        "\n");
    auto r = yalu_index(dir / "db", shell_quote(dir / "in"));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(summary_count(r.out, "added"), 2) << r.out;

    // An unchanged run writes nothing: no database file changes (the lock file aside).
    const auto stamps = [&] {
        std::map<std::string, fs::file_time_type> out;
        for (const auto& e : fs::recursive_directory_iterator(dir / "db.d"))
            if (e.is_regular_file() && e.path().filename() != "flintlock")
                out[e.path().string()] = e.last_write_time();
        return out;
    };
    const auto before = stamps();
    r = yalu_index(dir / "db", shell_quote(dir / "in"));
    EXPECT_EQ(summary_count(r.out, "unchanged"), 2) << r.out;
    EXPECT_EQ(summary_count(r.out, "added"), 0);
    EXPECT_EQ(stamps(), before);

    write_file(
        dir / "in/a.jsonl",
        R"({"id":"a1","date":"2023-01-02","title":"Alpha wheat","body":"Maize arrived in Nampho."})"
        "\n");
    r = yalu_index(dir / "db", "--prune " + shell_quote(dir / "in"));
    EXPECT_EQ(summary_count(r.out, "updated"), 1) << r.out;
    EXPECT_EQ(summary_count(r.out, "deleted"), 1) << r.out;
    EXPECT_EQ(ids_of(yalu_search(dir / "db", "--format json maize")),
              std::vector<std::string>{"a1"});
    EXPECT_TRUE(ids_of(yalu_search(dir / "db", "--format json wheat rice")).size() == 1);
    EXPECT_EQ(yalu_search(dir / "db", "--format json Wonsan").exit_code, 1);
}

TEST(Index, BadInputIsReportedAndTheRestIndexed) {
    ScratchDir dir;
    const std::string bad = source_dir() + "/tests/data/bad";
    const auto r = yalu_index(
        dir / "db", "--rejects " + shell_quote(dir / "rejects.jsonl") + " " + shell_quote(bad));
    EXPECT_EQ(r.exit_code, 65) << r.err;
    const long rejected = summary_count(r.out, "rejected");
    EXPECT_GT(rejected, 0) << r.out;
    EXPECT_GT(summary_count(r.out, "added"), 0) << r.out;
    // Every rejection names a file and a line, on stderr and in the rejects file.
    EXPECT_NE(r.err.find("broken.xml:"), std::string::npos) << r.err;
    std::ifstream in(dir / "rejects.jsonl");
    long lines = 0;
    for (std::string line; std::getline(in, line); ++lines) {
        const auto j = json::parse(line);
        EXPECT_FALSE(j.at("path").get<std::string>().empty());
        EXPECT_FALSE(j.at("reason").get<std::string>().empty());
    }
    EXPECT_EQ(lines, rejected);
}

TEST(Index, ARejectionOnStandardErrorNamesTheRecordWhereTheFileDoesNot) {
    ScratchDir dir;
    const std::string bad = source_dir() + "/tests/data/bad";
    const auto r = yalu_index(dir / "db", shell_quote(bad));
    EXPECT_EQ(r.exit_code, 65) << r.err;
    // A JSON Lines record or an article of an <articles> file: its id, as --rejects has it.
    EXPECT_NE(r.err.find("mixed.jsonl:5: record 'mixed-empty-body': empty body"), std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("articles_problems.xml:12: record 'xmlbad-empty-body': empty body"),
              std::string::npos)
        << r.err;
    // A .txt file's id is its name, and a record whose id could not be read has none.
    EXPECT_NE(r.err.find("empty.txt:1: empty file"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("mixed.jsonl:2: bad JSON"), std::string::npos) << r.err;
}

TEST(Index, EmptyQueryWithFilterBrowses) {
    ScratchDir dir;
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(source_dir() + "/corpus")).exit_code, 0);
    const auto all = yalu_search(dir / "db", "--format json --limit 1000 --from 1900");
    ASSERT_EQ(all.exit_code, 0) << all.err;
    EXPECT_GT(ids_of(all).size(), 5u);
    EXPECT_EQ(yalu_search(dir / "db", "''").exit_code, 2);
}

TEST(Search, QueryNamingNoPlaceFavoursArticlesAboutKorea) {
    // Two reports alike but for where: the Thai one is a word shorter, so BM25 alone ranks it
    // first; the schema's <home> (x1.05 for articles about Korea) ranks the Korean one first,
    // unless the query says where it is about.
    ScratchDir dir;
    write_file(dir / "floods.jsonl",
               "{\"id\": \"flood-abroad\", \"lang\": \"en\", \"date\": \"2024-08-01\", \"title\": "
               "\"Flood damage grows\", \"body\": \"Flood damage grows in Thailand after heavy "
               "rain. Rivers rose and roads closed.\"}\n"
               "{\"id\": \"flood-home\", \"lang\": \"en\", \"date\": \"2024-08-01\", \"title\": "
               "\"Flood damage grows\", \"body\": \"Flood damage grows in North Korea after heavy "
               "rain. Rivers rose and roads closed.\"}\n");
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(dir / "floods.jsonl")).exit_code, 0);
    const auto order = [&](const std::string& args) {
        const auto r = yalu_search(dir / "db", "--format json --snippet 0 " + args);
        EXPECT_EQ(r.exit_code, 0) << r.err;
        return r.exit_code == 0 ? ids_of(r) : std::vector<std::string>{};
    };
    const std::vector<std::string> home_first{"flood-home", "flood-abroad"};
    const std::vector<std::string> abroad_first{"flood-abroad", "flood-home"};
    EXPECT_EQ(order("'flood damage'"), home_first);
    EXPECT_EQ(order("'flood damage Seoul'"), abroad_first) << "a place named: no preference";

    // The same index searched with <home factor="1"> (off): BM25's order.
    const auto off = schemas_with_index_edit(dir, "<home factor=\"1.05\"", "<home factor=\"1\"");
    ASSERT_FALSE(off.empty());
    EXPECT_EQ(order("--schema-dir " + shell_quote(off) + " 'flood damage'"), abroad_first);

    const auto explained = yalu_search(dir / "db", "--explain 'flood damage'");
    EXPECT_NE(explained.err.find("home: score x 1.05"), std::string::npos) << explained.err;
    // A date sort or a recency blend does not apply the factors, so --explain does not list them.
    for (const char* sort : {"--sort newest", "--recency 1y"}) {
        const auto unfactored =
            yalu_search(dir / "db", "--explain " + std::string(sort) + " 'flood damage'");
        EXPECT_EQ(unfactored.err.find("home: score"), std::string::npos) << sort;
    }
}

TEST(Search, EnglishOrderIsFusedWithPlainXapians) {
    // The every-word tier ranks `tier` (each word once, in a long report) first; plain BM25
    // ranks it fifth and `strong` (drought damage over and over) first. Rank fusion
    // (weight 0.7, k 5) puts `strong` first and keeps `tier` on the first page; a Hangul
    // query has no plain reading to fuse.
    ScratchDir dir;
    std::string filler;
    for (int i = 0; i < 40; ++i) filler += "Officials met farmers in the county again. ";
    std::string lines =
        "{\"id\": \"tier\", \"lang\": \"en\", \"date\": \"2012-06-01\", \"body\": \"" + filler +
        "The drought caused damage and relief arrived. " + filler + "\"}\n";
    const std::vector<std::pair<std::string, int>> repeats{
        {"strong", 6}, {"second", 5}, {"third", 4}, {"fourth", 3}};
    for (const auto& [id, n] : repeats) {
        std::string body;
        for (int i = 0; i < n; ++i) body += "Drought damage spread. ";
        lines += "{\"id\": \"" + id +
                 "\", \"lang\": \"en\", \"date\": \"2012-06-02\", \"body\": \"" + body + "\"}\n";
    }
    // "relief" in eight more reports, so plain BM25 does not weigh it far above the others.
    for (int i = 0; i < 8; ++i)
        lines += "{\"id\": \"relief" + std::to_string(i) +
                 "\", \"lang\": \"en\", \"date\": \"2012-06-04\", \"body\": \"" + filler +
                 "Relief workers came.\"}\n";
    lines +=
        "{\"id\": \"ko\", \"lang\": \"ko\", \"date\": \"2012-06-03\", \"body\": \"가뭄 피해가 "
        "컸다.\"}\n";
    write_file(dir / "drought.jsonl", lines);
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(dir / "drought.jsonl")).exit_code, 0);
    const auto r = yalu_search(dir / "db", "--format json --snippet 0 'drought damage relief'");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto ids = ids_of(r);
    ASSERT_EQ(ids.size(), 10u);
    EXPECT_EQ(ids[0], "strong");
    EXPECT_NE(std::find(ids.begin(), ids.begin() + 3, "tier"), ids.begin() + 3)
        << "the article holding every word stays near the top";

    const auto explained = yalu_search(dir / "db", "--explain 'drought damage relief'");
    EXPECT_NE(explained.err.find("blend: the best 100 by rank fusion"), std::string::npos)
        << explained.err;
    const auto korean = yalu_search(dir / "db", "--explain '가뭄 피해'");
    ASSERT_EQ(korean.exit_code, 0) << korean.err;
    EXPECT_EQ(korean.err.find("blend:"), std::string::npos) << korean.err;
    // A date order lists by date: nothing to fuse.
    EXPECT_EQ(
        yalu_search(dir / "db", "--explain --sort newest 'drought damage'").err.find("blend:"),
        std::string::npos);
}

TEST(Search, PhrasesAndFilterClausesKeepTheRanking) {
    // Query syntax that only quotes or filters keeps the ranked rewriter: a quoted name still
    // finds its other spellings, and date:/lang: clauses rank exactly as --from/--to/--lang.
    ScratchDir dir;
    write_file(dir / "mill.jsonl",
               "{\"id\": \"mill-en\", \"lang\": \"en\", \"date\": \"2025-12-30\", \"body\": "
               "\"Kim Jong-un visited the Eunsan paper mill, which opened this week. Workers "
               "showed him the new lines and the warehouse.\"}\n"
               "{\"id\": \"mill-ko\", \"lang\": \"ko\", \"date\": \"2025-12-30\", \"body\": "
               "\"김정은 위원장이 은산종이공장 준공식에 참석했다.\"}\n"
               "{\"id\": \"mill-old\", \"lang\": \"en\", \"date\": \"2024-05-01\", \"body\": "
               "\"Kim Jong Un visited a paper mill.\"}\n"
               "{\"id\": \"paper-only\", \"lang\": \"en\", \"date\": \"2025-12-29\", \"body\": "
               "\"Paper prices rose. Paper, paper and more paper: paper supply trails paper "
               "demand.\"}\n");
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(dir / "mill.jsonl")).exit_code, 0);
    const auto ids = [&](const std::string& args) {
        const auto r = yalu_search(dir / "db", "--format json --snippet 0 " + args);
        EXPECT_LE(r.exit_code, 1) << r.err;
        return r.exit_code == 0 ? ids_of(r) : std::vector<std::string>{};
    };
    const auto quoted = ids("'\"Kim Jong Un\"'");
    EXPECT_EQ(std::set<std::string>(quoted.begin(), quoted.end()),
              (std::set<std::string>{"mill-en", "mill-ko", "mill-old"}))
        << "the quoted name also finds its Hangul spelling";
    const auto dated = ids("'\"Kim Jong Un\" date:2025-12'");
    EXPECT_EQ(dated, ids("'\"Kim Jong Un\"' --from 2025-12 --to 2025-12"));
    EXPECT_EQ(std::set<std::string>(dated.begin(), dated.end()),
              (std::set<std::string>{"mill-en", "mill-ko"}));
    // Articles holding every word first, also behind a filter clause.
    const auto filtered = ids("'paper mill lang:en'");
    EXPECT_EQ(filtered, ids("'paper mill' --lang en"));
    ASSERT_EQ(filtered.size(), 3u);
    EXPECT_EQ(filtered.back(), "paper-only");
}

TEST(Search, HomeNamingAnUnknownEntityExits6) {
    ScratchDir dir;
    const auto schemas =
        schemas_with_index_edit(dir, "value=\"north-korea\"", "value=\"north-corea\"");
    ASSERT_FALSE(schemas.empty());
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(source_dir() + "/corpus")).exit_code, 0);
    const auto r = yalu_search(dir / "db", "--schema-dir " + shell_quote(schemas) + " train");
    EXPECT_EQ(r.exit_code, 6) << r.err;
    EXPECT_NE(r.err.find("<home> names entity 'north-corea'"), std::string::npos) << r.err;
}

TEST(Search, ANamesWordsApartAreNotTheName) {
    // Kim, Jong and Il in one article, never together: no match for the name, in any order.
    ScratchDir dir;
    write_file(dir / "names.jsonl",
               "{\"id\": \"named\", \"lang\": \"en\", \"date\": \"2011-12-19\", \"body\": "
               "\"Kim Jong Il died on Saturday, the agency said.\"}\n"
               "{\"id\": \"apart\", \"lang\": \"en\", \"date\": \"2024-05-01\", \"body\": "
               "\"Kim Yong Nam met Ri Jong Ho; the envoy was il at ease.\"}\n"
               "{\"id\": \"alias\", \"lang\": \"en\", \"date\": \"2012-01-01\", \"body\": "
               "\"The Chairman Kim Jong-il statue was unveiled.\"}\n");
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(dir / "names.jsonl")).exit_code, 0);
    // Ranked, listed or counted as a whole: exactly the articles naming him.
    for (const std::string args :
         {"'Kim Jong Il'", "--sort newest 'Kim Jong Il'", "--all 'Kim Jong Il'",
          "--exact 'Kim Jong Il'", "--facets 'Kim Jong Il'", "--histogram year 'Kim Jong Il'"}) {
        const auto r = yalu_search(dir / "db", "--format json --snippet 0 " + args);
        ASSERT_EQ(r.exit_code, 0) << args << ": " << r.err;
        auto ids = ids_of(r);
        std::sort(ids.begin(), ids.end());
        EXPECT_EQ(ids, (std::vector<std::string>{"alias", "named"})) << args;
        EXPECT_EQ(json::parse(r.out).at("total").get<int>(), 2) << args;
    }
    const auto counted = yalu_search(dir / "db", "--format json -n 0 'Kim Jong Il'");
    EXPECT_EQ(json::parse(counted.out).at("total").get<int>(), 2) << counted.out;
    // The ranked page's count is the whole set's, and says so.
    const auto ranked = yalu_search(dir / "db", "--snippet 0 'Kim Jong Il'");
    EXPECT_NE(ranked.out.find("Showing 1-2 of 2 matches"), std::string::npos) << ranked.out;
}

TEST(Search, APhraseInSingleQuotesIsSearchedAsAPhrase) {
    // Both articles hold every word; only one holds 'our state-first principle' as a phrase.
    ScratchDir dir;
    write_file(dir / "quotes.jsonl",
               "{\"id\": \"phrase\", \"lang\": \"en\", \"date\": \"2024-09-29\", \"body\": "
               "\"Pyongyang -- An editorial says what it means to live in the era of our "
               "state-first principle.\"}\n"
               "{\"id\": \"apart\", \"lang\": \"en\", \"date\": \"2024-05-01\", \"body\": "
               "\"Pyongyang said what the first principle of our state would mean for us.\"}\n");
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(dir / "quotes.jsonl")).exit_code, 0);
    const auto ids = [&](const std::string& query) {
        auto found = ids_of(yalu_search(dir / "db", "--all --format json --snippet 0 " + query));
        std::sort(found.begin(), found.end());
        return found;
    };
    EXPECT_EQ(ids(shell_quote("What does Pyongyang mean by our state-first principle?")),
              (std::vector<std::string>{"apart", "phrase"}));
    for (const std::string quoted :
         {"What does Pyongyang mean by 'our state-first principle'?",
          "What does Pyongyang mean by \u2018our state-first principle\u2019?",
          "What does Pyongyang mean by \"our state-first principle\"?"})
        EXPECT_EQ(ids(shell_quote(quoted)), (std::vector<std::string>{"phrase"})) << quoted;
}

TEST(Search, APhraseInSingleQuotesAfterAFieldOrASignIsAPhraseToo) {
    // 'Yalu River' was a phrase only at the start of a word: title:'Yalu River' lost its field
    // (QueryParser read the quote as the value, then "titl" OR yalu OR river: every article
    // holding a word of it), person:'Kim Jong Un' looked up a person called "'Kim", and
    // -'North Korea' excluded nothing of the phrase.
    ScratchDir dir;
    write_file(dir / "quotes.jsonl",
               "{\"id\": \"bridge\", \"lang\": \"en\", \"date\": \"2024-01-01\", \"title\": "
               "\"Yalu River bridge reopens\", \"body\": \"Kim Jong Un opened the bridge.\"}\n"
               "{\"id\": \"apart\", \"lang\": \"en\", \"date\": \"2024-01-02\", \"title\": "
               "\"River trade on the Yalu\", \"body\": \"North Korea said the bridge was "
               "busy.\"}\n"
               "{\"id\": \"other\", \"lang\": \"en\", \"date\": \"2024-01-03\", \"title\": "
               "\"Weather report\", \"body\": \"Seoul said the bridge was cold.\"}\n");
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(dir / "quotes.jsonl")).exit_code, 0);
    const auto ids = [&](const std::string& query) { return found_ids(dir / "db", query); };
    for (const auto& [single, doubled] : std::vector<std::pair<std::string, std::string>>{
             {"title:'Yalu River'", "title:\"Yalu River\""},
             {"title:\u2018Yalu River\u2019", "title:\"Yalu River\""},
             {"bridge -'North Korea'", "bridge -\"North Korea\""},
             {"+'Yalu River' bridge", "+\"Yalu River\" bridge"},
             {"person:'Kim Jong Un'", "person:\"Kim Jong Un\""},
             {"bridge person:'Kim Jong Un'", "bridge person:\"Kim Jong Un\""},
             {"(title:'Yalu River' OR weather)", "(title:\"Yalu River\" OR weather)"}}) {
        const auto expected = ids(doubled);
        EXPECT_FALSE(expected.empty()) << doubled;
        EXPECT_EQ(ids(single), expected) << single;
    }
    EXPECT_EQ(ids("title:'Yalu River'"), std::vector<std::string>{"bridge"});
}

TEST(Search, AQueryNamingTheNewYearAddressesFindsThemWithoutTheirName) {
    // The 1967 address writes 조선 and 공동사설, not 북한 or 신년사; a query naming the
    // addresses (schemas/index.xml <collection>) still finds it holding every word, while a
    // news article on a South Korean company's New Year message holding 북한 and 신년사 but not
    // the topic does not. A query not naming them leaves 북한 to the articles that write it.
    ScratchDir dir;
    write_file(dir / "ny.jsonl",
               "{\"id\": \"address\", \"lang\": \"ko\", \"date\": \"1967-01-01\", "
               "\"source\": \"North Korean New Year address / joint editorial\", \"body\": "
               "\"조선 인민에게 보내는 공동사설. 우리는 세금을 완전히 폐지하였다.\"}\n"
               "{\"id\": \"news\", \"lang\": \"ko\", \"date\": \"2026-01-02\", "
               "\"source\": \"연합뉴스\", \"body\": \"회장은 신년사에서 북한 리스크와 "
               "세금 부담을 말했다.\"}\n");
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(dir / "ny.jsonl")).exit_code, 0);
    const auto ids = [&](const std::string& query) {
        const auto r =
            yalu_search(dir / "db", "--all --format json --snippet 0 " + shell_quote(query));
        EXPECT_LE(r.exit_code, 1) << query << ": " << r.err;
        return r.exit_code == 0 ? ids_of(r) : std::vector<std::string>{};
    };
    EXPECT_EQ(ids("북한 신년사의 세금 폐지"), std::vector<std::string>{"address"});
    EXPECT_EQ(ids("북한 신년사 세금"), (std::vector<std::string>{"news", "address"}));
    EXPECT_EQ(ids("북한 공동사설의 세금"), std::vector<std::string>{"address"});
    EXPECT_EQ(ids("북한 세금 폐지"), std::vector<std::string>{});
}

TEST(Search, AQueryNamingTheNewYearAddressesPrefersThem) {
    // A Seoul paper quoting a New Year address word for word ties with the address; a query
    // naming the addresses (<collection factor>) lists the address first, one that does not
    // leaves the tie to the article read first, the paper's.
    ScratchDir dir;
    const std::string body =
        "새해 신년사에서 국방공업을 최우선으로 내세웠다. 인민경제를 발전시킨다.";
    write_file(dir / "ny.jsonl",
               "{\"id\": \"news\", \"lang\": \"ko\", \"date\": \"1998-01-01\", "
               "\"source\": \"연합뉴스\", \"body\": \"" +
                   body +
                   "\"}\n"
                   "{\"id\": \"address\", \"lang\": \"ko\", \"date\": \"1998-01-01\", "
                   "\"source\": \"North Korean New Year address / joint editorial\", \"body\": \"" +
                   body + "\"}\n");
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(dir / "ny.jsonl")).exit_code, 0);
    const auto first = [&](const std::string& query) {
        const auto r = yalu_search(dir / "db", "--format json --snippet 0 " + shell_quote(query));
        EXPECT_EQ(r.exit_code, 0) << query << ": " << r.err;
        const auto ids = r.exit_code == 0 ? ids_of(r) : std::vector<std::string>{};
        return ids.size() == 2 ? ids.front() : std::string("(not both found)");
    };
    EXPECT_EQ(first("국방공업을 최우선으로 내세운 신년사"), "address");
    EXPECT_EQ(first("국방공업 최우선"), "news");
}

TEST(Search, ANewYearMessageOfWordsNoAddressWritesIsNoAddress) {
    // 신년사 names the addresses only when the addresses write most of the query's other
    // words: `통신 CEO 임원 신년사` asks for a South Korean company's New Year message (CEO and
    // 임원 are in no address), so the address holding 통신 is not preferred (x2) over the
    // paper's report holding CEO and 임원, which scores 1.6 times the address; `통신 신년사`
    // still prefers it.
    ScratchDir dir;
    write_file(dir / "ny.jsonl",
               "{\"id\": \"address\", \"lang\": \"ko\", \"date\": \"1998-01-01\", "
               "\"source\": \"North Korean New Year address / joint editorial\", "
               "\"body\": \"신년사 발표. 통신 부문을 발전시키자.\"}\n"
               "{\"id\": \"news\", \"lang\": \"ko\", \"date\": \"2026-01-02\", "
               "\"source\": \"연합뉴스\", \"body\": \"CEO 신년사 발표. CEO 임원.\"}\n");
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(dir / "ny.jsonl")).exit_code, 0);
    const auto first = [&](const std::string& query) {
        const auto r = yalu_search(dir / "db", "--format json --snippet 0 " + shell_quote(query));
        EXPECT_EQ(r.exit_code, 0) << query << ": " << r.err;
        const auto ids = r.exit_code == 0 ? ids_of(r) : std::vector<std::string>{};
        return ids.empty() ? std::string("(none)") : ids.front();
    };
    EXPECT_EQ(first("통신 CEO 임원 신년사"), "news");
    EXPECT_EQ(first("통신 신년사"), "address");
}

TEST(Search, KcnasKoreanFarmersAreTheNorthKoreanFarmersAQueryTypes) {
    // KCNA writes "Korean" for North Korean (schemas/index.xml <own-press>): in its articles
    // `North Korean farmers` counts the pair korean farmers; in a Seoul paper's it does not.
    // Equal texts tie, and a tie goes to the article read first: the KCNA one is read last.
    ScratchDir dir;
    std::string lines;
    for (const auto& [id, source, body] : std::vector<std::array<std::string, 3>>{
             {"seoul", "Yonhap", "The DPRK officials met Korean farmers at the farm."},
             {"seoul-apart", "Yonhap", "The DPRK farmers met Korean officials at the farm."},
             {"kcna-apart", "KCNA", "The DPRK farmers met Korean officials at the farm."},
             {"kcna", "KCNA", "The DPRK officials met Korean farmers at the farm."}})
        lines += "{\"id\": \"" + id + "\", \"lang\": \"en\", \"date\": \"2012-05-01\", " +
                 "\"source\": \"" + source + "\", \"body\": \"" + body + "\"}\n";
    write_file(dir / "a.jsonl", lines);
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(dir / "a.jsonl")).exit_code, 0);
    for (const std::string query : {"North Korean farmers", "N. Korean farmers' income"}) {
        const auto r = yalu_search(dir / "db", "--format json --snippet 0 " + shell_quote(query));
        ASSERT_EQ(r.exit_code, 0) << query << ": " << r.err;
        const auto ids = ids_of(r);
        ASSERT_EQ(ids.size(), 4u) << query;
        EXPECT_EQ(ids.front(), "kcna") << query;
    }
    // Typed without North, "Korean farmers" is the pair everywhere: the Seoul paper's first.
    const auto plain = yalu_search(dir / "db", "--format json --snippet 0 'Korean farmers'");
    ASSERT_EQ(plain.exit_code, 0) << plain.err;
    EXPECT_EQ(ids_of(plain).front(), "seoul");
}

TEST(Search, ANameWrittenWithBracketsIsTheNameNotQueryParsersBrackets) {
    // The gazetteer writes 26 spellings with brackets (Communist Party of India (Marxist), CPI(M)).
    // Typed unquoted, the brackets sent the query to QueryParser, which searched the party's
    // words or "m" apart: CPI(M) found 2 of the archive's 23 articles on the party among 221,
    // its facet row's name typed back 20,530 articles. Each is the name, as in quotes.
    ScratchDir dir;
    std::string lines;
    for (const auto& [id, body] : std::vector<std::array<std::string, 2>>{
             {"full", "A delegation of the Communist Party of India (Marxist) arrived."},
             {"short", "The CPI(M) sent a message of greeting."},
             {"party", "The party of India met a group. M is a letter."}})
        lines += "{\"id\": \"" + id + "\", \"lang\": \"en\", \"date\": \"2012-05-01\", " +
                 "\"source\": \"KCNA\", \"body\": \"" + body + "\"}\n";
    write_file(dir / "a.jsonl", lines);
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(dir / "a.jsonl")).exit_code, 0);
    const std::vector<std::string> both{"full", "short"};
    for (const std::string query : {"CPI(M)", "Communist Party of India (Marxist)", "\"CPI(M)\"",
                                    "CPI(M) delegation", "org:CPI(M)", "title:x OR CPI(M)"}) {
        EXPECT_EQ(found_ids(dir / "db", query), both) << query;
    }
}

TEST(Search, AHangulNameBesideOperatorsIsTheNameInEverySpelling) {
    // Quoted, a name beside operators was the name in every spelling ("김정은" AND missile: 47
    // articles over the archive), but the Hangul word unquoted was its syllables alone (김정은
    // AND missile: none), where plain words find both languages.
    ScratchDir dir;
    std::string lines;
    for (const auto& [id, lang, body] : std::vector<std::array<std::string, 3>>{
             {"en-kim", "en", "Kim Jong Un watched a missile test in Pyongyang."},
             {"ko-kim", "ko", "김정은 위원장이 평양에서 미사일 시험을 참관했다."},
             {"en-other", "en", "Another missile test was reported."}})
        lines += "{\"id\": \"" + id + "\", \"lang\": \"" + lang +
                 "\", \"date\": \"2012-05-01\", \"source\": \"KCNA\", \"body\": \"" + body +
                 "\"}\n";
    write_file(dir / "a.jsonl", lines);
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(dir / "a.jsonl")).exit_code, 0);
    const std::vector<std::string> kim{"en-kim"};
    EXPECT_EQ(found_ids(dir / "db", "김정은 AND missile"), kim);
    EXPECT_EQ(found_ids(dir / "db", "김정은은 AND missile"), kim);
    EXPECT_EQ(found_ids(dir / "db", "\"김정은\" AND missile"), kim);
    EXPECT_EQ(found_ids(dir / "db", "missile NOT 김정은"), std::vector<std::string>{"en-other"});
    EXPECT_EQ(found_ids(dir / "db", "평양에서 AND missile"), kim);
    // A field says where the word is: its syllables there, as before.
    EXPECT_EQ(found_ids(dir / "db", "missile AND title:김정은"), std::vector<std::string>{});
}

TEST(Search, ASeoulPapersKoreansAreTheSouthKoreansAQueryTypes) {
    // The South's own press rarely names the South (schemas/index.xml <domestic>): its articles
    // count as holding South Korea where every word is required, not by the name alone. Equal
    // texts tie, and a tie goes to the article read first: the Seoul paper's is read second.
    ScratchDir dir;
    const std::string feature = "Koreans celebrate the new year with rice cake soup.";
    std::string lines;
    for (const auto& [id, url, body] : std::vector<std::array<std::string, 3>>{
             {"elsewhere", "https://example.org/a/1", feature},
             {"seoul", "https://n.news.naver.com/mnews/article/640/1", feature},
             {"named", "https://example.org/a/2", "South Korea signed a trade deal."}})
        lines += "{\"id\": \"" + id + "\", \"lang\": \"en\", \"date\": \"2025-12-31\", " +
                 "\"url\": \"" + url + "\", \"body\": \"" + body + "\"}\n";
    write_file(dir / "a.jsonl", lines);
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(dir / "a.jsonl")).exit_code, 0);
    const auto ids = [&](const std::string& query) {
        const auto r = yalu_search(dir / "db", "--format json --snippet 0 " + shell_quote(query));
        EXPECT_LE(r.exit_code, 1) << query << ": " << r.err;
        return r.exit_code == 0 ? ids_of(r) : std::vector<std::string>{};
    };
    for (const std::string query :
         {"How do South Koreans celebrate the new year?", "S. Korea new year soup"}) {
        const auto found = ids(query);
        ASSERT_FALSE(found.empty()) << query;
        EXPECT_EQ(found.front(), "seoul") << query;
    }
    // Without the name, the tie stands; by the name alone, only the article naming it.
    EXPECT_EQ(ids("new year rice cake soup").front(), "elsewhere");
    EXPECT_EQ(ids("South Korea"), std::vector<std::string>{"named"});
    // The site is a filter too.
    for (const std::string site : {"n.news.naver.com", "N.News.Naver.com", "www.n.news.naver.com",
                                   "https://n.news.naver.com/mnews"})
        EXPECT_EQ(ids("new year site:" + site), std::vector<std::string>{"seoul"}) << site;
    // A site no article is from is a query error naming the sites held, as a language no
    // article is in is: site:naver and site:yna.co.kr said "No matches." (exit 1), as if the
    // archive held nothing of the outlet (over it, Yonhap's stories are n.news.naver.com's).
    for (const auto& [query, says] : std::vector<std::pair<std::string, std::string>>{
             {"new year site:naver",
              "no article from site 'naver' in the index (sites with 'naver' in their name: "
              "n.news.naver.com)"},
             {"site:yna.co.kr OR site:example.org",
              "no article from site 'yna.co.kr' in the index (it holds 2 sites, most articles "
              "first: example.org, n.news.naver.com)"}}) {
        const auto r = yalu_search(dir / "db", "-- " + shell_quote(query));
        EXPECT_EQ(r.exit_code, 2) << query << ": " << r.out;
        EXPECT_NE(r.err.find(says), std::string::npos) << query << ": " << r.err;
    }
}

TEST(Search, SyntaxQueriesMatchHangulWordsAsPhrasesAsPlainQueriesDo) {
    // QueryParser alone ANDs a Hangul word's syllables and pairs anywhere in an article:
    // 김정일 ... 정은 would be 김정은.
    ScratchDir dir;
    write_file(dir / "ko.jsonl",
               "{\"id\": \"kju\", \"lang\": \"ko\", \"date\": \"2019-01-01\", \"body\": "
               "\"김정은 위원장이 신년사를 발표했다. 북한은 미사일을 쏘지 않았다.\"}\n"
               "{\"id\": \"kji\", \"lang\": \"ko\", \"date\": \"1996-01-01\", \"body\": "
               "\"김정일 동지의 신년사. 정은 마음이 따뜻하다.\"}\n"
               "{\"id\": \"parade\", \"lang\": \"ko\", \"date\": \"2025-10-10\", \"body\": "
               "\"당 창건 80주년 경축 열병식이 열렸다. 제9차 대회도 있다.\"}\n");
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(dir / "ko.jsonl")).exit_code, 0);
    const auto ids = [&](const std::string& query) {
        const auto r =
            yalu_search(dir / "db", "--format json --exact --snippet 0 " + shell_quote(query));
        EXPECT_LE(r.exit_code, 1) << query << ": " << r.err;
        auto found = r.exit_code == 0 ? ids_of(r) : std::vector<std::string>{};
        std::sort(found.begin(), found.end());
        return found;
    };
    EXPECT_EQ(ids("김정은 AND 신년사"), (std::vector<std::string>{"kju"}));
    EXPECT_EQ(ids("김정은 OR 없는말"), (std::vector<std::string>{"kju"}));
    EXPECT_EQ(ids("NOT 김정은"), (std::vector<std::string>{"kji", "parade"}));
    EXPECT_EQ(ids("title:김정은"), (std::vector<std::string>{"kju"}));  // titles made of the body
    // A particle is read off as in plain queries: 북한의 finds 북한은.
    EXPECT_EQ(ids("북한의 AND 미사일"), (std::vector<std::string>{"kju"}));
    EXPECT_EQ(ids("신년사 AND NOT 김정일"), (std::vector<std::string>{"kju"}));
    // A number written against the syllables is part of the word (it failed to parse).
    EXPECT_EQ(ids("80주년 AND 열병식"), (std::vector<std::string>{"parade"}));
    EXPECT_EQ(ids("80주년에 OR 없는말"), (std::vector<std::string>{"parade"}));
    EXPECT_EQ(ids("제9차 AND 열병식"), (std::vector<std::string>{"parade"}));
}

TEST(Search, AQuotedNameInASyntaxQueryIsTheNameInEverySpelling) {
    // "North Korea" finds the DPRK too, so NOT "North Korea" must leave it out as well: no
    // article is both X and NOT X.
    ScratchDir dir;
    write_file(dir / "nk.jsonl",
               "{\"id\": \"named\", \"lang\": \"en\", \"date\": \"2024-01-01\", \"body\": "
               "\"North Korea said the launch succeeded.\"}\n"
               "{\"id\": \"dprk\", \"lang\": \"en\", \"date\": \"2024-01-02\", \"body\": "
               "\"The DPRK said the launch succeeded.\"}\n"
               "{\"id\": \"other\", \"lang\": \"en\", \"date\": \"2024-01-03\", \"body\": "
               "\"Seoul said the weather was cold.\"}\n");
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(dir / "nk.jsonl")).exit_code, 0);
    const auto ids = [&](const std::string& query) { return found_ids(dir / "db", query); };
    const std::vector<std::string> both{"dprk", "named"};
    EXPECT_EQ(ids("\"North Korea\""), both);
    EXPECT_EQ(ids("\"North Korea\" AND said"), both);
    EXPECT_EQ(ids("\"North Korea\" OR weather"),
              (std::vector<std::string>{"dprk", "named", "other"}));
    EXPECT_EQ(ids("NOT \"North Korea\""), (std::vector<std::string>{"other"}));
    EXPECT_EQ(ids("-\"North Korea\""), (std::vector<std::string>{"other"}));
    EXPECT_EQ(ids("said AND NOT \"North Korea\""), (std::vector<std::string>{"other"}));
    // Written against an operator, the name stays a word of the query.
    EXPECT_EQ(ids("\"North Korea\"AND said"), both);
    EXPECT_EQ(ids("said AND NOT\"North Korea\""), (std::vector<std::string>{"other"}));
    // A field keeps the name to itself, in brackets too (titles here are the first sentence).
    EXPECT_EQ(ids("title:(\"North Korea\")"), (std::vector<std::string>{"named"}));
    // A two-syllable Hangul name quoted is the name in every spelling as well.
    EXPECT_EQ(ids("\"북한\" OR weather"), (std::vector<std::string>{"dprk", "named", "other"}));
}

TEST(Search, AQuotedPhraseMeansTheSameWithOperatorsAndInAField) {
    // "Korean people" found "Korean people's" alone but not beside AND/NOT, and title:"..."
    // never did: a phrase's meaning changed with the syntax around it (QA round).
    ScratchDir dir;
    write_file(dir / "kp.jsonl",
               "{\"id\": \"plain\", \"lang\": \"en\", \"date\": \"2024-01-01\", \"title\": "
               "\"Missile day\", \"body\": \"A message to the Korean people on missile day.\"}\n"
               "{\"id\": \"possessive\", \"lang\": \"en\", \"date\": \"2024-01-02\", "
               "\"title\": \"Korean people's will\", \"body\": \"The Korean people's missile "
               "day was marked.\"}\n"
               "{\"id\": \"other\", \"lang\": \"en\", \"date\": \"2024-01-03\", \"body\": "
               "\"Korean weather and people in Seoul, missile aside.\"}\n");
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(dir / "kp.jsonl")).exit_code, 0);
    const auto ids = [&](const std::string& query) { return found_ids(dir / "db", query); };
    const std::vector<std::string> both{"plain", "possessive"};
    EXPECT_EQ(ids("\"Korean people\""), both);
    EXPECT_EQ(ids("\"Korean people\" AND missile"), both);
    EXPECT_EQ(ids("missile AND NOT \"Korean people\""), (std::vector<std::string>{"other"}));
    EXPECT_EQ(ids("title:\"Korean people\""), (std::vector<std::string>{"possessive"}));
    EXPECT_EQ(ids("missile -title:\"Korean people\""),
              (std::vector<std::string>{"other", "plain"}));
}

TEST(Search, AQuotedNameMarksItsOtherSpellingsAsTheUnquotedNameDoes) {
    // "Yalu River" finds the Korean report on 압록강, whose snippet must show the name marked,
    // as it does for the unquoted name (the quoted phrase once kept Xapian from weighing the
    // Hangul spelling: the snippet showed another passage, nothing marked).
    ScratchDir dir;
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(source_dir() + "/corpus")).exit_code, 0);
    const auto snippet = [&](const std::string& query, const std::string& id) {
        const auto r = yalu_search(dir / "db", "--format json -n 50 -- " + shell_quote(query));
        EXPECT_EQ(r.exit_code, 0) << query << ": " << r.err;
        const auto parsed = json::parse(r.out);
        for (const auto& hit : parsed.at("results"))
            if (hit.at("id") == id) return hit.at("snippet").get<std::string>();
        ADD_FAILURE() << query << " did not find " << id;
        return std::string();
    };
    for (const std::string query : {"Yalu River", "\"Yalu River\"", "\"Yalu River\" OR zzz"})
        EXPECT_NE(snippet(query, "sinuiju_flood_ko").find("<b>압록강</b>"), std::string::npos)
            << query;
    for (const std::string query : {"Kim Jong Un", "\"Kim Jong Un\"", "\"Kim Jong Un\" OR zzz"})
        EXPECT_NE(snippet(query, "sinuiju_flood_ko").find("<b>김정은</b>"), std::string::npos)
            << query;
    // The English spelling as typed is still marked.
    EXPECT_NE(snippet("\"Yalu River\"", "yalu_bridge_2019").find("<b>Yalu"), std::string::npos);
}

TEST(Search, AQuotedHangulPhraseMarksItsWordsAsTheUnquotedWords) {
    // "김정은 위원장" went to the snippet pass as one syllable phrase, whose marks SnippetMarker
    // drops: nothing was marked, quoted, while the unquoted words were.
    ScratchDir dir;
    const auto article = [](const std::string& id, const std::string& body) {
        return "{\"id\": \"" + id + "\", \"lang\": \"ko\", \"date\": \"2026-01-02\", " +
               "\"title\": \"새해 행사\", \"body\": \"" + body + "\"}\n";
    };
    write_file(dir / "ko.jsonl",
               article("speech",
                       "새해 첫날 김정은 위원장은 금수산태양궁전을 참배했다. 경제 "
                       "건설을 강조한 노동당 전원회의 결정이 소개됐다.") +
                   article("other", "북한 미사일 발사 소식이 전해졌다. 강수 확률은 낮았다."));
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(dir / "ko.jsonl")).exit_code, 0);
    const auto snippet = [&](const std::string& query) {
        const auto r = yalu_search(dir / "db", "--format json -n 1 -- " + shell_quote(query));
        EXPECT_EQ(r.exit_code, 0) << query << ": " << r.err;
        if (r.exit_code != 0) return std::string();
        return json::parse(r.out).at("results")[0].at("snippet").get<std::string>();
    };
    const std::vector<std::pair<std::string, std::vector<std::string>>> cases{
        {"\"김정은 위원장\"", {"<b>김정은</b>", "<b>위원장</b>"}},
        {"\"경제 건설\"", {"<b>경제</b>", "<b>건설</b>"}},
        {"\"노동당 전원회의\"", {"<b>노동당</b>", "<b>전원회의</b>"}},
        {"\"북한 미사일\"", {"<b>북한</b>", "<b>미사일</b>"}},
        {"\"강수 확률\"", {"<b>강수</b>", "<b>확률</b>"}},
        {"\"참배\"", {"<b>참배</b>"}},
        // A quoted phrase beside other words, and in a syntax query.
        {"\"김정은 위원장\" 참배", {"<b>김정은</b>", "<b>위원장</b>", "<b>참배</b>"}},
        {"\"김정은 위원장\" AND 참배", {"<b>김정은</b>", "<b>위원장</b>", "<b>참배</b>"}},
    };
    for (const auto& [query, marks] : cases) {
        const std::string got = snippet(query);
        for (const auto& mark : marks)
            EXPECT_NE(got.find(mark), std::string::npos) << query << ": " << got;
    }
    // Marked as the unquoted words are.
    EXPECT_EQ(snippet("\"김정은 위원장\""), snippet("김정은 위원장"));
}

TEST(Search, ScoresNeverRiseWithRankPastTheRescoreWindow) {
    // The brief factor (x 0.8 among the best 100) put the 100th result's score below the
    // 101st's, which keeps its first-pass score: 75 briefs (bodies of 287 characters, odd ids
    // not) slightly outscore 75 reports of 337 in the first pass, so the window's last is a
    // brief (x 0.8 x 1.05, home) and the first past it a report (2.69 < 3.05 before the fix).
    ScratchDir dir;
    std::string lines;
    const auto line = [](const std::string& id, const std::string& title, const std::string& body) {
        return "{\"id\": \"" + id + "\", \"lang\": \"ko\", \"date\": \"2026-01-02\", " +
               "\"title\": \"" + title + "\", \"body\": \"" + body + "\"}\n";
    };
    for (int i = 0; i < 150; ++i) {
        std::string body = "북한 미사일 발사 " + std::to_string(i) + ".";
        for (int k = 0; k < (i % 2 == 1 ? 13 : 11); ++k)
            body += " 관계 당국은 상황을 지켜보고 있다고 전했다.";
        lines += line("a" + std::to_string(1000 + i), "소식", body);
    }
    // Articles without the word, so that it weighs something.
    for (int i = 0; i < 450; ++i)
        lines += line("b" + std::to_string(1000 + i), "날씨",
                      "오늘 날씨는 맑고 강수 확률은 낮다 " + std::to_string(i) + ".");
    write_file(dir / "many.jsonl", lines);
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(dir / "many.jsonl")).exit_code, 0);
    const auto scored = [&](const std::string& options) {
        const auto r = yalu_search(dir / "db", "--format json --snippet 0 " + options + " 미사일");
        EXPECT_EQ(r.exit_code, 0) << options << ": " << r.err;
        std::vector<std::pair<std::string, double>> out;
        if (r.exit_code != 0) return out;
        const auto parsed = json::parse(r.out);
        for (const auto& hit : parsed.at("results"))
            out.emplace_back(hit.at("id").get<std::string>(), hit.at("score").get<double>());
        return out;
    };
    const auto all = scored("-n 150");
    ASSERT_EQ(all.size(), 150u);
    for (std::size_t i = 1; i < all.size(); ++i)
        EXPECT_LE(all[i].second, all[i - 1].second) << "rank " << i + 1 << " " << all[i].first;
    // The order stays: the window's 100 (briefs first in the first pass) before the rest.
    std::size_t briefs = 0;
    for (std::size_t i = 0; i < 100; ++i)
        briefs += (std::stoi(all[i].first.substr(1)) - 1000) % 2 == 0;
    EXPECT_EQ(briefs, 75u);
    EXPECT_EQ((std::stoi(all[100].first.substr(1)) - 1000) % 2, 1) << all[100].first;
    // A page across the window's end: the same results and scores, in JSON and in text.
    const auto page = scored("--offset 95 -n 10");
    ASSERT_EQ(page.size(), 10u);
    for (std::size_t i = 0; i < page.size(); ++i) EXPECT_EQ(page[i], all[95 + i]) << i;
    const auto text = yalu_search(dir / "db", "--snippet 0 --offset 95 -n 10 미사일");
    ASSERT_EQ(text.exit_code, 0) << text.err;
    const std::regex score_line(R"(id: (\S+)  score: ([0-9.]+))");
    std::vector<double> printed;
    for (auto it = std::sregex_iterator(text.out.begin(), text.out.end(), score_line);
         it != std::sregex_iterator(); ++it)
        printed.push_back(std::stod((*it)[2]));
    ASSERT_EQ(printed.size(), 10u) << text.out;
    for (std::size_t i = 1; i < printed.size(); ++i)
        EXPECT_LE(printed[i], printed[i - 1]) << "rank " << 96 + i << "\n" << text.out;
}

TEST(Search, EntityFiltersAndFacetsWithoutAGazetteerAreAnErrorNotWordsOrEmptyCounts) {
    ScratchDir dir;
    fs::create_directories(dir / "schemas");
    for (const char* f : {"index.xml", "thesaurus.xml"})
        fs::copy_file(source_dir() + "/schemas/" + f, dir / ("schemas/" + std::string(f)));
    const std::string schemas = "--schema-dir " + shell_quote(dir / "schemas") + " ";
    ASSERT_EQ(
        yalu_index(dir / "db", "--no-entities " + schemas + shell_quote(source_dir() + "/corpus"))
            .exit_code,
        0);
    for (const std::string query : {"'person:\"Kim Jong Un\"'", "'missile entity:DPRK'"}) {
        const auto r = yalu_search(dir / "db", schemas + query);
        EXPECT_EQ(r.exit_code, 2) << query << ": " << r.out;
        EXPECT_NE(r.err.find("gazetteer"), std::string::npos) << query << ": " << r.err;
        // Which folder lacks it, and the fix, as --facets says.
        EXPECT_NE(r.err.find(dir / "schemas"), std::string::npos) << query << ": " << r.err;
        EXPECT_NE(r.err.find("restore it from the release's schemas/"), std::string::npos)
            << query << ": " << r.err;
    }
    // Facets too: the index holds the entity ids, so empty facets would be a wrong answer.
    for (const std::string options : {"--facets", "--facets --histogram year"}) {
        const auto r = yalu_search(dir / "db", schemas + options + " Kim");
        EXPECT_EQ(r.exit_code, 2) << options << ": " << r.out;
        EXPECT_NE(r.err.find("--facets needs the gazetteer (entities.xml)"), std::string::npos)
            << options << ": " << r.err;
    }
    // What needs no names still works: words, and a histogram of dates.
    EXPECT_EQ(yalu_search(dir / "db", schemas + "Kim").exit_code, 0);
    EXPECT_EQ(yalu_search(dir / "db", schemas + "--histogram year Kim").exit_code, 0);
}

TEST(Search, KoreanBriefsRankBelowFullReports) {
    // A caption-length item holding the words in a short text outscores the full report on
    // BM25; the schema's <brief> (x0.8 for Korean bodies under 300 characters) puts the
    // report first. An English one-line item keeps its place: KCNA's are often the whole
    // report, so the rule names lang:ko.
    ScratchDir dir;
    std::string report;
    // Over 300 characters: Hangul sentences are short.
    for (const char* s :
         {"월요일 강물이 둑을 넘으면서 홍수 피해가 커졌다. ",
          "당국은 잃은 집과 물에 잠긴 논밭을 세었다. ",
          "구조대는 배를 타고 마을에 닿아 식량을 날랐다. ",
          "도로와 다리를 고치는 데는 몇 달이 걸린다. ", "농민들은 올해 수확을 잃었다고 말했다. ",
          "학교는 이번 주 문을 닫고 학생들은 집에 머물렀다. ",
          "전기와 수도가 끊긴 마을도 많아 주민들이 대피소로 옮겼다. ",
          "기상청은 주말까지 비가 더 온다고 내다봤다. ", "군부대도 복구 작업에 나섰다. ",
          "정부는 특별재난지역 선포를 검토하고 있다고 밝혔다. ",
          "이웃 지역에서도 자원봉사자들이 모여 흙탕물을 퍼냈다. ",
          "상인들은 가게를 다시 열 날을 기다린다."})
        report += s;
    std::string english;
    for (const char* s : {"Flood damage grew on Monday as the river rose above its banks. ",
                          "Officials counted the houses lost and the fields under water. ",
                          "Relief teams reached the villages by boat and brought food. ",
                          "The damage to roads and bridges will take months to repair. ",
                          "Farmers said the harvest was lost to the flood this year. "})
        english += s;
    const auto line = [](const std::string& id, const std::string& lang, const std::string& title,
                         const std::string& body) {
        return "{\"id\": \"" + id + "\", \"lang\": \"" + lang +
               "\", \"date\": \"2024-08-01\", \"title\": \"" + title + "\", \"body\": \"" + body +
               "\"}\n";
    };
    // Two indexes: each language's pair alone, so neither changes the other's statistics.
    write_file(dir / "ko.jsonl",
               line("caption", "ko", "홍수 피해", "하늘에서 본 월요일의 홍수 피해 현장.") +
                   line("report", "ko", "홍수 피해 커져", report));
    write_file(dir / "en.jsonl", line("en-caption", "en", "Flood damage",
                                      "Flood damage seen from the air on Monday.") +
                                     line("en-report", "en", "Flood damage grows", english));
    ASSERT_EQ(yalu_index(dir / "ko-db", shell_quote(dir / "ko.jsonl")).exit_code, 0);
    ASSERT_EQ(yalu_index(dir / "en-db", shell_quote(dir / "en.jsonl")).exit_code, 0);
    const auto order = [&](const std::string& db, const std::string& args) {
        const auto r = yalu_search(dir / db, "--format json --snippet 0 " + args);
        EXPECT_EQ(r.exit_code, 0) << r.err;
        return r.exit_code == 0 ? ids_of(r) : std::vector<std::string>{};
    };
    EXPECT_EQ(order("ko-db", "'홍수 피해'"), (std::vector<std::string>{"report", "caption"}));
    EXPECT_EQ(order("en-db", "'flood damage'"),
              (std::vector<std::string>{"en-caption", "en-report"}));
    const auto off = schemas_with_index_edit(dir, "<brief below=\"300\" factor=\"0.8\">",
                                             "<brief below=\"300\" factor=\"1\">");
    ASSERT_FALSE(off.empty());
    EXPECT_EQ(order("ko-db", "--schema-dir " + shell_quote(off) + " '홍수 피해'"),
              (std::vector<std::string>{"caption", "report"}))
        << "without the rule BM25 ranks the caption first, or this test proves nothing";
    ScratchDir other;
    const auto everywhere = schemas_with_index_edit(
        other, "<term field=\"lang\" value=\"ko\"/>\n  </brief>", "</brief>");
    ASSERT_FALSE(everywhere.empty());
    EXPECT_EQ(order("en-db", "--schema-dir " + shell_quote(everywhere) + " 'flood damage'"),
              (std::vector<std::string>{"en-report", "en-caption"}))
        << "without lang:ko the rule applies to English captions too";
}

TEST(Search, ArticlesOfATypedYearOrMonthComeFirstAmongEqualMatches) {
    // The same text under three dates scores the same; a year or a month typed in the words
    // puts its articles first (x1.2 among the best matches). Without the preference the
    // first indexed (2011) would lead: ties keep the index's order.
    ScratchDir dir;
    std::string lines;
    for (const char* id_date : {"a2011-05-10", "b2012-03-10", "c2012-05-10"}) {
        const std::string v(id_date);
        lines += "{\"id\": \"" + v.substr(0, 1) + "\", \"lang\": \"en\", \"date\": \"" +
                 v.substr(1) +
                 "\", \"title\": \"Floods\", \"body\": \"Floods hit the rice fields of the "
                 "province again.\"}\n";
    }
    write_file(dir / "dated.jsonl", lines);
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(dir / "dated.jsonl")).exit_code, 0);
    const auto first = [&](const std::string& query) {
        const auto r = yalu_search(dir / "db", "--format json --snippet 0 " + shell_quote(query));
        EXPECT_EQ(r.exit_code, 0) << r.err;
        const auto ids = r.exit_code == 0 ? ids_of(r) : std::vector<std::string>{};
        return ids.empty() ? std::string() : ids.front();
    };
    EXPECT_EQ(first("floods rice fields"), "a") << "ties must keep the index's order";
    EXPECT_EQ(first("floods rice fields 2012"), "b");
    EXPECT_EQ(first("floods rice fields May 2012"), "c");
    EXPECT_EQ(first("2012년 5월 floods"), "c");
    const auto explained = yalu_search(dir / "db", "--explain 'floods May 2012'");
    EXPECT_NE(explained.err.find("date: score x 1.2 among the best 100 for Query(M201205)"),
              std::string::npos)
        << explained.err;
}

TEST(IndexOps, AFieldEditedInIndexXmlRewritesEveryArticleEvenWithoutAVersionBump) {
    // index.xml asks for a version bump on every change of a prefix or weight; an edit without
    // one had left every article under the old prefix (author:Park found nothing under the
    // edited schema, and the next run said unchanged). The schema's content now salts every
    // article's hash, as the gazetteer's does: the next run rewrites them all.
    ScratchDir dir, old_schema, new_schema;
    const auto same = schemas_with_index_edit(old_schema, "prefix=\"A\"", "prefix=\"A\"");
    const auto edited = schemas_with_index_edit(new_schema, "prefix=\"A\"", "prefix=\"AU\"");
    ASSERT_FALSE(same.empty());
    ASSERT_FALSE(edited.empty());
    const std::string corpus = shell_quote(source_dir() + "/corpus/txt");
    const auto first = yalu_index(dir / "db", "--schema-dir " + shell_quote(same) + " " + corpus);
    ASSERT_EQ(first.exit_code, 0) << first.err;
    const long articles = summary_count(first.out, "added");
    ASSERT_GT(articles, 0) << first.out;
    const auto again = yalu_index(dir / "db", "--schema-dir " + shell_quote(same) + " " + corpus);
    EXPECT_EQ(summary_count(again.out, "unchanged"), articles) << again.out;
    const auto rewritten =
        yalu_index(dir / "db", "--schema-dir " + shell_quote(edited) + " " + corpus);
    ASSERT_EQ(rewritten.exit_code, 0) << rewritten.err;
    EXPECT_EQ(summary_count(rewritten.out, "updated"), articles) << rewritten.out;
    const auto found = yalu_search(
        dir / "db", "--schema-dir " + shell_quote(edited) + " --format json -n 0 'author:Park'");
    EXPECT_EQ(found.exit_code, 0) << found.err;
}

TEST(Search, CollapseShowsOneVersionOfEachStory) {
    // Three versions of one flood story (an update under a tagged headline, the same wire copy
    // under an outlet's own headline) and two other stories that share its words.
    ScratchDir dir;
    const std::string wire =
        "Heavy rain flooded the river towns near Sinuiju on Monday, officials said. "
        "Relief teams reached the villages by boat and handed out food and medicine. "
        "Roads and two bridges were closed while engineers inspected the damage.";
    const auto record = [](const std::string& id, const std::string& date, const std::string& title,
                           const std::string& body) {
        return "{\"id\": \"" + id + "\", \"lang\": \"en\", \"date\": \"" + date +
               "\", \"title\": \"" + title + "\", \"body\": \"" + body + "\"}\n";
    };
    write_file(dir / "stories.jsonl",
               record("first", "2024-08-01", "Floods hit river towns near Sinuiju", wire) +
                   record("lead", "2024-08-01", "(LEAD) Floods hit river towns near Sinuiju",
                          wire + " More rain is expected on Tuesday.") +
                   record("outlet", "2024-08-01", "Rain floods border towns; relief by boat",
                          "(Seoul=News) " + wire) +
                   record("later", "2024-08-09", "Floods hit river towns near Sinuiju",
                          "A week after the floods, the towns near Sinuiju began rebuilding "
                          "houses, and farmers counted the fields lost to the river water.") +
                   record("other", "2024-08-01", "Flood warning for Kaesong",
                          "Forecasters warned of floods around Kaesong as rain continued, and "
                          "towns prepared sandbags along the river banks overnight."));
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(dir / "stories.jsonl")).exit_code, 0);
    const auto search = [&](const std::string& args) {
        return yalu_search(dir / "db", "--format json --snippet 0 " + args + " floods river towns");
    };
    const auto all = search("");
    ASSERT_EQ(all.exit_code, 0) << all.err;
    EXPECT_EQ(ids_of(all).size(), 5U) << "the folding below must have something to fold";
    const auto folded = search("--collapse");
    ASSERT_EQ(folded.exit_code, 0) << folded.err;
    auto ids = ids_of(folded);
    // One of the three versions stays (the best ranked); the same headline a week later and
    // the other day's story are stories of their own.
    ASSERT_EQ(ids.size(), 3U) << folded.out;
    const auto versions = std::count_if(ids.begin(), ids.end(), [](const std::string& id) {
        return id == "first" || id == "lead" || id == "outlet";
    });
    EXPECT_EQ(versions, 1);
    std::sort(ids.begin(), ids.end());
    EXPECT_TRUE(std::binary_search(ids.begin(), ids.end(), "later"));
    EXPECT_TRUE(std::binary_search(ids.begin(), ids.end(), "other"));
    EXPECT_EQ(json::parse(folded.out).at("folded"), 2);
    EXPECT_FALSE(json::parse(all.out).contains("folded"));
    // Paging counts stories: the second page of one holds the second story, and says so.
    const auto second = search("--collapse -n 1 --offset 1");
    ASSERT_EQ(second.exit_code, 0) << second.err;
    EXPECT_EQ(ids_of(second), (std::vector<std::string>{ids_of(folded)[1]}));
    const auto text = yalu_search(dir / "db", "--snippet 0 --collapse floods river towns");
    EXPECT_NE(text.out.find("2 other versions of these stories left out"), std::string::npos)
        << text.out;
    // Past the last story: the versions left out are why the matches are not all there.
    const auto past =
        yalu_search(dir / "db", "--snippet 0 --collapse --offset 3 floods river towns");
    EXPECT_EQ(past.exit_code, 1) << past.err;
    EXPECT_NE(past.out.find("5 matches, 2 of them other versions left out by --collapse"),
              std::string::npos)
        << past.out;
}

TEST(Search, GazetteerSnapshotIsUsedOnlyWhileEntitiesXmlIsUnchanged) {
    // yalu-index stores the parsed gazetteer in the index; yalu-search loads it instead of the
    // XML only when entities.xml is the file the index was built with.
    ScratchDir dir;
    const auto schemas = schemas_with_index_edit(dir, "<schema ", "<schema ");
    ASSERT_FALSE(schemas.empty());
    const std::string with = "--schema-dir " + shell_quote(schemas) + " ";
    ASSERT_EQ(yalu_index(dir / "db", with + shell_quote(source_dir() + "/corpus")).exit_code, 0);
    const auto search = [&](const std::string& args) {
        const auto r = yalu_search(
            dir / "db", with + "--format json --snippet 0 --limit 50 " + "--facets " + args);
        EXPECT_EQ(r.exit_code, 0) << args << ": " << r.err;
        return r.out;
    };
    const std::vector<std::string> queries = {"'Kim Jong Un'", "김정은", "'person:\"Kim Jong Un\"'",
                                              "'flood damage'", "--entity DPRK Yalu"};
    std::vector<std::string> from_snapshot;
    for (const auto& q : queries) from_snapshot.push_back(search(q));

    // The same entities with a different byte: the XML is parsed, and answers the same.
    const auto xml_path = schemas + "/entities.xml";
    std::ifstream in(xml_path);
    std::string xml((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    in.close();
    write_file(xml_path, xml + "\n");
    for (std::size_t k = 0; k < queries.size(); ++k)
        EXPECT_EQ(search(queries[k]), from_snapshot[k]) << queries[k];

    // A new alias, index not rebuilt: the searcher must see it, so it cannot use the snapshot.
    const auto at = xml.find("<alias>Kim Jongun</alias>");
    ASSERT_NE(at, std::string::npos);
    write_file(xml_path, xml.insert(at, "<alias>Jonguni Kimu</alias>"));
    const auto renamed = yalu_search(
        dir / "db", with + "--format json --snippet 0 --limit 50 " + "'person:\"Jonguni Kimu\"'");
    EXPECT_EQ(renamed.exit_code, 0) << renamed.err;
    EXPECT_EQ(renamed.exit_code == 0 ? ids_of(renamed) : std::vector<std::string>{},
              ids_of(yalu_search(dir / "db", with + "--format json --snippet 0 --limit 50 " +
                                                 "'person:\"Kim Jong Un\"'")));
}

TEST(Search, DamagedOrMissingSnapshotFilesChangeNoOutputAndSayNothing) {
    // yalu-index keeps its snapshots as files in the generation folder too, which yalu-search
    // maps before it reads the metadata: whatever happens to those files, the output is the
    // same, byte for byte, and nothing is said about them.
    ScratchDir dir;
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(source_dir() + "/corpus")).exit_code, 0);
    const fs::path generation = fs::path(dir / "db.d") / "gen-000001";
    const fs::path files[] = {generation / "yalu.gazetteer.snapshot",
                              generation / "yalu.thesaurus.snapshot"};
    std::vector<std::string> kept;
    for (const auto& file : files) {
        ASSERT_TRUE(fs::is_regular_file(file)) << file;
        std::ifstream in(file, std::ios::binary);
        kept.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    const std::vector<std::string> queries = {"--facets 'Kim Jong Un'", "김정은 현지지도",
                                              "'flood damage'", "--entity DPRK Yalu"};
    const auto outputs = [&] {
        std::string all;
        for (const auto& q : queries) {
            const auto r = yalu_search(dir / "db", "--format json --limit 20 " + q);
            all += std::to_string(r.exit_code) + "\n" + r.out + "\nstderr:" + r.err + "\n";
        }
        return all;
    };
    const std::string expected = outputs();
    EXPECT_EQ(expected.find("stderr:\n", expected.size() - 8), expected.size() - 8);
    const auto damage = [&](const std::function<void(const fs::path&, const std::string&)>& how) {
        for (std::size_t k = 0; k < 2; ++k) how(files[k], kept[k]);
    };
    const std::vector<
        std::pair<std::string, std::function<void(const fs::path&, const std::string&)>>>
        damages = {
            {"a flipped byte",
             [](const fs::path& f, std::string bytes) {
                 bytes[bytes.size() / 3] ^= 0x01;
                 write_file(f.string(), bytes);
             }},
            {"cut short",
             [](const fs::path& f, const std::string& bytes) {
                 write_file(f.string(), bytes.substr(0, bytes.size() - 9));
             }},
            {"empty", [](const fs::path& f, const std::string&) { write_file(f.string(), ""); }},
            {"unreadable",
             [](const fs::path& f, const std::string&) { fs::permissions(f, fs::perms::none); }},
            {"gone", [](const fs::path& f, const std::string&) { fs::remove(f); }},
            {"a leftover temporary file",
             [](const fs::path& f, const std::string& bytes) {
                 write_file(f.string() + ".tmp", bytes.substr(0, 100));
             }},
        };
    for (const auto& [what, how] : damages) {
        damage(how);
        EXPECT_EQ(outputs(), expected) << what;
        // yalu-index writes them again, and takes the temporary file away.
        const auto rerun = yalu_index(dir / "db", shell_quote(source_dir() + "/corpus"));
        EXPECT_EQ(rerun.exit_code, 0) << what << ": " << rerun.err;
        EXPECT_EQ(rerun.err.find("snapshot"), std::string::npos) << what << ": " << rerun.err;
        for (std::size_t k = 0; k < 2; ++k) {
            std::ifstream in(files[k], std::ios::binary);
            EXPECT_EQ(std::string(std::istreambuf_iterator<char>(in), {}), kept[k]) << what;
            EXPECT_FALSE(fs::exists(files[k].string() + ".tmp")) << what;
        }
    }
}

TEST(Search, AnEditOfASettledEntitiesXmlIsSeenWithoutAnIndexRun) {
    // yalu-index records the hash of each schema file it read under the file's identity
    // (device, inode, size, mtime, ctime) once the file is settled (unchanged for 5 s), and
    // yalu-search then takes that hash instead of hashing the file. An edit in place of the
    // same size, with the old mtime put back, still changes the ctime: the search hashes the
    // file, sees that no snapshot fits, and reads the edit.
    ScratchDir dir;
    const auto schemas = schemas_with_index_edit(dir, "<schema ", "<schema ");
    ASSERT_FALSE(schemas.empty());
    std::this_thread::sleep_for(std::chrono::milliseconds(5300));  // settled (FileIdentity)
    const std::string with = "--schema-dir " + shell_quote(schemas) + " ";
    ASSERT_EQ(yalu_index(dir / "db", with + shell_quote(source_dir() + "/corpus")).exit_code, 0);
    const fs::path hashes = fs::path(dir / "db.d") / "gen-000001" / "yalu.sources.snapshot";
    ASSERT_TRUE(fs::is_regular_file(hashes));
    // Magic, count, two records of 48 bytes, checksum: entities.xml and thesaurus.xml.
    EXPECT_EQ(fs::file_size(hashes), 131u);
    const auto ids = [&](const std::string& person) {
        const auto r = yalu_search(dir / "db", with + "--format json --snippet 0 --limit 50 " +
                                                   shell_quote("person:\"" + person + "\""));
        EXPECT_EQ(r.err.find("snapshot"), std::string::npos) << r.err;
        return r.exit_code == 0 ? ids_of(r) : std::vector<std::string>{};
    };
    const auto kim = ids("Kim Jong Un");
    ASSERT_FALSE(kim.empty());
    EXPECT_TRUE(ids("Jonguni Ki").empty());

    const std::string xml_path = schemas + "/entities.xml";
    struct stat before {};
    ASSERT_EQ(::stat(xml_path.c_str(), &before), 0);
    std::ifstream in(xml_path, std::ios::binary);
    std::string xml((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    in.close();
    const auto at = xml.find("<alias>Kim Jongun</alias>");
    ASSERT_NE(at, std::string::npos);
    xml.replace(at + 7, 10, "Jonguni Ki");  // the same length: the same size
    {
        std::ofstream out(xml_path, std::ios::binary | std::ios::in | std::ios::out);
        out.write(xml.data(), static_cast<std::streamsize>(xml.size()));
    }
    const struct timespec times[2] = {{0, UTIME_OMIT}, before.st_mtim};
    ASSERT_EQ(::utimensat(AT_FDCWD, xml_path.c_str(), times, 0), 0);
    struct stat after {};
    ASSERT_EQ(::stat(xml_path.c_str(), &after), 0);
    ASSERT_EQ(after.st_ino, before.st_ino);
    ASSERT_EQ(after.st_size, before.st_size);
    ASSERT_EQ(after.st_mtim.tv_nsec, before.st_mtim.tv_nsec);
    EXPECT_EQ(ids("Jonguni Ki"), kim);

    // The run after the edit records the thesaurus's hash alone: entities.xml changed too
    // lately for its identity to tell a later write apart.
    const auto written = fs::last_write_time(hashes);
    const std::string hashes_before = [&] {
        std::ifstream h(hashes, std::ios::binary);
        return std::string((std::istreambuf_iterator<char>(h)), std::istreambuf_iterator<char>());
    }();
    ASSERT_EQ(yalu_index(dir / "db", with + shell_quote(source_dir() + "/corpus")).exit_code, 0);
    std::ifstream h(hashes, std::ios::binary);
    const std::string hashes_after((std::istreambuf_iterator<char>(h)),
                                   std::istreambuf_iterator<char>());
    EXPECT_NE(hashes_after, hashes_before);
    EXPECT_EQ(hashes_after.size(), 131u - 48u);
    EXPECT_NE(fs::last_write_time(hashes), written);
    EXPECT_EQ(ids("Jonguni Ki"), kim);
}

TEST(Search, HelpTextsSayWhatTheDocsSay) {
    // docs/OPERATIONS.md and docs/SEARCH.md give these; --help once left them out.
    const auto search = run_command(shell_quote(search_bin()) + " --help");
    ASSERT_EQ(search.exit_code, 0);
    for (const char* said :
         {"$YALU_SCHEMA_DIR", "PREFIX/share/yalu", "id:ARTICLE_ID", "71 out of memory"})
        EXPECT_NE(search.out.find(said), std::string::npos) << said;
    const auto index = run_command(shell_quote(index_bin()) + " --help");
    ASSERT_EQ(index.exit_code, 0);
    for (const char* said :
         {"$YALU_SCHEMA_DIR", "1..100000000", "0..604800", "1..4096", "1..100000)", "unsupported",
          "--prune or --rebuild given sources holding no article",
          "--suggest-entities with no index", "not a Yalu database", "--rejects file",
          "71  out of memory"})
        EXPECT_NE(index.out.find(said), std::string::npos) << said;
}

TEST(Search, BothProgramsPrintTheirVersionAndXapians) {
    // The version line a bug report quotes: program, Yalu's version, the Xapian loaded.
    const std::regex line(
        R"(yalu-(index|search) [0-9]+\.[0-9]+\.[0-9]+ \(Xapian [0-9]+\.[0-9]+\.[0-9]+\)\n)");
    for (const auto& bin : {index_bin(), search_bin()}) {
        const auto r = run_command(shell_quote(bin) + " --version");
        EXPECT_EQ(r.exit_code, 0) << bin << ": " << r.err;
        EXPECT_TRUE(std::regex_match(r.out, line)) << bin << ": " << r.out;
        EXPECT_NE(r.out.find(fs::path(bin).filename().string()), std::string::npos) << r.out;
    }
}

TEST(IndexInput, ASecondRootElementRejectsTheXmlFileInsteadOfDroppingItsArticles) {
    ScratchDir dir;
    // Two one-article files joined with cat: pugixml read the first and dropped the second.
    fs::create_directories(dir / "in");
    write_file(
        dir / "in/joined.xml",
        "<?xml version=\"1.0\"?>\n"
        "<article id=\"joined-1\" date=\"2022-01-17\"><body><p>First.</p></body></article>\n"
        "<article id=\"joined-2\" date=\"2022-01-18\"><body><p>Second.</p></body></article>\n");
    write_file(dir / "in/good.jsonl", R"({"id":"good-1","date":"2022-01-17","body":"Fine."})");
    const auto r = yalu_index(dir / "db", "--rejects " + shell_quote(dir / "rejects.jsonl") + " " +
                                              shell_quote(dir / "in"));
    EXPECT_EQ(r.exit_code, 65) << r.err;
    EXPECT_NE(r.err.find("joined.xml:3: broken XML: a second root element <article>"),
              std::string::npos)
        << r.err;
    EXPECT_EQ(summary_count(r.out, "added"), 1) << r.out;
    EXPECT_EQ(yalu_search(dir / "db", "--show good-1").exit_code, 0);
    std::ifstream in(dir / "rejects.jsonl");
    std::string line;
    ASSERT_TRUE(std::getline(in, line));
    EXPECT_EQ(json::parse(line).at("line"), 3) << line;
}

// An export that marks words inline (<b>, <i>, <a>) writes the space between two such elements
// on its own: pugixml dropped that white-space-only text, so `<b>Yoon</b> <i>said</i>` was
// stored and indexed as "Yoonsaid", and neither word (nor the person) was found.
TEST(IndexInput, TheSpaceBetweenTwoInlineElementsOfAnXmlArticleKeepsTheirWordsApart) {
    ScratchDir dir;
    fs::create_directories(dir / "in");
    write_file(dir / "in/inline.xml",
               "<articles>\n"
               "<article id=\"inline-1\" date=\"2025-01-30\" lang=\"en\">"
               "<title><b>Yoon</b> <i>visits</i> Seoul</title>"
               "<body><p>President <b>Yoon</b> <i>said</i> on Monday.</p>\n"
               "  <p>Second <em>one</em></p></body></article>\n"
               "</articles>\n");
    const auto r = yalu_index(dir / "db", shell_quote(dir / "in"));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const json article = shown_article(dir, "inline-1");
    EXPECT_EQ(article.value("title", ""), "Yoon visits Seoul");
    EXPECT_EQ(article.value("body", ""), "President Yoon said on Monday.\nSecond one");
    EXPECT_EQ(ids_of(yalu_search(dir / "db", "--format json --all Yoon said")),
              std::vector<std::string>{"inline-1"});
    EXPECT_EQ(yalu_search(dir / "db", "--format json -n 0 --entity yoon-suk-yeol").exit_code, 0);
}

// One unclosed tag in one article of a nightly <articles> export rejected the whole file: its
// other articles went unindexed (a changed one kept its old text) and --prune stopped for the
// night. Now the broken article alone is rejected, under its id, so --prune keeps its indexed
// copy and deletes nothing else.
TEST(IndexInput, OneBrokenArticleOfAnXmlCollectionCostsOnlyThatArticle) {
    ScratchDir dir;
    fs::create_directories(dir / "in");
    const auto article = [](const std::string& id, const std::string& text) {
        return "<article id=\"" + id + "\" date=\"2024-01-02\"><body><p>" + text +
               "</p></body></article>\n";
    };
    const std::string head = "<?xml version=\"1.0\"?>\n<articles>\n";
    write_file(dir / "in/night.xml", head + article("n-1", "Kaesong one.") +
                                         article("n-2", "Kaesong two.") +
                                         article("n-3", "Kaesong three.") + "</articles>\n");
    const std::string args =
        "--prune --rejects " + shell_quote(dir / "rejects.jsonl") + " " + shell_quote(dir / "in");
    ASSERT_EQ(yalu_index(dir / "db", args).exit_code, 0);
    // The next export: n-1 changed, n-2 broken (its <p> never closed), n-3 as it was.
    write_file(dir / "in/night.xml",
               head + article("n-1", "Kaesong one, revised.") +
                   "<article id=\"n-2\" date=\"2024-01-02\"><body><p>Kaesong two.</body>"
                   "</article>\n" +
                   article("n-3", "Kaesong three.") + "</articles>\n");
    const auto r = yalu_index(dir / "db", args);
    EXPECT_EQ(r.exit_code, 65) << r.err;
    EXPECT_NE(r.err.find("night.xml:4: record 'n-2': broken XML in article 'n-2' (line 4)"),
              std::string::npos)
        << r.err;
    EXPECT_EQ(summary_count(r.out, "updated"), 1) << r.out;
    EXPECT_EQ(summary_count(r.out, "unchanged"), 1) << r.out;
    EXPECT_EQ(summary_count(r.out, "deleted"), 0) << r.out;
    EXPECT_EQ(summary_count(r.out, "rejected"), 1) << r.out;
    EXPECT_NE(shown_article(dir, "n-1").value("body", "").find("revised"), std::string::npos);
    EXPECT_EQ(shown_article(dir, "n-2").value("body", ""), "Kaesong two.");
    std::ifstream in(dir / "rejects.jsonl");
    std::string line;
    ASSERT_TRUE(std::getline(in, line));
    const json rejected = json::parse(line);
    EXPECT_EQ(rejected.at("id"), "n-2") << line;
    EXPECT_EQ(rejected.at("line"), 4) << line;
    EXPECT_FALSE(std::getline(in, line)) << line;
}

TEST(IndexInput, Utf16TextIsReadAndBinaryFilesAreRejectedNamingTheLine) {
    ScratchDir dir;
    fs::create_directories(dir / "in");
    // Notepad's "Unicode": UTF-16 LE with a byte-order mark, in the seed shape.
    const std::string seed =
        " date 2022-01-17 Trucks crossed the Yalu River bridge.\nBy Ahn Sung-mi "
        "(sahn@heraldcorp.com\n)";
    write_file(dir / "in/utf16.txt", "\xFF\xFE" + utf16le(seed));
    // A compressed file named .txt, and XML that holds a NUL.
    write_file(dir / "in/packed.txt", std::string("\x1F\x8B\x08\x00\x00\x00\x00\x00", 8) + "junk");
    // Sized by the literal (its NUL inside included): a typed length read past its end.
    static constexpr char nul_xml[] =
        "<article id=\"nul-xml\" date=\"2022-01-17\">\n<body><p>a\0b</p></body></article>";
    write_file(dir / "in/nul.xml", std::string(nul_xml, sizeof nul_xml - 1));
    const auto r = yalu_index(dir / "db", shell_quote(dir / "in"));
    EXPECT_EQ(r.exit_code, 65) << r.err;
    EXPECT_EQ(summary_count(r.out, "added"), 1) << r.out;
    EXPECT_NE(r.err.find("packed.txt:1: binary data: a NUL byte on line 1"), std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("nul.xml:2: binary data: a NUL byte on line 2"), std::string::npos)
        << r.err;
    expect_seed_article(shown_article(dir, "utf16"), "Trucks crossed the Yalu River bridge.");
}

// A JSON Lines file a crash left padded with zeros: its last line, NUL bytes only, was "bad JSON
// at column 1: ... unexpected end of input" (nlohmann reads a NUL as the end of its input),
// where a .txt or .xml file holding one says what it is. Now every reader words it alike, and
// zeros to the end of the file are named as the padding they are, with the fix.
TEST(IndexInput, AJsonLinesFilePaddedWithZerosIsNamedAsNulBytesNotBadJson) {
    ScratchDir dir;
    fs::create_directories(dir / "in");
    const std::string record =
        R"({"id":"kept","date":"2022-01-17","body":"Trucks crossed the Yalu River bridge."})";
    write_file(dir / "in/padded.jsonl", record + "\n" + std::string(4096, '\0'));
    // Zeros in the middle of a line, then text: binary data, as the .txt reader says.
    write_file(dir / "in/binary.jsonl",
               record.substr(0, 10) + std::string(3, '\0') + "x\n" +
                   R"({"id":"after","date":"2022-01-18","body":"Trucks came back."})" + "\n");
    write_file(dir / "in/padded.txt",
               " date 2022-01-19 Trucks crossed.\n" + std::string(512, '\0'));
    const auto r = yalu_index(dir / "db", shell_quote(dir / "in"));
    EXPECT_EQ(r.exit_code, 65) << r.err;
    EXPECT_EQ(summary_count(r.out, "added"), 2) << r.out;
    EXPECT_EQ(summary_count(r.out, "rejected"), 3) << r.out;
    EXPECT_EQ(r.err.find("bad JSON"), std::string::npos) << r.err;
    const std::string padding = ": zero padding, left where a crash or a full disk cut the writing";
    EXPECT_NE(r.err.find("padded.jsonl:2: NUL bytes up to the end of line 2" + padding),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("a JSON Lines file is UTF-8 text: restore the file from its source, or "
                         "cut the zeros off (tr -d '\\000' < FILE > FILE.fixed)"),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("binary.jsonl:1: binary data: a NUL byte on line 1; a JSON Lines file is "
                         "UTF-8 text (is it compressed"),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("padded.txt:2: NUL bytes up to the end of line 2" + padding),
              std::string::npos)
        << r.err;
}

TEST(IndexInput, ALoneSurrogateEscapeInJsonIsRepairedNotTheWholeRecordRejected) {
    ScratchDir dir;
    fs::create_directories(dir / "in");
    // An exporter that cut an emoji (\ud83d\ude00) in two; a proper pair and an escaped
    // backslash before "ud800" stay as they are.
    write_file(
        dir / "in/cut.jsonl",
        R"({"id":"pair","date":"2022-01-17","title":"Smile \ud83d\ude00","body":"Kept \\ud800 as text."})"
        "\n"
        R"({"id":"cut","date":"2022-01-17","title":"Cut \ud83d","body":"Lone \udc00 low and \ud83d"})"
        "\n");
    // Not --quiet: the repair is a warning about one record.
    const auto r = run_command(shell_quote(index_bin()) + " --db " + shell_quote(dir / "db") + " " +
                               shell_quote(dir / "in"));
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(summary_count(r.out, "added"), 2) << r.out;
    EXPECT_NE(r.err.find("cut.jsonl:2: 3 lone UTF-16 surrogate escape(s)"), std::string::npos)
        << r.err;
    const auto cut = shown_article(dir, "cut");
    EXPECT_EQ(cut.at("title"), "Cut \xEF\xBF\xBD");
    EXPECT_EQ(cut.at("body"), "Lone \xEF\xBF\xBD low and \xEF\xBF\xBD");
    const auto pair = shown_article(dir, "pair");
    EXPECT_EQ(pair.at("title"), "Smile \xF0\x9F\x98\x80");
    EXPECT_EQ(pair.at("body"), "Kept \\ud800 as text.");
}

TEST(IndexInput, ASeedBylineWrappedBeforeTheDomainsDotIsReadWhole) {
    ScratchDir dir;
    fs::create_directories(dir / "in");
    write_file(
        dir / "in/wrapdot.txt",
        " date 2022-01-17 Trucks crossed the bridge.\nBy Ahn Sung-mi (sahn@heraldcorp\n.com)");
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(dir / "in")).exit_code, 0);
    expect_seed_article(shown_article(dir, "wrapdot"), "Trucks crossed the bridge.");
}

// An XML <byline> or a JSON Lines "byline" wrapped inside its e-mail address (an exporter that
// kept the credit's line breaks) was stored as the name "Ahn Sung-mi (sahn@ heraldcorp.com)"
// with no e-mail, where a .txt credit wrapped so is read whole: the address is joined again.
TEST(IndexInput, ACreditWrappedInsideItsAddressInXmlOrJsonLinesIsReadWhole) {
    ScratchDir dir;
    fs::create_directories(dir / "in");
    const std::vector<std::string> credits{
        "By Ahn Sung-mi (sahn@\n  heraldcorp.com)", "By Ahn Sung-mi (sahn@heraldcorp.\ncom)",
        "By Ahn Sung-mi (sahn\n@heraldcorp.com)",   "By Ahn Sung-mi (sahn@heraldcorp\n.com)",
        "By Ahn Sung-mi (sahn@herald\ncorp.com)",   "By Ahn Sung-mi (sahn@\nheraldcorp.\ncom)"};
    std::string xml = "<articles>\n", jsonl;
    for (std::size_t k = 0; k < credits.size(); ++k) {
        xml += "<article id=\"x" + std::to_string(k) + "\" date=\"2022-01-17\"><byline>" +
               credits[k] + "</byline><body><p>Trucks crossed the bridge.</p></body></article>\n";
        jsonl += json{{"id", "j" + std::to_string(k)},
                      {"date", "2022-01-17"},
                      {"byline", credits[k]},
                      {"source", "The Korea Herald"},
                      {"body", "Trucks crossed the bridge."}}
                     .dump() +
                 "\n";
    }
    write_file(dir / "in/credits.xml", xml + "</articles>\n");
    write_file(dir / "in/credits.jsonl", jsonl);
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(dir / "in")).exit_code, 0);
    for (std::size_t k = 0; k < credits.size(); ++k) {
        for (const std::string& id : {"x" + std::to_string(k), "j" + std::to_string(k)}) {
            const auto article = shown_article(dir, id);
            EXPECT_EQ(article.value("byline", ""), "Ahn Sung-mi") << id << ": " << credits[k];
            EXPECT_EQ(article.value("email", ""), "sahn@heraldcorp.com")
                << id << ": " << credits[k];
        }
    }
}

// A JSON Lines line of Unicode white space or zero-width characters only (a no-break space, an
// ideographic space, U+200B: an export's empty line as a word processor saved it) was "bad JSON
// at column 1 ... last read: '\xC2'", a rejection without an id, so every night pruned nothing
// until it was found; a line of ASCII spaces was skipped as blank. Both are blank (the rule of
// yalu-search --queries), and the night prunes.
TEST(IndexInput, AJsonLinesLineOfUnicodeSpacesOrZeroWidthCharactersIsBlank) {
    ScratchDir dir;
    fs::create_directories(dir / "in");
    write_file(dir / "in/a.jsonl",
               "{\"id\":\"a\",\"date\":\"2022-01-17\",\"body\":\"One.\"}\n"
               "{\"id\":\"gone\",\"date\":\"2022-01-17\",\"body\":\"Two.\"}\n");
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(dir / "in")).exit_code, 0);
    write_file(dir / "in/a.jsonl",
               "{\"id\":\"a\",\"date\":\"2022-01-17\",\"body\":\"One.\"}\n\u00A0\n \u3000\t\r\n"
               "\u200B\uFEFF\u2060\n\n");
    const auto r = yalu_index(dir / "db", "--prune " + shell_quote(dir / "in"));
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err, "");
    EXPECT_EQ(summary_count(r.out, "deleted"), 1) << r.out;
    EXPECT_EQ(found_ids(dir / "db", "id:gone"), std::vector<std::string>{});
}

TEST(IndexInput, AnImpossibleSeedDateIsNamedOnceAsWritten) {
    ScratchDir dir;
    fs::create_directories(dir / "in");
    write_file(dir / "in/baddate.txt",
               " date 2022-13-45 Trucks crossed the bridge.\nBy Ahn Sung-mi (sahn@heraldcorp.com)");
    const auto r = run_command(shell_quote(index_bin()) + " --db " + shell_quote(dir / "db") + " " +
                               shell_quote(dir / "in"));
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("baddate.txt:1: impossible date '2022-13-45' (month 13 does not exist"),
              std::string::npos)
        << r.err;
    EXPECT_EQ(r.err.find("' 2022-13-45'"), std::string::npos) << r.err;
}

TEST(IndexInput, AUtf16JsonLinesFileIsOneRejectionSayingSo) {
    ScratchDir dir;
    fs::create_directories(dir / "in");
    const std::string lines = "{\"id\":\"u\",\"body\":\"x\"}\n{\"id\":\"v\",\"body\":\"y\"}\n";
    write_file(dir / "in/utf16.jsonl", "\xFF\xFE" + utf16le(lines));
    write_file(dir / "in/good.jsonl", R"({"id":"good","date":"2022-01-17","body":"Fine."})");
    const auto r = yalu_index(dir / "db", shell_quote(dir / "in"));
    EXPECT_EQ(r.exit_code, 65) << r.err;
    EXPECT_EQ(summary_count(r.out, "rejected"), 1) << r.out;  // one per line before
    EXPECT_EQ(summary_count(r.out, "added"), 1) << r.out;
    EXPECT_NE(r.err.find("utf16.jsonl:1: the file is UTF-16"), std::string::npos) << r.err;
}

// A lang that is no language tag past its first part (xx-garbage!!) was stored as that part
// (xx) without a word; well-formed tags (en-US, ko_KR, zh-Hant-TW) stay silent.
TEST(IndexInput, AMalformedLangIsStoredAsItsFirstPartWithAWarning) {
    ScratchDir dir;
    fs::create_directories(dir / "in");
    write_file(dir / "in/l.jsonl",
               R"({"id":"good","date":"2022-01-17","lang":"en-US","body":"Tags fine."})"
               "\n"
               R"({"id":"bad","date":"2022-01-17","lang":"xx-garbage!!","body":"Tags odd."})"
               "\n"
               R"({"id":"hant","date":"2022-01-17","lang":"zh-Hant-TW","body":"Tags fine."})"
               "\n");
    write_file(dir / "in/l.xml",
               "<article id=\"xbad\" date=\"2022-01-17\" lang=\"ko-\"><title>T</title>"
               "<body><p>Tags odd.</p></body></article>\n");
    const auto r = run_command(shell_quote(index_bin()) + " --db " + shell_quote(dir / "db") + " " +
                               shell_quote(dir / "in"));
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("l.jsonl:2: malformed lang 'xx-garbage!!' in record 'bad': stored 'xx'"),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("l.xml:"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("malformed lang 'ko-' in record 'xbad': stored 'ko'"), std::string::npos)
        << r.err;
    std::size_t warned = 0;
    for (auto at = r.err.find("malformed lang"); at != std::string::npos;
         at = r.err.find("malformed lang", at + 1))
        ++warned;
    EXPECT_EQ(warned, 2U) << r.err;
    EXPECT_EQ(shown_article(dir, "bad").at("lang"), "xx");
    EXPECT_EQ(shown_article(dir, "good").at("lang"), "en");
}

TEST(IndexInput, AControlCharacterInJsonSeparatesWordsAndIsWarnedAboutOncePerRecord) {
    ScratchDir dir;
    write_file(
        dir / "ctl.jsonl",
        R"({"id":"clean","date":"2022-01-17","body":"Nothing odd here."})"
        "\n"
        R"({"id":"ctl","date":"2022-01-17","title":"Bell\u0007ringer","body":"ok\u0000nul and\u001btext\tand a tab\nnext"})"
        "\n");
    const auto r = run_command(shell_quote(index_bin()) + " --db " + shell_quote(dir / "db") + " " +
                               shell_quote(dir / "ctl.jsonl"));
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("ctl.jsonl:2: 3 control character(s)"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("control character"), r.err.rfind("control character")) << r.err;
    const auto ctl = shown_article(dir, "ctl");
    EXPECT_EQ(ctl.at("title"), "Bell ringer");
    EXPECT_EQ(ctl.at("body"), "ok nul and text and a tab\nnext");
    EXPECT_EQ(yalu_search(dir / "db", "nul").exit_code, 0);
    EXPECT_EQ(yalu_search(dir / "db", "oknul").exit_code, 1);
}

TEST(IndexInput, AHugeXmlFileIsRejectedWithoutBeingLoaded) {
    if (address_sanitized())
        GTEST_SKIP() << "AddressSanitizer's shadow memory does not fit under the test's ulimit -v";
    ScratchDir dir;
    // 2 GiB, sparse (no disk used), under a 1 GiB address-space limit: loading it, as every XML
    // file was loaded whole, cannot even start.
    write_file(dir / "huge.xml", "");
    std::filesystem::resize_file(dir / "huge.xml", std::uintmax_t{2} << 30);
    write_file(dir / "small.xml",
               "<article id='small' date='2022-01-17'><body><p>Fine.</p></body></article>");
    const auto r = run_command("ulimit -v 1048576; " + shell_quote(index_bin()) + " --db " +
                               shell_quote(dir / "db") + " " + shell_quote(dir / "huge.xml") + " " +
                               shell_quote(dir / "small.xml"));
    EXPECT_EQ(r.exit_code, 65) << r.err;
    EXPECT_NE(r.err.find("huge.xml: XML file of 2048 MiB, larger than the XML file limit (16 "
                         "times the record limit (--max-record-mb 16)), was not read"),
              std::string::npos)
        << r.err;
    EXPECT_EQ(summary_count(r.out, "added"), 1) << r.out;
}

TEST(IndexInput, AnXmlFileNestedTooDeepIsRejectedAndTheRestIndexed) {
    ScratchDir dir;
    fs::create_directories(dir / "in");
    // 200,000 <b> in a paragraph: the recursive text walk overflowed the stack, yalu-index died
    // with a segfault (exit 139) naming no file, and nothing in the folder was indexed.
    std::string deep =
        "<?xml version=\"1.0\"?>\n<article id=\"deep\" date=\"2022-01-17\">\n<body><p>";
    for (int i = 0; i < 200000; ++i) deep += "<b>";
    deep += "Sinuiju";
    for (int i = 0; i < 200000; ++i) deep += "</b>";
    write_file(dir / "in/deep.xml", deep + "</p></body></article>\n");
    write_file(dir / "in/good.jsonl", R"({"id":"good-1","date":"2022-01-17","body":"Fine."})"
                                      "\n"
                                      R"({"id":"good-2","date":"2022-01-18","body":"Also fine."})"
                                      "\n");
    const auto r = yalu_index(dir / "db", shell_quote(dir / "in"));
    EXPECT_EQ(r.exit_code, 65) << r.err;
    EXPECT_NE(r.err.find("deep.xml:3: elements nested deeper than 1000 levels"), std::string::npos)
        << r.err;
    EXPECT_EQ(summary_count(r.out, "added"), 2) << r.out;
    EXPECT_EQ(summary_count(r.out, "rejected"), 1) << r.out;
    EXPECT_EQ(yalu_search(dir / "db", "--show good-2").exit_code, 0);
}

TEST(IndexInput, AUrlWhoseHostNoTermCanHoldIsWarnedAboutNotTheWholeRunStopped) {
    ScratchDir dir;
    fs::create_directories(dir / "in");
    // A host longer than Xapian's 245-byte term limit (with the site prefix) stopped the whole
    // run at its commit (exit 73, nothing of the batch written), every night until mended.
    const std::string host = std::string(300, 'a') + ".example.com";
    write_file(dir / "in/feed.jsonl",
               R"({"id":"before","date":"2022-01-17","body":"Trucks crossed the bridge."})"
               "\n"
               R"({"id":"longhost","date":"2022-01-17","url":"https://)" +
                   host +
                   R"(/a","body":"Trade rose in Sinuiju."})"
                   "\n"
                   R"({"id":"after","date":"2022-01-18","body":"Talks resumed."})"
                   "\n");
    write_file(dir / "in/one.xml", "<article id='xmlhost' date='2022-01-19' url='http://" + host +
                                       "'><body><p>Ferries docked in Nampo.</p></body></article>");
    const auto r = run_command(shell_quote(index_bin()) + " --db " + shell_quote(dir / "db") + " " +
                               shell_quote(dir / "in"));
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(summary_count(r.out, "added"), 4) << r.out;
    EXPECT_NE(r.err.find("feed.jsonl:2: the url's host is 312 bytes"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("one.xml:1: the url's host is 312 bytes"), std::string::npos) << r.err;
    // The article is there, found by its words, and keeps the url the record gave.
    EXPECT_EQ(shown_article(dir, "longhost").value("url", ""), "https://" + host + "/a");
    EXPECT_EQ(found_ids(dir / "db", "Sinuiju"), std::vector<std::string>{"longhost"});
    EXPECT_EQ(yalu_search(dir / "db", "--show after").exit_code, 0);
}

TEST(Search, BrowseSnippetIsTheArticlesOpening) {
    // A browse (filters, no words) has nothing to match: Xapian's snippet then showed the
    // article's last lines ("...pp.1~3."), not how it begins.
    ScratchDir dir;
    std::string body = "The opening line says what the article is about.";
    for (int i = 0; i < 40; ++i) body += " Filler sentence number " + std::to_string(i) + ".";
    body += " The closing line & its source <p.1>.";
    write_file(dir / "a.jsonl",
               "{\"id\": \"a\", \"lang\": \"en\", \"date\": \"2024-01-02\", "
               "\"title\": \"A\", \"body\": \"" +
                   body + "\"}\n");
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(dir / "a.jsonl")).exit_code, 0);
    const auto r = yalu_search(dir / "db", "--format json --snippet 60 --from 2024");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto snippet = json::parse(r.out).at("results").at(0).at("snippet").get<std::string>();
    EXPECT_EQ(snippet.rfind("The opening line says what the article", 0), 0U) << snippet;
    EXPECT_EQ(snippet.find("closing"), std::string::npos) << snippet;
    EXPECT_EQ(snippet.substr(snippet.size() - 3), "…") << snippet;
    // A whole short body is shown as it is, XML-escaped as every snippet.
    write_file(dir / "b.jsonl",
               "{\"id\": \"b\", \"lang\": \"en\", \"date\": \"2023-01-02\", "
               "\"title\": \"B\", \"body\": \"Tom & Jerry <3\\nmeet.\"}\n");
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(dir / "b.jsonl")).exit_code, 0);
    const auto b = yalu_search(dir / "db", "--format json --to 2023");
    ASSERT_EQ(b.exit_code, 0) << b.err;
    EXPECT_EQ(json::parse(b.out).at("results").at(0).at("snippet"), "Tom &amp; Jerry &lt;3 meet.")
        << b.out;
}

TEST(Search, SnippetLengthCountsCharactersInKoreanToo) {
    // --snippet N counted bytes: a Korean snippet came out at about N / 2.5 syllables.
    ScratchDir dir;
    std::string ko, en;
    for (int i = 0; i < 60; ++i) {
        ko += "평양에서 열린 회의는 경제 문제를 다루었다. ";
        en += "The meeting in Pyongyang discussed the economy. ";
    }
    write_file(dir / "a.jsonl",
               "{\"id\": \"ko\", \"lang\": \"ko\", \"date\": \"2024-01-02\", \"title\": \"회의\", "
               "\"body\": \"" +
                   ko +
                   "\"}\n{\"id\": \"en\", \"lang\": \"en\", \"date\": "
                   "\"2024-01-03\", \"title\": \"Meeting\", \"body\": \"" +
                   en + "\"}\n");
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(dir / "a.jsonl")).exit_code, 0);
    for (const char* query : {"회의", "meeting"}) {
        const auto r = yalu_search(dir / "db", std::string("--format json --snippet 100 ") + query);
        ASSERT_EQ(r.exit_code, 0) << r.err;
        std::string snippet = json::parse(r.out).at("results").at(0).at("snippet");
        for (const std::string mark : {"<b>", "</b>"})
            for (std::size_t at; (at = snippet.find(mark)) != std::string::npos;)
                snippet.erase(at, mark.size());
        const std::size_t chars = static_cast<std::size_t>(std::count_if(
            snippet.begin(), snippet.end(), [](char c) { return (c & 0xC0) != 0x80; }));
        EXPECT_GE(chars, 85U) << query << ": " << snippet;
        EXPECT_LE(chars, 120U) << query << ": " << snippet;
    }
}

TEST(Search, AHistogramOfMillionsOfEmptyDaysIsRefused) {
    // One article dated 1000-01-01 made --histogram day print 3 million rows (111 MB of JSON).
    ScratchDir dir;
    write_file(dir / "a.jsonl",
               "{\"id\": \"a\", \"date\": \"1000-01-01\", \"body\": \"missile one\"}\n"
               "{\"id\": \"b\", \"date\": \"2020-01-01\", \"body\": \"missile two\"}\n");
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(dir / "a.jsonl")).exit_code, 0);
    const auto day = yalu_search(dir / "db", "--histogram day -n 0 missile");
    EXPECT_EQ(day.exit_code, 2) << day.err;
    EXPECT_NE(day.err.find("372548 rows (1000-01-01 to 2020-01-01"), std::string::npos) << day.err;
    EXPECT_TRUE(day.out.empty()) << day.out;
    // Months over the same span are a chart; a date filter narrows the days.
    EXPECT_EQ(yalu_search(dir / "db", "--histogram month -n 0 missile").exit_code, 0);
    EXPECT_EQ(yalu_search(dir / "db", "--histogram day --from 2019 -n 0 missile").exit_code, 0);
}

TEST(Search, HistogramCoversTheDateFilterWithinTheIndexedDates) {
    // "How did coverage rise and fall in 2023-24?": the months of the range before the first
    // match and after the last one are zero, not missing (the chart began at the first match).
    ScratchDir dir;
    std::string lines;
    for (const char* date : {"2022-06-01", "2024-03-10", "2024-05-02", "2024-05-20", "2025-02-01"})
        lines += std::string("{\"id\": \"") + date + "\", \"lang\": \"en\", \"date\": \"" + date +
                 "\", \"title\": \"Balloons\", \"body\": \"Balloons crossed the border.\"}\n";
    write_file(dir / "b.jsonl", lines);
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(dir / "b.jsonl")).exit_code, 0);
    const auto periods_of = [&](const std::string& args) {
        const auto r = yalu_search(dir / "db", "--format json -n 0 " + args);
        EXPECT_EQ(r.exit_code, 0) << args << ": " << r.err;
        std::vector<std::string> periods;
        const auto parsed = json::parse(r.out);  // named: a range-for over a temporary dangles
        for (const auto& p : parsed.at("histogram")) periods.push_back(p.at("period"));
        return periods;
    };
    EXPECT_EQ(periods_of("balloons --histogram month --from 2024-01 --to 2024-06"),
              (std::vector<std::string>{"2024-01", "2024-02", "2024-03", "2024-04", "2024-05",
                                        "2024-06"}));
    // Within the dates the index holds: --from 1900 does not list 122 empty years.
    EXPECT_EQ(periods_of("balloons --histogram year --from 1900"),
              (std::vector<std::string>{"2022", "2023", "2024", "2025"}));
    EXPECT_EQ(periods_of("balloons --histogram year --from 2023 --to 2030"),
              (std::vector<std::string>{"2023", "2024", "2025"}));
    // Without a date filter, first match to last match, as before.
    EXPECT_EQ(periods_of("balloons --histogram year"),
              (std::vector<std::string>{"2022", "2023", "2024", "2025"}));
    const auto text =
        yalu_search(dir / "db", "balloons -n 0 --histogram month --from 2024-01 --to 2024-02");
    EXPECT_EQ(text.exit_code, 1) << text.out;
    EXPECT_EQ(text.out, "No matches.\n");
}

TEST(Search, LanguageTheIndexDoesNotHoldIsAnErrorNamingThoseItHolds) {
    // --lang kr (Korea's country code for Korean's ko) was a silent "No matches.", exit 1, as
    // if no Korean article held the words.
    ScratchDir dir;
    write_file(dir / "a.jsonl",
               "{\"id\": \"en1\", \"lang\": \"en\", \"date\": \"2024-01-02\", \"title\": "
               "\"Missile\", \"body\": \"A missile was launched.\"}\n"
               "{\"id\": \"ko1\", \"lang\": \"ko\", \"date\": \"2024-01-02\", \"title\": "
               "\"미사일\", \"body\": \"미사일을 발사했다.\"}\n");
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(dir / "a.jsonl")).exit_code, 0);
    for (const char* args : {"--lang kr missile", "'missile lang:kr'", "--lang kr",
                             "--lang en --lang kr missile", "'missile AND lang:kr'"}) {
        const auto r = yalu_search(dir / "db", args);
        EXPECT_EQ(r.exit_code, 2) << args << ": " << r.out;
        EXPECT_NE(r.err.find("no article in language 'kr'"), std::string::npos) << r.err;
        EXPECT_NE(r.err.find("en, ko"), std::string::npos) << r.err;
    }
    // Languages the index holds, in any case, still filter; a miss there is exit 1.
    EXPECT_EQ(yalu_search(dir / "db", "--lang KO 미사일").exit_code, 0);
    EXPECT_EQ(yalu_search(dir / "db", "--lang ko missile").exit_code, 1);
}

TEST(Search, ExplainSaysInWordsWhichArticlesAreBriefs) {
    // --explain printed the brief factor's value range as serialised bytes ("VALUE_LE 3 Ĭ")
    // and every number with six decimals ("score x 0.800000").
    ScratchDir dir;
    write_file(dir / "a.jsonl",
               "{\"id\": \"a\", \"lang\": \"en\", \"date\": \"2024-01-02\", \"title\": "
               "\"Missile\", \"body\": \"A missile was launched.\"}\n");
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(dir / "a.jsonl")).exit_code, 0);
    const auto r = yalu_search(dir / "db", "--explain missile");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("brief: score x 0.8 among the best 100 for bodies under 300 characters "
                         "(lang:ko)\n"),
              std::string::npos)
        << r.err;
    EXPECT_EQ(r.err.find("VALUE_LE"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("blend: the best 100 by rank fusion, weight 0.7 and k 5,"),
              std::string::npos)
        << r.err;
}

TEST(Search, SinceEndsTomorrowSoAFutureTypoIsNoRecentArticle) {
    // --since 7d is "the last 7 days" (docs/DATES.md: from today minus the span to today, and
    // tomorrow, some time zone's today, as yalu-index counts it), but it had no end: an article
    // dated 2999 (a typo yalu-index warns about) was in every digest, and a day histogram of it
    // ran to 2999, past 100,000 rows: an error, exit 2, for a week's chart.
    const auto iso = [](int days_from_today) {
        std::time_t now = std::time(nullptr);
        std::tm day{};
        localtime_r(&now, &day);
        day.tm_mday += days_from_today;
        day.tm_hour = 12;  // mktime normalises the day; noon keeps a DST change off the date
        std::mktime(&day);
        char buf[16];
        std::strftime(buf, sizeof buf, "%Y-%m-%d", &day);
        return std::string(buf);
    };
    ScratchDir dir;
    std::string lines;
    for (const std::string& date :
         {iso(-30), iso(-3), iso(0), iso(1), iso(200), std::string("2999-01-01")})
        lines += "{\"id\": \"" + date + "\", \"lang\": \"en\", \"date\": \"" + date +
                 "\", \"title\": \"Balloons\", \"body\": \"Balloons crossed the border.\"}\n";
    write_file(dir / "b.jsonl", lines);
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(dir / "b.jsonl")).exit_code, 0);
    const auto r = yalu_search(dir / "db", "--format json --snippet 0 --sort oldest --since 7d");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(ids_of(r), (std::vector<std::string>{iso(-3), iso(0), iso(1)}));
    // The day histogram of a week: every day from the span's start to tomorrow, quiet ones 0.
    const auto h =
        yalu_search(dir / "db", "--format json -n 0 --since 7d --histogram day balloons");
    ASSERT_EQ(h.exit_code, 0) << h.err;
    const auto parsed = json::parse(h.out);
    std::vector<std::string> periods;
    for (const auto& p : parsed.at("histogram")) periods.push_back(p.at("period"));
    std::vector<std::string> week;
    for (int day = -7; day <= 1; ++day) week.push_back(iso(day));
    EXPECT_EQ(periods, week);
    // --to still narrows it; a --from after tomorrow is an empty range, said so.
    EXPECT_EQ(ids_of(yalu_search(dir / "db", "--format json --snippet 0 --since 7d --to " + iso(0)))
                  .size(),
              2U);
    const auto late = yalu_search(dir / "db", "--since 7d --from 2999");
    EXPECT_EQ(late.exit_code, 2) << late.out;
    EXPECT_NE(late.err.find("empty date range: --from 2999 starts after"), std::string::npos)
        << late.err;
}
