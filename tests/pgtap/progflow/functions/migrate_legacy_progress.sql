-- progflow.migrate_legacy_progress(p_source regclass) returns integer
begin;
select plan(13);

select has_function('progflow', 'migrate_legacy_progress', array['regclass'], 'migrate_legacy_progress should exist');
select tests.load_catalogue();
select tests.create_user(u) from unnest(array['ada', 'bob']) u;
create table public.old_progress_table (user_id uuid, problem_id text, completed_levels integer[], total_xp integer);
insert into public.old_progress_table values
  (tests.user_id('ada'), 'a', '{5,4,3,2,1}', 500), (tests.user_id('ada'), 'b', '{2,1,2}', 120),
  (tests.user_id('bob'), 'a', '{}', 0);

select is(progflow.migrate_legacy_progress('public.old_progress_table'), 2,
          'two rows should be imported; bob''s, with no level and no XP, carries nothing');
select results_eq($$select c.slug::text, p.status::text, p.levels_completed, p.current_level, p.xp_earned
                      from progflow.user_challenge_progress p join progflow.challenges c on c.id = p.challenge_id
                     where p.user_id = tests.user_id('ada') and c.slug in ('a', 'b') order by 1$$,
                  $$values ('a', 'completed', '{1,2,3,4,5}'::integer[], 5, 500), ('b', 'in_progress', '{1,2}', 2, 120)$$,
                  'levels should be sorted without duplicates; five levels make a challenge completed');
-- 620 XP is level 4 (600 ≤ 620 < 1,000): c (level 3) opens; a completed makes fundamentals 50 %, which opens d.
-- The imported counters cross first_level (25 XP) and first_challenge (50 XP): 695 XP in all.
select results_eq($$select total_xp, current_level, total_levels_completed, total_challenges_completed
                      from progflow.user_stats where user_id = tests.user_id('ada')$$,
                  $$values (695, 4, 7, 1)$$, 'the XP should reach the ledger and the counters should follow');
select results_eq($$select a.slug::text from progflow.user_achievements ua join progflow.achievements a on a.id = ua.achievement_id
                     where ua.user_id = tests.user_id('ada') order by 1$$,
                  array['first_challenge', 'first_level'], 'the imported progress should unlock the achievements it meets');
select results_eq($$select c.slug::text from progflow.user_challenge_progress p join progflow.challenges c on c.id = p.challenge_id
                     where p.user_id = tests.user_id('ada') and p.unlock_date is not null order by 1$$,
                  array['a', 'b', 'c', 'd'], 'the imported progress should unlock what it earns');
select is_empty($$select * from tests.invariant_violations(tests.user_id('ada'))$$, 'derived state should match the facts');
select is(progflow.migrate_legacy_progress('public.old_progress_table'), 0, 'a second run should import nothing');

insert into public.old_progress_table values (tests.user_id('bob'), 'no-such-challenge', '{1}', 10);
select throws_ok($$select progflow.migrate_legacy_progress('public.old_progress_table')$$, '22023', null,
                 'a row with an unknown slug should stop the import');
delete from public.old_progress_table where problem_id = 'no-such-challenge';
insert into public.old_progress_table values (tests.user_id('bob'), 'b', '{1,6}', 10);
select throws_ok($$select progflow.migrate_legacy_progress('public.old_progress_table')$$, '22023', null,
                 'a row with a level outside 1-5 should stop the import');
delete from public.old_progress_table where problem_id = 'b' and user_id = tests.user_id('bob');
insert into public.old_progress_table values ('00000000-0000-0000-0000-000000000999', 'a', '{1}', 10);
select throws_ok($$select progflow.migrate_legacy_progress('public.old_progress_table')$$, '22023', null,
                 'a row of an unknown user should stop the import');
select throws_ok($$select progflow.migrate_legacy_progress(null)$$, '22023', 'source table must not be NULL',
                 'a NULL source should be refused');
create table public.too_old (user_id uuid, problem_id text);
select throws_ok($$select progflow.migrate_legacy_progress('public.too_old')$$, '22023',
                 'legacy table public.too_old lacks column(s) completed_levels, total_xp', 'missing columns should be named');

select * from finish();
rollback;
