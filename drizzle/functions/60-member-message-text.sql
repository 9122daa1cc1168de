-- A message from one member to another rides in its notice's payload only while it waits to be
-- sent: the moment the notice leaves the queue (sent, failed, bounced or suppressed) its subject
-- and text are dropped from the row, so the group keeps who wrote to whom and when, never what.
-- A trigger, so no writer of a notice's status (the worker's recorder, a retry, a sweep) can
-- forget it; a send retried while still queued keeps the text it needs.
CREATE OR REPLACE FUNCTION public.seg_member_message_text_end() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.payload := NEW.payload - 'subject' - 'text';
  RETURN NEW;
END $$;

CREATE OR REPLACE TRIGGER notices_member_message_text_end
  BEFORE UPDATE OF status ON notices
  FOR EACH ROW
  WHEN (NEW.kind = 'member-message' AND NEW.status <> 'queued')
  EXECUTE FUNCTION public.seg_member_message_text_end();
