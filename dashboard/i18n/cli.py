"""Messages of the command line (python -m dashboard ...)."""

MESSAGES = {
    "cli.error": ("error", "エラー"),
    "cli.warning": ("warning", "警告"),
    "cli.lang_help": ("language of messages and texts (default: from LANG, else en)",
                      "メッセージの言語（既定：環境変数 LANG、なければ en）"),
    "cli.loaded": ("loaded {rows} rows into {table} from {file} as version {version} ({warnings} warnings)",
                   "{file} から {table} に {rows} 行を読み込み、バージョン {version} にしました（警告 {warnings} 件）"),
    "cli.more_problems": ("{file}: {count} more problems not listed", "{file}：ほかに {count} 件の問題があります（一覧は省略）"),
    "cli.sample_loaded": ("loaded the sample company as version {version}",
                          "サンプル企業をバージョン {version} として読み込みました"),
    "cli.now_current": ("version {version} is now current", "バージョン {version} を現在のバージョンにしました"),
    "cli.no_file": ("{file}: no such file", "{file}：ファイルがありません"),
    "cli.is_dir": ("{file}: is a directory, not a file", "{file}：ファイルではなくフォルダです"),
    "cli.not_regular": ("{file}: is not a regular file (a pipe or a device?)",
                        "{file}：通常のファイルではありません（パイプやデバイス？）"),
    "cli.bad_map": ("--map {item}: expected SOURCE=CANONICAL", "--map {item}：「元の列=標準の列」の形で指定してください"),
    "cli.waiting": ("waiting up to {seconds} s for {path}: another process (the app or another command) holds it",
                    "{path} を最大 {seconds} 秒待っています：ほかのプロセス（アプリや別のコマンド）が使用中です"),
    "cli.nothing_changed": ("{path}: {reason}; nothing was changed", "{path}：{reason}。何も変更していません"),
}
