select 1; -- a@v1
