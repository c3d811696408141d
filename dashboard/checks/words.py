"""Messages of the data checks (reconciliation at load): findings, examples, actions, notices."""

_KINDS = {
    "reason_after_as_of": (
        ("Churn reasons dated after the as-of month", "基準月より後の日付の解約理由"),
        ("{account}: churn date {date}, as-of month {as_of}", "{account}：解約日 {date}、基準月 {as_of}"),
        ("Their churn falls after the as-of month, so no page counts it yet. Load revenue that runs to that "
         "month, or check the churn dates.",
         "解約が基準月より後に当たるため、まだどのページにも数えられません。その月までの売上を読み込むか、解約日を確認してください。"),
    ),
    "reason_never_paid": (
        ("Churn reasons of accounts that never paid", "一度も支払いのない顧客の解約理由"),
        ("{account}: churn date {date}", "{account}：解約日 {date}"),
        ("The revenue has no month with MRR above 0 for these accounts. Check that their account IDs match "
         "the revenue file (leading zeros, prefixes).",
         "これらの顧客には MRR が 0 を超える月がありません。顧客IDが売上ファイルと一致しているか（先頭のゼロ、接頭辞）確認してください。"),
    ),
    "reason_date_off": (
        ("Churn reasons more than {days} days from any churn in revenue",
         "売上上の解約から{days}日以上離れた解約理由"),
        ("{account}: churn date {date}, nearest churn in revenue {month}",
         "{account}：解約日 {date}、売上上で最も近い解約 {month}"),
        ("The churn date and the month revenue stops disagree. Correct the churn date or the subscription's "
         "end date.",
         "解約日と売上が止まる月が一致しません。解約日または契約の終了日を修正してください。"),
    ),
    "reason_no_churn": (
        ("Churn reasons of accounts still paying", "支払いが続いている顧客の解約理由"),
        ("{account}: churn date {date}", "{account}：解約日 {date}"),
        ("Revenue shows no churn for these accounts. Add the end date to their subscriptions, or remove the "
         "reason if they did not leave.",
         "売上上ではこれらの顧客は解約していません。契約に終了日を入れるか、解約していなければ理由を削除してください。"),
    ),
    "reason_duplicate": (
        ("Churn reasons recorded twice for one churn", "同じ解約に二重に記録された解約理由"),
        ("{account}: churn date {date}, churn month {month}", "{account}：解約日 {date}、解約月 {month}"),
        ("Only the reason nearest the churn counts. Remove the extra rows.",
         "解約に最も近い理由だけが数えられます。余分な行を削除してください。"),
    ),
    "revenue_accounts_missing": (
        ("Paying accounts missing from accounts", "accounts にない支払い顧客"),
        ("{account}", "{account}"),
        ("Their name, segment and CSM show as (none). Add them to the accounts file, or check the account IDs.",
         "顧客名・セグメント・担当CSMが（なし）と表示されます。accounts ファイルに追加するか、顧客IDを確認してください。"),
    ),
    "accounts_never_paid": (
        ("Accounts that never paid", "一度も支払いのない顧客"),
        ("{account}", "{account}"),
        ("No revenue month has MRR above 0 for them, so they count in no metric. Check their account IDs in "
         "the revenue file, or ignore them if they are prospects.",
         "MRR が 0 を超える月がないため、どの指標にも入りません。売上ファイルの顧客IDを確認するか、見込み客であれば無視してください。"),
    ),
    "usage_unknown_accounts": (
        ("Usage of unknown accounts", "不明な顧客の利用データ"),
        ("{account} ({accounts} accounts)", "{account}（{accounts}社）"),
        ("Neither accounts nor revenue has these account IDs, so their usage is not scored. Check the IDs "
         "in the usage file.",
         "accounts にも売上にもない顧客IDのため、利用データはスコアに使われません。利用ファイルのIDを確認してください。"),
    ),
    "usage_outside_revenue": (
        ("Usage outside the account's revenue months", "売上のある期間外の利用データ"),
        ("{account}: usage in {month}, revenue {first} to {last}",
         "{account}：利用 {month}、売上 {first}〜{last}"),
        ("Usage before the first or after the last paying month is not used. Check the months in the usage "
         "file, or load revenue that covers them.",
         "最初の支払い月より前、最後の支払い月より後の利用データは使われません。利用ファイルの月を確認するか、その期間の売上を読み込んでください。"),
    ),
    "amount_scale_large": (
        ("Amounts look like another currency or unit", "金額が別の通貨または単位のようです"),
        ("median MRR {median} over {accounts} accounts ({account}: {mrr})",
         "{accounts}社の MRR 中央値 {median}（{account}：{mrr}）"),
        ("A median MRR this large in {currency} suggests yen or cents. Pick the currency of the files in "
         "Settings, or load the amounts in {currency}.",
         "{currency} でこの大きさの MRR 中央値は、円またはセント単位を示します。設定でファイルの通貨を選ぶか、{currency} の金額を読み込んでください。"),
    ),
    "amount_scale_small": (
        ("Amounts look like another currency or unit", "金額が別の通貨または単位のようです"),
        ("median MRR {median} over {accounts} accounts ({account}: {mrr})",
         "{accounts}社の MRR 中央値 {median}（{account}：{mrr}）"),
        ("A median MRR this small in yen suggests dollars or thousands of yen. Pick the currency of the files "
         "in Settings, or load the amounts in yen.",
         "円でこの小ささの MRR 中央値は、ドルまたは千円単位を示します。設定でファイルの通貨を選ぶか、円の金額を読み込んでください。"),
    ),
    "single_segment": (
        ("Every account in one segment", "すべての顧客が一つのセグメント"),
        ("segment {value} ({accounts} accounts)", "セグメント {value}（{accounts}社）"),
        ("Splits by segment show one group. Check the segment column in the mapping of the accounts file.",
         "セグメント別の分析が一つのグループになります。accounts ファイルのマッピングでセグメント列を確認してください。"),
    ),
    "single_csm": (
        ("Every account with one CSM", "すべての顧客が一人の担当CSM"),
        ("CSM {value} ({accounts} accounts)", "担当CSM {value}（{accounts}社）"),
        ("Splits by CSM show one group. Check the csm column in the mapping of the accounts file.",
         "担当CSM別の分析が一つのグループになります。accounts ファイルのマッピングで csm 列を確認してください。"),
    ),
}

_COLUMNS = {
    "kind": ("Check", "チェック"),
    "severity": ("Severity", "重要度"),
    "count": ("Count", "件数"),
    "finding": ("Finding", "内容"),
    "example": ("Example", "例"),
    "action": ("What to do", "対処"),
}

MESSAGES = {
    "checks.currency_hint": ("The median account pays {median} a month: amounts this size read as {suggested}, "
                             "not {currency}.", "顧客の月額の中央値は {median} です。この大きさの金額は {currency} ではなく "
                             "{suggested} と読めます。"),
    "checks.currency_stated": ("The revenue file gives its amounts in {suggested} (its header or its values say "
                               "so); they are shown as {currency}.",
                               "売上ファイルは金額を {suggested} で記しています（見出しか値にそうあります）。いまは {currency} で表示しています。"),
    "checks.currency_switch": ("Show amounts in {suggested}", "金額を {suggested} で表示"),
    **{f"checks.finding.{kind}": texts[0] for kind, texts in _KINDS.items()},
    **{f"checks.example.{kind}": texts[1] for kind, texts in _KINDS.items()},
    **{f"checks.action.{kind}": texts[2] for kind, texts in _KINDS.items()},
    **{f"checks.col.{key}": pair for key, pair in _COLUMNS.items()},
    "checks.severity.warning": ("warning", "警告"),
    "checks.severity.info": ("note", "注意"),
    "checks.header": ("Data checks", "データチェック"),
    "checks.definition": (
        "The tables checked against each other: churn reasons that match no churn movement, revenue accounts "
        "missing from accounts, accounts that never paid, usage for unknown accounts or months outside revenue, "
        "amounts whose size suggests another currency, and segment or CSM columns with one value only.",
        "テーブル同士の突き合わせ：解約の動きに対応しない解約理由、accounts にない収益の顧客、一度も課金していない顧客、"
        "不明な顧客や収益期間外の利用データ、別通貨を示唆する金額の大きさ、値が1種類だけのセグメント・CSM列。"),
    "checks.intro": ("The tables checked against each other: each finding with a count, an example and what to do.",
                     "テーブル同士を突き合わせた結果です。各項目に件数・例・対処を示します。"),
    "checks.current": ("Checks of the current version ({version})", "現在のバージョン（{version}）のチェック"),
    "checks.before_save": ("Checks if this file is saved", "このファイルを保存した場合のチェック"),
    "checks.all_well": ("No findings: the tables agree with each other.", "指摘事項はありません。テーブル同士は一致しています。"),
    "checks.found.one": ("{n} finding", "指摘事項 {n} 件"),
    "checks.found.other": ("{n} findings", "指摘事項 {n} 件"),
    "checks.notice.one": ("Data checks found {n} issue that affects this page: see the Data page",
                          "このページに影響するデータチェックの指摘が {n} 件あります：データページを参照"),
    "checks.notice.other": ("Data checks found {n} issues that affect this page: see the Data page",
                            "このページに影響するデータチェックの指摘が {n} 件あります：データページを参照"),
    "checks.failed": ("The data checks could not run:", "データチェックを実行できませんでした："),
}
