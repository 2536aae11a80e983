-- progflow.allocate_skill_point(p_user_id uuid, p_skill_id uuid) returns integer (the new skill level)
-- Fixture skills: caching (max level 2), cdn (needs caching).
begin;
select plan(11);

select has_function('progflow', 'allocate_skill_point', array['uuid', 'uuid'], 'allocate_skill_point should exist');
select tests.load_catalogue();
select tests.create_user('ada');

select throws_ok($$select progflow.allocate_skill_point(tests.user_id('ada'), '00000000-0000-0000-0000-0000000000e1')$$,
                 'PF004', null, 'without a free point it should be PF004');
select progflow.award_xp(tests.user_id('ada'), 1000, 'admin');  -- level 5: one point
select throws_ok($$select progflow.allocate_skill_point(tests.user_id('ada'), '00000000-0000-0000-0000-0000000000e2')$$,
                 'PF004', 'skill cdn needs caching first', 'a skill whose prerequisite is missing should be PF004, named');
select is(progflow.allocate_skill_point(tests.user_id('ada'), '00000000-0000-0000-0000-0000000000e1'), 1,
          'the first point should bring caching to level 1');
select progflow.award_xp(tests.user_id('ada'), 3500, 'admin');  -- level 10: three points in all
select is(progflow.allocate_skill_point(tests.user_id('ada'), '00000000-0000-0000-0000-0000000000e1'), 2,
          'a second point should bring caching to level 2');
select isnt((select mastered_at from progflow.user_skills where user_id = tests.user_id('ada')
              and skill_id = '00000000-0000-0000-0000-0000000000e1'), null, 'reaching max_level should set mastered_at');
select throws_ok($$select progflow.allocate_skill_point(tests.user_id('ada'), '00000000-0000-0000-0000-0000000000e1')$$,
                 'PF004', null, 'a skill at its maximum should be PF004');
select is(progflow.allocate_skill_point(tests.user_id('ada'), '00000000-0000-0000-0000-0000000000e2'), 1,
          'with caching at level 1 or more, cdn should take a point');
select results_eq($$select sum(points_allocated)::int from progflow.user_skills where user_id = tests.user_id('ada')$$,
                  array[3], 'three points should be allocated, none by the refused calls');
update progflow.skills set is_active = false where slug = 'cdn';
select throws_ok($$select progflow.allocate_skill_point(tests.user_id('ada'), '00000000-0000-0000-0000-0000000000e2')$$,
                 'P0002', null, 'a retired skill should take no point');
select throws_ok($$select progflow.allocate_skill_point(tests.user_id('ada'), '00000000-0000-0000-0000-000000000999')$$,
                 'P0002', null, 'an unknown skill should be P0002');

select * from finish();
rollback;
