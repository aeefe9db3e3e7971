// Tests for FacetCounter and the text facets ResultWriter prints from it: a name two entities
// share (two people called Ri Yong-ho) is printed with its id, so the row can be asked for.

#include "facet_counter.hpp"

#include "facet_value.hpp"
#include "gazetteer.hpp"
#include "result_writer.hpp"

#include <gtest/gtest.h>

#include <map>
#include <sstream>
#include <string>

namespace yalu {
namespace {

// Two people share a display name (the gazetteer's Ri Yong-ho); an organization's display name
// is another's alias too; the rest are unique.
const Gazetteer& gazetteer() {
    static const Gazetteer g = Gazetteer::parse(R"(<gazetteer version="1">
  <entity id="ri-yong-ho-fm" type="person" name="Ri Yong-ho">
    <alias ambiguous="true">Ri Yong Ho</alias>
  </entity>
  <entity id="ri-yong-ho-kpa" type="person" name="Ri Yong-ho">
    <alias ambiguous="true" default="true">Ri Yong Ho</alias>
  </entity>
  <entity id="kim-jong-un" type="person" name="Kim Jong-un"/>
  <entity id="kcna" type="org" name="KCNA">
    <alias ambiguous="true" default="true">KCNA</alias>
  </entity>
  <entity id="kcna-watch" type="org" name="KCNA Watch">
    <alias ambiguous="true">KCNA</alias>
  </entity>
  <entity id="north-korea" type="place" name="North Korea"/>
</gazetteer>)",
                                                "inline.xml");
    return g;
}

// The facets (and, with `histogram`, the year chart) of articles with these facets values.
SearchResult count(const std::map<std::string, unsigned long>& values, bool histogram = false) {
    FacetSettings settings;
    settings.facets = true;
    if (histogram) settings.histogram = Granularity::year;
    SearchResult result;
    for (const auto& [value, n] : values) result.total += n;
    FacetCounter(&gazetteer(), settings).aggregate(values, result);
    return result;
}

const std::map<std::string, unsigned long> kValues{
    {FacetValue{"20120101", {"ri-yong-ho-kpa", "kim-jong-un", "north-korea"}}.encode(), 150},
    {FacetValue{"20130301", {"ri-yong-ho-fm", "kcna"}}.encode(), 8},
};

TEST(FacetCounter, MarksNamesThatNameOtherEntitiesToo) {
    const SearchResult result = count(kValues);
    ASSERT_TRUE(result.facets);
    std::map<std::string, bool> shared;
    for (const auto& [type, list] : result.facets->by_type)
        for (const auto& f : list) shared[f.id] = f.shared_name;
    EXPECT_EQ(shared, (std::map<std::string, bool>{{"ri-yong-ho-kpa", true},
                                                   {"ri-yong-ho-fm", true},
                                                   {"kim-jong-un", false},
                                                   {"kcna", true},  // also KCNA Watch's alias
                                                   {"north-korea", false}}));
}

TEST(FacetCounter, TextFacetsGiveTheIdOfASharedName) {
    SearchResult result = count(kValues, true);
    result.count_only = true;
    result.exact = true;
    std::ostringstream out;
    ResultWriter::write_text(out, result, TextStyle{});
    const std::string text = out.str();
    EXPECT_NE(text.find("person: Kim Jong-un 150, Ri Yong-ho [ri-yong-ho-kpa] 150, "
                        "Ri Yong-ho [ri-yong-ho-fm] 8\n"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("org:    KCNA [kcna] 8\n"), std::string::npos) << text;
    EXPECT_NE(text.find("place:  North Korea 150\n"), std::string::npos) << text;
    // The chart's top entities per period too.
    EXPECT_NE(text.find("person: Ri Yong-ho [ri-yong-ho-fm] 8 | org: KCNA [kcna] 8"),
              std::string::npos)
        << text;
}

TEST(FacetCounter, JsonFacetsKeepTheirKeys) {
    std::ostringstream out;
    ResultWriter::write_json(out, count(kValues));
    EXPECT_NE(out.str().find(R"({"id":"ri-yong-ho-kpa","name":"Ri Yong-ho","count":150})"),
              std::string::npos)
        << out.str();
}

}  // namespace
}  // namespace yalu
