"""Messages of reading, mapping and validating a file (shown on the Data page and by the CLI)."""

MESSAGES = {
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
