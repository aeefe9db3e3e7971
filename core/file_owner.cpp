#include "file_owner.hpp"

#include <sys/stat.h>
#include <pwd.h>
#include <unistd.h>

#include <cstdio>

namespace yalu::file_owner {

std::string user_name(uid_t uid) {
    const struct passwd* pw = ::getpwuid(uid);
    return pw ? std::string(pw->pw_name) : "uid " + std::to_string(uid);
}

std::string owned_by(const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 ? " (it is owned by " + user_name(st.st_uid) + ")" : "";
}

std::string own_read_only(const std::string& path, const std::string& fix) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0 || st.st_uid != ::geteuid() || (st.st_mode & S_IWUSR) != 0)
        return {};
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
    return " (it is this user's own (" + user_name(st.st_uid) + "), but its mode " + mode +
           " lets no one write it: give the write permission back with " + fix +
           "; nothing was written)";
}

}  // namespace yalu::file_owner
