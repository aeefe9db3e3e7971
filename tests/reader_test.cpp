// Tests for the input layer: PlainTextReader, XmlReader, JsonlReader, SourceReader, Byline,
// ArticleCompleter, on the real seed file, the corpus/ samples and tests/data/bad/.

#include "test_paths.hpp"
#include "article_completer.hpp"
#include "ascii.hpp"
#include "byline.hpp"
#include "date_period.hpp"
#include "errors.hpp"
#include "jsonl_reader.hpp"
#include "plain_text_reader.hpp"
#include "source_reader.hpp"
#include "utf8.hpp"
#include "xml_reader.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <map>
#include <new>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace yalu {
namespace {

namespace fs = std::filesystem;

fs::path source_dir() {
    return test::source_root();
}

fs::path shared_dir() {
    return test::shared_root();
}

struct Warning {
    SourceLocation location;
    std::string message;
};

// Collects everything a reader delivers, in order.
class CollectingSink : public ArticleSink {
public:
    void accept(Article&& article) override { articles.push_back(std::move(article)); }
    void reject(const Rejection& rejection) override { rejections.push_back(rejection); }
    void warn(const SourceLocation& location, const std::string& message) override {
        warnings.push_back({location, message});
    }

    [[nodiscard]] const Article* find(const std::string& id) const {
        // The last one wins, as in the index (a repeated id replaces the earlier record).
        for (auto it = articles.rbegin(); it != articles.rend(); ++it) {
            if (it->id == id) return &*it;
        }
        return nullptr;
    }

    std::vector<Article> articles;
    std::vector<Rejection> rejections;
    std::vector<Warning> warnings;
};

template <typename Reader>
CollectingSink read_string(const std::string& text, const std::string& path,
                           ReaderSettings settings = {}) {
    CollectingSink sink;
    std::istringstream in(text);
    Reader(settings).read(in, path, sink);
    return sink;
}

CollectingSink read_sources(const std::vector<std::string>& sources, ReaderSettings settings = {}) {
    CollectingSink sink;
    SourceReader(settings).read(sources, sink);
    return sink;
}

std::string bad(const std::string& name) {
    return (source_dir() / "tests/data/bad" / name).string();
}

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

// Whether `sink` holds exactly one rejection and its reason says `text`; else what it holds.
::testing::AssertionResult rejected_once_for(const CollectingSink& sink, const std::string& text) {
    if (sink.rejections.size() != 1)
        return ::testing::AssertionFailure() << sink.rejections.size() << " rejections, not 1";
    if (!contains(sink.rejections[0].reason, text))
        return ::testing::AssertionFailure() << "the reason is: " << sink.rejections[0].reason;
    return ::testing::AssertionSuccess();
}

// ---- the real seed file -------------------------------------------------------------------

TEST(SeedFile, ParsesTheRealHeraldArticle) {
    const fs::path seed = shared_dir() / "seed/000_40a1038d6fae8a00.txt";
    if (!fs::exists(seed)) GTEST_SKIP() << "seed file " << seed << " absent; set YALU_SHARED_DIR";
    const CollectingSink sink = read_sources({seed.string()});
    ASSERT_TRUE(sink.rejections.empty());
    EXPECT_TRUE(sink.warnings.empty());
    ASSERT_EQ(sink.articles.size(), 1u);
    const Article& a = sink.articles.front();
    EXPECT_EQ(a.id, "000_40a1038d6fae8a00");
    ASSERT_TRUE(a.date.has_value());
    EXPECT_EQ(a.date->iso(), "2022-01-17");
    EXPECT_EQ(a.date_origin, DateOrigin::metadata);
    EXPECT_EQ(a.byline, "Ahn Sung-mi");
    EXPECT_EQ(a.email, "sahn@heraldcorp.com");
    EXPECT_EQ(a.source, "The Korea Herald");
    EXPECT_EQ(a.lang, "en");
    // 11 lines: the date line runs into paragraph 1, 9 paragraphs, the byline wraps over 2 lines.
    ASSERT_EQ(a.paragraphs.size(), 9u);
    EXPECT_TRUE(a.paragraphs.front().starts_with(
        "A North Korean cargo train crossed into China on Monday"));
    EXPECT_TRUE(a.paragraphs.back().starts_with("\u201CThrough the latest train operation"));
    EXPECT_TRUE(a.paragraphs.back().ends_with("inter-Korean relations.\u201D"));
    EXPECT_TRUE(a.title_derived);
    EXPECT_EQ(a.title,
              "A North Korean cargo train crossed into China on Monday, following another "
              "train\u2019s trip back "
              "to the North in the first\u2026");
    EXPECT_TRUE(contains(a.body(), "Yalu River railway bridge"));
    EXPECT_FALSE(contains(a.body(), "sahn@"));
    EXPECT_EQ(a.location.line, 1);
}

// ---- corpus/ samples ----------------------------------------------------------------------

struct Expected {
    std::string date;  // "" = no date
    std::string title;
    bool title_derived = false;
    std::string byline;
    std::string email;
    std::string lang;
    std::string source;
    std::size_t paragraphs = 0;
    std::vector<std::string> words;  // must appear in title or body
};

const std::map<std::string, Expected>& corpus_facts() {
    static const std::map<std::string, Expected> facts = {
        {"yalu_bridge_2019",
         {"2019-04-03",
          "Chinese customs officers in Dandong reported a rise in truck traffic over the Yalu "
          "River on Wednesday, the first sign of\u2026",
          true,
          "Park Min-ji",
          "pmj@heraldcorp.com",
          "en",
          "The Korea Herald",
          4,
          {"Sinuiju", "DPRK", "Yalu River"}}},
        {"panmunjom_crlf",
         {"2018-04-27",
          "Moon Jae-in crossed into the northern half of Panmunjom on Friday after shaking hands "
          "with Kim Jong Un over the concrete\u2026",
          true,
          "Choi Ha-eun",
          "",
          "en",
          "",
          4,
          {"Panmunjom", "moon", "Unification Ministry"}}},
        {"unification_ministry_entities",
         {"2023-08-15",
          "The Unification Ministry marked Liberation Day with a call for \"dialogue without "
          "preconditions\" and said it would keep\u2026",
          true,
          "Jung Da-eun",
          "jde@koreatimes.co.kr",
          "en",
          "The Korea Times",
          4,
          {"ministry's budget", "shrink & be", "abductees\u2019 families", "Critics called",
           "step back \u2014 one", "\u201Cno door open\u201D"}}},
        {"sinuiju_flood_ko",
         {"2024-07-30",
          "압록강 하류에 내린 폭우로 평안북도 신의주시와 의주군 일대가 큰 물난리를 겪은 것으로 "
          "전해졌다",
          true,
          "이서준",
          "seojun@yna.co.kr",
          "ko",
          "Yonhap",
          4,
          {"김정은", "통일부는", "북한의", "단둥"}}},
        {"dmz_single",
         {"2020-06-16",
          "North Korea blows up inter-Korean liaison office in Kaesong",
          false,
          "Yoon So-yeon",
          "",
          "en",
          "Sample Daily",
          3,
          {"Kim Yo-jong", "Panmunjom", "Unification Ministry"}}},
        {"xml-2014-family-reunions",
         {"2014-02-20",
          "Separated families meet at Mount Kumgang for the first time in three years",
          false,
          "Kang Eun-ji",
          "ejkang@yna.co.kr",
          "en",
          "Yonhap",
          2,
          {"Mount Kumgang"}}},
        {"xml-2025-beijing-parade",
         {"2025-09-03",
          "Kim Jong Un stands beside Xi at Beijing parade",
          false,
          "Han Ji-woo",
          "jwhan@koreatimes.co.kr",
          "en",
          "Sample Wire",
          2,
          {"leader\u2019s first trip", "DPRK", "Sinuiju", "Dandong"}}},
        {"xml-2025-leaflets-ko",
         {"2025-06-16",
          "통일부, 민간단체에 대북 전단 살포 중단 요청",
          false,
          "정하늘",
          "haneul@yna.co.kr",
          "ko",
          "샘플 통신",
          3,
          {"김정은", "북한의", "판문점"}}},
        {"xml-2025-cdata-customs",
         {"2025-11-20",
          "Customs data released in Dandong showed that trade across the Yalu River rose for a "
          "third month \u2014 mostly wigs &\u2026",
          true,
          "",
          "",
          "en",
          "Sample Wire",
          2,
          {"<b>processing-on-commission</b>", "wigs & eyelashes"}}},
        {"sample-2011-yalu-zone",
         {"2011-06-08",
          "China and North Korea launch joint zone on Yalu River islands",
          false,
          "Lee Min-ho",
          "mhlee@koreatimes.co.kr",
          "en",
          "Sample Wire",
          3,
          {"Hwanggumpyong", "Sinuiju", "Dandong", "DPRK"}}},
        {"sample-2012-first-secretary",
         {"2012-04-11",
          "Kim Jong-un was named first secretary of the Workers' Party of Korea on Wednesday, four "
          "months after the death of his\u2026",
          true,
          "",
          "",
          "en",
          "Sample Wire",
          3,
          {"Kim Jong-un", "Unification Ministry"}}},
        {"sample-2013-kaesong",
         {"2013-04-09",
          "Workers 'withdrawn' from Kaesong & factories idle",
          false,
          "Lee Jung-joo",
          "lee.jungjoo@heraldcorp.com",
          "en",
          "The Korea Herald",
          2,
          {"Kaesong"}}},
        {"sample-2015-talks-ko",
         {"2015-08-25",
          "남북 고위급 접촉 타결…북한의 유감 표명",
          false,
          "김수연",
          "sooyeon@yna.co.kr",
          "ko",
          "Yonhap",
          4,
          {"김정은은", "판문점에서", "통일부는"}}},
        {"sample-2016-sanctions",
         {"2016-03-02",
          "Security Council tightens sanctions on the DPRK",
          false,
          "",
          "",
          "en",
          "Sample Wire",
          3,
          {"Kim Jong Un"}}},
        {"sample-2017-moon-inauguration",
         {"2017-05-10",
          "Moon Jae-in sworn in as South Korea's president",
          false,
          "Seo Yeon-woo",
          "ywseo@joongang.co.kr",
          "en",
          "Sample Daily",
          3,
          {"full moon", "Pyongyang"}}},
        {"sample-2018-panmunjom-declaration",
         {"2018-04-27",
          "Leaders sign Panmunjom Declaration",
          false,
          "",
          "",
          "en",
          "Sample Wire",
          2,
          {"Kim Jong Un", "Moon Jae-in", "Unification Ministry"}}},
        {"sample-2019-south-korea-lowercase",
         {"2019-02-28",
          "KCNA blames \"south Korea\" and Washington after Hanoi",
          false,
          "",
          "",
          "en",
          "Sample Wire",
          2,
          {"\"south Korea\"", "Kim Jong Un"}}},
        {"sample-2020-fullwidth",
         {"2020-10-10",
          "Parade marks party anniversary in Pyongyang",
          false,
          "",
          "",
          "en",
          "Sample Wire",
          2,
          {"ＤＰＲＫ", "ＫＣＮＡ", "（２０２０）"}}},
        {"sample-2021-congress-title",
         {"2021-01-14",
          "\"Strongest\" weapons shown at Party Congress parade \u2014 KCNA",
          false,
          "",
          "",
          "en",
          "Sample Wire",
          2,
          {"world's most powerful"}}},
        {"sample-2022-jamo-ko",
         {"2022-05-12",
          "통일부, 북한의 코로나19 확산 발표에 방역 협력 제안",
          false,
          "",
          "",
          "ko",
          "샘플 통신",
          3,
          {"김정은", "조선중앙통신에"}}},
        {"sample-2026-new-year",
         {"2026-01-01",
          "Kim Jong-un opens the year at a ceremony in Pyongyang",
          false,
          "",
          "",
          "en",
          "Sample Wire",
          2,
          {"speech\u2026 again", "Panmunjom hotline"}}},
        {"wire-2024-dateline",
         {"2024-03-04",
          "North Korea fires short-range missiles into East Sea",
          false,
          "김수연",
          "sooyeon@yna.co.kr",
          "en",
          "Yonhap",
          2,
          {"SEOUL, Mar. 4 (Yonhap)"}}},
        {"wire-2024-relief",
         {"2024-08-02",
          "Seoul offers flood relief to Sinuiju (revised)",
          false,
          "",
          "",
          "en",
          "Sample Wire",
          2,
          {"medicine"}}},
        {"wire-2024-dandong",
         {"2024-09-03",
          "Dandong traders report slower business with the North",
          false,
          "Lee Jung-joo",
          "lee.jungjoo@heraldcorp.com",
          "en",
          "The Korea Herald",
          2,
          {"Yalu River", "Sino-Korean Friendship Bridge"}}},
    };
    return facts;
}

TEST(Corpus, IndexesCleanly) {
    const CollectingSink sink = read_sources({(source_dir() / "corpus").string()});
    for (const auto& r : sink.rejections)
        ADD_FAILURE() << r.location.path << ":" << r.location.line << ": " << r.reason;
    for (const auto& w : sink.warnings)
        ADD_FAILURE() << w.location.path << ":" << w.location.line << ": " << w.message;
    // 25 records, 24 distinct ids: wire-2024-relief appears twice (lines 2 and 4).
    EXPECT_EQ(sink.articles.size(), 25u);
    std::vector<std::string> ids;
    for (const auto& a : sink.articles) ids.push_back(a.id);
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    EXPECT_EQ(ids.size(), 24u);
    EXPECT_EQ(ids.size(), corpus_facts().size());
}

TEST(Corpus, EverySampleHasItsDocumentedFacts) {
    const CollectingSink sink = read_sources({(source_dir() / "corpus").string()});
    for (const auto& [id, want] : corpus_facts()) {
        SCOPED_TRACE(id);
        const Article* a = sink.find(id);
        ASSERT_NE(a, nullptr);
        EXPECT_EQ(a->date ? a->date->iso() : std::string(), want.date);
        EXPECT_EQ(a->title, want.title);
        EXPECT_EQ(a->title_derived, want.title_derived);
        EXPECT_EQ(a->byline, want.byline);
        EXPECT_EQ(a->email, want.email);
        EXPECT_EQ(a->lang, want.lang);
        EXPECT_EQ(a->source, want.source);
        EXPECT_EQ(a->paragraphs.size(), want.paragraphs);
        for (const auto& word : want.words) {
            EXPECT_TRUE(contains(a->title + "\n" + a->body(), word)) << "missing: " << word;
        }
    }
}

TEST(Corpus, DatelineFallbackTakesTheYearFromTheFileName) {
    const CollectingSink sink =
        read_sources({(source_dir() / "corpus/jsonl/wire_2024.jsonl").string()});
    const Article* a = sink.find("wire-2024-dateline");
    ASSERT_NE(a, nullptr);
    EXPECT_EQ(a->date_origin, DateOrigin::dateline);
    EXPECT_EQ(a->location.line, 1);
    EXPECT_EQ(sink.find("wire-2024-dandong")->date_origin, DateOrigin::metadata);
}

TEST(Corpus, RepeatedIdIsDeliveredTwiceInOrder) {
    const CollectingSink sink =
        read_sources({(source_dir() / "corpus/jsonl/wire_2024.jsonl").string()});
    std::vector<long> lines;
    for (const auto& a : sink.articles) {
        if (a.id == "wire-2024-relief") lines.push_back(a.location.line);
    }
    EXPECT_EQ(lines, (std::vector<long>{2, 4}));
}

TEST(Corpus, FilesAreReadInSortedPathOrder) {
    const CollectingSink sink = read_sources({(source_dir() / "corpus").string()});
    std::vector<std::string> paths;
    for (const auto& a : sink.articles) {
        if (paths.empty() || paths.back() != a.location.path) paths.push_back(a.location.path);
    }
    EXPECT_TRUE(std::is_sorted(paths.begin(), paths.end()));
    EXPECT_EQ(paths.size(), 8u);
}

TEST(Corpus, XmlRecordsKnowTheirLines) {
    const CollectingSink sink =
        read_sources({(source_dir() / "corpus/xml/collection_2025.xml").string()});
    ASSERT_EQ(sink.articles.size(), 4u);
    EXPECT_EQ(sink.articles[0].location.line, 4);
    EXPECT_EQ(sink.articles[3].location.line, 33);
}

// ---- bad inputs ---------------------------------------------------------------------------

TEST(BadInput, BrokenXmlIsRejectedWithItsLine) {
    const CollectingSink sink = read_sources({bad("broken.xml")});
    EXPECT_TRUE(sink.articles.empty());
    ASSERT_EQ(sink.rejections.size(), 1u);
    EXPECT_EQ(sink.rejections[0].location.path, bad("broken.xml"));
    EXPECT_EQ(sink.rejections[0].location.line, 6);
    EXPECT_TRUE(contains(sink.rejections[0].reason, "broken XML"));
    EXPECT_TRUE(contains(sink.rejections[0].reason, "line 6"));
    EXPECT_TRUE(contains(sink.rejections[0].reason, "fix the markup"));
}

TEST(BadInput, WrongXmlRootIsRejected) {
    const CollectingSink sink = read_sources({bad("wrong_root.xml")});
    ASSERT_EQ(sink.rejections.size(), 1u);
    EXPECT_EQ(sink.rejections[0].location.line, 2);
    EXPECT_TRUE(contains(sink.rejections[0].reason, "<story>"));
}

TEST(BadInput, InvalidUtf8IsRepairedAndWarnedWithItsLine) {
    const CollectingSink sink = read_sources({bad("invalid_utf8.txt")});
    ASSERT_EQ(sink.articles.size(), 1u);
    ASSERT_EQ(sink.warnings.size(), 1u);
    EXPECT_EQ(sink.warnings[0].location.path, bad("invalid_utf8.txt"));
    EXPECT_EQ(sink.warnings[0].location.line, 3);
    EXPECT_TRUE(contains(sink.warnings[0].message, "3 invalid UTF-8"));
    EXPECT_TRUE(contains(sink.articles[0].body(),
                         "bad bytes here: \uFFFD\uFFFD and a lone \uFFFD( in it."));
    EXPECT_EQ(sink.articles[0].byline, "Test Writer");
}

// "압록강 하류에 내린 폭우로 신의주시 일대가 큰 물난리를 겪었다." in EUC-KR (legacy Korean):
// repaired as UTF-8 it was all U+FFFD, indexed with a warning and never found.
const std::string kEucKr =
    "\xbe\xd0\xb7\xcf\xb0\xad\x20\xc7\xcf\xb7\xf9\xbf\xa1\x20\xb3\xbb\xb8\xb0\x20\xc6"
    "\xf8\xbf\xec\xb7\xce\x20\xbd\xc5\xc0\xc7\xc1\xd6\xbd\xc3\x20\xc0\xcf\xb4\xeb\xb0"
    "\xa1\x20\xc5\xab\x20\xb9\xb0\xb3\xad\xb8\xae\xb8\xa6\x20\xb0\xde\xbe\xfa\xb4\xd9.";

TEST(BadInput, TextThatIsNotUtf8IsRejectedInEveryFormatNamingIconv) {
    const auto check = [](const CollectingSink& sink, const std::string& id, long line) {
        // Only the JSON Lines file holds another (good) record.
        EXPECT_EQ(sink.articles.size(), id == "ek-1" ? 1u : 0u);
        ASSERT_EQ(sink.rejections.size(), 1u);
        EXPECT_EQ(sink.rejections[0].id, id);
        EXPECT_EQ(sink.rejections[0].location.line, line);
        EXPECT_TRUE(contains(sink.rejections[0].reason, "not UTF-8")) << sink.rejections[0].reason;
        EXPECT_TRUE(contains(sink.rejections[0].reason, "iconv -f CP949 -t UTF-8"))
            << sink.rejections[0].reason;
    };
    check(
        read_string<PlainTextReader>(" date 2024-07-30\nFlood.\n" + kEucKr + "\n", "ek/flood.txt"),
        "flood", 3);
    check(read_string<JsonlReader>("{\"id\":\"ok\",\"date\":\"2024-07-30\",\"body\":\"Fine.\"}\n"
                                   "{\"id\":\"ek-1\",\"date\":\"2024-07-30\",\"body\":\"" +
                                       kEucKr + "\"}\n",
                                   "ek.jsonl"),
          "ek-1", 2);
    check(read_string<XmlReader>("<article id=\"ek-2\" date=\"2024-07-30\">\n<body><p>" + kEucKr +
                                     "</p></body></article>\n",
                                 "ek.xml"),
          "", 2);
}

TEST(BadInput, AFewStrayBytesInUtf8TextAreStillRepaired) {
    // Five stray Latin-1 bytes beside real UTF-8 Korean: a quarter of the non-ASCII bytes is
    // not reached, so the article is indexed with the usual warning.
    const std::string text =
        " date 2024-07-30 압록강 하류에 내린 폭우로 신의주시 일대가 큰 "
        "물난리를 겪었다. caf\xe9 \xe9t\xe9 na\xefve r\xe9sum\xe9\n";
    const CollectingSink sink = read_string<PlainTextReader>(text, "stray.txt");
    ASSERT_EQ(sink.articles.size(), 1u);
    EXPECT_TRUE(sink.rejections.empty());
    ASSERT_EQ(sink.warnings.size(), 1u);
    EXPECT_TRUE(contains(sink.warnings[0].message, "6 invalid UTF-8"));
}

TEST(BadInput, ControlCharactersInTextAreRemovedAndWarnedWithTheirLine) {
    // On the first line (what a title is derived from) and in the body: one warning, naming
    // the file and the first one's line, worded as the JSON Lines reader words it.
    const CollectingSink first = read_string<PlainTextReader>(
        " date 2022-01-17 Bell\x01\x07ringer in Wonsan.\nBody\x01"
        "again.",
        "in/c1.txt");
    ASSERT_EQ(first.articles.size(), 1u);
    EXPECT_EQ(first.articles[0].paragraphs,
              (std::vector<std::string>{"Bell ringer in Wonsan.", "Body again."}));
    ASSERT_EQ(first.warnings.size(), 1u);
    EXPECT_EQ(first.warnings[0].location.path, "in/c1.txt");
    EXPECT_EQ(first.warnings[0].location.line, 1);
    EXPECT_TRUE(contains(first.warnings[0].message,
                         "3 control character(s) (such as \\u0001) in the file (first on line 1) "
                         "removed, a space where they stood between words"))
        << first.warnings[0].message;
    const CollectingSink later = read_string<PlainTextReader>(
        " date 2022-01-17 Clean.\r\nStill clean.\r\nA C1 one\u0085here.", "c2.txt");
    ASSERT_EQ(later.warnings.size(), 1u);
    EXPECT_EQ(later.warnings[0].location.line, 3);
    EXPECT_TRUE(contains(later.warnings[0].message, "1 control character(s) (such as \\u0085)"))
        << later.warnings[0].message;
    const CollectingSink jsonl = read_string<JsonlReader>(
        R"({"id": "j", "date": "2022-01-17", "body": "Bell\u0001ringer."})", "c.jsonl");
    ASSERT_EQ(jsonl.warnings.size(), 1u);
    EXPECT_TRUE(contains(jsonl.warnings[0].message,
                         "1 control character(s) (such as \\u0001) in record 'j' removed, a "
                         "space where they stood between words"))
        << jsonl.warnings[0].message;
}

TEST(BadInput, MissingDateWarnsOrRejects) {
    CollectingSink sink = read_sources({bad("missing_date.txt")});
    ASSERT_EQ(sink.articles.size(), 1u);
    EXPECT_FALSE(sink.articles[0].date.has_value());
    EXPECT_EQ(sink.articles[0].date_origin, DateOrigin::none);
    ASSERT_EQ(sink.warnings.size(), 1u);
    EXPECT_EQ(sink.warnings[0].location.line, 1);
    EXPECT_TRUE(contains(sink.warnings[0].message, "no date"));

    sink = read_sources({bad("missing_date.txt")}, ReaderSettings{.require_date = true});
    EXPECT_TRUE(sink.articles.empty());
    ASSERT_EQ(sink.rejections.size(), 1u);
    EXPECT_EQ(sink.rejections[0].id, "missing_date");
    EXPECT_TRUE(contains(sink.rejections[0].reason, "no date"));
}

TEST(BadInput, ImpossibleDateWarnsNamingTheValueOrRejects) {
    CollectingSink sink = read_sources({bad("impossible_date.txt")});
    ASSERT_EQ(sink.articles.size(), 1u);
    EXPECT_FALSE(sink.articles[0].date.has_value());
    ASSERT_EQ(sink.warnings.size(), 1u);
    EXPECT_TRUE(contains(sink.warnings[0].message, "2022-02-30"));

    sink = read_sources({bad("impossible_date.txt")}, ReaderSettings{.require_date = true});
    EXPECT_TRUE(sink.articles.empty());
    ASSERT_TRUE(rejected_once_for(sink, "2022-02-30"));
}

TEST(BadInput, EmptyAndBlankFilesAreAlwaysRejected) {
    for (const std::string name : {"empty.txt", "whitespace_only.txt"}) {
        SCOPED_TRACE(name);
        const CollectingSink sink = read_sources({bad(name)});
        EXPECT_TRUE(sink.articles.empty());
        ASSERT_EQ(sink.rejections.size(), 1u);
        EXPECT_EQ(sink.rejections[0].location.path, bad(name));
        EXPECT_EQ(sink.rejections[0].location.line, 1);
        EXPECT_TRUE(contains(sink.rejections[0].reason, "empty file"));
    }
}

TEST(BadInput, AJsonlFileWithNoRecordIsRejectedWithoutAnId) {
    for (const std::string& text :
         {std::string(), std::string("\n \t\n\r\n"), std::string("\xEF\xBB\xBF\n")}) {
        SCOPED_TRACE(testing::PrintToString(text));
        const CollectingSink sink = read_string<JsonlReader>(text, "empty.jsonl");
        EXPECT_TRUE(sink.articles.empty());
        ASSERT_EQ(sink.rejections.size(), 1u);
        EXPECT_EQ(sink.rejections[0].location.line, 1);
        EXPECT_TRUE(sink.rejections[0].id.empty());
        EXPECT_TRUE(contains(sink.rejections[0].reason, "empty file"));
    }
    // An empty pipe is the run's to judge (exit 66: the sources held no article).
    EXPECT_TRUE(read_string<JsonlReader>("", "-").rejections.empty());
}

TEST(BadInput, MixedJsonlRejectsBadLinesAndKeepsTheGoodOnes) {
    const CollectingSink sink = read_sources({bad("mixed.jsonl")});
    std::vector<std::string> accepted;
    for (const auto& a : sink.articles) accepted.push_back(a.id);
    EXPECT_EQ(accepted, (std::vector<std::string>{"mixed-good-1", "mixed-good-2", "mixed-bad-utf8",
                                                  "mixed-impossible-date", "mixed-good-3"}));
    std::vector<long> rejected_lines;
    for (const auto& r : sink.rejections) {
        EXPECT_EQ(r.location.path, bad("mixed.jsonl"));
        rejected_lines.push_back(r.location.line);
    }
    // 2 bad JSON, 4 no id, 5 empty body, 8 not an object, 10 title is a number (3 is blank).
    EXPECT_EQ(rejected_lines, (std::vector<long>{2, 4, 5, 8, 10}));
    EXPECT_TRUE(contains(sink.rejections[0].reason, "bad JSON"));
    EXPECT_TRUE(contains(sink.rejections[1].reason, "without id"));
    EXPECT_TRUE(contains(sink.rejections[2].reason, "empty body"));
    EXPECT_EQ(sink.rejections[2].id, "mixed-empty-body");
    ASSERT_EQ(sink.warnings.size(), 2u);
    EXPECT_EQ(sink.warnings[0].location.line, 7);
    EXPECT_TRUE(contains(sink.warnings[0].message, "invalid UTF-8"));
    EXPECT_EQ(sink.warnings[1].location.line, 9);
    EXPECT_TRUE(contains(sink.warnings[1].message, "2022-02-30"));
    EXPECT_EQ(sink.articles.back().location.line, 11);
}

TEST(BadInput, XmlArticlesProblemsAreReportedPerArticle) {
    const CollectingSink sink = read_sources({bad("articles_problems.xml")});
    std::vector<std::string> accepted;
    for (const auto& a : sink.articles) accepted.push_back(a.id);
    EXPECT_EQ(accepted, (std::vector<std::string>{"xmlbad-good-1", "xmlbad-impossible-date",
                                                  "xmlbad-no-date", "xmlbad-good-2"}));
    ASSERT_EQ(sink.rejections.size(), 2u);
    EXPECT_EQ(sink.rejections[0].location.line, 6);
    EXPECT_TRUE(contains(sink.rejections[0].reason, "without id"));
    EXPECT_EQ(sink.rejections[1].location.line, 12);
    EXPECT_EQ(sink.rejections[1].id, "xmlbad-empty-body");
    EXPECT_TRUE(contains(sink.rejections[1].reason, "empty body"));
    ASSERT_EQ(sink.warnings.size(), 2u);
    EXPECT_EQ(sink.warnings[0].location.line, 9);
    EXPECT_TRUE(contains(sink.warnings[0].message, "2022-02-30"));
    EXPECT_EQ(sink.warnings[1].location.line, 16);
}

// An <articles> file that yields no article (an export that wrote only its root, or wrapped its
// articles in an element Yalu does not know) must not let --prune delete what it held.
TEST(BadInput, AnXmlFileWithNoArticleIsRejectedWithoutAnId) {
    const std::string article =
        "<article id='n-1' date='2022-03-23'><body><p>Text.</p></body></article>";
    struct Case {
        std::string text;
        long line;
        std::vector<std::string> said;
    };
    const std::vector<Case> cases = {
        {"<articles/>", 1, {"empty file: <articles> holds no <article> at all"}},
        {"<?xml version='1.0'?>\n<articles>\n  <!-- nothing tonight -->\n</articles>\n",
         2,
         {"empty file: <articles> holds no <article> at all"}},
        {"<articles>\n<meta>x</meta>\n<note/>\n</articles>",
         1,
         {"holds no <article>, only 2 element(s) Yalu does not know, the first <meta> (line 2)"}},
        {"<articles>\n<batch>\n" + article + "\n<day>" + article + "</day></batch>\n</articles>",
         1,
         {"no article read", "2 <article> element(s) are nested inside <batch> (line 2)",
          "<article> must be a direct child of <articles>", "move them out of <batch>"}},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.text);
        const CollectingSink sink = read_string<XmlReader>(c.text, "a.xml");
        EXPECT_TRUE(sink.articles.empty());
        // The rejection says it all; warnings about the same elements would repeat it.
        EXPECT_TRUE(sink.warnings.empty());
        ASSERT_EQ(sink.rejections.size(), 1u);
        EXPECT_EQ(sink.rejections[0].location.path, "a.xml");
        EXPECT_EQ(sink.rejections[0].location.line, c.line);
        EXPECT_TRUE(sink.rejections[0].id.empty());
        for (const std::string& words : c.said)
            EXPECT_TRUE(contains(sink.rejections[0].reason, words)) << sink.rejections[0].reason;
        EXPECT_TRUE(contains(sink.rejections[0].reason, "its articles were not pruned"));
    }
}

// Beside articles read, a wrapper's articles are each rejected under their id (the file is not
// empty): a night with --prune keeps what an earlier export had indexed of them.
TEST(BadInput, XmlArticlesNestedBesideReadOnesAreRejectedUnderTheirIds) {
    const CollectingSink sink = read_string<XmlReader>(
        "<articles>\n"
        "<article id='g-1' date='2022-03-23'><body><p>Good.</p></body></article>\n"
        "<batch>\n<article id='n-1' date='2022-03-23'><body><p>Nested.</p></body></article>\n"
        "<part><article id='n-2' date='2022-03-23'><body><p>Deeper.</p></body></article></part>\n"
        "</batch>\n<meta/>\n</articles>",
        "a.xml");
    ASSERT_EQ(sink.articles.size(), 1u);
    EXPECT_EQ(sink.articles[0].id, "g-1");
    ASSERT_EQ(sink.rejections.size(), 2u);
    EXPECT_EQ(sink.rejections[0].id, "n-1");
    EXPECT_EQ(sink.rejections[0].location.line, 4);
    EXPECT_TRUE(contains(sink.rejections[0].reason,
                         "<article> nested inside <batch> (line 3), an element Yalu does not "
                         "know, was not read: <article> must be a direct child of <articles>"))
        << sink.rejections[0].reason;
    EXPECT_EQ(sink.rejections[1].id, "n-2");
    EXPECT_EQ(sink.rejections[1].location.line, 5);
    ASSERT_EQ(sink.warnings.size(), 2u);
    EXPECT_EQ(sink.warnings[0].location.line, 3);
    EXPECT_TRUE(contains(sink.warnings[0].message, "unknown element <batch> in <articles> ignored"))
        << sink.warnings[0].message;
    EXPECT_EQ(sink.warnings[1].location.line, 7);
    EXPECT_TRUE(contains(sink.warnings[1].message, "unknown element <meta> in <articles> ignored;"))
        << sink.warnings[1].message;
}

// `levels` <b> elements, each inside the one before, around the word "deep".
std::string nested_bold(std::size_t levels) {
    std::string text;
    text.reserve(levels * 7 + 4);
    for (std::size_t i = 0; i < levels; ++i) text += "<b>";
    text += "deep";
    for (std::size_t i = 0; i < levels; ++i) text += "</b>";
    return text;
}

// Deep nesting (an exporter that never closes its inline tags) overflowed the stack of the
// recursive text walk: yalu-index died with a segfault, naming no file and indexing nothing.
TEST(BadInput, XmlNestedTooDeepRejectsTheFileInsteadOfCrashing) {
    const std::string deep = nested_bold(200000);
    const std::string good =
        "<article id='g-1' date='2022-03-23'><body><p>Good.</p></body></article>";
    const std::vector<std::string> cases = {
        // In a paragraph, as QA found it; in an <articles> file beside a good article; in a
        // wrapper Yalu does not know, which is searched for articles.
        "<article id='d-1' date='2022-03-23'>\n<body>\n<p>" + deep + "</p></body></article>",
        "<articles>\n" + good + "\n<article id='d-1' date='2022-03-23'><body><p>" + deep +
            "</p></body></article></articles>",
        "<articles>" + good + "\n<batch>\n" + deep + "</batch></articles>",
    };
    for (const std::string& text : cases) {
        SCOPED_TRACE(text.substr(0, 120));
        const CollectingSink sink = read_string<XmlReader>(text, "deep.xml");
        EXPECT_TRUE(sink.articles.empty());
        EXPECT_TRUE(sink.warnings.empty());
        ASSERT_EQ(sink.rejections.size(), 1u);
        const Rejection& r = sink.rejections[0];
        EXPECT_EQ(r.location.path, "deep.xml");
        EXPECT_EQ(r.location.line, 3);
        // Without an id, as broken XML: the file could hold any article, so nothing is pruned.
        EXPECT_TRUE(r.id.empty());
        EXPECT_TRUE(contains(r.reason, "elements nested deeper than " +
                                           std::to_string(XmlReader::max_depth) + " levels"))
            << r.reason;
        EXPECT_TRUE(contains(r.reason, "<b> at line 3")) << r.reason;
    }
}

// The limit counts every element from the root: an article at exactly max_depth is read whole.
// An empty .xml file and one cut off by a failed export or a full disk were "broken XML: No
// document element found" and "Start-end tags mismatch", with advice about '<' in text; an
// empty .txt or .jsonl file says "empty file", and the cut is no markup mistake to look for.
TEST(BadInput, AnEmptyOrCutOffXmlFileSaysSoNotWhichMarkupToFix) {
    for (const std::string empty : {"", "\n\n", "<?xml version='1.0'?>\n", "<!-- none -->\n"}) {
        const CollectingSink sink = read_string<XmlReader>(empty, "e.xml");
        ASSERT_EQ(sink.rejections.size(), 1u) << empty;
        EXPECT_EQ(sink.rejections[0].location.line, 1) << empty;
        EXPECT_EQ(sink.rejections[0].id, "") << empty;
        EXPECT_TRUE(contains(sink.rejections[0].reason, "empty file: no XML element at all"))
            << sink.rejections[0].reason;
    }
    const CollectingSink cut = read_string<XmlReader>(
        "<?xml version='1.0'?>\n<articles>\n<article id='t1' date='2024-01-01'><body><p>One."
        "</p></body></article>\n<article id='t2' date='2024-01-01'><body><p>Two is cut",
        "c.xml");
    EXPECT_TRUE(cut.articles.empty());
    ASSERT_EQ(cut.rejections.size(), 1u);
    EXPECT_EQ(cut.rejections[0].location.line, 4);
    EXPECT_TRUE(contains(cut.rejections[0].reason,
                         "the file ends at line 4 before <articles> (line 2) is closed: cut off"))
        << cut.rejections[0].reason;
    EXPECT_FALSE(contains(cut.rejections[0].reason, "&lt;")) << cut.rejections[0].reason;
}

// One unclosed or misspelt tag in one article of an <articles> file rejected the whole file
// (every article in it, and --prune held back for the night). Each article is read on its own
// once the file does not parse: the well-formed ones are indexed, the broken one is rejected
// under its id with its line, so its indexed copy is kept.
TEST(BadInput, OneBrokenArticleOfACollectionRejectsOnlyThatArticle) {
    const std::string head = "<?xml version=\"1.0\"?>\n<articles>\n";
    const std::string a = "<article id='a' date='2024-01-01'><body><p>One.</p></body></article>\n";
    const std::string c =
        "<article id='c' date='2024-01-03'><body><p>Three.</p></body></article>\n";
    struct Case {
        std::string b;  // line 4
        long line;      // the rejection's
        std::string said;
    };
    for (const Case& k : std::vector<Case>{
             {"<article id='b' date='2024-01-02'><body><p>Two.</body></article>\n", 4,
              "broken XML in article 'b' (line 4): Start-end tags mismatch at line 4"},
             {"<article id='b' date='2024-01-02'>\n<body><p>Two.</p></bdy>\n</article>\n", 5,
              "Start-end tags mismatch at line 5"},
             // Its </article> missing: it runs into the next article.
             {"<article id='b' date='2024-01-02'><body><p>Two.</p></body>\n", 4,
              "<article> (line 4) is not closed before the next <article> (line 5)"},
             {"<article id='b' date='2024-01-02'><body><p>1 < 2</p></body></article>\n", 4,
              "a '<' in text must be written &lt;"}}) {
        const CollectingSink sink =
            read_string<XmlReader>(head + a + k.b + c + "</articles>\n", "m.xml");
        ASSERT_EQ(sink.articles.size(), 2u) << k.b;
        EXPECT_EQ(sink.articles[0].id, "a");
        EXPECT_EQ(sink.articles[0].location.line, 3);
        EXPECT_EQ(sink.articles[1].id, "c");
        EXPECT_EQ(sink.articles[1].paragraphs, std::vector<std::string>{"Three."});
        ASSERT_EQ(sink.rejections.size(), 1u) << k.b;
        const Rejection& r = sink.rejections[0];
        EXPECT_EQ(r.id, "b");
        EXPECT_EQ(r.location.line, k.line) << r.reason;
        EXPECT_TRUE(contains(r.reason, k.said)) << r.reason;
        EXPECT_TRUE(contains(r.reason, "the file's other articles were read")) << r.reason;
    }
    // A broken article whose id cannot be read is rejected without one (nothing is pruned).
    const CollectingSink no_id = read_string<XmlReader>(
        head + a + "<article id='b date='2024-01-02'><body><p>Two.</p></body></article>\n" + c +
            "</articles>\n",
        "m.xml");
    EXPECT_EQ(no_id.articles.size(), 2u);
    ASSERT_EQ(no_id.rejections.size(), 1u);
    EXPECT_EQ(no_id.rejections[0].id, "");
    EXPECT_EQ(no_id.rejections[0].location.line, 4);
    // Markup broken between two articles is no article's: rejected without an id, naming its
    // line; the articles around it are read.
    const CollectingSink between =
        read_string<XmlReader>(head + a + "<note>\n" + c + "</articles>\n", "m.xml");
    EXPECT_EQ(between.articles.size(), 2u);
    ASSERT_EQ(between.rejections.size(), 1u);
    EXPECT_EQ(between.rejections[0].id, "");
    EXPECT_EQ(between.rejections[0].location.line, 4);
    EXPECT_TRUE(contains(between.rejections[0].reason, "between articles"))
        << between.rejections[0].reason;
    // A file also cut off before </articles> could have held more: rejected without an id too.
    const CollectingSink cut = read_string<XmlReader>(
        head + a + "<article id='b' date='2024-01-02'><body><p>Two.</body></article>\n" + c,
        "m.xml");
    EXPECT_EQ(cut.articles.size(), 2u);
    ASSERT_EQ(cut.rejections.size(), 2u);
    EXPECT_EQ(cut.rejections[0].id, "b");
    EXPECT_EQ(cut.rejections[1].id, "");
    EXPECT_TRUE(contains(cut.rejections[1].reason, "cut off")) << cut.rejections[1].reason;
    // The record limit still holds for the articles read one by one.
    const CollectingSink big = read_string<XmlReader>(
        head + "<article id='big' date='2024-01-01'><body><p>" + std::string(2000, 'x') +
            "</p></body></article>\n" +
            "<article id='b' date='2024-01-02'><body><p>Two.</body></article>\n" + c +
            "</articles>\n",
        "m.xml", ReaderSettings{.max_record_bytes = 1000});
    ASSERT_EQ(big.articles.size(), 1u);
    EXPECT_EQ(big.articles[0].id, "c");
    ASSERT_EQ(big.rejections.size(), 2u);
    EXPECT_EQ(big.rejections[0].id, "big");
    EXPECT_TRUE(contains(big.rejections[0].reason, "larger than")) << big.rejections[0].reason;
    EXPECT_EQ(big.rejections[1].id, "b");
}

TEST(XmlReader, NestingUpToTheLimitIsRead) {
    const auto read = [](std::size_t levels) {
        // <article>, <body> and <p> are three of the levels.
        return read_string<XmlReader>("<article id='n' date='2022-03-23'><body><p>" +
                                          nested_bold(levels - 3) + "</p></body></article>",
                                      "n.xml");
    };
    const CollectingSink at_limit = read(XmlReader::max_depth);
    EXPECT_TRUE(at_limit.rejections.empty());
    ASSERT_EQ(at_limit.articles.size(), 1u);
    EXPECT_EQ(at_limit.articles[0].paragraphs, std::vector<std::string>{"deep"});
    const CollectingSink past = read(XmlReader::max_depth + 1);
    EXPECT_TRUE(past.articles.empty());
    ASSERT_EQ(past.rejections.size(), 1u);
    EXPECT_TRUE(contains(past.rejections[0].reason,
                         "opens level " + std::to_string(XmlReader::max_depth + 1)))
        << past.rejections[0].reason;
}

TEST(XmlReader, ControlCharactersAreRemovedAndWarnedPerArticle) {
    const CollectingSink sink = read_string<XmlReader>(
        "<articles>\n<article id='c-1' date='2022-03-23'><title>Bell\x07 ringer</title>"
        "<body><p>Body\x01text.</p></body></article>\n</articles>",
        "c.xml");
    ASSERT_EQ(sink.articles.size(), 1u);
    EXPECT_EQ(sink.articles[0].title, "Bell ringer");
    ASSERT_EQ(sink.warnings.size(), 1u);
    EXPECT_EQ(sink.warnings[0].location.line, 2);
    EXPECT_TRUE(contains(sink.warnings[0].message,
                         "2 control character(s) (such as \\u0007) in "
                         "article 'c-1' removed"))
        << sink.warnings[0].message;
}

// pugixml keeps a reference it does not know as literal text: `&kju;` would be indexed as
// "&kju;". Not well-formed XML, so, like broken XML, the file is rejected without an id (an
// <articles> file only when the reference is outside its articles: see the next test).
TEST(BadInput, AnXmlReferenceNothingExpandsRejectsTheFileNamingItAndItsLine) {
    struct Case {
        std::string text;
        long line;
        std::vector<std::string> said;
    };
    const std::string body = "<body><p>Text.</p></body></article>";
    const std::vector<Case> cases = {
        // An entity a DOCTYPE declares (Yalu does not expand those).
        {"<?xml version=\"1.0\"?>\n<!DOCTYPE article [<!ENTITY kju \"Kim Jong Un\">]>\n"
         "<article id=\"x-dtd\" date=\"2022-03-16\"><title>&kju; visits</title><body><p>&kju; "
         "went to Wonsan &nbsp; &mdash; done.</p></body></article>\n",
         3,
         {"undefined entity &kju; at line 3: XML defines only &amp; &lt; &gt; &quot; &apos; and "
          "numeric references such as &#160;",
          "does not expand entities declared in a DOCTYPE", "or &amp;kju; for the text &kju;"}},
        // In the attribute of an <articles> file's root, which every article is read under.
        {"<articles note='&kju;'>\n<article id='a' date='2022-01-01'>" + body + "\n</articles>",
         1,
         {"undefined entity &kju; at line 1"}},
        // ... and in one that holds no article, which cannot be split into articles.
        {"<articles note='&kju;'/>", 1, {"undefined entity &kju; at line 1"}},
        // In an attribute value.
        {"<article id='&kju;' date='2022-01-01'>" + body, 1, {"undefined entity &kju; at line 1"}},
        // Numeric references that are no number, or name no character (pugixml would cut the
        // text at &#0;).
        {"<article id='n' date='2022-01-01'>\n<title>1&#12a;2</title>" + body,
         2,
         {"character reference &#12a; at line 2 is malformed or names no character",
          "&amp;#12a; for the text &#12a;"}},
        {"<article id='n' date='2022-01-01'><title>a&#0;b</title>" + body,
         1,
         {"character reference &#0; at line 1"}},
        {"<article id='n' date='2022-01-01'><title>a&#x110000;b</title>" + body,
         1,
         {"character reference &#x110000;"}},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.text);
        const CollectingSink sink = read_string<XmlReader>(c.text, "x_dtdent.xml");
        EXPECT_TRUE(sink.articles.empty());
        ASSERT_EQ(sink.rejections.size(), 1u);
        EXPECT_EQ(sink.rejections[0].location.path, "x_dtdent.xml");
        EXPECT_EQ(sink.rejections[0].location.line, c.line);
        EXPECT_TRUE(sink.rejections[0].id.empty());
        for (const std::string& words : c.said)
            EXPECT_TRUE(contains(sink.rejections[0].reason, words)) << sink.rejections[0].reason;
    }
}

// In an <articles> file, like an unclosed tag, the reference costs only its article, rejected
// under its id (so --prune keeps its indexed copy); the file's other articles are read.
TEST(BadInput, AnXmlReferenceNothingExpandsInOneArticleRejectsOnlyThatArticle) {
    // A typo of an HTML entity, in the second article; the ones in CDATA and a comment before
    // it are literal text and not counted. The third article uses an entity a DOCTYPE declares.
    const std::string text =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE articles [<!ENTITY kju \"Kim Jong Un\">]>\n"
        "<articles>\n<article id='a' date='2022-01-01'><body><![CDATA[&kju;\n&mdsah;]]>\n"
        "<!-- &kju;\n --></body></article>\n<article id='b' date='2022-01-02'><body><p>1 "
        "&mdsah; 2</p></body></article>\n<article id='c' date='2022-01-03'>\n<title>&kju; "
        "visits</title><body><p>Text.</p></body></article>\n<article id='d' "
        "date='2022-01-04'><body><p>A &amp;kju; B &mdash; C</p></body></article>\n</articles>";
    const CollectingSink sink = read_string<XmlReader>(text, "x_refs.xml");
    std::vector<std::string> read, rejected;
    for (const Article& article : sink.articles) read.push_back(article.id);
    for (const auto& rejection : sink.rejections) rejected.push_back(rejection.id);
    ASSERT_EQ(read, (std::vector<std::string>{"a", "d"}));
    ASSERT_EQ(rejected, (std::vector<std::string>{"b", "c"}));
    EXPECT_EQ(sink.articles[1].body(), "A &kju; B \u2014 C");
    EXPECT_EQ(sink.rejections[0].location.line, 8);
    EXPECT_TRUE(contains(sink.rejections[0].reason, "undefined entity &mdsah; at line 8"))
        << sink.rejections[0].reason;
    EXPECT_TRUE(contains(sink.rejections[0].reason, "the file's other articles were read"))
        << sink.rejections[0].reason;
    EXPECT_EQ(sink.rejections[1].location.line, 10);
    EXPECT_TRUE(contains(sink.rejections[1].reason, "undefined entity &kju; at line 10"))
        << sink.rejections[1].reason;
}

TEST(BadInput, HugeJsonlLineIsRejectedWithoutStoppingTheFile) {
    // Generated here rather than committed: 17 MiB against the default 16 MiB limit.
    const std::string huge =
        "{\"id\": \"huge\", \"body\": \"" + std::string(17u * 1024 * 1024, 'x') + "\"}";
    const std::string text =
        "{\"id\": \"before\", \"date\": \"2021-01-01\", \"body\": \"Before.\"}\n" + huge +
        "\n{\"id\": \"after\", \"date\": \"2021-01-02\", \"body\": \"After.\"}\n";
    const CollectingSink sink = read_string<JsonlReader>(text, "huge.jsonl");
    ASSERT_EQ(sink.articles.size(), 2u);
    EXPECT_EQ(sink.articles[1].id, "after");
    EXPECT_EQ(sink.articles[1].location.line, 3);
    ASSERT_EQ(sink.rejections.size(), 1u);
    EXPECT_EQ(sink.rejections[0].location.line, 2);
    EXPECT_TRUE(
        contains(sink.rejections[0].reason, "larger than the record limit (--max-record-mb 16)"))
        << sink.rejections[0].reason;
    // Its id, read from the line's first bytes, keeps --prune on for the night.
    EXPECT_EQ(sink.rejections[0].id, "huge");
}

TEST(BadInput, AnOversizedJsonlLineIsNamedByItsOwnIdOnly) {
    ReaderSettings settings;
    settings.max_record_bytes = 200;
    const std::string body(300, 'x');
    const std::string text =
        "{\"meta\": {\"id\": \"inner\"}, \"note\": \"\\\"id\\\": \\\"quoted\\\"\", "
        "\"id\" : 42, \"body\": \"" +
        body + "\"}\n" + "{\"body\": \"" + body + "\", \"id\": \"late\"}\n" +
        "{\"id\": \"esc\\u0041\", \"body\": \"" + body + "\"}\n";
    const CollectingSink sink = read_string<JsonlReader>(text, "big.jsonl", settings);
    ASSERT_EQ(sink.rejections.size(), 3u);
    // Not the nested "id" nor the one inside a string: the record's own.
    EXPECT_EQ(sink.rejections[0].id, "42");
    // Past the bytes kept: no id rather than a wrong one; an escaped one decoded as JSON reads it.
    EXPECT_EQ(sink.rejections[1].id, "");
    EXPECT_EQ(sink.rejections[2].id, "escA");
}

TEST(BadInput, NumberTooLargeForJsonIsRejectedWithoutStoppingTheFile) {
    // Found by fuzzing: nlohmann::json throws out_of_range, not parse_error, for such numbers.
    const std::string text = "{\"id\": \"before\", \"body\": \"Before.\"}\n" +
                             std::string(70, '8') + "E" + std::string(70, '8') +
                             "\n{\"id\": \"after\", \"body\": \"After.\"}\n";
    const CollectingSink sink = read_string<JsonlReader>(text, "numbers.jsonl");
    ASSERT_EQ(sink.articles.size(), 2u);
    EXPECT_EQ(sink.articles[1].id, "after");
    ASSERT_EQ(sink.rejections.size(), 1u);
    EXPECT_EQ(sink.rejections[0].location.line, 2);
    EXPECT_TRUE(contains(sink.rejections[0].reason, "bad JSON"));
}

TEST(BadInput, BadJsonSaysTheColumnAndWhatWasExpectedWithoutTheParsersOwnLine) {
    const CollectingSink sink =
        read_string<JsonlReader>("{\"id\": \"a\", \"body\": \"A.\"}\n{\"id\" \"b\"}\n", "x.jsonl");
    ASSERT_EQ(sink.rejections.size(), 1u);
    const std::string& reason = sink.rejections[0].reason;
    EXPECT_EQ(sink.rejections[0].location.line, 2);
    EXPECT_TRUE(reason.starts_with("bad JSON at column 9: ")) << reason;
    EXPECT_TRUE(contains(reason, "expected ':'")) << reason;
    // Neither nlohmann's exception tag nor its "line 1" (the record's line, not the file's).
    EXPECT_FALSE(contains(reason, "json.exception")) << reason;
    EXPECT_FALSE(contains(reason, "line 1")) << reason;
    // A value left unquoted stops the parser inside its first Korean character, whose lead
    // byte nlohmann quotes as "last read": written as \xED, not as a third of a character.
    const CollectingSink korean =
        read_string<JsonlReader>("{\"id\": \"k\", \"body\": 한국}\n", "k.jsonl");
    ASSERT_EQ(korean.rejections.size(), 1u);
    EXPECT_TRUE(utf8::is_valid(korean.rejections[0].reason)) << korean.rejections[0].reason;
    EXPECT_TRUE(contains(korean.rejections[0].reason, "\"body\": \\xED'"))
        << korean.rejections[0].reason;
}

TEST(BadInput, ADatelineDayThatDoesNotExistIsSaidSo) {
    const std::string line =
        R"({"id": "k", "body": "PYONGYANG, Feb. 29 (KCNA) -- Text of the report."})";
    const CollectingSink sink = read_string<JsonlReader>(line + "\n", "kcna_en_2023.jsonl");
    ASSERT_EQ(sink.articles.size(), 1u);
    EXPECT_FALSE(sink.articles[0].date.has_value());
    ASSERT_EQ(sink.warnings.size(), 1u);
    const std::string& message = sink.warnings[0].message;
    EXPECT_TRUE(contains(message, "the dateline's day, February 29, does not exist in 2023"))
        << message;
    EXPECT_TRUE(contains(message, "February 2023 has 28 days")) << message;
    EXPECT_FALSE(contains(message, "no date")) << message;
    // With --require-date the rejection names it too; a leap year reads the day.
    const CollectingSink required = read_string<JsonlReader>(line + "\n", "kcna_en_2023.jsonl",
                                                             ReaderSettings{.require_date = true});
    ASSERT_TRUE(rejected_once_for(required, "does not exist in 2023"));
    const CollectingSink leap = read_string<JsonlReader>(line + "\n", "kcna_en_2024.jsonl");
    ASSERT_EQ(leap.articles.size(), 1u);
    EXPECT_EQ(leap.articles[0].date->iso(), "2024-02-29");
}

TEST(BadInput, OversizedTextFileIsRejected) {
    const CollectingSink sink =
        read_string<PlainTextReader>(" date 2021-01-01 " + std::string(2000, 'y'), "big.txt",
                                     ReaderSettings{.max_record_bytes = 1000});
    EXPECT_TRUE(sink.articles.empty());
    ASSERT_TRUE(rejected_once_for(sink, "larger than the record limit (1000 bytes)"));
}

// ---- reader details -----------------------------------------------------------------------

TEST(PlainTextReader, AcceptsDateColonWithoutLeadingSpaceAndCrLf) {
    const CollectingSink sink = read_string<PlainTextReader>(
        "date: 2021-03-04 First.\r\nSecond.\r\nBy Kim Mi-na", "a/b/note.txt");
    ASSERT_EQ(sink.articles.size(), 1u);
    const Article& a = sink.articles[0];
    EXPECT_EQ(a.id, "note");
    EXPECT_EQ(a.date->iso(), "2021-03-04");
    EXPECT_EQ(a.paragraphs, (std::vector<std::string>{"First.", "Second."}));
    EXPECT_EQ(a.byline, "Kim Mi-na");
    EXPECT_EQ(a.email, "");
    EXPECT_EQ(a.source, "");
}

TEST(PlainTextReader, ASentenceStartingWithByIsNoByline) {
    const CollectingSink sink = read_string<PlainTextReader>(
        " date 2021-03-04 First.\nBy the end of the day, the talks had collapsed.", "x.txt");
    ASSERT_EQ(sink.articles.size(), 1u);
    EXPECT_EQ(sink.articles[0].paragraphs.size(), 2u);
    EXPECT_EQ(sink.articles[0].byline, "");
}

// A closing paragraph that opens with "By" and a capitalised word is a sentence, not a credit,
// unless all of it reads as one: "By Sunday, the ministry will ..." lost its paragraph from the
// body and gave the article the author "Sunday".
TEST(PlainTextReader, AClosingSentenceStartingWithByStaysInTheBody) {
    for (const std::string last :
         {"By Sunday, the ministry will announce its decision.", "By Sunday",
          "By March, Seoul and Washington will have met twice.", "By then, Pyongyang had left.",
          "By 2030, South Korea plans to build three more.", "By contrast, Seoul said nothing.",
          "By Monday.", "By Friday Kim Jong Un had left Wonsan.",
          "By Seoul's count, 12 people died."}) {
        const CollectingSink sink =
            read_string<PlainTextReader>(" date 2021-03-04 First.\n" + last, "x.txt");
        ASSERT_EQ(sink.articles.size(), 1u) << last;
        EXPECT_EQ(sink.articles[0].byline, "") << last;
        EXPECT_EQ(sink.articles[0].paragraphs, (std::vector<std::string>{"First.", last})) << last;
    }
    // Before a real credit too: the window of closing lines joined must not take it in.
    const CollectingSink sink = read_string<PlainTextReader>(
        " date 2021-03-04 First.\nBy Sunday, the ministry will decide.\nBy Ahn Sung-mi "
        "(sahn@heraldcorp.com\n)",
        "x.txt");
    ASSERT_EQ(sink.articles.size(), 1u);
    EXPECT_EQ(sink.articles[0].byline, "Ahn Sung-mi");
    EXPECT_EQ(sink.articles[0].paragraphs,
              (std::vector<std::string>{"First.", "By Sunday, the ministry will decide."}));
    // What credits do look like still reads as one.
    for (const auto& [credit, name] : std::vector<std::pair<std::string, std::string>>{
             {"By Choi Ha-eun", "Choi Ha-eun"},
             {"By Lee Jung-joo, staff reporter (ljj@heraldcorp.com)", "Lee Jung-joo"},
             {"By Ahn Sung-mi and Kim Arin", "Ahn Sung-mi, Kim Arin"},
             {"BY KO SEUNG-PYO [paik.jihwan@joongang.co.kr]", "KO SEUNG-PYO"},
             {"By 이서준 (seojun@yna.co.kr)", "이서준"},
             {"By 김민수(minsu@mbc.co.kr) 영상편집: 이지은", "김민수, 영상편집: 이지은"},
             {"By June Lee (june@heraldcorp.com)", "June Lee"},
             {"By John A. Smith", "John A. Smith"}}) {
        const CollectingSink credited =
            read_string<PlainTextReader>(" date 2021-03-04 First.\n" + credit, "x.txt");
        ASSERT_EQ(credited.articles.size(), 1u) << credit;
        EXPECT_EQ(credited.articles[0].byline, name) << credit;
        EXPECT_EQ(credited.articles[0].paragraphs, (std::vector<std::string>{"First."})) << credit;
    }
}

TEST(PlainTextReader, DateLineAloneIsAnEmptyBody) {
    const CollectingSink sink = read_string<PlainTextReader>(" date 2021-03-04 \n", "x.txt");
    ASSERT_TRUE(rejected_once_for(sink, "empty body"));
}

TEST(PlainTextReader, CreditWrappedInsideTheAddressAndEndMark) {
    for (const std::string credit :
         {"By Ahn Sung-mi (sahn@heraldcorp.\ncom)", "By Ahn Sung-mi (sahn@\nheraldcorp.com)",
          "By Ahn Sung-mi (sahn@heraldcorp.com)\n(END)"}) {
        const CollectingSink sink =
            read_string<PlainTextReader>(" date 2024-07-16 North Korea fired.\n" + credit, "x.txt");
        ASSERT_EQ(sink.articles.size(), 1u) << credit;
        const Article& a = sink.articles[0];
        EXPECT_EQ(a.byline, "Ahn Sung-mi") << credit;
        EXPECT_EQ(a.email, "sahn@heraldcorp.com") << credit;
        EXPECT_EQ(a.paragraphs, (std::vector<std::string>{"North Korea fired."})) << credit;
    }
}

TEST(PlainTextReader, CreditWrappedAnywhereInsideItsBrackets) {
    for (const std::string credit :
         {"By Ahn Sung-mi (sahn@herald\ncorp.com)", "By Ahn Sung-mi (sa\nhn@heraldcorp.com)",
          "By Ahn Sung-mi (sahn@heraldcorp.co\nm)", "By Ahn Sung-mi\n(sahn@herald\ncorp.com)",
          "By\nAhn Sung-mi (sahn@herald\ncorp.com\n)"}) {
        const CollectingSink sink =
            read_string<PlainTextReader>(" date 2022-01-17 Body about Wonsan.\n" + credit, "x.txt");
        ASSERT_EQ(sink.articles.size(), 1u) << credit;
        const Article& a = sink.articles[0];
        EXPECT_EQ(a.byline, "Ahn Sung-mi") << credit;
        EXPECT_EQ(a.email, "sahn@heraldcorp.com") << credit;
        EXPECT_EQ(a.paragraphs, (std::vector<std::string>{"Body about Wonsan."})) << credit;
    }
    // The paragraph before stays whole and apart, even with a "(" of its own left open.
    const CollectingSink sink = read_string<PlainTextReader>(
        " date 2022-01-17 First.\nThe KCNA said (in a late\nBy Ahn Sung-mi (sahn@herald\ncorp.com)",
        "x.txt");
    ASSERT_EQ(sink.articles.size(), 1u);
    EXPECT_EQ(sink.articles[0].byline, "Ahn Sung-mi");
    EXPECT_EQ(sink.articles[0].paragraphs,
              (std::vector<std::string>{"First.", "The KCNA said (in a late"}));
    // Two addresses a line apart are two, not one glued together.
    const CollectingSink two = read_string<PlainTextReader>(
        " date 2022-01-17 First.\nBy Ahn Sung-mi and Kim Tae-hoon (sahn@heraldcorp.com\n"
        "kth@heraldcorp.com)",
        "x.txt");
    ASSERT_EQ(two.articles.size(), 1u);
    EXPECT_EQ(two.articles[0].byline, "Ahn Sung-mi, Kim Tae-hoon");
    EXPECT_EQ(two.articles[0].email, "sahn@heraldcorp.com");
}

TEST(PlainTextReader, TwoCreditLinesAreTwoAuthors) {
    const CollectingSink sink = read_string<PlainTextReader>(
        " date 2022-01-17 Body about Wonsan.\nBy Ahn Sung-mi (sahn@heraldcorp.com)\nBy Kim "
        "Tae-hoon (kth@heraldcorp.com)",
        "b3.txt");
    ASSERT_EQ(sink.articles.size(), 1u);
    const Article& a = sink.articles[0];
    EXPECT_EQ(a.byline, "Ahn Sung-mi, Kim Tae-hoon");
    EXPECT_EQ(a.email, "sahn@heraldcorp.com");
    EXPECT_EQ(a.paragraphs, (std::vector<std::string>{"Body about Wonsan."}));
    // Each wrapped before its ")", as the seed's credit is: four lines.
    const CollectingSink wrapped = read_string<PlainTextReader>(
        " date 2022-01-17 Body about Wonsan.\nBy Ahn Sung-mi (sahn@heraldcorp.com\n)\nBy Kim "
        "Tae-hoon (kth@heraldcorp.com\n)",
        "b3.txt");
    ASSERT_EQ(wrapped.articles.size(), 1u);
    EXPECT_EQ(wrapped.articles[0].byline, "Ahn Sung-mi, Kim Tae-hoon");
    EXPECT_EQ(wrapped.articles[0].paragraphs, (std::vector<std::string>{"Body about Wonsan."}));
}

TEST(PlainTextReader, DateOfSeveralWordsAndABodyStartingWithDate) {
    // The date takes as many words as it needs; the text runs on after them.
    for (const std::string date : {"Jan. 17, 2022", "2022년 1월 17일", "2022-01-17"}) {
        const CollectingSink sink =
            read_string<PlainTextReader>(" date " + date + " North Korea fired.", "x.txt");
        ASSERT_EQ(sink.articles.size(), 1u) << date;
        ASSERT_TRUE(sink.articles[0].date) << date;
        EXPECT_EQ(sink.articles[0].date->iso(), "2022-01-17") << date;
        EXPECT_EQ(sink.articles[0].paragraphs.front(), "North Korea fired.") << date;
    }
    // "Date and venue ..." is the first sentence, not a date line: no word is lost.
    const CollectingSink sink = read_string<PlainTextReader>(
        "Date and venue of the summit remain undecided.\nSecond.", "x.txt");
    ASSERT_EQ(sink.articles.size(), 1u);
    EXPECT_EQ(sink.articles[0].paragraphs.front(),
              "Date and venue of the summit remain undecided.");
}

// An exporter that writes " date " + date + " " + body writes " date  North Korea ..." for an
// article without a date: "North" was taken for the date (warned about as "unrecognised date
// 'North'") and lost from the body. A body glued to its date lost its date and its first word.
TEST(PlainTextReader, AnEmptyDateLosesNoWordAndADateGluedToTheBodyIsRead) {
    const CollectingSink empty =
        read_string<PlainTextReader>(" date  North Korea fired a missile.\nSecond.", "e.txt");
    ASSERT_EQ(empty.articles.size(), 1u);
    EXPECT_FALSE(empty.articles[0].date);
    EXPECT_EQ(empty.articles[0].paragraphs,
              (std::vector<std::string>{"North Korea fired a missile.", "Second."}));
    ASSERT_EQ(empty.warnings.size(), 1u);
    EXPECT_TRUE(contains(empty.warnings[0].message, "no date")) << empty.warnings[0].message;
    EXPECT_FALSE(contains(empty.warnings[0].message, "North")) << empty.warnings[0].message;
    const struct {
        std::string text, date, first;
    } cases[] = {
        {" date 2025-01-05North Korea fired.", "2025-01-05", "North Korea fired."},
        {" date 2025-01-05T09:30:00+09:00North Korea fired.", "2025-01-05", "North Korea fired."},
        {" date 2025-01-05\xEB\xB6\x81\xED\x95\x9C\xEC\x9D\x80 fired.", "2025-01-05",
         "\xEB\xB6\x81\xED\x95\x9C\xEC\x9D\x80 fired."},
        {"date:2025-01-05 North Korea fired.", "2025-01-05", "North Korea fired."},
        {"Date:2025-01-05 North Korea fired.", "2025-01-05", "North Korea fired."},
        {" date\n2025-01-05 North Korea fired.", "2025-01-05", "North Korea fired."},
        {" date 2025-01-05 5th Army units moved.", "2025-01-05", "5th Army units moved."},
        {" date Jan. 5, 2025 3rd round of talks.", "2025-01-05", "3rd round of talks."},
    };
    for (const auto& c : cases) {
        const CollectingSink sink = read_string<PlainTextReader>(c.text + "\nSecond.", "g.txt");
        ASSERT_EQ(sink.articles.size(), 1u) << c.text;
        ASSERT_TRUE(sink.articles[0].date) << c.text;
        EXPECT_EQ(sink.articles[0].date->iso(), c.date) << c.text;
        EXPECT_EQ(sink.articles[0].paragraphs, (std::vector<std::string>{c.first, "Second."}))
            << c.text;
        EXPECT_TRUE(sink.warnings.empty()) << c.text << ": " << sink.warnings[0].message;
    }
    // A value that tries to be a date is still the (unusable) date, and said so by name.
    const CollectingSink tried =
        read_string<PlainTextReader>(" date 17/01/2022 North Korea fired.", "t.txt");
    ASSERT_EQ(tried.articles.size(), 1u);
    EXPECT_FALSE(tried.articles[0].date);
    EXPECT_EQ(tried.articles[0].paragraphs.front(), "North Korea fired.");
    ASSERT_EQ(tried.warnings.size(), 1u);
    EXPECT_TRUE(contains(tried.warnings[0].message, "unrecognised date '17/01/2022'"))
        << tried.warnings[0].message;
}

// A first word of a megabyte is no date to try at every digit (a parse per "1a" of it never
// finished), nor an unusable date to quote: it is the body's.
TEST(PlainTextReader, AHugeFirstWordIsTheBodysNotADate) {
    std::string word;
    for (int i = 0; i < 500000; ++i) word += "1a";
    const CollectingSink sink =
        read_string<PlainTextReader>(" date " + word + " North Korea fired.", "h.txt");
    ASSERT_EQ(sink.articles.size(), 1u);
    EXPECT_FALSE(sink.articles[0].date);
    EXPECT_EQ(sink.articles[0].paragraphs.front().size(), word.size() + 19);
    ASSERT_EQ(sink.warnings.size(), 1u);
    EXPECT_TRUE(contains(sink.warnings[0].message, "no date")) << sink.warnings[0].message;
}

TEST(XmlReader, DeclaredEncodingsAndUtf16AreRead) {
    // "Café in P'yŏngyang" is not Latin-1 (ŏ), so the title here is "Café à Séoul".
    const std::string latin1 =
        "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n"
        "<article id='l' date='2024-01-02'><title>Caf\xE9 \xE0 S\xE9oul"
        "</title><body><p>Men\xFA.</p></body></article>";
    const CollectingSink a = read_string<XmlReader>(latin1, "l.xml");
    ASSERT_EQ(a.articles.size(), 1u);
    EXPECT_EQ(a.articles[0].title, "Caf\u00e9 \u00e0 S\u00e9oul");
    EXPECT_TRUE(a.warnings.empty());
    // EUC-KR: 평양 is B6F2 BEE7.
    const std::string euckr =
        "<?xml version='1.0' encoding='EUC-KR'?>"
        "<article id='k' date='2024-01-02'><body><p>\xC6\xF2\xBE\xE7</p>"
        "</body></article>";
    const CollectingSink k = read_string<XmlReader>(euckr, "k.xml");
    ASSERT_EQ(k.articles.size(), 1u);
    EXPECT_EQ(k.articles[0].paragraphs.front(), "\uD3C9\uC591");
    // UTF-16 with a byte-order mark.
    std::string utf16 = "\xFF\xFE";
    for (const char c :
         std::string("<article id='u' date='2024-01-02'><body><p>hi</p></body></article>")) {
        utf16 += c;
        utf16 += '\0';
    }
    const CollectingSink u = read_string<XmlReader>(utf16, "u.xml");
    ASSERT_EQ(u.articles.size(), 1u);
    EXPECT_EQ(u.articles[0].paragraphs.front(), "hi");
    // An encoding ICU does not know is one clear rejection.
    const CollectingSink bad = read_string<XmlReader>(
        "<?xml version='1.0' encoding='x-nonsense'?><article id='b'/>", "b.xml");
    ASSERT_TRUE(rejected_once_for(bad, "x-nonsense"));
}

// An exporter that writes a fixed declaration over UTF-8 text: converted as declared, every
// Korean word was indexed as mojibake (평양, read as Latin-1, is six unfindable letters) with
// only a warning about "control characters", and a UTF-16 declaration rejected the file as
// "No document element found".
TEST(XmlReader, ADeclaredEncodingTheUtf8BytesContradictIsReadAsUtf8AndSaidSo) {
    const std::string body =
        "<article id='m' date='2024-01-02'>\n<title>\xED\x8F\x89\xEC\x96\x91 "
        "Caf\xC3\xA9</title><body><p>\xEB\xB6\x81\xED\x95\x9C</p></body>"
        "</article>";
    for (const std::string declared : {"ISO-8859-1", "EUC-KR", "windows-1252", "UTF-16"}) {
        const CollectingSink sink = read_string<XmlReader>(
            "<?xml version='1.0' encoding='" + declared + "'?>\n" + body, "m.xml");
        ASSERT_EQ(sink.articles.size(), 1u) << declared;
        EXPECT_EQ(sink.articles[0].title, "\uD3C9\uC591 Caf\u00e9") << declared;
        EXPECT_EQ(sink.articles[0].paragraphs.front(), "\uBD81\uD55C") << declared;
        ASSERT_EQ(sink.warnings.size(), 1u) << declared;
        EXPECT_EQ(sink.warnings[0].location.line, 1) << declared;
        EXPECT_TRUE(contains(sink.warnings[0].message,
                             "declares the encoding '" + ascii::to_lower(declared) + "'"))
            << sink.warnings[0].message;
        EXPECT_TRUE(contains(sink.warnings[0].message, "read as UTF-8"))
            << sink.warnings[0].message;
    }
    // A UTF-16 declaration over ASCII bytes is no UTF-16 either; ASCII under a legacy
    // declaration reads the same either way and is not warned about.
    const std::string ascii_body =
        "<article id='a' date='2024-01-02'><body><p>Pyongyang</p></body></article>";
    const CollectingSink utf16 =
        read_string<XmlReader>("<?xml version='1.0' encoding='utf-16'?>" + ascii_body, "a.xml");
    ASSERT_EQ(utf16.articles.size(), 1u);
    EXPECT_EQ(utf16.warnings.size(), 1u);
    // Nor is one whose text is Latin-1: read as UTF-8, its stray byte is repaired and said so.
    const CollectingSink stray = read_string<XmlReader>(
        "<?xml version='1.0' encoding='UTF-16'?><article id='s'><body><p>Caf\xE9</p></body>"
        "</article>",
        "s.xml");
    ASSERT_EQ(stray.articles.size(), 1u);
    EXPECT_EQ(stray.articles[0].paragraphs.front(), "Caf\uFFFD");
    const CollectingSink latin =
        read_string<XmlReader>("<?xml version='1.0' encoding='ISO-8859-1'?>" + ascii_body, "a.xml");
    ASSERT_EQ(latin.articles.size(), 1u);
    EXPECT_TRUE(latin.warnings.empty());
}

// What is expanded: XML's five, numeric references and the common HTML entities Yalu decodes
// in every format; `&amp;kju;` is the text "&kju;", and so is "&kju;" in CDATA or a DOCTYPE.
TEST(XmlReader, ReferencesThatAreExpandedOrLiteralTextAreRead) {
    const CollectingSink sink = read_string<XmlReader>(
        "<?xml version='1.0'?>\n"
        "<!DOCTYPE article [\n<!ENTITY kju \"Kim > &other;\"> <!-- &kju; ] > -->\n]>\n"
        "<article id='a' date='2022-01-01' source='K&amp;J'>"
        "<title>&amp;kju; &#38;kju; &lt;b&gt;</title>\n"
        "<body><p>A&nbsp;B &mdash; &#x2014; &#8212; AT&T R&D & co</p>"
        "<p><![CDATA[&kju; & more]]></p><!-- &kju; --></body></article>",
        "a.xml");
    EXPECT_TRUE(sink.rejections.empty());
    EXPECT_TRUE(sink.warnings.empty());
    ASSERT_EQ(sink.articles.size(), 1u);
    EXPECT_EQ(sink.articles[0].source, "K&J");
    EXPECT_EQ(sink.articles[0].title, "&kju; &kju; <b>");
    EXPECT_EQ(sink.articles[0].paragraphs,
              (std::vector<std::string>{"A B \u2014 \u2014 \u2014 AT&T R&D & co", "&kju; & more"}));
}

TEST(XmlReader, LineBreakElementSeparatesWords) {
    const CollectingSink sink = read_string<XmlReader>(
        "<article id='x' date='2021-01-01'><body><p>a line<br/>break</p></body></article>",
        "x.xml");
    ASSERT_EQ(sink.articles.size(), 1u);
    EXPECT_EQ(sink.articles[0].paragraphs.front(), "a line break");
}

TEST(XmlReader, LooseBodyTextIsSplitIntoParagraphs) {
    const CollectingSink sink = read_string<XmlReader>(
        "<article id='x' date='2021-01-01'><body>\n line one \n\n line two "
        "<p>three</p></body></article>",
        "x.xml");
    ASSERT_EQ(sink.articles.size(), 1u);
    EXPECT_EQ(sink.articles[0].paragraphs,
              (std::vector<std::string>{"line one", "line two", "three"}));
}

TEST(XmlReader, UnknownNamesAreWarnedAndSkipped) {
    const CollectingSink sink = read_string<XmlReader>(
        "<article id='x' date='2021-01-01' "
        "kind='news'><subtitle>s</subtitle><body><p>t</p></body></article>",
        "x.xml");
    ASSERT_EQ(sink.articles.size(), 1u);
    EXPECT_EQ(sink.warnings.size(), 2u);
}

// The schema allows one of each; an exporter that merged two articles wrote two. A JSON Lines
// record's repeated key is warned about; here the first title vanished without a word.
TEST(XmlReader, ARepeatedTitleBylineOrBodyIsWarnedAbout) {
    const CollectingSink sink = read_string<XmlReader>(
        "<articles>\n<article id='twice' date='2021-01-01'>\n<title>First</title>\n"
        "<title>Second</title><byline>By A</byline><byline>By B</byline>\n"
        "<body><p>one</p></body>\n<body><p>two</p></body></article>\n"
        "<article id='once' date='2021-01-01'><title>T</title><body><p>x</p></body></article>"
        "</articles>",
        "x.xml");
    ASSERT_EQ(sink.articles.size(), 2u);
    EXPECT_EQ(sink.articles[0].title, "Second");
    EXPECT_EQ(sink.articles[0].byline, "B");
    EXPECT_EQ(sink.articles[0].paragraphs, (std::vector<std::string>{"one", "two"}));
    ASSERT_EQ(sink.warnings.size(), 3u);
    EXPECT_EQ(sink.warnings[0].location.line, 4);
    EXPECT_TRUE(contains(sink.warnings[0].message,
                         "<title> appears more than once in article 'twice'; the last was read"))
        << sink.warnings[0].message;
    EXPECT_TRUE(contains(sink.warnings[1].message, "<byline> appears more than once"))
        << sink.warnings[1].message;
    EXPECT_EQ(sink.warnings[2].location.line, 6);
    EXPECT_TRUE(contains(sink.warnings[2].message,
                         "<body> appears more than once in article 'twice'; all were read"))
        << sink.warnings[2].message;
}

// An article that names its schema the standard way validates against schemas/article.xsd,
// yet each such file drew two "unknown attribute ... see schemas/article.xsd" warnings.
TEST(XmlReader, SchemaInstanceAttributesAndNamespaceDeclarationsAreNoUnknownAttributes) {
    const CollectingSink sink = read_string<XmlReader>(
        "<article xmlns:xsi='http://www.w3.org/2001/XMLSchema-instance' "
        "xsi:noNamespaceSchemaLocation='article.xsd' id='a' date='2021-01-01'>"
        "<body><p>t</p></body></article>",
        "a.xml");
    ASSERT_EQ(sink.articles.size(), 1u);
    EXPECT_TRUE(sink.warnings.empty()) << sink.warnings[0].message;
    // Under another prefix, on <articles>; an attribute of another namespace is still unknown.
    const CollectingSink other = read_string<XmlReader>(
        "<articles xmlns:i='http://www.w3.org/2001/XMLSchema-instance' xmlns:o='urn:other'>"
        "<article i:type='x' o:kind='k' id='b' date='2021-01-01'><body><p>t</p></body></article>"
        "</articles>",
        "b.xml");
    ASSERT_EQ(other.articles.size(), 1u);
    ASSERT_EQ(other.warnings.size(), 1u);
    EXPECT_TRUE(contains(other.warnings[0].message, "unknown attribute 'o:kind'"))
        << other.warnings[0].message;
}

TEST(JsonlReader, StandardInputIsNamedDash) {
    const CollectingSink sink =
        read_string<JsonlReader>("\n{\"id\": \"s\", \"body\": null}\n", "-");
    ASSERT_EQ(sink.rejections.size(), 1u);
    EXPECT_EQ(sink.rejections[0].location.path, "-");
    EXPECT_EQ(sink.rejections[0].location.line, 2);
}

// A JSON array or pretty-printed JSON given the .jsonl extension: each of its lines was a
// rejection of its own ("bad JSON at column 9: ... unexpected ':'"), ten for two articles, and
// the run's summary counted them as rejected records.
TEST(JsonlReader, AJsonDocumentOverSeveralLinesIsOneRejectionSayingWhatItIs) {
    const std::string array =
        "[\n  {\n    \"id\": \"a1\",\n    \"body\": \"One.\"\n  },\n  {\n    \"id\": \"a2\",\n"
        "    \"body\": \"Two.\"\n  }\n]\n";
    const CollectingSink pretty = read_string<JsonlReader>("\xEF\xBB\xBF\n" + array, "arr.jsonl");
    EXPECT_TRUE(pretty.articles.empty());
    ASSERT_EQ(pretty.rejections.size(), 1u);
    EXPECT_EQ(pretty.rejections[0].location.line, 2);
    EXPECT_EQ(pretty.rejections[0].id, "");
    EXPECT_TRUE(contains(pretty.rejections[0].reason, "a JSON array, not JSON Lines"))
        << pretty.rejections[0].reason;
    EXPECT_TRUE(contains(pretty.rejections[0].reason, "jq -c '.[]'"))
        << pretty.rejections[0].reason;
    // On one line too.
    const CollectingSink one = read_string<JsonlReader>(
        "[{\"id\": \"a1\", \"body\": \"One.\"}, {\"id\": \"a2\", \"body\": \"Two.\"}]",
        "one.jsonl");
    ASSERT_TRUE(rejected_once_for(one, "a JSON array, not JSON Lines"));
    // Objects written over several lines (jq without -c).
    const CollectingSink objects = read_string<JsonlReader>(
        "{\n  \"id\": \"o1\",\n  \"body\": \"One.\"\n}\n{\n  \"id\": \"o2\",\n  \"body\": "
        "\"Two.\"\n}\n",
        "obj.jsonl");
    EXPECT_TRUE(objects.articles.empty());
    ASSERT_EQ(objects.rejections.size(), 1u);
    EXPECT_EQ(objects.rejections[0].location.line, 1);
    EXPECT_TRUE(contains(objects.rejections[0].reason, "pretty-printed JSON"))
        << objects.rejections[0].reason;
    EXPECT_TRUE(contains(objects.rejections[0].reason, "jq -c .")) << objects.rejections[0].reason;
    // A broken line further on is that line's own rejection, as before.
    const CollectingSink later = read_string<JsonlReader>(
        "{\"id\": \"g\", \"body\": \"Good.\"}\n[\n{\"id\": \"h\", \"body\": \"Good too.\"}\n",
        "later.jsonl");
    EXPECT_EQ(later.articles.size(), 2u);
    ASSERT_EQ(later.rejections.size(), 1u);
    EXPECT_EQ(later.rejections[0].location.line, 2);
}

// "key 'id' must be a string or null" for an id of 1.5 (null is no id either), with no word of
// what was found; and a record whose text is under another key ("text", "content") was "empty
// body: the record has no text".
TEST(JsonlReader, AWrongTypeOrAMissingBodyKeySaysWhatTheRecordHolds) {
    const CollectingSink sink = read_string<JsonlReader>(
        "{\"id\": 1.5, \"body\": \"x\"}\n"
        "{\"id\": true, \"body\": \"x\"}\n"
        "{\"id\": \"d\", \"date\": 20240501, \"body\": \"x\"}\n"
        "{\"id\": \"t\", \"headline\": \"H\", \"text\": \"Body.\", \"date\": \"2024-05-01\"}\n"
        "{\"id\": \"n\", \"body\": null}\n"
        "{\"id\": 7, \"body\": \"Kept.\"}\n",
        "k.jsonl");
    ASSERT_EQ(sink.articles.size(), 1u);
    EXPECT_EQ(sink.articles[0].id, "7");
    ASSERT_EQ(sink.rejections.size(), 5u);
    EXPECT_TRUE(contains(sink.rejections[0].reason,
                         "key 'id' must be a string or a whole number, not a number (1.5)"))
        << sink.rejections[0].reason;
    EXPECT_TRUE(contains(sink.rejections[1].reason, "not a boolean (true)"))
        << sink.rejections[1].reason;
    EXPECT_EQ(sink.rejections[2].id, "d");
    EXPECT_TRUE(contains(sink.rejections[2].reason,
                         "key 'date' must be a string or null, not a number (20240501)"))
        << sink.rejections[2].reason;
    EXPECT_EQ(sink.rejections[3].id, "t");
    EXPECT_EQ(sink.rejections[3].location.line, 4);
    EXPECT_TRUE(contains(sink.rejections[3].reason, "no \"body\" key"))
        << sink.rejections[3].reason;
    EXPECT_TRUE(contains(sink.rejections[3].reason, "headline, text")) << sink.rejections[3].reason;
    EXPECT_TRUE(contains(sink.rejections[4].reason, "empty body")) << sink.rejections[4].reason;
    // Each key is named short: a record's keys are no limit on the message.
    const CollectingSink long_key = read_string<JsonlReader>(
        "{\"id\": \"l\", \"" + std::string(5000, 'k') + "\": \"x\"}", "l.jsonl");
    ASSERT_EQ(long_key.rejections.size(), 1u);
    EXPECT_LT(long_key.rejections[0].reason.size(), 400u) << long_key.rejections[0].reason;
}

// Classic Mac line ends (a lone CR): a JSON Lines file was one line, its records one
// rejection ("unexpected '{'; expected end of input"), and every other format named line 1 for
// whatever it reported.
TEST(JsonlReader, ALoneCarriageReturnEndsALineInEveryFormat) {
    const CollectingSink jsonl = read_string<JsonlReader>(
        "{\"id\": \"r1\", \"body\": \"One.\"}\r{\"id\": \"r2\", \"body\": null}\r\r"
        "{\"id\": \"r3\", \"body\": \"Three.\"}\r\n{\"id\": \"r4\", \"body\": \"Four.\"}\r",
        "cr.jsonl");
    ASSERT_EQ(jsonl.articles.size(), 3u);
    EXPECT_EQ(jsonl.articles[1].id, "r3");
    EXPECT_EQ(jsonl.articles[1].location.line, 4);
    EXPECT_EQ(jsonl.articles[2].location.line, 5);
    ASSERT_EQ(jsonl.rejections.size(), 1u);
    EXPECT_EQ(jsonl.rejections[0].location.line, 2);
    const CollectingSink xml = read_string<XmlReader>(
        "<?xml version='1.0'?>\r<articles>\r<article id='a' date='2024-01-01'>\r"
        "<body><p>x</p></body>\r</article>\r<article date='2024-01-01'>\r<body><p>y</p></body>\r"
        "</article>\r</articles>\r",
        "cr.xml");
    ASSERT_EQ(xml.rejections.size(), 1u);
    EXPECT_EQ(xml.rejections[0].location.line, 6);
    const CollectingSink txt = read_string<PlainTextReader>(
        " date 2024-01-01 One.\rTwo.\rThree \xFF\xFE bad.\rFour.", "cr.txt");
    ASSERT_EQ(txt.warnings.size(), 1u);
    EXPECT_EQ(txt.warnings[0].location.line, 3);
    const CollectingSink nul = read_string<PlainTextReader>(
        std::string(" date 2024-01-01 One.\rTwo.\rA") + '\0' + "B", "n.txt");
    ASSERT_EQ(nul.rejections.size(), 1u);
    EXPECT_EQ(nul.rejections[0].location.line, 3);
}

TEST(JsonlReader, BodySplitsOnSingleAndDoubleNewlines) {
    const CollectingSink sink = read_string<JsonlReader>(
        "{\"id\": \"p\", \"date\": \"2021-01-01\", \"body\": "
        "\"One.\\nTwo.\\n\\nThree.\\r\\nFour.\"}",
        "p.jsonl");
    ASSERT_EQ(sink.articles.size(), 1u);
    EXPECT_EQ(sink.articles[0].paragraphs.size(), 4u);
}

TEST(JsonlReader, ARepeatedKeyIsWarnedAndItsLastValueRead) {
    const CollectingSink sink = read_string<JsonlReader>(
        "{\"id\": \"k\", \"date\": \"2021-01-01\", \"body\": \"first\", "
        "\"meta\": {\"body\": 1}, \"body\": \"second\"}\n"
        "{\"id\": \"n\", \"date\": \"2021-01-01\", \"body\": \"x\", \"meta\": {\"a\": 1, "
        "\"b\": {\"a\": 2}}}",
        "k.jsonl");
    ASSERT_EQ(sink.articles.size(), 2u);
    ASSERT_EQ(sink.articles[0].paragraphs.size(), 1u);
    EXPECT_EQ(sink.articles[0].paragraphs[0], "second");
    // Only the record's own keys count: "body" inside "meta", or "a" at two depths, is no repeat.
    ASSERT_EQ(sink.warnings.size(), 1u);
    EXPECT_EQ(sink.warnings[0].location.line, 1);
    EXPECT_NE(sink.warnings[0].message.find("key 'body' appears more than once in record 'k'"),
              std::string::npos);
}

TEST(Byline, SplitsTheShapesNewsUses) {
    EXPECT_EQ(Byline::parse("By Ahn Sung-mi (sahn@heraldcorp.com )").name, "Ahn Sung-mi");
    EXPECT_EQ(Byline::parse("By Ahn Sung-mi (sahn@heraldcorp.com )").email, "sahn@heraldcorp.com");
    EXPECT_EQ(Byline::parse("김수연(sooyeon@yna.co.kr)").name, "김수연");
    EXPECT_EQ(Byline::parse("김수연(sooyeon@yna.co.kr)").email, "sooyeon@yna.co.kr");
    EXPECT_EQ(Byline::parse("Lee Jung-joo lee.jungjoo@heraldcorp.com").name, "Lee Jung-joo");
    EXPECT_EQ(Byline::parse("Lee Jung-joo lee.jungjoo@heraldcorp.com").email,
              "lee.jungjoo@heraldcorp.com");
    EXPECT_EQ(Byline::parse("정하늘 기자 (haneul@yna.co.kr)").name, "정하늘");
    EXPECT_EQ(Byline::parse("Political News Team").name, "Political News Team");
    EXPECT_EQ(Byline::parse("Political News Team").email, "");
    // Several authors: every address cut out, every title dropped, the names kept apart.
    EXPECT_EQ(Byline::parse("박주영(jyoung@yna.co.kr) 이주형(coolee@yna.co.kr)").name,
              "박주영, 이주형");
    EXPECT_EQ(Byline::parse("박주영(jyoung@yna.co.kr) 이주형(coolee@yna.co.kr)").email,
              "jyoung@yna.co.kr");
    EXPECT_EQ(Byline::parse("Hwang Dong-hee hwangdh@heraldcorp.com,Lee Jung-joo "
                            "lee.jungjoo@heraldcorp.com")
                  .name,
              "Hwang Dong-hee, Lee Jung-joo");
    EXPECT_EQ(Byline::parse("이제훈 기자 nomad@hani.co.kr, 장예지 기자 penj@hani.co.kr").name,
              "이제훈, 장예지");
    EXPECT_EQ(Byline::parse("원중희 기자/june12@mbn.co.kr").name, "원중희");
    EXPECT_EQ(
        Byline::parse("By Ahn Sung-mi (sahn@heraldcorp.com) and Kim Arin (arin@heraldcorp.com)")
            .name,
        "Ahn Sung-mi, Kim Arin");
    EXPECT_EQ(Byline::parse("By Lee Jung-joo, staff reporter (ljj@heraldcorp.com)").name,
              "Lee Jung-joo");
    EXPECT_TRUE(Byline::looks_like_credit("By Ahn Sung-mi (sahn@heraldcorp.com )"));
    EXPECT_FALSE(Byline::looks_like_credit("By contrast, the North said nothing."));
}

TEST(Byline, ACreditWrappedInsideItsAddressIsJoined) {
    // An XML or JSON Lines credit keeps its line break as white space.
    for (const std::string credit :
         {"By Ahn Sung-mi (sahn@ heraldcorp.com)", "By Ahn Sung-mi (sahn@heraldcorp. com)",
          "By Ahn Sung-mi (sahn @heraldcorp.com)", "By Ahn Sung-mi (sahn@heraldcorp .com)",
          "By Ahn Sung-mi (sahn@herald corp.com)", "By Ahn Sung-mi (sahn@ heraldcorp. com)",
          "By Ahn Sung-mi(sahn@\n heraldcorp.com)"}) {
        EXPECT_EQ(Byline::parse(credit).name, "Ahn Sung-mi") << credit;
        EXPECT_EQ(Byline::parse(credit).email, "sahn@heraldcorp.com") << credit;
    }
    // Words that make no address stay apart, and so do two whole addresses.
    EXPECT_EQ(Byline::parse("Kim Min-ji @kmj_herald").name, "Kim Min-ji @kmj_herald");
    const Byline two =
        Byline::parse("Ahn Sung-mi and Kim Tae-hoon (sahn@heraldcorp.com kth@heraldcorp.com)");
    EXPECT_EQ(two.name, "Ahn Sung-mi, Kim Tae-hoon");
    EXPECT_EQ(two.email, "sahn@heraldcorp.com");
}

// A word before a whole address inside the brackets of a one-line credit is no piece of it:
// "(Yonhap kim@yna.co.kr)" gave the address Yonhapkim@yna.co.kr, one nobody has (a break at any
// letter inside a bracket is the .txt reader's rule for its lines, where "(sa" + "hn@..." is a
// wrap; between the words of one line a space is mostly a space).
TEST(Byline, AWordBeforeAWholeAddressIsNotGluedToIt) {
    EXPECT_EQ(Byline::parse("By Kim Tong-hyung (Yonhap kim@yna.co.kr)").email, "kim@yna.co.kr");
    EXPECT_EQ(Byline::parse("By Ahn Sung-mi (Reporter sahn@heraldcorp.com)").email,
              "sahn@heraldcorp.com");
    // A wrap inside the domain still joins.
    EXPECT_EQ(Byline::parse("By Ahn Sung-mi (sahn@herald corp.com)").email, "sahn@heraldcorp.com");
}

TEST(Byline, SeveralAuthorsKeepNoByOrJoinerInTheirNames) {
    // Two credit lines joined: the second "By" is no part of a name (an author search for
    // "by" matched every such article).
    const Byline two =
        Byline::parse("By Ahn Sung-mi (sahn@heraldcorp.com) By Kim Tae-hoon (kth@heraldcorp.com)");
    EXPECT_EQ(two.name, "Ahn Sung-mi, Kim Tae-hoon");
    EXPECT_EQ(two.email, "sahn@heraldcorp.com");
    EXPECT_EQ(Byline::parse("By Ahn Sung-mi By Kim Tae-hoon").name, "Ahn Sung-mi, Kim Tae-hoon");
    EXPECT_EQ(Byline::parse("By Ahn Sung-mi (sahn@heraldcorp.com) & by Kim Arin").name,
              "Ahn Sung-mi, Kim Arin");
    // "and" / "&" between two names of two words or more; a shorter side keeps it.
    EXPECT_EQ(Byline::parse("By Ahn Sung-mi and Kim Arin (arin@heraldcorp.com)").name,
              "Ahn Sung-mi, Kim Arin");
    EXPECT_EQ(Byline::parse("By Ahn Sung-mi & Kim Arin").name, "Ahn Sung-mi, Kim Arin");
    EXPECT_EQ(Byline::parse("Research and Development Team").name, "Research and Development Team");
    // Korean credits: a title ends each reporter, names joined by a middle dot share one.
    EXPECT_EQ(Byline::parse("박주영 기자 이주형 기자").name, "박주영, 이주형");
    EXPECT_EQ(Byline::parse("장민주·이도형 기자").name, "장민주, 이도형");
    EXPECT_EQ(Byline::parse("장민주\u318D이도형 특파원").name, "장민주, 이도형");
    const Byline four =
        Byline::parse("이찬규·손성배·정진호·오삼권 기자 lee.chankyu@joongang.co.kr");
    EXPECT_EQ(four.name, "이찬규, 손성배, 정진호, 오삼권");
    EXPECT_EQ(four.email, "lee.chankyu@joongang.co.kr");
    // Without a reporter's title a middle dot is one person's list of posts.
    EXPECT_EQ(Byline::parse("김택환 미래전환정책연구원장·독일 본대학 박사").name,
              "김택환 미래전환정책연구원장·독일 본대학 박사");
}

TEST(ArticleCompleter, DerivedTitlesSkipAbbreviationsAndDatelines) {
    const ArticleCompleter c{ReaderSettings{}};
    EXPECT_EQ(c.derive_title({"The U.S. and Mr. Kim met on Dec. 30 in Seoul. Then they left."}),
              "The U.S. and Mr. Kim met on Dec. 30 in Seoul");
    EXPECT_EQ(c.derive_title({"SEOUL, Dec. 30 (Yonhap) -- North Korea fired a missile. More."}),
              "North Korea fired a missile");
    EXPECT_EQ(c.derive_title({"Is this a question? Yes."}), "Is this a question?");
    EXPECT_EQ(c.derive_title({"\u201CWe will talk.\u201D Then silence."}),
              "\u201CWe will talk.\u201D");
}

// A date years ahead (2999 typed for 2019) was indexed without a word: --sort newest put the
// article first for ever and --stats showed the archive running to 2999.
TEST(ArticleCompleter, ADateAfterTomorrowIsWarnedAbout) {
    const CollectingSink sink = read_string<JsonlReader>(
        "{\"id\": \"f\", \"date\": \"2999-01-01\", \"body\": \"Text.\"}\n", "f.jsonl");
    ASSERT_EQ(sink.articles.size(), 1u);
    ASSERT_TRUE(sink.articles[0].date);
    EXPECT_EQ(sink.articles[0].date->iso(), "2999-01-01");
    ASSERT_EQ(sink.warnings.size(), 1u);
    EXPECT_EQ(sink.warnings[0].location.line, 1);
    EXPECT_TRUE(contains(sink.warnings[0].message, "date '2999-01-01' is after today ("))
        << sink.warnings[0].message;
    // Tomorrow is some time zone's today: a Seoul morning paper read on a UTC clock.
    const Date tomorrow = Date::from_days_since_epoch(DatePeriod::today().days_since_epoch() + 1);
    const CollectingSink near = read_string<JsonlReader>(
        "{\"id\": \"t\", \"date\": \"" + tomorrow.iso() + "\", \"body\": \"Text.\"}\n", "t.jsonl");
    ASSERT_EQ(near.articles.size(), 1u);
    EXPECT_TRUE(near.warnings.empty()) << near.warnings[0].message;
}

// A 3 MB title (an exporter that wrote the body into it), byline or source was stored whole:
// every result list showing the article carried megabytes.
TEST(ArticleCompleter, AHugeTitleBylineOrSourceIsCutWithAWarning) {
    const std::size_t limit = ArticleCompleter::max_field_bytes;
    for (const std::string key : {"title", "byline", "source"}) {
        // Hangul: three bytes a character, so the cut must fall between two.
        std::string value;
        while (value.size() < 3 * limit) value += "평양 ";
        const CollectingSink sink =
            read_string<JsonlReader>("{\"id\": \"h\", \"date\": \"2022-01-01\", \"" + key +
                                         "\": \"" + value + "\", \"body\": \"Text.\"}\n",
                                     "h.jsonl");
        ASSERT_EQ(sink.articles.size(), 1u) << key;
        const Article& a = sink.articles[0];
        const std::string& kept = key == "title" ? a.title : key == "byline" ? a.byline : a.source;
        EXPECT_LE(kept.size(), limit) << key;
        EXPECT_GT(kept.size(), limit / 2) << key;
        EXPECT_TRUE(kept.ends_with("\u2026")) << key;
        ASSERT_EQ(sink.warnings.size(), 1u) << key;
        EXPECT_TRUE(contains(sink.warnings[0].message,
                             key + " of " + std::to_string(value.size() - 1) + " bytes"))
            << sink.warnings[0].message;
    }
}

TEST(ArticleCompleter, RegionalLanguageTagsKeepTheirLanguage) {
    for (const auto& [given, stored] : std::vector<std::pair<std::string, std::string>>{
             {"en-US", "en"}, {"ko_KR", "ko"}, {"EN", "en"}, {"ko", "ko"}}) {
        const CollectingSink sink =
            read_string<JsonlReader>("{\"id\": \"a\", \"date\": \"2021-01-01\", \"lang\": \"" +
                                         given + "\", \"body\": \"Text.\"}",
                                     "a.jsonl");
        ASSERT_EQ(sink.articles.size(), 1u) << given;
        EXPECT_EQ(sink.articles[0].lang, stored) << given;
    }
}

TEST(ArticleCompleter, DetectsLanguageFromScript) {
    EXPECT_EQ(ArticleCompleter::detect_lang("북한은 19일 동해상으로 탄도미사일을 발사했다. (KCNA)"),
              "ko");
    EXPECT_EQ(ArticleCompleter::detect_lang("North Korea (북한) fired a missile on Monday."), "en");
    EXPECT_EQ(ArticleCompleter::detect_lang("2024 — 100"), "");
}

// A .txt date is read from normalised text; a JSON Lines or XML date was parsed as the bytes
// came, so a no-break space, a zero-width mark or fullwidth digits around a good date made it
// "unrecognised date ' 2024-01-02 '", a warning quoting a date that looks right.
TEST(ArticleCompleter, AMetadataDateIsReadAsItsTextIsNormalised) {
    for (const std::string date :
         {"\\u00a02024-01-02\\u00a0", "2024-01-02\\u200b", "\\ufeff2024-01-02",
          "\\u2002 2024-01-02",
          "\\uff12\\uff10\\uff12\\uff14\\uff0d\\uff10\\uff11\\uff0d\\uff10\\uff12",
          "2024\\uB144 1\\uC6D4 2\\uC77C\\u00a0"}) {
        const CollectingSink sink = read_string<JsonlReader>(
            "{\"id\": \"d\", \"date\": \"" + date + "\", \"body\": \"x\"}", "d.jsonl");
        ASSERT_EQ(sink.articles.size(), 1u) << date;
        ASSERT_TRUE(sink.articles[0].date) << date;
        EXPECT_EQ(sink.articles[0].date->iso(), "2024-01-02") << date;
        EXPECT_TRUE(sink.warnings.empty()) << date << ": " << sink.warnings[0].message;
    }
    const CollectingSink xml = read_string<XmlReader>(
        "<article id='x' date='&#160;2024-01-02&#8203;'><body><p>x</p></body></article>", "x.xml");
    ASSERT_EQ(xml.articles.size(), 1u);
    ASSERT_TRUE(xml.articles[0].date);
    EXPECT_EQ(xml.articles[0].date->iso(), "2024-01-02");
    // What is left is quoted as read, without the invisible marks around it.
    const CollectingSink bad = read_string<JsonlReader>(
        "{\"id\": \"b\", \"date\": \"\\u00a02024-13-02\\u200b\", \"body\": \"x\"}", "b.jsonl");
    ASSERT_EQ(bad.warnings.size(), 1u);
    EXPECT_TRUE(contains(bad.warnings[0].message, "impossible date '2024-13-02'"))
        << bad.warnings[0].message;
}

// The warning quoted the whole value: a 1 MB date field made a 1 MB line of the log.
TEST(ArticleCompleter, AHugeDateIsQuotedShort) {
    const std::string huge = "2024-01-02 " + std::string(100000, 'x');
    const CollectingSink sink = read_string<JsonlReader>(
        "{\"id\": \"h\", \"date\": \"" + huge + "\", \"body\": \"x\"}", "h.jsonl");
    ASSERT_EQ(sink.warnings.size(), 1u);
    EXPECT_LT(sink.warnings[0].message.size(), 600u);
    EXPECT_TRUE(contains(sink.warnings[0].message, "unrecognised date '2024-01-02 xxx"))
        << sink.warnings[0].message.substr(0, 600);
    EXPECT_TRUE(contains(sink.warnings[0].message, "...' (100011 bytes)"))
        << sink.warnings[0].message.substr(0, 600);
}

TEST(ArticleCompleter, SourceFromKnownEmailDomains) {
    EXPECT_EQ(ArticleCompleter::source_for_email("a@yna.co.kr"), "Yonhap");
    EXPECT_EQ(ArticleCompleter::source_for_email("a@news.chosun.com"), "The Chosun Ilbo");
    EXPECT_EQ(ArticleCompleter::source_for_email("a@JoongAng.co.kr"), "Korea JoongAng Daily");
    EXPECT_EQ(ArticleCompleter::source_for_email("a@notchosun.com"), "");
    EXPECT_EQ(ArticleCompleter::source_for_email(""), "");
}

// ---- SourceReader -------------------------------------------------------------------------

class SourceReaderTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() /
               ("yalu_reader_test_" +
                std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "_" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_ / "sub" / ".hidden");
        write("b.TXT", " date 2021-01-02 Upper-case extension.");
        write("a.jsonl",
              "{\"id\": \"j1\", \"date\": \"2021-01-01\", \"body\": \"From JSON Lines.\"}\n");
        write("sub/c.xml", "<article date='2021-01-03'><body><p>From XML.</p></body></article>");
        write("sub/notes.md", "not an article");
        write("sub/.hidden/d.txt", " date 2021-01-04 Hidden folder.");
        write(".e.txt", " date 2021-01-05 Hidden file.");
    }
    void TearDown() override { fs::remove_all(dir_); }
    void write(const std::string& name, const std::string& text) {
        std::ofstream(dir_ / name, std::ios::binary) << text;
    }
    fs::path dir_;
};

TEST_F(SourceReaderTest, WalksFoldersSortedSkippingHiddenAndOtherFiles) {
    std::vector<std::string> seen;
    CollectingSink sink;
    const SourceReader reader({},
                              [&](const std::string& path, std::size_t index, std::size_t total) {
                                  EXPECT_EQ(index, seen.size());
                                  EXPECT_EQ(total, 3u);
                                  seen.push_back(path);
                              });
    EXPECT_EQ(reader.read({dir_.string()}, sink), 3u);
    EXPECT_EQ(seen,
              (std::vector<std::string>{(dir_ / "a.jsonl").string(), (dir_ / "b.TXT").string(),
                                        (dir_ / "sub/c.xml").string()}));
    std::vector<std::string> ids;
    for (const auto& a : sink.articles) ids.push_back(a.id);
    EXPECT_EQ(ids, (std::vector<std::string>{"j1", "b", "c"}));
    EXPECT_TRUE(sink.rejections.empty());
}

TEST_F(SourceReaderTest, MissingPathThrowsBeforeAnythingIsRead) {
    CollectingSink sink;
    try {
        (void)SourceReader().read({dir_.string(), (dir_ / "nope.jsonl").string()}, sink);
        FAIL() << "expected InputError";
    } catch (const InputError& e) {
        EXPECT_TRUE(contains(e.what(), "nope.jsonl"));
    }
    EXPECT_TRUE(sink.articles.empty());
}

TEST_F(SourceReaderTest, NamedFileWithUnsupportedExtensionThrows) {
    EXPECT_THROW((void)SourceReader().expand({(dir_ / "sub/notes.md").string()}), InputError);
}

TEST_F(SourceReaderTest, NamedHiddenFileIsRead) {
    const CollectingSink sink = read_sources({(dir_ / ".e.txt").string()});
    EXPECT_EQ(sink.articles.size(), 1u);
}

TEST(XmlReader, ArticleOverTheRecordLimitIsRejectedAlone) {
    const std::string big(2000, 'x');
    const CollectingSink sink = read_string<XmlReader>(
        "<articles><article id='big' date='2021-01-01'><body><p>" + big +
            "</p></body></article><article id='ok' date='2021-01-01'><body><p>fine</p></body>"
            "</article></articles>",
        "x.xml", ReaderSettings{.max_record_bytes = 1000});
    ASSERT_EQ(sink.articles.size(), 1u);
    EXPECT_EQ(sink.articles[0].id, "ok");
    ASSERT_EQ(sink.rejections.size(), 1u);
    EXPECT_EQ(sink.rejections[0].id, "big");
    EXPECT_TRUE(contains(sink.rejections[0].reason, "--max-record-mb"));
}

// Only the title and the paragraphs were counted: a 20 MiB source attribute or byline passed
// the 16 MiB limit, and every search showing the article carried it.
TEST(XmlReader, AttributesAndTheBylineCountTowardsTheRecordLimit) {
    const std::string big(2000, 'x');
    for (const std::string& article :
         {"<article id='big' date='2021-01-01' source='" + big +
              "'><body><p>a</p></body></article>",
          "<article id='big' date='2021-01-01' url='https://example.org/" + big +
              "'><body><p>a</p></body></article>",
          "<article id='big' date='2021-01-01'><byline>" + big +
              "</byline><body><p>a</p></body></article>"}) {
        const CollectingSink sink = read_string<XmlReader>(
            "<articles>" + article +
                "<article id='ok' date='2021-01-01'><body><p>fine</p></body></article></articles>",
            "x.xml", ReaderSettings{.max_record_bytes = 1000});
        ASSERT_EQ(sink.articles.size(), 1u) << article.substr(0, 60);
        EXPECT_EQ(sink.articles[0].id, "ok");
        ASSERT_EQ(sink.rejections.size(), 1u) << article.substr(0, 60);
        EXPECT_EQ(sink.rejections[0].id, "big");
        EXPECT_TRUE(
            contains(sink.rejections[0].reason, "larger than the record limit (1000 bytes)"))
            << sink.rejections[0].reason;
    }
}

TEST(XmlReader, AFileOverTheXmlFileLimitIsRejectedUnread) {
    // 1000-byte records make a 16,000-byte file limit.
    const auto file = [](std::size_t articles) {
        std::string xml = "<articles>";
        for (std::size_t i = 0; i < articles; ++i)
            xml += "<article id='a" + std::to_string(i) + "' date='2021-01-01'><body><p>" +
                   std::string(400, 'x') + "</p></body></article>";
        return xml + "</articles>";
    };
    const ReaderSettings small{.max_record_bytes = 1000};
    EXPECT_EQ(read_string<XmlReader>(file(30), "ok.xml", small).articles.size(), 30u);
    const CollectingSink sink = read_string<XmlReader>(file(50), "big.xml", small);
    EXPECT_TRUE(sink.articles.empty());
    ASSERT_TRUE(rejected_once_for(
        sink, "larger than the XML file limit (16 times the record limit (1000 bytes))"));
}

// A sink whose memory runs out the first time it is told of a rejection or a warning (its
// list, its log line): the run's own memory, not the record's.
class SinkOutOfMemoryOnce : public CollectingSink {
public:
    void reject(const Rejection& rejection) override {
        run_out();
        CollectingSink::reject(rejection);
    }
    void warn(const SourceLocation& location, const std::string& message) override {
        run_out();
        CollectingSink::warn(location, message);
    }

private:
    void run_out() {
        if (!ran_out_) {
            ran_out_ = true;
            throw std::bad_alloc();
        }
    }
    bool ran_out_ = false;
};

// What the sink throws passes through every reader (ArticleReader), its own memory too: it
// was taken for the record's, which was then rejected as "out of memory while parsing the
// line" (a second rejection of a record already rejected, or one of an article read whole).
TEST(Readers, OutOfMemoryInTheSinkPassesThroughAndRejectsNoRecord) {
    const auto read = [](auto reader, const std::string& text, const std::string& path) {
        SinkOutOfMemoryOnce sink;
        std::istringstream in(text);
        EXPECT_THROW(reader.read(in, path, sink), std::bad_alloc) << path;
        EXPECT_TRUE(sink.rejections.empty()) << path << ": " << sink.rejections[0].reason;
    };
    // A warning (a repeated key, an unknown attribute) or a rejection (an empty file).
    read(JsonlReader(ReaderSettings{}),
         "{\"id\": \"k\", \"date\": \"2021-01-01\", \"body\": \"a\", \"body\": \"b\"}\n",
         "k.jsonl");
    read(JsonlReader(ReaderSettings{}), "{\"id\": \"k\", \"body\": \"no date\"}\n", "d.jsonl");
    read(PlainTextReader(ReaderSettings{}), "", "empty.txt");
    read(XmlReader(ReaderSettings{}),
         "<article id='x' date='2021-01-01' colour='red'><body><p>text</p></body></article>",
         "x.xml");
    read(XmlReader(ReaderSettings{}),
         "<articles><article date='2021-01-01'><body><p>text</p></body></article></articles>",
         "n.xml");
}

TEST_F(SourceReaderTest, OtherExtensionsInFoldersAreListedAsSkipped) {
    std::vector<std::string> skipped;
    const auto files = SourceReader().expand({(source_dir() / "corpus").string()}, &skipped);
    EXPECT_FALSE(files.empty());
    EXPECT_TRUE(skipped.empty());  // corpus/README.md is documentation, not a skipped archive
    // A compressed or renamed archive file is listed, so the run can say it was not read.
    fs::create_directories(dir_ / "arch");
    write("arch/2012-01.jsonl.gz", "x");
    write("arch/2012-02.JSON", "{}");
    write("arch/README.md", "notes");
    write("arch/ok.jsonl", "{}");
    skipped.clear();
    EXPECT_EQ(SourceReader().expand({(dir_ / "arch").string()}, &skipped).size(), 1u);
    EXPECT_EQ(skipped.size(), 2u);
}

// A file checked at the start of the run and replaced by a named pipe before its read: the
// read opened it as a file and waited for a writer forever, the run deaf to SIGTERM. Opened so
// that it cannot block, it is a rejection naming what it is, at once, and the files after it
// are read. (The guard opens the pipe's other end when the read hangs, so the test fails
// instead of hanging.)
TEST_F(SourceReaderTest, AFileTurnedIntoANamedPipeBeforeItsReadIsRejectedAtOnce) {
    const std::string pipe = (dir_ / "b.jsonl").string();
    ASSERT_EQ(::mkfifo(pipe.c_str(), 0644), 0);
    write("c.jsonl", "{\"id\": \"c1\", \"date\": \"2021-01-06\", \"body\": \"After.\"}\n");
    CollectingSink sink;
    auto read = std::async(std::launch::async, [&] {
        return SourceReader().read_files(
            {(dir_ / "a.jsonl").string(), pipe, (dir_ / "c.jsonl").string()}, sink);
    });
    const bool prompt = read.wait_for(std::chrono::seconds(10)) == std::future_status::ready;
    if (!prompt) ::close(::open(pipe.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC));
    EXPECT_EQ(read.get(), 3u);
    ASSERT_TRUE(prompt) << "the read waited on the named pipe";
    std::vector<std::string> ids;
    for (const auto& a : sink.articles) ids.push_back(a.id);
    EXPECT_EQ(ids, (std::vector<std::string>{"j1", "c1"}));
    ASSERT_TRUE(
        rejected_once_for(sink, "'" + pipe + "' is a named pipe (FIFO), not a regular file"));
    EXPECT_EQ(sink.rejections[0].id, "");  // it could hold any article: nothing is pruned
    EXPECT_EQ(sink.rejections[0].location.path, pipe);
    EXPECT_TRUE(contains(sink.rejections[0].reason, "replace it with the file, or remove it"))
        << sink.rejections[0].reason;
}

// A file written in place after it was opened (an export still writing it, a copy over it)
// may have been read short: rejected without an id, so --prune deletes nothing for it. One
// removed, replaced by a rename, or only chmod'ed or linked since was read whole: not rejected.
TEST_F(SourceReaderTest, AFileWrittenInPlaceSinceItWasOpenedIsRejectedWithoutAnId) {
    for (const char* name : {"appended", "removed", "renamed", "chmodded", "linked"})
        write(std::string(name) + ".jsonl",
              "{\"id\": \"" + std::string(name) + "\", \"body\": \"Text.\"}\n");
    std::vector<std::string> files;
    for (const char* name : {"appended", "removed", "renamed", "chmodded", "linked"})
        files.push_back((dir_ / (std::string(name) + ".jsonl")).string());
    CollectingSink sink;
    std::vector<SourceReader::OpenedFile> opened;
    EXPECT_EQ(SourceReader().read_files(files, sink, &opened), 5u);
    ASSERT_EQ(opened.size(), 5u);
    EXPECT_EQ(sink.articles.size(), 5u);
    std::ofstream(files[0], std::ios::app) << "{\"id\": \"more\", \"body\": \"Text.\"}\n";
    fs::remove(files[1]);
    write("new.jsonl", "{\"id\": \"renamed\", \"body\": \"Other text.\"}\n");
    fs::rename(dir_ / "new.jsonl", files[2]);
    fs::permissions(files[3], fs::perms::owner_read, fs::perm_options::replace);
    fs::create_hard_link(files[4], dir_ / "backup.jsonl");
    SourceReader::reject_changed(opened, sink);
    ASSERT_EQ(sink.rejections.size(), 1u);
    EXPECT_EQ(sink.rejections[0].location.path, files[0]);
    EXPECT_EQ(sink.rejections[0].id, "");
    EXPECT_TRUE(contains(sink.rejections[0].reason, "the file changed while this run read it"))
        << sink.rejections[0].reason;
    EXPECT_TRUE(contains(sink.rejections[0].reason, "no article is pruned this run"));
}

// A run that prunes watches a file written since it began (the writer may be between two
// writes when the file was read) until it settles, and rejects it when it changes meanwhile;
// a file written before the run began is judged at once.
TEST_F(SourceReaderTest, AFileWrittenSinceTheRunBeganIsWatchedBeforeItIsJudged) {
    const std::string file = (dir_ / "a.jsonl").string();
    const auto before_write = FileIdentity::now_ns() - 20'000'000;  // file times lag a tick
    write("a.jsonl", "{\"id\": \"a1\", \"body\": \"Text.\"}\n");
    std::vector<SourceReader::OpenedFile> opened;
    CollectingSink sink;
    (void)SourceReader().read_files({file}, sink, &opened);
    auto writer = std::async(std::launch::async, [&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
        std::ofstream(file, std::ios::app) << "{\"id\": \"a2\", \"body\": \"Text.\"}\n";
    });
    const auto started = std::chrono::steady_clock::now();
    // The file is older than this run.
    SourceReader::reject_changed(opened, sink, FileIdentity::now_ns() + 20'000'000);
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(400));
    EXPECT_TRUE(sink.rejections.empty());
    SourceReader::reject_changed(opened, sink, before_write);
    writer.get();
    ASSERT_EQ(sink.rejections.size(), 1u);
    EXPECT_EQ(sink.rejections[0].location.path, file);
}

TEST_F(SourceReaderTest, DashMayBeNamedOnlyOnce) {
    EXPECT_EQ(SourceReader().expand({"-"}), (std::vector<std::string>{"-"}));
    EXPECT_THROW((void)SourceReader().expand({"-", "-"}), UsageError);
}

}  // namespace
}  // namespace yalu
