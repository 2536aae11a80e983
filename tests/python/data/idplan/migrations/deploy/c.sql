select 1; -- c
