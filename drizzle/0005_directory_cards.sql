CREATE TABLE "directory_cards" (
	"member_id" uuid PRIMARY KEY NOT NULL,
	"listed" boolean NOT NULL,
	"name" text NOT NULL,
	"title" text,
	"email" text NOT NULL,
	"phone" text,
	"bio" text,
	"availability" text,
	"registration" text,
	"status" text NOT NULL,
	"role" text NOT NULL,
	"email_visibility" text NOT NULL,
	"phone_visibility" text NOT NULL,
	"email_status" text NOT NULL,
	"category_id" uuid,
	"category_code" text,
	"category_name" text,
	"category_private" boolean,
	"region_id" uuid,
	"region_code" text,
	"region_name" text,
	"region_nation" text,
	"establishments" jsonb NOT NULL,
	"posts" jsonb NOT NULL,
	"name_key" text NOT NULL,
	"given_key" text NOT NULL,
	"surname_key" text NOT NULL,
	"words" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "directory_cards" ADD CONSTRAINT "directory_cards_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "directory_cards_words_trgm_idx" ON "directory_cards" USING gin ("words" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "directory_cards_name_key_trgm_idx" ON "directory_cards" USING gin ("name_key" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "directory_cards_order_idx" ON "directory_cards" USING btree ("surname_key" collate "C","given_key" collate "C","member_id");--> statement-breakpoint
CREATE INDEX "directory_cards_region_order_idx" ON "directory_cards" USING btree ("region_id","surname_key" collate "C","given_key" collate "C","member_id");--> statement-breakpoint
CREATE INDEX "directory_cards_category_order_idx" ON "directory_cards" USING btree ("category_id","surname_key" collate "C","given_key" collate "C","member_id");--> statement-breakpoint
CREATE INDEX "directory_cards_status_order_idx" ON "directory_cards" USING btree ("status","surname_key" collate "C","given_key" collate "C","member_id");
--> statement-breakpoint
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
--> statement-breakpoint
-- Given names, surname and search words of a member's name, as keys. Names are written given
-- names first; the surname is the last word between spaces together with the particles before
-- it ("Ní Bhriain", "van der Berg", "Ó Súilleabháin"), keeping at least one given name. A
-- leading title ("Dr") is no part of either. words holds, between spaces, every word, each
-- apostrophe or hyphen compound whole (obrien, smithjones) and the whole surname (nibhriain).
CREATE OR REPLACE FUNCTION public.seg_name_parts(name text, OUT given_key text, OUT surname_key text, OUT words text)
  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE STRICT
  AS $$
  DECLARE
    titles constant text[] := '{dr,doctor,prof,professor,mr,mrs,ms,miss,mx,sir,dame,rev,revd,lord,lady}';
    particles constant text[] := '{ni,nic,ui,mhic,o,mac,mc,ap,ab,van,von,der,den,de,del,della,da,di,du,dos,das,le,la,ter,ten,al,el,bin,binti,st}';
    raw text[];
    tokens text[];
    first integer := 1;
    last integer;
    s integer;
  BEGIN
    SELECT coalesce(array_agg(w ORDER BY n), '{}'), coalesce(array_agg(k ORDER BY n), '{}') INTO raw, tokens
      FROM (SELECT w, public.seg_search_key(w) AS k, n FROM regexp_split_to_table(name, '[[:space:]]+') WITH ORDINALITY AS t(w, n)) t
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
--> statement-breakpoint
-- Writes the directory cards of these members from the tables they are read from (and drops
-- those of members that no longer exist). Listed: invited and active members are the current
-- members; a staff account (secretariat or admin with no membership category) is no member.
CREATE OR REPLACE FUNCTION public.seg_refresh_directory_cards(ids uuid[]) RETURNS void
  LANGUAGE sql VOLATILE
  AS $$
    DELETE FROM directory_cards d WHERE d.member_id = ANY (ids) AND NOT EXISTS (SELECT 1 FROM members m WHERE m.id = d.member_id);
    INSERT INTO directory_cards AS d (
      member_id, listed, name, title, email, phone, bio, availability, registration, status, role,
      email_visibility, phone_visibility, email_status, category_id, category_code, category_name, category_private,
      region_id, region_code, region_name, region_nation, establishments, posts,
      name_key, given_key, surname_key, words)
    SELECT m.id,
           m.status IN ('invited', 'active') AND (m.role = 'member' OR m.category_id IS NOT NULL),
           m.name, m.title, m.email, m.phone, m.bio, m.availability, m.registration, m.status, m.role,
           m.email_visibility, m.phone_visibility, m.email_status, m.category_id, c.code, c.name, c.contacts_private_by_default,
           m.region_id, r.code, r.name, r.nation,
           coalesce((SELECT jsonb_agg(jsonb_build_object('id', e.id, 'code', e.code, 'name', e.name) ORDER BY e.name)
                       FROM member_establishments me JOIN establishments e ON e.id = me.establishment_id
                      WHERE me.member_id = m.id), '[]'),
           -- Posts not ended: which are current is decided when read, as the calendar moves on.
           coalesce((SELECT jsonb_agg(jsonb_build_object('id', p.id, 'role', p.role, 'regionId', p.region_id, 'regionCode', pr.code,
                                                         'regionName', pr.name, 'startsOn', p.starts_on, 'endsOn', p.ends_on)
                                      ORDER BY p.starts_on, p.id)
                       FROM posts p LEFT JOIN regions pr ON pr.id = p.region_id
                      WHERE p.member_id = m.id AND (p.ends_on IS NULL OR p.ends_on >= current_date - 1)), '[]'),
           coalesce(m.name_key, ''), parts.given_key, parts.surname_key, parts.words
      FROM members m
      LEFT JOIN categories c ON c.id = m.category_id
      LEFT JOIN regions r ON r.id = m.region_id
      CROSS JOIN LATERAL public.seg_name_parts(m.name) parts
     WHERE m.id = ANY (ids)
    ON CONFLICT (member_id) DO UPDATE SET
      listed = excluded.listed, name = excluded.name, title = excluded.title, email = excluded.email, phone = excluded.phone,
      bio = excluded.bio, availability = excluded.availability, registration = excluded.registration, status = excluded.status,
      role = excluded.role, email_visibility = excluded.email_visibility, phone_visibility = excluded.phone_visibility, email_status = excluded.email_status,
      category_id = excluded.category_id, category_code = excluded.category_code, category_name = excluded.category_name,
      category_private = excluded.category_private, region_id = excluded.region_id, region_code = excluded.region_code,
      region_name = excluded.region_name, region_nation = excluded.region_nation, establishments = excluded.establishments,
      posts = excluded.posts, name_key = excluded.name_key, given_key = excluded.given_key, surname_key = excluded.surname_key,
      words = excluded.words
  $$;
--> statement-breakpoint
-- Statement triggers with transition tables: an import of thousands of members refreshes their
-- cards in one set-based statement, not one per row. PostgreSQL allows one event per trigger
-- that names transition tables, hence a trigger per event.
CREATE OR REPLACE FUNCTION public.seg_cards_from_members() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM public.seg_refresh_directory_cards(ARRAY(SELECT id FROM old_rows));
  ELSE
    PERFORM public.seg_refresh_directory_cards(ARRAY(SELECT id FROM new_rows));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.seg_cards_from_member_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- member_establishments and posts: the members named by the rows before and after.
  IF TG_OP = 'INSERT' THEN
    PERFORM public.seg_refresh_directory_cards(ARRAY(SELECT DISTINCT member_id FROM new_rows));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM public.seg_refresh_directory_cards(ARRAY(SELECT DISTINCT member_id FROM old_rows));
  ELSE
    PERFORM public.seg_refresh_directory_cards(ARRAY(SELECT member_id FROM new_rows UNION SELECT member_id FROM old_rows));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.seg_cards_from_reference() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- A renamed category, region or establishment: the members whose cards show it.
  IF TG_TABLE_NAME = 'categories' THEN
    PERFORM public.seg_refresh_directory_cards(ARRAY(SELECT m.id FROM members m WHERE m.category_id IN (SELECT id FROM new_rows)));
  ELSIF TG_TABLE_NAME = 'regions' THEN
    PERFORM public.seg_refresh_directory_cards(ARRAY(
      SELECT m.id FROM members m WHERE m.region_id IN (SELECT id FROM new_rows)
      UNION SELECT p.member_id FROM posts p WHERE p.region_id IN (SELECT id FROM new_rows)));
  ELSE
    PERFORM public.seg_refresh_directory_cards(ARRAY(
      SELECT me.member_id FROM member_establishments me WHERE me.establishment_id IN (SELECT id FROM new_rows)));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER directory_cards_members_insert AFTER INSERT ON members REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.seg_cards_from_members();--> statement-breakpoint
CREATE TRIGGER directory_cards_members_update AFTER UPDATE ON members REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.seg_cards_from_members();--> statement-breakpoint
CREATE TRIGGER directory_cards_member_establishments_insert AFTER INSERT ON member_establishments REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.seg_cards_from_member_rows();--> statement-breakpoint
CREATE TRIGGER directory_cards_member_establishments_delete AFTER DELETE ON member_establishments REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.seg_cards_from_member_rows();--> statement-breakpoint
CREATE TRIGGER directory_cards_posts_insert AFTER INSERT ON posts REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.seg_cards_from_member_rows();--> statement-breakpoint
CREATE TRIGGER directory_cards_posts_update AFTER UPDATE ON posts REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.seg_cards_from_member_rows();--> statement-breakpoint
CREATE TRIGGER directory_cards_posts_delete AFTER DELETE ON posts REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.seg_cards_from_member_rows();--> statement-breakpoint
CREATE TRIGGER directory_cards_categories_update AFTER UPDATE ON categories REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.seg_cards_from_reference();--> statement-breakpoint
CREATE TRIGGER directory_cards_regions_update AFTER UPDATE ON regions REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.seg_cards_from_reference();--> statement-breakpoint
CREATE TRIGGER directory_cards_establishments_update AFTER UPDATE ON establishments REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.seg_cards_from_reference();--> statement-breakpoint
-- Cards for the members there already.
SELECT public.seg_refresh_directory_cards(ARRAY(SELECT id FROM members));
--> statement-breakpoint
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
       WHERE k <> '' AND k <> ALL ('{hm,hmp,hmyoi,hmpyoi,hmirc,yoi,irc,stc,sch,prison,prisons,jail,gaol,young,offender,offenders,institution,immigration,removal,detention,centre,center,secure,training,hospital,college,and,the}'))
    SELECT CASE WHEN EXISTS (SELECT 1 FROM kept) THEN (SELECT array_agg(k ORDER BY n) FROM kept)
                ELSE (SELECT coalesce(array_agg(k ORDER BY n), '{}') FROM words WHERE k <> '') END
  $$;
--> statement-breakpoint
-- The planner's estimate of how many cards a broad directory list holds, from the table's
-- statistics: a list of tens of thousands is not counted row by row on every request.
CREATE OR REPLACE FUNCTION public.seg_directory_estimate(listed_only boolean, statuses text[], region_code text, category_code text) RETURNS integer
  LANGUAGE plpgsql STABLE
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
