-- For each user and challenge, which prerequisites the user has completed. Query it by user.
create view progflow.challenge_prerequisites_status with (security_invoker = true) as
select c.id as challenge_id,
       c.slug as challenge_slug,
       u.id as user_id,
       c.prerequisites,
       (select coalesce(jsonb_agg(jsonb_build_object(
                 'prereq_id', pc.id, 'slug', pc.slug,
                 'completed', exists (select from progflow.user_challenge_progress p
                                       where p.user_id = u.id and p.challenge_id = pc.id and p.status = 'completed'))
               order by pc.order_in_track, pc.slug), '[]')
          from jsonb_array_elements_text(c.prerequisites) pre(id)
          join progflow.challenges pc on pc.id = pre.id::uuid) as prerequisite_status,
       not exists (select from jsonb_array_elements_text(c.prerequisites) pre(id)
                    where not exists (select from progflow.user_challenge_progress p
                                       where p.user_id = u.id and p.challenge_id = pre.id::uuid
                                         and p.status = 'completed')) as all_met
  from progflow.challenges c
  cross join progflow.users u
 where c.is_active;

comment on view progflow.challenge_prerequisites_status is E'For every user and active challenge: the prerequisites (JSON array of {prereq_id, slug, completed}) and whether all are met. Always filter by user_id. security_invoker.';
comment on column progflow.challenge_prerequisites_status.challenge_id is E'The challenge.';
comment on column progflow.challenge_prerequisites_status.challenge_slug is E'Its slug.';
comment on column progflow.challenge_prerequisites_status.user_id is E'The user.';
comment on column progflow.challenge_prerequisites_status.prerequisites is E'The challenge''s prerequisite ids (JSON array).';
comment on column progflow.challenge_prerequisites_status.prerequisite_status is E'JSON array of {prereq_id, slug, completed}.';
comment on column progflow.challenge_prerequisites_status.all_met is E'True when every prerequisite is completed.';

grant select on progflow.challenge_prerequisites_status to progflow_readonly;
