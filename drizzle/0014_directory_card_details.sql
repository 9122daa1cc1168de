ALTER TABLE "directory_cards" ADD COLUMN "details_confirmed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "directory_cards" ADD COLUMN "details_requested_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "directory_cards_establishments_idx" ON "directory_cards" USING gin ("establishments" jsonb_path_ops);--> statement-breakpoint
CREATE INDEX "directory_cards_details_requested_idx" ON "directory_cards" USING btree ("details_requested_at") WHERE "directory_cards"."details_requested_at" is not null;--> statement-breakpoint
-- Writes the directory cards of these members from the tables they are read from (and drops
-- those of members that no longer exist). listed: invited and active members are the current
-- members; a staff account (secretariat or admin with no membership category) is no member.
-- chose_unlisted: the member's own choice, which a current post may override when read.
-- details_confirmed_at and details_requested_at: every write of them is an UPDATE of members,
-- whose statement trigger rewrites the card.
CREATE OR REPLACE FUNCTION public.seg_refresh_directory_cards(ids uuid[]) RETURNS void
  LANGUAGE sql VOLATILE
  AS $$
    DELETE FROM directory_cards d WHERE d.member_id = ANY (ids) AND NOT EXISTS (SELECT 1 FROM members m WHERE m.id = d.member_id);
    INSERT INTO directory_cards AS d (
      member_id, listed, chose_unlisted, name, title, email, phone, bio, availability, registration, status, role,
      email_visibility, phone_visibility, email_status, category_id, category_code, category_name, category_private,
      region_id, region_code, region_name, region_nation, establishments, posts,
      details_confirmed_at, details_requested_at, name_key, given_key, surname_key, words)
    SELECT m.id,
           m.status IN ('invited', 'active') AND (m.role = 'member' OR m.category_id IS NOT NULL),
           NOT m.listed,
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
           m.details_confirmed_at, m.details_requested_at,
           coalesce(m.name_key, ''), parts.given_key, parts.surname_key, parts.words
      FROM members m
      LEFT JOIN categories c ON c.id = m.category_id
      LEFT JOIN regions r ON r.id = m.region_id
      CROSS JOIN LATERAL public.seg_name_parts(m.name) parts
     WHERE m.id = ANY (ids)
    ON CONFLICT (member_id) DO UPDATE SET
      listed = excluded.listed, chose_unlisted = excluded.chose_unlisted, name = excluded.name, title = excluded.title, email = excluded.email, phone = excluded.phone,
      bio = excluded.bio, availability = excluded.availability, registration = excluded.registration, status = excluded.status,
      role = excluded.role, email_visibility = excluded.email_visibility, phone_visibility = excluded.phone_visibility, email_status = excluded.email_status,
      category_id = excluded.category_id, category_code = excluded.category_code, category_name = excluded.category_name,
      category_private = excluded.category_private, region_id = excluded.region_id, region_code = excluded.region_code,
      region_name = excluded.region_name, region_nation = excluded.region_nation, establishments = excluded.establishments,
      posts = excluded.posts, details_confirmed_at = excluded.details_confirmed_at, details_requested_at = excluded.details_requested_at,
      name_key = excluded.name_key, given_key = excluded.given_key, surname_key = excluded.surname_key, words = excluded.words
  $$;
--> statement-breakpoint
-- The cards of members who have confirmed or been asked to.
SELECT public.seg_refresh_directory_cards(ARRAY(SELECT id FROM members WHERE details_confirmed_at IS NOT NULL OR details_requested_at IS NOT NULL));
