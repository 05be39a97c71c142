// Internal: an allocator for the few buffers that grow to tens of megabytes (a validator's
// entries: 32 bytes a record). Such a buffer is fresh memory, and on Linux the first write to
// each 4 KiB page is a fault in which the kernel clears the page: for a million records that
// was 8,200 faults and about 14 ms, as long as all the validator's own work on the records.
// Asking for transparent huge pages (2 MiB, one fault each) cut the same fill to about 5 ms
// on the development machine. The request is advice: where huge pages are off ("never"), or
// off Linux, the buffer is ordinary memory.
#pragma once

#include <cstddef>
#include <cstdlib>
#include <limits>
#include <new>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace iopcare::detail {

template <class T>
struct big_buffer_allocator {
    using value_type = T;

    big_buffer_allocator() noexcept = default;
    template <class U>
    big_buffer_allocator(const big_buffer_allocator<U>&) noexcept {}  // NOLINT: rebinding is implicit

    // Below this a buffer stays on the ordinary heap: a huge page would be mostly waste.
    static constexpr std::size_t huge_from = std::size_t{4} << 20;
    static constexpr std::size_t huge_page = std::size_t{2} << 20;

    [[nodiscard]] T* allocate(std::size_t n) {
        static_assert(alignof(T) <= alignof(std::max_align_t));
        // No object may be larger than the largest ptrdiff_t, rounding up included.
        constexpr auto largest = static_cast<std::size_t>(std::numeric_limits<std::ptrdiff_t>::max());
        if (n > (largest - huge_page) / sizeof(T)) throw std::bad_array_new_length();
        const std::size_t bytes = n * sizeof(T);
        if (bytes < huge_from) return static_cast<T*>(::operator new(bytes));
        // Whole huge pages, aligned to one: the kernel maps a huge page only where the range
        // covers it whole.
        const std::size_t rounded = (bytes + huge_page - 1) / huge_page * huge_page;
        void* p = std::aligned_alloc(huge_page, rounded);
        if (p == nullptr) throw std::bad_alloc();
#if defined(__linux__) && defined(MADV_HUGEPAGE)
        ::madvise(p, rounded, MADV_HUGEPAGE);  // advice only: a refusal leaves ordinary pages
#endif
        return static_cast<T*>(p);
    }

    void deallocate(T* p, std::size_t n) noexcept {
        if (n * sizeof(T) < huge_from) return ::operator delete(p);
        std::free(p);
    }

    friend bool operator==(const big_buffer_allocator&, const big_buffer_allocator&) noexcept { return true; }
};

}  // namespace iopcare::detail
