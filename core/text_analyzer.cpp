#include "text_analyzer.hpp"

#include "utf8.hpp"

#include <array>
#include <string>

namespace yalu {

namespace {

// One-syllable prefixes a Korean name is written after inside one word: directions (동유럽,
// 남북한), toward, anti-, pro-, visiting, stationed in, resident in (대중국, 반미국, 친중국,
// 방중국, 주일본, 재일본). The name after them is a word start too.
constexpr std::u32string_view kNamePrefixes = U"동서남북대반친방주재";

bool is_hangul_syllable(char32_t c) {
    return c >= 0xAC00 && c <= 0xD7A3;
}

}  // namespace

TextAnalyzer::TextAnalyzer(const Schema& schema) : word_start_prefix_(schema.word_start_prefix()) {
    if (schema.stemmer() != "none") {
        generator_.set_stemmer(Xapian::Stem(schema.stemmer()));
        generator_.set_stemming_strategy(strategy_);
    } else {
        strategy_ = Xapian::TermGenerator::STEM_NONE;
    }
    generator_.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);
}

void TextAnalyzer::set_document(Xapian::Document& doc) {
    doc_ = &doc;
    generator_.set_document(doc);
    generator_.set_termpos(0);
}

void TextAnalyzer::gap() {
    generator_.increase_termpos(100);
}

void TextAnalyzer::index_word_starts(std::string_view text) {
    if (word_start_prefix_.empty() || !doc_) return;
    // Byte offsets of the current Hangul word's first four syllable boundaries.
    std::array<std::size_t, 4> at{};
    std::size_t syllables = 0;
    char32_t first = 0;
    const auto close = [&] {
        if (syllables >= 2)
            doc_->add_boolean_term(word_start_prefix_ +
                                   std::string(text.substr(at[0], at[2] - at[0])));
        if (syllables >= 3 && kNamePrefixes.find(first) != std::u32string_view::npos)
            doc_->add_boolean_term(word_start_prefix_ +
                                   std::string(text.substr(at[1], at[3] - at[1])));
        syllables = 0;
    };
    for (std::size_t pos = 0; pos < text.size();) {
        const std::size_t here = pos;
        const char32_t c = utf8::next(text, pos);
        if (!is_hangul_syllable(c)) {
            close();
            continue;
        }
        if (syllables == 0) first = c;
        if (syllables < 3) {
            at[syllables] = here;
            at[syllables + 1] = pos;
        }
        ++syllables;
    }
    close();
}

bool TextAnalyzer::has_cjk(std::string_view text) {
    // Every CJK code point is at least U+1100, i.e. a 3- or 4-byte sequence: skip ASCII fast.
    for (std::size_t pos = 0; pos < text.size();) {
        if (static_cast<unsigned char>(text[pos]) < 0xE1) {
            ++pos;
            continue;
        }
        if (utf8::is_cjk(utf8::next(text, pos))) return true;
    }
    return false;
}

void TextAnalyzer::index(std::string_view text, unsigned wdf_inc, const std::string& prefix) {
    // Fullwidth digits and letters (３대혁명, ＤＰＲＫ, U+FF01-U+FF5E, UTF-8 EF BC xx / EF BD xx)
    // are indexed as the ASCII a query types (3대혁명, DPRK); the stored text keeps them.
    if (text.find("\xEF\xBC") != std::string_view::npos ||
        text.find("\xEF\xBD") != std::string_view::npos)
        return index_folded(utf8::fold_width(text), wdf_inc, prefix);
    index_folded(text, wdf_inc, prefix);
}

void TextAnalyzer::index_folded(std::string_view text, unsigned wdf_inc,
                                const std::string& prefix) {
    if (strategy_ == Xapian::TermGenerator::STEM_NONE || !has_cjk(text)) {
        generator_.index_text(Xapian::Utf8Iterator(text.data(), text.size()), wdf_inc, prefix);
        return;
    }
    // Split into CJK and non-CJK runs; CJK runs go in with stemming off so their n-grams are
    // stored once. Positions continue across calls, so phrases still work within a run.
    std::size_t run_start = 0;
    bool run_cjk = false;
    bool first = true;
    auto flush = [&](std::size_t end) {
        if (end <= run_start) return;
        generator_.set_stemming_strategy(run_cjk ? Xapian::TermGenerator::STEM_NONE : strategy_);
        generator_.index_text(Xapian::Utf8Iterator(text.data() + run_start, end - run_start),
                              wdf_inc, prefix);
    };
    for (std::size_t pos = 0; pos < text.size();) {
        const std::size_t here = pos;
        const char32_t c = utf8::next(text, pos);
        // Spaces and punctuation stay with the current run: they only separate words.
        const bool neutral = c < 0x80 && !((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
                                           (c >= 'a' && c <= 'z'));
        if (neutral) continue;
        const bool cjk = utf8::is_cjk(c);
        if (first) {
            run_cjk = cjk;
            first = false;
        } else if (cjk != run_cjk) {
            flush(here);
            run_start = here;
            run_cjk = cjk;
        }
    }
    flush(text.size());
    generator_.set_stemming_strategy(strategy_);
}

}  // namespace yalu
