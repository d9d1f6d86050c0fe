# bash completion for migrate                                   -*- shell-script -*-
# Commands, apps and migration versions come from `migrate __complete ...`.

_migrate() {
  local cur prev words cword
  _init_completion 2>/dev/null || {
    cur="${COMP_WORDS[COMP_CWORD]}"
    prev="${COMP_WORDS[COMP_CWORD-1]}"
    words=("${COMP_WORDS[@]}")
    cword=$COMP_CWORD
  }

  local global_opts="-c --config -d --database --app -v --verbose -q --quiet --log-format --metrics-file --wait-for-db --pg-bin --color --version -h --help"
  case "$prev" in
    -c|--config|--metrics-file) COMPREPLY=($(compgen -f -- "$cur")); return ;;
    --pg-bin) COMPREPLY=($(compgen -d -- "$cur")); return ;;
    -d|--database) COMPREPLY=($(compgen -W "ephemeral" -- "$cur")); return ;;
    --app) COMPREPLY=($(compgen -W "$(migrate __complete apps 2>/dev/null)" -- "$cur")); return ;;
    --log-format) COMPREPLY=($(compgen -W "text json" -- "$cur")); return ;;
    --color) COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return ;;
    --phase) COMPREPLY=($(compgen -W "expand migrate contract all" -- "$cur")); return ;;
    --format) COMPREPLY=($(compgen -W "text json sarif github gitlab gcc sql" -- "$cur")); return ;;
    --explain) COMPREPLY=($(compgen -W "$(migrate __complete rules 2>/dev/null)" -- "$cur")); return ;;
    --pg-version) COMPREPLY=($(compgen -W "11 12 13 14 15 16 17 18" -- "$cur")); return ;;
    --to) COMPREPLY=($(compgen -W "$(migrate __complete migrations 2>/dev/null)" -- "$cur")); return ;;
    --seed) COMPREPLY=($(compgen -f -- "$cur")); return ;;
  esac

  # The command is the first word that is not an option or an option's value.
  local i cmd="" sub=""
  for ((i = 1; i < cword; i++)); do
    case "${words[i]}" in
      -c|--config|-d|--database|--app|--log-format|--metrics-file|--color|--phase|--format|--explain|--pg-version|--to|--seed|--changed-since|--steps|--limit|--lock-timeout|--lock-retries|--lock-wait|--wait|--wait-for-db|--pg-bin|--workers|--from|--out|--from-ledger|--table|--django-app) ((i++)) ;;
      -*) ;;
      *) if [ -z "$cmd" ]; then cmd="${words[i]}"; elif [ -z "$sub" ]; then sub="${words[i]}"; fi ;;
    esac
  done

  if [ -z "$cmd" ]; then
    if [[ "$cur" == -* ]]; then
      COMPREPLY=($(compgen -W "$global_opts" -- "$cur"))
    else
      COMPREPLY=($(compgen -W "$(migrate __complete commands 2>/dev/null)" -- "$cur"))
    fi
    return
  fi

  case "$cmd" in
    new) case "$prev" in
        --recipe) COMPREPLY=($(compgen -W "add-column set-not-null add-foreign-key add-unique rename-column change-type" -- "$cur")) ;;
        *) COMPREPLY=($(compgen -W "--app --recipe --table --column --type --from --default --replaces --references --to --using --back --key -h --help" -- "$cur")) ;;
      esac ;;
    lint)
      if [[ "$cur" == -* ]]; then
        COMPREPLY=($(compgen -W "--format --pg-version --phase --list-rules --explain --changed-since --app -h --help" -- "$cur"))
      else
        COMPREPLY=($(compgen -f -- "$cur"))
      fi ;;
    plan) COMPREPLY=($(compgen -W "--phase --format --offline --app -h --help" -- "$cur")) ;;
    apply) COMPREPLY=($(compgen -W "--phase --app --to --dry-run --lock-timeout --lock-retries --lock-wait --skip-lint --skip-checks --workers -h --help" -- "$cur")) ;;
    rollback) COMPREPLY=($(compgen -W "--app --to --steps --phase --dry-run --force --lock-timeout --lock-retries --lock-wait --skip-lint -h --help" -- "$cur")) ;;
    status) COMPREPLY=($(compgen -W "--format --exit-code --app -h --help" -- "$cur")) ;;
    backfill)
      if [ -z "$sub" ]; then COMPREPLY=($(compgen -W "pause resume cancel" -- "$cur"))
      elif [[ "$cur" == -* ]]; then COMPREPLY=($(compgen -W "--app -h --help" -- "$cur"))
      else COMPREPLY=($(compgen -W "$(migrate __complete migrations 2>/dev/null)" -- "$cur")); fi ;;
    history) COMPREPLY=($(compgen -W "--format --limit --app -h --help" -- "$cur")) ;;
    verify) COMPREPLY=($(compgen -W "--seed --to --app --no-window --format -h --help" -- "$cur")) ;;
    baseline) case "$prev" in
        --from-ledger) COMPREPLY=($(compgen -W "flyway dbmate golang-migrate django alembic" -- "$cur")) ;;
        --table|--django-app) ;;
        *) if [[ "$cur" == -* ]]; then COMPREPLY=($(compgen -W "--from-ledger --table --django-app --app --lock-wait -h --help" -- "$cur"))
           else COMPREPLY=($(compgen -W "$(migrate __complete migrations 2>/dev/null)" -- "$cur")); fi ;;
      esac ;;
    import) case "$prev" in
        --from) COMPREPLY=($(compgen -W "flyway dbmate golang-migrate" -- "$cur")) ;;
        --out) COMPREPLY=($(compgen -d -- "$cur")) ;;
        *) if [[ "$cur" == -* ]]; then COMPREPLY=($(compgen -W "--from --app --out -h --help" -- "$cur"))
           else COMPREPLY=($(compgen -d -- "$cur")); fi ;;
      esac ;;
    repair) COMPREPLY=($(compgen -W "--app --accept-checksums --forget-missing --dry-run --force --lock-wait -h --help" -- "$cur")) ;;
    config)
      if [ -z "$sub" ]; then COMPREPLY=($(compgen -W "show" -- "$cur"))
      else COMPREPLY=($(compgen -W "--format -h --help" -- "$cur")); fi ;;
    ephemeral) COMPREPLY=($(compgen -c -- "$cur")) ;;
  esac
}
complete -F _migrate migrate
