#include "entity_suggester.hpp"

#include "ascii.hpp"
#include "database_layout.hpp"
#include "entity_matcher.hpp"
#include "errors.hpp"
#include "gazetteer.hpp"
#include "index_check.hpp"
#include "name_tally.hpp"
#include "schema.hpp"
#include "schema_locator.hpp"
#include "stored_article.hpp"

#include <xapian.h>

namespace yalu {

std::vector<std::pair<std::string, unsigned long>> EntitySuggester::suggest(
    const SuggestSettings& settings) {
    const std::string dir = SchemaLocator::locate(settings.schema_dir);
    const Gazetteer gazetteer = Gazetteer::load(dir + "/entities.xml");
    const EntityMatcher matcher(gazetteer);
    std::unordered_set<std::string> known_words;
    for (const auto& entity : gazetteer.entities())
        for (const auto& alias : entity.aliases) {
            std::string w;
            for (std::size_t i = 0; i <= alias.text.size(); ++i) {
                const char c = i < alias.text.size() ? alias.text[i] : ' ';
                if (ascii::is_alpha(c)) {
                    w += ascii::to_lower(c);
                } else {
                    if (!w.empty()) known_words.insert(w);
                    w.clear();
                }
            }
        }
    NameTally tally(std::move(known_words));
    const DatabaseLayout layout(settings.db_path);
    layout.require_index();
    layout.check_stubs();
    // The checks --stats and a search make: the stored articles are read in this schema's
    // format, so a database another program wrote, or of another version, is refused by name.
    const Schema schema = Schema::load(dir + "/index.xml");
    const IndexCheck check(layout, schema, "yalu-index");
    const bool sharded = !layout.is_plain_folder() && !layout.is_single_local();
    if (sharded) check.check_lines();
    try {
        Xapian::Database db(layout.path());
        if (sharded)
            check.check_shards();
        else
            check.check_version(db, "index '" + layout.path() + "'", layout.path());
        // No article (a first night whose every record was rejected): an empty list would read
        // as "the archive uses no name the gazetteer lacks".
        if (db.get_doccount() == 0)
            throw NoIndexError("index '" + settings.db_path +
                               "' holds no article: there is nothing to suggest names from; "
                               "index the archive into it first (`yalu-index --db " +
                               settings.db_path + " SOURCES...`)");
        // By document number rather than a posting list, so a nightly run committing meanwhile
        // costs a reopen and a retry of one document, not the whole scan.
        const Xapian::docid last = db.get_lastdocid();
        int reopened = 0;
        for (Xapian::docid id = 1; id <= last;) {
            std::string data;
            try {
                data = db.get_document(id).get_data();
            } catch (const Xapian::DocNotFoundError&) {
                ++id;
                continue;
            } catch (const Xapian::DatabaseModifiedError&) {
                if (++reopened > 1000) throw;
                db.reopen();
                continue;
            }
            ++id;
            const auto a = StoredArticle::from_json(data);
            // The body only: headlines capitalise every word ("Work Posted").
            std::string text = a.body;
            // Blank out what the gazetteer already matches, in context, so "Korean People's
            // Army" does not come back as "Korean People".
            for (const auto& m : matcher.find_mentions(text))
                std::fill(text.begin() + static_cast<long>(m.begin),
                          text.begin() + static_cast<long>(m.end), '#');
            tally.add(text);
        }
    } catch (const Xapian::DatabaseNotFoundError& e) {
        if (sharded) check.check_shards_exist();  // named with its stub line, as --stats does
        throw DatabaseError("cannot read '" + settings.db_path + "': " + e.get_description());
    } catch (const Xapian::Error& e) {
        throw DatabaseError("cannot read '" + settings.db_path + "': " + e.get_description());
    }
    return tally.top(settings.limit, settings.min_documents);
}

}  // namespace yalu
