// Tests for ResultWriter's text output: the lines people read under a histogram.

#include "result_writer.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <string>

namespace yalu {
namespace {

// The text a histogram search prints when `undated` of its matches have no date.
std::string histogram_text(unsigned long undated) {
    SearchResult result;
    result.query = "rice";
    result.total = 4 + undated;
    result.count_only = true;
    result.exact = true;
    result.histogram = std::vector<PeriodCount>{{"2022", 4, {}}};
    result.undated = undated;
    std::ostringstream out;
    ResultWriter::write_text(out, result, TextStyle{});
    return out.str();
}

TEST(ResultWriter, UndatedMatchesAreCountedInTheRightNumber) {
    EXPECT_NE(histogram_text(1).find("\n(1 matching article has no date)\n"), std::string::npos)
        << histogram_text(1);
    EXPECT_NE(histogram_text(3).find("\n(3 matching articles have no date)\n"), std::string::npos)
        << histogram_text(3);
    EXPECT_EQ(histogram_text(0).find("no date"), std::string::npos) << histogram_text(0);
}

TEST(ResultWriter, PrintableShowsControlsAsQuestionMarksAndKeepsOtherText) {
    EXPECT_EQ(ResultWriter::printable("flood\x1b[31m \u202Erelief\tk"), "flood?[31m ?relief k");
    EXPECT_EQ(ResultWriter::printable("a\xC2\x9B"
                                      "31m"),
              "a?31m");  // U+009B, the C1 CSI
    EXPECT_EQ(ResultWriter::printable("평양 ‘두 국가론’ Pyŏngyang 🚀"),
              "평양 ‘두 국가론’ Pyŏngyang 🚀");
    EXPECT_EQ(ResultWriter::printable("a\nb", true), "a\nb");
}

TEST(ResultWriter, PrintableNeverPassesBytesThatAreNoUtf8) {
    // A query is echoed as typed, and argv or a --queries file may hold any byte: a lone 0x9B
    // is CSI to a terminal that reads 8-bit controls, and an overlong C0 9B is ESC to a lax
    // decoder. Each byte of what is no UTF-8 is shown as U+FFFD, as the JSON output shows it.
    const std::string bad = "\xEF\xBF\xBD";
    EXPECT_EQ(ResultWriter::printable("zz\x9B"
                                      "31m"),
              "zz" + bad + "31m");
    EXPECT_EQ(ResultWriter::printable("a\xC0\x9B"), "a" + bad + bad);
    EXPECT_EQ(ResultWriter::printable("\xFF\xFE"), bad + bad);
    EXPECT_EQ(ResultWriter::printable("\xED\xA0\x80"), bad + bad + bad);  // a surrogate
    EXPECT_EQ(ResultWriter::printable("\xF4\x90\x80\x80"), bad + bad + bad + bad);
    EXPECT_EQ(ResultWriter::printable("cut \xEA\xB9"), "cut " + bad + bad);
}

}  // namespace
}  // namespace yalu
