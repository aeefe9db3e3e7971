#pragma once
// Respeller: query words no article holds, written as the archive writes them.

#include "compound_splitter.hpp"

#include <xapian.h>

#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace yalu {

struct Entity;
class Gazetteer;
class Thesaurus;

/// A word typed and the spelling searched instead (Geomdeok, Komdok).
using Respelling = std::pair<std::string, std::string>;

/// The South's Revised Romanization and the North's (KCNA's) romanization of the same Korean
/// name differ by regular letters (SpellingVariants::romanized): an analyst types Geomdeok,
/// KCNA writes Komdok. A capitalized query word no article holds, in any form (its stem
/// neither), is respelled as the other romanization the index holds most, but only when that
/// spelling begins a known name (a gazetteer alias or a thesaurus term: Komdok Mining Complex)
/// and the word is no typo of a word the archive holds (Lanching: launching). An absent English
/// word stays as typed instead of becoming another word (Thad is no That, Legion no Region),
/// and a word that itself begins a known name (Gaeseong, an alias of Kaesong) is left to it.
/// Whole names are respelled first: the South's Kim Yeo-jong, Choe Seon-hui and Pak Jeong-cheon
/// are KCNA's Kim Yo Jong, Choe Son Hui and Pak Jong Chon, though yeo is too short and seon
/// too common a word to respell alone. A lower-case word no article holds that articles write
/// as two words is searched as those two (schoolteachers: school-teachers; subcritical:
/// sub-critical).
class Respeller {
public:
    /// Respells against `db` (its words and their `stemmer` stems) and the names of
    /// `gazetteer` and `thesaurus`; without a gazetteer no name is respelled.
    Respeller(const Xapian::Database& db, Xapian::Stem stemmer, const Gazetteer* gazetteer,
              const Thesaurus* thesaurus);

    /// `text` with each such word respelled; the changes, each word once, are appended to
    /// `changes`. Words after a `field:` prefix, operators and acronyms in capitals are kept.
    [[nodiscard]] std::string respell(std::string_view text,
                                      std::vector<Respelling>& changes) const;

private:
    /// `text` with each run of two to four capitalized words (a hyphen may join them: Kim
    /// Yeo-jong) that names no gazetteer entry but, romanized another way, names exactly one
    /// (Kim Yo Jong), written as that entry; changes appended to `changes`.
    [[nodiscard]] std::string respell_names(std::string_view text,
                                            std::vector<Respelling>& changes) const;
    /// The name `typed` (two to four words), which no article writes, romanized as the North
    /// does when that names exactly one gazetteer entry, in the spelling the archive writes;
    /// else empty.
    [[nodiscard]] std::string archive_name(std::string_view typed) const;
    /// Whether `words` (a name typed in lower case, surname first) can be `entity`: always,
    /// unless the entity is a person with a Hangul name whose given name they do not romanize.
    [[nodiscard]] static bool same_person(const Entity& entity,
                                          const std::vector<std::string>& words);
    /// Whether some article holds `words` (lower case) as a phrase.
    [[nodiscard]] bool holds_phrase(const std::vector<std::string>& words) const;
    /// Whether the index holds `lower` (lower case) or its stem: a word meant as typed.
    [[nodiscard]] bool holds(const std::string& lower) const;
    [[nodiscard]] std::string respelled(std::string_view word) const;
    /// `word` (lower-case letters) written as the two words, joined by a hyphen, that articles
    /// write most often as a phrase when no article holds it in any form; else empty.
    [[nodiscard]] std::string split_compound(std::string_view word) const;
    /// Whether `lower` begins an alias or term, or (unless `first_only`) is a place's own word
    /// after a generic one (Mount Paektu).
    [[nodiscard]] bool names_word(const std::string& lower, bool first_only) const;
    /// Whether the index holds a word one letter away from `lower` that is none of its other
    /// romanizations `spellings`: then `lower` is a typo of that word (lanching: launching).
    [[nodiscard]] bool one_letter_from_another_word(
        const std::string& lower, const std::vector<std::string>& spellings) const;

    const Xapian::Database& db_;
    Xapian::Stem stemmer_;
    const Gazetteer* gazetteer_;
    const Thesaurus* thesaurus_;
    CompoundSplitter splitter_;
    // The first words of every alias and term (lower case; true), and the place's own word
    // after a generic first one (Mount Paektu: paektu; false), built on first need: a search
    // without an absent Korean-looking word never pays for it.
    mutable std::once_flag names_once_;
    mutable std::unordered_map<std::string, bool> name_words_;
};

}  // namespace yalu
