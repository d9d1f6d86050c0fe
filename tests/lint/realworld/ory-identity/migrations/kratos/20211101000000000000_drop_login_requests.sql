-- The request tables were replaced by flows in v0.5; nothing reads them since v0.7.
-- migrate:contract
DROP TABLE "selfservice_login_requests";
-- migrate:rollback irreversible
