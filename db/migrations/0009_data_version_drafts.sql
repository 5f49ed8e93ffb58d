-- A draft reaction is seen only by its own organisation, on pages that are never memoised or cached
-- (the memos and the anonymous page cache show submitted reactions only; the access matrix checks
-- that no other role sees a draft). Its autosaves therefore leave the data version alone: during a
-- consultation every few seconds some member autosaves, and each save threw away every memo and
-- cached page of the platform. Audit events are read by no memoised or cached page either.
-- Conservative where it cannot tell: a row whose reaction is gone (a cascade) still raises it.
CREATE OR REPLACE FUNCTION "bump_data_version"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  reaction_status text;
BEGIN
  IF current_setting('herleidbaar.data_version_bumped', true) IS NOT DISTINCT FROM 'yes' THEN
    RETURN NULL;
  END IF;
  IF TG_LEVEL = 'ROW' THEN
    IF TG_TABLE_NAME = 'audit_events' THEN
      RETURN NULL;
    ELSIF TG_TABLE_NAME = 'reactions' THEN
      IF (TG_OP = 'INSERT' AND NEW.status = 'draft')
        OR (TG_OP = 'UPDATE' AND OLD.status = 'draft' AND NEW.status = 'draft')
        OR (TG_OP = 'DELETE' AND OLD.status = 'draft') THEN
        RETURN NULL;
      END IF;
    ELSIF TG_TABLE_NAME IN ('points', 'reaction_signatories') THEN
      SELECT r.status INTO reaction_status FROM reactions r
        WHERE r.id = CASE WHEN TG_OP = 'DELETE' THEN OLD.reaction_id ELSE NEW.reaction_id END;
      IF reaction_status = 'draft' THEN
        RETURN NULL;
      END IF;
    ELSIF TG_TABLE_NAME = 'point_anchors' THEN
      SELECT r.status INTO reaction_status FROM points p JOIN reactions r ON r.id = p.reaction_id
        WHERE p.id = CASE WHEN TG_OP = 'DELETE' THEN OLD.point_id ELSE NEW.point_id END;
      IF reaction_status = 'draft' THEN
        RETURN NULL;
      END IF;
    END IF;
  END IF;
  PERFORM set_config('herleidbaar.data_version_bumped', 'yes', true);
  UPDATE "data_version" SET "version" = "version" + 1;
  RETURN NULL;
END
$$;
