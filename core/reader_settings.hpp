#pragma once
// ReaderSettings: the options every input reader (plain text, XML, JSON Lines) shares.

#include <cstddef>

namespace yalu {

/// Options shared by PlainTextReader, XmlReader, JsonlReader and SourceReader.
struct ReaderSettings {
    bool require_date = false;  ///< reject records without a usable date
    std::size_t max_record_bytes =
        16 * 1024 * 1024;  ///< longest JSON Lines line, .txt file, XML article
};

}  // namespace yalu
