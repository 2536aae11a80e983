-- progflow.tg_users__bootstrap(): a new user gets stats and the challenges open to everyone.
begin;
select plan(6);

select has_function('progflow', 'tg_users__bootstrap', array[]::text[], 'tg_users__bootstrap() should exist');
select trigger_is('progflow', 'users', '_500_bootstrap', 'progflow', 'tg_users__bootstrap', 'users should bootstrap new rows');
select tests.load_catalogue();
select tests.create_user('ada');

select results_eq($$select total_xp, current_level from progflow.user_stats where user_id = tests.user_id('ada')$$,
                  $$values (0, 1)$$, 'a new user should have a stats row at 0 XP, level 1');
select results_eq($$
  select c.slug::text from progflow.user_challenge_progress p join progflow.challenges c on c.id = p.challenge_id
   where p.user_id = tests.user_id('ada') and p.unlock_date is not null order by 1
$$, array['a'], 'only the challenge with no prerequisites and no rules should be unlocked');
select results_eq($$select status::text, levels_completed from progflow.user_challenge_progress where user_id = tests.user_id('ada')$$,
                  $$values ('not_started', '{}'::integer[])$$, 'its progress should start not_started with no level');
select results_eq($$select type::text, title::text from progflow.notifications where user_id = tests.user_id('ada')$$,
                  $$values ('challenge_unlock', 'Challenge unlocked: Challenge A')$$, 'the unlock should be notified once');

select * from finish();
rollback;
