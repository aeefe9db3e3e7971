#include "stats_key_table.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace yalu::test {
namespace {

// The JSON type name of `value` as the table writes it.
std::string type_of(const nlohmann::json& value) {
    if (value.is_object()) return "object";
    if (value.is_array()) return "array";
    if (value.is_string()) return "string";
    if (value.is_boolean()) return "boolean";
    if (value.is_null()) return "null";
    return value.is_number_float() ? "number" : "integer";
}

// `path` cut at its dots ("entities.TYPE.top[].id": entities, TYPE, top[], id).
std::vector<std::string> segments(const std::string& path) {
    std::vector<std::string> out;
    std::istringstream in(path);
    for (std::string part; std::getline(in, part, '.');) out.push_back(part);
    return out;
}

// Whether a segment of the table (`TYPE`, any key; `top[]`) names the printed segment.
bool matches(const std::string& listed, const std::string& printed) {
    const bool placeholder =
        !listed.empty() && std::all_of(listed.begin(), listed.end(),
                                       [](char c) { return (c >= 'A' && c <= 'Z') || c == '_'; });
    return placeholder ? printed.find('[') == std::string::npos : listed == printed;
}

// The cells of a Markdown table row, trimmed.
std::vector<std::string> cells(const std::string& line) {
    std::vector<std::string> out;
    std::istringstream in(line.substr(1));
    for (std::string cell; std::getline(in, cell, '|');) {
        const auto begin = cell.find_first_not_of(' ');
        const auto end = cell.find_last_not_of(' ');
        out.push_back(begin == std::string::npos ? "" : cell.substr(begin, end + 1 - begin));
    }
    return out;
}

}  // namespace

StatsKeyTable::StatsKeyTable(const std::string& doc) {
    std::ifstream in(doc);
    bool under_heading = false, in_table = false;
    for (std::string line; std::getline(in, line);) {
        if (line.starts_with("#")) under_heading = line.find("--stats --json") != std::string::npos;
        if (!under_heading) continue;
        if (!line.starts_with("|")) {
            if (in_table) break;
            continue;
        }
        in_table = true;
        const auto row = cells(line);
        // The key cell is `path`; the header and the |---| line hold none.
        if (row.size() < 3 || row[0].size() < 3 || row[0].front() != '`' || row[0].back() != '`')
            continue;
        StatsKey key{row[0].substr(1, row[0].size() - 2), {}};
        std::istringstream words(row[1]);
        for (std::string word; words >> word;)
            if (word != "or" && word != ",") key.types.push_back(word);
        keys_.push_back(std::move(key));
    }
}

const StatsKey* StatsKeyTable::row_of(const std::string& path) const {
    const auto printed = segments(path);
    for (const StatsKey& key : keys_) {
        const auto listed = segments(key.path);
        if (listed.size() == printed.size() &&
            std::equal(listed.begin(), listed.end(), printed.begin(), matches))
            return &key;
    }
    return nullptr;
}

void StatsKeyTable::check(const nlohmann::json& value, const std::string& path,
                          std::vector<std::string>& out) const {
    if (!path.empty()) {
        const StatsKey* row = row_of(path);
        const std::string type = type_of(value);
        // An integer is a number too (a count the table calls a number).
        const bool listed =
            row != nullptr &&
            std::any_of(row->types.begin(), row->types.end(), [&](const std::string& t) {
                return t == type || (t == "number" && type == "integer");
            });
        if (!listed) out.push_back(path + " (" + type + ")");
    }
    if (value.is_object())
        for (const auto& [key, member] : value.items())
            check(member, path.empty() ? key : path + "." + key, out);
    // An array's objects are listed by their keys (`entities.TYPE.top[].id`), other elements
    // by the array's path and `[]`.
    if (value.is_array())
        for (const auto& element : value) {
            if (!element.is_object()) {
                check(element, path + "[]", out);
                continue;
            }
            for (const auto& [key, member] : element.items())
                check(member, path + "[]." + key, out);
        }
}

std::vector<std::string> StatsKeyTable::unlisted(const nlohmann::json& report) const {
    std::vector<std::string> out;
    check(report, "", out);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

}  // namespace yalu::test
