"""Messages shared by the app shell and every page."""

MESSAGES = {
    "app.title": ("Retention dashboard", "リテンション・ダッシュボード"),
    "nav.data": ("Data", "データ"),
    "nav.nrr": ("NRR waterfall", "NRRウォーターフォール"),
    "nav.cohorts": ("Cohort retention", "コホート継続率"),
    "nav.health": ("Health score tuning", "ヘルススコア調整"),
    "nav.coverage": ("Coverage model", "カバレッジモデル"),
    "nav.churn": ("Churn review", "解約レビュー"),
    "sidebar.version": ("Dataset version {version}", "データセット バージョン {version}"),
    "sidebar.no_data": ("No data loaded", "データ未読み込み"),
    "sidebar.sample_badge": ("Sample data", "サンプルデータ"),
    "sidebar.sample_help": ("You are looking at the built-in sample company. Load your own files on the "
                            "Data page.", "組み込みのサンプル企業を表示しています。データページで自社のファイルを読み込めます。"),
    "sidebar.language": ("Language", "表示言語"),
    "sidebar.currency": ("Currency", "通貨"),
    "sidebar.currency_help": ("How amounts are shown. All amounts are in one reporting currency; this "
                              "changes the symbol, not the values.", "金額の表示方法です。値は換算されず、記号だけが変わります。"),
    "sidebar.decimals": ("Decimals", "小数点以下の桁数"),
    "sidebar.decimals_help": ("Digits after the decimal point (JPY shows none).", "小数点以下の表示桁数（円は0桁）。"),
    "sidebar.fiscal_start": ("Fiscal year starts in", "会計年度の開始月"),
    "sidebar.fiscal_help": ("First month of the fiscal year, used by fiscal-year windows (April is common "
                            "in Japan).", "会計年度の最初の月。会計年度の期間指定で使います（日本では4月が一般的）。"),
    "sidebar.settings": ("Display settings", "表示設定"),
    "common.loading_sample": ("Creating the sample company (first start only)...",
                              "サンプル企業を作成しています（初回のみ）..."),
    "common.download_csv": ("Download CSV", "CSVをダウンロード"),
    "common.pending_title": ("This page is coming", "このページは準備中です"),
    "common.pending_body": ("{page} is planned but not built yet. The Data page works today.",
                            "{page}は計画済みですが、まだ作成されていません。データページは利用できます。"),
    "common.missing_table": ("This page needs the {table} table. Load a file for it on the Data page.",
                             "このページには {table} テーブルが必要です。データページでファイルを読み込んでください。"),
    "common.go_data": ("Go to the Data page", "データページへ"),
    "common.missing_revenue": ("This page needs a revenue table: subscriptions (contracts) or mrr_monthly (monthly "
                               "revenue, as an invoice export gives it). Load one on the Data page.",
                               "このページには収益テーブル（subscriptions（契約）または mrr_monthly（請求データのような"
                               "月次売上））が必要です。データページで読み込んでください。"),
    "common.page_failed": ("This could not be computed from the current data version ({error}). The Data page "
                           "shows what each version holds and can make an earlier one current again.",
                           "現在のデータバージョンからは計算できませんでした（{error}）。データページで各バージョンの"
                           "内容を確認し、以前のバージョンに戻せます。"),
    "common.page_failed_link": ("Open the Data page to check or roll back the data",
                                "データページでデータを確認・ロールバックする"),
    "common.definition": ("Definition and SQL", "定義とSQL"),
    "common.formula": ("**Computed in Python from the rows below:**", "**以下のSQLの結果から Python で計算：**"),
    "common.sql_paste": (
        "The SQL that ran, with its values written in: each statement pasted into "
        "`duckdb {db} -readonly` returns the rows it gave this section, in the order they ran.",
        "実際に実行したSQL（値を埋め込み済み）。実行順に `duckdb {db} -readonly` に貼り付けると、"
        "それぞれがこのセクションに渡した行を返します。"),
    "common.sql_step_builds": ("Step {n} of {total}: fills table {table} ({source})",
                               "ステップ {n}/{total}：テーブル {table} を作成（{source}）"),
    "common.sql_step_rows": ("Step {n} of {total}: the rows shown ({source})",
                             "ステップ {n}/{total}：表示した行（{source}）"),
    "common.sql_inline": ("written in the code", "コード内のSQL"),
    "common.no_rows": ("No rows.", "行がありません。"),
    "month.1": ("January", "1月"), "month.2": ("February", "2月"), "month.3": ("March", "3月"),
    "month.4": ("April", "4月"), "month.5": ("May", "5月"), "month.6": ("June", "6月"),
    "month.7": ("July", "7月"), "month.8": ("August", "8月"), "month.9": ("September", "9月"),
    "month.10": ("October", "10月"), "month.11": ("November", "11月"), "month.12": ("December", "12月"),
}

MESSAGES.update({
    "common.new_version": ("Dataset version {version} ({source}) was made current since this page last drew "
                           "(it showed version {before}); everything now shows version {version}.",
                           "このページの前回表示以降にデータセットのバージョン {version}（{source}）が現在の"
                           "バージョンになりました（前回はバージョン {before}）。すべてバージョン {version} で表示しています。"),
    "period.as_of": ("As of month", "基準月"),
    "period.as_of_help": ("The last month the pages report on. Defaults to {default}, the latest month the data "
                          "speaks of (the month after it when a subscription ends on its last day); any month up "
                          "to the last complete calendar month can be chosen.",
                          "各ページが集計する最終月。既定はデータに含まれる最新の月 {default}（契約がその月末日に"
                          "終了する場合は翌月）で、直近の締まった暦月までの任意の月を選べます。"),
    "period.churn_after": ("{accounts:,} churned accounts recorded after {as_of} are out of view; the data runs to "
                           "{default}.",
                           "{as_of}より後に記録された解約{accounts:,}社は表示されていません（データは{default}まで）。"),
    "period.kind": ("Window", "期間"),
    "period.kind_help": ("Revenue at the start month is compared with revenue at the end month.",
                         "開始月の収益と終了月の収益を比較します。"),
    "period.kind.month": ("Month", "月次"),
    "period.kind.quarter": ("Quarter", "四半期"),
    "period.kind.fiscal_year": ("Fiscal year", "会計年度"),
    "period.kind.trailing_12": ("Trailing 12 months", "直近12か月"),
    "period.kind.custom": ("Custom", "カスタム"),
    "period.period": ("Period", "対象期間"),
    "period.label.quarter": ("{year}-Q{quarter}", "{year}年 第{quarter}四半期"),
    "period.label.fiscal_year": ("FY{year}", "{year}年度"),
    "period.label.trailing_12": ("T12M → {end}", "直近12か月 → {end}"),
    "period.label.to_date": ("{label} (to date)", "{label}（途中まで）"),
    "period.start": ("Start month", "開始月"),
    "period.end": ("End month", "終了月"),
    "links.ignored": ("Not used from this link (the page shows its default instead): {params}",
                      "このリンクの次の指定は使えないため、既定の表示にしています：{params}"),
    "period.bad_custom": ("The end month must be after the start month.", "終了月は開始月より後にしてください。"),
    # a new version's derived tables, built when it is committed (dashboard/prepare.py)
    "common.sql_long": ("The statement is {total} characters long (it binds many values); the first {shown} are "
                        "shown, and the download holds all of it, ready to run.",
                        "この文は {total} 文字あります（多くの値を埋め込んでいます）。最初の {shown} 文字を表示しています。"
                        "ダウンロードには実行できる全文があります。"),
    "common.sql_download": ("Download the whole SQL", "SQL 全文をダウンロード"),
    "common.rows_shown": ("Showing the first {shown} of {total} rows; the CSV has them all.",
                          "全 {total} 行のうち最初の {shown} 行を表示しています。CSV にはすべての行があります。"),
    "prepare.revenue": ("revenue grids and movements", "売上グリッドと増減"),
    "prepare.cohorts": ("cohort cube and time to value", "コホート集計と定着までの期間"),
    "prepare.health": ("health measures", "ヘルス指標"),
    "prepare.churn": ("churns matched to their reasons, and the health before each", "解約と理由の照合、解約前のヘルス推移"),
    "prepare.done": ("ready", "準備完了"),
    "prepare.step": ("Preparing version {version}: {step} ({done} of {total})",
                     "バージョン {version} を準備しています：{step}（{done}/{total}）"),
    "prepare.waiting": ("Version {version} was just loaded and is being prepared; this page opens when it is ready.",
                        "バージョン {version} が読み込まれ、準備中です。準備ができしだいこのページを開きます。"),
    # a reader process serving the copies a writer publishes (dashboard/replica.py)
    "replica.read_only": ("This app serves a read-only copy of the data for a large room; loads and changes are "
                          "made in the main app.",
                          "このアプリは大人数向けの読み取り専用コピーを表示しています。読み込みと変更はメインのアプリで行います。"),
    "replica.none_yet": ("No copy of the data has been published to {folder} yet: the main app publishes one after "
                         "its next load or change.",
                         "{folder} にはまだデータのコピーがありません。メインのアプリが次の読み込みか変更の後に公開します。"),
    "replica.caption": ("Read-only copy for a large room, published {at}", "大人数向けの読み取り専用コピー（{at} 公開）"),
})
