#pragma once
// DocumentBuilder: the analysis step, Article -> Xapian document. A pure function of the
// article (plus schema and gazetteer), so workers can run it in parallel before one writer.

#include "article.hpp"
#include "schema.hpp"
#include "text_analyzer.hpp"

#include <xapian.h>

#include <string>

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

    /// The content hash of an article: changes when any stored field, the file it was read
    /// from (as an absolute path) or the salt (schema version, gazetteer) changes; the line
    /// does not count.
    [[nodiscard]] std::string content_hash(const Article& article) const;

    /// Full analysis: terms for every schema field, value slots, JSON document data.
    [[nodiscard]] AnalysedArticle build(const Article& article);

    /// The unique id term of an article id.
    [[nodiscard]] std::string id_term(const std::string& id) const;

private:
    const Schema& schema_;
    const EntityMatcher* matcher_;
    std::string salt_;
    TextAnalyzer analyzer_;
};

}  // namespace yalu
