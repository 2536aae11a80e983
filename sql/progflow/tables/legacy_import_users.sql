-- Legacy import users: the users input of an import, row by row, as it was read (text), with what
-- became of each row.
create table progflow.legacy_import_users (
  import_id  bigint not null,
  row_number bigint not null,
  legacy_id  text,
  email      text,
  username   text,
  created_at text,
  signed_up  timestamptz,
  user_id    uuid,
  outcome    text,
  reason     text,
  constraint legacy_import_users_pkey primary key (import_id, row_number),
  constraint legacy_import_users_import_id_fkey foreign key (import_id)
    references progflow.legacy_imports (id) on delete cascade,
  constraint legacy_import_users_outcome_check check (outcome in ('imported', 'merged', 'already_present', 'rejected')),
  constraint legacy_import_users_rejected_check check ((outcome = 'rejected') = (user_id is null and reason is not null))
);

-- The rows still to create, in the order they are created.
create index legacy_import_users_pending_idx on progflow.legacy_import_users (import_id, row_number)
  where outcome is null;

comment on table progflow.legacy_import_users is E'The users input of a legacy import, one row per input row as read (every value as text, so a malformed one is reported, not a load error), with its outcome. Kept as the import''s report.';
comment on column progflow.legacy_import_users.import_id is E'The import.';
comment on column progflow.legacy_import_users.row_number is E'The row''s place in the input, from 1 (a CSV file''s data rows, its header not counted).';
comment on column progflow.legacy_import_users.legacy_id is E'The user''s id in the old system (any text, trimmed; a uuid in its canonical spelling), as progress rows name it.';
comment on column progflow.legacy_import_users.email is E'Email address, as read.';
comment on column progflow.legacy_import_users.username is E'Username, as read.';
comment on column progflow.legacy_import_users.created_at is E'When the user signed up in the old system, as read; empty means now.';
comment on column progflow.legacy_import_users.signed_up is E'created_at as it was read (once, so that every later step reads it alike); NULL when empty.';
comment on column progflow.legacy_import_users.user_id is E'The user the row is (or will be) in progflow: the new user, or the one an earlier import or the same uuid already made; NULL when rejected.';
comment on column progflow.legacy_import_users.outcome is E'imported (a new user), merged (a repeat of an earlier row of the same input), already_present (an earlier import or the same id made the user), rejected (see reason); NULL while pending.';
comment on column progflow.legacy_import_users.reason is E'Why a row was rejected, or a note on how it was read.';

-- Access: the owner's alone.
alter table progflow.legacy_import_users enable row level security;
alter table progflow.legacy_import_users force row level security;
create policy owner_all on progflow.legacy_import_users to current_user using (true) with check (true);
