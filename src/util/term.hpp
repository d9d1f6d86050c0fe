#pragma once
// Colour on a terminal only: never with NO_COLOR (any value) or --color never.
#include <string>
#include <string_view>

namespace migrate::util {

enum class ColorMode { auto_, always, never };

// Decides once for stdout and stderr, from the mode, NO_COLOR and isatty.
void set_color_mode(ColorMode mode);
bool color_stdout();
bool color_stderr();

// Whether standard output is a terminal, and whether the locale can show UTF-8 symbols there.
bool stdout_is_terminal();
bool utf8_locale();

enum class Style { bold, red, yellow, green, cyan, dim };
// The text wrapped in the style's escape codes when `on`, unchanged otherwise.
std::string styled(std::string_view text, Style style, bool on);

} // namespace migrate::util
