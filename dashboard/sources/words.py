"""Messages of usage sources: the Data page's "Connect a data source" section and ``pull-usage``."""

MESSAGES = {
    # what can go wrong, said in one line (the CLI prints these after "error:")
    "sources.no_url": ("no connection given: a URL (postgres://user@host:5432/db, duckdb://file), a Parquet path "
                       "or glob, or pyspark", "接続先がありません。URL（postgres://user@host:5432/db、duckdb://file）、"
                       "Parquetのパスまたはglob、pyspark のいずれかを指定してください"),
    "sources.bad_url": ("{url!r} is not a connection this app knows: give a URL such as postgres://user@host:5432/db "
                        "or duckdb://file, a Parquet path or glob, or pyspark",
                        "{url!r} は使える接続先ではありません。postgres://user@host:5432/db や duckdb://file の"
                        "ようなURL、Parquetのパスまたはglob、pyspark を指定してください"),
    "sources.no_file": ("no DuckDB file at {path}", "{path} にDuckDBファイルがありません"),
    "sources.no_parquet": ("no Parquet file matches {path}", "{path} に一致するParquetファイルがありません"),
    "sources.no_backend": ("the {engine} engine is not installed ({reason}); see the README's \"Usage from a source\"",
                           "{engine} エンジンがインストールされていません（{reason}）。READMEの「Usage from a source」を参照"),
    "sources.cannot_connect": ("cannot connect to {url}: {reason}", "{url} に接続できません：{reason}"),
    "sources.no_table_given": ("no events table given (--table)", "イベントテーブルが指定されていません（--table）"),
    "sources.no_table": ("cannot open the table {table}: {reason}", "テーブル {table} を開けません：{reason}"),
    "sources.no_column": ("the {role} column {column!r} is not in the table {table} (its columns: {columns})",
                          "{role} 列 {column!r} はテーブル {table} にありません（列：{columns}）"),
    "sources.bad_time": ("the time column {column!r} is {type}: it must be a timestamp, a date or text",
                         "時刻列 {column!r} は {type} です。タイムスタンプ、日付、テキストのいずれかが必要です"),
    "sources.bad_value": ("the value column {column!r} is {type}: it must be a number",
                          "値の列 {column!r} は {type} です。数値が必要です"),
    "sources.bad_map": ("each mapped event needs a measure (EVENT=measure)", "対応付ける各イベントに指標が必要です（EVENT=measure）"),
    "sources.needs_user": ("the measure {measure} counts distinct users: name the user column (--user)",
                           "指標 {measure} は利用者数を数えます。ユーザー列（--user）を指定してください"),
    "sources.needs_value": ("the measure {measure} reads the value column: name it (--value)",
                            "指標 {measure} は値の列を読みます。値の列（--value）を指定してください"),
    "sources.engine_failed": ("the {engine} engine could not run the aggregation: {reason}",
                              "{engine} エンジンで集計を実行できませんでした：{reason}"),
    "sources.bad_name": ("a saved source needs a name (at most 80 characters)", "保存するソースには名前が必要です（80文字以内）"),
    "sources.unknown": ("no saved source named {name!r} (saved: {names})", "{name!r} という保存済みソースはありません（保存済み：{names}）"),
    "sources.bad_since": ("--since {value!r} is not a month (YYYY-MM)", "--since {value!r} は月（YYYY-MM）ではありません"),
    "sources.need_settings": ("give --url, --account, --time and --event (and --table unless the URL is a Parquet "
                              "path), or --source NAME", "--url、--account、--time、--event（URLがParquetのパスで"
                              "なければ --table も）または --source NAME を指定してください"),
    "sources.note_since": ("months from {month}", "{month} 以降の月"),
    "sources.note_all": ("every month", "全期間"),
    # the command line's reports
    "sources.pulled": ("pulled {pulled} usage rows from {engine} ({since}), kept {kept} earlier rows: version {version}",
                       "{engine} から利用データ {pulled} 行を取得（{since}）、以前の {kept} 行を保持：バージョン {version}"),
    "sources.nothing_new": ("no events in {engine} from {since}: nothing loaded", "{engine} に {since} 以降のイベントはありません。何も読み込みませんでした"),
    "sources.saved": ("saved the source {name}", "ソース {name} を保存しました"),
    "sources.deleted": ("deleted the source {name}", "ソース {name} を削除しました"),
    # the Data page's section
    "sources.header": ("Connect a data source", "データソースに接続する"),
    "sources.definition": (
        "Product events that live in a warehouse, a Spark lake, PostgreSQL or Parquet files are aggregated where "
        "they are, through Ibis: only one row per account, month and measure comes back and becomes the usage table "
        "of a new version, checked as a file is. Without a mapping every event name is a measure of its own name "
        "and active_users is the number of distinct users; with one, active_users counts distinct users, "
        "features_used distinct events, seats the highest value in the month and any other measure its events. "
        "Months are calendar months in UTC. A new pull fetches only the months after the last complete one "
        "already loaded. Passwords are never stored: put them in .streamlit/secrets.toml or "
        "CS_DASHBOARD_SOURCE_PASSWORD.",
        "データウェアハウス、Sparkのデータレイク、PostgreSQL、Parquetファイルにある製品イベントを、Ibisを通じて"
        "その場で集計します。戻るのは顧客・月・指標ごとに1行だけで、ファイルと同じ検証を経て新しいバージョンの"
        "usage テーブルになります。対応付けがなければイベント名がそのまま指標になり、active_users は利用者数です。"
        "対応付けがあれば active_users は利用者数、features_used は異なるイベント数、seats は月内の最大値、"
        "その他の指標はイベント数です。月はUTCの暦月です。再取得では読み込み済みの最後の完了月より後の月だけを"
        "取得します。パスワードは保存されません。.streamlit/secrets.toml か CS_DASHBOARD_SOURCE_PASSWORD に書いてください。"),
    "sources.intro": ("Aggregate product events where they live (PostgreSQL, Spark, DuckDB, Parquet) instead of "
                      "uploading a usage file.", "利用データのファイルをアップロードする代わりに、製品イベントを"
                      "その場（PostgreSQL、Spark、DuckDB、Parquet）で集計します。"),
    "sources.saved_pick": ("Saved source", "保存済みソース"),
    "sources.new": ("(new source)", "（新しいソース）"),
    "sources.url": ("Connection", "接続先"),
    "sources.url_help": ("postgres://user@host:5432/db, duckdb:///path/file.duckdb, a Parquet path or glob "
                         "(/data/events/*.parquet), or pyspark. A password here is used once and never stored.",
                         "postgres://user@host:5432/db、duckdb:///path/file.duckdb、Parquetのパスまたはglob"
                         "（/data/events/*.parquet）、または pyspark。ここに書いたパスワードは一度だけ使われ、保存されません。"),
    "sources.table": ("Events table", "イベントテーブル"),
    "sources.table_help": ("schema.table in a database, a table or Parquet path for Spark; empty for a Parquet "
                           "connection", "データベースでは schema.table、Sparkではテーブル名かParquetのパス。"
                           "Parquetの接続では空欄"),
    "sources.test": ("Test the connection", "接続をテスト"),
    "sources.connected": ("Connected to {engine}: {table} has {n} columns.", "{engine} に接続しました：{table} の列は {n} 個です。"),
    "sources.failed": ("The source could not be used:", "ソースを使えませんでした："),
    "sources.col.account": ("Account id column", "顧客IDの列"),
    "sources.col.time": ("Event time column", "イベント時刻の列"),
    "sources.col.event": ("Event name column", "イベント名の列"),
    "sources.col.user": ("User id column (optional)", "ユーザーIDの列（任意）"),
    "sources.col.value": ("Value column (optional)", "値の列（任意）"),
    "sources.none": ("(none)", "（なし）"),
    "sources.map": ("Events to measures (empty: each event its own measure)", "イベントと指標の対応（空欄：イベント名がそのまま指標）"),
    "sources.map_event": ("Event name", "イベント名"),
    "sources.map_measure": ("Measure", "指標"),
    "sources.preview": ("Preview the aggregate", "集計をプレビュー"),
    "sources.preview_summary": ("{rows} rows: {accounts} accounts, {months} months ({first} to {last}), measures "
                                "{metrics}.", "{rows} 行：顧客 {accounts}、{months} か月（{first}〜{last}）、指標 {metrics}。"),
    "sources.preview_empty": ("The aggregate is empty: no events with an account, a time and an event name.",
                              "集計は空です。顧客・時刻・イベント名のあるイベントがありません。"),
    "sources.full": ("Pull every month again", "全期間を取得し直す"),
    "sources.full_help": ("Without it a pull fetches only the months after the last complete month already loaded and "
                          "keeps the earlier ones.", "オフのときは、読み込み済みの最後の完了月より後の月だけを取得し、"
                          "それ以前の月はそのまま残します。"),
    "sources.preview_since": ("Months from {month} on: the months before are already loaded and are kept.",
                              "{month} 以降の月。それより前の月は読み込み済みで、そのまま残ります。"),
    "sources.preview_nothing_new": ("No events from {month} on: the months before are already loaded. Tick \"Pull every "
                                    "month again\" to fetch them anew.", "{month} 以降のイベントはありません。それより前の"
                                    "月は読み込み済みです。取得し直すには「全期間を取得し直す」をオンにしてください。"),
    "sources.sql": ("The SQL the engine runs (compiled by Ibis)", "エンジンが実行するSQL（Ibisが生成）"),
    "sources.load": ("Load as the usage table of a new version", "新しいバージョンの usage テーブルとして読み込む"),
    "sources.loaded": ("Pulled {pulled} rows (kept {kept} earlier rows): version {version} is current.",
                       "{pulled} 行を取得（以前の {kept} 行を保持）：バージョン {version} が現在のバージョンです。"),
    "sources.nothing_loaded": ("No new events since the last complete month: nothing loaded.",
                               "最後の完了月以降の新しいイベントはありません。何も読み込みませんでした。"),
    "sources.name": ("Save as", "保存名"),
    "sources.save": ("Save this source", "このソースを保存"),
    "sources.saved_flash": ("Saved the source {name} (without any password).", "ソース {name} を保存しました（パスワードは保存しません）。"),
    "sources.delete": ("Delete the saved source", "保存済みソースを削除"),
}
