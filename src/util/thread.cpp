#include "util/thread.hpp"

#include <cstring>
#include <exception>
#include <memory>
#include <stdexcept>
#include <string>

#include "util/memory.hpp"

namespace migrate::util {

namespace {
void* trampoline(void* arg) {
  tune_thread_heap();
  std::unique_ptr<std::function<void()>> fn(static_cast<std::function<void()>*>(arg));
  (*fn)();
  return nullptr;
}
} // namespace

BigStackThread::BigStackThread(std::function<void()> fn, std::size_t stack) {
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, stack);
  auto* heap = new std::function<void()>(std::move(fn));
  int rc = pthread_create(&thread_, &attr, trampoline, heap);
  if (rc != 0) {
    // Not enough address space for a big stack: an ordinary one is better than none.
    pthread_attr_setstacksize(&attr, std::size_t{8} << 20);
    rc = pthread_create(&thread_, &attr, trampoline, heap);
  }
  pthread_attr_destroy(&attr);
  if (rc != 0) {
    delete heap;
    throw std::runtime_error(std::string("cannot start a thread: ") + std::strerror(rc));
  }
  joinable_ = true;
}

BigStackThread::BigStackThread(BigStackThread&& other) noexcept : thread_(other.thread_), joinable_(other.joinable_) {
  other.joinable_ = false;
}

void BigStackThread::join() {
  if (joinable_) pthread_join(thread_, nullptr);
  joinable_ = false;
}

BigStackThread::~BigStackThread() { join(); }

int run_on_big_stack(const std::function<int()>& fn) {
  int result = 0;
  std::exception_ptr error;
  BigStackThread t([&] {
    try {
      result = fn();
    } catch (...) {
      error = std::current_exception();
    }
  });
  t.join();
  if (error) std::rethrow_exception(error);
  return result;
}

} // namespace migrate::util
