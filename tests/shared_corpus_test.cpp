// End-to-end tests on the real archive (../shared/corpus), checked against brute-force counts
// computed here from the JSON Lines files themselves.

#include "cli_runner.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace fs = std::filesystem;
using namespace yalu::test;
using nlohmann::json;

namespace {

struct CorpusFacts {
    std::set<std::string> ids;
    std::map<std::string, unsigned long> per_month;  // "YYYY-MM" -> articles
    unsigned long ko = 0;
};

CorpusFacts read_corpus() {
    CorpusFacts f;
    for (const auto& entry : fs::directory_iterator(shared_dir() + "/corpus")) {
        if (entry.path().extension() != ".jsonl") continue;
        std::ifstream in(entry.path());
        for (std::string line; std::getline(in, line);) {
            if (line.empty()) continue;
            const auto j = json::parse(line);
            f.ids.insert(j.at("id").get<std::string>());
            if (j.at("date").is_string())
                ++f.per_month[j.at("date").get<std::string>().substr(0, 7)];
            if (j.at("lang") == "ko") ++f.ko;
        }
    }
    return f;
}

class SharedCorpus : public ::testing::Test {
protected:
    void SetUp() override {
        if (!fs::exists(shared_dir() + "/corpus"))
            GTEST_SKIP() << "no " << shared_dir() << "/corpus (../shared absent): skipped";
        db_ = shared_index(&run_);
        ASSERT_TRUE(run_.exit_code == 0) << run_.err.substr(0, 2000);
    }
    json search(const std::string& args) {
        const auto r = yalu_search(db_, "--format json " + args);
        EXPECT_LE(r.exit_code, 1) << r.err;
        return json::parse(r.out);
    }
    std::string db_;
    CommandResult run_;
};

}  // namespace

TEST_F(SharedCorpus, EveryDistinctIdIsIndexedOnce) {
    const auto facts = read_corpus();
    ASSERT_GT(facts.ids.size(), 20000u);
    EXPECT_EQ(summary_count(run_.out, "rejected"), 0) << run_.out;
    const long seen = summary_count(run_.out, "added") + summary_count(run_.out, "updated") +
                      summary_count(run_.out, "unchanged");
    EXPECT_EQ(seen, static_cast<long>(facts.ids.size())) << run_.out;
    const auto stats =
        run_command(shell_quote(index_bin()) + " --stats --json --db " + shell_quote(db_));
    ASSERT_EQ(stats.exit_code, 0) << stats.err;
    EXPECT_EQ(json::parse(stats.out).at("documents").get<std::size_t>(), facts.ids.size());
    const auto all = search("--exact --limit 1 --from 1000");
    EXPECT_EQ(all.at("total").get<std::size_t>(), facts.ids.size());
    EXPECT_EQ(search("--exact --limit 1 lang:ko").at("total").get<unsigned long>(), facts.ko);
}

TEST_F(SharedCorpus, SecondRunWritesNothing) {
    const auto again = shared_index();
    (void)again;
    CommandResult r;
    (void)shared_index(&r);
    EXPECT_EQ(summary_count(r.out, "added"), 0) << r.out;
    EXPECT_EQ(summary_count(r.out, "updated"), 0) << r.out;
    EXPECT_EQ(summary_count(r.out, "unchanged"), static_cast<long>(read_corpus().ids.size()));
}

TEST_F(SharedCorpus, MonthHistogramMatchesBruteForce) {
    const auto facts = read_corpus();
    const auto j = search("--limit 1 --snippet 0 --histogram month --from 1000");
    std::map<std::string, unsigned long> got;
    for (const auto& p : j.at("histogram")) {
        const unsigned long n = p.at("count");
        if (n > 0) got[p.at("period").get<std::string>()] = n;
    }
    EXPECT_EQ(got, facts.per_month);
    EXPECT_EQ(j.at("histogram").front().at("period"), facts.per_month.begin()->first);
}

TEST_F(SharedCorpus, DateRangeCountsMatchBruteForce) {
    const auto facts = read_corpus();
    unsigned long want = 0;
    for (const auto& [month, n] : facts.per_month)
        if (month >= "2011-03" && month <= "2012-02") want += n;
    const auto j = search("--exact --limit 1 --snippet 0 --from 2011-03 --to 2012-02");
    EXPECT_EQ(j.at("total").get<unsigned long>(), want);
    const auto q = search("--exact --limit 1 --snippet 0 'date:2011-03..2012-02'");
    EXPECT_EQ(q.at("total").get<unsigned long>(), want);
}

TEST_F(SharedCorpus, FacetCountsMatchBruteForce) {
    // Brute force: every matching article with its entities, counted here.
    const auto page = search("--limit 100000 --snippet 0 'nuclear test'");
    std::map<std::string, unsigned long> want;
    for (const auto& hit : page.at("results"))
        for (const auto& e : hit.at("entities")) ++want[e.at("id").get<std::string>()];
    ASSERT_GT(page.at("results").size(), 100u);
    const auto facets =
        search("--limit 1 --snippet 0 --facets --facet-limit 100000 'nuclear test'");
    EXPECT_EQ(facets.at("total").get<std::size_t>(), page.at("results").size());
    std::map<std::string, unsigned long> got;
    for (const auto& [type, list] : facets.at("facets").items())
        for (const auto& f : list) got[f.at("id").get<std::string>()] = f.at("count");
    EXPECT_EQ(got, want);
}

TEST_F(SharedCorpus, TextFacetsGiveTheIdOfAHomonymAndTheIdCountsTheRow) {
    // The gazetteer holds two people called Ri Yong-ho (and two Ri Yong-chol, Kim Jong-suk,
    // Kim Yong-il): --entity NAME counts them all, so their text rows must say which is which.
    const std::string args = "-n 0 --facets --facet-limit 2000 --from 1000";
    const auto facets = search(args);
    const auto text = run_command(shell_quote(search_bin()) + " --db " + shell_quote(db_) +
                                  " --color never " + args);
    ASSERT_EQ(text.exit_code, 0) << text.err;
    std::set<std::string> labels;
    std::set<std::string> with_ids;
    for (const auto& [type, list] : facets.at("facets").items())
        for (const auto& f : list) {
            const std::string id = f.at("id"), name = f.at("name");
            const std::string count = std::to_string(f.at("count").get<unsigned long>());
            const std::string tagged = name + " [" + id + "]";
            const bool tag = text.out.find(" " + tagged + " " + count) != std::string::npos;
            EXPECT_TRUE(tag || text.out.find(" " + name + " " + count) != std::string::npos)
                << type << " " << id;
            // No two rows print the same label: each can be typed back for its own count.
            EXPECT_TRUE(labels.insert(tag ? tagged : name).second) << type << " " << name;
            if (tag) with_ids.insert(id);
        }
    for (const char* id : {"ri-yong-ho-kpa", "ri-yong-ho-fm", "ri-yong-chol-kisyl",
                           "ri-yong-chol-wpk", "kim-yong-il-premier", "kim-yong-il-wpk"})
        EXPECT_TRUE(with_ids.count(id)) << id << " printed without its id";
    EXPECT_FALSE(with_ids.count("kim-jong-un")) << "a name of its own needs no id";
    // The id printed counts the row; the name counts every entity of that name.
    for (const auto& [type, list] : facets.at("facets").items())
        for (const auto& f : list) {
            const std::string id = f.at("id");
            if (!with_ids.count(id)) continue;
            EXPECT_EQ(search("-n 0 --entity " + id).at("total"), f.at("count")) << id;
            EXPECT_GE(search("-n 0 --entity " + shell_quote(f.at("name"))).at("total"),
                      f.at("count"))
                << id;
        }
}

TEST_F(SharedCorpus, KoreanQueryFindsKoreanArticles) {
    const auto j = search("--limit 20 --snippet 0 김정은");
    ASSERT_FALSE(j.at("results").empty());
    // Every hit must hold the name (the stored JSON has the text).
    for (const auto& hit : j.at("results")) {
        const auto r = yalu_search(db_, "--format json --show " + shell_quote(hit.at("id")));
        const auto a = json::parse(r.out);
        EXPECT_NE(
            (a.at("title").get<std::string>() + a.at("body").get<std::string>()).find("김정은"),
            std::string::npos)
            << hit.at("id");
    }
}

TEST_F(SharedCorpus, TheOtherKoreasWordsFindTheArchivesOwn) {
    // An analyst's spelling finds the archive's: the South's romanization of a North Korean
    // name that no article uses (KCNA writes Komdok, Rungna, Kaesong, Hwanggumphyong) and the
    // South's word where the North's New Year addresses write their own (북남관계 for 남북관계).
    // Every hit holds one of the two spellings, and some only the archive's.
    struct Case {
        std::string query, typed, archive;
    };
    const std::vector<Case> cases{
        {"Geomdeok mining complex", "Geomdeok", "Komdok"},
        {"Neungna island", "Neungna", "Rungna"},
        {"Gaeseong", "Gaeseong", "Kaesong"},
        {"Hwanggumpyong economic zone", "Hwanggumpyong", "Hwanggumphyong"},
        {"남북관계 개선 신년사", "남북관계", "북남관계"}};
    for (const auto& c : cases) {
        const auto j = search("--limit 5 --snippet 0 " + shell_quote(c.query));
        ASSERT_EQ(j.at("results").size(), 5U) << c.query;
        int archive_only = 0;
        for (const auto& hit : j.at("results")) {
            const auto r = yalu_search(db_, "--format json --show " + shell_quote(hit.at("id")));
            const auto a = json::parse(r.out);
            const std::string text =
                a.at("title").get<std::string>() + a.at("body").get<std::string>();
            const bool typed = text.find(c.typed) != std::string::npos;
            const bool archive = text.find(c.archive) != std::string::npos;
            EXPECT_TRUE(typed || archive) << c.query << ": " << hit.at("id");
            archive_only += archive && !typed;
        }
        EXPECT_GT(archive_only, 0) << c.query;
    }
}

TEST_F(SharedCorpus, KoreanNamesOfEventsFindTheEnglishReports) {
    // The 2011-2012 KCNA reports exist only in English: a Korean analyst's 천안함 or 광명성
    // must reach them through the thesaurus (KCNA writes "Cheonan" and Kwangmyongsong).
    const std::vector<std::pair<std::string, std::string>> cases{{"천안함", "Cheonan"},
                                                                 {"광명성", "Kwangmyongsong"}};
    for (const auto& [query, english] : cases) {
        const auto j = search("--lang en --limit 5 --snippet 0 " + shell_quote(query));
        ASSERT_EQ(j.at("results").size(), 5U) << query;
        for (const auto& hit : j.at("results")) {
            const auto r = yalu_search(db_, "--format json --show " + shell_quote(hit.at("id")));
            const auto a = json::parse(r.out);
            EXPECT_NE(
                (a.at("title").get<std::string>() + a.at("body").get<std::string>()).find(english),
                std::string::npos)
                << query << ": " << hit.at("id");
        }
    }
}

TEST_F(SharedCorpus, BenchQueriesNeverCrash) {
    // Every benchmark query, plus one that once made Xapian 1.4.22 crash on an OP_MAX of name
    // forms under OP_AND (core/query_rewriter.cpp), must end with exit 0 or 1.
    std::vector<std::string> queries = {"start government mangyongdae"};
    std::ifstream in(source_dir() + "/bench/queries.txt");
    for (std::string line; std::getline(in, line);) {
        if (line.empty() || line[0] == '#') continue;
        const auto a = line.find('\t'), b = line.find('\t', a + 1);
        queries.push_back(line.substr(a + 1, b - a - 1));
    }
    ASSERT_GT(queries.size(), 100u);
    for (const auto& q : queries) {
        const auto r = yalu_search(db_, "--format json --snippet 0 " + shell_quote(q));
        EXPECT_LE(r.exit_code, 1) << q << ": exit " << r.exit_code << " " << r.err;
        if (r.exit_code == 0) {
            EXPECT_TRUE(json::accept(r.out)) << q;
        }
    }
}

namespace {

// The ids `args` lists over `db`.
std::vector<std::string> listed(const std::string& db, const std::string& args) {
    const auto r = yalu_search(db, "--format json --snippet 0 " + args);
    EXPECT_LE(r.exit_code, 1) << args << ": " << r.err;
    std::vector<std::string> out;
    if (r.exit_code > 1) return out;
    const json j = json::parse(r.out);  // kept alive while its results are read
    for (const auto& h : j.at("results")) out.push_back(h.at("id"));
    return out;
}

// Pages of `size` of `query` over `db` list the `count` results of one long list, each once;
// returns that list.
std::vector<std::string> expect_pages_tile(const std::string& db, const std::string& query,
                                           int count, int size) {
    const std::vector<std::string> all =
        listed(db, "--limit " + std::to_string(count) + " " + query);
    EXPECT_EQ(all.size(), static_cast<std::size_t>(count)) << query;
    std::vector<std::string> paged;
    for (int offset = 0; offset < count; offset += size) {
        const auto page = listed(db, "--limit " + std::to_string(size) + " --offset " +
                                         std::to_string(offset) + " " + query);
        paged.insert(paged.end(), page.begin(), page.end());
    }
    EXPECT_EQ(paged, all) << query << " over " << db;
    EXPECT_EQ(std::set<std::string>(paged.begin(), paged.end()).size(), paged.size()) << query;
    return all;
}

}  // namespace

TEST_F(SharedCorpus, PagesOfARescoredQueryTileTheFullList) {
    // A multi-word query's phrase bonus reorders the best 100 matches (BonusRanker); paging
    // must still show every result once, in the order of one long list, across the window's
    // edge at 100 too.
    (void)expect_pages_tile(db_, "'North Korea missile launch'", 150, 15);
}

TEST_F(SharedCorpus, PagesPastTheWindowShowEveryResultOnce) {
    // Xapian 1.4.22, skipping matches that cannot reach the page's lowest score, misses some
    // (an OP_SYNONYM over more than terms, a name's Hangul alias's phrase, bounds the scores
    // wrongly): the best 100 of a first pass for 110 results were not those of a pass for 100,
    // so pages of 10 of these judged queries listed an article twice around the 100th and
    // another never, on one index and over a stub of shards (where the first pass holds the
    // bonus and only the factors are applied after it).
    const ScratchDir dir;
    ASSERT_EQ(yalu_index(dir / "small.db", shell_quote(source_dir() + "/corpus/jsonl")).exit_code,
              0);
    std::ofstream(dir / "shards.stub") << "auto " << db_ << "\nauto " << (dir / "small.db") << "\n";
    for (const std::string& db : {db_, dir / "shards.stub"}) {
        for (const std::string query :
             {"'Kwangmyongsong satellite launch'", "'노동 사각지대 5인 미만 플랫폼 노동자'"}) {
            const auto all = expect_pages_tile(db, query, 200, 10);
            // A first page's best 100 are the long list's, as before: the window is one pass.
            if (all.size() < 100) continue;
            EXPECT_EQ(listed(db, "--limit 100 " + query),
                      std::vector<std::string>(all.begin(), all.begin() + 100))
                << query << " over " << db;
        }
    }
}

TEST_F(SharedCorpus, AnEstimatedTotalIsSaidToBeOne) {
    // Xapian estimates a name's phrase far below its articles (Kim Jong Un: about 600 of
    // 4,005): the text output says "about", and JSON says exact: false, so a script knows to
    // ask --exact before paging until the total.
    const std::string q = "--snippet 0 -n 1 -- 'Kim Jong Un'";
    const json estimated = search(q);
    ASSERT_FALSE(estimated.at("exact").get<bool>()) << estimated.dump();
    const json counted = search("--exact " + q);
    EXPECT_TRUE(counted.at("exact").get<bool>());
    EXPECT_NE(estimated.at("total"), counted.at("total"));
    const auto text = yalu_search(db_, q);
    EXPECT_NE(text.out.find(" of about "), std::string::npos) << text.out;
}

TEST_F(SharedCorpus, RankingBeatsPlainXapianInEachLanguage) {
    // The judged analyst queries of tests/relevance (docs/RELEVANCE.md): Yalu's mean nDCG@10
    // must stay clearly above plain Xapian's (QueryParser OR + default BM25, what quest does)
    // on the same index, in English and in Korean. bench/relevance runs both.
    const auto r =
        run_command(shell_quote(source_dir() + "/bench/relevance") + " --db " + shell_quote(db_) +
                    " --yalu " + shell_quote(search_bin()) + " --corpus " +
                    shell_quote(shared_dir() + "/corpus") + " --systems yalu,xapian --json");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto j = json::parse(r.out);
    if (!j.at("en").contains("xapian"))
        GTEST_SKIP() << "python3-xapian missing (apt-get install python3-xapian): skipped";
    // Measured (docs/RELEVANCE.md): +0.067 English, +0.069 Korean on the 206 queries; the
    // margins leave room for noise-level changes but not for losing half the gain.
    for (const auto& [lang, margin] : {std::pair{"en", 0.04}, std::pair{"ko", 0.035}}) {
        const double yalu = j.at(lang).at("yalu").at("ndcg10");
        const double xapian = j.at(lang).at("xapian").at("ndcg10");
        EXPECT_GT(yalu, xapian + margin)
            << lang << ": yalu " << yalu << ", plain Xapian " << xapian;
    }
}

TEST_F(SharedCorpus, SouthKoreanSpellingsFindTheNorthsAddresses) {
    // The targeted round-10 set (tests/relevance/queries_orthography.tsv): Korean queries in the
    // South's spelling over the North's New Year addresses, where the initial-sound rule
    // (노동 / 로동) decides what is found. Measured: 0.810 against plain Xapian's 0.441, and
    // 0.484 without the rule.
    const auto r = run_command(
        shell_quote(source_dir() + "/bench/relevance") + " --db " + shell_quote(db_) + " --yalu " +
        shell_quote(search_bin()) + " --corpus " + shell_quote(shared_dir() + "/corpus") +
        " --queries " + shell_quote(source_dir() + "/tests/relevance/queries_orthography.tsv") +
        " --systems yalu,xapian --json");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto j = json::parse(r.out);
    if (!j.at("ko").contains("xapian"))
        GTEST_SKIP() << "python3-xapian missing (apt-get install python3-xapian): skipped";
    const double yalu = j.at("ko").at("yalu").at("ndcg10");
    const double xapian = j.at("ko").at("xapian").at("ndcg10");
    EXPECT_GT(yalu, xapian + 0.2) << "yalu " << yalu << ", plain Xapian " << xapian;
}
