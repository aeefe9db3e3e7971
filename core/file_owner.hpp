#pragma once
// file_owner: who owns a file and whether its mode keeps its owner out, said in the messages
// that refuse to write it (the writer lock, a generation's lock file).

#include <sys/types.h>

#include <string>

namespace yalu::file_owner {

/// "root", or "uid 1234" when the user database does not know it.
[[nodiscard]] std::string user_name(uid_t uid);

/// " (it is owned by root)", or "" when `path` cannot be looked at.
[[nodiscard]] std::string owned_by(const std::string& path);

/// For this user's own file or folder whose mode keeps it from writing (chmod -R a-w, a restore
/// copied from read-only media): " (it is this user's own (nobody), but its mode 0555 ...:
/// give the write permission back with `fix`; nothing was written)". Empty for another user's,
/// which chown mends (owned_by()): said of the user's own, chown sent the operator nowhere.
[[nodiscard]] std::string own_read_only(const std::string& path, const std::string& fix);

}  // namespace yalu::file_owner
