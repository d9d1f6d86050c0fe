-- migrate:expand
CREATE TABLE tags (id serial PRIMARY KEY, name text); -- fires
CREATE TABLE events (id bigserial PRIMARY KEY, n smallserial); -- fires (once: one finding per statement)
-- migrate:rollback
DROP TABLE tags;
DROP TABLE events;
