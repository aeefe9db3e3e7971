#pragma once
// Schema: the parsed schemas/index.xml — every field, term prefix, value slot and the version.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace yalu {

/// How a field is indexed.
enum class FieldKind {
    text,     ///< positional free text, ranked
    boolean,  ///< exact filter terms, unranked
};

/// One <field> of the schema.
struct FieldSpec {
    std::string name;  ///< the name users type before ':' (title, author, year, ...)
    FieldKind kind = FieldKind::text;  ///< text or boolean
    std::string prefix;                ///< Xapian term prefix ("" for the unprefixed body)
    unsigned weight = 1;               ///< wdf increment per word (text fields)
    bool in_default = false;  ///< words also indexed without prefix, found by a plain query
    std::string from;         ///< Article member the field is filled from
    std::string format;       ///< term format for date-derived fields (YYYY, YYYYMM, ...)
    std::string entity_type;  ///< for entity fields: person, org or place
};

/// One <value> slot of the schema.
struct ValueSpec {
    std::string name;    ///< slot name (date, hash, entities)
    unsigned slot = 0;   ///< Xapian value slot number
    std::string format;  ///< how the value is encoded
};

/// The archive's home ground (<home>): among the best matches of a query that names no place,
/// articles holding any of `terms` rank as if their score were `factor` times higher.
struct HomeSpec {
    double factor = 1.0;                  ///< 1: no preference (no <home> element)
    std::vector<std::string> terms;       ///< prefixed boolean terms ("Lko", "XLnorth-korea")
    std::vector<std::string> entity_ids;  ///< the values given for entity fields (gazetteer ids)
    int line = 0;                         ///< line of <home> in the schema file, 0 if absent
};

/// Briefs (<brief>): among a query's best matches, articles whose body is shorter than `below`
/// characters (photo captions, one-line flashes) rank as if their score were `factor` times
/// theirs; with `terms`, only articles holding one of them (the Korean news's captions).
struct BriefSpec {
    double factor = 1.0;  ///< 1: no demotion (no <brief> element)
    unsigned below = 0;   ///< body length in characters (Unicode code points) that is brief
    std::vector<std::string> terms;  ///< index terms an article must hold one of (empty: any)
    std::string scope;               ///< those terms as field:value, for --explain ("lang:ko")
};

/// A collection a query names by a word (<collection>): when a query holds one of `words`
/// (신년사), the articles whose source field holds every term of `source_terms` count as holding
/// that word and any `origin` word of the query (북한), weighing nothing, and among the best
/// matches their scores count `factor` times.
struct CollectionSpec {
    std::vector<std::string> source_terms;  ///< prefixed source terms ("XSnew", "XSaddress")
    std::vector<std::string> words;         ///< Hangul nouns that name the collection
    std::vector<std::string> origin;        ///< Hangul nouns its articles count as holding too
    double factor = 1.0;  ///< its articles' score multiplier for a query naming it (1: none)
};

/// A name whose last word a source writes bare (<own-press>): KCNA's "Korean farmers" are
/// North Korean farmers, so a query typing the name (`name`, ending in `word`) before a word
/// counts the pair of `word` and that word in the articles whose source holds `source_terms`.
struct OwnPressSpec {
    std::vector<std::string> source_terms;  ///< prefixed source terms ("XSkcna")
    std::string name;                       ///< the name's words, lower case ("north korean")
    std::string word;                       ///< its last word, as the source writes it bare
};

/// A country's own press (<domestic>): in a query typing a name of the `place` entity, the
/// articles holding any of `terms` count as holding the name where every word is required,
/// weighing nothing (a Seoul paper's "Koreans" are South Koreans).
struct DomesticSpec {
    std::string place;               ///< the country's gazetteer id ("south-korea")
    std::vector<std::string> terms;  ///< prefixed boolean terms ("XHn.news.naver.com")
};

/// The loaded schema; immutable after load, shared by indexer and searcher.
class Schema {
public:
    /// Loads and checks a schema file; throws ConfigError naming the file, line and problem.
    [[nodiscard]] static Schema load(const std::string& path);

    /// The schema version the index records.
    [[nodiscard]] int version() const { return version_; }
    /// A schema version as written (an index's metadata, index.xml's `version`) read as a
    /// number, so versions compare as numbers: "5", "05" and " 5 " are 5 (compared as text, an
    /// index recording "05" was of another version than 5); nullopt unless it is decimal
    /// digits (ASCII white space around them) of a value up to 2^31 - 1.
    [[nodiscard]] static std::optional<int> parse_version(std::string_view written);
    /// The file it was loaded from.
    [[nodiscard]] const std::string& path() const { return path_; }
    /// Stemmer language name for Xapian::Stem ("english"; "none" disables stemming).
    [[nodiscard]] const std::string& stemmer() const { return stemmer_; }
    /// Prefix of the terms for each Hangul word's first two syllables (<analysis
    /// word-start-prefix>); empty when the schema declares none.
    [[nodiscard]] const std::string& word_start_prefix() const { return word_start_prefix_; }
    /// All fields in file order.
    [[nodiscard]] const std::vector<FieldSpec>& fields() const { return fields_; }
    /// All value slots in file order.
    [[nodiscard]] const std::vector<ValueSpec>& values() const { return values_; }
    /// Keys of the JSON document data, in file order.
    [[nodiscard]] const std::vector<std::string>& data_keys() const { return data_keys_; }
    /// The field called `name`; throws ConfigError when the schema lacks it.
    [[nodiscard]] const FieldSpec& field(std::string_view name) const;
    /// The field called `name`, or nullptr.
    [[nodiscard]] const FieldSpec* find_field(std::string_view name) const;
    /// The slot number of value `name`; throws ConfigError when the schema lacks it.
    [[nodiscard]] unsigned slot(std::string_view name) const;
    /// The database metadata key for `name`; throws ConfigError when missing.
    [[nodiscard]] const std::string& metadata_key(std::string_view name) const;
    /// The archive's home ground; factor 1 when the schema declares none.
    [[nodiscard]] const HomeSpec& home() const { return home_; }
    /// The brief-article rule; factor 1 when the schema declares none.
    [[nodiscard]] const BriefSpec& brief() const { return brief_; }
    /// The collections queries name by a word; empty when the schema declares none.
    [[nodiscard]] const std::vector<CollectionSpec>& collections() const { return collections_; }
    /// The names sources write bare; empty when the schema declares none.
    [[nodiscard]] const std::vector<OwnPressSpec>& own_press() const { return own_press_; }
    /// The countries whose own press the schema names; empty when it declares none.
    [[nodiscard]] const std::vector<DomesticSpec>& domestic() const { return domestic_; }
    /// A hash of everything that decides how an article is indexed (version, analysis, fields,
    /// value slots, data keys, metadata keys), not of comments, layout or the query-time
    /// <home>, <brief>, <collection>, <own-press> and <domestic> rules: an edited field prefix or
    /// weight changes it, so the indexer rewrites every article even when the version was not
    /// bumped.
    [[nodiscard]] std::uint64_t content_fingerprint() const;
    /// The prefix of the entity field for an entity type (person, org, place).
    [[nodiscard]] const std::string& entity_prefix(std::string_view entity_type) const;

private:
    std::string path_;
    int version_ = 0;
    std::string stemmer_ = "english";
    std::string word_start_prefix_;
    std::vector<FieldSpec> fields_;
    std::vector<ValueSpec> values_;
    std::vector<std::string> data_keys_;
    std::map<std::string, std::string, std::less<>> metadata_;
    HomeSpec home_;
    BriefSpec brief_;
    std::vector<CollectionSpec> collections_;
    std::vector<OwnPressSpec> own_press_;
    std::vector<DomesticSpec> domestic_;
};

}  // namespace yalu
