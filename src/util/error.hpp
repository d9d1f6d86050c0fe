#pragma once
// What aborts a command: an exception carrying its exit code, caught once in cli/ and printed as
// "migrate: error: ...". Low-level code that a caller may want to recover from returns values instead.
#include <stdexcept>
#include <string>
#include <vector>

namespace migrate {

// The exit codes of docs/format.md ("Exit codes"), in one place.
enum class Exit : int {
  ok = 0,
  findings = 1,     // lint errors, verify differences, status --exit-code
  input = 2,        // usage, configuration or input error: nothing was applied
  database = 3,     // unreachable, login refused, a statement failed
  lock = 4,         // a lock could not be acquired within the retries
  refused = 5,      // phase gate, drift, irreversible rollback, ledger lock held too long
  interrupted = 130 // SIGINT/SIGTERM
};

// A place in an input file; line and column are 1-based, 0 means "not known".
struct Location {
  std::string file;
  int line = 0;
  int column = 0;

  [[nodiscard]] std::string str() const; // "file:line:col", "file:line" or "file"
};

class Error : public std::runtime_error {
public:
  Error(Exit code, std::string message, std::string hint = {})
      : std::runtime_error(std::move(message)), code_(code), hint_(std::move(hint)) {}
  [[nodiscard]] Exit code() const noexcept { return code_; }
  [[nodiscard]] const std::string& hint() const noexcept { return hint_; }

private:
  Exit code_;
  std::string hint_;
};

// Bad input at a known place: exit 2, printed as "file:line:col: message".
class InputError : public Error {
public:
  InputError(Location where, std::string message, std::string hint = {});
  [[nodiscard]] const Location& where() const noexcept { return where_; }
  [[nodiscard]] const std::string& bare_message() const noexcept { return bare_; }

private:
  Location where_;
  std::string bare_;
};

// Several input errors found in one pass (every bad file is reported, not just the first).
class InputErrors : public Error {
public:
  explicit InputErrors(std::vector<InputError> errors);
  [[nodiscard]] const std::vector<InputError>& errors() const noexcept { return errors_; }

private:
  std::vector<InputError> errors_;
};

class UsageError : public Error {
public:
  explicit UsageError(std::string message, std::string hint = {})
      : Error(Exit::input, std::move(message), std::move(hint)) {}
};

class DatabaseError : public Error {
public:
  DatabaseError(std::string message, std::string sqlstate = {}, std::string hint = {})
      : Error(Exit::database, std::move(message), std::move(hint)), sqlstate_(std::move(sqlstate)) {}
  [[nodiscard]] const std::string& sqlstate() const noexcept { return sqlstate_; }

private:
  std::string sqlstate_;
};

class Interrupted : public Error {
public:
  Interrupted() : Error(Exit::interrupted, "interrupted") {}
};

} // namespace migrate
