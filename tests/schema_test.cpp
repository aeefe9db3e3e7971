// The schema file and the code agree: every term, value and data key the indexer writes is
// declared in schemas/index.xml, and a broken schema is refused with its line.

#include "document_builder.hpp"
#include "entity_matcher.hpp"
#include "errors.hpp"
#include "gazetteer.hpp"
#include "schema.hpp"
#include "url.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <set>

namespace {

const std::string kSchemas = std::string(YALU_SOURCE_DIR) + "/schemas";

yalu::Article sample_article() {
    yalu::Article a;
    a.id = "schema-sample";
    a.source = "Sample Wire";
    a.url = "https://example.org/a";
    a.date = yalu::Date{2022, 1, 17};
    a.title = "Kim Jong Un visits Sinuiju";
    a.byline = "Ahn Sung-mi";
    a.email = "sahn@example.org";
    a.lang = "en";
    a.paragraphs = {"Trains crossed the Yalu River to Dandong.",
                    "김정은 위원장이 신의주를 방문했다."};
    return a;
}

// The declared field whose prefix is the longest prefix of `term`, or nullptr.
const yalu::FieldSpec* owner(const yalu::Schema& schema, const std::string& term) {
    const yalu::FieldSpec* best = nullptr;
    for (const auto& f : schema.fields())
        if (!f.prefix.empty() && term.rfind(f.prefix, 0) == 0 &&
            (!best || f.prefix.size() > best->prefix.size()))
            best = &f;
    return best;
}

std::string write_temp(const std::string& name, const std::string& text) {
    const auto path = std::filesystem::temp_directory_path() / name;
    std::ofstream(path) << text;
    return path.string();
}

// Each schema `head + tail + "</schema>"` of `broken` is refused with a ConfigError naming the
// file and the line given beside it (":6:").
void expect_refused(const std::string& head,
                    const std::vector<std::pair<std::string, std::string>>& broken,
                    const std::string& file_name) {
    for (const auto& [tail, line] : broken) {
        const auto path = write_temp(file_name, head + tail + "\n</schema>\n");
        try {
            (void)yalu::Schema::load(path);
            ADD_FAILURE() << "accepted: " << tail;
        } catch (const yalu::ConfigError& e) {
            EXPECT_NE(std::string(e.what()).find(path + line), std::string::npos) << e.what();
        }
    }
}

}  // namespace

TEST(Schema, DeclaresEverythingTheCodeUses) {
    const auto schema = yalu::Schema::load(kSchemas + "/index.xml");
    EXPECT_GE(schema.version(), 1);
    for (const char* name : {"title", "body", "author", "source", "id", "lang", "year", "month",
                             "day", "nodate", "site", "person", "org", "place"})
        EXPECT_NE(schema.find_field(name), nullptr) << name;
    for (const char* slot : {"date", "hash", "facets"}) EXPECT_NO_THROW((void)schema.slot(slot));
    for (const char* key : {"schema_version", "last_run", "gazetteer", "thesaurus"})
        EXPECT_NO_THROW((void)schema.metadata_key(key));
    EXPECT_THROW((void)schema.field("no-such-field"), yalu::ConfigError);
}

TEST(Schema, EveryTermValueAndDataKeyWrittenIsDeclared) {
    const auto schema = yalu::Schema::load(kSchemas + "/index.xml");
    const auto gazetteer = yalu::Gazetteer::load(kSchemas + "/entities.xml");
    const yalu::EntityMatcher matcher(gazetteer);
    yalu::DocumentBuilder builder(schema, &matcher, "salt");
    const auto built = builder.build(sample_article());

    std::set<std::string> prefixed_fields;
    int unprefixed = 0;
    for (auto t = built.document.termlist_begin(); t != built.document.termlist_end(); ++t) {
        std::string term = *t;
        // Stemmed forms are "Z" + prefix + stem (Xapian's STEM_SOME convention).
        if (term.size() > 1 && term[0] == 'Z') term = term.substr(1);
        const unsigned char first = static_cast<unsigned char>(term[0]);
        if (std::islower(first) || std::isdigit(first) || first >= 0x80) {
            ++unprefixed;
            continue;
        }
        if (term.rfind(schema.word_start_prefix(), 0) == 0) {
            prefixed_fields.insert("word starts");
            continue;
        }
        const auto* f = owner(schema, term);
        ASSERT_NE(f, nullptr) << "term '" << *t << "' has no prefix declared in index.xml";
        prefixed_fields.insert(f->name);
    }
    EXPECT_GT(unprefixed, 10);
    for (const char* name : {"title", "author", "source", "id", "lang", "year", "month", "day",
                             "site", "person", "place", "word starts"})
        EXPECT_TRUE(prefixed_fields.count(name)) << "no term written for field " << name;

    std::set<unsigned> declared;
    for (const auto& v : schema.values()) declared.insert(v.slot);
    for (auto v = built.document.values_begin(); v != built.document.values_end(); ++v)
        EXPECT_TRUE(declared.count(v.get_valueno())) << "undeclared slot " << v.get_valueno();

    std::set<std::string> keys;
    const auto data = nlohmann::json::parse(built.document.get_data());
    for (const auto& [key, value] : data.items()) keys.insert(key);
    const std::set<std::string> expected(schema.data_keys().begin(), schema.data_keys().end());
    EXPECT_EQ(keys, expected);
}

TEST(Schema, KoreanNgramsAreStoredOnce) {
    const auto schema = yalu::Schema::load(kSchemas + "/index.xml");
    yalu::DocumentBuilder builder(schema, nullptr, "salt");
    auto article = sample_article();
    const auto built = builder.build(article);
    bool plain = false;
    for (auto t = built.document.termlist_begin(); t != built.document.termlist_end(); ++t) {
        const std::string term = *t;
        EXPECT_NE(term.rfind("Z김", 0), 0u) << "Hangul n-gram stored again as a stem: " << term;
        if (term == "김정") plain = true;
    }
    EXPECT_TRUE(plain);
}

TEST(Schema, VersionsAreReadAsNumbers) {
    // An index's recorded version and index.xml's are compared as numbers: "05" is 5.
    EXPECT_EQ(yalu::Schema::parse_version("5"), 5);
    EXPECT_EQ(yalu::Schema::parse_version("05"), 5);
    EXPECT_EQ(yalu::Schema::parse_version(" 12 "), 12);
    EXPECT_EQ(yalu::Schema::parse_version("2147483647"), 2147483647);
    for (const char* none : {"", " ", "v5", "5.0", "-5", "+5", "5x", "2147483648", "1e3"})
        EXPECT_EQ(yalu::Schema::parse_version(none), std::nullopt) << none;
    // index.xml's version="5x" was read as 5 (pugixml's as_int).
    const auto garbled =
        write_temp("yalu-schema-5x.xml", "<schema version=\"5x\"><fields/></schema>");
    try {
        (void)yalu::Schema::load(garbled);
        FAIL() << "version 5x accepted";
    } catch (const yalu::ConfigError& e) {
        EXPECT_NE(std::string(e.what()).find("positive integer 'version'"), std::string::npos)
            << e.what();
    }
}

TEST(Schema, BrokenSchemasAreRefusedWithTheirLine) {
    const auto dup = write_temp("yalu-schema-dup.xml",
                                "<schema version=\"1\">\n<fields>\n"
                                "<field name=\"a\" kind=\"boolean\" prefix=\"X\" from=\"id\"/>\n"
                                "<field name=\"b\" kind=\"boolean\" prefix=\"X\" from=\"id\"/>\n"
                                "</fields></schema>\n");
    try {
        (void)yalu::Schema::load(dup);
        FAIL() << "duplicate prefix accepted";
    } catch (const yalu::ConfigError& e) {
        EXPECT_NE(std::string(e.what()).find(dup + ":4:"), std::string::npos) << e.what();
    }
    const auto noversion = write_temp("yalu-schema-nover.xml", "<schema><fields/></schema>");
    EXPECT_THROW((void)yalu::Schema::load(noversion), yalu::ConfigError);
    EXPECT_THROW((void)yalu::Schema::load("/nonexistent/index.xml"), yalu::ConfigError);
}

TEST(Schema, HomeTermsAreCheckedAndPrefixed) {
    const auto schema = yalu::Schema::load(kSchemas + "/index.xml");
    const auto& home = schema.home();
    EXPECT_GT(home.factor, 1.0);
    EXPECT_LE(home.factor, 2.0);
    ASSERT_FALSE(home.terms.empty());
    EXPECT_NE(std::find(home.terms.begin(), home.terms.end(),
                        schema.field("place").prefix + "north-korea"),
              home.terms.end());
    EXPECT_NE(std::find(home.entity_ids.begin(), home.entity_ids.end(), "north-korea"),
              home.entity_ids.end());

    const std::string fields =
        "<schema version=\"1\">\n<fields>\n"
        "<field name=\"lang\" kind=\"boolean\" prefix=\"L\" from=\"lang\"/>\n"
        "<field name=\"body\" kind=\"text\" prefix=\"\" from=\"body\"/>\n"
        "</fields>\n";
    const auto none = write_temp("yalu-schema-nohome.xml", fields + "</schema>\n");
    EXPECT_EQ(yalu::Schema::load(none).home().factor, 1.0) << "no <home>: no preference";
    const std::vector<std::pair<std::string, std::string>> broken{
        {"<home factor=\"1.05\">\n<term field=\"body\" value=\"x\"/>\n</home>", ":7:"},
        {"<home factor=\"1.05\">\n<term field=\"nope\" value=\"x\"/>\n</home>", ":7:"},
        {"<home factor=\"3\">\n<term field=\"lang\" value=\"ko\"/>\n</home>", ":6:"},
        {"<home factor=\"1.05\">\n</home>", ":6:"},
    };
    expect_refused(fields, broken, "yalu-schema-home.xml");
}

TEST(Schema, BriefRuleIsCheckedAndNeedsTheLengthSlot) {
    const auto schema = yalu::Schema::load(kSchemas + "/index.xml");
    EXPECT_LT(schema.brief().factor, 1.0);
    EXPECT_GT(schema.brief().below, 0u);
    EXPECT_NO_THROW((void)schema.slot("length"));
    // The shipped rule is for the Korean news's captions (KCNA's short items are reports).
    EXPECT_EQ(schema.brief().terms, (std::vector<std::string>{"Lko"}));
    EXPECT_EQ(schema.brief().scope, "lang:ko");

    const std::string head =
        "<schema version=\"1\">\n<fields>\n"
        "<field name=\"body\" kind=\"text\" prefix=\"\" from=\"body\"/>\n"
        "</fields>\n";
    const std::string slot = "<values><value name=\"length\" slot=\"3\"/></values>\n";
    const auto none = write_temp("yalu-schema-nobrief.xml", head + slot + "</schema>\n");
    EXPECT_EQ(yalu::Schema::load(none).brief().factor, 1.0) << "no <brief>: no demotion";
    const std::vector<std::pair<std::string, std::string>> broken{
        {slot + "<brief below=\"300\" factor=\"0.2\"/>", ":6:"},
        {slot + "<brief factor=\"0.8\"/>", ":6:"},
        {"<brief below=\"300\" factor=\"0.8\"/>", ":5:"},
        {slot +
             "<brief below=\"300\" factor=\"0.8\">\n<term field=\"body\" value=\"x\"/>\n</brief>",
         ":7:"},
    };
    expect_refused(head, broken, "yalu-schema-brief.xml");
}

// The head of a schema file holding only a body field, and a source field to add to it: the
// ranking rules that read sources (<collection>, <own-press>) need one.
const std::string kBodyOnly =
    "<schema version=\"1\">\n<fields>\n"
    "<field name=\"body\" kind=\"text\" prefix=\"\" from=\"body\"/>\n";
const std::string kSourceField =
    "<field name=\"source\" kind=\"text\" prefix=\"XS\" from=\"source\"/>\n";

TEST(Schema, CollectionsAreCheckedAndNeedTheSourceField) {
    const auto schema = yalu::Schema::load(kSchemas + "/index.xml");
    ASSERT_FALSE(schema.collections().empty());
    const auto& addresses = schema.collections().front();
    EXPECT_EQ(addresses.words.front(), "신년사");
    EXPECT_EQ(addresses.source_terms.front(), schema.field("source").prefix + "new");

    const std::string& head = kBodyOnly;
    const std::string& source = kSourceField;
    const auto good = write_temp("yalu-schema-collection.xml",
                                 head + source +
                                     "</fields>\n<collection source=\"KCNA\" "
                                     "words=\"조선중앙통신\" origin=\"북한 조선\"/>\n</schema>\n");
    const auto loaded = yalu::Schema::load(good);
    ASSERT_EQ(loaded.collections().size(), 1u);
    EXPECT_EQ(loaded.collections().front().source_terms, std::vector<std::string>{"XSkcna"});
    EXPECT_EQ(loaded.collections().front().origin, (std::vector<std::string>{"북한", "조선"}));
    EXPECT_EQ(loaded.collections().front().factor, 1.0) << "no factor: no preference";
    EXPECT_GT(addresses.factor, 1.0);
    const std::vector<std::pair<std::string, std::string>> broken{
        {source + "</fields>\n<collection source=\"연합뉴스\" words=\"통신\"/>", ":6:"},
        {source + "</fields>\n<collection source=\"kcna\" words=\"news\"/>", ":6:"},
        {source + "</fields>\n<collection source=\"kcna\" words=\"통신\" origin=\"북한의!\"/>",
         ":6:"},
        {source + "</fields>\n<collection source=\"kcna\"/>", ":6:"},
        {source + "</fields>\n<collection source=\"kcna\" words=\"통신\" factor=\"0.5\"/>", ":6:"},
        {source + "</fields>\n<collection source=\"kcna\" words=\"통신\" factor=\"x\"/>", ":6:"},
        {"</fields>\n<collection source=\"kcna\" words=\"통신\"/>", ":5:"},
    };
    expect_refused(head, broken, "yalu-schema-collection.xml");
}

TEST(Schema, OwnPressNamesAreCheckedAndNeedTheSourceField) {
    const auto schema = yalu::Schema::load(kSchemas + "/index.xml");
    ASSERT_FALSE(schema.own_press().empty());
    EXPECT_EQ(schema.own_press().front().name, "north korean");
    EXPECT_EQ(schema.own_press().front().word, "korean");

    const std::string& head = kBodyOnly;
    const std::string& source = kSourceField;
    const auto good = write_temp("yalu-schema-own-press.xml",
                                 head + source +
                                     "</fields>\n<own-press source=\"Rodong Sinmun\" "
                                     "name=\"North  Korean\" word=\"Korean\"/>\n</schema>\n");
    const auto loaded = yalu::Schema::load(good);
    ASSERT_EQ(loaded.own_press().size(), 1u);
    EXPECT_EQ(loaded.own_press().front().source_terms,
              (std::vector<std::string>{"XSrodong", "XSsinmun"}));
    EXPECT_EQ(loaded.own_press().front().name, "north korean");
    EXPECT_EQ(loaded.own_press().front().word, "korean");
    const std::vector<std::pair<std::string, std::string>> broken{
        {source + "</fields>\n<own-press source=\"kcna\" name=\"north korean\" word=\"north\"/>",
         ":6:"},
        {source + "</fields>\n<own-press source=\"kcna\" name=\"korean\" word=\"korean\"/>", ":6:"},
        {source + "</fields>\n<own-press source=\"kcna\" name=\"north korean\"/>", ":6:"},
        {source + "</fields>\n<own-press source=\"조선\" name=\"north korean\" word=\"korean\"/>",
         ":6:"},
        {"</fields>\n<own-press source=\"kcna\" name=\"north korean\" word=\"korean\"/>", ":5:"},
    };
    expect_refused(head, broken, "yalu-schema-own-press.xml");
}

TEST(Schema, AUrlGivesItsHostAsTheSiteTerm) {
    EXPECT_EQ(yalu::url::host("https://n.news.naver.com/mnews/article/044/1"), "n.news.naver.com");
    EXPECT_EQ(yalu::url::host("http://www.KCNA.co.jp/item/2011/a.html"), "kcna.co.jp");
    EXPECT_EQ(yalu::url::host("https://user:pw@www.rodong.rep.kp:8080?x=1"), "rodong.rep.kp");
    EXPECT_EQ(yalu::url::host("http://[::1]:8080/a"), "[::1]");
    EXPECT_EQ(yalu::url::host("http://www./a"), "www.") << "no host left to strip to";
    for (const char* none : {"", "kcna.kp/en", "://x", "mailto:a@b.org"})
        EXPECT_EQ(yalu::url::host(none), "") << none;

    const auto schema = yalu::Schema::load(kSchemas + "/index.xml");
    yalu::DocumentBuilder builder(schema, nullptr, "salt");
    auto article = sample_article();
    article.url = "https://www.Example.org:443/a";
    const auto built = builder.build(article);
    const std::string site = schema.field("site").prefix;
    std::vector<std::string> sites;
    for (auto t = built.document.termlist_begin(); t != built.document.termlist_end(); ++t)
        if ((*t).rfind(site, 0) == 0) sites.push_back(*t);
    EXPECT_EQ(sites, std::vector<std::string>{site + "example.org"});

    // A url field is a boolean field of hosts, the one thing DocumentBuilder writes from it.
    const std::string head = kBodyOnly;
    expect_refused(head,
                   {{"<field name=\"site\" kind=\"text\" prefix=\"XH\" from=\"url\" "
                     "format=\"host\"/>\n</fields>",
                     ":4:"},
                    {"<field name=\"site\" kind=\"boolean\" prefix=\"XH\" from=\"url\"/>\n"
                     "</fields>",
                     ":4:"}},
                   "yalu-schema-site.xml");
}

TEST(Schema, DomesticPressIsCheckedAndNeedsABooleanField) {
    const auto schema = yalu::Schema::load(kSchemas + "/index.xml");
    ASSERT_FALSE(schema.domestic().empty());
    EXPECT_EQ(schema.domestic().front().place, "south-korea");
    EXPECT_EQ(schema.domestic().front().terms.front(),
              schema.field("site").prefix + "n.news.naver.com");

    const std::string head =
        kBodyOnly + "<field name=\"lang\" kind=\"boolean\" prefix=\"L\" from=\"lang\"/>\n";
    const auto good = write_temp("yalu-schema-domestic.xml",
                                 head +
                                     "</fields>\n<domestic place=\"south-korea\">"
                                     "<term field=\"lang\" value=\"ko\"/></domestic>\n"
                                     "</schema>\n");
    const auto loaded = yalu::Schema::load(good);
    ASSERT_EQ(loaded.domestic().size(), 1u);
    EXPECT_EQ(loaded.domestic().front().terms, std::vector<std::string>{"Lko"});
    const std::vector<std::pair<std::string, std::string>> broken{
        {"</fields>\n<domestic place=\"south-korea\"/>", ":6:"},
        {"</fields>\n<domestic><term field=\"lang\" value=\"ko\"/></domestic>", ":6:"},
        {"</fields>\n<domestic place=\"south-korea\">\n<term field=\"body\" value=\"x\"/>"
         "</domestic>",
         ":7:"},
        {"</fields>\n<domestic place=\"south-korea\">\n<term field=\"lang\"/></domestic>", ":7:"},
    };
    expect_refused(head, broken, "yalu-schema-domestic.xml");
    // A site is written as the index holds hosts.
    const std::string site = head +
                             "<field name=\"site\" kind=\"boolean\" prefix=\"XH\" from=\"url\" "
                             "format=\"host\"/>\n</fields>\n<domestic place=\"south-korea\">\n";
    for (const char* host :
         {"www.yna.co.kr", "N.News.Naver.com", "https://yna.co.kr", "yna.co.kr/en"})
        expect_refused(
            site,
            {{std::string("<term field=\"site\" value=\"") + host + "\"/></domestic>", ":8:"}},
            "yalu-schema-domestic-site.xml");
    EXPECT_NO_THROW((void)yalu::Schema::load(
        write_temp("yalu-schema-domestic-site.xml",
                   site + "<term field=\"site\" value=\"yna.co.kr\"/></domestic>\n</schema>\n")));
}

TEST(Schema, HangulWordStartsAreIndexed) {
    // The n-grams know no word boundaries; the word-start terms do: 평양 begins 평양시 but not
    // 태평양 or 대평양, and a particle written against a closing quote ('탈북민'이란) starts no
    // word, while a word after a bracket that follows a space ((동해)) does.
    const auto schema = yalu::Schema::load(kSchemas + "/index.xml");
    ASSERT_FALSE(schema.word_start_prefix().empty());
    yalu::DocumentBuilder builder(schema, nullptr, "salt");
    auto article = sample_article();
    article.paragraphs = {"태평양 평양시, 대평양 수출과 '탈북민'이란 말 (동해) 김 씨"};
    const auto built = builder.build(article);
    std::set<std::string> starts;
    for (auto t = built.document.termlist_begin(); t != built.document.termlist_end(); ++t)
        if ((*t).rfind(schema.word_start_prefix(), 0) == 0)
            starts.insert((*t).substr(schema.word_start_prefix().size()));
    EXPECT_EQ(starts, (std::set<std::string>{"태평", "평양", "대평", "수출", "탈북", "동해"}));
}
