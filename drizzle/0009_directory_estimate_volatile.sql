-- The estimate of a broad directory list asks the planner with EXPLAIN, which PostgreSQL runs
-- only in a volatile function: declared stable, every list of more than EXACT_TOTAL_LIMIT cards
-- failed ("EXPLAIN is not allowed in a non-volatile function").
ALTER FUNCTION public.seg_directory_estimate(boolean, text[], text, text) VOLATILE;
