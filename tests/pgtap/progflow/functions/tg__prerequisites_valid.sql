-- progflow.tg__prerequisites_valid(): prerequisite arrays name existing rows, not the row itself, once, with no cycle.
begin;
select plan(10);

select has_function('progflow', 'tg__prerequisites_valid', array[]::text[], 'tg__prerequisites_valid() should exist');
select trigger_is('progflow', 'challenges', '_200_prerequisites_valid', 'progflow', 'tg__prerequisites_valid',
                  'challenges should validate prerequisites');
select trigger_is('progflow', 'skills', '_200_prerequisites_valid', 'progflow', 'tg__prerequisites_valid',
                  'skills should validate prerequisites');
select trigger_is('progflow', 'learning_tracks', '_200_prerequisites_valid', 'progflow', 'tg__prerequisites_valid',
                  'learning_tracks should validate prerequisites');

insert into progflow.challenges (id, slug, title, difficulty_base) values
  ('00000000-0000-0000-0000-0000000000c1', 'a', 'A', 'beginner'),
  ('00000000-0000-0000-0000-0000000000c2', 'b', 'B', 'beginner');
set constraints all immediate;  -- the trigger is deferred to commit; run it at each statement here

select throws_ok($$update progflow.challenges set prerequisites = '["nope"]' where slug = 'a'$$,
                 '23514', null, 'an element that is not an id should be rejected');
select throws_ok($$update progflow.challenges set prerequisites = '["00000000-0000-0000-0000-000000000999"]' where slug = 'a'$$,
                 '23503', null, 'an id that does not exist should be rejected');
select throws_ok($$update progflow.challenges set prerequisites = '["00000000-0000-0000-0000-0000000000c1"]' where slug = 'a'$$,
                 '23514', null, 'a challenge should not be its own prerequisite');
select throws_ok($$update progflow.challenges set prerequisites = '["00000000-0000-0000-0000-0000000000c2", "00000000-0000-0000-0000-0000000000c2"]' where slug = 'a'$$,
                 '23514', null, 'a prerequisite named twice should be rejected');
update progflow.challenges set prerequisites = '["00000000-0000-0000-0000-0000000000c2"]' where slug = 'a';
select throws_ok($$update progflow.challenges set prerequisites = '["00000000-0000-0000-0000-0000000000c1"]' where slug = 'b'$$,
                 '23514', null, 'an edge that closes a cycle should be rejected');
select throws_ok($$delete from progflow.challenges where slug = 'b'$$,
                 '23503', null, 'a challenge that is still a prerequisite should not be deletable');

select * from finish();
rollback;
