-- progflow.open_level(p_user_id uuid, p_challenge_id uuid, p_level_number integer) returns challenge_levels
begin;
select plan(11);

select has_function('progflow', 'open_level', array['uuid', 'uuid', 'integer'], 'open_level should exist');
select function_returns('progflow', 'open_level', array['uuid', 'uuid', 'integer'], 'progflow.challenge_levels', 'it should return the level row');
select tests.load_catalogue();
select tests.create_user('ada');

select is((progflow.open_level(tests.user_id('ada'), '00000000-0000-0000-0000-0000000000c1', 1)).xp_reward, 100,
          'level 1 of an unlocked challenge should be open');
select throws_ok($$select progflow.open_level(tests.user_id('ada'), '00000000-0000-0000-0000-0000000000c2', 1)$$,
                 'PF001', null, 'a locked challenge should be PF001');
select throws_ok($$select progflow.open_level(tests.user_id('ada'), '00000000-0000-0000-0000-0000000000c1', 2)$$,
                 'PF002', null, 'level 2 before level 1 is completed should be PF002');
update progflow.user_challenge_progress set levels_completed = '{1}'
 where user_id = tests.user_id('ada') and challenge_id = '00000000-0000-0000-0000-0000000000c1';
select is((progflow.open_level(tests.user_id('ada'), '00000000-0000-0000-0000-0000000000c1', 2)).level_name::text,
          'Capacity', 'level 2 should open once level 1 is completed');
select throws_ok($$select progflow.open_level(tests.user_id('ada'), '00000000-0000-0000-0000-0000000000c1', 6)$$,
                 '22023', 'level_number must be between 1 and 5, not 6', 'level 6 should be refused, named');
select throws_ok($$select progflow.open_level(tests.user_id('ada'), '00000000-0000-0000-0000-000000000999', 1)$$,
                 'P0002', null, 'an unknown challenge should be P0002');
delete from progflow.challenge_levels where challenge_id = '00000000-0000-0000-0000-0000000000c3' and level_number = 5;
select throws_ok($$select progflow.open_level(tests.user_id('ada'), '00000000-0000-0000-0000-0000000000c3', 5)$$,
                 'P0002', 'challenge Challenge C (00000000-0000-0000-0000-0000000000c3) has no level 5',
                 'a level missing from the catalogue should be P0002, named');
select throws_ok($$select progflow.open_level(tests.user_id('ada'), null, 1)$$, '22023',
                 'challenge id must not be NULL', 'a NULL challenge should be refused');
update progflow.challenges set is_active = false where slug = 'a';
select throws_ok($$select progflow.open_level(tests.user_id('ada'), '00000000-0000-0000-0000-0000000000c1', 1)$$,
                 'P0002', null, 'a retired challenge should be P0002');

select * from finish();
rollback;
