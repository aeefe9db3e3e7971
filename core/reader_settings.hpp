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
};

}  // namespace yalu
