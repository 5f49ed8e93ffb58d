CREATE TYPE "public"."membership_role" AS ENUM('member', 'signatory', 'municipal_staff', 'griffie', 'staff_editor', 'staff_admin');--> statement-breakpoint
CREATE TYPE "public"."organisation_type" AS ENUM('regio', 'gemeente', 'adviesraad', 'aanbieder', 'ervaringsdeskundigen', 'ketenpartner', 'clientenraad');--> statement-breakpoint
CREATE TYPE "public"."job_status" AS ENUM('queued', 'running', 'done', 'failed', 'dead');--> statement-breakpoint
CREATE TYPE "public"."outbox_status" AS ENUM('pending', 'sending', 'sent', 'failed', 'dead');--> statement-breakpoint
CREATE TYPE "public"."round_visibility" AS ENUM('invited', 'registered');--> statement-breakpoint
CREATE TYPE "public"."section_kind" AS ENUM('hoofdstuk', 'paragraaf', 'bouwsteen', 'afspraak', 'leidend_principe', 'begrip');--> statement-breakpoint
CREATE TYPE "public"."version_status" AS ENUM('draft', 'published');--> statement-breakpoint
CREATE TYPE "public"."advice_kind" AS ENUM('gevraagd', 'ongevraagd');--> statement-breakpoint
CREATE TYPE "public"."point_kind" AS ENUM('vraag', 'aandachtspunt', 'wijzigingsvoorstel', 'steun', 'bezwaar');--> statement-breakpoint
CREATE TYPE "public"."reaction_kind" AS ENUM('advies', 'reactie', 'reactiebrief');--> statement-breakpoint
CREATE TYPE "public"."reaction_status" AS ENUM('draft', 'submitted', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."answer_status" AS ENUM('nieuw', 'in_behandeling', 'beantwoord', 'vastgesteld');--> statement-breakpoint
CREATE TYPE "public"."disposition" AS ENUM('overgenomen', 'deels_overgenomen', 'niet_overgenomen', 'meegenomen_in_uitvoeringsplan', 'voor_kennisgeving');--> statement-breakpoint
CREATE TYPE "public"."letter_status" AS ENUM('concept', 'ter_goedkeuring', 'vastgesteld', 'verzonden');--> statement-breakpoint
CREATE TYPE "public"."decision_outcome" AS ENUM('vastgesteld', 'vastgesteld_met_amendement', 'aangehouden', 'verworpen');--> statement-breakpoint
CREATE TYPE "public"."implementation_status" AS ENUM('gepland', 'loopt', 'gereed', 'vervallen');--> statement-breakpoint
CREATE TABLE "invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"token_hash" text NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"organisation_id" uuid NOT NULL,
	"role" "membership_role" NOT NULL,
	"invited_by_id" uuid,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "invitations_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "login_throttle" (
	"key" text PRIMARY KEY NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"window_started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "memberships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"role" "membership_role" NOT NULL,
	"title" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organisations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_id" uuid NOT NULL,
	"type" "organisation_type" NOT NULL,
	"name" text NOT NULL,
	"code" text NOT NULL,
	"municipality_id" uuid,
	"member_from" date,
	"member_until" date,
	"merged_into_id" uuid,
	"postal_address" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "regions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"short_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "regions_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text,
	"is_platform_admin" boolean DEFAULT false NOT NULL,
	"password_changed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"region_id" uuid,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"before" jsonb,
	"after" jsonb
);
--> statement-breakpoint
CREATE TABLE "files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_id" uuid,
	"sha256" text NOT NULL,
	"mime" text NOT NULL,
	"size" integer NOT NULL,
	"filename" text NOT NULL,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"idempotency_key" text,
	"status" "job_status" DEFAULT 'queued' NOT NULL,
	"run_at" timestamp with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer DEFAULT 5 NOT NULL,
	"locked_at" timestamp with time zone,
	"locked_by" text,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "jobs_idempotency_key_unique" UNIQUE("idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "outbox_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_id" uuid,
	"template" text NOT NULL,
	"to_address" text NOT NULL,
	"to_name" text,
	"subject" text NOT NULL,
	"text_body" text NOT NULL,
	"html_body" text,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"idempotency_key" text NOT NULL,
	"message_id" text NOT NULL,
	"status" "outbox_status" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outbox_messages_idempotency_key_unique" UNIQUE("idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "changelog_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version_id" uuid NOT NULL,
	"section_key" uuid NOT NULL,
	"change" text NOT NULL,
	"note" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consultation_rounds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version_id" uuid NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"visibility" "round_visibility" DEFAULT 'invited' NOT NULL,
	"accepts_late" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "round_invitees" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"requested_by_id" uuid,
	"advice_request_reference" text,
	"advice_request_date" timestamp with time zone,
	"message" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version_id" uuid NOT NULL,
	"key" uuid NOT NULL,
	"parent_key" uuid,
	"position" integer NOT NULL,
	"kind" "section_kind" NOT NULL,
	"number" text,
	"title" text NOT NULL,
	"content" jsonb NOT NULL,
	"content_html" text,
	"plain_text" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vision_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"vision_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"label" text NOT NULL,
	"is_definitive" boolean DEFAULT false NOT NULL,
	"status" "version_status" DEFAULT 'draft' NOT NULL,
	"based_on_id" uuid,
	"published_at" timestamp with time zone,
	"published_by_id" uuid,
	"revision" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "visions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "anchor_resolutions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"anchor_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"state" text NOT NULL,
	"found_text" text,
	"position_start" integer,
	"position_end" integer
);
--> statement-breakpoint
CREATE TABLE "point_anchors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"point_id" uuid NOT NULL,
	"section_key" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"exact" text,
	"prefix" text,
	"suffix" text,
	"position_start" integer,
	"position_end" integer
);
--> statement-breakpoint
CREATE TABLE "points" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reaction_id" uuid NOT NULL,
	"vision_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"reference" text NOT NULL,
	"kind" "point_kind" NOT NULL,
	"body" jsonb NOT NULL,
	"plain_text" text DEFAULT '' NOT NULL,
	"is_general" boolean DEFAULT false NOT NULL,
	"search_vector" "tsvector" GENERATED ALWAYS AS (to_tsvector('herleidbaar_dutch'::regconfig, plain_text)) STORED,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reaction_signatories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reaction_id" uuid NOT NULL,
	"user_id" uuid,
	"name" text NOT NULL,
	"title" text,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reactions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"vision_id" uuid NOT NULL,
	"round_id" uuid,
	"version_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"kind" "reaction_kind" NOT NULL,
	"advice_kind" "advice_kind",
	"addressed_to_id" uuid,
	"place" text,
	"letter_date" date,
	"reference" text,
	"their_reference" text,
	"reply_reference" text,
	"subject" text,
	"introduction" jsonb,
	"conclusion" jsonb,
	"status" "reaction_status" DEFAULT 'draft' NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"is_late" boolean DEFAULT false NOT NULL,
	"is_anonymous" boolean DEFAULT false NOT NULL,
	"submitted_at" timestamp with time zone,
	"submitted_by_id" uuid,
	"submission_key" text,
	"forwarded_at" timestamp with time zone,
	"forwarded_by_id" uuid,
	"withdrawn_at" timestamp with time zone,
	"corrects_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reactions_submission_key_unique" UNIQUE("submission_key")
);
--> statement-breakpoint
CREATE TABLE "answers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"point_id" uuid NOT NULL,
	"body" jsonb,
	"disposition" "disposition",
	"changed_section_key" uuid,
	"status" "answer_status" DEFAULT 'nieuw' NOT NULL,
	"assignee_id" uuid,
	"reviewed_by_id" uuid,
	"reviewed_at" timestamp with time zone,
	"reused_from_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "answers_point_id_unique" UNIQUE("point_id")
);
--> statement-breakpoint
CREATE TABLE "point_themes" (
	"point_id" uuid NOT NULL,
	"theme_id" uuid NOT NULL,
	CONSTRAINT "point_themes_point_id_theme_id_pk" PRIMARY KEY("point_id","theme_id")
);
--> statement-breakpoint
CREATE TABLE "response_letters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reaction_id" uuid NOT NULL,
	"status" "letter_status" DEFAULT 'concept' NOT NULL,
	"letter_number" text,
	"subject" text,
	"introduction" jsonb,
	"closing" jsonb,
	"handled_by" text,
	"signed_by_name" text,
	"signed_by_title" text,
	"letter_date" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"pdf_file_id" uuid,
	"docx_file_id" uuid,
	"revision" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "response_letters_reaction_id_unique" UNIQUE("reaction_id")
);
--> statement-breakpoint
CREATE TABLE "themes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"vision_id" uuid NOT NULL,
	"title" text NOT NULL,
	"summary" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "adoption_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version_id" uuid NOT NULL,
	"letter_number" text,
	"letter_date" date,
	"deadline" date NOT NULL,
	"body" jsonb,
	"signed_by_name" text,
	"sent_at" timestamp with time zone,
	"pdf_file_id" uuid,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "adoptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"vision_id" uuid NOT NULL,
	"municipality_id" uuid NOT NULL,
	"adoption_request_id" uuid,
	"version_id" uuid,
	"proposal_number" text,
	"college_date" date,
	"portfolio_holder" text,
	"decision_items" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"committee_date" date,
	"council_date" date,
	"decision_number" text,
	"outcome" "decision_outcome",
	"decision_file_id" uuid,
	"council_letter_id" uuid,
	"recorded_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "implementation_action_points" (
	"action_id" uuid NOT NULL,
	"point_id" uuid NOT NULL,
	CONSTRAINT "implementation_action_points_action_id_point_id_pk" PRIMARY KEY("action_id","point_id")
);
--> statement-breakpoint
CREATE TABLE "implementation_action_sections" (
	"action_id" uuid NOT NULL,
	"section_key" uuid NOT NULL,
	CONSTRAINT "implementation_action_sections_action_id_section_key_pk" PRIMARY KEY("action_id","section_key")
);
--> statement-breakpoint
CREATE TABLE "implementation_action_updates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"action_id" uuid NOT NULL,
	"on" date NOT NULL,
	"text" text NOT NULL,
	"status" "implementation_status",
	"progress" integer,
	"author_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "implementation_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"vision_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" jsonb,
	"owner_organisation_id" uuid,
	"starts_on" date,
	"ends_on" date,
	"status" "implementation_status" DEFAULT 'gepland' NOT NULL,
	"progress" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_invited_by_id_users_id_fk" FOREIGN KEY ("invited_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "files" ADD CONSTRAINT "files_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "files" ADD CONSTRAINT "files_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD CONSTRAINT "outbox_messages_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "changelog_entries" ADD CONSTRAINT "changelog_entries_version_id_vision_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."vision_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_rounds" ADD CONSTRAINT "consultation_rounds_version_id_vision_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."vision_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_invitees" ADD CONSTRAINT "round_invitees_round_id_consultation_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."consultation_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_invitees" ADD CONSTRAINT "round_invitees_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_invitees" ADD CONSTRAINT "round_invitees_requested_by_id_organisations_id_fk" FOREIGN KEY ("requested_by_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sections" ADD CONSTRAINT "sections_version_id_vision_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."vision_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vision_versions" ADD CONSTRAINT "vision_versions_vision_id_visions_id_fk" FOREIGN KEY ("vision_id") REFERENCES "public"."visions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vision_versions" ADD CONSTRAINT "vision_versions_published_by_id_users_id_fk" FOREIGN KEY ("published_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visions" ADD CONSTRAINT "visions_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "anchor_resolutions" ADD CONSTRAINT "anchor_resolutions_anchor_id_point_anchors_id_fk" FOREIGN KEY ("anchor_id") REFERENCES "public"."point_anchors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "anchor_resolutions" ADD CONSTRAINT "anchor_resolutions_version_id_vision_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."vision_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "point_anchors" ADD CONSTRAINT "point_anchors_point_id_points_id_fk" FOREIGN KEY ("point_id") REFERENCES "public"."points"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "point_anchors" ADD CONSTRAINT "point_anchors_version_id_vision_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."vision_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points" ADD CONSTRAINT "points_reaction_id_reactions_id_fk" FOREIGN KEY ("reaction_id") REFERENCES "public"."reactions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points" ADD CONSTRAINT "points_vision_id_visions_id_fk" FOREIGN KEY ("vision_id") REFERENCES "public"."visions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reaction_signatories" ADD CONSTRAINT "reaction_signatories_reaction_id_reactions_id_fk" FOREIGN KEY ("reaction_id") REFERENCES "public"."reactions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reaction_signatories" ADD CONSTRAINT "reaction_signatories_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reactions" ADD CONSTRAINT "reactions_vision_id_visions_id_fk" FOREIGN KEY ("vision_id") REFERENCES "public"."visions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reactions" ADD CONSTRAINT "reactions_round_id_consultation_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."consultation_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reactions" ADD CONSTRAINT "reactions_version_id_vision_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."vision_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reactions" ADD CONSTRAINT "reactions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reactions" ADD CONSTRAINT "reactions_addressed_to_id_organisations_id_fk" FOREIGN KEY ("addressed_to_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reactions" ADD CONSTRAINT "reactions_submitted_by_id_users_id_fk" FOREIGN KEY ("submitted_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reactions" ADD CONSTRAINT "reactions_forwarded_by_id_users_id_fk" FOREIGN KEY ("forwarded_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "answers" ADD CONSTRAINT "answers_point_id_points_id_fk" FOREIGN KEY ("point_id") REFERENCES "public"."points"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "answers" ADD CONSTRAINT "answers_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "answers" ADD CONSTRAINT "answers_reviewed_by_id_users_id_fk" FOREIGN KEY ("reviewed_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "point_themes" ADD CONSTRAINT "point_themes_point_id_points_id_fk" FOREIGN KEY ("point_id") REFERENCES "public"."points"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "point_themes" ADD CONSTRAINT "point_themes_theme_id_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."themes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "response_letters" ADD CONSTRAINT "response_letters_reaction_id_reactions_id_fk" FOREIGN KEY ("reaction_id") REFERENCES "public"."reactions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "response_letters" ADD CONSTRAINT "response_letters_pdf_file_id_files_id_fk" FOREIGN KEY ("pdf_file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "response_letters" ADD CONSTRAINT "response_letters_docx_file_id_files_id_fk" FOREIGN KEY ("docx_file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "themes" ADD CONSTRAINT "themes_vision_id_visions_id_fk" FOREIGN KEY ("vision_id") REFERENCES "public"."visions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adoption_requests" ADD CONSTRAINT "adoption_requests_version_id_vision_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."vision_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adoption_requests" ADD CONSTRAINT "adoption_requests_pdf_file_id_files_id_fk" FOREIGN KEY ("pdf_file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adoption_requests" ADD CONSTRAINT "adoption_requests_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adoptions" ADD CONSTRAINT "adoptions_vision_id_visions_id_fk" FOREIGN KEY ("vision_id") REFERENCES "public"."visions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adoptions" ADD CONSTRAINT "adoptions_municipality_id_organisations_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adoptions" ADD CONSTRAINT "adoptions_adoption_request_id_adoption_requests_id_fk" FOREIGN KEY ("adoption_request_id") REFERENCES "public"."adoption_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adoptions" ADD CONSTRAINT "adoptions_version_id_vision_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."vision_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adoptions" ADD CONSTRAINT "adoptions_decision_file_id_files_id_fk" FOREIGN KEY ("decision_file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adoptions" ADD CONSTRAINT "adoptions_council_letter_id_reactions_id_fk" FOREIGN KEY ("council_letter_id") REFERENCES "public"."reactions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adoptions" ADD CONSTRAINT "adoptions_recorded_by_id_users_id_fk" FOREIGN KEY ("recorded_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "implementation_action_points" ADD CONSTRAINT "implementation_action_points_action_id_implementation_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."implementation_actions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "implementation_action_points" ADD CONSTRAINT "implementation_action_points_point_id_points_id_fk" FOREIGN KEY ("point_id") REFERENCES "public"."points"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "implementation_action_sections" ADD CONSTRAINT "implementation_action_sections_action_id_implementation_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."implementation_actions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "implementation_action_updates" ADD CONSTRAINT "implementation_action_updates_action_id_implementation_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."implementation_actions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "implementation_action_updates" ADD CONSTRAINT "implementation_action_updates_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "implementation_actions" ADD CONSTRAINT "implementation_actions_vision_id_visions_id_fk" FOREIGN KEY ("vision_id") REFERENCES "public"."visions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "implementation_actions" ADD CONSTRAINT "implementation_actions_owner_organisation_id_organisations_id_fk" FOREIGN KEY ("owner_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "invitations_org_idx" ON "invitations" USING btree ("organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "memberships_user_org_idx" ON "memberships" USING btree ("user_id","organisation_id");--> statement-breakpoint
CREATE INDEX "memberships_org_idx" ON "memberships" USING btree ("organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "organisations_region_code_idx" ON "organisations" USING btree ("region_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "organisations_region_name_idx" ON "organisations" USING btree ("region_id","name");--> statement-breakpoint
CREATE INDEX "organisations_region_type_idx" ON "organisations" USING btree ("region_id","type");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_idx" ON "users" USING btree ("email");--> statement-breakpoint
CREATE INDEX "audit_events_region_at_idx" ON "audit_events" USING btree ("region_id","at");--> statement-breakpoint
CREATE INDEX "audit_events_entity_idx" ON "audit_events" USING btree ("entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "audit_events_actor_idx" ON "audit_events" USING btree ("actor_id");--> statement-breakpoint
CREATE INDEX "files_sha256_idx" ON "files" USING btree ("sha256");--> statement-breakpoint
CREATE INDEX "jobs_due_idx" ON "jobs" USING btree ("status","run_at");--> statement-breakpoint
CREATE INDEX "outbox_messages_due_idx" ON "outbox_messages" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "outbox_messages_region_created_idx" ON "outbox_messages" USING btree ("region_id","created_at");--> statement-breakpoint
CREATE INDEX "changelog_entries_version_idx" ON "changelog_entries" USING btree ("version_id");--> statement-breakpoint
CREATE INDEX "consultation_rounds_version_idx" ON "consultation_rounds" USING btree ("version_id");--> statement-breakpoint
CREATE UNIQUE INDEX "round_invitees_round_org_idx" ON "round_invitees" USING btree ("round_id","organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sections_version_key_idx" ON "sections" USING btree ("version_id","key");--> statement-breakpoint
CREATE INDEX "sections_version_position_idx" ON "sections" USING btree ("version_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "vision_versions_vision_number_idx" ON "vision_versions" USING btree ("vision_id","number");--> statement-breakpoint
CREATE INDEX "vision_versions_vision_status_idx" ON "vision_versions" USING btree ("vision_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "visions_region_slug_idx" ON "visions" USING btree ("region_id","slug");--> statement-breakpoint
CREATE UNIQUE INDEX "anchor_resolutions_anchor_version_idx" ON "anchor_resolutions" USING btree ("anchor_id","version_id");--> statement-breakpoint
CREATE INDEX "point_anchors_point_idx" ON "point_anchors" USING btree ("point_id");--> statement-breakpoint
CREATE INDEX "point_anchors_section_idx" ON "point_anchors" USING btree ("section_key");--> statement-breakpoint
CREATE UNIQUE INDEX "points_vision_reference_idx" ON "points" USING btree ("vision_id","reference");--> statement-breakpoint
CREATE INDEX "points_reaction_number_idx" ON "points" USING btree ("reaction_id","number");--> statement-breakpoint
CREATE INDEX "points_search_idx" ON "points" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "reaction_signatories_reaction_idx" ON "reaction_signatories" USING btree ("reaction_id");--> statement-breakpoint
CREATE UNIQUE INDEX "reactions_one_active_per_round_idx" ON "reactions" USING btree ("round_id","organisation_id") WHERE "reactions"."status" <> 'withdrawn' and "reactions"."corrects_id" is null;--> statement-breakpoint
CREATE INDEX "reactions_vision_org_idx" ON "reactions" USING btree ("vision_id","organisation_id");--> statement-breakpoint
CREATE INDEX "reactions_round_status_idx" ON "reactions" USING btree ("round_id","status");--> statement-breakpoint
CREATE INDEX "answers_status_idx" ON "answers" USING btree ("status");--> statement-breakpoint
CREATE INDEX "answers_assignee_idx" ON "answers" USING btree ("assignee_id");--> statement-breakpoint
CREATE INDEX "answers_disposition_idx" ON "answers" USING btree ("disposition");--> statement-breakpoint
CREATE INDEX "point_themes_theme_idx" ON "point_themes" USING btree ("theme_id");--> statement-breakpoint
CREATE INDEX "response_letters_status_idx" ON "response_letters" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "themes_vision_title_idx" ON "themes" USING btree ("vision_id","title");--> statement-breakpoint
CREATE INDEX "adoption_requests_version_idx" ON "adoption_requests" USING btree ("version_id");--> statement-breakpoint
CREATE UNIQUE INDEX "adoptions_vision_municipality_idx" ON "adoptions" USING btree ("vision_id","municipality_id");--> statement-breakpoint
CREATE INDEX "iap_point_idx" ON "implementation_action_points" USING btree ("point_id");--> statement-breakpoint
CREATE INDEX "ias_section_idx" ON "implementation_action_sections" USING btree ("section_key");--> statement-breakpoint
CREATE INDEX "iau_action_idx" ON "implementation_action_updates" USING btree ("action_id","on");--> statement-breakpoint
CREATE INDEX "implementation_actions_vision_status_idx" ON "implementation_actions" USING btree ("vision_id","status");