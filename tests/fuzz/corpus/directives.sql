-- migrate:allow index-not-concurrent reason="x"
-- migrate:expand
-- migrate:lock-timeout 2s
CREATE INDEX i ON t (a);
-- migrate:rollback irreversible
