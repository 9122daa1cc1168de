CREATE TABLE "retention_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"rule" text NOT NULL,
	"as_of" timestamp with time zone NOT NULL,
	"removed" integer NOT NULL,
	"ran_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "retention_runs_rule_check" CHECK ("retention_runs"."rule" in ('left-members', 'notices', 'sessions', 'one-time-tokens'))
);
--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "left_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "retention_runs_rule_idx" ON "retention_runs" USING btree ("rule","ran_at");--> statement-breakpoint
CREATE INDEX "members_left_idx" ON "members" USING btree ("left_at") WHERE "members"."left_at" is not null and "members"."erased_at" is null;--> statement-breakpoint
-- Members who left before this column: from the audit entry of their last change to left, else
-- their last update, which is no earlier than their leaving (so nobody is erased early).
UPDATE "members" m SET "left_at" = coalesce(
  (SELECT max(a."at") FROM "audit_log" a
    WHERE a."entity" = 'member' AND a."entity_id" = m."id"::text
      AND a."after"->>'status' = 'left' AND coalesce(a."before"->>'status', '') <> 'left'),
  m."updated_at")
 WHERE m."status" = 'left';--> statement-breakpoint
-- left_at follows the status on every write, whoever writes it: set when the status becomes left
-- (unless the write gives it), kept while it stays left, cleared when it is anything else.
CREATE FUNCTION public.seg_member_left_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status <> 'left' THEN
    NEW.left_at := NULL;
  ELSIF TG_OP = 'INSERT' OR OLD.status <> 'left' THEN
    NEW.left_at := coalesce(NEW.left_at, now());
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER members_left_at BEFORE INSERT OR UPDATE OF status, left_at ON members FOR EACH ROW EXECUTE FUNCTION public.seg_member_left_at();
