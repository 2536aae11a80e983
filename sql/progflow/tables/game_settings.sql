-- Game settings: the rules' tunable numbers, one row, written by the owner only.
/*
  Why a table and not a setting: a custom setting (progflow.*) can be changed by any role for its
  own session or transaction, the backend included, and a rule the backend can change is no
  rule. Only the owner writes this row; every role reads it.
*/
create table progflow.game_settings (
  id                         boolean      not null default true,
  max_submissions_per_minute integer      not null default 30,
  updated_at                 timestamptz  not null default now(),
  attempt_retention_months   integer,
  constraint game_settings_pkey primary key (id),
  constraint game_settings_id_check check (id),
  constraint game_settings_max_submissions_per_minute_check check (max_submissions_per_minute between 1 and 100000),
  constraint game_settings_attempt_retention_months_check check (attempt_retention_months between 1 and 1200)
);

create trigger _100_timestamps
  before update on progflow.game_settings
  for each row execute function progflow.tg__timestamps();

/*
  The one row. A limit set for the whole database before this table existed
  (alter database … set progflow.max_submissions_per_minute = N) is carried over once.
*/
with database_setting as (
  select (regexp_match(c.setting, '^progflow\.max_submissions_per_minute=([0-9]{1,6})$'))[1]::integer as n
    from pg_catalog.pg_db_role_setting s
    join pg_catalog.pg_database d on d.oid = s.setdatabase and d.datname = pg_catalog.current_database()
   cross join lateral unnest(s.setconfig) c(setting)
   where s.setrole = 0
)

insert into progflow.game_settings (max_submissions_per_minute)
select coalesce(max(n) filter (where n between 1 and 100000), 30) from database_setting
on conflict (id) do nothing;

comment on table progflow.game_settings is E'The game''s tunable rules, one row: only the owner changes them (`update progflow.game_settings set … ;`), every role reads them. Rules never come from a setting a session can change.';
comment on column progflow.game_settings.id is E'Always true: the table holds one row.';
comment on column progflow.game_settings.max_submissions_per_minute is E'Most level and daily attempts one user may send in a minute (the rate limit, `PF003`); 1 to 100000, 30 by default.';
comment on column progflow.game_settings.updated_at is E'Last change.';
comment on column progflow.game_settings.attempt_retention_months is E'Months of attempts kept attached: the attempt-retention job detaches older months (apply_attempt_retention). NULL (the default) keeps every month.';

-- Access: readable by all roles, written by the owner only.
alter table progflow.game_settings enable row level security;
alter table progflow.game_settings force row level security;
create policy owner_all on progflow.game_settings to current_user using (true) with check (true);
create policy public_read on progflow.game_settings for select to progflow_readonly using (true);
grant select on progflow.game_settings to progflow_readonly;
