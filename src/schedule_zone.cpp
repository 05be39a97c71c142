// The part of expansion that needs zone conversion: local wall-clock starts to UTC.
#include <unordered_map>

#include "iopcare/schedule.hpp"

namespace iopcare {

void resolve_utc(expansion& x, const time_zone& zone, dst_policy policy) {
    // Many sessions share a local start (a group occurrence); convert each distinct one once.
    std::unordered_map<std::int64_t, std::optional<sys_seconds>> cache;
    cache.reserve(4096);
    std::size_t w = 0;
    for (std::size_t i = 0; i < x.sessions.size(); ++i) {
        auto& s = x.sessions[i];
        const auto key = s.local_start.time_since_epoch().count();
        auto it = cache.find(key);
        if (it == cache.end()) it = cache.emplace(key, zone.to_utc(s.local_start, policy)).first;
        if (!it->second) {
            x.skipped.push_back(s.local_start);
            x.skipped_patients.push_back(s.patient);
            continue;
        }
        s.utc_start = *it->second;
        x.sessions[w++] = s;
    }
    x.sessions.resize(w);
}

expansion schedule::expand(std::chrono::year_month_day from, std::chrono::year_month_day to, dst_policy policy) const {
    const time_zone& zone = program_.required_zone();
    auto x = expand_local(from, to);
    resolve_utc(x, zone, policy);
    return x;
}

expansion schedule::expand(local_days from, unsigned weeks, dst_policy policy) const {
    const std::chrono::year_month_day first{std::chrono::sys_days{from.time_since_epoch()}};
    const std::chrono::year_month_day stop{std::chrono::sys_days{from.time_since_epoch()} + std::chrono::days{7 * static_cast<int>(weeks)}};
    return expand(first, stop, policy);
}

result<expansion> schedule::try_expand(local_days from, unsigned weeks, dst_policy policy) const noexcept {
    return try_call([&] { return expand(from, weeks, policy); });
}

}  // namespace iopcare
