-- migrate:expand
REINDEX INDEX users_email_idx; -- fires
REINDEX TABLE users; -- fires
-- migrate:rollback irreversible
