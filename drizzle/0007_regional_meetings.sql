ALTER TABLE "meetings" ADD COLUMN "region_id" uuid;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "actor_post_id" uuid;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_post_id_posts_id_fk" FOREIGN KEY ("actor_post_id") REFERENCES "public"."posts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "meetings_region_idx" ON "meetings" USING btree ("region_id");