#pragma once
// ReaderSettings: the options every input reader (plain text, XML, JSON Lines) shares.

#include <csignal>
#include <cstddef>
#include <string>

namespace yalu {

/// Options shared by PlainTextReader, XmlReader, JsonlReader and SourceReader.
struct ReaderSettings {
    bool require_date = false;  ///< reject records without a usable date
    std::size_t max_record_bytes =
        16 * 1024 * 1024;  ///< longest JSON Lines line, .txt file, XML article
    /// Set (to the signal's number) by a SIGTERM/SIGINT handler: reading standard input then
    /// stops with InterruptedError even while the pipe or terminal is idle. Null: never asked.
    const volatile std::sig_atomic_t* stop_signal = nullptr;

    /// An XML file is parsed whole, at about five times its size in memory, so one larger than
    /// this (16 records' worth: 256 MiB by default) is rejected before it is read.
    [[nodiscard]] std::size_t xml_file_limit() const { return 16 * max_record_bytes; }

    /// The limit as rejections name it, in the option's words: "the record limit
    /// (--max-record-mb 16)" (in bytes when it is no whole number of MiB, as in tests).
    [[nodiscard]] std::string record_limit() const {
        constexpr std::size_t mib = std::size_t{1} << 20;
        return "the record limit (" +
               (max_record_bytes % mib == 0
                    ? "--max-record-mb " + std::to_string(max_record_bytes / mib)
                    : std::to_string(max_record_bytes) + " bytes") +
               ")";
    }

    /// Why a record is rejected when memory ran out while `doing` it ("reading the line"),
    /// `bytes` long (0: not known): said to be skipped, with the fixes, `fix` last (by default:
    /// lower the record limit).
    [[nodiscard]] std::string out_of_memory(const std::string& doing, std::size_t bytes,
                                            const std::string& fix = {}) const {
        return "out of memory while " + doing +
               (bytes > 0 ? " of " + std::to_string(bytes) + " bytes" : std::string()) +
               ": skipped, and the run went on; give yalu-index more memory (stop other "
               "processes, or raise the memory limit of its machine, container or unit) and run "
               "it again, or " +
               (fix.empty() ? "lower " + record_limit() +
                                  " so that records this large are rejected without being read"
                            : fix);
    }
};

}  // namespace yalu
