-- The directory never shows a registration number (certificates read it from members), so its cards keep no copy.
--> statement-breakpoint
ALTER TABLE "directory_cards" DROP COLUMN "registration";