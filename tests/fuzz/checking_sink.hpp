#pragma once
// CheckingSink: the ArticleSink every fuzz target feeds. It discards what it receives, but first
// checks the promise ArticleSink makes (accepted text is valid NFC UTF-8): a reader that breaks
// it would hand the indexer text Xapian and the snippets mangle, so the fuzzer treats it as a
// crash.

#include "article_sink.hpp"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace yalu::fuzz {

/// Discards articles, rejections and warnings; aborts when an accepted article is not NFC UTF-8.
class CheckingSink : public ArticleSink {
public:
    /// Checks every text field of `article`, then drops it.
    void accept(Article&& article) override {
        check("id", article.id);
        check("source", article.source);
        check("url", article.url);
        check("title", article.title);
        check("byline", article.byline);
        check("email", article.email);
        check("lang", article.lang);
        for (const auto& p : article.paragraphs) check("paragraph", p);
    }
    /// Drops the rejection: rejecting bad input is the reader doing its job.
    void reject(const Rejection&) override {}
    /// Drops the warning.
    void warn(const SourceLocation&, const std::string&) override {}

private:
    static void check(const char* field, std::string_view text) {
        if (!valid_utf8(text)) fail(field, "is not valid UTF-8", text);
        UErrorCode status = U_ZERO_ERROR;
        const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
        const auto unicode = icu::UnicodeString::fromUTF8(
            icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
        if (U_SUCCESS(status) && !nfc->isNormalized(unicode, status) && U_SUCCESS(status))
            fail(field, "is not in NFC", text);
    }

    // Strict decoder (no overlongs, no surrogates, nothing above U+10FFFF): ICU's fromUTF8
    // would silently substitute, which is exactly what must not go unnoticed here.
    static bool valid_utf8(std::string_view s) {
        for (std::size_t i = 0; i < s.size();) {
            const auto c = static_cast<unsigned char>(s[i]);
            std::size_t n = 0;
            char32_t cp = 0;
            if (c < 0x80) {
                ++i;
                continue;
            }
            if (c >= 0xC2 && c <= 0xDF) {
                n = 1;
                cp = c & 0x1F;
            } else if (c >= 0xE0 && c <= 0xEF) {
                n = 2;
                cp = c & 0x0F;
            } else if (c >= 0xF0 && c <= 0xF4) {
                n = 3;
                cp = c & 0x07;
            } else
                return false;
            if (i + n >= s.size()) return false;  // truncated sequence
            for (std::size_t k = 1; k <= n; ++k) {
                const auto t = static_cast<unsigned char>(s[i + k]);
                if ((t & 0xC0) != 0x80) return false;
                cp = (cp << 6) | (t & 0x3F);
            }
            if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10FFFF ||
                (cp >= 0xD800 && cp <= 0xDFFF))
                return false;
            i += n + 1;
        }
        return true;
    }

    [[noreturn]] static void fail(const char* field, const char* what, std::string_view text) {
        std::fprintf(stderr, "CheckingSink: accepted article's %s %s: \"%.*s\"\n", field, what,
                     static_cast<int>(text.size() > 200 ? 200 : text.size()), text.data());
        std::abort();
    }
};

}  // namespace yalu::fuzz
