-- Verify progflow:leaderboard-ranks-by-value on pg

begin;

-- Ranks are stored per value; the entries hold values only; the percentile has no column or job.
select period_type, period_date, metric_type, metric_value, rank, entries from progflow.leaderboard_ranks where false;
select 1 / (count(*) = 0)::integer from pg_catalog.pg_attribute
 where attrelid = 'progflow.leaderboard_entries'::regclass and attname = 'rank' and not attisdropped;
select 1 / (count(*) = 0)::integer from pg_catalog.pg_attribute
 where attrelid = 'progflow.user_stats'::regclass and attname = 'rank_percentile' and not attisdropped;
select 1 / (count(*) = 0)::integer from progflow.jobs where name = 'rank-percentiles';
select 1 / (to_regprocedure('progflow.refresh_rank_percentiles()') is null)::integer;
select 1 / (count(*) = 2)::integer from pg_catalog.pg_class
 where oid in ('progflow.leaderboard_entries_board_key_idx'::regclass, 'progflow.leaderboard_ranks_board_key_idx'::regclass);
-- Every stored entry has the rank of its value.
select 1 / (count(*) = 0)::integer
  from progflow.leaderboard_entries e
 where not exists (select from progflow.leaderboard_ranks r
                    where r.period_type = e.period_type and r.period_date is not distinct from e.period_date
                      and r.metric_type = e.metric_type and r.metric_value = e.metric_value);
select rank_percentile from progflow.user_dashboard where false;
select rank, metric_value from progflow.leaderboard_page where false;

rollback;
