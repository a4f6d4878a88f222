-- The registry's history is evidence: an auditor asks which registry was in force on a date. The database itself
-- refuses to change or remove a version, so no code path (and no hand-typed UPDATE) can rewrite it.
CREATE FUNCTION registry_versions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'registry_versions is append-only: % refused (a new registry is a new row)', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER registry_versions_append_only
  BEFORE UPDATE OR DELETE OR TRUNCATE ON registry_versions
  FOR EACH STATEMENT EXECUTE FUNCTION registry_versions_append_only();
