-- progflow.pick_daily_challenges() returns integer: every date that is today somewhere, and the next
begin;
select plan(5);

select has_function('progflow', 'pick_daily_challenges', array[]::text[], 'it should exist');
select tests.load_catalogue();
create temporary table span on commit drop as
select ((now() at time zone 'UTC') - interval '12 hours')::date as first_day,  -- today at UTC−12
       ((now() at time zone 'UTC') + interval '14 hours')::date + 1 as last_day;  -- tomorrow at UTC+14
select progflow.set_daily_challenge(first_day, '00000000-0000-0000-0000-0000000000c4') from span;

select is(progflow.pick_daily_challenges(), (select last_day - first_day from span),
          'every date from today at UTC−12 to tomorrow at UTC+14 should be picked, but the one set already');
select results_eq($$select d.date from progflow.daily_challenges d order by d.date$$,
                  $$select g::date from span, generate_series(first_day, last_day, interval '1 day') g$$,
                  'the dates should be exactly those');
select is((select challenge_id from progflow.daily_challenges d, span where d.date = first_day),
          '00000000-0000-0000-0000-0000000000c4'::uuid, 'a date set before should keep its challenge');
select is(progflow.pick_daily_challenges(), 0, 'a second call should pick nothing');

select * from finish();
rollback;
