-- progflow.public_profile(profile_id) returns the public part of a user, unless they made it private
begin;
select plan(8);

select has_function('progflow', 'public_profile', array['uuid'], 'it should exist');
select tests.load_catalogue();
select tests.full_history(u) from unnest(array['alice', 'bob']) u;
update progflow.users set display_name = 'Bob B.', avatar_url = 'https://example.org/b.png'
 where id = tests.user_id('bob');

select results_eq(
  $$select p.username::text, p.display_name::text, p.current_level, p.rank_title, p.total_xp, p.challenges_completed,
           jsonb_array_length(p.achievements)
      from progflow.public_profile(tests.user_id('bob')) p$$,
  $$select u.username::text, u.display_name::text, s.current_level, progflow.rank_title(s.current_level), s.total_xp,
           s.total_challenges_completed,
           (select count(*)::int from progflow.user_achievements a where a.user_id = u.id)
      from progflow.users u join progflow.user_stats s on s.user_id = u.id where u.id = tests.user_id('bob')$$,
  'the profile should show the handle, name, level, rank title, XP, challenges and achievements');
select is(tests.result_as('progflow_app', tests.user_id('alice'),
                          format('select username from progflow.public_profile(%L)', tests.user_id('bob'))),
          'bob', 'alice''s backend should see bob''s public profile');
select is(tests.result_as('progflow_readonly', null,
                          format('select display_name from progflow.public_profile(%L)', tests.user_id('bob'))),
          'Bob B.', 'and so should any role, with or without an acting user');
select ok(not exists (select from unnest(array['email', 'preferences', 'skill_level', 'last_active_at']) c
                       where c = any (select unnest(proargnames) from pg_proc where proname = 'public_profile')),
          'no private column should be among what it returns');

update progflow.users set preferences = '{"profile_visibility": "private"}' where id = tests.user_id('bob');
select is(tests.outcome_as('progflow_app', tests.user_id('alice'),
                           format('select * from progflow.public_profile(%L)', tests.user_id('bob'))),
          'error P0002', 'a private profile should not exist for alice, as an unknown user would not');
select is(tests.outcome_as('progflow_app', tests.user_id('bob'),
                           format('select * from progflow.public_profile(%L)', tests.user_id('bob'))),
          '1 rows', 'but bob should still see his own');
select throws_ok($$update progflow.users set preferences = '{"profile_visibility": "friends"}'
                    where id = tests.user_id('bob')$$, '23514', null, 'a visibility other than public or private should be refused');

select * from finish();
rollback;
