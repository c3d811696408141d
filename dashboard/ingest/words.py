"""Messages of the Data page and the loading flow, and of reading, mapping and validating a file
(shown on the Data page and by the CLI)."""

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

    # where a problem is: "accounts.csv row 3 column mrr: ..."
    "ingest.where_row": (" row {row}", " {row}行目"),
    "ingest.where_column": (" column {column}", " 列 {column}"),
    "ingest.problem": ("{file}{where}: {message}", "{file}{where}：{message}"),
    "ingest.severity.error": ("error", "エラー"),
    "ingest.severity.warning": ("warning", "警告"),
    # reading
    "ingest.unsupported": ("unsupported file type {ext}; use one of {types}",
                           "対応していないファイル形式です（{ext}）。{types} のいずれかを使ってください"),
    "ingest.no_extension": ("(none)", "（拡張子なし）"),
    "ingest.no_sheets": ("only Excel workbooks have sheets", "シートがあるのは Excel ファイルだけです"),
    "ingest.bad_excel": ("cannot read this Excel file ({reason})", "この Excel ファイルを読めません（{reason}）"),
    "ingest.bad_parquet": ("cannot read this Parquet file ({reason})",
                           "この Parquet ファイルを読めません（{reason}）"),
    "ingest.cannot_open": ("cannot open the file ({reason})", "ファイルを開けません（{reason}）"),
    "ingest.empty": ("the file is empty", "ファイルが空です"),
    "ingest.no_rows": ("the file has a header but no data rows", "見出し行だけで、データ行がありません"),
    "ingest.blank_rows": ("the file has a header but no data rows (every row is blank)",
                          "見出し行だけで、データ行がありません（すべての行が空です）"),
    "ingest.undecodable": ("cannot decode the text: it is neither UTF-8 nor Shift_JIS (CP932); save it as CSV UTF-8 "
                           "and upload again",
                           "文字コードを判別できません（UTF-8 でも Shift_JIS（CP932）でもありません）。"
                           "「CSV UTF-8」で保存し直してアップロードしてください"),
    "ingest.header_blank": ("column {index} has no header name", "{index}列目に見出しがありません"),
    "ingest.header_twice": ("header {header} appears twice (columns {first} and {second})",
                            "見出し {header} が2回あります（{first}列目と{second}列目）"),
    "ingest.header_reserved": ("header '__row' is reserved; rename the column",
                               "見出し「__row」は予約語です。列名を変えてください"),
    "ingest.field_count": ("this row has {found} values but the header has {expected} columns",
                           "この行の値は{found}個ですが、見出しは{expected}列です"),
    "ingest.unclosed_quote": ("a quoted value starts here and is never closed (unclosed quote): close the quote or "
                              "remove it, then upload again",
                              "ここで始まる引用符（\"）が閉じられていません。引用符を閉じるか削除して、"
                              "もう一度アップロードしてください"),
    "ingest.line_too_long": ("the line is too long ({size} bytes; a row may hold at most {limit}): is a quote left "
                             "open, or a very long text in one cell?",
                             "行が長すぎます（{size}バイト、上限は{limit}バイト）。引用符が閉じられていないか、"
                             "1つのセルに非常に長い文字列がないか確認してください"),
    "ingest.bad_csv": ("cannot read the file as CSV: {reason}", "CSV として読めません：{reason}"),
    "ingest.no_such_sheet": ("there is no sheet {sheet}; the sheets are {names}",
                             "シート {sheet} はありません。シートは {names} です"),
    "ingest.sheet_empty": ("sheet {sheet} is empty", "シート {sheet} は空です"),
    "ingest.sheet_no_rows": ("sheet {sheet} has a header but no data rows",
                             "シート {sheet} は見出し行だけで、データ行がありません"),
    # mapping
    "ingest.unknown_table": ("unknown table {table}; expected one of {tables}",
                             "テーブル {table} はありません。{tables} のいずれかを指定してください"),
    "ingest.map_not_in_file": ("column {source} is not in the file", "列 {source} はファイルにありません"),
    "ingest.map_no_column": ("{table} has no column {column}", "{table} に列 {column} はありません"),
    "ingest.map_twice": ("both {first} and {second} are mapped to {column}; keep one",
                         "{first} と {second} の両方が {column} に対応付けられています。どちらか1つにしてください"),
    "ingest.map_ignored": ("ignored: mrr is mapped to {source}", "無視しました：mrr には {source} が対応付けられています"),
    "ingest.hint_unmapped": ("map one of the file's unmapped columns to it: {columns}",
                             "まだ対応付けていない列のどれかを対応付けてください：{columns}"),
    "ingest.hint_all_mapped": ("every column of the file is already mapped to another column",
                               "ファイルの列はすべて別の列に対応付け済みです"),
    "ingest.mrr_missing": ("required column mrr is missing: map a monthly amount to mrr, or both amount and "
                           "interval_months ({lacking} not mapped); {hint}",
                           "必須列 mrr（月額）がありません。月額を mrr に対応付けるか、amount と interval_months の"
                           "両方を対応付けてください（{lacking} が未設定）。{hint}"),
    "ingest.both": ("{first} and {second}", "{first} と {second}"),
    "ingest.required_missing": ("required column {column} is missing; {hint}", "必須列 {column} がありません。{hint}"),
    # validation, one message per failing row
    "ingest.value_empty": ("{label} is empty; every row needs a value", "{label} が空です。すべての行に値が必要です"),
    "ingest.not_date": ("{label}: {value} is not a date; write dates like 2024-01-31 or 2024/1/31",
                        "{label}：{value} は日付ではありません。2024-01-31 や 2024/1/31 のように書いてください"),
    "ingest.not_month": ("{label}: {value} is not a month; write 2024-01, 2024/1 or any date in the month",
                         "{label}：{value} は年月ではありません。2024-01、2024/1、またはその月の日付で書いてください"),
    "ingest.not_amount": ("{label}: {value} is not an amount; write digits such as 1200, 1,200 or ¥1,200",
                          "{label}：{value} は金額ではありません。1200、1,200、¥1,200 のように数字で書いてください"),
    "ingest.not_number": ("{label}: {value} is not a number", "{label}：{value} は数値ではありません"),
    "ingest.not_bool": ("{label}: {value} is not yes/no; use true/false, yes/no, y/n, 1/0, ○/× or はい/いいえ",
                        "{label}：{value} は「はい/いいえ」ではありません。true/false、yes/no、1/0、○/×、"
                        "はい/いいえ のいずれかを使ってください"),
    "ingest.too_large": ("{label}: {value} is beyond the largest amount that can be stored (under {limit}); check "
                         "the column or its unit",
                         "{label}：{value} は保存できる最大の金額（{limit}未満）を超えています。列か単位を確認してください"),
    "ingest.negative": ("negative {column} {value}; amounts cannot be negative",
                        "{column} がマイナスです（{value}）。金額はマイナスにできません"),
    "ingest.interval_positive": ("{label} must be a positive number of months, got {value}",
                                 "{label} は正の月数でなければなりません（値：{value}）"),
    "ingest.derived_too_large": ("amount {value} / interval_months {other} gives an MRR beyond the largest amount "
                                 "that can be stored (under {limit})",
                                 "amount {value} / interval_months {other} の MRR が保存できる最大の金額（{limit}未満）"
                                 "を超えています"),
    "ingest.end_before_start": ("end_date {value} is before start_date {other}",
                                "終了日 {value} が開始日 {other} より前です"),
    "ingest.duplicate": ("duplicate {column} {value} (first in row {first})",
                         "{column} {value} が重複しています（最初は{first}行目）"),
    "ingest.negative_month": ("account_id {account} in {month}: its lines sum to {total}; a month's MRR cannot be "
                              "negative (credit notes are fine while the month adds up to 0 or more)",
                              "顧客 {account} の {month}：明細の合計が {total} です。月の MRR はマイナスにできません"
                              "（月の合計が0以上ならクレジットノートは問題ありません）"),
    "ingest.unknown_account": ("account_id {account} is not in the accounts table ({rows}); its revenue will "
                               "not join to an account",
                               "顧客ID {account} は accounts テーブルにありません（{rows}）。この売上は顧客に"
                               "結び付きません"),
    "ingest.rows": ("{n} rows", "{n}行"),
    "ingest.one_row": ("1 row", "1行"),
    # loading
    "ingest.nothing": ("nothing to load", "読み込むものがありません"),
    "ingest.has_errors": ("the file has errors", "ファイルにエラーがあります"),
    "ingest.same_table": ("two files were prepared for the same table; load one of them",
                          "同じテーブルに2つのファイルが用意されています。どちらか1つを読み込んでください"),
}
