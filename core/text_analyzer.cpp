#include "text_analyzer.hpp"

#include "ascii.hpp"
#include "entity_tokenizer.hpp"
#include "utf8.hpp"

#include <string>

namespace yalu {

namespace {

bool is_space(char32_t c) {
    return (c < 0x80 && ascii::is_space(static_cast<char>(c))) || c == 0x3000 || c == 0xA0;
}

// The run of Hangul syllables that starts at byte `from` of `text`.
std::string_view hangul_run(std::string_view text, std::size_t from) {
    std::size_t end = from;
    for (std::size_t pos = from; pos < text.size();) {
        if (!utf8::is_hangul_syllable(utf8::next(text, pos))) break;
        end = pos;
    }
    return text.substr(from, end - from);
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
    // Byte offsets of the current Hangul run's start and of its second syllable's end.
    std::size_t start = 0;
    std::size_t syllables = 0;
    // The two code points before the run: a particle right after a closing quote that follows
    // a word ('탈북민'이란) belongs to that word, not a word of its own; any other run glued to
    // a quote starts one ("...발전”김정은"). EntityMatcher reads them so too.
    char32_t before = ' ';
    char32_t last = ' ';
    bool particle = false;
    for (std::size_t pos = 0; pos < text.size();) {
        const std::size_t here = pos;
        const char32_t c = utf8::next(text, pos);
        if (!utf8::is_hangul_syllable(c)) {
            syllables = 0;
            before = last;
            last = c;
            continue;
        }
        if (syllables == 0) {
            start = here;
            particle = utf8::closes_quote(last) && !is_space(before) &&
                       EntityTokenizer::is_particles(hangul_run(text, here));
        }
        if (++syllables == 2 && !particle)
            doc_->add_boolean_term(word_start_prefix_ +
                                   std::string(text.substr(start, pos - start)));
        before = last;
        last = c;
    }
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
    if (strategy_ == Xapian::TermGenerator::STEM_NONE || !utf8::has_cjk(text)) {
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
