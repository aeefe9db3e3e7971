#pragma once
// special_file_kind: what a path that is neither a folder nor a regular file is, for the
// messages that refuse it (an article file, the database, the --rejects list).

#include <filesystem>
#include <string>

namespace yalu {

/// "a named pipe (FIFO)", "a socket", "a device" or "no regular file" for a path of `type`; ""
/// for a regular file or a folder. Opening a named pipe waits for a writer (forever, in a cron
/// job, and the stop signals do not end the wait) and a device may never end.
[[nodiscard]] std::string special_file_kind(std::filesystem::file_type type);

}  // namespace yalu
