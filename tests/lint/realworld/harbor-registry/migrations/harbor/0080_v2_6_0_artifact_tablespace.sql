-- The artifact table moves to the new SSD tablespace.
-- migrate:expand
ALTER TABLE artifact SET TABLESPACE fast_ssd; -- expect: table-rewrite
-- migrate:rollback
ALTER TABLE artifact SET TABLESPACE pg_default; -- expect: table-rewrite
