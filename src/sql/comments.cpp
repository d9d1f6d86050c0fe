#include "sql/comments.hpp"

#include "sql/parser.hpp"

namespace migrate::sql {

namespace {

// PostgreSQL's scan.l: ident_start [A-Za-z\200-\377_], ident_cont adds [0-9$].
bool ident_start(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80; }
bool ident_cont(unsigned char c) { return ident_start(c) || (c >= '0' && c <= '9') || c == '$'; }
// dolq_cont: like ident_cont without $.
bool dolq_cont(unsigned char c) { return ident_start(c) || (c >= '0' && c <= '9'); }

// End of a quoted run that starts at `open` (the quote character), with doubled quotes as escapes and,
// when `backslash`, backslash escapes too. npos when unterminated.
std::size_t quoted_end(std::string_view s, std::size_t open, char quote, bool backslash) {
  for (std::size_t i = open + 1; i < s.size(); ++i) {
    if (backslash && s[i] == '\\') {
      ++i;
    } else if (s[i] == quote) {
      if (i + 1 < s.size() && s[i + 1] == quote) ++i; // a doubled quote
      else return i + 1;
    }
  }
  return std::string_view::npos;
}

} // namespace

std::vector<Span> comments(std::string_view s) {
  std::vector<Span> out;
  const std::size_t n = s.size();
  std::size_t i = 0;
  auto at = [&](std::size_t k) -> unsigned char { return k < n ? static_cast<unsigned char>(s[k]) : 0; };
  while (i < n) {
    const unsigned char c = at(i);
    if (c == '-' && at(i + 1) == '-') {
      std::size_t e = i + 2;
      while (e < n && s[e] != '\n' && s[e] != '\r') ++e;
      out.push_back({i, e});
      i = e;
    } else if (c == '/' && at(i + 1) == '*') {
      std::size_t depth = 1, e = i + 2;
      while (e < n && depth > 0) {
        if (s[e] == '/' && at(e + 1) == '*') {
          ++depth;
          e += 2;
        } else if (s[e] == '*' && at(e + 1) == '/') {
          --depth;
          e += 2;
        } else {
          ++e;
        }
      }
      if (depth > 0) throw SyntaxError(i, "unterminated /* comment");
      out.push_back({i, e});
      i = e;
    } else if (c == '\'' || c == '"') {
      std::size_t e = quoted_end(s, i, static_cast<char>(c), false);
      if (e == std::string_view::npos) {
        throw SyntaxError(i, c == '"' ? "unterminated quoted identifier" : "unterminated quoted string");
      }
      if (c == '"' && e == i + 2) throw SyntaxError(i, "zero-length delimited identifier");
      i = e;
    } else if (ident_start(c)) {
      // A string prefix (E'', B'', X'', N'', U&'') only starts a token; inside an identifier it is
      // just a letter, as the lexer's longest match has it.
      const unsigned char next = at(i + 1);
      if ((c == 'E' || c == 'e') && next == '\'') {
        std::size_t e = quoted_end(s, i + 1, '\'', true);
        if (e == std::string_view::npos) throw SyntaxError(i, "unterminated quoted string");
        i = e;
      } else if ((c == 'B' || c == 'b' || c == 'X' || c == 'x' || c == 'N' || c == 'n') && next == '\'') {
        std::size_t e = quoted_end(s, i + 1, '\'', false);
        if (e == std::string_view::npos) throw SyntaxError(i, "unterminated quoted string");
        i = e;
      } else if ((c == 'U' || c == 'u') && next == '&' && (at(i + 2) == '\'' || at(i + 2) == '"')) {
        std::size_t e = quoted_end(s, i + 2, static_cast<char>(at(i + 2)), false);
        if (e == std::string_view::npos) throw SyntaxError(i, "unterminated quoted string");
        i = e;
      } else {
        while (i < n && ident_cont(at(i))) ++i;
      }
    } else if (c >= '0' && c <= '9') {
      // A number: digits, a fraction, an exponent. Letters glued to it are "trailing junk" to
      // PostgreSQL 15, which the parser reports; a $ after it starts a new token.
      while (i < n && ((at(i) >= '0' && at(i) <= '9') || at(i) == '.')) ++i;
      if ((at(i) == 'e' || at(i) == 'E') && ((at(i + 1) >= '0' && at(i + 1) <= '9') ||
                                             ((at(i + 1) == '+' || at(i + 1) == '-') && at(i + 2) >= '0' && at(i + 2) <= '9'))) {
        i += 2;
        while (i < n && at(i) >= '0' && at(i) <= '9') ++i;
      }
      while (i < n && ident_start(at(i))) ++i;
    } else if (c == '$' && at(i + 1) >= '0' && at(i + 1) <= '9') {
      // A parameter, $1: digits only.
      ++i;
      while (i < n && at(i) >= '0' && at(i) <= '9') ++i;
    } else if (c == '$') {
      // $tag$ ... $tag$ (or $$ ... $$).
      std::size_t e = i + 1;
      if (ident_start(at(e))) {
        while (e < n && dolq_cont(at(e))) ++e;
      }
      if (at(e) == '$') {
        std::string_view tag = s.substr(i, e - i + 1);
        std::size_t close = s.find(tag, e + 1);
        if (close == std::string_view::npos) throw SyntaxError(i, "unterminated dollar-quoted string");
        i = close + tag.size();
      } else {
        ++i;
      }
    } else {
      ++i;
    }
  }
  return out;
}

} // namespace migrate::sql
