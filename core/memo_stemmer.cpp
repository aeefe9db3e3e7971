#include "memo_stemmer.hpp"

namespace yalu {

Xapian::Stem MemoStemmer::wrap(const Xapian::Stem& stemmer, const Xapian::Query& query) {
    // Xapian skips stemming for a "none" stemmer (is_none()); a wrapper would hide that.
    if (stemmer.is_none()) return stemmer;
    std::array<bool, 256> stems_first{};
    // Only Porter2 is known to keep a word's first byte (checked over every word the archive's
    // index holds): any other stemmer stems every word.
    const bool keeps_first_byte = stemmer.get_description() == "Xapian::Stem(english)";
    if (!keeps_first_byte) stems_first.fill(true);
    for (auto t = query.get_terms_begin(); t != query.get_terms_end(); ++t) {
        const std::string& term = *t;
        if (term.size() > 1 && term[0] == 'Z')
            stems_first[static_cast<unsigned char>(term[1])] = true;
    }
    // Xapian::Stem owns the implementation (reference counted) and deletes it.
    return Xapian::Stem(new MemoStemmer(stemmer, stems_first));
}

std::string MemoStemmer::operator()(const std::string& word) {
    // Porter2 drops a leading apostrophe ('tis -> tis): such a word is stemmed.
    if (!word.empty() && word[0] != '\'' && !stems_first_[static_cast<unsigned char>(word[0])])
        return word;
    const auto [it, fresh] = stems_.try_emplace(word);
    if (fresh) it->second = inner_(word);
    return it->second;
}

std::string MemoStemmer::get_description() const {
    return inner_.get_description();
}

}  // namespace yalu
