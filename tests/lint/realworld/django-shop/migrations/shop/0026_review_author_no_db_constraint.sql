-- author = models.ForeignKey(..., db_constraint=False)
-- migrate:expand
BEGIN;
--
-- Alter field author on review
--
SET CONSTRAINTS "shop_review_author_id_6d5e4f3a_fk_accounts_user_id" IMMEDIATE; ALTER TABLE "shop_review" DROP CONSTRAINT "shop_review_author_id_6d5e4f3a_fk_accounts_user_id";
COMMIT;
-- migrate:rollback
BEGIN;
ALTER TABLE "shop_review" ADD CONSTRAINT "shop_review_author_id_6d5e4f3a_fk_accounts_user_id" FOREIGN KEY ("author_id") REFERENCES "accounts_user" ("id") DEFERRABLE INITIALLY DEFERRED NOT VALID;
COMMIT;
