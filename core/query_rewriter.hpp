#pragma once
// QueryRewriter: plain free text -> the ranked Xapian query Yalu searches with (docs/RELEVANCE.md).

#include "entity.hpp"
#include "entity_mention.hpp"
#include "ranked_query.hpp"

#include <xapian.h>

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace yalu {

class EntityMatcher;
class Gazetteer;
class Thesaurus;

/// Builds the free-text part of a query from plain words and "quoted phrases" (no operators
/// or prefixes: QuerySplitter takes filter clauses off first), with the ranking rules that
/// tests/relevance measured: documents holding every word first, a bonus for adjacent words as
/// phrases (multi-word names), English stop words and possessives dropped ("North Korea's" finds
/// "North Korea"), and each Hangul/CJK word matched as a phrase of its unigrams so 김정은 never
/// matches a text that merely holds 김, 정 and 은; a trailing Korean particle or verb ending on a
/// query word (북한의, 발사한) also matches the bare noun. A span that names a gazetteer entity
/// also matches the entity's other aliases as phrases (Kim Jong Un finds Kim Jong-un and 김정은;
/// Yeonpyeong finds Yonphyong), and one naming a thesaurus term the other terms of its group (ICBM
/// finds "intercontinental ballistic missile"). A quoted phrase counts as one word, matched as
/// QueryParser would (words as written, adjacent), and also by the other spellings of a name it
/// spells exactly.
class QueryRewriter {
public:
    /// `db` decides stemmed-or-exact per word and must outlive the rewriter; `stemmer` is the
    /// index's; `names` (may be null; built once per gazetteer, it is the costly part) finds
    /// the names and keeps names such as 김정은 from losing a "particle"; `thesaurus` (may be
    /// null) adds the other spellings of a term.
    QueryRewriter(const Xapian::Database& db, Xapian::Stem stemmer, const EntityMatcher* names,
                  const Thesaurus* thesaurus = nullptr);

    /// Terms with this prefix + YYYY mark an article's year (the schema's year field): a year
    /// in the query ("the 2011 military talks") is then met by an article of that year as by
    /// one that writes the number. Empty (the default): years are plain words.
    void set_year_prefix(std::string prefix) { year_prefix_ = std::move(prefix); }
    /// Terms with this prefix + YYYYMM mark an article's month (the schema's month field): a
    /// month beside a typed year ("December 2025", "2011년 12월") is then met by an article of
    /// that month, and the month, not the year, is the period the query prefers.
    void set_month_prefix(std::string prefix) { month_prefix_ = std::move(prefix); }

    /// Articles the gazetteer found an entity of `type` in hold this prefix + its id (the
    /// schema's entity fields). Once set, an acronym that also spells a common word or part
    /// of another name (UN: the Un of Kim Jong Un; US: us) counts only in articles where the
    /// entity, or a name holding the acronym (UN Security Council), was found.
    void set_entity_prefix(EntityType type, std::string prefix);

    /// Terms with this prefix + the first two syllables of a Hangul word mark the words of an
    /// article (the schema's word-start-prefix). Once set, a two-syllable Hangul name (평양)
    /// counts only in articles where a word begins with it, not inside another (태평양).
    void set_word_start_prefix(std::string prefix) { word_start_prefix_ = std::move(prefix); }
    /// A collection a query names by a word (the schema's <collection>): when a query holds one
    /// of `words`, the articles `articles` matches count as holding that word and any `origin`
    /// word of the query, weighing nothing (북한 신년사는 ...: the New Year addresses).
    struct Collection {
        Xapian::Query articles;           ///< the collection's articles (a boolean query)
        std::vector<std::string> words;   ///< Hangul nouns naming it (신년사)
        std::vector<std::string> origin;  ///< Hangul nouns its articles hold too (북한)
        double factor = 1.0;              ///< its articles' score multiplier when a query names it
    };
    /// The collections queries may name; none by default.
    void set_collections(std::vector<Collection> collections) {
        collections_ = std::move(collections);
    }
    /// A name whose last word a source writes bare (the schema's <own-press>): KCNA's "Korean
    /// farmers" are North Korean farmers, so a query typing the name before a word counts the
    /// pair of `word` and that word in `articles` (a phrase bonus, as any typed pair).
    struct OwnPress {
        Xapian::Query articles;  ///< the source's articles (a boolean query)
        std::string name;        ///< a spelling of the name, lower case ("north korean")
        std::string word;        ///< its last word ("korean")
    };
    /// The names sources write bare; none by default.
    void set_own_press(std::vector<OwnPress> own_press) { own_press_ = std::move(own_press); }
    /// A country's own press (the schema's <domestic>): a query typing a name of `place`
    /// (South Korea) finds `articles` (a Seoul paper's "Koreans") as holding it where every
    /// word is required, weighing nothing.
    struct Domestic {
        Xapian::Query articles;  ///< the press's articles (a boolean query)
        std::string place;       ///< the country's gazetteer id ("south-korea")
    };
    /// The countries whose own press is known; none by default.
    void set_domestic(std::vector<Domestic> domestic) { domestic_ = std::move(domestic); }

    /// When `phrase` spells exactly one gazetteer name, the query a quoted phrase of it gets
    /// in plain queries: the name in every spelling ("North Korea": DPRK, 북한 ...).
    [[nodiscard]] std::optional<Xapian::Query> spelled_name(std::string_view phrase) const;
    /// The query a quoted `phrase` gets in plain queries: its words as written, possessive
    /// forms too ("Korean people's"), a name or term in every spelling; nullopt when it holds
    /// no searchable word.
    [[nodiscard]] std::optional<Xapian::Query> quoted(std::string_view phrase) const;
    /// A quoted `phrase` of Latin words in the field whose terms carry `prefix` (title:"Kim
    /// Jong Un"): its words as written, possessive forms too; nullopt when it holds Hangul or
    /// CJK or no word.
    [[nodiscard]] std::optional<Xapian::Query> quoted_in_field(std::string_view phrase,
                                                               const std::string& prefix) const;
    /// The noun a Korean query word is built on, as plain queries read it (북한의: 북한,
    /// 발사한: 발사); the word itself when it has no particle or ending.
    [[nodiscard]] std::string noun_of(std::string_view word) const;

    /// The ranked query for `text`, plain words and quoted phrases (`all_terms`: every word
    /// required); an empty Xapian::Query when the text holds no searchable word.
    [[nodiscard]] Xapian::Query rewrite(std::string_view text, bool all_terms) const;

    /// The same query with its phrase bonus apart (rewrite() == rewrite_ranked().combined()),
    /// so a search can score the phrases on its best candidates only; `match` is empty when
    /// the text holds no searchable word.
    [[nodiscard]] RankedQuery rewrite_ranked(std::string_view text, bool all_terms) const;

    /// For `typed`, an acronym naming one entity whose word is also a common word or a word
    /// of another name (UN, U.N., US), or a name the gazetteer matches only in exact case
    /// (Turkey): the entity terms of the articles it may count in, as plain-word queries use
    /// them; nullopt for any other text (QueryBuilder's syntax path).
    [[nodiscard]] std::optional<Xapian::Query> acronym_evidence(std::string_view typed) const;

    /// For `typed`, a two-syllable Hangul name of a gazetteer entity (평양), also with a
    /// particle (평양에서): the articles where a word begins with the name (set_word_start_
    /// prefix), not those holding it only inside another word (태평양); nullopt otherwise.
    [[nodiscard]] std::optional<Xapian::Query> word_start_evidence(std::string_view typed) const;

    /// The weighting scheme rewritten queries were tuned with: BM25 with weaker length
    /// normalisation (b = 0.3) than Xapian's default 0.5, because news items range from
    /// one-line photo captions to 60k-character speeches and short items should not win on
    /// length alone.
    [[nodiscard]] static Xapian::BM25Weight weighting();

private:
    /// A span of the query searched together with other spellings of what it names: the
    /// aliases of a gazetteer entity or the terms of a thesaurus group, all at `scale`.
    struct Unit {
        std::size_t begin = 0;  ///< byte range in the query text
        std::size_t end = 0;
        std::vector<std::string_view> spellings;
        double scale = 1.0;
        std::vector<std::string_view> confusable;  ///< spellings that count only with `evidence`
        Xapian::Query evidence;  ///< the entity terms of articles where `confusable` names it
        /// A gazetteer name, whose words count only where a spelling is written; a thesaurus
        /// term's words (nuclear test) also count apart (nuclear tests, a nuclear weapons test).
        bool name = false;
        /// A hyphenated compound (well-being): its words as written, adjacent, decide the match.
        bool compound = false;
        const Entity* entity = nullptr;  ///< the gazetteer entity a name unit names
        /// Where the spellings of a compound built on a term are held (남북수뇌상봉); or null.
        std::shared_ptr<const std::vector<std::string>> composed = nullptr;
    };

    /// The head of a long Hangul compound (five syllables or more) that fewer than three
    /// articles hold: its longest ending of at least three fifths of its syllables that more
    /// articles hold (전국동시조합장선거: 동시조합장선거). Korean compounds end in their head,
    /// and articles drop the modifiers a query spells out (전국); else none.
    [[nodiscard]] std::optional<std::u32string> rare_compound_head(const std::u32string& noun,
                                                                   const std::string& number) const;
    /// The spans of `text` naming an entity (unambiguously; `mentions`, the matcher's in
    /// `text`) or a thesaurus term; a name wins over a term it overlaps.
    [[nodiscard]] std::vector<Unit> find_units(std::string_view text, bool query_cjk,
                                               const std::vector<EntityMention>& mentions) const;
    /// The gazetteer's mentions in `text` (none without a gazetteer).
    [[nodiscard]] std::vector<EntityMention> mentions_in(std::string_view text) const;
    /// `text` with each word of ASCII letters glued to digits that the index does not hold
    /// (covid19) hyphenated where they meet (covid-19), as the articles write it.
    [[nodiscard]] std::string hyphenate_glued(std::string_view text) const;
    [[nodiscard]] Xapian::Query latin_word(const std::string& lower) const;
    /// A Latin word as written, for phrases (in the field whose terms carry `prefix`): also its
    /// possessive form when the index holds it (north + korea's is the phrase North Korea in
    /// "North Korea's army").
    [[nodiscard]] Xapian::Query exact(const std::string& word,
                                      const std::string& prefix = std::string()) const;
    /// A Hangul/CJK query word (with the number written against it, if any: 9차).
    [[nodiscard]] Xapian::Query cjk_word(const std::u32string& word,
                                         const std::string& number = {}) const;
    /// The noun a Korean query word is built on, without its particle and verb ending.
    [[nodiscard]] std::u32string korean_noun(const std::u32string& word) const;
    /// The North's or the South's spelling of a Korean noun where the initial-sound rule or a
    /// word pair makes them differ (노동 / 로동, 남북관계 / 북남관계), those the index holds;
    /// at most two.
    [[nodiscard]] std::vector<std::u32string> other_spellings(const std::u32string& noun) const;
    /// A Hangul/CJK word for the snippet query: its adjacent syllable pairs as phrases (after
    /// `number`), or the one syllable.
    [[nodiscard]] static Xapian::Query marked_cjk(const std::u32string& word,
                                                  const std::string& number = {});
    /// A Hangul/CJK word as its syllable phrase, after `number` when one is written against it,
    /// AND_MAYBE its syllable pairs for scoring; with `pairs_and`, AND its pairs instead (the
    /// same matches and weights, since every match holds a pair): the form for a word inside an
    /// OP_AND under OP_SYNONYM, where Xapian 1.4.22 mishandles an AND_MAYBE (docs/SEARCH.md).
    [[nodiscard]] static Xapian::Query cjk_phrase(const std::u32string& word,
                                                  const std::string& number = {},
                                                  bool pairs_and = false);
    [[nodiscard]] Xapian::Query alias_query(std::string_view alias) const;
    /// Units for acronyms typed in lower case (dprk, kcna) that name an entity unambiguously
    /// and spell no common word or word of another name; not where `units` already are.
    void add_lower_case_acronyms(std::string_view text, bool query_cjk,
                                 std::vector<Unit>& units) const;
    /// Units for the Hangul words of `text` that no unit covers and that are built on a
    /// thesaurus term (남북정상회담, 상설특검): their spellings with the term's other ones.
    void add_compounds_on_terms(std::string_view text, std::vector<Unit>& units) const;
    /// The entity's spellings the case-folded index cannot tell from other text (single-word
    /// acronyms that also spell a common word or a word of another entity's name, and aliases
    /// matched only in exact case), into `unit.confusable`, and the entity terms that vouch
    /// for them.
    void add_confusable_evidence(const Entity& entity, Unit& unit) const;
    /// The articles of the sources that write `word`, the last word of a name `unit` spells,
    /// bare (set_own_press); an empty query for none.
    [[nodiscard]] Xapian::Query own_press_of(const Unit& unit, std::string_view word) const;
    /// The articles of the press whose own country `unit` names (set_domestic); an empty query
    /// for none.
    [[nodiscard]] Xapian::Query domestic_of(const Unit& unit) const;
    /// `q`, the query for `spelling`, restricted to the unit's evidence when the spelling is
    /// a confusable acronym of it, and to articles with a word beginning with it when it is
    /// a two-syllable Hangul name (word_start_evidence).
    [[nodiscard]] Xapian::Query vouched(Xapian::Query q, const Unit& unit,
                                        std::string_view spelling) const;
    /// `literal` or, as one term at the unit's scale, the unit's other spellings (those whose
    /// query description is not in `seen`).
    [[nodiscard]] Xapian::Query with_spellings(const Xapian::Query& literal, const Unit& unit,
                                               std::vector<std::string> seen) const;

    const Xapian::Database& db_;
    Xapian::Stem stemmer_;
    const EntityMatcher* matcher_;
    const Gazetteer* gazetteer_;  // the matcher's, or null
    const Thesaurus* thesaurus_;
    std::string year_prefix_;
    std::string month_prefix_;
    std::array<std::string, 3> entity_prefixes_;  // by EntityType; empty: acronyms unchecked
    std::string word_start_prefix_;               // empty: Hangul names unchecked
    std::vector<Collection> collections_;
    std::vector<OwnPress> own_press_;
    std::vector<Domestic> domestic_;
};

}  // namespace yalu
