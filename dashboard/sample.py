"""Seeded generator of the built-in sample company: a fictional B2B SaaS with ~1,600 accounts.

Every account carries a latent health that drifts month to month. Usage is drawn from it, churn
is decided from it (a logistic hazard, taking effect 2-6 months after the decision) and seat
demand grows with it, so usage leads churn, expansion and contraction the way the health-score
back-test expects; noise keeps the signal imperfect. All randomness comes from one
``numpy.random.default_rng(seed)``; nothing depends on today's date, so a seed gives identical
frames. Column names, order and kinds follow :data:`dashboard.schema.TABLES`: text as object
columns of ``str`` (``None`` when missing), dates as ``datetime64[ns]`` at midnight, amounts and
numbers as ``float64``, flags as nullable ``boolean``.
"""

from __future__ import annotations

import datetime

import numpy as np
import pandas as pd

from dashboard.schema import TABLES

SAMPLE_SEED = 20261122
SAMPLE_END_MONTH = datetime.date(2026, 10, 1)  # last month with data

SEGMENTS = ("Enterprise", "Mid-Market", "SMB")
SEGMENT_SHARE = (0.10, 0.30, 0.60)
EMPLOYEES = ((1000, 50000), (100, 999), (5, 99))
CORE_MRR = ((7500, 40000), (1400, 5500), (180, 1000))  # at signup; seats and add-ons grow it later
SEAT_PRICE = np.array((50.0, 45.0, 40.0))
HEALTH_OFFSET = np.array((0.25, 0.10, -0.05))
INDUSTRIES = ("Software", "Manufacturing", "Retail", "Financial Services", "Healthcare", "Logistics", "Education")
INDUSTRY_SHARE = (0.20, 0.18, 0.14, 0.14, 0.12, 0.12, 0.10)
REGIONS = ("North America", "EMEA", "APAC", "Japan")
REGION_SHARE = (0.40, 0.25, 0.15, 0.20)
PRODUCTS = ("Core Platform", "Analytics", "Automation", "API Access")
ADDON_SHARE = (0.0, 0.20, 0.25, 0.15)  # flat add-on fee as a share of core MRR when bought
METRICS = ("logins", "active_users", "seats", "features_used", "new_feature_adoption", "support_tickets", "nps")
REASONS = ("Price / budget", "Missing feature", "Poor adoption", "Champion left", "Switched to competitor",
           "Company acquired", "Went out of business", "Support experience")
# Health-driven churn and churn the account could not help (acquired, closed) have different reasons.
REASON_WEIGHTS = (np.array((0.22, 0.15, 0.20, 0.10, 0.15, 0.02, 0.04, 0.12)),
                  np.array((0.05, 0.00, 0.00, 0.25, 0.00, 0.35, 0.35, 0.00)))
PREVENTABLE = (0.5, 0.7, 0.9, 0.6, 0.6, 0.05, 0.0, 0.95)
# BANTC checks (0 budget, 1 authority, 2 needs, 3 timeframe, 4 competitor) each reason fails.
REASON_FAILS = ((0,), (2,), (2,), (1,), (4,), (1, 3), (0, 3), (2,))
COMPETITORS = ("Acme CX", "Gainsight", "Totango", "ChurnZero", "Vitally")
NOTES = (("Budget cut for next year; finance would not approve the renewal.", "来期の予算が削減され、更新の稟議が通らなかった。"),
         ("Needed a capability we do not offer yet; asked twice on QBRs.", "必要な機能が未提供で、定例会でも二度要望があった。"),
         ("Only a handful of users logged in after onboarding.", "導入後に定着せず、ログインするユーザーがごく一部だった。"),
         ("Our champion left and the new lead had no history with us.", "推進担当者が退職し、後任との関係を築けなかった。"),
         ("Moved to {competitor} after a pricing-led evaluation.", "価格を理由に{competitor}へ乗り換えた。"),
         ("Acquired; the parent company standardises on its own tools.", "買収され、親会社のツールに統一された。"),
         ("Company closed operations.", "事業を停止した。"),
         ("Escalations took too long; trust was lost.", "問い合わせ対応が遅く、信頼を失った。"))
EN_PREFIX = ("Northwind Bluepeak Silverline Redwood Ironbridge Clearwater Brightpath Stonegate Summit Harbor "
             "Evergreen Oakridge Lakeside Pinecrest Crescent Granite Meridian Horizon Keystone Riverstone Starling "
             "Falcon Copperfield Westbrook Highland Sterling Cobalt Aspen Brookfield Sunrise Tidewater Maple "
             "Vantage Atlas Beacon Cedar Fairview Greystone Juniper Lighthouse").split()
# One word list per industry, disjoint across industries so names never collide between them.
EN_NOUN = [w.split() for w in ("Analytics Software Labs Systems Cloud",
                               "Manufacturing Industries Components Machining Fabrication",
                               "Retail Outfitters Markets Stores Goods", "Capital Financial Partners Insurance Credit",
                               "Health Medical Clinics Care Diagnostics",
                               "Logistics Freight Shipping Transport Distribution",
                               "Learning Academy Education Schools Training")]
EN_SUFFIX = ("", " Inc.", " Ltd.", " LLC", " Group", " Co.")
JA_WORD = ("山田 佐藤 鈴木 高橋 田中 伊藤 渡辺 中村 小林 加藤 吉田 山本 松本 井上 木村 林 清水 山口 森 池田 さくら あおば "
           "ひかり みらい 富士 大和 東海 北斗 青空 若葉 朝日 日の出 三河 浪速 瀬戸 白山 千代田 東邦 光洋 昭和").split()
JA_NOUN = [w.split() for w in ("システム ソフト 情報技術 データ ソリューションズ", "製作所 工業 精機 電機 化成",
                               "商店 商事 ストア 百貨 販売", "信用 証券 保険サービス ファイナンス キャピタル",
                               "メディカル 医療 ヘルスケア 薬品 介護サービス", "物流 運輸 倉庫 運送 ロジスティクス",
                               "教育 学習 ゼミナール アカデミー 学院")]
JA_FORM = ("株式会社{}", "{}株式会社")
CSM_NAMES = (("Emily Carter", "佐藤 美咲", "James Whitfield", "高橋 健一", "Olivia Bennett", "Daniel Kim", "中村 彩"),
             ("Sophie Laurent", "田中 大輔", "Michael Brooks", "小林 由美", "Priya Shah", "渡辺 翔", "Lucas Meyer",
              "伊藤 真央"),
             ("Hannah Ortiz", "山本 拓也"))
CSM_COST = ((140_000, 170_000), (110_000, 130_000), (80_000, 95_000))
CSM_CAPACITY = ((20, 25), (45, 60), (250, 300))
NONE_DAY = np.iinfo(np.int64).min  # reads back as NaT


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def _month_grid(end_month: datetime.date, months: int) -> tuple[np.ndarray, np.ndarray]:
    """First and last day (days since epoch) of each month of the window, oldest first."""
    last = np.datetime64(end_month, "D").astype("datetime64[M]")
    firsts = last - np.arange(months - 1, -1, -1)
    lasts = (firsts + 1).astype("datetime64[D]") - 1
    return firsts.astype("datetime64[D]").astype(np.int64), lasts.astype(np.int64)


def _names(rng: np.random.Generator, industry: np.ndarray, region: np.ndarray) -> np.ndarray:
    """Unique company names; mostly Japanese-style in Japan, a few Japanese subsidiaries elsewhere."""
    japanese = np.where(region == 3, rng.random(len(region)) < 0.85, rng.random(len(region)) < 0.03)
    names = np.empty(len(region), dtype=object)
    for k in range(len(INDUSTRIES)):
        # Candidates are disjoint across industries and scripts, so sampling without replacement
        # inside each pool keeps every name unique.
        pools = ([f"{p} {n}{s}" for p in EN_PREFIX for n in EN_NOUN[k] for s in EN_SUFFIX],
                 [f.format(w + n) for w in JA_WORD for n in JA_NOUN[k] for f in JA_FORM])
        for lang, pool in enumerate(pools):
            idx = np.flatnonzero((industry == k) & (japanese == bool(lang)))
            names[idx] = np.array(pool, dtype=object)[rng.choice(len(pool), len(idx), replace=False)]
    return names


def _accounts(rng: np.random.Generator, n: int, firsts: np.ndarray) -> dict[str, np.ndarray]:
    """Static attributes, seats at signup and the first start day, ordered by that day."""
    seg = rng.choice(3, n, p=SEGMENT_SHARE)
    industry = rng.choice(len(INDUSTRIES), n, p=INDUSTRY_SHARE)
    region = rng.choice(len(REGIONS), n, p=REGION_SHARE)
    size = rng.random(n)
    emp_lo, emp_hi = np.array(EMPLOYEES, dtype=float)[seg].T
    employees = np.round(emp_lo * (emp_hi / emp_lo) ** size)
    # Bigger companies buy more seats, loosely.
    mrr_lo, mrr_hi = np.array(CORE_MRR, dtype=float)[seg].T
    target = mrr_lo * (mrr_hi / mrr_lo) ** np.clip(0.7 * size + 0.3 * rng.random(n), 0, 1)
    seats = np.maximum(3.0, np.round(target / SEAT_PRICE[seg]))
    # About a third were customers before the window; later arrivals grow with the company.
    months = len(firsts)
    weights = 1.0 + np.arange(months) / months
    arrival = np.where(rng.random(n) < 0.35, -1, rng.choice(months, n, p=weights / weights.sum()))
    start = np.where(arrival < 0, firsts[0] - rng.integers(20, 720, n),
                     firsts[np.maximum(arrival, 0)] + rng.integers(0, 26, n))
    order = np.argsort(start, kind="stable")  # ids increase with signup, as a CRM issues them
    acc = {"seg": seg, "industry": industry, "region": region, "employees": employees,
           "seats": seats, "arrival": arrival, "start": start}
    acc = {k: v[order] for k, v in acc.items()}
    acc["signup"] = acc["start"] - rng.integers(0, 8, n) * (rng.random(n) < 0.6)
    numbers = np.sort(rng.choice(np.arange(1, max(10_000, 6 * n)), n, replace=False))  # gaps, like a real CRM
    acc["id"] = np.array([f"{i:06d}" for i in numbers], dtype=object)
    acc["name"] = _names(rng, acc["industry"], acc["region"])
    return acc


class _Company:
    """Month-by-month simulation: subscription periods as row lists, usage as arrays per month."""

    def __init__(self, rng: np.random.Generator, acc: dict[str, np.ndarray], firsts: np.ndarray):
        n = len(acc["seg"])
        self.rng, self.acc, self.firsts, self.price = rng, acc, firsts, SEAT_PRICE[acc["seg"]]
        self.seats = acc["seats"].copy()
        self.mu = rng.normal(0.35, 0.7, n) + HEALTH_OFFSET[acc["seg"]]  # each account's long-run health
        self.h = self.mu + rng.normal(0, 0.5, n)
        self.demand = self.seats * rng.uniform(0.7, 1.05, n)  # people who would use it at full engagement
        self.util = np.full(n, 0.8)
        self.answers = rng.beta(3, 2, n)  # how often each account answers the NPS survey
        self.active, self.leaving, self.random_cause = (np.zeros(n, dtype=bool) for _ in range(3))
        self.since, self.churn_at, self.return_at = (np.full(n, -1) for _ in range(3))
        self.open = np.full((n, len(PRODUCTS)), -1)  # row of each running subscription, per product
        self.rows: dict[str, list] = {"acc": [], "prod": [], "start": [], "end": [], "mrr": []}
        self.usage: list[tuple[np.ndarray, int, int, np.ndarray]] = []  # (accounts, month, metric, values)
        self.churns: list[tuple[int, int, bool]] = []  # (account, last day of service, random cause)
        calendar_month = firsts.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64) % 12 + 1
        self.quarter_end = calendar_month % 3 == 0
        for a in np.flatnonzero(acc["arrival"] < 0):
            self._join(a, int(acc["start"][a]))
            for p in range(1, len(PRODUCTS)):
                if rng.random() < 0.25:
                    day = acc["start"][a] + rng.integers(0, firsts[0] - acc["start"][a])
                    self._open(a, p, int(day), self._addon_mrr(a, p))

    def _open(self, a: int, p: int, day: int, mrr: float) -> None:
        self.open[a, p] = len(self.rows["acc"])
        for key, value in zip(self.rows, (a, p, day, NONE_DAY, mrr), strict=True):
            self.rows[key].append(value)

    def _close(self, a: int, p: int, day: int) -> None:
        self.rows["end"][self.open[a, p]] = day
        self.open[a, p] = -1

    def _addon_mrr(self, a: int, p: int) -> float:
        return max(50.0, round(ADDON_SHARE[p] * self.seats[a] * self.price[a] / 10) * 10)

    def _join(self, a: int, day: int) -> None:
        self._open(a, 0, day, self.seats[a] * self.price[a])
        self.active[a] = True

    def run(self) -> None:
        for t in range(len(self.firsts)):
            n = len(self.h)
            # Accounts that have decided to leave disengage, and lose users, until the contract ends.
            self.h = self.mu + 0.85 * (self.h - self.mu) + self.rng.normal(0, 0.3, n) - 0.15 * self.leaving
            growth = -0.004 + 0.015 * self.h - 0.04 * self.leaving + self.rng.normal(0, 0.03, n)
            self.demand = np.maximum(1.0, self.demand * np.exp(growth))
            self._churn(t)
            self._arrive(t)
            self._decide(t)
            self._measure(t)

    def _churn(self, t: int) -> None:
        idx = np.flatnonzero(self.active & (self.churn_at == t))
        # Offset 0 ends service on the last day of the previous month: still a churn of month t.
        last_days = self.firsts[t] - 1 + self.rng.integers(0, 27, len(idx))
        comeback, gaps = self.rng.random(len(idx)) < 0.15, self.rng.integers(2, 11, len(idx))
        for a, day, back, gap in zip(idx, last_days, comeback, gaps, strict=True):
            for p in np.flatnonzero(self.open[a] >= 0):
                self._close(a, p, int(day))
            self.churns.append((int(a), int(day), bool(self.random_cause[a])))
            self.return_at[a] = t + gap if back else -1
        self.active[idx], self.leaving[idx], self.churn_at[idx] = False, False, -1

    def _arrive(self, t: int) -> None:
        rng, back = self.rng, np.flatnonzero(~self.active & (self.return_at == t))
        # A reactivated account comes back smaller, with a fresh start on health.
        self.seats[back] = np.maximum(2.0, np.round(self.seats[back] * rng.uniform(0.5, 0.9, len(back))))
        self.demand[back] = self.seats[back] * rng.uniform(0.7, 1.0, len(back))
        self.h[back] = self.mu[back] + rng.normal(0.3, 0.5, len(back))
        days = self.firsts[t] + rng.integers(0, 26, len(back))
        for a, day in zip(back, days, strict=True):
            self._join(a, int(day))
        new = np.flatnonzero(self.acc["arrival"] == t)
        for a in new:
            self._join(a, int(self.acc["start"][a]))
        self.since[back], self.since[new], self.return_at[back] = t, t, -1

    def _decide(self, t: int) -> None:
        """Churn decisions, then at most one price event per account: seats up or down, add-on in or out."""
        rng, n = self.rng, len(self.h)
        able = self.active & (self.since < t)
        # Most churn follows low health; a small random share (acquired, closed down) does not.
        health_hazard, draw = _sigmoid(-4.9 - 1.5 * self.h), rng.random(n)
        decide = able & ~self.leaving & (draw < health_hazard + 0.0008)
        self.random_cause[decide] = draw[decide] >= health_hazard[decide]
        self.leaving |= decide
        self.churn_at[decide] = t + rng.integers(2, 7, n)[decide]
        owned = self.open[:, 1:] >= 0
        # Seats are bought when nearly all are in use and cut when many sit idle.
        p_exp = np.where(self.util >= 0.9, 0.25 * _sigmoid(self.h), 0.002) * ~self.leaving
        p_con = np.where(self.util < 0.55, 0.10, 0.003) * (1 + self.leaving)
        p_add = 0.008 * _sigmoid(self.h) * ~owned.all(axis=1) * ~self.leaving
        p_drop = 0.008 * _sigmoid(-self.h) * owned.any(axis=1)
        cut = np.cumsum(np.stack([p_exp, p_con, p_add, p_drop]), axis=0)
        u, size, days = rng.random(n), rng.random(n), self.firsts[t] + rng.integers(1, 27, n)
        event = np.where(able, (u[None, :] >= cut).sum(axis=0), 4)
        for a in np.flatnonzero(event < 4):
            day, kind, seats = int(days[a]), int(event[a]), self.seats[a]
            if kind == 0:
                new = max(seats + 1, np.ceil(max(seats * (1.1 + 0.3 * size[a]), self.demand[a] * 1.1)))
            elif kind == 1:
                new = max(2.0, np.floor(min(seats * (0.9 - 0.25 * size[a]), self.util[a] * seats * 1.25)))
            else:
                choices = np.flatnonzero(~owned[a] if kind == 2 else owned[a]) + 1
                p = int(choices[int(size[a] * len(choices))])
                if kind == 2:
                    self._open(a, p, day, self._addon_mrr(a, p))
                else:
                    self._close(a, p, day - 1)
                continue
            if new != seats:  # a price change: the old period ends the day before the new one starts
                self.seats[a] = new
                self._close(a, 0, day - 1)
                self._open(a, 0, day, new * self.price[a])

    def _measure(self, t: int) -> None:
        """Usage rows of month t for every paying account."""
        rng, idx = self.rng, np.flatnonzero(self.active)
        k, h, seats = len(idx), self.h[idx], self.seats[idx]
        # Seats in use follow demand (which drives seat purchases) times engagement (health).
        users = np.clip(np.round(self.demand[idx] * _sigmoid(1.6 + 1.2 * h + rng.normal(0, 0.15, k))), 1, seats)
        self.util[idx] = users / seats
        products = (self.open[idx] >= 0).sum(axis=1)
        values = (rng.poisson(users * np.exp(2.4 + 0.3 * h + rng.normal(0, 0.25, k))), users, seats,
                  np.clip(np.round(3 + 3 * products + 2.5 * h + rng.normal(0, 2, k)), 0, 25),
                  np.round(_sigmoid(-0.9 + 0.7 * h + rng.normal(0, 0.5, k)), 3),
                  rng.poisson(0.35 * np.sqrt(seats) * np.exp(-0.7 * h)))
        self.usage += [(idx, t, m, v.astype(float)) for m, v in enumerate(values)]
        if self.quarter_end[t]:  # the survey runs at each quarter's end; only some accounts answer
            said = rng.random(k) < self.answers[idx]
            n = 1 + rng.poisson(0.4 * np.minimum(np.sqrt(users), 20))
            promoters = rng.binomial(n, _sigmoid(-0.2 + 1.1 * h + rng.normal(0, 0.5, k)))
            detractors = rng.binomial(n - promoters, _sigmoid(-0.6 - 1.1 * h))
            self.usage.append((idx[said], t, len(METRICS) - 1, np.round(100 * (promoters - detractors) / n)[said]))


def _reason_row(rng: np.random.Generator, account: int, day: int, random_cause: bool, japanese: bool) -> dict:
    """One churn_reasons record whose reasons, competitor, note and BANTC flags agree."""
    primary = int(rng.choice(len(REASONS), p=REASON_WEIGHTS[int(random_cause)]))
    secondary = None
    if rng.random() < 0.5:
        weights = np.where(np.arange(len(REASONS)) == primary, 0.0, REASON_WEIGHTS[0])
        secondary = int(rng.choice(len(REASONS), p=weights / weights.sum()))
    competitor = None
    if primary == 4 or (secondary == 4 and rng.random() < 0.7) or rng.random() < 0.04:
        competitor = COMPETITORS[int(rng.integers(len(COMPETITORS)))]
    fails = set(REASON_FAILS[primary]) | {i for i in range(5) if rng.random() < 0.05}
    if secondary is not None and rng.random() < 0.5:
        fails |= set(REASON_FAILS[secondary])
    if competitor:
        fails.add(4)
    note = NOTES[primary][int(japanese)].format(competitor=competitor or ("競合" if japanese else "a competitor"))
    return {"account": account, "day": day, "primary_reason": REASONS[primary],
            "secondary_reason": None if secondary is None else REASONS[secondary], "competitor": competitor,
            "notes": note, "preventable": bool(rng.random() < PREVENTABLE[primary]),
            **{f"{c}_ok": i not in fails for i, c in enumerate(("budget", "authority", "needs", "timeframe", "competitor"))}}


def _churn_reasons(rng: np.random.Generator, company: _Company, firsts: np.ndarray, lasts: np.ndarray) -> list[dict]:
    """Records for ~90% of churn events (the rest go unrecorded, as in real CRMs), plus three for
    accounts that never churned, so the data-hygiene checks have something to find."""
    japan = company.acc["region"] == 3
    rows = [_reason_row(rng, a, day, cause, bool(japan[a])) for (a, day, cause) in company.churns if rng.random() < 0.9]
    churned = np.zeros(len(japan), dtype=bool)
    churned[[a for a, _, _ in company.churns]] = True
    loyal = np.flatnonzero(~churned & ~company.leaving & company.active)
    for a in rng.choice(loyal, min(3, len(loyal)), replace=False):
        day = int(rng.integers(firsts[min(3, len(firsts) - 1)], lasts[-1]))
        rows.append(_reason_row(rng, int(a), day, False, bool(japan[a])))
    return sorted(rows, key=lambda r: (r["day"], r["account"]))


def _team(rng: np.random.Generator, seg: np.ndarray, paying: np.ndarray) -> tuple[dict, np.ndarray]:
    """CSMs, and each account's CSM: named coverage for Enterprise and Mid-Market, an SMB pool."""
    segs = np.concatenate([np.full(len(names), s) for s, names in enumerate(CSM_NAMES)])
    names = np.array([name for group in CSM_NAMES for name in group], dtype=object)
    cost = np.array([round(rng.uniform(*CSM_COST[s]) / 500) * 500 for s in segs], dtype=float)
    capacity = np.array([rng.integers(CSM_CAPACITY[s][0], CSM_CAPACITY[s][1] + 1) for s in segs], dtype=float)
    csm = np.full(len(seg), None, dtype=object)
    for s in (0, 1):
        members = np.flatnonzero(segs == s)
        # The second CSM of each segment carries a heavier book: real teams are rarely balanced.
        weights = capacity[members] * np.where(np.arange(len(members)) == 1, 1.35, 1.0)
        live = rng.permutation(np.flatnonzero((seg == s) & paying))
        counts = np.floor(len(live) * weights / weights.sum()).astype(int)
        counts[: len(live) - counts.sum()] += 1
        csm[live] = np.repeat(names[members], counts)
        gone = np.flatnonzero((seg == s) & ~paying)  # churned accounts keep their last CSM
        csm[gone] = names[members][rng.integers(0, len(members), len(gone))]
        if s == 1:
            csm[rng.choice(live, min(3, len(live)), replace=False)] = None  # not assigned yet
    pool, smb = np.flatnonzero(segs == 2), np.flatnonzero(seg == 2)
    named = smb[rng.random(len(smb)) < 0.2]
    csm[named] = names[pool][rng.integers(0, len(pool), len(named))]
    team = {"csm": names, "segment": np.array(SEGMENTS, dtype=object)[segs], "annual_cost": cost,
            "capacity_accounts": capacity}
    return team, csm


def _frame(name: str, data: dict) -> pd.DataFrame:
    """The canonical columns of a table, in order, with one dtype per logical kind."""
    convert = {"id": lambda v: pd.Series(list(v), dtype=object), "text": lambda v: pd.Series(list(v), dtype=object),
               "date": lambda v: pd.Series(np.asarray(v, dtype=np.int64).astype("datetime64[D]").astype("datetime64[ns]")),
               "bool": lambda v: pd.Series(list(v), dtype="boolean"),
               "amount": lambda v: pd.Series(np.asarray(v, dtype=np.float64))}
    convert["month"], convert["number"] = convert["date"], convert["amount"]
    return pd.DataFrame({c.name: convert[c.kind](data[c.name]) for c in TABLES[name].columns})


def generate(seed: int = SAMPLE_SEED, accounts: int = 1600, months: int = 42,
             end_month: datetime.date = SAMPLE_END_MONTH) -> dict[str, pd.DataFrame]:
    """The sample company's tables: accounts, subscriptions, usage, churn_reasons and team.

    Grain: accounts one row per account; subscriptions one row per subscription period (a price
    change ends a period and starts the next the following day; end_date empty = running at the
    end of ``end_month``); usage one row per account, paying month and metric (``nps`` only at
    quarter ends and for the accounts that answered); churn_reasons one row per recorded churn
    (about 90%, plus three records for accounts that never churned); team one row per CSM.
    The window is the ``months`` calendar months ending with ``end_month``; accounts already
    customers at its first month started before it.
    """
    rng = np.random.default_rng(seed)
    firsts, lasts = _month_grid(end_month, months)
    acc = _accounts(rng, accounts, firsts)
    company = _Company(rng, acc, firsts)
    company.run()
    team, csm = _team(rng, acc["seg"], company.active)
    ids = acc["id"]

    rows = {k: np.asarray(v) for k, v in company.rows.items()}
    order = np.lexsort((rows["prod"], rows["start"], rows["acc"]))
    subscriptions = {"account_id": ids[rows["acc"][order]], "start_date": rows["start"][order],
                     "mrr": rows["mrr"][order], "subscription_id": [f"S{i:07d}" for i in range(1, len(order) + 1)],
                     "product": np.array(PRODUCTS, dtype=object)[rows["prod"][order]], "end_date": rows["end"][order]}
    a_idx, m_idx, k_idx, value = (np.concatenate([np.broadcast_to(u[i], u[0].shape) for u in company.usage])
                                  for i in range(4))
    order = np.lexsort((k_idx, m_idx, a_idx))
    usage = {"account_id": ids[a_idx[order]], "month": firsts[m_idx[order]],
             "metric": np.array(METRICS, dtype=object)[k_idx[order]], "value": value[order]}
    reasons = _churn_reasons(rng, company, firsts, lasts)
    churn = {col: [r[col] for r in reasons] for col in TABLES["churn_reasons"].column_names[2:]}
    churn["account_id"] = [ids[r["account"]] for r in reasons]
    churn["churn_date"] = [r["day"] for r in reasons]

    accounts_data = {"account_id": ids, "account_name": acc["name"],
                     "segment": np.array(SEGMENTS, dtype=object)[acc["seg"]],
                     "industry": np.array(INDUSTRIES, dtype=object)[acc["industry"]],
                     "region": np.array(REGIONS, dtype=object)[acc["region"]], "csm": csm,
                     "employees": acc["employees"], "signup_date": acc["signup"]}
    return {"accounts": _frame("accounts", accounts_data),
            "subscriptions": _frame("subscriptions", subscriptions),
            "usage": _frame("usage", usage),
            "churn_reasons": _frame("churn_reasons", churn),
            "team": _frame("team", team)}
