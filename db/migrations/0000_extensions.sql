-- Extensions both PGlite (contrib bundles) and Debian's PostgreSQL 15 provide.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint
-- Dutch full-text search that ignores accents: "geïntegreerd" matches "geintegreerd".
CREATE TEXT SEARCH CONFIGURATION herleidbaar_dutch (COPY = pg_catalog.dutch);
--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION herleidbaar_dutch
  ALTER MAPPING FOR hword, hword_part, word WITH unaccent, dutch_stem;
