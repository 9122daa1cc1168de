-- The planner's estimate of how many cards a broad directory list holds, from the table's
-- statistics: a list of tens of thousands is not counted row by row on every request. VOLATILE:
-- PostgreSQL runs EXPLAIN only in a volatile function.
CREATE OR REPLACE FUNCTION public.seg_directory_estimate(
  listed_only boolean,
  statuses text[],
  region_code text,
  category_code text
) RETURNS integer
  LANGUAGE plpgsql VOLATILE
  AS $$
  DECLARE
    plan json;
    region uuid;
    category uuid;
  BEGIN
    SELECT id INTO region FROM regions WHERE code = region_code;
    SELECT id INTO category FROM categories WHERE code = category_code;
    EXECUTE 'EXPLAIN (FORMAT JSON) SELECT 1 FROM directory_cards d WHERE true'
      || CASE WHEN listed_only THEN ' AND d.listed' ELSE '' END
      || CASE WHEN statuses IS NOT NULL THEN format(' AND d.status = ANY (%L::text[])', statuses) ELSE '' END
      || CASE WHEN region_code IS NOT NULL THEN format(' AND d.region_id = %L::uuid', region) ELSE '' END
      || CASE WHEN category_code IS NOT NULL THEN format(' AND d.category_id = %L::uuid', category) ELSE '' END
      INTO plan;
    RETURN (plan -> 0 -> 'Plan' ->> 'Plan Rows')::numeric::integer;
  END
  $$;
