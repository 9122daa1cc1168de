CREATE TABLE "inbound_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"message_id" text NOT NULL,
	"outcome" text NOT NULL,
	"notice_id" uuid,
	"invitation_id" uuid,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inbound_messages_message_id_unique" UNIQUE("message_id"),
	CONSTRAINT "inbound_messages_outcome_check" CHECK ("inbound_messages"."outcome" in ('reply', 'counter', 'bounce', 'delay', 'auto-reply', 'unmatched'))
);
--> statement-breakpoint
ALTER TABLE "notices" DROP CONSTRAINT "notices_status_check";--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "email_status" text DEFAULT 'ok' NOT NULL;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "email_bounced_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "email_bounce_reason" text;--> statement-breakpoint
ALTER TABLE "invitations" ADD COLUMN "rsvp_source" text;--> statement-breakpoint
ALTER TABLE "invitations" ADD COLUMN "rsvp_revision" integer;--> statement-breakpoint
ALTER TABLE "invitations" ADD COLUMN "counter_proposal" jsonb;--> statement-breakpoint
ALTER TABLE "notices" ADD COLUMN "bounced_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "inbound_messages" ADD CONSTRAINT "inbound_messages_notice_id_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."notices"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbound_messages" ADD CONSTRAINT "inbound_messages_invitation_id_invitations_id_fk" FOREIGN KEY ("invitation_id") REFERENCES "public"."invitations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "inbound_messages_notice_idx" ON "inbound_messages" USING btree ("notice_id");--> statement-breakpoint
CREATE INDEX "inbound_messages_invitation_idx" ON "inbound_messages" USING btree ("invitation_id");--> statement-breakpoint
CREATE INDEX "members_bouncing_idx" ON "members" USING btree ("id") WHERE "members"."email_status" = 'bouncing';--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_email_status_check" CHECK ("members"."email_status" in ('ok', 'bouncing'));--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_rsvp_source_check" CHECK ("invitations"."rsvp_source" in ('link', 'web', 'calendar'));--> statement-breakpoint
ALTER TABLE "notices" ADD CONSTRAINT "notices_status_check" CHECK ("notices"."status" in ('queued', 'sent', 'failed', 'bounced', 'suppressed'));