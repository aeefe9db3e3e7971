#include "entity_matcher.hpp"

#include "ascii.hpp"
#include "date_parser.hpp"
#include "language_name.hpp"
#include "utf8.hpp"

#include <algorithm>

namespace yalu {

namespace {

// The gazetteer's entities by position, each made only when read (Gazetteer::entity): a
// query's matcher reads the handful its words can name, not the whole gazetteer.
struct EntitiesOf {
    const Gazetteer& gazetteer;
    [[nodiscard]] std::size_t size() const { return gazetteer.entity_count(); }
    [[nodiscard]] const Entity& operator[](std::size_t index) const {
        return gazetteer.entity(index);
    }
};

constexpr std::size_t kMaxCandidates = 32;            // RawMatch::valid is a 32-bit mask
constexpr std::size_t kRootFilterWords = 65536 / 64;  // 8 KB: stays in L1 while scanning
bool is_email_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || ascii::is_digit(c) || c == '.' ||
           c == '_' || c == '-' || c == '+';
}

// The closing bracket for the one at `open`, looked for within `longest` bytes (the longest
// credit) only, so a paragraph of many unclosed or far-closed brackets costs linear time, not
// quadratic; npos when there is none there.
std::size_t close_within(std::string_view p, std::size_t open, std::size_t longest) {
    const auto at = p.substr(open + 1, longest).find(p[open] == '[' ? ']' : ')');
    return at == std::string_view::npos ? at : open + 1 + at;
}

// A credit's equals sign, "=" or the full-width "＝" (U+FF1D) some Korean credits write
// ("(대전＝연합뉴스)"): where the first one of either starts in `s` (npos if none) and its
// length in bytes (0 if none).
struct EqualsSign {
    std::size_t at;
    std::size_t size;
};
EqualsSign find_equals(std::string_view s) {
    static constexpr std::string_view kWide = "\uFF1D";  // ＝
    const auto narrow = s.find('=');
    const auto wide = s.substr(0, narrow).find(kWide);
    if (wide != std::string_view::npos) return {wide, kWide.size()};
    if (narrow != std::string_view::npos) return {narrow, 1};
    return {std::string_view::npos, 0};
}

// The text between token k - 1 and token k.
std::string_view gap_text(std::string_view text, const std::vector<EntityToken>& tokens,
                          std::size_t k) {
    return text.substr(tokens[k - 1].end, tokens[k].begin - tokens[k - 1].end);
}

// Whether a gap is made of `chars` only (and not empty).
bool gap_of(std::string_view gap, std::string_view chars) {
    return !gap.empty() && gap.find_first_not_of(chars) == std::string_view::npos;
}

// Whether a gap is a comma, with or without spaces around it.
bool is_comma_gap(std::string_view gap) {
    return gap_of(gap, " ,") && std::count(gap.begin(), gap.end(), ',') == 1;
}

}  // namespace

EntityMatcher::EntityMatcher(const Gazetteer& gazetteer) : gazetteer_(gazetteer) {
    build(nullptr);
}

EntityMatcher::EntityMatcher(const Gazetteer& gazetteer, std::string_view text)
    : gazetteer_(gazetteer) {
    // The words scan() looks up at the root: each token's folded form and, for a Hangul word,
    // its stems before a particle or suffix (김정은은, 김정일동지께서 -> 김정은, 김정일). Only
    // aliases beginning with one of them can match: found by the gazetteer's sorted keys, not by
    // hashing the first word of all 4,000 aliases.
    Scratch s;
    tokenizer_.tokenize(text, s.tokens, s.folded);
    std::vector<std::string_view> first_words;
    for (const auto& tok : s.tokens) {
        const auto word =
            std::string_view(s.folded).substr(tok.fold_begin, tok.fold_end - tok.fold_begin);
        first_words.push_back(word);
        if (tok.script != EntityToken::Script::hangul) {
            // A name glued to the figure before it ("60Incheon" -> incheon).
            const auto cut =
                EntityTokenizer::digit_cut(text.substr(tok.begin, tok.end - tok.begin));
            if (cut > 0) first_words.push_back(word.substr(cut));
            continue;
        }
        const auto add_stems = [&](std::string_view from) {
            EntityTokenizer::for_each_name_cut(from, [&](std::size_t cut, auto) {
                first_words.push_back(from.substr(0, cut));
                return false;
            });
        };
        add_stems(word);
        // A name after an adjective glued to it (형제적중국인민은 -> 중국인민은, 중국).
        EntityTokenizer::for_each_adjective_cut(word, [&](std::size_t start) {
            first_words.push_back(word.substr(start));
            add_stems(word.substr(start));
            return false;
        });
    }
    std::sort(first_words.begin(), first_words.end());
    first_words.erase(std::unique(first_words.begin(), first_words.end()), first_words.end());
    std::vector<std::pair<std::size_t, const EntityAlias*>> chosen;
    for (const auto word : first_words) {
        const auto found = gazetteer.aliases_starting_with(word);
        chosen.insert(chosen.end(), found.begin(), found.end());
    }
    // In file order, as the full build inserts them (the order decides candidate lists).
    std::sort(chosen.begin(), chosen.end(),
              [](const auto& x, const auto& y) { return x.second < y.second; });
    build(&chosen);
}

void EntityMatcher::build(const std::vector<std::pair<std::size_t, const EntityAlias*>>* chosen) {
    const EntitiesOf entities{gazetteer_};
    std::vector<std::pair<std::size_t, const EntityAlias*>> every;
    if (!chosen) {
        for (std::size_t ei = 0; ei < entities.size(); ++ei)
            for (const auto& alias : entities[ei].aliases)
                if (!alias.folded_key.empty()) every.emplace_back(ei, &alias);
        chosen = &every;
    }
    // The edge table is sized once for one edge per word of every alias (shared prefixes
    // make fewer), at most half full: short probes, and no map of string keys while building.
    std::size_t words = 0;
    for (const auto& [ei, alias] : *chosen) {
        const std::string_view folded = alias->folded_key;
        words += 1 + static_cast<std::size_t>(
                         std::count_if(folded.begin(), folded.end(), EntityTokenizer::is_gap_char));
    }
    std::size_t capacity = 16;
    while (capacity < words * 2) capacity *= 2;
    slots_.assign(capacity, Slot{});
    slot_mask_ = capacity - 1;
    root_filter_.assign(kRootFilterWords, 0);
    nodes_.reserve(words + 1);
    nodes_.emplace_back();  // the root
    // Entities with an alias in the trie: only they can be mentioned, so only theirs are the
    // context and `also` tables below (a query's matcher holds a handful of the 1,275).
    std::vector<char> in_trie(entities.size(), 0);
    for (const auto& [entity, alias_ptr] : *chosen) {
        const EntityAlias& alias = *alias_ptr;
        const auto ei = static_cast<std::uint32_t>(entity);
        // The folded key is the alias's folded words joined by their gap characters
        // (EntityTokenizer::keys), so it gives the trie path without tokenising again.
        const std::string_view folded = alias.folded_key;
        in_trie[ei] = 1;
        std::uint32_t node = 0;
        for (std::size_t at = 0; at < folded.size();) {
            const char gap = at == 0 ? ' ' : folded[at - 1];
            std::size_t stop = at;
            while (stop < folded.size() && !EntityTokenizer::is_gap_char(folded[stop])) ++stop;
            const auto word = folded.substr(at, stop - at);
            at = stop + 1;
            const auto hash = EntityTokenizer::hash(word);
            std::uint32_t next = child(node, gap, word, hash);
            if (next == 0) {
                next = static_cast<std::uint32_t>(nodes_.size());
                nodes_.push_back(Node{node, gap, word, -1});
                const auto k = edge_key(node, gap, hash);
                std::size_t pos = k & slot_mask_;
                while (slots_[pos].child != 0) pos = (pos + 1) & slot_mask_;
                slots_[pos] = Slot{k, next};
                if (node == 0) {
                    const auto bit = hash >> 48;
                    root_filter_[bit >> 6] |= std::uint64_t{1} << (bit & 63);
                }
            }
            node = next;
        }
        if (nodes_[node].terminal < 0) {
            nodes_[node].terminal = static_cast<std::int32_t>(terminals_.size());
            terminals_.emplace_back();
        }
        auto& cands = terminals_[static_cast<std::size_t>(nodes_[node].terminal)];
        Candidate c;
        c.entity = ei;
        c.exact_case = alias.exact_case;
        c.is_default = alias.is_default;
        c.trailing_dot = alias.text.back() == '.';
        c.before_place = alias.before_place;
        c.needs_context = alias.context_required;
        // "Chinese", "Russian": a state's demonym that also names its language.
        c.language = entities[ei].type == EntityType::place && LanguageName::is_language(folded);
        c.raw_key = alias.exact_key;
        const bool duplicate = std::any_of(cands.begin(), cands.end(), [&](const Candidate& o) {
            return o.entity == c.entity && o.exact_case == c.exact_case && o.raw_key == c.raw_key;
        });
        if (!duplicate && cands.size() < kMaxCandidates) cands.push_back(c);
    }
    before_place_.assign(terminals_.size(), 0);
    needs_context_.assign(terminals_.size(), 0);
    language_.assign(terminals_.size(), 0);
    for (std::size_t t = 0; t < terminals_.size(); ++t) {
        for (std::size_t k = 0; k < terminals_[t].size(); ++k) {
            if (terminals_[t][k].before_place) before_place_[t] |= 1u << k;
            if (terminals_[t][k].needs_context) needs_context_[t] |= 1u << k;
            if (terminals_[t][k].language) language_[t] |= 1u << k;
        }
    }

    link_begin_.assign(entities.size() + 1, 0);
    also_begin_.assign(entities.size(), 0);
    links_.clear();
    for (std::uint32_t ei = 0; ei < entities.size(); ++ei) {
        link_begin_[ei] = static_cast<std::uint32_t>(links_.size());
        if (in_trie[ei]) {
            for (const auto& ref : entities[ei].context) {
                links_.push_back(
                    static_cast<std::uint32_t>(gazetteer_.index_of(*gazetteer_.find(ref))));
            }
        }
        also_begin_[ei] = static_cast<std::uint32_t>(links_.size());
        if (!in_trie[ei]) continue;
        // Transitive closure, so Pyongyang -> north-korea -> ... needs no second pass later.
        std::vector<std::uint32_t> todo{ei};
        while (!todo.empty()) {
            const auto cur = todo.back();
            todo.pop_back();
            for (const auto& ref : entities[cur].also) {
                const auto idx =
                    static_cast<std::uint32_t>(gazetteer_.index_of(*gazetteer_.find(ref)));
                if (idx == ei) continue;
                const auto closure = links_.begin() + also_begin_[ei];
                if (std::find(closure, links_.end(), idx) == links_.end()) {
                    links_.push_back(idx);
                    todo.push_back(idx);
                }
            }
        }
    }
    link_begin_[entities.size()] = static_cast<std::uint32_t>(links_.size());
}

std::uint64_t EntityMatcher::edge_key(std::uint32_t node, char gap, std::uint64_t word_hash) {
    // splitmix64 finaliser over the three parts, so that linear probing sees spread-out keys.
    std::uint64_t x =
        word_hash ^ (static_cast<std::uint64_t>(node) << 8) ^ static_cast<unsigned char>(gap);
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

std::uint32_t EntityMatcher::child(std::uint32_t node, char gap, std::string_view word,
                                   std::uint64_t word_hash) const {
    const auto k = edge_key(node, gap, word_hash);
    for (std::size_t pos = k & slot_mask_;; pos = (pos + 1) & slot_mask_) {
        const auto& slot = slots_[pos];
        if (slot.child == 0) return 0;
        if (slot.key != k) continue;
        // A 64-bit key match is checked against the real edge: no false mentions, ever.
        const auto& n = nodes_[slot.child];
        if (n.parent == node && n.gap == gap && n.word == word) return slot.child;
    }
}

std::uint32_t EntityMatcher::valid_candidates(std::uint32_t terminal, std::string_view text,
                                              const Scratch& scratch, std::size_t begin,
                                              std::size_t first, std::size_t last, std::size_t end,
                                              std::string& raw) const {
    const auto& cands = terminals_[terminal];
    std::uint32_t mask = 0;
    bool raw_built = false;
    for (std::size_t k = 0; k < cands.size(); ++k) {
        if (cands[k].exact_case) {
            // Built only when an exact-case alias needs it: acronyms are rare in the trie.
            if (!raw_built) {
                raw.clear();
                for (std::size_t t = first; t <= last; ++t) {
                    const auto& tok = scratch.tokens[t];
                    if (t > first) raw.push_back(EntityTokenizer::gap_char(tok.gap_before));
                    const std::size_t from = t == first ? begin : tok.begin;
                    const std::size_t stop = t == last ? end : tok.end;
                    raw.append(text.substr(from, stop - from));
                }
                raw_built = true;
            }
            if (raw != cands[k].raw_key) continue;
        }
        mask |= 1u << k;
    }
    return mask;
}

std::uint32_t EntityMatcher::resolve(const RawMatch& m, const std::vector<std::uint32_t>& named,
                                     const std::vector<std::uint32_t>& count) const {
    const auto& cands = terminals_[m.terminal];
    const auto valid = [&](std::size_t k) { return (m.valid >> k & 1u) != 0; };
    // One sense per article: a candidate the article also names unambiguously wins, the one
    // named most if several are (a tie keeps the default, then the first listed).
    std::uint32_t winner = default_entity(m);
    std::uint32_t most = named[winner];
    for (std::size_t k = 0; k < cands.size(); ++k) {
        if (valid(k) && named[cands[k].entity] > most) {
            most = named[cands[k].entity];
            winner = cands[k].entity;
        }
    }
    if (most > 0) return winner;
    // Otherwise the candidate whose context entities occur most wins; a tie keeps the default.
    std::uint64_t best = 0;
    for (const auto c : context_of(winner)) best += count[c];
    for (std::size_t k = 0; k < cands.size(); ++k) {
        if (!valid(k)) continue;
        std::uint64_t score = 0;
        for (const auto c : context_of(cands[k].entity)) score += count[c];
        if (score > best) {
            best = score;
            winner = cands[k].entity;
        }
    }
    return winner;
}

EntityMatcher::RawMatch EntityMatcher::beside_context(const RawMatch& match,
                                                      const std::vector<bool>& present) const {
    RawMatch kept = match;
    const auto& cands = terminals_[match.terminal];
    const auto conditional = needs_context_[match.terminal] & match.valid;
    for (std::size_t k = 0; k < cands.size(); ++k) {
        if (!(conditional >> k & 1u)) continue;
        const auto context = context_of(cands[k].entity);
        if (std::none_of(context.begin(), context.end(),
                         [&](std::uint32_t c) { return present[c]; }))
            kept.valid &= ~(1u << k);
    }
    return kept;
}

std::uint32_t EntityMatcher::suffix_candidates(std::uint32_t terminal,
                                               EntityTokenizer::NameSuffix suffix) const {
    using Suffix = EntityTokenizer::NameSuffix;
    if (suffix == Suffix::none) return ~std::uint32_t{0};
    // A title or an epithet follows a person's name, a unit, seat or realm a place's, an
    // office an organisation's.
    const auto type = suffix == Suffix::title || suffix == Suffix::epithet ? EntityType::person
                      : suffix == Suffix::unit || suffix == Suffix::seat || suffix == Suffix::realm
                          ? EntityType::place
                          : EntityType::org;
    const auto& cands = terminals_[terminal];
    std::uint32_t mask = 0;
    for (std::size_t k = 0; k < cands.size(); ++k) {
        if (gazetteer_.entity(cands[k].entity).type == type) mask |= 1u << k;
    }
    return mask;
}

bool EntityMatcher::end_boundary_ok(std::string_view text, const Scratch& scratch,
                                    std::size_t last) const {
    // "US$207" is a currency, not the country ("HK$", "A$" alike).
    const auto end = scratch.tokens[last].end;
    return scratch.tokens[last].script != EntityToken::Script::latin || end >= text.size() ||
           text[end] != '$';
}

bool EntityMatcher::glued_to_previous_word(std::string_view text, const Scratch& s, std::size_t i) {
    const auto& tok = s.tokens[i];
    if (tok.script != EntityToken::Script::hangul || i == 0) return false;
    // "'탈북민'이란" is 탈북민 + the particle 이란, not Iran: a particle right after a closing
    // quote or bracket that itself follows a word continues that word. Not after ']': news
    // tags ("[앵커]이재명 대통령이", "[속보]") end there and a new word starts. Any other word
    // glued to a quote starts anew: digests run headlines together ("...발전”김정은 위원장이").
    // Several closing marks as one: the New Year addresses' <<문민정권>>이란, a quote closing a
    // bracket ('...')이란.
    const auto gap = text.substr(s.tokens[i - 1].end, tok.begin - s.tokens[i - 1].end);
    if (gap.empty()) return false;
    for (std::size_t at = 0; at < gap.size();)
        if (!utf8::closes_quote(utf8::next(gap, at))) return false;
    return EntityTokenizer::is_particles(text.substr(tok.begin, tok.end - tok.begin));
}

bool EntityMatcher::after_at_sign(std::string_view text, const EntityToken& token) {
    // "@yonhap_graphics", "X @handle": a social handle or an e-mail's domain, never a mention.
    return token.begin > 0 && text[token.begin - 1] == '@';
}

bool EntityMatcher::ends_a_cell(std::string_view text, std::size_t end) {
    // "500SAMSUNG LIFE 156,300", "1,700KT&G 140,400", "2,300Doosan Robotics": a firm the
    // gazetteer lacks starts with a group's name; the name is the cell's only when spaces and
    // then no further word follow it ("60Incheon 06/01", "4,500Kakao 62,100"), but a firm's
    // legal form, which names no other firm ("3,500LOTTE CHEMICAL Corp 67,500",
    // "SAMSUNG SDI CO.,LTD.").
    const auto skip = [&](std::string_view chars) {
        while (end < text.size() && chars.find(text[end]) != std::string_view::npos) ++end;
    };
    const auto legal_form = [&] {
        for (const std::string_view form : {"corp", "co", "inc", "ltd"}) {
            const auto after = end + form.size();
            if (after <= text.size() && ascii::to_lower(text.substr(end, form.size())) == form &&
                (after == text.size() || !ascii::is_alpha(text[after])))
                return form.size();
        }
        return std::size_t{0};
    };
    skip(" ");
    for (auto n = legal_form(); n > 0; n = legal_form()) {
        end += n;
        skip(" .,");
    }
    return end >= text.size() || !(ascii::is_alpha(text[end]) || text[end] == '&');
}

void EntityMatcher::drop_unplaced(std::string_view text, std::vector<RawMatch>& out,
                                  std::size_t first) const {
    const EntitiesOf entities{gazetteer_};
    // Whether match k is a place's name in its own right (not itself conditional).
    const auto is_place = [&](std::size_t k) {
        const auto& m = out[k];
        const auto& cands = terminals_[m.terminal];
        for (std::size_t c = 0; c < cands.size(); ++c) {
            if ((m.valid >> c & 1u) && !cands[c].before_place &&
                entities[cands[c].entity].type == EntityType::place)
                return true;
        }
        return false;
    };
    bool dropped = false;
    for (std::size_t k = first; k < out.size(); ++k) {
        auto& m = out[k];
        const auto conditional = before_place_[m.terminal] & m.valid;
        if (conditional == 0) continue;
        // "경기 성남시": spaces, then a place. Not "경기가 성남" (a particle), "경기, 성남".
        bool placed = k + 1 < out.size() && out[k + 1].begin > m.end && is_place(k + 1);
        for (std::size_t at = m.end; placed && at < out[k + 1].begin; ++at)
            placed = text[at] == ' ';
        if (!placed) {
            m.valid &= ~conditional;
            dropped = dropped || m.valid == 0;
        }
    }
    if (dropped) {
        out.erase(std::remove_if(out.begin() + static_cast<std::ptrdiff_t>(first), out.end(),
                                 [](const RawMatch& m) { return m.valid == 0; }),
                  out.end());
    }
}

bool EntityMatcher::longest_at(std::string_view text, Scratch& s, std::size_t i, std::size_t skip,
                               RawMatch& best, std::size_t& best_last) const {
    const std::string_view folded = s.folded;
    // Where the match begins in the text: `skip` bytes into token i (Hangul folds to itself,
    // so its folded and its raw bytes line up).
    const std::size_t begin = s.tokens[i].begin + skip;
    bool found = false;
    std::uint32_t node = 0;
    for (std::size_t j = i; j < s.tokens.size(); ++j) {
        const auto& tok = s.tokens[j];
        const char gap = j == i ? ' ' : EntityTokenizer::gap_char(tok.gap_before);
        auto word = folded.substr(tok.fold_begin, tok.fold_end - tok.fold_begin);
        auto word_hash = tok.hash;
        const std::size_t word_begin = j == i ? begin : tok.begin;
        if (j == i && skip > 0) {
            word.remove_prefix(skip);
            word_hash = EntityTokenizer::hash(word);
        }
        // Most words start no alias; one bit test rejects them before any hashing.
        if (j == i && tok.script != EntityToken::Script::hangul) {
            const auto bit = word_hash >> 48;
            if (!(root_filter_[bit >> 6] >> (bit & 63) & 1u)) break;
        }
        if (tok.script == EntityToken::Script::hangul) {
            // A name may end inside a Hangul word when only a particle follows (김정은은),
            // or a suffix word that fits its type and then particles (김정일동지께서).
            EntityTokenizer::for_each_name_cut(word, [&](std::size_t cut, auto suffix) {
                // After an adjective (형제적중국인민은) a name is two syllables or more.
                if (j == i && skip > 0 && cut < 2 * EntityTokenizer::syllable_bytes) return false;
                const auto stem = word.substr(0, cut);
                const auto c = child(node, gap, stem, EntityTokenizer::hash(stem));
                if (c == 0 || nodes_[c].terminal < 0) return false;
                const auto term = static_cast<std::uint32_t>(nodes_[c].terminal);
                const std::size_t end = word_begin + cut;
                const auto mask = valid_candidates(term, text, s, begin, i, j, end, s.raw) &
                                  suffix_candidates(term, suffix);
                if (mask == 0) return false;
                found = true;
                best_last = j;
                best = RawMatch{begin, end, term, mask};
                return true;
            });
        }
        const auto c = child(node, gap, word, word_hash);
        if (c == 0) break;
        node = c;
        if (nodes_[c].terminal < 0 || !end_boundary_ok(text, s, j)) continue;
        const auto term = static_cast<std::uint32_t>(nodes_[c].terminal);
        const auto mask = valid_candidates(term, text, s, begin, i, j, tok.end, s.raw);
        if (mask == 0) continue;
        found = true;
        best_last = j;
        best = RawMatch{begin, tok.end, term, mask};
        const auto& cands = terminals_[term];
        for (std::size_t k = 0; k < cands.size(); ++k) {
            if ((mask >> k & 1u) && cands[k].trailing_dot && best.end < text.size() &&
                text[best.end] == '.') {
                ++best.end;
                break;
            }
        }
    }
    return found;
}

std::string_view EntityMatcher::singular_head(std::string_view folded_word) {
    // The place words the gazetteer's aliases end in (County, City, Province, District, ...),
    // in the plural KCNA closes its lists with.
    static constexpr std::pair<std::string_view, std::string_view> kHeads[] = {
        {"counties", "county"},
        {"cities", "city"},
        {"provinces", "province"},
        {"districts", "district"},
        {"towns", "town"},
        {"villages", "village"},
        {"islands", "island"},
        {"islets", "islet"},
        {"prefectures", "prefecture"},
        {"rivers", "river"},
        {"streets", "street"},
        {"regions", "region"},
        {"territories", "territory"},
        {"municipalities", "municipality"}};
    if (folded_word.size() < 5 || folded_word.back() != 's') return {};
    for (const auto& [plural, singular] : kHeads) {
        if (folded_word == plural) return singular;
    }
    return {};
}

bool EntityMatcher::is_name_word(std::string_view text, const Scratch& s, std::size_t token) {
    const auto& tok = s.tokens[token];
    const auto word =
        std::string_view(s.folded).substr(tok.fold_begin, tok.fold_end - tok.fold_begin);
    // A headline's "And" and "Counties" are no names.
    return tok.script == EntityToken::Script::latin && text[tok.begin] >= 'A' &&
           text[tok.begin] <= 'Z' && word != "and" && singular_head(word).empty();
}

std::size_t EntityMatcher::name_start(std::string_view text, const Scratch& s, std::size_t last) {
    std::size_t first = last;
    while (first > 0 && gap_of(gap_text(text, s.tokens, first), " -") &&
           is_name_word(text, s, first - 1))
        --first;
    return first;
}

void EntityMatcher::find_listed(std::string_view text, Scratch& s) const {
    // KCNA names several counties (cities, provinces) with one plural head: "Toksong and Kowon
    // counties", "Unpha, Yonsan and Singye counties", "Unpha, Yonsan and other counties". The
    // gazetteer has many of them only as "X County", their bare names being ambiguous (Kowon is
    // also a coal mine, Taedong a river), so each name of such a list is read as written with the
    // singular head.
    s.listed.clear();
    const std::string_view folded = s.folded;
    const auto word = [&](std::size_t k) {
        return folded.substr(s.tokens[k].fold_begin, s.tokens[k].fold_end - s.tokens[k].fold_begin);
    };
    std::vector<std::pair<std::size_t, std::size_t>> names;  // first and last token, from the end
    for (std::size_t head = 2; head < s.tokens.size(); ++head) {
        const auto singular = singular_head(word(head));
        if (singular.empty() || !gap_of(gap_text(text, s.tokens, head), " ")) continue;
        // "Kilju and other counties", "Wiwon, Junggang, Janggang and other counties": the
        // "and other" closes the list as an "and X" would, so one name is a list too.
        const bool and_other = head >= 3 && word(head - 1) == "other" && word(head - 2) == "and" &&
                               gap_of(gap_text(text, s.tokens, head - 1), " ") &&
                               (gap_of(gap_text(text, s.tokens, head - 2), " ") ||
                                is_comma_gap(gap_text(text, s.tokens, head - 2))) &&
                               is_name_word(text, s, head - 3);
        if (!and_other && !is_name_word(text, s, head - 1)) continue;
        // From the last name back: "and" (or ", and") before it, commas before the others.
        names.clear();
        bool joined = and_other;  // an "and" was passed: a list of two names at least
        for (std::size_t last = and_other ? head - 3 : head - 1;;) {
            const auto first = name_start(text, s, last);
            names.emplace_back(first, last);
            if (first == 0) break;
            const auto gap = gap_text(text, s.tokens, first);
            if (!joined) {
                const auto conj = first - 1;
                if (conj == 0) break;
                const auto before = gap_text(text, s.tokens, conj);
                if (word(conj) != "and" || !gap_of(gap, " ") ||
                    !(gap_of(before, " ") || is_comma_gap(before)) ||
                    !is_name_word(text, s, conj - 1))
                    break;
                joined = true;
                last = conj - 1;
            } else if (is_comma_gap(gap) && is_name_word(text, s, first - 1)) {
                last = first - 1;
            } else {
                break;
            }
        }
        if (!joined) continue;
        for (auto it = names.rbegin(); it != names.rend(); ++it) {
            Listed found;
            if (listed_name(s, it->first, it->second, singular, found)) s.listed.push_back(found);
        }
    }
}

bool EntityMatcher::listed_name(const Scratch& s, std::size_t first, std::size_t last,
                                std::string_view singular, Listed& out) const {
    const std::string_view folded = s.folded;
    const EntitiesOf entities{gazetteer_};
    // The longest tail first: a word before the name joined to it ("Korean Kangwon and
    // Kyonggi provinces", a headline's "In Kangwon") is no part of the alias.
    for (std::size_t start = first; start <= last; ++start) {
        std::uint32_t node = 0;
        for (std::size_t t = start; t <= last && (t == start || node != 0); ++t) {
            const auto& tok = s.tokens[t];
            const char gap = t == start ? ' ' : EntityTokenizer::gap_char(tok.gap_before);
            node = child(node, gap, folded.substr(tok.fold_begin, tok.fold_end - tok.fold_begin),
                         tok.hash);
        }
        if (node != 0) node = child(node, ' ', singular, EntityTokenizer::hash(singular));
        if (node == 0 || nodes_[node].terminal < 0) continue;
        const auto term = static_cast<std::uint32_t>(nodes_[node].terminal);
        // Places only, and no exact-case alias: the text does not write the alias as it is.
        const auto& cands = terminals_[term];
        std::uint32_t mask = 0;
        for (std::size_t k = 0; k < cands.size(); ++k) {
            if (!cands[k].exact_case && entities[cands[k].entity].type == EntityType::place)
                mask |= 1u << k;
        }
        if (mask == 0) continue;
        out = Listed{start, last, RawMatch{s.tokens[start].begin, s.tokens[last].end, term, mask}};
        return true;
    }
    return false;
}

void EntityMatcher::scan(std::string_view text, Scratch& s, std::vector<RawMatch>& out) const {
    const std::size_t first = out.size();
    tokenizer_.tokenize(text, s.tokens, s.folded);
    const std::size_t n = s.tokens.size();
    const std::string_view folded = s.folded;
    find_listed(text, s);
    std::size_t listed = 0;

    std::size_t i = 0;
    while (i < n) {
        if (glued_to_previous_word(text, s, i) || after_at_sign(text, s.tokens[i])) {
            ++i;
            continue;
        }
        // A listed name is read with its head, before what its words alone would name.
        while (listed < s.listed.size() && s.listed[listed].first < i) ++listed;
        if (listed < s.listed.size() && s.listed[listed].first == i) {
            out.push_back(s.listed[listed].match);
            i = s.listed[listed].last + 1;
            continue;
        }
        RawMatch best;
        std::size_t best_last = 0;
        bool found = longest_at(text, s, i, 0, best, best_last);
        const auto& tok = s.tokens[i];
        if (!found && tok.script == EntityToken::Script::hangul) {
            // North Korean spelling glues an adjective in -적 to the name after it
            // (영웅적인민군장병들과, 형제적중국인민은): the name may begin after it.
            const auto word = folded.substr(tok.fold_begin, tok.fold_end - tok.fold_begin);
            EntityTokenizer::for_each_adjective_cut(word, [&](std::size_t start) {
                return found = longest_at(text, s, i, start, best, best_last);
            });
        } else if (!found) {
            // The crawl glues a table's names to the figure before them ("Sunny 60Incheon
            // 06/01", "UP 2,500POSCO Holdings 297,500"): the name may begin after the digits.
            const auto cut =
                EntityTokenizer::digit_cut(text.substr(tok.begin, tok.end - tok.begin));
            found = cut > 0 && longest_at(text, s, i, cut, best, best_last) &&
                    ends_a_cell(text, best.end);
        }
        if (found && (language_[best.terminal] & best.valid) != 0 &&
            LanguageName::names_language(text, best.begin, best.end)) {
            // "the Chinese zodiac", "Russian-language media": the language, not the state.
            best.valid &= ~language_[best.terminal];
        }
        if (found) {
            if (best.valid != 0) out.push_back(best);
            i = best_last + 1;
        } else {
            ++i;
        }
    }
    drop_unplaced(text, out, first);
}

std::uint32_t EntityMatcher::default_entity(const RawMatch& match) const {
    const auto& cands = terminals_[match.terminal];
    std::int64_t first = -1;
    for (std::size_t k = 0; k < cands.size(); ++k) {
        if (!(match.valid >> k & 1u)) continue;
        if (first < 0) first = static_cast<std::int64_t>(k);
        if (cands[k].is_default) return cands[k].entity;
    }
    return cands[static_cast<std::size_t>(first)].entity;
}

std::vector<EntityMention> EntityMatcher::find_mentions(std::string_view text) const {
    Scratch scratch;
    std::vector<RawMatch> matches;
    scan(text, scratch, matches);
    std::vector<EntityMention> out;
    out.reserve(matches.size());
    const EntitiesOf entities{gazetteer_};
    for (const auto& m : matches) {
        out.push_back(EntityMention{&entities[default_entity(m)], m.begin, m.end});
    }
    return out;
}

std::size_t EntityMatcher::dateline_end(std::string_view p) {
    // One definition of a dateline for the whole core: DateParser's, which also reads its date.
    return DateParser().dateline_length(p);
}

std::vector<std::pair<std::size_t, std::size_t>> EntityMatcher::source_credits(std::string_view p) {
    std::vector<std::pair<std::size_t, std::size_t>> out;
    for (std::size_t open = p.find_first_of("(["); open != std::string_view::npos;
         open = p.find_first_of("([", open + 1)) {
        const bool square = p[open] == '[';
        const auto close = close_within(p, open, square ? 120 : 80);
        if (close == std::string_view::npos) continue;
        const auto inner = p.substr(open + 1, close - open - 1);
        const bool photo = inner.find("photo") != std::string_view::npos ||
                           inner.find("Photo") != std::string_view::npos ||
                           inner.find("\uc0ac\uc9c4") != std::string_view::npos;  // 사진
        const bool credit =
            square
                // "[사진 출처 : 연합뉴스 / 조선중앙통신]", "[타스 연합뉴스 자료사진. 재판매 및 DB
                // 금지]", "[청와대 제공. 재판매 및 DB 금지]", "[뉴스1 제공]", "[헤럴드경제DB]".
                ? photo || inner.find("DB \uae08\uc9c0") != std::string_view::npos ||  // DB 금지
                      inner.ends_with(" \uc81c\uacf5") || inner.ends_with("DB")        // 제공
                : photo || inner.find("\ucd9c\ud310") != std::string_view::npos ||     // 출판
                      inner.ends_with(" DB") || inner == "Yonhap" ||
                      inner == "\uc5f0\ud569\ub274\uc2a4" ||  // 연합뉴스
                      is_name_slash_outlet(inner) || closes_a_caption(p, open, close);
        if (credit) out.emplace_back(open, close + 1);
    }
    return out;
}

bool EntityMatcher::closes_a_caption(std::string_view p, std::size_t open, std::size_t close) {
    // A picture's caption ends in its credit, which the crawl glues to the next paragraph's
    // first word ("... on Nov. 3. (Bloomberg)Nvidia has", "Danielle (Ador)Danielle, a") or
    // leaves at the paragraph's end after the caption's full stop ("... in 2026. (SPC
    // Group)"). Prose puts a space after a parenthesis, and the citations KCNA closes a
    // paragraph with carry a date ("(DPRK-U.S. Joint Statement, June 11, 1993)").
    if (open > 0 && p[open - 1] != ' ') return false;  // "폐쇄회로(CC)TV" is no credit
    const auto after = p.substr(close + 1);
    if (!after.empty() && ascii::is_upper(after.front())) return true;
    if (!ascii::trim(after).empty()) return false;
    const auto before = ascii::trim(p.substr(0, open));
    const auto inner = p.substr(open + 1, close - open - 1);
    // After a full stop: not after a quoted title ('Grand Prix: "Big Hope" (Germany)').
    const bool sentence_end =
        before.ends_with('.') || before.ends_with('!') || before.ends_with('?');
    return sentence_end && std::none_of(inner.begin(), inner.end(), ascii::is_digit);
}

bool EntityMatcher::is_name_slash_outlet(std::string_view inner) {
    // "Im Se-jun/The Korea Herald", "Xinhua/Jia Haocheng": capitalised Latin words on both
    // sides of one slash. No digits or dots, so "1/2" and "www.x.kr/a" are no credits.
    const auto slash = inner.find('/');
    if (slash == std::string_view::npos) return false;
    const auto side_ok = [](std::string_view side) {
        return !side.empty() && side.front() >= 'A' && side.front() <= 'Z' &&
               std::all_of(side.begin(), side.end(), [](char c) {
                   return ascii::is_alpha(c) || c == ' ' || c == '-' || c == '\'';
               });
    };
    return side_ok(inner.substr(0, slash)) && side_ok(inner.substr(slash + 1));
}

std::size_t EntityMatcher::reporter_names_end(std::string_view p, std::size_t from) {
    // "(서울=연합뉴스) 정준영 기자 =": names (Hangul, Latin letters, spaces, "·", ",") and a
    // title, then "=" (or "＝", find_equals). Anything else between (a digit, a full stop, a
    // bracket) is text.
    static constexpr std::string_view kTitles[] = {"\uae30\uc790", "\ud2b9\ud30c\uc6d0",
                                                   "\ud1b5\uc2e0\uc6d0"};  // 기자 특파원 통신원
    const auto rest = p.substr(from, std::min<std::size_t>(90, p.size() - from));
    const auto [eq, eq_size] = find_equals(rest);
    if (eq == std::string_view::npos) return from;
    auto names = rest.substr(0, eq);
    while (!names.empty() && names.back() == ' ') names.remove_suffix(1);
    const bool titled = std::any_of(std::begin(kTitles), std::end(kTitles),
                                    [&](std::string_view t) { return names.ends_with(t); });
    std::size_t at = 0;
    while (titled && at < names.size()) {
        const auto c = utf8::next(names, at);
        if (!(utf8::is_hangul_syllable(c) || (c < 0x80 && ascii::is_alpha(static_cast<char>(c))) ||
              c == ' ' || c == ',' || c == 0xB7)) {
            return from;
        }
    }
    return titled ? from + eq + eq_size : from;
}

std::vector<std::pair<std::size_t, std::size_t>> EntityMatcher::reporter_credits(
    std::string_view p) {
    std::vector<std::pair<std::size_t, std::size_t>> out;
    static constexpr std::string_view kReporter = "\uae30\uc790";             // 기자
    static constexpr std::string_view kCorrespondent = "\ud2b9\ud30c\uc6d0";  // 특파원
    for (std::size_t open = p.find_first_of("(["); open != std::string_view::npos;
         open = p.find_first_of("([", open + 1)) {
        const char c = p[open] == '(' ? ')' : ']';
        const auto close = close_within(p, open, 64);  // both kinds of credit are shorter
        if (close == std::string_view::npos) continue;
        const auto inner = p.substr(open + 1, close - open - 1);
        const auto [eq, eq_size] = find_equals(inner);
        auto right = eq == std::string_view::npos ? std::string_view() : inner.substr(eq + eq_size);
        while (!right.empty() && right.front() == ' ') right.remove_prefix(1);
        // "(서울=연합뉴스)", "(서울=뉴스1)", "[평양=AP]", "(대전＝연합뉴스)": a place (no digits) =
        // an outlet (not starting with one); "(1달러=1,400원)" is an exchange rate, not a credit.
        const bool city_outlet =
            close - open <= 48 && eq != std::string_view::npos && !right.empty() &&
            !ascii::is_digit(right.front()) &&
            std::none_of(inner.begin(), inner.begin() + static_cast<std::ptrdiff_t>(eq),
                         ascii::is_digit);
        // "[이데일리 김인경 황병서 기자]": an outlet and its reporters in square brackets.
        const bool bracket_byline =
            c == ']' && close - open <= 64 &&
            (inner.ends_with(kReporter) || inner.ends_with(kCorrespondent)) &&
            std::none_of(inner.begin(), inner.end(), ascii::is_digit);
        if (!city_outlet && !bracket_byline) continue;
        std::size_t end = city_outlet ? reporter_names_end(p, close + 1) : close + 1;
        while (end < p.size() && p[end] == ' ') ++end;
        out.emplace_back(open, end);
        open = end - 1;
    }
    return out;
}

std::size_t EntityMatcher::video_credit(std::string_view p) {
    static constexpr std::string_view kMade = "\uC81C\uC791";   // 제작
    static constexpr std::string_view kVideo = "\uC601\uC0C1";  // 영상
    // The colon after a word, spaces allowed before it ("제작 : ", "영상: "); npos if none.
    const auto colon_after = [&](std::size_t at) {
        while (at < p.size() && p[at] == ' ') ++at;
        return at < p.size() && p[at] == ':' ? at + 1 : std::string_view::npos;
    };
    for (auto made = p.find(kMade); made != std::string_view::npos;
         made = p.find(kMade, made + 1)) {
        const auto names = colon_after(made + kMade.size());
        if (names == std::string_view::npos) continue;
        // The makers' names are short ("진혜숙·변혜정"; the source may be glued to them).
        const auto video = p.substr(0, std::min(p.size(), names + 80)).find(kVideo, names);
        if (video != std::string_view::npos &&
            colon_after(video + kVideo.size()) != std::string_view::npos) {
            return made;
        }
    }
    return p.size();
}

std::size_t EntityMatcher::trailing_credit(std::string_view p) {
    const auto plain = address_credit(p);
    if (plain < p.size()) return plain;
    // A graphic's sign-off after the address: "minfo@yna.co.kr X(트위터) @yonhap_graphics
    // 페이스북 tuney.kr/LeYN1". Only such words may follow it: the networks' names, @handles
    // and addresses of links (Latin letters, digits, dots and one slash at least).
    static constexpr std::string_view kNetworks[] = {
        "X(\ud2b8\uc704\ud130)", "\ud2b8\uc704\ud130", "\ud398\uc774\uc2a4\ubd81",
        "\uc778\uc2a4\ud0c0\uadf8\ub7a8"};  // X(트위터) 트위터 페이스북 인스타그램
    const auto social_word = [](std::string_view w) {
        if (std::find(std::begin(kNetworks), std::end(kNetworks), w) != std::end(kNetworks)) {
            return true;
        }
        if (w.size() > 1 && w.front() == '@') {
            return std::all_of(w.begin() + 1, w.end(), is_email_char);
        }
        return w.find('/') != std::string_view::npos && w.find('.') != std::string_view::npos &&
               std::all_of(w.begin(), w.end(), [](char c) { return is_email_char(c) || c == '/'; });
    };
    auto rest = p;
    bool social = false;
    while (true) {
        while (!rest.empty() && (rest.back() == ' ' || rest.back() == '\t')) rest.remove_suffix(1);
        const auto space = rest.find_last_of(" \t");
        const auto word = space == std::string_view::npos ? rest : rest.substr(space + 1);
        if (word.empty() || !social_word(word)) break;
        rest = space == std::string_view::npos ? std::string_view() : rest.substr(0, space);
        social = true;
    }
    if (!social || rest.empty()) return p.size();
    const auto start = address_credit(rest);
    return start < rest.size() ? start : p.size();
}

std::size_t EntityMatcher::address_credit(std::string_view p) {
    const auto at = p.rfind('@');
    if (at == std::string_view::npos || at == 0) return p.size();
    std::size_t k = at + 1;
    while (k < p.size() && is_email_char(p[k])) ++k;
    // Only white space and sign-off marks may follow the address.
    auto tail = p.substr(k);
    bool progress = true;
    while (!tail.empty() && progress) {
        progress = false;
        for (std::string_view mark : {" ", "\t", "(END)", "(\uB05D)", ")"}) {  // (끝)
            if (tail.starts_with(mark)) {
                tail.remove_prefix(mark.size());
                progress = true;
            }
        }
    }
    if (!tail.empty()) return p.size();
    std::size_t start = at;
    while (start > 0 && is_email_char(p[start - 1])) --start;
    return start == at ? p.size() : start;
}

void EntityMatcher::collect(std::string_view text, Scratch& scratch, std::vector<RawMatch>& matches,
                            bool hangul_people) const {
    const std::size_t first = matches.size();
    scan(text, scratch, matches);
    if (matches.size() == first) return;
    apply_qualifiers(text, matches, first);
    const auto from = matches.begin() + static_cast<std::ptrdiff_t>(first);
    const auto video = video_credit(text);
    if (video < text.size() || text.find_first_of("([") != std::string_view::npos) {
        auto credits = source_credits(text);
        const auto reporters = reporter_credits(text);
        credits.insert(credits.end(), reporters.begin(), reporters.end());
        if (video < text.size()) credits.emplace_back(video, text.size());
        for (auto m = from; m != matches.end(); ++m) {
            for (const auto& c : credits) {
                if (m->begin >= c.first && m->end <= c.second) m->valid = 0;
            }
        }
    }
    if (!hangul_people) {
        const EntitiesOf entities{gazetteer_};
        for (auto m = from; m != matches.end(); ++m) {
            std::size_t at = m->begin;
            if (!utf8::is_hangul(utf8::next(text, at))) continue;
            const auto& cands = terminals_[m->terminal];
            for (std::size_t k = 0; k < cands.size(); ++k) {
                if (entities[cands[k].entity].type == EntityType::person) m->valid &= ~(1u << k);
            }
        }
    }
    matches.erase(
        std::remove_if(from, matches.end(), [](const RawMatch& m) { return m.valid == 0; }),
        matches.end());
}

bool EntityMatcher::is_notice(std::string_view title) {
    // The tags of the archive's personnel and obituary notices: [인사], [부고].
    while (!title.empty() && title.front() == ' ') title.remove_prefix(1);
    return title.starts_with("[\uc778\uc0ac]") || title.starts_with("[\ubd80\uace0]");
}

void EntityMatcher::apply_qualifiers(std::string_view text, std::vector<RawMatch>& matches,
                                     std::size_t first) const {
    const EntitiesOf entities{gazetteer_};
    const auto is_place = [&](const RawMatch& m) {
        return entities[default_entity(m)].type == EntityType::place;
    };
    for (std::size_t idx = first; idx < matches.size(); ++idx) {
        auto& m = matches[idx];
        const auto& cands = terminals_[m.terminal];
        bool relevant = false;
        for (std::size_t k = 0; k < cands.size(); ++k) {
            const auto e = cands[k].entity;
            if ((m.valid >> k & 1u) && entities[e].type == EntityType::org && !refs_of(e).empty()) {
                relevant = true;
            }
        }
        if (!relevant) continue;
        // "Russian Foreign Ministry", "South Korea's Foreign Ministry", "중국 국방부" ...
        std::int64_t qualifier = -1;
        if (idx > first) {
            const auto& prev = matches[idx - 1];
            const auto gap = text.substr(prev.end, m.begin - prev.end);
            if ((gap == " " || gap == "'s " || gap == "\u2019s ") && is_place(prev)) {
                qualifier = default_entity(prev);
            }
        }
        // ... and "Foreign Ministry of Russia", "Supreme Court of the DPRK".
        if (qualifier < 0 && idx + 1 < matches.size()) {
            const auto& next = matches[idx + 1];
            const auto gap = text.substr(m.end, next.begin - m.end);
            if ((gap == " of " || gap == " of the ") && is_place(next))
                qualifier = default_entity(next);
        }
        if (qualifier < 0) continue;
        const auto q = static_cast<std::uint32_t>(qualifier);
        std::uint32_t keep = 0;
        for (std::size_t k = 0; k < cands.size(); ++k) {
            if (!(m.valid >> k & 1u)) continue;
            const auto e = cands[k].entity;
            const auto refs = refs_of(e);
            const auto named = [&](std::uint32_t place) {
                return std::find(refs.begin(), refs.end(), place) != refs.end();
            };
            // An org whose refs say nothing about places keeps its match: no evidence either way.
            if (entities[e].type != EntityType::org || refs.empty() || named(q) ||
                std::ranges::any_of(also_of(q), named)) {
                keep |= 1u << k;
            }
        }
        m.valid = keep;
    }
}

std::vector<const Entity*> EntityMatcher::entities_of(const Article& article) const {
    Scratch scratch;
    std::vector<RawMatch> matches;
    // A notice lists officials or the bereaved, who share their names with the famous:
    // "▲ 자치행정과 김정은" in a city's personnel list is not Kim Jong Un. Only people named in
    // Hangul are dropped; the bodies and places a notice names are what it is about.
    const bool hangul_people = !is_notice(article.title);
    collect(article.title, scratch, matches, hangul_people);

    std::size_t last_nonempty = article.paragraphs.size();
    for (std::size_t k = article.paragraphs.size(); k-- > 0;) {
        if (!article.paragraphs[k].empty()) {
            last_nonempty = k;
            break;
        }
    }
    bool first_text = true;
    for (std::size_t k = 0; k < article.paragraphs.size(); ++k) {
        std::string_view p = article.paragraphs[k];
        if (k == last_nonempty) p = p.substr(0, trailing_credit(p));
        if (first_text && !p.empty()) {
            // An English dateline only ever opens the body.
            first_text = false;
            p = p.substr(std::min(dateline_end(p), p.size()));
        }
        collect(p, scratch, matches, hangul_people);
    }

    const EntitiesOf entities{gazetteer_};
    std::vector<std::uint32_t> count(entities.size(), 0);
    // Mentions by the entity's own unambiguous names (no `also` refs): "Bill Clinton" earlier
    // in the article decides a later "Clinton".
    std::vector<std::uint32_t> named(entities.size(), 0);
    std::vector<bool> present(entities.size(), false);
    const auto add = [&](std::uint32_t e) {
        present[e] = true;
        for (const auto a : also_of(e)) present[a] = true;
    };
    std::vector<const RawMatch*> ambiguous;
    // Matches with a candidate that counts only beside its context: decided last, once the
    // others say what the article names.
    std::vector<const RawMatch*> conditional;
    for (const auto& m : matches) {
        if (needs_context_[m.terminal] & m.valid) {
            conditional.push_back(&m);
            continue;
        }
        const auto& cands = terminals_[m.terminal];
        std::int64_t only = -1;
        bool several = false;
        for (std::size_t k = 0; k < cands.size(); ++k) {
            if (!(m.valid >> k & 1u)) continue;
            if (only < 0) {
                only = cands[k].entity;
            } else if (only != cands[k].entity) {
                several = true;
            }
        }
        if (several) {
            ambiguous.push_back(&m);
            continue;
        }
        const auto e = static_cast<std::uint32_t>(only);
        ++named[e];
        ++count[e];
        for (const auto a : also_of(e)) ++count[a];
        add(e);
    }
    for (const auto* m : ambiguous) add(resolve(*m, named, count));
    if (!conditional.empty()) {
        // Against what the other names found (with their `also` refs and the ambiguous ones'
        // winners), not what another conditional name adds: two such names (a minister and
        // the office's bare name) cannot vouch for each other. What is left is decided by the
        // ordinary rules; a conditional name is no evidence for them.
        const auto context = present;
        for (const auto* m : conditional) {
            const auto kept = beside_context(*m, context);
            if (kept.valid != 0) add(resolve(kept, named, count));
        }
    }
    std::vector<const Entity*> out;
    for (std::size_t e = 0; e < entities.size(); ++e) {
        if (present[e]) out.push_back(&entities[e]);
    }
    std::sort(out.begin(), out.end(),
              [](const Entity* x, const Entity* y) { return x->id < y->id; });
    return out;
}

}  // namespace yalu
