-- The cache is rebuilt from scratch under a new name; keep the old one until the next release.
-- migrate:expand
ALTER TABLE device_lists_remote_cache RENAME TO device_lists_remote_cache_old; -- expect: breaking-rename
CREATE TABLE device_lists_remote_cache (
    user_id TEXT NOT NULL,
    device_id TEXT NOT NULL,
    content TEXT NOT NULL
);
CREATE UNIQUE INDEX device_lists_remote_cache_unique_id ON device_lists_remote_cache (user_id, device_id);
-- migrate:rollback
DROP TABLE device_lists_remote_cache;
ALTER TABLE device_lists_remote_cache_old RENAME TO device_lists_remote_cache; -- expect: breaking-rename
