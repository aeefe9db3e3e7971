// Tests for Gazetteer: loading the unit-test gazetteer, find/lookup normalisation, and one
// ConfigError per kind of broken file (each message must name the file, the line and the fix).

#include "gazetteer.hpp"

#include "entity_matcher.hpp"
#include "entity_tokenizer.hpp"
#include "errors.hpp"

#include <gtest/gtest.h>
#include <xxhash.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#ifndef YALU_SOURCE_DIR
#define YALU_SOURCE_DIR "."
#endif

namespace yalu {
namespace {

std::string data(const std::string& name) {
    return std::string(YALU_SOURCE_DIR) + "/tests/data/" + name;
}

std::vector<std::string> ids(const std::vector<const Entity*>& entities) {
    std::vector<std::string> out;
    for (const auto* e : entities) out.emplace_back(e->id);
    return out;
}

// The ConfigError message of loading `file`, or "" when it loads.
std::string load_error(const std::string& file) {
    try {
        (void)Gazetteer::load(data(file));
    } catch (const ConfigError& e) {
        return e.what();
    }
    return "";
}

TEST(Gazetteer, TypeWordsTakeTheirArticle) {
    // "'KCNA' is a org in the gazetteer": messages say "an org", "an entity".
    EXPECT_EQ(with_article(to_string(EntityType::person)), "a person");
    EXPECT_EQ(with_article(to_string(EntityType::org)), "an org");
    EXPECT_EQ(with_article(to_string(EntityType::place)), "a place");
    EXPECT_EQ(with_article("entity"), "an entity");
}

TEST(Gazetteer, LoadsTheTestFile) {
    const auto g = Gazetteer::load(data("test_gazetteer.xml"));
    EXPECT_EQ(g.version(), 1);
    ASSERT_EQ(g.entities().size(), 25u);
    const auto* kim = g.find("kim-jong-un");
    ASSERT_NE(kim, nullptr);
    EXPECT_EQ(kim->name, "Kim Jong-un");
    EXPECT_EQ(kim->type, EntityType::person);
    EXPECT_EQ(kim->line, 16);
    ASSERT_EQ(kim->aliases.size(), 3u);  // "Kim Jong Un" folds onto the name "Kim Jong-un"
    EXPECT_EQ(kim->aliases[0].text, "Kim Jong-un");
    EXPECT_EQ(kim->aliases[2].text, "김정은");
    EXPECT_EQ(std::vector<std::string_view>(kim->also.begin(), kim->also.end()),
              std::vector<std::string_view>{"north-korea"});
    EXPECT_EQ(g.find("kim"), nullptr);
    EXPECT_EQ(g.index_of(*kim), 2u);
}

TEST(Gazetteer, AcronymsAreExactCaseAutomatically) {
    const auto g = Gazetteer::load(data("test_gazetteer.xml"));
    const auto& nk = *g.find("north-korea");
    EXPECT_FALSE(nk.aliases[0].exact_case);  // North Korea
    EXPECT_TRUE(nk.aliases[1].exact_case);   // DPRK
    EXPECT_FALSE(nk.aliases[2].exact_case);  // N. Korea
    const auto& nis = *g.find("nis");
    EXPECT_TRUE(nis.aliases[2].exact_case);  // case="exact"
}

TEST(Gazetteer, AnAliasMayCountOnlyBeforeAPlace) {
    const auto g = Gazetteer::load(data("test_gazetteer.xml"));
    const auto& gyeonggi = *g.find("gyeonggi-province");
    ASSERT_EQ(gyeonggi.aliases.size(), 3u);
    EXPECT_FALSE(gyeonggi.aliases[1].before_place);  // 경기도
    EXPECT_TRUE(gyeonggi.aliases[2].before_place);   // <alias before="place">경기</alias>
    // Written twice, once without the condition: the alias counts anywhere.
    const auto twice = Gazetteer::parse(
        "<gazetteer version=\"1\"><entity id=\"a\" type=\"place\" name=\"A\">"
        "<alias before=\"place\">B</alias><alias>B</alias></entity></gazetteer>",
        "inline.xml");
    EXPECT_FALSE(twice.find("a")->aliases[1].before_place);
}

TEST(Gazetteer, AnAliasMayCountOnlyBesideItsContext) {
    const auto parse = [](const std::string& entity) {
        return Gazetteer::parse(
            "<gazetteer version=\"1\"><entity id=\"c\" type=\"org\" name=\"C\"/>" + entity +
                "</gazetteer>",
            "inline.xml");
    };
    const auto g = parse(
        "<entity id=\"a\" type=\"person\" name=\"A\"><alias context=\"required\">B</alias>"
        "<alias>D</alias><context ref=\"c\"/></entity>");
    const auto& a = *g.find("a");
    ASSERT_EQ(a.aliases.size(), 3u);
    EXPECT_FALSE(a.aliases[0].context_required);  // the name A
    EXPECT_TRUE(a.aliases[1].context_required);   // <alias context="required">B</alias>
    EXPECT_FALSE(a.aliases[2].context_required);  // D
    // The name takes the condition of its own <alias>, as it takes ambiguous="true" ...
    const auto named = parse(
        "<entity id=\"a\" type=\"person\" name=\"B\"><alias context=\"required\">B</alias>"
        "<context ref=\"c\"/></entity>");
    ASSERT_EQ(named.find("a")->aliases.size(), 1u);
    EXPECT_TRUE(named.find("a")->aliases[0].context_required);
    // ... but an alias written twice, once without the condition, counts anywhere.
    const auto twice = parse(
        "<entity id=\"a\" type=\"person\" name=\"A\"><alias context=\"required\">B</alias>"
        "<alias>B</alias><context ref=\"c\"/></entity>");
    EXPECT_FALSE(twice.find("a")->aliases[1].context_required);
}

TEST(Gazetteer, SharedNameMergesWithTheAmbiguousAlias) {
    const auto g = Gazetteer::load(data("test_gazetteer.xml"));
    const auto& minister = *g.find("ri-yong-ho");
    // The name "Ri Yong-ho" adds no alias of its own: it is the ambiguous "Ri Yong Ho".
    ASSERT_EQ(minister.aliases.size(), 2u);
    EXPECT_TRUE(minister.aliases[0].ambiguous);
    EXPECT_TRUE(minister.aliases[0].is_default);
    EXPECT_FALSE(minister.aliases[1].ambiguous);  // 리용호
    const auto& general = *g.find("ri-yong-ho-general");
    EXPECT_TRUE(general.aliases[0].ambiguous);
    EXPECT_FALSE(general.aliases[0].is_default);
    EXPECT_EQ(std::vector<std::string_view>(general.context.begin(), general.context.end()),
              std::vector<std::string_view>{"korean-peoples-army"});
}

TEST(Gazetteer, LookupNormalisesLikeTheMatcher) {
    const auto g = Gazetteer::load(data("test_gazetteer.xml"));
    using V = std::vector<std::string>;
    EXPECT_EQ(ids(g.lookup("김정은")), V{"kim-jong-un"});
    EXPECT_EQ(ids(g.lookup("\"Kim Jong Un\"")), V{"kim-jong-un"});
    EXPECT_EQ(ids(g.lookup("\u201Ckim jong-un\u201D")), V{"kim-jong-un"});
    EXPECT_EQ(ids(g.lookup("KIM JONGUN")), V{"kim-jong-un"});
    EXPECT_EQ(ids(g.lookup("kim-jong-un")), V{"kim-jong-un"});
    EXPECT_EQ(ids(g.lookup("kim-jong-il")), V{"kim-jong-il"});
    EXPECT_EQ(ids(g.lookup("DPRK")), V{"north-korea"});
    EXPECT_EQ(ids(g.lookup("dprk")), V{"north-korea"});  // nobody else claims "dprk"
    EXPECT_EQ(ids(g.lookup("u.s.")), V{"united-states"});
    EXPECT_EQ(ids(g.lookup("Workers\u2019 Party of Korea")), V{"workers-party-of-korea"});
    EXPECT_EQ(ids(g.lookup("Ri Yong-ho")), (V{"ri-yong-ho", "ri-yong-ho-general"}));
    EXPECT_TRUE(g.lookup("Korea").empty());
    EXPECT_TRUE(g.lookup("Moon").empty());
    EXPECT_TRUE(g.lookup("  ").empty());
    // A possessive or a Hangul particle after the name, as a filter value is typed: the
    // name (lookup_name); lookup itself takes the text as it is.
    EXPECT_EQ(ids(g.lookup_name("김정은은")), V{"kim-jong-un"});
    EXPECT_EQ(ids(g.lookup_name("북한의")), V{"north-korea"});
    EXPECT_EQ(ids(g.lookup_name("\"Kim Jong Un's\"")), V{"kim-jong-un"});
    EXPECT_EQ(ids(g.lookup_name("Kim Jong Un\u2019s")), V{"kim-jong-un"});
    EXPECT_EQ(ids(g.lookup_name("DPRK")), V{"north-korea"});
    EXPECT_TRUE(g.lookup_name("김정").empty());  // 은 is the name's own syllable
    EXPECT_TRUE(g.lookup("김정은은").empty());
}

TEST(Gazetteer, MissingFile) {
    const auto msg = load_error("no_such_gazetteer.xml");
    EXPECT_NE(msg.find("no_such_gazetteer.xml"), std::string::npos) << msg;
    EXPECT_NE(msg.find("cannot read"), std::string::npos) << msg;
}

TEST(Gazetteer, XmlErrorNamesTheLine) {
    const auto msg = load_error("bad_gazetteer_xml.xml");
    EXPECT_NE(msg.find("bad_gazetteer_xml.xml line 6"), std::string::npos) << msg;
    EXPECT_NE(msg.find("XML error"), std::string::npos) << msg;
}

TEST(Gazetteer, UnknownType) {
    const auto msg = load_error("bad_gazetteer_type.xml");
    EXPECT_NE(msg.find("line 4"), std::string::npos) << msg;
    EXPECT_NE(msg.find("\"planet\""), std::string::npos) << msg;
    EXPECT_NE(msg.find("person"), std::string::npos) << msg;  // the fix lists the valid types
}

TEST(Gazetteer, BadId) {
    const auto msg = load_error("bad_gazetteer_id.xml");
    EXPECT_NE(msg.find("line 3"), std::string::npos) << msg;
    EXPECT_NE(msg.find("Kim_Jong_Un"), std::string::npos) << msg;
}

TEST(Gazetteer, DuplicateId) {
    const auto msg = load_error("bad_gazetteer_duplicate_id.xml");
    EXPECT_NE(msg.find("line 5"), std::string::npos) << msg;
    EXPECT_NE(msg.find("first defined on line 3"), std::string::npos) << msg;
}

TEST(Gazetteer, UnresolvedRef) {
    const auto msg = load_error("bad_gazetteer_ref.xml");
    EXPECT_NE(msg.find("line 3"), std::string::npos) << msg;
    EXPECT_NE(msg.find("\"north-korea\""), std::string::npos) << msg;
}

TEST(Gazetteer, DuplicateAliasNotMarkedAmbiguous) {
    const auto msg = load_error("bad_gazetteer_duplicate.xml");
    EXPECT_NE(msg.find("bad_gazetteer_duplicate.xml line 7"), std::string::npos) << msg;
    EXPECT_NE(msg.find("\"ri-yong-ho\""), std::string::npos) << msg;
    EXPECT_NE(msg.find("\"ri-yong-ho-general\""), std::string::npos) << msg;
    EXPECT_NE(msg.find("(line 3)"), std::string::npos) << msg;
    EXPECT_NE(msg.find("ambiguous=\"true\""), std::string::npos) << msg;
}

TEST(Gazetteer, AmbiguousAliasWithoutDefault) {
    const auto msg = load_error("bad_gazetteer_no_default.xml");
    EXPECT_NE(msg.find("line 4"), std::string::npos) << msg;
    EXPECT_NE(msg.find("0 defaults"), std::string::npos) << msg;
}

TEST(Gazetteer, AmbiguousAliasWithTwoDefaults) {
    const auto msg = load_error("bad_gazetteer_two_defaults.xml");
    EXPECT_NE(msg.find("2 defaults"), std::string::npos) << msg;
}

TEST(Gazetteer, WrongRootElement) {
    const auto msg = load_error("bad_gazetteer_root.xml");
    EXPECT_NE(msg.find("<entities>"), std::string::npos) << msg;
    EXPECT_NE(msg.find("line 2"), std::string::npos) << msg;
}

TEST(Gazetteer, InlineErrors) {
    const auto err = [](const std::string& xml) -> std::string {
        try {
            (void)Gazetteer::parse(xml, "inline.xml");
        } catch (const ConfigError& e) {
            return e.what();
        }
        return "";
    };
    EXPECT_NE(err("<gazetteer version=\"2\"/>").find("unsupported version"), std::string::npos);
    EXPECT_NE(err("<gazetteer version=\"1\"><entity id=\"a\" type=\"org\" name=\"A\">"
                  "<alias default=\"true\">B</alias></entity></gazetteer>")
                  .find("not ambiguous"),
              std::string::npos);
    EXPECT_NE(err("<gazetteer version=\"1\"><entity id=\"a\" type=\"org\" name=\"A\">"
                  "<alias>--</alias></entity></gazetteer>")
                  .find("no letters"),
              std::string::npos);
    EXPECT_NE(err("<gazetteer version=\"1\"><entity id=\"a\" type=\"org\" name=\"A\">"
                  "<alias before=\"city\">B</alias></entity></gazetteer>")
                  .find("before=\"city\""),
              std::string::npos);
    // context="required" takes no other value, and needs a <context ref> to look for.
    const auto unknown =
        err("<gazetteer version=\"1\"><entity id=\"a\" type=\"org\" name=\"A\">\n"
            "<alias context=\"optional\">B</alias></entity></gazetteer>");
    EXPECT_NE(unknown.find("inline.xml line 2"), std::string::npos) << unknown;
    EXPECT_NE(unknown.find("context=\"optional\""), std::string::npos) << unknown;
    EXPECT_NE(unknown.find("context=\"required\""), std::string::npos) << unknown;
    const auto without =
        err("<gazetteer version=\"1\"><entity id=\"a\" type=\"org\" name=\"A\">\n\n"
            "<alias context=\"required\">B</alias></entity></gazetteer>");
    EXPECT_NE(without.find("inline.xml line 3"), std::string::npos) << without;
    EXPECT_NE(without.find("no <context ref>"), std::string::npos) << without;
    EXPECT_NE(without.find("\"B\""), std::string::npos) << without;
    EXPECT_NE(err("<gazetteer version=\"1\"><entity id=\"a\" type=\"org\" name=\"A\">"
                  "<label>B</label></entity></gazetteer>")
                  .find("<label>"),
              std::string::npos);
    EXPECT_NE(err("<gazetteer version=\"1\"><entity id=\"a\" type=\"org\" name=\"\"/></gazetteer>")
                  .find("no name"),
              std::string::npos);
    // Two exact-case aliases differing only in case are different aliases, not duplicates.
    EXPECT_EQ(
        err("<gazetteer version=\"1\"><entity id=\"a\" type=\"org\" name=\"NIS\"/>"
            "<entity id=\"b\" type=\"org\" name=\"Nis Party\"><alias case=\"exact\">Nis</alias>"
            "</entity></gazetteer>"),
        "");
}

}  // namespace
}  // namespace yalu

namespace yalu {
namespace {

const std::string kShipped = std::string(YALU_SOURCE_DIR) + "/schemas/entities.xml";

// Every field of every entity, in order: two gazetteers print the same iff they are equal.
std::string dump(const Gazetteer& g) {
    std::string out = std::to_string(g.version()) + "\n";
    for (const auto& e : g.entities()) {
        out += std::string(e.id) + "|" + std::string(to_string(e.type)) + "|" +
               std::string(e.name) + "|" + std::to_string(e.line) + "|also";
        for (const auto& a : e.also) out.append(" ").append(a);
        out += "|context";
        for (const auto& c : e.context) out.append(" ").append(c);
        for (const auto& a : e.aliases)
            out += "\n  " + std::string(a.text) + "|" + std::to_string(a.exact_case) +
                   std::to_string(a.ambiguous) + std::to_string(a.is_default) +
                   std::to_string(a.spells_a_name_word) + std::to_string(a.before_place) +
                   std::to_string(a.context_required) + "|" + std::to_string(a.line) + "|" +
                   std::string(a.folded_key) + "|" + std::string(a.exact_key);
        out += "\n";
    }
    return out;
}

TEST(GazetteerSnapshot, ReadsBackTheSameGazetteer) {
    const std::string xml = Gazetteer::read(kShipped);
    const Gazetteer parsed = Gazetteer::parse(xml, kShipped);
    const std::string stamp = Gazetteer::source_stamp(xml, 2);
    const auto back = Gazetteer::from_snapshot(parsed.snapshot(stamp), stamp);
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(dump(*back), dump(parsed));
    // The look-up orders are read back too, not just the entity list: every id and alias
    // finds the same entities.
    for (const char* text : {"Kim Jong Un", "김정은", "dprk", "DPRK", "north-korea", "Ri Yong Ho"})
        EXPECT_EQ(ids(back->lookup(text)), ids(parsed.lookup(text))) << text;
    for (const auto& e : parsed.entities()) {
        EXPECT_EQ(back->find(e.id), &back->entities()[parsed.index_of(e)]) << e.id;
        for (const auto& a : e.aliases)
            EXPECT_EQ(ids(back->lookup(a.text)), ids(parsed.lookup(a.text))) << a.text;
    }
    ASSERT_NE(back->find("north-korea"), nullptr);
    EXPECT_EQ(back->find("north-korea")->name, parsed.find("north-korea")->name);
}

TEST(GazetteerSnapshot, EntitiesMadeWhenAskedForAnswerAsParsedOnAnyThread) {
    // A gazetteer read from a snapshot makes each entity from its record the first time it is
    // asked for (a search reads a few): in whatever order and on whichever thread they are
    // asked for, each is the parsed one, at the place entities() and index_of() say.
    const std::string xml = Gazetteer::read(kShipped);
    const Gazetteer parsed = Gazetteer::parse(xml, kShipped);
    const std::string stamp = Gazetteer::source_stamp(xml, 2);
    const std::string bytes = parsed.snapshot(stamp);
    const auto entity_dump = [](const Entity& e) {
        std::string out = std::string(e.id) + "|" + std::string(e.name) + "|" +
                          std::to_string(static_cast<int>(e.type)) + "|" + std::to_string(e.line);
        for (const auto& r : e.also) out.append(" a:").append(r);
        for (const auto& r : e.context) out.append(" c:").append(r);
        for (const auto& a : e.aliases)
            out.append(" ").append(a.text).append("/").append(a.folded_key);
        return out;
    };
    const std::size_t count = parsed.entity_count();
    ASSERT_GT(count, 1000u);
    for (int round = 0; round < 3; ++round) {
        const auto back = Gazetteer::from_snapshot(bytes, stamp);
        ASSERT_TRUE(back.has_value());
        EXPECT_EQ(back->entity_count(), count);
        // Look-ups in place first: ids, keys and aliases found before any entity is made.
        EXPECT_EQ(ids(back->lookup("dprk")), ids(parsed.lookup("dprk")));
        const auto kim = back->aliases_starting_with("kim");
        const auto parsed_kim = parsed.aliases_starting_with("kim");
        ASSERT_EQ(kim.size(), parsed_kim.size());
        for (std::size_t k = 0; k < kim.size(); ++k) {
            EXPECT_EQ(kim[k].first, parsed_kim[k].first);
            EXPECT_EQ(kim[k].second->text, parsed_kim[k].second->text);
            const auto aliases = back->entity(kim[k].first).aliases;
            EXPECT_EQ(kim[k].second - aliases.data(),
                      parsed_kim[k].second - parsed.entity(kim[k].first).aliases.data());
        }
        std::vector<std::thread> threads;
        std::vector<std::string> problems(4);
        for (std::size_t t = 0; t < problems.size(); ++t) {
            threads.emplace_back([&, t] {
                // Each thread its own order: forwards, backwards, by id, by alias.
                for (std::size_t i = 0; i < count; ++i) {
                    const std::size_t at = t == 1 ? count - 1 - i : (i * 7 + t) % count;
                    const Entity& e = t == 2 ? *back->find(parsed.entity(at).id) : back->entity(at);
                    if (back->index_of(e) != at || entity_dump(e) != entity_dump(parsed.entity(at)))
                        problems[t] += std::string(parsed.entity(at).id) + " ";
                }
            });
        }
        for (auto& thread : threads) thread.join();
        for (const auto& p : problems) EXPECT_EQ(p, "");
        EXPECT_EQ(dump(*back), dump(parsed));
        EXPECT_EQ(back->entities().data(), &back->entity(0));
    }
}

TEST(GazetteerSnapshot, LabelsAreTheEntitiesTypesAndNamesMadeOrNot) {
    // label() reads a snapshot's record in place for an entity not made yet, and the entity
    // once it is: the same type and name as find() either way, and as the parsed gazetteer.
    const std::string xml = Gazetteer::read(kShipped);
    const Gazetteer parsed = Gazetteer::parse(xml, kShipped);
    const std::string stamp = Gazetteer::source_stamp(xml, 2);
    const auto back = Gazetteer::from_snapshot(parsed.snapshot(stamp), stamp);
    ASSERT_TRUE(back.has_value());
    for (const Gazetteer* g : {&parsed, &*back}) {
        EXPECT_FALSE(g->label("no-such-entity").has_value());
        EXPECT_FALSE(g->label("").has_value());
    }
    for (int pass = 0; pass < 2; ++pass) {  // before any entity is made, then after all are
        for (const auto& e : parsed.entities()) {
            const auto label = back->label(e.id);
            ASSERT_TRUE(label.has_value()) << e.id;
            EXPECT_EQ(label->type, e.type) << e.id;
            EXPECT_EQ(label->name, e.name) << e.id;
            EXPECT_EQ(parsed.label(e.id)->name, e.name) << e.id;
        }
        (void)back->entities();
    }
}

TEST(GazetteerSnapshot, ForEachAliasVisitsEveryAliasInFileOrderMadeOrNot) {
    // A pass over every alias reads a snapshot's records in place for the entities not made
    // yet and the made ones as they are: the same aliases in the same order as entities().
    const std::string xml = Gazetteer::read(kShipped);
    const Gazetteer parsed = Gazetteer::parse(xml, kShipped);
    const std::string stamp = Gazetteer::source_stamp(xml, 2);
    const auto back = Gazetteer::from_snapshot(parsed.snapshot(stamp), stamp);
    ASSERT_TRUE(back.has_value());
    std::string expected;
    for (std::size_t e = 0; e < parsed.entity_count(); ++e)
        for (const auto& a : parsed.entity(e).aliases)
            expected += std::to_string(e) + " " + std::string(a.text) + "|" +
                        std::string(a.folded_key) + "|" + std::string(a.exact_key) + "|" +
                        std::to_string(a.exact_case) + std::to_string(a.line) + "\n";
    const auto visited = [](const Gazetteer& g) {
        std::string out;
        g.for_each_alias([&](std::size_t e, const EntityAlias& a) {
            out += std::to_string(e) + " " + std::string(a.text) + "|" + std::string(a.folded_key) +
                   "|" + std::string(a.exact_key) + "|" + std::to_string(a.exact_case) +
                   std::to_string(a.line) + "\n";
        });
        return out;
    };
    EXPECT_EQ(visited(parsed), expected);
    EXPECT_EQ(visited(*back), expected);  // none made
    (void)back->find("kim-jong-un");
    (void)back->entity(back->entity_count() - 1);
    EXPECT_EQ(visited(*back), expected);  // some made
    (void)back->entities();
    EXPECT_EQ(visited(*back), expected);  // all made
}

TEST(Gazetteer, MarksAcronymsThatSpellAWordOfAnotherName) {
    const Gazetteer g = Gazetteer::parse(R"(<gazetteer version="1">
  <entity id="united-nations" type="org" name="United Nations">
    <alias>UN</alias><alias>U.N.</alias><alias>UNO</alias>
  </entity>
  <entity id="kim-jong-un" type="person" name="Kim Jong Un"/>
  <entity id="uno-city" type="place" name="UNO City"/>
  <entity id="kcna" type="org" name="Korean Central News Agency"><alias>KCNA</alias></entity>
</gazetteer>)",
                                         "inline.xml");
    const auto flag = [&](const char* id, const char* alias) {
        for (const auto& a : g.find(id)->aliases)
            if (a.text == alias) return a.spells_a_name_word;
        ADD_FAILURE() << id << " has no alias " << alias;
        return false;
    };
    // The index word un is also the Un of Kim Jong Un, in either spelling of the acronym.
    EXPECT_TRUE(flag("united-nations", "UN"));
    EXPECT_TRUE(flag("united-nations", "U.N."));
    // Another name in capitals is no lower-case word; a name with no such word is unmarked.
    EXPECT_FALSE(flag("united-nations", "UNO"));
    EXPECT_FALSE(flag("kcna", "KCNA"));
    EXPECT_FALSE(flag("kim-jong-un", "Kim Jong Un"));
    // The shipped gazetteer: UN is marked, DPRK (written in capitals everywhere) is not.
    const Gazetteer shipped = Gazetteer::load(kShipped);
    bool un = false;
    for (const auto& a : shipped.find("united-nations")->aliases) un = un || a.spells_a_name_word;
    EXPECT_TRUE(un);
    for (const auto& a : shipped.find("north-korea")->aliases)
        EXPECT_FALSE(a.spells_a_name_word) << a.text;
}

TEST(GazetteerSnapshot, RefusesAnotherStampOrDamagedBytes) {
    const std::string xml = Gazetteer::read(kShipped);
    const std::string stamp = Gazetteer::source_stamp(xml, 2);
    const std::string bytes = Gazetteer::parse(xml, kShipped).snapshot(stamp);
    // Another file, another schema version: the snapshot no longer describes what parse gives.
    EXPECT_NE(Gazetteer::source_stamp(xml + " ", 2), stamp);
    EXPECT_FALSE(Gazetteer::from_snapshot(bytes, Gazetteer::source_stamp(xml + " ", 2)));
    EXPECT_FALSE(Gazetteer::from_snapshot(bytes, Gazetteer::source_stamp(xml, 3)));
    EXPECT_FALSE(Gazetteer::from_snapshot("", stamp));
    for (const std::size_t cut : {std::size_t{1}, std::size_t{9}, bytes.size() / 2})
        EXPECT_FALSE(Gazetteer::from_snapshot(bytes.substr(0, bytes.size() - cut), stamp)) << cut;
    std::string flipped = bytes;
    flipped[flipped.size() / 3] ^= 0x20;
    EXPECT_FALSE(Gazetteer::from_snapshot(flipped, stamp));
}

TEST(GazetteerSnapshot, KeepsItsOwnBytesAndSharesThemWithCopies) {
    const std::string xml = Gazetteer::read(kShipped);
    const Gazetteer parsed = Gazetteer::parse(xml, kShipped);
    const std::string stamp = Gazetteer::source_stamp(xml, 2);
    std::string bytes = parsed.snapshot(stamp);
    std::optional<Gazetteer> back = Gazetteer::from_snapshot(bytes, stamp);
    ASSERT_TRUE(back.has_value());
    // The caller's bytes may change or go: the entities are views into the gazetteer's own.
    std::fill(bytes.begin(), bytes.end(), 'x');
    bytes.clear();
    bytes.shrink_to_fit();
    EXPECT_EQ(dump(*back), dump(parsed));
    // A copy outlives the original, and a move keeps every Entity where it was.
    const Entity* kim = back->find("kim-jong-un");
    ASSERT_NE(kim, nullptr);
    const Gazetteer copy = *back;
    const Gazetteer moved = std::move(*back);
    back.reset();
    EXPECT_EQ(moved.find("kim-jong-un"), kim);
    EXPECT_EQ(dump(copy), dump(parsed));
    EXPECT_EQ(copy.find("kim-jong-un")->aliases[0].text, "Kim Jong-un");
    // What the indexer hashes into every article is the same whichever way it was loaded.
    EXPECT_EQ(copy.content_fingerprint(), parsed.content_fingerprint());
    EXPECT_EQ(copy.snapshot(stamp), parsed.snapshot(stamp));
}

TEST(Gazetteer, AMovedFromGazetteerIsStillWhole) {
    // The store is shared, never handed over: a gazetteer moved from (by std::optional, by a
    // return) still answers, as does an EntityMatcher built on it before the move.
    Gazetteer source = Gazetteer::load(kShipped);
    const EntityMatcher matcher(source);
    const Gazetteer moved = std::move(source);
    const Gazetteer* kept = &source;  // named: moved-from objects are used through it below
    ASSERT_EQ(kept->entities().size(), moved.entities().size());
    EXPECT_EQ(kept->find("kim-jong-un"), moved.find("kim-jong-un"));
    Gazetteer assigned;
    assigned = std::move(source);
    EXPECT_EQ(kept->find("kim-jong-un"), assigned.find("kim-jong-un"));
    const auto mentions = matcher.find_mentions("Kim Jong Un in Pyongyang");
    ASSERT_EQ(mentions.size(), 2u);
    EXPECT_EQ(mentions[0].entity, moved.find("kim-jong-un"));
}

TEST(GazetteerSnapshot, RefusesEveryTruncation) {
    const std::string xml = R"(<gazetteer version="1">
  <entity id="north-korea" type="place" name="North Korea"><alias>DPRK</alias></entity>
  <entity id="kim-jong-un" type="person" name="Kim Jong Un"><also ref="north-korea"/>
    <context ref="north-korea"/><alias>김정은</alias></entity>
</gazetteer>)";
    const std::string stamp = Gazetteer::source_stamp(xml, 2);
    const Gazetteer parsed = Gazetteer::parse(xml, "inline.xml");
    const std::string bytes = parsed.snapshot(stamp);
    ASSERT_TRUE(Gazetteer::from_snapshot(bytes, stamp).has_value());
    for (std::size_t size = 0; size < bytes.size(); ++size)
        EXPECT_FALSE(Gazetteer::from_snapshot(bytes.substr(0, size), stamp)) << size;
}

TEST(GazetteerSnapshot, RefusesDamageTheChecksumMisses) {
    // Bytes damaged before they were summed (a bug in a writer, a hand-made snapshot) pass the
    // checksum; the reader's own checks must still refuse them or read them safely, never
    // reading past the end or handing out a view outside the bytes.
    const std::string xml = R"(<gazetteer version="1">
  <entity id="north-korea" type="place" name="North Korea"><alias>DPRK</alias></entity>
  <entity id="kim-jong-un" type="person" name="Kim Jong Un"><also ref="north-korea"/>
    <alias>김정은</alias></entity>
</gazetteer>)";
    const std::string stamp = Gazetteer::source_stamp(xml, 2);
    const std::string bytes = Gazetteer::parse(xml, "inline.xml").snapshot(stamp);
    const std::size_t body = bytes.size() - sizeof(std::uint64_t);
    const auto resigned = [&](std::string damaged) {
        const std::uint64_t sum = XXH3_64bits(damaged.data(), body);
        std::memcpy(damaged.data() + body, &sum, sizeof sum);
        return damaged;
    };
    ASSERT_TRUE(Gazetteer::from_snapshot(resigned(bytes), stamp).has_value());
    std::size_t refused = 0;
    for (std::size_t at = 0; at < body; ++at) {
        for (const unsigned char value : {0x00, 0x01, 0x7f, 0xff}) {
            std::string damaged = bytes;
            if (static_cast<unsigned char>(damaged[at]) == value) continue;
            damaged[at] = static_cast<char>(value);
            const auto g = Gazetteer::from_snapshot(resigned(damaged), stamp);
            if (!g) {
                ++refused;
                continue;
            }
            // Read back, it is a whole gazetteer: every reference resolves, every look-up works.
            for (const auto& e : g->entities()) {
                for (const auto refs : {e.also, e.context})
                    for (const auto& ref : refs) EXPECT_NE(g->find(ref), nullptr) << at;
                for (const auto& a : e.aliases) (void)g->lookup(a.text);
            }
        }
    }
    EXPECT_GT(refused, 0u);
}

TEST(Gazetteer, AliasesStartingWithAWordAreEveryAliasWhoseFirstWordItIs) {
    const Gazetteer g = Gazetteer::load(kShipped);
    const auto first_word = [](std::string_view key) {
        return key.substr(0, std::min(key.find_first_of(" .|"), key.size()));
    };
    std::vector<std::string_view> words{"", "kim", "ki", "kimm", "un", "u", "north", "북한"};
    for (const auto& e : g.entities())
        for (const auto& a : e.aliases) words.push_back(first_word(a.folded_key));
    for (const auto word : words) {
        std::vector<std::pair<std::size_t, const EntityAlias*>> expected;
        if (!word.empty()) {
            for (std::size_t ei = 0; ei < g.entities().size(); ++ei)
                for (const auto& a : g.entities()[ei].aliases)
                    if (first_word(a.folded_key) == word) expected.emplace_back(ei, &a);
        }
        EXPECT_EQ(g.aliases_starting_with(word), expected) << word;
    }
}

TEST(GazetteerSnapshot, FileStampIsTheStampOfTheFilesBytes) {
    EXPECT_EQ(Gazetteer::file_stamp(kShipped, 2),
              Gazetteer::source_stamp(Gazetteer::read(kShipped), 2));
    // Pieces of 64 KiB: a file of several pieces and a partial last one, and an empty file.
    const std::string dir = ::testing::TempDir();
    for (const std::size_t size :
         {std::size_t{0}, std::size_t{1} << 16, (std::size_t{3} << 16) + 5}) {
        const std::string path = dir + "/yalu_stamp_" + std::to_string(size) + ".xml";
        std::string bytes(size, 'x');
        for (std::size_t i = 0; i < size; ++i) bytes[i] = static_cast<char>('a' + i % 26);
        std::ofstream(path, std::ios::binary) << bytes;
        EXPECT_EQ(Gazetteer::file_stamp(path, 7), Gazetteer::source_stamp(bytes, 7)) << size;
        std::remove(path.c_str());
    }
    EXPECT_THROW((void)Gazetteer::file_stamp(dir + "/yalu_no_such_file.xml", 2), ConfigError);
}

TEST(GazetteerKeys, FoldedWordsNeverHoldAGapCharacter) {
    // EntityMatcher builds its trie by splitting folded keys at the gap characters, so a gap
    // character inside a folded word would cut a name in two.
    const std::string gaps = {EntityTokenizer::gap_char(EntityToken::Gap::soft),
                              EntityTokenizer::gap_char(EntityToken::Gap::dot),
                              EntityTokenizer::gap_char(EntityToken::Gap::hard),
                              EntityTokenizer::gap_char(EntityToken::Gap::none)};
    const EntityTokenizer tokenizer;
    std::vector<EntityToken> tokens;
    std::string folded;
    std::size_t checked = 0;
    const Gazetteer gazetteer = Gazetteer::load(kShipped);  // named: a temporary would dangle
    for (const auto& e : gazetteer.entities()) {
        for (const auto& a : e.aliases) {
            tokenizer.tokenize(a.text, tokens, folded);
            for (const auto& t : tokens) {
                const auto word =
                    std::string_view(folded).substr(t.fold_begin, t.fold_end - t.fold_begin);
                EXPECT_EQ(word.find_first_of(gaps), std::string_view::npos) << a.text;
                ++checked;
            }
        }
    }
    EXPECT_GT(checked, 2000u);
}

}  // namespace
}  // namespace yalu
