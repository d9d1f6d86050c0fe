-- migrate:expand
create table public.countries ( -- expect: avoid-char, prefer-text
  code char(2) primary key,
  name varchar(80) not null
);
insert into public.countries (code, name) values ('DE', 'Germany'), ('FR', 'France'), ('NL', 'Netherlands');
alter table public.profiles add column country char(2) references public.countries (code); -- expect: avoid-char, fk-without-index
-- migrate:rollback
alter table public.profiles drop column if exists country;
drop table if exists public.countries;
