CREATE TABLE "erasure_mentions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"member_id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"field" text NOT NULL,
	"snippet" text NOT NULL,
	"text_digest" text NOT NULL,
	"found_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "erasure_mentions" ADD CONSTRAINT "erasure_mentions_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "erasure_mentions" ADD CONSTRAINT "erasure_mentions_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "erasure_mentions_member_idx" ON "erasure_mentions" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "erasure_mentions_meeting_idx" ON "erasure_mentions" USING btree ("meeting_id");