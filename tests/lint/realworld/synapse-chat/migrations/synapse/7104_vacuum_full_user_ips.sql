-- migrate:contract
VACUUM FULL user_ips; -- expect: table-rewrite
-- migrate:rollback
