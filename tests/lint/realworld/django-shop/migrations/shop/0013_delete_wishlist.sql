-- makemigrations output applied as one expand step: the table goes while the old release still reads it.
-- migrate:expand
BEGIN;
--
-- Delete model Wishlist
--
DROP TABLE "shop_wishlist" CASCADE; -- expect: destructive-outside-contract
COMMIT;
-- migrate:rollback irreversible
