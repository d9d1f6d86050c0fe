-- migrate:expand
CREATE TABLE IF NOT EXISTS execution ( -- expect: prefer-bigint, prefer-identity, prefer-text, prefer-jsonb, prefer-timestamptz
    id SERIAL NOT NULL,
    vendor_type varchar(64) NOT NULL,
    vendor_id int,
    status varchar(16),
    status_message text,
    trigger varchar(16) NOT NULL,
    extra_attrs JSON,
    start_time timestamp DEFAULT CURRENT_TIMESTAMP,
    end_time timestamp,
    revision int,
    PRIMARY KEY (id)
);

CREATE TABLE IF NOT EXISTS task ( -- expect: prefer-bigint, prefer-identity, prefer-text, prefer-jsonb, prefer-timestamptz
    id SERIAL PRIMARY KEY NOT NULL,
    execution_id int NOT NULL,
    job_id varchar(64),
    status varchar(16) NOT NULL,
    status_code int NOT NULL,
    status_revision int,
    status_message text,
    run_count int,
    extra_attrs JSON,
    creation_time timestamp DEFAULT CURRENT_TIMESTAMP,
    start_time timestamp,
    update_time timestamp,
    end_time timestamp,
    FOREIGN KEY (execution_id) REFERENCES execution(id)
);

CREATE INDEX IF NOT EXISTS task_execution_id_idx ON task (execution_id);
CREATE INDEX IF NOT EXISTS execution_vendor_type_vendor_id_idx ON execution (vendor_type, vendor_id);
-- migrate:rollback
DROP TABLE IF EXISTS task;
DROP TABLE IF EXISTS execution;
