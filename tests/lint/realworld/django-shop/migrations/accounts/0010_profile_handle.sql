-- handle = models.CharField(max_length=30, null=True, unique=True)
-- migrate:expand
BEGIN;
--
-- Add field handle to profile
--
ALTER TABLE "accounts_profile" ADD COLUMN "handle" varchar(30) NULL UNIQUE; -- expect: unique-constraint-build, prefer-text
CREATE INDEX "accounts_profile_handle_0a1b2c3d_like" ON "accounts_profile" ("handle" varchar_pattern_ops); -- expect: index-not-concurrent
COMMIT;
-- migrate:rollback
BEGIN;
ALTER TABLE "accounts_profile" DROP COLUMN "handle" CASCADE;
COMMIT;
