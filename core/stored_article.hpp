#pragma once
// StoredArticle: what a document's data holds (JSON; keys in schemas/index.xml <data>), i.e.
// everything the searcher shows without touching the source files.

#include "article.hpp"

#include <string>
#include <vector>

namespace yalu {

/// The stored, displayable form of an article.
struct StoredArticle {
    std::string id;              ///< article id
    std::string date;            ///< "YYYY-MM-DD" or empty
    std::string date_origin;     ///< where the date came from: metadata, dateline, path or ""
    std::string title;           ///< headline (maybe derived)
    bool title_derived = false;  ///< title made from the first sentence
    std::string source;          ///< publication
    std::string url;             ///< link, may be empty
    std::string byline;          ///< author names
    std::string email;           ///< author e-mail
    std::string lang;            ///< language code
    std::string body;            ///< paragraphs joined by '\n'
    std::vector<std::string> entities;  ///< gazetteer ids found in the article
    std::string path;                   ///< "file:line" it was read from

    /// The stored form of a freshly read article (entities left empty).
    [[nodiscard]] static StoredArticle from_article(const Article& article);
    /// The article this was stored from (for re-analysing it without its source file).
    [[nodiscard]] Article to_article() const;
    /// Parses document data; throws DataError when it is not Yalu JSON.
    [[nodiscard]] static StoredArticle from_json(const std::string& data);
    /// Serialises to the JSON document data.
    [[nodiscard]] std::string to_json() const;
};

}  // namespace yalu
