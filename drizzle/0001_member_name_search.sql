-- Name search that ignores case, accents and punctuation ("zoe" finds Zoë, "obrien" finds O'Brien).
CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
-- unaccent() is only STABLE (its dictionary could change); naming the dictionary makes the
-- result fixed, which an index expression needs.
CREATE OR REPLACE FUNCTION public.seg_unaccent(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;
--> statement-breakpoint
-- The search key of a name: lower case, no accents, no spaces or punctuation, so that a search
-- for part of a name matches across apostrophes, hyphens and spaces.
CREATE OR REPLACE FUNCTION public.seg_search_key(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT regexp_replace(lower(public.seg_unaccent($1)), '[[:space:][:punct:]’‘´`–—‐]+', '', 'g') $$;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS members_name_search_trgm_idx ON members USING gin (public.seg_search_key(name) gin_trgm_ops);
--> statement-breakpoint
-- Byte order ("C") so that the directory's name order and short prefix searches use one index.
CREATE INDEX IF NOT EXISTS members_name_sort_idx ON members ((public.seg_search_key(name)) COLLATE "C", id);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS posts_current_idx ON posts (region_id, starts_on, ends_on);
