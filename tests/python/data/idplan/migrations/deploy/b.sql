select 1; -- b
