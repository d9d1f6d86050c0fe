-- migrate:expand
CREATE TABLE access ( -- expect: prefer-bigint, prefer-identity, avoid-char, prefer-text
 access_id SERIAL PRIMARY KEY NOT NULL,
 access_code char(1),
 comment varchar (30)
);

CREATE TABLE role ( -- expect: prefer-bigint, prefer-identity, prefer-text
 role_id SERIAL PRIMARY KEY NOT NULL,
 role_mask int DEFAULT 0 NOT NULL,
 role_code varchar(20),
 name varchar (20),
 UNIQUE (name)
);

CREATE TABLE harbor_user ( -- expect: prefer-bigint, prefer-identity, prefer-text, prefer-timestamptz
 user_id SERIAL PRIMARY KEY NOT NULL,
 username varchar(255),
 email varchar(255),
 password varchar(40) NOT NULL,
 realname varchar (255) NOT NULL,
 comment varchar (30),
 deleted boolean DEFAULT false NOT NULL,
 reset_uuid varchar(40) DEFAULT NULL,
 salt varchar(40) DEFAULT NULL,
 sysadmin_flag boolean DEFAULT false NOT NULL,
 creation_time timestamp default CURRENT_TIMESTAMP,
 update_time timestamp default CURRENT_TIMESTAMP,
 UNIQUE (username),
 UNIQUE (email)
);

CREATE TABLE project ( -- expect: prefer-bigint, prefer-identity, prefer-text, prefer-timestamptz, fk-without-index
 project_id SERIAL PRIMARY KEY NOT NULL,
 owner_id int NOT NULL,
 name varchar (255) NOT NULL,
 creation_time timestamp default CURRENT_TIMESTAMP,
 update_time timestamp default CURRENT_TIMESTAMP,
 deleted boolean DEFAULT false NOT NULL,
 FOREIGN KEY (owner_id) REFERENCES harbor_user(user_id),
 UNIQUE (name)
);

CREATE TABLE project_member ( -- expect: prefer-bigint, prefer-identity, avoid-char, prefer-timestamptz
 id SERIAL NOT NULL,
 project_id int NOT NULL,
 entity_id int NOT NULL,
 entity_type char(1) NOT NULL,
 role int NOT NULL,
 creation_time timestamp default CURRENT_TIMESTAMP,
 update_time timestamp default CURRENT_TIMESTAMP,
 PRIMARY KEY (id),
 CONSTRAINT unique_project_entity_type UNIQUE (project_id, entity_id, entity_type)
);

CREATE TABLE repository ( -- expect: prefer-bigint, prefer-identity, prefer-text, prefer-timestamptz
 repository_id SERIAL NOT NULL,
 name varchar(255) NOT NULL,
 project_id int NOT NULL,
 description text,
 pull_count int DEFAULT 0 NOT NULL,
 star_count int DEFAULT 0 NOT NULL,
 creation_time timestamp default CURRENT_TIMESTAMP,
 update_time timestamp default CURRENT_TIMESTAMP,
 primary key (repository_id),
 UNIQUE (name)
);

CREATE TABLE artifact_blob ( -- expect: prefer-bigint, prefer-identity, prefer-text, prefer-timestamptz
 id SERIAL PRIMARY KEY NOT NULL,
 digest_af varchar(255) NOT NULL,
 digest_blob varchar(255) NOT NULL,
 creation_time timestamp default CURRENT_TIMESTAMP,
 CONSTRAINT unique_artifact_blob UNIQUE (digest_af, digest_blob)
);

CREATE TABLE harbor_label ( -- expect: prefer-bigint, prefer-identity, prefer-text, avoid-char, prefer-timestamptz
 id SERIAL PRIMARY KEY NOT NULL,
 name varchar(128) NOT NULL,
 description text,
 color varchar(16),
 level char(1) NOT NULL,
 scope char(1) NOT NULL,
 project_id int,
 creation_time timestamp default CURRENT_TIMESTAMP,
 update_time timestamp default CURRENT_TIMESTAMP,
 CONSTRAINT unique_label UNIQUE (name, scope, project_id)
);

CREATE FUNCTION update_update_time_at_column() RETURNS TRIGGER AS $$
  BEGIN
    NEW.update_time = NOW();
    RETURN NEW;
  END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER harbor_user_update_time_at_modtime BEFORE UPDATE ON harbor_user FOR EACH ROW EXECUTE PROCEDURE update_update_time_at_column();
CREATE TRIGGER project_update_time_at_modtime BEFORE UPDATE ON project FOR EACH ROW EXECUTE PROCEDURE update_update_time_at_column();
CREATE TRIGGER repository_update_time_at_modtime BEFORE UPDATE ON repository FOR EACH ROW EXECUTE PROCEDURE update_update_time_at_column();

insert into access (access_code, comment) values
('M', 'Management access for project'),
('R', 'Read access for project'),
('W', 'Write access for project'),
('D', 'Delete access for project'),
('S', 'Search access for project');

insert into role (role_code, name) values
('MDRWS', 'projectAdmin'),
('RWS', 'developer'),
('RS', 'guest');

insert into harbor_user (username, email, password, realname, comment, deleted, sysadmin_flag, creation_time, update_time) values
('admin', 'admin@example.com', '', 'system admin', 'admin user',false, true, NOW(), NOW()),
('anonymous', 'anonymous@example.com', '', 'anonymous user', 'anonymous user', true, false, NOW(), NOW());

insert into project (owner_id, name, creation_time, update_time) values
(1, 'library', NOW(), NOW());
-- migrate:rollback irreversible
