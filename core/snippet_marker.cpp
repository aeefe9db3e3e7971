#include "snippet_marker.hpp"

#include <algorithm>
#include <cctype>
#include <string_view>

namespace yalu {
namespace {

bool is_ascii_digit(char c) {
    return c >= '0' && c <= '9';
}

// A mark around Hangul that spans a space or punctuation ("남<b>북 한</b>계선"): Xapian's
// snippet matched the syllable phrase across two words, which the search itself never does.
bool crosses_words(std::string_view content) {
    bool hangul = false, gap = false;
    for (const char c : content) {
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0xE0) hangul = true;
        if (u < 0x80 && !(std::isalnum(u) != 0)) gap = true;
    }
    return hangul && gap;
}

}  // namespace

SnippetMarker::SnippetMarker(std::vector<std::string> words, std::string open, std::string close)
    : words_(std::move(words)), open_(std::move(open)), close_(std::move(close)) {
    words_.erase(std::remove(words_.begin(), words_.end(), std::string()), words_.end());
    std::sort(words_.begin(), words_.end(),
              [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

std::string SnippetMarker::mark(const std::string& snippet) const {
    std::string out;
    out.reserve(snippet.size() + 16);
    bool inside = false;                      // between open_ and close_
    std::size_t dropped = std::string::npos;  // where the close of an unmarked span is
    for (std::size_t i = 0; i < snippet.size();) {
        if (snippet.compare(i, open_.size(), open_) == 0) {
            const std::size_t end = snippet.find(close_, i + open_.size());
            const std::string_view content = std::string_view(snippet).substr(
                i + open_.size(),
                end == std::string::npos ? std::string::npos : end - i - open_.size());
            i += open_.size();
            if (crosses_words(content)) {
                dropped = end;  // the span stays text; its words may still be marked below
                continue;
            }
            inside = true;
            out += open_;
            continue;
        }
        if (snippet.compare(i, close_.size(), close_) == 0) {
            if (i != dropped) out += close_;
            dropped = std::string::npos;
            inside = false;
            i += close_.size();
            continue;
        }
        if (!inside) {
            // Not inside a longer number: 2월 is not the end of 12월.
            const bool after_digit = !out.empty() && is_ascii_digit(out.back());
            const auto word = std::find_if(words_.begin(), words_.end(), [&](const std::string& w) {
                return snippet.compare(i, w.size(), w) == 0 &&
                       !(after_digit && is_ascii_digit(w.front()));
            });
            if (word != words_.end()) {
                out += open_ + *word + close_;
                i += word->size();
                continue;
            }
        }
        out += snippet[i++];
    }
    if (inside) {
        // Xapian cut the text inside a mark ("동맹<b>관…"): close it before the ellipsis.
        constexpr std::string_view ellipsis = "…";
        if (std::string_view(out).ends_with(ellipsis))
            out.insert(out.size() - ellipsis.size(), close_);
        else
            out += close_;
    }
    return out;
}

}  // namespace yalu
