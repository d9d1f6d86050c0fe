-- thread_id is filled by the application since 7.1; old rows by the background update "event_push_backfill_thread_id".
-- migrate:expand
ALTER TABLE event_push_actions
  ADD CONSTRAINT event_push_actions_thread_id CHECK (thread_id IS NOT NULL) NOT VALID;
-- migrate:rollback
ALTER TABLE event_push_actions DROP CONSTRAINT IF EXISTS event_push_actions_thread_id;

-- migrate:migrate
ALTER TABLE event_push_actions VALIDATE CONSTRAINT event_push_actions_thread_id;
ALTER TABLE event_push_actions ALTER COLUMN thread_id SET NOT NULL;
ALTER TABLE event_push_actions DROP CONSTRAINT event_push_actions_thread_id;
-- migrate:rollback
ALTER TABLE event_push_actions ALTER COLUMN thread_id DROP NOT NULL;
