-- Jobs: the game's time-driven work, one schedule that pg_cron or `progflow jobs run` follows.
/*
  A job is a call and a cron schedule (five fields, in UTC). Both runners read this table and keep
  no copy of it: `progflow jobs install` gives pg_cron `select progflow.run_job('<name>')` on the
  job's schedule, and `progflow jobs run` calls the same when the schedule says the job is due.
  run_job takes the job's lock, runs the call and writes the outcome to job_runs.

  The call runs as the owner (run_job is SECURITY DEFINER), so only the owner writes this table.
  Every call is idempotent and catches up by itself: a runner that was down runs each job once,
  and that run does what the missed runs would have done (docs/operations.md).
*/
create table progflow.jobs (
  name        text         not null,
  schedule    text         not null,
  call        text         not null,
  description text         not null,
  enabled     boolean      not null default true,
  created_at  timestamptz  not null default now(),
  updated_at  timestamptz  not null default now(),
  constraint jobs_pkey primary key (name),
  constraint jobs_name_check check (name ~ '^[a-z][a-z0-9-]{0,39}$'),
  -- five fields of digits, *, commas, ranges and steps; the runners' cron parsers check the rest
  constraint jobs_schedule_check check (schedule ~ '^[0-9*,/-]+( [0-9*,/-]+){4}$'),
  constraint jobs_call_check check (call ~ '^select progflow\.[a-z_]+\(.*\)$'),
  constraint jobs_description_check check (description <> '')
);

create trigger _100_timestamps
  before update on progflow.jobs
  for each row execute function progflow.tg__timestamps();

/*
  The game's jobs. Boards are refreshed from the period of their last successful run to the
  current one ($1 is its start), so a board whose period ended while no runner ran is finished.
*/
insert into progflow.jobs (name, schedule, call, description)
values
  ('daily-challenge-pick', '5 * * * *', 'select progflow.pick_daily_challenges()',
   'Picks the daily challenge of every date that is today or tomorrow somewhere on Earth, where none is set.'),
  ('daily-challenge-close', '10 * * * *', 'select progflow.close_ended_daily_challenges()',
   'Closes every daily challenge whose date has ended in every time zone, paying its rank bonuses.'),
  ('board-daily', '*/5 * * * *', 'select progflow.refresh_leaderboards_since(''daily'', $1)',
   'Refreshes the daily boards, from the day of the last successful run to today (UTC).'),
  ('board-weekly', '*/30 * * * *', 'select progflow.refresh_leaderboards_since(''weekly'', $1)',
   'Refreshes the weekly boards, from the week of the last successful run to this week.'),
  ('board-monthly', '15 * * * *', 'select progflow.refresh_leaderboards_since(''monthly'', $1)',
   'Refreshes the monthly boards, from the month of the last successful run to this month.'),
  ('board-all-time', '*/10 * * * *', 'select progflow.refresh_leaderboards_since(''all_time'', $1)',
   'Refreshes the all-time boards.'),
  ('partitions', '20 3 * * *', 'select progflow.ensure_partitions(3)',
   'Makes the monthly partitions of attempts and the ledger for this month and the next three.'),
  ('attempt-retention', '40 3 * * *', 'select progflow.apply_attempt_retention()',
   'Detaches the months of attempts older than game_settings.attempt_retention_months; does nothing while that is NULL.')
on conflict (name) do nothing;

comment on table progflow.jobs is E'The schedule of the game''s time-driven work, one row per job, run by pg_cron (`progflow jobs install`) or by `progflow jobs run`. Only the owner changes it (`update progflow.jobs set schedule = ''*/2 * * * *'' where name = ''board-daily'';`, then `progflow jobs install` again where pg_cron runs the jobs). Outcomes are in job_runs, the state of each job in job_status.';
comment on column progflow.jobs.name is E'The job''s name: lower case letters, digits and dashes, at most 40.';
comment on column progflow.jobs.schedule is E'When it runs: a cron expression of five fields (minute, hour, day of month, month, day of week) in UTC, digits with *, commas, ranges and steps.';
comment on column progflow.jobs.call is E'What it runs: `select progflow.<function>(…)`, executed by run_job as the owner; `$1` in it is the start of the job''s last successful run (NULL before the first). The first value it returns is logged as the run''s result.';
comment on column progflow.jobs.description is E'What the job does, for people.';
comment on column progflow.jobs.enabled is E'False to stop running it: run_job logs a skip, `progflow jobs run` leaves it, `progflow jobs install` unschedules it.';
comment on column progflow.jobs.created_at is E'When the job was added.';
comment on column progflow.jobs.updated_at is E'Last change of the row.';

-- Access: the owner writes the schedule; trusted jobs and monitoring (progflow_service) read it.
alter table progflow.jobs enable row level security;
alter table progflow.jobs force row level security;
create policy owner_all on progflow.jobs to current_user using (true) with check (true);
create policy service_read on progflow.jobs for select to progflow_service using (true);
grant select on progflow.jobs to progflow_service;
