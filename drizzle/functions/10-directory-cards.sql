-- Writes the directory cards of these members from the tables they are read from (and drops
-- those of members that no longer exist).
-- listed: a current member with a member's account (seg_member_is_listable).
-- chose_unlisted: the member's own choice, which a current post may override when read.
-- posts: every post not ended on the UK's today (those not started yet included); which are
--   current is decided when read, as the calendar moves on. The UK's today, not the server's: a
--   server in another zone would keep a post ended today, or drop one still current.
-- details_confirmed_at, details_requested_at and notices_off: every write of them is an UPDATE of
--   members, whose statement trigger rewrites the card.
CREATE OR REPLACE FUNCTION public.seg_refresh_directory_cards(ids uuid[]) RETURNS void
  LANGUAGE sql VOLATILE
  AS $$
    DELETE FROM directory_cards d
     WHERE d.member_id = ANY (ids) AND NOT EXISTS (SELECT 1 FROM members m WHERE m.id = d.member_id);

    INSERT INTO directory_cards AS d (
      member_id, listed, chose_unlisted, name, title, email, phone, bio, availability, status, role,
      email_visibility, phone_visibility, email_status,
      category_id, category_code, category_name, category_private,
      region_id, region_code, region_name, region_nation, establishments, posts,
      details_confirmed_at, details_requested_at, notices_off, name_key, given_key, surname_key, words)
    SELECT m.id,
           public.seg_member_is_listable(m.status, m.erased_at, m.role, m.category_id IS NOT NULL),
           NOT m.listed,
           m.name, m.title, m.email, m.phone, m.bio, m.availability, m.status, m.role,
           m.email_visibility, m.phone_visibility, m.email_status,
           m.category_id, c.code, c.name, c.contacts_private_by_default,
           m.region_id, r.code, r.name, r.nation,
           coalesce((SELECT jsonb_agg(jsonb_build_object('id', e.id, 'code', e.code, 'name', e.name) ORDER BY e.name)
                       FROM member_establishments me
                       JOIN establishments e ON e.id = me.establishment_id
                      WHERE me.member_id = m.id), '[]'),
           coalesce((SELECT jsonb_agg(jsonb_build_object('id', p.id, 'role', p.role, 'regionId', p.region_id,
                                                         'regionCode', pr.code, 'regionName', pr.name,
                                                         'startsOn', p.starts_on, 'endsOn', p.ends_on)
                                      ORDER BY p.starts_on, p.id)
                       FROM posts p
                       LEFT JOIN regions pr ON pr.id = p.region_id
                      WHERE p.member_id = m.id AND public.seg_post_not_ended(p.ends_on, public.seg_uk_today())), '[]'),
           m.details_confirmed_at, m.details_requested_at, m.notices_off,
           coalesce(m.name_key, ''), parts.given_key, parts.surname_key, parts.words
      FROM members m
      LEFT JOIN categories c ON c.id = m.category_id
      LEFT JOIN regions r ON r.id = m.region_id
      CROSS JOIN LATERAL public.seg_name_parts(m.name) parts
     WHERE m.id = ANY (ids)
    ON CONFLICT (member_id) DO UPDATE SET
      listed = excluded.listed, chose_unlisted = excluded.chose_unlisted, name = excluded.name,
      title = excluded.title, email = excluded.email, phone = excluded.phone, bio = excluded.bio,
      availability = excluded.availability, status = excluded.status,
      role = excluded.role, email_visibility = excluded.email_visibility, phone_visibility = excluded.phone_visibility,
      email_status = excluded.email_status, category_id = excluded.category_id,
      category_code = excluded.category_code, category_name = excluded.category_name,
      category_private = excluded.category_private, region_id = excluded.region_id,
      region_code = excluded.region_code, region_name = excluded.region_name, region_nation = excluded.region_nation,
      establishments = excluded.establishments, posts = excluded.posts,
      details_confirmed_at = excluded.details_confirmed_at, details_requested_at = excluded.details_requested_at,
      notices_off = excluded.notices_off,
      name_key = excluded.name_key, given_key = excluded.given_key, surname_key = excluded.surname_key,
      words = excluded.words
  $$;

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

-- member_establishments and posts: the members named by the rows before and after.
CREATE OR REPLACE FUNCTION public.seg_cards_from_member_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM public.seg_refresh_directory_cards(ARRAY(SELECT DISTINCT member_id FROM new_rows));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM public.seg_refresh_directory_cards(ARRAY(SELECT DISTINCT member_id FROM old_rows));
  ELSE
    PERFORM public.seg_refresh_directory_cards(
      ARRAY(SELECT member_id FROM new_rows UNION SELECT member_id FROM old_rows));
  END IF;
  RETURN NULL;
END $$;

-- A renamed category, region or establishment: the members whose cards show it.
CREATE OR REPLACE FUNCTION public.seg_cards_from_reference() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'categories' THEN
    PERFORM public.seg_refresh_directory_cards(
      ARRAY(SELECT m.id FROM members m WHERE m.category_id IN (SELECT id FROM new_rows)));
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

CREATE OR REPLACE TRIGGER directory_cards_members_insert
  AFTER INSERT ON members REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION public.seg_cards_from_members();
CREATE OR REPLACE TRIGGER directory_cards_members_update
  AFTER UPDATE ON members REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION public.seg_cards_from_members();
CREATE OR REPLACE TRIGGER directory_cards_member_establishments_insert
  AFTER INSERT ON member_establishments REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION public.seg_cards_from_member_rows();
CREATE OR REPLACE TRIGGER directory_cards_member_establishments_delete
  AFTER DELETE ON member_establishments REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION public.seg_cards_from_member_rows();
CREATE OR REPLACE TRIGGER directory_cards_posts_insert
  AFTER INSERT ON posts REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION public.seg_cards_from_member_rows();
CREATE OR REPLACE TRIGGER directory_cards_posts_update
  AFTER UPDATE ON posts REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION public.seg_cards_from_member_rows();
CREATE OR REPLACE TRIGGER directory_cards_posts_delete
  AFTER DELETE ON posts REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION public.seg_cards_from_member_rows();
CREATE OR REPLACE TRIGGER directory_cards_categories_update
  AFTER UPDATE ON categories REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION public.seg_cards_from_reference();
CREATE OR REPLACE TRIGGER directory_cards_regions_update
  AFTER UPDATE ON regions REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION public.seg_cards_from_reference();
CREATE OR REPLACE TRIGGER directory_cards_establishments_update
  AFTER UPDATE ON establishments REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION public.seg_cards_from_reference();

-- when changed:
-- Every card is written again by the new definition.
SELECT public.seg_refresh_directory_cards(ARRAY(SELECT id FROM members));
