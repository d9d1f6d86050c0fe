-- Remove rows for rooms that were deleted without their directory entries.
-- migrate:expand
DELETE FROM users_in_public_rooms WHERE room_id NOT IN (SELECT room_id FROM rooms); -- expect: unbatched-dml
-- migrate:rollback irreversible
