#pragma once
// Small text helpers that know nothing about migrate.
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace migrate::util {

std::string_view trim(std::string_view s);
std::string_view trim_right(std::string_view s);
bool starts_with_ci(std::string_view s, std::string_view prefix);
std::string to_lower(std::string_view s);
std::string to_upper(std::string_view s);
std::vector<std::string_view> split_lines(std::string_view s); // without the line terminators

// Levenshtein distance, and the closest candidate within a distance that scales with the word.
std::size_t edit_distance(std::string_view a, std::string_view b);
std::optional<std::string> closest(std::string_view word, std::span<const std::string> candidates);
std::optional<std::string> closest(std::string_view word, std::span<const std::string_view> candidates);
// " (did you mean \"x\"?)" or "".
std::string did_you_mean(std::string_view word, std::span<const std::string> candidates);
std::string did_you_mean(std::string_view word, std::span<const std::string_view> candidates);

// CRLF and lone CR become LF.
std::string normalize_newlines(std::string_view s);

// One line of SQL for display: whitespace runs collapsed, cut to `width` characters with "...".
std::string one_line(std::string_view s, std::size_t width);

// Maps byte offsets of a text to 1-based line and column (columns count UTF-8 code points).
class LineIndex {
public:
  explicit LineIndex(std::string_view text);
  struct Pos {
    int line;
    int column;
  };
  [[nodiscard]] Pos at(std::size_t offset) const;
  [[nodiscard]] std::size_t line_start(int line) const; // byte offset of a 1-based line

private:
  std::string_view text_;
  std::vector<std::size_t> starts_;
};

} // namespace migrate::util
