#pragma once
// DocumentBuilder: the analysis step, Article -> Xapian document. A pure function of the
// article (plus schema and gazetteer), so workers can run it in parallel before one writer.

#include "article.hpp"
#include "schema.hpp"
#include "text_analyzer.hpp"

#include <xapian.h>

#include <string>
#include <string_view>

namespace yalu {

class EntityMatcher;

/// An article ready for the writer: its unique id term, content hash and built document.
struct AnalysedArticle {
    std::string id;             ///< the article id
    std::string id_term;        ///< unique boolean term ("Q" + id) used to replace, never duplicate
    std::string hash;           ///< content hash (hex), stored in the hash slot
    Xapian::Document document;  ///< terms, values and data
};

/// Builds Xapian documents the way schemas/index.xml says. Not thread-safe; one per worker.
class DocumentBuilder {
public:
    /// `matcher` may be null (no entity facets); both must outlive the builder.
    DocumentBuilder(const Schema& schema, const EntityMatcher* matcher, std::string hash_salt);

    /// The file an article was read from as the content hash counts it and the index stores
    /// it: absolute, normal, the folders' symbolic links resolved (not the file's own name, a
    /// link's included), so "archive/a.jsonl" and "/srv/yalu/archive/a.jsonl" are one file
    /// ("-" as is).
    [[nodiscard]] static std::string file_key(const std::string& path);

    /// The content hash of an article: changes when any stored field, its `file` (file_key()
    /// of where it was read) or the salt (schema version, gazetteer) changes; the line does not
    /// count.
    [[nodiscard]] std::string content_hash(const Article& article, std::string_view file) const;

    /// Full analysis: terms for every schema field, value slots, JSON document data; `hash`
    /// is the article's content_hash().
    [[nodiscard]] AnalysedArticle build(const Article& article, std::string hash);
    /// The same, hashing the article itself.
    [[nodiscard]] AnalysedArticle build(const Article& article) {
        return build(article, content_hash(article, file_key(article.location.path)));
    }

    /// The unique id term of an article id.
    [[nodiscard]] std::string id_term(const std::string& id) const;

private:
    const Schema& schema_;
    const EntityMatcher* matcher_;
    std::string salt_;
    TextAnalyzer analyzer_;
};

}  // namespace yalu
