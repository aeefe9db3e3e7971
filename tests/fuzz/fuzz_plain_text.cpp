// libFuzzer target: arbitrary bytes through PlainTextReader, as if read from a file named
// article.txt.

#include "checking_sink.hpp"
#include "plain_text_reader.hpp"

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // A small record limit (below -max_len) so the fuzzer also reaches the oversized-record path.
    static const yalu::PlainTextReader reader(yalu::ReaderSettings{false, 8192});
    std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
    yalu::fuzz::CheckingSink sink;
    reader.read(in, "article.txt", sink);
    return 0;
}
