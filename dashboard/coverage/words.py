"""Messages of the Coverage model page."""

MESSAGES = {
    "coverage.intro": ("Paying accounts and ARR of {month} (the sidebar's as-of month), from the revenue engine. "
                       "Every account gets digital coverage; named and pooled CSMs come on top where a segment's "
                       "motion asks for them.",
                       "{month}（サイドバーの基準月）に課金中の顧客とARR（売上エンジンの値）を使います。全顧客がデジタル施策の"
                       "対象で、セグメントのモーションに応じて専任・プール型CSMが上乗せされます。"),
    # segments
    "coverage.segments": ("Segments", "セグメント"),
    "coverage.rule": ("Segment accounts by", "セグメントの分け方"),
    "coverage.rule_help": ("ARR bands use each account's ARR at the as-of month; employee bands use accounts.employees; "
                           "the accounts' own segment uses accounts.segment as loaded.",
                           "ARR帯は基準月の各顧客のARR、従業員数帯は accounts.employees、顧客のセグメントは accounts.segment "
                           "をそのまま使います。"),
    "coverage.rule.arr": ("ARR bands", "ARR帯"),
    "coverage.rule.employees": ("Employee bands", "従業員数帯"),
    "coverage.rule.segment": ("Accounts' own segment", "顧客のセグメント"),
    "coverage.bands": ("Edit the {rule}", "{rule}を編集"),
    "coverage.band_count": ("Number of bands", "帯の数"),
    "coverage.band_count_help": ("Bands run from the highest lower bound down; the last band takes everything below.",
                                 "下限の高い帯から順に判定し、最後の帯が残りすべてを受け持ちます。"),
    "coverage.band_name": ("Band {n} name", "帯{n}の名前"),
    "coverage.band_default": ("Band", "帯"),
    "coverage.band_min.arr": ("ARR from", "ARR下限"),
    "coverage.band_min.employees": ("Employees from", "従業員数下限"),
    "coverage.band_min_help": ("An account belongs to the band with the highest lower bound its value reaches. The "
                               "last band starts at 0.", "顧客は値が届く最も高い下限の帯に入ります。最後の帯の下限は0です。"),
    "coverage.bands_invalid": ("Band names and lower bounds must all differ; the previous bands are used until they do.",
                               "帯の名前と下限はすべて異なる必要があります。修正されるまで前の帯を使います。"),
    "coverage.no_accounts": ("No account pays at the as-of month.", "基準月に課金中の顧客がいません。"),
    "coverage.segments_finding": ("{accounts} paying accounts with {arr} ARR fall into {n} segments; {top} holds "
                                  "{arr_share} of ARR with {account_share} of the accounts.",
                                  "課金中の{accounts}社（ARR {arr}）が{n}セグメントに分かれます。{top}が顧客数の"
                                  "{account_share}でARRの{arr_share}を占めます。"),
    "coverage.segments_definition": (
        "An account is in scope when its MRR at the as-of month is above 0 (the revenue engine's account-month grid). "
        "ARR = 12 x MRR, so the total is the engine's ending ARR for the month. Band rules place an account in the band "
        "with the highest lower bound its ARR (or employee count) reaches; accounts without a value are '(none)'.",
        "基準月のMRRが0より大きい顧客が対象です（売上エンジンの顧客×月グリッド）。ARR = 12 × MRR なので、合計は"
        "その月の期末ARRと一致します。帯ルールでは、ARR（または従業員数）が届く最も高い下限の帯に入ります。値のない顧客は"
        "「(none)」です。"),
    "coverage.segment_accounts": ("Accounts per segment", "セグメント別の顧客"),
    "coverage.drill_segment": ("Segment", "セグメント"),
    # plan
    "coverage.plan": ("Motions, headcount and cost", "モーション・人員・コスト"),
    "coverage.plan_intro": ("Pick how each segment is covered. Named: one CSM per so many accounts (or so much ARR). "
                            "Pooled: a shared team answers a larger book. Digital only: no CSM.",
                            "セグメントごとのカバー方法を選びます。専任: 顧客数（またはARR）あたり1人のCSM。プール型: "
                            "共有チームがより多くの顧客を担当。デジタルのみ: CSMなし。"),
    "coverage.motion_for": ("{segment}: motion", "{segment}: モーション"),
    "coverage.motion_help": ("Digital coverage (program and per-account cost) applies to every account whatever its "
                             "motion.", "デジタル施策（プログラム費と顧客あたり費用）はモーションに関係なく全顧客に適用されます。"),
    "coverage.motion.named_accounts": ("Named CSM (accounts per CSM)", "専任CSM（CSMあたり顧客数）"),
    "coverage.motion.named_arr": ("Named CSM (ARR per CSM)", "専任CSM（CSMあたりARR）"),
    "coverage.motion.pooled": ("Pooled CSMs", "プール型CSM"),
    "coverage.motion.digital": ("Digital only", "デジタルのみ"),
    "coverage.ratio.named_accounts": ("Accounts per CSM", "CSMあたり顧客数"),
    "coverage.ratio.named_arr": ("ARR per CSM", "CSMあたりARR"),
    "coverage.ratio.pooled": ("Accounts per pooled CSM", "プールCSMあたり顧客数"),
    "coverage.ratio_help.named_accounts": ("CSMs needed = accounts / this ratio, rounded up to whole CSMs.",
                                           "必要CSM数 = 顧客数 ÷ この値（整数に切り上げ）。"),
    "coverage.ratio_help.named_arr": ("CSMs needed = segment ARR / this amount, rounded up to whole CSMs.",
                                      "必要CSM数 = セグメントARR ÷ この金額（整数に切り上げ）。"),
    "coverage.ratio_help.pooled": ("Pooled CSMs needed = accounts / this ratio, rounded up.",
                                   "必要プールCSM数 = 顧客数 ÷ この値（切り上げ）。"),
    "coverage.digital_only": ("No CSM: digital coverage only.", "CSMなし: デジタル施策のみ。"),
    "coverage.setting.csm_cost": ("Loaded cost per CSM (per year)", "CSM 1人あたり年間総コスト"),
    "coverage.setting.gross_margin": ("Gross margin", "粗利率"),
    "coverage.setting.cost_ceiling": ("Ceiling: CS cost as % of ARR", "上限: ARRに対するCSコスト比率"),
    "coverage.setting.digital_program_cost": ("Digital program cost (per year)", "デジタル施策プログラム費（年間）"),
    "coverage.setting.digital_cost_per_account": ("Digital cost per account (per year)", "顧客あたりデジタル費用（年間）"),
    "coverage.setting.customer_growth": ("Customer growth per year", "顧客数の年成長率"),
    "coverage.setting.arr_growth": ("ARR growth per year", "ARRの年成長率"),
    "coverage.setting.adoption_improvement": ("Adoption improvement per year (points)", "定着率の年改善幅（ポイント）"),
    "coverage.setting.adoption_threshold": ("Adopted when seat utilisation is at least", "定着とみなすシート利用率"),
    "coverage.setting.adoption_rate": ("Adoption rate today", "現在の定着率"),
    "coverage.help.csm_cost": ("Salary, benefits, tools and overhead of one CSM for a year. Defaults to the mean "
                               "annual_cost of the team table.", "CSM 1人の1年分の給与・福利厚生・ツール・間接費。既定値は "
                               "team テーブルの annual_cost の平均です。"),
    "coverage.help.gross_margin": ("Gross profit / revenue. CS cost as % of gross profit = cost / (ARR x margin).",
                                   "売上総利益 ÷ 売上。粗利に対するCSコスト比率 = コスト ÷ (ARR × 粗利率)。"),
    "coverage.help.cost_ceiling": ("The most CS may cost as a share of ARR; a segment over it is flagged.",
                                   "ARRに対してCSにかけられる上限の比率。超えたセグメントは警告されます。"),
    "coverage.help.digital_program_cost": ("Fixed yearly cost of the digital program (content, webinars, in-app "
                                           "guidance), shared across segments by accounts.",
                                           "デジタル施策の年間固定費（コンテンツ、ウェビナー、アプリ内ガイド）。顧客数で"
                                           "セグメントに按分します。"),
    "coverage.help.digital_cost_per_account": ("Yearly digital cost for each account (tools, emails), every motion.",
                                               "顧客ごとの年間デジタル費用（ツール、メール）。全モーションに適用。"),
    "coverage.help.customer_growth": ("Yearly growth of the number of customers in every segment.",
                                      "全セグメントの顧客数の年成長率。"),
    "coverage.help.arr_growth": ("Yearly growth of ARR in every segment.", "全セグメントのARRの年成長率。"),
    "coverage.help.adoption_improvement": ("Points added to the adoption rate each year (capped at 100%).",
                                           "毎年定着率に加えるポイント（上限100%）。"),
    "coverage.help.adoption_threshold": ("An account has adopted when active_users / seats at the as-of month "
                                         "reaches this share.", "基準月の active_users ÷ seats がこの比率以上の顧客を"
                                         "定着とみなします。"),
    "coverage.help.adoption_rate": ("Share of customers who have adopted the product today.", "現在定着している顧客の割合。"),
    "coverage.cost_source_team": ("Team table mean: {cost}", "team テーブルの平均: {cost}"),
    "coverage.amount_is": ("= {amount}", "= {amount}"),
    "coverage.cost_source_fallback": ("No team costs loaded; default {cost}", "team のコストが未読み込みのため既定値 {cost}"),
    "coverage.plan_finding_ok": ("The model needs {csms} CSMs ({exact} exact) and costs {cost} a year: {pct} of ARR "
                                 "and {gp} of gross profit, within the {ceiling} ceiling.",
                                 "モデルには{csms}人のCSM（厳密値{exact}）が必要で、年間コストは{cost}です。ARRの{pct}、"
                                 "粗利の{gp}で、上限{ceiling}以内です。"),
    "coverage.plan_finding_over": ("The model needs {csms} CSMs ({exact} exact) and costs {cost} a year: {pct} of ARR "
                                   "and {gp} of gross profit, above the {ceiling} ceiling.",
                                   "モデルには{csms}人のCSM（厳密値{exact}）が必要で、年間コストは{cost}です。ARRの{pct}、"
                                   "粗利の{gp}で、上限{ceiling}を超えています。"),
    "coverage.plan_segments_over": ("Over the ceiling: {segments}.", "上限超過: {segments}。"),
    "coverage.plan_segments_over_within": ("The total is within it because other segments are cheaper, but {segments} "
                                           "on its own costs more than the ceiling allows.",
                                           "合計は他のセグメントが安いため上限内ですが、{segments}単独では上限を超えています。"),
    "coverage.tile.csms": ("CSMs needed", "必要CSM数"),
    "coverage.tile.csms_help": ("Whole CSMs, each segment rounded up; {exact} exact.",
                                "セグメントごとに切り上げた人数。厳密値は{exact}。"),
    "coverage.tile.cost": ("CS cost per year", "年間CSコスト"),
    "coverage.tile.cost_help": ("CSMs x {csm_cost} plus the digital program and per-account cost.",
                                "CSM数 × {csm_cost} ＋ デジタル施策のプログラム費と顧客あたり費用。"),
    "coverage.tile.pct_arr": ("Cost as % of ARR", "ARR比コスト"),
    "coverage.tile.pct_arr_help": ("CS cost / ARR at the as-of month; ceiling {ceiling}.",
                                   "CSコスト ÷ 基準月のARR。上限{ceiling}。"),
    "coverage.tile.pct_gp": ("Cost as % of gross profit", "粗利比コスト"),
    "coverage.tile.pct_gp_help": ("CS cost / (ARR x gross margin {margin}).", "CSコスト ÷ (ARR × 粗利率{margin})。"),
    "coverage.of_arr": ("of ARR", "(ARR比)"),
    "coverage.plan_definition": (
        "CSMs needed = accounts / accounts per CSM (named or pooled) or segment ARR / ARR per CSM, rounded up per "
        "segment. CSM cost = whole CSMs x loaded cost. Digital cost = cost per account x accounts + the program cost "
        "shared by each segment's share of accounts. Cost as % of gross profit = cost / (ARR x gross margin). The TOTAL "
        "row is the sum of the segments.",
        "必要CSM数 = 顧客数 ÷ CSMあたり顧客数（専任・プール）または セグメントARR ÷ CSMあたりARR を、セグメントごとに"
        "切り上げ。CSMコスト = 人数 × 1人あたりコスト。デジタル費用 = 顧客あたり費用 × 顧客数 ＋ 顧客数比で按分した"
        "プログラム費。粗利比 = コスト ÷ (ARR × 粗利率)。TOTAL行は各セグメントの合計です。"),
    # actuals
    "coverage.actuals": ("Today against the model", "現状とモデルの比較"),
    "coverage.actuals_finding": ("{today} CSMs today against {model} in the model (gap {gap}). CSMs over capacity: "
                                 "{over}; accounts in named-CSM segments without a CSM: {uncovered}.",
                                 "現在のCSMは{today}人、モデルでは{model}人（差{gap}）。担当上限を超えるCSM: {over}人、"
                                 "専任セグメントでCSM未割当の顧客: {uncovered}社。"),
    "coverage.no_team_note": ("Without a team table, today's headcount counts the CSMs named in accounts.csm.",
                              "team テーブルがないため、現在の人数は accounts.csm に登場するCSMの数です。"),
    "coverage.tile.today": ("CSMs today", "現在のCSM数"),
    "coverage.tile.today_help": ("Rows of the team table (or CSMs named by paying accounts without one).",
                                 "team テーブルの行数（ない場合は課金中の顧客に割り当てられたCSMの数）。"),
    "coverage.tile.gap": ("Headcount gap", "人員ギャップ"),
    "coverage.tile.gap_help": ("Model CSMs - CSMs today; positive means hires.", "モデルのCSM数 − 現在のCSM数。正なら採用が必要。"),
    "coverage.tile.per_csm": ("Customers per CSM", "CSM 1人あたりの顧客数"),
    "coverage.tile.per_csm_help": ("Paying customers / CSMs today, the figure the white-glove baseline keeps; ARR of "
                                   "today's books per CSM {arr}.",
                                   "課金顧客数 ÷ 現在のCSM数（白手袋型の基準線が保つ値）。現在の担当ARRはCSMあたり{arr}。"),
    "coverage.tile.over": ("CSMs over capacity", "担当上限超過のCSM"),
    "coverage.tile.over_help": ("CSMs whose paying accounts exceed team.capacity_accounts.",
                                "課金中の担当顧客数が team.capacity_accounts を超えるCSM。"),
    "coverage.tile.uncovered": ("Named accounts without a CSM", "CSM未割当の専任対象顧客"),
    "coverage.tile.uncovered_help": ("Paying accounts in a named-CSM segment whose accounts.csm is empty.",
                                     "専任CSMセグメントの課金顧客で accounts.csm が空のもの。"),
    "coverage.actuals_definition": (
        "A CSM's book is the accounts paying at the as-of month whose accounts.csm names them. Capacity use = accounts / "
        "team.capacity_accounts; over capacity when above 100%. Today's headcount is the team table's CSMs.",
        "CSMの担当は、基準月に課金中で accounts.csm にそのCSMが入っている顧客です。稼働率 = 顧客数 ÷ "
        "team.capacity_accounts（100%超で上限超過）。現在の人数は team テーブルのCSM数です。"),
    "coverage.books": ("Books per CSM", "CSM別の担当"),
    "coverage.segment_accounts_definition": (
        "Every paying account of the as-of month with the segment the rule above gives it, its ARR and CSM.",
        "基準月に課金中の全顧客と、上のルールで決まるセグメント、ARR、担当CSM。"),
    "coverage.plan_formula": (
        "per segment: CSMs = ceil(accounts / accounts per CSM) (or ceil(ARR / ARR per CSM)); CSM cost = CSMs x "
        "loaded cost; digital cost = accounts x cost per account + program cost x the segment's share of "
        "accounts; % of ARR = cost / ARR; % of gross profit = cost / (ARR x gross margin).",
        "セグメントごとに：CSM数＝切り上げ(顧客数÷CSM1人あたり顧客数)（またはARR÷CSM1人あたりARR）、CSM費用＝CSM数×人件費、"
        "デジタル費用＝顧客数×1社あたり費用＋プログラム費用×顧客数の比率、対ARR比＝費用÷ARR、対粗利比＝費用÷(ARR×粗利率)。"),
    "coverage.whatif_formula": (
        "year n: accounts = round(accounts today x (1 + customer growth)^n), ARR = ARR today x (1 + ARR growth)^n; "
        "CSMs and cost as in the plan; successful customers = accounts x adoption rate.",
        "n年目：顧客数＝四捨五入(現在の顧客数×(1＋顧客成長率)^n)、ARR＝現在のARR×(1＋ARR成長率)^n。CSM数と費用は計画と同じ式、"
        "成功顧客数＝顧客数×定着率。"),
    "coverage.scenarios_definition": (
        "A scenario is the segment rule, motions, costs and growth on screen, saved by name outside the data "
        "versions; the comparison recomputes each saved scenario on the current data and as-of month.",
        "シナリオは画面上のセグメントルール・モーション・費用・成長率に名前を付けて、データバージョンの外に保存したものです。"
        "比較では保存済みの各シナリオを現在のデータと基準月で計算し直します。"),
    "coverage.uncovered": ("Accounts in named segments without a CSM ({n})", "CSM未割当の専任対象顧客（{n}社）"),
    # what-if
    "coverage.whatif": ("Three-year what-if", "3年間のシミュレーション"),
    "coverage.adoption_manual": ("Enter the adoption rate", "定着率を手入力"),
    "coverage.adoption_manual_help": ("Off: measured from usage (seat utilisation). Without a usage table it is an input.",
                                      "オフ: 利用データ（シート利用率）から測定。usage テーブルがない場合は入力値。"),
    "coverage.adoption_entered": ("Entered by hand.", "手入力の値です。"),
    "coverage.adoption_fallback": ("No seat usage at the as-of month; assumed {rate}.", "基準月のシート利用データがないため{rate}と仮定。"),
    "coverage.adoption_measured": ("{adopted} of {measured} measured accounts use at least {threshold} of their seats.",
                                   "測定できた{measured}社のうち{adopted}社がシートの{threshold}以上を利用しています。"),
    "coverage.whatif_trap": ("In {years} years {accounts} customers ({growth}) need {model} CSMs under the model "
                             "({model_growth}): headcount grows almost in step with customers, the white-glove trap. "
                             "Pooled or digital motions, or ratios by ARR per CSM, break that link.",
                             "{years}年後、顧客{accounts}社（{growth}）に対しモデルでは{model}人（{model_growth}）。人員が"
                             "顧客数とほぼ同じ速さで増える「ホワイトグローブの罠」です。プール型・デジタルのモーションや"
                             "CSMあたりARRの比率でこの連動を断てます。"),
    "coverage.whatif_leverage": ("In {years} years {accounts} customers ({growth}) need {model} CSMs under the model "
                                 "({model_growth}): headcount grows slower than customers.",
                                 "{years}年後、顧客{accounts}社（{growth}）に対しモデルでは{model}人（{model_growth}）。"
                                 "人員は顧客数より緩やかに増えます。"),
    "coverage.whatif_shrink": ("In {years} years {accounts} customers ({growth}) need {model} CSMs under the model "
                               "({model_growth}).",
                               "{years}年後、顧客{accounts}社（{growth}）に対しモデルでは{model}人（{model_growth}）。"),
    "coverage.whatif_saves": ("Keeping today's {ratio} customers per CSM (the white-glove baseline) would take "
                              "{baseline}: the model needs {gap} fewer.",
                              "現在のCSMあたり顧客{ratio}社を保つ（ホワイトグローブ基準）と{baseline}人必要で、"
                              "モデルは{gap}人少なく済みます。"),
    "coverage.whatif_richer": ("Keeping today's {ratio} customers per CSM (the white-glove baseline) would take only "
                               "{baseline}: the model's ratios give richer coverage than today's team, {gap} more CSMs.",
                               "現在のCSMあたり顧客{ratio}社を保つ（ホワイトグローブ基準）なら{baseline}人で足ります。"
                               "モデルの比率は現在より手厚く、{gap}人多く必要です。"),
    "coverage.whatif_same": ("Keeping today's {ratio} customers per CSM (the white-glove baseline) would take the same "
                             "{baseline}.",
                             "現在のCSMあたり顧客{ratio}社を保つ（ホワイトグローブ基準）場合も同じ{baseline}人です。"),
    "coverage.chart.headcount": ("CSM headcount", "CSM人数"),
    "coverage.chart.cost": ("CS cost per year", "年間CSコスト"),
    "coverage.chart.model": ("Coverage model", "カバレッジモデル"),
    "coverage.chart.baseline": ("White-glove baseline", "ホワイトグローブ基準"),
    "coverage.chart.today": ("Today", "現在"),
    "coverage.chart.year": ("Year {n}", "{n}年後"),
    "coverage.tile.successful": ("Successful customers in year {years}", "{years}年後の成功顧客数"),
    "coverage.tile.successful_help": ("Successful customers = customers x adoption rate.", "成功顧客数 = 顧客数 × 定着率。"),
    "coverage.successful_formula": ("{customers} customers x {rate} adoption = {successful} successful customers.",
                                    "顧客{customers}社 × 定着率{rate} = 成功顧客{successful}社。"),
    "coverage.tile.adoption_today": ("Adoption rate today", "現在の定着率"),
    "coverage.tile.adoption_today_help": ("Paying accounts whose seat utilisation reaches the threshold / accounts "
                                          "measured, unless entered by hand.",
                                          "シート利用率がしきい値以上の課金顧客 ÷ 測定できた顧客（手入力時はその値）。"),
    "coverage.whatif_definition": (
        "Each year every segment's accounts grow by the customer growth rate (rounded to whole accounts) and its ARR by "
        "the ARR growth rate; the model is recomputed with the same motions and costs. The white-glove baseline keeps "
        "today's accounts per CSM: CSMs today x accounts / today's accounts, rounded up, at the same loaded cost, plus the "
        "same digital coverage cost as the model. "
        "Adoption = paying accounts with active_users / seats at or above the threshold at the as-of month.",
        "毎年、各セグメントの顧客数は顧客成長率で（整数に丸め）、ARRはARR成長率で増え、同じモーションとコストでモデルを"
        "再計算します。ホワイトグローブ基準は現在のCSMあたり顧客数を保ちます: 現在のCSM数 × 顧客数 ÷ 現在の顧客数 "
        "（切り上げ）、同じ1人あたりコストに、モデルと同じデジタルカバレッジのコストを加えます。定着率は基準月に active_users ÷ seats がしきい値以上の課金顧客の割合です。"),
    # scenarios
    "coverage.scenarios": ("Scenarios", "シナリオ"),
    "coverage.scenarios_intro": ("Save the inputs above by name (kept in the database, whatever data is loaded later), "
                                 "load them back, or move them between machines as JSON files.",
                                 "上の入力を名前を付けて保存（データを読み込み直しても残ります）、読み込み、JSONファイルで"
                                 "受け渡しできます。"),
    "coverage.save_name": ("Scenario name", "シナリオ名"),
    "coverage.save_name_help": ("Saving an existing name replaces it.", "既存の名前で保存すると上書きされます。"),
    "coverage.save": ("Save scenario", "シナリオを保存"),
    "coverage.saved": ("Saved scenario {name}.", "シナリオ {name} を保存しました。"),
    "coverage.replaced": ("Replaced the saved scenario {name} with the current inputs.",
                          "保存済みシナリオ {name} を現在の入力で置き換えました。"),
    "coverage.replace": ("Replace saved scenario", "保存済みシナリオを置き換え"),
    "coverage.name_taken": ("A scenario named {name} is saved already: saving replaces it. Type another name to keep both.",
                            "{name} という名前のシナリオは保存済みです。保存すると置き換わります。両方残すには別の名前を入力してください。"),
    "coverage.export": ("Export JSON", "JSONを書き出し"),
    "coverage.export_help": ("The current inputs as a scenario file (format in docs/coverage-scenario.md); the command "
                             "line reads it with --scenario.", "現在の入力をシナリオファイルとして出力します（形式は "
                             "docs/coverage-scenario.md）。コマンドラインの --scenario で読めます。"),
    "coverage.none_saved": ("No saved scenarios yet.", "保存済みのシナリオはまだありません。"),
    "coverage.load_name": ("Saved scenario", "保存済みシナリオ"),
    "coverage.load": ("Load", "読み込む"),
    "coverage.loaded": ("Loaded scenario {name}.", "シナリオ {name} を読み込みました。"),
    "coverage.delete": ("Delete", "削除"),
    "coverage.deleted": ("Deleted scenario {name}.", "シナリオ {name} を削除しました。"),
    "coverage.import": ("Import a scenario file", "シナリオファイルを読み込む"),
    "coverage.import_help": ("A JSON file exported here or written by hand (docs/coverage-scenario.md).",
                             "ここで書き出した、または手で書いたJSONファイル（docs/coverage-scenario.md）。"),
    "coverage.use_import": ("Use imported scenario", "読み込んだシナリオを使う"),
    "coverage.imported": ("Imported {file}; save it to keep it.", "{file} を読み込みました。残すには保存してください。"),
    "coverage.import_error": ("{file}: {error}", "{file}: {error}"),
    "coverage.compare": ("Compare scenarios", "シナリオの比較"),
    "coverage.compare_pick": ("Scenarios to compare (two or three)", "比較するシナリオ（2〜3件）"),
    "coverage.compare_help": ("Saved scenarios, and the inputs on this page as they are now.",
                              "保存済みのシナリオと、このページの現在の入力。"),
    "coverage.compare_hint": ("Pick two or three scenarios to see them side by side.", "2〜3件選ぶと並べて比較できます。"),
    "coverage.current": ("Current inputs", "現在の入力"),
    "coverage.compare_finding": ("{cheap} is the cheapest at {cheap_cost} a year with {cheap_csms} CSMs; {dear} costs "
                                 "{dear_cost} with {dear_csms} CSMs.",
                                 "最も安いのは{cheap}で年間{cheap_cost}（CSM {cheap_csms}人）、{dear}は{dear_cost}"
                                 "（CSM {dear_csms}人）です。"),
    "coverage.compare_same": ("The compared scenarios cost the same: {cost} a year with {csms} CSMs.",
                              "比較したシナリオのコストは同じです: 年間{cost}、CSM {csms}人。"),
    "coverage.compare_metric": ("Measure", "指標"),
    "coverage.yes": ("yes", "はい"),
    "coverage.no": ("no", "いいえ"),
    "coverage.compare_motions": ("Motion and ratio per segment", "セグメントごとのモーションと比率"),
    "coverage.cmp.rule": ("Segment rule", "セグメントの分け方"),
    "coverage.cmp.accounts": ("Accounts", "顧客数"),
    "coverage.cmp.arr": ("ARR", "ARR"),
    "coverage.cmp.csm_needed": ("CSMs needed (exact)", "必要CSM数（厳密値）"),
    "coverage.cmp.csm_rounded": ("CSMs needed", "必要CSM数"),
    "coverage.cmp.cost": ("CS cost per year", "年間CSコスト"),
    "coverage.cmp.cost_pct_arr": ("Cost as % of ARR", "ARR比コスト"),
    "coverage.cmp.cost_pct_gross_profit": ("Cost as % of gross profit", "粗利比コスト"),
    "coverage.cmp.ceiling_met": ("Within the ceiling", "上限以内"),
    "coverage.cmp.headcount_gap": ("Headcount gap to today", "現在との人員ギャップ"),
    "coverage.cmp.model_csm_year3": ("CSMs in year 3", "3年後のCSM数"),
    "coverage.cmp.baseline_csm_year3": ("White-glove CSMs in year 3", "3年後のホワイトグローブCSM数"),
    "coverage.cmp.model_cost_year3": ("CS cost in year 3", "3年後のCSコスト"),
    "coverage.cmp.successful_customers_year3": ("Successful customers in year 3", "3年後の成功顧客数"),
    # table columns
    "coverage.col.account_id": ("Account ID", "顧客ID"),
    "coverage.col.account_name": ("Account", "顧客名"),
    "coverage.col.segment": ("Segment", "セグメント"),
    "coverage.col.account_segment": ("Accounts table segment", "顧客テーブルのセグメント"),
    "coverage.col.employees": ("Employees", "従業員数"),
    "coverage.col.csm": ("CSM", "CSM"),
    "coverage.col.mrr": ("MRR", "MRR"),
    "coverage.col.arr": ("ARR", "ARR"),
    "coverage.col.motion": ("Motion", "モーション"),
    "coverage.col.ratio": ("Ratio", "比率"),
    "coverage.col.accounts": ("Accounts", "顧客数"),
    "coverage.col.csm_needed": ("CSMs (exact)", "CSM数（厳密値）"),
    "coverage.col.csm_rounded": ("CSMs", "CSM数"),
    "coverage.col.csm_cost": ("CSM cost", "CSMコスト"),
    "coverage.col.digital_cost": ("Digital cost", "デジタル費用"),
    "coverage.col.cost": ("Cost", "コスト"),
    "coverage.col.cost_pct_arr": ("Cost % of ARR", "ARR比"),
    "coverage.col.cost_pct_gross_profit": ("Cost % of gross profit", "粗利比"),
    "coverage.col.ceiling_met": ("Within ceiling", "上限以内"),
    "coverage.col.team_segment": ("Team segment", "担当セグメント"),
    "coverage.col.in_team": ("In team table", "team に登録"),
    "coverage.col.capacity_accounts": ("Capacity", "担当上限"),
    "coverage.col.capacity_use": ("Capacity use", "稼働率"),
    "coverage.col.over_capacity": ("Over capacity", "上限超過"),
    "coverage.col.annual_cost": ("Annual cost", "年間コスト"),
    "coverage.col.year": ("Year", "年"),
    "coverage.col.model_csm": ("Model CSMs", "モデルCSM数"),
    "coverage.col.model_cost": ("Model cost", "モデルコスト"),
    "coverage.col.model_cost_pct_arr": ("Model cost % of ARR", "モデルコストのARR比"),
    "coverage.col.baseline_csm": ("White-glove CSMs", "ホワイトグローブCSM数"),
    "coverage.col.baseline_cost": ("White-glove cost", "ホワイトグローブコスト"),
    "coverage.col.adoption_rate": ("Adoption rate", "定着率"),
    "coverage.col.successful_customers": ("Successful customers", "成功顧客数"),
}
