// Tests for QuerySplitter: which query strings keep the ranked rewriter (words, phrases and
// filter clauses) and which go to QueryParser whole.

#include "query_splitter.hpp"

#include "errors.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace yalu {
namespace {

const QuerySplitter splitter({"date", "lang", "year", "person", "place", "entity"});

TEST(QuerySplitter, WordsPhrasesAndFilterClausesSplit) {
    struct Case {
        std::string text;
        std::string words;
        std::vector<std::string> filters;
    };
    const std::vector<Case> cases{
        {"missile launch year:2023", "missile launch", {"year:2023"}},
        {"flood damage date:2012-07..2012-09 lang:en",
         "flood damage",
         {"date:2012-07..2012-09", "lang:en"}},
        // A quoted value belongs to its clause, spaces and all.
        {"person:\"Kim Yo Jong\" statement", "statement", {"person:\"Kim Yo Jong\""}},
        // Phrases stay in the words, in straight quotes; curly quotes too.
        {"\"Kim Jong Un\" factory", "\"Kim Jong Un\" factory", {}},
        {"\u201CDay of the Sun\u201D birthday", "\"Day of the Sun\" birthday", {}},
        {"김여정 \"담화\" date:2025", "김여정 \"담화\"", {"date:2025"}},
        // An unbalanced quote runs to the end, as in QueryParser; an empty phrase is nothing.
        {"\"Yalu River", "\"Yalu River\"", {}},
        {"\"\" missile", "missile", {}},
        // Hyphens inside words are words.
        {"Lee Jae-myung visit", "Lee Jae-myung visit", {}},
    };
    for (const auto& c : cases) {
        const auto parts = splitter.split(c.text);
        ASSERT_TRUE(parts.has_value()) << c.text;
        EXPECT_EQ(parts->words, c.words) << c.text;
        EXPECT_EQ(parts->filters, c.filters) << c.text;
    }
}

TEST(QuerySplitter, PlainTextIsWordsOnly) {
    // Plain text comes back as its words: no filter, no phrase.
    for (const char* plain : {"Kim Jong Un", "six-party talks", "North Korea's", "COVID-19",
                              "김정은 북한의 신년사", "and or not"}) {
        const auto parts = splitter.split(plain);
        ASSERT_TRUE(parts.has_value()) << plain;
        EXPECT_EQ(parts->words, plain);
        EXPECT_TRUE(parts->filters.empty()) << plain;
    }
    // Phrases stay phrases; other syntax is QueryParser's.
    for (const char* syntax :
         {"\"Yalu River\"", "title:missile", "nucl*", "a AND b", "a OR b", "missile NOT test",
          "-test missile", "+missile", "(a b)", "\u201CYalu River\u201D", "a NEAR b", "~missile"}) {
        const auto parts = splitter.split(syntax);
        EXPECT_TRUE(!parts || parts->words.find('"') != std::string::npos) << syntax;
    }
}

TEST(QuerySplitter, ATildeInsideAWordIsARange) {
    // QueryParser reads ~ as its synonym operator; inside a word it is a range.
    EXPECT_EQ(splitter.ranges_as_gaps("1950~70년대 신년사"), "1950 70년대 신년사");
    EXPECT_EQ(splitter.ranges_as_gaps("3~4일 AND 한파"), "3 4일 AND 한파");
    // Before a word, or alone, it stays.
    for (const std::string text : {"~missile", "a ~missile", "(~missile)", "a ~ b", "\"~x\""})
        EXPECT_EQ(splitter.ranges_as_gaps(text), text) << text;
}

TEST(QuerySplitter, ATildeInAFilterValueIsTheValues) {
    // date:2011~2012 became "date:2011 2012": the articles of 2011 holding the word 2012 (183
    // over the archive). A filter's value is read whole, by its field.
    EXPECT_EQ(splitter.ranges_as_gaps("date:2011~2012 1950~70년대"), "date:2011~2012 1950 70년대");
    EXPECT_EQ(splitter.ranges_as_gaps("(a OR -date:2011~2012) person:\"a~b c\" x~y"),
              "(a OR -date:2011~2012) person:\"a~b c\" x y");
    // Not a filter, or inside a word: a range, as before.
    EXPECT_EQ(splitter.ranges_as_gaps("title:3~4일 xdate:1~2"), "title:3 4일 xdate:1 2");
}

TEST(QuerySplitter, OtherSyntaxGoesToQueryParserWhole) {
    for (const std::string text :
         {"missile AND launch", "missile OR rocket", "missile NOT test", "(missile launch)",
          "nucl* test", "+missile launch", "missile -test", "title:missile launch",
          "author:Kim report", "10:30 meeting", "missile NEAR launch", "missile NEAR/3 launch",
          "missile ADJ/2 launch"})
        EXPECT_EQ(splitter.split(text), std::nullopt) << text;
}

TEST(QuerySplitter, NearAndAdjTakeTheirWindow) {
    // QueryParser reads NEAR/3 and ADJ/2 as operators with a window of words; they were read
    // as the words near and 3.
    for (const std::string op : {"AND", "OR", "NOT", "XOR", "NEAR", "ADJ", "NEAR/3", "ADJ/12"})
        EXPECT_TRUE(QuerySplitter::is_operator(op)) << op;
    for (const std::string word : {"NEAR/", "NEAR/x", "ADJ/3a", "near/3", "OR/3", "/3", "and"})
        EXPECT_FALSE(QuerySplitter::is_operator(word)) << word;
}

TEST(QuerySplitter, FilterFieldWithoutValueIsAUsageError) {
    // QueryParser would search the words "lang" and "date": say what is missing instead.
    for (const std::string text : {"lang: missile", "missile date:", "person: Kim"})
        EXPECT_THROW((void)splitter.split(text), UsageError) << text;
    EXPECT_NO_THROW((void)splitter.split("10: missile")) << "not a filter field";
}

TEST(QuerySplitter, AnEmptyQuotedValueIsNoValue) {
    // person:"" once looked up a person called '' and said the gazetteer lacked them.
    for (const std::string text :
         {"person:\"\"", "person:\"", "missile person:\" \"", "place:\u201C\u201D"}) {
        try {
            (void)splitter.split(text);
            ADD_FAILURE() << text << ": no error";
        } catch (const UsageError& e) {
            EXPECT_NE(std::string(e.what()).find("needs its value right after the colon"),
                      std::string::npos)
                << text << ": " << e.what();
        }
    }
    EXPECT_EQ(splitter.split("person:\"Kim Jong Un\"")->filters,
              std::vector<std::string>{"person:\"Kim Jong Un\""});
}

TEST(QuerySplitter, TopLevelFilterClausesAreLiftedOutOfSyntax) {
    struct Case {
        std::string text;
        std::string words;
        std::vector<std::string> filters;
    };
    const std::vector<Case> cases{
        {"missile OR rocket date:2012", "missile OR rocket ", {"date:2012"}},
        {"year:2012 tractor NOT steel", " tractor NOT steel", {"year:2012"}},
        {"(a OR b) person:\"Kim Jong Un\" lang:ko",
         "(a OR b)  ",
         {"person:\"Kim Jong Un\"", "lang:ko"}},
        // Inside brackets, signed, or an operand of an operator: left where it is.
        {"(a date:2012) OR b", "(a date:2012) OR b", {}},
        {"a -lang:ko OR b", "a -lang:ko OR b", {}},
        {"a NOT lang:ko", "a NOT lang:ko", {}},
        {"a OR b AND lang:ko", "a OR b AND lang:ko", {}},
        {"a OR date:2012 OR date:2013", "a OR date:2012 OR date:2013", {}},
        {"(a date:2012 OR date:2013) b", "(a date:2012 OR date:2013) b", {}},
        {"a (date:2012 OR b)", "a (date:2012 OR b)", {}},
        {"a date:2012 OR date:2013 OR b", "a date:2012 OR date:2013 OR b", {}},
        // Brackets after a sign or a field are theirs (an exclusion is no filter to keep).
        {"a -(date:2012 OR date:2013)", "a -(date:2012 OR date:2013)", {}},
        {"a +(lang:ko) title:(date:2012)", "a +(lang:ko) title:(date:2012)", {}},
        // Clauses joined by AND or OR alone, or in brackets, filter the whole query as one:
        // QueryParser read "a date:2012 OR date:2013" as (a date:2012) OR date:2013, every
        // article of 2013, and "a (date:2012 OR date:2013)" as a OR any article of either.
        {"a date:2012 OR date:2013", "a ", {"(date:2012 OR date:2013)"}},
        {"a (date:2012 OR date:2013)", "a ", {"(date:2012 OR date:2013)"}},
        {"a lang:ko OR lang:en AND year:2012 b", "a  b", {"(lang:ko OR lang:en AND year:2012)"}},
        {"(a OR b) ((lang:ko) OR (year:2012 NOT lang:en))",
         "(a OR b) ",
         {"((lang:ko) OR (year:2012 NOT lang:en))"}},
        {"date:2012 OR date:2013", "", {"(date:2012 OR date:2013)"}},
        {"\"a b\"lang:ko(c OR d)", "\"a b\" (c OR d)", {"lang:ko"}},
        // A field that is not a filter, or a colon in a phrase, is no clause.
        {"title:missile OR \"date:2012\"", "title:missile OR \"date:2012\"", {}},
    };
    for (const auto& c : cases) {
        const QueryParts parts = splitter.lift_filters(c.text);
        EXPECT_EQ(parts.words, c.words) << c.text;
        EXPECT_EQ(parts.filters, c.filters) << c.text;
    }
}

TEST(QuerySplitter, AnUnknownFieldIsNamedWithTheKnownOnes) {
    // QueryParser reads a field it does not know as words (titel:missile was the phrase "titel
    // missile", no match) and an internal one as what it is (yalu_evidence:UN matched every
    // article): say which field is unknown, suggest the nearest, and list the known ones.
    const std::vector<std::string> fields{"title", "author", "date", "lang", "person"};
    const auto message = [&](const std::string& text) {
        return QuerySplitter::unknown_field(text, fields).value_or("");
    };
    EXPECT_EQ(message("titel:missile"),
              "unknown field 'titel:' in 'titel:missile' (did you mean title:?): the fields are "
              "title:, author:, date:, lang:, person: (to search the words, write them apart: "
              "titel missile)");
    EXPECT_NE(message("missile persn:Kim").find("'persn:' in 'persn:Kim' (did you mean person:?)"),
              std::string::npos);
    EXPECT_NE(message("foo:bar").find("unknown field 'foo:' in 'foo:bar': the fields"),
              std::string::npos);
    for (const std::string text : {"yalu_evidence:UN", "a AND -foo:bar", "(foo:x OR b)",
                                   "+foo:\"a b\"", "Korea:nuclear", "x NOT foo:(a b)", "a\tfoo:b"})
        EXPECT_FALSE(message(text).empty()) << text;
    // Known fields (in any case), times, addresses, a colon inside a word or a phrase, and a
    // word with a space or nothing after its colon are no unknown field.
    for (const std::string text :
         {"title:missile", "Title:flood", "-lang:ko", "(date:2012 OR person:Kim)", "10:30 meeting",
          "https://kcna.kp/en", "https://www.nknews.org/?p=a:b flood", "HTTP://x.org/q?a=b:c",
          "N.Korea:missile", "\"foo:bar\"", "Korea: missile", "Korea:", "a::b",
          "person:\"Kim: the leader\"", "h5n1:virus", ""})
        EXPECT_EQ(QuerySplitter::unknown_field(text, fields), std::nullopt) << text;
}

TEST(QuerySplitter, AnUnbalancedBracketIsNamedWithItsPlace) {
    // QueryParser closed "(a OR b" silently and read "a OR b)" as words: the message says
    // which bracket lacks its partner, counted in characters as the user sees them.
    const std::vector<std::pair<std::string, std::optional<std::string>>> cases{
        {"(missile OR rocket", "the '(' at character 1 has no ')'"},
        {"missile OR rocket)", "the ')' at character 18 closes no '('"},
        {"((a OR b) c", "the '(' at character 1 has no ')'"},
        {"(a) b) (c", "the ')' at character 6 closes no '('"},
        {"김정은 (a", "the '(' at character 5 has no ')'"},
        {"person:(Kim", "the '(' at character 8 has no ')'"},
        // Brackets inside a phrase are characters of it; an unclosed phrase runs to the end.
        {"\"a (b\" OR c", std::nullopt},
        {"a \u201C(b\u201D", std::nullopt},
        {"a \"b (c", std::nullopt},
        {"(a OR (b AND c)) person:(Kim)", std::nullopt},
        {"", std::nullopt},
    };
    for (const auto& [text, message] : cases)
        EXPECT_EQ(QuerySplitter::unbalanced_bracket(text), message) << text;
}

TEST(QuerySplitter, APhraseInSingleQuotesIsAPhrase) {
    // An analyst's 'our state-first principle' is a phrase, as in double quotes; a quote mark
    // inside or at the end of a word is an apostrophe and stays.
    const std::vector<std::pair<std::string, std::string>> cases{
        {"What does Pyongyang mean by 'our state-first principle'?",
         "What does Pyongyang mean by \"our state-first principle\"?"},
        {"\u2018Kim Jong Un\u2019 factory", "\"Kim Jong Un\" factory"},
        {"('a b' OR c)", "(\"a b\" OR c)"},
        {"North Korea's nuclear test", "North Korea's nuclear test"},
        {"the workers' party congress", "the workers' party congress"},
        {"'O'Brien visit'", "\"O'Brien visit\""},
        // A closing mark glued to a particle is no end of a phrase (‘두 국가론’에).
        {"\u2018두 국가론\u2019에 대한 입장", "\u2018두 국가론\u2019에 대한 입장"},
        // After a field's colon or a sign, a quote mark opens a phrase too.
        {"title:'Kim Jong Un' visit", "title:\"Kim Jong Un\" visit"},
        {"person:\u2018Kim Jong Un\u2019", "person:\"Kim Jong Un\""},
        {"missile -'North Korea'", "missile -\"North Korea\""},
        {"+'Yalu River' (lang:'ko')", "+\"Yalu River\" (lang:\"ko\")"},
        // Not after a sign inside a word or a colon after a digit: apostrophes there.
        {"rock-'n'-roll 10:'30 pm'", "rock-'n'-roll 10:'30 pm'"},
        // Unclosed, or holding a double quote, or opening before a space: left as typed.
        {"'a b", "'a b"},
        {"'a \"b\" c'", "'a \"b\" c'"},
        {"' a b'", "' a b'"},
        {"", ""},
    };
    for (const auto& [text, expected] : cases)
        EXPECT_EQ(QuerySplitter::single_quotes_as_double(text), expected) << text;
}

TEST(QuerySplitter, AFilterValueInBracketsIsTheValue) {
    const std::vector<std::pair<std::string, std::string>> cases{
        {"person:(Kim)", "person:Kim"},
        {"missile date:(2012..2013) OR rocket", "missile date:2012..2013 OR rocket"},
        {"-lang:(ko) (place:(\"Yalu River\") OR b)", "-lang:ko (place:\"Yalu River\" OR b)"},
        {"person:()", "person:"},
        // Not a filter field, not a field name, or inside a phrase: as written.
        {"title:(flood damage)", "title:(flood damage)"},
        {"xperson:(Kim) 2date:(x)", "xperson:(Kim) 2date:(x)"},
        {"\"person:(Kim Jong Un)\"", "\"person:(Kim Jong Un)\""},
        {"(person:Kim)", "(person:Kim)"},
    };
    for (const auto& [text, unbracketed] : cases)
        EXPECT_EQ(splitter.unbracket_values(text), unbracketed) << text;
    for (const std::string text :
         {"person:(Kim Jong Un)", "date:(2012 OR 2013)", "a place:((Sinuiju)) b"}) {
        try {
            (void)splitter.unbracket_values(text);
            ADD_FAILURE() << text << ": no error";
        } catch (const UsageError& e) {
            EXPECT_NE(std::string(e.what()).find("holds more than one value"), std::string::npos)
                << text << ": " << e.what();
        }
    }
}

TEST(QuerySplitter, ABracketPairInsideAValueIsPartOfIt) {
    // An id from a file name (report(1).txt: a second download) ended at its ')' and searched
    // id:report(1, no match; a ')' that closes no '(' of the value still ends it ((date:2012 OR
    // date:2011)).
    const std::vector<std::pair<std::string, std::size_t>> ends{
        {"id:x(1)", 7},      {"id:x(1) missile", 7}, {"(id:x(1))", 8},     {"(id:x OR b)", 5},
        {"id:a(b)(c)d", 11}, {"id:a(b(c))", 10},     {"id:\"x(1)\" b", 9}, {"id:x(1", 6},
    };
    for (const auto& [text, end] : ends)
        EXPECT_EQ(QuerySplitter::value_end(text, text.find(':') + 1), end) << text;
    const std::vector<std::pair<std::string, std::string>> cases{
        {"id:x(1)", "id:\"x(1)\""},
        {"missile id:report(1) launch", "missile id:\"report(1)\" launch"},
        {"id:x(1) OR missile", "id:\"x(1)\" OR missile"},
        {"(id:x(1) OR -id:y(2)) b", "(id:\"x(1)\" OR -id:\"y(2)\") b"},
        {"(date:2012 OR date:2011)", "(date:2012 OR date:2011)"},
        // Quoted already, in a phrase, no filter field or no bracket: as written.
        {"id:\"x(1)\"", "id:\"x(1)\""},
        {"\"id:x(1)\"", "\"id:x(1)\""},
        {"title:x(1) f(x)", "title:x(1) f(x)"},
        {"id:x_1", "id:x_1"},
        {"", ""},
    };
    const QuerySplitter with_id({"date", "id"});
    for (const auto& [text, quoted] : cases)
        EXPECT_EQ(with_id.quote_bracketed_values(text), quoted) << text;
}

// unbracket_values() walked the query with its own start rule (any byte but a letter, digit or
// '_' before the name), unknown_field() and quote_bracketed_values() with next_clause()'s (a
// space, a bracket or a sign before it). Both missed QueryParser's, which the three now share:
// a field starts a term, after any character that is no part of a word (a comma, a closing
// quote), but not inside a word (after é or 김, an apostrophe between letters) nor inside a
// phrased term (after . - / : \ @ glued to a word).
TEST(QuerySplitter, AFieldClauseStartsWhereQueryParserStartsATerm) {
    // QueryParser reads these fields (its value up to the ')': "(Sinuiju"): unbracketed, as the
    // old rule did.
    const std::vector<std::pair<std::string, std::string>> unbracketed{
        {"bridge,place:(Sinuiju)", "bridge,place:Sinuiju"},
        {"\"Yalu River\"person:(Kim)", "\"Yalu River\"person:Kim"},
        {"a;date:(2012) x+lang:(ko)", "a;date:2012 x+lang:ko"},
        {"--person:(Kim)", "--person:Kim"},
        // No field for QueryParser: a word or a phrased term goes on. The old rule unbracketed
        // them, and called these "more than one value" (a query error).
        {"\uAE40person:(Kim Jong Un)", "\uAE40person:(Kim Jong Un)"},
        {"\u00E9date:(2012 2013)", "\u00E9date:(2012 2013)"},
        {"x-person:(Kim Jong)", "x-person:(Kim Jong)"},
        {"N.place:(a b) a/lang:(ko en) kim@date:(1 2)",
         "N.place:(a b) a/lang:(ko en) kim@date:(1 2)"},
        {"Korea'person:(a b) AT&person:(a b)", "Korea'person:(a b) AT&person:(a b)"},
    };
    for (const auto& [text, expected] : unbracketed)
        EXPECT_EQ(splitter.unbracket_values(text), expected) << text;
    const std::vector<std::string> fields{"title", "date", "person"};
    for (const std::string text : {"missile,titel:x", "\"a b\"foo:bar", "(a)yalu_evidence:UN"})
        EXPECT_NE(QuerySplitter::unknown_field(text, fields), std::nullopt) << text;
    for (const std::string text :
         {"\uAE40titel:x", "x-foo:bar", "N.Korea:missile", "Korea'foo:bar"})
        EXPECT_EQ(QuerySplitter::unknown_field(text, fields), std::nullopt) << text;
    // A field name in capitals is lower-cased where the same walk finds a clause.
    for (const auto& [text, lowered] : std::vector<std::pair<std::string, std::string>>{
             {"Title:flood -PERSON:Kim (Date:2012)", "title:flood -person:Kim (date:2012)"},
             {"bridge,Person:Kim \"a\"Date:2019", "bridge,person:Kim \"a\"date:2019"},
             {"N.Title:x \uAE40Date:2 \"Title:x\" Title: x Foo:x",
              "N.Title:x \uAE40Date:2 \"Title:x\" Title: x Foo:x"}})
        EXPECT_EQ(QuerySplitter::lowered_field_names(text, fields), lowered) << text;
    const QuerySplitter with_id({"date", "id"});
    EXPECT_EQ(with_id.quote_bracketed_values("missile,id:report(1)"), "missile,id:\"report(1)\"");
    EXPECT_EQ(with_id.quote_bracketed_values("x-id:report(1)"), "x-id:report(1)");
}

}  // namespace
}  // namespace yalu
