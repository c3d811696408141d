"""Messages of the Cohort retention page."""

MESSAGES = {
    "cohorts.metric": ("Retention", "継続率の種類"),
    "cohorts.metric_help": ("Logo: share of the cohort's accounts still paying. Net: the cohort's MRR at that age "
                            "divided by its MRR at age 0 (expansion can lift it above 100%). Gross: the same with "
                            "each account capped at its age-0 MRR, so only losses count.",
                            "ロゴ: まだ支払っているアカウントの割合。ネット: その経過期間のMRR ÷ 開始月のMRR（拡大で100%を超えることがあります）。"
                            "グロス: 各アカウントを開始月のMRRで上限とし、減少だけを数えます。"),
    "cohorts.metric.logo": ("Logo retention", "ロゴ継続率"),
    "cohorts.metric.net": ("Net revenue retention", "売上継続率（ネット）"),
    "cohorts.metric.gross": ("Gross revenue retention", "売上継続率（グロス）"),
    "cohorts.grain": ("Cohort by", "コホートの単位"),
    "cohorts.grain_help": ("Group accounts by the month or the quarter of their first paid month. With quarters, "
                           "age 1 is three months after each account's own first month.",
                           "初回課金月の月または四半期でアカウントをまとめます。四半期の場合、経過1は各アカウント自身の初月から3か月後です。"),
    "cohorts.grain.month": ("Month", "月"),
    "cohorts.grain.quarter": ("Quarter", "四半期"),
    "cohorts.filters": ("Filters", "絞り込み"),
    "cohorts.filter.segment": ("Segment", "セグメント"),
    "cohorts.filter.csm": ("CSM", "担当CSM"),
    "cohorts.filter.region": ("Region", "地域"),
    "cohorts.filter.first_product": ("First product", "最初の製品"),
    "cohorts.filter_help": ("Keep only accounts with these values (empty keeps everyone). The first product is "
                            "the one with the most MRR in the account's first paid month.",
                            "この値を持つアカウントだけを残します（空欄はすべて）。最初の製品は初回課金月にMRRが最大の製品です。"),
    "cohorts.no_revenue": ("No paying accounts match these filters.", "条件に合う課金アカウントがありません。"),
    "cohorts.tile.cohorts": ("Cohorts", "コホート数"),
    "cohorts.tile.cohorts_help": ("Cohorts (first paid month or quarter) with at least one account after filters.",
                                  "絞り込み後に1件以上のアカウントがあるコホート（初回課金の月・四半期）の数。"),
    "cohorts.tile.accounts": ("Accounts", "アカウント数"),
    "cohorts.tile.accounts_help": ("Accounts that have ever paid, in all cohorts shown.",
                                   "表示中のすべてのコホートで、一度でも課金したアカウントの数。"),
    "cohorts.tile.average": ("Average at age {age}", "経過{age}時点の平均"),
    "cohorts.tile.average_help": ("{metric} at age {age}, averaged over the {n} cohorts that have reached it, "
                                  "weighted by cohort size (accounts for logo, starting MRR for net and gross).",
                                  "経過{age}の{metric}。到達した{n}個のコホートの平均で、規模（ロゴはアカウント数、ネットとグロスは開始MRR）で加重。"),
    "cohorts.age.month": ("months", "か月"),
    "cohorts.age.quarter": ("quarters", "四半期"),
    "cohorts.triangle": ("Retention triangle", "継続率の三角表"),
    "cohorts.triangle_finding": ("After {age} {unit}, the average cohort keeps {average} ({metric}); the best of the "
                                 "{n} cohorts that got there, {best}, keeps {best_value} and the weakest, {worst}, "
                                 "keeps {worst_value}.",
                                 "経過{age}{unit}で平均的なコホートは{average}を維持しています（{metric}）。到達した{n}個のうち最良の{best}は"
                                 "{best_value}、最も弱い{worst}は{worst_value}です。"),
    "cohorts.triangle_young": ("All {n} cohorts are still at age 0: come back when a month has passed.",
                               "{n}個のコホートはまだ経過0です。1か月後に確認してください。"),
    "cohorts.hover.cohort": ("Cohort", "コホート"),
    "cohorts.hover.age": ("Age", "経過"),
    "cohorts.hover.size": ("Cohort size", "コホート規模"),
    "cohorts.hover.active": ("Active accounts", "継続アカウント"),
    "cohorts.hover.mrr": ("MRR", "MRR"),
    "cohorts.hover.start_mrr": ("MRR at age 0", "開始時MRR"),
    "cohorts.hover.accounts": ("Accounts", "アカウント"),
    "cohorts.drill": ("Accounts behind a cell", "セルの内訳アカウント"),
    "cohorts.drill_cohort": ("Cohort", "コホート"),
    "cohorts.drill_age": ("Age", "経過"),
    "cohorts.drill_caption": ("{active} of {total} accounts active at age {age}; MRR {mrr} (was {start}).",
                              "経過{age}で{total}件中{active}件が継続、MRR {mrr}（開始時 {start}）。"),
    "cohorts.drill_accounts": ("The cell's {total} accounts", "このセルの{total}社"),
    "cohorts.matrix_table": ("The triangle as a table", "三角表のデータ"),
    "cohorts.triangle_definition": (
        "An account's **cohort** is its first month with MRR > 0 (or that month's quarter). **Age k** is k months "
        "(or 3k months) after the account's own first paid month, so age 0 is always 100% for logo and net "
        "retention. **Logo retention** = cohort accounts with MRR > 0 at age k / cohort accounts. **Net revenue "
        "retention** = cohort MRR at age k / cohort MRR at age 0 (may exceed 100%). **Gross revenue retention** = "
        "sum over the cohort of min(MRR at age k, MRR at age 0) / MRR at age 0. A cell appears only when every "
        "account of the cohort has reached the age by the as-of month: later cells are empty, never 0.",
        "アカウントの**コホート**はMRR > 0となった最初の月（またはその四半期）です。**経過k**は各アカウント自身の初回課金月からkか月"
        "（四半期なら3kか月）後で、ロゴとネットの経過0は常に100%です。**ロゴ継続率** = 経過kでMRR > 0のアカウント数 ÷ コホートのアカウント数。"
        "**売上継続率（ネット）** = 経過kのMRR ÷ 経過0のMRR（100%を超えることがあります）。**売上継続率（グロス）** = "
        "min(経過kのMRR, 経過0のMRR)の合計 ÷ 経過0のMRR。コホートの全アカウントが基準月までに到達した経過だけを表示し、未来のセルは0ではなく空欄です。"),
    "cohorts.curves": ("Retention curves", "継続率カーブ"),
    "cohorts.curves_pick": ("Cohorts to compare", "比較するコホート"),
    "cohorts.curves_pick_help": ("Thin lines: the cohorts picked. Bold line: the weighted average of all cohorts "
                                 "shown, at each age over the cohorts that have reached it.",
                                 "細線: 選んだコホート。太線: 表示中の全コホートの加重平均（各経過に到達したコホートのみ）。"),
    "cohorts.curves_finding": ("The weighted average stands at {mid} at age {mid_age}; its low point after age 0 "
                               "is {low} at age {low_age}, and it ends at {last} at age {last_age}, the oldest age "
                               "({n} cohort(s) reached it).",
                               "加重平均は経過{mid_age}で{mid}です。経過0以降の最低は経過{low_age}の{low}で、最長の経過{last_age}"
                               "（{n}個のコホートが到達）では{last}です。"),
    "cohorts.average": ("Weighted average", "加重平均"),
    "cohorts.average_table": ("Weighted average by age", "経過ごとの加重平均"),
    "cohorts.tiles_definition": (
        "The tiles read the triangle below: the weighted average retention of every cohort old enough at the "
        "headline age, and the count and size of the cohorts in view.",
        "タイルは下の三角表から計算します。見出しの経過月に達した全コホートの加重平均維持率と、表示中のコホートの数と規模です。"),
    "cohorts.curves_formula": (
        "average(k) = sum over the cohorts that reached age k of the numerator at k / sum of their denominators "
        "(accounts retained / accounts for logo retention; MRR at k / MRR at age 0 for net and gross), computed "
        "from the triangle's rows below.",
        "平均(k) ＝ 経過kに達したコホートの分子の合計 ÷ 分母の合計（ロゴは残存アカウント数÷アカウント数、ネットとグロスは経過kのMRR÷経過0のMRR）。"
        "下の三角表の行から計算します。"),
    "cohorts.drill_definition": (
        "The accounts of the chosen cohort at the chosen age: their MRR at age 0 and at that age, and whether "
        "they still pay (MRR > 0).",
        "選んだコホートの選んだ経過月における顧客。経過0と経過kのMRR、課金継続中（MRR > 0）かどうか。"),
    "cohorts.ttv_accounts_definition": (
        "One row per account: its cohort, the months it took to reach the threshold (empty when not yet), and "
        "its MRR at age 0 and now.",
        "顧客ごとに1行：コホート、しきい値に達するまでの月数（未達は空欄）、経過0と現在のMRR。"),
    "cohorts.curves_definition": (
        "The **weighted average** at age k uses only the cohorts that have reached age k. Each cohort weighs by its "
        "size: accounts for logo retention, MRR at age 0 for net and gross retention, so the average is the sum of "
        "the numerators divided by the sum of the denominators.",
        "経過kの**加重平均**は経過kに到達したコホートだけを使います。各コホートは規模（ロゴはアカウント数、ネットとグロスは経過0のMRR）で"
        "重み付けされ、平均は分子の合計 ÷ 分母の合計です。"),
    "cohorts.ttv": ("Time to value", "価値実現までの期間"),
    "cohorts.ttv_threshold": ("Full deployment at active users / seats of", "フル展開とみなす アクティブユーザー ÷ シート数"),
    "cohorts.ttv_threshold_help": ("An account reaches value in the first month its active users reach this share of "
                                   "its paid seats.", "アクティブユーザーが契約シート数のこの割合に初めて達した月を価値実現とします。"),
    "cohorts.ttv_group.0-1": ("0-1 months", "0〜1か月"),
    "cohorts.ttv_group.2-3": ("2-3 months", "2〜3か月"),
    "cohorts.ttv_group.4+": ("4+ months", "4か月以上"),
    "cohorts.ttv_group.never": ("Not yet", "未到達"),
    "cohorts.ttv_finding": ("Accounts that reached {threshold} deployment within 0-1 months keep {fast} of their "
                            "revenue after {age} months; accounts that have not reached it keep {never}.",
                            "0〜1か月で{threshold}の展開に達したアカウントは{age}か月後に売上の{fast}を維持し、未到達のアカウントは{never}です。"),
    "cohorts.ttv_finding_partial": ("{fast_share} of accounts reached {threshold} deployment within 0-1 months; "
                                    "the groups do not yet have {age} months of history to compare.",
                                    "{fast_share}のアカウントが0〜1か月で{threshold}の展開に達しました。比較できる{age}か月の履歴はまだありません。"),
    "cohorts.ttv_curves_table": ("Net revenue retention by group and age", "グループ・経過別の売上継続率"),
    "cohorts.ttv_accounts": ("Accounts by time to value", "価値実現期間別のアカウント"),
    "cohorts.ttv_definition": (
        "From the usage table (metrics active_users and seats): **time to value** is the number of months from the "
        "account's first paid month to the first month in which active users / seats reaches the threshold "
        "(reaching it before paying counts as 0). Each curve is the **net revenue retention** of its group: MRR at "
        "age k / MRR at age 0, summed over the group's accounts that have reached age k. Read with care: an account "
        "must survive to be counted as reaching value late, and young accounts sit in \"not yet\". The chart "
        "leaves out ages where a group has fewer than {min_accounts} accounts (the table keeps them).",
        "usageテーブル（active_users と seats）から、**価値実現までの期間**は初回課金月から アクティブユーザー ÷ シート数 が閾値に"
        "初めて達した月までの月数です（課金前に達した場合は0）。各カーブはグループの**売上継続率（ネット）**で、経過kに到達したアカウントの"
        "経過kのMRR合計 ÷ 経過0のMRR合計です。注意: 遅れて到達するには存続が必要で、若いアカウントは「未到達」に入ります。"
        "グラフではアカウントが{min_accounts}件未満の経過を省きます（表には残ります）。"),
    "cohorts.ttv_missing": ("Time to value needs usage rows with the metrics active_users and seats.",
                            "価値実現までの期間には、指標 active_users と seats を含む usage データが必要です。"),
    "cohorts.col.cohort": ("Cohort", "コホート"),
    "cohorts.col.age": ("Age", "経過"),
    "cohorts.col.cohorts": ("Cohorts", "コホート数"),
    "cohorts.col.cohort_accounts": ("Cohort size", "コホートの顧客数"),
    "cohorts.col.cohort_mrr": ("Cohort MRR at age 0", "開始時のMRR"),
    "cohorts.col.accounts": ("Active accounts", "継続顧客数"),
    "cohorts.col.active_accounts": ("Active accounts", "継続顧客数"),
    "cohorts.col.mrr": ("MRR", "MRR"),
    "cohorts.col.start_mrr": ("MRR at age 0", "開始時のMRR"),
    "cohorts.col.retention": ("Retention", "継続率"),
    "cohorts.col.net_retention": ("Net revenue retention", "売上継続率"),
    "cohorts.col.account_id": ("Account ID", "顧客ID"),
    "cohorts.col.account_name": ("Account", "顧客名"),
    "cohorts.col.segment": ("Segment", "セグメント"),
    "cohorts.col.csm": ("CSM", "CSM"),
    "cohorts.col.region": ("Region", "地域"),
    "cohorts.col.first_product": ("First product", "最初の製品"),
    "cohorts.col.first_month": ("First paid month", "初回課金月"),
    "cohorts.col.active": ("Paying", "課金中"),
    "cohorts.col.months_to_value": ("Months to value", "価値実現までの月数"),
    "cohorts.col.value_group": ("Time-to-value group", "価値実現グループ"),
}
