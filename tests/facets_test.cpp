// End-to-end: entity filters, facets, histograms, undated articles and recency on corpus/.

#include "cli_runner.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace yalu::test;
using nlohmann::json;

namespace {

using Ids = std::set<std::string>;

class CorpusSearch : public ::testing::Test {
protected:
    void SetUp() override {
        const auto r = yalu_index(db(), shell_quote(source_dir() + "/corpus"));
        ASSERT_EQ(r.exit_code, 0) << r.err;
    }
    std::string db() const { return dir_ / "corpus.db"; }
    json search(const std::string& args) {
        const std::string limit = args.find("--limit") == std::string::npos ? "--limit 100 " : "";
        const auto r = yalu_search(db(), "--format json --snippet 0 " + limit + args);
        EXPECT_LE(r.exit_code, 1) << args << ": " << r.err;
        return r.exit_code <= 1 ? json::parse(r.out) : json::object({{"results", json::array()}});
    }
    Ids ids(const std::string& args) {
        Ids out;
        const auto j = search(args);
        for (const auto& h : j.at("results")) out.insert(h.at("id").get<std::string>());
        return out;
    }
    ScratchDir dir_;
};

bool contains_all(const Ids& big, const Ids& small) {
    for (const auto& id : small)
        if (!big.count(id)) return false;
    return true;
}

}  // namespace

TEST_F(CorpusSearch, PersonFilterAcceptsEveryAlias) {
    const Ids expected = {"panmunjom_crlf",
                          "sample-2016-sanctions",
                          "sample-2018-panmunjom-declaration",
                          "sample-2019-south-korea-lowercase",
                          "xml-2025-beijing-parade",
                          "sample-2012-first-secretary",
                          "sample-2026-new-year",
                          "sinuiju_flood_ko",
                          "xml-2025-leaflets-ko",
                          "sample-2015-talks-ko",
                          "sample-2022-jamo-ko"};
    const Ids latin = ids("'person:\"Kim Jong Un\"'");
    EXPECT_TRUE(contains_all(latin, expected));
    EXPECT_EQ(ids("'person:\"Kim Jong-un\"'"), latin);
    EXPECT_EQ(ids("person:김정은"), latin);
    EXPECT_EQ(ids("--entity 'Kim Jong Un'"), latin);
    EXPECT_EQ(ids("entity:kim-jong-un"), latin);
}

TEST_F(CorpusSearch, PlainNameQueryFindsEveryAlias) {
    // Articles that write the name only as 김정은 or Kim Jong-un are found by "Kim Jong Un".
    const Ids found = ids("'Kim Jong Un'");
    for (const char* id :
         {"sinuiju_flood_ko", "xml-2025-leaflets-ko", "sample-2015-talks-ko",
          "sample-2012-first-secretary", "sample-2026-new-year", "sample-2016-sanctions"})
        EXPECT_TRUE(found.count(id)) << id;
    // ...and the Hangul query finds the romanized ones.
    EXPECT_TRUE(ids("김정은").count("sample-2016-sanctions"));
}

TEST_F(CorpusSearch, ThesaurusTermsFindOtherSpellingsUnlessTurnedOff) {
    // schemas/thesaurus.xml: ICBM = intercontinental ballistic missile (sample-2020-fullwidth
    // writes only the long form); heavy rain = 폭우 (sinuiju_flood_ko writes only 폭우).
    EXPECT_TRUE(ids("ICBM").count("sample-2020-fullwidth"));
    EXPECT_TRUE(ids("'heavy rain'").count("sinuiju_flood_ko"));
    EXPECT_FALSE(ids("--no-thesaurus ICBM").count("sample-2020-fullwidth"));
    EXPECT_FALSE(ids("--no-thesaurus 'heavy rain'").count("sinuiju_flood_ko"));
}

TEST_F(CorpusSearch, FullwidthTextIsFoundByAsciiWords) {
    // sample-2020-fullwidth writes ＫＣＮＡ and （２０２０） in fullwidth forms: the analyser folds
    // their width, and so does the query.
    EXPECT_TRUE(ids("--no-thesaurus KCNA").count("sample-2020-fullwidth"));
    EXPECT_TRUE(ids("--no-thesaurus '\"DPRK held\"'").count("sample-2020-fullwidth"));
    EXPECT_TRUE(ids("--no-thesaurus '\"pandemic 2020\"'").count("sample-2020-fullwidth"));
    EXPECT_TRUE(ids("--no-thesaurus ＫＣＮＡ").count("sample-2020-fullwidth"));
}

TEST_F(CorpusSearch, HangulWordIsAPhraseNotLooseSyllables) {
    // 정은 and 김 appear apart in many Korean samples; only the name itself may match.
    const Ids found = ids("--limit 100 김정은");
    for (const auto& id : found) {
        const auto r = yalu_search(db(), "--format json --show " + shell_quote(id));
        const auto a = json::parse(r.out);
        const std::string text = a.at("title").get<std::string>() + a.at("body").get<std::string>();
        const bool hangul = text.find("김정은") != std::string::npos;
        const bool latin = a.at("entities").dump().find("kim-jong-un") != std::string::npos;
        EXPECT_TRUE(hangul || latin) << id;
    }
}

TEST_F(CorpusSearch, KoreanSnippetsMarkTheWordsNotTheirSyllables) {
    // Typed with particles; several words of different lengths.
    const auto r = yalu_search(db(), "--format json --limit 3 '통일부는 북한의'");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::string snippets;
    const json found = json::parse(r.out);  // named: a range-for over a temporary's member dangles
    for (const auto& h : found.at("results")) snippets += h.at("snippet").get<std::string>() + "\n";
    EXPECT_NE(snippets.find("<b>통일부</b>"), std::string::npos) << snippets;
    EXPECT_NE(snippets.find("<b>북한</b>"), std::string::npos) << snippets;
    EXPECT_EQ(snippets.find("<b>북</b>"), std::string::npos) << snippets;
    // The same with QueryParser syntax around the words.
    const auto syntax = yalu_search(db(), "--format json --limit 3 '통일부는 AND 북한의'");
    ASSERT_EQ(syntax.exit_code, 0) << syntax.err;
    const json marked = json::parse(syntax.out);
    std::string syntax_snippets;
    for (const auto& h : marked.at("results"))
        syntax_snippets += h.at("snippet").get<std::string>() + "\n";
    EXPECT_NE(syntax_snippets.find("<b>통일부</b>"), std::string::npos) << syntax_snippets;
    EXPECT_EQ(syntax_snippets.find("<b>통</b>"), std::string::npos) << syntax_snippets;
    // A name typed in Hangul marks its English spelling in English articles.
    const auto name = yalu_search(db(), "--format json --sort newest --limit 2 김정은");
    ASSERT_EQ(name.exit_code, 0) << name.err;
    const json named = json::parse(name.out);
    ASSERT_FALSE(named.at("results").empty());
    EXPECT_NE(named.at("results")[0].at("snippet").get<std::string>().find("<b>Kim</b>"),
              std::string::npos)
        << name.out;
}

TEST_F(CorpusSearch, MoonTheWordIsNotMoonJaeIn) {
    EXPECT_EQ(ids("'person:\"Moon Jae-in\"'"),
              (Ids{"panmunjom_crlf", "sample-2017-moon-inauguration",
                   "sample-2018-panmunjom-declaration"}));
    const auto r = yalu_search(db(), "person:Moon");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("Moon"), std::string::npos) << r.err;
}

TEST_F(CorpusSearch, RepeatedEntityFiltersAnd) {
    const Ids both = ids("--entity DPRK --entity Sinuiju");
    const Ids dprk = ids("entity:DPRK");
    const Ids sinuiju = ids("place:Sinuiju");
    ASSERT_FALSE(both.empty());
    for (const auto& id : both) EXPECT_TRUE(dprk.count(id) && sinuiju.count(id)) << id;
    for (const auto& id : dprk)
        if (sinuiju.count(id)) {
            EXPECT_TRUE(both.count(id)) << id;
        }
    EXPECT_EQ(ids("entity:DPRK place:Sinuiju"), both);
}

TEST_F(CorpusSearch, FacetsCountTheWholeSetLikeBruteForce) {
    const auto all = search("--from 1000");
    std::map<std::string, unsigned long> want;
    for (const auto& hit : all.at("results"))
        for (const auto& e : hit.at("entities")) ++want[e.at("id").get<std::string>()];
    const auto j = search("--from 1000 --limit 1 --facets --facet-limit 1000");
    std::map<std::string, unsigned long> got;
    for (const auto& [type, list] : j.at("facets").items())
        for (const auto& f : list) {
            got[f.at("id").get<std::string>()] = f.at("count");
            EXPECT_FALSE(f.at("name").get<std::string>().empty());
        }
    EXPECT_EQ(got, want);
    EXPECT_EQ(j.at("results").size(), 1u) << "facets count beyond the page";
}

TEST_F(CorpusSearch, YearHistogramMatchesBruteForceAndShowsEmptyYears) {
    const auto all = search("--from 1000");
    std::map<std::string, unsigned long> want;
    for (const auto& hit : all.at("results"))
        ++want[hit.at("date").get<std::string>().substr(0, 4)];
    const auto j = search("--from 1000 --limit 1 --histogram year");
    std::map<std::string, unsigned long> got;
    std::vector<std::string> periods;
    for (const auto& p : j.at("histogram")) {
        periods.push_back(p.at("period"));
        if (p.at("count").get<unsigned long>() > 0) got[p.at("period")] = p.at("count");
    }
    EXPECT_EQ(got, want);
    // Consecutive years, first to last, zeros included.
    for (std::size_t i = 1; i < periods.size(); ++i)
        EXPECT_EQ(std::stoi(periods[i]), std::stoi(periods[i - 1]) + 1);
    EXPECT_EQ(periods.front(), want.begin()->first);
    EXPECT_EQ(periods.back(), want.rbegin()->first);
}

TEST_F(CorpusSearch, HistogramWithFacetsGivesEachPeriodItsEntities) {
    const auto j = search("'person:\"Kim Jong Un\"' --histogram year --facets");
    bool any = false;
    for (const auto& p : j.at("histogram")) {
        if (p.at("count").get<int>() == 0) continue;
        any = true;
        const auto& people = p.at("facets").at("person");
        ASSERT_FALSE(people.empty()) << p.at("period");
        EXPECT_EQ(people.at(0).at("id"), "kim-jong-un") << p.at("period");
        EXPECT_EQ(people.at(0).at("count"), p.at("count")) << p.at("period");
    }
    EXPECT_TRUE(any);
}

TEST_F(CorpusSearch, DateBoundariesAreInclusive) {
    // Two corpus articles are dated 2018-04-27.
    EXPECT_EQ(ids("--from 2018-04-27 --to 2018-04-27"),
              (Ids{"panmunjom_crlf", "sample-2018-panmunjom-declaration"}));
    EXPECT_EQ(ids("'date:2018-04-27'"), ids("--from 2018-04-27 --to 2018-04-27"));
    EXPECT_TRUE(ids("--from 2018-04-28 --to 2018-12-31").count("panmunjom_crlf") == 0);
    EXPECT_EQ(ids("--from 2026 --to 2026"), (Ids{"sample-2026-new-year"}));
    const auto r = yalu_search(db(), "--from 2022-02-30 x");
    EXPECT_EQ(r.exit_code, 2) << r.err;
}

TEST_F(CorpusSearch, FullwidthDigitsInDateOptionsAsInDateClauses) {
    // date:２０１８ reads as date:2018 (the query is folded); the options take the same text.
    const Ids y2018 = ids("--from 2018 --to 2018");
    ASSERT_FALSE(y2018.empty());
    EXPECT_EQ(ids("'date:２０１８'"), y2018);
    EXPECT_EQ(ids("--from ２０１８ --to ２０１８"), y2018);
    EXPECT_EQ(ids("--from ２０１８－０４－２７ --to ２０１８－０４－２７"),
              ids("--from 2018-04-27 --to 2018-04-27"));
    EXPECT_EQ(ids("--from 2000 --since ９９９９９ｄ"), ids("--from 2000"));
    const auto r = yalu_search(db(), "--from ２０１８－１３ x");
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("'２０１８－１３' for --from"), std::string::npos) << r.err;
}

TEST_F(CorpusSearch, SinceCountsBackFromToday) {
    // The newest sample is dated 2026-01-01: --since Nd includes it exactly when N reaches it.
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    localtime_r(&now, &tm);
    std::tm jan1{};
    jan1.tm_year = 2026 - 1900;
    jan1.tm_mday = 1;
    jan1.tm_hour = 12;
    tm.tm_hour = 12;
    tm.tm_min = tm.tm_sec = 0;
    const long days = std::lround(std::difftime(std::mktime(&tm), std::mktime(&jan1)) / 86400.0);
    ASSERT_GT(days, 0) << "this test assumes today is after 2026-01-01";
    EXPECT_TRUE(ids("--since " + std::to_string(days) + "d").count("sample-2026-new-year"));
    EXPECT_FALSE(ids("--since " + std::to_string(days - 1) + "d").count("sample-2026-new-year"));
    EXPECT_EQ(yalu_search(db(), "--since 7x").exit_code, 2);
}

TEST_F(CorpusSearch, SortOrders) {
    const auto newest = search("--from 1000 --sort newest --limit 3");
    EXPECT_EQ(newest.at("results").at(0).at("id"), "sample-2026-new-year");
    const auto oldest = search("--from 1000 --sort oldest --limit 3");
    EXPECT_EQ(oldest.at("results").at(0).at("id"), "sample-2011-yalu-zone");
}

TEST_F(CorpusSearch, RecencyFavoursNewerMatches) {
    auto first_year = [&](const std::string& args) {
        return std::stoi(
            search(args).at("results").at(0).at("date").get<std::string>().substr(0, 4));
    };
    // "Kim Jong Un" appears from 2012 to 2026; a short half-life puts a recent article first.
    const std::string q = "'Kim Jong Un'";
    EXPECT_GE(first_year(q + " --recency 30d"), 2025);
    EXPECT_GE(first_year(q + " --recency 30d"), first_year(q));
}

TEST_F(CorpusSearch, RecencyListsABrowseNewestFirstWithScoreZero) {
    // No words, no text score to blend: newest first as --sort newest, every score a browse's
    // 0 (the decay alone had left scores such as 1e-06 and 7.55e-24).
    for (const std::string filters : {"--lang en", "'lang:en date:2012..2026'", "--from 2018"}) {
        const auto browse = search(filters + " --recency 90d");
        const auto newest = search(filters + " --sort newest");
        ASSERT_GT(browse.at("results").size(), 2u) << filters;
        std::vector<std::string> got, want;
        std::string last = "9999";
        for (const auto& h : browse.at("results")) {
            got.push_back(h.at("id"));
            EXPECT_EQ(h.at("score").get<double>(), 0.0) << filters << ": " << h;
            const std::string date = h.at("date");
            if (date.empty()) continue;  // undated last: nothing to compare
            EXPECT_LE(date, last) << filters << ": " << h.at("id");
            last = date;
        }
        for (const auto& h : newest.at("results")) want.push_back(h.at("id"));
        EXPECT_EQ(got, want) << filters;
    }
    // With words the blend stays: not the date order alone.
    EXPECT_GT(search("'Kim Jong Un' --recency 90d").at("results").at(0).at("score").get<double>(),
              0.0);
}

TEST_F(CorpusSearch, DatelineDateIsUsedAndRecorded) {
    const auto r = yalu_search(db(), "--format json --show wire-2024-dateline");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto a = json::parse(r.out);
    EXPECT_EQ(a.at("date"), "2024-03-04");
    EXPECT_EQ(a.at("date_origin"), "dateline");
    EXPECT_EQ(json::parse(yalu_search(db(), "--format json --show sample-2011-yalu-zone").out)
                  .at("date_origin"),
              "metadata");
}

TEST(SuggestEntities, ListsFrequentNamesTheGazetteerLacks) {
    ScratchDir dir;
    // A copy of the schemas whose gazetteer lacks the Yalu River.
    fs::create_directories(dir / "schemas");
    for (const char* f : {"index.xml", "entities.xml", "thesaurus.xml"})
        fs::copy_file(source_dir() + "/schemas/" + f, dir / ("schemas/" + std::string(f)));
    std::ifstream in(dir / "schemas/entities.xml");
    std::string xml((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto start = xml.find("<entity id=\"yalu-river\"");
    ASSERT_NE(start, std::string::npos);
    xml.erase(start, xml.find("</entity>", start) + 9 - start);
    std::ofstream(dir / "schemas/entities.xml", std::ios::trunc) << xml;

    const std::string corpus = shell_quote(source_dir() + "/corpus");
    const std::string lacking = "--schema-dir " + shell_quote(dir / "schemas");
    ASSERT_EQ(yalu_index(dir / "db", lacking + " " + corpus).exit_code, 0);
    const auto r = run_command(shell_quote(index_bin()) + " " + lacking + " --db " +
                               shell_quote(dir / "db") + " --suggest-entities 20");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    // "Yalu River" is named in 5 English samples; each line is "COUNT<TAB>NAME".
    EXPECT_NE(r.out.find("5\tYalu River\n"), std::string::npos) << r.out;
    // With the full gazetteer it is known, so it is not suggested.
    ASSERT_EQ(yalu_index(dir / "full.db", corpus).exit_code, 0);
    const auto full = run_command(shell_quote(index_bin()) + " --db " +
                                  shell_quote(dir / "full.db") + " --suggest-entities 20");
    EXPECT_EQ(full.out.find("Yalu River"), std::string::npos) << full.out;
}

TEST(UndatedArticles, ExcludedFromDateFiltersAndCounted) {
    ScratchDir dir;
    std::ofstream(dir / "in.jsonl")
        << R"({"id":"d1","date":"2023-05-01","title":"Dated rice","body":"Rice in Nampho."})"
           "\n"
        << R"({"id":"u1","date":null,"title":"Undated rice","body":"Rice in Wonsan."})"
           "\n"
        << R"({"id":"u2","date":"2022-02-30","title":"Impossible rice","body":"Rice in Haeju."})"
           "\n"
        // Undated and naming no entity: no facets value at all, still counted as undated.
        << R"({"id":"u3","date":null,"title":"Plain rice","body":"Rice grows."})"
           "\n";
    const auto r = yalu_index(dir / "db", shell_quote(dir / "in.jsonl"));
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(summary_count(r.out, "added"), 4);
    const auto all = yalu_search(dir / "db", "--format json rice --histogram month");
    const auto j = json::parse(all.out);
    EXPECT_EQ(j.at("total"), 4);
    EXPECT_EQ(j.at("undated"), 3);
    EXPECT_EQ(j.at("histogram").size(), 1u);
    const auto dated = json::parse(yalu_search(dir / "db", "--format json rice --from 1000").out);
    EXPECT_EQ(dated.at("total"), 1);
    // --require-date refuses them instead, and says which and where.
    const auto strict = yalu_index(dir / "db2", "--require-date " + shell_quote(dir / "in.jsonl"));
    EXPECT_EQ(strict.exit_code, 65);
    EXPECT_EQ(summary_count(strict.out, "rejected"), 3) << strict.out;
    EXPECT_NE(strict.err.find("in.jsonl:3"), std::string::npos) << strict.err;
    EXPECT_NE(strict.err.find("2022-02-30"), std::string::npos) << strict.err;
}

TEST(HistogramText, APeriodWhoseMatchesNameNoEntityGetsNoBlankFacetLine) {
    // --histogram with --facets printed a line of spaces under the bar of a period whose
    // matches name no entity, where a period naming some lists them.
    ScratchDir dir;
    std::ofstream(dir / "in.jsonl")
        << R"({"id":"a","date":"2023-05-01","title":"Rice","body":"Rice in Pyongyang."})"
           "\n"
        << R"({"id":"b","date":"2023-07-01","title":"Rice","body":"Rice grows."})"
           "\n";
    ASSERT_EQ(yalu_index(dir / "db", shell_quote(dir / "in.jsonl")).exit_code, 0);
    const auto r = yalu_search(dir / "db", "rice --histogram month --facets --limit 0");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::istringstream lines(r.out);
    std::vector<std::string> chart;
    for (std::string line; std::getline(lines, line) && line != "Top entities of all 2 matches:";)
        chart.push_back(line);
    // Matches per period:, 2023-05 and its entities, 2023-06, 2023-07, the blank line after.
    ASSERT_EQ(chart.size(), 6u) << r.out;
    EXPECT_NE(chart[2].find("Pyongyang"), std::string::npos) << r.out;
    EXPECT_EQ(chart[4].rfind("2023-07 1 #", 0), 0u) << r.out;
    for (const auto& line : chart)
        EXPECT_TRUE(line.empty() || line.find_first_not_of(' ') != std::string::npos) << r.out;
}

TEST_F(CorpusSearch, QueriesFileGivesEachLineTheResultsOfItsOwnRun) {
    // One process for many queries must answer each exactly as a run of its own would.
    const std::vector<std::string> queries = {"'Kim Jong Un'", "김정은 신의주", "flood",
                                              "title:missile", "zzzzqqqx"};
    std::ofstream list(dir_ / "queries.txt");
    for (const auto& q : queries)
        list << q.substr(q.front() == '\'', q.size() - 2 * (q.front() == '\'')) << "\n\n";
    list << "person:\"Nobody At All\"\n";
    list.close();
    const auto r = yalu_search(db(), "--format json --snippet 0 --limit 100 --queries " +
                                         shell_quote(dir_ / "queries.txt"));
    EXPECT_EQ(r.exit_code, 2) << "a bad line makes the batch exit 2";
    EXPECT_NE(r.err.find("queries.txt:11:"), std::string::npos) << r.err;
    std::vector<json> lines;
    std::istringstream in(r.out);
    for (std::string line; std::getline(in, line);) lines.push_back(json::parse(line));
    ASSERT_EQ(lines.size(), queries.size() + 1) << "one JSON line per query, blank lines skipped";
    for (std::size_t k = 0; k < queries.size(); ++k) {
        auto alone = search(queries[k]);
        EXPECT_EQ(lines[k], alone) << queries[k];
    }
    EXPECT_FALSE(lines[0].at("results").empty());
    EXPECT_TRUE(lines[4].at("results").empty());
    EXPECT_NE(lines.back().at("error").get<std::string>().find("Nobody At All"), std::string::npos);

    // Without bad lines: 0 when some query found something, 1 when none did.
    const auto none = run_command("printf 'zzzzqqqx\\n' | " + search_bin() + " --db " +
                                  shell_quote(db()) + " --queries -");
    EXPECT_EQ(none.exit_code, 1) << none.err;
    const auto some = run_command("printf 'flood\\n' | " + search_bin() + " --db " +
                                  shell_quote(db()) + " --queries -");
    EXPECT_EQ(some.exit_code, 0) << some.err;
    EXPECT_EQ(some.out.rfind("== flood\n", 0), 0u) << "text output names each query";
    const auto mixed = yalu_search(db(), "--queries - flood < /dev/null");
    EXPECT_EQ(mixed.exit_code, 2) << "a QUERY and --queries together is a usage error";
}
