"""Health commands: the score of every active account, and the back-test of a configuration."""

from __future__ import annotations

import argparse
import math

from dashboard import cli, lazy, windows
from dashboard.cli_common import connect_read_only, format_month, month_arg, read_settings_file
from dashboard.health.config import MEASURE_NAMES, Config, ConfigError, from_json
from dashboard.i18n import Msg

pd = lazy.deferred("pandas")
store = lazy.module("dashboard.store")
backtest = lazy.module("dashboard.health.backtest")
scores = lazy.module("dashboard.health.scores")
storage = lazy.module("dashboard.health.storage")
revenue = lazy.module("dashboard.revenue.metrics")
def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("health", help="health score and band of every active account")
    cli.add_db(p)
    _add_config(p)
    p.add_argument("--month", default=None, metavar="YYYY-MM",
                   help="month to score (default: the latest complete month with revenue data)")
    cli.add_format(p)
    p.set_defaults(func=cmd_health)

    p = sub.add_parser("health-backtest", help="churn / contraction rate per band and the AUC of the score")
    cli.add_db(p)
    _add_config(p)
    p.add_argument("--month", required=True, metavar="YYYY-MM", help="month T whose scores are tested")
    p.add_argument("--horizon", type=int, default=6, metavar="N", help="months after T to watch (default 6)")
    p.add_argument("--contraction-pct", type=float, default=20.0, metavar="X",
                   help="an MRR drop of more than X%% counts as an outcome, like churn (default 20)")
    cli.add_format(p)
    p.set_defaults(func=cmd_backtest)


def cmd_health(args: argparse.Namespace) -> int:
    try:
        config = _config(args.config)
        month = month_arg("--month", args.month)
    except (ConfigError, argparse.ArgumentTypeError, OSError) as exc:
        return cli.fail(exc)
    con = connect_read_only(args.db)
    try:
        as_of = _as_of(con, args.db)
        if month is not None and month > as_of:
            return cli.fail(Msg("cli.after_data", month=format_month(month), as_of=format_month(as_of)))
        config = config or storage.active(con).config
        frame = scores.month_scores(con, as_of=as_of, month=month or as_of, config=config)
    finally:
        con.close()
    used = [name for name in MEASURE_NAMES if any(model.rule(name).weight > 0 for _, model in config.models)]
    columns = ["account_id", "segment", "score", "band", "computed_band", *[f"{n}_score" for n in used]]
    out = frame[columns].copy()
    out[columns[2:3] + columns[5:]] = out[columns[2:3] + columns[5:]].round(2)
    cli.write_frame(out, args.format)
    return 0


def cmd_backtest(args: argparse.Namespace) -> int:
    try:
        config = _config(args.config)
        month = month_arg("--month", args.month)
    except (ConfigError, argparse.ArgumentTypeError, OSError) as exc:
        return cli.fail(exc)
    if args.horizon < 1:
        return cli.fail(Msg("cli.horizon", horizon=args.horizon))
    if not 0 < args.contraction_pct <= 100:
        return cli.fail(Msg("cli.contraction_pct", pct=f"{args.contraction_pct:g}"))
    con = connect_read_only(args.db)
    try:
        as_of = _as_of(con, args.db)
        last = windows.add_months(month, args.horizon)
        if last > as_of:
            return cli.fail(Msg("cli.horizon_after_data", month=format_month(month), horizon=args.horizon,
                                last=format_month(last), as_of=format_month(as_of)))
        config = config or storage.active(con).config
        frame = backtest.backtest_frame(con, as_of=as_of, month=month, horizon=args.horizon)
    finally:
        con.close()
    result = backtest.evaluate(frame, config, contraction_pct=args.contraction_pct, measure_aucs_too=False)
    auc = None if math.isnan(result.auc) else round(result.auc, 4)
    bands = result.bands.assign(rate=result.bands["rate"].round(4))
    if args.format == "json":
        cli.write_frame(bands, "json", extra={"auc": auc})
        return 0
    total = pd.DataFrame([{"band": "ALL", "accounts": result.accounts, "outcomes": result.outcomes,
                           "rate": round(result.outcomes / result.accounts, 4) if result.accounts else None,
                           "auc": auc}])
    cli.write_frame(pd.concat([bands.assign(auc=None), total], ignore_index=True), "csv")
    return 0


def _add_config(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", default=None, metavar="FILE",
                        help="configuration JSON (docs/health-config.md); default: the active saved one")


def _config(path: str | None) -> Config | None:
    return None if path is None else read_settings_file(path, from_json, ConfigError, "configuration")


def _as_of(con, db: str | None):
    as_of = revenue.default_as_of(con)
    if as_of is None:
        raise store.StoreError(Msg("cli.no_revenue", target=str(store.db_path(db)), what=Msg("cli.no_revenue_table")))
    return as_of
