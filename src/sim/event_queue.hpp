// Internal: the engine's event list (a calendar queue of two-word events) and its waitlists
// (ring buffers), in their own header to keep engine.cpp readable.
#pragma once

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace iopcare::sim::detail {

// An event is two words: the time's bits (non-negative doubles order as their bit patterns)
// and (sequence << 26 | type << 24 | who), so ties break by scheduling order. The engine's
// types: 0 an external arrival, 1 a stay's end that leads to another level, 2 a dropout, 3 a
// stay's end that leads to discharge (told apart in the event itself, so that the branch on
// it does not wait for the patient's record).
struct event {
    std::uint64_t time_bits;
    std::uint64_t payload;
    [[nodiscard]] double t() const noexcept { return std::bit_cast<double>(time_bits); }
    [[nodiscard]] std::uint32_t who() const noexcept { return static_cast<std::uint32_t>(payload & 0xFFFFFFu); }
    [[nodiscard]] unsigned type() const noexcept { return static_cast<unsigned>((payload >> 24) & 3u); }
};
inline constexpr std::uint32_t max_who = 0xFFFFFFu;
// Later than any event: the bits of +infinity (every event time is finite).
inline constexpr event no_event{0x7FF0000000000000u, ~std::uint64_t{0}};

inline bool before(const event& a, const event& b) noexcept {
    // Bitwise, not short-circuit: the comparison feeds searches whose outcome is random, and
    // flag arithmetic does not mispredict.
    return (a.time_bits < b.time_bits) | ((a.time_bits == b.time_bits) & (a.payload < b.payload));
}

// A calendar queue (Brown 1988) sized from the scenario: a wheel of buckets `width` days wide,
// each an intrusive list in a node pool, covering the next buckets x width days; events
// further out wait in a small binary heap and move onto the wheel as it turns. With about one
// or two events per bucket, push and pop cost O(1) and avoid the mispredicted comparisons of
// sifting a heap of hundreds of pending stays. Inside a bucket the smallest (time, sequence)
// leaves first, so the order is exactly a priority queue's: events at the same time leave in
// scheduling order.
class event_queue {
public:
    void configure(double width_days, std::size_t buckets) {
        inv_width_ = 1.0 / width_days;
        std::size_t n = 1;
        while (n < buckets) n <<= 1;
        heads_.assign(n, nil);
        mask_ = n - 1;
    }
    [[nodiscard]] bool empty() const noexcept { return size_ == 0; }
    void push(event e) {
        const std::uint64_t b = bucket_of(e);
        if (b < cur_ + heads_.size()) {
            link(b, e);
        } else {
            far_.push_back(e);
            std::push_heap(far_.begin(), far_.end(), later);
        }
        ++size_;
    }
    // Pops the smallest event into `out` when it comes before `limit`; otherwise leaves the
    // queue as it is and returns false. The wheel never turns past limit's bucket, so a later
    // push at or after `limit` still lands ahead of it.
    bool pop_before(const event& limit, event& out) {
        if (size_ == 0) return false;
        const std::uint64_t last = bucket_of(limit);
        for (;;) {
            std::uint32_t* slot = &heads_[cur_ & mask_];
            if (*slot != nil) {
                std::uint32_t* best = slot;
                for (std::uint32_t* at = &nodes_[*slot].next; *at != nil; at = &nodes_[*at].next) {
                    if (before(nodes_[*at].e, nodes_[*best].e)) best = at;
                }
                const std::uint32_t k = *best;
                if (!before(nodes_[k].e, limit)) return false;
                *best = nodes_[k].next;
                nodes_[k].next = free_;
                free_ = k;
                --size_;
                --on_wheel_;
                out = nodes_[k].e;
                return true;
            }
            if (cur_ >= last) return false;
            if (on_wheel_ == 0) {
                cur_ = std::min(bucket_of(far_.front()), last);  // nothing near: jump ahead
            } else {
                ++cur_;
            }
            while (!far_.empty() && bucket_of(far_.front()) < cur_ + heads_.size()) {
                std::pop_heap(far_.begin(), far_.end(), later);
                link(bucket_of(far_.back()), far_.back());
                far_.pop_back();
            }
        }
    }

private:
    static constexpr std::uint32_t nil = 0xFFFFFFFFu;
    struct node {
        event e;
        std::uint32_t next;
    };
    static bool later(const event& a, const event& b) noexcept { return before(b, a); }
    [[nodiscard]] std::uint64_t bucket_of(const event& e) const noexcept {
        const double x = std::bit_cast<double>(e.time_bits) * inv_width_;
        return x < 1e18 ? static_cast<std::uint64_t>(x) : std::uint64_t{1000000000000000000};
    }
    void link(std::uint64_t b, const event& e) {
        std::uint32_t k;
        if (free_ != nil) {
            k = free_;
            free_ = nodes_[k].next;
        } else {
            k = static_cast<std::uint32_t>(nodes_.size());
            nodes_.push_back({});
        }
        std::uint32_t& head = heads_[b & mask_];
        nodes_[k] = node{e, head};
        head = k;
        ++on_wheel_;
    }
    std::vector<std::uint32_t> heads_;
    std::vector<node> nodes_;
    std::vector<event> far_;
    std::uint32_t free_ = nil;
    std::uint64_t cur_ = 0;
    std::size_t mask_ = 0, size_ = 0, on_wheel_ = 0;
    double inv_width_ = 1.0;
};

class ring {
public:
    [[nodiscard]] bool empty() const noexcept { return n_ == 0; }
    [[nodiscard]] std::size_t size() const noexcept { return n_; }
    void push(std::uint32_t v) {
        if (n_ == buf_.size()) grow();
        buf_[(head_ + n_) & (buf_.size() - 1)] = v;
        ++n_;
    }
    std::uint32_t pop() noexcept {
        const std::uint32_t v = buf_[head_];
        head_ = (head_ + 1) & (buf_.size() - 1);
        --n_;
        return v;
    }

private:
    void grow() {
        std::vector<std::uint32_t> b(buf_.empty() ? 64 : buf_.size() * 2);
        for (std::size_t i = 0; i < n_; ++i) b[i] = buf_[(head_ + i) & (buf_.size() - 1)];
        buf_.swap(b);
        head_ = 0;
    }
    std::vector<std::uint32_t> buf_;
    std::size_t head_ = 0, n_ = 0;
};

}  // namespace iopcare::sim::detail
