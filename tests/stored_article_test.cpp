// StoredArticle: the document data every hit is shown from survives the round trip, and data
// that is not Yalu JSON is a DataError naming the fix.

#include "errors.hpp"
#include "stored_article.hpp"

#include <gtest/gtest.h>

#include <string>

namespace yalu {
namespace {

StoredArticle sample() {
    StoredArticle s;
    s.id = "naver-001_0015816962";
    s.date = "2025-12-28";
    s.date_origin = "metadata";
    s.title = "안팎으로 숨가빴던 北김정은의 2025년";
    s.title_derived = true;
    s.source = "연합뉴스";
    s.url = "https://example.org/a?b=1&c=\"2\"";
    s.byline = "박주영, 이주형";
    s.email = "a@yna.co.kr";
    s.lang = "ko";
    s.body = "First paragraph with a \\ backslash, a tab\there.\n둘째 문단 \u2028 and \x01.";
    s.entities = {"kim-jong-un", "north-korea"};
    s.path = "archive/2025.jsonl:17";
    return s;
}

TEST(StoredArticle, RoundTripKeepsEveryField) {
    const StoredArticle in = sample();
    const StoredArticle out = StoredArticle::from_json(in.to_json());
    EXPECT_EQ(out.id, in.id);
    EXPECT_EQ(out.date, in.date);
    EXPECT_EQ(out.date_origin, in.date_origin);
    EXPECT_EQ(out.title, in.title);
    EXPECT_EQ(out.title_derived, in.title_derived);
    EXPECT_EQ(out.source, in.source);
    EXPECT_EQ(out.url, in.url);
    EXPECT_EQ(out.byline, in.byline);
    EXPECT_EQ(out.email, in.email);
    EXPECT_EQ(out.lang, in.lang);
    EXPECT_EQ(out.body, in.body);
    EXPECT_EQ(out.entities, in.entities);
    EXPECT_EQ(out.path, in.path);
}

TEST(StoredArticle, MissingKeysAreEmptyAndUnknownKeysIgnored) {
    // Data written by another version: fields it lacks are empty, fields it adds are skipped.
    const StoredArticle s = StoredArticle::from_json(
        R"({"id":"x1","later":{"nested":[1,2,{"a":null}]},"body":"b","title_derived":false})");
    EXPECT_EQ(s.id, "x1");
    EXPECT_EQ(s.body, "b");
    EXPECT_FALSE(s.title_derived);
    EXPECT_TRUE(s.title.empty());
    EXPECT_TRUE(s.entities.empty());
}

TEST(StoredArticle, DataThatIsNotYaluJsonIsADataError) {
    for (const auto& bad :
         {std::string(), std::string("plain text"), std::string("{\"id\":"),
          std::string(R"({"id":"a"} trailing)"), std::string(R"({"id":17})"),
          std::string(R"(["id","a"])"), std::string(R"({"entities":"kim-jong-un"})"),
          std::string("{\"id\":\"\xff\"}")}) {
        try {
            (void)StoredArticle::from_json(bad);
            ADD_FAILURE() << "accepted: " << bad;
        } catch (const DataError& e) {
            EXPECT_NE(std::string(e.what()).find("yalu-index --rebuild"), std::string::npos)
                << e.what();
        }
    }
}

}  // namespace
}  // namespace yalu
