#include "url.hpp"

#include "ascii.hpp"

namespace yalu::url {

std::string host(std::string_view url) {
    const auto scheme = url.find("://");
    if (scheme == std::string_view::npos || scheme == 0) return {};
    std::string_view host = url.substr(scheme + 3);
    host = host.substr(0, host.find_first_of("/?#"));
    if (const auto at = host.rfind('@'); at != std::string_view::npos) host.remove_prefix(at + 1);
    // A bracketed IPv6 address keeps its colons; a port follows the last one outside it.
    const auto colon = host.rfind(':');
    if (colon != std::string_view::npos && host.find(']', colon) == std::string_view::npos)
        host = host.substr(0, colon);
    std::string out = ascii::to_lower(host);
    if (out.rfind("www.", 0) == 0 && out.size() > 4) out.erase(0, 4);
    return out;
}

std::string site(std::string_view typed) {
    if (typed.find("://") != std::string_view::npos) return host(typed);
    return host("http://" + std::string(typed));
}

}  // namespace yalu::url
