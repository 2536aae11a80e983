-- progflow.recommend_challenges(p_user_id uuid, p_limit integer default 5) returns table (…)
begin;
select plan(9);

select has_function('progflow', 'recommend_challenges', array['uuid', 'integer'], 'recommend_challenges should exist');
select tests.load_catalogue();
select tests.create_user('ada');

select results_eq($$select slug from progflow.recommend_challenges(tests.user_id('ada'))$$, array['a'],
                  'a new beginner should be recommended the one open challenge');
select tests.set_completed('ada', 'a');
select progflow.refresh_track_progress(tests.user_id('ada'), '00000000-0000-0000-0000-0000000000b1');
select progflow.check_and_unlock_challenges(tests.user_id('ada'));  -- opens b (intermediate) and d (beginner)
select results_eq($$select slug from progflow.recommend_challenges(tests.user_id('ada'))$$, array['d'],
                  'a beginner should see beginner challenges only, completed ones left out');
update progflow.users set skill_level = 'intermediate';
select results_eq($$select slug from progflow.recommend_challenges(tests.user_id('ada'))$$, array['d', 'b'],
                  'an intermediate user should see beginner then intermediate ones');
update progflow.user_stats set current_level = 3 where user_id = tests.user_id('ada');
select progflow.check_and_unlock_challenges(tests.user_id('ada'));  -- opens c (advanced)
select results_eq($$select slug from progflow.recommend_challenges(tests.user_id('ada'))$$, array['d', 'b'],
                  'an intermediate user should not see the advanced c');
update progflow.users set skill_level = 'advanced';
select results_eq($$select slug from progflow.recommend_challenges(tests.user_id('ada'))$$, array['d', 'b', 'c'],
                  'an advanced user should see every difficulty, easiest first');
select results_eq($$select slug from progflow.recommend_challenges(tests.user_id('ada'), 1)$$, array['d'],
                  'the limit should apply');
select throws_ok($$select * from progflow.recommend_challenges(tests.user_id('ada'), 0)$$, '22023', null,
                 'a limit of 0 should be refused');
select throws_ok($$select * from progflow.recommend_challenges('00000000-0000-0000-0000-000000000999')$$, 'P0002', null,
                 'an unknown user should be P0002');

select * from finish();
rollback;
