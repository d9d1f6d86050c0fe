-- artifact_blob gets a bigint key. The new column is filled by the application's copy job, and the
-- primary key is moved onto it in contract. Nobody proved id_big NOT NULL first.
-- migrate:expand
ALTER TABLE artifact_blob ADD COLUMN id_big bigint;
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS artifact_blob_id_big_idx ON artifact_blob (id_big);
-- migrate:rollback
DROP INDEX CONCURRENTLY IF EXISTS artifact_blob_id_big_idx;
ALTER TABLE artifact_blob DROP COLUMN IF EXISTS id_big;

-- migrate:contract
ALTER TABLE artifact_blob
  DROP CONSTRAINT artifact_blob_pkey,
  ADD CONSTRAINT artifact_blob_pkey PRIMARY KEY USING INDEX artifact_blob_id_big_idx; -- expect: set-not-null-scan (id_big is nullable: the key scans for NULLs under ACCESS EXCLUSIVE)
-- migrate:rollback irreversible
