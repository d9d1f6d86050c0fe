// libFuzzer entry point: tests/fuzz/run builds and runs it (see targets.hpp).
#include "targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  migrate::fuzz::lint(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
