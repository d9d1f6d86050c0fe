#include "util/memory.hpp"

#include <malloc.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <initializer_list>

// glibc's malloc only, and not under a sanitizer (which brings its own).
#if defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
#define MIGRATE_TUNE_MALLOC 1
#endif

namespace migrate::util {

#ifdef MIGRATE_TUNE_MALLOC
namespace {

constexpr std::size_t kMiB = std::size_t{1} << 20;
constexpr std::size_t kReserve = 256 * kMiB;    // the main heap's one growth: address space, touched only as used
constexpr std::size_t kThreadGrowth = 45 * kMiB; // a thread heap's first growth, likewise
constexpr std::size_t kThreadBlock = 15 * kMiB;  // in blocks under the mmap threshold (16 MB)
// glibc's thread heaps: HEAP_MAX_SIZE (2 * DEFAULT_MMAP_THRESHOLD_MAX, 64 MB on 64-bit) each, aligned
// to their size, so that the heap of a block is the block's address rounded down (heap_for_ptr).
constexpr std::uintptr_t kThreadHeap = 64 * kMiB;
constexpr std::uintptr_t kHuge = 2 * kMiB;
constexpr int kDefaultTopPad = 128 * 1024; // glibc's

std::atomic<bool> g_tuned{false};
std::uintptr_t g_main_first = 0; // the main heap's advised range
std::uintptr_t g_main_end = 0;

void advise(std::uintptr_t from, std::uintptr_t to) {
  const std::uintptr_t first = (from + kHuge - 1) & ~(kHuge - 1);
  if (to > first && to - first >= kHuge) (void)madvise(reinterpret_cast<void*>(first), to - first, MADV_HUGEPAGE); // advice: when refused, nothing changes
}

} // namespace
#endif

void tune_allocator() {
#ifdef MIGRATE_TUNE_MALLOC
  // Under a limit on address space or data (ulimit -v, -d), the reserves could take the room the
  // threads' stacks need: leave the heaps as glibc has them.
  for (int resource : {RLIMIT_AS, RLIMIT_DATA}) {
    rlimit limit{};
    if (getrlimit(resource, &limit) != 0 || (limit.rlim_cur != RLIM_INFINITY && limit.rlim_cur < 16 * static_cast<rlim_t>(kReserve))) return;
  }
  // Nothing is trimmed (a trimmed top grows back as a new mapping, without the advice); blocks up to
  // 16 MB come from the heaps; the main heap's next growth is the reserve.
  if (mallopt(M_TRIM_THRESHOLD, static_cast<int>(2 * kReserve)) == 0 || mallopt(M_MMAP_THRESHOLD, static_cast<int>(16 * kMiB)) == 0 ||
      mallopt(M_TOP_PAD, static_cast<int>(kReserve)) == 0) {
    return;
  }
  // A block larger than what is left at the top makes the main heap grow now, by the reserve.
  void* probe = std::malloc(kMiB);
  const auto start = reinterpret_cast<std::uintptr_t>(probe);
  std::free(probe);
  // Later growth past the reserve in glibc's usual steps: a strict overcommit policy counts every
  // byte of a growth, and a second reserve could be refused where a small step would not.
  mallopt(M_TOP_PAD, kDefaultTopPad);
  const auto end = reinterpret_cast<std::uintptr_t>(sbrk(0));
  // Where the heap could not grow, malloc took the block from mmap and the heap is where it was.
  if (probe != nullptr && end > start && end - start <= 2 * kReserve) {
    advise(start, end);
    g_main_first = start;
    g_main_end = end;
  }
  g_tuned = true;
#endif
}

void tune_thread_heap() {
#ifdef MIGRATE_TUNE_MALLOC
  if (!g_tuned) return;
  // Blocks from this thread's arena make its heap grow now, nearly to its most, and are given back at
  // once; nothing is trimmed, so the heap stays that size: one mapping, advised as a whole. (Each
  // block under the mmap threshold, so that it comes from the heap.)
  void* probes[kThreadGrowth / kThreadBlock] = {};
  for (auto& p : probes) p = std::malloc(kThreadBlock);
  const auto at = reinterpret_cast<std::uintptr_t>(probes[0]);
  for (auto* p : probes) std::free(p);
  if (at == 0) return;
  // A thread that shares the main arena (glibc's limit on arenas) has its blocks in the main heap,
  // advised already.
  if (at >= g_main_first && at < g_main_end) return;
  const std::uintptr_t heap = at & ~(kThreadHeap - 1);
  advise(heap, heap + kThreadHeap);
#endif
}

} // namespace migrate::util
