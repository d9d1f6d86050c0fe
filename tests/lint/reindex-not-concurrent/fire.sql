-- migrate:expand
REINDEX INDEX users_email_idx; -- fires
REINDEX TABLE users; -- fires
REINDEX (CONCURRENTLY false) INDEX users_name_idx; -- fires (the option says no)
REINDEX SYSTEM app; -- fires (and does not advise CONCURRENTLY)
REINDEX DATABASE app; -- fires
-- migrate:rollback irreversible
