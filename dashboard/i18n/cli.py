"""Messages of the command line (python -m dashboard ...)."""

MESSAGES = {
    "cli.error": ("error", "エラー"),
    # what the store and the commands refuse (StoreError); the English is what tests and logs read
    "store.reserved_name": ("{target}: the database file cannot be called {stem} (a name the app uses inside the "
                            "database); rename it, e.g. dashboard.duckdb",
                            "{target}：データベースファイルを {stem} という名前にはできません（アプリがデータベース内で使う名前です）。"
                            "dashboard.duckdb などに名前を変えてください"),
    "store.no_folder": ("{target}: cannot create its folder ({reason})", "{target}：フォルダを作れません（{reason}）"),
    "store.locked": ("{target}: cannot open the database{waited}: another process (the app or another command) "
                     "holds it; stop that process, pass --wait SECONDS, or use another --db",
                     "{target}：データベースを開けません{waited}。別のプロセス（アプリや別のコマンド）が使用中です。"
                     "そのプロセスを止めるか、--wait 秒数 を付けるか、別の --db を使ってください"),
    "store.waited": (" after waiting {seconds} s", "（{seconds} 秒待ちました）"),
    "store.cannot_open": ("{target}: cannot open the database: {reason}", "{target}：データベースを開けません：{reason}"),
    "store.no_version": ("version {version} does not exist", "バージョン {version} はありません"),
    "store.no_data": ("no data loaded yet", "まだデータが読み込まれていません"),
    "store.no_revenue_table": ("no revenue table in the current version: load subscriptions or mrr_monthly",
                               "現在のバージョンに売上テーブルがありません。subscriptions か mrr_monthly を読み込んでください"),
    "cli.no_database": ("{target}: no such database file (load data with `python -m dashboard sample` or `ingest` "
                        "first)", "{target}：データベースファイルがありません（先に `python -m dashboard sample` か "
                        "`ingest` でデータを読み込んでください）"),
    "cli.no_revenue": ("{target}: no revenue data in the current version: {what}",
                       "{target}：現在のバージョンに売上データがありません：{what}"),
    "cli.revenue_empty": ("its {table} table is empty", "{table} テーブルが空です"),
    "cli.no_revenue_table": ("it has no revenue table (load subscriptions or mrr_monthly)",
                             "売上テーブルがありません（subscriptions か mrr_monthly を読み込んでください）"),
    "cli.start_before_end": ("--start {start} must be before --end {end}", "--start {start} は --end {end} より前にしてください"),
    "cli.after_as_of": ("{flag} {given} is after the as-of month {cap}", "{flag} {given} は基準月 {cap} より後です"),
    "cli.not_a_month": ("{text} is not a month; expected YYYY-MM, e.g. 2024-03",
                        "{text} は年月ではありません。2024-03 のように YYYY-MM で書いてください"),
    "cli.option": ("{flag}: {problem}", "{flag}：{problem}"),
    "cli.wait_negative": ("--wait must be 0 or more seconds, not {wait}", "--wait は 0 秒以上にしてください（{wait} が指定されました）"),
    "cli.after_data": ("--month {month} is after the latest complete month with data ({as_of})",
                       "--month {month} は、データのある最後の締まった月（{as_of}）より後です"),
    "cli.horizon": ("--horizon must be 1 or more, not {horizon}", "--horizon は 1 以上にしてください（{horizon} が指定されました）"),
    "cli.contraction_pct": ("--contraction-pct must be above 0 and at most 100, not {pct}",
                            "--contraction-pct は 0 より大きく 100 以下にしてください（{pct} が指定されました）"),
    "cli.horizon_after_data": ("--month {month} + --horizon {horizon} reaches {last}, after the latest complete month "
                               "with data ({as_of})", "--month {month} + --horizon {horizon} は {last} に達し、データのある最後の"
                               "締まった月（{as_of}）より後です"),
    "cli.after_cap": ("{flag} {given} is after the last complete calendar month {cap}",
                      "{flag} {given} は、最後に締まった暦月 {cap} より後です"),
    "cli.warning": ("warning", "警告"),
    "cli.loaded": ("loaded {rows} rows into {table} from {file} as version {version} ({warnings} warnings)",
                   "{file} から {table} に {rows} 行を読み込み、バージョン {version} にしました（警告 {warnings} 件）"),
    "cli.more_problems": ("{file}: {count} more problems not listed", "{file}：ほかに {count} 件の問題があります（一覧は省略）"),
    "cli.sample_loaded": ("loaded the sample company as version {version}",
                          "サンプル企業をバージョン {version} として読み込みました"),
    "cli.now_current": ("version {version} is now current", "バージョン {version} を現在のバージョンにしました"),
    "cli.published": ("published {path}", "{path} を公開しました"),
    "cli.no_file": ("{file}: no such file", "{file}：ファイルがありません"),
    "cli.is_dir": ("{file}: is a directory, not a file", "{file}：ファイルではなくフォルダです"),
    "cli.not_regular": ("{file}: is not a regular file (a pipe or a device?)",
                        "{file}：通常のファイルではありません（パイプやデバイス？）"),
    "cli.bad_map": ("--map {item}: expected SOURCE=CANONICAL", "--map {item}：「元の列=標準の列」の形で指定してください"),
    "cli.waiting": ("waiting up to {seconds} s for {path}: another process (the app or another command) holds it",
                    "{path} を最大 {seconds} 秒待っています：ほかのプロセス（アプリや別のコマンド）が使用中です"),
    "cli.nothing_changed": ("{path}: {reason}; nothing was changed", "{path}：{reason}。何も変更していません"),
}
