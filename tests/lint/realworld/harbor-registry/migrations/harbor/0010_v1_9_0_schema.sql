-- migrate:expand
ALTER TABLE artifact ADD COLUMN repository_id int; -- expect: prefer-bigint
ALTER TABLE artifact ADD COLUMN media_type varchar(255); -- expect: prefer-text
ALTER TABLE artifact ADD COLUMN manifest_media_type varchar(255); -- expect: prefer-text

UPDATE artifact AS art -- expect: unbatched-dml
SET repository_id=repo.repository_id
FROM repository AS repo
WHERE art.repo=repo.name;

ALTER TABLE artifact DROP CONSTRAINT unique_artifact;
ALTER TABLE artifact ADD CONSTRAINT unique_artifact UNIQUE (repository_id, digest); -- expect: unique-constraint-build
-- migrate:rollback irreversible
