#include "cli/command.hpp"

#include <array>

namespace migrate::cli {

std::span<const Command> commands() {
  // Only commands that work are registered (see CHANGELOG.md for what is coming).
  static const std::array<Command, 16> table = {cmd_new(),     cmd_lint(),     cmd_plan(),     cmd_apply(),  cmd_rollback(),
                                                cmd_status(),  cmd_backfill(), cmd_history(),  cmd_verify(),  cmd_baseline(), cmd_import(), cmd_repair(),
                                                cmd_config(),  cmd_ephemeral(), cmd_complete(), cmd_man()};
  return table;
}

} // namespace migrate::cli
