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

}  // namespace
}  // namespace yalu
