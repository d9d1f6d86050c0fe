-- migrate:expand
ALTER TABLE event_json ADD CONSTRAINT event_json_pkey PRIMARY KEY (event_id); -- expect: unique-constraint-build
-- migrate:rollback
ALTER TABLE event_json DROP CONSTRAINT IF EXISTS event_json_pkey;
