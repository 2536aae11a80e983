-- progflow.run_job(name, unless_run_since default null) returns progflow.job_runs (docs/operations.md)
begin;
select plan(10);

select has_function('progflow', 'run_job', array['text', 'timestamp with time zone'], 'it should exist');
select throws_ok($$select progflow.run_job('no-such-job')$$, 'P0002', null, 'an unknown job should be P0002');
select throws_ok($$select progflow.run_job(null)$$, 'P0002', null, 'and so should NULL');

select results_eq($$select outcome, result, error_code, runner from progflow.run_job('board-all-time')$$,
                  $$values ('succeeded', '0', null::text, coalesce(nullif(current_setting('application_name'), ''), 'client backend'))$$,
                  'a run should log its outcome, the first value the call returned and who ran it');

-- A failing call: its work is rolled back, its error logged, nothing raised.
select tests.load_catalogue();
update progflow.challenges set is_active = slug = 'a';
select results_eq($$select outcome, error_code, error ~ 'no active challenge is free' and error ~ 'HINT: '
                     from progflow.run_job('daily-challenge-pick')$$,
                  $$values ('failed', 'P0002', true)$$,
                  'a failure should be logged with its SQLSTATE, message and hint, not raised');
select is_empty($$select * from progflow.daily_challenges$$,
                'the dates the failed call had picked before failing should be rolled back');

update progflow.jobs set enabled = false where name = 'board-weekly';
select results_eq($$select outcome, result from progflow.run_job('board-weekly')$$, $$values ('skipped', 'disabled')$$,
                  'a disabled job should be skipped');

select results_eq($$select outcome, result from progflow.run_job('board-daily', '-infinity')$$,
                  $$values ('succeeded', '0')$$, 'a job that never ran runs for a runner that saw it never run');
select results_eq($$select outcome, result from progflow.run_job('board-daily', '-infinity')$$,
                  $$values ('skipped', 'another runner ran it')$$,
                  'a runner that found the job due should not run it again once another has');

-- Runs older than 30 days are pruned, but never the job's last success.
insert into progflow.job_runs (job_name, started_at, finished_at, outcome, result, runner)
values ('partitions', now() - interval '90 days', now() - interval '90 days', 'succeeded', '0', 'test'),
       ('partitions', now() - interval '60 days', now() - interval '60 days', 'skipped', 'disabled', 'test');
insert into progflow.job_runs (job_name, started_at, finished_at, outcome, error_code, error, runner)
values ('partitions', now() - interval '45 days', now() - interval '45 days', 'failed', '55P03', 'lock', 'test');
update progflow.jobs set call = 'select progflow.ensure_partitions(-1)' where name = 'partitions';
select progflow.run_job('partitions');
select results_eq($$select outcome, started_at < now() - interval '30 days' from progflow.job_runs
                     where job_name = 'partitions' order by started_at$$,
                  $$values ('succeeded', true), ('failed', false)$$,
                  'old runs should be pruned, except the last success (the catch-up point of the next run)');

select * from finish();
rollback;
