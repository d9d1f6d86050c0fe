#pragma once
// The allocator, set up for a short-lived process that builds much and frees little.

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

} // namespace migrate::util
