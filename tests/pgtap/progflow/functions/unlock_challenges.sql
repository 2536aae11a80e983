-- progflow.unlock_challenges(p_user_id uuid) returns setof uuid: the engine's step behind check_and_unlock_challenges.
begin;
select plan(5);

select has_function('progflow', 'unlock_challenges', array['uuid'], 'unlock_challenges should exist');
select ok(not has_function_privilege('progflow_app', 'progflow.unlock_challenges(uuid)', 'execute')
          and not has_function_privilege('progflow_service', 'progflow.unlock_challenges(uuid)', 'execute'),
          'no role should call it: check_and_unlock_challenges is the way in');
select tests.load_catalogue();
select tests.create_user('ada');

select is_empty($$select * from progflow.unlock_challenges(tests.user_id('ada'))$$,
                'nothing new should open for a new user (sign-up opened what it could)');
update progflow.user_stats set total_xp = 300, current_level = 3 where user_id = tests.user_id('ada');
select results_eq($$select * from progflow.unlock_challenges(tests.user_id('ada'))$$,
                  $$values ('00000000-0000-0000-0000-0000000000c3'::uuid)$$, 'level 3 should open the challenge that needs it');
select is((select count(*)::int from progflow.notifications
            where user_id = tests.user_id('ada') and type = 'challenge_unlock' and title = 'Challenge unlocked: Challenge C'), 1,
          'with one notification');

select * from finish();
rollback;
