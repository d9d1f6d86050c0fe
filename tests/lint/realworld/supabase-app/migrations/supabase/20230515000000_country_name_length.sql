-- The old trick: widen varchar(80) to varchar(200) by editing the catalog (no rewrite, no scan).
-- migrate:expand
update pg_catalog.pg_attribute
   set atttypmod = 200 + 4
 where attrelid = 'public.countries'::regclass
   and attname = 'name';
-- migrate:rollback
update pg_catalog.pg_attribute
   set atttypmod = 80 + 4
 where attrelid = 'public.countries'::regclass
   and attname = 'name';
