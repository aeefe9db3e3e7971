#pragma once
// MemoStemmer: the stemmer of one page's snippets: each distinct word stemmed once, and only
// the words whose stem could be one of the marking query's stemmed terms.

#include <xapian.h>

#include <array>
#include <string>
#include <unordered_map>

namespace yalu {

/// Wraps a Xapian::Stem and remembers each word's stem, so the snippets of one page, which
/// stem every word of every article they read (the, of, Korea ... again and again), run the
/// Snowball algorithm once per distinct word. A stem is a pure function of its word: nothing
/// remembered can go stale. Give it to Xapian with wrap().
///
/// MSet::snippet() uses a word's stem only to look "Z" + stem up among the marking query's
/// terms. The English (Porter2) stemmer changes only a word's end, so a stem starts with its
/// word's first byte (a leading apostrophe aside): a word whose first byte begins no Z term of
/// the query can match none, and is given back as it is instead of stemmed ("Z" + word is no
/// query term either). That was most of the page's stems: ~1M instructions a search process.
class MemoStemmer : public Xapian::StemImplementation {
public:
    /// Stems with `inner` (not a "none" stemmer: wrapped, it would no longer say so) every word
    /// for which `stems_first[byte]` holds, its first byte; gives back the others as they are.
    MemoStemmer(Xapian::Stem inner, const std::array<bool, 256>& stems_first)
        : inner_(std::move(inner)), stems_first_(stems_first) {}
    /// `stemmer` itself when it is "none", else a Xapian::Stem for the snippets of an MSet of
    /// `query`: remembering its stems and, for the English stemmer, skipping the words whose
    /// stem no Z term of `query` can be (for any other stemmer every word is stemmed).
    [[nodiscard]] static Xapian::Stem wrap(const Xapian::Stem& stemmer, const Xapian::Query& query);
    /// The stem of `word`, computed on its first request, or `word` itself when its stem
    /// could be no Z term of the query.
    std::string operator()(const std::string& word) override;
    /// The wrapped stemmer's description.
    [[nodiscard]] std::string get_description() const override;

private:
    Xapian::Stem inner_;
    std::array<bool, 256> stems_first_;  // first bytes the query's Z terms continue with
    std::unordered_map<std::string, std::string> stems_;
};

}  // namespace yalu
