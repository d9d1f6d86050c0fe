-- migrate:expand
CREATE TABLE IF NOT EXISTS audit_log_ext ( -- expect: prefer-identity, prefer-text, prefer-timestamptz
  id BIGSERIAL PRIMARY KEY NOT NULL,
  project_id BIGINT,
  operation VARCHAR(50) NULL,
  resource_type VARCHAR(255) NULL,
  resource VARCHAR(1024) NULL,
  username VARCHAR(255) NULL,
  op_desc VARCHAR(1024) NULL,
  op_result BOOLEAN DEFAULT true,
  payload TEXT NULL,
  source_ip VARCHAR(50) NULL,
  op_time TIMESTAMP default CURRENT_TIMESTAMP
);

CREATE INDEX IF NOT EXISTS idx_audit_log_ext_project_id_optime_resource_type_operation_resource ON audit_log_ext (project_id, op_time, resource_type, operation, resource); -- expect: identifier-too-long
CREATE INDEX IF NOT EXISTS idx_audit_log_ext_op_time ON audit_log_ext (op_time);
-- migrate:rollback
DROP TABLE IF EXISTS audit_log_ext;
