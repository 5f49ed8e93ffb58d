CREATE TYPE "public"."letter_template_kind" AS ENUM('antwoordbrief', 'aanbiedingsbrief');--> statement-breakpoint
CREATE TABLE "letter_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_id" uuid NOT NULL,
	"kind" "letter_template_kind" NOT NULL,
	"introduction" text NOT NULL,
	"closing" text NOT NULL,
	"updated_by_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "response_letters" DROP COLUMN "revision";--> statement-breakpoint
ALTER TABLE "response_letters" ADD COLUMN "revision" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "files" ADD COLUMN "content" "bytea" NOT NULL;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "progress" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "total" integer;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "result" jsonb;--> statement-breakpoint
ALTER TABLE "consultation_rounds" ADD COLUMN "answers_published_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "answers" ADD COLUMN "changed_version_id" uuid;--> statement-breakpoint
ALTER TABLE "answers" ADD COLUMN "answered_by_id" uuid;--> statement-breakpoint
ALTER TABLE "answers" ADD COLUMN "answered_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "answers" ADD COLUMN "revision" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "response_letters" ADD COLUMN "sender_organisation_id" uuid;--> statement-breakpoint
ALTER TABLE "response_letters" ADD COLUMN "approved_by_id" uuid;--> statement-breakpoint
ALTER TABLE "response_letters" ADD COLUMN "approved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "response_letters" ADD COLUMN "sent_by_id" uuid;--> statement-breakpoint
ALTER TABLE "response_letters" ADD COLUMN "snapshot" jsonb;--> statement-breakpoint
ALTER TABLE "response_letters" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "adoption_requests" ADD COLUMN "docx_file_id" uuid;--> statement-breakpoint
ALTER TABLE "adoptions" ADD COLUMN "decided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "adoptions" ADD COLUMN "revision" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "implementation_actions" ADD COLUMN "reference" text NOT NULL;--> statement-breakpoint
ALTER TABLE "letter_templates" ADD CONSTRAINT "letter_templates_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letter_templates" ADD CONSTRAINT "letter_templates_updated_by_id_users_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "letter_templates_region_kind_idx" ON "letter_templates" USING btree ("region_id","kind");--> statement-breakpoint
ALTER TABLE "answers" ADD CONSTRAINT "answers_changed_version_id_vision_versions_id_fk" FOREIGN KEY ("changed_version_id") REFERENCES "public"."vision_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "answers" ADD CONSTRAINT "answers_answered_by_id_users_id_fk" FOREIGN KEY ("answered_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "response_letters" ADD CONSTRAINT "response_letters_sender_organisation_id_organisations_id_fk" FOREIGN KEY ("sender_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "response_letters" ADD CONSTRAINT "response_letters_approved_by_id_users_id_fk" FOREIGN KEY ("approved_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "response_letters" ADD CONSTRAINT "response_letters_sent_by_id_users_id_fk" FOREIGN KEY ("sent_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adoption_requests" ADD CONSTRAINT "adoption_requests_docx_file_id_files_id_fk" FOREIGN KEY ("docx_file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "jobs_kind_created_idx" ON "jobs" USING btree ("kind","created_at");--> statement-breakpoint
CREATE INDEX "points_plain_text_trgm_idx" ON "points" USING gin ("plain_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "answers_changed_section_idx" ON "answers" USING btree ("changed_section_key");--> statement-breakpoint
CREATE INDEX "answers_reused_from_idx" ON "answers" USING btree ("reused_from_id");--> statement-breakpoint
CREATE INDEX "adoptions_municipality_idx" ON "adoptions" USING btree ("municipality_id");--> statement-breakpoint
CREATE UNIQUE INDEX "implementation_actions_vision_reference_idx" ON "implementation_actions" USING btree ("vision_id","reference");--> statement-breakpoint
CREATE INDEX "implementation_actions_owner_idx" ON "implementation_actions" USING btree ("owner_organisation_id");