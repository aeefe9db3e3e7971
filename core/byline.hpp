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
    /// True when `text` is one whole e-mail address: "sahn@heraldcorp.com".
    [[nodiscard]] static bool is_address(std::string_view text);
    /// True when a credit wrapped inside an e-mail address between `before` and `after` (two
    /// lines of a .txt credit, or two words of a credit whose line break became white space),
    /// so they join without a space: "(sahn@heraldcorp." + "com)", "(sahn@" + "heraldcorp.com)",
    /// "(sahn" + "@heraldcorp.com)"; and, inside a "(" that a later piece closes
    /// (`closes_later`: `after` or a piece after it holds a ")"), at any letter: "(sahn@herald"
    /// + "corp.com)". That last break shows nowhere in the pieces, so they must join into
    /// exactly one address.
    [[nodiscard]] static bool breaks_address(std::string_view before, std::string_view after,
                                             bool closes_later);
};

}  // namespace yalu
