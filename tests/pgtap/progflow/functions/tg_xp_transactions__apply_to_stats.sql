-- progflow.tg_xp_transactions__apply_to_stats(): the ledger drives total_xp and current_level.
begin;
select plan(7);

select has_function('progflow', 'tg_xp_transactions__apply_to_stats', array[]::text[], 'the trigger function should exist');
select trigger_is('progflow', 'xp_transactions', '_500_apply_to_stats', 'progflow', 'tg_xp_transactions__apply_to_stats',
                  'the ledger should drive the stats');
select tests.load_catalogue();
select tests.create_user('ada');

insert into progflow.xp_transactions (user_id, amount, source_type) values (tests.user_id('ada'), 120, 'admin');
insert into progflow.xp_transactions (user_id, amount, source_type) values (tests.user_id('ada'), 30, 'admin');
select results_eq($$select total_xp, current_level from progflow.user_stats where user_id = tests.user_id('ada')$$,
                  $$values (150, 2)$$, 'two rows should add up, and 150 XP should be level 2');
select is_empty($$select * from tests.invariant_violations(tests.user_id('ada'))$$, 'derived state should match the ledger');

insert into progflow.xp_transactions (user_id, amount, source_type) values (tests.user_id('ada'), 150, 'admin');
select is((select current_level from progflow.user_stats where user_id = tests.user_id('ada')), 3, '300 XP should be level 3');
select isnt((select unlock_date from progflow.user_challenge_progress
              where user_id = tests.user_id('ada') and challenge_id = '00000000-0000-0000-0000-0000000000c3'), null,
            'reaching level 3 should unlock the challenge that needs level 3');

delete from progflow.user_stats where user_id = tests.user_id('ada');
insert into progflow.xp_transactions (user_id, amount, source_type) values (tests.user_id('ada'), 5, 'admin');
select is((select total_xp from progflow.user_stats where user_id = tests.user_id('ada')), 5,
          'a user without a stats row should get one from the ledger trigger');

select * from finish();
rollback;
