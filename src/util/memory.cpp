#include "util/memory.hpp"

#include <malloc.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <initializer_list>

namespace migrate::util {

void tune_allocator() {
#if defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
  constexpr int kMiB = 1 << 20;
  constexpr int kReserve = 256 * kMiB; // the heap's one growth: address space, touched only as used
  constexpr std::uintptr_t kHuge = 2 * kMiB;
  constexpr int kDefaultTopPad = 128 * 1024; // glibc's
  // Under a limit on address space or data (ulimit -v, -d), the reserve could take the room the
  // command's threads need: leave the heap as glibc has it.
  for (int resource : {RLIMIT_AS, RLIMIT_DATA}) {
    rlimit limit{};
    if (getrlimit(resource, &limit) != 0 || (limit.rlim_cur != RLIM_INFINITY && limit.rlim_cur < 16 * static_cast<rlim_t>(kReserve))) return;
  }
  // Every thread allocates from the one heap (the command runs on a thread of its own, which would
  // otherwise get an arena of its own, outside the advice below); nothing is trimmed (a trimmed top
  // grows back as a new mapping, without the advice); blocks up to 16 MB come from the heap.
  if (mallopt(M_ARENA_MAX, 1) == 0 || mallopt(M_TRIM_THRESHOLD, 2 * kReserve) == 0 || mallopt(M_MMAP_THRESHOLD, 16 * kMiB) == 0 ||
      mallopt(M_TOP_PAD, kReserve) == 0) {
    return;
  }
  // A block larger than what is left at the top makes the heap grow now, by the reserve.
  void* probe = std::malloc(kMiB);
  const auto start = reinterpret_cast<std::uintptr_t>(probe);
  std::free(probe);
  // Later growth (past the reserve) in glibc's usual steps: a strict overcommit policy counts every
  // byte of a growth, and a second reserve could be refused where a small step would not.
  mallopt(M_TOP_PAD, kDefaultTopPad);
  const auto end = reinterpret_cast<std::uintptr_t>(sbrk(0));
  const std::uintptr_t first = (start + kHuge - 1) & ~(kHuge - 1);
  // Where the heap could not grow (limited address space or commit), malloc took the block from mmap
  // and the heap is where it was: nothing to advise.
  if (probe != nullptr && end > first && end - first >= kHuge && end - start <= 2 * static_cast<std::uintptr_t>(kReserve)) {
    (void)madvise(reinterpret_cast<void*>(first), end - first, MADV_HUGEPAGE); // advice: when refused, nothing changes
  }
#endif
}

} // namespace migrate::util
