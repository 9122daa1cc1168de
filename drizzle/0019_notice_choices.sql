ALTER TABLE "members" ADD COLUMN "notices_off" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "directory_cards" ADD COLUMN "notices_off" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_notices_off_check" CHECK ("members"."notices_off" <@ array['hub-meetings', 'regional-meetings', 'reminders']::text[]);