#include "migration/directive.hpp"

#include <cctype>

#include <fmt/format.h>

namespace migrate::migration {

namespace {
constexpr std::string_view kPrefix = "migrate:";

bool space(char c) { return c == ' ' || c == '\t'; }

// Offset just past "--" and the spaces after it.
std::size_t after_dashes(std::string_view comment) {
  std::size_t i = 2;
  while (i < comment.size() && space(comment[i])) ++i;
  return i;
}
} // namespace

bool is_directive_comment(std::string_view comment) {
  if (!comment.starts_with("--")) return false;
  return comment.substr(after_dashes(comment)).starts_with(kPrefix);
}

Directive parse_directive(std::string_view comment, std::size_t offset) {
  // Trailing white space and a CR are not part of the directive.
  while (!comment.empty() && (space(comment.back()) || comment.back() == '\r')) comment.remove_suffix(1);
  std::size_t i = after_dashes(comment) + kPrefix.size();
  while (i < comment.size() && space(comment[i])) ++i;

  Directive d{{}, offset, offset + i, {}};
  std::size_t word_start = i;
  while (i < comment.size() && !space(comment[i]) && comment[i] != '=') ++i;
  d.word = std::string(comment.substr(word_start, i - word_start));
  if (d.word.empty()) {
    throw FileProblem{offset + word_start, "a directive needs a word after \"-- migrate:\"",
                      "for example -- migrate:expand"};
  }
  if (i < comment.size() && comment[i] == '=') { // lock-timeout=2s
    std::size_t v = ++i;
    while (i < comment.size() && !space(comment[i])) ++i;
    d.args.push_back({std::nullopt, std::string(comment.substr(v, i - v)), offset + v});
  }

  while (i < comment.size()) {
    while (i < comment.size() && space(comment[i])) ++i;
    if (i >= comment.size()) break;
    DirectiveArg arg{std::nullopt, {}, offset + i};
    std::size_t start = i;
    while (i < comment.size() && !space(comment[i]) && comment[i] != '=' && comment[i] != '"') ++i;
    if (i < comment.size() && comment[i] == '=') {
      arg.key = std::string(comment.substr(start, i - start));
      if (arg.key->empty()) throw FileProblem{offset + start, "\"=\" with no key before it", {}};
      ++i;
    } else {
      i = start;
    }
    if (i < comment.size() && comment[i] == '"') {
      std::size_t quote = i++;
      bool closed = false;
      while (i < comment.size()) {
        char c = comment[i++];
        if (c == '\\' && i < comment.size()) {
          arg.value.push_back(comment[i++]);
        } else if (c == '"') {
          closed = true;
          break;
        } else {
          arg.value.push_back(c);
        }
      }
      if (!closed) throw FileProblem{offset + quote, "unterminated quoted value", "close it with \""};
      if (i < comment.size() && !space(comment[i])) {
        throw FileProblem{offset + i, "expected a space after the quoted value", {}};
      }
    } else {
      std::size_t v = i;
      while (i < comment.size() && !space(comment[i])) ++i;
      arg.value = std::string(comment.substr(v, i - v));
    }
    d.args.push_back(std::move(arg));
  }
  return d;
}

} // namespace migrate::migration
