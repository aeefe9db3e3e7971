#include "version_line.hpp"

#include <xapian.h>

namespace yalu {

std::string version_line(std::string_view program) {
    // The Xapian version is the library's at run time, not the headers': a bug report needs
    // the one actually loaded.
    return std::string(program) + " " + YALU_VERSION + " (Xapian " + Xapian::version_string() + ")";
}

}  // namespace yalu
