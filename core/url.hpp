#pragma once
// The host of an article's URL, as the index's site terms hold it (schemas/index.xml `site`).

#include <string>
#include <string_view>

namespace yalu::url {

/// The host of an absolute `url`, lower case, without a leading "www.", user or port
/// (https://www.KCNA.kp:443/en -> kcna.kp); empty when it names none.
[[nodiscard]] std::string host(std::string_view url);

/// A site as a person writes it, a host (KCNA.kp, www.kcna.kp) or a whole address
/// (https://kcna.kp/en), as host() gives it: kcna.kp.
[[nodiscard]] std::string site(std::string_view typed);

}  // namespace yalu::url
