-- Keep a copy of the aliases before the directory rewrite.
-- migrate:expand
SELECT * INTO room_aliases_backup FROM room_aliases;
CREATE INDEX room_aliases_backup_room_id ON room_aliases_backup (room_id);
CREATE TABLE rooms_backup AS SELECT room_id, is_public, creator FROM rooms;
CREATE UNIQUE INDEX rooms_backup_room_id ON rooms_backup (room_id);
-- migrate:rollback
DROP TABLE IF EXISTS rooms_backup;
DROP TABLE IF EXISTS room_aliases_backup;
