"""The command line's help texts in Japanese, keyed by their English text as the commands write it
(the way gettext keys a catalogue by its msgid): the commands keep their help next to their options,
and ``dashboard.cli`` says it in Japanese under ``--lang ja`` or a Japanese LANG.
tests/test_ingest_language.py fails on any help text of the parser missing here."""

HELP = {
    # argparse's own words
    "show this help message and exit": "このヘルプを表示して終了します",
    "usage: ": "使い方: ",
    "options": "オプション",
    "positional arguments": "引数",
    # the program and its commands
    "Customer Success retention metrics from a DuckDB database.": "DuckDB データベースから、カスタマーサクセスの継続指標を出します。",
    "load the built-in sample company as a new version": "組み込みのサンプル企業を新しいバージョンとして読み込みます",
    "validate a CSV/TSV/Excel/Parquet file and load it as a new version":
        "CSV・TSV・Excel・Parquet ファイルを検証し、新しいバージョンとして読み込みます",
    "list dataset versions": "データセットのバージョンを一覧します",
    "make an earlier version current (nothing is deleted)": "以前のバージョンを現在のバージョンに戻します（何も削除しません）",
    "tables of the current version with row counts": "現在のバージョンのテーブルと行数",
    "publish a read-only copy of the database for reader app processes":
        "読み取り専用のアプリ（リーダー）向けに、データベースのコピーを公開します",
    "the folder reader processes serve from (their CS_DASHBOARD_REPLICA)":
        "リーダーが表示に使うフォルダ（リーダーの CS_DASHBOARD_REPLICA）",
    "monthly MRR movements: new, reactivation, expansion, contraction, churn": "月次の MRR 変動：新規・復帰・拡大・縮小・解約",
    "NRR / GRR bridge of a window: expansion, contraction, churn, new, reactivation":
        "期間の NRR / GRR ブリッジ：拡大・縮小・解約・新規・復帰",
    "cohort retention by first paid month (or quarter) and age": "初回課金月（または四半期）と経過期間ごとのコホート継続率",
    "churned ARR and logos of a window by primary reason, segment or competitor":
        "期間の解約 ARR と解約社数を、主な理由・セグメント・競合別に",
    "health score and band of every active account": "課金中の全顧客のヘルススコアと区分",
    "churn / contraction rate per band and the AUC of the score": "区分ごとの解約率・縮小率と、スコアの AUC",
    "coverage plan: accounts, ARR, CSMs needed and cost per segment, and a TOTAL row":
        "カバレッジ計画：セグメントごとの顧客数・ARR・必要 CSM 数・コストと、TOTAL 行",
    "reconcile the tables with each other: one row per finding (kind, severity, count, finding, example, action); "
    "a header only when all is well":
        "テーブル同士を照合します：指摘ごとに1行（種類・重要度・件数・内容・例・対処）。問題がなければ見出し行だけを出します",
    # options every command takes
    "DuckDB database file (default $CS_DASHBOARD_DB or data/dashboard.duckdb)":
        "DuckDB データベースファイル（既定：$CS_DASHBOARD_DB、なければ data/dashboard.duckdb）",
    "while another process (the app, another command) holds the database, wait up to this long for it "
    "(default 30; 0 fails at once)":
        "別のプロセス（アプリや別のコマンド）がデータベースを使用中のとき、最大この秒数待ちます（既定 30、0 ならすぐに失敗）",
    "language of messages and texts (default: from LANG, else en)": "メッセージの言語（既定：環境変数 LANG、なければ en）",
    "output format (default csv)": "出力形式（既定 csv）",
    # ingest
    "canonical table to fill": "読み込む標準テーブル",
    "map a file column onto a canonical column (repeatable); others are suggested":
        "ファイルの列を標準列に対応付けます（繰り返し指定可）。ほかの列は推定します",
    "Excel sheet name (default: the first whose name suggests the table, else the first)":
        "Excel のシート名（既定：名前がテーブルに合う最初のシート、なければ先頭のシート）",
    "the file to load": "読み込むファイル",
    # revenue
    "last month to show (default: the latest month the data speaks of; any month up to the last complete "
    "calendar month)": "表示する最後の月（既定：データに現れる最新の月。最後に締まった暦月までならどの月でも可）",
    "first month of the window (the cohort)": "期間の最初の月（コホート）",
    "last month of the window": "期間の最後の月",
    "one row per group of this split": "この分け方のグループごとに1行",
    "latest month the window may end in (default: the last complete calendar month)":
        "期間が終わってよい最も遅い月（既定：最後に締まった暦月）",
    # cohorts
    "logo: share of accounts still paying; net: MRR now / MRR at age 0; gross: the same with each account "
    "capped at its age-0 MRR": "logo：課金を続けている顧客の割合、net：現在の MRR ÷ 経過0か月の MRR、"
                               "gross：同じ計算で各顧客を経過0か月の MRR で頭打ちにしたもの",
    "cohort by first paid month (ages in months) or quarter (ages in quarters)":
        "初回課金月（経過は月単位）または四半期（経過は四半期単位）でコホートを作ります",
    "last observed month (default: the latest complete month with revenue data)":
        "観測する最後の月（既定：売上データのある最新の締まった月）",
    # churn
    "start of the window (as for `nrr`): churn months after this month are counted":
        "期間の開始（`nrr` と同じ）：この月より後の解約月を数えます",
    "last churn month counted": "数える最後の解約月",
    "group by primary reason (default), segment or competitor; churn no churn_reasons row explains is the "
    "(unrecorded) row": "主な理由（既定）・セグメント・競合でまとめます。churn_reasons に記録のない解約は (unrecorded) 行です",
    # health
    "configuration JSON (docs/health-config.md); default: the active saved one":
        "設定 JSON（docs/health-config.md）。既定：保存済みの有効な設定",
    "month to score (default: the latest complete month with revenue data)":
        "スコアを出す月（既定：売上データのある最新の締まった月）",
    "month T whose scores are tested": "スコアを検証する月 T",
    "months after T to watch (default 6)": "T の後に見る月数（既定 6）",
    "an MRR drop of more than X%% counts as an outcome, like churn (default 20)":
        "MRR が X%% を超えて下がったら、解約と同じく結果として数えます（既定 20）",
    # coverage
    "One row per segment: segment, motion, accounts, arr, csm_needed, csm_rounded, cost, cost_pct_arr; then a "
    "row with segment TOTAL. The scenario file format is documented in docs/coverage-scenario.md.":
        "セグメントごとに1行：segment, motion, accounts, arr, csm_needed, csm_rounded, cost, cost_pct_arr。"
        "最後に segment が TOTAL の行。シナリオファイルの形式は docs/coverage-scenario.md にあります。",
    "scenario JSON file (default: the built-in default scenario)": "シナリオ JSON ファイル（既定：組み込みの既定シナリオ）",
    "a scenario saved on the Coverage page": "カバレッジページで保存したシナリオ",
    "month whose paying accounts and ARR are planned (default: the latest complete month with data)":
        "計画の対象とする課金顧客と ARR の月（既定：データのある最新の締まった月）",
    # audit, roles
    "every change made to the database: who, when, what and the dataset version":
        "データベースへのすべての変更：誰が・いつ・何を・どのデータセットのバージョンで",
    "only these kinds of change (load, rollback, health.save, health.activate, override.set, override.clear, "
    "scenario.save, scenario.delete, learning.save, target.save, target.delete, timeline.save, timeline.delete, "
    "source.save, source.delete, usage.pull)":
        "これらの種類の変更だけ（load, rollback, health.save, health.activate, override.set, override.clear, "
        "scenario.save, scenario.delete, learning.save, target.save, target.delete, timeline.save, timeline.delete, "
        "source.save, source.delete, usage.pull）",
    # the review pack, targets and the timeline
    "the retention review pack as a PowerPoint deck (the same deck as the pages' download)":
        "リテンションレビュー資料を PowerPoint で書き出します（画面のダウンロードと同じ資料）",
    "NRR and GRR targets per fiscal year: list them, or set, delete or import them":
        "年度ごとの NRR・GRR 目標：一覧、設定、削除、取り込み",
    "notes on the timeline (price changes, launches, ...): list, add, delete or import":
        "タイムラインのメモ（価格改定・リリースなど）：一覧、追加、削除、取り込み",
    "where to write the deck (default: a name with the window and as-of month, in this folder)":
        "資料の書き出し先（既定：期間と基準月を含む名前で、このフォルダに）",
    "the window kind (default trailing_12)": "期間の種類（既定 trailing_12）",
    "the as-of month; the window is the latest of its kind ending there (default: the latest month the data speaks of)":
        "基準月。期間はその月で終わるその種類の最新の期間です（既定：データにある最新の月）",
    "money unit of the slides (default ARR)": "スライドの金額の単位（既定 ARR）",
    "the split slide's grouping (default segment)": "内訳スライドの分け方（既定 segment）",
    "currency of the amounts (default: the one the data states, else USD)": "金額の通貨（既定：データが示す通貨、なければ USD）",
    "first month of the fiscal year, 1-12 (default 1; 4 for April)": "年度の開始月 1〜12（既定 1。4月始まりなら 4）",
    "the all-hands retrospective instead: one slide per churned account of the window":
        "代わりに全社振り返り資料：期間内の解約顧客1社につき1枚",
    "hide customer and CSM names (retrospective)": "顧客名と CSM 名を隠します（振り返り資料）",
    "the fiscal year to set (2025 or FY2025)": "設定する年度（2025 または FY2025）",
    "NRR target, e.g. 110 or 110%% or 1.10": "NRR の目標（例：110、110%%、1.10）",
    "GRR target, e.g. 90": "GRR の目標（例：90）",
    "a segment's target (default: the whole book)": "セグメント別の目標（既定：全体）",
    "delete the targets of this fiscal year": "この年度の目標を削除します",
    "save every row of a CSV with columns fiscal_year, nrr, grr and optionally segment":
        "fiscal_year・nrr・grr（と任意で segment）の列を持つ CSV の全行を保存します",
    "add a note on this day (the first day of a span)": "この日にメモを追加します（期間なら初日）",
    "the last day of the note's span": "メモの期間の最終日",
    "the note's text (one line)": "メモの本文（1行）",
    "price_change, launch, reorganisation, campaign, incident or other":
        "price_change・launch・reorganisation・campaign・incident・other のいずれか",
    "delete the note with this id": "この ID のメモを削除します",
    "add every row of a CSV with columns starts, text and optionally ends, category":
        "starts・text（と任意で ends・category）の列を持つ CSV の全行を追加します",
    "only changes whose address or name contains this text": "アドレスか名前にこの文字列を含む変更だけ",
    "check the roles file and show the role each address gets": "権限ファイルを検査し、各アドレスの権限を表示します",
    "the roles file (default $CS_DASHBOARD_ROLES or .streamlit/roles.toml)":
        "権限ファイル（既定 $CS_DASHBOARD_ROLES または .streamlit/roles.toml）",
    "addresses to look up (default: list the file's entries)": "調べるアドレス（既定：ファイルの項目を一覧）",
    # check
    "the display currency the amounts are compared with (default %(default)s)":
        "金額を照らし合わせる表示通貨（既定 %(default)s）",
    # usage from a source engine (dashboard/sources/command.py)
    "aggregate product events in their engine (PostgreSQL, Spark, DuckDB, Parquet) and load the result as the usage "
    "table of a new version":
        "製品イベントをそのエンジン（PostgreSQL・Spark・DuckDB・Parquet）で集計し、結果を新しいバージョンの usage "
        "テーブルとして読み込みます",
    "list the saved usage sources (never with a password)": "保存済みの利用データソースを一覧します（パスワードは含みません）",
    "a source saved on the Data page (or with --save)": "データページで（または --save で）保存したソース",
    "postgres://user@host:5432/db, duckdb://file, a Parquet path or glob, or pyspark (a password is read from "
    "CS_DASHBOARD_SOURCE_PASSWORD or .streamlit/secrets.toml, never stored)":
        "postgres://user@host:5432/db、duckdb://file、Parquet のパスまたは glob、または pyspark（パスワードは "
        "CS_DASHBOARD_SOURCE_PASSWORD か .streamlit/secrets.toml から読み、保存しません）",
    "the events table (schema.table); not needed for a Parquet URL": "イベントテーブル（schema.table）。Parquet の URL では不要",
    "with --url pyspark: a Spark catalog table or a Parquet path (same as --table)":
        "--url pyspark のとき：Spark カタログのテーブルまたは Parquet のパス（--table と同じ）",
    "the account id column": "顧客IDの列",
    "the event time column (months are taken in UTC)": "イベント時刻の列（月は UTC で区切ります）",
    "the event name column": "イベント名の列",
    "the user id column (for active_users)": "ユーザーIDの列（active_users 用）",
    "a numeric value column (for seats)": "数値の列（seats 用）",
    "count EVENT as measure (repeatable); without it every event name is its own measure":
        "EVENT を指標 measure として数えます（複数指定可）。指定しなければイベント名がそのまま指標になります",
    "pull months from this one on (earlier months are kept); default: after the last complete month already loaded":
        "この月以降を取得します（それより前の月は残します）。既定：読み込み済みの最後の完了月より後",
    "pull every month, keeping nothing": "全期間を取得し、何も残しません",
    "also save these settings as a source named NAME": "この設定を NAME という名前のソースとしても保存します",
    "delete the saved source NAME": "保存済みソース NAME を削除します",
}

# argparse's own refusals (Python 3.11's wording), as (pattern, Japanese); another one stays English
ERRORS = (
    (r"the following arguments are required: (?P<names>.+)", "次の引数が必要です：{names}"),
    (r"argument (?P<name>\S+): invalid choice: (?P<value>.+) \(choose from (?P<choices>.+)\)",
     "引数 {name}：{value} は選べません（選択肢：{choices}）"),
    (r"argument (?P<name>\S+): expected one argument", "引数 {name}：値を1つ指定してください"),
    (r"argument (?P<name>\S+): invalid (?P<kind>\w+) value: (?P<value>.+)", "引数 {name}：{value} は {kind} の値ではありません"),
    (r"argument (?P<name>\S+): (?P<message>.+)", "引数 {name}：{message}"),
    (r"unrecognized arguments: (?P<names>.+)", "認識できない引数：{names}"),
)
