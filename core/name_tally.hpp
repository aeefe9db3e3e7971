#pragma once
// NameTally: counts capitalised words and runs of them over many texts, and ranks the names.

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace yalu {

/// Counts the capitalised words and runs of them in many texts and ranks the names among them.
/// The rule (docs/ENTITIES.md, "Suggesting entities"), with counts taken over all the texts:
///
/// * A word is *common* when the texts write it in lower case at least once for every 20 times
///   they capitalise it inside a sentence ("Committee", "Countries", "Idea"; not "Kim", "Juche",
///   "Kangson"), and a *title* when they write it in lower case at least half as often
///   ("General", "Secretary", "Vice-Minister", "Respected", "Your") or, as often, puts it right
///   before a name the gazetteer knows ("Marshal", "Generalissimo").
/// * A run of capitalised words joined by single spaces (a possessive 's ends it) loses its
///   leading titles, common sentence openers and the words of a fixed list ("The", "Comrade",
///   month and day names, ...). What is left is a name if it has 2-4 words not all common, so
///   "Vice-Minister Kung Sok Ung" counts as "Kung Sok Ung" and "General Secretary" as nothing.
/// * A lone capitalised word inside a sentence ("in Kangson, the") is a name if it is not common,
///   no title, not in the fixed list, no word of a gazetteer alias ("Korea", "Kim", "Jong"), not
///   hyphenated with an everyday word ("Juche-oriented") and not the first part of a compound
///   ("Sino-DPRK").
/// * A name counts the articles that hold any of its forms (titled or not) once.
class NameTally {
public:
    /// `known_words`: the lower-case words of the gazetteer's aliases (never a lone name).
    explicit NameTally(std::unordered_set<std::string> known_words = {});

    /// Adds one article's text (known names already blanked out with '#').
    void add(std::string_view text);

    /// (name, number of articles) pairs with at least `min_documents` articles, most first.
    [[nodiscard]] std::vector<std::pair<std::string, unsigned long>> top(
        unsigned limit, unsigned min_documents) const;

    /// Written in lower case at least once per 20 capitalised uses inside a sentence.
    [[nodiscard]] bool common(const std::string& word) const;
    /// Written in lower case, or put right before a known name ("Marshal", "Generalissimo"), at
    /// least half as often as capitalised inside a sentence.
    [[nodiscard]] bool title(const std::string& word) const;
    /// Hyphenated with an everyday lower-case word ("Juche-oriented", "Korean-style").
    [[nodiscard]] bool adjective(const std::string& word) const;

    /// The name a run of capitalised words stands for ("" if none); `initial`: the run
    /// starts a sentence.
    [[nodiscard]] std::string name_of(const std::vector<std::string>& run, bool initial) const;

private:
    std::unordered_set<std::string> known_words_;
    std::unordered_map<std::string, unsigned long> lower_;    // lower-case word -> uses
    std::unordered_map<std::string, unsigned long> capital_;  // capitalised, mid-sentence -> uses
    std::unordered_map<std::string, unsigned long> before_name_;  // capitalised before a known name
    // A run's words joined by spaces, prefixed "^" when it starts a sentence -> the articles
    // holding it (ascending, unique).
    std::unordered_map<std::string, std::vector<std::uint32_t>> runs_;
    std::uint32_t documents_ = 0;
};

}  // namespace yalu
