#include "schema.hpp"

#include "ascii.hpp"
#include "config_document.hpp"
#include "errors.hpp"
#include "line_index.hpp"
#include "snapshot_writer.hpp"
#include "url.hpp"
#include "utf8.hpp"

#include <pugixml.hpp>
// Inlined, as everywhere a search process hashes: yalu-search then loads no libxxhash.
#define XXH_INLINE_ALL
#include <xxhash.h>

#include <algorithm>
#include <cctype>
#include <limits>
#include <new>
#include <set>

namespace yalu {
namespace {

[[noreturn]] void fail(const std::string& path, const pugi::xml_node& node,
                       const std::string& what) {
    throw ConfigError(path + ":" +
                      std::to_string(LineIndex::line_in_file(path, node.offset_debug())) + ": " +
                      what +
                      " (fix the schema file, or point --schema-dir / YALU_SCHEMA_DIR "
                      "at a good one)");
}

std::string required(const std::string& path, const pugi::xml_node& node, const char* attr) {
    const auto a = node.attribute(attr);
    if (!a || std::string_view(a.value()).empty())
        fail(path, node, std::string("<") + node.name() + "> needs the attribute '" + attr + "'");
    return a.value();
}

FieldSpec parse_field(const std::string& path, const pugi::xml_node& node) {
    FieldSpec f;
    f.name = required(path, node, "name");
    const std::string kind = required(path, node, "kind");
    if (kind == "text")
        f.kind = FieldKind::text;
    else if (kind == "boolean")
        f.kind = FieldKind::boolean;
    else
        fail(path, node,
             "field '" + f.name + "' has unknown kind '" + kind + "' (text or boolean)");
    f.prefix = node.attribute("prefix").value();
    if (f.kind == FieldKind::boolean && f.prefix.empty())
        fail(path, node, "boolean field '" + f.name + "' needs a non-empty prefix");
    f.weight = node.attribute("weight").as_uint(1);
    if (f.weight == 0 || f.weight > 100)
        fail(path, node, "field '" + f.name + "' has weight outside 1..100");
    f.in_default = node.attribute("default").as_bool(false);
    f.from = required(path, node, "from");
    f.format = node.attribute("format").value();
    f.entity_type = node.attribute("entity-type").value();
    // A URL gives its host only (site:kcna.kp), the one format DocumentBuilder writes for it.
    if (f.from == "url" && (f.kind != FieldKind::boolean || f.format != "host"))
        fail(path, node,
             "field '" + f.name + "' from url must be kind=\"boolean\" format=\"host\"");
    return f;
}

// The boolean field a rule's <term field="..."> names, declared above.
const FieldSpec& term_field(const std::string& path, const pugi::xml_node& term,
                            const Schema& schema) {
    const std::string name = required(path, term, "field");
    const FieldSpec* field = schema.find_field(name);
    if (!field || field->kind != FieldKind::boolean)
        fail(path, term,
             std::string("<") + term.parent().name() + "> term field '" + name +
                 "' is not a boolean field declared above");
    return *field;
}

// One <term field="..." value="..."/> of a rule, its field boolean and declared.
struct RuleTerm {
    const FieldSpec* field;
    std::string value;
    pugi::xml_node node;  // for errors that point at the term
};

// A rule's <term> children, in order.
std::vector<RuleTerm> rule_terms(const std::string& path, const pugi::xml_node& node,
                                 const Schema& schema) {
    std::vector<RuleTerm> out;
    for (const auto term : node.children("term"))
        out.push_back({&term_field(path, term, schema), required(path, term, "value"), term});
    return out;
}

// <home factor="F"><term field="lang" value="ko"/>...</home>, each field boolean and declared.
HomeSpec parse_home(const std::string& path, const pugi::xml_node& node, const Schema& schema,
                    const LineIndex& lines) {
    HomeSpec home;
    home.line = static_cast<int>(lines.line_of(node.offset_debug()));
    home.factor = node.attribute("factor").as_double(0);
    // Above 2 the preference would outweigh what the words say; 1 turns it off.
    if (home.factor < 1 || home.factor > 2)
        fail(path, node, "<home factor> must be a number from 1 (off) to 2, e.g. 1.05");
    for (const auto& [field, value, term] : rule_terms(path, node, schema)) {
        home.terms.push_back(field->prefix + value);
        if (field->from == "entities") home.entity_ids.push_back(value);
    }
    if (home.terms.empty()) fail(path, node, "<home> needs at least one <term field value>");
    return home;
}

// <domestic place="ID"><term field="site" value="HOST"/>...</domestic>.
DomesticSpec parse_domestic(const std::string& path, const pugi::xml_node& node,
                            const Schema& schema) {
    DomesticSpec d;
    d.place = required(path, node, "place");
    for (const auto& [field, value, term] : rule_terms(path, node, schema)) {
        // The index holds a URL's host folded (url::host): a value written otherwise would
        // name no article.
        if (field->from == "url" && url::site(value) != value)
            fail(path, term,
                 "<domestic> site '" + value +
                     "' must be a host as the index holds it: lower case, without www., "
                     "scheme, port or path (n.news.naver.com)");
        d.terms.push_back(field->prefix + value);
    }
    if (d.terms.empty()) fail(path, node, "<domestic> needs at least one <term field value>");
    return d;
}

// <brief below="N" factor="F"> with optional <term field value> children (articles holding
// one of them only), which needs the `length` value slot.
BriefSpec parse_brief(const std::string& path, const pugi::xml_node& node, const Schema& schema) {
    BriefSpec brief;
    brief.factor = node.attribute("factor").as_double(0);
    brief.below = node.attribute("below").as_uint(0);
    // Below 0.5 a brief could hardly ever reach the first page, however well it matched.
    if (brief.factor < 0.5 || brief.factor > 1)
        fail(path, node, "<brief factor> must be a number from 0.5 to 1 (off), e.g. 0.8");
    if (brief.below == 0)
        fail(path, node, "<brief> needs below=\"N\": the body length in characters, e.g. 300");
    const auto& values = schema.values();
    if (std::none_of(values.begin(), values.end(),
                     [](const ValueSpec& v) { return v.name == "length"; }))
        fail(path, node, "<brief> needs a <value name=\"length\"> slot declared above");
    for (const auto& [field, value, term] : rule_terms(path, node, schema)) {
        brief.terms.push_back(field->prefix + value);
        brief.scope += (brief.scope.empty() ? "" : " or ") + field->name + ":" + value;
    }
    return brief;
}

// The words of a space-separated attribute; `hangul`: each must be Hangul syllables only.
std::vector<std::string> words_of(const std::string& path, const pugi::xml_node& node,
                                  const char* attr, bool hangul) {
    std::vector<std::string> words;
    std::string word;
    const std::string text = std::string(node.attribute(attr).value()) + " ";
    for (const char c : text) {
        if (c != ' ') {
            // Source terms are lower case (KCNA is source:kcna).
            word += hangul ? c : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            continue;
        }
        if (word.empty()) continue;
        bool ok = true;
        for (std::size_t at = 0; at < word.size();) {
            const char32_t ch = utf8::next(word, at);
            ok = ok && (hangul ? utf8::is_hangul_syllable(ch)
                               : (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'));
        }
        if (!ok)
            fail(path, node,
                 std::string("<") + node.name() + " " + attr + "> word '" + word + "' must be " +
                     (hangul ? "Hangul syllables (a noun, without particle)"
                             : "ASCII letters or digits, as source: words are"));
        words.push_back(std::move(word));
        word.clear();
    }
    return words;
}

// The prefixed source terms of a rule's `source` words (source:(...) reads them so), which
// need the `source` text field.
std::vector<std::string> source_terms_of(const std::string& path, const pugi::xml_node& node,
                                         const Schema& schema) {
    const FieldSpec* source = schema.find_field("source");
    if (!source || source->kind != FieldKind::text)
        fail(path, node,
             std::string("<") + node.name() +
                 "> needs a text <field name=\"source\"> declared above");
    required(path, node, "source");
    std::vector<std::string> terms;
    for (const std::string& w : words_of(path, node, "source", false))
        terms.push_back(source->prefix + w);
    return terms;
}

// <collection source="new year address" words="신년사 공동사설" origin="북한" factor="1.2"/>.
CollectionSpec parse_collection(const std::string& path, const pugi::xml_node& node,
                                const Schema& schema) {
    CollectionSpec c;
    c.source_terms = source_terms_of(path, node, schema);
    required(path, node, "words");
    c.words = words_of(path, node, "words", true);
    c.origin = words_of(path, node, "origin", true);
    if (node.attribute("factor")) {
        c.factor = node.attribute("factor").as_double(0);
        if (c.factor < 1 || c.factor > 2)
            fail(path, node, "<collection factor> must be a number from 1 (off) to 2, e.g. 1.2");
    }
    return c;
}

// <own-press source="kcna" name="north korean" word="korean"/>.
OwnPressSpec parse_own_press(const std::string& path, const pugi::xml_node& node,
                             const Schema& schema) {
    OwnPressSpec o;
    o.source_terms = source_terms_of(path, node, schema);
    required(path, node, "name");
    required(path, node, "word");
    const std::vector<std::string> name = words_of(path, node, "name", false);
    const std::vector<std::string> word = words_of(path, node, "word", false);
    if (name.size() < 2 || word.size() != 1 || word.front() != name.back())
        fail(path, node,
             "<own-press> word must be one word, the last of name's two or more (name=\"north "
             "korean\" word=\"korean\")");
    for (const std::string& w : name) o.name += (o.name.empty() ? "" : " ") + w;
    o.word = word.front();
    return o;
}

}  // namespace

std::optional<int> Schema::parse_version(std::string_view written) {
    const std::string_view digits = ascii::trim(written);
    if (digits.empty() || !std::all_of(digits.begin(), digits.end(), ascii::is_digit))
        return std::nullopt;
    long long value = 0;
    for (const char c : digits) {
        value = value * 10 + (c - '0');
        if (value > std::numeric_limits<int>::max()) return std::nullopt;
    }
    return static_cast<int>(value);
}

Schema Schema::load(const std::string& path) {
    // Read once: the text also gives <home> its line number (every search loads the schema).
    const std::string text = ConfigDocument::read(path, "schema", "schemas/index.xml");
    const LineIndex lines(text);
    pugi::xml_document doc;
    const auto parsed = doc.load_buffer(text.data(), text.size());
    // pugixml reports memory that ran out rather than throw: no fault of the file.
    if (parsed.status == pugi::status_out_of_memory) throw std::bad_alloc();
    if (!parsed)
        throw ConfigError(path + ":" + std::to_string(lines.line_of(parsed.offset)) +
                          ": malformed XML: " + parsed.description());
    const auto root = doc.child("schema");
    if (!root) throw ConfigError(path + ": the root element must be <schema>");

    Schema s;
    s.path_ = path;
    s.version_ = parse_version(root.attribute("version").value()).value_or(0);
    if (s.version_ <= 0) fail(path, root, "<schema> needs a positive integer 'version'");
    if (const auto analysis = root.child("analysis")) {
        s.stemmer_ = analysis.attribute("stemmer").as_string("english");
        s.word_start_prefix_ = analysis.attribute("word-start-prefix").value();
    }

    std::set<std::string, std::less<>> names, prefixes;
    if (!s.word_start_prefix_.empty()) prefixes.insert(s.word_start_prefix_);
    for (const auto node : root.child("fields").children("field")) {
        auto f = parse_field(path, node);
        if (!names.insert(f.name).second) fail(path, node, "field '" + f.name + "' declared twice");
        // Two fields sharing a non-empty prefix would mix their terms.
        if (!f.prefix.empty() && !prefixes.insert(f.prefix).second)
            fail(path, node, "prefix '" + f.prefix + "' used by two fields (or by <analysis>)");
        s.fields_.push_back(std::move(f));
    }
    std::set<unsigned> slots;
    for (const auto node : root.child("values").children("value")) {
        ValueSpec v{required(path, node, "name"), node.attribute("slot").as_uint(0),
                    node.attribute("format").value()};
        if (!node.attribute("slot")) fail(path, node, "value '" + v.name + "' needs a 'slot'");
        if (!slots.insert(v.slot).second)
            fail(path, node, "slot " + std::to_string(v.slot) + " used twice");
        s.values_.push_back(std::move(v));
    }
    for (const auto node : root.child("data").children("key"))
        s.data_keys_.push_back(required(path, node, "name"));
    for (const auto node : root.child("metadata").children("key"))
        s.metadata_[required(path, node, "name")] = required(path, node, "key");
    if (const auto home = root.child("home")) s.home_ = parse_home(path, home, s, lines);
    if (const auto brief = root.child("brief")) s.brief_ = parse_brief(path, brief, s);
    for (const auto c : root.children("collection"))
        s.collections_.push_back(parse_collection(path, c, s));
    for (const auto o : root.children("own-press"))
        s.own_press_.push_back(parse_own_press(path, o, s));
    for (const auto d : root.children("domestic"))
        s.domestic_.push_back(parse_domestic(path, d, s));
    return s;
}

const FieldSpec* Schema::find_field(std::string_view name) const {
    const auto it = std::find_if(fields_.begin(), fields_.end(),
                                 [&](const FieldSpec& f) { return f.name == name; });
    return it == fields_.end() ? nullptr : &*it;
}

const FieldSpec& Schema::field(std::string_view name) const {
    if (const auto* f = find_field(name)) return *f;
    throw ConfigError("schema '" + path_ + "' declares no field '" + std::string(name) +
                      "' (this build needs it: use the schemas shipped with it)");
}

unsigned Schema::slot(std::string_view name) const {
    for (const auto& v : values_)
        if (v.name == name) return v.slot;
    throw ConfigError("schema '" + path_ + "' declares no value slot '" + std::string(name) +
                      "' (this build needs it: use the schemas shipped with it)");
}

const std::string& Schema::metadata_key(std::string_view name) const {
    const auto it = metadata_.find(name);
    if (it == metadata_.end())
        throw ConfigError("schema '" + path_ + "' declares no metadata key '" + std::string(name) +
                          "'");
    return it->second;
}

const std::string& Schema::entity_prefix(std::string_view entity_type) const {
    for (const auto& f : fields_)
        if (f.entity_type == entity_type) return f.prefix;
    throw ConfigError("schema '" + path_ + "' declares no field for entity type '" +
                      std::string(entity_type) + "'");
}

std::uint64_t Schema::content_fingerprint() const {
    SnapshotWriter w;
    w.u32(static_cast<std::uint32_t>(version_));
    w.str(stemmer_);
    w.str(word_start_prefix_);
    w.u32(static_cast<std::uint32_t>(fields_.size()));
    for (const FieldSpec& f : fields_) {
        for (const std::string_view text :
             {std::string_view(f.name), std::string_view(f.prefix), std::string_view(f.from),
              std::string_view(f.format), std::string_view(f.entity_type)})
            w.str(text);
        w.u32(static_cast<std::uint32_t>(f.kind));
        w.u32(f.weight);
        w.u32(f.in_default ? 1 : 0);
    }
    w.u32(static_cast<std::uint32_t>(values_.size()));
    for (const ValueSpec& v : values_) {
        w.str(v.name);
        w.u32(v.slot);
        w.str(v.format);
    }
    w.u32(static_cast<std::uint32_t>(data_keys_.size()));
    for (const std::string& key : data_keys_) w.str(key);
    for (const auto& [name, key] : metadata_) {
        w.str(name);
        w.str(key);
    }
    const std::string bytes = w.finish();
    return XXH3_64bits(bytes.data(), bytes.size());
}

}  // namespace yalu
