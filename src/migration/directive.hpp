#pragma once
// The "-- migrate:<word> key=value ..." comment lines of docs/format.md, tokenised. What each word means is
// decided in migration/parse.cpp; this only splits the line.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace migrate::migration {

// A problem at a byte offset of the file, turned into file:line:col by the caller.
struct FileProblem {
  std::size_t offset;
  std::string message;
  std::string hint;
};

struct DirectiveArg {
  std::optional<std::string> key; // key=value; no key for a bare word
  std::string value;
  std::size_t offset;             // byte offset in the file
};

struct Directive {
  std::string word;               // "expand", "backfill", "lock-timeout", ...
  std::size_t offset;             // of the comment
  std::size_t word_offset;
  std::vector<DirectiveArg> args; // "lock-timeout=2s" gives word "lock-timeout" and one bare arg "2s"
  bool dbmate = false;            // stands for a dbmate header (-- migrate:up / down)
};

// True for a comment of the form "-- migrate:..." (spaces allowed after the dashes).
bool is_directive_comment(std::string_view comment);

// Splits the comment that starts at byte `offset` of the file. Throws FileProblem.
Directive parse_directive(std::string_view comment, std::size_t offset);

} // namespace migrate::migration
