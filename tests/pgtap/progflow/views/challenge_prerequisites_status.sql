-- progflow.challenge_prerequisites_status: prerequisites met per user and challenge.
begin;
select plan(3);

select has_view('progflow', 'challenge_prerequisites_status', 'challenge_prerequisites_status should exist');
select tests.load_catalogue();
select tests.create_user('ada');

select results_eq($$select challenge_slug::text, prerequisite_status, all_met from progflow.challenge_prerequisites_status
                    where user_id = tests.user_id('ada') order by challenge_slug$$,
                  $$values ('a', '[]'::jsonb, true),
                           ('b', '[{"prereq_id": "00000000-0000-0000-0000-0000000000c1", "slug": "a", "completed": false}]', false),
                           ('c', '[]', true), ('d', '[]', true)$$,
                  'b should wait for a; challenges without prerequisites have all met');
select tests.set_completed('ada', 'a');
select results_eq($$select all_met from progflow.challenge_prerequisites_status
                    where user_id = tests.user_id('ada') and challenge_slug = 'b'$$, array[true],
                  'completing a should meet b''s prerequisites');

select * from finish();
rollback;
