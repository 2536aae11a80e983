-- Legacy imports: one row per run of the import from the old system, with its input held row by
-- row (legacy_import_users, legacy_import_progress) so that every row has an outcome.
create table progflow.legacy_imports (
  id          bigint      generated always as identity,
  source      text        not null,
  started_at  timestamptz not null default now(),
  finished_at timestamptz,
  db_role     text        not null default session_user,
  constraint legacy_imports_pkey primary key (id),
  constraint legacy_imports_finished_at_check check (finished_at >= started_at)
);

-- At most one import is unfinished at a time: a second would race the first for the same learners.
create unique index legacy_imports_unfinished_key on progflow.legacy_imports ((true)) where finished_at is null;

comment on table progflow.legacy_imports is E'One row per import from the old system (legacy_import_start): what it read, when, by whom, and when every input row had its outcome. At most one is unfinished at a time.';
comment on column progflow.legacy_imports.id is E'The import''s number, which the report and `progflow import-legacy --resume` name.';
comment on column progflow.legacy_imports.source is E'What was read: the tables or files, as the caller named them.';
comment on column progflow.legacy_imports.started_at is E'When the input was staged.';
comment on column progflow.legacy_imports.finished_at is E'When the last input row got its outcome; NULL while the import is under way or was interrupted (resume it).';
comment on column progflow.legacy_imports.db_role is E'The login role that started it.';

-- Access: the owner's alone (an import reads any table and writes any learner).
alter table progflow.legacy_imports enable row level security;
alter table progflow.legacy_imports force row level security;
create policy owner_all on progflow.legacy_imports to current_user using (true) with check (true);
