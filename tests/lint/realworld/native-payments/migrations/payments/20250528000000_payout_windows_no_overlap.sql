-- migrate:expand
ALTER TABLE payout_windows ADD CONSTRAINT payout_windows_no_overlap EXCLUDE USING gist (account_id WITH =, during WITH &&); -- expect: exclusion-constraint
-- migrate:rollback
ALTER TABLE payout_windows DROP CONSTRAINT IF EXISTS payout_windows_no_overlap;
