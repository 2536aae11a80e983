-- Each job with the state of its runs: what `progflow jobs status` shows and monitoring reads.
/*
  Last run, last success and the failures since it come from job_runs (its index on job_name,
  started_at); `running` from the job's advisory lock (run_job holds it while the call runs, and
  a run's log row is only visible once it has ended). When the job is next due is not here:
  it follows from the schedule, which a cron parser reads (`progflow jobs status`), not SQL.
*/
create or replace view progflow.job_status with (security_invoker = true) as
select j.name,
       j.schedule,
       j.enabled,
       j.description,
       l.started_at as last_started_at,
       l.finished_at as last_finished_at,
       l.outcome as last_outcome,
       l.result as last_result,
       l.error_code as last_error_code,
       l.error as last_error,
       s.started_at as last_succeeded_at,
       f.failures,
       exists(select from pg_catalog.pg_locks k
               where k.locktype = 'advisory' and k.granted and k.objsubid = 2
                 and k.database = (select d.oid from pg_catalog.pg_database d
                                    where d.datname = current_database())
                 and k.classid = pg_catalog.hashtext('progflow.jobs')::oid
                 and k.objid = pg_catalog.hashtext(j.name)::oid) as running
  from progflow.jobs j
  left join lateral (select r.started_at, r.finished_at, r.outcome, r.result, r.error_code, r.error
                       from progflow.job_runs r
                      where r.job_name = j.name and r.outcome <> 'skipped'
                      order by r.started_at desc
                      limit 1) l on true
  left join lateral (select r.started_at
                       from progflow.job_runs r
                      where r.job_name = j.name and r.outcome = 'succeeded'
                      order by r.started_at desc
                      limit 1) s on true
 cross join lateral (select count(*)::integer as failures
                       from progflow.job_runs r
                      where r.job_name = j.name and r.outcome = 'failed'
                        and r.started_at > coalesce(s.started_at, '-infinity')) f;

comment on view progflow.job_status is E'Every job of progflow.jobs with its last run that did not skip (start, end, outcome, result, error), its last success, the failures since then and whether a session is running it now. security_invoker; read by progflow_service. When each job is next due follows from its schedule: `progflow jobs status` computes it.';
comment on column progflow.job_status.name is E'The job.';
comment on column progflow.job_status.schedule is E'Its cron schedule (UTC).';
comment on column progflow.job_status.enabled is E'Whether it runs.';
comment on column progflow.job_status.description is E'What it does.';
comment on column progflow.job_status.last_started_at is E'Start of its last run that was not skipped; NULL when it never ran.';
comment on column progflow.job_status.last_finished_at is E'End of that run.';
comment on column progflow.job_status.last_outcome is E'succeeded or failed.';
comment on column progflow.job_status.last_result is E'What that run returned, as text.';
comment on column progflow.job_status.last_error_code is E'The SQLSTATE of that run when it failed.';
comment on column progflow.job_status.last_error is E'Its message, detail and hint when it failed.';
comment on column progflow.job_status.last_succeeded_at is E'Start of its last successful run.';
comment on column progflow.job_status.failures is E'Failed runs since the last success (0 when the last run succeeded).';
comment on column progflow.job_status.running is E'True while a session runs it (holds its lock).';

grant select on progflow.job_status to progflow_service;
