-- migrate:expand
CREATE TABLE disputes (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  payment_id bigint NOT NULL REFERENCES payments (id),
  reason text NOT NULL,
  opened_at timestamptz NOT NULL DEFAULT now()
);
-- migrate:rollback
DROP TABLE disputes;

-- migrate:migrate
CREATE INDEX CONCURRENTLY disputes_payment_id_idx ON disputes (payment_id); -- expect: schema-change-in-migrate
