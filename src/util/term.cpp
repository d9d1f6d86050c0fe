#include "util/term.hpp"

#include <cstdlib>
#include <unistd.h>

#include "util/text.hpp"

namespace migrate::util {

namespace {
bool g_stdout = false;
bool g_stderr = false;
} // namespace

void set_color_mode(ColorMode mode) {
  const char* no_color = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  bool allowed = no_color == nullptr || *no_color == '\0';
  bool dumb = term != nullptr && std::string_view(term) == "dumb";
  switch (mode) {
  case ColorMode::never:
    g_stdout = g_stderr = false;
    break;
  case ColorMode::always:
    g_stdout = g_stderr = true;
    break;
  case ColorMode::auto_:
    g_stdout = allowed && !dumb && isatty(STDOUT_FILENO) == 1;
    g_stderr = allowed && !dumb && isatty(STDERR_FILENO) == 1;
    break;
  }
}

bool color_stdout() { return g_stdout; }
bool color_stderr() { return g_stderr; }

std::string styled(std::string_view text, Style style, bool on) {
  if (!on) return std::string(text);
  const char* code = "";
  switch (style) {
  case Style::bold: code = "\033[1m"; break;
  case Style::red: code = "\033[1;31m"; break;
  case Style::yellow: code = "\033[1;33m"; break;
  case Style::green: code = "\033[32m"; break;
  case Style::cyan: code = "\033[36m"; break;
  case Style::dim: code = "\033[2m"; break;
  }
  return std::string(code) + std::string(text) + "\033[0m";
}

bool stdout_is_terminal() { return ::isatty(STDOUT_FILENO) == 1; }

bool utf8_locale() {
  for (const char* name : {"LC_ALL", "LC_CTYPE", "LANG"}) {
    const char* v = std::getenv(name);
    if (!v || !*v) continue;
    const std::string lower = to_lower(v);
    return lower.find("utf-8") != std::string::npos || lower.find("utf8") != std::string::npos;
  }
  return false;
}

} // namespace migrate::util
