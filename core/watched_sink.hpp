#pragma once
// WatchedSink: passes a reader's deliveries on to another sink, noting whether that one threw.

#include "article_sink.hpp"

#include <string>
#include <utility>

namespace yalu {

/// Passes every article, rejection and warning on to the sink it wraps, and notes whether that
/// sink threw: a reader that catches std::bad_alloc around one record tells by it the sink's
/// own memory (which must pass through: ArticleReader) from the record's (rejected).
class WatchedSink : public ArticleSink {
public:
    /// Wraps `sink`, which must outlive it.
    explicit WatchedSink(ArticleSink& sink) : sink_(sink) {}

    /// Passes the article on.
    void accept(Article&& article) override {
        watched([&] { sink_.accept(std::move(article)); });
    }
    /// Passes the rejection on.
    void reject(const Rejection& rejection) override {
        watched([&] { sink_.reject(rejection); });
    }
    /// Passes the warning on.
    void warn(const SourceLocation& location, const std::string& message) override {
        watched([&] { sink_.warn(location, message); });
    }

    /// Whether the wrapped sink threw (whatever it threw, and whatever became of it).
    [[nodiscard]] bool threw() const { return threw_; }

private:
    template <typename Call>
    void watched(Call&& call) {
        try {
            call();
        } catch (...) {
            threw_ = true;
            throw;
        }
    }

    ArticleSink& sink_;
    bool threw_ = false;
};

}  // namespace yalu
