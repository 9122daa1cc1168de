-- The words of a name as search keys, in order: split at spaces, hyphens and apostrophes (so
-- "Smith-Jones" has the words smith and jones, "O'Brien" o and brien), leading titles dropped.
CREATE OR REPLACE FUNCTION public.seg_name_words(name text) RETURNS text[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$
    SELECT coalesce(array_agg(k ORDER BY n), '{}')
      FROM (SELECT public.seg_search_key(w) AS k, n
              FROM regexp_split_to_table(name, '[[:space:]''’‘´`\-‐–—]+') WITH ORDINALITY AS t(w, n)) words
     WHERE k <> ''
  $$;

-- Given names, surname and search words of a member's name, as keys. Names are written given
-- names first; the surname is the last word between spaces together with the particles before
-- it ("Ní Bhriain", "van der Berg", "Ó Súilleabháin"), keeping at least one given name. A
-- leading title ("Dr") is no part of either. words holds, between spaces, every word, each
-- apostrophe or hyphen compound whole (obrien, smithjones) and the whole surname (nibhriain).
CREATE OR REPLACE FUNCTION public.seg_name_parts(
  name text,
  OUT given_key text,
  OUT surname_key text,
  OUT words text
)
  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE STRICT
  AS $$
  DECLARE
    titles constant text[] := '{dr,doctor,prof,professor,mr,mrs,ms,miss,mx,sir,dame,rev,revd,lord,lady}';
    particles constant text[] := '{ni,nic,ui,mhic,o,mac,mc,ap,ab,van,von,der,den,de,del,della,da,di,du,dos,das,'
                                 'le,la,ter,ten,al,el,bin,binti,st}';
    raw text[];
    tokens text[];
    first integer := 1;
    last integer;
    s integer;
  BEGIN
    SELECT coalesce(array_agg(w ORDER BY n), '{}'), coalesce(array_agg(k ORDER BY n), '{}') INTO raw, tokens
      FROM (SELECT w, public.seg_search_key(w) AS k, n
              FROM regexp_split_to_table(name, '[[:space:]]+') WITH ORDINALITY AS t(w, n)) t
     WHERE k <> '';
    last := coalesce(array_length(tokens, 1), 0);
    IF last = 0 THEN
      given_key := '';
      surname_key := '';
      words := ' ';
      RETURN;
    END IF;
    WHILE last - first >= 1 AND tokens[first] = ANY (titles) LOOP
      first := first + 1;
    END LOOP;
    s := last;
    WHILE s - 1 > first AND tokens[s - 1] = ANY (particles) LOOP
      s := s - 1;
    END LOOP;
    given_key := array_to_string(tokens[first:s - 1], '');
    surname_key := array_to_string(tokens[s:last], '');
    SELECT ' ' || string_agg(DISTINCT w, ' ') || ' ' INTO words
      FROM unnest(public.seg_name_words(array_to_string(raw[first:last], ' ')) || tokens[first:last] || surname_key) AS w;
  END
  $$;
