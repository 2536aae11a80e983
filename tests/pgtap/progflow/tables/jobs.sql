-- Structure and the rows of progflow.jobs: the game's schedule (docs/operations.md).
begin;
select plan(11);

select has_table('progflow', 'jobs', 'progflow.jobs should exist');
select isnt(obj_description('progflow.jobs'::regclass, 'pg_class'), null, 'jobs should have a comment');
select is_empty($$select * from tests.uncommented_columns('progflow.jobs')$$, 'every column of jobs should have a comment');
select results_eq(
  $$select * from tests.columns('progflow.jobs')$$,
  $$values
      ('name', 'text', true, null), ('schedule', 'text', true, null), ('call', 'text', true, null),
      ('description', 'text', true, null), ('enabled', 'boolean', true, 'true'),
      ('created_at', 'timestamp with time zone', true, 'now()'), ('updated_at', 'timestamp with time zone', true, 'now()')$$,
  'jobs should have exactly these columns, types, NOT NULLs and defaults');
select results_eq(
  $$select name from tests.constraints('progflow.jobs')$$,
  $$values ('jobs_call_check'), ('jobs_description_check'), ('jobs_name_check'), ('jobs_pkey'), ('jobs_schedule_check')$$,
  'jobs should have exactly these constraints');

select results_eq($$select name, schedule, call, enabled from progflow.jobs order by name$$, $$values
  ('attempt-retention', '40 3 * * *', 'select progflow.apply_attempt_retention()', true),
  ('board-all-time', '*/10 * * * *', 'select progflow.refresh_leaderboards_since(''all_time'', $1)', true),
  ('board-daily', '*/5 * * * *', 'select progflow.refresh_leaderboards_since(''daily'', $1)', true),
  ('board-monthly', '15 * * * *', 'select progflow.refresh_leaderboards_since(''monthly'', $1)', true),
  ('board-weekly', '*/30 * * * *', 'select progflow.refresh_leaderboards_since(''weekly'', $1)', true),
  ('daily-challenge-close', '10 * * * *', 'select progflow.close_ended_daily_challenges()', true),
  ('daily-challenge-pick', '5 * * * *', 'select progflow.pick_daily_challenges()', true),
  ('partitions', '20 3 * * *', 'select progflow.ensure_partitions(3)', true)
$$, 'a new database should hold the game''s eight jobs (docs/operations.md)');

select throws_ok($$update progflow.jobs set schedule = '*/5 * * *' where name = 'board-daily'$$, '23514', null,
                 'a schedule of four fields should be refused');
select throws_ok($$update progflow.jobs set schedule = '@hourly' where name = 'board-daily'$$, '23514', null,
                 'and so should a nickname: five fields of digits, *, commas, ranges and steps');
select throws_ok($$update progflow.jobs set call = 'delete from progflow.users' where name = 'board-daily'$$, '23514', null,
                 'a call should be a select of one progflow function');
select throws_ok($$insert into progflow.jobs (name, schedule, call, description)
                   values ('Board Hourly', '0 * * * *', 'select progflow.ensure_partitions()', 'x')$$, '23514', null,
                 'a name should be lower case letters, digits and dashes');

update progflow.jobs set updated_at = '2000-01-01' where name = 'partitions';
update progflow.jobs set schedule = '30 4 * * *' where name = 'partitions';
select ok((select updated_at > '2000-01-02' from progflow.jobs where name = 'partitions'),
          'a change of a job should set its updated_at');

select * from finish();
rollback;
