-- migrate:expand
BEGIN;
  CREATE TABLE teams ( -- expect: prefer-bigint, prefer-identity, prefer-jsonb
    id serial PRIMARY KEY,
    name text NOT NULL,
    admin boolean DEFAULT false,
    auth json,
    CONSTRAINT constraint_teams_name_unique UNIQUE (name)
  );

  CREATE TABLE pipelines ( -- expect: prefer-bigint, prefer-identity, prefer-jsonb, fk-without-index
    id serial PRIMARY KEY,
    name text NOT NULL,
    team_id integer NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    config json NOT NULL,
    version bigint NOT NULL DEFAULT 0,
    paused boolean DEFAULT false,
    archived boolean NOT NULL DEFAULT false,
    ordering integer NOT NULL DEFAULT 0
  );

  CREATE TABLE jobs ( -- expect: prefer-bigint, prefer-identity
    id serial PRIMARY KEY,
    name text NOT NULL,
    pipeline_id integer NOT NULL REFERENCES pipelines (id) ON DELETE CASCADE,
    config text NOT NULL,
    active boolean NOT NULL DEFAULT false,
    paused boolean DEFAULT false,
    CONSTRAINT jobs_pipeline_id_name_key UNIQUE (pipeline_id, name)
  );

  CREATE TABLE builds ( -- expect: prefer-bigint, prefer-identity, fk-without-index
    id serial PRIMARY KEY,
    name text NOT NULL,
    status text NOT NULL,
    job_id integer REFERENCES jobs (id) ON DELETE CASCADE,
    team_id integer NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    pipeline_id integer REFERENCES pipelines (id) ON DELETE CASCADE,
    manually_triggered boolean DEFAULT false,
    create_time timestamp with time zone DEFAULT now(),
    start_time timestamp with time zone,
    end_time timestamp with time zone,
    reap_time timestamp with time zone
  );
  CREATE INDEX builds_team_id ON builds (team_id);
  CREATE INDEX builds_pipeline_id ON builds (pipeline_id);

  CREATE TABLE build_events ( -- expect: prefer-bigint
    build_id integer NOT NULL,
    type text NOT NULL,
    payload text NOT NULL,
    event_id integer NOT NULL
  );
  CREATE UNIQUE INDEX build_events_build_id_event_id ON build_events (build_id, event_id);

  CREATE TABLE resource_config_versions ( -- expect: prefer-bigint, prefer-identity
    id serial PRIMARY KEY,
    resource_config_scope_id integer NOT NULL,
    version jsonb NOT NULL,
    version_md5 text NOT NULL,
    metadata text,
    check_order integer
  );

  CREATE TABLE containers ( -- expect: prefer-bigint, prefer-identity
    id serial PRIMARY KEY,
    handle text,
    worker_name text,
    build_id integer,
    state text DEFAULT 'creating',
    ttl text,
    check_type text,
    check_source text,
    best_if_used_by timestamp with time zone,
    hijacked boolean NOT NULL DEFAULT false
  );

  CREATE TABLE worker_resource_caches ( -- expect: prefer-bigint, prefer-identity
    id serial PRIMARY KEY,
    worker_base_resource_type_id integer,
    resource_cache_id integer NOT NULL
  );

  CREATE TABLE worker_task_slots (
    worker_name text NOT NULL,
    during tstzrange NOT NULL
  );
COMMIT;
-- migrate:rollback irreversible
