// The allocator of the validator's large buffers (src/detail/big_buffer.hpp, internal): on
// Linux a buffer of 4 MiB or more is a mapping starting on a 2 MiB boundary (where a huge page
// can map it), a smaller one comes from the ordinary heap, and a vector using it keeps its
// elements through growth across that size.
#include <cstdint>
#include <new>
#include <vector>

#include "catch.hpp"
#include "detail/big_buffer.hpp"

using iopcare::detail::big_buffer_allocator;

namespace {

struct entry {
    std::int64_t a = 0;
    std::int64_t b = 0;
    std::uint32_t c = 0;
};

// Where a big buffer starts: on Linux a 2 MiB boundary; elsewhere the heap decides.
bool on_huge_boundary(const void* p) {
#if defined(__linux__)
    return reinterpret_cast<std::uintptr_t>(p) % (std::uintptr_t{2} << 20) == 0;
#else
    return p != nullptr;
#endif
}

}  // namespace

TEST_CASE("a big buffer starts on a huge-page boundary, a small one anywhere the heap puts it", "[validate][memory]") {
    big_buffer_allocator<entry> a;
    const std::size_t big = (std::size_t{5} << 20) / sizeof(entry);  // 5 MiB
    entry* p = a.allocate(big);
    CHECK(on_huge_boundary(p));
    p[0].a = 1;
    p[big - 1].c = 7;  // the whole range is usable
    CHECK(p[big - 1].c == 7);
    a.deallocate(p, big);

    entry* q = a.allocate(3);
    q[2].b = 5;
    CHECK(q[2].b == 5);
    a.deallocate(q, 3);
}

TEST_CASE("a vector keeps its elements as it grows past the big-buffer size", "[validate][memory]") {
    std::vector<entry, big_buffer_allocator<entry>> v;
    const std::size_t n = (std::size_t{9} << 20) / sizeof(entry);  // grows through 4 MiB to 9 MiB
    for (std::size_t i = 0; i < n; ++i) v.push_back(entry{static_cast<std::int64_t>(i), -static_cast<std::int64_t>(i), 3});
    CHECK(on_huge_boundary(v.data()));
    std::size_t wrong = 0;
    for (std::size_t i = 0; i < n; ++i) wrong += (v[i].a != static_cast<std::int64_t>(i) || v[i].b != -v[i].a) ? 1 : 0;
    CHECK(wrong == 0);
    v.shrink_to_fit();
    v.resize(10);
    v.shrink_to_fit();  // back on the ordinary heap
    CHECK(v[9].a == 9);
}

TEST_CASE("a buffer of exactly the big size is big, one byte less is not", "[validate][memory]") {
    big_buffer_allocator<char> a;
    const std::size_t edge = big_buffer_allocator<char>::huge_from;
    char* big = a.allocate(edge);
    CHECK(on_huge_boundary(big));
    big[0] = 'a';
    big[edge - 1] = 'z';
    CHECK(big[edge - 1] == 'z');
    a.deallocate(big, edge);
    char* small = a.allocate(edge - 1);
    small[edge - 2] = 'y';
    CHECK(small[edge - 2] == 'y');
    a.deallocate(small, edge - 1);
}

TEST_CASE("a size past what the address space holds is refused, not wrapped", "[validate][memory]") {
    big_buffer_allocator<entry> a;
    CHECK_THROWS_AS((void)a.allocate(static_cast<std::size_t>(-1) / sizeof(entry)), std::bad_array_new_length);
}
