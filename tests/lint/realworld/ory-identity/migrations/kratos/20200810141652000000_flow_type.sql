-- migrate:expand
ALTER TABLE "selfservice_login_flows" ADD COLUMN "type" VARCHAR (16) NOT NULL DEFAULT 'browser'; -- expect: prefer-text
ALTER TABLE "selfservice_registration_flows" ADD COLUMN "type" VARCHAR (16) NOT NULL DEFAULT 'browser'; -- expect: prefer-text, lock-held-too-long
-- migrate:rollback
ALTER TABLE "selfservice_registration_flows" DROP COLUMN "type";
ALTER TABLE "selfservice_login_flows" DROP COLUMN "type"; -- expect: lock-held-too-long
