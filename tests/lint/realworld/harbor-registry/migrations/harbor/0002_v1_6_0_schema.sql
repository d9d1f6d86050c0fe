-- migrate:expand
ALTER TABLE repository ADD COLUMN IF NOT EXISTS is_public boolean DEFAULT false NOT NULL;

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'fk_repository_project') THEN
        ALTER TABLE repository ADD CONSTRAINT fk_repository_project FOREIGN KEY (project_id) REFERENCES project(project_id); -- expect: constraint-not-valid, fk-without-index
    END IF;
END $$;
-- migrate:rollback
ALTER TABLE repository DROP CONSTRAINT IF EXISTS fk_repository_project;
ALTER TABLE repository DROP COLUMN IF EXISTS is_public;
