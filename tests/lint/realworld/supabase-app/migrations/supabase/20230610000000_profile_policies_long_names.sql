-- migrate:expand
create policy "Users can update their own profile information and avatar settings only" on public.profiles -- expect: identifier-too-long
  for update using ((select auth.uid()) = id) with check ((select auth.uid()) = id);
-- migrate:rollback
drop policy if exists "Users can update their own profile information and avatar settings only" on public.profiles; -- expect: identifier-too-long
