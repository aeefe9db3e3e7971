#pragma once
// version_line: what both programs print for --version.

#include <string>
#include <string_view>

namespace yalu {

/// "PROGRAM VERSION (Xapian X.Y.Z)": Yalu's version and the Xapian library it runs with.
[[nodiscard]] std::string version_line(std::string_view program);

}  // namespace yalu
