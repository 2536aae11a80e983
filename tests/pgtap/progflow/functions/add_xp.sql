-- progflow.add_xp(p_user_id uuid, p_amount integer, p_source_type text, p_source_id text, p_description text, p_at timestamptz) returns uuid
-- The engine's one writer of the ledger: the row, the total and the level move together.
begin;
select plan(11);

select has_function('progflow', 'add_xp', array['uuid', 'integer', 'text', 'text', 'text', 'timestamp with time zone'],
                    'add_xp should exist');
select function_returns('progflow', 'add_xp', array['uuid', 'integer', 'text', 'text', 'text', 'timestamp with time zone'],
                        'uuid', 'it should return the ledger id');
select ok(not has_function_privilege('progflow_service', 'progflow.add_xp(uuid, integer, text, text, text, timestamptz)', 'execute')
          and not has_function_privilege('progflow_app', 'progflow.add_xp(uuid, integer, text, text, text, timestamptz)', 'execute'),
          'no role should call it: award_xp is the way in');
select tests.load_catalogue();
select tests.create_user('ada');
select (progflow.lock_user(tests.user_id('ada'))).total_xp = 0 as "ada locked";

select progflow.add_xp(tests.user_id('ada'), 120, 'admin', 'a-1', 'first', null) is not null as "120 XP";
select progflow.add_xp(tests.user_id('ada'), 30, 'admin', 'a-2', 'second', '2026-03-01 12:00Z') is not null as "30 XP in March";
select results_eq($$select total_xp, current_level from progflow.user_stats where user_id = tests.user_id('ada')$$,
                  $$values (150, 2)$$, 'two rows should add up in the same transaction, and 150 XP should be level 2');
select results_eq($$select source_id::text, created_at = now() from progflow.xp_transactions
                     where user_id = tests.user_id('ada') order by created_at$$,
                  $$values ('a-2', false), ('a-1', true)$$, 'a row should be dated now unless a time is given');
select is_empty($$select * from tests.invariant_violations(tests.user_id('ada'))$$, 'derived state should match the ledger');

select progflow.add_xp(tests.user_id('ada'), 150, 'admin', null, null) is not null as "300 XP";
select is((select current_level from progflow.user_stats where user_id = tests.user_id('ada')), 3, '300 XP should be level 3');
select isnt((select unlock_date from progflow.user_challenge_progress
              where user_id = tests.user_id('ada') and challenge_id = '00000000-0000-0000-0000-0000000000c3'), null,
            'reaching level 3 should unlock the challenge that needs level 3');

select throws_ok($$select progflow.add_xp(tests.user_id('ada'), -301, 'admin', null, null)$$, '22023',
                 format('taking 301 XP from user %s would leave a negative total (they have 300)', tests.user_id('ada')),
                 'taking more than the total should be refused, with both numbers');
select throws_ok($$select progflow.add_xp(tests.user_id('ada'), 2147483647, 'admin', null, null)$$, '22023', null,
                 'a total past 2147483647 should be refused');
delete from progflow.user_stats where user_id = tests.user_id('ada');
select throws_ok($$select progflow.add_xp(tests.user_id('ada'), 5, 'admin', null, null)$$, 'P0002', null,
                 'a user whose stats row is missing (not locked with lock_user) should be refused');

select * from finish();
rollback;
