#include "respeller.hpp"

#include "ascii.hpp"
#include "entity.hpp"
#include "gazetteer.hpp"
#include "match_count.hpp"
#include "spelling_variants.hpp"
#include "thesaurus.hpp"
#include "utf8.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

namespace yalu {

namespace {

// Where each run of ASCII letters in `text` begins and ends (Kim Yo-jong: kim, yo, jong).
std::vector<std::pair<std::size_t, std::size_t>> letter_runs(std::string_view text) {
    std::vector<std::pair<std::size_t, std::size_t>> runs;
    for (std::size_t i = 0; i < text.size();) {
        std::size_t end = i;
        while (end < text.size() && ascii::is_alpha(text[end])) ++end;
        if (end > i) runs.emplace_back(i, end);
        i = end > i ? end : i + 1;
    }
    return runs;
}

// The runs of ASCII letters in `text`, in lower case.
std::vector<std::string> lower_words(std::string_view text) {
    std::vector<std::string> words;
    for (const auto& [begin, end] : letter_runs(text))
        words.push_back(ascii::to_lower(text.substr(begin, end - begin)));
    return words;
}

// The first word of `name` in lower case when it is ASCII letters (Komdok Mining Complex:
// komdok), else empty: a name's first word is its own (Komdok), its later ones often generic
// English (Mining, Complex, Region). `second` gets the word after a generic first one, the
// place's own (Mount Paektu: paektu), else empty.
std::string first_word(std::string_view name, std::string& second) {
    second.clear();
    const auto runs = letter_runs(name);
    if (runs.empty() || runs.front().first != 0) return {};
    const auto word = [&](std::size_t i) -> std::string {
        const std::size_t end = runs[i].second;
        if (end < name.size() && !ascii::is_space(name[end]) && name[end] != '-') return {};
        return ascii::to_lower(name.substr(runs[i].first, end - runs[i].first));
    };
    std::string first = word(0);
    constexpr std::array<std::string_view, 5> generic{"mount", "mt", "lake", "cape", "port"};
    if (runs.size() > 1 && std::find(generic.begin(), generic.end(), first) != generic.end())
        second = word(1);
    return first;
}

// Whether the word at `at` is a field's value (title:Word, person:"Word"), the field's
// business.
bool field_value(std::string_view text, std::size_t at) {
    return at > 0 &&
           (text[at - 1] == ':' || (text[at - 1] == '"' && at > 1 && text[at - 2] == ':'));
}

// Appends the change of `typed` to `changes` unless it is there already (a word typed twice
// is one notice).
void note(std::vector<Respelling>& changes, std::string_view typed, std::string searched) {
    if (std::none_of(changes.begin(), changes.end(),
                     [&](const Respelling& r) { return r.first == typed; }))
        changes.emplace_back(std::string(typed), std::move(searched));
}

// A Hangul syllable in the South's Revised Romanization, read alone (no sound changes across
// syllables: 영호 is yeongho), or empty for anything else.
std::string revised_romanization(char32_t c) {
    constexpr std::array<std::string_view, 19> initials{"g",  "kk", "n", "d",  "tt", "r", "m",
                                                        "b",  "pp", "s", "ss", "",   "j", "jj",
                                                        "ch", "k",  "t", "p",  "h"};
    constexpr std::array<std::string_view, 21> vowels{"a",  "ae", "ya", "yae", "eo", "e",  "yeo",
                                                      "ye", "o",  "wa", "wae", "oe", "yo", "u",
                                                      "wo", "we", "wi", "yu",  "eu", "ui", "i"};
    constexpr std::array<std::string_view, 28> finals{
        "",  "k", "k", "k", "n", "n", "n", "t",  "l", "k", "m", "l", "l", "l",
        "p", "l", "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t"};
    if (c < 0xAC00 || c > 0xD7A3) return {};
    const auto code = static_cast<std::size_t>(c - 0xAC00);
    return std::string(initials[code / 588]) + std::string(vowels[code / 28 % 21]) +
           std::string(finals[code % 28]);
}

// Whether `typed` (lower-case letters) writes the Revised Romanization `rr`, where people also
// drop the e of eo and eu (Yeo-jong for 여정, Gum for 금) but never add one (Yeong is not 용).
bool writes(std::string_view typed, std::string_view rr) {
    if (rr.empty()) return typed.empty();
    if (rr.starts_with("eo") || rr.starts_with("eu")) {
        const char second = rr[1];
        if (typed.starts_with(rr.substr(0, 2)) && writes(typed.substr(2), rr.substr(2)))
            return true;
        return !typed.empty() && typed[0] == second && writes(typed.substr(1), rr.substr(2));
    }
    return !typed.empty() && typed[0] == rr[0] && writes(typed.substr(1), rr.substr(1));
}

}  // namespace

Respeller::Respeller(const Xapian::Database& db, Xapian::Stem stemmer, const Gazetteer* gazetteer,
                     const Thesaurus* thesaurus)
    : db_(db),
      stemmer_(std::move(stemmer)),
      gazetteer_(gazetteer),
      thesaurus_(thesaurus),
      splitter_(db) {}

bool Respeller::holds(const std::string& lower) const {
    std::string stem = "Z";
    stem += stemmer_(lower);  // (not "Z" + ...: GCC 12 warns falsely)
    return db_.term_exists(lower) || db_.term_exists(stem);
}

bool Respeller::names_word(const std::string& lower, bool first_only) const {
    std::call_once(names_once_, [&] {
        const auto add = [&](std::string_view name) {
            std::string second;
            if (std::string word = first_word(name, second); !word.empty())
                name_words_[std::move(word)] = true;
            if (!second.empty()) name_words_.try_emplace(std::move(second), false);
        };
        // In place: no entity is made for it (Gazetteer::for_each_alias).
        gazetteer_->for_each_alias([&](std::size_t, const EntityAlias& alias) { add(alias.text); });
        if (thesaurus_)
            for (const auto& group : thesaurus_->groups())
                for (const auto& term : group) add(term);
    });
    const auto it = name_words_.find(lower);
    return it != name_words_.end() && (it->second || !first_only);
}

bool Respeller::one_letter_from_another_word(const std::string& lower,
                                             const std::vector<std::string>& spellings) const {
    // Every word one deletion, insertion, substitution or swap of neighbours away.
    std::vector<std::string> near;
    for (std::size_t i = 0; i <= lower.size(); ++i) {
        if (i < lower.size()) near.push_back(lower.substr(0, i) + lower.substr(i + 1));
        if (i + 1 < lower.size()) {
            std::string swapped = lower;
            std::swap(swapped[i], swapped[i + 1]);
            near.push_back(std::move(swapped));
        }
        for (char c = 'a'; c <= 'z'; ++c) {
            near.push_back(lower.substr(0, i) + c + lower.substr(i));
            if (i < lower.size() && lower[i] != c) {
                std::string changed = lower;
                changed[i] = c;
                near.push_back(std::move(changed));
            }
        }
    }
    return std::any_of(near.begin(), near.end(), [&](const std::string& w) {
        return std::find(spellings.begin(), spellings.end(), w) == spellings.end() &&
               db_.term_exists(w);
    });
}

std::string Respeller::respelled(std::string_view word) const {
    // Only a name, capitalized as names are (an absent lower-case word is more often an
    // English word: readership is no romanization of leadership); acronyms and operators in
    // capitals (NAPA, AND) are none.
    if (word.size() < 4 || word.size() > 24 || !ascii::is_upper(word.front()) ||
        std::none_of(word.begin(), word.end(), ascii::is_lower) ||
        std::any_of(word.begin(), word.end(), ascii::is_digit))
        return std::string(word);
    const std::string lower = ascii::to_lower(word);
    // A word the archive holds in some form is meant as typed (jailing: jail, jailed).
    if (holds(lower) || names_word(lower, true)) return std::string(word);
    const std::vector<std::string> spellings = SpellingVariants::romanized(lower);
    if (spellings.size() < 2 || one_letter_from_another_word(lower, spellings))
        return std::string(word);
    std::string best;
    Xapian::doccount best_count = 0;
    for (const std::string& spelling : spellings) {
        if (spelling == lower || !names_word(spelling, false)) continue;
        if (const Xapian::doccount n = db_.get_termfreq(spelling); n > best_count) {
            best = spelling;
            best_count = n;
        }
    }
    if (best.empty()) return std::string(word);
    best.front() = ascii::to_upper(best.front());  // capitalized, as typed
    return best;
}

std::string Respeller::respell_names(std::string_view text,
                                     std::vector<Respelling>& changes) const {
    const auto words = letter_runs(text);
    // A word continues a name after one space before a capital, or after a hyphen (Yeo-jong).
    const auto joins = [&](std::size_t k) {
        const auto [a_begin, a_end] = words[k - 1];
        const std::size_t b_begin = words[k].first;
        return b_begin == a_end + 1 &&
               (text[a_end] == '-' || (text[a_end] == ' ' && ascii::is_upper(text[b_begin])));
    };
    std::string out;
    std::size_t copied = 0;
    for (std::size_t i = 0; i < words.size();) {
        const std::size_t at = words[i].first;
        std::size_t run = 1;
        while (!field_value(text, at) && ascii::is_upper(text[at]) && run < 4 &&
               i + run < words.size() && joins(i + run))
            ++run;
        // The longest run of two words or more that is, or can be respelled as, a name.
        std::size_t taken = 1;
        for (std::size_t n = run; n >= 2; --n) {
            const std::string_view typed =
                text.substr(words[i].first, words[i + n - 1].second - words[i].first);
            if (!gazetteer_->lookup(typed).empty()) {
                taken = n;  // a name as written
                break;
            }
            std::string found = archive_name(typed);
            if (found.empty()) continue;
            out.append(text.substr(copied, words[i].first - copied));
            out += found;
            copied = words[i + n - 1].second;
            note(changes, typed, std::move(found));
            taken = n;
            break;
        }
        i += taken;
    }
    out.append(text.substr(copied));
    return out;
}

bool Respeller::holds_phrase(const std::vector<std::string>& words) const {
    std::vector<Xapian::Query> terms(words.begin(), words.end());
    return match_count(db_,
                       Xapian::Query(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(),
                                     static_cast<Xapian::termcount>(terms.size())),
                       1) > 0;
}

std::string Respeller::split_compound(std::string_view word) const {
    // Lower case only: a capitalized absent word is more often a name (Yeonpyeong), whose
    // parts can happen to be words.
    if (!std::all_of(word.begin(), word.end(), ascii::is_lower)) return {};
    const std::string lower(word);
    if (holds(lower)) return {};
    // Two articles at least: one can hold two words in a row by chance.
    const auto splits = splitter_.splits(lower, 2);
    if (splits.empty()) return {};
    return splits.front().left + "-" + splits.front().right;
}

std::string Respeller::archive_name(std::string_view typed) const {
    const std::vector<std::string> words = lower_words(typed);
    // Every spelling of the name, word by word, while they are few.
    constexpr std::size_t most_spellings = 1024;
    std::vector<std::vector<std::string>> ways;
    std::size_t count = 1;
    for (const auto& w : words) {
        ways.push_back(SpellingVariants::romanized(w, most_spellings));
        count *= ways.back().size();
        if (count > most_spellings) return {};
    }
    std::vector<std::string> names{std::string()};
    for (const auto& word_ways : ways) {
        std::vector<std::string> next;
        for (const auto& head : names)
            for (const auto& w : word_ways) next.push_back(head.empty() ? w : head + " " + w);
        names = std::move(next);
    }
    // The one entity the spellings name, in the spelling the archive writes (or, among the
    // gazetteer's, the one whose rarest word is most common: Kim Yo Jong, not Kim Yeo Jeong).
    std::string found;
    std::pair<bool, Xapian::doccount> found_rank{false, 0};
    const Entity* entity = nullptr;
    for (const auto& name : names) {
        const auto hits = gazetteer_->lookup(name);
        if (hits.empty()) continue;
        if (hits.size() > 1 || (entity && hits.front() != entity)) return {};  // ambiguous
        entity = hits.front();
        const std::vector<std::string> name_words = lower_words(name);
        Xapian::doccount rarest = db_.get_doccount();
        for (const auto& w : name_words) rarest = std::min(rarest, db_.get_termfreq(w));
        const std::pair<bool, Xapian::doccount> rank{holds_phrase(name_words), rarest};
        if (found.empty() || rank > found_rank) {
            found = name;
            found_rank = rank;
        }
    }
    // A name the archive writes as typed is meant so (Kim Jong-cheol is not KCNA's Kim Jong
    // Chol, Ullung Island not Ullung-do), whatever the gazetteer knows; asked last, as it
    // costs a phrase search.
    if (!entity || !same_person(*entity, words) || holds_phrase(words)) return {};
    // Capitalized as names are written.
    for (std::size_t k = 0; k < found.size(); ++k)
        if (k == 0 || found[k - 1] == ' ') found[k] = ascii::to_upper(found[k]);
    return found;
}

bool Respeller::same_person(const Entity& entity, const std::vector<std::string>& words) {
    // A person's Hangul name, when the gazetteer gives one (김용현), tells apart the names the
    // North's romanization writes alike (Kim Yong Hyon: 김용현 or 김영현): the typed given name
    // must be that name's Revised Romanization (Yeong-hyeon is 영현, not 용현).
    if (entity.type != EntityType::person || words.size() < 2) return true;
    for (const auto& alias : entity.aliases) {
        // A name of two to four Hangul syllables, the surname first.
        std::vector<std::string> syllables;
        for (std::size_t at = 0; at < alias.text.size();)
            syllables.push_back(revised_romanization(utf8::next(alias.text, at)));
        if (syllables.size() < 2 || syllables.size() > 4 ||
            std::any_of(syllables.begin(), syllables.end(),
                        [](const std::string& rr) { return rr.empty(); }))
            continue;
        std::string given_rr;
        for (std::size_t k = 1; k < syllables.size(); ++k) given_rr += syllables[k];
        std::string given_typed;
        for (std::size_t k = 1; k < words.size(); ++k) given_typed += words[k];
        return writes(given_typed, given_rr);
    }
    return true;
}

std::string Respeller::respell(std::string_view text, std::vector<Respelling>& changes) const {
    const std::string named = gazetteer_ ? respell_names(text, changes) : std::string(text);
    return ascii::map_words(named, [&](std::string_view word, std::size_t at) {
        if (field_value(named, at)) return std::string(word);
        std::string out = gazetteer_ ? respelled(word) : std::string(word);
        if (out == word) {
            // Glued to a hyphen the word is part of one already (anti-subversion).
            const bool hyphened =
                (at > 0 && named[at - 1] == '-') ||
                (at + word.size() < named.size() && named[at + word.size()] == '-');
            if (std::string split = hyphened ? std::string() : split_compound(word); !split.empty())
                out = std::move(split);
        }
        if (out != word) note(changes, word, out);
        return out;
    });
}

}  // namespace yalu
