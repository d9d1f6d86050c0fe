-- RunSQL in the shop app, deleting from the accounts app's table.
-- migrate:migrate
DELETE FROM "accounts_profile" WHERE "user_id" IN (SELECT "id" FROM "accounts_user" WHERE NOT "is_active"); -- expect: cross-app-ownership, unbatched-dml
-- migrate:rollback irreversible
