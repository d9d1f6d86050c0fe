-- app: django
-- owner: django public.auth_*
-- migrate:expand
ALTER TABLE auth_user ADD COLUMN nickname text;
ALTER TABLE api_tokens ADD COLUMN scope text;
-- migrate:rollback
ALTER TABLE auth_user DROP COLUMN nickname;
