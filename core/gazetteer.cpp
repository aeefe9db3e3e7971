#include "gazetteer.hpp"

#include "ascii.hpp"
#include "config_document.hpp"

#include "entity_tokenizer.hpp"
#include "errors.hpp"
#include "snapshot_reader.hpp"
#include "snapshot_writer.hpp"

#include <pugixml.hpp>
// XXH3 compiled here, inlined with this build's flags (SSE2 stripes on x86-64): the shared
// library's took ~1.1 instructions a byte, and a search process hashes entities.xml and the
// snapshot (~640 kB) on every start. The same function, so the same hashes.
#define XXH_INLINE_ALL
#include <xxhash.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <map>
#include <set>
#include <span>
#include <unordered_map>

namespace yalu {

std::string_view to_string(EntityType type) {
    switch (type) {
        case EntityType::person:
            return "person";
        case EntityType::org:
            return "org";
        case EntityType::place:
            return "place";
    }
    return "person";
}

std::string with_article(std::string_view type_word) {
    // Every type word is an English noun read as spelled: a vowel letter, a vowel sound.
    const bool vowel = !type_word.empty() &&
                       std::string_view("aeiou").find(type_word.front()) != std::string_view::npos;
    return (vowel ? "an " : "a ") + std::string(type_word);
}

std::optional<EntityType> entity_type_from_string(std::string_view text) {
    if (text == "person") return EntityType::person;
    if (text == "org") return EntityType::org;
    if (text == "place") return EntityType::place;
    return std::nullopt;
}

namespace {

bool valid_id(std::string_view id) {
    if (id.empty()) return false;
    return std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    });
}

// "no lower-case letters" (and at least one upper-case one) makes an alias case-sensitive.
bool looks_like_acronym(std::string_view text) {
    bool upper = false;
    for (char c : text) {
        if (c >= 'a' && c <= 'z') return false;
        if (c >= 'A' && c <= 'Z') upper = true;
    }
    return upper;
}

// The 1-based line of `node`, as the int that Entity and EntityAlias keep.
int line_of(const ConfigDocument& doc, const pugi::xml_node& node) {
    return static_cast<int>(doc.line_of(node));
}

bool parse_bool(const ConfigDocument& rep, const pugi::xml_node& node, const char* attr) {
    const auto a = node.attribute(attr);
    if (!a) return false;
    const std::string_view v = a.value();
    if (v == "true") return true;
    if (v == "false") return false;
    rep.fail(line_of(rep, node),
             std::string("attribute ") + attr + "=\"" + std::string(v) + "\" is not a boolean",
             "write \"true\" or \"false\"");
}

// What parse() reads of one alias (the name, or an <alias>), before views point at it.
struct OwnedAlias {
    std::string text;
    bool exact_case = false;
    bool ambiguous = false;
    bool is_default = false;
    bool before_place = false;
    int line = 0;
    std::string folded_key;
    std::string exact_key;
};

// What parse() reads of one <entity>; the gazetteer's Entity is a view of it.
struct OwnedEntity {
    std::string id;
    EntityType type = EntityType::person;
    std::string name;
    std::vector<OwnedAlias> aliases;
    std::vector<std::string> also;
    std::vector<std::string> context;
    int line = 0;
};

}  // namespace

// Built once, then shared read-only: the views in entities, aliases and refs point into bytes
// (a snapshot) or owned (parsed XML), which never move once the Data is made.
struct Gazetteer::Data {
    SnapshotBytes bytes;
    std::vector<OwnedEntity> owned;
    int version = 0;
    std::vector<Entity> entities;
    std::vector<EntityAlias> aliases;    // every entity's, entity after entity
    std::vector<std::string_view> refs;  // every entity's also and context ids
    std::vector<std::uint32_t> by_id;    // entity indices sorted by id
    std::vector<AliasRef> by_key;        // every alias, sorted by folded key (stable)
};

Gazetteer::Gazetteer() : data_(std::make_shared<const Data>()) {}

Gazetteer::Gazetteer(std::shared_ptr<const Data> data) : data_(std::move(data)) {}

int Gazetteer::version() const {
    return data_->version;
}

const std::vector<Entity>& Gazetteer::entities() const {
    return data_->entities;
}

const EntityAlias& Gazetteer::alias_at(AliasRef ref) const {
    return data_->entities[ref.entity].aliases[ref.alias];
}

Gazetteer Gazetteer::load(const std::string& path) {
    return parse(read(path), path);
}

std::string Gazetteer::read(const std::string& path) {
    return ConfigDocument::read(path, "gazetteer", "schemas/entities.xml");
}

Gazetteer Gazetteer::parse(std::string_view xml, const std::string& source_name) {
    const ConfigDocument rep(xml, "gazetteer", source_name);
    const EntityTokenizer tokenizer;

    const auto root = rep.root();
    if (std::strcmp(root.name(), "gazetteer") != 0) {
        rep.fail(line_of(rep, root), std::string("root element is <") + root.name() + ">",
                 "the root element must be <gazetteer version=\"1\">");
    }
    std::vector<OwnedEntity> owned;
    std::map<std::string, std::size_t, std::less<>> ids;  // id -> entity, while reading
    {
        const std::string v = root.attribute("version").value();
        if (v != "1") {
            rep.fail(line_of(rep, root),
                     v.empty() ? std::string("missing version attribute")
                               : "unsupported version \"" + v + "\"",
                     "write <gazetteer version=\"1\">");
        }
    }

    for (const auto& node : root.children()) {
        if (node.type() != pugi::node_element) continue;
        const int line = line_of(rep, node);
        if (std::strcmp(node.name(), "entity") != 0) {
            rep.fail(line, std::string("unexpected element <") + node.name() + ">",
                     "only <entity> elements may appear inside <gazetteer>");
        }
        OwnedEntity e;
        e.line = line;
        e.id = node.attribute("id").value();
        if (!valid_id(e.id)) {
            rep.fail(line, "bad entity id \"" + e.id + "\"",
                     "ids are non-empty and use only a-z, 0-9 and '-' (e.g. kim-jong-un)");
        }
        if (const auto it = ids.find(e.id); it != ids.end()) {
            rep.fail(line,
                     "duplicate entity id \"" + e.id + "\" (first defined on line " +
                         std::to_string(owned[it->second].line) + ")",
                     "give each entity its own id or merge the two entries");
        }
        const std::string type_text = node.attribute("type").value();
        const auto type = entity_type_from_string(type_text);
        if (!type) {
            rep.fail(line, "entity \"" + e.id + "\" has unknown type \"" + type_text + "\"",
                     "use type=\"person\", \"org\" or \"place\"");
        }
        e.type = *type;
        e.name = ConfigDocument::trimmed(node.attribute("name").value());
        if (e.name.empty()) {
            rep.fail(line, "entity \"" + e.id + "\" has no name",
                     "add name=\"...\" (the display name, itself an alias)");
        }

        // The name is the first alias; flags come from a same-keyed <alias> if there is one.
        const auto add_alias = [&](OwnedAlias alias) {
            tokenizer.keys(alias.text, alias.folded_key, alias.exact_key);
            if (alias.folded_key.empty()) {
                rep.fail(alias.line,
                         "alias \"" + alias.text + "\" of \"" + e.id + "\" has no letters",
                         "remove it or write a name with letters or digits");
            }
            for (auto& old : e.aliases) {
                if (old.folded_key != alias.folded_key) continue;
                if (old.exact_case != alias.exact_case && old.exact_case) {
                    old.exact_case = false;  // the case-insensitive form covers the exact one
                } else if (old.exact_case && old.exact_key != alias.exact_key) {
                    continue;  // two exact forms differing in case are different aliases
                }
                // The <alias> element carrying the flags is where a fix would go.
                if (alias.ambiguous && !old.ambiguous) old.line = alias.line;
                old.ambiguous = old.ambiguous || alias.ambiguous;
                old.is_default = old.is_default || alias.is_default;
                // Written once without the condition, the alias counts anywhere.
                old.before_place = old.before_place && alias.before_place;
                return;
            }
            e.aliases.push_back(std::move(alias));
        };
        OwnedAlias name;
        name.text = e.name;
        name.exact_case = looks_like_acronym(e.name);
        name.line = line;
        add_alias(std::move(name));

        for (const auto& child : node.children()) {
            if (child.type() != pugi::node_element) continue;
            const int cline = line_of(rep, child);
            const std::string_view cname = child.name();
            if (cname == "alias") {
                OwnedAlias alias;
                alias.line = cline;
                alias.text = ConfigDocument::trimmed(child.child_value());
                if (alias.text.empty()) {
                    rep.fail(cline, "empty <alias> in entity \"" + e.id + "\"",
                             "write the alias text or remove the element");
                }
                const std::string case_attr = child.attribute("case").value();
                if (case_attr.empty()) {
                    alias.exact_case = looks_like_acronym(alias.text);
                } else if (case_attr == "exact") {
                    alias.exact_case = true;
                } else if (case_attr == "ignore") {
                    alias.exact_case = false;
                } else {
                    rep.fail(
                        cline, "unknown case=\"" + case_attr + "\"",
                        "use case=\"exact\" (or case=\"ignore\" to match an acronym in any case)");
                }
                const std::string before = child.attribute("before").value();
                if (before == "place") {
                    alias.before_place = true;
                } else if (!before.empty()) {
                    rep.fail(cline, "unknown before=\"" + before + "\"",
                             "use before=\"place\" (the alias counts only right before a "
                             "place's name) or drop the attribute");
                }
                alias.ambiguous = parse_bool(rep, child, "ambiguous");
                alias.is_default = parse_bool(rep, child, "default");
                if (alias.is_default && !alias.ambiguous) {
                    rep.fail(
                        cline,
                        "alias \"" + alias.text + "\" has default=\"true\" but is not ambiguous",
                        "add ambiguous=\"true\" or drop default");
                }
                add_alias(std::move(alias));
            } else if (cname == "also" || cname == "context") {
                const std::string ref = child.attribute("ref").value();
                if (!valid_id(ref)) {
                    rep.fail(cline,
                             "<" + std::string(cname) + "> in \"" + e.id + "\" has bad ref \"" +
                                 ref + "\"",
                             "write ref=\"an-entity-id\"");
                }
                if (ref == e.id) {
                    rep.fail(cline, "entity \"" + e.id + "\" refers to itself",
                             "remove the reference");
                }
                (cname == "also" ? e.also : e.context).push_back(ref);
            } else if (cname != "note") {
                rep.fail(
                    cline,
                    "unexpected element <" + std::string(cname) + "> in entity \"" + e.id + "\"",
                    "allowed are <alias>, <also ref>, <context ref> and <note>");
            }
        }
        ids.emplace(e.id, owned.size());
        owned.push_back(std::move(e));
    }

    for (const auto& e : owned) {
        for (const auto* refs : {&e.also, &e.context}) {
            for (const auto& ref : *refs) {
                if (!ids.count(ref)) {
                    rep.fail(e.line,
                             "entity \"" + e.id + "\" refers to unknown entity \"" + ref + "\"",
                             "add an entity with that id or fix the ref");
                }
            }
        }
    }

    // The sharing rules: a shared alias is ambiguous everywhere, one default. Views into the
    // aliases' own keys: `owned` no longer changes from here on.
    struct Entry {
        std::size_t entity;
        std::size_t alias;
        std::string_view raw;
    };
    std::size_t alias_count = 0;
    for (const auto& e : owned) alias_count += e.aliases.size();
    std::unordered_map<std::string_view, std::vector<Entry>> groups;
    groups.reserve(alias_count);
    for (std::size_t ei = 0; ei < owned.size(); ++ei) {
        const auto& e = owned[ei];
        for (std::size_t ai = 0; ai < e.aliases.size(); ++ai) {
            const auto& a = e.aliases[ai];
            groups[a.folded_key].push_back(Entry{ei, ai, a.exact_key});
        }
    }
    for (auto& [key, entries] : groups) {
        const auto clash = [&](const Entry& x, const Entry& y) {
            if (x.entity == y.entity) return false;
            const auto& ax = owned[x.entity].aliases[x.alias];
            const auto& ay = owned[y.entity].aliases[y.alias];
            return !(ax.exact_case && ay.exact_case && x.raw != y.raw);
        };
        for (const auto& x : entries) {
            const auto& ex = owned[x.entity];
            const auto& ax = ex.aliases[x.alias];
            int defaults = ax.is_default ? 1 : 0;
            bool shared = false;
            for (const auto& y : entries) {
                if (!clash(x, y)) continue;
                shared = true;
                const auto& ey = owned[y.entity];
                const auto& ay = ey.aliases[y.alias];
                if (!ax.ambiguous || !ay.ambiguous) {
                    const auto& [first, second] =
                        ax.line <= ay.line ? std::pair{&ax, &ay} : std::pair{&ay, &ax};
                    const auto& e1 = first == &ax ? ex : ey;
                    const auto& e2 = first == &ax ? ey : ex;
                    rep.fail(
                        second->line,
                        "duplicate alias \"" + second->text + "\": entity \"" + e2.id +
                            "\" and entity \"" + e1.id + "\" (line " + std::to_string(first->line) +
                            ") both have it",
                        "remove one, or mark it ambiguous=\"true\" on every entity that has it "
                        "and default=\"true\" on exactly one");
                }
                if (ay.is_default) ++defaults;
            }
            if (shared && defaults != 1) {
                rep.fail(ax.line,
                         "ambiguous alias \"" + ax.text + "\" (entity \"" + ex.id + "\") has " +
                             std::to_string(defaults) + " defaults among the entities sharing it",
                         "mark exactly one of them default=\"true\"");
            }
        }
    }
    // The views: every entity's aliases and references in one array each, sized up front so
    // the spans taken while filling them stay valid.
    auto data = std::make_shared<Data>();
    data->version = 1;
    data->owned = std::move(owned);
    std::size_t ref_count = 0;
    for (const auto& e : data->owned) ref_count += e.also.size() + e.context.size();
    data->entities.reserve(data->owned.size());
    data->aliases.reserve(alias_count);
    data->refs.reserve(ref_count);
    for (const auto& o : data->owned) {
        Entity e;
        e.id = o.id;
        e.type = o.type;
        e.name = o.name;
        e.line = o.line;
        const std::size_t first_alias = data->aliases.size();
        for (const auto& a : o.aliases) {
            EntityAlias v;
            v.text = a.text;
            v.exact_case = a.exact_case;
            v.ambiguous = a.ambiguous;
            v.is_default = a.is_default;
            v.before_place = a.before_place;
            v.line = a.line;
            v.folded_key = a.folded_key;
            v.exact_key = a.exact_key;
            data->aliases.push_back(v);
        }
        e.aliases = std::span<const EntityAlias>(data->aliases).subspan(first_alias);
        const std::size_t first_also = data->refs.size();
        data->refs.insert(data->refs.end(), o.also.begin(), o.also.end());
        e.also = std::span<const std::string_view>(data->refs).subspan(first_also);
        const std::size_t first_context = data->refs.size();
        data->refs.insert(data->refs.end(), o.context.begin(), o.context.end());
        e.context = std::span<const std::string_view>(data->refs).subspan(first_context);
        data->entities.push_back(e);
    }
    mark_acronyms_spelling_name_words(*data);
    index(*data);
    return Gazetteer(std::move(data));
}

void Gazetteer::mark_acronyms_spelling_name_words(Data& data) {
    // Every word an alias writes with a lower-case letter, folded, and the entity writing it
    // (kSeveral once several do), so each acronym is one look-up.
    constexpr std::size_t kSeveral = static_cast<std::size_t>(-1);
    std::unordered_map<std::string, std::size_t> lower_case_words;
    for (std::size_t ei = 0; ei < data.entities.size(); ++ei) {
        for (const auto& a : data.entities[ei].aliases) {
            const std::string_view key = a.exact_key;
            std::size_t begin = 0;
            for (std::size_t i = 0; i <= key.size(); ++i) {
                if (i < key.size() && !EntityTokenizer::is_gap_char(key[i])) continue;
                const std::string_view w = key.substr(begin, i - begin);
                begin = i + 1;
                if (std::none_of(w.begin(), w.end(), [](char c) { return c >= 'a' && c <= 'z'; }))
                    continue;
                std::string folded(w);
                for (char& c : folded) c = ascii::to_lower(c);
                const auto [it, added] = lower_case_words.emplace(std::move(folded), ei);
                if (!added && it->second != ei) it->second = kSeveral;
            }
        }
    }
    for (std::size_t ei = 0; ei < data.entities.size(); ++ei) {
        for (const auto& view : data.entities[ei].aliases) {
            auto& a = data.aliases[static_cast<std::size_t>(&view - data.aliases.data())];
            if (!a.exact_case) continue;
            const auto it = lower_case_words.find(EntityTokenizer::acronym_word(a.folded_key));
            a.spells_a_name_word = it != lower_case_words.end() && it->second != ei;
        }
    }
}

void Gazetteer::index(Data& data) {
    const auto& entities = data.entities;
    data.by_id.resize(entities.size());
    for (std::uint32_t ei = 0; ei < data.by_id.size(); ++ei) data.by_id[ei] = ei;
    std::sort(data.by_id.begin(), data.by_id.end(),
              [&](std::uint32_t x, std::uint32_t y) { return entities[x].id < entities[y].id; });
    data.by_key.clear();
    for (std::uint32_t ei = 0; ei < entities.size(); ++ei) {
        for (std::uint32_t ai = 0; ai < entities[ei].aliases.size(); ++ai)
            data.by_key.push_back(AliasRef{ei, ai});
    }
    // Stable: aliases under one key stay in file order.
    const auto key = [&](AliasRef r) { return entities[r.entity].aliases[r.alias].folded_key; };
    std::stable_sort(data.by_key.begin(), data.by_key.end(),
                     [&](AliasRef x, AliasRef y) { return key(x) < key(y); });
}

namespace {

// Snapshot layout (SnapshotWriter): magic, stamp, version, entities (every field, keys
// included), the two look-up orders of index() (sorting them was most of a load), then the
// XXH3 of everything before it. The stamp names the schema version.
constexpr std::string_view kSnapshotMagic = "yalu-gazetteer-snapshot-4\n";

}  // namespace

std::string Gazetteer::source_stamp(std::string_view xml, int schema_version) {
    return ConfigDocument::snapshot_stamp("entities.xml", XXH3_64bits(xml.data(), xml.size()),
                                          schema_version);
}

std::string Gazetteer::file_stamp(const std::string& path, int schema_version) {
    return ConfigDocument::snapshot_stamp(
        "entities.xml", ConfigDocument::hash_file(path, "gazetteer", "schemas/entities.xml"),
        schema_version);
}

std::string Gazetteer::snapshot(std::string_view stamp) const {
    return serialize(stamp, true);
}

std::uint64_t Gazetteer::content_fingerprint() const {
    // Line numbers only place messages: a comment added above an entity must not make every
    // article's hash change (a nightly run would rewrite the whole archive).
    const std::string bytes = serialize("", false);
    return XXH3_64bits(bytes.data(), bytes.size());
}

std::string Gazetteer::serialize(std::string_view stamp, bool with_lines) const {
    const auto line = [with_lines](std::size_t n) {
        return with_lines ? static_cast<std::uint32_t>(n) : 0u;
    };
    const Data& d = *data_;
    SnapshotWriter w;
    w.str(kSnapshotMagic);
    w.str(stamp);
    w.u32(static_cast<std::uint32_t>(d.version));
    w.u32(static_cast<std::uint32_t>(d.entities.size()));
    for (const auto& e : d.entities) {
        w.str(e.id);
        w.u32(static_cast<std::uint32_t>(e.type));
        w.str(e.name);
        w.u32(line(e.line));
        w.strs(e.also);
        w.strs(e.context);
        w.u32(static_cast<std::uint32_t>(e.aliases.size()));
        for (const auto& a : e.aliases) {
            w.str(a.text);
            w.u32((a.exact_case ? 1u : 0u) | (a.ambiguous ? 2u : 0u) | (a.is_default ? 4u : 0u) |
                  (a.spells_a_name_word ? 8u : 0u) | (a.before_place ? 16u : 0u));
            w.u32(line(a.line));
            w.str(a.folded_key);
            w.str(a.exact_key);
        }
    }
    w.u32(static_cast<std::uint32_t>(d.by_id.size()));
    for (const auto e : d.by_id) w.u32(e);
    w.u32(static_cast<std::uint32_t>(d.by_key.size()));
    for (const auto& ref : d.by_key) {
        w.u32(ref.entity);
        w.u32(ref.alias);
    }
    return w.finish();
}

std::optional<Gazetteer> Gazetteer::from_snapshot(SnapshotBytes bytes, std::string_view stamp) {
    const auto checked = SnapshotReader::checked_body(bytes.view());
    if (!checked) return std::nullopt;
    const std::size_t body_size = checked->size();
    // The views point into the Data's own bytes: moved there before reading.
    auto data = std::make_shared<Data>();
    data->bytes = std::move(bytes);
    const std::string_view body = data->bytes.view().substr(0, body_size);
    SnapshotReader r(body);
    if (r.str() != kSnapshotMagic || r.str() != stamp) return std::nullopt;
    data->version = static_cast<int>(r.u32());
    // Where each entity's aliases, `also` and `context` start in data->aliases and
    // data->refs: the spans are taken once both arrays have stopped growing.
    struct Starts {
        std::uint32_t alias = 0;
        std::uint32_t also = 0;
        std::uint32_t also_count = 0;
        std::uint32_t context_count = 0;
    };
    std::vector<Starts> starts;
    // An entity takes at least 28 bytes, an alias 20: damaged counts cannot reserve much.
    const std::size_t claimed = r.u32();
    const auto count = std::min(claimed, r.left() / 28);
    data->entities.reserve(count);
    starts.reserve(count);
    // Room for the aliases as the shipped gazetteer writes them (about 90 bytes of snapshot
    // each), so the array rarely grows: its copies were a sixth of a load.
    data->aliases.reserve(r.left() / 64);
    for (std::size_t i = 0; i < count && r.ok(); ++i) {
        Entity e;
        Starts at;
        e.id = r.str();
        const auto type = r.u32();
        if (type > static_cast<std::uint32_t>(EntityType::place)) return std::nullopt;
        e.type = static_cast<EntityType>(type);
        e.name = r.str();
        e.line = static_cast<int>(r.u32());
        at.also = static_cast<std::uint32_t>(data->refs.size());
        at.also_count = static_cast<std::uint32_t>(r.strs(data->refs));
        at.context_count = static_cast<std::uint32_t>(r.strs(data->refs));
        at.alias = static_cast<std::uint32_t>(data->aliases.size());
        const std::size_t claimed_aliases = r.u32();
        const auto alias_count = std::min(claimed_aliases, r.left() / 20);
        for (std::size_t k = 0; k < alias_count && r.ok(); ++k) {
            EntityAlias a;
            a.text = r.str();
            const auto flags = r.u32();
            a.exact_case = (flags & 1u) != 0;
            a.ambiguous = (flags & 2u) != 0;
            a.is_default = (flags & 4u) != 0;
            a.spells_a_name_word = (flags & 8u) != 0;
            a.before_place = (flags & 16u) != 0;
            a.line = static_cast<int>(r.u32());
            a.folded_key = r.str();
            a.exact_key = r.str();
            data->aliases.push_back(a);
        }
        data->entities.push_back(e);
        starts.push_back(at);
    }
    if (!r.ok()) return std::nullopt;
    for (std::size_t i = 0; i < data->entities.size(); ++i) {
        const Starts& at = starts[i];
        const std::size_t alias_end =
            i + 1 < starts.size() ? starts[i + 1].alias : data->aliases.size();
        Entity& e = data->entities[i];
        e.aliases =
            std::span<const EntityAlias>(data->aliases).subspan(at.alias, alias_end - at.alias);
        e.also = std::span<const std::string_view>(data->refs).subspan(at.also, at.also_count);
        e.context = std::span<const std::string_view>(data->refs)
                        .subspan(at.also + at.also_count, at.context_count);
    }
    // The orders index() made when the snapshot was written; positions are checked, so damage
    // that the checksum missed cannot index out of range.
    const std::size_t id_count = r.u32();
    data->by_id.resize(std::min(id_count, r.left() / 4));
    for (auto& e : data->by_id) e = r.u32();
    const std::size_t key_count = r.u32();
    data->by_key.resize(std::min(key_count, r.left() / 8));
    for (auto& ref : data->by_key) {
        ref.entity = r.u32();
        ref.alias = r.u32();
    }
    if (!r.at_end() || data->by_id.size() != data->entities.size()) return std::nullopt;
    if (data->by_key.size() != data->aliases.size()) return std::nullopt;
    for (const auto e : data->by_id)
        if (e >= data->entities.size()) return std::nullopt;
    for (const auto& ref : data->by_key)
        if (ref.entity >= data->entities.size() ||
            ref.alias >= data->entities[ref.entity].aliases.size())
            return std::nullopt;
    Gazetteer g(std::move(data));
    // References must resolve, as parse() guarantees: EntityMatcher follows them blindly.
    for (const auto& e : g.entities()) {
        for (const auto refs : {e.also, e.context})
            for (const auto& ref : refs)
                if (!g.find(ref)) return std::nullopt;
    }
    return g;
}

const Entity* Gazetteer::find(std::string_view id) const {
    const auto& entities = data_->entities;
    const auto it = std::lower_bound(
        data_->by_id.begin(), data_->by_id.end(), id,
        [&](std::uint32_t e, std::string_view key) { return entities[e].id < key; });
    return it == data_->by_id.end() || entities[*it].id != id ? nullptr : &entities[*it];
}

std::vector<std::pair<std::size_t, const EntityAlias*>> Gazetteer::aliases_starting_with(
    std::string_view word) const {
    std::vector<std::pair<std::size_t, const EntityAlias*>> out;
    if (word.empty()) return out;
    const auto& by_key = data_->by_key;
    const auto add_range = [&](std::string_view prefix, bool whole) {
        auto it = std::lower_bound(
            by_key.begin(), by_key.end(), prefix,
            [&](AliasRef a, std::string_view k) { return alias_at(a).folded_key < k; });
        for (; it != by_key.end(); ++it) {
            const std::string_view key = alias_at(*it).folded_key;
            if (whole ? key != prefix : !key.starts_with(prefix)) break;
            out.emplace_back(it->entity, &alias_at(*it));
        }
    };
    // The key itself, then one range per gap character: sorted keys that begin with the word
    // and a gap are contiguous, but letters and digits sort between the three gaps.
    add_range(word, true);
    std::string prefix(word);
    prefix.push_back(' ');
    for (const char gap : {' ', '.', '|'}) {
        prefix.back() = gap;
        add_range(prefix, false);
    }
    // The aliases lie in one array in file order (entity after entity).
    std::sort(out.begin(), out.end(),
              [](const auto& x, const auto& y) { return x.second < y.second; });
    return out;
}

std::size_t Gazetteer::index_of(const Entity& entity) const {
    return static_cast<std::size_t>(&entity - data_->entities.data());
}

std::vector<const Entity*> Gazetteer::lookup(std::string_view user_text) const {
    // Users may quote the value (person:"Kim Jong Un") with straight or curly quotes.
    const auto strip = [](std::string_view& s) {
        bool changed = true;
        while (changed && !s.empty()) {
            changed = false;
            for (std::string_view q : {" ", "\t", "\"", "\u201C", "\u201D"}) {
                if (s.starts_with(q)) {
                    s.remove_prefix(q.size());
                    changed = true;
                }
                if (s.ends_with(q)) {
                    s.remove_suffix(q.size());
                    changed = true;
                }
            }
        }
    };
    strip(user_text);
    std::vector<const Entity*> out;
    if (user_text.empty()) return out;
    if (const auto* e = find(user_text)) {
        out.push_back(e);
        return out;
    }
    const EntityTokenizer tokenizer;
    const std::string key = tokenizer.folded_key(user_text);
    const auto& by_key = data_->by_key;
    const auto first = std::lower_bound(
        by_key.begin(), by_key.end(), key,
        [&](AliasRef a, const std::string& k) { return alias_at(a).folded_key < k; });
    const std::string raw = tokenizer.exact_key(user_text);
    std::set<std::size_t> hits;
    std::set<std::size_t> case_only;
    for (auto it = first; it != by_key.end() && alias_at(*it).folded_key == key; ++it) {
        const EntityAlias& a = alias_at(*it);
        if (!a.exact_case || a.exact_key == raw) {
            hits.insert(it->entity);
        } else {
            case_only.insert(it->entity);
        }
    }
    // "dprk" still finds North Korea, unless the lower-case form is claimed or shared.
    if (hits.empty() && case_only.size() == 1) hits = case_only;
    for (const auto i : hits) out.push_back(&data_->entities[i]);
    std::sort(out.begin(), out.end(),
              [](const Entity* x, const Entity* y) { return x->id < y->id; });
    return out;
}

std::vector<const Entity*> Gazetteer::lookup_name(std::string_view user_text) const {
    auto found = lookup(user_text);
    if (!found.empty()) return found;
    // As in text: a possessive (Kim Jong Un's) or a Hangul particle (김정은은, 북한의) after
    // the name. Quotes first, so that "Kim Jong Un's" ends in the possessive.
    while (!user_text.empty() && (user_text.back() == '"' || user_text.back() == ' '))
        user_text.remove_suffix(1);
    for (std::string_view s : {"'s", "\u2019s"}) {
        if (user_text.size() > s.size() && user_text.ends_with(s))
            return lookup(user_text.substr(0, user_text.size() - s.size()));
    }
    EntityTokenizer::for_each_particle_cut(user_text, [&](std::size_t cut) {
        found = lookup(user_text.substr(0, cut));
        return !found.empty();
    });
    return found;
}

}  // namespace yalu
