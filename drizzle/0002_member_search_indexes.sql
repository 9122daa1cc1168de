DROP INDEX "members_region_idx";--> statement-breakpoint
DROP INDEX "members_category_idx";--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "name_key" text GENERATED ALWAYS AS (public.seg_search_key(name)) STORED;--> statement-breakpoint
CREATE INDEX "members_name_key_trgm_idx" ON "members" USING gin ("name_key" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "members_name_key_order_idx" ON "members" USING btree ("name_key" collate "C","id");--> statement-breakpoint
CREATE INDEX "members_region_status_idx" ON "members" USING btree ("region_id","status");--> statement-breakpoint
CREATE INDEX "members_category_status_idx" ON "members" USING btree ("category_id","status");