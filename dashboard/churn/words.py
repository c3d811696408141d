"""Messages of the Churn review page and its retrospective mode."""

_COLUMNS = {
    "group": ("Group", "グループ"),
    "accounts": ("Churns", "解約数"),
    "arr_lost": ("ARR lost", "失ったARR"),
    "share_arr": ("Share of ARR lost", "失ったARRに占める割合"),
    "reason": ("Reason", "理由"),
    "segment": ("Segment", "セグメント"),
    "industry": ("Industry", "業種"),
    "region": ("Region", "地域"),
    "csm": ("CSM", "担当CSM"),
    "bucket": ("Tenure (months)", "契約期間（月）"),
    "check": ("Check", "チェック項目"),
    "failed": ("Failed", "不成立"),
    "checked": ("Recorded", "記録あり"),
    "share_failed": ("Share failed", "不成立の割合"),
    "account_id": ("Account ID", "顧客ID"),
    "account_name": ("Account", "顧客名"),
    "churn_month": ("Churn month", "解約月"),
    "month": ("Churn month", "解約月"),
    "mrr_month": ("Month", "月"),
    "months_before": ("Months before churn", "解約までの月数"),
    "mrr": ("MRR", "MRR"),
    "mrr_before": ("MRR before churn", "解約前月のMRR"),
    "tenure_months": ("Tenure at churn", "解約時の契約期間"),
    "returned_month": ("Came back in", "復帰月"),
    "gap_months": ("Months away", "離脱期間（月）"),
    "arr_now": ("ARR now", "現在のARR"),
    "recorded": ("Reason recorded", "理由の記録"),
    "primary_reason": ("Primary reason", "主な理由"),
    "secondary_reason": ("Secondary reason", "副次的な理由"),
    "competitor": ("Competitor", "競合"),
    "notes": ("Notes", "メモ"),
    "preventable": ("Preventable", "防止可能"),
    "budget_ok": ("Budget OK", "予算 OK"),
    "authority_ok": ("Authority OK", "決裁者 OK"),
    "needs_ok": ("Needs OK", "ニーズ OK"),
    "timeframe_ok": ("Timeframe OK", "導入時期 OK"),
    "competitor_ok": ("Competition OK", "競合 OK"),
    "churn_date": ("Churn date (record)", "解約日（記録）"),
    "days_off": ("Days from churn month", "解約月からの日数"),
    "problem": ("Problem", "問題"),
    "learnings": ("Learnings", "学び"),
    "action_items": ("Action items", "アクション"),
    "updated_at": ("Saved at", "保存日時"),
}

MESSAGES = {
    "churn.no_churn_window": ("No account churned in this window ({label}), so there are no reasons, segments or "
                              "win-backs to review. Pick a longer window or a later as-of month.",
                              "この期間（{label}）に解約したアカウントはないため、理由・セグメント・復帰の分析はありません。"
                              "より長い期間か、より後の基準月を選んでください。"),
    **{f"churn.col.{key}": pair for key, pair in _COLUMNS.items()},
    "churn.no_window": ("There is not enough revenue history for a window yet: at least two months are needed.",
                        "期間を作るのに十分な収益履歴がありません（2か月以上必要です）。"),
    "churn.no_reasons_caption": ("Churn still shows below, counted from revenue; every churn is (unrecorded) "
                                 "until churn_reasons is loaded.",
                                 "解約は売上から数えて表示します。churn_reasons を読み込むまで、すべて（未記録）です。"),
    "churn.no_reasons_table": ("No churn_reasons table is loaded, so there is nothing to check.",
                               "churn_reasons が読み込まれていないため、確認するものはありません。"),
    "churn.retro": ("Retrospective mode", "振り返りモード"),
    "churn.retro_help": ("One churned account per screen in large type for the all-hands, biggest ARR lost first. "
                         "The window stays as chosen.",
                         "全社会議向けに、解約した顧客を1画面に1社ずつ大きな文字で表示します（失ったARRの大きい順）。期間は選択中のままです。"),
    "churn.anonymise": ("Anonymise names", "社名を匿名化"),
    "churn.anonymise_help": ("Shows \"Customer A, B, ...\" instead of account names and IDs everywhere on the page, "
                             "including notes, charts and downloads.",
                             "ページ全体（メモ、グラフ、ダウンロードを含む）で社名とIDの代わりに「顧客A、B…」と表示します。"),
    "churn.group.unrecorded": ("(unrecorded)", "（未記録）"),
    "churn.group.none": ("(none)", "（なし）"),
    "churn.alias_prefix": ("Customer", "顧客"),
    "churn.alias_other": ("Another customer", "別の顧客"),
    "churn.alias_csm": ("CSM", "担当CSM"),
    "churn.retro_notes_anonymised": ("Anonymised: names in the saved notes are hidden; a box saved unchanged keeps "
                                     "its text as stored.", "匿名化中：保存済みメモの名前は隠しています。変更せずに"
                                     "保存した欄は保存済みの文面のままです。"),
    "churn.window_caption": ("Window {label}: churn movements from {first} to {last}.",
                             "期間 {label}：{first} から {last} までの解約。"),
    "churn.tile.logos": ("Churned logos", "解約社数"),
    "churn.tile.arr": ("Churned ARR", "解約ARR"),
    "churn.tile.share": ("Churned ARR / starting ARR", "解約ARR ÷ 期首ARR"),
    "churn.tile.recorded": ("With a recorded reason", "理由の記録あり"),
    "churn.help.logos": ("Churn movements in the window: an account whose MRR went from above zero to zero. An "
                         "account that churns twice counts twice.",
                         "期間内の解約：MRRが0より大きい状態から0になった顧客。2回解約した顧客は2回数えます。"),
    "churn.help.arr_lost": ("ARR lost = 12 x the account's MRR in the month before the churn month.",
                            "失ったARR = 解約月の前月のMRR × 12。"),
    "churn.help.share": ("Churned ARR divided by the ARR of every account paying in the window's start month "
                         "({starting}).", "解約ARR ÷ 期間開始月に課金していた全顧客のARR（{starting}）。"),
    "churn.help.recorded": ("{recorded} of {logos} churns have a churn_reasons row within 90 days of the churn month.",
                            "{logos} 件中 {recorded} 件の解約に、解約月から90日以内の churn_reasons の記録があります。"),
    "churn.help.tenure": ("Months from the start of the paying spell (new or reactivation) to the churn month.",
                          "課金開始（新規または復帰）から解約月までの月数。"),
    "churn.help.mrr_before": ("MRR in the month before the churn month.", "解約月の前月のMRR。"),
    "churn.help.preventable": ("Share of the recorded churned ARR whose churn_reasons row says preventable.",
                               "記録のある解約ARRのうち、防止可能とされたものの割合。"),
    "churn.help.bantc": ("BANTC check from churn_reasons: OK, failed, or not recorded.",
                         "churn_reasons の BANTC チェック：OK、不成立、または未記録。"),
    "churn.finding.none": ("No account churned in {label}.", "{label} に解約した顧客はいません。"),
    "churn.finding.tiles": ("{logos} accounts churned in {label}, taking {arr} of ARR ({share} of the starting ARR); "
                            "{recorded} of them have a recorded reason.",
                            "{label} に {logos} 社が解約し、{arr} のARR（期首ARRの {share}）を失いました。理由の記録があるのは {recorded} です。"),
    "churn.reasons_header": ("Why customers left", "解約の理由"),
    "churn.pareto_by": ("Rank by", "並べ替え"),
    "churn.pareto_help": ("Pareto of primary reasons by ARR lost or by number of churns; the line is the "
                          "cumulative share.", "主な理由のパレート図（失ったARRまたは解約数）。線は累積割合です。"),
    "churn.measure.arr_lost": ("ARR lost", "失ったARR"),
    "churn.measure.accounts": ("Logos", "社数"),
    "churn.finding.reasons_arr_lost": ("\"{reason}\" cost the most ARR: {arr} from {accounts} churns ({share} of the "
                                       "ARR lost).", "「{reason}」による損失が最大です：{accounts} 件で {arr}（失ったARRの {share}）。"),
    "churn.finding.reasons_accounts": ("\"{reason}\" is the most common reason: {accounts} churns ({share} of all), "
                                       "{arr} of ARR.", "最も多い理由は「{reason}」です：{accounts} 件（全体の {share}）、ARR {arr}。"),
    "churn.finding.unrecorded": ("{accounts} churns ({arr}) have no recorded reason.",
                                 "{accounts} 件（{arr}）は理由が記録されていません。"),
    "churn.finding.reasons_none": ("No churn in this window has a recorded reason.",
                                   "この期間の解約には理由の記録がありません。"),
    "churn.chart.value": ("Value", "値"),
    "churn.chart.cumulative": ("Cumulative share", "累積割合"),
    "churn.chart.accounts": ("Churns", "解約数"),
    "churn.chart.arr": ("ARR lost", "失ったARR"),
    "churn.chart.months_before": ("Months before churn", "解約までの月数"),
    "churn.chart.mrr": ("MRR", "MRR"),
    "churn.chart.score": ("Health score", "ヘルススコア"),
    "churn.primary": ("Primary reasons", "主な理由"),
    "churn.secondary": ("Secondary reasons", "副次的な理由"),
    "churn.secondary_help": ("The secondary_reason of each recorded churn; (none) when the record has none.",
                             "記録された解約ごとの secondary_reason。記載がなければ（なし）。"),
    "churn.definition_reasons": (
        "A churn is a month in which an account's MRR went from above zero to zero (the revenue engine's churn "
        "movement). A churn_reasons row explains the same account's churn movement nearest to its churn_date, "
        "within 90 days: 0 days when the churn_date falls between the last day of the month before the churn "
        "month and the last day of the churn month. Churns no row explains are (unrecorded). "
        "ARR lost = 12 x MRR in the month before the churn month, so the ARR lost adds up to 12 x the "
        "engine's churn over the same months.",
        "解約とは、顧客のMRRが0より大きい状態から0になった月です（収益エンジンの解約）。churn_reasons の各行は、"
        "同じ顧客の解約のうち churn_date に最も近い、90日以内のものを説明します（churn_date が解約月の前月末日から"
        "解約月の末日までにあれば0日）。説明する行のない解約は（未記録）です。失ったARR = 解約月の前月のMRR × 12 なので、"
        "合計は同じ月のエンジンの解約額 × 12 と一致します。"),
    "churn.segment_header": ("Reason by segment", "セグメント別の理由"),
    "churn.finding.segment": ("The biggest cell is \"{reason}\" in {segment}: {arr} from {accounts} churns ({share} "
                              "of the ARR lost).", "最大のセルは {segment} の「{reason}」です：{accounts} 件で {arr}（失ったARRの {share}）。"),
    "churn.definition_segment": ("Each cell sums the ARR lost of the window's churns with that primary reason "
                                 "and the segment the accounts table gives the account.",
                                 "各セルは、その主な理由と顧客テーブルのセグメントに該当する解約の失ったARRの合計です。"),
    "churn.tenure_header": ("Tenure at churn", "解約時の契約期間"),
    "churn.finding.tenure": ("Most churns came after {bucket} months ({accounts}, {share}); {early} churned within "
                             "their first six months.", "解約が最も多いのは契約 {bucket} か月です（{accounts} 件、{share}）。最初の6か月以内の解約は {early} 件です。"),
    "churn.definition_tenure": ("Tenure = months from the start of the account's paying spell (its latest new or "
                                "reactivation month) to the churn month.",
                                "契約期間 = 課金開始（直近の新規または復帰の月）から解約月までの月数。"),
    "churn.bantc_header": ("BANTC, competitors and preventable churn", "BANTC・競合・防止可能な解約"),
    "churn.bantc.budget": ("Budget", "予算"),
    "churn.bantc.authority": ("Authority", "決裁者"),
    "churn.bantc.needs": ("Needs", "ニーズ"),
    "churn.bantc.timeframe": ("Timeframe", "導入時期"),
    "churn.bantc.competitor": ("Competition", "競合"),
    "churn.finding.bantc": ("{check} failed most often: in {failed} of {checked} recorded churns ({share}).",
                            "最も多く不成立だったのは「{check}」です：記録のある {checked} 件中 {failed} 件（{share}）。"),
    "churn.finding.bantc_none": ("No recorded churn has BANTC checks.", "BANTC チェックのある解約記録はありません。"),
    "churn.finding.competitor": ("{competitor} took the most: {arr} from {accounts} churns. A competitor is named "
                                 "in {named} churns ({named_share} of the ARR lost).",
                                 "最も多く奪ったのは {competitor} です：{accounts} 件で {arr}。競合名があるのは {named} 件（失ったARRの {named_share}）。"),
    "churn.finding.competitor_none": ("No churn in this window names a competitor.",
                                      "この期間の解約には競合名がありません。"),
    "churn.preventable_header": ("Preventable churn", "防止可能な解約"),
    "churn.finding.preventable": ("{share} of the recorded churned ARR was preventable: {arr} from {logos} churns.",
                                  "記録のある解約ARRの {share} は防止可能でした：{logos} 件で {arr}。"),
    "churn.finding.preventable_none": ("No recorded churn says whether it was preventable.",
                                       "防止可能かどうかの記録がある解約はありません。"),
    "churn.definition_bantc": ("A BANTC check failed when its flag in churn_reasons is false (Budget, Authority, "
                               "Needs, Timeframe, Competition); shares are of the recorded churns with the flag "
                               "filled in. Competitors are the competitor column; (none) = recorded without one. "
                               "Preventable share = ARR lost with preventable true / ARR lost with the flag filled in.",
                               "BANTC チェックは churn_reasons のフラグが false のとき不成立です（予算・決裁者・ニーズ・導入時期・競合）。"
                               "割合はフラグが記入された記録のある解約に対するものです。競合は competitor 列、（なし）は記載なし。"
                               "防止可能の割合 = 防止可能とされた失ったARR ÷ フラグが記入された失ったARR。"),
    "churn.before_header": ("Before the churn", "解約の前"),
    "churn.before_total": ("Combined MRR of the window's churned accounts", "この期間に解約した顧客のMRR合計"),
    "churn.before_search": ("Find a churned account (name or ID)", "解約した顧客を検索（名前または ID）"),
    "churn.before_search_help": ("The list holds the {limit} largest of {total} churns by ARR lost, or the largest "
                                 "that match what you type here.",
                                 "リストには {total} 件の解約のうち失った ARR の大きい {limit} 件、または入力に一致する"
                                 "大きい順の解約が並びます。"),
    "churn.before_pick": ("One account", "顧客を選択"),
    "churn.finding.mrr": ("Six months before churning these accounts paid {before} a month together; the month "
                          "before, {last} ({change}).", "解約の6か月前、これらの顧客の月額合計は {before}、前月は {last}（{change}）でした。"),
    "churn.finding.mrr_none": ("Not enough history before these churns to compare.",
                               "比較するのに十分な解約前の履歴がありません。"),
    "churn.health_missing": ("The health score trajectory appears here once the health score is available.",
                             "ヘルススコアが利用可能になると、ここにスコアの推移が表示されます。"),
    "churn.health_no_scores": ("No health scores for this account before its churn.",
                               "この顧客には解約前のヘルススコアがありません。"),
    "churn.finding.health": ("{poor} of {scored} churned accounts with a score were already Poor three months "
                             "before churning ({share}).", "スコアのある解約顧客 {scored} 社中 {poor} 社（{share}）は、解約の3か月前にすでに危険でした。"),
    "churn.finding.health_none": ("No churned account has a health score three months before its churn.",
                                  "解約の3か月前にヘルススコアのある解約顧客はいません。"),
    "churn.definition_before": ("MRR of each churned account for the twelve months before its churn month "
                                "(0 = the churn month); the health score is the health page's score history.",
                                "解約月までの12か月間の各解約顧客のMRR（0 = 解約月）。ヘルススコアはヘルスページのスコア履歴です。"),
    "churn.winback_header": ("Win-back", "復帰"),
    "churn.finding.winback": ("{back} of the {logos} churned accounts came back, after a median of {gap} months; "
                              "they pay {now} ARR now against {lost} lost.",
                              "解約した {logos} 社のうち {back} 社が復帰しました（中央値 {gap} か月後）。失った {lost} に対し、現在のARRは {now} です。"),
    "churn.finding.winback_none": ("None of the {logos} churned accounts has come back yet.",
                                   "解約した {logos} 社のうち、まだ復帰した顧客はいません。"),
    "churn.definition_winback": ("Win-back = a reactivation (MRR from zero back above zero) after the churn, up to "
                                 "the as-of month. ARR now = 12 x MRR in the as-of month (0 if it left again).",
                                 "復帰 = 解約後、基準月までの再開（MRRが0から0より大きくなる）。現在のARR = 基準月のMRR × 12（再度解約なら0）。"),
    "churn.definition_tiles": (
        "Churned logos and ARR lost in the window: accounts whose MRR fell to zero in a month after the window's "
        "start up to its end (their ARR lost is 12 x the MRR of the month before). Share = ARR lost / ARR at the "
        "window's start; recorded = churned accounts with a matching churn reason.",
        "期間内の解約社数と失ったARR：期間開始の翌月から終了月までにMRRが0になった顧客（失ったARRは前月MRR×12）。"
        "比率＝失ったARR÷期首ARR、記録率＝理由が記録された解約の割合。"),
    "churn.definition_retro": (
        "One churned account per slide, biggest ARR lost first: its MRR in the months before the churn, its "
        "health where scores exist, the recorded reason and BANTC checks, and the learnings saved for it.",
        "解約顧客を失ったARRの大きい順に1枚ずつ。解約前のMRR、スコアがあればヘルス、記録された理由とBANTC、保存した学び。"),
    "churn.definition_notes": (
        "Learnings and action items saved in the retrospective, kept outside the data versions so a new load "
        "never erases them; one row per account and churn month.",
        "振り返りで保存した学びとアクション。データバージョンの外に保存するので、新しい読み込みで消えません。顧客と解約月ごとに1行。"),
    "churn.hygiene_header": ("Data hygiene: churn and its records", "データ品質：解約と記録"),
    "churn.finding.hygiene": ("{unrecorded} churns in this window have no reason recorded; {no_churn} reason rows "
                              "match no churn and {duplicate} repeat a churn another row explains.",
                              "この期間の解約のうち {unrecorded} 件は理由が未記録です。{no_churn} 行の理由はどの解約にも対応せず、{duplicate} 行は他の行が説明する解約の重複です。"),
    "churn.unrecorded_header": ("Churn without a record", "記録のない解約"),
    "churn.unrecorded_help": ("Churn movements of the window with no churn_reasons row within 90 days.",
                              "90日以内の churn_reasons の行がない、期間内の解約。"),
    "churn.mismatch_header": ("Records without a churn", "解約のない記録"),
    "churn.mismatch_help": ("churn_reasons rows (any date) that explain no churn movement.",
                            "どの解約にも対応しない churn_reasons の行（全期間）。"),
    "churn.problem.no_churn": ("No churn within 90 days", "90日以内に解約なし"),
    "churn.problem.duplicate": ("Another row explains this churn", "別の行がこの解約を説明済み"),
    "churn.all_header": ("Every churn of the window", "期間内のすべての解約"),
    "churn.definition_matching": ("The matching of churn_reasons rows to churn movements, as SQL.",
                                  "churn_reasons の行と解約の対応付け（SQL）。"),
    "churn.notes_header": ("Retrospective learnings", "振り返りの学び"),
    "churn.notes_empty": ("No learnings saved yet: write them in retrospective mode.",
                          "保存された学びはまだありません。振り返りモードで記入してください。"),
    "churn.notes_finding": ("{n} churns have saved learnings or action items.",
                            "{n} 件の解約に学びまたはアクションが保存されています。"),
    "churn.retro_caption": ("Ordered by ARR lost, biggest first.", "失ったARRの大きい順。"),
    "churn.retro_empty": ("No account churned in this window.", "この期間に解約した顧客はいません。"),
    "churn.retro_previous": ("Previous", "前へ"),
    "churn.retro_next": ("Next", "次へ"),
    "churn.retro_position": ("{n} of {total}", "{total}社中{n}社目"),
    "churn.retro_churned": ("churned in {month}", "{month} に解約"),
    "churn.no_segment": ("No segment", "セグメントなし"),
    "churn.months": ("{n} months", "{n} か月"),
    "churn.retro_mrr": ("MRR before the churn", "解約前のMRR"),
    "churn.retro_health": ("Health before the churn", "解約前のヘルス"),
    "churn.retro_unrecorded": ("No reason recorded", "理由の記録なし"),
    "churn.retro_reason": ("Reason: {reason}", "理由：{reason}"),
    "churn.retro_secondary": ("also {reason}", "副次的な理由：{reason}"),
    "churn.retro_competitor": ("competitor: {competitor}", "競合：{competitor}"),
    "churn.none": ("none", "なし"),
    "churn.retro_preventable": ("preventable", "防止可能"),
    "churn.retro_not_preventable": ("not preventable", "防止不可"),
    "churn.flag.ok": ("✓ OK", "✓ OK"),
    "churn.flag.failed": ("✗ Failed", "✗ 不成立"),
    "churn.flag.unknown": ("–", "–"),
    "churn.retro_notes": ("Notes", "メモ"),
    "churn.retro_learn_header": ("What we learn", "学び"),
    "churn.retro_learnings": ("Learnings", "学び"),
    "churn.retro_actions": ("Action items", "アクション"),
    "churn.retro_save": ("Save", "保存"),
    "churn.retro_saved": ("Saved. It will be here next time.", "保存しました。次回もここに表示されます。"),
}
