-- migrate:expand
ALTER TABLE "courier_messages" ALTER COLUMN "status" TYPE smallint; -- expect: column-type-rewrite
ALTER TABLE "courier_messages" ALTER COLUMN "type" TYPE smallint; -- expect: column-type-rewrite
-- migrate:rollback
ALTER TABLE "courier_messages" ALTER COLUMN "type" TYPE INT; -- expect: column-type-rewrite
ALTER TABLE "courier_messages" ALTER COLUMN "status" TYPE INT; -- expect: column-type-rewrite
