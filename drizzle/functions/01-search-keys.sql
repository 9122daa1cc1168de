-- unaccent() is only STABLE (its dictionary could change); naming the dictionary makes the
-- result fixed, which an index or a generated column (members.name_key) needs.
CREATE OR REPLACE FUNCTION public.seg_unaccent(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;

-- The search key of a name: lower case, no accents, no spaces or punctuation, so that a search
-- for part of a name matches across apostrophes, hyphens and spaces ("zoe" finds Zoë, "obrien"
-- finds O'Brien).
CREATE OR REPLACE FUNCTION public.seg_search_key(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT regexp_replace(lower(public.seg_unaccent($1)), '[[:space:][:punct:]’‘´`–—‐]+', '', 'g') $$;
