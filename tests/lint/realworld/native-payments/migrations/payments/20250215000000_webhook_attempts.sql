-- migrate:expand
CREATE TABLE webhook_attempts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  webhook_id bigint NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
  status_code integer,
  attempted_at timestamptz NOT NULL DEFAULT now(),
  response_body text
);
CREATE INDEX webhook_attempts_webhook_id_attempted_at_idx ON webhook_attempts (webhook_id, attempted_at);
-- migrate:rollback
DROP TABLE webhook_attempts;
