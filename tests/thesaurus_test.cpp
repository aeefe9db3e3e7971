// Tests for Thesaurus: loading, one ConfigError per kind of broken file (file, line and fix in
// the message), and which spans of a query name a term.

#include "thesaurus.hpp"

#include "errors.hpp"
#include "gazetteer.hpp"
#include "test_paths.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace yalu {
namespace {

std::string wrap(const std::string& groups) {
    return "<?xml version=\"1.0\"?>\n<thesaurus version=\"1\">\n" + groups + "</thesaurus>\n";
}

const Thesaurus& sample() {
    static const Thesaurus t = Thesaurus::parse(
        wrap("<group><term>intercontinental ballistic missile</term><term>ICBM</term></group>\n"
             "<group><term>joint military exercises</term><term>war drills</term>"
             "<term>연합훈련</term></group>\n"
             "<group><term>flood</term><term>큰물</term><term>홍수</term></group>\n"
             "<group><term>H-bomb</term><term>hydrogen bomb</term></group>\n"),
        "sample.xml");
    return t;
}

// The matched spans of `text`, as the text they cover.
std::vector<std::string> spans(const std::string& text) {
    std::vector<std::string> out;
    for (const auto& m : sample().find(text)) out.push_back(text.substr(m.begin, m.end - m.begin));
    return out;
}

std::string parse_error(const std::string& xml) {
    try {
        (void)Thesaurus::parse(xml, "t.xml");
    } catch (const ConfigError& e) {
        return e.what();
    }
    return "";
}

TEST(Thesaurus, FindsTermsLikeAliases) {
    // Case-folded; a hyphen is a space; the longest term wins; each span names its group.
    EXPECT_EQ(spans("icbm launch"), std::vector<std::string>{"icbm"});
    EXPECT_EQ(spans("an h bomb test"), std::vector<std::string>{"h bomb"});
    EXPECT_EQ(spans("Joint Military Exercises and war drills"),
              (std::vector<std::string>{"Joint Military Exercises", "war drills"}));
    const auto m = sample().find("ICBM");
    ASSERT_EQ(m.size(), 1U);
    EXPECT_EQ(m[0].group->front(), "intercontinental ballistic missile");
    // A Hangul word may carry a particle; a longer word that merely starts with a term is not it.
    EXPECT_EQ(spans("큰물로 피해"), std::vector<std::string>{"큰물로"});
    EXPECT_EQ(spans("큰물결"), std::vector<std::string>{});
    EXPECT_EQ(spans("연합훈련을 중단"), std::vector<std::string>{"연합훈련을"});
    // A term never spans punctuation.
    EXPECT_EQ(spans("joint military, exercises"), std::vector<std::string>{});
    EXPECT_TRUE(sample().find("missile talks").empty());
}

TEST(Thesaurus, BrokenFilesNameTheLineAndTheFix) {
    EXPECT_NE(parse_error(wrap("<group><term>ICBM</term>\n<term>icbm</term></group>"))
                  .find("t.xml line 4: term \"icbm\" is already listed on line 3"),
              std::string::npos);
    EXPECT_NE(parse_error(wrap("<group><term>flood</term></group>")).find("fewer than two terms"),
              std::string::npos);
    EXPECT_NE(parse_error(wrap("<group><term>a b</term><word>c</word></group>"))
                  .find("unexpected <word>"),
              std::string::npos);
    EXPECT_NE(
        parse_error(wrap("<group><term>...</term><term>b</term></group>")).find("has no letters"),
        std::string::npos);
    EXPECT_NE(parse_error("<terms version=\"1\"/>").find("root element"), std::string::npos);
    EXPECT_NE(parse_error("<thesaurus version=\"1\"><group>").find("line 1: XML error"),
              std::string::npos);
}

TEST(Thesaurus, ShippedFileLoadsAndKeepsNamesOut) {
    const std::string dir = (test::source_root() / "schemas").string();
    const Thesaurus t = Thesaurus::load(dir + "/thesaurus.xml");
    EXPECT_GT(t.size(), 20U);
    // Names belong in the gazetteer: no term may also be an alias of an entity.
    const Gazetteer g = Gazetteer::load(dir + "/entities.xml");
    for (const auto& e : g.entities()) {
        for (const auto& a : e.aliases) {
            const auto m = t.find(a.text);
            EXPECT_FALSE(m.size() == 1 && m[0].begin == 0 && m[0].end == a.text.size())
                << a.text << " (entity " << e.id << ") is also a thesaurus term";
        }
    }
    if (std::system("command -v xmllint >/dev/null 2>&1") != 0)
        GTEST_SKIP()
            << "xmllint not installed (apt-get install -y libxml2-utils): XSD check skipped";
    EXPECT_EQ(std::system(("xmllint --noout --schema '" + dir + "/thesaurus.xsd' '" + dir +
                           "/thesaurus.xml' >/dev/null 2>&1")
                              .c_str()),
              0);
}

// Every group with its terms, and what each term and a few texts match: two thesauri print
// the same iff they behave the same.
std::string dump(const Thesaurus& t, const std::vector<std::string>& texts) {
    std::string out;
    for (const auto& group : t.groups()) {
        for (const auto& term : group) out += term + "|";
        out += "\n";
    }
    std::vector<std::string> all = texts;
    for (const auto& group : t.groups()) all.insert(all.end(), group.begin(), group.end());
    for (const auto& text : all) {
        out += text + ":";
        for (const auto& m : t.find(text)) {
            out.append(" ").append(std::to_string(m.begin)).append("-");
            out.append(std::to_string(m.end)).append("=").append(m.group->front());
        }
        out += "\n";
    }
    return out;
}

TEST(ThesaurusSnapshot, ReadsBackTheSameThesaurus) {
    const std::string path = (test::source_root() / "schemas" / "thesaurus.xml").string();
    const Thesaurus parsed = Thesaurus::load(path);
    const std::string stamp = Thesaurus::file_stamp(path, 2);
    const std::string bytes = parsed.snapshot(stamp);
    const auto back = Thesaurus::from_snapshot(bytes, stamp);
    ASSERT_TRUE(back.has_value());
    const std::vector<std::string> texts{"큰물로 피해", "ICBM launch and H-bomb test",
                                         "joint  military-exercises", "홍수를 막다", ""};
    EXPECT_EQ(dump(*back, texts), dump(parsed, texts));
    EXPECT_EQ(back->snapshot(stamp), bytes);  // the same bytes whatever the map's order
}

TEST(ThesaurusSnapshot, RefusesAnotherStampOrDamagedBytes) {
    const std::string xml = wrap(
        "<group><term>flood</term><term>큰물</term></group>\n"
        "<group><term>H-bomb</term><term>hydrogen bomb</term><term>수소탄</term></group>\n");
    const std::string stamp = Thesaurus::source_stamp(xml, 2);
    const std::string bytes = Thesaurus::parse(xml, "inline.xml").snapshot(stamp);
    ASSERT_TRUE(Thesaurus::from_snapshot(bytes, stamp).has_value());
    EXPECT_NE(Thesaurus::source_stamp(xml + " ", 2), stamp);
    EXPECT_FALSE(Thesaurus::from_snapshot(bytes, Thesaurus::source_stamp(xml + " ", 2)));
    EXPECT_FALSE(Thesaurus::from_snapshot(bytes, Thesaurus::source_stamp(xml, 3)));
    for (std::size_t size = 0; size < bytes.size(); ++size)
        EXPECT_FALSE(Thesaurus::from_snapshot(bytes.substr(0, size), stamp)) << size;
    for (std::size_t at = 0; at < bytes.size(); ++at) {
        std::string flipped = bytes;
        flipped[at] = static_cast<char>(flipped[at] ^ 0x01);
        EXPECT_FALSE(Thesaurus::from_snapshot(flipped, stamp)) << at;
    }
    // A gazetteer's snapshot is no thesaurus's, even under the same stamp.
    EXPECT_FALSE(Thesaurus::from_snapshot(
        Gazetteer::parse("<gazetteer version=\"1\"/>", "g.xml").snapshot(stamp), stamp));
}

TEST(ThesaurusSnapshot, FileStampIsTheStampOfTheFilesBytes) {
    const std::string path = (test::source_root() / "schemas" / "thesaurus.xml").string();
    std::ifstream in(path, std::ios::binary);
    const std::string xml((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(Thesaurus::file_stamp(path, 2), Thesaurus::source_stamp(xml, 2));
    EXPECT_THROW((void)Thesaurus::file_stamp(path + ".missing", 2), ConfigError);
}

}  // namespace
}  // namespace yalu
