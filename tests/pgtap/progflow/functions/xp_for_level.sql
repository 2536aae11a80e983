-- progflow.xp_for_level(level integer) returns integer
begin;
select plan(12);

select has_function('progflow', 'xp_for_level', array['integer'], 'xp_for_level(integer) should exist');
select function_returns('progflow', 'xp_for_level', array['integer'], 'integer', 'it should return integer');
select volatility_is('progflow', 'xp_for_level', array['integer'], 'immutable', 'it should be immutable');
select is(progflow.xp_for_level(1), 0, 'level 1 should need 0 XP');
select is(progflow.xp_for_level(2), 100, 'level 2 should need 100 XP');
select is(progflow.xp_for_level(3), 300, 'level 3 should need 300 XP');
select is(progflow.xp_for_level(10), 4500, 'level 10 should need 4,500 XP');
select throws_ok('select progflow.xp_for_level(0)', '22023', 'level must be between 1 and 6554, not 0', 'level 0 should be refused, naming the value');
select throws_ok('select progflow.xp_for_level(null)', '22023', null, 'a NULL level should be refused');
-- The bound is where the integer ends: the level the largest total_xp reaches.
select is(progflow.xp_for_level(6554), 2147418100, 'the highest level should need 2,147,418,100 XP, within an integer');
select is(progflow.calculate_level_from_xp(2147483647), 6554, 'and the largest total_xp should reach exactly that level');
select throws_ok('select progflow.xp_for_level(6555)', '22023', null, 'a level beyond it should be refused, not overflow');

select * from finish();
rollback;
