-- pg-version: 13 (no CONCURRENTLY before 14, so nothing to suggest)
-- migrate:contract
ALTER TABLE events DETACH PARTITION events_2023;
-- migrate:rollback irreversible
