-- progflow.tg_xp_transactions__written_by_add_xp(): only the engine writes the ledger, so the totals follow it.
begin;
select plan(7);

select has_function('progflow', 'tg_xp_transactions__written_by_add_xp', array[]::text[], 'the trigger function should exist');
select trigger_is('progflow', 'xp_transactions', '_000_written_by_add_xp', 'progflow', 'tg_xp_transactions__written_by_add_xp',
                  'the ledger should check its writer');
select is((select tgtype & 1 = 0 and tgtype & 2 = 2 and tgtype & 4 = 4 from pg_trigger
            where tgrelid = 'progflow.xp_transactions'::regclass and tgname = '_000_written_by_add_xp'), true,
          'once per statement, before an INSERT');
select tests.load_catalogue();
select tests.create_user('ada');

select throws_ok($$insert into progflow.xp_transactions (user_id, amount, source_type)
                   values (tests.user_id('ada'), 50, 'admin'), (tests.user_id('ada'), 60, 'admin')$$,
                 '23001', 'the XP ledger is written by progflow.award_xp only',
                 'rows written past the engine should be refused, however many');
select is((select count(*)::int from progflow.xp_transactions), 0, 'and nothing should have been written');
select progflow.award_xp(tests.user_id('ada'), 50, 'admin') is not null as "awarded";
select is(current_setting('progflow.xp_writer', true), '', 'the engine should clear its mark after its row');
select throws_ok($$insert into progflow.xp_transactions (user_id, amount, source_type) values (tests.user_id('ada'), 5, 'admin')$$,
                 '23001', null, 'so that a row written after an award in the same transaction is refused too');

select * from finish();
rollback;
