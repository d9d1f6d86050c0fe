-- migrate:expand
REINDEX INDEX CONCURRENTLY users_email_idx;
REINDEX TABLE CONCURRENTLY users;
REINDEX (CONCURRENTLY) INDEX users_name_idx;
REINDEX (CONCURRENTLY true, VERBOSE) TABLE orders;
-- migrate:rollback irreversible
