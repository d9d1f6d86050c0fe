-- migrate:expand
CREATE TYPE refund_status AS ENUM ('pending', 'succeeded', 'failed');

CREATE TABLE accounts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  owner_email text NOT NULL,
  currency text NOT NULL DEFAULT 'EUR',
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE payments (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id bigint NOT NULL REFERENCES accounts (id),
  reference text NOT NULL,
  amount_cents bigint NOT NULL,
  status text,
  legacy_state text,
  note text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX payments_account_id_idx ON payments (account_id);

CREATE TABLE payments_archive (LIKE payments INCLUDING DEFAULTS);

CREATE TABLE refunds (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  payment_id bigint NOT NULL,
  amount_cents bigint NOT NULL,
  status refund_status NOT NULL DEFAULT 'pending',
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE currencies (
  code text PRIMARY KEY,
  name text NOT NULL
);

CREATE TABLE webhooks (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  url text NOT NULL,
  secret text NOT NULL
);
CREATE INDEX webhooks_account_id_idx ON webhooks (account_id);

CREATE TABLE ledger_entries (
  id bigint GENERATED ALWAYS AS IDENTITY,
  account_id bigint NOT NULL,
  amount_cents bigint NOT NULL,
  booked_at timestamptz NOT NULL,
  PRIMARY KEY (id, booked_at)
) PARTITION BY RANGE (booked_at);
CREATE TABLE ledger_entries_2023 PARTITION OF ledger_entries FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');
CREATE TABLE ledger_entries_2024 PARTITION OF ledger_entries FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE ledger_entries_2025 PARTITION OF ledger_entries FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
-- migrate:rollback
DROP TABLE ledger_entries;
DROP TABLE webhooks;
DROP TABLE currencies;
DROP TABLE refunds;
DROP TABLE payments_archive;
DROP TABLE payments;
DROP TABLE accounts;
DROP TYPE refund_status;
