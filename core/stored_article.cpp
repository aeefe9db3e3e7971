#include "stored_article.hpp"

#include "errors.hpp"

#include <nlohmann/json.hpp>

namespace yalu {

StoredArticle StoredArticle::from_article(const Article& a) {
    StoredArticle s;
    s.id = a.id;
    s.date = a.date ? a.date->iso() : std::string();
    static constexpr const char* kOrigins[] = {"", "metadata", "dateline", "path"};
    s.date_origin = kOrigins[static_cast<int>(a.date_origin)];
    s.title = a.title;
    s.title_derived = a.title_derived;
    s.source = a.source;
    s.url = a.url;
    s.byline = a.byline;
    s.email = a.email;
    s.lang = a.lang;
    s.body = a.body();
    s.path = a.location.path;
    if (a.location.line > 0) s.path += ":" + std::to_string(a.location.line);
    return s;
}

std::string StoredArticle::to_json() const {
    // Ordered: the keys come out as docs/INDEX_FORMAT.md lists them (--show --format json).
    const nlohmann::ordered_json j = {{"id", id},
                                      {"date", date},
                                      {"date_origin", date_origin},
                                      {"title", title},
                                      {"title_derived", title_derived},
                                      {"source", source},
                                      {"url", url},
                                      {"byline", byline},
                                      {"email", email},
                                      {"lang", lang},
                                      {"body", body},
                                      {"entities", entities},
                                      {"path", path}};
    // Invalid UTF-8 cannot reach here (readers repair it); replace rather than throw anyway.
    return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

StoredArticle StoredArticle::from_json(const std::string& data) {
    StoredArticle s;
    try {
        const auto j = nlohmann::json::parse(data);
        const auto str = [&](const char* key) { return j.value(key, std::string()); };
        s.id = str("id");
        s.date = str("date");
        s.date_origin = str("date_origin");
        s.title = str("title");
        s.title_derived = j.value("title_derived", false);
        s.source = str("source");
        s.url = str("url");
        s.byline = str("byline");
        s.email = str("email");
        s.lang = str("lang");
        s.body = str("body");
        s.entities = j.value("entities", std::vector<std::string>{});
        s.path = str("path");
    } catch (const nlohmann::json::exception& e) {
        throw DataError(std::string("document data is not Yalu JSON (") + e.what() +
                        "): rebuild the index with yalu-index --rebuild");
    }
    return s;
}

}  // namespace yalu
