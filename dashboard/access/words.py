"""Messages of sign-in, roles and the audit trail (English, Japanese)."""

ACTION_WORDS = {
    "load": ("Data loaded", "データ読み込み"),
    "rollback": ("Version switched", "バージョン切り替え"),
    "health.save": ("Health configuration saved", "ヘルス設定の保存"),
    "health.activate": ("Health configuration activated", "ヘルス設定の有効化"),
    "override.set": ("Override set", "手動バンドの設定"),
    "override.clear": ("Override cleared", "手動バンドの解除"),
    "scenario.save": ("Coverage scenario saved", "カバレッジシナリオの保存"),
    "scenario.delete": ("Coverage scenario deleted", "カバレッジシナリオの削除"),
    "learning.save": ("Churn learning saved", "解約の学びの保存"),
    "target.save": ("Target saved", "目標の保存"),
    "target.delete": ("Target deleted", "目標の削除"),
    "timeline.save": ("Timeline note saved", "タイムラインのメモの保存"),
    "timeline.delete": ("Timeline note deleted", "タイムラインのメモの削除"),
    "source.save": ("Usage source saved", "利用データソースの保存"),
    "source.delete": ("Usage source deleted", "利用データソースの削除"),
    "usage.pull": ("Usage pulled from a source", "ソースからの利用データ取得"),
}

ROLE_WORDS = {
    "viewer": ("viewer", "閲覧者"),
    "editor": ("editor", "編集者"),
    "admin": ("admin", "管理者"),
    "none": ("no role", "権限なし"),
}

MESSAGES = {
    **{f"access.action.{key}": pair for key, pair in ACTION_WORDS.items()},
    **{f"access.role.{key}": pair for key, pair in ROLE_WORDS.items()},
    "access.denied": ("{user} ({role}) may not do this ({action}): it needs the {needs} role.",
                      "{user}（{role}）にはこの操作（{action}）の権限がありません。{needs} の権限が必要です。"),
    "access.bad_file": ("{file}: the roles file cannot be read: {reason}", "{file}: 権限ファイルを読み込めません: {reason}"),
    "access.bad_role": ("{file}: {entry} = {value}: a role is one of {roles}",
                        "{file}: {entry} = {value}: 権限は {roles} のいずれかです"),
    "access.bad_entry": ("{file}: {entry} = {value}: not an e-mail address or domain with a role",
                         "{file}: {entry} = {value}: メールアドレスまたはドメインと権限の組ではありません"),
    "access.policy_broken": ("Nobody can sign in until the roles file is fixed: {error}",
                             "権限ファイルを直すまで誰もサインインできません: {error}"),
    "access.sign_in_title": ("Retention dashboard", "リテンション・ダッシュボード"),
    "access.sign_in_intro": ("Sign in with your company account to see the dashboard.",
                             "会社のアカウントでサインインしてください。"),
    "access.sign_in": ("Sign in", "サインイン"),
    "access.sign_out": ("Sign out", "サインアウト"),
    "access.no_access_title": ("No access yet", "まだアクセス権がありません"),
    "access.no_access": ("You are signed in as {user}, but this dashboard has not given that address a role. "
                         "Ask {contact} to add you.",
                         "{user} としてサインインしていますが、このアドレスには権限がありません。"
                         "{contact} に追加を依頼してください。"),
    "access.no_access_anyone": ("the person who runs this dashboard", "このダッシュボードの管理者"),
    "access.signed_in_as": ("Signed in as {user} · {role}", "{user} としてサインイン中 · {role}"),
    "access.local_user": ("Working as {user} (this computer; every change is recorded under this name)",
                          "{user} として作業中（このコンピューター。変更はこの名前で記録されます）"),
    "access.needs_role": ("Your role ({role}) reads and downloads; {what} needs the {needs} role. Ask {contact}.",
                          "あなたの権限（{role}）は閲覧とダウンロードです。{what}には {needs} の権限が必要です。"
                          "{contact} に依頼してください。"),
    "access.what.load": ("loading files and switching versions", "ファイルの読み込みとバージョンの切り替え"),
    "access.what.edit": ("saving changes", "変更の保存"),
    "access.anonymise_locked": ("Names stay hidden for viewers on this server (the all-hands view).",
                                "このサーバーでは閲覧者には顧客名が表示されません（全社会議モード）。"),
    "access.audit_header": ("Audit trail", "監査ログ"),
    "access.audit_definition": (
        "Every change made to this dashboard's data and settings: loads, version switches, health "
        "configurations saved or activated, overrides set or cleared, coverage scenarios saved or deleted, "
        "churn learnings saved. Who is the signed-in address (or, without sign-in, this computer's user), "
        "never a typed name; the version is the dataset version current after the change. Rows are only "
        "ever added.",
        "このダッシュボードのデータと設定へのすべての変更（読み込み、バージョン切り替え、ヘルス設定の保存・有効化、"
        "手動バンドの設定・解除、カバレッジシナリオの保存・削除、解約の学びの保存）。記録者はサインインした"
        "アドレス（サインインなしではこのコンピューターのユーザー）で、入力された名前ではありません。"
        "バージョンは変更後に有効なデータセットのバージョンです。行は追加されるだけです。"),
    "access.audit_kinds": ("Kinds of change", "変更の種類"),
    "access.audit_who": ("Who (address or name contains)", "記録者（アドレスまたは名前の一部）"),
    "access.audit_summary.one": ("{n} change recorded{filtered}; the latest by {user} on {at}.",
                                 "{n} 件の変更{filtered}。最新は {at} の {user}。"),
    "access.audit_summary.other": ("{n} changes recorded{filtered}; the latest by {user} on {at}.",
                                   "{n} 件の変更{filtered}。最新は {at} の {user}。"),
    "access.audit_filtered": (" (filtered)", "（絞り込み）"),
    "access.audit_none": ("No change recorded yet (or none matches the filter).",
                          "記録された変更はまだありません（または絞り込みに一致しません）。"),
    "access.col.changed_at": ("When", "日時"),
    "access.col.user": ("Who", "記録者"),
    "access.col.name": ("Name", "名前"),
    "access.col.role": ("Role", "権限"),
    "access.col.action": ("Change", "変更"),
    "access.col.what": ("What", "内容"),
    "access.col.version": ("Dataset version", "データセットのバージョン"),
    "cli.audit_bad_action": ("unknown kind of change {value!r}; one of {choices}",
                             "不明な変更の種類 {value!r}。{choices} のいずれかです"),
}
