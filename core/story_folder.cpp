#include "story_folder.hpp"

#include "ascii.hpp"
#include "utf8.hpp"

#include <algorithm>

namespace yalu {
namespace {

// A bracketed tag this long or shorter is a version or desk label ((LEAD), (2nd LD), [속보],
// (종합2보), (URGENT)), not part of the headline.
constexpr std::size_t kMaxTagBytes = 24;
// Texts are compared on their first words, as sequences of this many words; two texts whose
// smaller set has fewer sequences than kMinShingles (a one-line caption) are not compared.
// Measured on the archive's top-10 lists: versions of a story share 70-100% of their
// sequences, different stories of one day under 20%.
constexpr std::size_t kOpeningWords = 300;
constexpr std::size_t kShingleWords = 4;
constexpr std::size_t kMinShingles = 8;
constexpr std::uint64_t kFnvOffset = 0xcbf29ce484222325ULL;
constexpr std::uint64_t kFnvPrime = 0x100000001b3ULL;

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// `title` without a short bracketed tag at its start or end (repeatedly) or surrounding spaces.
std::string_view without_tags(std::string_view title) {
    for (bool changed = true; changed;) {
        changed = false;
        while (!title.empty() && is_space(title.front())) title.remove_prefix(1);
        while (!title.empty() && is_space(title.back())) title.remove_suffix(1);
        if (title.size() < 2) break;
        for (const auto& [open, close] : {std::pair{'(', ')'}, std::pair{'[', ']'}}) {
            if (title.front() == open) {
                const auto end = title.find(close);
                if (end != std::string_view::npos && end <= kMaxTagBytes + 1 &&
                    end + 1 < title.size()) {
                    title.remove_prefix(end + 1);
                    changed = true;
                    break;
                }
            }
            if (title.back() == close) {
                const auto begin = title.rfind(open);
                if (begin != std::string_view::npos && begin > 0 &&
                    title.size() - begin <= kMaxTagBytes + 2) {
                    title.remove_suffix(title.size() - begin);
                    changed = true;
                    break;
                }
            }
        }
    }
    return title;
}

// Punctuation a headline's versions write differently: ASCII punctuation, the General
// Punctuation block (“ ” … ‧) and CJK symbols (「 」 · 、).
bool is_punctuation(char32_t c) {
    if (c < 0x80)
        return !ascii::is_alpha(static_cast<char>(c)) && !ascii::is_digit(static_cast<char>(c));
    return (c >= 0x2000 && c <= 0x206F) || (c >= 0x3000 && c <= 0x303F) || c == 0x00B7 ||
           c == 0xFF0C || c == 0xFF1A;
}

}  // namespace

std::string StoryFolder::headline_key(std::string_view title, std::string_view date) {
    const std::string_view headline = without_tags(title);
    std::string reduced;
    for (std::size_t pos = 0; pos < headline.size();) {
        const char32_t c = utf8::next(headline, pos);
        if (is_punctuation(c)) continue;
        if (c < 0x80) {
            reduced += ascii::to_lower(static_cast<char>(c));
        } else {
            utf8::append(reduced, c);
        }
    }
    if (reduced.empty()) return {};
    return std::string(date) + "|" + reduced;
}

std::vector<std::uint64_t> StoryFolder::shingles(std::string_view body) {
    // Words as runs of letters and digits (a Korean word with its particle is one); the
    // opening words say which story it is, and bound the work on 60k-character speeches.
    std::vector<std::uint64_t> words;
    std::uint64_t h = kFnvOffset;
    bool in_word = false;
    for (std::size_t pos = 0; pos < body.size() && words.size() < kOpeningWords;) {
        const char32_t c = utf8::next(body, pos);
        const bool letter = !is_punctuation(c) && !(c < 0x80 && is_space(static_cast<char>(c)));
        if (letter) {
            const char32_t folded =
                c < 0x80 ? static_cast<unsigned char>(ascii::to_lower(static_cast<char>(c))) : c;
            h = (h ^ folded) * kFnvPrime;
            in_word = true;
        } else if (in_word) {
            words.push_back(h);
            h = kFnvOffset;
            in_word = false;
        }
    }
    if (in_word && words.size() < kOpeningWords) words.push_back(h);
    std::vector<std::uint64_t> out;
    for (std::size_t i = 0; i + kShingleWords <= words.size(); ++i) {
        std::uint64_t s = kFnvOffset;
        for (std::size_t k = 0; k < kShingleWords; ++k) s = (s ^ words[i + k]) * kFnvPrime;
        out.push_back(s);
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

bool StoryFolder::same_text(const std::vector<std::uint64_t>& a,
                            const std::vector<std::uint64_t>& b) {
    const std::size_t smaller = std::min(a.size(), b.size());
    if (smaller < kMinShingles) return false;
    std::size_t shared = 0;
    for (std::size_t i = 0, j = 0; i < a.size() && j < b.size();) {
        if (a[i] < b[j]) {
            ++i;
        } else if (b[j] < a[i]) {
            ++j;
        } else {
            ++shared;
            ++i;
            ++j;
        }
    }
    return shared * 2 >= smaller;
}

bool StoryFolder::repeats(const StoredArticle& article) {
    std::string key = headline_key(article.title, article.date);
    if (!key.empty() && headlines_.count(key)) return true;
    auto text = shingles(article.body);
    const bool seen = std::any_of(texts_.begin(), texts_.end(),
                                  [&](const auto& kept) { return same_text(kept, text); });
    // A repeat is not remembered: its story is, under the first version's headline and text.
    if (seen) return true;
    if (!key.empty()) headlines_.insert(std::move(key));
    texts_.push_back(std::move(text));
    return false;
}

}  // namespace yalu
