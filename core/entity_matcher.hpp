#pragma once
// EntityMatcher: finds gazetteer entities in text with one pass over normalised tokens.

#include "article.hpp"
#include "entity_mention.hpp"
#include "entity_token.hpp"
#include "entity_tokenizer.hpp"
#include "gazetteer.hpp"

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace yalu {

// Rules (docs/ENTITIES.md): leftmost-longest over normalised tokens, case-insensitive except
// exact-case aliases, hyphen/space/apostrophe variants equal, Hangul names before a particle,
// the names of a list closed by a plural head each with the singular ("Kowon" + "county"), a
// table's name glued to the figure before it ("60Incheon").

/// Finds gazetteer entities in text; shares the gazetteer's store; const, so thread-safe.
class EntityMatcher {
public:
    /// Builds the trie over every alias of every entity; keeps a copy of `gazetteer` (its
    /// store shared, not copied), so the Gazetteer object passed may go before the matcher.
    explicit EntityMatcher(const Gazetteer& gazetteer);
    /// A matcher for `text` alone: the trie holds only the aliases whose first word occurs in
    /// it (as written, or before a Hangul particle), a small part of the gazetteer for a
    /// search's query. find_mentions() of `text`, or of any text made of its words, finds
    /// what the whole matcher finds.
    EntityMatcher(const Gazetteer& gazetteer, std::string_view text);
    /// The gazetteer whose entities it finds (the matcher's copy: valid while the matcher is).
    [[nodiscard]] const Gazetteer& gazetteer() const { return gazetteer_; }

    /// Raw mentions in `text`, in text order, byte offsets exact; ambiguous aliases give the
    /// default.
    [[nodiscard]] std::vector<EntityMention> find_mentions(std::string_view text) const;

    /// Entities of title and body (credits skipped, ambiguity by context, `also` added), by id.
    [[nodiscard]] std::vector<const Entity*> entities_of(const Article& article) const;

    /// Bytes of a dateline opening the body ("By X SEOUL, Dec. 30 (Yonhap) --"); 0 if none.
    [[nodiscard]] static std::size_t dateline_end(std::string_view first_paragraph);

    /// Byte ranges of Korean credits anywhere in a paragraph: "(서울=연합뉴스) 정준영 기자 =",
    /// "(서울=뉴스1)", "[평양=AP]", "[이데일리 김인경 기자]" (not "(1달러=1,400원)").
    [[nodiscard]] static std::vector<std::pair<std::size_t, std::size_t>> reporter_credits(
        std::string_view paragraph);

    /// Byte ranges of parenthesised photo/source credits ("(Pool photo via Yonhap)", "(사진=...)",
    /// "(Im Se-jun/The Korea Herald)") and bracketed ones ("[사진 출처 : 연합뉴스]",
    /// "[청와대 제공. 재판매 및 DB 금지]", "[뉴스1 제공]").
    [[nodiscard]] static std::vector<std::pair<std::size_t, std::size_t>> source_credits(
        std::string_view paragraph);

    /// Where the credit closing a Yonhap video starts ("제작: 김해연 영상: 로이터·AFP"): the
    /// makers after "제작:", then the footage's sources after "영상:"; paragraph.size() if none.
    [[nodiscard]] static std::size_t video_credit(std::string_view paragraph);

    /// Whether a title marks a personnel or obituary notice ("[인사] 국세청", "[부고] ...").
    [[nodiscard]] static bool is_notice(std::string_view title);

    /// Where a trailing e-mail credit ("sooyeon@yna.co.kr(END)", or an address followed by a
    /// graphic's sign-off "X(트위터) @yonhap_graphics 페이스북 tuney.kr/LeYN1") starts;
    /// paragraph.size() if none.
    [[nodiscard]] static std::size_t trailing_credit(std::string_view paragraph);

private:
    /// trailing_credit without a sign-off: an address followed only by white space and marks.
    [[nodiscard]] static std::size_t address_credit(std::string_view paragraph);
    // One entity an alias key can stand for, at a terminal trie node.
    struct Candidate {
        std::uint32_t entity = 0;
        bool exact_case = false;
        bool is_default = false;
        bool trailing_dot = false;   // the alias ends in '.' ("U.S."): take the text's dot too
        bool before_place = false;   // counts only right before a place's name (bare 경기)
        bool needs_context = false;  // counts only beside a context entity (context="required")
        bool language = false;       // a place's demonym that names a language too ("Chinese")
        std::string_view raw_key;    // unfolded key (the gazetteer's), for exact-case aliases
    };
    // One match before ambiguity resolution: bit k of `valid` says candidate k applies.
    struct RawMatch {
        std::size_t begin = 0;
        std::size_t end = 0;
        std::uint32_t terminal = 0;
        std::uint32_t valid = 0;
    };
    // A name of a list closed by a plural head ("Toksong and Kowon counties"), matched with
    // the head's singular ("Kowon County"): its first and last token and its match.
    struct Listed {
        std::size_t first = 0;
        std::size_t last = 0;
        RawMatch match;
    };
    // Per-call buffers, reused across the paragraphs of one article.
    struct Scratch {
        std::vector<EntityToken> tokens;
        std::string folded;
        std::string raw;
        std::vector<Listed> listed;  // the text's listed names, in text order (find_listed)
    };
    // A trie node: the edge that leads to it (checked on hash hits) and its alias candidates.
    struct Node {
        std::uint32_t parent = 0;
        char gap = ' ';
        std::string_view word;       // in the gazetteer's folded key of the alias that made it
        std::int32_t terminal = -1;  // index into terminals_, -1 when no alias ends here
    };
    // One slot of the open-addressing edge table.
    struct Slot {
        std::uint64_t key = 0;
        std::uint32_t child = 0;  // 0 = empty (the root is never a child)
    };

    // Fills the trie and the per-entity tables with `chosen` (each alias with its entity's
    // position, in file order), or with every alias when it is null.
    void build(const std::vector<std::pair<std::size_t, const EntityAlias*>>* chosen);
    [[nodiscard]] static std::uint64_t edge_key(std::uint32_t node, char gap,
                                                std::uint64_t word_hash);
    [[nodiscard]] static bool glued_to_previous_word(std::string_view text, const Scratch& scratch,
                                                     std::size_t token);
    // Whether a name glued to the figure before it, ending at byte `end`, is the whole of its
    // table cell: spaces, a legal form or nothing, then no letter or '&' follow ("60Incheon
    // 06/01", "LOTTE CHEMICAL Corp 67,500"; not "500SAMSUNG LIFE", "1,700KT&G").
    [[nodiscard]] static bool ends_a_cell(std::string_view text, std::size_t end);
    // Whether `token` follows '@' directly (a handle such as "@yonhap_graphics": no mention).
    [[nodiscard]] static bool after_at_sign(std::string_view text, const EntityToken& token);
    // The longest match that starts `skip` bytes into token `i` (0, or after an adjective in
    // -적 glued to the name: 영웅적인민군), into `best`, its last token into `best_last`.
    [[nodiscard]] bool longest_at(std::string_view text, Scratch& scratch, std::size_t i,
                                  std::size_t skip, RawMatch& best, std::size_t& best_last) const;
    void scan(std::string_view text, Scratch& scratch, std::vector<RawMatch>& out) const;
    // The folded singular of a plural head that closes a list of place names ("counties" ->
    // "county", "cities" -> "city"); empty for any other word.
    [[nodiscard]] static std::string_view singular_head(std::string_view folded_word);
    // Whether `token` may be a word of a listed name: a Latin word with a capital, not "And"
    // and no plural head.
    [[nodiscard]] static bool is_name_word(std::string_view text, const Scratch& scratch,
                                           std::size_t token);
    // The first token of the listed name ending at token `last`: name words joined by spaces
    // or hyphens.
    [[nodiscard]] static std::size_t name_start(std::string_view text, const Scratch& scratch,
                                                std::size_t last);
    // Fills scratch.listed with the names of the lists closed by a plural head ("Unpha, Yonsan
    // and Singye counties") that the gazetteer has with the singular head.
    void find_listed(std::string_view text, Scratch& scratch) const;
    // The longest tail of the name over tokens first..last that, followed by `singular`, is a
    // place's alias ("Kowon" + "county"), into `out`; false if none is.
    [[nodiscard]] bool listed_name(const Scratch& scratch, std::size_t first, std::size_t last,
                                   std::string_view singular, Listed& out) const;
    // Drops from out[first...] the candidates of aliases that count only before a place
    // (EntityAlias::before_place) where no place's name follows after spaces.
    void drop_unplaced(std::string_view text, std::vector<RawMatch>& out, std::size_t first) const;
    // Scans `text` into `matches`, without what credits cover and, unless `hangul_people`,
    // without people named by a Hangul name (a notice's).
    void collect(std::string_view text, Scratch& scratch, std::vector<RawMatch>& matches,
                 bool hangul_people) const;
    // Whether the parenthesis from `open` to `close` in `p` is a caption's closing credit:
    // after a space or at the paragraph's start, and glued to a capital ("(Bloomberg)Nvidia")
    // or closing the paragraph after a full stop, without a digit ("... 2026. (SPC Group)").
    [[nodiscard]] static bool closes_a_caption(std::string_view p, std::size_t open,
                                               std::size_t close);
    // Whether a parenthesis holds "NAME/OUTLET" ("Im Se-jun/The Korea Herald").
    [[nodiscard]] static bool is_name_slash_outlet(std::string_view inner);
    // Where a credit's "정준영 기자 =" after `from` ends; `from` if none follows.
    [[nodiscard]] static std::size_t reporter_names_end(std::string_view paragraph,
                                                        std::size_t from);
    void apply_qualifiers(std::string_view text, std::vector<RawMatch>& matches,
                          std::size_t first) const;
    [[nodiscard]] std::uint32_t child(std::uint32_t node, char gap, std::string_view word,
                                      std::uint64_t word_hash) const;
    // The candidates of `terminal` whose case fits the text of a match over tokens
    // first..last, from byte `begin` (inside token `first` after a glued adjective) to `end`.
    [[nodiscard]] std::uint32_t valid_candidates(std::uint32_t terminal, std::string_view text,
                                                 const Scratch& scratch, std::size_t begin,
                                                 std::size_t first, std::size_t last,
                                                 std::size_t end, std::string& raw) const;
    // The candidates of `terminal` that may carry `suffix` (all of them for none).
    [[nodiscard]] std::uint32_t suffix_candidates(std::uint32_t terminal,
                                                  EntityTokenizer::NameSuffix suffix) const;
    [[nodiscard]] bool end_boundary_ok(std::string_view text, const Scratch& scratch,
                                       std::size_t last) const;
    [[nodiscard]] std::uint32_t default_entity(const RawMatch& match) const;
    // The entity an ambiguous match names, given the article's unambiguous mentions: `named`
    // by the entities' own names, `count` with their `also` refs.
    [[nodiscard]] std::uint32_t resolve(const RawMatch& match,
                                        const std::vector<std::uint32_t>& named,
                                        const std::vector<std::uint32_t>& count) const;
    // `match` without the candidates that need their context (EntityAlias::context_required)
    // where none of their entity's context entities is `present`.
    [[nodiscard]] RawMatch beside_context(const RawMatch& match,
                                          const std::vector<bool>& present) const;

    Gazetteer gazetteer_;  // shares the store that every view and Entity pointer is into
    EntityTokenizer tokenizer_;
    std::vector<Node> nodes_;  // node 0 is the root
    std::vector<Slot> slots_;  // edges keyed by edge_key(parent, gap, hash of word)
    std::uint64_t slot_mask_ = 0;
    std::vector<std::uint64_t> root_filter_;  // bit per 16-bit word-hash prefix of first tokens
    std::vector<std::vector<Candidate>> terminals_;
    std::vector<std::uint32_t> before_place_;   // per terminal: its before_place candidates
    std::vector<std::uint32_t> needs_context_;  // per terminal: its needs_context candidates
    std::vector<std::uint32_t> language_;       // per terminal: its language candidates
    // Per entity (by index), its context entity indices and then its transitive `also`
    // closure, one after the other in links_ (empty for the entities no alias of the trie
    // names): one array and two offsets per entity, where a vector per entity and list cost a
    // query's matcher 135 kB of fresh memory for the handful it fills.
    std::vector<std::uint32_t> links_;
    std::vector<std::uint32_t> link_begin_;  // entity count + 1: where an entity's links begin
    std::vector<std::uint32_t> also_begin_;  // where its `also` closure begins
    // Entity `e`'s context indices, `also` closure, and both together (context first).
    [[nodiscard]] std::span<const std::uint32_t> context_of(std::uint32_t e) const {
        return {links_.data() + link_begin_[e], also_begin_[e] - link_begin_[e]};
    }
    [[nodiscard]] std::span<const std::uint32_t> also_of(std::uint32_t e) const {
        return {links_.data() + also_begin_[e], link_begin_[e + 1] - also_begin_[e]};
    }
    [[nodiscard]] std::span<const std::uint32_t> refs_of(std::uint32_t e) const {
        return {links_.data() + link_begin_[e], link_begin_[e + 1] - link_begin_[e]};
    }
};

}  // namespace yalu
