#pragma once
// ArticleSink: where readers deliver what they read, one record at a time.

#include "article.hpp"

#include <string>
#include <utility>

namespace yalu {

/// One input record that could not be turned into an article.
struct Rejection {
    Rejection() = default;
    /// A rejection of the record at `where` (a constructor, not an aggregate: GCC 12 warns
    /// falsely on nested aggregate temporaries of strings).
    Rejection(SourceLocation where, std::string record_id, std::string why)
        : location(std::move(where)), id(std::move(record_id)), reason(std::move(why)) {}

    SourceLocation location;  ///< file and line/record of the bad input
    std::string id;           ///< the record's id when it could be read, else empty
    std::string reason;       ///< what is wrong and, where possible, how to fix it
};

/// Receives articles, rejections and warnings from a reader, in input order.
class ArticleSink {
public:
    virtual ~ArticleSink() = default;
    /// A readable article (its text is valid NFC UTF-8).
    virtual void accept(Article&& article) = 0;
    /// A record that was skipped; the run goes on.
    virtual void reject(const Rejection& rejection) = 0;
    /// Something repaired or doubtful in an accepted record (e.g. invalid UTF-8 replaced).
    virtual void warn(const SourceLocation& location, const std::string& message) = 0;
};

}  // namespace yalu
