#pragma once
// English function words that name no topic in news queries.

#include <algorithm>
#include <array>
#include <string_view>

namespace yalu {

/// English function words that carry no topic in news queries ("food aid to DPRK", "how did
/// North Korea react to ..."): articles, prepositions, pronouns, auxiliaries, question words.
/// Prepositions of route, span and relation (via, between, during, ...) too: required in the
/// every-word tier, "via" kept KCNA's reports of a gas pipeline "through" the DPRK out of it.
/// Not "against", "over" or "behind", which news queries use for the topic's sense (sanctions
/// against, who was behind).
inline constexpr std::array<std::string_view, 103> english_stop_words{
    "a",      "about",  "across", "after", "all",     "also",  "amid",   "among",   "an",
    "and",    "any",    "are",    "as",    "at",      "be",    "been",   "being",   "between",
    "but",    "by",     "can",    "could", "despite", "did",   "do",     "does",    "doing",
    "done",   "during", "for",    "from",  "had",     "has",   "have",   "he",      "her",
    "him",    "his",    "how",    "i",     "if",      "in",    "into",   "is",      "it",
    "its",    "may",    "me",     "might", "more",    "most",  "must",   "my",      "of",
    "on",     "onto",   "or",     "our",   "per",     "shall", "she",    "should",  "since",
    "so",     "some",   "than",   "that",  "the",     "their", "them",   "then",    "there",
    "these",  "they",   "this",   "those", "through", "to",    "toward", "towards", "until",
    "upon",   "us",     "very",   "via",   "was",     "we",    "were",   "what",    "when",
    "where",  "which",  "while",  "who",   "whom",    "whose", "why",    "will",    "with",
    "within", "would",  "you",    "your"};

// An array sized larger than its list gets empty strings.
static_assert(std::none_of(english_stop_words.begin(), english_stop_words.end(),
                           [](std::string_view w) { return w.empty(); }),
              "english_stop_words is sized larger than its list");

/// Whether `word` (lower case) is one of `english_stop_words`.
[[nodiscard]] inline bool is_english_stop_word(std::string_view word) {
    return std::find(english_stop_words.begin(), english_stop_words.end(), word) !=
           english_stop_words.end();
}

}  // namespace yalu
