#include "entity_tokenizer.hpp"

#include "ascii.hpp"
#include "utf8.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

namespace yalu {

namespace {

// Particles and suffixes that may follow a name inside one Hangul word, sorted at compile
// time; kParticleKeys holds the same list packed into integers for allocation-free look-up.
constexpr auto kParticles = [] {
    auto list = std::to_array<std::string_view>({
        "가",     "간",     "간의",     "과",     "과는",     "과도",   "과의",   "까지",
        "까지의", "께",     "께서",     "께서는", "께서도",   "나",     "는",     "다",
        "도",     "도의",   "들",       "들은",   "들의",     "들이",   "라",     "라고",
        "라는",   "라며",   "란",       "랑",     "로",       "로는",   "로도",   "로부터",
        "로서",   "로서는", "로써",     "로의",   "를",       "마저",   "만",     "만의",
        "만이",   "며",     "밖에",     "보다",   "부터",     "뿐",     "뿐만",   "뿐만이",
        "씨",     "씨는",   "씨의",     "에",     "에게",     "에게는", "에게도", "에게서",
        "에는",   "에도",   "에만",     "에서",   "에서는",   "에서도", "에서만", "에서의",
        "에선",   "에의",   "였다",     "와",     "와는",     "와도",   "와의",   "으로",
        "으로는", "으로도", "으로부터", "으로서", "으로서는", "으로써", "으로의", "은",
        "을",     "의",     "이",       "이고",   "이나",     "이다",   "이라",   "이라고",
        "이라는", "이라며", "이란",     "이랑",   "이며",     "이었다", "이자",   "입니다",
        "조차",   "처럼",   "측",       "측과",   "측은",     "측의",   "측이",
    });
    std::sort(list.begin(), list.end());
    return list;
}();

// Packs up to four Hangul syllables (14 bits each, +1 so that 0 means "none") into one
// integer; 0 when `text` is anything else.
constexpr std::uint64_t pack_syllables(std::string_view text) {
    if (text.empty() || text.size() % 3 != 0 || text.size() > 12) return 0;
    std::uint64_t key = 0;
    for (std::size_t i = 0; i < text.size(); i += 3) {
        const auto b0 = static_cast<unsigned char>(text[i]);
        const auto b1 = static_cast<unsigned char>(text[i + 1]);
        const auto b2 = static_cast<unsigned char>(text[i + 2]);
        if ((b0 & 0xF0) != 0xE0 || (b1 & 0xC0) != 0x80 || (b2 & 0xC0) != 0x80) return 0;
        const std::uint32_t cp = ((b0 & 0x0Fu) << 12) | ((b1 & 0x3Fu) << 6) | (b2 & 0x3Fu);
        if (!utf8::is_hangul_syllable(cp)) return 0;
        key = (key << 14) | (cp - 0xAC00 + 1);
    }
    return key;
}

// The suffix words of EntityTokenizer::name_suffix(), per kind (docs/ENTITIES.md "Titles,
// units and offices"), each list chosen by what the archive glues to its names.
constexpr auto kTitles = std::to_array<std::string_view>(
    {"동지", "동무", "주석", "장군", "원수", "선생", "님", "대통령", "위원장", "총비서",
     "국무위원장", "총리", "장관", "의원", "대표"});
constexpr auto kUnits = std::to_array<std::string_view>(
    {"시", "군", "도", "읍", "주", "광역시", "특별시", "특별자치시", "특별자치도"});
// A place's head, council or offices, with the unit they belong to where the archive glues
// it (의정부시장, 무안군수, 전남도의회); bare after a name that ends in its unit (송파구청장,
// 경기도지사) or a province's short name (전남지사, 충북교육청); and a place's people.
constexpr auto kSeats = std::to_array<std::string_view>(
    {"시장", "시청",   "시의회", "시의원",   "시교육청", "군수",   "군청",   "군의회", "도지사",
     "도청", "도의회", "도의원", "도교육청", "구청",     "구청장", "구의회", "구의원", "청",
     "청장", "의회",   "교육청", "교육감",   "지사",     "경찰청", "인",     "인민"});
constexpr auto kOffices =
    std::to_array<std::string_view>({"장", "원", "원장", "일군", "조직", "장병", "군인", "부대"});
// KCNA's epithets for the South's rulers and their cliques, written against the name
// (리승만역도의, 박근혜패당에, 김영삼일당을): a head word, which words of abuse may precede
// (리승만매국역도를, 박정희매국반역도당들은, 박정희파쑈악당들의, 리승만괴뢰도당이).
constexpr auto kEpithets = std::to_array<std::string_view>(
    {"역도", "역적", "도당", "패당", "일당", "도배", "악당", "괴뢰"});
constexpr auto kEpithetModifiers =
    std::to_array<std::string_view>({"매국", "반역", "괴뢰", "파쑈", "파쇼"});
// What stands for a place itself when glued after its name, chiefly in KCNA's spelling: its
// authorities, government, society, compatriots or residents, land, countries, region, rulers
// (남조선당국자들이, 남조선사회의, 남조선동포들에게, 강선땅에, 아세아나라들에, 충북지역에서,
// 미국사이에, 북한이탈주민, 남조선통치배들은, 일본반동들의), which words of kind may precede
// (남조선괴뢰정부, 남조선보수당국, 구라파사회주의나라들과). Not the names of institutions
// (서울지방국세청, 부산신항): those are other entities, found only when the gazetteer lists them.
// Not 괴뢰 and 괴뢰도당 alone: they are a person's epithets (리승만괴뢰도당), which name_suffix()
// reads first.
constexpr auto kRealms = std::to_array<std::string_view>(
    {"당국", "당국자", "정부", "정권", "사회", "동포", "주민", "이탈주민", "땅", "나라", "지역",
     "사이", "통치배", "위정자", "반동"});
constexpr auto kRealmModifiers =
    std::to_array<std::string_view>({"괴뢰", "반동", "보수", "사회주의"});

constexpr auto kParticleKeys = [] {
    std::array<std::uint64_t, kParticles.size()> keys{};
    for (std::size_t i = 0; i < kParticles.size(); ++i) keys[i] = pack_syllables(kParticles[i]);
    std::sort(keys.begin(), keys.end());
    return keys;
}();
static_assert(kParticleKeys[0] != 0, "every particle is made of Hangul syllables");

// One suffix word with its kind; kSuffixes holds them all sorted by word for look-up.
struct SuffixWord {
    std::string_view word;
    EntityTokenizer::NameSuffix kind = EntityTokenizer::NameSuffix::none;
};

constexpr auto kSuffixes = [] {
    std::array<SuffixWord, kTitles.size() + kUnits.size() + kSeats.size() + kOffices.size()>
        words{};
    std::size_t n = 0;
    for (const auto w : kTitles) words[n++] = {w, EntityTokenizer::NameSuffix::title};
    for (const auto w : kUnits) words[n++] = {w, EntityTokenizer::NameSuffix::unit};
    for (const auto w : kSeats) words[n++] = {w, EntityTokenizer::NameSuffix::seat};
    for (const auto w : kOffices) words[n++] = {w, EntityTokenizer::NameSuffix::office};
    std::sort(words.begin(), words.end(),
              [](const SuffixWord& x, const SuffixWord& y) { return x.word < y.word; });
    return words;
}();
static_assert(
    [] {
        for (std::size_t i = 1; i < kSuffixes.size(); ++i)
            if (kSuffixes[i].word == kSuffixes[i - 1].word) return false;
        return true;
    }(),
    "a suffix word has one kind");

static_assert(
    [] {
        for (const auto& s : kSuffixes)
            if (s.word.size() >
                EntityTokenizer::max_suffix_syllables * EntityTokenizer::syllable_bytes)
                return false;
        return true;
    }(),
    "max_suffix_syllables covers every suffix word");

// A decoded character's role in tokenisation.
enum class CharClass : std::uint8_t { latin, hangul, han, soft, dot, hard };

// Writes the UTF-8 form of `cp` at `out`; returns the end.
char* encode_to(char32_t cp, char* out) {
    if (cp < 0x80) {
        *out++ = static_cast<char>(cp);
    } else if (cp < 0x800) {
        *out++ = static_cast<char>(0xC0 | (cp >> 6));
        *out++ = static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        *out++ = static_cast<char>(0xE0 | (cp >> 12));
        *out++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        *out++ = static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        *out++ = static_cast<char>(0xF0 | (cp >> 18));
        *out++ = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        *out++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        *out++ = static_cast<char>(0x80 | (cp & 0x3F));
    }
    return out;
}

constexpr CharClass classify(char32_t cp) {
    if (cp < 0x80) {
        if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9')) {
            return CharClass::latin;
        }
        switch (cp) {
            case ' ':
            case '\t':
            case '\r':
            case '-':
            case '\'':
            case '`':
                return CharClass::soft;
            case '.':
                return CharClass::dot;
            default:
                // '\n' is hard on purpose: an alias never spans two paragraphs or lines.
                return CharClass::hard;
        }
    }
    if (utf8::is_hangul_syllable(cp)) return CharClass::hangul;
    if (cp == 0xA0 || cp == 0xAD) return CharClass::soft;
    if (cp == 0xD7 || cp == 0xF7) return CharClass::hard;
    if (cp >= 0xC0 && cp <= 0x52F) {
        // Apostrophe-like modifier letters separate like the ASCII apostrophe.
        if (cp == 0x2BC || cp == 0x2BB || cp == 0x2B9) return CharClass::soft;
        return CharClass::latin;  // Latin-1/Extended, IPA, combining marks, Greek, Cyrillic
    }
    if ((cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0x3130 && cp <= 0x318F) ||
        (cp >= 0xA960 && cp <= 0xA97F) || (cp >= 0xD7B0 && cp <= 0xD7FF)) {
        return CharClass::hangul;
    }
    if ((cp >= 0x2000 && cp <= 0x200B) || cp == 0x2010 || cp == 0x2011 || cp == 0x2012 ||
        cp == 0x2013 || cp == 0x2018 || cp == 0x2019 || cp == 0x2032 || cp == 0x2212 ||
        cp == 0x202F || cp == 0x3000 || cp == 0xFF07 || cp == 0xFF0D) {
        return CharClass::soft;
    }
    if ((cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
        (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
        (cp >= 0x20000 && cp <= 0x2FFFF)) {
        return CharClass::han;
    }
    if ((cp >= 0xFF10 && cp <= 0xFF19) || (cp >= 0xFF21 && cp <= 0xFF3A) ||
        (cp >= 0xFF41 && cp <= 0xFF5A)) {
        return CharClass::latin;
    }
    if (cp == 0xFF0E) return CharClass::dot;
    return CharClass::hard;
}

constexpr auto kAsciiClass = [] {
    std::array<CharClass, 128> table{};
    for (char32_t c = 0; c < 128; ++c) table[c] = classify(c);
    return table;
}();

char32_t fold(char32_t cp) {
    if (cp >= 'A' && cp <= 'Z') return cp + 32;
    if (cp < 0xC0) return cp;
    if (cp <= 0xDE && cp != 0xD7) return cp + 32;
    // Latin Extended-A pairs upper/lower as even/odd code points in these two stretches.
    if ((cp >= 0x100 && cp <= 0x137) || (cp >= 0x14A && cp <= 0x177)) return cp | 1;
    if (cp >= 0xFF21 && cp <= 0xFF3A) return cp - 0xFF21 + 'a';
    if (cp >= 0xFF41 && cp <= 0xFF5A) return cp - 0xFF41 + 'a';
    if (cp >= 0xFF10 && cp <= 0xFF19) return cp - 0xFF10 + '0';
    return cp;
}

}  // namespace

void EntityTokenizer::tokenize(std::string_view text, std::vector<EntityToken>& out,
                               std::string& folded) const {
    out.clear();
    // Folding never lengthens UTF-8 (full-width letters shrink, the rest keep their length),
    // so one resize up front lets the loop write through a pointer without reallocating.
    folded.resize(text.size());
    char* const fbase = folded.data();
    char* f = fbase;
    auto gap = EntityToken::Gap::hard;
    bool in_token = false;
    EntityToken current;
    std::uint64_t h = 0;
    const auto close = [&] {
        current.fold_end = static_cast<std::uint32_t>(f - fbase);
        current.hash = h;
        out.push_back(current);
        in_token = false;
    };
    std::size_t i = 0;
    const std::size_t n = text.size();
    while (i < n) {
        const std::size_t start = i;
        const auto b = static_cast<unsigned char>(text[i]);
        char32_t cp;
        CharClass cls;
        if (b < 0x80) {
            // ASCII fast path: most bytes of English text never reach the full decoder.
            ++i;
            cp = b;
            cls = kAsciiClass[b];
        } else {
            cp = utf8::next(text, i);
            cls = classify(cp);
        }
        EntityToken::Script script;
        switch (cls) {
            case CharClass::latin:
                script = EntityToken::Script::latin;
                break;
            case CharClass::hangul:
                script = EntityToken::Script::hangul;
                break;
            case CharClass::han:
                script = EntityToken::Script::han;
                break;
            default: {
                if (in_token) {
                    close();
                    gap = EntityToken::Gap::none;
                }
                const auto g = cls == CharClass::soft  ? EntityToken::Gap::soft
                               : cls == CharClass::dot ? EntityToken::Gap::dot
                                                       : EntityToken::Gap::hard;
                gap = std::max(gap, g);
                continue;
            }
        }
        if (!in_token || current.script != script) {
            if (in_token) {
                // A script change inside a run of letters ("DPRK의", "LG전자") is a gap of its own.
                close();
                gap = EntityToken::Gap::none;
            }
            current.begin = static_cast<std::uint32_t>(start);
            current.script = script;
            current.gap_before = gap;
            current.fold_begin = static_cast<std::uint32_t>(f - fbase);
            h = 0xcbf29ce484222325ULL;
            in_token = true;
            gap = EntityToken::Gap::none;
        }
        current.end = static_cast<std::uint32_t>(i);
        char* const word_start = f;
        if (b < 0x80) {
            *f++ = static_cast<char>(b >= 'A' && b <= 'Z' ? b + 32 : b);
        } else if (const char32_t fc = fold(cp); fc == cp) {
            for (std::size_t k = start; k < i; ++k) *f++ = text[k];
        } else {
            f = encode_to(fc, f);
        }
        for (const char* c = word_start; c < f; ++c) {
            h = (h ^ static_cast<unsigned char>(*c)) * 0x100000001b3ULL;
        }
    }
    if (in_token) close();
    folded.resize(static_cast<std::size_t>(f - fbase));
}

std::string EntityTokenizer::acronym_word(std::string_view folded_key) {
    if (folded_key.empty()) return {};
    std::string word;
    for (std::size_t i = 0; i < folded_key.size(); ++i) {
        const char c = folded_key[i];
        if (!is_gap_char(c)) {
            word += c;
            continue;
        }
        // Only single letters joined by dots make one word.
        const bool initials = c == '.' && i % 2 == 1;
        if (!initials) return {};
    }
    const bool dotted = folded_key.find('.') != std::string_view::npos;
    return dotted && word.size() * 2 - 1 != folded_key.size() ? std::string() : word;
}

char EntityTokenizer::gap_char(EntityToken::Gap gap) {
    switch (gap) {
        case EntityToken::Gap::dot:
            return '.';
        case EntityToken::Gap::hard:
            return '|';
        default:
            return ' ';
    }
}

namespace {

// Tokens joined by their gap characters: folded into `folded` and with the text's own case
// into `exact` (either may be null).
void build_keys(const EntityTokenizer& tokenizer, std::string_view text, std::string* folded_out,
                std::string* exact_out) {
    std::vector<EntityToken> tokens;
    std::string folded;
    tokenizer.tokenize(text, tokens, folded);
    if (folded_out) *folded_out = EntityTokenizer::folded_key(tokens, folded);
    if (exact_out) {
        exact_out->clear();
        for (std::size_t k = 0; k < tokens.size(); ++k) {
            const auto& t = tokens[k];
            if (k > 0) exact_out->push_back(EntityTokenizer::gap_char(t.gap_before));
            exact_out->append(text.substr(t.begin, t.end - t.begin));
        }
    }
}

}  // namespace

std::string EntityTokenizer::folded_key(std::span<const EntityToken> tokens,
                                        std::string_view folded) {
    std::string key;
    for (std::size_t k = 0; k < tokens.size(); ++k) {
        const auto& t = tokens[k];
        if (k > 0) key.push_back(gap_char(t.gap_before));
        key.append(folded.substr(t.fold_begin, t.fold_end - t.fold_begin));
    }
    return key;
}

std::string EntityTokenizer::folded_key(std::string_view text) const {
    std::string key;
    build_keys(*this, text, &key, nullptr);
    return key;
}

std::string EntityTokenizer::exact_key(std::string_view text) const {
    std::string key;
    build_keys(*this, text, nullptr, &key);
    return key;
}

void EntityTokenizer::keys(std::string_view text, std::string& folded, std::string& exact) const {
    build_keys(*this, text, &folded, &exact);
}

std::size_t EntityTokenizer::digit_cut(std::string_view word) {
    // Only ASCII digits: they fold to themselves, so the cut is the same in the folded word.
    // An upper-case letter after them: "40s", "4th", "10km" are words of their own.
    const auto letter = word.find_first_not_of("0123456789");
    return letter == 0 || letter == std::string_view::npos || !ascii::is_upper(word[letter])
               ? 0
               : letter;
}

bool EntityTokenizer::is_particle(std::string_view suffix) {
    const auto key = pack_syllables(suffix);
    return key != 0 && std::binary_search(kParticleKeys.begin(), kParticleKeys.end(), key);
}

bool EntityTokenizer::is_marked_particle(std::string_view rest) {
    return rest.size() > syllable_bytes &&
           (rest.starts_with("\uB4E4") || rest.starts_with("\uC528")) &&  // 들, 씨
           is_particle(rest.substr(syllable_bytes));
}

bool EntityTokenizer::is_particles(std::string_view run) {
    if (is_particle(run)) return true;
    bool two = false;
    for_each_particle_cut(run,
                          [&](std::size_t cut) { return two = is_particle(run.substr(0, cut)); });
    return two;
}

std::optional<EntityTokenizer::NameSuffix> EntityTokenizer::name_suffix(std::string_view stem,
                                                                        std::string_view rest) {
    // A one-syllable name and a one-syllable suffix make an ordinary word too often (미군,
    // 일군); no such name takes a suffix.
    if (stem.size() < 2 * syllable_bytes || rest.size() % syllable_bytes != 0) return {};
    const auto last = stem.substr(stem.size() - syllable_bytes);
    for (std::size_t k = 1; k <= max_suffix_syllables && k * syllable_bytes <= rest.size(); ++k) {
        const auto word = rest.substr(0, k * syllable_bytes);
        const auto* found =
            std::lower_bound(kSuffixes.begin(), kSuffixes.end(), word,
                             [](const SuffixWord& x, std::string_view y) { return x.word < y; });
        if (found == kSuffixes.end() || found->word != word) continue;
        // A province already carries its unit, and 도 + 시 is 도시 "city" (자강도시, a
        // "self-reliant city", is not Jagang; nor is 자강도시장); its seats follow it
        // (경기도지사). X부장 is a Chinese or Taiwanese minister (왕이 외교부장), not the head
        // of the ministry an alias 외교부 names.
        if (last == "\uB3C4" &&                                               // 도
            (found->kind == NameSuffix::unit || word.starts_with("\uC2DC")))  // 시
            continue;
        if (found->kind == NameSuffix::office && last == "\uBD80") continue;  // 부
        auto tail = rest.substr(k * syllable_bytes);
        // 장군님, 원수님: the honorific after a title; 원들, 조직들: the plural of the suffix word.
        if (found->kind == NameSuffix::title && tail.starts_with("\uB2D8"))
            tail.remove_prefix(syllable_bytes);
        if (tail.starts_with("\uB4E4")) tail.remove_prefix(syllable_bytes);
        // 시 + 간 is 시간 "time" (한국시간, 평양시간), not a city's particle.
        if (tail.empty() || (is_particle(tail) && !tail.starts_with("\uAC04"))) return found->kind;
    }
    // An epithet: words of abuse, a head word, then 들 and a particle or nothing (리승만역도의,
    // 리승만매국도당은, 박정희파쑈악당들의); 리승만매국 alone or 김정은일당백 is none. A realm
    // the same way (남조선당국자들이, 구라파사회주의나라들과; 남조선보수 alone is none).
    if (is_headed(rest, kEpithets, kEpithetModifiers)) return NameSuffix::epithet;
    if (is_headed(rest, kRealms, kRealmModifiers)) return NameSuffix::realm;
    return {};
}

bool EntityTokenizer::is_headed(std::string_view rest, std::span<const std::string_view> heads,
                                std::span<const std::string_view> modifiers) {
    for (auto word = rest; !word.empty();) {
        for (const auto head : heads) {
            if (!word.starts_with(head)) continue;
            auto tail = word.substr(head.size());
            if (tail.starts_with("\uB4E4")) tail.remove_prefix(syllable_bytes);  // 들
            if (tail.empty() || is_particle(tail)) return true;
        }
        const auto modifier = std::find_if(modifiers.begin(), modifiers.end(),
                                           [&](std::string_view m) { return word.starts_with(m); });
        if (modifier == modifiers.end()) break;
        word.remove_prefix(modifier->size());
    }
    return false;
}

std::span<const std::string_view> EntityTokenizer::particles() {
    return kParticles;
}

std::span<const std::string_view> EntityTokenizer::name_suffixes(NameSuffix kind) {
    switch (kind) {
        case NameSuffix::title:
            return kTitles;
        case NameSuffix::unit:
            return kUnits;
        case NameSuffix::seat:
            return kSeats;
        case NameSuffix::office:
            return kOffices;
        case NameSuffix::epithet:
            return kEpithets;
        case NameSuffix::realm:
            return kRealms;
        default:
            return {};
    }
}

std::span<const std::string_view> EntityTokenizer::epithet_modifiers() {
    return kEpithetModifiers;
}

std::span<const std::string_view> EntityTokenizer::realm_modifiers() {
    return kRealmModifiers;
}

}  // namespace yalu
