#pragma once
// Threads with a large stack. libpg_query writes its parse tree recursively with no depth check, so
// a deeply nested expression (a + a + ... 100,000 times) overflows an ordinary 8 MB stack. The
// command and the parse workers run on 1 GiB stacks: address space only, touched pages are what count.
#include <cstddef>
#include <functional>
#include <pthread.h>

namespace migrate::util {

inline constexpr std::size_t kBigStack = std::size_t{1} << 30;

class BigStackThread {
public:
  explicit BigStackThread(std::function<void()> fn, std::size_t stack = kBigStack);
  BigStackThread(BigStackThread&& other) noexcept;
  BigStackThread& operator=(BigStackThread&&) = delete;
  BigStackThread(const BigStackThread&) = delete;
  ~BigStackThread(); // joins
  void join();

private:
  pthread_t thread_{};
  bool joinable_ = false;
};

// Runs fn on a big-stack thread and returns its result; an exception it throws is rethrown here.
int run_on_big_stack(const std::function<int()>& fn);

} // namespace migrate::util
