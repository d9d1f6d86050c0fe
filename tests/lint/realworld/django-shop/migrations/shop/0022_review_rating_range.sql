-- RunSQL: the CHECK added NOT VALID, then validated in the same (atomic) migration.
-- migrate:expand
BEGIN;
--
-- Raw SQL operation
--
ALTER TABLE "shop_review" ADD CONSTRAINT "shop_review_rating_range" CHECK ("rating" BETWEEN 1 AND 5) NOT VALID;
ALTER TABLE "shop_review" VALIDATE CONSTRAINT "shop_review_rating_range"; -- expect: validate-in-same-transaction
COMMIT;
-- migrate:rollback
BEGIN;
ALTER TABLE "shop_review" DROP CONSTRAINT IF EXISTS "shop_review_rating_range";
COMMIT;
