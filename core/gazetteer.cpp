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
#include <atomic>
#include <cstdint>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <span>
#include <type_traits>
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
    bool context_required = false;
    // The entity's name, no <alias> of the same key merged into it yet: it takes that alias's
    // condition (context="required"), as it takes ambiguous="true".
    bool name_only = false;
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

// Room for `count` objects of T, each made in place (std::construct_at) when it is needed, so
// that pages of it nobody asks for are never touched: a search reads a few of the gazetteer's
// 1,879 entities, and building them all (fresh memory for ~500 kB of views) was most of
// loading it. T is trivially destructible: nothing is destroyed.
template <class T>
class Slots {
    static_assert(std::is_trivially_destructible_v<T>);

public:
    Slots() = default;
    ~Slots() { release(); }
    Slots(const Slots&) = delete;
    Slots& operator=(const Slots&) = delete;
    // Room for `count`, none made yet (what was here before is given back).
    void allocate(std::size_t count) {
        release();
        at_ = count ? std::allocator<T>().allocate(count) : nullptr;
        count_ = count;
    }
    [[nodiscard]] T* data() const { return at_; }
    [[nodiscard]] std::size_t size() const { return count_; }

private:
    void release() {
        if (at_) std::allocator<T>().deallocate(at_, count_);
        at_ = nullptr;
    }

    T* at_ = nullptr;
    std::size_t count_ = 0;
};

// Where one entity's record and its aliases and references begin (a snapshot's entities).
struct Record {
    std::uint32_t offset = 0;       // in the snapshot's body
    std::uint32_t first_alias = 0;  // in Data::aliases
    std::uint32_t first_ref = 0;    // in Data::refs
};

// What read_record() found besides the entity's own fields.
struct RecordCounts {
    std::uint32_t type = 0;
    std::size_t also = 0;
    std::size_t context = 0;
    std::size_t aliases = 0;
};

// One entity record of a snapshot (SnapshotWriter order: id, type, name, line, also ids,
// context ids, aliases), its views into `r`'s bytes: the entity's own fields into `e`, each id
// of `also` and then of `context` to on_ref(), each alias to on_alias(alias). Counts are
// capped by the bytes left, as a damaged count must not reserve much; `r.ok()` says whether
// the record was whole. Validating, building and looking up a key all read a record through
// this one function, so they read the same bytes the same way.
template <class OnRef, class OnAlias>
RecordCounts read_record(SnapshotReader& r, Entity& e, OnRef&& on_ref, OnAlias&& on_alias) {
    RecordCounts counts;
    e.id = r.str();
    counts.type = r.u32();
    e.type = static_cast<EntityType>(
        std::min<std::uint32_t>(counts.type, static_cast<std::uint32_t>(EntityType::place)));
    e.name = r.str();
    e.line = static_cast<int>(r.u32());
    // Each string takes at least its 4-byte length.
    for (std::size_t* list : {&counts.also, &counts.context}) {
        const std::size_t claimed = r.u32();
        const std::size_t n = std::min(claimed, r.left() / sizeof(std::uint32_t));
        for (std::size_t i = 0; i < n && r.ok(); ++i) on_ref(r.str());
        *list = r.ok() ? n : 0;
    }
    // An alias takes at least 20 bytes.
    const std::size_t claimed = r.u32();
    counts.aliases = std::min(claimed, r.left() / 20);
    for (std::size_t k = 0; k < counts.aliases && r.ok(); ++k) {
        EntityAlias a;
        a.text = r.str();
        const auto flags = r.u32();
        a.exact_case = (flags & 1u) != 0;
        a.ambiguous = (flags & 2u) != 0;
        a.is_default = (flags & 4u) != 0;
        a.spells_a_name_word = (flags & 8u) != 0;
        a.before_place = (flags & 16u) != 0;
        a.context_required = (flags & 32u) != 0;
        a.line = static_cast<int>(r.u32());
        a.folded_key = r.str();
        a.exact_key = r.str();
        if (!on_alias(a)) break;
    }
    return counts;
}

// The u32 at position `k` of an array of them in a snapshot's bytes (unaligned).
std::uint32_t u32_at(std::string_view bytes, std::size_t k) {
    std::uint32_t v = 0;
    std::memcpy(&v, bytes.data() + k * sizeof v, sizeof v);
    return v;
}

// The first position in [0, n) at which less(position) is false, less being true for a
// prefix of the positions.
template <class Less>
std::size_t first_not_less(std::size_t n, Less&& less) {
    std::size_t lo = 0;
    while (n > 0) {
        const std::size_t half = n / 2;
        if (less(lo + half)) {
            lo += half + 1;
            n -= half + 1;
        } else {
            n = half;
        }
    }
    return lo;
}

}  // namespace

// Built once, then shared: the views in entities, aliases and refs point into bytes (a
// snapshot) or owned (parsed XML), which never move once the Data is made. parse() makes every
// entity at once; a snapshot's are made one by one from their records, the first time anyone
// asks for them (entity()), under `building`, so copies on several threads may share it.
struct Gazetteer::Data {
    SnapshotBytes bytes;
    std::vector<OwnedEntity> owned;
    int version = 0;
    std::size_t count = 0;         // entities
    Slots<Entity> entities;        // in file order
    Slots<EntityAlias> aliases;    // every entity's, entity after entity
    Slots<std::string_view> refs;  // every entity's also and context ids
    // parse(): the look-up orders index() made; empty for a snapshot, whose own are read in
    // place (by_id_bytes: u32 entity indices sorted by id; by_key_bytes: u32 pairs, every
    // alias sorted by folded key, stable).
    std::vector<std::uint32_t> by_id;
    std::vector<AliasRef> by_key;
    std::string_view by_id_bytes;
    std::string_view by_key_bytes;
    // A snapshot's: its body, where each entity's record begins (count + 1: the last holds the
    // totals), and which entities are made. Null `built`: every entity is (parse()).
    std::string_view body;
    std::vector<Record> records;
    std::unique_ptr<std::atomic<bool>[]> built;
    mutable std::atomic<bool> all_built{false};
    mutable std::mutex building;
};

Gazetteer::Gazetteer() : data_(std::make_shared<const Data>()) {}

Gazetteer::Gazetteer(std::shared_ptr<const Data> data) : data_(std::move(data)) {}

int Gazetteer::version() const {
    return data_->version;
}

std::size_t Gazetteer::entity_count() const {
    return data_->count;
}

const Entity& Gazetteer::entity(std::size_t index) const {
    const Data& d = *data_;
    if (d.built && !d.built[index].load(std::memory_order_acquire)) build(d, index);
    return d.entities.data()[index];
}

std::span<const Entity> Gazetteer::entities() const {
    const Data& d = *data_;
    if (d.built && !d.all_built.load(std::memory_order_acquire)) {
        for (std::size_t e = 0; e < d.count; ++e) (void)entity(e);
        d.all_built.store(true, std::memory_order_release);
    }
    return {d.entities.data(), d.count};
}

void Gazetteer::build(const Data& d, std::size_t index) {
    const std::lock_guard lock(d.building);
    if (d.built[index].load(std::memory_order_relaxed)) return;
    const Record& at = d.records[index];
    const Record& next = d.records[index + 1];
    // from_snapshot() read every record whole, each reference resolving: this cannot fail.
    SnapshotReader r(d.body.substr(at.offset, next.offset - at.offset));
    Entity* e = std::construct_at(d.entities.data() + index);
    std::string_view* ref = d.refs.data() + at.first_ref;
    EntityAlias* alias = d.aliases.data() + at.first_alias;
    const RecordCounts counts = read_record(
        r, *e, [&](std::string_view id) { std::construct_at(ref++, id); },
        [&](const EntityAlias& a) {
            std::construct_at(alias++, a);
            return true;
        });
    e->aliases = {d.aliases.data() + at.first_alias, next.first_alias - at.first_alias};
    e->also = {d.refs.data() + at.first_ref, counts.also};
    e->context = {d.refs.data() + at.first_ref + counts.also, counts.context};
    d.built[index].store(true, std::memory_order_release);
}

std::string_view Gazetteer::id_of(std::size_t index) const {
    const Data& d = *data_;
    if (!d.built) return d.entities.data()[index].id;
    return SnapshotReader(d.body.substr(d.records[index].offset)).str();
}

std::string_view Gazetteer::folded_key_of(AliasRef ref) const {
    const Data& d = *data_;
    if (!d.built) return alias_at(ref).folded_key;
    // Read in place: a binary search over the keys makes none of the entities it passes.
    const Record& at = d.records[ref.entity];
    SnapshotReader r(d.body.substr(at.offset, d.records[ref.entity + 1].offset - at.offset));
    Entity scratch;
    std::string_view key;
    std::uint32_t k = 0;
    (void)read_record(
        r, scratch, [](std::string_view) {},
        [&](const EntityAlias& a) {
            if (k++ != ref.alias) return true;
            key = a.folded_key;
            return false;
        });
    return key;
}

std::uint32_t Gazetteer::by_id_at(std::size_t k) const {
    const Data& d = *data_;
    return d.built ? u32_at(d.by_id_bytes, k) : d.by_id[k];
}

Gazetteer::AliasRef Gazetteer::by_key_at(std::size_t k) const {
    const Data& d = *data_;
    if (!d.built) return d.by_key[k];
    return AliasRef{u32_at(d.by_key_bytes, 2 * k), u32_at(d.by_key_bytes, 2 * k + 1)};
}

const EntityAlias& Gazetteer::alias_at(AliasRef ref) const {
    return entity(ref.entity).aliases[ref.alias];
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
                if ((alias.ambiguous && !old.ambiguous) ||
                    (alias.context_required && old.name_only))
                    old.line = alias.line;
                old.ambiguous = old.ambiguous || alias.ambiguous;
                old.is_default = old.is_default || alias.is_default;
                // Written once without the condition, the alias counts anywhere.
                old.before_place = old.before_place && alias.before_place;
                old.context_required = old.name_only
                                           ? alias.context_required
                                           : old.context_required && alias.context_required;
                old.name_only = false;
                return;
            }
            e.aliases.push_back(std::move(alias));
        };
        OwnedAlias name;
        name.text = e.name;
        name.exact_case = looks_like_acronym(e.name);
        name.line = line;
        name.name_only = true;
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
                const std::string context = child.attribute("context").value();
                if (context == "required") {
                    alias.context_required = true;
                } else if (!context.empty()) {
                    rep.fail(cline, "unknown context=\"" + context + "\"",
                             "use context=\"required\" (the alias counts only in an article "
                             "that names one of the entity's <context ref> entities) or drop the "
                             "attribute");
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
        // Checked once the whole entity is read: its <context ref>s follow its aliases.
        for (const auto& alias : e.aliases) {
            if (alias.context_required && e.context.empty()) {
                rep.fail(alias.line,
                         "alias \"" + alias.text + "\" of \"" + e.id +
                             "\" has context=\"required\" but the entity has no <context ref>",
                         "add <context ref=\"an-entity-id\"/> naming what its articles name "
                         "beside it, or drop context=\"required\"");
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
    data->count = data->owned.size();
    data->entities.allocate(data->count);
    data->aliases.allocate(alias_count);
    data->refs.allocate(ref_count);
    EntityAlias* alias = data->aliases.data();
    std::string_view* ref = data->refs.data();
    for (std::size_t ei = 0; ei < data->count; ++ei) {
        const OwnedEntity& o = data->owned[ei];
        Entity* e = std::construct_at(data->entities.data() + ei);
        e->id = o.id;
        e->type = o.type;
        e->name = o.name;
        e->line = o.line;
        e->aliases = {alias, o.aliases.size()};
        for (const auto& a : o.aliases) {
            EntityAlias* v = std::construct_at(alias++);
            v->text = a.text;
            v->exact_case = a.exact_case;
            v->ambiguous = a.ambiguous;
            v->is_default = a.is_default;
            v->before_place = a.before_place;
            v->context_required = a.context_required;
            v->line = a.line;
            v->folded_key = a.folded_key;
            v->exact_key = a.exact_key;
        }
        e->also = {ref, o.also.size()};
        for (const auto& id : o.also) std::construct_at(ref++, id);
        e->context = {ref, o.context.size()};
        for (const auto& id : o.context) std::construct_at(ref++, id);
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
    const Entity* entities = data.entities.data();
    for (std::size_t ei = 0; ei < data.count; ++ei) {
        for (const auto& a : entities[ei].aliases) {
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
    for (std::size_t ei = 0; ei < data.count; ++ei) {
        for (const auto& view : entities[ei].aliases) {
            auto& a = data.aliases.data()[&view - data.aliases.data()];
            if (!a.exact_case) continue;
            const auto it = lower_case_words.find(EntityTokenizer::acronym_word(a.folded_key));
            a.spells_a_name_word = it != lower_case_words.end() && it->second != ei;
        }
    }
}

void Gazetteer::index(Data& data) {
    const Entity* entities = data.entities.data();
    data.by_id.resize(data.count);
    for (std::uint32_t ei = 0; ei < data.by_id.size(); ++ei) data.by_id[ei] = ei;
    std::sort(data.by_id.begin(), data.by_id.end(),
              [&](std::uint32_t x, std::uint32_t y) { return entities[x].id < entities[y].id; });
    data.by_key.clear();
    for (std::uint32_t ei = 0; ei < data.count; ++ei) {
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
// 5: an alias's flags gained context="required" (bit 32), which a snapshot of 4 never sets.
constexpr std::string_view kSnapshotMagic = "yalu-gazetteer-snapshot-5\n";

}  // namespace

std::string Gazetteer::source_stamp(std::string_view xml, int schema_version) {
    return ConfigDocument::source_stamp("entities.xml", xml, schema_version);
}

std::string Gazetteer::file_stamp(const std::string& path, int schema_version,
                                  const FileHashes* known) {
    return ConfigDocument::file_stamp(path, "entities.xml", "gazetteer", "schemas/entities.xml",
                                      schema_version, known);
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
    w.u32(static_cast<std::uint32_t>(d.count));
    for (const auto& e : entities()) {
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
                  (a.spells_a_name_word ? 8u : 0u) | (a.before_place ? 16u : 0u) |
                  (a.context_required ? 32u : 0u));
            w.u32(line(a.line));
            w.str(a.folded_key);
            w.str(a.exact_key);
        }
    }
    w.u32(static_cast<std::uint32_t>(d.count));
    for (std::size_t k = 0; k < d.count; ++k) w.u32(by_id_at(k));
    const std::size_t keys = d.aliases.size();
    w.u32(static_cast<std::uint32_t>(keys));
    for (std::size_t k = 0; k < keys; ++k) {
        const AliasRef ref = by_key_at(k);
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
    data->body = data->bytes.view().substr(0, body_size);
    SnapshotReader r(data->body);
    if (r.str() != kSnapshotMagic || r.str() != stamp) return std::nullopt;
    data->version = static_cast<int>(r.u32());
    // Every record is read once here, whole, and where each begins noted: the entities are
    // made from them only when asked for (entity()), but what is damaged is refused now, while
    // the caller can still parse the XML instead. An entity takes at least 28 bytes.
    const std::size_t claimed = r.u32();
    const auto count = std::min(claimed, r.left() / 28);
    data->records.reserve(count + 1);
    std::vector<std::string_view> refs;  // every also and context id, to resolve below
    std::uint32_t alias_total = 0;
    for (std::size_t i = 0; i < count && r.ok(); ++i) {
        const Record at{static_cast<std::uint32_t>(body_size - r.left()), alias_total,
                        static_cast<std::uint32_t>(refs.size())};
        Entity scratch;
        const RecordCounts counts = read_record(
            r, scratch, [&](std::string_view id) { refs.push_back(id); },
            [](const EntityAlias&) { return true; });
        if (counts.type > static_cast<std::uint32_t>(EntityType::place)) return std::nullopt;
        alias_total += static_cast<std::uint32_t>(counts.aliases);
        data->records.push_back(at);
    }
    if (!r.ok()) return std::nullopt;
    data->count = data->records.size();
    data->records.push_back(Record{static_cast<std::uint32_t>(body_size - r.left()), alias_total,
                                   static_cast<std::uint32_t>(refs.size())});
    // The orders index() made when the snapshot was written, read in place; positions are
    // checked, so damage that the checksum missed cannot index out of range.
    const std::size_t id_count = r.u32();
    data->by_id_bytes = r.bytes(std::min(id_count, r.left() / 4) * 4);
    const std::size_t key_count = r.u32();
    data->by_key_bytes = r.bytes(std::min(key_count, r.left() / 8) * 8);
    if (!r.at_end() || data->by_id_bytes.size() / 4 != data->count) return std::nullopt;
    if (data->by_key_bytes.size() / 8 != alias_total) return std::nullopt;
    for (std::size_t k = 0; k < data->count; ++k)
        if (u32_at(data->by_id_bytes, k) >= data->count) return std::nullopt;
    for (std::size_t k = 0; k < alias_total; ++k) {
        const std::uint32_t e = u32_at(data->by_key_bytes, 2 * k);
        if (e >= data->count || u32_at(data->by_key_bytes, 2 * k + 1) >=
                                    data->records[e + 1].first_alias - data->records[e].first_alias)
            return std::nullopt;
    }
    data->entities.allocate(data->count);
    data->aliases.allocate(alias_total);
    data->refs.allocate(refs.size());
    data->built.reset(new std::atomic<bool>[data->count]());
    Gazetteer g(std::move(data));
    // References must resolve, as parse() guarantees: EntityMatcher follows them blindly.
    // Looked up in place: no entity is made for it.
    for (const auto& ref : refs)
        if (g.index_of_id(ref) == g.entity_count()) return std::nullopt;
    return g;
}

std::size_t Gazetteer::index_of_id(std::string_view id) const {
    const std::size_t count = data_->count;
    const std::size_t k =
        first_not_less(count, [&](std::size_t at) { return id_of(by_id_at(at)) < id; });
    return k == count || id_of(by_id_at(k)) != id ? count : by_id_at(k);
}

const Entity* Gazetteer::find(std::string_view id) const {
    const std::size_t index = index_of_id(id);
    return index == data_->count ? nullptr : &entity(index);
}

std::optional<Gazetteer::Label> Gazetteer::label(std::string_view id) const {
    const Data& d = *data_;
    const std::size_t index = index_of_id(id);
    if (index == d.count) return std::nullopt;
    if (!d.built || d.built[index].load(std::memory_order_acquire)) {
        const Entity& e = d.entities.data()[index];
        return Label{e.type, e.name};
    }
    // The record's first fields: id, type (checked at load), name.
    SnapshotReader r(d.body.substr(d.records[index].offset));
    (void)r.str();
    const auto type = static_cast<EntityType>(r.u32());
    return Label{type, r.str()};
}

std::vector<std::pair<std::size_t, const EntityAlias*>> Gazetteer::aliases_starting_with(
    std::string_view word) const {
    std::vector<std::pair<std::size_t, const EntityAlias*>> out;
    if (word.empty()) return out;
    const std::size_t keys = data_->aliases.size();
    const auto add_range = [&](std::string_view prefix, bool whole) {
        std::size_t k = first_not_less(
            keys, [&](std::size_t at) { return folded_key_of(by_key_at(at)) < prefix; });
        for (; k < keys; ++k) {
            const AliasRef ref = by_key_at(k);
            const std::string_view key = folded_key_of(ref);
            if (whole ? key != prefix : !key.starts_with(prefix)) break;
            out.emplace_back(ref.entity, &alias_at(ref));
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

void Gazetteer::for_each_alias(
    const std::function<void(std::size_t, const EntityAlias&)>& visit) const {
    const Data& d = *data_;
    for (std::size_t e = 0; e < d.count; ++e) {
        if (!d.built || d.built[e].load(std::memory_order_acquire)) {
            for (const auto& a : d.entities.data()[e].aliases) visit(e, a);
            continue;
        }
        const Record& at = d.records[e];
        SnapshotReader r(d.body.substr(at.offset, d.records[e + 1].offset - at.offset));
        Entity scratch;
        (void)read_record(
            r, scratch, [](std::string_view) {},
            [&](const EntityAlias& a) {
                visit(e, a);
                return true;
            });
    }
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
    const std::size_t keys = data_->aliases.size();
    const std::size_t first =
        first_not_less(keys, [&](std::size_t at) { return folded_key_of(by_key_at(at)) < key; });
    const std::string raw = tokenizer.exact_key(user_text);
    std::set<std::size_t> hits;
    std::set<std::size_t> case_only;
    for (std::size_t k = first; k < keys && folded_key_of(by_key_at(k)) == key; ++k) {
        const AliasRef ref = by_key_at(k);
        const EntityAlias& a = alias_at(ref);
        if (!a.exact_case || a.exact_key == raw) {
            hits.insert(ref.entity);
        } else {
            case_only.insert(ref.entity);
        }
    }
    // "dprk" still finds North Korea, unless the lower-case form is claimed or shared.
    if (hits.empty() && case_only.size() == 1) hits = case_only;
    for (const auto i : hits) out.push_back(&entity(i));
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
