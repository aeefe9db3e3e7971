#pragma once
// Byline: an author credit split into the name and the e-mail address it may carry.

#include <string>
#include <string_view>

namespace yalu {

/// A credit such as "By Ahn Sung-mi (sahn@heraldcorp.com)" split into its parts.
struct Byline {
    std::string name;   ///< "Ahn Sung-mi"; empty when the text held only an address
    std::string email;  ///< "sahn@heraldcorp.com"; empty when there is none

    /// Splits "By NAME (EMAIL)", "NAME(EMAIL)", "NAME EMAIL", "NAME 기자" or a bare "NAME".
    [[nodiscard]] static Byline parse(std::string_view text);
    /// True when `text` reads as a closing credit line: "By " plus a short name (and address).
    [[nodiscard]] static bool looks_like_credit(std::string_view text);
};

}  // namespace yalu
