-- migrate:expand
create table public.teams (
  id bigint generated always as identity primary key,
  name text not null,
  created_at timestamptz not null default now()
);
create table public.team_members (
  team_id bigint not null references public.teams on delete cascade,
  user_id uuid not null references auth.users on delete cascade,
  role text not null default 'member' check (role in ('owner', 'admin', 'member')),
  primary key (team_id, user_id)
);
create index team_members_user_id_idx on public.team_members (user_id);
alter table public.teams enable row level security;
alter table public.team_members enable row level security;

create or replace function public.is_team_member(_team_id bigint)
returns boolean
language sql
security definer
set search_path = ''
stable
as $$
  select exists (
    select 1 from public.team_members
     where team_id = _team_id and user_id = (select auth.uid())
  );
$$;

create policy "Members can read their teams" on public.teams
  for select using (public.is_team_member(id));
-- migrate:rollback
drop function if exists public.is_team_member(bigint) cascade;
drop table if exists public.team_members;
drop table if exists public.teams;
