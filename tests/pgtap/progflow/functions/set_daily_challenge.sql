-- progflow.set_daily_challenge(p_date date, p_challenge_id uuid default null) returns uuid
begin;
select plan(10);

select has_function('progflow', 'set_daily_challenge', array['date', 'uuid'], 'set_daily_challenge should exist');
select tests.load_catalogue();

select progflow.set_daily_challenge('2026-12-01', '00000000-0000-0000-0000-0000000000c1');
select results_eq($$select challenge_id, xp_multiplier, difficulty_modifier from progflow.daily_challenges$$,
                  $$values ('00000000-0000-0000-0000-0000000000c1'::uuid, 2.0, 1.0)$$,
                  'an explicit challenge should be set with multiplier 2.0');
select is(progflow.set_daily_challenge('2026-12-01'), (select id from progflow.daily_challenges where date = '2026-12-01'),
          'setting a date again should return its id');
select progflow.set_daily_challenge(d::date) from generate_series('2026-12-02'::date, '2026-12-04', '1 day') d;
select is((select count(distinct challenge_id)::int from progflow.daily_challenges), 4,
          'four consecutive days should get four different challenges (none repeats within 7 days)');
select is((select challenge_id from progflow.daily_challenges where date = '2026-12-02'),
          (select c.id from progflow.challenges c where c.id <> '00000000-0000-0000-0000-0000000000c1'
            order by md5('2026-12-02' || c.slug) limit 1),
          'the pick should be the deterministic one of the date');
select throws_ok($$select progflow.set_daily_challenge('2026-12-05')$$, 'P0002', null,
                 'with every challenge used in the 7 days before, the pick should be P0002');
select lives_ok($$select progflow.set_daily_challenge('2026-12-09')$$, 'eight days later challenges are free again');

insert into progflow.users (email, username) values ('ada@example.org', 'ada');
insert into progflow.daily_challenge_attempts (user_id, daily_challenge_id, score)
select u.id, d.id, 50 from progflow.users u, progflow.daily_challenges d where d.date = '2026-12-01';
update progflow.daily_challenges set participants_count = 1 where date = '2026-12-01';
select throws_ok($$select progflow.set_daily_challenge('2026-12-01', '00000000-0000-0000-0000-0000000000c2')$$, 'PF005', null,
                 'changing a day that has attempts should be PF005');
select throws_ok($$select progflow.set_daily_challenge('2026-12-20', '00000000-0000-0000-0000-000000000999')$$, 'P0002', null,
                 'an unknown challenge should be P0002');
select throws_ok($$select progflow.set_daily_challenge(null)$$, '22023', null, 'a NULL date should be refused');

select * from finish();
rollback;
