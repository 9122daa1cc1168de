-- Every API process keeps directory answers and sign-in checks in memory (DatabaseChanges in
-- @seg/db). These triggers tell them, when a transaction commits, what it changed; PostgreSQL
-- sends a notification once per transaction however many rows raised it, and none for a
-- transaction that rolls back. A trigger, so no writer can forget it.

-- seg_directory: anything a directory answer is read from (cards, posts, regions, categories,
-- establishments). An update that changes nothing in the row raises nothing.
CREATE OR REPLACE FUNCTION public.seg_notify_directory_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('seg_directory', '');
  RETURN NULL;
END $$;

CREATE OR REPLACE TRIGGER directory_cards_changed
  AFTER INSERT OR DELETE ON directory_cards
  FOR EACH ROW EXECUTE FUNCTION public.seg_notify_directory_changed();
CREATE OR REPLACE TRIGGER directory_cards_updated
  AFTER UPDATE ON directory_cards
  FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION public.seg_notify_directory_changed();
CREATE OR REPLACE TRIGGER directory_cards_truncated
  AFTER TRUNCATE ON directory_cards
  FOR EACH STATEMENT EXECUTE FUNCTION public.seg_notify_directory_changed();

CREATE OR REPLACE TRIGGER posts_changed
  AFTER INSERT OR DELETE ON posts
  FOR EACH ROW EXECUTE FUNCTION public.seg_notify_directory_changed();
CREATE OR REPLACE TRIGGER posts_updated
  AFTER UPDATE ON posts
  FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION public.seg_notify_directory_changed();

CREATE OR REPLACE TRIGGER regions_changed
  AFTER INSERT OR DELETE ON regions
  FOR EACH ROW EXECUTE FUNCTION public.seg_notify_directory_changed();
CREATE OR REPLACE TRIGGER regions_updated
  AFTER UPDATE ON regions
  FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION public.seg_notify_directory_changed();

CREATE OR REPLACE TRIGGER categories_changed
  AFTER INSERT OR DELETE ON categories
  FOR EACH ROW EXECUTE FUNCTION public.seg_notify_directory_changed();
CREATE OR REPLACE TRIGGER categories_updated
  AFTER UPDATE ON categories
  FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION public.seg_notify_directory_changed();

CREATE OR REPLACE TRIGGER establishments_changed
  AFTER INSERT OR DELETE ON establishments
  FOR EACH ROW EXECUTE FUNCTION public.seg_notify_directory_changed();
CREATE OR REPLACE TRIGGER establishments_updated
  AFTER UPDATE ON establishments
  FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION public.seg_notify_directory_changed();

-- seg_sessions, with the member's id: what a sign-in check reads changed for that member (their
-- status, role, email or erasure, or one of their logins ended).
CREATE OR REPLACE FUNCTION public.seg_notify_member_session_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'members' THEN
    PERFORM pg_notify('seg_sessions', coalesce(NEW.id, OLD.id)::text);
  ELSE
    PERFORM pg_notify('seg_sessions', coalesce(NEW.member_id, OLD.member_id)::text);
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE TRIGGER members_session_changed
  AFTER UPDATE ON members
  FOR EACH ROW
  WHEN ((OLD.status, OLD.role, OLD.email, OLD.erased_at) IS DISTINCT FROM (NEW.status, NEW.role, NEW.email, NEW.erased_at))
  EXECUTE FUNCTION public.seg_notify_member_session_changed();
CREATE OR REPLACE TRIGGER members_session_deleted
  AFTER DELETE ON members
  FOR EACH ROW EXECUTE FUNCTION public.seg_notify_member_session_changed();
CREATE OR REPLACE TRIGGER refresh_tokens_session_changed
  AFTER UPDATE ON refresh_tokens
  FOR EACH ROW
  WHEN (OLD.revoked_at IS DISTINCT FROM NEW.revoked_at OR OLD.member_id IS DISTINCT FROM NEW.member_id)
  EXECUTE FUNCTION public.seg_notify_member_session_changed();
CREATE OR REPLACE TRIGGER refresh_tokens_session_deleted
  AFTER DELETE ON refresh_tokens
  FOR EACH ROW EXECUTE FUNCTION public.seg_notify_member_session_changed();
