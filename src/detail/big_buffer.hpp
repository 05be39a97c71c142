// Internal: an allocator for the few buffers that grow to tens of megabytes (a validator's
// entries: 32 bytes a record). Such a buffer is fresh memory, and on Linux the first write to
// each 4 KiB page is a fault in which the kernel clears the page: for a million records that
// was 8,200 faults and about 14 ms, as long as all the validator's own work on the records.
// Asking for transparent huge pages (2 MiB, one fault each) cut the same fill to about 5 ms
// on the development machine. The request is advice: where huge pages are off ("never"), the
// buffer is ordinary memory. A big buffer is a mapping of its own, never part of the heap, so
// the advice outlives it nowhere (advice on heap memory would stay on that part of the heap
// for whatever the host allocates there next). Off Linux, every buffer comes from the heap.
#pragma once

#include <cstddef>
#include <cstdint>
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
        if (n > (largest - 2 * huge_page) / sizeof(T)) throw std::bad_array_new_length();
        if (!big(n)) return static_cast<T*>(::operator new(n * sizeof(T)));
#if defined(__linux__)
        // Whole huge pages, starting on one (the kernel maps a huge page only where the range
        // covers it whole): a page more than asked for, then the ends trimmed to the boundary.
        const std::size_t rounded = whole_pages(n);
        void* at = ::mmap(nullptr, rounded + huge_page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (at == MAP_FAILED) throw std::bad_alloc();
        const auto raw = reinterpret_cast<std::uintptr_t>(at);
        const std::uintptr_t aligned = (raw + huge_page - 1) & ~std::uintptr_t{huge_page - 1};
        if (aligned > raw) ::munmap(at, aligned - raw);
        if (const std::size_t tail = huge_page - (aligned - raw); tail > 0)
            ::munmap(reinterpret_cast<void*>(aligned + rounded), tail);
#if defined(MADV_HUGEPAGE)
        ::madvise(reinterpret_cast<void*>(aligned), rounded, MADV_HUGEPAGE);  // advice only
#endif
        return reinterpret_cast<T*>(aligned);
#else
        return static_cast<T*>(::operator new(n * sizeof(T)));  // not reached: big() is false
#endif
    }

    void deallocate(T* p, std::size_t n) noexcept {
        if (!big(n)) return ::operator delete(p);
#if defined(__linux__)
        ::munmap(p, whole_pages(n));
#endif
    }

    friend bool operator==(const big_buffer_allocator&, const big_buffer_allocator&) noexcept { return true; }

private:
    // Whether n elements take a mapping of their own (always on the heap off Linux).
    static constexpr bool big(std::size_t n) noexcept {
#if defined(__linux__)
        return n * sizeof(T) >= huge_from;
#else
        static_cast<void>(n);
        return false;
#endif
    }
    static constexpr std::size_t whole_pages(std::size_t n) noexcept {
        return (n * sizeof(T) + huge_page - 1) / huge_page * huge_page;
    }
};

}  // namespace iopcare::detail
