# fish completion for migrate; commands and apps come from `migrate __complete ...`.
function __migrate_no_command
    set -l cmds (migrate __complete commands 2>/dev/null)
    for w in (commandline -opc)[2..-1]
        if contains -- $w $cmds
            return 1
        end
    end
    return 0
end

complete -c migrate -f
complete -c migrate -n __migrate_no_command -a "(migrate __complete commands 2>/dev/null)"
complete -c migrate -n __migrate_no_command -a new -d 'Write a new migration file'
complete -c migrate -n __migrate_no_command -a lint -d 'Find locking hazards in migration files'
complete -c migrate -n __migrate_no_command -a plan -d 'Show the steps apply would take'
complete -c migrate -n __migrate_no_command -a config -d 'Show the configuration'
complete -c migrate -n __migrate_no_command -a ephemeral -d 'Run a command against a throwaway PostgreSQL'

complete -c migrate -s c -l config -r -F -d 'Configuration file'
complete -c migrate -s d -l database -x -a ephemeral -d 'Database URL, or ephemeral'
complete -c migrate -l app -x -a "(migrate __complete apps 2>/dev/null)" -d 'Work on this app only'
complete -c migrate -s v -l verbose -d 'More detail in logs'
complete -c migrate -s q -l quiet -d 'Only errors'
complete -c migrate -l log-format -x -a 'text json' -d 'Log format'
complete -c migrate -l color -x -a 'auto always never' -d 'Colour'
complete -c migrate -l version -d 'Print the version'

complete -c migrate -n '__fish_seen_subcommand_from plan' -l phase -x -a 'expand migrate contract all' -d 'Only this phase'
complete -c migrate -n '__fish_seen_subcommand_from plan config' -l format -x -a 'text json' -d 'Output format'
complete -c migrate -n '__fish_seen_subcommand_from lint' -l format -x -a 'text json sarif github gcc' -d 'Output format'
complete -c migrate -n '__fish_seen_subcommand_from lint' -l pg-version -x -a '11 12 13 14 15 16 17' -d 'PostgreSQL major version'
complete -c migrate -n '__fish_seen_subcommand_from lint' -l phase -x -a 'expand migrate contract' -d 'Phase of standard input'
complete -c migrate -n '__fish_seen_subcommand_from lint' -l list-rules -d 'List the rules'
complete -c migrate -n '__fish_seen_subcommand_from lint' -l explain -x -a "(migrate __complete rules 2>/dev/null)" -d 'Explain a rule'
complete -c migrate -n '__fish_seen_subcommand_from lint' -F
complete -c migrate -n '__fish_seen_subcommand_from config' -a show -d 'Print every setting and its origin'
