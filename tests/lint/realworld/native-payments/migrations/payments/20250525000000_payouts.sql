-- migrate:expand
CREATE DOMAIN positive_cents AS bigint;
CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE TABLE payouts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id bigint NOT NULL REFERENCES accounts (id),
  amount positive_cents NOT NULL,
  window_during tstzrange NOT NULL,
  EXCLUDE USING gist (account_id WITH =, window_during WITH &&)
);
CREATE INDEX payouts_account_id_idx ON payouts (account_id);
CREATE TABLE payout_windows (
  account_id bigint NOT NULL REFERENCES accounts (id),
  during tstzrange NOT NULL
);
CREATE INDEX payout_windows_account_id_idx ON payout_windows (account_id);
-- A domain created here and constrained here: no existing column uses it yet.
CREATE DOMAIN iban AS text;
ALTER DOMAIN iban ADD CONSTRAINT iban_format CHECK (VALUE ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]+$');
-- migrate:rollback
DROP DOMAIN IF EXISTS iban;
DROP TABLE payout_windows;
DROP TABLE payouts;
DROP DOMAIN positive_cents;
