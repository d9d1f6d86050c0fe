-- migrate:expand
CREATE TABLE "courier_messages" ( -- expect: prefer-text, prefer-timestamptz
"id" UUID NOT NULL,
PRIMARY KEY("id"),
"type" INT NOT NULL,
"status" INT NOT NULL,
"body" TEXT NOT NULL,
"subject" VARCHAR (255) NOT NULL,
"recipient" VARCHAR (255) NOT NULL,
"created_at" timestamp NOT NULL,
"updated_at" timestamp NOT NULL
);
CREATE INDEX "courier_messages_status_idx" ON "courier_messages" (status);
-- migrate:rollback
DROP TABLE "courier_messages";
