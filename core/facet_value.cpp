#include "facet_value.hpp"

namespace yalu {

std::string FacetValue::encode() const {
    std::string v = date;
    for (const auto& id : entities) {
        v += '\n';
        v += id;
    }
    return v;
}

FacetValue FacetValue::decode(std::string_view value) {
    FacetValue f;
    auto nl = value.find('\n');
    f.date = std::string(value.substr(0, nl));
    while (nl != std::string_view::npos) {
        const auto next = value.find('\n', nl + 1);
        f.entities.emplace_back(value.substr(nl + 1, next - nl - 1));
        nl = next;
    }
    return f;
}

}  // namespace yalu
