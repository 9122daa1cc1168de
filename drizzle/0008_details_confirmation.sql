ALTER TABLE "members" ADD COLUMN "details_confirmed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "details_requested_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "details_reminded_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "members_details_requested_idx" ON "members" USING btree ("details_requested_at") WHERE "members"."details_requested_at" is not null;