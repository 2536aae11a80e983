-- progflow.tg__timestamps(): updated_at follows every update.
begin;
select plan(4);

select has_function('progflow', 'tg__timestamps', array[]::text[], 'tg__timestamps() should exist');
select trigger_is('progflow', 'users', '_100_timestamps', 'progflow', 'tg__timestamps', 'users should keep updated_at');
select trigger_is('progflow', 'user_stats', '_100_timestamps', 'progflow', 'tg__timestamps', 'user_stats should keep updated_at');

insert into progflow.users (id, email, username, updated_at)
values ('00000000-0000-0000-0000-0000000000a1', 'ada@example.org', 'ada', '2000-01-01');
update progflow.users set display_name = 'Ada';
select is((select updated_at from progflow.users), now(), 'an update should set updated_at to the transaction time');

select * from finish();
rollback;
