-- migrate:expand
create extension if not exists btree_gist with schema extensions;
alter table public.room_reservations add constraint room_reservations_no_overlap exclude using gist (room with =, during with &&); -- expect: exclusion-constraint
-- migrate:rollback
alter table public.room_reservations drop constraint if exists room_reservations_no_overlap;
