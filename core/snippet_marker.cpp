#include "snippet_marker.hpp"

#include "ascii.hpp"

#include <algorithm>
#include <string_view>

namespace yalu {
namespace {

// Xapian's marks on Hangul are pieces (syllable pairs, a phrase across two words: 남<b>북
// 한</b>계선); the words are marked whole from the query's own list instead. Hangul syllables
// are U+AC00-U+D7A3, UTF-8 lead bytes 0xEA-0xED.
bool holds_hangul(std::string_view content) {
    return std::any_of(content.begin(), content.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u >= 0xEA && u <= 0xED;
    });
}

}  // namespace

SnippetMarker::SnippetMarker(std::vector<std::string> words, std::string open, std::string close)
    : words_(std::move(words)), open_(std::move(open)), close_(std::move(close)) {
    words_.erase(std::remove(words_.begin(), words_.end(), std::string()), words_.end());
    std::sort(words_.begin(), words_.end(),
              [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
    // The first bytes where mark() has to look closer: a mark's, or a word's.
    for (const std::string* s : {&open_, &close_})
        if (!s->empty()) starts_ += s->front();
    for (const auto& w : words_) starts_ += w.front();
}

std::string SnippetMarker::mark(const std::string& snippet) const {
    const std::string_view in = snippet;
    // First Xapian's marks on Hangul go (their text stays), so a word they cut is whole again.
    std::string text;
    text.reserve(in.size());
    for (std::size_t i = 0; i < in.size();) {
        // Text up to the next mark is copied as it is, in one piece.
        const std::size_t at = in.find(open_, i);
        if (at == std::string_view::npos) {
            text += in.substr(i);
            break;
        }
        text += in.substr(i, at - i);
        const std::size_t start = at + open_.size();
        const std::size_t end = in.find(close_, start);
        const std::string_view content =
            in.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
        if (holds_hangul(content)) {
            text += content;
            i = end == std::string_view::npos ? in.size() : end + close_.size();
        } else {
            text += in[at];
            i = at + 1;
        }
    }
    // Then the words are marked wherever they stand outside the remaining (Latin) marks.
    std::string out;
    out.reserve(text.size() + 16);
    bool inside = false;  // between open_ and close_
    for (std::size_t i = 0; i < text.size();) {
        // Where no mark and no word can start, the text is copied in one piece.
        const std::size_t next = std::min(text.find_first_of(starts_, i), text.size());
        out.append(text, i, next - i);
        i = next;
        if (i == text.size()) break;
        if (text.compare(i, open_.size(), open_) == 0) {
            inside = true;
            out += open_;
            i += open_.size();
            continue;
        }
        if (text.compare(i, close_.size(), close_) == 0) {
            inside = false;
            out += close_;
            i += close_.size();
            continue;
        }
        if (!inside) {
            // Not inside a longer number: 2월 is not the end of 12월.
            const bool after_digit = !out.empty() && ascii::is_digit(out.back());
            const auto word = std::find_if(words_.begin(), words_.end(), [&](const std::string& w) {
                return text.compare(i, w.size(), w) == 0 &&
                       !(after_digit && ascii::is_digit(w.front()));
            });
            if (word != words_.end()) {
                out += open_;
                out += *word;
                out += close_;
                i += word->size();
                continue;
            }
        }
        out += text[i++];
    }
    if (inside) {
        // Xapian cut the text inside a mark ("morn<b>ing…"): close it before the ellipsis.
        constexpr std::string_view ellipsis = "…";
        if (std::string_view(out).ends_with(ellipsis))
            out.insert(out.size() - ellipsis.size(), close_);
        else
            out += close_;
    }
    return out;
}

}  // namespace yalu
