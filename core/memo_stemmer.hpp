#pragma once
// MemoStemmer: a stemmer that stems each distinct word once (for the snippets of one page).

#include <xapian.h>

#include <string>
#include <unordered_map>

namespace yalu {

/// Wraps a Xapian::Stem and remembers each word's stem, so the snippets of one page, which
/// stem every word of every article they read (the, of, Korea ... again and again), run the
/// Snowball algorithm once per distinct word. A stem is a pure function of its word: nothing
/// remembered can go stale. Give it to Xapian with wrap().
class MemoStemmer : public Xapian::StemImplementation {
public:
    /// Stems with `inner` (not a "none" stemmer: wrapped, it would no longer say so).
    explicit MemoStemmer(Xapian::Stem inner) : inner_(std::move(inner)) {}

    /// `stemmer` itself when it is "none", else a Xapian::Stem remembering its stems.
    [[nodiscard]] static Xapian::Stem wrap(const Xapian::Stem& stemmer);

    /// The stem of `word`, computed on its first request.
    std::string operator()(const std::string& word) override;
    /// The wrapped stemmer's description.
    [[nodiscard]] std::string get_description() const override;

private:
    Xapian::Stem inner_;
    std::unordered_map<std::string, std::string> stems_;
};

}  // namespace yalu
