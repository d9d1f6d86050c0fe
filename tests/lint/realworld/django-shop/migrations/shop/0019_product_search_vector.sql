-- A GIN index built the way the docs say, but in the migrate phase.
-- migrate:expand
ALTER TABLE "shop_product" ADD COLUMN "search" tsvector NULL;
-- migrate:rollback
ALTER TABLE "shop_product" DROP COLUMN IF EXISTS "search";

-- migrate:migrate
-- migrate:backfill table=shop_product key=id batch=auto
UPDATE "shop_product" SET "search" = to_tsvector('simple', "name" || ' ' || "description")
 WHERE "id" > $1 AND "id" <= $2;
CREATE INDEX CONCURRENTLY "shop_product_search_gin" ON "shop_product" USING gin ("search"); -- expect: schema-change-in-migrate
-- migrate:rollback
DROP INDEX CONCURRENTLY IF EXISTS "shop_product_search_gin";
