-- Verify progflow:earned-content on pg

begin;

-- Each check raises (division by zero) unless the change is in place.
select 1 / count(*) from pg_catalog.pg_attribute
 where attrelid = 'progflow.challenge_levels'::regclass and attname = 'hint_count' and attgenerated = 's';
select 1 / (not has_column_privilege('progflow_readonly', 'progflow.challenge_levels', 'hints', 'select'))::int;
select 1 / (not has_column_privilege('progflow_readonly', 'progflow.challenge_levels', 'solution_approach', 'select'))::int;
select 1 / has_column_privilege('progflow_readonly', 'progflow.challenge_levels', 'hint_count', 'select')::int;
select 1 / (not has_column_privilege('progflow_readonly', 'progflow.assessment_questions', 'answer', 'select'))::int;
select 1 / has_column_privilege('progflow_readonly', 'progflow.assessment_questions', 'options', 'select')::int;

rollback;
