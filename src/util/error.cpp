#include "util/error.hpp"

#include <fmt/format.h>

namespace migrate {

std::string Location::str() const {
  if (line <= 0) return file;
  if (column <= 0) return fmt::format("{}:{}", file, line);
  return fmt::format("{}:{}:{}", file, line, column);
}

InputError::InputError(Location where, std::string message, std::string hint)
    : Error(Exit::input, where.file.empty() ? message : fmt::format("{}: {}", where.str(), message), std::move(hint)),
      where_(std::move(where)), bare_(std::move(message)) {}

namespace {
std::string summary(const std::vector<InputError>& errors) {
  if (errors.size() == 1) return errors.front().what();
  return fmt::format("{} input errors", errors.size());
}
} // namespace

InputErrors::InputErrors(std::vector<InputError> errors)
    : Error(Exit::input, summary(errors)), errors_(std::move(errors)) {}

} // namespace migrate
