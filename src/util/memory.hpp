#pragma once
// The allocator, set up for a short-lived process that builds much and frees little.
#include <new>
#include <type_traits>
#include <utility>

#if defined(__SANITIZE_ADDRESS__)
#define MIGRATE_LEAK_CHECKED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define MIGRATE_LEAK_CHECKED 1
#endif
#endif

namespace migrate::util {

// Called first thing in main(), before any thread. On a virtual machine a page fault costs about
// 25 us, and `status` of 10,000 migrations took 37,000 of them (most of its CPU time): glibc's heaps
// grew 128 kB at a time, each new 4 kB page faulted in on first touch. Here the main heap grows once
// by 256 MB (address space, touched only as used) and asks for transparent huge pages over it
// (MADV_HUGEPAGE, for the kernel's "madvise" mode, Debian's default), so that it faults in 2 MB at a
// time; blocks up to 16 MB come from the heaps rather than from mmap calls of their own, and no heap's
// free top is given back. Without huge pages it changes little. Nothing of it under a limit on address
// space or data (ulimit -v, -d), nor under the sanitizers.
void tune_allocator();

// Called first on each thread that allocates much (the command's, the parse workers': BigStackThread
// does): the same for the thread's own glibc heap (64 MB of address space each), which is grown once
// by 45 MB and advised as a whole. Each thread keeps its own arena: one shared heap's lock cost `lint`,
// which parses on two threads beside its own, more than huge pages gave back.
void tune_thread_heap();

// Leaves a container's contents to the end of the process: moved to a block that is never freed, when
// the process is about to end anyway and freeing would only cost time (the parsed files of `status`
// with 10,000 migrations: thousands of blocks, 8% of its time given back one by one). An empty one
// is simply dropped. Under AddressSanitizer, whose leak check would report it, it is destroyed here.
template <typename T> void keep_until_exit(T&& value) {
  static_assert(!std::is_lvalue_reference_v<T>, "keep_until_exit takes what it is given: std::move it");
#ifdef MIGRATE_LEAK_CHECKED
  T discarded(std::move(value));
#else
  if (!value.empty()) (void)new T(std::move(value));
#endif
}

} // namespace migrate::util
