-- makemigrations after `email = models.EmailField(unique=True)`.
-- migrate:expand
BEGIN;
--
-- Alter field email on user
--
ALTER TABLE "accounts_user" ADD CONSTRAINT "accounts_user_email_b2644a56_uniq" UNIQUE ("email"); -- expect: unique-constraint-build
CREATE INDEX "accounts_user_email_b2644a56_like" ON "accounts_user" ("email" varchar_pattern_ops); -- expect: index-not-concurrent
COMMIT;
-- migrate:rollback
BEGIN;
ALTER TABLE "accounts_user" DROP CONSTRAINT "accounts_user_email_b2644a56_uniq";
DROP INDEX IF EXISTS "accounts_user_email_b2644a56_like"; -- expect: drop-index-not-concurrent
COMMIT;
