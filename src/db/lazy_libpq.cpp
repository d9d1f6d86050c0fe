// Loads libpq on the first call of any of its functions (cmake/lazy_libpq.cmake writes the stubs that
// call this). A build that links libpq as usual (-DMIGRATE_LAZY_LIBPQ=OFF, not x86-64) leaves this file out.
#include <dlfcn.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <mutex>

extern "C" {
extern void* migrate_pq_table[];
void migrate_pq_load();
}

namespace {

constexpr const char* kNames[] = {
#include "lazy_libpq_names.inc"
};

// A function this libpq does not have (an older libpq than the one migrate was built against): called
// only if migrate uses it, and then it cannot go on.
[[noreturn]] void missing() {
  std::fputs("migrate: error: the installed libpq.so.5 lacks a function migrate needs\n"
             "  hint: install the libpq5 of the PostgreSQL version migrate was built with, or newer\n",
             stderr);
  std::_Exit(3);
}

} // namespace

extern "C" void migrate_pq_load() {
  static std::once_flag once;
  std::call_once(once, [] {
    void* lib = dlopen("libpq.so.5", RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
      // Exit 3: the database layer cannot be reached, as when the server cannot.
      std::fprintf(stderr, "migrate: error: cannot load libpq, which every command that connects needs: %s\n"
                           "  hint: install libpq5 (Debian, Ubuntu) or libpq (Fedora)\n", dlerror());
      std::_Exit(3);
    }
    std::size_t i = 0;
    for (const char* name : kNames) {
      void* f = dlsym(lib, name);
      __atomic_store_n(&migrate_pq_table[i++], f ? f : reinterpret_cast<void*>(&missing), __ATOMIC_RELEASE);
    }
  });
}
