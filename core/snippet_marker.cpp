#include "snippet_marker.hpp"

#include <algorithm>

namespace yalu {

SnippetMarker::SnippetMarker(std::vector<std::string> words, std::string open, std::string close)
    : words_(std::move(words)), open_(std::move(open)), close_(std::move(close)) {
    words_.erase(std::remove(words_.begin(), words_.end(), std::string()), words_.end());
    std::sort(words_.begin(), words_.end(),
              [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

std::string SnippetMarker::mark(const std::string& snippet) const {
    if (words_.empty()) return snippet;
    std::string out;
    out.reserve(snippet.size() + 16);
    bool inside = false;  // between open_ and close_
    for (std::size_t i = 0; i < snippet.size();) {
        if (snippet.compare(i, open_.size(), open_) == 0) {
            inside = true;
            out += open_;
            i += open_.size();
            continue;
        }
        if (snippet.compare(i, close_.size(), close_) == 0) {
            inside = false;
            out += close_;
            i += close_.size();
            continue;
        }
        if (!inside) {
            const auto word = std::find_if(words_.begin(), words_.end(), [&](const std::string& w) {
                return snippet.compare(i, w.size(), w) == 0;
            });
            if (word != words_.end()) {
                out += open_ + *word + close_;
                i += word->size();
                continue;
            }
        }
        out += snippet[i++];
    }
    return out;
}

}  // namespace yalu
