-- progflow.award_xp(p_user_id uuid, p_amount integer, p_source_type text, p_source_id text, p_description text) returns uuid
begin;
select plan(13);

select has_function('progflow', 'award_xp', array['uuid', 'integer', 'text', 'text', 'text'], 'award_xp should exist');
select function_returns('progflow', 'award_xp', array['uuid', 'integer', 'text', 'text', 'text'], 'uuid', 'it should return the ledger id');
select volatility_is('progflow', 'award_xp', array['uuid', 'integer', 'text', 'text', 'text'], 'volatile', 'it should be volatile');
select tests.create_user('ada');

select progflow.award_xp(tests.user_id('ada'), 40, 'admin', 'ticket-1', 'Bug report');
select results_eq($$select amount, source_type::text, source_id::text, description from progflow.xp_transactions
                    where user_id = tests.user_id('ada')$$, $$values (40, 'admin', 'ticket-1', 'Bug report')$$,
                  'it should write one ledger row with what it was given');
select is((select total_xp from progflow.user_stats where user_id = tests.user_id('ada')), 40, 'the total should follow');
select lives_ok($$select progflow.award_xp(tests.user_id('ada'), -40, 'admin')$$, 'taking back what was given should work');
select throws_ok($$select progflow.award_xp(tests.user_id('ada'), -1, 'admin')$$, '22023', null,
                 'taking more than the total should be refused');
select throws_ok($$select progflow.award_xp(tests.user_id('ada'), 0, 'admin')$$, '22023', null, 'a zero amount should be refused');
select throws_ok($$select progflow.award_xp(tests.user_id('ada'), 5, 'gift')$$, '22023',
                 'source_type ''gift'' is not one the ledger knows', 'an unknown source type should be refused, named');
select throws_ok($$select progflow.award_xp(tests.user_id('ada'), 5, 'admin', repeat('x', 256))$$, '22023',
                 'source_id must have at most 255 characters, not 256', 'a source id over 255 characters should be refused');
select throws_ok($$select progflow.award_xp(tests.user_id('ada'), 5, 'admin', null, repeat('x', 1001))$$, '22023',
                 'description must have at most 1000 characters, not 1001', 'a description over 1000 characters should be refused');
select throws_ok($$select progflow.award_xp('00000000-0000-0000-0000-000000000999', 5, 'admin')$$, 'P0002', null,
                 'an unknown user should be P0002');
select results_eq($$select count(*)::int, coalesce(sum(amount), 0)::int from progflow.xp_transactions
                    where user_id = tests.user_id('ada')$$, $$values (2, 0)$$,
                  'the refused calls should have written nothing');

select * from finish();
rollback;
