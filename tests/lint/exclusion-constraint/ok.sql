-- migrate:expand
CREATE TABLE rooms (room int, during tstzrange, EXCLUDE USING gist (room WITH =, during WITH &&));
CREATE TABLE slots (room int, during tstzrange);
ALTER TABLE slots ADD CONSTRAINT no_overlap EXCLUDE USING gist (room WITH =, during WITH &&);
-- migrate:rollback
DROP TABLE slots;
DROP TABLE rooms;
