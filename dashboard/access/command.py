"""Access commands: the audit trail of every write, and a check of the roles file."""

from __future__ import annotations

import argparse

from dashboard import cli, lazy
from dashboard.access.policy import ACTIONS, ROLES_ENV, PolicyError, read_policy, roles_path
from dashboard.cli_common import connect_read_only
from dashboard.i18n import Msg

audit = lazy.module("dashboard.access.audit")
pd = lazy.deferred("pandas")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("audit", help="every change made to the database: who, when, what and the dataset version")
    cli.add_db(p)
    p.add_argument("--kind", nargs="+", default=None, metavar="KIND",
                   help=f"only these kinds of change ({', '.join(ACTIONS)})")
    p.add_argument("--user", default=None, help="only changes whose address or name contains this text")
    cli.add_format(p)
    p.set_defaults(func=cmd_audit)
    p = sub.add_parser("roles", help="check the roles file and show the role each address gets")
    p.add_argument("--file", default=None, help=f"the roles file (default ${ROLES_ENV} or .streamlit/roles.toml)")
    p.add_argument("--email", nargs="*", default=[], help="addresses to look up (default: list the file's entries)")
    cli.add_format(p)
    p.set_defaults(func=cmd_roles)


def cmd_audit(args: argparse.Namespace) -> int:
    unknown = [kind for kind in args.kind or () if kind not in ACTIONS]
    if unknown:
        return cli.fail(Msg("cli.audit_bad_action", value=unknown[0], choices=", ".join(ACTIONS)))
    con = connect_read_only(args.db)
    try:
        frame = audit.trail(con, actions=args.kind, user=args.user)
    finally:
        con.close()
    cli.write_frame(frame, args.format)
    return 0


def cmd_roles(args: argparse.Namespace) -> int:
    try:
        policy = read_policy(args.file if args.file else roles_path())
    except PolicyError as exc:
        return cli.fail(exc.msg)
    if args.email:
        rows = [(email, policy.role_of(email) or "") for email in args.email]
    else:
        rows = [*sorted(policy.people.items()), *sorted(policy.domains.items())]
    cli.write_frame(pd.DataFrame(rows, columns=["entry", "role"]), args.format)
    return 0
