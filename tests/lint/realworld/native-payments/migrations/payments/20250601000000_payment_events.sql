-- migrate:expand
CREATE TABLE payment_events (
  payment_id bigint NOT NULL,
  kind text NOT NULL,
  at timestamptz NOT NULL
) PARTITION BY RANGE (at);
CREATE TABLE payment_events_2025_01 PARTITION OF payment_events FOR VALUES FROM ('2025-01-01') TO ('2025-02-01');
CREATE TABLE payment_events_2025_02 PARTITION OF payment_events FOR VALUES FROM ('2025-02-01') TO ('2025-03-01');
CREATE TABLE payment_events_2025_03 PARTITION OF payment_events FOR VALUES FROM ('2025-03-01') TO ('2025-04-01');
CREATE INDEX payment_events_payment_id_idx ON payment_events (payment_id);
-- migrate:rollback
DROP TABLE payment_events;
