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
complete -c migrate -n __migrate_no_command -a apply -d 'Apply pending steps'
complete -c migrate -n __migrate_no_command -a rollback -d 'Undo applied steps, newest first'
complete -c migrate -n __migrate_no_command -a status -d 'Show applied, pending, failed and drifted steps'
complete -c migrate -n __migrate_no_command -a backfill -d 'Pause, resume or cancel a backfill'
complete -c migrate -n '__fish_seen_subcommand_from backfill' -a 'pause resume cancel' -d 'Action'
complete -c migrate -n __migrate_no_command -a history -d 'Show what happened to each step'
complete -c migrate -n __migrate_no_command -a verify -d 'Prove every rollback on a throwaway database'
complete -c migrate -n __migrate_no_command -a baseline -d 'Adopt an existing database'
complete -c migrate -n __migrate_no_command -a repair -d 'Clear failed or interrupted records'
complete -c migrate -n __migrate_no_command -a config -d 'Show the configuration'
complete -c migrate -n __migrate_no_command -a ephemeral -d 'Run a command against a throwaway PostgreSQL'

complete -c migrate -s c -l config -r -F -d 'Configuration file'
complete -c migrate -s d -l database -x -a ephemeral -d 'Database URL, or ephemeral'
complete -c migrate -l app -x -a "(migrate __complete apps 2>/dev/null)" -d 'Work on this app only'
complete -c migrate -n '__fish_seen_subcommand_from new' -l recipe -x -a 'add-column set-not-null add-foreign-key add-unique rename-column change-type' -d 'Whole migration for a change'
complete -c migrate -n '__fish_seen_subcommand_from new' -l table -x -d 'The recipe table'
complete -c migrate -n '__fish_seen_subcommand_from new' -l column -x -d 'The recipe column'
complete -c migrate -n '__fish_seen_subcommand_from new' -l type -x -d 'add-column: the type'
complete -c migrate -n '__fish_seen_subcommand_from new' -l from -x -d 'add-column: its value'
complete -c migrate -n '__fish_seen_subcommand_from new' -l default -x -d 'add-column: default in contract'
complete -c migrate -n '__fish_seen_subcommand_from new' -l replaces -x -d 'add-column: the old column'
complete -c migrate -n '__fish_seen_subcommand_from new' -l references -x -d 'add-foreign-key: TABLE(COLUMN)'
complete -c migrate -n '__fish_seen_subcommand_from new' -l key -x -d 'The backfill key'
complete -c migrate -n '__fish_seen_subcommand_from new' -l to -x -d 'The new column'
complete -c migrate -n '__fish_seen_subcommand_from new' -l using -x -d 'change-type: new value from the old'
complete -c migrate -n '__fish_seen_subcommand_from new' -l back -x -d 'change-type: old value from the new'
complete -c migrate -s v -l verbose -d 'More detail in logs'
complete -c migrate -s q -l quiet -d 'Only errors'
complete -c migrate -l log-format -x -a 'text json' -d 'Log format'
complete -c migrate -l metrics-file -r -F -d 'Write Prometheus metrics of the run here'
complete -c migrate -l color -x -a 'auto always never' -d 'Colour'
complete -c migrate -l version -d 'Print the version'

complete -c migrate -n '__fish_seen_subcommand_from plan apply' -l phase -x -a 'expand migrate contract all' -d 'Only this phase'
complete -c migrate -n '__fish_seen_subcommand_from rollback' -l phase -x -a 'expand migrate contract' -d 'Only this phase'
complete -c migrate -n '__fish_seen_subcommand_from plan config status history verify' -l format -x -a 'text json' -d 'Output format'
complete -c migrate -n '__fish_seen_subcommand_from plan' -l offline -d 'Plan from the files only'
complete -c migrate -n '__fish_seen_subcommand_from apply rollback verify' -l to -x -a "(migrate __complete migrations 2>/dev/null)" -d 'Version'
complete -c migrate -n '__fish_seen_subcommand_from baseline' -x -a "(migrate __complete migrations 2>/dev/null)" -d 'Version'
complete -c migrate -n '__fish_seen_subcommand_from apply rollback repair' -l dry-run -d 'Change nothing'
complete -c migrate -n '__fish_seen_subcommand_from apply rollback' -l lock-timeout -x -d 'Bound of every lock wait'
complete -c migrate -n '__fish_seen_subcommand_from apply rollback' -l lock-retries -x -d 'Attempts after a lock timeout'
complete -c migrate -n '__fish_seen_subcommand_from apply rollback baseline repair' -l wait -x -d 'Wait for another run'
complete -c migrate -n '__fish_seen_subcommand_from apply rollback' -l skip-lint -d 'Run despite lint errors'
complete -c migrate -n '__fish_seen_subcommand_from apply' -l skip-checks -d 'Run without the -- migrate:check queries'
complete -c migrate -n '__fish_seen_subcommand_from apply' -l workers -x -d 'Backfill workers'
complete -c migrate -n '__fish_seen_subcommand_from rollback' -l steps -x -d 'How many steps'
complete -c migrate -n '__fish_seen_subcommand_from rollback' -l force -d 'Forget irreversible steps'
complete -c migrate -n '__fish_seen_subcommand_from status' -l exit-code -d 'Exit 1 when pending or drifted'
complete -c migrate -n '__fish_seen_subcommand_from history' -l limit -x -d 'How many events'
complete -c migrate -n '__fish_seen_subcommand_from verify' -l seed -r -F -d 'SQL to load first, or VERSION=FILE'
complete -c migrate -n '__fish_seen_subcommand_from verify' -l no-window -d 'Do not write as the old release would'
complete -c migrate -n '__fish_seen_subcommand_from repair' -l accept-checksums -d 'Accept changed files'
complete -c migrate -n '__fish_seen_subcommand_from repair' -l force -d 'Clear partially applied steps too'
complete -c migrate -n '__fish_seen_subcommand_from lint' -l format -x -a 'text json sarif github gitlab gcc' -d 'Output format'
complete -c migrate -n '__fish_seen_subcommand_from lint' -l pg-version -x -a '11 12 13 14 15 16 17 18' -d 'PostgreSQL major version'
complete -c migrate -n '__fish_seen_subcommand_from lint' -l phase -x -a 'expand migrate contract' -d 'Phase of standard input'
complete -c migrate -n '__fish_seen_subcommand_from lint' -l list-rules -d 'List the rules'
complete -c migrate -n '__fish_seen_subcommand_from lint' -l changed-since -x -d 'Report files changed since this git ref'
complete -c migrate -n '__fish_seen_subcommand_from lint' -l explain -x -a "(migrate __complete rules 2>/dev/null)" -d 'Explain a rule'
complete -c migrate -n '__fish_seen_subcommand_from lint' -F
complete -c migrate -n '__fish_seen_subcommand_from config' -a show -d 'Print every setting and its origin'
