-- migrate:expand
CREATE TABLE IF NOT EXISTS room_stats_state (
    room_id TEXT NOT NULL,
    name TEXT,
    canonical_alias TEXT,
    join_rules TEXT,
    history_visibility TEXT,
    encryption TEXT,
    avatar TEXT,
    guest_access TEXT,
    is_federatable BOOLEAN,
    topic TEXT
);

CREATE UNIQUE INDEX room_stats_state_room ON room_stats_state(room_id);

INSERT INTO background_updates (update_name, progress_json) VALUES
    ('populate_room_stats_state', '{}');
-- migrate:rollback
DELETE FROM background_updates WHERE update_name = 'populate_room_stats_state';
DROP TABLE IF EXISTS room_stats_state;
