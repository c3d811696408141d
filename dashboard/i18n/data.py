"""Messages of the Data page and the loading flow."""

MESSAGES = {
    "data.loaded_header": ("What is loaded", "読み込み済みのデータ"),
    "data.loaded_summary": ("Version {version} holds {tables} and {rows}.",
                            "バージョン {version} には {tables}、合計 {rows}があります。"),
    "data.tables_count.one": ("{n} table", "{n} 個のテーブル"),
    "data.tables_count.other": ("{n} tables", "{n} 個のテーブル"),
    "data.rows_count.one": ("{n} row", "{n} 行"),
    "data.rows_count.other": ("{n} rows", "{n} 行"),
    "data.nothing_loaded": ("Nothing is loaded yet.", "まだ何も読み込まれていません。"),
    "data.col_table": ("Table", "テーブル"),
    "data.col_rows": ("Rows", "行数"),
    "data.col_source": ("Source file", "元ファイル"),
    "data.col_loaded_in": ("Loaded in version", "読み込みバージョン"),
    "data.upload_header": ("Load a file", "ファイルを読み込む"),
    "data.upload_intro": ("Upload a CSV or TSV (UTF-8 or Shift_JIS), an Excel workbook or a Parquet file. "
                          "You check the column mapping and the validation report before anything is saved; "
                          "every load becomes a new version you can roll back.",
                          "CSV/TSV（UTF-8またはShift_JIS）、Excel、Parquetファイルをアップロードできます。"
                          "保存する前に列の対応と検証結果を確認できます。読み込みごとに新しいバージョンが作られ、元に戻せます。"),
    "data.file": ("File", "ファイル"),
    "data.table": ("Load it as", "読み込み先テーブル"),
    "data.table_help": ("Which canonical table the file fills. accounts plus subscriptions (or mrr_monthly) "
                        "is the minimum.", "ファイルを読み込む標準テーブル。accounts と subscriptions（または mrr_monthly）が最低限必要です。"),
    "data.sheet": ("Sheet", "シート"),
    "data.read_failed": ("The file could not be read:", "ファイルを読み込めませんでした："),
    "data.file_summary": ("{name}: {rows} data rows, {columns} columns{encoding}.",
                          "{name}：データ {rows} 行、{columns} 列{encoding}。"),
    "data.encoding": (", encoding {encoding}", "、文字コード {encoding}"),
    # the encodings dashboard.textfile.scan tells apart, by the names a spreadsheet's save dialog uses
    "data.encoding_name.utf-8": ("UTF-8", "UTF-8"),
    "data.encoding_name.utf-8-sig": ("UTF-8 (with BOM)", "UTF-8（BOM付き）"),
    "data.encoding_name.utf-16": ("UTF-16 (Unicode text)", "UTF-16（Unicode テキスト）"),
    "data.encoding_name.cp932": ("Shift_JIS (CP932)", "Shift_JIS（CP932）"),
    "data.mapping_header": ("Column mapping", "列の対応付け"),
    "data.mapping_intro": ("Suggested from the file's headers; change any that are wrong. Required columns are "
                           "marked *.", "ファイルの見出しから推定しました。違っていれば変更してください。*は必須列です。"),
    "data.not_in_file": ("(not in file)", "（ファイルにない）"),
    "data.amount_alt": ("{column} (instead of mrr)", "{column}（mrrの代わり）"),
    "data.interval_alt": ("{column} (with amount)", "{column}（amountと併用）"),
    "data.amount_help": ("A contract amount and its length in months: mrr = amount / interval_months "
                         "(12 annual, 24 or 36 multi-year).", "契約金額と月数：mrr = amount / interval_months（年契約は12、複数年は24や36）。"),
    "data.validate": ("Check the file", "検証する"),
    "data.validating": ("Checking every row...", "すべての行を検証しています..."),
    "data.report_header": ("Validation report", "検証結果"),
    "data.leaves_sample": ("This is your first own file: saving starts a dataset of your own, and the sample "
                           "company's tables are not carried into it (their accounts and usage would read as "
                           "yours). Load accounts and a revenue table to switch every page on. Version {version} "
                           "keeps the sample and can be made current again below.",
                           "最初の自社ファイルです。保存すると自社のデータセットが始まり、サンプル企業のテーブルは"
                           "引き継がれません（その顧客や利用データが自社のものとして読まれてしまうため）。"
                           "すべてのページを使うには accounts と売上テーブルを読み込んでください。"
                           "サンプルはバージョン{version}に残り、下で現在のバージョンに戻せます。"),
    "data.replaces": ("Saving replaces the whole {table} table: its {rows} rows from {file} give way to these {new}. "
                      "Nothing is lost: version {version} keeps them and can be made current again below.",
                      "保存すると {table} テーブル全体が置き換わります（{file} の{rows}行 → この{new}行）。"
                      "元のデータはバージョン{version}に残り、下で現在のバージョンに戻せます。"),
    "data.report_ok": ("{rows} rows are ready to load (warnings: {warnings}).",
                       "{rows} 行を読み込めます。警告 {warnings} 件。"),
    "data.col_file": ("File", "ファイル"),
    "data.report_errors": ("Problems block this load ({errors} found). Fix them in the file and upload it again, "
                           "or, when a column was matched wrongly, change the mapping above; nothing has been saved.",
                           "{errors} 件の問題があるため読み込めません。ファイルを修正して再度アップロードするか、"
                           "列の対応が違う場合は上の対応付けを変更してください。何も保存されていません。"),
    "data.report_more": ("Showing the first {shown} of {total}; download the report for the list.",
                         "全 {total} 件のうち最初の {shown} 件を表示しています。"),
    "data.col_severity": ("Severity", "重要度"),
    "data.col_row": ("Row", "行"),
    "data.col_column": ("Column", "列"),
    "data.col_message": ("Problem", "内容"),
    "data.preview": ("Preview of the rows as they will be stored", "保存される行のプレビュー"),
    "data.commit": ("Save as a new version", "新しいバージョンとして保存"),
    "data.committing": ("Saving...", "保存しています..."),
    "data.committed": ("Saved as version {version}.", "バージョン {version} として保存しました。"),
    "data.commit_failed": ("Nothing was saved: {error}", "保存されませんでした：{error}"),
    "data.loaded_definition": (
        "The current dataset version's tables: each row count, the version whose load brought the rows (a table "
        "carried over from an earlier version is read from there, never copied) and the file it came from.",
        "現在のデータバージョンのテーブル。行数、その行を読み込んだバージョン（以前のバージョンから引き継いだテーブルはそこから読み、"
        "コピーしません）、元のファイル。"),
    "data.history_definition": (
        "Every version, newest first, with the tables its load brought; versions are never changed after they "
        "are saved, so any of them can be made current again.",
        "全バージョン（新しい順）と、その読み込みで入ったテーブル。保存後のバージョンは変更されないので、どれでも現在のバージョンに戻せます。"),
    "data.upload_definition": (
        "A file is read as it is (CSV in any common encoding, Excel, Parquet, JSON), its columns mapped to the "
        "table's, every row validated, and nothing is stored until you save: then the table joins a new version "
        "and every other table is carried over unchanged. A failed load changes nothing stored.",
        "ファイルをそのまま読み（一般的な文字コードのCSV、Excel、Parquet、JSON）、列をテーブルの列に対応付け、全行を検証します。"
        "保存するまで何も書き込まれず、保存するとそのテーブルが新しいバージョンに入り、他のテーブルはそのまま引き継がれます。"
        "失敗した読み込みは保存済みのデータを変えません。"),
    "data.history_header": ("Version history", "バージョン履歴"),
    "data.col_version": ("Version", "バージョン"),
    "data.col_time": ("Loaded at (UTC)", "読み込み日時（UTC）"),
    "data.col_kind": ("Kind", "種類"),
    "data.col_current": ("Current", "現在"),
    "data.col_note": ("Note", "メモ"),
    "data.rollback_pick": ("Make this version current", "このバージョンを現在にする"),
    "data.rollback": ("Switch version", "バージョンを切り替える"),
    "data.rolled_back": ("Version {version} is now current. Nothing was deleted.",
                         "バージョン {version} を現在のバージョンにしました。何も削除されていません。"),
    "data.reset_sample": ("Load the sample company as a new version", "サンプル企業を新しいバージョンとして読み込む"),
    "data.reset_done": ("The sample company is loaded as version {version}.",
                        "サンプル企業をバージョン {version} として読み込みました。"),
    "data.tables_header": ("The tables the app understands", "アプリが扱うテーブル"),
    "data.required": ("required", "必須"),
}
