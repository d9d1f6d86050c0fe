-- RunSQL data migration, placed in the migrate phase.
-- migrate:migrate
--
-- Raw SQL operation
--
UPDATE "shop_product" SET "slug" = lower(regexp_replace("name", '[^a-zA-Z0-9]+', '-', 'g')) WHERE "slug" = ''; -- expect: unbatched-dml
-- migrate:rollback
