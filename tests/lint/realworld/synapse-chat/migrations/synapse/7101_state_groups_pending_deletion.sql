-- migrate:expand
CREATE TABLE state_groups_pending_deletion (
    sequence_number BIGINT NOT NULL,
    state_group BIGINT NOT NULL,
    insertion_ts BIGINT NOT NULL
);

CREATE UNIQUE INDEX state_groups_pending_deletion_state_group ON state_groups_pending_deletion (state_group);
CREATE INDEX state_groups_pending_deletion_insertion_ts ON state_groups_pending_deletion (insertion_ts);
-- migrate:rollback
DROP TABLE state_groups_pending_deletion;
