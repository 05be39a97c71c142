// Internal: the counter-based random streams every simulation draws from, so that the flow
// simulation and the attendance simulation are reproducible the same way.
//
// Every draw comes from Philox2x64-10 (two 64-bit words per call). Its key is the replication's
// key, derived once per replication from (seed, replication) by Philox4x64-10; its counter is
// (entity, purpose | index | block): the entity is a patient key or a level's arrival stream,
// the index a stay, arrival (block) or session number below 2^32, the block counts the
// generator's calls within one draw (below 2^24). Nothing depends on event order. Two different
// (seed, replication) pairs share a key with probability 2^-64.
#pragma once

#include <Random123/philox.h>

#include <cstdint>

namespace iopcare::sim::detail {

// What a stream is for. Each simulation has its own purposes, so one seed never makes two
// uses of the same numbers.
enum purpose : std::uint64_t {
    p_arrival = 1,
    p_stay = 2,
    p_dropout = 3,
    p_arrival_weekly = 4,
    p_propensity = 5,  // attendance: a patient's propensity to attend
    p_session = 6,     // attendance: one scheduled session
    p_makeup = 7,      // attendance: one makeup session
};

inline std::uint64_t replication_key(std::uint64_t seed, std::uint64_t replication) noexcept {
    constexpr std::uint64_t domain = 0x696f7063617265;  // "iopcare"
    const r123::Philox4x64::ctr_type c{{replication, domain, 0, 0}};
    const r123::Philox4x64::key_type k{{seed, 0}};
    return r123::Philox4x64()(c, k).v[0];
}

// A generator word as a uniform in (0, 1): its top 53 bits, centred in their interval.
inline double unit_of(std::uint64_t x) noexcept { return (static_cast<double>(x >> 11) + 0.5) * 0x1p-53; }

inline r123::Philox2x64::ctr_type stream_counter(std::uint64_t entity, std::uint64_t purpose_id,
                                                 std::uint64_t index) noexcept {
    return {{entity, (purpose_id << 56) | ((index & 0xFFFFFFFFu) << 24)}};
}

// The first block of stream(key, entity, purpose_id, index): its first two numbers, exactly
// those next() would give, without a stream's position kept in memory (a hot path that needs
// two numbers keeps them in registers).
struct first_block {
    r123::Philox2x64::ctr_type words;
    [[nodiscard]] double first() const noexcept { return unit_of(words.v[0]); }
    [[nodiscard]] double second() const noexcept { return unit_of(words.v[1]); }
};
inline first_block first_pair(std::uint64_t key, std::uint64_t entity, std::uint64_t purpose_id,
                              std::uint64_t index) noexcept {
    return {r123::Philox2x64()(stream_counter(entity, purpose_id, index), {{key}})};
}

class stream {
public:
    stream(std::uint64_t key, std::uint64_t entity, std::uint64_t purpose_id, std::uint64_t index) noexcept {
        key_ = {{key}};
        ctr_ = stream_counter(entity, purpose_id, index);
    }
    // The same stream placed after its first number, `b` being its first block (first_pair's):
    // for a caller that took the first number from `b` and reads on, without computing the
    // block again.
    stream(std::uint64_t key, std::uint64_t entity, std::uint64_t purpose_id, std::uint64_t index,
           const first_block& b) noexcept
        : stream(key, entity, purpose_id, index) {
        out_ = b.words;
        ++ctr_.v[1];
        pos_ = 1;
    }
    double next() noexcept {
        if (pos_ == 2) {
            out_ = r123::Philox2x64()(ctr_, key_);
            ++ctr_.v[1];
            pos_ = 0;
        }
        return unit_of(out_.v[pos_++]);
    }

private:
    r123::Philox2x64::key_type key_{};
    r123::Philox2x64::ctr_type ctr_{};
    r123::Philox2x64::ctr_type out_{};
    unsigned pos_ = 2;
};

}  // namespace iopcare::sim::detail
