CREATE TYPE "public"."publication_choice" AS ENUM('met_naam', 'alleen_organisatie', 'anoniem');--> statement-breakpoint
ALTER TABLE "reactions" ADD COLUMN "publication_choice" "publication_choice";--> statement-breakpoint
ALTER TABLE "reactions" ADD COLUMN "consent_at" timestamp with time zone;