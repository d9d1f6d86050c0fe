-- migrate:expand
CREATE TABLE tenants (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL UNIQUE
);
CREATE TABLE events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id bigint NOT NULL REFERENCES tenants (id),
  kind text NOT NULL,
  region text,
  payload jsonb NOT NULL,
  amount numeric(12, 2),
  qty integer,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX events_tenant_id_created_at_idx ON events (tenant_id, created_at);
CREATE TABLE tenant_stats (
  tenant_id bigint PRIMARY KEY REFERENCES tenants (id),
  events bigint NOT NULL DEFAULT 0,
  last_event_at timestamptz
);
-- migrate:rollback
DROP TABLE tenant_stats;
DROP TABLE events;
DROP TABLE tenants;
