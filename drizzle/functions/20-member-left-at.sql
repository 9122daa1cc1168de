-- members.left_at follows the status on every write, whoever writes it: set when the status
-- becomes left (unless the write gives it), kept while it stays left, cleared when it is
-- anything else. The retention period of a leaver runs from it.
CREATE OR REPLACE FUNCTION public.seg_member_left_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status <> 'left' THEN
    NEW.left_at := NULL;
  ELSIF TG_OP = 'INSERT' OR OLD.status <> 'left' THEN
    NEW.left_at := coalesce(NEW.left_at, now());
  END IF;
  RETURN NEW;
END $$;

CREATE OR REPLACE TRIGGER members_left_at
  BEFORE INSERT OR UPDATE OF status, left_at ON members
  FOR EACH ROW EXECUTE FUNCTION public.seg_member_left_at();
