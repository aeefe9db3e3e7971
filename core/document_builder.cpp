#include "document_builder.hpp"

#include "entity_matcher.hpp"
#include "facet_value.hpp"
#include "stored_article.hpp"
#include "url.hpp"
#include "utf8.hpp"

#include <xxhash.h>

#include <filesystem>
#include <new>

#include <cstdio>

namespace yalu {
namespace {

std::string hex64(std::uint64_t v) {
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
    return buf;
}

// Terms for a date-derived boolean field, in the format the schema names.
std::string date_term(const FieldSpec& f, const Date& d) {
    const std::string compact = d.compact();
    if (f.format == "YYYY") return f.prefix + compact.substr(0, 4);
    if (f.format == "YYYYMM") return f.prefix + compact.substr(0, 6);
    return f.prefix + compact;
}

}  // namespace

DocumentBuilder::DocumentBuilder(const Schema& schema, const EntityMatcher* matcher,
                                 std::string hash_salt)
    : schema_(schema), matcher_(matcher), salt_(std::move(hash_salt)), analyzer_(schema) {}

std::string DocumentBuilder::id_term(const std::string& id) const {
    return schema_.field("id").prefix + id;
}

std::string DocumentBuilder::file_key(const std::string& path) {
    if (path.empty() || path == "-") return path;
    // The folders' links resolved, so a folder reached by another name (a symlink, the working
    // directory's physical path) is the same file; a path that no longer exists (the stored
    // copy of a vanished file) keeps the part that cannot be resolved as written. The file's
    // own name is kept, a link's too: it is the name the file was read under (a .txt file's
    // id), and a feed link pointed at each night's new dump (current.jsonl ->
    // export-20261129.jsonl) must not make every article's hash change.
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path absolute = fs::absolute(path, ec);
    if (ec) return fs::path(path).lexically_normal().string();
    const fs::path name = absolute.filename();
    if (name.empty() || name == "." || name == "..") {
        const auto canonical = fs::weakly_canonical(absolute, ec);
        return ec ? absolute.lexically_normal().string() : canonical.string();
    }
    const auto folder = fs::weakly_canonical(absolute.parent_path(), ec);
    if (!ec) return (folder / name).string();
    return absolute.lexically_normal().string();
}

std::string DocumentBuilder::content_hash(const Article& a, std::string_view file) const {
    XXH3_state_t* state = XXH3_createState();
    if (state == nullptr) throw std::bad_alloc();  // xxHash's malloc failed: out of memory
    XXH3_64bits_reset(state);
    // Each field is followed by a separator byte that cannot occur in text, so moving words
    // from one field to the next changes the hash.
    const auto add = [&](std::string_view s) {
        XXH3_64bits_update(state, s.data(), s.size());
        XXH3_64bits_update(state, "\x1f", 1);
    };
    add(salt_);
    add(a.id);
    add(a.source);
    add(a.url);
    // Where a date came from is stored too (date_origin): a dateline's day later given as
    // metadata must rewrite the article. A metadata date adds nothing, so its hash is as before.
    add(!a.date ? std::string()
        : a.date_origin == DateOrigin::metadata
            ? a.date->iso()
            : a.date->iso() + "/" + std::string(to_string(a.date_origin)));
    add(a.title);
    add(a.title_derived ? "d" : "");
    add(a.byline);
    add(a.email);
    add(a.lang);
    // The file (not the line): an article moved to another file is rewritten, so its stored
    // path stays true; lines shifting inside a file rewrite nothing.
    add(file);
    for (const auto& p : a.paragraphs) add(p);
    const auto h = XXH3_64bits_digest(state);
    XXH3_freeState(state);
    return hex64(h);
}

AnalysedArticle DocumentBuilder::build(const Article& a, std::string hash) {
    AnalysedArticle out;
    out.id = a.id;
    out.id_term = id_term(a.id);
    out.hash = std::move(hash);
    Xapian::Document& doc = out.document;
    analyzer_.set_document(doc);

    StoredArticle stored = StoredArticle::from_article(a);
    if (matcher_) {
        for (const Entity* e : matcher_->entities_of(a)) {
            doc.add_boolean_term(schema_.entity_prefix(to_string(e->type)) + std::string(e->id));
            stored.entities.emplace_back(e->id);
        }
    }

    const std::string body = a.body();
    for (const auto& f : schema_.fields()) {
        if (f.kind == FieldKind::text) {
            const std::string* text = f.from == "title"    ? &a.title
                                      : f.from == "body"   ? &body
                                      : f.from == "byline" ? &a.byline
                                      : f.from == "source" ? &a.source
                                                           : nullptr;
            if (!text || text->empty()) continue;
            if (!f.prefix.empty()) analyzer_.index(*text, f.weight, f.prefix);
            // Default fields are also found by a plain query, without field:
            if (f.prefix.empty() || f.in_default) {
                analyzer_.index(*text, f.weight, "");
                analyzer_.index_word_starts(*text);
            }
            analyzer_.gap();
        } else if (f.from == "id") {
            doc.add_boolean_term(out.id_term);
        } else if (f.from == "url") {
            // A longer host was warned about when read (ArticleCompleter); as a term it would
            // fail the commit of the whole batch.
            if (const std::string host = url::host(a.url);
                !host.empty() && host.size() <= url::max_host_bytes)
                doc.add_boolean_term(f.prefix + host);
        } else if (f.from == "lang") {
            if (!a.lang.empty()) doc.add_boolean_term(f.prefix + a.lang);
        } else if (f.from == "date") {
            if (f.format == "flag") {
                if (!a.date) doc.add_boolean_term(f.prefix + "1");
            } else if (a.date) {
                doc.add_boolean_term(date_term(f, *a.date));
            }
        }
    }
    if (a.date) doc.add_value(schema_.slot("date"), a.date->compact());
    doc.add_value(schema_.slot("hash"), out.hash);
    const FacetValue facets{a.date ? a.date->compact() : std::string(), stored.entities};
    doc.add_value(schema_.slot("facets"), facets.encode());
    doc.add_value(schema_.slot("length"),
                  Xapian::sortable_serialise(static_cast<double>(utf8::length(body))));
    doc.set_data(stored.to_json());
    return out;
}

}  // namespace yalu
