-- migrate:expand
SELECT 1;
-- migrate:rolback
