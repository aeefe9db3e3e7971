#pragma once
// TextAnalyzer: Xapian's TermGenerator configured from the schema, with Hangul/CJK runs indexed
// as n-grams exactly once.

#include "schema.hpp"

#include <xapian.h>

#include <string>
#include <string_view>

namespace yalu {

/// Adds the terms of free text to a document: English words stemmed (Z-prefixed stems beside the
/// words), CJK runs as unigrams and bigrams without stemming. Xapian 1.4 with a stemmer would
/// store every n-gram twice (as "김정" and "Z김정"), so CJK runs are indexed with stemming off.
/// Not thread-safe: give each worker its own.
class TextAnalyzer {
public:
    /// Configures stemmer and CJK flag from the schema's <analysis>.
    explicit TextAnalyzer(const Schema& schema);

    /// Starts a document: following index() calls add terms to `doc`, positions from 1.
    void set_document(Xapian::Document& doc);
    /// Indexes `text` with positions, each word's wdf raised by `wdf_inc`, terms prefixed;
    /// fullwidth digits and letters as ASCII (３ as 3).
    void index(std::string_view text, unsigned wdf_inc, const std::string& prefix);
    /// Leaves a gap in positions so phrases do not match across fields.
    void gap();
    /// Adds, for each Hangul word of `text`, a term of the schema's word-start prefix and the
    /// word's first two syllables; nothing when the schema declares no such prefix.
    void index_word_starts(std::string_view text);

private:
    // index() for text without fullwidth forms.
    void index_folded(std::string_view text, unsigned wdf_inc, const std::string& prefix);

    Xapian::TermGenerator generator_;
    Xapian::Document* doc_ = nullptr;
    std::string word_start_prefix_;
    Xapian::TermGenerator::stem_strategy strategy_ = Xapian::TermGenerator::STEM_SOME;
};

}  // namespace yalu
