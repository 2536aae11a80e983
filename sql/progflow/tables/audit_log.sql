-- Audit log: who unlocked achievements and changed the catalogue, when. Append-only.
create table progflow.audit_log (
  id          bigint       generated always as identity,
  logged_at   timestamptz  not null default clock_timestamp(),
  db_role     text         not null default progflow.calling_role(),
  acting_user uuid         default progflow.current_user_id(),
  action      varchar(20)  not null,
  object      varchar(63)  not null,
  object_id   text,
  user_id     uuid,
  details     jsonb        not null default '{}',
  xact_id     xid8         not null default pg_current_xact_id(),
  constraint audit_log_pkey primary key (id),
  constraint audit_log_action_check check (action in ('xp', 'achievement', 'insert', 'update', 'delete')),
  constraint audit_log_details_check check (jsonb_typeof(details) = 'object')
);

create index audit_log_user_id_logged_at_idx on progflow.audit_log (user_id, logged_at);
create index audit_log_logged_at_idx on progflow.audit_log (logged_at);

comment on table progflow.audit_log is
  E'Append-only record of every achievement unlock, catalogue and game settings change, and of the XP ledger rows written before 0.2.0 (the ledger records its writers itself since). No foreign key: it outlives the users it names, and holds no personal data (ids only).';
comment on column progflow.audit_log.id is E'Order of logging.';
comment on column progflow.audit_log.logged_at is E'When the row was written (clock time, not transaction start).';
comment on column progflow.audit_log.db_role is E'The database role that called: the role set with SET ROLE, else the login role (not the owner a SECURITY DEFINER function runs as).';
comment on column progflow.audit_log.acting_user is E'The acting user (`progflow.user_id`) of the transaction; NULL for jobs and administrators.';
comment on column progflow.audit_log.action is E'achievement (an unlock), insert, update, delete (of a catalogue row, or a repair of user_stats), or xp (a ledger row written before 0.2.0; the ledger records its writers itself since).';
comment on column progflow.audit_log.object is E'The table written.';
comment on column progflow.audit_log.object_id is E'The id of the row written.';
comment on column progflow.audit_log.user_id is E'The user the row is about; NULL for the catalogue. Kept when the user is deleted.';
comment on column progflow.audit_log.details is E'What changed, without personal data: amount and source of XP, the achievement, a catalogue row''s slug.';
comment on column progflow.audit_log.xact_id is E'The transaction that wrote the row.';

-- Access: read by trusted jobs and the owner only; written by triggers running as the owner.
alter table progflow.audit_log enable row level security;
alter table progflow.audit_log force row level security;
create policy owner_all on progflow.audit_log to current_user using (true) with check (true);
create policy service_read on progflow.audit_log for select to progflow_service using (true);
grant select on progflow.audit_log to progflow_service;
