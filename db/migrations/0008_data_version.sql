CREATE TABLE "data_version" (
	"singleton" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"epoch" uuid DEFAULT gen_random_uuid() NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "data_version" ADD CONSTRAINT "data_version_singleton" CHECK ("singleton");--> statement-breakpoint
INSERT INTO "data_version" DEFAULT VALUES;--> statement-breakpoint
-- Raises the counter once per transaction. The row triggers below are deferred to commit, so the
-- counter row is locked only while a transaction commits, not for its whole duration, and the new
-- value becomes visible in the same instant as the change itself.
CREATE FUNCTION "bump_data_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('herleidbaar.data_version_bumped', true) IS DISTINCT FROM 'yes' THEN
    PERFORM set_config('herleidbaar.data_version_bumped', 'yes', true);
    UPDATE "data_version" SET "version" = "version" + 1;
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
-- Every table in public except the ones that change on reads (sessions, login throttling) and the
-- counter itself. A new table gets the same two triggers in its migration (tests/lib/data-version.test.ts checks).
DO $$
DECLARE t text;
BEGIN
  FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('data_version', 'sessions', 'login_throttle') LOOP
    EXECUTE format('CREATE CONSTRAINT TRIGGER data_version_bump AFTER INSERT OR UPDATE OR DELETE ON %I DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_data_version()', t);
    EXECUTE format('CREATE TRIGGER data_version_bump_truncate AFTER TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version()', t);
  END LOOP;
END
$$;
