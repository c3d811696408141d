"""A Japanese company's exports, synthetic but shaped like the real thing, and their hand counts.

``write_export(folder)`` writes three files the way a Japanese SaaS company's back office hands
them over (the shape of the public IBM Telco churn set: 7,043 customers, 1,869 churned, 20 churn
reasons, every churn on the data's last day):

- ``顧客一覧.csv``: CP932 (Shift_JIS as Japanese Excel saves it), Japanese headers, ids zero-padded
  to seven digits, 登録日 as yyyy/mm/dd, names with CP932-only kanji (髙, 﨑);
- ``契約一覧.xlsx``: a note sheet ``説明`` first, then ``契約``; 開始日 / 終了日 mostly Excel date
  cells, some typed as yyyy/mm/dd text; 月額（円） mostly numbers, some typed as ¥19,800, ￥19,800
  or 19,800円; a churned customer's contracts end 2024/12/31, the others have no end date;
- ``解約理由.csv``: UTF-8 with BOM, one row per churned customer, 解約日 2024/12/31 or a January
  2025 day, 主な理由 one of 20 reasons, 競合 when a competitor won.

The returned :class:`HandCount` is computed from the values written, in plain Python and by the
metric contract's rules (PRODUCT.md), never through the app, so a test compares the app with the
source.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl

LAST_DAY = dt.date(2024, 12, 31)
FIRST_SIGNUP = dt.date(2019, 1, 1)

SEGMENTS = (("エンタープライズ", 0.10, (1000, 20000), "エンタープライズプラン", (150_000, 480_000)),
            ("中堅", 0.30, (100, 999), "プロプラン", (39_800, 120_000)),
            ("中小", 0.60, (5, 99), "スタンダードプラン", (9_800, 29_800)))
INDUSTRIES = ("製造業", "小売業", "情報通信業", "金融業", "医療・福祉", "建設業", "卸売業", "サービス業")
REGIONS = ("関東", "関西", "中部", "九州", "北海道", "東北", "中国", "四国")
# 髙 and 﨑 exist in CP932 but not in plain Shift_JIS: a reader that decodes as shift_jis fails on them.
CSMS = {"エンタープライズ": ("佐藤 花子", "髙橋 健一", "鈴木 美咲"),
        "中堅": ("田中 一郎", "山﨑 由美", "伊藤 大輔", "渡辺 彩")}
NAME_HEADS = ("山田", "さくら", "東京", "北斗", "青葉", "富士", "大和", "みらい", "ひかり", "朝日", "泉",
              "丸の内", "中央", "西日本", "北陸", "瀬戸内", "若葉", "八重洲")
NAME_TAILS = ("商事", "物流", "製作所", "工業", "システム", "ソリューションズ", "電機", "食品", "不動産",
              "建設", "薬品", "精機", "テクノロジー", "ホールディングス")
# The 20 reasons with how often each is given (a long tail, as in the Telco data).
REASONS = (("競合製品の機能が優れていた", 16), ("競合の価格が安かった", 12), ("競合から好条件の提示", 9),
           ("サポート担当者の対応", 10), ("サポートの専門性不足", 6), ("価格が高い", 8), ("値上げ", 5),
           ("予算削減", 7), ("製品の機能不足", 6), ("製品の品質・不具合", 4), ("操作が難しい", 4),
           ("導入・定着の失敗", 5), ("事業縮小・撤退", 3), ("合併・買収", 2), ("担当者の退職・異動", 3),
           ("社内システムへの統合", 2), ("利用頻度の低下", 4), ("接続が不安定", 2), ("契約条件への不満", 2),
           ("理由不明（回答なし）", 3))
COMPETITORS = ("A社クラウド", "Bソフト", "海外SaaS X", "C社")
OPTION = ("オプション：分析", (5_000, 30_000))


@dataclass(frozen=True)
class Contract:
    contract_id: str
    account_id: str
    product: str
    start: dt.date
    end: dt.date | None
    mrr: int


@dataclass
class HandCount:
    """What a hand count of the written rows gives."""

    customers: int
    churned: int
    churned_ids: set[str]
    contracts: list[Contract]
    segment_of: dict[str, str]
    reasons: Counter = field(default_factory=Counter)     # primary reason -> churned accounts
    reason_mrr: Counter = field(default_factory=Counter)  # primary reason -> MRR lost (2024-12)
    churn_dates: Counter = field(default_factory=Counter)  # churn month (first day) in 解約理由 -> rows

    def mrr(self, month: dt.date, accounts: set[str] | None = None) -> int:
        """Sum of MRR in ``month``: contracts running on its last day (PRODUCT.md)."""
        return sum(self.account_mrr(month, accounts).values())

    def account_mrr(self, month: dt.date, accounts: set[str] | None = None) -> dict[str, int]:
        last = month_end(month)
        out: dict[str, int] = {}
        for c in self.contracts:
            if (accounts is None or c.account_id in accounts) and c.start <= last and (c.end is None or c.end >= last):
                out[c.account_id] = out.get(c.account_id, 0) + c.mrr
        return out

    @property
    def churned_mrr(self) -> int:
        """MRR the churned accounts paid in 2024-12, their last month."""
        return self.mrr(dt.date(2024, 12, 1), self.churned_ids)

    def first_months(self) -> dict[str, dt.date]:
        """Account -> its cohort, the first month with MRR (every contract runs at least to its month's end)."""
        first: dict[str, dt.date] = {}
        for c in self.contracts:
            m = c.start.replace(day=1)
            first[c.account_id] = min(first.get(c.account_id, m), m)
        return first

    def cohort_sizes(self) -> Counter:
        return Counter(self.first_months().values())

    def bridge(self, start: dt.date, end: dt.date) -> dict[str, int]:
        """The NRR bridge from month ``start`` to month ``end`` by the contract's window rules."""
        s, e = self.account_mrr(start), self.account_mrr(end)
        paid_before = {c.account_id for c in self.contracts if c.start.replace(day=1) < start}
        out = dict(start=sum(s.values()), expansion=0, contraction=0, churn=0, new=0, reactivation=0,
                   churned_logos=0)
        for a, p in s.items():
            c = e.get(a, 0)
            if c == 0:
                out["churn"] += p
                out["churned_logos"] += 1
            elif c > p:
                out["expansion"] += c - p
            elif c < p:
                out["contraction"] += p - c
        for a, c in e.items():
            if a not in s:
                out["reactivation" if a in paid_before else "new"] += c
        out["end"] = sum(e.values())
        return out

    def churn_events(self, first: dt.date, last: dt.date) -> dict[str, int]:
        """Account -> MRR lost, for every account paying in M-1 and not in M, M from ``first`` to ``last``."""
        out: dict[str, int] = {}
        month = first
        while month <= last:
            before = self.account_mrr((month - dt.timedelta(days=1)).replace(day=1))
            now = self.account_mrr(month)
            out.update({a: p for a, p in before.items() if a not in now})
            month = month_end(month) + dt.timedelta(days=1)
        return out

    def active_by_segment(self, month: dt.date) -> Counter:
        return Counter(self.segment_of[a] for a in self.account_mrr(month))


def month_end(month: dt.date) -> dt.date:
    nxt = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return nxt - dt.timedelta(days=1)


def _day(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randrange((last - first).days + 1))


def _yen(rng: random.Random, low: int, high: int) -> int:
    return rng.randrange(low // 100, high // 100 + 1) * 100


def _amount_cell(rng: random.Random, amount: int):
    """Mostly a number; sometimes the text a person typed over the cell."""
    roll = rng.random()
    if roll < 0.80:
        return amount
    if roll < 0.88:
        return f"¥{amount:,}"
    if roll < 0.94:
        return f"￥{amount:,}"
    return f"{amount:,}円"


def _date_cell(rng: random.Random, day: dt.date):
    """Mostly an Excel date; sometimes yyyy/mm/dd typed as text."""
    return day if rng.random() < 0.85 else f"{day:%Y/%m/%d}"


def write_export(folder: str | Path, customers: int = 7043, churned: int = 1869, seed: int = 7043) -> HandCount:
    """Write 顧客一覧.csv, 契約一覧.xlsx and 解約理由.csv into ``folder``; return their hand counts."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    ids = [f"{n:07d}" for n in sorted(rng.sample(range(1, 100_000), customers))]
    churned_ids = set(rng.sample(ids, churned))
    accounts, contracts, segment_of = [], [], {}
    for account_id in ids:
        name, _share, staff, plan, price = rng.choices(SEGMENTS, weights=[s[1] for s in SEGMENTS])[0]
        segment_of[account_id] = name
        head, tail = rng.choice(NAME_HEADS), rng.choice(NAME_TAILS)
        company = f"株式会社{head}{tail}" if rng.random() < 0.6 else f"{head}{tail}株式会社"
        signup = _day(rng, FIRST_SIGNUP, dt.date(2024, 12, 20))
        csm = rng.choice(CSMS[name]) if name in CSMS else ""
        accounts.append([account_id, company, name, rng.choice(INDUSTRIES), rng.choice(REGIONS), csm,
                         rng.randint(*staff), f"{signup:%Y/%m/%d}"])
        end = LAST_DAY if account_id in churned_ids else None
        contracts.append(Contract(f"K{len(contracts) + 1:06d}", account_id, plan, signup, end, _yen(rng, *price)))
        if rng.random() < 0.3 and signup < dt.date(2024, 11, 1):
            # an add-on bought later: expansion revenue
            extra = _day(rng, signup + dt.timedelta(days=30), dt.date(2024, 12, 1))
            contracts.append(Contract(f"K{len(contracts) + 1:06d}", account_id, OPTION[0], extra, end,
                                      _yen(rng, *OPTION[1])))
    _write_accounts(folder / "顧客一覧.csv", accounts)
    _write_contracts(folder / "契約一覧.xlsx", contracts, rng)
    counts = HandCount(customers, churned, churned_ids, contracts, segment_of)
    _write_reasons(folder / "解約理由.csv", [a for a in accounts if a[0] in churned_ids], counts, rng)
    return counts


def _write_accounts(path: Path, rows: list[list]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["顧客ID", "社名", "セグメント", "業種", "地域", "担当CSM", "従業員数", "登録日"])
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode("cp932"))


def _write_contracts(path: Path, contracts: list[Contract], rng: random.Random) -> None:
    book = openpyxl.Workbook()
    note = book.active
    note.title = "説明"
    for line in ("契約一覧（2025年1月6日 基幹システムより出力）", "月額は税抜・円単位です。",
                 "終了日が空欄の契約は継続中です。", "問い合わせ先：経営企画部"):
        note.append([line])
    sheet = book.create_sheet("契約")
    sheet.append(["契約ID", "顧客ID", "商品", "開始日", "終了日", "月額（円）"])
    for c in contracts:
        sheet.append([c.contract_id, c.account_id, c.product, _date_cell(rng, c.start),
                      None if c.end is None else _date_cell(rng, c.end), _amount_cell(rng, c.mrr)])
    for row in sheet.iter_rows(min_row=2, min_col=4, max_col=5):
        for cell in row:
            if isinstance(cell.value, dt.date):
                cell.number_format = "yyyy/mm/dd"
    book.save(path)


def _write_reasons(path: Path, churned_accounts: list[list], counts: HandCount, rng: random.Random) -> None:
    lost = counts.account_mrr(dt.date(2024, 12, 1), counts.churned_ids)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["顧客ID", "社名", "解約日", "主な理由", "競合", "備考"])
    for account_id, company, *_ in churned_accounts:
        reason = rng.choices([r for r, _ in REASONS], weights=[w for _, w in REASONS])[0]
        day = LAST_DAY if rng.random() < 0.7 else dt.date(2025, 1, rng.randint(1, 31))
        competitor = rng.choice(COMPETITORS) if reason.startswith("競合") else ""
        writer.writerow([account_id, company, f"{day:%Y/%m/%d}", reason, competitor,
                         "更新面談で申し出" if rng.random() < 0.3 else ""])
        counts.reasons[reason] += 1
        counts.reason_mrr[reason] += lost[account_id]
        counts.churn_dates[day.replace(day=1)] += 1
    path.write_bytes(buffer.getvalue().encode("utf-8-sig"))
