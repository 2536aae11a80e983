-- progflow.use_hint(p_user_id uuid, p_challenge_id uuid, p_level_number integer) returns table (hint_number, hint, xp_penalty)
begin;
select plan(9);

select has_function('progflow', 'use_hint', array['uuid', 'uuid', 'integer'], 'use_hint should exist');
select tests.load_catalogue();
select tests.create_user('ada');

select results_eq($$select * from progflow.use_hint(tests.user_id('ada'), '00000000-0000-0000-0000-0000000000c1', 1)$$,
                  $$values (1, 'h1', 10)$$, 'the first hint should be number 1 with a penalty of 10');
select results_eq($$select hint_number, hint from progflow.use_hint(tests.user_id('ada'), '00000000-0000-0000-0000-0000000000c1', 1)$$,
                  $$values (2, 'h2')$$, 'the next call should reveal the second hint');
select progflow.use_hint(tests.user_id('ada'), '00000000-0000-0000-0000-0000000000c1', 1) from generate_series(3, 6);
select results_eq($$select hint from progflow.use_hint(tests.user_id('ada'), '00000000-0000-0000-0000-0000000000c1', 1)$$,
                  array['h7'], 'a hint written as {"text": …} should return its text');
select throws_ok($$select * from progflow.use_hint(tests.user_id('ada'), '00000000-0000-0000-0000-0000000000c1', 1)$$,
                 'PF007', null, 'an eighth hint of a level with seven should be PF007');
select is((select count(*)::int from progflow.hint_usage where user_id = tests.user_id('ada')), 7,
          'seven hints should be recorded, none for the refused call');
select throws_ok($$select * from progflow.use_hint(tests.user_id('ada'), '00000000-0000-0000-0000-0000000000c2', 1)$$,
                 'PF001', null, 'a hint on a locked challenge should be PF001');
select throws_ok($$select * from progflow.use_hint(tests.user_id('ada'), '00000000-0000-0000-0000-0000000000c1', 2)$$,
                 'PF002', null, 'a hint on a locked level should be PF002');
select throws_ok($$select * from progflow.use_hint('00000000-0000-0000-0000-000000000999', '00000000-0000-0000-0000-0000000000c1', 1)$$,
                 'P0002', null, 'an unknown user should be P0002');

select * from finish();
rollback;
