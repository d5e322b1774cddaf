-- The whole tables, with parallel workers forced (partial aggregates and
-- their combine functions, the growing states of space_utilisation and
-- plan_investment too), and
-- disposal_impact as a window aggregate.
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SELECT 1 / (SELECT count(*) FROM expected WHERE site = 0 AND answers = whole_answers())::integer;
RESET ALL;
