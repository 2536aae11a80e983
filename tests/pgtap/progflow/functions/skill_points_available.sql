-- progflow.skill_points_available(p_user_id uuid) returns integer: floor(L/5) + floor(L/10) − allocated
begin;
select plan(6);

select has_function('progflow', 'skill_points_available', array['uuid'], 'skill_points_available(uuid) should exist');
select tests.load_catalogue();
select tests.create_user('ada');

select is(progflow.skill_points_available(tests.user_id('ada')), 0, 'level 1 should have no point');
select progflow.award_xp(tests.user_id('ada'), 1000, 'admin');  -- level 5
select is(progflow.skill_points_available(tests.user_id('ada')), 1, 'level 5 should have 1 point');
select progflow.award_xp(tests.user_id('ada'), 3500, 'admin');  -- 4,500: level 10
select is(progflow.skill_points_available(tests.user_id('ada')), 3, 'level 10 should have 2 + 1 = 3 points');
select progflow.allocate_skill_point(tests.user_id('ada'), '00000000-0000-0000-0000-0000000000e1');
select is(progflow.skill_points_available(tests.user_id('ada')), 2, 'an allocated point should no longer be free');
select throws_ok($$select progflow.skill_points_available('00000000-0000-0000-0000-000000000999')$$, 'P0002', null,
                 'an unknown user should be P0002');

select * from finish();
rollback;
