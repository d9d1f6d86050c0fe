-- migrate:expand
REINDEX INDEX CONCURRENTLY users_email_idx;
REINDEX TABLE CONCURRENTLY users;
-- migrate:rollback irreversible
