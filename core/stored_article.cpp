#include "stored_article.hpp"

#include "errors.hpp"

#include <nlohmann/json.hpp>
#include <simdjson.h>

#include <algorithm>
#include <cstdio>

namespace yalu {

StoredArticle StoredArticle::from_article(const Article& a) {
    StoredArticle s;
    s.id = a.id;
    s.date = a.date ? a.date->iso() : std::string();
    s.date_origin = to_string(a.date_origin);
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

Article StoredArticle::to_article() const {
    Article a;
    a.id = id;
    // The stored date went through the readers' checks once: only its shape is read back.
    int y = 0, m = 0, d = 0;
    if (std::sscanf(date.c_str(), "%4d-%2d-%2d", &y, &m, &d) == 3 && Date::is_valid(y, m, d))
        a.date = Date{y, m, d};
    a.date_origin = date_origin == "metadata"   ? DateOrigin::metadata
                    : date_origin == "dateline" ? DateOrigin::dateline
                    : date_origin == "path"     ? DateOrigin::path
                                                : DateOrigin::none;
    if (!a.date) a.date_origin = DateOrigin::none;
    a.title = title;
    a.title_derived = title_derived;
    a.source = source;
    a.url = url;
    a.byline = byline;
    a.email = email;
    a.lang = lang;
    for (std::size_t start = 0; start <= body.size();) {
        const std::size_t end = std::min(body.find('\n', start), body.size());
        if (end > start) a.paragraphs.push_back(body.substr(start, end - start));
        start = end + 1;
    }
    // "file:line" as from_article() wrote it; a path may hold colons of its own.
    a.location.path = path;
    const std::size_t colon = path.rfind(':');
    if (colon != std::string::npos && colon + 1 < path.size() &&
        path.find_first_not_of("0123456789", colon + 1) == std::string::npos) {
        a.location.path = path.substr(0, colon);
        a.location.line = std::stol(path.substr(colon + 1));
    }
    return a;
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
    // simdjson, not nlohmann: every hit's data is parsed on every search, bodies run to tens of
    // kilobytes, and nlohmann's lexer was a sixth of a Korean query's time (docs/BENCHMARKS.md).
    // Its DOM parser picks the CPU's kernel at run time (the on-demand one would be fixed at
    // compile time, and the build targets no particular CPU).
    StoredArticle s;
    try {
        simdjson::dom::parser parser;
        const simdjson::dom::object doc = parser.parse(data.data(), data.size());
        const auto text = [](simdjson::dom::element v) {
            return std::string(std::string_view(v.get_string()));
        };
        for (const auto [key, value] : doc) {
            if (key == "title_derived") {
                s.title_derived = bool(value.get_bool());
            } else if (key == "entities") {
                for (const simdjson::dom::element e : value.get_array())
                    s.entities.push_back(text(e));
            } else if (std::string* slot = key == "id"            ? &s.id
                                           : key == "date"        ? &s.date
                                           : key == "date_origin" ? &s.date_origin
                                           : key == "title"       ? &s.title
                                           : key == "source"      ? &s.source
                                           : key == "url"         ? &s.url
                                           : key == "byline"      ? &s.byline
                                           : key == "email"       ? &s.email
                                           : key == "lang"        ? &s.lang
                                           : key == "body"        ? &s.body
                                           : key == "path"        ? &s.path
                                                                  : nullptr) {
                *slot = text(value);
            }
            // Other keys: data written by a later version; what this one shows is all there.
        }
    } catch (const simdjson::simdjson_error& e) {
        throw DataError(std::string("document data is not Yalu JSON (") + e.what() +
                        "): rebuild the index with yalu-index --rebuild");
    }
    return s;
}

}  // namespace yalu
