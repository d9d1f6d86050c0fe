-- expect-next: missing-rollback
-- migrate:expand
ALTER TABLE posts ADD COLUMN reviewed_by INTEGER NOT NULL REFERENCES users (id); -- expect: add-column-required, prefer-bigint, fk-without-index
