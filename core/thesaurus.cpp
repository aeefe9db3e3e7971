#include "thesaurus.hpp"

#include "config_document.hpp"
#include "entity_tokenizer.hpp"
#include "snapshot_reader.hpp"
#include "snapshot_writer.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <cstring>

namespace yalu {

Thesaurus Thesaurus::load(const std::string& path) {
    return parse(ConfigDocument::read(path, "thesaurus", "schemas/thesaurus.xml"), path);
}

Thesaurus Thesaurus::parse(std::string_view xml, const std::string& source_name) {
    const ConfigDocument doc(xml, "thesaurus", source_name);
    const auto root = doc.root();
    if (std::strcmp(root.name(), "thesaurus") != 0 ||
        std::string_view(root.attribute("version").value()) != "1")
        doc.fail(doc.line_of(root), std::string("root element is <") + root.name() + ">",
                 "the root element must be <thesaurus version=\"1\">");

    Thesaurus t;
    const EntityTokenizer tokenizer;
    std::vector<EntityToken> tokens;
    std::string folded;
    std::unordered_map<std::string, long> first_line;  // key -> line, for duplicate messages
    for (const auto& group : root.children()) {
        if (group.type() != pugi::node_element) continue;
        if (std::strcmp(group.name(), "group") != 0)
            doc.fail(doc.line_of(group), std::string("unexpected <") + group.name() + ">",
                     "only <group> elements may appear inside <thesaurus>");
        std::vector<std::string> terms;
        for (const auto& term : group.children()) {
            if (term.type() != pugi::node_element) continue;
            if (std::strcmp(term.name(), "note") == 0) continue;
            if (std::strcmp(term.name(), "term") != 0)
                doc.fail(doc.line_of(term), std::string("unexpected <") + term.name() + ">",
                         "a <group> holds <term> elements and an optional <note>");
            std::string text = ConfigDocument::trimmed(term.child_value());
            // One tokenisation gives both the key and the length in tokens.
            tokenizer.tokenize(text, tokens, folded);
            std::string key = EntityTokenizer::folded_key(tokens, folded);
            if (key.empty())
                doc.fail(doc.line_of(term), "term \"" + text + "\" has no letters",
                         "write a word or remove the <term>");
            if (const auto it = first_line.find(key); it != first_line.end())
                doc.fail(
                    doc.line_of(term),
                    "term \"" + text + "\" is already listed on line " + std::to_string(it->second),
                    "list each term in one group only (merge the groups if they mean the same)");
            first_line.emplace(key, doc.line_of(term));
            t.max_tokens_ = std::max(t.max_tokens_, tokens.size());
            t.by_key_.emplace(std::move(key), t.groups_.size());
            terms.push_back(std::move(text));
        }
        if (terms.size() < 2)
            doc.fail(doc.line_of(group), "a <group> with fewer than two terms",
                     "add the other spellings or remove the group");
        t.groups_.push_back(std::move(terms));
    }
    return t;
}

namespace {

// Snapshot layout (SnapshotWriter): magic, stamp, the longest term in tokens, the groups (each
// its terms as written), the keys sorted with their group, then the XXH3 of it all.
constexpr std::string_view kSnapshotMagic = "yalu-thesaurus-snapshot-1\n";

}  // namespace

std::string Thesaurus::source_stamp(std::string_view xml, int schema_version) {
    return ConfigDocument::source_stamp("thesaurus.xml", xml, schema_version);
}

std::string Thesaurus::file_stamp(const std::string& path, int schema_version,
                                  const FileHashes* known) {
    return ConfigDocument::file_stamp(path, "thesaurus.xml", "thesaurus", "schemas/thesaurus.xml",
                                      schema_version, known);
}

std::string Thesaurus::snapshot(std::string_view stamp) const {
    SnapshotWriter w;
    w.str(kSnapshotMagic);
    w.str(stamp);
    w.u32(static_cast<std::uint32_t>(max_tokens_));
    w.u32(static_cast<std::uint32_t>(groups_.size()));
    for (const auto& group : groups_) {
        w.u32(static_cast<std::uint32_t>(group.size()));
        for (const auto& term : group) w.str(term);
    }
    // Sorted: the same thesaurus gives the same bytes, whatever the map's order.
    std::vector<std::pair<std::string_view, std::size_t>> keys(by_key_.begin(), by_key_.end());
    std::sort(keys.begin(), keys.end());
    w.u32(static_cast<std::uint32_t>(keys.size()));
    for (const auto& [key, group] : keys) {
        w.str(key);
        w.u32(static_cast<std::uint32_t>(group));
    }
    return w.finish();
}

std::optional<Thesaurus> Thesaurus::from_snapshot(std::string_view bytes, std::string_view stamp) {
    const auto body = SnapshotReader::checked_body(bytes);
    if (!body) return std::nullopt;
    SnapshotReader r(*body);
    if (r.str() != kSnapshotMagic || r.str() != stamp) return std::nullopt;
    Thesaurus t;
    t.max_tokens_ = r.u32();
    // A group takes at least 4 bytes, a term 4 and a key 8: damaged counts cannot reserve much.
    const std::size_t group_count = r.u32();
    t.groups_.resize(std::min(group_count, r.left() / 4));
    for (auto& group : t.groups_) {
        const std::size_t term_count = r.u32();
        group.resize(std::min(term_count, r.left() / 4));
        for (auto& term : group) term = r.str();
        // As parse() guarantees: two terms or more, none empty.
        if (group.size() < 2 ||
            std::any_of(group.begin(), group.end(), [](const std::string& s) { return s.empty(); }))
            return std::nullopt;
    }
    const std::size_t key_count = r.u32();
    t.by_key_.reserve(std::min(key_count, r.left() / 8));
    for (std::size_t i = 0; i < key_count && r.ok(); ++i) {
        const auto key = r.str();
        const std::size_t group = r.u32();
        if (key.empty() || group >= t.groups_.size()) return std::nullopt;
        t.by_key_.emplace(key, group);
    }
    if (!r.at_end()) return std::nullopt;
    return t;
}

std::vector<Thesaurus::Match> Thesaurus::find(std::string_view text) const {
    std::vector<Match> out;
    if (groups_.empty()) return out;
    const EntityTokenizer tokenizer;
    std::vector<EntityToken> tokens;
    std::string folded;
    tokenizer.tokenize(text, tokens, folded);
    const auto word = [&](std::size_t k) {
        return std::string_view(folded).substr(tokens[k].fold_begin,
                                               tokens[k].fold_end - tokens[k].fold_begin);
    };
    std::string key;
    for (std::size_t i = 0; i < tokens.size();) {
        std::size_t matched = 0;
        std::size_t group = 0;
        key.clear();
        for (std::size_t n = 1; n <= max_tokens_ && i + n <= tokens.size(); ++n) {
            const EntityToken& last = tokens[i + n - 1];
            if (n > 1) {
                // A term never spans a comma, a bracket or a line break.
                if (last.gap_before == EntityToken::Gap::hard) break;
                key.push_back(EntityTokenizer::gap_char(last.gap_before));
            }
            key.append(word(i + n - 1));
            if (const auto it = by_key_.find(key); it != by_key_.end()) {
                matched = n;
                group = it->second;
                continue;
            }
            // A Hangul word may end in a particle (큰물로, 미사일을): try the bare noun.
            if (last.script != EntityToken::Script::hangul) continue;
            const std::string_view w = word(i + n - 1);
            for (std::size_t cut = 3; cut < w.size(); cut += 3) {
                if (!EntityTokenizer::is_particle(w.substr(cut))) continue;
                const std::string noun = key.substr(0, key.size() - (w.size() - cut));
                if (const auto it = by_key_.find(noun); it != by_key_.end()) {
                    matched = n;
                    group = it->second;
                    break;
                }
            }
        }
        if (matched == 0) {
            ++i;
            continue;
        }
        out.push_back(Match{tokens[i].begin, tokens[i + matched - 1].end, &groups_[group]});
        i += matched;
    }
    return out;
}

}  // namespace yalu
