/* Copyright 2022 The Matrix.org Foundation C.I.C.
 *
 * Full schema dump at version 68; later deltas apply on top of it.
 */
-- migrate:expand
CREATE TABLE users (
    name TEXT,
    password_hash TEXT,
    creation_ts BIGINT,
    admin SMALLINT DEFAULT 0 NOT NULL,
    deactivated SMALLINT DEFAULT 0 NOT NULL,
    CONSTRAINT users_name_key UNIQUE (name)
);

CREATE TABLE rooms (
    room_id TEXT NOT NULL,
    is_public BOOLEAN,
    creator TEXT,
    room_version TEXT,
    CONSTRAINT rooms_pkey PRIMARY KEY (room_id)
);

CREATE TABLE events (
    stream_ordering BIGINT NOT NULL,
    topological_ordering BIGINT NOT NULL,
    event_id TEXT NOT NULL,
    type TEXT NOT NULL,
    room_id TEXT NOT NULL,
    content TEXT,
    processed BOOLEAN NOT NULL,
    outlier BOOLEAN NOT NULL,
    depth BIGINT DEFAULT 0 NOT NULL,
    origin_server_ts BIGINT,
    received_ts BIGINT,
    sender TEXT,
    contains_url BOOLEAN,
    CONSTRAINT events_pkey PRIMARY KEY (stream_ordering),
    CONSTRAINT events_event_id_key UNIQUE (event_id)
);
CREATE INDEX events_order_room ON events (room_id, topological_ordering, stream_ordering);
CREATE INDEX events_room_stream ON events (room_id, stream_ordering);

CREATE TABLE event_json (
    event_id TEXT NOT NULL,
    room_id TEXT NOT NULL,
    internal_metadata TEXT NOT NULL,
    json TEXT NOT NULL,
    format_version INTEGER,
    CONSTRAINT event_json_event_id_key UNIQUE (event_id)
);

CREATE TABLE background_updates (
    update_name TEXT NOT NULL,
    progress_json TEXT NOT NULL,
    depends_on TEXT,
    ordering INTEGER DEFAULT 0 NOT NULL,
    CONSTRAINT background_updates_uniqueness UNIQUE (update_name)
);

CREATE TABLE receipts_linearized (
    stream_id BIGINT NOT NULL,
    room_id TEXT NOT NULL,
    receipt_type TEXT NOT NULL,
    user_id TEXT NOT NULL,
    event_id TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX receipts_linearized_id ON receipts_linearized (stream_id);

CREATE TABLE event_push_actions (
    room_id TEXT NOT NULL,
    event_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    actions TEXT NOT NULL,
    stream_ordering BIGINT,
    notif SMALLINT,
    highlight SMALLINT,
    thread_id TEXT
);
CREATE INDEX event_push_actions_rm_tokens ON event_push_actions (user_id, room_id, stream_ordering);

CREATE TABLE event_push_summary (
    user_id TEXT NOT NULL,
    room_id TEXT NOT NULL,
    notif_count BIGINT NOT NULL,
    stream_ordering BIGINT NOT NULL,
    thread_id TEXT
);

CREATE TABLE user_ips (
    user_id TEXT NOT NULL,
    access_token TEXT NOT NULL,
    device_id TEXT,
    ip TEXT NOT NULL,
    user_agent TEXT NOT NULL,
    last_seen BIGINT NOT NULL
);
CREATE INDEX user_ips_user_token_ip ON user_ips (user_id, access_token, ip);

CREATE TABLE state_groups_state (
    state_group BIGINT NOT NULL,
    room_id TEXT NOT NULL,
    type TEXT NOT NULL,
    state_key TEXT NOT NULL,
    event_id TEXT NOT NULL
);
CREATE INDEX state_groups_state_type_idx ON state_groups_state (state_group, type, state_key);

CREATE TABLE devices (
    user_id TEXT NOT NULL,
    device_id TEXT NOT NULL,
    display_name TEXT,
    CONSTRAINT device_uniqueness UNIQUE (user_id, device_id)
);

CREATE TABLE users_in_public_rooms (
    user_id TEXT NOT NULL,
    room_id TEXT NOT NULL
);

CREATE TABLE current_state_events (
    event_id TEXT NOT NULL,
    room_id TEXT NOT NULL,
    type TEXT NOT NULL,
    state_key TEXT NOT NULL,
    membership TEXT,
    CONSTRAINT current_state_events_event_id_key UNIQUE (event_id),
    CONSTRAINT current_state_events_room_id_type_state_key_key UNIQUE (room_id, type, state_key)
);

CREATE TABLE room_aliases (
    room_alias TEXT NOT NULL,
    room_id TEXT NOT NULL,
    creator TEXT,
    CONSTRAINT room_aliases_room_alias_key UNIQUE (room_alias)
);

CREATE TABLE device_lists_remote_cache (
    user_id TEXT NOT NULL,
    device_id TEXT NOT NULL,
    content TEXT NOT NULL
);

CREATE TABLE event_search (
    event_id TEXT,
    room_id TEXT,
    sender TEXT,
    key TEXT,
    vector tsvector,
    origin_server_ts BIGINT,
    stream_ordering BIGINT
);
-- migrate:rollback irreversible
