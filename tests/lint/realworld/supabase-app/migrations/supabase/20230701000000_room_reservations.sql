-- migrate:expand
create table public.room_reservations (
  id bigint generated always as identity primary key,
  room text not null,
  reserved_by uuid not null references auth.users (id),
  during tstzrange not null
);
create index room_reservations_reserved_by_idx on public.room_reservations (reserved_by);
alter table public.room_reservations enable row level security;
-- migrate:rollback
drop table if exists public.room_reservations;
