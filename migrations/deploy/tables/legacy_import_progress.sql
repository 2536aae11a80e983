-- Deploy progflow:tables/legacy_import_progress to pg
-- requires: tables/legacy_imports
-- source: sql/progflow/tables/legacy_import_progress.sql sha256:19055ab6ace1168271380ed5b0143d839412aee45bb2963ec2a3bea80f530c3a

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

-- Legacy import progress: the progress input of an import (the old system's
-- old_progress_table), row by row, as it was read (text), with what became of each row.
create table progflow.legacy_import_progress (
  import_id        bigint    not null,
  row_number       bigint    not null,
  legacy_user_id   text,
  problem_id       text,
  completed_levels text,
  total_xp         text,
  user_id          uuid,
  challenge_id     uuid,
  levels           integer[],
  xp               integer,
  outcome          text,
  reason           text,
  constraint legacy_import_progress_pkey primary key (import_id, row_number),
  constraint legacy_import_progress_import_id_fkey foreign key (import_id)
    references progflow.legacy_imports (id) on delete cascade,
  constraint legacy_import_progress_outcome_check check (outcome in ('imported', 'merged', 'already_present', 'rejected')),
  constraint legacy_import_progress_rejected_check check (outcome <> 'rejected' or reason is not null)
);

-- The learners still to import, in the order they are imported (a batch is the next learners).
create index legacy_import_progress_pending_idx on progflow.legacy_import_progress (import_id, user_id)
  where outcome is null;

comment on table progflow.legacy_import_progress is E'The progress input of a legacy import (user, challenge slug, completed levels, XP), one row per input row as read (every value as text, so a malformed one is reported, not a load error), with what it was read as and its outcome. Kept as the import''s report.';
comment on column progflow.legacy_import_progress.import_id is E'The import.';
comment on column progflow.legacy_import_progress.row_number is E'The row''s place in the input, from 1 (a CSV file''s data rows, its header not counted).';
comment on column progflow.legacy_import_progress.legacy_user_id is E'The learner, as read (trimmed; a uuid in its canonical spelling): a progflow user id, or an old id the users input or an earlier import maps.';
comment on column progflow.legacy_import_progress.problem_id is E'The challenge slug, as read.';
comment on column progflow.legacy_import_progress.completed_levels is E'The completed levels, as read: an array literal (`{1,2}` or `[1,2]`).';
comment on column progflow.legacy_import_progress.total_xp is E'The XP earned on the challenge, as read.';
comment on column progflow.legacy_import_progress.user_id is E'The learner it was read as; NULL when no user matches.';
comment on column progflow.legacy_import_progress.challenge_id is E'The challenge it was read as; NULL when no slug matches.';
comment on column progflow.legacy_import_progress.levels is E'The levels it was read as: sorted, without repeats, the levels below the highest filled in; NULL when malformed.';
comment on column progflow.legacy_import_progress.xp is E'The XP it was read as; NULL when malformed or negative.';
comment on column progflow.legacy_import_progress.outcome is E'imported (the learner had nothing on the challenge), merged (combined with other rows for the learner and challenge, or with what the learner had), already_present (the learner already had all of it), rejected (see reason); NULL while pending.';
comment on column progflow.legacy_import_progress.reason is E'Every reason a row was rejected, or notes on how it was read (levels filled in, prerequisites not completed, rows merged).';

-- Access: the owner's alone.
alter table progflow.legacy_import_progress enable row level security;
alter table progflow.legacy_import_progress force row level security;
create policy owner_all on progflow.legacy_import_progress to current_user using (true) with check (true);

commit;
