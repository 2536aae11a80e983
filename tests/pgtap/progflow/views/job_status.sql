-- progflow.job_status: each job with its last run, last success, failures since and whether it runs now.
begin;
select plan(6);

select has_view('progflow', 'job_status', 'progflow.job_status should exist');
select results_eq($$select name, last_outcome, failures, running from progflow.job_status where name = 'board-daily'$$,
                  $$values ('board-daily', null::text, 0, false)$$, 'a job that never ran should show no run and no failure');

update progflow.jobs set call = 'select progflow.set_daily_challenge(null)' where name = 'daily-challenge-pick';
select progflow.run_job('daily-challenge-pick') from generate_series(1, 2);
select results_eq($$select last_outcome, last_error_code, failures, last_succeeded_at is null
                     from progflow.job_status where name = 'daily-challenge-pick'$$,
                  $$values ('failed', '22023', 2, true)$$, 'two failures in a row should count 2, with the last error');

update progflow.jobs set enabled = false where name = 'daily-challenge-pick';
select progflow.run_job('daily-challenge-pick');
select results_eq($$select last_outcome, failures from progflow.job_status where name = 'daily-challenge-pick'$$,
                  $$values ('failed', 2)$$, 'a skip should not hide the last real run');

update progflow.jobs set enabled = true, call = 'select progflow.refresh_leaderboards(''all_time'')' where name = 'daily-challenge-pick';
select progflow.run_job('daily-challenge-pick');
select results_eq($$select last_outcome, last_result, failures, last_succeeded_at = last_started_at
                     from progflow.job_status where name = 'daily-challenge-pick'$$,
                  $$values ('succeeded', '0', 0, true)$$, 'a success should reset the failures');
select is((select count(*)::int from progflow.job_status), (select count(*)::int from progflow.jobs),
          'every job should have its row');

select * from finish();
rollback;
