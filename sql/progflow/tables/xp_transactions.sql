-- The XP ledger: every XP change is one row, with who wrote it; totals are derived from it. Partitioned by month.
create table progflow.xp_transactions (
  id          uuid         not null default gen_random_uuid(),
  user_id     uuid         not null,
  amount      integer      not null,
  source_type varchar(50)  not null,
  source_id   varchar(255),
  description text,
  created_at  timestamptz  not null default now(),
  db_role     text         not null default progflow.calling_role(),
  acting_user uuid         default progflow.current_user_id(),
  xact_id     xid8         not null default pg_current_xact_id(),
  constraint xp_transactions_pkey primary key (id, created_at),
  constraint xp_transactions_user_id_fkey foreign key (user_id)
    references progflow.users (id) on delete cascade,
  constraint xp_transactions_amount_check check (amount <> 0),
  constraint xp_transactions_source_type_check check (
    source_type in ('challenge', 'achievement', 'daily', 'streak', 'assessment', 'admin', 'legacy'))
) partition by range (created_at);

create table progflow.xp_transactions_default
  partition of progflow.xp_transactions default;

create index xp_transactions_user_id_created_at_idx
  on progflow.xp_transactions (user_id, created_at desc);
create index xp_transactions_created_at_idx on progflow.xp_transactions (created_at desc);

comment on table progflow.xp_transactions is E'The XP ledger: one row per XP change, append-only, each its own audit record (who wrote it: `db_role`, `acting_user`, `xact_id`); `user_stats.total_xp` is its sum, moved in the same transaction by `award_xp`, the only writer. Range-partitioned by month on `created_at` (partitions `xp_transactions_pYYYY_MM`, made ahead by `ensure_partitions`), with a default partition so no insert can fail.';
comment on table progflow.xp_transactions_default is E'Default partition of `xp_transactions`: catches rows outside the monthly partitions; expected to stay empty.';
comment on column progflow.xp_transactions.id is E'Primary key, with `created_at` (partitioned tables need the partition key in it).';
comment on column progflow.xp_transactions.user_id is E'The user.';
comment on column progflow.xp_transactions.amount is E'XP added (positive) or taken back (negative, a compensating row); never 0.';
comment on column progflow.xp_transactions.source_type is E'What earned it: challenge, achievement, daily, streak, assessment, admin or legacy.';
comment on column progflow.xp_transactions.source_id is E'Id of what earned it (an attempt, an achievement…), as text.';
comment on column progflow.xp_transactions.description is E'Human description of the change.';
comment on column progflow.xp_transactions.created_at is E'When the XP was earned; the partition key.';
comment on column progflow.xp_transactions.db_role is E'The database role that wrote the row: the role set with SET ROLE, else the login role (not the owner a SECURITY DEFINER function runs as). Rows written before 0.2.0 carry their audit record''s.';
comment on column progflow.xp_transactions.acting_user is E'The acting user (`progflow.user_id`) of the transaction that wrote the row; NULL for jobs and administrators.';
comment on column progflow.xp_transactions.xact_id is E'The transaction that wrote the row.';

-- Access: each user reads their own rows, trusted jobs read all; only the engine writes.
alter table progflow.xp_transactions enable row level security;
alter table progflow.xp_transactions force row level security;
create policy owner_all on progflow.xp_transactions to current_user using (true) with check (true);
create policy self_read on progflow.xp_transactions for select to progflow_readonly
  using (user_id = (select progflow.current_user_id()));
create policy service_read on progflow.xp_transactions for select to progflow_service using (true);
grant select on progflow.xp_transactions to progflow_readonly;
