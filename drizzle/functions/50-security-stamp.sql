-- members.security_stamp changes whenever the email, password, status or role does, whoever
-- writes them: every one-time link (activation, password reset, email change, sign-in) carries
-- the stamp it was made under, so such a change kills every outstanding link. A trigger, so no
-- route written later can forget it; no UPDATE OF list, so a column set by another trigger counts.
CREATE OR REPLACE FUNCTION public.seg_member_security_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.security_stamp := gen_random_uuid();
  RETURN NEW;
END $$;

CREATE OR REPLACE TRIGGER members_security_stamp
  BEFORE UPDATE ON members
  FOR EACH ROW
  WHEN ((OLD.email, OLD.password_hash, OLD.status, OLD.role) IS DISTINCT FROM (NEW.email, NEW.password_hash, NEW.status, NEW.role))
  EXECUTE FUNCTION public.seg_member_security_stamp();
