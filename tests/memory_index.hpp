#pragma once
// memory_index: small in-memory Xapian indexes for unit tests of the query side.

#include <xapian.h>

#include <string>
#include <vector>

namespace yalu::test {

/// Indexes `texts` the way TextAnalyzer does (English stemmer, STEM_SOME, CJK n-grams), one
/// document each, docids 1..n, in memory.
[[nodiscard]] inline Xapian::WritableDatabase memory_index(const std::vector<std::string>& texts) {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    Xapian::TermGenerator tg;
    tg.set_stemmer(Xapian::Stem("english"));
    tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
    tg.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);
    for (const auto& text : texts) {
        Xapian::Document doc;
        tg.set_document(doc);
        tg.index_text(text);
        db.add_document(doc);
    }
    return db;
}

}  // namespace yalu::test
