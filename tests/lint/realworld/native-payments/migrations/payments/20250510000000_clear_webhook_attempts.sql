-- migrate:migrate
TRUNCATE webhook_attempts; -- expect: destructive-outside-contract
-- migrate:rollback irreversible
