#include "special_file_kind.hpp"

namespace yalu {

std::string special_file_kind(std::filesystem::file_type type) {
    switch (type) {
        case std::filesystem::file_type::fifo:
            return "a named pipe (FIFO)";
        case std::filesystem::file_type::socket:
            return "a socket";
        case std::filesystem::file_type::character:
        case std::filesystem::file_type::block:
            return "a device";
        case std::filesystem::file_type::regular:
        case std::filesystem::file_type::directory:
            return "";
        default:
            return "no regular file";
    }
}

}  // namespace yalu
