-- Rebuild the membership column of current state; nothing else may write while it runs.
-- migrate:migrate
LOCK TABLE current_state_events IN ACCESS EXCLUSIVE MODE;
DELETE FROM current_state_events WHERE type = 'm.room.member' AND membership IS NULL; -- expect: unbatched-dml
INSERT INTO current_state_events (event_id, room_id, type, state_key, membership) -- expect: lock-held-too-long
  SELECT e.event_id, e.room_id, e.type, e.sender, 'join'
    FROM events e
   WHERE e.type = 'm.room.member' AND e.event_id NOT IN (SELECT event_id FROM current_state_events);
-- migrate:rollback
