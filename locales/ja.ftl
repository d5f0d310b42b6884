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

## 検出結果の確認事項 (rule-ID-advice-N)
# Exchange システム マネージャのメニュー名: [プロパティ]、[アクセス] タブ、[認証]、[統合 Windows 認証]
# (KB 843106 日本語版)、[中継]、[中継の制限] の [上のコンピュータの一覧に関係なく、正しく認証された
# すべてのコンピュータが、この仮想サーバーを中継に使用する] (TechNet bb125063 日本語版)、
# [匿名アクセス] (TechNet aa995736 日本語版)。[配信] > [詳細設定] などの出典を確認できていない
# メニュー名は英語のまま (Delivery > Advanced)。

rule-middlebox-rewrite-advice-1 = メール サーバー間の SMTP 検査を無効にします: PIX では `no fixup protocol smtp 25`、ASA ではグローバル ポリシーで `no inspect esmtp` (または拡張コマンドを許可する ESMTP ポリシー マップ)。
rule-middlebox-rewrite-advice-2 = 検査が有効な間は X-EXPS, XEXCH50, BDAT, STARTTLS は機能しません: 同じセッションの認証、XEXCH50、中継の失敗はこれが原因なので、まずこれを修正します。
rule-middlebox-rewrite-advice-3 = 経路に Cisco のファイアウォールがない場合は、サーバー間の別の SMTP プロキシやウイルス対策 SMTP ゲートウェイを探します。
rule-starttls-stripped-advice-1 = ファイアウォールの SMTP 検査が STARTTLS を隠しています: Cisco ASA/PIX では ESMTP ポリシー マップで許可するか、メール サーバー間の `inspect esmtp` を無効にします。
rule-starttls-stripped-advice-2 = それまでサーバーは平文で通信し (資格情報とメールを含む)、TLS を必須とする送信側は配信できません。
rule-ehlo-rejected-advice-1 = 通常は中間装置です: ファイアウォールの SMTP 検査 (PIX Mailguard) が RFC 821 のコマンドだけを通すため EHLO に 500 を返します。メール サーバー間で無効にします。
rule-ehlo-rejected-advice-2 = それ以外の場合、受信サーバーは ESMTP を話しません (古いまたは最小限の SMTP サービス): 組織の Exchange サーバー同士は直接接続できる必要があります。
rule-extended-verbs-missing-advice-1 = 受信側 SMTP 仮想サーバーに Exchange のプロトコル シンクが読み込まれていません (再インストールまたは再登録し、Microsoft Exchange のサービスが開始していることを確認します)。
rule-extended-verbs-missing-advice-2 = ウイルス対策またはスパム対策製品が独自の SMTP スタックを Exchange の前に置いています。
rule-extended-verbs-missing-advice-3 = サーバー間の中間装置が、知らないキーワードを EHLO 応答から削除しています。
rule-xexch50-bad-size-advice-1 = クライアントを攻撃者として扱います: Exchange 2000/2003 に対する MS03-046 (CVE-2003-0714) のヒープ オーバーフロー攻撃の形です。
rule-xexch50-bad-size-advice-2 = サーバーが 354 を返した場合、認証前にサイズを受け入れています: 修正プログラム未適用です。MS03-046 を適用し、クライアントを遮断します。
rule-xexch50-bad-size-advice-3 = BLOB の後もサーバーが動作を続けた場合 (クラッシュ、SMTPSVC の再起動)、侵害の有無を調べます。
rule-exps-not-offered-advice-1 = 受信側 SMTP 仮想サーバーで統合 Windows 認証が無効です ([プロパティ] > [アクセス] タブ > [認証]): [統合 Windows 認証] をオンにします (KB 843106 手順 1)。
rule-exps-not-offered-advice-2 = EHLO 応答に X で始まるキーワードが 1 つもない場合、受信側で Exchange のプロトコル シンクが読み込まれていないか、別の SMTP スタック (ウイルス対策、ゲートウェイ) が前で応答しています。
rule-exps-not-offered-advice-3 = サーバー間にファイアウォールがある場合は、EHLO のキーワードを削除していないか確認します。
rule-exps-not-attempted-advice-1 = 受信サーバーは送信側の EHLO 名を組織のメンバーと認識しませんでした: 送信側 SMTP 仮想サーバーの完全修飾ドメイン名 (Properties > Delivery > Advanced) を送信側の実際の DNS 名と照合します。
rule-exps-not-attempted-advice-2 = 送信側は受信側の資格情報を取得できませんでした (送信側のイベント 1704/1706 または 2017 を探します): コンピューター アカウントと受信側の SPN SMTPSVC/<fqdn> を確認します。
rule-exps-not-attempted-advice-3 = 受信側が組織外であれば認証に問題はありません: その相手への XEXCH50 の送信を止めます (KB 818222)。
rule-exps-failed-advice-1 = 受信側仮想サーバーの SPN SMTPSVC/<fqdn> がないか二重に登録されています (受信側コンピューター アカウントに setspn -L。複数の SMTP 仮想サーバーがある場合は KB 914137)。
rule-exps-failed-advice-2 = コンピューター アカウントのパスワードがドメインと食い違っています (セキュア チャネルをリセットします)。
rule-exps-failed-advice-3 = 2 台のサーバーの時刻が 5 分以上ずれています (Kerberos)。
rule-exps-failed-advice-4 = サーバーが、認証に必要な信頼関係のないドメインまたはフォレストにあります。
rule-kerberos-downgrade-advice-1 = 送信サーバーは SMTPSVC/<受信側の FQDN> のチケットを取得できませんでした: SPN が受信側のコンピューター アカウントに 1 回だけ登録されていることを確認します (setspn -L。複数の SMTP 仮想サーバーは KB 914137)。
rule-kerberos-downgrade-advice-2 = 送信側がポート 88 でドメイン コントローラーに到達でき、2 台の時刻差が 5 分以内であることを確認します。
rule-kerberos-downgrade-advice-3 = 送信側が接続する名前 (MX またはスマート ホスト) が受信側の実際の FQDN であることを確認します。SPN のない別名では NTLM になります。
rule-identity-mismatch-advice-1 = 送信側 SMTP 仮想サーバーに構成された FQDN (Delivery > Advanced) がコンピューターの実際の名前ではありません。受信側は EHLO 名で組織のメンバーを識別するため、X-EXPS と XEXCH50 が失敗または省略されることがあります。
rule-identity-mismatch-advice-2 = 別名が意図的な場合 (1 台に複数の仮想サーバー)、SMTPSVC/<別名> をコンピューター アカウントに登録し、すべてのサーバーがその名前をこのコンピューターに解決することを確認します。
rule-xexch50-without-auth-advice-1 = 送信側が認証しなかったため、受信側は Exchange のプロパティを受け入れません。
rule-xexch50-without-auth-advice-2 = Exchange サーバー間のすべての SMTP 仮想サーバーで統合 Windows 認証が有効である必要があります (KB 843106 手順 1)。
rule-xexch50-without-auth-advice-3 = 受信側が送信側の EHLO 名を組織のサーバーと認識する必要があります: 送信側仮想サーバーの FQDN (Delivery > Advanced) を確認します。
rule-xexch50-without-auth-advice-4 = 相手が組織外であれば、その相手への XEXCH50 を抑止します (KB 818222)。
rule-xexch50-rejected-after-auth-advice-1 = 送信サーバーのアカウントに受信サーバーでの Send As 権限がありません: Exchange Domain Servers グループのメンバーであることを確認します (KB 843106 手順 2)。
rule-xexch50-rejected-after-auth-advice-2 = 送信サーバーが属するグループ (入れ子のグループを含む) に、Send As を取り消す拒否のアクセス許可エントリがないか探します。
rule-xexch50-rejected-after-auth-advice-3 = アクセス許可を修正した後、Active Directory のレプリケーションを待ってから SMTP サービスを再起動します。
rule-xexch50-rejected-advice-1 = メール自体は流れます。失われるのは BLOB が運ぶ Exchange のプロパティです (パブリック フォルダーのレプリケーション、ジャーナル、配布リストの展開、IMF の評価)。
rule-xexch50-rejected-advice-2 = 相手が組織外 (インターネット上のホスト、別のフォレスト、Exchange 5.5 IMS) であれば、XEXCH50 の送信を止めます: KB 818222 の SMTPSVC\XEXCH50 レジストリ キー。
rule-xexch50-rejected-advice-3 = 相手が組織の Exchange サーバーであれば、KB 843106 に従って確認します: すべての SMTP 仮想サーバーの統合 Windows 認証、受信側での送信サーバーの Send As 権限、認証の失敗 (イベント 1704/1706)。
rule-xexch50-not-advertised-advice-1 = 相手はこの組織の Exchange サーバーではありません (インターネット上のホスト、別のフォレスト): 外部ドメインへの XEXCH50 を抑止します (SMTPSVC\XEXCH50 レジストリ キー、KB 818222)。
rule-xexch50-not-advertised-advice-2 = 相手が組織の Exchange サーバーであれば、サーバー間の何かが EHLO のキーワードを削除しているか、Exchange のシンクが読み込まれていません。
rule-xexch50-count-mismatch-advice-1 = 送信側の不具合: BLOB が別の受信者リスト用に作られました (たとえば受信者が拒否される前)。
rule-xexch50-count-mismatch-advice-2 = 再送または改ざんされたコマンド: 送信側のログと照合します。
rule-blob-size-mismatch-advice-1 = 中間装置がバイナリ データを破棄または改変しました: XEXCH50 の BLOB を遮断する ISA Server やファイアウォールの SMTP フィルター (SmtpEvt、イベント 20031、KB 818222)、または接続のリセット。
rule-blob-size-mismatch-advice-2 = 根拠にキャプチャの欠落が挙がっている場合は、まずキャプチャの取りこぼしを確認します: バイトは実際には届いているかもしれません。
rule-blob-size-mismatch-advice-3 = 中間装置の両側でキャプチャして比較します (smtpscope diff)。
rule-tls-before-auth-advice-1 = TLS ハンドシェイク以降はすべて暗号化されています: セッション鍵なしでは認証、XEXCH50、メッセージを検査できません。
rule-tls-before-auth-advice-2 = Exchange 2000/2003 で、このようなセッションで XEXCH50 が失敗する場合、STARTTLS のイベント シンクが AUTH より先に実行されています (KB 843106 手順 3): Exchange サーバー間の仮想サーバーの TLS 設定を確認します。
rule-tls-before-auth-advice-3 = Exchange 2007 以降では X-EXPS の前の X-ANONYMOUSTLS が通常の順序です: 代わりにサーバーのプロトコル ログを確認します。
rule-starttls-no-tls-advice-1 = 中間装置が STARTTLS に自分で応答した (または EHLO 応答から削除して 220 を偽装した) ため、クライアントは平文のまま続けました: サーバー間のファイアウォールの SMTP 検査を確認します。
rule-starttls-no-tls-advice-2 = 220 を無視する不具合のあるクライアント: その TLS 構成を確認します。
rule-starttls-refused-advice-1 = サーバーは TLS を提示しましたが開始できません: 証明書と秘密キーが存在し、読み取り可能で、対応していることを確認します (Postfix: smtpd_tls_cert_file/smtpd_tls_key_file とメール ログ。Exchange: Get-ExchangeCertificate、SMTP に有効化された証明書とその秘密キー)。
rule-starttls-refused-advice-2 = Exchange 2007 以降の `454 4.7.5 Certificate validation failure`: 相手側 (またはドメイン セキュリティ) の証明書を検証できませんでした。
rule-starttls-refused-advice-3 = TLS を必須とする送信側はメールをキューに保持し、日和見的な送信側は平文で送信します。
rule-tls-handshake-failed-advice-1 = アラートを読みます: protocol_version は共通の TLS バージョンなし、handshake_failure または insufficient_security は共通の暗号スイートなし、bad_certificate/unknown_ca/certificate_expired はクライアントが拒否した証明書です。
rule-tls-handshake-failed-advice-2 = クライアントの提示 (根拠) をサーバーが許可するものと比較します: Exchange では SChannel の TLS プロトコルと暗号の設定 (レジストリ、IIS Crypto)、Postfix では smtpd_tls_protocols と smtpd_tls_ciphers。
rule-tls-handshake-failed-advice-3 = TLS を必須とする送信側 (Exchange の送信コネクタの RequireTLS、ドメイン セキュリティ) は修正されるまでメールをキューに保持し、日和見的な送信側は平文に戻ります。
rule-tls-version-obsolete-advice-1 = 遅れている側で TLS 1.2 (可能なら 1.3) を有効にします: Windows Server 2012 R2 以降と Exchange 2013 以降は対応、Windows 2008/2008 R2 と Exchange 2010 は更新プログラムとレジストリ設定が必要、Windows 2003 は対応不可のため置き換えるか新しいホスト経由で中継します。
rule-tls-version-obsolete-advice-2 = その後、Exchange Online と同様に、もう一方の側で TLS 1.0/1.1 を無効にします。
rule-tls-weak-cipher-advice-1 = 両側で RC4、3DES、輸出用スイートを無効にし (Windows: SChannel の暗号設定、IIS Crypto。Postfix: smtpd_tls_exclude_ciphers / smtp_tls_exclude_ciphers)、AES-GCM または ChaCha20-Poly1305 を残します。
rule-tls-weak-cipher-advice-2 = RC4/3DES しか使えない相手は Windows 2003 世代です: 置き換えを計画します。
rule-tls-weak-cipher-advice-3 = 短い鍵は RSA 2048 ビット以上 (または ECDSA P-256) で再発行します。
rule-tls-cert-expired-advice-1 = SMTP サービスに割り当てた証明書を更新してインストールします: Exchange では New-ExchangeCertificate / Import-ExchangeCertificate の後 Enable-ExchangeCertificate -Services SMTP、Postfix では smtpd_tls_cert_file。
rule-tls-cert-expired-advice-2 = 証明書を検証する送信側 (Require TLS、ドメイン セキュリティ、Exchange Online) はそれまでこのサーバーを拒否し、その他は暗号化はしても信頼できません。
rule-tls-cert-not-yet-valid-advice-1 = 時刻を確認します: 発行 CA、サーバー、キャプチャしたホスト (ここで判定に使うのはキャプチャの時刻です)。
rule-tls-cert-not-yet-valid-advice-2 = 時刻が正しければ、証明書は開始日より前にインストールされています: 待つか、正しい日付で再発行します。
rule-tls-cert-name-mismatch-advice-1 = 相手が接続する名前を SAN に含む証明書を割り当てます: Exchange 2007 以降では受信コネクタの FQDN で証明書が選ばれます (Get-ReceiveConnector | fl Fqdn、Get-ExchangeCertificate | fl Subject,CertificateDomains,Services)。
rule-tls-cert-name-mismatch-advice-2 = バナー/EHLO 名 (コネクタの FQDN)、MX のホスト名、証明書の SAN を一致させます。
rule-tls-cert-name-mismatch-advice-3 = 名前を検証する相手 (ドメイン セキュリティ、名前付き証明書による TLS) はそれまで接続を拒否し、日和見的な相手は暗号化は続けます。
rule-tls-cert-self-signed-advice-1 = 同じ組織の Exchange サーバー間ではこれが既定 (セットアップ時に作成される自己署名証明書) であり、機能します。
rule-tls-cert-self-signed-advice-2 = パートナーや Exchange Online に対しては、コネクタの FQDN を SAN に含む公的 CA の証明書を割り当てます: 検証する送信側は自己署名証明書を拒否します。
rule-smtp-smuggling-advice-1 = 誰かが送信サーバーをすり抜けて 2 通目のメッセージを密輸しています (送信者の偽装): クライアントと使われたアカウントを特定します。
rule-smtp-smuggling-advice-2 = 受信側が密輸されたコマンドに応答した場合、非標準の並びをデータの終わりとして扱っています: 修正プログラムを適用するか単独の LF を拒否させます (Postfix smtpd_forbid_bare_newline。Exchange 2007 以降は 554 5.6.0 で拒否)。
rule-smtp-smuggling-advice-3 = 送信サーバーに、メッセージ内の単独の CR と LF を正規化または拒否させます。
rule-bare-lf-advice-1 = 準拠していない相手 (LF の行末を書くスクリプトや古いアプリケーション) です。Exchange 2007 以降はこのメッセージを 554 5.6.0 で拒否します。
rule-bare-lf-advice-2 = 単独のドットと組み合わさると、単独の行末は SMTP スマグリングの材料になります: smtp-smuggling を参照します。
rule-xlink2state-overflow-advice-1 = クライアントを攻撃者として扱います: Exchange 2000/2003 に対する MS05-021 のヒープ オーバーフローです。
rule-xlink2state-overflow-advice-2 = 受信サーバーに MS05-021 が適用されていることを確認し、その時刻のクラッシュや SMTPSVC の再起動を調べます。
rule-xlink2state-overflow-advice-3 = Exchange サーバーが X-LINK2STATE を交換するのは同じ組織のルーティング グループ間だけです: それ以外からは遮断します。
rule-hostname-not-fqdn-advice-1 = FQDN であるべき箇所に NetBIOS 名があります: SMTP 仮想サーバーの完全修飾ドメイン名 (Properties > Delivery > Advanced) をサーバーの DNS 名に設定します。
rule-hostname-not-fqdn-advice-2 = 名前を検査する受信側 (Exchange の X-EXPS のメンバー判定、スパム対策の HELO 検査) はセッションを拒否または信用しないことがあります。
rule-credentials-in-clear-advice-1 = 経路上の誰でもパスワードを読めます (base64 は暗号化ではありません): パスワードを変更します。
rule-credentials-in-clear-advice-2 = AUTH の前に STARTTLS を使うか、Exchange サーバー間では統合認証 (X-EXPS GSSAPI/NTLM) を使います。
rule-credentials-in-clear-advice-3 = 受信側仮想サーバーで TLS なしの基本認証を無効にします。
rule-sequence-error-advice-1 = パイプライン処理のクライアントが、受信者がすべて拒否された後に DATA を送信しました: 無害で、本当の問題は受信者の拒否です。
rule-sequence-error-advice-2 = RFC 5321 のコマンド順序に従わないクライアントまたはスクリプト: クライアントを修正します。
rule-sequence-error-advice-3 = 中間装置が前のコマンド (MAIL または RCPT) を飲み込むか書き換えたため、サーバーはそれを受け取っていません。
rule-tls-required-advice-1 = 送信側にこの受信側へ STARTTLS を使わせます (Exchange: 送信コネクタの RequireTLS / TLS 設定。Postfix: smtp_tls_security_level = may または encrypt)。
rule-tls-required-advice-2 = 送信側が試みて失敗した場合は、同じキャプチャの TLS ハンドシェイク (証明書、プロトコル バージョン) を確認します。STARTTLS が提示されなかった場合は、中間装置が EHLO の一覧から削除したのかもしれません。
rule-relay-denied-advice-1 = 相手が Exchange の場合、通常は認証の問題です: X-EXPS が失敗したか、試みられなかったか、途中で除去されたため送信側が匿名になっています。それを説明する検出結果があれば参照します。
rule-relay-denied-advice-2 = 受信側 SMTP 仮想サーバーの中継設定 ([アクセス] タブ > [中継]: [上のコンピュータの一覧に関係なく、正しく認証されたすべてのコンピュータが、この仮想サーバーを中継に使用する]) と、受信者のドメインが受け入れ対象であること (受信者ポリシー、コネクタ) を確認します。
rule-relay-denied-advice-3 = Exchange 2013 以降 (5.7.54): 受信者のドメインが承認済みドメインでないか、クライアントが中継のアクセス許可のない受信コネクタ経由で中継しています。アプリケーションの IP アドレス用に中継を許可した専用コネクタを作るか、承認済みドメインを追加します。Exchange Online (5.7.64): 受信コネクタが送信サーバーを認識しません (証明書または IP)。
rule-auth-required-advice-1 = 受信側 SMTP 仮想サーバーで匿名アクセスが無効です ([アクセス] タブ > [認証] の [匿名アクセス]): インターネットや他の組織からメールを受け取るサーバーには必要です。
rule-auth-required-advice-2 = 送信側が組織の Exchange サーバーであれば、認証しませんでした: 同じセッションの X-EXPS の失敗や中間装置の検出結果を探します。
rule-not-authorized-advice-1 = 受信側 SMTP 仮想サーバー (または受信コネクタ) はこの送信者を匿名では受け付けません: インターネットやパートナーのメールが届く場所で匿名アクセスを有効にするか、送信側に認証させます。
rule-not-authorized-advice-2 = Exchange 2007 以降のサーバー間: 5.7.3 は Exchange Server 認証ができなかったことを意味します。受信コネクタの認証方法とアクセス許可グループ、サーバー間の TLS を確認します。
rule-not-authorized-advice-3 = 一部の受信者だけが拒否される場合、それらは認証済みの送信者からのメールだけを受け付けます。
rule-recipient-unknown-advice-1 = アドレスの入力ミスと、メールボックスが削除または名前変更されていないかを確認します。
rule-recipient-unknown-advice-2 = 受信者が存在する場合: 受信サーバーのディレクトリがそれを知りません。このアドレスを生成しない受信者ポリシーや承認済みドメイン、ディレクトリのレプリケーション (Active Directory、Exchange Online のディレクトリ同期)、古い受信者フィルターやエッジのブロック リストを確認します。
rule-recipient-unknown-advice-3 = Exchange 2000/2003 は配信制限を 5.1.1 として報告することがあります (KB 817425): アドレスが正しいときは受信者の制限を確認します。
rule-spam-rejected-advice-1 = 応答が挙げるリストで送信 IP アドレスを調べ、その削除手続きに従います。先に、掲載された理由 (オープン リレー、スパムを送る侵害されたアカウントやアプリケーション) を突き止めます。
rule-spam-rejected-advice-2 = Exchange Online 5.7.606–649: Microsoft の削除ポータルで削除を依頼します。5.7.708: IP にまだ評価がありません。テナントのコネクタ経由で送信します。
rule-spam-rejected-advice-3 = 内容による拒否: 受信側のフィルターがメッセージを判定しました。送信ドメインの SPF、DKIM、DMARC とメッセージ自体を確認します。
rule-message-too-large-advice-1 = メッセージのサイズを受信側の上限と比較します: EHLO 応答の SIZE の値、Exchange では受信コネクタの MaxMessageSize、組織のトランスポートの上限、受信者の上限 (5.2.3 は管理上の上限)。
rule-message-too-large-advice-2 = 添付ファイルを別の方法で送るか、サイズが正当なら受信側の上限を上げます。
rule-message-too-large-advice-3 = 提示された上限を超える SIZE= を通知した送信側は、メッセージを送るべきではありませんでした (RFC 1870): 送信ソフトウェアを確認します。
rule-back-pressure-advice-1 = 受信側 Exchange サーバーでバック プレッシャーのイベント 15004–15007 (MSExchangeTransport) と不足しているものを探します: キュー データベースのドライブの空き容量、トランスポート プロセスのメモリ、キューで待機中のメッセージ。
rule-back-pressure-advice-2 = しきい値を上げる前に、キュー データベース (QueueDatabasePath) の領域を空けるか移動し、キューを埋めているもの (ループ、到達できない宛先) を突き止めます。
rule-back-pressure-advice-3 = 送信側はメールを保持して再試行します。負荷が下がれば配信は自動的に再開します。
rule-throttled-advice-1 = この受信側への送信側の同時実行数と送信レートを下げます (Exchange: 送信コネクタとトランスポートの MaxPerDomainOutboundConnections、メッセージ レート制限。Postfix: default_destination_concurrency_limit)。
rule-throttled-advice-2 = 新しいまたは変更された送信 IP アドレスは、送信履歴ができるまで Exchange Online Protection に調整されます (4.7.500–699): ゆっくり増やし、自組織のものなら受信コネクタに登録します。
rule-throttled-advice-3 = 受信者が多すぎます: RFC 5321 のとおり、送信側は残りを別のトランザクションで送る必要があります。
rule-temporary-failure-advice-1 = 拡張コードとテキストを読みます: 受信側は一時的な状態を示しています (ローカル エラー、ポリシーによる保留、逆引き DNS 検査の失敗 4.7.25、プロキシ エラー PRXn)。
rule-temporary-failure-advice-2 = 送信側はメッセージを保持してキューから再試行します。メールが失われるのは、同じメッセージの保留が繰り返される (retry-storm) か、キューの期限切れ (4.4.7) まで続く場合だけです。
rule-temporary-failure-advice-3 = グレーリスト: 未知の送信者からの最初の試行は意図的に保留され、グレーリストの待機後の再試行は受け付けられます。送信側が再試行しない限り修正は不要です。
rule-open-relay-advice-1 = SMTP 仮想サーバーが誰に対しても中継しています: KB 895853 のとおり、[アクセス] タブ > [中継] で認証したコンピューターだけを許可します (そして 'All except the list below' を外します)。
rule-open-relay-advice-2 = サーバーがすでにブロック リストに載っていないか確認し、中継したスパムがキューにないか調べます。
rule-open-relay-advice-3 = クライアントが IP アドレスで中継を許可されたパートナーやアプリケーションなら、この検出結果は想定どおりです: そのドメインを --local-domain で渡すか、このルールを除外します。
rule-delivery-failed-advice-1 = 概要に示された拡張ステータス コード (RFC 3463) を読みます: KB 895853 のどのシナリオに当たるかを示します。
rule-delivery-failed-advice-2 = 5.7.1: 送信者に権限がありません (Send As、受信者の 'Accept messages from' 制限、または中継不可)。5.7.3: サーバーは送信者のセキュリティ (認証、証明書) を確認できませんでした。5.0.0: 一般的な拒否で、受信側の DNS やルーティングの問題であることが多いです。
rule-exchange-anonymous-submission-advice-1 = 送信サーバーは組織のメンバーとして受信側に認証されていません: セッションの X-EXPS の交換 (SMTPSVC/<fqdn> への Kerberos、Exchange Domain Servers グループのメンバーシップ、受信側仮想サーバーの統合 Windows 認証) を確認します。それを説明する検出結果があれば参照します。
rule-exchange-anonymous-submission-advice-2 = 匿名の内部メールは組織のプロパティを失い (XEXCH50 が拒否される)、スパム対策と中継の制限を受け、5.7.1 で拒否されることがあります。
rule-mail-loop-suspected-advice-1 = Received チェーンをたどります: 2 台のサーバーがメッセージを互いに渡しています。その間のコネクタとスマート ホスト (ドメインを元の場所へ戻すコネクタ)、ドメインの MX レコード、両側の承認済み/中継ドメインの一覧を確認します。
rule-mail-loop-suspected-advice-2 = ループは、毎回の遅延の後、ホップ数の上限に達すると `554 5.4.6 Hop count exceeded - possible mail loop` のような NDR で終わります。
rule-received-delay-advice-1 = 2 つの日付のうち早いほうでメッセージを受け取ったサーバーが保持していました: その時刻のキューとログを確認します (次のホップへの接続の拒否や失敗後の再試行、一時停止したキュー、遅いコンテンツ フィルターやウイルス スキャン)。
rule-received-delay-advice-2 = 待機がこのキャプチャより前なら、このセッションの送信サーバーがキューに保持していました: そのキューと以前の試行が失敗した理由を確認します (セッションに以前の拒否が見えることがあります)。
rule-header-from-mismatch-advice-1 = スパム対策フィルターはメッセージをこう見ます: SPF は MAIL FROM のドメインを検査し、DMARC はそれがヘッダーの From と一致することを求めます。正当なメッセージ (ニュースレター業者、メーリング リスト、転送) なら DMARC は DKIM に依存します。そうでなければなりすましです。
rule-header-from-mismatch-advice-2 = 自組織の送信メールでは、From と同じドメインのエンベロープ送信者で送るか、From のドメインで DKIM 署名します。
rule-capture-truncated-advice-1 = パケット サイズの制限なしで再キャプチャします: `tcpdump -s 0` (または `-s 262144`)、`dumpcap -s 0`、Wireshark のキャプチャ オプションで "Limit each packet" を外す、Network Monitor でフレーム サイズ制限なし。ネットワークに問題はありません: バイトは届いており、キャプチャが保存しなかっただけです。
rule-capture-truncated-advice-2 = それまでは保存された部分から対話を復号します。上限で切れたコマンド、応答、メッセージ本文は欠落バイトとして示されます。
rule-capture-ended-advice-1 = ネットワークではなくキャプチャがセッションを途中で切りました: その後のことは不明です。より長くキャプチャする (メール送信前に開始し QUIT の後で停止する) か、リング バッファーの全ファイルをまとめて読みます (`smtpscope analyze DIRECTORY`)。
rule-connection-refused-advice-1 = そこでは SMTP ポートで何も待ち受けていません: SMTP サービスが停止しているか、別のアドレスやポートにバインドされています。
rule-connection-refused-advice-2 = ファイアウォールがポートを遮断しています: RST は通常ホストか拒否するファイアウォールから、無応答は破棄するファイアウォールから来ます。
rule-connection-refused-advice-3 = 送信側が誤ったアドレスを解決しました (使われた MX と A レコードを確認します)。
rule-no-banner-advice-1 = SMTP サービスが応答停止または過負荷です (キュー、SMTP サービス、サーバーの CPU とディスクを確認します)。
rule-no-banner-advice-2 = ターピットやスパム対策のフロント エンドが意図的にグリーティングを遅らせています。
rule-no-banner-advice-3 = プロキシやファイアウォールが接続を自分で受け入れ、背後のサーバーに到達できない間保持しています。
rule-tcp-gap-advice-1 = サーバー間またはキャプチャでパケットが失われました。デコーダーは次の応答から再開したため、欠落部分にあったもの (根拠に記載) は検査できませんでした。
rule-tcp-gap-advice-2 = キャプチャが取りこぼしも報告している場合 (capture-drops)、ネットワークを疑う前に大きなバッファーで再キャプチャします。そうでなければ経路上の損失 (インターフェイス エラー、輻輳したリンク、検査するファイアウォール) を探します。
rule-unsolicited-reply-advice-1 = 中間装置がコマンドに自分で応答したか、コマンドを飲み込んでサーバーの応答だけを通しました。
rule-unsolicited-reply-advice-2 = サーバーが 1 つのコマンドに 2 回応答しました (サーバーの不具合。応答のテキストを比較します)。
rule-unanswered-command-advice-1 = サーバーまたは中間装置がコマンドを破棄しました: ファイアウォールの SMTP 検査は知らないコマンド (XEXCH50, X-EXPS, BDAT) を飲み込むことがあります。
rule-unanswered-command-advice-2 = サーバーが応答停止したか遅すぎて、クライアントがあきらめました (slow-reply、tcp-reset を参照)。
rule-unanswered-command-advice-3 = キャプチャが早く終了しました: キャプチャの終わりを接続の終了と照合します。
rule-tcp-retransmission-advice-1 = サーバー間でパケットが失われています: インターフェイス エラーとデュプレックス設定、輻輳した WAN リンク、セグメントを遅延または破棄するファイアウォールやプロキシを確認します。
rule-tcp-retransmission-advice-2 = XEXCH50 の BLOB や BDAT チャンクの途中の再送は、バイナリ データを保持する検査型の中間装置を示します。
rule-tcp-reset-advice-1 = 送信中だったもの (概要に記載) は失われました。送信側は後で再試行します。
rule-tcp-reset-advice-2 = 受信側がリセットした場合: 受信サーバーの SMTP サービスのクラッシュや接続数の上限を探します。
rule-tcp-reset-advice-3 = サーバー間にファイアウォールやプロキシがある場合は、その接続のログを確認します: 検査エンジンは解析できないセッション (バイナリの XEXCH50 BLOB、BDAT チャンク) をリセットします。
rule-slow-reply-advice-1 = サーバーの判断が遅れています: 名前の検索 (クライアントの逆引き DNS、受信者の DNS)、Active Directory で受信者を解決するカテゴライザー、メッセージのウイルス対策/スパム対策スキャン。
rule-slow-reply-advice-2 = クライアントは 5 分 (メッセージ本文の後は 10 分) であきらめます: その上限に近い遅い応答は再試行と重複につながります。
rule-capture-drops-advice-1 = tcp-gap と blob-size-mismatch の検出結果は慎重に扱います: 欠けたバイトはネットワーク上では失われていないかもしれません。
rule-capture-drops-advice-2 = より大きなバッファー (tcpdump -B、dumpcap -B)、より絞ったフィルター (2 台のサーバーの SMTP ポートだけ)、または SMTP セグメント全体が収まるスナップ長で再キャプチャします。
rule-connection-flood-advice-1 = 1 バイトも運ばなかった接続が多いのは、SMTP ポートへの SYN フラッドかポート スキャン (RFC 4987) を示します: サーバーの SYN バックログと SYN クッキーを確認し、ファイアウォールで送信元をレート制限または遮断します。
rule-connection-flood-advice-2 = データを運んだ接続が多いのは、正当または不正な送信者の集中 (スパムの一斉送信、障害後の再試行の嵐) を示します: 受信コネクタまたは仮想サーバーの接続数の上限を確認します。
rule-connection-flood-advice-3 = 除外されたセッションは除外された時点まで報告されます (`evicted` として終了)。すべての接続を追うには、より大きな --max-connections で再解析する (静かな接続 1 つあたり約 1.5 KiB) か、対象のサーバーにキャプチャを絞ります。
rule-dns-lookup-failed-advice-1 = MX の NXDOMAIN: 受信者のドメインは書かれたとおりには存在しない (入力ミス) か、DNS の委任が壊れています。送信サーバーから nslookup -q=mx で確認します。
rule-dns-lookup-failed-advice-2 = SERVFAIL または応答なし: 送信側の DNS サーバーがドメインのネーム サーバーに到達できません (フォワーダー、ポート 53 UDP と TCP のファイアウォール、DNSSEC の失敗)。送信サーバーが使う DNS サーバーを確認します (Exchange: 送信コネクタまたはトランスポートの外部 DNS 設定)。
rule-dns-lookup-failed-advice-3 = アドレスのないエクスチェンジャー: ドメインの MX が A/AAAA レコードのない名前を指しています。所有者がゾーンを修正する必要があります。
rule-connected-not-to-mx-advice-1 = このドメインを別の場所へ送るスマート ホストやコネクタがあれば説明がつきます: その場合は問題ありません。
rule-connected-not-to-mx-advice-2 = それ以外の場合、送信側は古いアドレスを使いました: ドメインのメール エクスチェンジャーが移転する前のキャッシュされた応答 (DNS キャッシュ、hosts ファイル) です。送信サーバーの DNS キャッシュを消去し (ipconfig /flushdns)、hosts ファイルを確認します。
rule-no-ptr-advice-1 = クライアントのパブリック IP アドレスの所有者 (通常はインターネット プロバイダー) に、送信サーバーを指す PTR レコードを依頼し、その名前が同じアドレスに解決されるようにします。
rule-no-ptr-advice-2 = クライアントが EHLO で名乗る名前も同じにします: 多くの受信側はこれらを比較します。
rule-retry-storm-advice-1 = 保留の応答 (根拠) を読みます: 受信側は理由を示しています (バック プレッシャー、調整、グレーリスト、検査の失敗)。その原因を修正します。再試行を速めても解決しません。
rule-retry-storm-advice-2 = 再試行の間隔が数分ではなく数秒なら、送信側の再試行設定が原因です (Exchange: トランスポートの再試行間隔。RFC 5321 §4.5.4.1 は少なくとも 30 分を求めています)。
rule-connection-churn-advice-1 = サーバーが拒否した場合 (421/554 のグリーティング)、このクライアントを制限しています: それらのセッションの throttled と back-pressure、受信側の接続数の上限 (Exchange: MaxInboundConnectionPerSource。Postfix: smtpd_client_connection_rate_limit) を確認します。
rule-connection-churn-advice-2 = クライアントが EHLO の後で自ら切断した場合、調査 (監視、アドレス検証) をしているか、EHLO 応答の何か (TLS、AUTH) で失敗しています。切断前の最後の応答を確認します。
rule-verb-dropped-advice-1 = 2 台のサーバーの間の何かが SMTP を検査しています: Cisco PIX では `no fixup protocol smtp 25`、ASA ではグローバル ポリシーで `no inspect esmtp`、または X-EXPS, XEXCH50, X-LINK2STATE, BDAT, STARTTLS を許可する ESMTP ポリシー マップ。
rule-verb-dropped-advice-2 = 経路に Cisco のファイアウォールがない場合は、キャプチャ地点の間の別の SMTP プロキシ、ウイルス対策やスパム対策の SMTP ゲートウェイ、IPS のルールを探します。
rule-verb-dropped-advice-3 = 受信側に応答のないコマンドが欠けていて送信側には応答がある場合、間の装置が自分で応答しています。
summary-tls-cert-expired = TLS ハンドシェイクの証明書の有効期限が切れていました。
summary-tls-cert-not-yet-valid = TLS ハンドシェイクの証明書はまだ有効ではありませんでした。
summary-tls-cert-self-signed = サーバーの証明書は自己署名です。
summary-starttls-not-offered-refused = クライアントは EHLO 応答が提示していない STARTTLS を要求し、拒否されました。
summary-capture-drops = { $source }: キャプチャしたホストが { $dropped } パケットを取りこぼしました。解析は不完全です。
evidence-capture-drops = キャプチャが取りこぼしたパケット: { $dropped }
summary-identity-mismatch = クライアントは { $name } と名乗っていますが、{ $identity } (ホスト { $host }) として認証しました。
summary-banner-late = サーバーのグリーティングは接続から { $seconds } 秒後に届きました。
summary-no-banner = 接続が続いた { $seconds } 秒の間、サーバーはグリーティングを送信しませんでした。
summary-bare-lf = 単独の LF または CR で終わる行を含むコマンド、応答、DATA 本文: { $count } 件。
summary-credentials-in-clear = { $verb } { $mechanism } の資格情報が平文で送信されました。
summary-hostname-not-fqdn = 完全修飾ドメイン名ではありません: { $names }。
summary-kerberos-downgrade = { $verb } { $mechanism } は Kerberos を提示しましたが NTLM を送信しました: 送信側はこのサーバーの Kerberos チケットを持っていませんでした。
summary-size-above-limit = MAIL FROM は { $size } バイトを通知しました。サーバーが提示した上限 { $limit } バイトを超えています。
summary-open-relay = 匿名のクライアントが `{ $command }` をローカル ドメインの外から外へ中継しました。
summary-starttls-no-tls = サーバーは { $verb } を受理しましたが、クライアントは平文のまま続けました。
summary-exps-not-offered-no-x = サーバーの EHLO 応答には X-EXPS も X- で始まるキーワードも一切ありません (Exchange のシンクが読み込まれていないようです) が、クライアントは XEXCH50 を送信しました。
summary-exps-not-offered = サーバーの EHLO 応答は X-EXPS を提示していませんが、クライアントは XEXCH50 を送信しました。

## 検出条件と既知の誤検出 (rule-ID-trigger, rule-ID-caveats: `rules ID` で表示)

rule-middlebox-rewrite-trigger = 次のいずれか: テキストの 80% 以上が `*` のバナー (PIX Mailguard)、X だけからなるコマンドまたはそれを引用する応答 (途中でマスクされたコマンド)、^X{"{"}3,{"}"}[A-Z]?$ に一致する EHLO キーワード (ASA のマスク)、EHLO, X-EXPS, AUTH, XEXCH50, BDAT への単なる `250 OK` (コマンドが NOOP に置換された。BDAT は CHUNKING が提示されていない場合のみ)。
rule-middlebox-rewrite-caveats = 設計上ほとんど `*` のバナーも一致します。BDAT への単なる `250 OK` は CHUNKING が提示されていない場合だけ数えます。
rule-starttls-stripped-trigger = EHLO 応答に STARTTLS がなく、同じ長さの X でマスクされたキーワード (`XXXXXXXA`) がある、またはクライアントが提示されていない STARTTLS を送信して拒否された。`diff` では: 受信側の EHLO 応答は STARTTLS を提示し、送信側のものは提示していない。
rule-starttls-stripped-caveats = サーバーが STARTTLS を提示していないとき、同じようにマスクされた別の拡張の 8 文字のキーワードも同じに見えます。
rule-ehlo-rejected-trigger = EHLO コマンドに 500 または 502 が返された。
rule-ehlo-rejected-caveats = 本当に HELO しか対応しないサーバーも同じように EHLO を拒否します。
rule-extended-verbs-missing-trigger = バナーが Microsoft Exchange 2000/2003 (IIS SMTP 5.0.2195 または 6.0.3790) を示し、EHLO 応答が見えているのに、X-EXPS, XEXCH50, X-LINK2STATE のいずれも提示していない。
rule-extended-verbs-missing-caveats = Exchange のない IIS SMTP サービスも同じバナーを示し、これらのコマンドを提示しません。
rule-xexch50-bad-size-trigger = XEXCH50 のサイズ引数が符号付き、10 進でない、または 2^30 を超える。
rule-xexch50-bad-size-caveats = 既知のものはありません。
rule-exps-not-offered-trigger = サーバーの EHLO 応答に X-EXPS キーワードがないのに、クライアントが XEXCH50 を送信した (受信側が Exchange に見える場合: Microsoft のバナーまたは XEXCH50 の提示)。
rule-exps-not-offered-caveats = 受信側が Exchange に見える場合だけ判定します。TLS 内の EHLO 応答は見えません。
rule-exps-not-attempted-trigger = サーバーが X-EXPS を提示し、XEXCH50 または X-LINK2STATE を送るクライアントがその前に X-EXPS も AUTH も送らなかった。セッションの開始がキャプチャにある場合だけ。
rule-exps-not-attempted-caveats = X-EXPS を使わないインターネットのクライアントは判定しません。開始がキャプチャにないセッションも判定しません。
rule-exps-failed-trigger = X-EXPS または AUTH の交換が 235 以外の応答 (535, 454, 504, `*` の後の 501 など) で終わった、または復号したトークンがセキュリティ パッケージの拒否を示している。
rule-exps-failed-caveats = 終わりがキャプチャにない交換は判定しません。拒否されたメカニズムの後に成功したものがあっても失敗として数えます。上の確認事項は Exchange サーバー間のセッション向けで、それ以外の SMTP サーバーには AUTH 失敗の一般的な確認事項を示します。
rule-kerberos-downgrade-trigger = SPNEGO の NegTokenInit が Kerberos メカニズムを挙げているのに、その mechToken が NTLMSSP である。
rule-kerberos-downgrade-caveats = 多くの環境では NTLM でも動作します。NTLM が制限されているか後で失敗する場合に問題になります。
rule-identity-mismatch-trigger = HELO/EHLO 名の最初の DNS ラベルが、復号した NTLM の ID のワークステーションまたはコンピューター アカウント、あるいは Kerberos のクライアント プリンシパルと (大文字小文字を区別せず) 異なる。
rule-identity-mismatch-caveats = 意図的な別名も一致します。仮想サーバーの構成と照合します。
rule-xexch50-without-auth-trigger = その前に 235 で終わった X-EXPS も AUTH もないセッションでの XEXCH50 コマンド。504 または 505 が返された場合はエラー。セッションの開始 (バナーと EHLO) が平文でキャプチャにある場合だけ。
rule-xexch50-without-auth-caveats = 開始がキャプチャにないセッション、または復号されない TLS 内にあるセッションは判定しません。
rule-xexch50-rejected-after-auth-trigger = 同じセッションでその前に X-EXPS または AUTH の交換が 235 で終わっているのに、XEXCH50 に 504 が返された。
rule-xexch50-rejected-after-auth-caveats = 既知のものはありません。
rule-xexch50-rejected-trigger = XEXCH50 コマンドに 4xx/5xx の応答が返された。504, 505 と拡張コード 5.7.1 はエラー、それ以外は警告。
rule-xexch50-rejected-caveats = 外部の相手に対する拒否は想定どおりの動作で、障害ではありません。
rule-xexch50-not-advertised-trigger = サーバーの EHLO 応答が XEXCH50 を提示していないのに、クライアントが XEXCH50 を送信した。
rule-xexch50-not-advertised-caveats = EHLO 応答が平文でキャプチャにある場合だけ判定します。
rule-xexch50-count-mismatch-trigger = XEXCH50 の 2 番目の引数が (その前に受理された受信者数 + 1) ではない。
rule-xexch50-count-mismatch-caveats = MAIL FROM または RCPT の応答がキャプチャにないトランザクションは判定しません。
rule-blob-size-mismatch-trigger = XEXCH50 (または BDAT n) への 354 の後、次の応答または接続の終わりまでに続いたバイト数が通知されたサイズと異なる。
rule-blob-size-mismatch-caveats = キャプチャで失われたバイトも欠落として数えます。欠落で説明がつく場合は根拠にそう示します。
rule-tls-before-auth-trigger = X-EXPS を提示するサーバーに対して、STARTTLS または X-ANONYMOUSTLS が受理され、認証の成功前に TLS が始まった。
rule-tls-before-auth-caveats = X-EXPS を提示するサーバーに対してだけ判定します。
rule-starttls-no-tls-trigger = サーバーが STARTTLS (または X-ANONYMOUSTLS) に 220 を返し、クライアントの次のバイトが TLS の ClientHello ではない。
rule-starttls-no-tls-caveats = TLS を復号済みでエクスポートしたキャプチャでも発生します。失われた ClientHello はこの検出結果ではなくキャプチャの欠落として示されます。
rule-starttls-refused-trigger = STARTTLS または X-ANONYMOUSTLS への応答がコード 454、または拡張ステータス 4.7.x か 5.7.x である。
rule-tls-handshake-failed-trigger = TLS が始まった (STARTTLS または X-ANONYMOUSTLS への 220 の後の ClientHello、または暗黙の TLS) のにハンドシェイクが完了しなかった: 両側の Finished の前の致命的アラート、またはその前の接続の終了かリセット。
rule-tls-handshake-failed-caveats = ハンドシェイク中に終わるキャプチャは判定しません。キー ログがないと TLS 1.3 のアラートは暗号化されており、ハンドシェイクの終わりはクライアントの Finished の後にサーバーが送信したことから推定します。
rule-tls-version-obsolete-trigger = ServerHello が SSL 3.0, TLS 1.0, TLS 1.1 を選んだ、または ClientHello がそれより新しいものを提示していない (どちらの側が遅れているかは概要に示します)。
rule-tls-version-obsolete-caveats = 古い相手 1 つのために意図的に残した古いバージョンも同じく報告されます。
rule-tls-weak-cipher-trigger = ServerHello が RC4, 3DES, DES, RC2/IDEA, 輸出用, NULL, 匿名のスイートを選んだ、またはハンドシェイクの証明書の RSA か DSA の鍵が 2048 ビット未満である。
rule-tls-weak-cipher-caveats = ネゴシエートされたものだけを判定し、一方の側が受け入れるものすべてではありません。
rule-tls-cert-expired-trigger = サーバー (またはクライアント) のチェーンの証明書の notAfter が、キャプチャ中の ServerHello の時刻より前である。
rule-tls-cert-expired-caveats = キャプチャの時刻で判定します。TLS 1.3 の証明書はキー ログがある場合だけ見えます。
rule-tls-cert-not-yet-valid-trigger = サーバー (またはクライアント) のチェーンの証明書の notBefore が、キャプチャ中の ServerHello の時刻より後である。
rule-tls-cert-not-yet-valid-caveats = キャプチャの時刻で判定します: 時計のずれたホストで取ったキャプチャでも発生します。
rule-tls-cert-name-mismatch-trigger = サーバーの証明書を復号でき、その subjectAltName の dNSName (なければ CN) が、クライアントが SNI で送った名前、サーバーのバナーのホスト名、EHLO 応答のホスト名のどれとも一致しない (RFC 6125 の照合)。
rule-tls-cert-name-mismatch-caveats = 検証するクライアントが確認する名前はそのクライアント自身の構成から来ることがあり、キャプチャには現れません。
rule-tls-cert-self-signed-trigger = サーバーのリーフ証明書が自分自身を発行者としている (キー識別子があればそれも一致する)。
rule-tls-cert-self-signed-caveats = プライベート CA のルート証明書だけが提示された場合も同じに見えます。
rule-smtp-smuggling-trigger = DATA 内で、非標準のデータ終端 (LF.LF, LF.CRLF, CRLF.LF, CR.CR など) の後、本当の CRLF.CRLF より前に、SMTP コマンド (MAIL FROM, RCPT TO, DATA, BDAT, RSET, QUIT, EHLO, HELO) で始まる行が続く。
rule-smtp-smuggling-caveats = 候補ごとにその直後の先頭バイトしか保持しないため、さらに後ろのコマンドは見逃します。
rule-bare-lf-trigger = コマンド、応答、DATA の行が単独の LF または単独の CR で終わる。
rule-bare-lf-caveats = 情報です。ほとんどのサーバーには無害です。
rule-xlink2state-overflow-trigger = セッション内でそれより前に X-LINK2STATE FIRST がないのに、520 バイトを超える X-LINK2STATE チャンクがある。
rule-xlink2state-overflow-caveats = 開始がキャプチャにないセッションは判定しません。
rule-hostname-not-fqdn-trigger = HELO/EHLO の引数 (またはバナーのホスト) にドットがなく、アドレス リテラルでもない。
rule-hostname-not-fqdn-caveats = `localhost` とマスクされたバナー (PIX) は判定しません。
rule-credentials-in-clear-trigger = AUTH PLAIN, AUTH LOGIN, X-EXPS LOGIN の資格情報が TLS の外で送信された。
rule-credentials-in-clear-caveats = 秘密そのものは表示しません。
rule-sequence-error-trigger = 503 の応答、または不適切な位置のコマンド: MAIL より前の RCPT、RCPT より前の DATA/BDAT、トランザクション外の XEXCH50。
rule-sequence-error-caveats = 不適切な位置のコマンドは、セッションの開始がキャプチャにある場合だけ判定します。
rule-tls-required-trigger = 拡張ステータス X.7.10 か X.7.30 の応答、または STARTTLS/TLS/暗号化を要求する文言の 5xx (または 451) (`530 5.7.0 Must issue a STARTTLS command first`)。454 (TLS が使えない) は数えません。
rule-tls-required-caveats = 全員に TLS を要求する受信側は正しく拒否しています。
rule-relay-denied-trigger = RCPT に拡張ステータス 5.7.1, 5.7.54, 5.7.64 の 5xx、または中継の文言 (`Relay access denied`, `Unable to relay`) の 5xx が返された。ただし認証 (auth-required)、TLS (tls-required) を求めるもの、ブロック リストやスパムを挙げるもの (spam-rejected) を除く。根拠にセッションの認証状態を加えます。
rule-relay-denied-caveats = 未認証のインターネットの送信者の中継を拒否するのは正しい動作です。この検出結果が重要なのは同じ組織のサーバー間です。
rule-auth-required-trigger = 530 の応答 (STARTTLS を求めるもの: tls-required を除く)、または拡張ステータス 5.7.0, 5.7.1, 5.7.3 でテキストが認証に触れている 5xx 応答 (`Client was not authenticated`, `Authentication required`)。
rule-auth-required-caveats = 設計上認証を必須とするサブミッション サービスでは、匿名のクライアントすべてで発生します。
rule-not-authorized-trigger = MAIL, RCPT, DATA、またはメッセージ本文に拡張ステータス 5.7.3 の 5xx が返された。AUTH や X-EXPS の交換の外で、認証を求める文言がない場合 (それは auth-required)。
rule-not-authorized-caveats = Exchange は AUTH の失敗にも 535 5.7.3 を返します。それは exps-failed が判定します。
rule-recipient-unknown-trigger = RCPT に拡張ステータス X.1.1, X.1.0, X.1.6, 5.1.10 の 5xx、5.4.1 `Recipient address rejected`、または文言に他の理由がない単なる 550 が返された。根拠に拒否されたアドレスをすべて挙げます。
rule-recipient-unknown-caveats = 応答が他の理由を示さない単なる 550 は、不明なメールボックスとして扱います。
rule-spam-rejected-trigger = Exchange Online のスパム コード (5.7.606–649, 5.7.501–503, 5.7.511, 5.7.708, 5.7.350) またはブロック リスト/内容の文言 (`blocked using`, `listed in`, Spamhaus, spam) を含む 5xx 応答 (グリーティング、MAIL, RCPT, DATA、メッセージ本文)。応答がリストを挙げていればその名前を示します。
rule-spam-rejected-caveats = 文言は永続的な (5xx) 応答でだけ照合します。
rule-message-too-large-trigger = 拡張ステータス X.3.4 か X.2.3 の応答、またはメールボックスの満杯 (5.2.2、クォータ) ではない 552。警告としては、SIZE= がサーバーの EHLO 応答の SIZE 上限を超える MAIL FROM。
rule-message-too-large-caveats = クライアントが通知したサイズは通知どおりに信用します。
rule-back-pressure-trigger = 拡張ステータス 4.3.1 か 4.3.2 の応答 (`452 4.3.1 Insufficient system resources`, `421 4.3.2 Service not available`)、または受信者に関するものではない拡張ステータスなしの 452。
rule-back-pressure-caveats = 停止中のサーバーも 421 4.3.2 を返します。
rule-throttled-trigger = 拡張ステータス 4.7.x の 421、4.7.500–4.7.699 (Exchange Online) の 4xx、4.5.3 または `too many recipients` の 452、4.7.28、またはレート制限や接続数超過に触れる 4xx。
rule-throttled-caveats = レート制限に触れるグレーリストもここに数えます。
rule-temporary-failure-trigger = グリーティング、MAIL, RCPT, DATA、メッセージ本文への 4xx 応答で、back-pressure と throttled が扱わないもの。グレーリスト (応答に greylist/graylist) は情報に下げます。
rule-temporary-failure-caveats = グレーリストは文言でだけ認識します。
rule-open-relay-trigger = --local-domain 指定時のみ: 一度も認証しなかったセッションで、すべてのローカル ドメインの外の MAIL FROM 送信者に対し、すべてのローカル ドメインの外の RCPT TO が 2xx で受理された。
rule-open-relay-caveats = 既知のホストに IP アドレスで許可した中継も、ネットワーク上では同じに見えます。null 送信者 `<>` は判定しません。
rule-delivery-failed-trigger = DATA 本文への最終応答、または BDAT チャンクへの応答が 5xx、または MAIL FROM か DATA に拡張ステータス 5.0.0 か 5.7.1 の 5xx が返された。ただし、より詳細なルールがその応答を扱う場合を除く (auth-required, tls-required, not-authorized, message-too-large, spam-rejected, back-pressure, throttled, temporary-failure)。
rule-delivery-failed-caveats = スパムを拒否するコンテンツ フィルターは意図どおりに動作しています。
rule-exchange-anonymous-submission-trigger = Exchange サーバー間のセッション (X-EXPS か XEXCH50 の提示または使用、または Microsoft のバナー) で、メッセージが `X-MS-Exchange-Organization-AuthAs: Anonymous` を持つ、またはセッションの AUTH/X-EXPS の交換が 235 で終わっていないのに `AuthAs: Internal` を持つ。`--local-domain` 指定時は、ヘッダーの From がローカル ドメインのメッセージだけを判定します。
rule-exchange-anonymous-submission-caveats = 組織内で中継されるインターネットのメールは正当に Anonymous です。組織自身のメールだけを判定するには --local-domain を使います。
rule-mail-loop-suspected-trigger = メッセージが 25 を超える `Received:` フィールドを持つ、またはその経路が受信 (`by`) ホストを出て再び入る (大文字小文字を区別しない。同じホストの連続するフィールドは 1 回と数え、`localhost` とループバック アドレスは数えない)。
rule-mail-loop-suspected-caveats = メッセージを戻す別ホストのコンテンツ フィルター (A → フィルター → A) はループのように見えます。
rule-received-delay-trigger = メッセージの連続する 2 つの `Received:` フィールドが 10 分以上離れている、または最新のものがメッセージのキャプチャより 10 分以上古い。ただし 7 日以内 (それより長いのは時計のずれか再送されたメッセージで、キューではない)。
rule-received-delay-caveats = 日付は各サーバー自身の時計によります。時計がずれていると待機は別のホップに移ります。7 日を超える待機は判定しません。
rule-header-from-mismatch-trigger = MAIL FROM のアドレスと最初のヘッダー From のアドレスのドメインが等しくなく、一方が他方のサブドメインでもないメッセージ。null 送信者 `<>` は判定しません。
rule-header-from-mismatch-caveats = メーリング リスト、ニュースレター業者、転送者は設計上一致しません。
rule-capture-truncated-trigger = 接続のフレームがネットワーク上より短くキャプチャされ、切り取られたバイトが TCP ペイロードだった。
rule-capture-truncated-caveats = 示すスナップ長は切られたフレームのキャプチャ長です (リンク、IP、TCP ヘッダーを含む)。
rule-capture-ended-trigger = キャプチャの終了時に接続がまだ開いていて、最後のパケットから 30 秒未満であり、応答のないコマンドまたは未完了の BLOB、チャンク、メッセージ本文、応答がある。
rule-capture-ended-caveats = キャプチャ停止の直前の数秒で止まった接続も同じに見えます。
rule-connection-refused-trigger = クライアントの SYN に RST (サーバーの唯一のセグメント) が返された、またはクライアントが SYN だけを送り何も返らなかった。
rule-connection-refused-caveats = 実際には開いた接続のクライアントの SYN だけを見たキャプチャは、応答なしに見えます。
rule-no-banner-trigger = ハンドシェイクがキャプチャにあり、サーバーが応答したのに、SYN から 30 秒以内に (または最後まで) グリーティングの応答が来なかった。
rule-no-banner-caveats = 意図的なターピットの遅延でも発生します。
rule-tcp-gap-trigger = 一方向のバイトがキャプチャに一度も現れない: 相手が確認応答した、または後のデータが届いたのに穴が埋まらなかった。
rule-tcp-gap-caveats = キャプチャしたホストによる欠落は、キャプチャが取りこぼしを報告しない限りネットワーク損失と区別できません。
rule-unsolicited-reply-trigger = 待機中のクライアント コマンドがないときの完全なサーバー応答 (パイプライン処理、DATA、BLOB の転送を考慮した後)。グリーティング、421、サーバーが閉じる直前の別れの応答 (アイドル タイムアウト) を除く。
rule-unsolicited-reply-caveats = キャプチャの欠落で説明がつく応答 (そのコマンドや前の応答が欠落内にありうる) は判定しません。
rule-unanswered-command-trigger = クライアントのコマンドがまだ応答を待っているうちに接続が終わり、サーバーが 421 または 521 で終了を告げていなかった。
rule-unanswered-command-caveats = 応答が届く前に止めたキャプチャも同じに見えます。
rule-tcp-retransmission-trigger = 一方向のセグメントの 1% 超、または 3 セグメント超が、失われたために再送された (繰り返された SYN や FIN、キープアライブ、確認応答済みのバイトのコピー、受信側が重複と報告するものは損失ではない)。拒否された接続では発生しない (その繰り返しの SYN は connection-refused)。
rule-tcp-retransmission-caveats = 受信側の D-SACK なしに送信側で取ったキャプチャは、元のパケットが届いたテール ロス プローブも損失と数えます。
rule-tcp-reset-trigger = どちらかの側の RST で接続が終わり、それより前に QUIT への 221 応答が見えなかった。
rule-tcp-reset-caveats = 221 の後の RST は通常の (無作法ではあるが) 終了で、報告しません。QUIT が見えない TLS 内の RST も報告しません。
rule-slow-reply-trigger = 応答が、その前の最後のクライアント コマンドまたはデータから 30 秒以上後に来た。
rule-slow-reply-caveats = 長い本文の最初のセグメントから測るため、遅いアップロードの時間も加わることがあります。
rule-capture-drops-trigger = キャプチャ全体: pcapng のインターフェイス統計または libpcap のカウンターがパケットの取りこぼしを報告している。
rule-capture-drops-caveats = 取りこぼしのカウンターを記録するキャプチャだけで発生します。
rule-connection-flood-trigger = キャプチャ全体: 新しい接続が接続数の上限 (--max-connections) に達していたため、データなしで最も長く待っていた接続 (静かなものから) が除外された。または live で、上限の 4 分の 3 に達している間、接続がより短いアイドル時間で閉じられた。
rule-connection-flood-caveats = 上限より多くの接続を正当に同時に保持するハブでも発生します。そのようなハブでは --max-connections を上げます。
rule-dns-lookup-failed-trigger = キャプチャ全体: MX の問い合わせに NXDOMAIN, SERVFAIL, REFUSED (エラーの rcode すべて) が返されたか 10 秒以内に応答がない、またはキャプチャ内の MX 応答が挙げたホストの A/AAAA の問い合わせが同じように失敗した (A と AAAA がともに空の場合も含む)。名前ごとに 1 つの検出結果で、失敗した問い合わせを数えます。
rule-dns-lookup-failed-caveats = キャプチャ内の問い合わせだけを判定します。キャッシュされた応答を持つ送信側は問い合わせをしません。
rule-connected-not-to-mx-trigger = セッションのクライアントが直前 (最大 300 秒) に受信者のドメインの MX を問い合わせ、エクスチェンジャーとそのアドレス (MX 応答内、または自身の A/AAAA 問い合わせ) を得た後、そのどれでもないアドレスに接続した。
rule-connected-not-to-mx-caveats = 情報: スマート ホスト経由のルーティングは一般的で正しい構成です。
rule-no-ptr-trigger = セッション中に、サーバーのアドレスがクライアントのアドレスの PTR を問い合わせて NXDOMAIN, SERVFAIL、レコードなし、または応答なしとなり、その応答の後にセッションの 4xx/5xx の拒否が続いた。
rule-no-ptr-caveats = 拒否には別の理由があるかもしれません: そのテキストを読みます (4.7.25 / 5.7.25 は逆引き DNS を示します)。
rule-retry-storm-trigger = セッション横断: 1 つのクライアントから 1 つのサーバーへの同じエンベロープ (MAIL FROM、RCPT TO の集合、SIZE=) の試行が 3 回以上、それぞれ 4xx 応答で終わった。根拠: 試行、そのセッション、間隔、応答。
rule-retry-storm-caveats = グレーリストは設計上 1、2 回保留します。1 つのメッセージの 3 回の保留はすでに異常です。
rule-connection-churn-trigger = セッション横断: 1 つのクライアントから 1 つのサーバーへの、それぞれ 30 秒未満の 5 つ以上のセッションが、MAIL FROM の前に終わった (拒否されたグリーティング、拒否された EHLO、またはクライアントの切断)。根拠: それぞれの終わり方。
rule-connection-churn-caveats = 監視のプローブは設計上短いセッションを作ります。
rule-verb-dropped-trigger = `smtpscope diff SENDER RECEIVER` のみ、対応付けられたセッションの組で: 送信側が送ったコマンドが受信側に届かない、または改変されて届く (X でマスク、NOOP に置換、引数の書き換え)。または受信側が送った EHLO キーワードが送信側で欠けているかマスクされている。またはバナーが異なる。根拠: 各側の行とそのフレーム。
rule-verb-dropped-caveats = 2 つのキャプチャは同じ会話を示している必要があります: 推定だけで対応付けた組 (その確度を参照) は別々のセッションを比較しているかもしれません。バイトの欠けた受信側キャプチャにないコマンドは、削除されたコマンドではなくキャプチャの損失として報告します。
summary-connection-churn = { $client } は { $server } へ { $seconds } 秒間に { $count } 個の短いセッションを開き、いずれも MAIL の前に終了しました。
summary-retry-storm = { $client } は同じメッセージを { $server } へ { $seconds } 秒間に { $count } 回送ろうとし、毎回保留されました ({ $reply })。
summary-no-ptr = サーバーは { $name } の PTR を見つけられず ({ $result })、拒否しました: { $reply }。
summary-connected-not-to-mx = クライアントは { $server } に接続しましたが、これは { $domain } の MX のアドレスではありません ({ $known })。
summary-capture-truncated = キャプチャはスナップ長 { $snaplen } で切り詰められました: { $segments } セグメントのペイロード { $bytes } バイトがキャプチャされていません。

## Transport, refusal and message findings

summary-tcp-retransmission = 再送: { $one }。
summary-tcp-retransmission-both = 再送: { $one }; { $other }。
resent-side = { $side }: { $segments } セグメント中 { $lost } 個を損失後に再送 ({ $bytes } バイト){ $first }{ $spurious }
resent-first-at = 、最初はフレーム { $frame }({ $place })
resent-not-loss = ; ほかに { $count } 個は損失ではない
resent-in-body = { $verb } の本文中
resent-in-blob = XEXCH50 BLOB 中
resent-in-tls = TLS 内
resent-after-command = `{ $verb }` 以降
resent-after-reply = { $code } 応答以降
resent-in-sasl = SASL 交換中
resent-in-dialogue = ダイアログ中
summary-connection-refused = { $server } への接続が拒否されました: SYN に RST が返りました。
evidence-syn-answered-by-rst = { $server } への SYN にフレーム { $frame } で RST
summary-connection-unanswered = { $server } への接続に応答がありません: SYN { $count } 個、応答なし。
evidence-syn-unanswered = { $server } への SYN { $count } 個 ({ $seconds } 秒間)、応答なし
evidence-tls-began = フレーム { $frame } で TLS 開始; クライアントの { $client } バイトとサーバーの { $server } バイトが暗号化
summary-header-from-mismatch = { $message } のヘッダー { $header } が { $envelope } と一致しません。
summary-mail-loop-suspected = { $message } はループした可能性があります: { $why }。
summary-received-delay = { $message } は途中で遅延しました: { $why }。

## Refusal, reset and gap findings

refused-the-message = メッセージ
refused-the-connection = 接続
refused-the-sender = 送信者
summary-refused-because = { $what }は「{ $reply }」で拒否されました: { $because }。
summary-deferred-because = { $what }は「{ $reply }」で保留されました: { $reason }。
summary-recipient-unknown = { $what }は「{ $reply }」で拒否されました: 受信者がその宛先に存在しません。
evidence-unknown-recipients = 不明な受信者: { $addresses }
spam-listed-on = クライアントが { $list } に登録されています
spam-refused = スパムとして拒否
evidence-block-list = ブロックリスト: { $list }
advice-spam-listed = クライアント { $client } が { $list } に登録されています: 登録内容を確認し、原因を解消してから削除を依頼してください。
summary-throttled = { $what }は「{ $reply }」で保留されました: 受信側がこのクライアントを制限しています。
deferred-greylisting = グレイリスティング: 再試行は受け付けられます
deferred-retry = 送信側が再試行する必要があります
summary-not-authorized = { $what }は「{ $reply }」で拒否されました: 送信者に権限がありません。
summary-tcp-reset = { $state }に{ $by }が接続をリセットしました。
evidence-rst-from = { $state }に{ $by }から RST
reset-by-server = サーバー
reset-by-client = クライアント
reset-by-both = 双方
reset-before-smtp = SMTP のやり取りの前
reset-during-blob = XEXCH50 BLOB の転送中
reset-during-bdat = BDAT チャンクの途中
reset-during-data = DATA の途中
reset-during-auth = 認証中
reset-awaiting-reply = コマンドが応答を待っている間
reset-between-commands = コマンドの合間
summary-tcp-gap = キャプチャに欠落 { $count } 件。
summary-tcp-gap-first = キャプチャに欠落 { $count } 件; 最初: { $first }。
evidence-gap = { $side }: オフセット { $offset } で { $bytes } バイト欠落、{ $cause }
evidence-gap-into = { $side }: オフセット { $offset } で { $bytes } バイト欠落、{ $cause }、{ $place }
gap-acked = 相手は確認応答したがキャプチャされていない
gap-capture-ended = キャプチャ終了まで埋まらなかった
gap-connection-ended = 接続終了まで埋まらなかった
gap-memory-cap = 再構成のメモリ上限で破棄
gap-too-many-segments = 破棄: 順序外のセグメントが多すぎる
gap-snaplen = キャプチャに保存されていない (スナップ長)
gap-in-data = DATA 本文の中
gap-in-blob = XEXCH50 BLOB の中
gap-in-bdat = BDAT チャンクの中
gap-in-command = コマンド行の中
gap-in-reply = 応答行の中
gap-between-commands = コマンドの合間
gap-between-replies = 応答の合間

## TLS findings

refused-tls-required = 先に TLS が必要です
refused-too-large = メッセージが大きすぎます
deferred-short-of-resources = 受信側のリソースが不足しています
summary-tls-before-auth = { $verb } が認証前に受け付けられました: セッションの残りは暗号化されています。
summary-tls-before-auth-decrypted = { $verb } が認証前に受け付けられました; 復号したセッションの内容: { $inside }。
summary-tls-cert-name-mismatch = サーバー証明書の名前は { $names } で、{ $asked } ではありません。
summary-tls-handshake-failed = TLS ハンドシェイクが失敗しました: { $how }。
tls-failed-client-sent = クライアントが { $alert } を送信
tls-failed-server-sent = サーバーが { $alert } を送信
tls-failed-reset = 完了前に接続がリセットされた
tls-failed-closed = 完了前に接続が閉じられた
summary-tls-weak-suite = TLS で弱い暗号スイート { $suite } が使われました。
summary-tls-short-key = TLS ハンドシェイクの証明書に 2048 ビット未満の鍵があります。
summary-tls-version-client-behind = { $version } がネゴシエートされました: クライアントがそれより新しいものを提示していません。
summary-tls-version-server-behind = クライアントは { $offered } を提示しましたが { $version } がネゴシエートされました: サーバーがそれより新しいものに対応していません。
summary-tls-version-offered = クライアントは { $offered } より新しいものを提示していません。

## Dialogue, DNS and exploit-shape findings

summary-dns-lookup-failed = { $name } の { $qtype } 検索が失敗しました ({ $result }): その宛先へのメールは配送できません。
dns-exchanger-of = { $name } ({ $domain } のメール エクスチェンジャー)
summary-capture-ended = セッションの途中でキャプチャが終了しました: { $detail }。
ehlo-fell-back-to-helo = 、クライアントは HELO にフォールバック
summary-ehlo-rejected = EHLO への応答は { $code }{ $fallback }: セッションは ESMTP 拡張なしで進みます。
summary-sequence-error = コマンドの順序が不正です: { $why }。
slow-the-body = { $verb } の本文
slow-the-blob = XEXCH50 BLOB
slow-auth-line = 認証の行
slow-last-bytes = クライアントの最後のバイト
summary-slow-reply = サーバーは { $what } への応答に { $seconds } 秒かかりました。
evidence-slow-sent = { $what } を送信
evidence-reply-after = { $seconds } 秒後に応答
summary-starttls-refused = { $verb } が拒否されました: { $reply }。
summary-unanswered-command = 接続は { $count } 個のコマンドが未応答のまま終了しました: { $detail }。
summary-unsolicited-reply = 応答を待つコマンドがないのにサーバーが { $reply } を送信しました。
summary-xexch50-count-mismatch = XEXCH50 の通知カウントは { $count } ですが、受け付けられた受信者は { $accepted } 件です (期待値 { $expected })。
summary-xlink2state-overflow = { $bytes } バイトの X-LINK2STATE チャンクが FIRST チャンクなしで届きました: MS05-021 エクスプロイトの形です。
summary-xexch50-bad-size-accepted = { $size } サイズの XEXCH50 (MS03-046 エクスプロイトの形) に 354 が返りました: サーバーは未修正です。
summary-xexch50-bad-size = { $size } サイズの XEXCH50: MS03-046 エクスプロイトの形です。
summary-xexch50-not-advertised = サーバーの EHLO 応答が XEXCH50 を通知していないのに、クライアントが XEXCH50 を送信しました。
summary-xexch50-rejected-after-auth = 認証成功後に XEXCH50 が 504 で拒否されました: 送信側は認証済みですが権限がありません (Send As)。
summary-blob-size-mismatch = { $verb } は { $declared } バイトを通知しましたが、続いたのは { $transferred } バイトです: { $why }。

## Smuggling and connection flood

summary-smtp-smuggling = DATA 本文に { $sequence } とそれに続く { $command } があります: SMTP スマグリングの試みです。
summary-smtp-smuggling-answered = DATA 本文に { $sequence } とそれに続く { $command } があります: SMTP スマグリングの試みで、サーバーは密輸されたコマンドに応答しました。
summary-connection-flood = { $source }: 同時に { $max } を超える接続が開かれました; { $evicted ->
       *[other] { $shown } 個が終了前に追い出されました
    }{ $early }。
flood-closed-early = 、{ $count } 個が予算上限近くで早期に閉じられました

## diff findings

summary-verb-dropped = 2 台のサーバーの間で { $count } 個の動詞、キーワード、バナーが削除または書き換えられました: { $labels }。
advice-verb-swallowed = 送信側は受信側が送っていない `{ $reply }` (フレーム { $frame }) を受け取りました: 途中の機器が `{ $command }` を飲み込み、自分で応答しています。
summary-starttls-stripped = 受信側は STARTTLS を提示しましたが送信側の EHLO 応答にはありません: 途中で削除されたため、セッションを暗号化できませんでした。

## Text report: session header

text-banner = バナー
text-time = 時刻
text-frames = フレーム
text-handshake-seen = ハンドシェイクあり
text-mid-stream = 途中から捕捉 (SYN なし)

## 検出結果: 根拠の行

evidence-bare-line-ends = DATA 本文に単独の LF の行末が { $lf } 個、単独の CR の行末が { $cr } 個あります
short-blob-gap = その途中にキャプチャの欠落があります
short-blob-reset = その途中で接続がリセットされました
short-blob-ended = その途中で接続が終了しました
evidence-blob-short = 宣言 { $declared } バイト、転送 { $transferred } バイト; { $why }
evidence-capture-ended-after = キャプチャは接続の最後のパケットから { $seconds } 秒後、接続が開いたまま終了しました
evidence-snaplen = スナップ長 { $snaplen } でキャプチャが切り詰められました
evidence-snaplen-lost = クライアント→サーバー: { $c2s_segments } セグメントの { $c2s_bytes } バイトが未キャプチャ; サーバー→クライアント: { $s2c_segments } セグメントの { $s2c_bytes } バイト
evidence-mx-addresses = そのアドレス: { $addresses }
evidence-connected-to = 接続先 { $server }
evidence-session-line = セッション { $session }: { $how }
churn-greeting = グリーティング { $reply }
churn-ended-after = { $reply } の後に終了
churn-ended-without-reply = 応答なしで終了
evidence-flood-budget = 接続の上限 { $max } (--max-connections); 同時に開いていた最大数 { $peak }
evidence-flood-peak-rate = 1 秒あたりの新規接続の最大 { $count }
evidence-flood-peak-rate-at = 1 秒あたりの新規接続の最大 { $count } ({ $at })
evidence-flood-evicted = 追い出し { $evicted } 件、うち 1 バイトも運ばなかったもの { $quiet } 件
evidence-flood-given-up = { $first } から { $last } まで打ち切り ({ $seconds } 秒)
evidence-flood-given-up-rate = { $first } から { $last } まで打ち切り ({ $seconds } 秒、毎秒 { $rate } 件)
dns-no-answer = 応答なし
dns-pending = 応答の前にキャプチャが終了
dns-no-data = NOERROR、その種類のレコードなし
dns-answered = 応答あり
evidence-ptr = { $querier } PTR { $name }: { $result }
evidence-dns-asked = { $querier } が { $server } に { $qtype } { $name } を問い合わせ: { $result }
evidence-dns-failed-in-all = … 失敗した問い合わせは全部で { $count } 件
auth-state-authenticated = セッションは認証済み (SASL 交換が 235 で終了)
auth-state-no-reply = 応答なし
auth-state-failed = セッションは匿名: { $verb } { $mechanism } が失敗 ({ $reply })
auth-state-no-ehlo = セッションは匿名: EHLO の拡張がないため X-EXPS/AUTH は使えませんでした
auth-state-not-tried = セッションは匿名: サーバーは X-EXPS/AUTH を提示しましたが、クライアントは試みませんでした
auth-state-not-offered = セッションは匿名: サーバーは認証を提示しませんでした
evidence-mechanism = メカニズム { $mechanism }
evidence-identity = ID { $identity }
evidence-kerberos-offered-ntlm-sent = Kerberos を提示しましたが NTLM を送信しました
evidence-spnego-offers-ntlm = SPNEGO NegTokenInit は { $offered } を提示; その mechToken は NTLMSSP です
evidence-ehlo-keywords-no-exps = EHLO キーワード: { $keywords } (X-EXPS なし)
evidence-ehlo-keywords-no-exchange = EHLO キーワード: { $keywords } (X-EXPS、XEXCH50、X-LINK2STATE なし)
evidence-ehlo-no-keywords-no-exchange = EHLO キーワード: なし (X-EXPS、XEXCH50、X-LINK2STATE なし)
evidence-reply-inferred = { $reply } (推定: キャプチャの欠落で失われました)
envelope-mail-from-domain = MAIL FROM のドメイン { $domain }
fqdn-server-calls-itself = サーバーは自らを `{ $name }` と名乗っています
fqdn-client-introduced = クライアントは `{ $name }` と名乗りました
loop-host-again = Received フィールド { $count } 個; 経路が同じホストに再び入っています: { $hosts }
loop-too-many-hops = Received フィールド { $count } 個 ({ $max } 個を超えています)
evidence-received-path = 経路 (古い順): { $path }
delay-held-by-hop = { $held_by } が { $delay } 保持した後、{ $by } が受信しました (ホップ { $hop }/{ $hops })
delay-held-before-session = { $held_by } が { $delay } 保持した後、このセッションが配送しました
evidence-size-over-limit = MAIL FROM は SIZE={ $size } を通知; サーバーの EHLO の上限は SIZE { $limit }
signature-pix-banner = PIX Mailguard: バナーの文字列が `*` でマスクされています
signature-verb-masked = 途中で X でマスクされたコマンド: `{ $verb }`
signature-verb-quoted-masked = サーバーは X でマスクされた `{ $verb }` を引用しています
signature-asa-keywords = ASA による EHLO キーワードのマスク: { $keywords }
signature-noop = NOOP への置き換え: `{ $verb }` に素の 250 OK が返りました
evidence-signature = シグネチャ: { $name }
sequence-rcpt-before-mail = MAIL の前の RCPT
sequence-data-before-rcpt = RCPT の前の DATA または BDAT
sequence-xexch50-outside = メール トランザクション外の XEXCH50
sequence-answered-503 = { $verb } に 503 が返りました
evidence-no-auth-local-domains = セッションに認証なし; ローカル ドメイン: { $domains }
evidence-message-envelope = メッセージ { $envelope }
retry-after-previous = { $reply }、前回から { $seconds } 秒後
inside-auth-succeeded = 成功
inside-auth-failed = 失敗
inside-auth-cancelled = 取り消し
inside-auth-incomplete = 最終応答なし
inside-auth = { $auth } は{ $outcome }
inside-auth-code = { $auth } は{ $outcome } ({ $code })
inside-xexch50-blob = XEXCH50 と { $bytes } バイトの BLOB に { $code } が返りました
inside-xexch50 = XEXCH50 に { $code } が返りました
inside-xexch50-no-reply = 応答のない XEXCH50
inside-nothing = 認証も XEXCH50 もなし
evidence-decrypted-with = { $key } で復号: TLS の内側は { $inside }
evidence-decrypted = 指定された鍵で復号: TLS の内側は { $inside }
evidence-smuggling-at = 本文の { $offset } バイト目に { $sequence }、続いて { $followed }
line-smuggled = { $line } (スマグリング)
cert-no-cn = CN (なし)
cert-san-more = SAN { $names } (ほかに { $more } 個)
cert-the-server = サーバーの証明書
cert-chain = チェーンの証明書 { $number }
cert-the-client = クライアントの証明書
cert-client-number = クライアントの証明書 { $number }
cert-valid-from-to = 有効期間 { $from } ～ { $to }
cert-validity-unknown = 有効期間不明
evidence-cert-window = { $whose } { $subject } ({ $names }): { $window }
evidence-handshake-day = ハンドシェイクは { $day } (キャプチャ自身の時刻)
suites-and-more = { $suites } ほか { $more } 個
evidence-client-offered = クライアントは { $versions } を { $count } 個のスイート ({ $suites }) で提示
evidence-server-chose = サーバーは { $version } と { $suite } を選択
weak-export = 輸出グレードのスイート (40/56 ビット鍵)
weak-null = 暗号化なし (NULL 暗号)
weak-rc4 = RC4 (RFC 7465 で禁止)
weak-3des = 3DES (Sweet32 に弱い 64 ビット ブロック暗号、CVE-2016-2183)
weak-des = シングル DES (56 ビット鍵)
weak-obsolete = 廃止された暗号 (RC2/IDEA)
weak-anonymous = 匿名の鍵交換: サーバーは認証されません
evidence-weak-suite = { $suite }: { $why }
evidence-short-key = { $whose } { $subject } の鍵は { $bits } ビットの { $key } 鍵です
evidence-cert-self-signed = 証明書 { $subject } ({ $names }) は自己発行です
name-source-banner = バナー
name-source-ehlo-reply = EHLO 応答
name-with-source = { $name } ({ $source })
evidence-cert-names = 証明書 { $subject }: { $names }
evidence-server-named = サーバーの名前は { $names }
evidence-no-server-hello = サーバーは ServerHello を送信しませんでした
evidence-alert = アラート: { $alert }
size-signed = 符号付き
size-not-decimal = 10 進数でない
size-beyond-64-bits = 64 ビットを超える
size-above-2-30 = 2^30 を超える
evidence-size-argument = サイズ引数: { $what }
evidence-recipients-accepted-before = その前に受理された受信者 { $count } 人
evidence-auth-235-before = その前に { $verb } { $mechanism } が 235 で終了していました
evidence-no-auth-235-before = その前に 235 で終了した X-EXPS または AUTH の交換はありません
evidence-ehlo-no-xexch50 = EHLO 応答に XEXCH50 がありませんでした
evidence-xlink2state-chunk = { $bytes } バイトのチャンク、その前に X-LINK2STATE FIRST なし
evidence-greeting-after = { $seconds } 秒後にグリーティング
evidence-no-greeting = グリーティングなし; 接続は { $seconds } 秒後に終了
evidence-starttls-offered-unused = サーバーは STARTTLS を提示しましたが、クライアントは使いませんでした
evidence-starttls-not-in-ehlo = サーバーの EHLO リストに STARTTLS がありませんでした
evidence-no-ehlo-list = EHLO リストは見当たりません
evidence-frame = フレーム { $frame }

## 検出結果: 見えた内容による確認事項

advice-exps-plain-login = PLAIN または LOGIN では、ユーザー名かパスワードが拒否されたか、サーバーが AUTH をまったく提示していません。以下の Kerberos の原因は Exchange サーバー間の X-EXPS と GSSAPI/NTLM に関するものです。
advice-exps-no-x-keyword = X で始まるキーワードが 1 つも提示されていません: 受信側で Exchange のプロトコル シンクが読み込まれていないか、ウイルス対策やゲートウェイの SMTP スタックが前段で応答しています。
advice-smuggling-answered = サーバーはスマグリングされたコマンドに応答しました: 非標準のシーケンスをデータの終わりとみなし、2 通目の偽装メッセージを受け入れています。直ちに修正プログラムを適用するか設定を変更します。
advice-tls-decrypted = このセッションは復号されました: TLS の内側で起きたこと (認証、XEXCH50、メッセージ) は、このセッションの対話と検出結果にあります。
advice-tls-exchange-2003 = 受信側は Exchange 2000/2003 です: XEXCH50 が失敗するなら、X-EXPS の前の TLS は KB 843106 の手順 3 に当たります。
advice-unsolicited-smuggling = サーバーは DATA 本文の CRLF.CRLF より前に応答しました: 非標準のデータ終端シーケンスを終わりとみなしたため、これらの応答は本文の中を運ばれたコマンドへの応答です。
advice-xexch50-unpatched = サーバーは不正なサイズに 354 を返しました: MS03-046 の修正プログラムが適用されていません。直ちに適用します。
advice-tls-alert-protocol-version = protocol_version: 両者に共通の TLS バージョンがありません。古い側で TLS 1.2 を有効にするか (Windows Server 2008/2008 R2 と Exchange 2010 には更新プログラムが必要、Windows 2003 の SChannel には対応版がありません)、置き換えまでの間、新しい側で古いバージョンを許可します。
advice-tls-alert-no-suite = handshake_failure/insufficient_security: 両者が受け入れる暗号スイート (または鍵交換) がありません。根拠にある提示内容をサーバーの暗号リストと比較します。
advice-tls-alert-bad-certificate = クライアントはサーバーの証明書を拒否しました: チェーン (送信された中間証明書)、有効期限、名前がクライアントの期待と合っているか確認します。
advice-tls-alert-unrecognized-name = unrecognized_name: クライアントが SNI で求めた名前の証明書がサーバーにありません。
advice-tls-alert-certificate-required = certificate_required: サーバーはクライアント証明書を求めています (相互 TLS、Exchange のドメイン セキュリティ) が、クライアントは送信しませんでした。

## プロトコルの異常 (テキストと HTML のレポート; JSON は英語のまま)

end-connection-ended = 接続が終了した
end-connection-idle = 接続が無通信になった
end-connection-reused = 新しい接続が同じアドレスを再利用した
end-capture-ended = キャプチャが終了した
end-connection-evicted = 接続が追い出された
awaiting-data-body = DATA 本文
awaiting-blob = XEXCH50 BLOB
awaiting-sasl-line = SASL 行
awaiting-client-line = クライアントの行
anomaly-transcript-truncated = 対話が { $max } 項目を超えました: 最初の { $head } 項目と最後の { $tail } 項目を保持し、その間は数のみ数えます
limit-transactions = 保持する { $max } トランザクションを超えた MAIL コマンド: 最後のトランザクションに記録
limit-recipients = トランザクションごとに保持する { $max } 受信者を超えた RCPT コマンド: 数のみ数え、保持しません
limit-auth = 保持する { $max } 個を超えた SASL 交換: 交換として区切り、保持しません
limit-tokens = 交換ごとに保持する { $max } 個を超えた SASL トークン: 数のみ数え、保持しません
anomaly-limit = { $count } 件: { $what }
anomaly-more-not-kept = ほかに { $count } 件の異常は保持されていません
anomaly-xexch50-size-invalid = 有効なサイズのない XEXCH50 に 354 が返りました: BLOB の範囲を決められません
anomaly-bdat-size-invalid = 有効なサイズのない BDAT ({ $size }): チャンクが続くかどうかは応答で決まります
anomaly-bdat-arguments-invalid = `size [LAST]` でない BDAT の引数: チャンクが続くかどうかは応答で決まります
anomaly-gap-in-payload = ペイロードの途中で { $bytes } バイトが欠落
anomaly-unit-blob = XEXCH50 BLOB
anomaly-unit-chunk = BDAT チャンク
anomaly-counted-truncated = { $what } の終わりまで { $bytes } バイトを残して{ $ended }
anomaly-spoke-before-banner = サーバーのグリーティングの前に { $verb } が送信されました
anomaly-reply-before-end-held = CRLF.CRLF の前にサーバーが応答しました; 本文の { $offset } バイト目に { $sequence } がありました
anomaly-reply-before-end = DATA 本文が CRLF.CRLF に達する前にサーバーが応答しました
anomaly-smuggled-tail-truncated = 非標準のデータ終端の後の { $dropped } バイトは再生されていません (最初の { $replayed } バイトは再生済み)
anomaly-gate-assumed-accepted = クライアントは { $what } の後、キャプチャされた応答なしに続けました; 受理されたとみなします
anomaly-gate-assumed-refused = クライアントは { $what } の後、キャプチャされた応答なしにコマンドを続けました; 拒否されたとみなします
anomaly-gap-in-reply-line = 応答行の途中で { $bytes } バイトが欠落
anomaly-gap-in-reply = { $code } 応答の途中で { $bytes } バイトが欠落
anomaly-gap-in-command-line = コマンド行の途中で { $bytes } バイトが欠落
anomaly-gap-in-data = DATA 本文の途中で { $bytes } バイトが欠落; 本文はここで終わります
anomaly-midstream-start = キャプチャに SYN がありません: セッションはキャプチャの前に始まっています
anomaly-data-truncated = DATA 本文の途中で{ $ended }
anomaly-invalid-base64 = base64 でない { $bytes } バイトの SASL 行
anomaly-starttls-not-followed = { $verb } への 220 の後、クライアントは平文のまま続けました
anomaly-line-unterminated = 行の途中で{ $ended } ({ $bytes } バイト)
anomaly-bare-lf = 行末が CRLF でなく LF のみ
anomaly-line-truncated = { $bytes } バイトの行: 先頭と末尾の { $kept } バイトを保持し、その間の { $cut } バイトは保持しません
anomaly-line-too-long = { $bytes } バイトの行 (RFC 5321 の上限は { $max })
anomaly-malformed-command = コマンドではありません: { $line }
anomaly-malformed-reply = 応答行ではありません: { $line }
anomaly-reply-code-changed = { $code } 応答が別のコードで続きました
anomaly-reply-truncated = { $total } 行の { $code } 応答: 最初の { $head } 行と最後の行を保持し、その間の { $lines } 行 (テキスト { $bytes } バイト) は保持しません
anomaly-reply-unfinished = { $code } 応答の途中で{ $ended }
anomaly-pending-given-up = { $max } 個のコマンドが応答待ちでした; { $what } の応答待ちを打ち切りました
anomaly-no-greeting = 最初の応答は { $code } で、グリーティングではありません
anomaly-reply-without-command = 応答を待つコマンドがないのに { $reply } が届きました
anomaly-reply-without-command-hint = 応答を待つコマンドがないのに { $reply } が届きました (直前の DATA 本文の { $offset } バイト目に { $sequence } がありました)
anomaly-server-direction-missing = サーバーからクライアントへのバイトが 1 つもキャプチャされていません
anomaly-client-direction-missing = クライアントからサーバーへのバイトが 1 つもキャプチャされていません
anomaly-command-unanswered = { $what } への応答がないまま{ $ended }

## テキスト レポート: セッションの見出し、欠落、数

text-tunnel = トンネル
text-gap = 欠落
text-retried = 再試行
text-incomplete-input = 不完全な入力:
text-closed-fin = FIN で終了
text-closed-rst = リセット (RST)
text-closed-idle = 開いたまま、タイムアウトを超えて無通信
text-closed-reused = 開いたまま、新しい SYN が同じポートを再利用
text-closed-end-of-input = キャプチャの終了時点でまだ開いている
text-closed-evicted = 開いたまま、接続の上限に達したため追い出し (--max-connections)
text-sent-fin = FIN を送信
text-sent-rst = RST を送信
text-gap-acked = 相手は確認応答したがキャプチャされていない
text-gap-capture-ended = キャプチャの終了時点でまだ欠落
text-gap-connection-ended = 接続の終了時点でまだ欠落
text-gap-connection-cap = 打ち切り: 接続の再構成バッファーが満杯
text-gap-total-cap = 打ち切り: 再構成バッファー全体が満杯
text-gap-too-many = 打ち切り: 順序外のセグメントが多すぎる
text-gap-snaplen = キャプチャで保持されていない (スナップ長)
text-retry-delivered = その後配送
text-retry-not-delivered = 配送されず
count-segments = { $count ->
       *[other] { $n } セグメント
    }
count-bytes = { $count ->
       *[other] { $n } バイト
    }
count-retransmitted = { $count ->
       *[other] 再送 { $n }
    }
count-not-loss = { $count ->
       *[other] うち損失でないもの { $n }
    }
count-gaps = { $count ->
       *[other] 欠落 { $n } 件
    }
count-overlap-bytes = { $count ->
       *[other] 矛盾する重複 { $n } バイト
    }
count-sessions = { $count ->
       *[other] { $n } セッション
    }
count-with-tls = { $count ->
       *[other] うち TLS { $n }
    }
count-files = { $count ->
       *[other] { $n } ファイル
    }
count-packets = { $count ->
       *[other] { $n } パケット
    }
count-smtp-sessions = { $count ->
       *[other] SMTP セッション { $n } 件
    }
count-tcp-connections = { $count ->
       *[other] TCP 接続 { $n } 件
    }
count-findings = { $count ->
       *[other] 検出結果 { $n } 件
    }
text-tunnel-line = { $proxy } 経由の { $kind } で { $host }:{ $port } へ
text-tunnel-line-user = { $proxy } 経由の { $kind } で { $host }:{ $port } へ (ユーザー { $user })
text-gap-line = { $dir } バイト位置 { $offset } で { $bytes } 欠落、{ $reason }
text-gap-more = … ほかに { $n } 件
text-snaplen = スナップ長 { $snaplen } でキャプチャが切り詰められました: { $segments } のペイロード { $bytes } がキャプチャされていません
text-flow-messages = メッセージ 受理 { $accepted }、保留 { $deferred }、拒否 { $refused }
text-flow-recipients-refused = 拒否された受信者 { $codes }
text-flow-replies = 応答 中央値 { $median } ms、最大 { $worst } ms
text-retry = { $envelope }: 試行 { $attempts } 回、保留 { $deferred } 回、{ $seconds } 秒間、{ $outcome }
text-interface = インターフェイス { $name }
text-summary-counts = 合計 { $source }、{ $packets } ({ $bytes })、{ $sessions }、{ $connections }
text-capture-dropped = キャプチャ自体が { $packets } を取りこぼしました
text-in-sessions = (セッション { $sessions })
text-in-sessions-more = (セッション { $sessions } ほか { $n } 件)

## explain: コードの説明の枠組み

rules-ndr-causes = 原因 (可能性の高い順):
rules-ndr-steps = 手順:
rules-greeting = グリーティング
code-source-iana = IANA レジストリ ({ $rfc })
code-class-2 = 成功
code-class-4 = 一時的な失敗
code-class-5 = 恒久的な失敗
code-subject-0 = その他または未定義の状態
code-subject-1 = アドレス指定
code-subject-2 = メールボックス
code-subject-3 = メール システム
code-subject-4 = ネットワークとルーティング
code-subject-5 = メール配送プロトコル
code-subject-6 = メッセージの内容またはメディア
code-subject-7 = セキュリティまたはポリシー
code-subject-unknown = 不明な分類
code-parts = { $class }; { $subject } (詳細コードは未登録)
code-no-enhanced = 拡張ステータス コードなし
code-see-rfc-3463 = RFC 3463 を参照
explain-ndr = 配信不能レポート ({ $reference }): { $situation }
explain-in-reply-to = { $id } ({ $verbs } への応答)

## 応答コードの名前 (explain と対話の ↳ 行)

code-211 = システム状態またはヘルプの応答
code-214 = ヘルプ メッセージ
code-220 = サービス準備完了
code-221 = サービスが伝送チャネルを閉じます
code-235 = 認証成功
code-250 = 要求されたメール操作は完了しました
code-251 = ユーザーはローカルにいません; 転送します
code-252 = ユーザーを確認できませんが、受け入れて配送を試みます
code-334 = サーバーのチャレンジ
code-354 = メール入力開始
code-421 = サービスを利用できません。伝送チャネルを閉じます
code-432 = パスワードの切り替えが必要です
code-450 = 要求されたメール操作は実行されません: メールボックスを利用できません
code-451 = 要求された操作は中止されました: 処理中のローカル エラー
code-452 = 要求された操作は実行されません: システムの記憶域不足
code-454 = 一時的な認証または TLS の失敗
code-455 = サーバーはパラメーターに対応できません
code-500 = 構文エラー、コマンドを認識できません
code-501 = パラメーターまたは引数の構文エラー
code-502 = コマンドは実装されていません
code-503 = コマンドの順序が不正です
code-504 = コマンド パラメーターは実装されていません
code-521 = サーバーはメールを受け付けません
code-523 = 暗号化が必要です
code-530 = 認証または STARTTLS が必要です
code-534 = 認証メカニズムが弱すぎます
code-535 = 認証資格情報が無効です
code-538 = 要求された認証メカニズムには暗号化が必要です
code-550 = 要求された操作は実行されません: メールボックスを利用できません
code-551 = ユーザーはローカルにいません
code-552 = 要求されたメール操作は中止されました: 記憶域の割り当てを超えました
code-553 = 要求された操作は実行されません: 許可されないメールボックス名
code-554 = トランザクション失敗
code-555 = MAIL FROM/RCPT TO のパラメーターを認識できないか実装されていません
code-556 = ドメインはメールを受け付けません
code-X-0-0 = その他の未定義の状態
code-X-1-0 = その他のアドレスの状態
code-X-1-1 = 宛先メールボックスのアドレスが不正
code-X-1-2 = 宛先システムのアドレスが不正
code-X-1-3 = 宛先メールボックスのアドレスの構文が不正
code-X-1-4 = 宛先メールボックスのアドレスがあいまい
code-X-1-5 = 宛先アドレスは有効
code-X-1-6 = 宛先メールボックスは移動済み、転送先アドレスなし
code-X-1-7 = 送信者のメールボックス アドレスの構文が不正
code-X-1-8 = 送信者のシステム アドレスが不正
code-X-1-9 = 非準拠のメーラーに中継されたメッセージ
code-X-1-10 = 受信者のアドレスに null MX
code-X-2-0 = その他または未定義のメールボックスの状態
code-X-2-1 = メールボックスは無効、メッセージを受け付けません
code-X-2-2 = メールボックスがいっぱい
code-X-2-3 = メッセージの長さが管理上の制限を超えています
code-X-2-4 = メーリング リストの展開の問題
code-X-3-0 = その他または未定義のメール システムの状態
code-X-3-1 = メール システムがいっぱい
code-X-3-2 = システムはネットワークからのメッセージを受け付けていません
code-X-3-3 = システムは選択された機能に対応していません
code-X-3-4 = メッセージがシステムにとって大きすぎます
code-X-3-5 = システムの構成が正しくありません
code-X-3-6 = 要求された優先度が変更されました
code-X-4-0 = その他または未定義のネットワークまたはルーティングの状態
code-X-4-1 = ホストから応答がありません
code-X-4-2 = 接続不良
code-X-4-3 = ディレクトリ サーバーの障害
code-X-4-4 = ルーティングできません
code-X-4-5 = メール システムの輻輳
code-X-4-6 = ルーティング ループを検出
code-X-4-7 = 配送期限切れ
code-X-5-0 = その他または未定義のプロトコルの状態
code-X-5-1 = 無効なコマンド
code-X-5-2 = 構文エラー
code-X-5-3 = 受信者が多すぎます
code-X-5-4 = 無効なコマンド引数
code-X-5-5 = プロトコルのバージョンが違います
code-X-5-6 = 認証交換の行が長すぎます
code-X-6-0 = その他または未定義のメディアのエラー
code-X-6-1 = メディアはサポートされていません
code-X-6-2 = 変換が必要ですが禁止されています
code-X-6-3 = 変換が必要ですがサポートされていません
code-X-6-4 = 損失を伴う変換を実行しました
code-X-6-5 = 変換に失敗しました
code-X-6-6 = メッセージの内容を利用できません
code-X-6-7 = 非 ASCII のアドレスは許可されていません
code-X-6-8 = UTF-8 文字列の応答が必要です
code-X-6-9 = UTF-8 ヘッダーのメッセージは転送できません
code-X-7-0 = その他または未定義のセキュリティの状態
code-X-7-1 = 配送は許可されていません。メッセージは拒否されました
code-X-7-2 = メーリング リストの展開は禁止されています
code-X-7-3 = セキュリティ変換が必要ですが実行できません
code-X-7-4 = セキュリティ機能はサポートされていません
code-X-7-5 = 暗号処理の失敗
code-X-7-6 = 暗号アルゴリズムはサポートされていません
code-X-7-7 = メッセージの整合性の失敗
code-X-7-8 = 認証資格情報が無効です
code-X-7-9 = 認証メカニズムが弱すぎます
code-X-7-10 = 暗号化が必要です
code-X-7-11 = 要求された認証メカニズムには暗号化が必要です
code-X-7-12 = パスワードの切り替えが必要です
code-X-7-13 = ユーザー アカウントが無効です
code-X-7-14 = 信頼関係が必要です
code-X-7-15 = 優先度が低すぎます
code-X-7-16 = 指定された優先度に対してメッセージが大きすぎます
code-X-7-17 = メールボックスの所有者が変わりました
code-X-7-18 = ドメインの所有者が変わりました
code-X-7-19 = RRVS のテストを完了できません
code-X-7-20 = 合格する DKIM 署名が見つかりません
code-X-7-21 = 受け入れ可能な DKIM 署名が見つかりません
code-X-7-22 = 作成者と一致する有効な DKIM 署名が見つかりません
code-X-7-23 = SPF の検証に失敗しました
code-X-7-24 = SPF の検証エラー
code-X-7-25 = 逆引き DNS の検証に失敗しました
code-X-7-26 = 複数の認証チェックに失敗しました
code-X-7-27 = 送信者のアドレスに null MX
code-X-7-28 = 大量メールを検出
code-X-7-29 = ARC の検証の失敗
code-X-7-30 = REQUIRETLS への対応が必要です
code-4-3-1 = システム リソースの不足
code-4-3-2 = サービスを利用できません
code-4-4-1 = 接続がタイムアウトしました
code-4-4-2 = 接続が切断されました
code-4-4-7 = メッセージの遅延または期限切れ
code-4-4-62 = 間違った Office 365 リージョンに送られたメール
code-4-4-316 = 接続が拒否されました
code-4-7-0 = 一時的なサーバー エラー
code-4-7-26 = IPv6 経由のメッセージは SPF または DKIM に合格する必要があります
code-4-7-650 = 送信元 IP は評価のために送信レートを制限されています
code-5-0-0 = 一般的な失敗 (多くはルートなし)
code-5-1-8 = アクセス拒否、不正な送信者 (送信方向)
code-5-1-10 = 受信者が見つかりません
code-5-1-90 = 1 日の受信者数の上限に到達
code-5-2-121 = この送信者に対する受信者の 1 時間あたりの上限を超えました
code-5-2-122 = 受信者の 1 時間あたりの受信上限を超えました
code-5-3-190 = オンプレミスのメッセージのジャーナルはサポートされていません
code-5-4-1 = 受信者のアドレスを拒否: アクセス拒否
code-5-4-6 = ルーティング ループを検出
code-5-4-8 = MX が自分自身を指しています
code-5-4-300 = メッセージの期限切れ
code-5-4-310 = DNS ドメインが存在しません
code-5-6-11 = 無効な文字 (単独の LF)
code-5-7-3 = Exchange Server の認証を完了できません
code-5-7-12 = 送信者は組織によって認証されていません
code-5-7-23 = SPF の検証に失敗しました
code-5-7-54 = 承認されていないドメインの受信者には中継できません
code-5-7-57 = クライアントは匿名メールの送信を認証されていません
code-5-7-64 = TenantAttribution; 中継アクセス拒否
code-5-7-124 = 送信者はグループの許可された送信者一覧にありません
code-5-7-133 = 送信者はグループに対して認証されていません
code-5-7-134 = 送信者はメールボックスに対して認証されていません
code-5-7-350 = リモート サーバーがスパムと判定したメッセージを返しました
code-5-7-501 = アクセス拒否、スパムの悪用を検出
code-5-7-502 = アクセス拒否、スパムの悪用を検出
code-5-7-503 = アクセス拒否、スパムの悪用を検出
code-5-7-510 = アクセス拒否: ドメインは IPv6 経由のメールを受け付けません
code-5-7-511 = アクセス拒否、禁止された送信者
code-5-7-520 = 外部への転送は許可されていません
code-5-7-705 = テナントがしきい値を超えました
code-5-7-708 = アクセス拒否、この IP からのトラフィックは受け付けません
code-5-7-750 = 未登録ドメインからの送信をクライアントがブロックされています
code-4-7-500-699 = アクセス拒否、後で再試行: 送信元 IP のスロットリング
code-5-7-606-649 = アクセス拒否、禁止された送信元 IP
code-5-7-700-749 = アクセス拒否、テナントがブロックされています

## テキスト レポート: 対話の印、トランザクション行、認証行

text-inferred = (推定: 欠落で失われた)
text-smuggled = (スマグリング)
text-data = データ
text-line-not-base64 = 行、base64 でない
text-incomplete = (不完全)
text-inside-tls = (TLS 内)
text-by-the-server = サーバーによる:
text-kerberos-offered-ntlm-sent = (Kerberos を提示、NTLM を送信)
text-auth-success = 成功
text-auth-failure = 失敗
text-auth-cancelled = 取り消し
text-auth-no-final-reply = 最終応答なし
count-items-not-kept = { $count ->
       *[other] 保持されていない項目 { $n } 件
    }
count-bytes-missing = { $count ->
       *[other] { $n } バイト欠落
    }
count-lines-skipped = { $count ->
       *[other] { $n } 行を読み飛ばし
    }
count-more-lines = { $count ->
       *[other] ほか { $n } 行
    }
count-bare-lf = { $count ->
       *[other] 単独の LF { $n }
    }
count-bare-cr = { $count ->
       *[other] 単独の CR { $n }
    }
count-non-canonical-ends = { $count ->
       *[other] 非標準のデータ終端 { $n }
    }
count-tokens = { $count ->
       *[other] トークン { $n } 個
    }
text-in-chunks = { $count ->
       *[other] { $n } チャンクで
    }
text-of-announced = (通知は { $n })
text-token-no-account = { $mechanism } トークン、アカウント名なし

## テキスト レポート: メッセージのまとめと TLS の行

text-message-incomplete = 不完全
text-message-damaged = 欠落で損傷
text-message-too-large = --max-message-size 超過
text-message-captured = キャプチャ
text-tls-resumed = 再開
text-tls-after-hrr = HelloRetryRequest の後
text-tls-established = 確立
text-tls-not-established = 未確立
text-tls-no-client-hello = ClientHello を解読できず
text-tls-no-server-hello = ServerHello なし
text-tls-cert-encrypted = 暗号化 (TLS 1.3): キー ログがあれば表示されます
text-tls-cert-requested = サーバーはクライアント証明書を要求しました
text-tls-no-san = SAN なし
text-tls-self-signed = 自己署名
text-tls-keys-given = 指定された鍵
text-tls-nothing-to-decrypt = 復号する保護されたデータなし
count-more = { $count ->
       *[other] ほか { $n }
    }
count-more-fields = { $count ->
       *[other] ほか { $n } フィールド
    }
count-mime-parts = { $count ->
       *[other] MIME パート { $n } 個
    }
count-bytes-lost-in-gaps = { $count ->
       *[other] 欠落で { $n } バイト喪失
    }
count-hops = { $count ->
       *[other] { $n } ホップ
    }
count-hops-not-kept = { $count ->
       *[other] 保持されていない { $n } ホップ
    }
tls-requested-no-tls = { $verb } を要求、TLS は続かず
tls-alert-from-client = クライアントからの { $alert } (フレーム { $frame })
tls-alert-from-server = サーバーからの { $alert } (フレーム { $frame })
tls-at-frame = フレーム { $frame } で { $verb }
tls-bytes = クライアント { $client } バイト、サーバー { $server } バイト
tls-client-hello-offering = { $versions } を提示する ClientHello
tls-client-certificate = 証明書 { $certificate }
tls-san-not-kept = SAN { $names } (保持されていない { $more } 個)
tls-undecodable = 解読不能 ({ $error })
tls-in-chain = (チェーンにほか { $count } 個)
tls-issuer = 発行者 { $issuer }
tls-plaintext-bytes = 平文 クライアント { $client } バイト、サーバー { $server } バイト
tls-records = { $n } レコード
line-credentials-redacted = <資格情報は非表示、{ $bytes } バイト>
line-token-empty = (空)
line-token-label = [{ $label }、{ $bytes } バイト]
line-token-of = [{ $mechanism } トークン、{ $bytes } バイト]

## diff: テキスト レポートの枠組み

text-diff-pairs = ペア
text-diff-path = 経路
text-diff-frame = フレーム
text-diff-rest-not-compared = 対話の残りは比較していません (長すぎます)
text-diff-each-end = 各端の検出結果
count-session-pairs = { $count ->
       *[other] セッションのペア { $n } 組
    }
count-items = { $count ->
       *[other] { $n } 項目
    }
diff-clocks = 時計: 受信側のキャプチャは送信側に対して { $seconds } 秒ずれています (転送時間を含む; { $pairs } から)
diff-pairs = 一致 { $matched }; 送信側のみ { $sender }、受信側のみ { $receiver }
diff-pair-title = ペア { $n }  { $sender } ↔ { $receiver }  一致 { $kind } (信頼度 { $confidence })
diff-path-latency = 往復ごとに { $median } ms 増加 ({ $samples } 件の中央値; 最大 { $max } ms)
text-diff-differences = 相違

## explain: 配信不能レポート (NDR) の状況、原因、手順 (メニュー名は英語のまま)

ndr-5-0-0-situation = 受信者が存在するのに、他のドメインへのメールが 5.0.0 で返されます。
ndr-5-0-0-cause-1 = Exchange サーバーに受信者のドメインへのルートがありません: そのドメインを含むアドレス空間を持つ SMTP コネクタがなく、その MX の DNS 解決もできません。
ndr-5-0-0-cause-2 = サーバーの DNS 設定では外部の名前を解決できません (フォワーダーのない内部 DNS)。
ndr-5-0-0-cause-3 = メールを受け付けないスマート ホストが構成されています。
ndr-5-0-0-step-1 = nslookup (set q=mx) で、サーバーが受信者のドメインの MX を解決できることを確認します。
ndr-5-0-0-step-2 = SMTP コネクタを確認します: 送信メール用のアドレス空間 * (またはそのドメイン) と、設定されていればスマート ホスト。
ndr-5-0-0-step-3 = SMTP 仮想サーバーに構成された外部 DNS サーバーを確認します (Delivery > Advanced)。
ndr-5-7-1-situation = サーバーが 550 5.7.1 Unable to relay と応答するか、NDR に送信者には受信者への送信権限がないと書かれています。
ndr-5-7-1-cause-1 = クライアントは匿名で、SMTP 仮想サーバーは認証済みのコンピューターか一覧にあるアドレスにしか中継を許可していません (Access > Relay restrictions)。
ndr-5-7-1-cause-2 = 受信者のドメインがサーバーの受け付けるドメインではない (受信者ポリシーになく、コネクタもない) ため、メールは中継とみなされます。
ndr-5-7-1-cause-3 = 受信者の配信制限 (Accept messages from / 認証済みユーザーのみ) がこの送信者を拒否しています。
ndr-5-7-1-cause-4 = Exchange サーバー間: X-EXPS 認証が失敗したかファイアウォールに除去されたため、送信サーバーは匿名です。
ndr-5-7-1-step-1 = 受信側の仮想サーバーの Access > Relay で、中継が必要なコンピューターを許可するか、'Allow all computers which successfully authenticate to relay' をオンにします。すべてを許可してはいけません: オープン リレーになります。
ndr-5-7-1-step-2 = サーバーが受信者のドメインを担当するなら、そのドメインを受信者ポリシー (Exchange 2003) または承認済みドメイン (Exchange 2007 以降) に追加します。
ndr-5-7-1-step-3 = 受信者の配信制限を確認します。
ndr-5-7-1-step-4 = 送信者が Exchange サーバーなら、まずその認証を修正します (exps-failed と middlebox-rewrite を参照)。
ndr-5-7-3-situation = サーバーが 5.7.3 で拒否します: 送信者に権限がないか、Exchange Server 認証を完了できませんでした。
ndr-5-7-3-cause-1 = SMTP 仮想サーバー (または受信コネクタ) が匿名アクセスを許可しておらず、クライアントは認証しませんでした。
ndr-5-7-3-cause-2 = Exchange 2007 以降: 受信コネクタで Exchange Server 認証が有効ですが、送信サーバーが認証できませんでした (証明書、TLS、Exchange サーバー グループのアクセス許可)。
ndr-5-7-3-cause-3 = 受信者は認証済みの送信者からのメールしか受け付けません。
ndr-5-7-3-step-1 = インターネットのメールを受信する仮想サーバーで匿名アクセスを有効にするか (Access > Authentication)、受信コネクタのアクセス許可グループで Anonymous users を有効にします。
ndr-5-7-3-step-2 = Exchange サーバー間: 受信コネクタの認証方法とアクセス許可グループ、およびサーバー間で TLS が機能していることを確認します。
ndr-5-7-3-step-3 = 受信者の '認証済みユーザーのみ' の設定を確認します。
ndr-5-7-54-reference = Exchange 2013–2019 と Exchange Online のメール フローのドキュメント
ndr-5-7-54-situation = 550 5.7.54 SMTP; Unable to relay recipient in non-accepted domain.
ndr-5-7-54-cause-1 = アプリケーションまたはデバイスが、中継のアクセス許可を与えていない受信コネクタを通して中継しています。
ndr-5-7-54-cause-2 = 受信者のドメインが承認済みドメインにありません。
ndr-5-7-54-step-1 = アプリケーションの IP アドレス用に中継のアクセス許可を持つ専用の受信コネクタを作成するか (匿名ログオンには Ms-Exch-SMTP-Accept-Any-Recipient)、アプリケーションに認証させます。
ndr-5-7-54-step-2 = 組織がそのドメインのメールを受信するなら、承認済みドメインとして追加します。
ndr-4-3-1-reference = Exchange Server のドキュメント (バック プレッシャー)
ndr-4-3-1-situation = 452 4.3.1 Insufficient system resources: 受信側の Exchange トランスポートがバック プレッシャーの状態です。
ndr-4-3-1-cause-1 = キュー データベースまたはそのログのドライブの空き領域がしきい値を下回りました。
ndr-4-3-1-cause-2 = トランスポート プロセスの使用メモリ、またはキュー内のメッセージ数がしきい値を超えています。
ndr-4-3-1-step-1 = 受信側のサーバーで、アプリケーション ログのイベント 15004–15007 (リソースの圧迫状態の変化) を探します。
ndr-4-3-1-step-2 = キュー データベースのあるドライブの空き領域を増やすか、データベースを移動します (EdgeTransport.exe.config の QueueDatabasePath)。
ndr-4-3-1-step-3 = しきい値を上げる前に、キューを埋めているもの (ループ、滞留した宛先) を探します。

## 応答コードの説明 (explain)

code-211-detail = HELP または状態の問い合わせへの応答です。
code-214-detail = 対話を読む人に向けたテキストです。
code-220-detail = グリーティングです。STARTTLS の後では TLS 開始の合図です。
code-221-detail = QUIT への応答: サーバーは接続を閉じます。
code-235-detail = AUTH (または X-EXPS) が成功し、セッションは認証済みです。
code-250-detail = コマンドは受理されました。
code-251-detail = 受理: サーバーはメッセージを別の場所へ転送します。
code-252-detail = VRFY ではアドレスを確認できませんでしたが、そのアドレスへのメールは受け付けます。
code-334-detail = AUTH が続きます: base64 のチャレンジ (またはプロンプト) が続きます。
code-354-detail = サーバーはメッセージ (DATA) または XEXCH50 のバイナリ BLOB を待っています。
code-421-detail = サーバーはセッションを終了します: シャットダウン中、過負荷、またはこのクライアントの制限。送信側はメッセージを保持して再試行します。
code-432-detail = AUTH を成功させるには、アカウントのパスワードを変更する必要があります。
code-450-detail = 一時的な拒否 (メールボックスがビジー、ポリシーによる保留、グレーリスト): 送信側は後で再試行します。
code-451-detail = サーバー自身に一時的な問題が発生しました (またはポリシーで保留): 送信側は後で再試行します。
code-452-detail = サーバーのリソース (ディスク、メモリ、キュー) が不足しているか、今はこれ以上の受信者を拒否しています。送信側は再試行します。
code-454-detail = 今は TLS を利用できない (STARTTLS) か、一時的な理由で認証に失敗しました (AUTH)。
code-455-detail = MAIL または RCPT のパラメーターに今は対応できません。
code-500-detail = サーバーはこのコマンドを知りません (または行が長すぎます)。中間装置が書き換えた可能性があります。
code-501-detail = コマンドは既知ですが、その引数は受け入れられません。
code-502-detail = サーバーはこのコマンドを知っていますが提供していません。
code-503-detail = コマンドの位置が不正です: HELO の前の MAIL、MAIL の前の RCPT、受信者なしの DATA、2 回目の AUTH。
code-504-detail = パラメーターはサポートされていません。Exchange は未認証の送信者からの XEXCH50 にも 504 を返します。
code-521-detail = このホストはメールを一切受け付けません (null MX、またはメール サーバーでないホスト)。
code-523-detail = この操作には暗号化されたセッションが必要です。
code-530-detail = サーバーは、このコマンドの前にクライアントが認証する (または TLS を開始する) ことを求めています。
code-534-detail = サーバーはより強力な AUTH メカニズムを求めています。
code-535-detail = AUTH (または X-EXPS) が失敗しました: 資格情報が誤っているか、アカウントがログオンできません。
code-538-detail = このメカニズムは TLS の内側でしか使えません。
code-550-detail = 恒久的な拒否: メールボックスがない、アクセスできない、またはポリシー (中継、スパム、制限) による拒否です。
code-551-detail = サーバーはこの受信者のメールを受け付けず、送り先を示します。
code-552-detail = メッセージがサーバー (またはメールボックス) の受け付ける大きさを超えています。
code-553-detail = アドレスを受け付けられません (構文、またはサーバーが扱わないドメイン)。
code-554-detail = 恒久的な拒否です。グリーティングとしては、サーバーはこのクライアントと一切通信しません。
code-555-detail = MAIL または RCPT のパラメーターをサーバーが知りません。
code-556-detail = 受信者のドメインはメールを受信しないことを公開しています (null MX)。
code-X-0-0-detail = より詳しい状態はありません。応答のテキストを読んでください。
code-X-1-0-detail = アドレス (送信者または受信者) に何か問題があります。
code-X-1-1-detail = 受信者のメールボックスが宛先に存在しません: 入力ミス、削除されたアカウント、またはディレクトリにないアドレスです。
code-X-1-2-detail = 受信者のドメイン部分が到達可能なメール システムを示していません。
code-X-1-3-detail = 受信者のアドレスの構文が正しくありません。
code-X-1-4-detail = アドレスが複数のメールボックスに一致します。
code-X-1-5-detail = 受信者は受理されました (成功の応答で使われます)。
code-X-1-6-detail = メールボックスは存在していましたが移動しました。移動先はサーバーが示しません。
code-X-1-7-detail = MAIL FROM のアドレスの構文が正しくありません。
code-X-1-8-detail = 送信者のドメインが存在しないか、返信を受け取れません (MX も A レコードもない)。
code-X-1-9-detail = 配送状態を報告できないシステムに配送されました。
code-X-1-10-detail = 受信者のドメインは null MX を公開しており、メールを受け付けません。Exchange Online は受信者が見つからない場合に 5.1.10 を使います。
code-X-2-0-detail = メールボックスは存在しますが、何らかの理由で配送できません。
code-X-2-1-detail = メールボックスは存在しますが、今はメールを受け付けません (無効化、または配信制限)。
code-X-2-2-detail = 受信者はクォータを超えています。
code-X-2-3-detail = メッセージが受信者 (または組織) の許容する大きさを超えています。
code-X-2-4-detail = 配布リストを展開できませんでした。
code-X-3-0-detail = 受信側のメール システム自体に問題があります。
code-X-3-1-detail = 受信側システムの記憶域などのリソースが不足しています。Exchange はバック プレッシャー時に 452 4.3.1 を返します。
code-X-3-2-detail = 受信側システムは今はメールを受け付けません: シャットダウン中、一時停止中、または過負荷です (Exchange 421 4.3.2)。
code-X-3-3-detail = メッセージは受信側システムにない機能を必要としています。
code-X-3-4-detail = メッセージが受信側システムの受け付ける上限 (SIZE の上限) を超えています。
code-X-3-5-detail = 受信側システムの構成が誤っています。
code-X-3-6-detail = メッセージは要求と異なる優先度で受理されました。
code-X-4-0-detail = ルーティングの問題です。Exchange は DNS の失敗 (権限のあるホストが見つからない) に 4.4.0/5.4.0 を使います。
code-X-4-1-detail = 次のホップが接続の試みに応答しませんでした。
code-X-4-2-detail = 転送中に次のホップへの接続が切れました。
code-X-4-3-detail = ディレクトリ (DNS、Active Directory) の検索に失敗しました。
code-X-4-4-detail = 宛先へのルートがありません: ドメインの MX もアドレスもないか、そのアドレス空間のコネクタがありません。
code-X-4-5-detail = 宛先が混雑しています。後で再試行してください。
code-X-4-6-detail = メッセージがループしました (Received ヘッダーが多すぎます)。
code-X-4-7-detail = メッセージは配送されないまま有効期限を過ぎてキューに残っていました。
code-X-5-0-detail = 2 つのシステム間のプロトコルの問題です。
code-X-5-1-detail = コマンドが不明か、この時点では許可されていません。
code-X-5-2-detail = コマンド行を解析できませんでした。
code-X-5-3-detail = メッセージの受信者がサーバーの一度に受け付ける数を超えています。送信側は残りを別のトランザクションで送る必要があります。
code-X-5-4-detail = コマンドの引数が無効です。
code-X-5-5-detail = このプロトコル バージョンはサポートされていません。
code-X-5-6-detail = SASL の行がサーバーの上限を超えました。
code-X-6-0-detail = メッセージの内容を処理できませんでした (コンテンツ フィルターもよくこれを返します)。
code-X-6-1-detail = メッセージのパートに、システムがサポートしないメディア タイプがあります。
code-X-6-2-detail = 内容に、送信者が禁止した変換が必要です。
code-X-6-3-detail = 内容に、システムが実行できない変換が必要です。
code-X-6-4-detail = 配送されましたが、変換で情報が失われました。
code-X-6-5-detail = 必要な変換に失敗しました。
code-X-6-6-detail = 参照された内容 (BURL) を取得できませんでした。
code-X-6-7-detail = SMTPUTF8 が使えない場所で国際化アドレスが使われました。
code-X-6-8-detail = 応答には UTF-8 が必要ですが、クライアントは SMTPUTF8 を要求しませんでした。
code-X-6-9-detail = メッセージに UTF-8 のヘッダーがあり、次のホップは SMTPUTF8 に対応していません。
code-X-7-0-detail = 詳細のないセキュリティまたはポリシーによる拒否です。Exchange は一時的なサーバー エラーに 4.7.0、TLS や認証の要件に 5.7.0 も使います。
code-X-7-1-detail = 送信者はこれを送信できません: 中継の拒否、受信者の配信制限、またはポリシー (ブロック リスト、コンテンツ フィルター) です。
code-X-7-2-detail = 送信者はこの配布リストに送信できません。
code-X-7-3-detail = セキュリティ要件 (認証、署名、暗号化) を満たせませんでした。Exchange 2000/2003 は送信者に権限がないときにこれを返します (KB 895853)。
code-X-7-4-detail = メッセージは、システムにないセキュリティ機能を要求しています。
code-X-7-5-detail = 復号または署名の検証に失敗しました。
code-X-7-6-detail = メッセージは、システムがサポートしないアルゴリズムを使っています。
code-X-7-7-detail = メッセージが途中で改変されました。
code-X-7-8-detail = AUTH が失敗しました: ユーザー名かパスワードが誤っています。
code-X-7-9-detail = サーバーはより強力な AUTH メカニズムを求めています。
code-X-7-10-detail = この操作には暗号化された (TLS) セッションが必要です。
code-X-7-11-detail = この AUTH メカニズムは TLS の内側でしか使えません。
code-X-7-12-detail = アカウントは先にパスワードを変更する必要があります。
code-X-7-13-detail = AUTH に使われたアカウントは無効です。
code-X-7-14-detail = この操作には 2 つのシステム間の信頼関係が必要です。
code-X-7-15-detail = メッセージの優先度が、サーバーが今受け付ける水準を下回っています。
code-X-7-16-detail = ここでは、大きなメッセージにはより高い優先度が必要です。
code-X-7-17-detail = 送信者が最後に使ってから、受信者のメールボックスの所有者が変わりました。
code-X-7-18-detail = 受信者のドメインの所有者が変わりました。
code-X-7-19-detail = require-recipient-valid-since のテストを実行できませんでした。
code-X-7-20-detail = 受信側は有効な DKIM 署名を要求しており、見つかりませんでした。
code-X-7-21-detail = DKIM 署名は有効でしたが、受信側のポリシーに合うものはありませんでした。
code-X-7-22-detail = 作成者のドメインに一致する有効な DKIM 署名がありません。
code-X-7-23-detail = 送信元 IP は、送信者ドメインの SPF レコードで許可されていません。
code-X-7-24-detail = SPF のチェックを完了できませんでした (DNS エラー、不正なレコード)。
code-X-7-25-detail = クライアントの IP アドレスに PTR レコードがないか、その名前がその IP に逆解決されません。
code-X-7-26-detail = 複数の送信者認証チェック (SPF、DKIM、逆引き DNS) がまとめて失敗しました。
code-X-7-27-detail = 送信者のドメインが null MX を公開しているため、バウンスを返せません。
code-X-7-28-detail = メッセージは、類似メッセージの大量送信の一部に見えます。
code-X-7-29-detail = メッセージの ARC チェーンを検証できませんでした。
code-X-7-30-detail = メッセージは REQUIRETLS を要求していますが、次のホップはそれを提供していません。
code-4-3-1-detail = バック プレッシャー: 受信側の Exchange トランスポートのディスク、メモリ、キューの余裕が不足しています (MAIL に 452 4.3.1)。圧迫が下がれば再びメールを受け付けます。
code-4-3-2-detail = 受信側のトランスポートは今は接続を拒否しています (421 4.3.2): 最高レベルのバック プレッシャー、サービスの停止中、または Exchange Online では同時接続が多すぎます。
code-4-4-1-detail = 宛先サーバーが応答しませんでした。送信キューが再試行します。
code-4-4-2-detail = 転送中に接続が切れました (多くはファイアウォールかネットワークの障害)。
code-4-4-7-detail = キューの有効期限 (既定で 2 日) までにメッセージを配送できませんでした。NDR が続きます。
code-4-4-62-detail = コネクタまたは MX が、テナントのメールを別のリージョンのデータセンターに送っています。
code-4-4-316-detail = 宛先が接続を拒否しました。Exchange Online は再試行を続けます。
code-4-7-0-detail = 受信側のフロント エンドでの一時的なエラーです (テキストは PRXn で終わります)。送信側は再試行します。
code-4-7-26-detail = IPv6 経由で受信したメールは SPF または DKIM で認証される必要があります。
code-4-7-650-detail = 受信側のサービスは、評価のためにこの IP アドレスを制限しています。送信側は後で再試行します。
code-5-0-0-detail = Exchange 2000/2003 は、より詳しいものがないときにこれを返します: ルートのないドメインへの中継の試み、一致するアドレス空間のない SMTP コネクタ、または受信側での DNS の失敗です (KB 895853)。
code-5-1-8-detail = 送信アカウントは送信をブロックされています (侵害またはスパムの疑い)。
code-5-1-10-detail = 受信者は受信側の組織に存在しません (SMTP アドレスによる受信者の検索に失敗しました)。
code-5-1-90-detail = 送信者は 1 日の受信者数の上限に達しました。
code-5-2-121-detail = 受信者はこの送信者から受け取るメッセージが多すぎるため、制限されています。
code-5-2-122-detail = 受信者が受け取るメッセージ全体が多すぎるため、制限されています。
code-5-3-190-detail = テナントは、そのためのサブスクリプションなしにオンプレミスのメッセージをジャーナルできません。
code-5-4-1-detail = ディレクトリ ベースのエッジ ブロック: 受信者が受信側の組織のディレクトリにないか、ドメインのコネクタがありません ('Relay Access Denied' とも書かれます)。
code-5-4-6-detail = 転送またはルーティングのループです (自分自身に転送する連絡先、自分を指す MX)。
code-5-4-8-detail = 承認済みドメインの MX レコードが正しいサービスを指していないため、メッセージがループします。
code-5-4-300-detail = メッセージはキューで長く待ちすぎたため、返送されました。
code-5-4-310-detail = 受信者のドメインに DNS レコードがありません。
code-5-6-11-detail = メッセージに単独の LF が含まれており、受信側のサービスが拒否しています。
code-5-7-3-detail = 受信コネクタは、送信サーバーが実行できなかった Exchange Server 認証を求めています。Exchange 2000/2003 では送信者に権限がありません (KB 895853)。
code-5-7-12-detail = 受信者 (またはグループ) は自組織の認証済み送信者からしか受け付けません。
code-5-7-23-detail = 送信元 IP が送信者ドメインの SPF レコードにありません。
code-5-7-54-detail = 受信者のドメインは受信側の組織の承認済みドメインではなく、クライアントは中継できません: ドメインを承認済みドメインとして追加するか、このクライアントにコネクタでの中継を許可します。
code-5-7-57-detail = クライアントは認証せずに送信用エンドポイントに接続しました (MAIL FROM が拒否されました)。
code-5-7-64-detail = Exchange Online はメッセージをテナントに関連付けられませんでした: 受信コネクタ (証明書または IP) が送信サーバーに一致しません。
code-5-7-124-detail = 配布グループは特定の送信者しか受け付けません。
code-5-7-133-detail = グループは組織外の送信者を拒否しています。
code-5-7-134-detail = メールボックスは組織外の送信者を拒否しています。
code-5-7-350-detail = 転送先がメッセージをスパムとして拒否しました。
code-5-7-501-detail = 送信アカウントはスパムのためにブロックされました。
code-5-7-502-detail = 送信アカウントはスパムのためにブロックされました。
code-5-7-503-detail = 送信アカウントはスパムのためにブロックされました。
code-5-7-510-detail = 受信者のドメインは IPv4 経由のメールしか受け付けません。
code-5-7-511-detail = 送信元の IP またはドメインは Exchange Online Protection によって禁止されています。
code-5-7-520-detail = 組織の送信ポリシーは外部の受信者への自動転送を禁止しています。
code-5-7-705-detail = テナントがスパムまたはバルク メールを送りすぎたため、送信メールがブロックされています。
code-5-7-708-detail = 送信元 IP の評価が低い状態です (不明なアドレスから送信する新しいテナントによくあります)。
code-5-7-750-detail = テナントが、検証していないドメインから送信しています。
code-4-7-500-699-detail = Exchange Online Protection は送信パターンが変化した IP アドレス (新規または増加中の送信者) をスロットリングします。履歴が積み重なれば保留は止まります。
code-5-7-606-649-detail = 送信元 IP は Microsoft のブロック リストに載っています。リスト解除ポータルで削除できます。
code-5-7-700-749-detail = テナントは送信をブロックされています (しきい値の超過、未検証のドメイン、またはブロックされたサブスクリプション)。
