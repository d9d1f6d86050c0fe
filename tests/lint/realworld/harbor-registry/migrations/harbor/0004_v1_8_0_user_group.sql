-- migrate:expand
CREATE TABLE IF NOT EXISTS user_group ( -- expect: prefer-bigint, prefer-identity, prefer-text, prefer-timestamptz
  id SERIAL NOT NULL,
  group_name varchar(255) NOT NULL,
  group_type smallint default 0,
  ldap_group_dn varchar(512) NOT NULL,
  creation_time timestamp default CURRENT_TIMESTAMP,
  update_time timestamp default CURRENT_TIMESTAMP,
  PRIMARY KEY (id)
);

CREATE TRIGGER user_group_update_time_at_modtime BEFORE UPDATE ON user_group FOR EACH ROW EXECUTE PROCEDURE update_update_time_at_column();

CREATE INDEX IF NOT EXISTS idx_user_group_dn ON user_group (ldap_group_dn);
-- migrate:rollback
DROP TABLE IF EXISTS user_group;
