#pragma once
// edit_distance: how many edits apart two strings are, for suggesting what a user meant (a
// field name: titel, title; a gazetteer name: Pyongyng, Pyongyang).

#include <algorithm>
#include <cstddef>
#include <string_view>
#include <vector>

namespace yalu {

/// The edit distance between `a` and `b` in their characters (bytes for std::string_view, code
/// points for std::u32string_view): insertions, deletions, substitutions, and a swap of two
/// neighbours (titel, Pyonygang) counted as one edit.
template <typename Char>
[[nodiscard]] std::size_t edit_distance(std::basic_string_view<Char> a,
                                        std::basic_string_view<Char> b) {
    std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
    for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
    for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        for (std::size_t j = 1; j <= b.size(); ++j) {
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1,
                                d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[a.size()][b.size()];
}

}  // namespace yalu
