-- progflow.refresh_track_progress(p_user_id uuid, p_track_id uuid) returns user_track_progress
begin;
select plan(8);

select has_function('progflow', 'refresh_track_progress', array['uuid', 'uuid'], 'refresh_track_progress should exist');
select tests.load_catalogue();
select tests.create_user('ada');

select results_eq($$select status::text, progress_percentage, challenges_completed, total_challenges
                      from progflow.refresh_track_progress(tests.user_id('ada'), '00000000-0000-0000-0000-0000000000b1')$$,
                  $$values ('in_progress', 0.00, 0, 2)$$, 'no challenge completed should be 0 %');
select tests.set_completed('ada', 'a');
select results_eq($$select status::text, progress_percentage, challenges_completed, total_challenges
                      from progflow.refresh_track_progress(tests.user_id('ada'), '00000000-0000-0000-0000-0000000000b1')$$,
                  $$values ('in_progress', 50.00, 1, 2)$$, 'one of two should be exactly 50 %');
select progflow.check_and_unlock_challenges(tests.user_id('ada'));
select tests.set_completed('ada', 'b');
select results_eq($$select status::text, progress_percentage, completion_date is not null
                      from progflow.refresh_track_progress(tests.user_id('ada'), '00000000-0000-0000-0000-0000000000b1')$$,
                  $$values ('completed', 100.00, true)$$, 'both should be 100 %, completed, with a date');
insert into progflow.challenges (slug, title, difficulty_base, track_id, order_in_track)
values ('e', 'Challenge E', 'beginner', '00000000-0000-0000-0000-0000000000b1', 3);
select results_eq($$select status::text, progress_percentage, completion_date is null
                      from progflow.refresh_track_progress(tests.user_id('ada'), '00000000-0000-0000-0000-0000000000b1')$$,
                  $$values ('in_progress', 66.67, true)$$, 'a third challenge should make it 66.67 %, in progress again');
update progflow.challenges set is_active = false where slug = 'e';
select is((progflow.refresh_track_progress(tests.user_id('ada'), '00000000-0000-0000-0000-0000000000b1')).progress_percentage,
          100.00, 'a retired challenge should not count');
select throws_ok($$select progflow.refresh_track_progress(tests.user_id('ada'), '00000000-0000-0000-0000-000000000999')$$,
                 'P0002', null, 'an unknown track should be P0002');
select throws_ok($$select progflow.refresh_track_progress(null, '00000000-0000-0000-0000-0000000000b1')$$, '22023', null,
                 'a NULL user should be refused');

select * from finish();
rollback;
