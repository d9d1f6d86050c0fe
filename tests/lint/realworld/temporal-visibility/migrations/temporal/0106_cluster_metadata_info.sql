-- v1.6: cluster metadata keyed by cluster name.
-- migrate:expand
CREATE TABLE cluster_metadata_info ( -- expect: prefer-bigint, prefer-text
  metadata_partition        INTEGER NOT NULL,
  cluster_name              VARCHAR(255) NOT NULL,
  data                      BYTEA NOT NULL,
  data_encoding             VARCHAR(16) NOT NULL,
  version                   BIGINT NOT NULL,
  PRIMARY KEY(metadata_partition, cluster_name)
);

INSERT INTO cluster_metadata_info (metadata_partition, cluster_name, data, data_encoding, version)
  SELECT metadata_partition, 'active', data, data_encoding, version FROM cluster_metadata;

DROP TABLE IF EXISTS cluster_metadata; -- expect: destructive-outside-contract
-- migrate:rollback irreversible
