#include "sql/clauses.hpp"

#include <cctype>

#include "util/text.hpp"

namespace migrate::sql {

namespace {

bool word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' || static_cast<unsigned char>(c) >= 0x80; }

// Past the string, identifier, dollar quote or comment that starts at `i` (i itself when none does).
std::size_t skip_quoted(std::string_view s, std::size_t i) {
  const std::size_t n = s.size();
  if (s.compare(i, 2, "--") == 0) {
    while (i < n && s[i] != '\n') ++i;
    return i;
  }
  if (s.compare(i, 2, "/*") == 0) {
    int depth = 0;
    while (i < n) {
      if (s.compare(i, 2, "/*") == 0) {
        ++depth;
        i += 2;
      } else if (s.compare(i, 2, "*/") == 0) {
        i += 2;
        if (--depth == 0) return i;
      } else {
        ++i;
      }
    }
    return n;
  }
  if (s[i] == '\'' || s[i] == '"') {
    const char q = s[i];
    const bool escapes = q == '\'' && i > 0 && (s[i - 1] == 'E' || s[i - 1] == 'e') && (i < 2 || !word_char(s[i - 2]));
    ++i;
    while (i < n) {
      if (escapes && s[i] == '\\') {
        i += 2;
      } else if (s[i] == q) {
        if (i + 1 < n && s[i + 1] == q) i += 2;
        else return i + 1;
      } else {
        ++i;
      }
    }
    return n;
  }
  if (s[i] == '$' && (i == 0 || !word_char(s[i - 1]))) {
    std::size_t j = i + 1;
    if (j < n && std::isdigit(static_cast<unsigned char>(s[j]))) return i; // $1: a parameter
    while (j < n && s[j] != '$' && word_char(s[j])) ++j;
    if (j >= n || s[j] != '$') return i;
    const std::string_view tag = s.substr(i, j - i + 1);
    const std::size_t close = s.find(tag, j + 1);
    return close == std::string_view::npos ? n : close + tag.size();
  }
  return i;
}

// Past white space and comments from `i`.
std::size_t skip_blank(std::string_view s, std::size_t i) {
  while (i < s.size()) {
    if (std::isspace(static_cast<unsigned char>(s[i]))) {
      ++i;
    } else if (s.compare(i, 2, "--") == 0 || s.compare(i, 2, "/*") == 0) {
      i = skip_quoted(s, i);
    } else {
      break;
    }
  }
  return i;
}

} // namespace

std::vector<std::string_view> identifiers(std::string_view sql) {
  std::vector<std::string_view> out;
  for (std::size_t i = 0; i < sql.size();) {
    if (sql[i] == '"') {
      const std::size_t end = skip_quoted(sql, i);
      out.push_back(sql.substr(i + 1, end > i + 1 ? end - i - 2 : 0));
      i = end;
      continue;
    }
    const std::size_t past = skip_quoted(sql, i);
    if (past != i) {
      i = past;
      continue;
    }
    if (word_char(sql[i]) && !std::isdigit(static_cast<unsigned char>(sql[i])) && sql[i] != '$') {
      std::size_t j = i;
      while (j < sql.size() && word_char(sql[j])) ++j;
      // E'...', U&'...', B'...': the letter starts a constant, not an identifier.
      if (j < sql.size() && sql[j] == '\'') {
        i = j;
        continue;
      }
      out.push_back(sql.substr(i, j - i));
      i = j;
      continue;
    }
    ++i;
  }
  return out;
}

std::vector<std::size_t> alter_table_clauses(std::string_view sql) {
  std::size_t i = skip_blank(sql, 0);
  // One word (lower case) or quoted identifier at i; "" when neither.
  auto word_at = [&](std::size_t at, std::size_t& end) {
    if (at < sql.size() && sql[at] == '"') {
      end = skip_quoted(sql, at);
      return std::string("\"");
    }
    end = at;
    while (end < sql.size() && word_char(sql[end])) ++end;
    return util::to_lower(sql.substr(at, end - at));
  };
  std::size_t end = 0;
  for (const char* expected : {"alter", "table"}) {
    if (word_at(i, end) != expected) return {};
    i = skip_blank(sql, end);
  }
  if (word_at(i, end) == "if") {
    i = skip_blank(sql, end);
    if (word_at(i, end) != "exists") return {};
    i = skip_blank(sql, end);
  }
  if (word_at(i, end) == "only") i = skip_blank(sql, end);
  // The table's name: identifiers joined by dots, then an optional *.
  for (;;) {
    if (word_at(i, end).empty()) return {};
    i = skip_blank(sql, end);
    if (i < sql.size() && sql[i] == '.') {
      i = skip_blank(sql, i + 1);
      continue;
    }
    break;
  }
  if (i < sql.size() && sql[i] == '*') i = skip_blank(sql, i + 1);
  std::vector<std::size_t> out{i};
  int depth = 0;
  while (i < sql.size()) {
    const std::size_t past = skip_quoted(sql, i);
    if (past != i) {
      i = past;
      continue;
    }
    const char c = sql[i];
    if (c == '(' || c == '[') ++depth;
    else if (c == ')' || c == ']') --depth;
    else if (c == ',' && depth == 0) out.push_back(skip_blank(sql, i + 1));
    ++i;
  }
  return out;
}

std::optional<UpdateText> update_text(std::string_view sql) {
  enum class At { head, set, from, where, tail } at = At::head;
  UpdateText out;
  int depth = 0;
  std::string previous; // the word before, at any depth
  std::size_t item_start = 0, where_start = 0, where_end = sql.size();
  auto close_item = [&](std::size_t end) {
    std::string_view item = sql.substr(item_start, end - item_start);
    // The first "=" outside parentheses splits target and expression.
    int d = 0;
    for (std::size_t k = 0; k < item.size(); ++k) {
      const std::size_t past = skip_quoted(item, k);
      if (past != k) {
        k = past - 1;
        continue;
      }
      if (item[k] == '(' || item[k] == '[') ++d;
      else if (item[k] == ')' || item[k] == ']') --d;
      else if (item[k] == '=' && d == 0) {
        out.set.push_back({std::string(util::trim(item.substr(0, k))), std::string(util::trim(item.substr(k + 1)))});
        return true;
      }
    }
    return false;
  };
  for (std::size_t i = 0; i < sql.size();) {
    const std::size_t past = skip_quoted(sql, i);
    if (past != i) {
      i = past;
      continue;
    }
    const char c = sql[i];
    if (c == '(' || c == '[') {
      ++depth;
      ++i;
      continue;
    }
    if (c == ')' || c == ']') {
      --depth;
      ++i;
      continue;
    }
    if (depth == 0 && c == ',' && at == At::set) {
      if (!close_item(i)) return std::nullopt;
      item_start = i + 1;
      ++i;
      continue;
    }
    if (!word_char(c) || (i > 0 && word_char(sql[i - 1]))) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < sql.size() && word_char(sql[j])) ++j;
    const std::string word = util::to_lower(sql.substr(i, j - i));
    // "a IS DISTINCT FROM b" in a SET expression: that FROM is not the UPDATE's.
    const bool distinct_from = word == "from" && previous == "distinct";
    previous = word;
    if (depth == 0 && !distinct_from) {
      if (at == At::head && word == "set") {
        at = At::set;
        item_start = j;
      } else if (at == At::set && (word == "from" || word == "where" || word == "returning")) {
        if (!close_item(i)) return std::nullopt;
        at = word == "from" ? At::from : word == "where" ? At::where : At::tail;
        out.from = word == "from";
        if (word == "where") where_start = j;
      } else if (at == At::from && (word == "where" || word == "returning")) {
        at = word == "where" ? At::where : At::tail;
        if (word == "where") where_start = j;
      } else if (at == At::where && word == "returning") {
        at = At::tail;
        where_end = i;
      }
    }
    i = j;
  }
  if (at == At::head) return std::nullopt;
  if (at == At::set && !close_item(sql.size())) return std::nullopt;
  if (where_start) out.where = std::string(util::trim(sql.substr(where_start, where_end - where_start)));
  return out;
}

} // namespace migrate::sql
