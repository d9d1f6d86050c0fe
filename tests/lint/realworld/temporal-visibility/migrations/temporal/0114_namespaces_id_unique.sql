-- migrate:expand
ALTER TABLE namespaces ADD CONSTRAINT namespaces_id_key UNIQUE (id); -- expect: unique-constraint-build
-- migrate:rollback
ALTER TABLE namespaces DROP CONSTRAINT IF EXISTS namespaces_id_key;
