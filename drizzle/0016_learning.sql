CREATE TABLE "attendance" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"source" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"certificate_number" text,
	"certificate_emailed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "attendance_certificate_number_unique" UNIQUE("certificate_number"),
	CONSTRAINT "attendance_meeting_member_key" UNIQUE("meeting_id","member_id"),
	CONSTRAINT "attendance_source_check" CHECK ("attendance"."source" in ('organiser', 'check-in', 'import'))
);
--> statement-breakpoint
CREATE TABLE "learning_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"member_id" uuid NOT NULL,
	"title" text NOT NULL,
	"occurred_on" date NOT NULL,
	"minutes" integer NOT NULL,
	"learnt" text,
	"will_change" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "learning_entries_minutes_check" CHECK ("learning_entries"."minutes" > 0 and "learning_entries"."minutes" <= 6000)
);
--> statement-breakpoint
CREATE TABLE "reflections" (
	"attendance_id" uuid PRIMARY KEY NOT NULL,
	"learnt" text,
	"will_change" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "retention_runs" DROP CONSTRAINT "retention_runs_rule_check";--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "appraisal_month" smallint DEFAULT 4 NOT NULL;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "cpd_minutes" integer;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "learning_outcomes" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "check_in_code" text;--> statement-breakpoint
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_entries" ADD CONSTRAINT "learning_entries_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reflections" ADD CONSTRAINT "reflections_attendance_id_attendance_id_fk" FOREIGN KEY ("attendance_id") REFERENCES "public"."attendance"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attendance_member_idx" ON "attendance" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "attendance_certificate_due_idx" ON "attendance" USING btree ("meeting_id") WHERE "attendance"."certificate_emailed_at" is null and "attendance"."withdrawn_at" is null and "attendance"."source" <> 'import';--> statement-breakpoint
CREATE INDEX "learning_entries_member_idx" ON "learning_entries" USING btree ("member_id","occurred_on");--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_appraisal_month_check" CHECK ("members"."appraisal_month" between 1 and 12);--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_cpd_minutes_check" CHECK ("meetings"."cpd_minutes" > 0 and "meetings"."cpd_minutes" <= 6000);--> statement-breakpoint
ALTER TABLE "retention_runs" ADD CONSTRAINT "retention_runs_rule_check" CHECK ("retention_runs"."rule" in ('left-members', 'notices', 'sessions', 'one-time-tokens', 'attendance'));