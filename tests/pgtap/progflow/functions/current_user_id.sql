-- progflow.current_user_id() returns uuid: the acting user of the transaction (progflow.user_id)
begin;
select plan(6);

select has_function('progflow', 'current_user_id', array[]::text[], 'current_user_id should exist');
select volatility_is('progflow', 'current_user_id', array[]::text[], 'stable', 'it should be stable');
select is(progflow.current_user_id(), null, 'with the setting never set it should be NULL');
select set_config('progflow.user_id', '', true);
select is(progflow.current_user_id(), null, 'an empty setting (as after COMMIT on a reused connection) should be NULL');
select set_config('progflow.user_id', '8c8d357b-5e87-2bba-cd45-197626bd5759', true);
select is(progflow.current_user_id(), '8c8d357b-5e87-2bba-cd45-197626bd5759'::uuid, 'a set uuid should be returned');
select set_config('progflow.user_id', 'ada', true);
select throws_ok($$select progflow.current_user_id()$$, '22P02', null, 'a setting that is not a uuid should be 22P02');

select * from finish();
rollback;
