# smtpscope ileti kataloğu: Türkçe.
# Kimlikler ve yer tutucular en.ftl ile aynıdır (tests/l10n.rs denetler). Ürün terimleri (STARTTLS,
# X-EXPS, XEXCH50, Kerberos, SMTP yanıt kodları) çevrilmez.

## Bulgular: ortak cümleler

advice-explained-by = Olası neden bu oturumdaki `{ $id }`: { $summary }

## Windows olayları
# 7004/1706 olaylarının Türkçe sürümdeki metni kaynaklarla doğrulanamadı: İngilizce metin.

event-7004 = This is an SMTP protocol error log for virtual server ID 1, connection #{ $connection }. The remote host "{ $host }", responded to the SMTP command "{ $command }" with "{ $reply }". The full command sent was "{ $sent }". This will probably cause the connection to fail.
event-1706 = Exchange Server authentication (X-EXPS { $mechanism }) with the remote host "{ $host }" failed. The full command sent was "{ $sent }"; the remote host responded "{ $reply }".

## Metin raporu

text-session = Oturum
text-dialogue = diyalog
text-event = olay
text-see = bkz.
text-summary = Özet
text-no-findings = bulgular: yok
text-not-analysed = çözümlenmedi
text-mail-flow = Posta akışı

## rules / explain

rules-explain-one = Birini açıklamak için: `smtpscope rules ID`.
rules-when = Ne zaman oluşur:
rules-check = Neler denetlenmeli (en olası neden önce):
rules-caveats = Bilinen yanlış pozitifler ve sınırlar:
rules-references = Kaynaklar:
rules-findings-raised = Doğurduğu bulgular:

## HTML raporu

html-report-title = smtpscope raporu
html-diff-title = smtpscope karşılaştırması
html-overview = Genel bakış
html-capture = Yakalama
html-findings = Bulgular
html-capture-findings = Yakalamanın bütününe ilişkin bulgular
html-mail-flow = Posta akışı
html-timeline = Zaman çizelgesi
html-sessions = Oturumlar
html-no-findings = Bulgu yok.
html-no-sessions = Yakalamada SMTP oturumu yok.
html-files = Dosyalar
html-interface = Arabirim
html-packets = Paketler
html-bytes = Bayt
html-smtp-sessions = SMTP oturumları
html-tcp-connections = TCP bağlantıları
html-time-span = Zaman
html-not-analysed = Çözümlenmedi
html-capture-drops = Yakalamanın düşürdükleri
html-input-errors = Eksik girdi
html-by-severity = Önem derecesine göre bulgular
html-col-severity = Önem
html-col-finding = Bulgu
html-col-count = Sayı
html-col-sessions = Oturumlar
html-col-summary = İlk görülen
html-col-client = İstemci
html-col-server = Sunucu
html-col-with-tls = TLS ile
html-col-accepted = Kabul edildi
html-col-deferred = Ertelendi
html-col-refused = Reddedildi
html-col-recipients-refused = Reddedilen alıcılar
html-col-reply-median = Yanıt ortancası
html-col-reply-worst = En yavaş yanıt
html-col-retries = Yeniden denemeler
html-outcome-delivered = teslim edildi
html-outcome-no-mail = posta yok
html-outcome-warning = uyarı
html-outcome-failed = başarısız
html-timeline-more = zaman çizelgesi sınırını aşan oturumlar çizilmedi:
html-open-all = Tümünü aç
html-close-all = Tümünü kapat
html-session = Oturum
html-client = istemci
html-server = sunucu
html-items = öge
html-tls-region = TLS: buradan sonrası şifreli
html-gap = boşluk
html-evidence = Kanıt
html-advice = Neler denetlenmeli
html-event = Windows olayı
html-see = Bkz.
html-explained-by = Nedeni
html-fact-time = zaman
html-fact-frames = çerçeveler
html-fact-c2s = istemci → sunucu
html-fact-s2c = sunucu → istemci
html-fact-gap = boşluk
html-fact-banner = banner
html-fact-helo = helo
html-fact-ehlo = ehlo
html-fact-auth = auth
html-fact-tls = tls
html-fact-mail = mail
html-fact-dns = dns
html-fact-anomaly = anormallik
html-fact-file = dosya
html-noscript = Merdiven diyagramlarını bir oturum açıldığında sayfanın betiği çizer; betikler kapalıysa metin raporunu kullanın.
html-print-note = Kapalı oturumlar yazdırılmaz: yazdırmadan önce gerekenleri (ya da Tümünü aç ile hepsini) açın.
html-ladder-more = öge çizilmedi (metin veya JSON raporuna bakın)
html-pairs = Oturum çiftleri
html-pair = Çift
html-sender = gönderen
html-receiver = alan
html-differences = Farklar
html-no-differences = İki diyalog aynı.
html-col-match = Eşleşme
html-col-confidence = Güven
html-col-differences = Farklar
html-differences-count = fark
html-clock-offset = Alanın saatinin gönderene göre farkı
html-path-latency = Her gidiş-dönüşte eklenen
html-sender-only = Yalnızca gönderenin yakalamasında (alana hiç ulaşmadı ya da orada yakalanmadı)
html-receiver-only = Yalnızca alanın yakalamasında (gönderenin yakalama noktasından gönderilmedi)
html-legend-altered = yolda değiştirildi
html-legend-sender-only = gönderildi, hiç ulaşmadı (düşürüldü)
html-legend-receiver-only = ulaştı, hiç gönderilmedi (yolda eklendi)
html-each-end = Her iki ucun kendi bulguları

## Bulgu başlıkları

rule-middlebox-rewrite-title = Bir güvenlik duvarının SMTP denetimi diyaloğu yeniden yazıyor (genişletilmiş komutlar maskelenmiş veya değiştirilmiş)
rule-starttls-stripped-title = STARTTLS sunucular arasında ayıklandı: oturum şifrelenemedi
rule-ehlo-rejected-title = EHLO reddedildi: bu oturumda genişletilmiş komutlar (X-EXPS, XEXCH50, BDAT) kullanılamaz
rule-extended-verbs-missing-title = Bir Exchange 2000/2003 sunucusunun EHLO yanıtında X-EXPS, XEXCH50 ve X-LINK2STATE yok
rule-xexch50-bad-size-title = İşaretli, ondalık olmayan veya çok büyük boyutlu XEXCH50: MS03-046 istismar biçimi
rule-exps-not-offered-title = Alan sunucu X-EXPS sunmadı, bu yüzden gönderen XEXCH50 için kimlik doğrulayamadı
rule-exps-not-attempted-title = Alan taraf sunduğu hâlde bir Exchange göndereni X-EXPS denemedi
rule-exps-failed-title = X-EXPS veya AUTH kimlik doğrulaması başarısız oldu
rule-kerberos-downgrade-title = SPNEGO Kerberos sundu ama istemci NTLM gönderdi: Kerberos bileti alamadı
rule-identity-mismatch-title = İstemcinin EHLO adı, kimlik bilgilerinin ait olduğu makine değil
rule-xexch50-without-auth-title = XEXCH50, öncesinde başarılı bir X-EXPS veya AUTH olmadan gönderildi
rule-xexch50-rejected-after-auth-title = Gönderen kimlik doğrulamış olduğu hâlde XEXCH50 504 ile reddedildi
rule-xexch50-rejected-title = XEXCH50'ye hata ile yanıt verildi: Exchange ileti özellikleri aktarılmadı
rule-xexch50-not-advertised-title = XEXCH50, onu duyurmayan bir sunucuya gönderildi
rule-xexch50-count-mismatch-title = XEXCH50 sayısı, kabul edilen alıcı sayısının bir fazlası değil
rule-blob-size-mismatch-title = XEXCH50 veya BDAT sonrasındaki ikili veri bildirilen boyutta değil
rule-tls-before-auth-title = TLS kimlik doğrulamadan önce başladı: oturumun geri kalanı incelenemez
rule-starttls-no-tls-title = STARTTLS kabul edildi ama istemci TLS başlatmadı
rule-starttls-refused-title = Sunucu STARTTLS'yi reddetti
rule-tls-handshake-failed-title = TLS el sıkışması başarısız oldu: oturum şifreli olarak sürdürülemedi
rule-tls-version-obsolete-title = Eskimiş bir protokol sürümü (SSL 3.0, TLS 1.0 veya 1.1) anlaşıldı ya da istemcinin sunduğu yalnızca bu
rule-tls-weak-cipher-title = TLS zayıf bir şifre paketi veya kısa bir sertifika anahtarı kullandı
rule-tls-cert-expired-title = El sıkışma anında bir TLS sertifikasının süresi dolmuştu
rule-tls-cert-not-yet-valid-title = El sıkışma anında bir TLS sertifikası henüz geçerli değildi
rule-tls-cert-name-mismatch-title = Sunucunun TLS sertifikası sunucunun adını taşımıyor
rule-tls-cert-self-signed-title = Sunucunun TLS sertifikası kendinden imzalı
rule-smtp-smuggling-title = SMTP smuggling: DATA içinde standart dışı bir veri sonu ve ardından SMTP komutları
rule-bare-lf-title = Yalın LF veya CR ile biten satırlar
rule-xlink2state-overflow-title = FIRST parçası olmadan 520 bayttan uzun X-LINK2STATE parçası: MS05-021 istismar biçimi
rule-hostname-not-fqdn-title = Tam nitelikli etki alanı adı gereken yerde bir ana bilgisayar adı
rule-credentials-in-clear-title = Bir parola açık metin olarak gönderildi (TLS dışında AUTH PLAIN/LOGIN)
rule-sequence-error-title = Sırası bozuk bir komut (503 veya yersiz bir komut)
rule-tls-required-title = Alan taraf TLS istiyor ve istemci TLS başlatmamıştı
rule-relay-denied-title = Bir alıcı reddedildi: sunucu bu gönderen için aktarma yapmıyor
rule-auth-required-title = Sunucu kimlik doğrulama istiyor ve istemci kimlik doğrulamamıştı
rule-not-authorized-title = 5.7.3 ile reddedildi: gönderenin yetkisi yok (KB 895853)
rule-recipient-unknown-title = Bir alıcı bilinmeyen olarak reddedildi: posta kutusu orada yok
rule-spam-rejected-title = İstenmeyen posta olarak veya bir engelleme listesi kaydı nedeniyle reddedildi
rule-message-too-large-title = İleti alan taraf için çok büyük
rule-back-pressure-title = Alan tarafın kaynakları tükendi (back pressure): posta erteleniyor
rule-throttled-title = Alan taraf bu istemciyi kısıtlıyor: çok fazla bağlantı, ileti veya alıcı
rule-temporary-failure-title = Posta bir 4xx yanıtıyla ertelendi: gönderen yeniden denemeli
rule-open-relay-title = Sunucu kimlik doğrulamasız olarak dışarıdan dışarıya posta kabul etti: açık aktarıcı
rule-delivery-failed-title = İleti reddedildi: DATA veya BDAT'a verilen son yanıt bir hataydı
rule-exchange-anonymous-submission-title = Exchange sunucuları arasındaki bir ileti anonim olarak gidiyor: gönderen sunucu kimlik doğrulamadı
rule-mail-loop-suspected-title = Bir iletinin Received zinciri çok uzun ya da aynı ana bilgisayardan iki kez geçiyor: posta döngüsü
rule-received-delay-title = Bir ileti yolunun bir adımında on dakikadan fazla bekledi
rule-header-from-mismatch-title = Zarf göndereni ile From üst bilgisi farklı etki alanlarında
rule-capture-truncated-title = Yakalama her paketin yalnızca başını tuttu (snap length): yük eksik
rule-capture-ended-title = Yakalama, oturum sürerken bitti
rule-connection-refused-title = SMTP bağlantı noktasına TCP bağlantısı reddedildi ya da hiç yanıtlanmadı
rule-no-banner-title = Sunucu bağlantıdan sonraki 30 saniye içinde karşılama göndermedi
rule-tcp-gap-title = Konuşmanın baytları yakalamada eksik
rule-unsolicited-reply-title = Bekleyen hiçbir komut yokken bir yanıt geldi
rule-unanswered-command-title = Bağlantı, yanıt bekleyen komutlar varken sona erdi
rule-tcp-retransmission-title = Kesimler yeniden iletildi: sunucular arasında kayıp var
rule-tcp-reset-title = Bağlantı QUIT yanıtlanmadan sıfırlandı
rule-slow-reply-title = Bir yanıt 30 saniyeden uzun sürdü
rule-capture-drops-title = Yakalamanın kendisi paket düşürdü: boşluklar ağ kaybı değil, yakalama kaynaklı olabilir
rule-connection-flood-title = smtpscope'un izlediğinden fazla bağlantı aynı anda açıktı: bazıları erken çıkarıldı
rule-dns-lookup-failed-title = Bir MX sorgusu ya da bir posta değiştiricisinin adres sorgusu başarısız oldu: posta çıkamaz
rule-connected-not-to-mx-title = İstemci, MX sorgusunun yanıtları arasında olmayan bir adrese bağlandı
rule-no-ptr-title = Alan taraf istemci için ters DNS (PTR) bulamadı ve onu reddetti
rule-retry-storm-title = Aynı ileti üç veya daha fazla kez ertelendi: gönderenin kuyruğu yeniden denemeyi sürdürüyor
rule-connection-churn-title = Tek bir istemciden gelen çok sayıda kısa oturum MAIL'den önce bitti
rule-verb-dropped-title = Bir komut, EHLO anahtar sözcüğü veya karşılama iki sunucu arasında düşürüldü ya da yeniden yazıldı (yalnızca diff)

## Bulgular: özetler ve içlerindeki cümleler

message-named = ileti <{ $id }>
message-of-frame = { $frame } numaralı çerçevedeki ileti
summary-auth-required = { $verb }, { $reply } ile reddedildi: istemci kimlik doğrulamamıştı.
summary-relay-denied = Bir alıcı { $reply } ile reddedildi: aktarma reddedildi.
summary-xexch50-rejected = XEXCH50, { $code } ile reddedildi: { $meaning }.
xexch50-refused-not-authorised = gönderen sunucu kimliğini doğrulamış ama yetkili değil (Send As)
xexch50-refused-no-auth = gönderen önce kimlik doğrulamadı
xexch50-refused-auth-required = karşı taraf kimlik doğrulama istiyor: genellikle kuruluş dışındaki bir Exchange 5.5 IMS
xexch50-refused-unknown-verb = karşı taraf komutu tanımıyor ya da bir ara cihaz onu yeniden yazdı
xexch50-refused-bad-arguments = karşı taraf bağımsız değişkenleri geçersiz buldu (boyut ya da alıcı sayısı + 1 olmayan sayı)
xexch50-refused-other = karşı taraf reddetti
summary-xexch50-without-auth-answered = XEXCH50 önceden kimlik doğrulanmadan gönderildi ve { $code } yanıtı aldı.
summary-xexch50-without-auth = XEXCH50 önceden kimlik doğrulanmadan gönderildi.
xexch50-cause-helo = Oturum HELO'ya geri düştü, bu yüzden hiçbir genişletilmiş komut (X-EXPS dahil) kullanılamadı: EHLO'yu reddeden bir ara cihaz arayın.
xexch50-cause-auth-failed = Gönderen kimlik doğrulamayı denedi ve başarısız oldu (bkz. exps-failed): önce kimlik doğrulamayı düzeltin.
xexch50-cause-not-exchange = Alan taraf ne X-EXPS ne de XEXCH50 sunuyor: bu kuruluşun bir Exchange sunucusu değil, ona XEXCH50 göndermeyi bırakın.
xexch50-cause-no-exps = Alan taraf X-EXPS sunmadı: SMTP sanal sunucusunda Tümleşik Windows Kimlik Doğrulaması kapalı.
xexch50-cause-exps-not-tried = Alan taraf X-EXPS sundu ama gönderen hiç denemedi: alan taraf gönderenin EHLO adını tanımadı ya da gönderenin onun için kimlik bilgisi yoktu.
summary-exps-not-attempted = Sunucu X-EXPS sundu, ama istemci kimlik doğrulamadan { $verb } gönderdi.
evidence-exps-offered-not-used = sunucunun EHLO yanıtı { $offered } sundu; öncesinde X-EXPS ya da AUTH yok
summary-exchange-anonymous = { $message }, { $header }: Anonymous olarak işaretli, Exchange sunucuları arasındaki bir oturumdan geçiyor.
summary-exchange-internal-unproven = { $message } { $header }: Internal olduğunu ileri sürüyor, ama onu taşıyan oturum hiç kimlik doğrulamadı.
summary-starttls-masked = EHLO yanıtında STARTTLS yok ve aynı uzunlukta { $count } anahtar sözcük maskelenmiş ({ $keywords }): bir güvenlik duvarı onu gizledi, bu yüzden istemci TLS başlatamadı.
summary-middlebox-rewrite = Bir ara cihaz SMTP diyaloğunu yeniden yazdı ({ $signatures }).
summary-extended-verbs-missing = Karşılama Exchange 2000/2003, ama EHLO yanıtı onun komutlarından hiçbirini sunmuyor: X-EXPS ve XEXCH50 kullanılamaz.
summary-exps-failed = { $verb } { $mechanism }, "{ $reply }" ile sona erdi: { $meaning }.
auth-failed-cancelled = istemci `*` ile iptal etti: gönderen taraftaki güvenlik paketi başarısız oldu
auth-failed-535 = alan taraf kimlik bilgilerini reddetti (oturum açma reddedildi)
auth-failed-454 = alan tarafta geçici bir hata (saat farkı, SPN, etki alanı denetleyicisi, güven ilişkisi)
auth-failed-504 = alan taraf bu mekanizmaya izin vermiyor
auth-failed-unknown-verb = alan taraf komutu tanımıyor (bir Exchange sunucusu değil ya da olay havuzları eksik)
auth-failed-501 = alan taraf alışverişi hatalı buldu
auth-failed-503 = alan taraf burada (ya da oturumun bu noktasında) kimlik doğrulama sunmuyor
auth-failed-encryption-first = alan taraf önce şifreleme ya da başka bir mekanizma istiyor
auth-failed-other = alan taraf kabul etmedi
