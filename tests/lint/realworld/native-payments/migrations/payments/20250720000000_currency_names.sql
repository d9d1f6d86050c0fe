-- Small data fixes by key, a function whose comment mentions a section header, and a string with ; and --.
-- migrate:expand
CREATE FUNCTION payments_explain_fee(p_amount bigint) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  -- migrate:contract drops the old fee columns later; this comment is no section header.
  RETURN E'fee: 2.9% + 30c; see docs -- "fees"\n';
END
$$;
INSERT INTO currencies (code, name) VALUES ('CHF', E'Swiss franc; -- not a comment') ON CONFLICT (code) DO NOTHING;
-- migrate:rollback
DELETE FROM currencies WHERE code = 'CHF';
DROP FUNCTION IF EXISTS payments_explain_fee(bigint);

-- migrate:migrate
UPDATE currencies AS c SET name = v.name
  FROM (VALUES ('EUR', 'Euro'), ('USD', 'US dollar'), ('GBP', 'Pound sterling')) AS v (code, name)
 WHERE c.code = v.code;
DELETE FROM webhooks WHERE id IN (17, 18, 19);
-- migrate:rollback
