ALTER TABLE "one_time_tokens" DROP CONSTRAINT "one_time_tokens_purpose_check";--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "security_stamp" uuid DEFAULT gen_random_uuid() NOT NULL;--> statement-breakpoint
ALTER TABLE "one_time_tokens" ADD COLUMN "security_stamp" uuid;--> statement-breakpoint
-- Links already out carry their member's stamp as it is now, so they keep working until the next change.
UPDATE "one_time_tokens" SET "security_stamp" = "members"."security_stamp" FROM "members" WHERE "members"."id" = "one_time_tokens"."member_id";--> statement-breakpoint
ALTER TABLE "one_time_tokens" ALTER COLUMN "security_stamp" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "one_time_tokens" ADD CONSTRAINT "one_time_tokens_purpose_check" CHECK ("one_time_tokens"."purpose" in ('activation', 'password-reset', 'email-change', 'sign-in'));
