-- app: fastapi
-- owner: django public.auth_*
-- migrate:expand
ALTER TABLE auth_user ADD COLUMN api_key text; -- fires
ALTER TABLE api_tokens ADD COLUMN scope text;
-- migrate:rollback
ALTER TABLE auth_user DROP COLUMN api_key; -- fires
