#include "entity_suggester.hpp"

#include "database_layout.hpp"
#include "entity_matcher.hpp"
#include "errors.hpp"
#include "gazetteer.hpp"
#include "schema_locator.hpp"
#include "stored_article.hpp"

#include <xapian.h>

#include <algorithm>
#include <cctype>
#include <set>
#include <unordered_map>

namespace yalu {
namespace {

bool capitalized(const std::string& w) {
    return !w.empty() && std::isupper(static_cast<unsigned char>(w[0])) &&
           std::any_of(w.begin(), w.end(),
                       [](char c) { return std::islower(static_cast<unsigned char>(c)); });
}

// Capitalized words that start sentences or titles far more often than names do.
bool is_function_word(const std::string& w) {
    static const std::set<std::string, std::less<>> words = {
        "The",       "A",         "An",       "In",        "On",        "At",        "But",
        "And",       "For",       "As",       "If",        "It",        "This",      "That",
        "These",     "Those",     "He",       "She",       "They",      "We",        "I",
        "His",       "Her",       "Their",    "Our",       "Its",       "Mr",        "Ms",
        "Mrs",       "Dr",        "By",       "From",      "With",      "When",      "While",
        "After",     "Before",    "Since",    "According", "Meanwhile", "However",   "Also",
        "There",     "Here",      "What",     "Who",       "Why",       "How",       "Monday",
        "Tuesday",   "Wednesday", "Thursday", "Friday",    "Saturday",  "Sunday",    "January",
        "February",  "March",     "April",    "May",       "June",      "July",      "August",
        "September", "October",   "November", "December",  "Comrade",   "President", "Chairman",
        "Minister",  "Premier"};
    return words.count(w) > 0;
}

}  // namespace

std::vector<std::string> EntitySuggester::candidates(const std::string& text) {
    std::vector<std::string> out;
    std::vector<std::string> run;
    auto flush = [&] {
        while (!run.empty() && is_function_word(run.front())) run.erase(run.begin());
        if (run.size() >= 2 && run.size() <= 4) {
            std::string name = run[0];
            for (std::size_t i = 1; i < run.size(); ++i) name += " " + run[i];
            out.push_back(std::move(name));
        }
        run.clear();
    };
    std::string word;
    for (std::size_t i = 0; i <= text.size(); ++i) {
        const char c = i < text.size() ? text[i] : ' ';
        // Apostrophes stay inside words: "People's" is one word, not "People" + "s".
        if (std::isalpha(static_cast<unsigned char>(c)) || c == '-' || c == '\'') {
            word += c;
            continue;
        }
        if (!word.empty()) {
            if (capitalized(word))
                run.push_back(word);
            else
                flush();
            word.clear();
        }
        // Punctuation other than a space ends a name ("Pyongyang, Kaesong" are two).
        if (c != ' ') flush();
    }
    flush();
    return out;
}

std::vector<std::pair<std::string, unsigned long>> EntitySuggester::suggest(
    const SuggestSettings& settings) {
    const std::string dir = SchemaLocator::locate(settings.schema_dir);
    const Gazetteer gazetteer = Gazetteer::load(dir + "/entities.xml");
    const EntityMatcher matcher(gazetteer);
    std::unordered_map<std::string, unsigned long> df;
    const DatabaseLayout layout(settings.db_path);
    if (!layout.exists())
        throw NoIndexError("no index at '" + layout.path() + "': create one with yalu-index --db " +
                           layout.path() + " SOURCES...");
    layout.check_no_stub_loop();
    try {
        Xapian::Database db(layout.path());
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
            std::string text = a.title + ".\n" + a.body;
            // Blank out what the gazetteer already matches, in context, so "Korean People's
            // Army" does not come back as "Korean People".
            for (const auto& m : matcher.find_mentions(text))
                std::fill(text.begin() + static_cast<long>(m.begin),
                          text.begin() + static_cast<long>(m.end), '.');
            std::set<std::string> seen;
            for (auto& name : candidates(text)) seen.insert(std::move(name));
            for (const auto& name : seen) ++df[name];
        }
    } catch (const Xapian::Error& e) {
        throw DatabaseError("cannot read '" + settings.db_path + "': " + e.get_description());
    }
    std::vector<std::pair<std::string, unsigned long>> out;
    for (auto& [name, n] : df)
        if (n >= settings.min_documents) out.emplace_back(name, n);
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    if (out.size() > settings.limit) out.resize(settings.limit);
    return out;
}

}  // namespace yalu
