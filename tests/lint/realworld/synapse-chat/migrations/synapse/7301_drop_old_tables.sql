-- migrate:contract
DROP TABLE IF EXISTS device_lists_remote_cache_old;
DROP TABLE IF EXISTS users_in_public_rooms; -- expect: lock-held-too-long (device_lists_remote_cache_old is held in ACCESS EXCLUSIVE)
-- migrate:rollback irreversible
