BEGIN;
CREATE INDEX "a b" ON "T" (x);
INSERT INTO django_migrations VALUES (1);
COMMIT;
