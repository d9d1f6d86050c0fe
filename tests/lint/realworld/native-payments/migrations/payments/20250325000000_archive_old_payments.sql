-- migrate:contract
UPDATE accounts SET owner_email = 'ops@example.com' WHERE id = 1; -- expect: dml-outside-migrate
INSERT INTO payments_archive SELECT * FROM payments WHERE created_at < '2020-01-01'; -- expect: dml-outside-migrate
-- migrate:rollback irreversible
