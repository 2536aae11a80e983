-- progflow.unlock_achievements(p_user_id uuid, p_before user_stats, p_counted text[]) returns setof text
-- Achievements unlock when a counter crosses their threshold: a threshold lookup, not a pass over every rule.
begin;
select plan(12);

select has_function('progflow', 'unlock_achievements', array['uuid', 'progflow.user_stats', 'text[]'],
                    'unlock_achievements should exist');
select ok(not has_function_privilege('progflow_app', 'progflow.unlock_achievements(uuid, progflow.user_stats, text[])', 'execute')
          and not has_function_privilege('progflow_service', 'progflow.unlock_achievements(uuid, progflow.user_stats, text[])', 'execute'),
          'no role should call it: evaluate_achievements is the way in');
select tests.load_catalogue();
insert into progflow.achievements (slug, name, xp_reward, criteria) values
  ('xp_100', 'XP 100', 900, '{"type": "total_xp", "count": 100}'),
  ('level_5', 'Level 5', 0, '{"type": "player_level", "count": 5}');
select tests.create_user('ada');
create temporary table before_stats as select * from progflow.user_stats where user_id = tests.user_id('ada');
create function pg_temp.unlock(p_counted text[] default '{}') returns setof text language sql as $$
  select progflow.unlock_achievements(tests.user_id('ada'), (select row(b.*)::progflow.user_stats from before_stats b), p_counted)
$$;

select is_empty($$select * from pg_temp.unlock()$$, 'nothing moved: nothing should unlock');
-- A counter that a rule already holds for, with no crossing: left to evaluate_achievements.
update progflow.user_stats set total_levels_completed = 3 where user_id = tests.user_id('ada');
truncate before_stats;
insert into before_stats select * from progflow.user_stats where user_id = tests.user_id('ada');
select is_empty($$select * from pg_temp.unlock()$$, 'a rule met before the call, crossing nothing now, should not be looked at');
select results_eq($$select * from progflow.evaluate_achievements(tests.user_id('ada'))$$, array['first_level'],
                  'evaluate_achievements should find it: every rule, whatever moved');

-- XP crossing 100: xp_100 (900 XP) takes ada to 1,025 XP, level 5, which crosses xp_1000 and level_5 in a second pass.
truncate before_stats;
insert into before_stats select * from progflow.user_stats where user_id = tests.user_id('ada');
select progflow.add_xp(tests.user_id('ada'), 100, 'admin', null, null) is not null as "100 XP";
select results_eq($$select * from pg_temp.unlock()$$, array['xp_100', 'level_5', 'xp_1000'],
                  'a threshold crossed should unlock, and what its XP crosses in the passes after');
select results_eq($$select total_xp, current_level from progflow.user_stats where user_id = tests.user_id('ada')$$,
                  $$values (1025, 5)$$, 'the achievements'' XP should be in the total');
select is_empty($$select * from pg_temp.unlock()$$, 'once unlocked, never again');

-- Row-counting types only when the caller names them.
insert into progflow.daily_challenges (date, challenge_id) values (current_date - 3, '00000000-0000-0000-0000-0000000000c1');
insert into progflow.daily_challenge_attempts (user_id, daily_challenge_id, score, xp_earned)
select tests.user_id('ada'), id, 80, 0 from progflow.daily_challenges where date = current_date - 3;
truncate before_stats;
insert into before_stats select * from progflow.user_stats where user_id = tests.user_id('ada');
select is_empty($$select * from pg_temp.unlock()$$, 'a daily attempt should not be counted unless the caller says so');
select results_eq($$select * from pg_temp.unlock(array['daily_challenges'])$$, array['daily_1'],
                  'and should unlock daily_1 when it does');
select is((select total_xp from progflow.user_stats where user_id = tests.user_id('ada')),
          (select sum(amount)::integer from progflow.xp_transactions where user_id = tests.user_id('ada')),
          'the total should be the ledger''s sum');

-- An unlock whose XP would take the total past what it holds fails whole, with the ledger's code.
select tests.create_user('bob');
update progflow.user_stats set total_xp = 2147483000, current_level = 6554 where user_id = tests.user_id('bob');
select throws_ok($$select progflow.unlock_achievements(tests.user_id('bob'),
                     (select s from progflow.user_stats s where s.user_id = tests.user_id('ada') and false), '{}')$$,
                 '22023', null, 'an achievement whose XP would pass 2147483647 should be refused (22023), unlocking nothing');

select * from finish();
rollback;
