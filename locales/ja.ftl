# smtpscope のメッセージ カタログ: 日本語。
# ID とプレースホルダーは en.ftl と同じ (tests/l10n.rs が検査)。製品用語 (STARTTLS, X-EXPS,
# XEXCH50, Kerberos, SMTP 応答コード) は訳さない。

## 検出結果: 共通の文

advice-explained-by = このセッションの `{ $id }` が原因と考えられます: { $summary }

## Windows イベント
# 7004: KB 843106 日本語版 (support.microsoft.com/kb/843106/ja) の「現象」に引用された説明の文言。
# 1706: 日本語の文言の出典を確認できていないため、英語の文言のまま。

event-7004 = これは仮想サーバー ID 1、接続番号 { $connection } に対する SMTP プロトコル エラー ログです。リモート ホスト "{ $host }" は、SMTP コマンド "{ $command }" に対し "{ $reply }" と応答しました。送信された完全なコマンドは "{ $sent }" です。これが原因で接続に失敗する可能性があります。
event-1706 = Exchange Server authentication (X-EXPS { $mechanism }) with the remote host "{ $host }" failed. The full command sent was "{ $sent }"; the remote host responded "{ $reply }".

## テキスト レポート

text-session = セッション
text-dialogue = 対話
text-event = イベント
text-see = 参照
text-summary = 概要
text-no-findings = 検出結果: なし
text-not-analysed = 未解析
text-mail-flow = メール フロー

## rules / explain

rules-explain-one = 詳細は `smtpscope rules ID` で表示します。
rules-when = 検出条件:
rules-check = 確認事項 (可能性の高い順):
rules-caveats = 既知の誤検出と制限:
rules-references = 参考資料:
rules-findings-raised = この応答で出る検出結果:

## HTML レポート

html-report-title = smtpscope レポート
html-diff-title = smtpscope 比較
html-overview = 概要
html-capture = キャプチャ
html-findings = 検出結果
html-capture-findings = キャプチャ全体の検出結果
html-mail-flow = メール フロー
html-timeline = タイムライン
html-sessions = セッション
html-no-findings = 検出結果はありません。
html-no-sessions = キャプチャに SMTP セッションはありません。
html-files = ファイル
html-interface = インターフェイス
html-packets = パケット
html-bytes = バイト
html-smtp-sessions = SMTP セッション
html-tcp-connections = TCP 接続
html-time-span = 時間
html-not-analysed = 未解析
html-capture-drops = キャプチャによる欠落
html-input-errors = 不完全な入力
html-by-severity = 重大度別の検出結果
html-col-severity = 重大度
html-col-finding = 検出結果
html-col-count = 件数
html-col-sessions = セッション
html-col-summary = 最初の検出
html-col-client = クライアント
html-col-server = サーバー
html-col-with-tls = TLS あり
html-col-accepted = 受理
html-col-deferred = 保留
html-col-refused = 拒否
html-col-recipients-refused = 拒否された受信者
html-col-reply-median = 応答の中央値
html-col-reply-worst = 最も遅い応答
html-col-retries = 再試行
html-outcome-delivered = 配信済み
html-outcome-no-mail = メールなし
html-outcome-warning = 警告
html-outcome-failed = 失敗
html-timeline-more = タイムラインの上限を超えたセッションは描画されません:
html-open-all = すべて開く
html-close-all = すべて閉じる
html-session = セッション
html-client = クライアント
html-server = サーバー
html-items = 項目
html-tls-region = TLS: ここから暗号化
html-gap = 欠落
html-evidence = 根拠
html-advice = 確認事項
html-event = Windows イベント
html-see = 参照
html-explained-by = 原因
html-fact-time = 時刻
html-fact-frames = フレーム
html-fact-c2s = クライアント → サーバー
html-fact-s2c = サーバー → クライアント
html-fact-gap = 欠落
html-fact-banner = banner
html-fact-helo = helo
html-fact-ehlo = ehlo
html-fact-auth = auth
html-fact-tls = tls
html-fact-mail = mail
html-fact-dns = dns
html-fact-anomaly = 異常
html-fact-file = ファイル
html-noscript = ラダー図はセッションを開いたときにページのスクリプトが描画します。スクリプトが無効な場合はテキスト レポートを使用してください。
html-print-note = 閉じたセッションは印刷されません。印刷の前に必要なセッションを開いてください (または [すべて開く])。
html-ladder-more = 件の項目は描画されていません (テキストまたは JSON レポートを参照)
html-pairs = セッションの組
html-pair = 組
html-sender = 送信側
html-receiver = 受信側
html-differences = 相違点
html-no-differences = 2 つの対話は同じです。
html-col-match = 対応
html-col-confidence = 確度
html-col-differences = 相違点
html-differences-count = 件の相違
html-clock-offset = 送信側に対する受信側の時計のずれ
html-path-latency = 往復ごとの追加遅延
html-sender-only = 送信側のキャプチャにのみ存在 (受信側に届かなかったか、そこでキャプチャされていない)
html-receiver-only = 受信側のキャプチャにのみ存在 (送信側のキャプチャ地点からは送られていない)
html-legend-altered = 途中で改変
html-legend-sender-only = 送信されたが未着 (破棄)
html-legend-receiver-only = 到着したが未送信 (途中で追加)
html-each-end = 各側の検出結果

## 検出結果のタイトル

rule-middlebox-rewrite-title = ファイアウォールの SMTP 検査が対話を書き換えています (拡張コマンドのマスクまたは置換)
rule-starttls-stripped-title = サーバー間で STARTTLS が除去され、セッションを暗号化できませんでした
rule-ehlo-rejected-title = EHLO が拒否されました: このセッションでは拡張コマンド (X-EXPS, XEXCH50, BDAT) を使えません
rule-extended-verbs-missing-title = Exchange 2000/2003 サーバーの EHLO 応答に X-EXPS, XEXCH50, X-LINK2STATE がありません
rule-xexch50-bad-size-title = 符号付き・非 10 進・巨大なサイズの XEXCH50: MS03-046 の攻撃パターン
rule-exps-not-offered-title = 受信サーバーが X-EXPS を提示しなかったため、送信側は XEXCH50 のために認証できませんでした
rule-exps-not-attempted-title = 受信側が X-EXPS を提示したのに、Exchange の送信側は X-EXPS を試みませんでした
rule-exps-failed-title = X-EXPS または AUTH の認証に失敗しました
rule-kerberos-downgrade-title = SPNEGO は Kerberos を提示しましたが、クライアントは NTLM を送信しました: Kerberos チケットを取得できませんでした
rule-identity-mismatch-title = クライアントの EHLO 名が、資格情報の属するコンピューターと一致しません
rule-xexch50-without-auth-title = X-EXPS または AUTH の成功前に XEXCH50 が送信されました
rule-xexch50-rejected-after-auth-title = 送信側は認証済みなのに XEXCH50 が 504 で拒否されました
rule-xexch50-rejected-title = XEXCH50 にエラーが返されました: Exchange のメッセージ プロパティは転送されませんでした
rule-xexch50-not-advertised-title = XEXCH50 を提示していないサーバーに XEXCH50 が送信されました
rule-xexch50-count-mismatch-title = XEXCH50 のカウントが、受理された受信者数 + 1 と一致しません
rule-blob-size-mismatch-title = XEXCH50 または BDAT の後のバイナリ データが通知されたサイズと一致しません
rule-tls-before-auth-title = 認証の前に TLS が開始されました: 以降のセッションは検査できません
rule-starttls-no-tls-title = STARTTLS が受理されましたが、クライアントは TLS を開始しませんでした
rule-starttls-refused-title = サーバーが STARTTLS を拒否しました
rule-tls-handshake-failed-title = TLS ハンドシェイクに失敗しました: セッションを暗号化して続行できませんでした
rule-tls-version-obsolete-title = 廃止されたプロトコル バージョン (SSL 3.0, TLS 1.0, 1.1) がネゴシエートされたか、クライアントがそれしか提示していません
rule-tls-weak-cipher-title = TLS で弱い暗号スイートまたは短い証明書鍵が使われました
rule-tls-cert-expired-title = ハンドシェイクの時点で TLS 証明書の有効期限が切れていました
rule-tls-cert-not-yet-valid-title = ハンドシェイクの時点で TLS 証明書はまだ有効ではありませんでした
rule-tls-cert-name-mismatch-title = サーバーの TLS 証明書にサーバー名が含まれていません
rule-tls-cert-self-signed-title = サーバーの TLS 証明書が自己署名です
rule-smtp-smuggling-title = SMTP スマグリング: DATA 内で非標準のデータ終端の後に SMTP コマンドが続いています
rule-bare-lf-title = 単独の LF または CR で終わる行
rule-xlink2state-overflow-title = FIRST チャンクなしの 520 バイト超の X-LINK2STATE チャンク: MS05-021 の攻撃パターン
rule-hostname-not-fqdn-title = 完全修飾ドメイン名 (FQDN) であるべき箇所にホスト名が使われています
rule-credentials-in-clear-title = パスワードが平文で送信されました (TLS 外の AUTH PLAIN/LOGIN)
rule-sequence-error-title = 順序の誤ったコマンド (503、または不適切な位置のコマンド)
rule-tls-required-title = 受信側は TLS を要求していますが、クライアントは TLS を開始していませんでした
rule-relay-denied-title = 受信者が拒否されました: サーバーはこの送信者のための中継を許可していません
rule-auth-required-title = サーバーは認証を要求していますが、クライアントは認証していませんでした
rule-not-authorized-title = 5.7.3 で拒否されました: 送信者に権限がありません (KB 895853)
rule-recipient-unknown-title = 受信者が不明として拒否されました: そのメールボックスは存在しません
rule-spam-rejected-title = スパムまたはブロック リスト掲載のため拒否されました
rule-message-too-large-title = メッセージが受信側の上限を超えています
rule-back-pressure-title = 受信側のリソースが不足しています (バック プレッシャー): メールは保留されます
rule-throttled-title = 受信側がこのクライアントを調整しています: 接続、メッセージ、または受信者が多すぎます
rule-temporary-failure-title = メールは 4xx 応答で保留されました: 送信側は再試行する必要があります
rule-open-relay-title = サーバーが認証なしで外部から外部へのメールを受理しました: オープン リレーです
rule-delivery-failed-title = メッセージが拒否されました: DATA または BDAT への最終応答がエラーでした
rule-exchange-anonymous-submission-title = Exchange サーバー間のメッセージが匿名として送られています: 送信側サーバーは認証しませんでした
rule-mail-loop-suspected-title = メッセージの Received チェーンが非常に長いか、同じホストを 2 回通過しています: メール ループ
rule-received-delay-title = メッセージが経路上の 1 ホップで 10 分以上待機しました
rule-header-from-mismatch-title = エンベロープ送信者とヘッダーの From のドメインが異なります
rule-capture-truncated-title = キャプチャは各パケットの先頭しか保存していません (スナップ長): ペイロードが欠けています
rule-capture-ended-title = セッションの途中でキャプチャが終了しました
rule-connection-refused-title = SMTP ポートへの TCP 接続が拒否されたか、応答がありませんでした
rule-no-banner-title = 接続から 30 秒以内にサーバーがグリーティングを送信しませんでした
rule-tcp-gap-title = 対話のバイトがキャプチャから欠けています
rule-unsolicited-reply-title = 待機中のコマンドがないのに応答が届きました
rule-unanswered-command-title = 応答待ちのコマンドを残したまま接続が終了しました
rule-tcp-retransmission-title = セグメントが再送されました: サーバー間でパケット損失があります
rule-tcp-reset-title = QUIT への応答前に接続がリセットされました
rule-slow-reply-title = 応答に 30 秒以上かかりました
rule-capture-drops-title = キャプチャ自体がパケットを取りこぼしました: 欠落はネットワーク損失ではなくキャプチャによるものかもしれません
rule-connection-flood-title = smtpscope が追跡できる数を超える接続が同時に開いていました: 一部は早期に除外されました
rule-dns-lookup-failed-title = MX 検索、またはメール エクスチェンジャーのアドレス検索に失敗しました: メールを送出できません
rule-connected-not-to-mx-title = クライアントは MX 検索の応答に含まれないアドレスに接続しました
rule-no-ptr-title = 受信側はクライアントの逆引き DNS (PTR) を見つけられず、接続を拒否しました
rule-retry-storm-title = 同じメッセージが 3 回以上保留されました: 送信側のキューが再試行を続けています
rule-connection-churn-title = 1 つのクライアントからの多数の短いセッションが MAIL の前に終了しました
rule-verb-dropped-title = コマンド、EHLO キーワード、またはバナーが 2 つのサーバー間で削除または書き換えられました (diff のみ)

## 検出結果: 概要とその中の文

message-named = メッセージ <{ $id }>
message-of-frame = フレーム { $frame } のメッセージ
summary-auth-required = { $verb } は { $reply } で拒否されました: クライアントは認証していませんでした。
summary-relay-denied = 受信者が { $reply } で拒否されました: 中継が拒否されました。
summary-xexch50-rejected = XEXCH50 は { $code } で拒否されました: { $meaning }。
xexch50-refused-not-authorised = 送信サーバーは認証済みですが権限 (Send As) がありません
xexch50-refused-no-auth = 送信側が先に認証していません
xexch50-refused-auth-required = 相手は認証を要求しています: 通常は組織外の Exchange 5.5 IMS です
xexch50-refused-unknown-verb = 相手がこのコマンドを知らないか、中間装置が書き換えました
xexch50-refused-bad-arguments = 相手は引数を無効と判断しました (サイズ、またはカウントが受信者数 + 1 でない)
xexch50-refused-other = 相手が拒否しました
summary-xexch50-without-auth-answered = XEXCH50 は事前の認証なしに送信され、{ $code } が返されました。
summary-xexch50-without-auth = XEXCH50 は事前の認証なしに送信されました。
xexch50-cause-helo = セッションが HELO にフォールバックしたため、拡張コマンド (X-EXPS を含む) は使えませんでした: EHLO を拒否する中間装置を探してください。
xexch50-cause-auth-failed = 送信側は認証を試みて失敗しました (exps-failed を参照): まず認証を修正してください。
xexch50-cause-not-exchange = 受信側は X-EXPS も XEXCH50 も提示していません: この組織の Exchange サーバーではないため、XEXCH50 の送信を止めてください。
xexch50-cause-no-exps = 受信側は X-EXPS を提示しませんでした: その SMTP 仮想サーバーで統合 Windows 認証が無効です。
xexch50-cause-exps-not-tried = 受信側は X-EXPS を提示しましたが、送信側は試みませんでした: 受信側が送信側の EHLO 名を認識しなかったか、送信側に資格情報がありませんでした。
summary-exps-not-attempted = サーバーは X-EXPS を提示しましたが、クライアントは認証せずに { $verb } を送信しました。
evidence-exps-offered-not-used = サーバーの EHLO 応答は { $offered } を提示; その前に X-EXPS も AUTH もありません
summary-exchange-anonymous = { $message } は { $header }: Anonymous と記された Exchange サーバー間のセッションを通過しています。
summary-exchange-internal-unproven = { $message } は { $header }: Internal を主張していますが、運んだセッションは認証していません。
summary-starttls-masked = EHLO 応答に STARTTLS がなく、同じ長さのキーワード { $count } 個がマスクされています ({ $keywords }): ファイアウォールが隠したため、クライアントは TLS を開始できませんでした。
summary-middlebox-rewrite = 中間装置が SMTP の対話を書き換えました ({ $signatures })。
summary-extended-verbs-missing = バナーは Exchange 2000/2003 ですが、EHLO 応答にその拡張コマンドがありません: X-EXPS と XEXCH50 は使えません。
summary-exps-failed = { $verb } { $mechanism } は "{ $reply }" で終了しました: { $meaning }。
auth-failed-cancelled = クライアントが `*` で中止しました: 送信側のセキュリティ パッケージが失敗しました
auth-failed-535 = 受信側が資格情報を拒否しました (ログオン拒否)
auth-failed-454 = 受信側の一時的な障害です (時刻のずれ、SPN、ドメイン コントローラー、信頼関係)
auth-failed-504 = 受信側はこのメカニズムを許可していません
auth-failed-unknown-verb = 受信側がこのコマンドを知りません (Exchange サーバーでないか、シンクがありません)
auth-failed-501 = 受信側はこの交換を不正と判断しました
auth-failed-503 = 受信側はここでは (またはセッションのこの時点では) 認証を提供していません
auth-failed-encryption-first = 受信側は先に暗号化または別のメカニズムを要求しています
auth-failed-other = 受信側は受け入れませんでした
