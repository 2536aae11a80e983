-- Job runs: what each run of a job did, written by run_job.
create table progflow.job_runs (
  id          bigint       generated always as identity,
  job_name    text         not null,
  started_at  timestamptz  not null,
  finished_at timestamptz  not null,
  outcome     text         not null,
  result      text,
  error_code  text,
  error       text,
  runner      text         not null,
  db_role     text         not null default session_user,
  constraint job_runs_pkey primary key (id),
  constraint job_runs_job_name_fkey foreign key (job_name)
    references progflow.jobs (name) on delete cascade on update cascade,
  constraint job_runs_outcome_check check (outcome in ('succeeded', 'failed', 'skipped')),
  constraint job_runs_error_check check ((outcome = 'failed') = (error_code is not null and error is not null)),
  constraint job_runs_finished_at_check check (finished_at >= started_at)
);

create index job_runs_job_name_started_at_idx on progflow.job_runs (job_name, started_at);

comment on table progflow.job_runs is E'One row per run of a job (run_job): when, its outcome, its result or error, and who ran it. Runs older than 30 days are pruned as each job runs, except each job''s last success.';
comment on column progflow.job_runs.id is E'Order of logging.';
comment on column progflow.job_runs.job_name is E'The job.';
comment on column progflow.job_runs.started_at is E'When the run started (clock time).';
comment on column progflow.job_runs.finished_at is E'When it ended.';
comment on column progflow.job_runs.outcome is E'succeeded; failed (its work rolled back, error set; the job runs again when next due); skipped (another runner was running it, or the job is disabled).';
comment on column progflow.job_runs.result is E'The first value the call returned, as text (what it did, e.g. rows written); for a skip, why.';
comment on column progflow.job_runs.error_code is E'The SQLSTATE of a failure.';
comment on column progflow.job_runs.error is E'The message of a failure, with its detail and hint.';
comment on column progflow.job_runs.runner is E'What ran it: the session''s application_name (`progflow jobs`, `psql`, pg_cron''s `pg_cron` when it connects), else its backend type (pg_cron''s background workers: `pg_cron`).';
comment on column progflow.job_runs.db_role is E'The login role of the session that ran it.';

-- Access: written by run_job (the owner); trusted jobs and monitoring (progflow_service) read it.
alter table progflow.job_runs enable row level security;
alter table progflow.job_runs force row level security;
create policy owner_all on progflow.job_runs to current_user using (true) with check (true);
create policy service_read on progflow.job_runs for select to progflow_service using (true);
grant select on progflow.job_runs to progflow_service;
