-- migrate:expand
CREATE TABLE "networks" ( -- expect: prefer-timestamptz
"id" UUID NOT NULL,
PRIMARY KEY("id"),
"created_at" timestamp NOT NULL,
"updated_at" timestamp NOT NULL
);
INSERT INTO networks (id, created_at, updated_at) VALUES (gen_random_uuid(), '2013-10-07 08:23:19', '2013-10-07 08:23:19');

ALTER TABLE "identities" ADD COLUMN "nid" UUID;
ALTER TABLE "identities" ADD CONSTRAINT "identities_nid_fk_idx" FOREIGN KEY ("nid") REFERENCES "networks" ("id") ON UPDATE RESTRICT ON DELETE CASCADE; -- expect: constraint-not-valid, fk-without-index
UPDATE identities SET nid = (SELECT id FROM networks LIMIT 1); -- expect: unbatched-dml

ALTER TABLE "identity_credentials" ADD COLUMN "nid" UUID; -- expect: lock-held-too-long
ALTER TABLE "identity_credentials" ADD CONSTRAINT "identity_credentials_nid_fk_idx" FOREIGN KEY ("nid") REFERENCES "networks" ("id") ON UPDATE RESTRICT ON DELETE CASCADE; -- expect: constraint-not-valid, fk-without-index
UPDATE identity_credentials SET nid = (SELECT id FROM networks LIMIT 1); -- expect: unbatched-dml

CREATE INDEX identities_nid_idx ON identities (id, nid); -- expect: index-not-concurrent
CREATE INDEX identity_credentials_nid_idx ON identity_credentials (id, nid); -- expect: index-not-concurrent
-- migrate:rollback
ALTER TABLE "identity_credentials" DROP COLUMN "nid";
ALTER TABLE "identities" DROP COLUMN "nid"; -- expect: lock-held-too-long
DROP TABLE "networks";
