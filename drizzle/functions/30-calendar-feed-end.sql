-- A member who stops being current (suspended, left, erased) loses their calendar feed, so its
-- link stays dead even if the membership comes back: they ask for a new one. A trigger, so no
-- writer of a member's status can forget it.
CREATE OR REPLACE FUNCTION public.seg_member_calendar_feed_end() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM calendar_feeds WHERE member_id = NEW.id;
  RETURN NULL;
END $$;

CREATE OR REPLACE TRIGGER members_calendar_feed_end
  AFTER UPDATE OF status, erased_at ON members
  FOR EACH ROW
  WHEN (NEW.status NOT IN ('invited', 'active') OR NEW.erased_at IS NOT NULL)
  EXECUTE FUNCTION public.seg_member_calendar_feed_end();
