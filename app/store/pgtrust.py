"""PostgreSQL for a team: one login per person, group roles with their privileges, row-level security,
and an audit trail the database writes itself (installed by migration 0011, see handoff/trust.md).

Roles (cluster-wide, NOLOGIN):
- ``casereview_reviewer`` / ``casereview_supervisor`` / ``casereview_admin``: every person's login is a
  member of exactly one. Reviewers read everything and write only their own reviews and item scores
  (RLS), and 台账 rows of their own unit; supervisors and admins write the rest; admins alone change
  accounts of supervisors and admins. Nobody but the schema owner writes the audit tables.
- ``casereview_audit``: owns the functions that append to the audit log (SECURITY DEFINER); no person
  is a member of it.

The schema owner (the login that ran `db upgrade`, needs CREATEROLE) is the administrator's
maintenance account, never a workstation's.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

from app.store.tracking import BASELINE, TRACKED, baseline_images

GROUPS = {"reviewer": "casereview_reviewer", "supervisor": "casereview_supervisor", "admin": "casereview_admin"}
AUDIT_ROLE = "casereview_audit"
STAFF = "casereview_supervisor, casereview_admin"
ALL_GROUPS = "casereview_reviewer, casereview_supervisor, casereview_admin"
IMPORT_TABLES = ("stored_file", "file_chunk", "dossier", "page", "document", "finding", "campaign", "agency")
# The shared import queue (migration 0013): a supervisor's `import --queue` and `casereview worker` write them.
QUEUE_TABLES = ("import_job", "queue_worker")
# 异议 and the calibration gold set (migration 0014): recorded and answered by staff; reviewers only read.
STAFF_TABLES = ("objection", "objection_file", "gold_dossier")

_ROLES = f"""
DO $$
DECLARE r text;
BEGIN
  FOREACH r IN ARRAY ARRAY['casereview_reviewer', 'casereview_supervisor', 'casereview_admin', '{AUDIT_ROLE}'] LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
      EXECUTE format('CREATE ROLE %I NOLOGIN', r);
    END IF;
  END LOOP;
END $$;
"""

# The hash of a scheme-2 event: every field as text, joined with U+001F, SHA-256 in hex.
_HASH = r"""
CREATE OR REPLACE FUNCTION casereview_event_hash(p_id integer, p_at timestamp, p_user text, p_db_user text,
    p_txid bigint, p_action text, p_entity text, p_entity_id integer, p_before json, p_after json,
    p_reason text, p_prev text) RETURNS text LANGUAGE sql STABLE AS $f$
  SELECT encode(sha256(convert_to(concat_ws(chr(31), p_id::text,
      to_char(p_at, 'YYYY-MM-DD"T"HH24:MI:SS.US'), coalesce(p_user, ''), coalesce(p_db_user, ''),
      coalesce(p_txid::text, ''), p_action, p_entity, coalesce(p_entity_id::text, ''),
      coalesce(p_before::text, 'null'), coalesce(p_after::text, 'null'), coalesce(p_reason, ''), p_prev),
      'UTF8')), 'hex')
$f$;
"""

# Who is acting: a person's login names them (whatever the program claims); the schema owner or a
# superuser may name the person it acts for (maintenance, tests); anyone else is named by the login.
_APPEND = r"""
CREATE OR REPLACE FUNCTION casereview_append(p_action text, p_entity text, p_entity_id integer,
    p_before json, p_after json, p_reason text, p_user text)
RETURNS TABLE (event_id integer, event_hash text) LANGUAGE plpgsql SECURITY DEFINER
SET search_path = @SCHEMA@, pg_temp AS $f$
DECLARE
  v_prev text; v_id integer; v_at timestamp; v_user text; v_hash text; v_person text; v_trusted boolean;
BEGIN
  SELECT u.name INTO v_person FROM app_user u WHERE u.login = session_user;
  v_trusted := session_user = (SELECT tableowner FROM pg_tables WHERE tablename = 'audit_event'
                                                           AND schemaname = '@SCHEMA@')
               OR (SELECT rolsuper FROM pg_roles WHERE rolname = session_user);
  IF p_action LIKE 'rows%' AND pg_trigger_depth() = 0 AND NOT v_trusted THEN
    RAISE EXCEPTION 'row images are written by the database triggers only' USING ERRCODE = '42501';
  END IF;
  IF v_person IS NOT NULL THEN
    v_user := v_person;
  ELSIF v_trusted THEN
    v_user := coalesce(nullif(p_user, ''), session_user);
  ELSE
    v_user := session_user;
  END IF;
  SELECT h.last_id, h.hash INTO v_id, v_prev FROM audit_head h WHERE h.id = 1 FOR UPDATE;
  v_id := v_id + 1;
  v_at := date_trunc('microseconds', clock_timestamp() AT TIME ZONE 'UTC');
  v_hash := casereview_event_hash(v_id, v_at, v_user, session_user::text, txid_current(), p_action, p_entity,
                                  p_entity_id, p_before, p_after, coalesce(p_reason, ''), v_prev);
  INSERT INTO audit_event (id, at, user_name, db_user, txid, scheme, action, entity, entity_id, before, after,
                           reason, prev_hash, hash)
  VALUES (v_id, v_at, left(v_user, 100), session_user, txid_current(), 2, p_action, p_entity, p_entity_id,
          p_before, p_after, coalesce(p_reason, ''), v_prev, v_hash);
  UPDATE audit_head SET last_id = v_id, hash = v_hash WHERE id = 1;
  event_id := v_id;
  event_hash := v_hash;
  RETURN NEXT;
END
$f$;
"""

# One event per statement that changed rows of a tracked table: the rows' new images (and old ones).
_ROWS = r"""
CREATE OR REPLACE FUNCTION casereview_audit_rows() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = @SCHEMA@, pg_temp AS $f$
DECLARE v_rows json; v_old json;
BEGIN
  IF TG_OP = 'DELETE' THEN
    SELECT json_agg(json_build_object('table', TG_TABLE_NAME, 'id', o.id, 'op', 'delete', 'row', NULL)
                    ORDER BY o.id), json_agg(to_jsonb(o) ORDER BY o.id) INTO v_rows, v_old FROM old_rows o;
  ELSIF TG_OP = 'UPDATE' THEN
    SELECT json_agg(json_build_object('table', TG_TABLE_NAME, 'id', n.id, 'op', 'update', 'row', to_jsonb(n))
                    ORDER BY n.id) INTO v_rows FROM new_rows n;
    SELECT json_agg(to_jsonb(o) ORDER BY o.id) INTO v_old FROM old_rows o;
  ELSE
    SELECT json_agg(json_build_object('table', TG_TABLE_NAME, 'id', n.id, 'op', 'insert', 'row', to_jsonb(n))
                    ORDER BY n.id) INTO v_rows FROM new_rows n;
  END IF;
  IF v_rows IS NOT NULL THEN
    PERFORM casereview_append('rows', TG_TABLE_NAME, NULL, v_old, v_rows, '', NULL);
  END IF;
  RETURN NULL;
END
$f$;
"""

_UID = r"""
CREATE OR REPLACE FUNCTION casereview_uid() RETURNS integer LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = @SCHEMA@, pg_temp AS $f$ SELECT id FROM app_user WHERE login = session_user $f$;

CREATE OR REPLACE FUNCTION casereview_own_unit(p_dossier integer) RETURNS boolean LANGUAGE sql STABLE
SECURITY DEFINER SET search_path = @SCHEMA@, pg_temp AS $f$
  WITH RECURSIVE up(id, parent_id) AS (
    SELECT a.id, a.parent_id FROM agency a JOIN dossier d ON d.agency_id = a.id WHERE d.id = p_dossier
    UNION SELECT a.id, a.parent_id FROM agency a JOIN up ON a.id = up.parent_id)
  SELECT EXISTS (SELECT 1 FROM up WHERE up.id = (SELECT agency_id FROM app_user WHERE login = session_user))
$f$;

CREATE OR REPLACE FUNCTION casereview_own_draft(p_review integer) RETURNS boolean LANGUAGE sql STABLE
SECURITY DEFINER SET search_path = @SCHEMA@, pg_temp AS $f$
  SELECT EXISTS (SELECT 1 FROM review WHERE id = p_review AND reviewer_id = casereview_uid() AND status = 'draft')
$f$;
"""

# Accounts: an admin creates any person's login, a supervisor a reviewer's; the schema owner anyone.
# The password arrives already hashed (SCRAM verifier made by the client), or not at all (pg_hba).
_LOGINS = r"""
CREATE OR REPLACE FUNCTION casereview_may_manage(p_group text) RETURNS boolean LANGUAGE sql STABLE
SECURITY DEFINER SET search_path = @SCHEMA@, pg_temp AS $f$
  SELECT session_user = (SELECT tableowner FROM pg_tables WHERE tablename = 'app_user' AND schemaname = '@SCHEMA@')
      OR (SELECT rolsuper FROM pg_roles WHERE rolname = session_user)
      OR pg_has_role(session_user, 'casereview_admin', 'MEMBER')
      OR (p_group = 'casereview_reviewer' AND pg_has_role(session_user, 'casereview_supervisor', 'MEMBER'))
$f$;

CREATE OR REPLACE FUNCTION casereview_person(p_login text) RETURNS text LANGUAGE sql STABLE
SET search_path = @SCHEMA@, pg_temp AS $f$
  SELECT g FROM unnest(ARRAY['casereview_admin', 'casereview_supervisor', 'casereview_reviewer']) g
  WHERE EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_login) AND pg_has_role(p_login, g, 'MEMBER') LIMIT 1
$f$;

CREATE OR REPLACE FUNCTION casereview_create_login(p_login text, p_verifier text, p_group text)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = @SCHEMA@, pg_temp AS $f$
DECLARE v_group text;
BEGIN
  IF p_group NOT IN ('casereview_reviewer', 'casereview_supervisor', 'casereview_admin') THEN
    RAISE EXCEPTION 'unknown group %', p_group USING ERRCODE = '22023';
  END IF;
  IF NOT casereview_may_manage(p_group) THEN
    RAISE EXCEPTION 'permission denied to create a % login', p_group USING ERRCODE = '42501';
  END IF;
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_login) THEN
    v_group := casereview_person(p_login);
    IF v_group IS NULL THEN
      RAISE EXCEPTION 'role % exists and is not a casereview person', p_login USING ERRCODE = '42710';
    END IF;
    IF v_group <> p_group AND NOT casereview_may_manage('casereview_admin') THEN
      RAISE EXCEPTION 'permission denied to change the group of %', p_login USING ERRCODE = '42501';
    END IF;
  ELSE
    EXECUTE format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE INHERIT', p_login);
  END IF;
  IF p_verifier IS NOT NULL THEN
    EXECUTE format('ALTER ROLE %I PASSWORD %L', p_login, p_verifier);
  END IF;
  PERFORM casereview_set_group(p_login, p_group);
END
$f$;

CREATE OR REPLACE FUNCTION casereview_set_group(p_login text, p_group text)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = @SCHEMA@, pg_temp AS $f$
DECLARE g text;
BEGIN
  IF p_group NOT IN ('casereview_reviewer', 'casereview_supervisor', 'casereview_admin') THEN
    RAISE EXCEPTION 'unknown group %', p_group USING ERRCODE = '22023';
  END IF;
  IF casereview_person(p_login) IS DISTINCT FROM p_group AND NOT casereview_may_manage(p_group) THEN
    RAISE EXCEPTION 'permission denied to set the group of %', p_login USING ERRCODE = '42501';
  END IF;
  IF casereview_person(p_login) IS NOT NULL AND casereview_person(p_login) <> 'casereview_reviewer'
     AND NOT casereview_may_manage('casereview_admin') THEN
    RAISE EXCEPTION 'permission denied to change %', p_login USING ERRCODE = '42501';
  END IF;
  FOREACH g IN ARRAY ARRAY['casereview_reviewer', 'casereview_supervisor', 'casereview_admin'] LOOP
    IF g <> p_group THEN
      EXECUTE format('REVOKE %I FROM %I', g, p_login);
    END IF;
  END LOOP;
  EXECUTE format('GRANT %I TO %I', p_group, p_login);
END
$f$;
"""


def _schema(conn: Connection) -> str:
    return str(conn.execute(text("SELECT current_schema()")).scalar())


def _x(conn: Connection, sql: str) -> None:
    """DDL without parameters: psycopg would read format()'s %I and %L as placeholders."""
    conn.exec_driver_sql(sql.replace("%", "%%"))


def _ddl(conn: Connection, sql: str) -> None:
    _x(conn, sql.replace("@SCHEMA@", _schema(conn)))


def install(conn: Connection) -> None:
    """Roles, functions, triggers, privileges and policies; then the images of every tracked row."""
    _x(conn, _ROLES)
    me = str(conn.execute(text("SELECT current_user")).scalar())
    _x(conn, f'GRANT "{AUDIT_ROLE}" TO "{me}"')  # to hand the audit functions over to it
    for sql in (_HASH, _APPEND, _ROWS, _UID, _LOGINS):
        _ddl(conn, sql)
    for fn in ("casereview_append(text,text,integer,json,json,text,text)", "casereview_audit_rows()"):
        _x(conn, f"ALTER FUNCTION {fn} OWNER TO {AUDIT_ROLE}")
    for fn in ("casereview_append(text,text,integer,json,json,text,text)", "casereview_create_login(text,text,text)",
               "casereview_set_group(text,text)", "casereview_may_manage(text)", "casereview_person(text)",
               "casereview_uid()", "casereview_own_unit(integer)", "casereview_own_draft(integer)"):
        _x(conn, f"REVOKE ALL ON FUNCTION {fn} FROM PUBLIC")
        _x(conn, f"GRANT EXECUTE ON FUNCTION {fn} TO {ALL_GROUPS}")
    _x(conn, f"GRANT INSERT, SELECT ON audit_event TO {AUDIT_ROLE}")
    _x(conn, f"GRANT SELECT, UPDATE ON audit_head TO {AUDIT_ROLE}")
    _x(conn, f"GRANT SELECT ON app_user TO {AUDIT_ROLE}")
    _x(conn, f"GRANT USAGE ON SCHEMA {_schema(conn)} TO {AUDIT_ROLE}")
    for table in TRACKED:
        for op, ref in (("INSERT", "NEW TABLE AS new_rows"), ("UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows"),
                        ("DELETE", "OLD TABLE AS old_rows")):
            _x(conn, f"CREATE TRIGGER cr_audit_{op.lower()} AFTER {op} ON {table} REFERENCING {ref} "
                                 "FOR EACH STATEMENT EXECUTE FUNCTION casereview_audit_rows()")
    _policies(conn)
    grant(conn)
    for table in TRACKED:
        images = baseline_images(conn, table)
        for start in range(0, len(images), 5000):
            conn.execute(text("SELECT casereview_append(:a, :t, NULL, NULL, CAST(:rows AS json), '', NULL)"),
                         {"a": BASELINE, "t": table, "rows": _json(images[start:start + 5000])})


def _json(value: object) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)


def installed(conn: Connection) -> bool:
    """Whether migration 0011 set up the roles and audit functions in this database."""
    return conn.execute(text("SELECT to_regprocedure('casereview_uid()')")).scalar() is not None


def grant(conn: Connection) -> None:
    """Table privileges per group (idempotent: run again after a migration adds tables)."""
    schema = _schema(conn)
    _x(conn, f"GRANT USAGE ON SCHEMA {schema} TO {ALL_GROUPS}")
    _x(conn, f"REVOKE ALL ON ALL TABLES IN SCHEMA {schema} FROM PUBLIC")
    _x(conn, f"GRANT SELECT ON ALL TABLES IN SCHEMA {schema} TO {ALL_GROUPS}")
    _x(conn, f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {ALL_GROUPS}")
    _x(conn, f"GRANT INSERT, UPDATE ON review TO {ALL_GROUPS}")
    _x(conn, f"GRANT INSERT, UPDATE, DELETE ON item_score, correction TO {ALL_GROUPS}")
    _x(conn, f"GRANT DELETE ON review TO {STAFF}")
    _x(conn, f"GRANT INSERT, UPDATE, DELETE ON assignment, app_user, {', '.join(IMPORT_TABLES)} TO {STAFF}")
    staff = [t for t in STAFF_TABLES if conn.execute(text("SELECT to_regclass(:t)"), {"t": t}).scalar() is not None]
    if staff:
        _x(conn, f"GRANT INSERT, UPDATE, DELETE ON {', '.join(staff)} TO {STAFF}")
    queue = [t for t in QUEUE_TABLES if conn.execute(text("SELECT to_regclass(:t)"), {"t": t}).scalar() is not None]
    if queue:  # the import queue: its tables, procrastinate's tables and functions, for staff logins
        _x(conn, f"GRANT INSERT, UPDATE, DELETE ON {', '.join(queue)} TO {STAFF}")
        _x(
            conn,
            "DO $$ DECLARE r record; BEGIN "
            f"FOR r IN SELECT tablename FROM pg_tables WHERE schemaname = '{schema}' "
            "AND tablename LIKE 'procrastinate\\_%' LOOP "
            f"EXECUTE format('GRANT ALL ON %I TO {STAFF}', r.tablename); END LOOP; "
            "FOR r IN SELECT p.oid::regprocedure AS f FROM pg_proc p WHERE p.proname LIKE 'procrastinate\\_%' LOOP "
            f"EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO {STAFF}', r.f); END LOOP; END $$",
        )
    _x(conn, f"REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON audit_event, audit_head FROM {ALL_GROUPS}")


_POLICIES = """
ALTER TABLE review ENABLE ROW LEVEL SECURITY;
ALTER TABLE item_score ENABLE ROW LEVEL SECURITY;
ALTER TABLE correction ENABLE ROW LEVEL SECURITY;
ALTER TABLE app_user ENABLE ROW LEVEL SECURITY;
ALTER TABLE assignment ENABLE ROW LEVEL SECURITY;
CREATE POLICY cr_read ON review FOR SELECT TO @ALL@ USING (true);
CREATE POLICY cr_own_insert ON review FOR INSERT TO casereview_reviewer WITH CHECK (reviewer_id = casereview_uid());
CREATE POLICY cr_own_update ON review FOR UPDATE TO casereview_reviewer
  USING (reviewer_id = casereview_uid() AND status = 'draft')
  WITH CHECK (reviewer_id = casereview_uid() AND status IN ('draft', 'submitted'));
CREATE POLICY cr_staff ON review FOR ALL TO @STAFF@ USING (true) WITH CHECK (true);
CREATE POLICY cr_read ON item_score FOR SELECT TO @ALL@ USING (true);
CREATE POLICY cr_own ON item_score FOR ALL TO casereview_reviewer
  USING (casereview_own_draft(review_id)) WITH CHECK (casereview_own_draft(review_id));
CREATE POLICY cr_staff ON item_score FOR ALL TO @STAFF@ USING (true) WITH CHECK (true);
CREATE POLICY cr_read ON correction FOR SELECT TO @ALL@ USING (true);
CREATE POLICY cr_own_unit ON correction FOR ALL TO casereview_reviewer
  USING (casereview_own_unit(dossier_id)) WITH CHECK (casereview_own_unit(dossier_id));
CREATE POLICY cr_staff ON correction FOR ALL TO @STAFF@ USING (true) WITH CHECK (true);
CREATE POLICY cr_read ON app_user FOR SELECT TO @ALL@ USING (true);
CREATE POLICY cr_reviewers ON app_user FOR ALL TO casereview_supervisor
  USING (role = 'reviewer') WITH CHECK (role = 'reviewer');
CREATE POLICY cr_admin ON app_user FOR ALL TO casereview_admin USING (true) WITH CHECK (true);
CREATE POLICY cr_audit ON app_user FOR SELECT TO casereview_audit USING (true);
CREATE POLICY cr_read ON assignment FOR SELECT TO @ALL@ USING (true);
CREATE POLICY cr_staff ON assignment FOR ALL TO @STAFF@ USING (true) WITH CHECK (true);
"""


def _policies(conn: Connection) -> None:
    _x(conn, _POLICIES.replace("@ALL@", ALL_GROUPS).replace("@STAFF@", STAFF))


def uninstall(conn: Connection) -> None:
    """Downgrade: drop what :func:`install` made (the roles stay: they are the cluster's)."""
    for table in ("review", "item_score", "correction", "app_user", "assignment"):
        _x(conn, f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
        for name in (
            "cr_read",
            "cr_own_insert",
            "cr_own_update",
            "cr_staff",
            "cr_own",
            "cr_own_unit",
            "cr_reviewers",
            "cr_admin",
            "cr_audit",
        ):
            _x(conn, f"DROP POLICY IF EXISTS {name} ON {table}")
    for table in TRACKED:
        for op in ("insert", "update", "delete"):
            _x(conn, f"DROP TRIGGER IF EXISTS cr_audit_{op} ON {table}")
    for fn in (
        "casereview_audit_rows()",
        "casereview_append(text,text,integer,json,json,text,text)",
        "casereview_create_login(text,text,text)",
        "casereview_set_group(text,text)",
        "casereview_may_manage(text)",
        "casereview_person(text)",
        "casereview_own_draft(integer)",
        "casereview_own_unit(integer)",
        "casereview_uid()",
        "casereview_event_hash(integer,timestamp,text,text,bigint,text,text,integer,json,json,text,text)",
    ):
        _x(conn, f"DROP FUNCTION IF EXISTS {fn}")
