-- migrate:expand
CREATE TABLE IF NOT EXISTS artifact ( -- expect: prefer-bigint, prefer-identity, prefer-text, prefer-timestamptz
  id SERIAL PRIMARY KEY NOT NULL,
  project_id int NOT NULL,
  repo varchar(255) NOT NULL,
  tag varchar(255) NOT NULL,
  /*
     digest of manifest
  */
  digest varchar(255) NOT NULL,
  /*
     kind of artifact, image, chart, etc..
  */
  kind varchar(255) NOT NULL,
  creation_time timestamp default CURRENT_TIMESTAMP,
  pull_time timestamp,
  push_time timestamp,
  CONSTRAINT unique_artifact UNIQUE (repo, tag)
);

CREATE TRIGGER artifact_update_time_at_modtime BEFORE UPDATE ON artifact FOR EACH ROW EXECUTE PROCEDURE update_update_time_at_column();
-- migrate:rollback
DROP TABLE IF EXISTS artifact;
