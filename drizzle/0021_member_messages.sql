CREATE TABLE "member_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"sender_id" uuid NOT NULL,
	"recipient_id" uuid NOT NULL,
	"notice_id" uuid,
	"sent_at" timestamp with time zone NOT NULL,
	"reported_at" timestamp with time zone,
	"report_note" text
);
--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "accepts_messages" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "member_messages" ADD CONSTRAINT "member_messages_sender_id_members_id_fk" FOREIGN KEY ("sender_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_messages" ADD CONSTRAINT "member_messages_recipient_id_members_id_fk" FOREIGN KEY ("recipient_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_messages" ADD CONSTRAINT "member_messages_notice_id_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."notices"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "member_messages_sender_idx" ON "member_messages" USING btree ("sender_id","sent_at");--> statement-breakpoint
CREATE INDEX "member_messages_reported_idx" ON "member_messages" USING btree ("reported_at");