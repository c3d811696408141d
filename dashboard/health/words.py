"""Messages of the Health score tuning page."""

MESSAGES = {
    "health.intro": ("Scores of the {n} accounts paying in {month}. Move a slider and every number below follows; "
                     "nothing is saved until you save.",
                     "{month}に課金中の{n}社のスコアです。スライダーを動かすと下の数値がすべて更新されます。保存するまで記録されません。"),
    "health.no_accounts": ("No account pays in {month}.", "{month}に課金中の顧客がありません。"),
    # measures and their definitions
    "health.m.logins_per_user": ("Logins per active user", "アクティブユーザーあたりログイン数"),
    "health.m.seat_utilisation": ("Seat utilisation", "シート利用率"),
    "health.m.feature_breadth": ("Feature breadth", "利用機能数"),
    "health.m.new_feature_adoption": ("New-feature adoption", "新機能の採用率"),
    "health.m.usage_trend": ("Usage trend", "利用トレンド"),
    "health.m.spend_change": ("Change in spend", "支出の変化"),
    "health.m.support_tickets": ("Support tickets", "サポートチケット"),
    "health.m.nps": ("NPS", "NPS"),
    "health.m.months_to_renewal": ("Months to renewal", "更新までの月数"),
    "health.help.logins_per_user": ("Logins in the month divided by active users (usage metrics logins, active_users).",
                                    "月間ログイン数 ÷ アクティブユーザー数（usage の logins, active_users）。"),
    "health.help.seat_utilisation": ("Active users divided by seats bought (active_users / seats).",
                                     "アクティブユーザー数 ÷ 購入シート数（active_users / seats）。"),
    "health.help.feature_breadth": ("Features used in the month (features_used).", "月間の利用機能数（features_used）。"),
    "health.help.new_feature_adoption": ("Share of users on recently released features (new_feature_adoption).",
                                         "新しくリリースされた機能を使うユーザーの割合（new_feature_adoption）。"),
    "health.help.usage_trend": ("Average monthly logins of the last 3 months against the 3 before, minus 1 "
                                "(needs 2 months of data in each).",
                                "直近3か月の平均ログイン数 ÷ その前の3か月 − 1（各期間に2か月以上のデータが必要）。"),
    "health.help.spend_change": ("MRR now against MRR 3 months ago, minus 1 (needs MRR 3 months ago).",
                                 "現在のMRR ÷ 3か月前のMRR − 1（3か月前にMRRが必要）。"),
    "health.help.support_tickets": ("Average support tickets per month over the last 3 months; fewer is better "
                                    "by default.", "直近3か月の月平均サポートチケット数。既定では少ないほど良い。"),
    "health.help.nps": ("The latest NPS answer of the last 6 months.", "直近6か月で最新のNPS回答。"),
    "health.help.months_to_renewal": ("Months until the contract renews: the usage metric months_to_renewal, else "
                                      "the end dates of subscriptions still running after the as-of month.",
                                      "契約更新までの月数。usage の months_to_renewal 指標、なければ基準月より後に終了する"
                                      "契約の終了日から求めます。"),
    "health.m.tenure_months": ("Tenure", "継続月数"),
    "health.m.product_count": ("Products", "契約製品数"),
    "health.m.drop_from_peak": ("Drop from 12-month peak", "直近12か月ピークからの減少"),
    "health.help.tenure_months": ("Months since the account's first paid month (revenue data).",
                                  "初めて課金した月からの月数（売上データから）。"),
    "health.help.product_count": ("Products the account pays for in the month (the revenue table's product column).",
                                  "その月に課金している製品の数（売上テーブルの product 列）。"),
    "health.help.drop_from_peak": ("MRR now against the highest MRR of the last 12 months, minus 1: past contraction "
                                   "(0 = at its peak).", "現在のMRR ÷ 直近12か月の最高MRR − 1。過去の縮小（0 = ピーク）。"),
    "health.revenue_only": ("No usage table is loaded: scores rest on revenue alone ({measures}). A usage file would add "
                            "{usage}.", "usage テーブルが読み込まれていないため、スコアは売上データ（{measures}）のみに"
                            "基づきます。usage ファイルを読み込むと {usage} が加わります。"),
    # controls
    "health.model": ("Scoring model", "スコアリングモデル"),
    "health.model_help": ("The default model scores every segment without its own model. Give a segment its own "
                          "model (e.g. Enterprise) to weigh it differently.",
                          "既定モデルは専用モデルのないすべてのセグメントを採点します。セグメントに専用モデルを作ると別の重みを使えます。"),
    "health.model_default": ("Default (all segments)", "既定（全セグメント）"),
    "health.model_add": ("Add a model for segment", "専用モデルを追加するセグメント"),
    "health.model_add_help": ("A segment that has no model of its own yet.", "まだ専用モデルのないセグメント。"),
    "health.model_add_button": ("Own model", "専用モデルを作成"),
    "health.model_remove": ("Remove", "削除"),
    "health.model_remove_help": ("Remove this segment's model; the segment goes back to the default model.",
                                 "このセグメントのモデルを削除し、既定モデルに戻します。"),
    "health.lacking": ("{n} of {total} lack it", "{total}社中{n}社はデータなし"),
    "health.rules_header": ("Rules and band thresholds", "ルールとバンドのしきい値"),
    "health.rule_measure": ("Measure", "指標"),
    "health.rule_measure_help": ("The measure whose rule you edit.", "ルールを編集する指標。"),
    "health.rule": ("Rule", "ルール"),
    "health.rule_help": ("How the measure becomes a 0-100 sub-score: thresholds (red 0, yellow 50, green 100), "
                         "linear between two values, or the account's percentile among this month's accounts.",
                         "指標を0〜100のサブスコアに変換する方法：しきい値（赤0・黄50・緑100）、2つの値の間で線形、"
                         "または当月の顧客の中でのパーセンタイル。"),
    "health.rule.thresholds": ("Thresholds", "しきい値"),
    "health.rule.linear": ("Linear", "線形"),
    "health.rule.percentile": ("Percentile", "パーセンタイル"),
    "health.higher_is_better": ("Higher is better", "高いほど良い"),
    "health.higher_is_better_help": ("Off: a lower value scores higher (e.g. support tickets).",
                                     "オフ：値が低いほど高得点（例：サポートチケット）。"),
    "health.range.thresholds": ("Red below / green from", "赤の上限 / 緑の下限"),
    "health.range.thresholds_help": ("Below the first value the sub-score is 0 (red), from it 50 (yellow), from the "
                                     "second 100 (green); reversed when lower is better.",
                                     "1つ目の値未満は0（赤）、以上は50（黄）、2つ目以上は100（緑）。低いほど良い場合は逆。"),
    "health.range.linear": ("0 at / 100 at", "0点の値 / 100点の値"),
    "health.range.linear_help": ("The sub-score rises in a straight line from 0 at the first value to 100 at the "
                                 "second, clipped outside.", "1つ目の値で0、2つ目の値で100となる直線。範囲外は切り詰め。"),
    "health.range_bad": ("The two values must differ.", "2つの値は異なる必要があります。"),
    "health.percentile_note": ("Percentiles need no values: each account is ranked within the month.",
                               "パーセンタイルは値の設定不要です。各顧客を当月内で順位付けします。"),
    "health.bands": ("Neutral from / Good from", "注意の下限 / 良好の下限"),
    "health.bands_help": ("Score thresholds of the bands: Good >= the second, Neutral >= the first, else Poor.",
                          "バンドのしきい値：2つ目以上は良好、1つ目以上は注意、それ未満は危険。"),
    "health.bands_caption": ("Good >= {good} > Neutral >= {neutral} > Poor", "良好 >= {good} > 注意 >= {neutral} > 危険"),
    "health.dir.up": ("higher is better", "高いほど良い"),
    "health.dir.down": ("lower is better", "低いほど良い"),
    # bands
    "health.band.Good": ("Good", "良好"),
    "health.band.Neutral": ("Neutral", "注意"),
    "health.band.Poor": ("Poor", "危険"),
    "health.band.No data": ("No data", "データなし"),
    "health.bands_header": ("Accounts by band", "バンド別の顧客"),
    "health.bands_finding": ("{poor} accounts ({share}) are Poor, holding {arr} of ARR ({arr_share}); {good} are Good.",
                             "{poor}社（{share}）が危険で、ARRの{arr}（{arr_share}）を占めます。良好は{good}社です。"),
    "health.band_tile_help": ("Accounts whose band is {band} (the band a CSM set by hand where there is one). The "
                              "change is against the active saved configuration.",
                              "バンドが{band}の顧客数（CSMが手動で設定したバンドを優先）。増減は保存済みの有効な設定との比較です。"),
    "health.band_arr": ("ARR {arr}", "ARR {arr}"),
    "health.unscored": ("{n} of the {total} accounts have no score: none of the weighted measures is available for "
                        "them, so they are in no band.",
                        "{total}社のうち{n}社はスコアがありません。重み付きの指標がどれも利用できないため、どのバンドにも入りません。"),
    "health.thin_scores": ("{n} of {scored} scored accounts have only one weighted measure, so that measure alone is "
                           "their score. Check the coverage of each measure below, or load usage for those accounts.",
                           "スコアのある{scored}社のうち{n}社は重み付きの指標が1つしかなく、その指標だけでスコアが決まっています。"
                           "下の指標ごとの欠損を確認するか、それらの顧客の利用データを読み込んでください。"),
    "health.no_score": ("no score", "スコアなし"),
    "health.field.weight": ("weight", "重み"),
    "health.field.rule": ("rule", "ルール"),
    "health.field.low": ("low value", "下限値"),
    "health.field.high": ("high value", "上限値"),
    "health.field.higher_is_better": ("higher is better", "高いほど良い"),
    "health.field.good": ("Good threshold", "良好のしきい値"),
    "health.field.neutral": ("Neutral threshold", "注意のしきい値"),
    "health.col.override_id": ("Override", "上書きID"),
    "health.col.reason": ("Reason", "理由"),
    "health.col.set_at": ("Set at", "設定日時"),
    "health.col.expires_on": ("Expires on", "有効期限"),
    "health.col.cleared_at": ("Cleared at", "解除日時"),
    "health.col.status": ("Status", "状態"),
    "health.col.path": ("Setting", "設定"),
    "health.status.active": ("active", "有効"),
    "health.status.expired": ("expired", "期限切れ"),
    "health.status.cleared": ("cleared", "解除済み"),
    "health.col.old": ("Saved", "保存済み"),
    "health.col.new": ("On screen", "画面上"),
    "health.bands_definition": ("Each measure becomes a 0-100 sub-score by its rule; the score is the weighted mean of "
                                "the sub-scores the account has (weights renormalise over the available measures). "
                                "Bands by the thresholds; an override set by a CSM replaces the band, the computed one "
                                "stays visible. The SQL builds the measures once per dataset version.",
                                "各指標はルールで0〜100のサブスコアになり、スコアは顧客が持つサブスコアの加重平均です"
                                "（欠けた指標の分は重みを再配分）。バンドはしきい値で決まり、CSMの手動設定があればそれを優先し、"
                                "計算上のバンドも表示します。SQLはデータセットのバージョンごとに一度だけ指標を計算します。"),
    "health.bands_formula": (
        "sub-score = the measure's rule applied to its value (0-100); score = sum(weight x sub-score) / "
        "sum(weight) over the measures the account has; band = Good at or above the Good threshold, Neutral at "
        "or above the Neutral one, else Poor; an active override replaces the band.",
        "サブスコア＝指標の値にルールを適用（0〜100）、スコア＝Σ(重み×サブスコア)÷Σ重み（顧客が持つ指標のみ）、"
        "バンド＝Goodしきい値以上でGood、Neutralしきい値以上でNeutral、それ以外はPoor。有効な手動設定はバンドを置き換えます。"),
    "health.changed_definition": (
        "Each account scored twice from the same measures: with the configuration on screen and with the saved "
        "active one; listed when the computed bands differ, biggest ARR first.",
        "同じ指標から各顧客を2回採点します（画面上の設定と保存済みの有効な設定）。計算上のバンドが異なる顧客をARRの大きい順に表示します。"),
    "health.coverage_definition": (
        "For each measure, the accounts of the month whose value is missing (no usage rows, no survey answer, "
        "...), from the measures' rows above; their weight is shared among the measures they have.",
        "指標ごとに、その月の値が欠けている顧客数（利用データなし、回答なし等）。欠けた指標の重みは顧客が持つ指標に再配分されます。"),
    "health.backtest_formula": (
        "AUC = the chance that an account with the outcome scores lower than one without (ties count half); "
        "rate per band = accounts with the outcome / accounts in the band; lift of a decile = its rate / the "
        "overall rate. Scores are computed in Python from the month-T rows below.",
        "AUC＝結果が起きた顧客が起きなかった顧客よりスコアが低い確率（同点は半分）。バンド別発生率＝結果が起きた顧客÷バンドの顧客。"
        "十分位のリフト＝その発生率÷全体の発生率。スコアは下の月Tの行から Python で計算します。"),
    "health.suggest_definition": (
        "A logistic regression of the back-test outcome on the sub-scores of month T, for the accounts of the "
        "model being edited; its coefficients, made positive and scaled to sum to 100, are the suggested weights.",
        "編集中のモデルの顧客について、月Tのサブスコアでバックテストの結果をロジスティック回帰します。係数を正にして合計100に"
        "換算したものが提案の重みです。"),
    "health.account_definition": (
        "One account's score and band under the configuration on screen, what each measure contributes "
        "(weight x sub-score / total weight), its score month by month, and any band set by hand.",
        "画面上の設定での1顧客のスコアとバンド、各指標の寄与（重み×サブスコア÷重みの合計）、月ごとのスコア、手動設定のバンド。"),
    "health.configs_definition": (
        "Configurations are saved with a version number each time, outside the data versions; the active one "
        "scores the other pages. The difference lists every setting the screen changes against the active one.",
        "設定は保存のたびにバージョン番号付きで、データバージョンの外に保存されます。有効な設定が他のページの採点に使われます。"
        "差分は画面上で有効な設定から変えた項目の一覧です。"),
    "health.accounts_table": ("Scores of every account", "全顧客のスコア"),
    "health.changed_header": ("Accounts that change band", "バンドが変わる顧客"),
    "health.changed_finding": ("{n} accounts get a different computed band than under the saved configuration.",
                               "{n}社の計算上のバンドが保存済みの設定と異なります。"),
    "health.changed_none": ("No account changes band against the saved configuration.",
                            "保存済みの設定と比べてバンドが変わる顧客はありません。"),
    "health.coverage_header": ("Accounts lacking each measure", "指標ごとのデータ欠損"),
    "health.coverage_finding": ("{n} measures are missing for some accounts; their weight goes to the measures "
                                "those accounts have.", "{n}個の指標が一部の顧客で欠けています。その重みは顧客が持つ指標に再配分されます。"),
    "health.coverage_full": ("Every account has every measure.", "すべての顧客がすべての指標を持っています。"),
    "health.col.measure": ("Measure", "指標"),
    "health.col.missing": ("Accounts lacking it", "欠損顧客数"),
    "health.col.accounts": ("Accounts", "顧客数"),
    "health.col.share": ("Share lacking", "欠損率"),
    "health.col.weight": ("Weight", "重み"),
    "health.rows_shown": ("Showing {shown} of {total} rows; the CSV has them all.",
                          "{total}行中{shown}行を表示しています。CSVにはすべて含まれます。"),
    "health.col.account_id": ("Account id", "顧客ID"),
    "health.col.account_name": ("Account", "顧客名"),
    "health.col.segment": ("Segment", "セグメント"),
    "health.col.csm": ("CSM", "CSM"),
    "health.col.arr": ("ARR", "ARR"),
    "health.col.score": ("Score", "スコア"),
    "health.col.band": ("Band", "バンド"),
    "health.col.computed_band": ("Computed band", "計算上のバンド"),
    "health.col.override": ("Set by hand", "手動設定"),
    "health.col.saved_score": ("Saved score", "保存済み設定のスコア"),
    "health.col.saved_band": ("Saved band", "保存済み設定のバンド"),
    "health.col.name": ("Name", "名前"),
    "health.col.version": ("Version", "バージョン"),
    "health.col.saved_at": ("Saved at", "保存日時"),
    "health.col.author": ("Author", "作成者"),
    "health.col.note": ("Note", "メモ"),
    "health.col.changes": ("Changes against the previous version", "前バージョンからの変更"),
    "health.col.active": ("Active", "有効"),
    "health.col.outcomes": ("Outcomes", "結果あり"),
    "health.col.rate": ("Outcome rate", "発生率"),
    "health.col.decile": ("Score decile", "スコア十分位"),
    "health.col.lift": ("Lift", "リフト"),
    "health.col.captured": ("Outcomes captured", "捕捉した結果の割合"),
    "health.col.auc": ("AUC", "AUC"),
    "health.col.suggested": ("Suggested weight", "提案の重み"),
    "health.col.coefficient": ("Coefficient", "係数"),
    # back-test
    "health.backtest_header": ("Does the score predict churn?", "スコアは解約を予測できるか"),
    "health.horizon": ("Horizon (months)", "観測期間（月）"),
    "health.horizon_help": ("How many months after T an outcome counts.", "T以降、何か月以内の結果を数えるか。"),
    "health.bt_month": ("Scored month T", "採点月 T"),
    "health.bt_reading": ("Reading the accounts that paid in {month}, their measures and their next twelve months "
                          "of MRR…", "{month}に課金中の顧客の指標と、その後12か月のMRRを読み込んでいます…"),
    "health.bt_month_help": ("Accounts paying in this month are scored with the configuration on screen. It starts at "
                             "the latest month that every horizon up to 12 months can follow, and stays when the "
                             "horizon moves, so horizons compare the same accounts.",
                             "この月に課金中の顧客を、画面上の設定で採点します。最初は12か月までのどの観測期間でも追える"
                             "最新の月で、観測期間を動かしても変わらないため、同じ顧客で期間を比べられます。"),
    "health.contraction": ("Contraction counts from", "縮小とみなす減少率"),
    "health.contraction_help": ("An account whose MRR falls more than this below its MRR in T (or to 0) within the "
                                "horizon counts as an outcome.", "観測期間内にMRRがTの時点よりこの割合を超えて減った（または0になった）顧客を結果ありと数えます。"),
    "health.backtest_short": ("The data is too short for a {horizon}-month horizon.", "{horizon}か月の観測期間にはデータが足りません。"),
    "health.backtest_finding": ("Scored in {month}, {n} of {total} accounts churned or shrank by more than {pct}% "
                                "within {horizon} months: {bands}; AUC {auc}.",
                                "{month}時点の採点で、{total}社中{n}社が{horizon}か月以内に解約または{pct}%超の縮小をしました。"
                                "{bands}。AUCは{auc}です。"),
    "health.bt_bands": ("{poor} of Poor accounts against {good} of Good ones", "危険のうち{poor}、良好のうち{good}"),
    "health.bt_bands_good": ("{good} of Good accounts, and no account was Poor", "良好のうち{good}（危険の顧客はなし）"),
    "health.bt_bands_poor": ("{poor} of Poor accounts, and no account was Good", "危険のうち{poor}（良好の顧客はなし）"),
    "health.bt_bands_none": ("no account was Poor or Good", "危険・良好の顧客はなし"),
    "health.backtest_none": ("None of the {total} accounts paying in {month} churned or shrank by more than {pct}% "
                             "within {horizon} months, so the score has nothing to rank yet.",
                             "{month}に課金中の{total}社のうち、{horizon}か月以内に解約または{pct}%超の縮小をした顧客は"
                             "いないため、スコアが順位付ける対象がまだありません。"),
    "health.backtest_none_longer": ("Within {horizon} months {n} did: move the horizon to see how the score ranked "
                                    "them.", "{horizon}か月以内なら{n}社が該当します。観測期間を延ばすと、スコアが"
                                    "それらをどう順位付けたかを確認できます。"),
    "health.backtest_none_later": ("Pick a later scored month or a lower contraction threshold.",
                                   "より後の採点月か、より低い縮小の閾値を選んでください。"),
    "health.auc": ("ROC AUC of the score", "スコアのROC AUC"),
    "health.auc_help": ("The chance that an account without the outcome scores higher than one with it: 0.5 is a "
                        "coin toss, 1 a perfect ranking.", "結果なしの顧客が結果ありの顧客より高得点である確率。0.5は当て推量、1は完全な順位付け。"),
    "health.outcome_rate": ("Outcome rate", "結果の発生率"),
    "health.outcome_rate_help": ("Share of scored accounts that churned or lost more than {pct}% of MRR within "
                                 "{horizon} months.", "採点した顧客のうち、{horizon}か月以内に解約またはMRRが{pct}%超減った割合。"),
    "health.top_lift": ("Lift of the riskiest tenth", "最もリスクの高い10%のリフト"),
    "health.top_lift_help": ("Outcome rate of the lowest-scored 10% of accounts divided by the overall rate.",
                             "スコア下位10%の顧客の発生率 ÷ 全体の発生率。"),
    "health.measure_auc": ("Each measure's own AUC", "指標ごとのAUC"),
    "health.backtest_definition": ("Every account paying in T is scored with the configuration on screen. Outcome: "
                                   "MRR reached 0, or its lowest MRR in the H months after T fell more than X% below "
                                   "MRR in T. Rates per band, the ROC AUC of the score and of each measure's sub-score "
                                   "alone (accounts that have it), and lift by score decile (riskiest first).",
                                   "Tに課金中の全顧客を画面上の設定で採点します。結果：T以降H か月のうちにMRRが0になった、"
                                   "または最低MRRがTのMRRよりX%超低くなった。バンド別の発生率、スコアと各指標のサブスコア単独の"
                                   "ROC AUC（データのある顧客のみ）、スコア十分位別のリフト（リスクの高い順）。"),
    "health.backtest_tables": ("Back-test tables", "バックテストの表"),
    "health.suggest_header": ("Suggested weights", "重みの提案"),
    "health.suggest_button": ("Fit weights for {model}", "{model}の重みを推定"),
    "health.suggest_help": ("Fits a logistic regression of the outcome on the sub-scores of month T; nothing "
                            "changes until you apply it.", "T月のサブスコアで結果をロジスティック回帰します。適用するまで何も変わりません。"),
    "health.suggest_caption": ("A logistic regression can suggest weights from the back-test; you decide whether "
                               "to apply them.", "バックテストからロジスティック回帰で重みを提案できます。適用するかはあなたが決めます。"),
    "health.suggest_finding": ("On these {n} accounts the suggested weights give AUC {then} against {now} now.",
                               "この{n}社では、提案の重みのAUCは{then}（現在は{now}）です。"),
    "health.coefficient_help": ("Change in the log-odds of the outcome per 100 sub-score points; negative means "
                                "the measure lowers risk.", "サブスコア100点あたりの結果の対数オッズの変化。負ならリスクを下げる指標です。"),
    "health.suggest_apply": ("Apply suggested weights", "提案の重みを適用"),
    "health.suggest_apply_help": ("Puts the suggested weights on the sliders; save to keep them.",
                                  "提案の重みをスライダーに反映します。残すには保存してください。"),
    # one account
    "health.account_header": ("One account", "顧客の詳細"),
    "health.find": ("Find an account", "顧客を検索"),
    "health.find_help": ("Part of the account name or id; the list starts with the lowest scores.",
                         "顧客名またはIDの一部。一覧はスコアの低い順です。"),
    "health.find_none": ("No account matches.", "該当する顧客がありません。"),
    "health.account": ("Account", "顧客"),
    "health.account_help": ("Lowest scores first.", "スコアの低い順。"),
    "health.score": ("Score", "スコア"),
    "health.score_help": ("Weighted mean of the account's sub-scores; the change is against last month.",
                          "サブスコアの加重平均。増減は前月との比較です。"),
    "health.computed_band": ("Computed band", "計算上のバンド"),
    "health.computed_help": ("The band the score gives under the configuration on screen.", "画面上の設定でスコアから決まるバンド。"),
    "health.override_band": ("Band set by hand", "手動設定のバンド"),
    "health.override_help": ("The band a CSM set, with a reason and an expiry; it replaces the computed band in "
                             "counts and on other pages until it expires.",
                             "CSMが理由と期限付きで設定したバンド。期限まで件数や他のページで計算上のバンドに代わって使われます。"),
    "health.why": ("Why this score: points per measure", "スコアの内訳：指標ごとの点数"),
    "health.history": ("Score by month", "月別スコア"),
    "health.override_set": ("Set the band by hand", "バンドを手動で設定"),
    "health.author_is": ("Saved as {user}", "{user} として保存します"),
    "health.expires": ("Expires on", "有効期限"),
    "health.expires_help": ("From this day the override no longer applies; it stays in the history.",
                            "この日から手動設定は適用されなくなります。履歴には残ります。"),
    "health.reason": ("Reason", "理由"),
    "health.override_save": ("Save override", "手動設定を保存"),
    "health.override_saved": ("Override saved.", "手動設定を保存しました。"),
    "health.override_history": ("Overrides of this account", "この顧客の手動設定履歴"),
    "health.override_clear": ("End the active override now", "有効な手動設定を今すぐ終了"),
    # configurations
    "health.configs_header": ("Saved configurations", "保存済みの設定"),
    "health.configs_finding": ("Active: {name} version {version} (version 0 is the built-in default); the screen "
                               "differs from it in {n} values.", "有効な設定：{name} バージョン{version}（0は組み込みの既定）。"
                               "画面上の設定との違いは{n}項目です。"),
    "health.unsaved": ("{n} unsaved changes", "未保存の変更 {n}件"),
    "health.save_name": ("Configuration name", "設定名"),
    "health.save": ("Save", "保存"),
    "health.save_help": ("Saves the screen as a new version of this name and makes it active (the one every "
                         "page and command uses).", "画面上の設定をこの名前の新しいバージョンとして保存し、有効にします（全ページとコマンドが使用）。"),
    "health.saved": ("Saved {name} version {version}; it is now active.", "{name} バージョン{version}を保存し、有効にしました。"),
    "health.version_pick": ("Version", "バージョン"),
    "health.version_load": ("Load and activate", "読み込んで有効化"),
    "health.version_load_help": ("Puts this version on screen and makes it the active configuration.",
                                 "このバージョンを画面に読み込み、有効な設定にします。"),
    "health.export": ("Export JSON", "JSONを書き出す"),
    "health.import": ("Import JSON", "JSONを読み込む"),
    "health.import_help": ("A configuration file as described in docs/health-config.md.",
                           "docs/health-config.md に記載の形式の設定ファイル。"),
    "health.import_apply": ("Put the imported configuration on screen", "読み込んだ設定を画面に反映"),
    "health.import_bad": ("Cannot use this file: {error}", "このファイルは使えません：{error}"),
    # chart words
    "health.lbl.score": ("Score", "スコア"),
    "health.lbl.accounts": ("Accounts", "顧客数"),
    "health.lbl.points": ("Points", "点数"),
    "health.lbl.sub_score": ("Sub-score", "サブスコア"),
    "health.lbl.weight": ("Weight", "重み"),
    "health.lbl.missing": ("no data", "データなし"),
    "health.lbl.month": ("Month", "月"),
    "health.lbl.rate": ("Outcome rate", "発生率"),
    "health.lbl.outcomes": ("Outcomes", "結果あり"),
    "health.lbl.decile": ("Score decile (riskiest first)", "スコア十分位（リスクの高い順）"),
    "health.lbl.lift": ("Lift", "リフト"),
    "health.lbl.captured": ("Outcomes captured", "捕捉した結果の割合"),
}
