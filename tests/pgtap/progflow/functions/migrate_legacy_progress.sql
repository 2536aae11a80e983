-- progflow.migrate_legacy_progress(p_source regclass) returns integer
-- The whole import in one call (legacy_import_start, then legacy_import_step until done).
begin;
select plan(8);

select has_function('progflow', 'migrate_legacy_progress', array['regclass'], 'migrate_legacy_progress should exist');
select tests.load_catalogue();
select tests.create_user(u) from unnest(array['ada', 'bob']) u;
create table public.old_progress_table (user_id uuid, problem_id text, completed_levels integer[], total_xp integer);
insert into public.old_progress_table values
  (tests.user_id('ada'), 'a', '{5,4,3,2,1}', 500), (tests.user_id('ada'), 'b', '{2,1,2}', 120),
  (tests.user_id('bob'), 'a', '{}', 0), (tests.user_id('bob'), 'no-such-challenge', '{1}', 10);

select is(progflow.migrate_legacy_progress('public.old_progress_table'), 2,
          'two rows should bring progress; bob''s empty one has nothing to bring and his unknown slug is rejected');
select results_eq($$select outcome, reason from progflow.legacy_import_progress order by row_number$$,
                  $$values ('imported', null::text), ('imported', null), ('already_present', null),
                           ('rejected', 'no challenge ''no-such-challenge''')$$,
                  'every row should be accounted for in the report, the rejected one with its reason, not raised');
select results_eq($$select c.slug::text, p.status::text, p.levels_completed, p.current_level, p.xp_earned
                      from progflow.user_challenge_progress p join progflow.challenges c on c.id = p.challenge_id
                     where p.user_id = tests.user_id('ada') and c.slug in ('a', 'b') order by 1$$,
                  $$values ('a', 'completed', '{1,2,3,4,5}'::integer[], 5, 500), ('b', 'in_progress', '{1,2}', 2, 120)$$,
                  'levels should be sorted without repeats; five levels make a challenge completed');
-- 620 XP is level 4 (600 ≤ 620 < 1,000): c (level 3) opens; a completed makes fundamentals 50 %, which opens d.
-- The imported counters cross first_level (25 XP) and first_challenge (50 XP): 695 XP in all.
select results_eq($$select total_xp, current_level, total_levels_completed, total_challenges_completed
                      from progflow.user_stats where user_id = tests.user_id('ada')$$,
                  $$values (695, 4, 7, 1)$$, 'the XP should reach the ledger and the counters should follow');
select is_empty($$select * from tests.invariant_violations(tests.user_id('ada'))$$, 'derived state should match the facts');
select is(progflow.migrate_legacy_progress('public.old_progress_table'), 0, 'a second run should import nothing');
select throws_ok($$select progflow.migrate_legacy_progress(null)$$, '22023', 'progress table must not be NULL',
                 'a NULL source should be refused');

select * from finish();
rollback;
