#pragma once
// The allocator, set up for a short-lived process that builds much and frees little.

namespace migrate::util {

// Called first thing in main(), before any thread. On a virtual machine a page fault costs about
// 25 us, and `status` of 10,000 migrations took 37,000 of them (most of its CPU time): glibc's heaps
// grew 128 kB at a time, each new 4 kB page faulted in on first touch. Here every thread shares the
// one heap, which grows once by 256 MB (address space, touched only as used) and asks for transparent
// huge pages over it (MADV_HUGEPAGE, for the kernel's "madvise" mode, Debian's default), so that it
// faults in 2 MB at a time; blocks up to 16 MB come from it rather than from mmap calls of their own,
// and its free top is kept. Without huge pages it changes little. A no-op under the sanitizers.
// Not for `lint`: it parses on two threads beside its own, and one shared heap's lock costs it more
// (8 to 12% on 2,000 files) than huge pages give back.
void tune_allocator();

} // namespace migrate::util
