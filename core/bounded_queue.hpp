#pragma once
// BoundedQueue: a small blocking FIFO between the indexing pipeline's threads.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>

namespace yalu {

/// Fixed-capacity FIFO; push blocks while full, pop blocks while empty. close() wakes everyone:
/// later pushes fail and pops drain what is left, then return nullopt.
template <typename T>
class BoundedQueue {
public:
    /// A queue holding at most `capacity` items.
    explicit BoundedQueue(std::size_t capacity) : capacity_(capacity) {}

    /// Adds an item, waiting for room; false when the queue was closed (item dropped).
    bool push(T item) {
        std::unique_lock lock(mutex_);
        not_full_.wait(lock, [&] { return closed_ || items_.size() < capacity_; });
        if (closed_) return false;
        items_.push_back(std::move(item));
        not_empty_.notify_one();
        return true;
    }

    /// The oldest item, waiting for one; nullopt once closed and drained.
    std::optional<T> pop() {
        std::unique_lock lock(mutex_);
        not_empty_.wait(lock, [&] { return closed_ || !items_.empty(); });
        if (items_.empty()) return std::nullopt;
        T item = std::move(items_.front());
        items_.pop_front();
        not_full_.notify_one();
        return item;
    }

    /// No more pushes; consumers finish what is queued.
    void close() {
        std::lock_guard lock(mutex_);
        closed_ = true;
        not_empty_.notify_all();
        not_full_.notify_all();
    }

private:
    std::mutex mutex_;
    std::condition_variable not_empty_, not_full_;
    std::deque<T> items_;
    std::size_t capacity_;
    bool closed_ = false;
};

}  // namespace yalu
