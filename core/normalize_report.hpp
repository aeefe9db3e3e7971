#pragma once
// NormalizeReport: what TextNormalizer had to repair, so a reader can warn with file and line.

#include <cstddef>

namespace yalu {

/// Counts of the repairs TextNormalizer made to one text; lines are 1-based within that text.
struct NormalizeReport {
    std::size_t invalid_utf8 = 0;        ///< invalid UTF-8 sequences replaced by U+FFFD
    long first_invalid_utf8_line = 0;    ///< line of the first invalid sequence; 0 when none
    std::size_t invalid_utf8_bytes = 0;  ///< bytes of the invalid sequences (repair_utf8's input)
    std::size_t non_ascii_bytes = 0;     ///< bytes >= 0x80 in repair_utf8's input, valid or not
    std::size_t control_chars = 0;       ///< C0 controls made spaces, C1 ones dropped (not \n, \t)
    long first_control_line = 0;         ///< line of the first control character; 0 when none
    char32_t first_control = 0;          ///< the first control character itself (U+0007 ...)
    std::size_t entities = 0;            ///< HTML entities decoded

    /// Adds another report's counts (keeps the earliest first line and character of each kind).
    void merge(const NormalizeReport& other) {
        invalid_utf8 += other.invalid_utf8;
        invalid_utf8_bytes += other.invalid_utf8_bytes;
        non_ascii_bytes += other.non_ascii_bytes;
        if (first_invalid_utf8_line == 0) first_invalid_utf8_line = other.first_invalid_utf8_line;
        if (control_chars == 0) {
            first_control_line = other.first_control_line;
            first_control = other.first_control;
        }
        control_chars += other.control_chars;
        entities += other.entities;
    }
};

}  // namespace yalu
