-- Structure of progflow.job_runs, the log of the jobs' runs (written by run_job).
begin;
select plan(8);

select has_table('progflow', 'job_runs', 'progflow.job_runs should exist');
select isnt(obj_description('progflow.job_runs'::regclass, 'pg_class'), null, 'job_runs should have a comment');
select is_empty($$select * from tests.uncommented_columns('progflow.job_runs')$$,
                'every column of job_runs should have a comment');
select results_eq(
  $$select name, type, not_null from tests.columns('progflow.job_runs')$$,
  $$values
      ('id', 'bigint', true), ('job_name', 'text', true), ('started_at', 'timestamp with time zone', true),
      ('finished_at', 'timestamp with time zone', true), ('outcome', 'text', true), ('result', 'text', false),
      ('error_code', 'text', false), ('error', 'text', false), ('runner', 'text', true), ('db_role', 'text', true)$$,
  'job_runs should have exactly these columns, types and NOT NULLs');
select results_eq(
  $$select name from tests.constraints('progflow.job_runs')$$,
  $$values ('job_runs_error_check'), ('job_runs_finished_at_check'), ('job_runs_job_name_fkey'),
           ('job_runs_outcome_check'), ('job_runs_pkey')$$,
  'job_runs should have exactly these constraints');

select throws_ok($$insert into progflow.job_runs (job_name, started_at, finished_at, outcome, runner)
                   values ('board-daily', now(), now(), 'failed', 'psql')$$, '23514', null,
                 'a failed run should carry its SQLSTATE and message');
select throws_ok($$insert into progflow.job_runs (job_name, started_at, finished_at, outcome, runner)
                   values ('board-daily', now(), now() - interval '1 second', 'succeeded', 'psql')$$, '23514', null,
                 'a run should not end before it starts');

select progflow.run_job('board-daily');
delete from progflow.jobs where name = 'board-daily';
select is((select count(*)::int from progflow.job_runs where job_name = 'board-daily'), 0,
          'the runs of a job removed from the schedule should go with it');

select * from finish();
rollback;
