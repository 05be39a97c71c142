// iopcare/detail/sorted_runs.hpp — a multiset of integers that counts the values below a bound
// in O(log^2 n) and takes a value in O(log n) amortised, for checks made on every insertion
// (a group's capacity against every enrollment so far) that a scan would make quadratic.
// Internal: no user should name it.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <utility>
#include <vector>

namespace iopcare::detail {

// Sorted runs whose sizes are distinct powers of two, merged like the carries of a binary
// counter (the logarithmic method of Bentley and Saxe, 1980).
class sorted_runs {
public:
    void insert(std::int64_t v) {
        std::vector<std::int64_t> carry{v};
        std::size_t k = 0;
        for (; k < runs_.size() && !runs_[k].empty(); ++k) {
            std::vector<std::int64_t> merged;
            merged.reserve(carry.size() + runs_[k].size());
            std::merge(carry.begin(), carry.end(), runs_[k].begin(), runs_[k].end(), std::back_inserter(merged));
            carry = std::move(merged);
            runs_[k].clear();
        }
        if (k == runs_.size()) runs_.emplace_back();
        runs_[k] = std::move(carry);
    }

    // How many values are below `bound`.
    [[nodiscard]] std::size_t count_below(std::int64_t bound) const noexcept {
        std::size_t n = 0;
        for (const auto& run : runs_) {
            n += static_cast<std::size_t>(std::lower_bound(run.begin(), run.end(), bound) - run.begin());
        }
        return n;
    }

private:
    std::vector<std::vector<std::int64_t>> runs_;  // runs_[k] is empty or holds 2^k values
};

}  // namespace iopcare::detail
