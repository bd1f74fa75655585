"""PostgreSQL roles for production: the application does not own the audit tables.

The owner of a table can always `ALTER TABLE … DISABLE TRIGGER` and `TRUNCATE` it, so
the append-only trigger alone protects nothing from the application's own role. After
`harden_audit_tables(app_role)` the audit tables belong to a role that cannot log in;
the application may read and append entries and move the head, nothing more: UPDATE,
DELETE and TRUNCATE of entries are not granted, and disabling the trigger needs the
owner. Run it (and later migrations of the base app) as the database administrator:
`cablewatch audit harden-db --app-role NAME`. See README "Production".
"""

from __future__ import annotations

from django.db import connection
from psycopg import sql

OWNER_ROLE = "cablewatch_audit_owner"
ENTRIES = "base_auditentry"
HEAD = "base_audithead"


def harden_audit_tables(app_role: str, owner_role: str = OWNER_ROLE) -> None:
    if connection.vendor != "postgresql":
        raise RuntimeError("only PostgreSQL has roles to separate")
    owner, app = sql.Identifier(owner_role), sql.Identifier(app_role)
    statements = [
        sql.SQL(
            "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = {name}) "
            "THEN CREATE ROLE {owner} NOLOGIN; END IF; END $$"
        ).format(name=sql.Literal(owner_role), owner=owner),
    ]
    for table in (ENTRIES, HEAD):
        t = sql.Identifier(table)
        statements += [
            sql.SQL("ALTER TABLE {t} OWNER TO {owner}").format(t=t, owner=owner),
            sql.SQL("REVOKE ALL ON {t} FROM {app}").format(t=t, app=app),
            sql.SQL("REVOKE ALL ON {t} FROM PUBLIC").format(t=t),
        ]
    statements += [
        sql.SQL("GRANT SELECT, INSERT ON {t} TO {app}").format(t=sql.Identifier(ENTRIES), app=app),
        sql.SQL("GRANT SELECT, INSERT, UPDATE ON {t} TO {app}").format(
            t=sql.Identifier(HEAD), app=app
        ),
    ]
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
        # The id sequences moved with their tables; the application still draws from them.
        for table in (ENTRIES, HEAD):
            cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
            row = cursor.fetchone()
            if row and row[0]:
                cursor.execute(
                    sql.SQL("GRANT USAGE, SELECT ON SEQUENCE {s} TO {app}").format(
                        s=sql.SQL(row[0]), app=app
                    )
                )
