-- migrate:expand
ALTER INDEX users_email_idx RENAME TO users_email_key;
ALTER TABLE users RENAME CONSTRAINT users_check TO users_email_check;
CREATE TABLE draft (id bigint, nme text);
ALTER TABLE draft RENAME COLUMN nme TO name;
ALTER TABLE draft RENAME TO drafts;
-- migrate:rollback
DROP TABLE drafts;
