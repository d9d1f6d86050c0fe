-- migrate:contract
ALTER TABLE events DETACH PARTITION events_2023; -- fires
ALTER TABLE events DETACH PARTITION events_2022 CONCURRENTLY;
-- migrate:rollback irreversible
