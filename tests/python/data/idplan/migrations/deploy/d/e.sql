select 1; -- d/e
