#include "story_folder.hpp"

#include "ascii.hpp"
#include "date_parser.hpp"
#include "utf8.hpp"

#include <algorithm>
#include <cstdlib>

namespace yalu {
namespace {

// A bracketed tag this long or shorter is a version or desk label ((LEAD), (2nd LD), [속보],
// (종합2보), (URGENT)), not part of the headline.
constexpr std::size_t kMaxTagBytes = 24;
// Texts are compared on their first words, as sequences of this many words. A smaller text
// with fewer sequences than kMinShingles (a flash, a caption) cannot be told by its text.
// Measured on the archive: versions of a story share 70-100% of the smaller opening, an
// outlet's reworded update 50-80%; KCNA's templated messages ("Greetings to President of ...")
// reach 75%, reports under one formula headline (condolence visits, rallies) 30-40%, and are
// other stories.
constexpr std::size_t kOpeningWords = 300;
constexpr std::size_t kShingleWords = 4;
constexpr std::size_t kMinShingles = 20;
constexpr double kSameText = 0.8;
constexpr double kSameHeadlineText = 0.5;
constexpr double kUpdateText = 0.5;
// Versions of a story come out the same day, or across midnight.
constexpr long kMaxDaysApart = 1;
constexpr std::uint64_t kFnvOffset = 0xcbf29ce484222325ULL;
constexpr std::uint64_t kFnvPrime = 0x100000001b3ULL;

// `title` without a short bracketed tag at its start or end (repeatedly) or surrounding spaces.
std::string_view without_tags(std::string_view title,
                              std::vector<std::string_view>* tags = nullptr) {
    for (bool changed = true; changed;) {
        changed = false;
        while (!title.empty() && ascii::is_space(title.front())) title.remove_prefix(1);
        while (!title.empty() && ascii::is_space(title.back())) title.remove_suffix(1);
        if (title.size() < 2) break;
        for (const auto& [open, close] : {std::pair{'(', ')'}, std::pair{'[', ']'}}) {
            if (title.front() == open) {
                const auto end = title.find(close);
                if (end != std::string_view::npos && end <= kMaxTagBytes + 1 &&
                    end + 1 < title.size()) {
                    if (tags) tags->push_back(title.substr(1, end - 1));
                    title.remove_prefix(end + 1);
                    changed = true;
                    break;
                }
            }
            if (title.back() == close) {
                const auto begin = title.rfind(open);
                if (begin != std::string_view::npos && begin > 0 &&
                    title.size() - begin <= kMaxTagBytes + 2) {
                    if (tags) tags->push_back(title.substr(begin + 1, title.size() - begin - 2));
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

// Whether a headline carries an update tag: (LEAD), (2nd LD), (URGENT), (Update), (종합),
// (종합2보), (2보), [속보].
bool has_update_tag(std::string_view title) {
    std::vector<std::string_view> tags;
    (void)without_tags(title, &tags);
    return std::any_of(tags.begin(), tags.end(), [](std::string_view tag) {
        std::string t;
        for (const char c : tag) t += ascii::to_lower(c);
        const bool numbered = t.size() > 3 && t.ends_with("\ubcf4") &&  // 2보, 종합2보
                              ascii::is_digit(t[t.size() - 4]);
        return t == "lead" || t.ends_with(" ld") || t == "urgent" || t == "update" ||
               t.find("\uc885\ud569") != std::string::npos ||  // 종합
               t == "\uc18d\ubcf4" || numbered;                // 속보
    });
}

// The day of a stored date ("YYYY-MM-DD"); nullopt for none.
std::optional<long> day_of(std::string_view date) {
    const DateParse parsed = DateParser().parse(date);
    if (!parsed.date) return std::nullopt;
    return parsed.date->days_since_epoch();
}

}  // namespace

std::string StoryFolder::headline_key(std::string_view title) {
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
    return reduced;
}

std::vector<std::uint64_t> StoryFolder::shingles(std::string_view body) {
    // Words as runs of letters and digits (a Korean word with its particle is one); the
    // opening words say which story it is, and bound the work on 60k-character speeches.
    std::vector<std::uint64_t> words;
    std::uint64_t h = kFnvOffset;
    bool in_word = false;
    for (std::size_t pos = 0; pos < body.size() && words.size() < kOpeningWords;) {
        const char32_t c = utf8::next(body, pos);
        const bool letter =
            !is_punctuation(c) && !(c < 0x80 && ascii::is_space(static_cast<char>(c)));
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

std::optional<double> StoryFolder::shared(const std::vector<std::uint64_t>& a,
                                          const std::vector<std::uint64_t>& b) {
    const std::size_t smaller = std::min(a.size(), b.size());
    if (smaller < kMinShingles) return std::nullopt;
    std::size_t common = 0;
    for (std::size_t i = 0, j = 0; i < a.size() && j < b.size();) {
        if (a[i] < b[j]) {
            ++i;
        } else if (b[j] < a[i]) {
            ++j;
        } else {
            ++common;
            ++i;
            ++j;
        }
    }
    return static_cast<double>(common) / static_cast<double>(smaller);
}

bool StoryFolder::repeats(const StoredArticle& article) {
    Story story{article.title_derived ? std::string() : headline_key(article.title),
                day_of(article.date), shingles(article.body), article.source,
                has_update_tag(article.title)};
    if (!story.day) return false;
    for (const Story& kept : stories_) {
        if (std::labs(*kept.day - *story.day) > kMaxDaysApart) continue;
        const auto common = shared(kept.opening, story.opening);
        if (common && *common >= kSameText) return true;
        // A recurring headline (news summaries, serials, "Greetings to President of ...")
        // is no proof on its own: the texts must agree too, unless one is a flash. A headline
        // made from the text's first sentence says nothing the text does not.
        const bool same_headline = !story.headline.empty() && story.headline == kept.headline;
        if (same_headline && (!common || *common >= kSameHeadlineText)) return true;
        // An outlet's update of its own report ((2nd LD), (종합2보)) may reword the headline.
        const bool update =
            (story.update || kept.update) && !story.source.empty() && story.source == kept.source;
        if (update && common && *common >= kUpdateText) return true;
    }
    stories_.push_back(std::move(story));
    return false;
}

}  // namespace yalu
