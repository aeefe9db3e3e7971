#pragma once
// The host of an article's URL, as the index's site terms hold it (schemas/index.xml `site`).

#include <cstddef>
#include <string>
#include <string_view>

namespace yalu::url {

/// The longest host kept as a site term. Xapian refuses a term over 245 bytes (prefix
/// included) and the refusal stopped the whole run at its commit; no DNS name is longer than
/// 253, no news site's comes near 200, so a longer one is a broken url (ArticleCompleter warns).
inline constexpr std::size_t max_host_bytes = 200;

/// The host of an absolute `url`, lower case, without a leading "www.", user or port
/// (https://www.KCNA.kp:443/en -> kcna.kp); empty when it names none.
[[nodiscard]] std::string host(std::string_view url);

/// A site as a person writes it, a host (KCNA.kp, www.kcna.kp) or a whole address
/// (https://kcna.kp/en), as host() gives it: kcna.kp.
[[nodiscard]] std::string site(std::string_view typed);

}  // namespace yalu::url
