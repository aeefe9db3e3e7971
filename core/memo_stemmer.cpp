#include "memo_stemmer.hpp"

namespace yalu {

Xapian::Stem MemoStemmer::wrap(const Xapian::Stem& stemmer) {
    // Xapian skips stemming for a "none" stemmer (is_none()); a wrapper would hide that.
    if (stemmer.is_none()) return stemmer;
    // Xapian::Stem owns the implementation (reference counted) and deletes it.
    return Xapian::Stem(new MemoStemmer(stemmer));
}

std::string MemoStemmer::operator()(const std::string& word) {
    const auto [it, fresh] = stems_.try_emplace(word);
    if (fresh) it->second = inner_(word);
    return it->second;
}

std::string MemoStemmer::get_description() const {
    return inner_.get_description();
}

}  // namespace yalu
