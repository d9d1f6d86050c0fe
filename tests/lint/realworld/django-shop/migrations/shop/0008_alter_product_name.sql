-- name = models.CharField(max_length=255): widening a varchar does not rewrite.
-- migrate:expand
BEGIN;
--
-- Alter field name on product
--
ALTER TABLE "shop_product" ALTER COLUMN "name" TYPE varchar(255); -- expect: prefer-text
COMMIT;
-- migrate:rollback
BEGIN;
ALTER TABLE "shop_product" ALTER COLUMN "name" TYPE varchar(200); -- expect: column-type-rewrite, prefer-text
COMMIT;
