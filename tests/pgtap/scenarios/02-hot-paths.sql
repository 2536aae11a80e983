-- Scenario: one user's requests read users, attempts and the ledger through indexes, touching a
-- handful of rows, with 500 users, 5,000 attempts and 5,000 ledger rows in the tables.
-- pg_stat_xact_user_tables counts the rows this transaction read by sequential scans and in all. Empty
-- partitions (future months, the default one) may be scanned sequentially: that reads no row.
begin;
select plan(6);

select tests.load_catalogue();
insert into progflow.users (id, email, username)
select tests.user_id('user' || n), 'user' || n || '@example.org', 'user' || n from generate_series(1, 500) n;
insert into progflow.level_attempts (user_id, challenge_id, level_number, attempt_number, design_snapshot, test_results,
                                     score, passed, created_at)
select tests.user_id('user' || n), '00000000-0000-0000-0000-0000000000c1', 1, k, '{}', '[]', 10, false,
       now() - make_interval(days => k)
  from generate_series(1, 500) n, generate_series(1, 10) k;
select tests.xp_at(tests.user_id('user' || n), 5, now() - make_interval(days => k))
  from generate_series(1, 500) n, generate_series(1, 10) k;
select progflow.refresh_leaderboards('all_time');
analyze progflow.users, progflow.user_stats, progflow.level_attempts, progflow.xp_transactions,
        progflow.user_challenge_progress, progflow.notifications, progflow.leaderboard_entries;
set local stats_fetch_consistency = none;  -- read the counters live, not a snapshot cached for the transaction
discard plans;  -- plans cached while the tables were small would not show what the planner does now

create temporary view hot_reads as
select coalesce(sum(seq_tup_read), 0)::int as seq_rows,
       coalesce(sum(seq_tup_read + coalesce(idx_tup_fetch, 0)), 0)::int as rows_read
  from pg_stat_xact_user_tables
 where schemaname = 'progflow'
   and (relname = 'users' or relname like 'level\_attempts%' or relname like 'xp\_transactions%');
create temporary table baseline on commit drop as select * from hot_reads;
create function pg_temp.reads_since_baseline() returns text language sql as $$
  select format('%s rows read by sequential scans, %s in all', h.seq_rows - b.seq_rows, h.rows_read - b.rows_read)
    from hot_reads h, baseline b
$$;
create function pg_temp.reset_baseline() returns void language sql as $$
  delete from baseline; insert into baseline select * from hot_reads;
$$;

select tests.submit('user20', 'a', 1, 95);
select matches(pg_temp.reads_since_baseline(), '^0 rows read by sequential scans, [0-9]{1,2} in all$',
               'submit_level_attempt should read no row by a sequential scan, and under 100 in all');
select pg_temp.reset_baseline();
select progflow.award_xp(tests.user_id('user20'), 10, 'admin');
select matches(pg_temp.reads_since_baseline(), '^0 rows read by sequential scans, [0-9]{1,2} in all$', 'so should award_xp');
select pg_temp.reset_baseline();
select * from progflow.user_dashboard where id = tests.user_id('user20');
select matches(pg_temp.reads_since_baseline(), '^0 rows read by sequential scans, [0-9]{1,2} in all$', 'so should the dashboard');
select pg_temp.reset_baseline();
select * from progflow.recommend_challenges(tests.user_id('user20'));
select matches(pg_temp.reads_since_baseline(), '^0 rows read by sequential scans, [0-9]{1,2} in all$', 'so should recommendations');
select pg_temp.reset_baseline();
select rank from progflow.leaderboard_page where user_id = tests.user_id('user20') and period_type = 'all_time' and metric_type = 'xp';
select matches(pg_temp.reads_since_baseline(), '^0 rows read by sequential scans, [0-9]{1,2} in all$', 'so should my rank');
select pg_temp.reset_baseline();
select progflow.calculate_user_streak(tests.user_id('user20'));
select * from progflow.user_challenge_status(tests.user_id('user20'));
select matches(pg_temp.reads_since_baseline(), '^0 rows read by sequential scans, [0-9]{1,2} in all$',
               'so should the streak and the challenge status');

select * from finish();
rollback;
