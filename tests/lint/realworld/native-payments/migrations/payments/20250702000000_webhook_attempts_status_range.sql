-- migrate:expand
ALTER TABLE webhook_attempts ADD CONSTRAINT webhook_attempts_status_code_range CHECK (status_code BETWEEN 100 AND 599) NOT VALID;
ALTER TABLE webhook_attempts VALIDATE CONSTRAINT webhook_attempts_status_code_range; -- expect: validate-in-same-transaction
-- migrate:rollback
ALTER TABLE webhook_attempts DROP CONSTRAINT IF EXISTS webhook_attempts_status_code_range;
