-- app: fastapi
-- owner: django public.auth_*
-- migrate:expand
ALTER TABLE auth_user ADD COLUMN api_key text; -- fires
ALTER TABLE api_tokens ADD COLUMN scope text;
-- A foreign key to the other app's table depends on it; it does not change it.
CREATE TABLE api_keys (id bigint PRIMARY KEY, user_id bigint REFERENCES auth_user (id));
ALTER TABLE api_tokens ADD CONSTRAINT api_tokens_user_fk FOREIGN KEY (user_id) REFERENCES auth_user (id) NOT VALID;
CREATE INDEX CONCURRENTLY auth_user_key ON auth_user (api_key); -- fires
-- migrate:rollback
ALTER TABLE auth_user DROP COLUMN api_key; -- fires
DROP TABLE api_keys;
