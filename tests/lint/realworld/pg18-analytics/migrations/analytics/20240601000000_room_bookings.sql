-- PostgreSQL 18: temporal primary keys (WITHOUT OVERLAPS).
-- migrate:expand
CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE TABLE room_bookings ( -- expect: not-understood
  room_id bigint NOT NULL,
  during tstzrange NOT NULL,
  guest text NOT NULL,
  PRIMARY KEY (room_id, during WITHOUT OVERLAPS)
);
CREATE INDEX room_bookings_guest_idx ON room_bookings (guest);
-- migrate:rollback
DROP TABLE IF EXISTS room_bookings;
