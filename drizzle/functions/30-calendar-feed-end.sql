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
  WHEN (NOT public.seg_member_is_current(NEW.status, NEW.erased_at))
  EXECUTE FUNCTION public.seg_member_calendar_feed_end();
