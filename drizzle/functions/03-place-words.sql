-- The words of an establishment's name as people say it: type words and abbreviations (HMP,
-- HMYOI, YOI, IRC, STC, "prison", "hospital"...) left out, so "HMP Belmarsh", "Belmarsh prison"
-- and "belmarsh" all name "Belmarsh (HMP & YOI)". A name made only of such words keeps them.
CREATE OR REPLACE FUNCTION public.seg_place_words(name text) RETURNS text[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$
    WITH words AS (
      SELECT public.seg_search_key(w) AS k, n
        FROM regexp_split_to_table(name, '[[:space:]()&,;:./+\-–—‐]+') WITH ORDINALITY AS t(w, n)),
    kept AS (
      SELECT k, n FROM words
       WHERE k <> ''
         AND k <> ALL ('{hm,hmp,hmyoi,hmpyoi,hmirc,yoi,irc,stc,sch,prison,prisons,jail,gaol,young,offender,offenders,'
                       'institution,immigration,removal,detention,centre,center,secure,training,hospital,college,'
                       'and,the}'))
    SELECT CASE WHEN EXISTS (SELECT 1 FROM kept) THEN (SELECT array_agg(k ORDER BY n) FROM kept)
                ELSE (SELECT coalesce(array_agg(k ORDER BY n), '{}') FROM words WHERE k <> '') END
  $$;
