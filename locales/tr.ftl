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

## Neler denetlenmeli (rule-ID-advice-N)
# Exchange System Manager menü adlarının Türkçe karşılıkları kaynaklarla doğrulanamadı (Exchange
# 2000/2003'ün Türkçe sürümü bulunamadı): menü yolları İngilizce kalır (Properties > Access > ...).

rule-middlebox-rewrite-advice-1 = Posta sunucuları arasında SMTP denetimini kapatın: PIX'te `no fixup protocol smtp 25`, ASA'nın genel ilkesinde `no inspect esmtp` (ya da genişletilmiş komutlara izin veren bir ESMTP ilke eşlemesi).
rule-middlebox-rewrite-advice-2 = Açık olduğu sürece X-EXPS, XEXCH50, BDAT ve STARTTLS çalışamaz: aynı oturumlardaki kimlik doğrulama, XEXCH50 ve aktarma hatalarının nedeni budur; önce bunu düzeltin.
rule-middlebox-rewrite-advice-3 = Yolda Cisco güvenlik duvarı yoksa, sunucular arasında başka bir SMTP vekil sunucusu ya da virüsten koruma SMTP ağ geçidi arayın.
rule-starttls-stripped-advice-1 = Bir güvenlik duvarının SMTP denetimi STARTTLS'yi gizliyor: Cisco ASA/PIX'te ESMTP ilke eşlemesinde izin verin ya da posta sunucuları arasında `inspect esmtp`'yi kapatın.
rule-starttls-stripped-advice-2 = O zamana kadar sunucular açık metinle konuşur (kimlik bilgileri ve posta dahil) ve TLS isteyen bir gönderen teslim edemez.
rule-ehlo-rejected-advice-1 = Genellikle bir ara cihaz: güvenlik duvarının SMTP denetimi (PIX Mailguard) yalnızca RFC 821 komutlarını geçirmek için EHLO'ya 500 ile yanıt verir; posta sunucuları arasında kapatın.
rule-ehlo-rejected-advice-2 = Aksi hâlde alan sunucu ESMTP konuşmuyor (eski ya da en küçük bir SMTP hizmeti): kuruluşun Exchange sunucuları birbirine doğrudan ulaşmalıdır.
rule-extended-verbs-missing-advice-1 = Exchange protokol havuzları alan SMTP sanal sunucusunda yüklü değil (yeniden yükleyin ya da kaydedin; Microsoft Exchange hizmetlerinin başladığını denetleyin).
rule-extended-verbs-missing-advice-2 = Bir virüsten koruma ya da istenmeyen posta ürünü, Exchange'in önüne kendi SMTP yığınını koymuş.
rule-extended-verbs-missing-advice-3 = Sunucular arasındaki bir ara cihaz, tanımadığı anahtar sözcükleri EHLO yanıtından siliyor.
rule-xexch50-bad-size-advice-1 = İstemciyi düşmanca kabul edin: bu, Exchange 2000/2003'e karşı MS03-046 (CVE-2003-0714) yığın taşması istismarının biçimidir.
rule-xexch50-bad-size-advice-2 = Sunucu 354 ile yanıt verdiyse boyutu kimlik doğrulamadan önce kabul etmiştir: yaması yok — MS03-046'yı uygulayın ve istemciyi engelleyin.
rule-xexch50-bad-size-advice-3 = BLOB'dan sonra sunucu çalışmayı sürdürdüyse (çökme, SMTPSVC'nin yeniden başlaması) ele geçirilip geçirilmediğini denetleyin.
rule-exps-not-offered-advice-1 = Alan SMTP sanal sunucusunda Tümleşik Windows Kimlik Doğrulaması kapalı (Properties > Access > Authentication): açın (KB 843106 adım 1).
rule-exps-not-offered-advice-2 = EHLO yanıtında X ile başlayan hiçbir anahtar sözcük yoksa, alan tarafta Exchange protokol havuzları yüklü değildir ya da önünde başka bir SMTP yığını (virüsten koruma, ağ geçidi) yanıt veriyordur.
rule-exps-not-offered-advice-3 = Sunucular arasında bir güvenlik duvarı varsa EHLO anahtar sözcüklerini silmediğini denetleyin.
rule-exps-not-attempted-advice-1 = Alan sunucu gönderenin EHLO adını kuruluşun üyesi olarak tanımadı: gönderen SMTP sanal sunucusundaki tam nitelikli etki alanı adını (Properties > Delivery > Advanced) gönderenin gerçek DNS adıyla karşılaştırın.
rule-exps-not-attempted-advice-2 = Gönderen, alan taraf için kimlik bilgisi alamadı (gönderende 1704/1706 ya da 2017 olaylarına bakın): bilgisayar hesabını ve alan tarafın SMTPSVC/<fqdn> SPN'sini denetleyin.
rule-exps-not-attempted-advice-3 = Alan taraf kuruluş dışındaysa kimlik doğrulamada sorun yoktur: ona XEXCH50 göndermeyi bırakın (KB 818222).
rule-exps-failed-advice-1 = Alan sanal sunucunun SMTPSVC/<fqdn> SPN'si yok ya da iki kez kayıtlı (alan tarafın bilgisayar hesabında setspn -L; birden çok SMTP sanal sunucusu olan sunucular için KB 914137).
rule-exps-failed-advice-2 = Bilgisayar hesabının parolası etki alanıyla uyumsuz (güvenli kanalı sıfırlayın).
rule-exps-failed-advice-3 = İki sunucunun saatleri beş dakikadan fazla farklı (Kerberos).
rule-exps-failed-advice-4 = Sunucular, kimlik doğrulamanın gerektirdiği güven ilişkisi olmayan etki alanlarında ya da ormanlarda.
rule-kerberos-downgrade-advice-1 = Gönderen sunucu SMTPSVC/<alan tarafın FQDN'si> için bilet alamadı: SPN'nin alan tarafın bilgisayar hesabında bir kez kayıtlı olduğunu denetleyin (setspn -L; birden çok SMTP sanal sunucusu için KB 914137).
rule-kerberos-downgrade-advice-2 = Gönderenin 88 numaralı bağlantı noktasından bir etki alanı denetleyicisine ulaştığını ve iki saatin beş dakika içinde uyuştuğunu denetleyin.
rule-kerberos-downgrade-advice-3 = Gönderenin bağlandığı adın (MX ya da akıllı ana bilgisayar) alan tarafın gerçek FQDN'si olduğunu denetleyin; SPN'siz bir diğer ad NTLM'ye zorlar.
rule-identity-mismatch-advice-1 = Gönderen SMTP sanal sunucusunda yapılandırılan FQDN (Delivery > Advanced) makinenin gerçek adı değil; alan taraflar kuruluş üyelerini EHLO adından tanır, bu yüzden X-EXPS ve XEXCH50 başarısız olabilir ya da atlanabilir.
rule-identity-mismatch-advice-2 = Diğer ad bilinçliyse (tek makinede birden çok sanal sunucu), SMTPSVC/<diğer ad>'ı makine hesabına kaydedin ve her sunucunun onu bu makineye çözdüğünden emin olun.
rule-xexch50-without-auth-advice-1 = Gönderen hiç kimlik doğrulamadı, bu yüzden alan taraf Exchange özelliklerini kabul etmez.
rule-xexch50-without-auth-advice-2 = Exchange sunucuları arasındaki her SMTP sanal sunucusunda Tümleşik Windows Kimlik Doğrulaması açık olmalıdır (KB 843106 adım 1).
rule-xexch50-without-auth-advice-3 = Alan taraf gönderenin EHLO adını kuruluşun bir sunucusu olarak tanımalıdır: gönderen sanal sunucudaki FQDN'yi denetleyin (Delivery > Advanced).
rule-xexch50-without-auth-advice-4 = Karşı taraf kuruluş dışındaysa ona XEXCH50 göndermeyi engelleyin (KB 818222).
rule-xexch50-rejected-after-auth-advice-1 = Gönderen sunucunun hesabının alan sunucuda Send As hakkı yok: Exchange Domain Servers grubunun üyesi olduğunu denetleyin (KB 843106 adım 2).
rule-xexch50-rejected-after-auth-advice-2 = Gönderen sunucunun ait olduğu bir grupta (iç içe gruplar dahil) Send As'i geri alan bir DENY izin girdisi arayın.
rule-xexch50-rejected-after-auth-advice-3 = İzinleri düzelttikten sonra Active Directory çoğaltmasını bekleyin ve SMTP hizmetini yeniden başlatın.
rule-xexch50-rejected-advice-1 = Postanın kendisi akmaya devam eder; kaybolan, BLOB'un taşıdığı Exchange özellikleridir (ortak klasör çoğaltması, günlük kaydı, dağıtım listesi genişletme, IMF derecelendirmeleri).
rule-xexch50-rejected-advice-2 = Karşı taraf kuruluşunuzun dışındaysa (bir İnternet ana bilgisayarı, başka bir orman, bir Exchange 5.5 IMS), ona XEXCH50 göndermeyi bırakın: KB 818222'deki SMTPSVC\XEXCH50 kayıt defteri anahtarı.
rule-xexch50-rejected-advice-3 = Karşı taraf kuruluşunuzun bir Exchange sunucusuysa KB 843106'yı izleyin: her SMTP sanal sunucusunda Tümleşik Windows Kimlik Doğrulaması, gönderen sunucunun alan taraftaki Send As hakkı, başarısız kimlik doğrulama (1704/1706 olayları).
rule-xexch50-not-advertised-advice-1 = Karşı taraf bu kuruluşun bir Exchange sunucusu değil (bir İnternet ana bilgisayarı, başka bir orman): dış etki alanlarına XEXCH50'yi engelleyin (SMTPSVC\XEXCH50 kayıt defteri anahtarı, KB 818222).
rule-xexch50-not-advertised-advice-2 = Karşı taraf kuruluşun bir Exchange sunucusuysa, sunucular arasındaki bir şey EHLO anahtar sözcüklerini siliyor ya da Exchange havuzları yüklü değil.
rule-xexch50-count-mismatch-advice-1 = Gönderen hatası: BLOB başka bir alıcı listesi için oluşturulmuş (örneğin bir alıcı reddedilmeden önce).
rule-xexch50-count-mismatch-advice-2 = Yeniden oynatılmış ya da kurcalanmış bir komut: gönderenin günlükleriyle karşılaştırın.
rule-blob-size-mismatch-advice-1 = Bir ara cihaz ikili veriyi düşürdü ya da değiştirdi: XEXCH50 BLOB'unu engelleyen bir ISA Server ya da güvenlik duvarı SMTP filtresi (SmtpEvt, olay 20031; KB 818222) ya da bağlantıyı sıfırlayan bir cihaz.
rule-blob-size-mismatch-advice-2 = Kanıt yakalamada bir boşluk gösteriyorsa önce yakalama kayıplarını denetleyin: baytlar aslında ulaşmış olabilir.
rule-blob-size-mismatch-advice-3 = Ara cihazın iki yanında yakalayıp karşılaştırın (smtpscope diff).
rule-tls-before-auth-advice-1 = TLS el sıkışmasından sonraki her şey şifreli: oturum anahtarları olmadan kimlik doğrulama, XEXCH50 ve ileti incelenemez.
rule-tls-before-auth-advice-2 = Exchange 2000/2003'te: bu tür oturumlarda XEXCH50 başarısız oluyorsa STARTTLS olay havuzları AUTH'tan önce çalışıyordur (KB 843106 adım 3); Exchange sunucuları arasındaki sanal sunucuların TLS ayarlarını denetleyin.
rule-tls-before-auth-advice-3 = Exchange 2007 ve sonrasında X-EXPS'ten önce X-ANONYMOUSTLS olağan sıradır; bunun yerine sunucuların protokol günlüklerine bakın.
rule-starttls-no-tls-advice-1 = Bir ara cihaz STARTTLS'ye kendisi yanıt verdi (ya da onu EHLO yanıtından silip 220'yi taklit etti), bu yüzden istemci açık metinle devam etti: sunucular arasındaki güvenlik duvarı SMTP denetimini denetleyin.
rule-starttls-no-tls-advice-2 = 220'yi yok sayan bozuk bir istemci: TLS yapılandırmasını denetleyin.
rule-starttls-refused-advice-1 = Sunucu TLS sundu ama başlatamıyor: sertifikasının ve özel anahtarının var, okunabilir ve birbiriyle eşleşen olduğunu denetleyin (Postfix: smtpd_tls_cert_file/smtpd_tls_key_file ve posta günlüğü; Exchange: Get-ExchangeCertificate, SMTP için etkinleştirilmiş sertifika ve özel anahtarı).
rule-starttls-refused-advice-2 = Exchange 2007+ `454 4.7.5 Certificate validation failure`: karşı tarafın (ya da etki alanı güvenliğinin) sertifikası doğrulanamadı.
rule-starttls-refused-advice-3 = TLS isteyen bir gönderen postayı kuyrukta tutar; fırsatçı olan açık metinle gönderir.
rule-tls-handshake-failed-advice-1 = Uyarıyı okuyun: protocol_version ortak TLS sürümü yok, handshake_failure ya da insufficient_security ortak şifre paketi yok, bad_certificate/unknown_ca/certificate_expired istemcinin reddettiği bir sertifika demektir.
rule-tls-handshake-failed-advice-2 = İstemcinin teklifini (kanıt) sunucunun izin verdikleriyle karşılaştırın: Exchange'de SChannel'ın TLS protokol ve şifre ayarları (kayıt defteri, IIS Crypto), Postfix'te smtpd_tls_protocols ve smtpd_tls_ciphers.
rule-tls-handshake-failed-advice-3 = TLS isteyen bir gönderen (Exchange Gönderme bağlayıcısı RequireTLS, etki alanı güvenliği) bu düzeltilene kadar postayı kuyrukta tutar; fırsatçı olan açık metne döner.
rule-tls-version-obsolete-advice-1 = Geride kalan tarafta TLS 1.2'yi (ve varsa 1.3'ü) açın: Windows Server 2012 R2 ve sonrası, Exchange 2013 ve sonrasıyla destekler; Windows 2008/2008 R2 ve Exchange 2010 güncelleştirme ve kayıt defteri ayarı ister; Windows 2003 yapamaz — değiştirin ya da daha yeni bir ana bilgisayar üzerinden aktarın.
rule-tls-version-obsolete-advice-2 = Sonra, Exchange Online'ın zaten yaptığı gibi, diğer tarafta TLS 1.0/1.1'i kapatın.
rule-tls-weak-cipher-advice-1 = İki tarafta da RC4, 3DES ve ihracat paketlerini kapatın (Windows: SChannel şifre ayarları, IIS Crypto; Postfix: smtpd_tls_exclude_ciphers / smtp_tls_exclude_ciphers) ve AES-GCM ya da ChaCha20-Poly1305'i bırakın.
rule-tls-weak-cipher-advice-2 = Yalnızca RC4/3DES yapabilen bir karşı taraf Windows 2003 dönemindendir: değiştirilmesini planlayın.
rule-tls-weak-cipher-advice-3 = Kısa anahtarları RSA 2048 ya da daha uzun (veya ECDSA P-256) olarak yeniden düzenleyin.
rule-tls-cert-expired-advice-1 = SMTP hizmetine bağlı sertifikayı yenileyip yenisini yükleyin: Exchange New-ExchangeCertificate / Import-ExchangeCertificate, ardından Enable-ExchangeCertificate -Services SMTP; Postfix smtpd_tls_cert_file.
rule-tls-cert-expired-advice-2 = Sertifikaları doğrulayan gönderenler (Require TLS, etki alanı güvenliği, Exchange Online) o zamana kadar bu sunucuyu reddeder; diğerleri şifreler ama ona güvenemez.
rule-tls-cert-not-yet-valid-advice-1 = Saatleri denetleyin: veren CA'nınkini, sunucununkini ve yakalayan ana bilgisayarınkini (burada değerlendirilen yakalamanın zamanıdır).
rule-tls-cert-not-yet-valid-advice-2 = Saatler doğruysa sertifika başlangıç tarihinden önce yüklenmiş: bekleyin ya da doğru tarihlerle yeniden düzenleyin.
rule-tls-cert-name-mismatch-advice-1 = SAN'ı ortakların bağlandığı adı içeren bir sertifika bağlayın: Exchange 2007 ve sonrasında sertifika Alma bağlayıcısının FQDN'sine göre seçilir (Get-ReceiveConnector | fl Fqdn, Get-ExchangeCertificate | fl Subject,CertificateDomains,Services).
rule-tls-cert-name-mismatch-advice-2 = Karşılama/EHLO adını (bağlayıcı FQDN'si), MX ana bilgisayar adını ve sertifikanın SAN'ını uyumlu hâle getirin.
rule-tls-cert-name-mismatch-advice-3 = Adları doğrulayan ortaklar (etki alanı güvenliği, adlandırılmış sertifikalı TLS) o zamana kadar bağlantıyı reddeder; fırsatçı olanlar şifrelemeyi sürdürür.
rule-tls-cert-self-signed-advice-1 = Aynı kuruluşun Exchange sunucuları arasında bu varsayılandır (kurulumda oluşturulan kendinden imzalı sertifika) ve çalışır.
rule-tls-cert-self-signed-advice-2 = Ortaklara ve Exchange Online'a karşı, SAN'ı bağlayıcının FQDN'sini içeren ortak bir CA sertifikası bağlayın: doğrulayan gönderenler kendinden imzalı sertifikayı reddeder.
rule-smtp-smuggling-advice-1 = Biri giden sunucunun yanından ikinci bir ileti kaçırıyor (sahte gönderen): istemciyi ve kullandığı hesabı bulun.
rule-smtp-smuggling-advice-2 = Alan taraf kaçırılan komutlara yanıt verdiyse standart dışı diziyi veri sonu sayıyordur: yamalayın ya da yalın LF'yi reddetmesini sağlayın (Postfix smtpd_forbid_bare_newline, Exchange 2007+ 554 5.6.0 ile reddeder).
rule-smtp-smuggling-advice-3 = Gönderen sunucunun iletilerdeki yalın CR ve LF'yi normalleştirmesini ya da reddetmesini sağlayın.
rule-bare-lf-advice-1 = Uyumsuz bir karşı taraf (LF satır sonu yazan bir betik ya da eski bir uygulama); Exchange 2007 ve sonrası bu iletileri 554 5.6.0 ile reddeder.
rule-bare-lf-advice-2 = Tek başına bir noktayla birleşince yalın satır sonları SMTP smuggling'in hammaddesidir: bkz. smtp-smuggling.
rule-xlink2state-overflow-advice-1 = İstemciyi düşmanca kabul edin: bu, Exchange 2000/2003'e karşı MS05-021 yığın taşmasıdır.
rule-xlink2state-overflow-advice-2 = Alan sunucuda MS05-021'in uygulandığından emin olun ve o saatte çökme ya da SMTPSVC'nin yeniden başlaması olup olmadığını denetleyin.
rule-xlink2state-overflow-advice-3 = Exchange sunucuları X-LINK2STATE'i yalnızca tek bir kuruluşun yönlendirme grupları arasında değiş tokuş eder: başka her yerden gelenini engelleyin.
rule-hostname-not-fqdn-advice-1 = FQDN gereken yerde bir NetBIOS adı: SMTP sanal sunucusunun tam nitelikli etki alanı adını (Properties > Delivery > Advanced) sunucunun DNS adı yapın.
rule-hostname-not-fqdn-advice-2 = Adı denetleyen alan taraflar (Exchange X-EXPS üyeliği, istenmeyen posta HELO denetimleri) oturumu reddedebilir ya da ona güvenmeyebilir.
rule-credentials-in-clear-advice-1 = Yoldaki herkes parolayı okuyabilir (base64 şifreleme değildir): değiştirin.
rule-credentials-in-clear-advice-2 = AUTH'tan önce STARTTLS ya da Exchange sunucuları arasında tümleşik kimlik doğrulama (X-EXPS GSSAPI/NTLM) kullanın.
rule-credentials-in-clear-advice-3 = Alan sanal sunucuda TLS'siz temel kimlik doğrulamayı kapatın.
rule-sequence-error-advice-1 = Ardışık düzen kullanan bir istemci, tüm alıcıları reddedildikten sonra DATA gönderdi: zararsız; asıl sorun alıcıların reddedilmesidir.
rule-sequence-error-advice-2 = RFC 5321 komut sırasına uymayan bir istemci ya da betik: istemciyi düzeltin.
rule-sequence-error-advice-3 = Bir ara cihaz önceki bir komutu (MAIL ya da RCPT) yuttu ya da yeniden yazdı, bu yüzden sunucu onu hiç görmedi.
rule-tls-required-advice-1 = Gönderenin bu alan tarafa STARTTLS kullanmasını sağlayın (Exchange: Gönderme bağlayıcısının RequireTLS / TLS ayarları; Postfix: smtp_tls_security_level = may ya da encrypt).
rule-tls-required-advice-2 = Gönderen denedi ve başaramadıysa aynı yakalamadaki TLS el sıkışmasına (sertifikalar, protokol sürümleri) bakın; STARTTLS hiç sunulmadıysa bir ara cihaz onu EHLO listesinden silmiş olabilir.
rule-relay-denied-advice-1 = Karşı taraf Exchange ise bu genellikle kimlik doğrulama sorunudur: X-EXPS başarısız olduğu, hiç denenmediği ya da yolda ayıklandığı için gönderen anonimdir; varsa bunu açıklayan bulguya bakın.
rule-relay-denied-advice-2 = Alan SMTP sanal sunucusunun aktarma ayarlarını (Access > Relay: 'Allow all computers which successfully authenticate to relay') ve alıcının etki alanının kabul ettiği bir etki alanı olduğunu (alıcı ilkeleri, bağlayıcılar) denetleyin.
rule-relay-denied-advice-3 = Exchange 2013 ve sonrası (5.7.54): alıcının etki alanı kabul edilen bir etki alanı değil ya da istemci, aktarma izni vermeyen bir Alma bağlayıcısı üzerinden aktarıyor — uygulamaya kendi IP adresi için aktarma izinli ayrı bir bağlayıcı verin ya da kabul edilen etki alanını ekleyin. Exchange Online (5.7.64): gelen bağlayıcı gönderen sunucuyu tanımıyor (sertifika ya da IP).
rule-auth-required-advice-1 = Alan SMTP sanal sunucusunda anonim erişim kapalı (Access > Authentication): İnternetten ya da başka kuruluşlardan posta kabul eden sunucuların buna ihtiyacı vardır.
rule-auth-required-advice-2 = Gönderen kuruluşun bir Exchange sunucusuysa kimlik doğrulamadı: aynı oturumda X-EXPS hatalarını ya da ara cihaz bulgularını arayın.
rule-not-authorized-advice-1 = Alan SMTP sanal sunucusu (ya da Alma bağlayıcısı) bu göndereni anonim olarak kabul etmiyor: İnternet ya da ortak postasının geldiği yerde anonim erişimi açın ya da gönderenin kimlik doğrulamasını sağlayın.
rule-not-authorized-advice-2 = Exchange 2007+ sunucuları arasında: 5.7.3, Exchange Server kimlik doğrulamasının sağlanamadığı demektir — Alma bağlayıcısının kimlik doğrulama yöntemlerini ve izin gruplarını, sunucular arasındaki TLS'yi denetleyin.
rule-not-authorized-advice-3 = Yalnızca bazı alıcılar reddediliyorsa onlar yalnızca kimliği doğrulanmış gönderenlerden posta kabul ediyordur.
rule-recipient-unknown-advice-1 = Adreste yazım hatası olup olmadığını ve posta kutusunun silinip silinmediğini ya da yeniden adlandırılıp adlandırılmadığını denetleyin.
rule-recipient-unknown-advice-2 = Alıcı varsa: alan sunucunun dizini onu tanımıyor — bu adresi üretmeyen alıcı ilkeleri ya da kabul edilen etki alanları, dizin çoğaltması (Active Directory, Exchange Online dizin eşitlemesi) ya da eskimiş bir alıcı filtresi/uç engelleme listesi.
rule-recipient-unknown-advice-3 = Exchange 2000/2003 bir teslim kısıtlamasını 5.1.1 olarak bildirebilir (KB 817425): adres doğruysa alıcının kısıtlamalarını denetleyin.
rule-spam-rejected-advice-1 = Gönderen IP adresini yanıtın adını verdiği listede arayın ve listeden çıkarma yordamını izleyin; önce neden listelendiğini bulun (açık aktarıcı, istenmeyen posta gönderen ele geçirilmiş bir hesap ya da uygulama).
rule-spam-rejected-advice-2 = Exchange Online 5.7.606–649: Microsoft'un listeden çıkarma portalından isteyin; 5.7.708: IP'nin henüz itibarı yok — kiracının bağlayıcısı üzerinden gönderin.
rule-spam-rejected-advice-3 = İçerik nedeniyle ret: alan tarafın filtresi iletiyi değerlendirdi; gönderen etki alanının SPF, DKIM ve DMARC kayıtlarını ve iletinin kendisini denetleyin.
rule-message-too-large-advice-1 = İleti boyutunu alan tarafın sınırlarıyla karşılaştırın: EHLO yanıtındaki SIZE değeri, Exchange'de Alma bağlayıcısının MaxMessageSize değeri, kuruluşun aktarım sınırları ve alıcının sınırı (5.2.3 yönetimsel sınırdır).
rule-message-too-large-advice-2 = Eki başka bir yolla gönderin ya da boyut meşruysa alan taraftaki sınırı yükseltin.
rule-message-too-large-advice-3 = Duyurulan sınırın üzerinde SIZE= bildiren bir gönderen iletiyi hiç göndermemeliydi (RFC 1870): gönderen yazılımı denetleyin.
rule-back-pressure-advice-1 = Alan Exchange sunucusunda 15004–15007 back pressure olaylarını (MSExchangeTransport) ve neyin eksik olduğunu arayın: kuyruk veritabanı sürücüsündeki boş alan, aktarım işleminin belleği, kuyruklarda bekleyen iletiler.
rule-back-pressure-advice-2 = Eşikleri yükseltmeden önce kuyruk veritabanında (QueueDatabasePath) yer açın ya da onu taşıyın ve kuyrukları neyin doldurduğunu (bir döngü, ulaşılamayan bir hedef) bulun.
rule-back-pressure-advice-3 = Gönderen postayı tutar ve yeniden dener; baskı düşünce teslimler kendiliğinden sürer.
rule-throttled-advice-1 = Gönderenin bu alan tarafa eşzamanlılığını ve hızını düşürün (Exchange: Gönderme bağlayıcısının ve aktarımın MaxPerDomainOutboundConnections değeri, ileti hızı sınırları; Postfix: default_destination_concurrency_limit).
rule-throttled-advice-2 = Yeni ya da değişen bir gönderen IP adresi, gönderme geçmişi oluşana kadar Exchange Online Protection tarafından kısıtlanır (4.7.500–699): yavaşça artırın; sizinse bir gelen bağlayıcıya kaydedin.
rule-throttled-advice-3 = Çok fazla alıcı: gönderen, RFC 5321'in beklediği gibi, kalanını başka bir işlemde göndermelidir.
rule-temporary-failure-advice-1 = Genişletilmiş kodu ve metni okuyun: alan taraf geçici bir durumu adlandırıyor (yerel hata, ilke gereği erteleme, başarısız ters DNS denetimi 4.7.25, vekil sunucu hatası PRXn).
rule-temporary-failure-advice-2 = Gönderen iletiyi tutar ve kuyruğundan yeniden dener; posta yalnızca aynı ileti için ertelemeler yinelenirse (retry-storm) ya da kuyruk süresi dolana (4.4.7) kadar sürerse kaybolur.
rule-temporary-failure-advice-3 = Gri liste: bilinmeyen bir gönderenden gelen ilk deneme bilerek ertelenir; gri liste beklemesinden sonraki yeniden deneme kabul edilir. Gönderen hiç yeniden denemiyorsa dışında düzeltilecek bir şey yoktur.
rule-open-relay-advice-1 = SMTP sanal sunucusu herkes için aktarma yapıyor: KB 895853'ün anlattığı gibi Access > Relay altında yalnızca kimlik doğrulayan bilgisayarlara izin verin ('All except the list below'ı kaldırın).
rule-open-relay-advice-2 = Sunucunun zaten bir engelleme listesinde olup olmadığını denetleyin ve kuyruklarında aktardığı istenmeyen postaları arayın.
rule-open-relay-advice-3 = İstemci IP adresine göre aktarmasına izin verilen bir ortak ya da uygulamaysa bulgu beklenendir: etki alanını --local-domain ile verin ya da kuralı dışlayın.
rule-delivery-failed-advice-1 = Özette adı geçen genişletilmiş durum kodunu (RFC 3463) okuyun: KB 895853'teki senaryolardan hangisinin geçerli olduğunu söyler.
rule-delivery-failed-advice-2 = 5.7.1: gönderenin izni yok — Send As ya da alıcının 'Accept messages from' kısıtlaması veya aktarmaya izin verilmemesi; 5.7.3: sunucu gönderenin güvenliğini (kimlik doğrulama, sertifika) doğrulayamadı; 5.0.0: genel bir ret, çoğu zaman alan taraftaki bir DNS ya da yönlendirme sorunu.
rule-exchange-anonymous-submission-advice-1 = Gönderen sunucu, alan tarafa kuruluşun üyesi olarak kimliğini doğrulamadı: oturumdaki X-EXPS alışverişini denetleyin (SMTPSVC/<fqdn>'ye Kerberos, sunucuların Exchange Domain Servers grubu üyeliği, alan sanal sunucuda Tümleşik Windows Kimlik Doğrulaması) — varsa bunu açıklayan bulgulara bakın.
rule-exchange-anonymous-submission-advice-2 = Anonim iç posta kuruluş özelliklerini kaybeder (XEXCH50 reddedilir), istenmeyen posta ve aktarma kısıtlamalarına tabi olur ve 5.7.1 ile reddedilebilir.
rule-mail-loop-suspected-advice-1 = Received zincirini izleyin: iki sunucu iletiyi birbirine veriyor. Aralarındaki bağlayıcıları ve akıllı ana bilgisayarları (bir etki alanını geldiği yere geri yönlendiren bir bağlayıcı), etki alanının MX kayıtlarını ve iki taraftaki kabul edilen/aktarılan etki alanı listelerini denetleyin.
rule-mail-loop-suspected-advice-2 = Döngü, her geçişteki gecikmelerden sonra atlama sınırına ulaşınca `554 5.4.6 Hop count exceeded - possible mail loop` gibi bir NDR ile biter.
rule-received-delay-advice-1 = İletiyi, iki tarihten erken olanında alan sunucu tuttu: o zamana ait kuyruğuna ve günlüğüne bakın (sonraki atlamaya reddedilen ya da başarısız bağlantıdan sonraki yeniden denemeler, duraklatılmış bir kuyruk, yavaş bir içerik filtresi ya da virüs taraması).
rule-received-delay-advice-2 = Bekleme bu yakalamadan önceyse, bu oturumun gönderen sunucusu onu kuyrukta tuttu: kuyruğunu ve önceki denemelerin neden başarısız olduğunu denetleyin (oturum önceki bir reddi gösterebilir).
rule-header-from-mismatch-advice-1 = İstenmeyen posta filtresi iletiyi böyle görür: SPF, MAIL FROM etki alanını denetler; DMARC onun From üst bilgisiyle hizalı olmasını ister. İleti meşruysa (bülten sağlayıcısı, posta listesi, iletme) DMARC için DKIM'e dayanır; değilse sahtedir.
rule-header-from-mismatch-advice-2 = Kendi giden postanızda From ile aynı etki alanında bir zarf göndereniyle gönderin ya da From etki alanı için DKIM ile imzalayın.
rule-capture-truncated-advice-1 = Paket boyutu sınırı olmadan yeniden yakalayın: `tcpdump -s 0` (ya da `-s 262144`), `dumpcap -s 0`, Wireshark yakalama seçeneklerinde "Limit each packet" kapalı, Network Monitor'da çerçeve boyutu sınırı olmadan. Ağın kusuru yok: baytlar gitti, yakalama onları tutmadı.
rule-capture-truncated-advice-2 = O zamana kadar diyalog tutulanlardan çözülür; sınırın kestiği komutlar, yanıtlar ve ileti gövdeleri eksik baytlar olarak gösterilir.
rule-capture-ended-advice-1 = Oturumu ağ değil yakalama kesti: ardından ne olduğu bilinmiyor. Daha uzun yakalayın — posta gönderilmeden önce başlayıp QUIT'ten sonra durdurun — ya da bir halka arabelleğin tüm dosyalarını birlikte okuyun (`smtpscope analyze DIRECTORY`).
rule-connection-refused-advice-1 = Orada SMTP bağlantı noktasını dinleyen bir şey yok: SMTP hizmeti durmuş ya da başka bir adrese veya bağlantı noktasına bağlı.
rule-connection-refused-advice-2 = Bir güvenlik duvarı bağlantı noktasını engelliyor: RST genellikle ana bilgisayardan ya da reddeden bir güvenlik duvarından, sessizlik ise paketleri düşüren bir güvenlik duvarından gelir.
rule-connection-refused-advice-3 = Gönderen yanlış adresi çözdü (kullandığı MX ve A kayıtlarını denetleyin).
rule-no-banner-advice-1 = SMTP hizmeti askıda ya da aşırı yüklü (kuyruklarını, SMTP hizmetini ve sunucunun CPU ve diskini denetleyin).
rule-no-banner-advice-2 = Bir katran çukuru (tarpit) ya da istenmeyen posta ön ucu karşılamayı bilerek geciktiriyor.
rule-no-banner-advice-3 = Bir vekil sunucu ya da güvenlik duvarı bağlantıyı kendisi kabul etti ve arkasındaki sunucuya ulaşamadığı sürece bekletiyor.
rule-tcp-gap-advice-1 = Paketler sunucular arasında ya da yakalamada kayboldu; çözücü bir sonraki yanıttan devam etti, bu yüzden boşluğa denk gelen kısım (kanıtta adı geçer) incelenemedi.
rule-tcp-gap-advice-2 = Yakalama da kayıp bildiriyorsa (capture-drops), ağı suçlamadan önce daha büyük bir arabellekle yeniden yakalayın; aksi hâlde yolda kayıp arayın (arabirim hataları, sıkışık bir bağlantı, denetleyen bir güvenlik duvarı).
rule-unsolicited-reply-advice-1 = Bir ara cihaz bir komuta kendisi yanıt verdi ya da onu yutup sunucunun yanıtını geçirdi.
rule-unsolicited-reply-advice-2 = Sunucu bir komuta iki kez yanıt verdi (sunucu hatası; yanıtların metinlerini karşılaştırın).
rule-unanswered-command-advice-1 = Sunucu ya da bir ara cihaz komutu düşürdü: güvenlik duvarının SMTP denetimi tanımadığı komutları (XEXCH50, X-EXPS, BDAT) yutabilir.
rule-unanswered-command-advice-2 = Sunucu askıda kaldı ya da çok yavaştı ve istemci vazgeçti (bkz. slow-reply, tcp-reset).
rule-unanswered-command-advice-3 = Yakalama erken bitti: yakalamanın sonunu bağlantının kapanışıyla karşılaştırın.
rule-tcp-retransmission-advice-1 = Sunucular arasında paketler kayboluyor: arabirim hatalarını ve çift yönlülük ayarlarını, sıkışık bir WAN bağlantısını ya da kesimleri geciktiren veya düşüren bir güvenlik duvarını veya vekil sunucuyu denetleyin.
rule-tcp-retransmission-advice-2 = Bir XEXCH50 BLOB'unun ya da BDAT parçasının ortasındaki yeniden iletimler, ikili veriyi tutan denetleyici bir ara cihaza işaret eder.
rule-tcp-reset-advice-1 = Yolda olan (özette adı geçen) kayboldu; gönderen daha sonra yeniden dener.
rule-tcp-reset-advice-2 = Alan taraf sıfırladıysa: alan sunucuda SMTP hizmeti çökmesi ya da bağlantı sınırı arayın.
rule-tcp-reset-advice-3 = Sunucular arasında bir güvenlik duvarı ya da vekil sunucu varsa o bağlantı için günlüklerine bakın: denetim motorları çözümleyemedikleri oturumları (ikili XEXCH50 BLOB'ları, BDAT parçaları) sıfırlar.
rule-slow-reply-advice-1 = Sunucu yavaş karar veriyor: ad sorguları (istemcinin ters DNS'i, alıcıların DNS'i), alıcıları Active Directory'de çözen sınıflandırıcı ya da iletinin virüs/istenmeyen posta taraması.
rule-slow-reply-advice-2 = İstemciler 5 dakika sonra (ileti gövdesinden sonra 10) vazgeçer: bu sınırlara yakın yavaş yanıtlar yeniden denemeler ve yinelenen iletilerle biter.
rule-capture-drops-advice-1 = tcp-gap ve blob-size-mismatch bulgularına dikkatle yaklaşın: eksik baytlar ağda hiç kaybolmamış olabilir.
rule-capture-drops-advice-2 = Daha büyük bir arabellekle (tcpdump -B, dumpcap -B), daha dar bir filtreyle (yalnızca iki sunucunun SMTP bağlantı noktaları) ya da SMTP kesimlerinin tamamını tutan bir snap uzunluğuyla yeniden yakalayın.
rule-connection-flood-advice-1 = Hiç bayt taşımamış çok sayıda bağlantı, SMTP bağlantı noktasına karşı bir SYN seli ya da bağlantı noktası taramasına işaret eder (RFC 4987): sunucunun SYN kuyruğunu ve SYN tanımlama bilgilerini denetleyin, güvenlik duvarında kaynakları hız sınırına tabi tutun ya da engelleyin.
rule-connection-flood-advice-2 = Veri taşımış çok sayıda bağlantı, gerçek ya da kötüye kullanan gönderenlerin bir patlamasına işaret eder (istenmeyen posta dalgası, bir kesintiden sonra yeniden deneme fırtınası): Alma bağlayıcısının ya da sanal sunucunun bağlantı sınırlarını denetleyin.
rule-connection-flood-advice-3 = Çıkarılan oturumlar çıkarıldıkları yere kadar raporlanır (`evicted` olarak kapanır); her bağlantıyı izlemek için daha büyük bir --max-connections ile yeniden çözümleyin (sessiz her bağlantı yaklaşık 1,5 KiB tutar) ya da yakalamayı ilgili sunuculara süzün.
rule-dns-lookup-failed-advice-1 = Bir MX için NXDOMAIN: alıcının etki alanı yazıldığı biçimde yok (yazım hatası) ya da DNS yetkilendirmesi bozuk; gönderen sunucudan nslookup -q=mx ile denetleyin.
rule-dns-lookup-failed-advice-2 = SERVFAIL ya da yanıt yok: gönderenin DNS sunucusu etki alanının ad sunucularına ulaşamıyor (ileticiler, 53 numaralı UDP ve TCP bağlantı noktasında güvenlik duvarı, DNSSEC hataları); gönderen sunucunun kullandığı DNS sunucularını denetleyin (Exchange: Gönderme bağlayıcısının ya da aktarımın dış DNS ayarları).
rule-dns-lookup-failed-advice-3 = Adressiz bir posta değiştirici: etki alanının MX'i A/AAAA kaydı olmayan bir adı gösteriyor; sahibi bölgeyi düzeltmelidir.
rule-connected-not-to-mx-advice-1 = Bu etki alanını başka yere yönlendiren bir akıllı ana bilgisayar ya da bağlayıcı bunu açıklar: o durumda her şey yolundadır.
rule-connected-not-to-mx-advice-2 = Aksi hâlde gönderen eskimiş bir adres kullandı: etki alanının posta değiştiricisi taşınmadan önceki önbelleğe alınmış bir yanıt (DNS önbelleği, hosts dosyası). Gönderen sunucunun DNS önbelleğini temizleyin (ipconfig /flushdns) ve hosts dosyasını denetleyin.
rule-no-ptr-advice-1 = İstemcinin genel IP adresinin sahibinden (genellikle İnternet sağlayıcısı) gönderen sunucuyu adlandıran bir PTR kaydı isteyin ve o adın aynı adrese geri çözüldüğünden emin olun.
rule-no-ptr-advice-2 = İstemcinin EHLO'da verdiği ad da aynı olmalıdır: birçok alan taraf bunları karşılaştırır.
rule-retry-storm-advice-1 = Erteleme yanıtını (kanıtta) okuyun: alan taraf nedenini söylüyor — back pressure, kısıtlama, gri liste, başarısız bir denetim. O nedeni düzeltin; daha hızlı yeniden denemek işe yaramaz.
rule-retry-storm-advice-2 = Dakikalar yerine saniyeler arayla yeniden denemeler gönderenin yeniden deneme ayarlarına işaret eder (Exchange: aktarımın yeniden deneme aralıkları; RFC 5321 §4.5.4.1 en az 30 dakika ister).
rule-connection-churn-advice-1 = Sunucu onları reddettiyse (421/554 karşılamaları), bu istemciyi sınırlıyordur: o oturumlardaki throttled ve back-pressure bulgularına ve alan tarafın bağlantı sınırlarına bakın (Exchange: MaxInboundConnectionPerSource; Postfix: smtpd_client_connection_rate_limit).
rule-connection-churn-advice-2 = İstemci EHLO'dan sonra kendiliğinden ayrıldıysa yoklama yapıyor (izleme, adres doğrulama) ya da EHLO yanıtındaki bir şeyde (TLS, AUTH) başarısız oluyor olabilir; ayrılmadan önceki son yanıta bakın.
rule-verb-dropped-advice-1 = İki sunucu arasındaki bir şey SMTP'yi denetliyor: Cisco PIX'te `no fixup protocol smtp 25`; ASA'da genel ilkede `no inspect esmtp` ya da X-EXPS, XEXCH50, X-LINK2STATE, BDAT ve STARTTLS'ye izin veren bir ESMTP ilke eşlemesi.
rule-verb-dropped-advice-2 = Yolda Cisco güvenlik duvarı yoksa yakalama noktaları arasında başka bir SMTP vekil sunucusu, virüsten koruma ya da istenmeyen posta SMTP ağ geçidi veya bir IPS kuralı arayın.
rule-verb-dropped-advice-3 = Alan tarafta yanıtsız eksik bir komut ve gönderen tarafta bir yanıt, aradaki cihazın ona kendisi yanıt verdiği anlamına gelir.
summary-tls-cert-expired = TLS el sıkışmasındaki bir sertifikanın süresi dolmuştu.
summary-tls-cert-not-yet-valid = TLS el sıkışmasındaki bir sertifika henüz geçerli değildi.
summary-tls-cert-self-signed = Sunucunun sertifikası kendinden imzalı.
summary-starttls-not-offered-refused = İstemci, EHLO yanıtının sunmadığı STARTTLS'yi istedi ve reddedildi.
summary-capture-drops = { $source }: yakalayan ana bilgisayar { $dropped } paket düşürdü; çözümleme eksik.
evidence-capture-drops = yakalamanın düşürdüğü paket sayısı: { $dropped }
summary-identity-mismatch = İstemci kendini { $name } olarak tanıtıyor ama { $identity } olarak kimlik doğruladı (ana bilgisayar { $host }).
summary-banner-late = Sunucunun karşılaması bağlantı açıldıktan { $seconds } sn sonra geldi.
summary-no-banner = Sunucu, bağlantının sürdüğü { $seconds } sn boyunca karşılama göndermedi.
summary-bare-lf = Yalın LF veya CR satır sonlu komut, yanıt ya da DATA gövdesi sayısı: { $count }.
summary-credentials-in-clear = { $verb } { $mechanism } kimlik bilgileri açık metin olarak gönderildi.
summary-hostname-not-fqdn = Tam nitelikli etki alanı adı değil: { $names }.
summary-kerberos-downgrade = { $verb } { $mechanism } Kerberos sundu ama NTLM gönderdi: gönderenin bu sunucu için Kerberos bileti yoktu.
summary-size-above-limit = MAIL FROM { $size } bayt bildirdi; bu, sunucunun duyurduğu { $limit } baytlık sınırın üzerinde.
summary-open-relay = Anonim bir istemci `{ $command }` komutunu yerel etki alanlarının dışından dışına aktardı.
summary-starttls-no-tls = Sunucu { $verb } komutunu kabul etti ama istemci açık metinle devam etti.
summary-exps-not-offered-no-x = Sunucunun EHLO yanıtında X-EXPS de X- ile başlayan hiçbir anahtar sözcük de yok (Exchange havuzları yüklenmemiş görünüyor), yine de istemci XEXCH50 gönderdi.
summary-exps-not-offered = Sunucunun EHLO yanıtı X-EXPS sunmuyor, yine de istemci XEXCH50 gönderdi.

## Ne zaman oluşur ve bilinen yanlış pozitifler (rule-ID-trigger, rule-ID-caveats: `rules ID`)

rule-middlebox-rewrite-trigger = Şunlardan biri: metninin en az %80'i `*` olan bir karşılama (PIX Mailguard); X'lerden oluşan bir komut ya da onu aktaran bir yanıt (yolda maskelenmiş komut); ^X{"{"}3,{"}"}[A-Z]?$ ile eşleşen bir EHLO anahtar sözcüğü (ASA maskelemesi); EHLO, X-EXPS, AUTH, XEXCH50 ya da BDAT'a yalın bir `250 OK` yanıtı (komut NOOP ile değiştirilmiş; BDAT için yalnızca CHUNKING duyurulmadığında).
rule-middlebox-rewrite-caveats = Tasarım gereği çoğunlukla `*` olan bir karşılama da eşleşir; BDAT'a yalın `250 OK` yalnızca CHUNKING duyurulmadığında sayılır.
rule-starttls-stripped-trigger = EHLO yanıtında STARTTLS yok ve onun uzunluğunda X ile maskelenmiş bir anahtar sözcük (`XXXXXXXA`) var; ya da istemci, yanıt sunmadığı hâlde STARTTLS gönderdi ve reddedildi. `diff`'te: alanın EHLO yanıtı STARTTLS sunuyor, gönderenin sunmuyor.
rule-starttls-stripped-caveats = Aynı biçimde maskelenmiş başka bir uzantının 8 harfli anahtar sözcüğü, sunucu STARTTLS'yi hiç sunmadığında aynı görünür.
rule-ehlo-rejected-trigger = Bir EHLO komutuna 500 ya da 502 ile yanıt verildi.
rule-ehlo-rejected-caveats = Gerçekten yalnızca HELO destekleyen bir sunucu da EHLO'yu aynı biçimde reddeder.
rule-extended-verbs-missing-trigger = Karşılama Microsoft Exchange 2000/2003'ü (IIS SMTP 5.0.2195 ya da 6.0.3790) gösteriyor ve EHLO yanıtı görüldü, ama X-EXPS, XEXCH50 ve X-LINK2STATE'ten hiçbirini duyurmuyor.
rule-extended-verbs-missing-caveats = Exchange'siz bir IIS SMTP hizmeti aynı karşılamayı gösterir ve bu komutları hiç sunmaz.
rule-xexch50-bad-size-trigger = XEXCH50'nin boyut bağımsız değişkeni işaretli, ondalık olmayan ya da 2^30'un üzerinde.
rule-xexch50-bad-size-caveats = Bilinen yok.
rule-exps-not-offered-trigger = Sunucunun EHLO yanıtında X-EXPS anahtar sözcüğü yok ama istemci XEXCH50 göndermeyi sürdürüyor (ve alan taraf Exchange'e benziyor: bir Microsoft karşılaması ya da duyurulan XEXCH50).
rule-exps-not-offered-caveats = Yalnızca alan taraf Exchange'e benziyorsa değerlendirilir; TLS içindeki EHLO yanıtı görülemez.
rule-exps-not-attempted-trigger = Sunucu X-EXPS duyurdu ve XEXCH50 ya da X-LINK2STATE gönderen bir istemci onlardan önce X-EXPS ya da AUTH göndermedi. Yalnızca oturumun başı yakalamadaysa.
rule-exps-not-attempted-caveats = X-EXPS'i hiç kullanmayan İnternet istemcileri değerlendirilmez; başı yakalamada olmayan oturumlar da.
rule-exps-failed-trigger = Bir X-EXPS ya da AUTH alışverişi 235 dışında bir yanıtla (535, 454, 504, `*` sonrası 501, …) bitti ya da çözülen bir belirteç güvenlik paketinin onu reddettiğini söylüyor.
rule-exps-failed-caveats = Sonu yakalamada olmayan bir alışveriş değerlendirilmez. Reddedilen bir mekanizmanın ardından başarılı biri gelse de başarısızlık sayılır. Yukarıdaki öneriler Exchange sunucuları arasındaki oturumlar içindir; diğer SMTP sunucuları için başarısız AUTH'a ilişkin genel önerilerdir.
rule-kerberos-downgrade-trigger = Bir SPNEGO NegTokenInit bir Kerberos mekanizması listeliyor ama mechToken'ı NTLMSSP.
rule-kerberos-downgrade-caveats = NTLM çoğu ortamda yine çalışır; NTLM kısıtlandığında ya da sonra başarısız olduğunda önem kazanır.
rule-identity-mismatch-trigger = HELO/EHLO adının ilk DNS etiketi, çözülen NTLM kimliğindeki iş istasyonu ya da makine hesabından veya Kerberos istemci asıl adından (büyük/küçük harf duyarsız) farklı.
rule-identity-mismatch-caveats = Bilinçli diğer adlar da eşleşir; sanal sunucunun yapılandırmasıyla karşılaştırın.
rule-xexch50-without-auth-trigger = Öncesinde hiçbir X-EXPS ya da AUTH alışverişinin 235 ile bitmediği bir oturumda bir XEXCH50 komutu. 504 ya da 505 ile yanıtlandıysa hata. Yalnızca oturumun başı (karşılama ve EHLO) açık metin olarak yakalamadaysa.
rule-xexch50-without-auth-caveats = Başı yakalamada olmayan ya da şifresi çözülmemiş TLS içinde kalan oturumlar değerlendirilmez.
rule-xexch50-rejected-after-auth-trigger = Aynı oturumda daha önce bir X-EXPS ya da AUTH alışverişi 235 ile bittiği hâlde XEXCH50'ye 504 ile yanıt verildi.
rule-xexch50-rejected-after-auth-caveats = Bilinen yok.
rule-xexch50-rejected-trigger = Bir XEXCH50 komutuna herhangi bir 4xx/5xx yanıtı verildi. 504, 505 ve genişletilmiş 5.7.1 için hata; diğerlerinde uyarı.
rule-xexch50-rejected-caveats = Dış bir karşı tarafa yönelik ret beklenen davranıştır, arıza değildir.
rule-xexch50-not-advertised-trigger = Sunucunun EHLO yanıtı XEXCH50 duyurmadığı hâlde istemci XEXCH50 gönderdi.
rule-xexch50-not-advertised-caveats = Yalnızca EHLO yanıtı açık metin olarak yakalamadaysa değerlendirilir.
rule-xexch50-count-mismatch-trigger = XEXCH50'nin ikinci bağımsız değişkeni (ondan önce kabul edilen alıcılar + 1) değil.
rule-xexch50-count-mismatch-caveats = MAIL FROM ya da RCPT yanıtları yakalamada eksik olan işlemler değerlendirilmez.
rule-blob-size-mismatch-trigger = XEXCH50'ye (ya da BDAT n'ye) 354'ten sonra, sonraki yanıta ya da bağlantının sonuna kadar gelen baytlar bildirilen boyuttan farklı.
rule-blob-size-mismatch-caveats = Yakalamanın kaybettiği baytlar eksik sayılır; bir boşluk bunu açıklıyorsa kanıt bunu söyler.
rule-tls-before-auth-trigger = X-EXPS sunan bir sunucuya karşı STARTTLS ya da X-ANONYMOUSTLS kabul edildi ve TLS herhangi bir başarılı kimlik doğrulamadan önce başladı.
rule-tls-before-auth-caveats = Yalnızca X-EXPS sunan sunuculara karşı değerlendirilir.
rule-starttls-no-tls-trigger = Sunucu STARTTLS'ye (ya da X-ANONYMOUSTLS'ye) 220 ile yanıt verdi ve istemcinin sonraki baytları bir TLS ClientHello değil.
rule-starttls-no-tls-caveats = TLS'si zaten çözülmüş olarak dışa aktarılmış bir yakalama da bunu doğurur. Kaybolan bir ClientHello bu bulgu olarak değil, yakalamada bir boşluk olarak görünür.
rule-starttls-refused-trigger = STARTTLS ya da X-ANONYMOUSTLS'ye 454 koduyla ya da 4.7.x veya 5.7.x genişletilmiş durumuyla bir yanıt.
rule-tls-handshake-failed-trigger = TLS başladı (STARTTLS ya da X-ANONYMOUSTLS'ye 220'den sonra bir ClientHello ya da örtük TLS) ve el sıkışma tamamlanmadı: iki tarafın Finished'ından önce ölümcül bir uyarı ya da onlardan önce bağlantının kapanması veya sıfırlanması.
rule-tls-handshake-failed-caveats = El sıkışma sırasında biten bir yakalama değerlendirilmez. Anahtar günlüğü olmadan TLS 1.3 uyarıları şifrelidir ve el sıkışmanın sonu, sunucunun istemcinin Finished'ından sonra konuşmasından çıkarılır.
rule-tls-version-obsolete-trigger = ServerHello SSL 3.0, TLS 1.0 ya da TLS 1.1'i seçti; ya da ClientHello daha yenisini sunmuyor (özet hangi tarafın geride olduğunu söyler).
rule-tls-version-obsolete-caveats = Eski bir ortak için bilerek tutulan eski bir sürüm de aynı biçimde bildirilir.
rule-tls-weak-cipher-trigger = ServerHello bir RC4, 3DES, DES, RC2/IDEA, ihracat sınıfı, NULL ya da anonim paket seçti ya da el sıkışmadaki bir sertifikanın RSA veya DSA anahtarı 2048 bitin altında.
rule-tls-weak-cipher-caveats = Yalnızca anlaşılan değerlendirilir, bir tarafın kabul edeceği her şey değil.
rule-tls-cert-expired-trigger = Sunucunun (ya da istemcinin) zincirindeki bir sertifikanın notAfter değeri, yakalamadaki ServerHello zamanından önce.
rule-tls-cert-expired-caveats = Yakalamanın zamanına göre değerlendirilir. Bir TLS 1.3 sertifikası yalnızca anahtar günlüğüyle görülür.
rule-tls-cert-not-yet-valid-trigger = Sunucunun (ya da istemcinin) zincirindeki bir sertifikanın notBefore değeri, yakalamadaki ServerHello zamanından sonra.
rule-tls-cert-not-yet-valid-caveats = Yakalamanın zamanına göre değerlendirilir: saati yanlış bir ana bilgisayarda alınan yakalama buna yol açabilir.
rule-tls-cert-name-mismatch-trigger = Sunucunun sertifikası çözüldü ve ne subjectAltName dNSName'leri (ne de bunlar yoksa CN'si), istemcinin SNI'da gönderdiği adla, sunucunun karşılamasındaki ana bilgisayar adıyla ya da EHLO yanıtındakiyle eşleşmiyor (RFC 6125 eşleştirmesi).
rule-tls-cert-name-mismatch-caveats = Doğrulayan bir istemcinin denetlediği ad kendi yapılandırmasından gelebilir ve yakalama bunu göstermez.
rule-tls-cert-self-signed-trigger = Sunucunun yaprak sertifikası kendisini veren olarak adlandırıyor (ve varsa anahtar tanımlayıcıları uyuşuyor).
rule-tls-cert-self-signed-caveats = Tek başına sunulan özel bir CA kök sertifikası da aynı görünür.
rule-smtp-smuggling-trigger = DATA içinde standart dışı bir veri sonu dizisi (LF.LF, LF.CRLF, CRLF.LF, CR.CR, …) ve ardından, gerçek CRLF.CRLF'den önce, bir SMTP komutuyla (MAIL FROM, RCPT TO, DATA, BDAT, RSET, QUIT, EHLO, HELO) başlayan bir satır.
rule-smtp-smuggling-caveats = Her adaydan sonra yalnızca ilk baytlar tutulur; daha ilerideki bir komut kaçırılır.
rule-bare-lf-trigger = Bir komut, yanıt ya da DATA satırı yalın LF ya da yalın CR ile bitiyor.
rule-bare-lf-caveats = Bilgi amaçlı; çoğu sunucu için zararsız.
rule-xlink2state-overflow-trigger = Oturumda öncesinde X-LINK2STATE FIRST olmadan 520 bayttan uzun bir X-LINK2STATE parçası.
rule-xlink2state-overflow-caveats = Başı yakalamada olmayan oturumlar değerlendirilmez.
rule-hostname-not-fqdn-trigger = HELO/EHLO bağımsız değişkeninde (ya da karşılamadaki ana bilgisayarda) nokta yok ve bir adres değişmezi değil.
rule-hostname-not-fqdn-caveats = `localhost` ve maskelenmiş bir karşılama (PIX) değerlendirilmez.
rule-credentials-in-clear-trigger = TLS dışında gönderilen AUTH PLAIN, AUTH LOGIN ya da X-EXPS LOGIN kimlik bilgileri.
rule-credentials-in-clear-caveats = Gizli bilginin kendisi hiçbir zaman gösterilmez.
rule-sequence-error-trigger = Bir 503 yanıtı ya da yersiz bir komut: MAIL'den önce RCPT, RCPT'den önce DATA/BDAT, bir işlemin dışında XEXCH50.
rule-sequence-error-caveats = Yersiz komutlar yalnızca oturumun başı yakalamadaysa değerlendirilir.
rule-tls-required-trigger = X.7.10 ya da X.7.30 genişletilmiş durumlu bir yanıt ya da sözcükleri STARTTLS/TLS/şifreleme isteyen bir 5xx (veya 451) (`530 5.7.0 Must issue a STARTTLS command first`). 454 (TLS kullanılamıyor) sayılmaz.
rule-tls-required-caveats = Herkesten TLS isteyen bir alan taraf doğru biçimde reddeder.
rule-relay-denied-trigger = RCPT'ye 5.7.1, 5.7.54 ya da 5.7.64 genişletilmiş durumlu ya da aktarma ifadeli (`Relay access denied`, `Unable to relay`) bir 5xx ile yanıt verildi; kimlik doğrulama (auth-required) ya da TLS (tls-required) istemiyorsa veya bir engelleme listesi ya da istenmeyen posta adı vermiyorsa (spam-rejected). Kanıt oturumun kimlik doğrulama durumunu ekler.
rule-relay-denied-caveats = Kimliği doğrulanmamış bir İnternet göndereni için aktarmayı reddetmek doğrudur; bulgu aynı kuruluşun sunucuları arasında önemlidir.
rule-auth-required-trigger = Bir 530 yanıtı (STARTTLS istemiyorsa: tls-required) ya da metni kimlik doğrulamadan söz eden 5.7.0, 5.7.1 veya 5.7.3 genişletilmiş durumlu bir 5xx yanıtı (`Client was not authenticated`, `Authentication required`).
rule-auth-required-caveats = Tasarım gereği kimlik doğrulama isteyen bir gönderim hizmeti bunu her anonim istemci için doğurur.
rule-not-authorized-trigger = MAIL, RCPT, DATA ya da bir ileti gövdesine, bir AUTH ya da X-EXPS alışverişinin dışında ve kimlik doğrulama isteyen ifade olmadan (o auth-required'dır) 5.7.3 genişletilmiş durumlu bir 5xx ile yanıt verildi.
rule-not-authorized-caveats = Exchange başarısız bir AUTH için de 535 5.7.3 gönderir; onu exps-failed değerlendirir.
rule-recipient-unknown-trigger = RCPT'ye X.1.1, X.1.0, X.1.6 ya da 5.1.10 genişletilmiş durumlu bir 5xx, 5.4.1 `Recipient address rejected` ya da sözcüklerinde başka neden olmayan yalın bir 550 ile yanıt verildi. Kanıt reddedilen her adresi listeler.
rule-recipient-unknown-caveats = Yanıt başka neden vermediğinde yalın bir 550 bilinmeyen posta kutusu olarak alınır.
rule-spam-rejected-trigger = Exchange Online istenmeyen posta koduyla (5.7.606–649, 5.7.501–503, 5.7.511, 5.7.708, 5.7.350) ya da engelleme listesi/içerik ifadesiyle (`blocked using`, `listed in`, Spamhaus, spam) bir 5xx yanıtı (karşılama, MAIL, RCPT, DATA ya da ileti gövdesi). Yanıt listeyi adlandırıyorsa liste adı verilir.
rule-spam-rejected-caveats = İfadeler yalnızca kalıcı (5xx) yanıtlarda eşleştirilir.
rule-message-too-large-trigger = X.3.4 ya da X.2.3 genişletilmiş durumlu bir yanıt ya da dolu bir posta kutusu (5.2.2, kota) olmayan bir 552; ya da uyarı olarak, SIZE= değeri sunucunun EHLO yanıtında duyurduğu SIZE sınırını aşan bir MAIL FROM.
rule-message-too-large-caveats = İstemcinin bildirdiği boyuta bildirildiği gibi güvenilir.
rule-back-pressure-trigger = 4.3.1 ya da 4.3.2 genişletilmiş durumlu herhangi bir yanıt (`452 4.3.1 Insufficient system resources`, `421 4.3.2 Service not available`) ya da alıcılarla ilgili olmayan, genişletilmiş durumsuz bir 452.
rule-back-pressure-caveats = Durdurulmakta olan bir sunucu da 421 4.3.2 ile yanıt verir.
rule-throttled-trigger = 4.7.x genişletilmiş durumlu bir 421, 4.7.500–4.7.699 (Exchange Online) ile bir 4xx, 4.5.3 ya da `too many recipients` ile bir 452, 4.7.28 ya da hız sınırından veya çok fazla bağlantıdan söz eden bir 4xx.
rule-throttled-caveats = Hız sınırlarından söz eden gri liste de burada sayılır.
rule-temporary-failure-trigger = Karşılamaya, MAIL, RCPT, DATA ya da ileti gövdesine verilen ve back-pressure ile throttled'ın üstlenmediği bir 4xx yanıtı. Gri liste (yanıt greylist/graylist diyor) onu bilgiye düşürür.
rule-temporary-failure-caveats = Gri liste yalnızca ifadesinden tanınır.
rule-open-relay-trigger = Yalnızca --local-domain ile: hiç kimlik doğrulamamış bir oturumda, tüm yerel etki alanlarının dışındaki bir MAIL FROM göndereni için tüm yerel etki alanlarının dışındaki bir RCPT TO 2xx ile kabul edildi.
rule-open-relay-caveats = Bilinen bir ana bilgisayara IP adresiyle verilen aktarma izni kablo üzerinde aynı görünür. Boş gönderen `<>` değerlendirilmez.
rule-delivery-failed-trigger = Bir DATA gövdesine son yanıt ya da bir BDAT parçasına yanıt 5xx; ya da MAIL FROM veya DATA'ya 5.0.0 ya da 5.7.1 genişletilmiş durumlu bir 5xx ile yanıt verildi — daha kesin bir kural yanıtı üstlenmiyorsa (auth-required, tls-required, not-authorized, message-too-large, spam-rejected, back-pressure, throttled, temporary-failure).
rule-delivery-failed-caveats = İstenmeyen postayı reddeden bir içerik filtresi amaçlandığı gibi çalışıyordur.
rule-exchange-anonymous-submission-trigger = Exchange sunucuları arasındaki bir oturumda (X-EXPS ya da XEXCH50 sunulmuş veya kullanılmış ya da bir Microsoft karşılaması) bir ileti `X-MS-Exchange-Organization-AuthAs: Anonymous` taşıyor ya da oturumun hiçbir AUTH/X-EXPS alışverişi 235 ile bitmemişken `AuthAs: Internal` taşıyor. `--local-domain` ile yalnızca From üst bilgisi yerel bir etki alanında olan iletiler değerlendirilir.
rule-exchange-anonymous-submission-caveats = Kuruluş içinde aktarılan İnternet postası meşru olarak Anonymous'tur; yalnızca kuruluşun kendi postasını değerlendirmek için --local-domain kullanın.
rule-mail-loop-suspected-trigger = Bir ileti 25'ten fazla `Received:` alanı taşıyor ya da yolu bir alan (`by`) ana bilgisayardan çıkıp yeniden ona giriyor (büyük/küçük harf duyarsız; aynı ana bilgisayarın ardışık alanları bir kez sayılır, `localhost` ve geri döngü adresleri sayılmaz).
rule-mail-loop-suspected-caveats = İletiyi geri veren başka bir ana bilgisayardaki içerik filtresi (A → filtre → A) döngü gibi görünür.
rule-received-delay-trigger = Bir iletinin ardışık iki `Received:` alanı arasında 10 dakikadan fazla var ya da en yenisi iletinin yakalanmasından 10 dakikadan daha eski — ve en fazla 7 gün (daha uzunu kuyruk değil, saat ya da yeniden oynatılmış iletidir).
rule-received-delay-caveats = Tarihler her sunucunun kendi saatinden gelir; kaymış saatler beklemeyi başka bir atlamaya taşır. 7 günü aşan beklemeler değerlendirilmez.
rule-header-from-mismatch-trigger = MAIL FROM adresiyle ilk From üst bilgisi adresinin etki alanları ne eşit ne de biri ötekinin alt etki alanı olan bir ileti. Boş gönderen `<>` değerlendirilmez.
rule-header-from-mismatch-caveats = Posta listeleri, bülten sağlayıcıları ve ileticiler tasarım gereği uyuşmaz.
rule-capture-truncated-trigger = Bağlantının çerçeveleri kablodakinden kısa yakalandı ve kesilen baytlar TCP yüküydü.
rule-capture-truncated-caveats = Gösterilen snap uzunluğu kesilen çerçevelerin yakalanan uzunluğudur (bağlantı, IP ve TCP üst bilgileri dahil).
rule-capture-ended-trigger = Yakalama bittiğinde bağlantı, son paketinden 30 sn'den kısa süre sonra hâlâ açıktı; yanıtsız bir komut ya da bitmemiş bir BLOB, parça, ileti gövdesi veya yanıt vardı.
rule-capture-ended-caveats = Yakalama durmadan önceki son saniyelerde takılan bir bağlantı da aynı görünür.
rule-connection-refused-trigger = İstemcinin SYN'ına bir RST ile yanıt verildi (sunucunun tek kesimi) ya da istemci yalnızca SYN gönderdi ve hiçbir şey geri gelmedi.
rule-connection-refused-caveats = Aslında açılmış bir bağlantının yalnızca istemci SYN'larını gören bir yakalama yanıtsız görünür.
rule-no-banner-trigger = El sıkışma yakalamada, sunucu ona yanıt verdi ve SYN'dan sonraki 30 sn içinde (ya da hiç) karşılama yanıtı gelmedi.
rule-no-banner-caveats = Bilinçli bir katran çukuru (tarpit) gecikmesi de bunu doğurur.
rule-tcp-gap-trigger = Bir yönün baytları yakalamada hiç görünmüyor: karşı taraf onları onayladı ya da sonraki veri geldi ve boşluk hiç dolmadı.
rule-tcp-gap-caveats = Yakalayan ana bilgisayarın yol açtığı boşluklar, yakalama düşürdüklerini bildirmedikçe ağ kaybından ayırt edilemez.
rule-unsolicited-reply-trigger = Bekleyen hiçbir istemci komutu yokken (ardışık düzen, DATA ve BLOB aktarımları hesaba katıldıktan sonra) gelen tam bir sunucu yanıtı; karşılama, 421 ya da sunucu kapatmadan hemen önceki veda yanıtı (boşta kalma zaman aşımı) dışında.
rule-unsolicited-reply-caveats = Bir yakalama boşluğunun açıklayabileceği yanıtlar (komutları ya da önceki yanıtlar boşlukta olabilir) değerlendirilmez.
rule-unanswered-command-trigger = İstemci komutları hâlâ yanıt beklerken bağlantı bitiyor ve sunucu kapanışını 421 ya da 521 ile duyurmamıştı.
rule-unanswered-command-caveats = Yanıt gelmeden durdurulan bir yakalama da aynı görünür.
rule-tcp-retransmission-trigger = Bir yönün kesimlerinin %1'inden fazlası ya da 3'ten fazla kesim kaybolduğu için yeniden gönderildi (yinelenen SYN ya da FIN, keep-alive, zaten onaylanmış baytların bir kopyası ya da alanın yinelenmiş olarak bildirdiği bir kesim kayıp değildir). Reddedilen bir bağlantı için oluşmaz (onun yinelenen SYN'ları connection-refused'dur).
rule-tcp-retransmission-caveats = Gönderende, alandan D-SACK olmadan alınan bir yakalama, aslı ulaşmış bir kuyruk kaybı yoklamasını kayıp sayar.
rule-tcp-reset-trigger = Herhangi bir taraftan gelen RST bağlantıyı bitiriyor ve öncesinde QUIT'e 221 yanıtı görülmedi.
rule-tcp-reset-caveats = 221'den sonraki RST olağan (kaba da olsa) bir kapanıştır ve bildirilmez; QUIT'in görülemediği TLS içindeki RST de bildirilmez.
rule-slow-reply-trigger = Bir yanıt, kendisinden önceki son istemci komutundan ya da verisinden 30 sn'den fazla sonra geliyor.
rule-slow-reply-caveats = Uzun bir gövdenin ilk kesiminden ölçülür, bu yüzden yavaş bir yükleme buna eklenebilir.
rule-capture-drops-trigger = Yakalamanın bütünü: pcapng arabirim istatistikleri ya da libpcap sayaçları düşürülen paket bildiriyor.
rule-capture-drops-caveats = Yalnızca düşürme sayaçlarını kaydeden yakalamalar bunu doğurabilir.
rule-connection-flood-trigger = Yakalamanın bütünü: yeni bir bağlantı bağlantı bütçesini (--max-connections) dolu buldu, bu yüzden veri olmadan en uzun bekleyen bağlantı (önce sessizler) çıkarıldı; ya da live'da bütçe dörtte üç doluyken bağlantılar daha kısa bir boşta kalma süresinden sonra kapatıldı.
rule-connection-flood-caveats = Aynı anda meşru olarak bütçeden fazla bağlantı tutan bir merkez de bunu doğurur; böyle bir merkez için --max-connections'ı yükseltin.
rule-dns-lookup-failed-trigger = Yakalamanın bütünü: bir MX sorgusuna NXDOMAIN, SERVFAIL, REFUSED (herhangi bir hata rcode'u) ile yanıt verildi ya da 10 sn içinde yanıt verilmedi; ya da yakalamadaki bir MX yanıtının adlandırdığı bir ana bilgisayar için A/AAAA sorgusu aynı biçimde başarısız oldu (A ve AAAA'nın ikisinin de boş olması da sayılır). Ad başına bir bulgu; başarısız sorguları sayılır.
rule-dns-lookup-failed-caveats = Yalnızca yakalamadaki sorgular değerlendirilir; önbelleğe alınmış yanıtı olan bir gönderen sorgu yapmaz.
rule-connected-not-to-mx-trigger = Oturumun istemcisi kısa süre önce (en çok 300 sn) bir alıcının etki alanının MX'ini sorguladı, posta değiştiricileri ve adreslerini aldı (MX yanıtında ya da kendi A/AAAA sorgularında), sonra bunların hiçbiri olmayan bir adrese bağlandı.
rule-connected-not-to-mx-caveats = Bilgi: akıllı ana bilgisayar üzerinden yönlendirme yaygın ve doğrudur.
rule-no-ptr-trigger = Oturum sırasında sunucunun adresi istemcinin adresinin PTR'sini sorguladı ve NXDOMAIN, SERVFAIL, kayıt yok ya da yanıt yok aldı; ve bu yanıtın ardından oturumun bir 4xx/5xx reddi geldi.
rule-no-ptr-caveats = Reddin başka bir nedeni olabilir; metnini okuyun (4.7.25 / 5.7.25 ters DNS'i adlandırır).
rule-retry-storm-trigger = Oturumlar arası: bir istemciden bir sunucuya aynı zarfın (MAIL FROM, RCPT TO kümesi, SIZE=) üç ya da daha fazla denemesinin her biri bir 4xx yanıtıyla bitti. Kanıt: denemeler, oturumları, aralıkları ve yanıtları.
rule-retry-storm-caveats = Gri liste tasarım gereği bir ya da iki kez erteler; bir iletinin üç kez ertelenmesi zaten olağandışıdır.
rule-connection-churn-trigger = Oturumlar arası: bir istemciden bir sunucuya, her biri 30 sn'den kısa en az 5 oturum herhangi bir MAIL FROM'dan önce bitti (reddedilen karşılama, reddedilen EHLO ya da istemcinin ayrılması). Kanıt: nasıl bittikleri.
rule-connection-churn-caveats = İzleme yoklamaları tasarım gereği kısa oturumlar oluşturur.
rule-verb-dropped-trigger = Yalnızca `smtpscope diff SENDER RECEIVER`, eşleşmiş bir oturum çiftinde: gönderen tarafın gönderdiği bir komut alan tarafa ulaşmıyor ya da değişmiş ulaşıyor (X'lerle maskelenmiş, NOOP ile değiştirilmiş, bağımsız değişkeni yeniden yazılmış); ya da alanın gönderdiği bir EHLO anahtar sözcüğü gönderen tarafta eksik ya da maskelenmiş; ya da karşılama farklı. Kanıt: her taraftaki satır ve çerçevesi.
rule-verb-dropped-caveats = İki yakalama aynı konuşmayı göstermelidir: yalnızca sezgisel olarak eşleşen bir çift (güvenine bakın) iki farklı oturumu karşılaştırıyor olabilir. Bayt eksiği olan bir alan yakalamasında bulunmayan bir komut, düşürülmüş bir komut olarak değil, yakalama kaybı olarak bildirilir.
summary-connection-churn = { $client }, { $seconds } sn içinde { $server } sunucusuna MAIL'den önce biten { $count } kısa oturum açtı.
summary-retry-storm = { $client }, aynı iletiyi { $seconds } sn içinde { $server } sunucusuna { $count } kez sundu, her seferinde ertelendi ({ $reply }).
summary-no-ptr = Sunucu { $name } için PTR bulamadı ({ $result }) ve reddetti: { $reply }.
summary-connected-not-to-mx = İstemci { $server } adresine bağlandı; bu, { $domain } MX'inin bir adresi değil ({ $known }).
summary-capture-truncated = Yakalama { $snaplen } snap uzunluğuyla kesildi: { $segments } kesimdeki { $bytes } bayt yük yakalanmadı.

## Transport, refusal and message findings

summary-tcp-retransmission = Yeniden gönderimler: { $one }.
summary-tcp-retransmission-both = Yeniden gönderimler: { $one }; { $other }.
resent-side = { $side }: { $segments } segmentin { $lost } tanesi kayıp sonrası yeniden gönderildi ({ $bytes } bayt){ $first }{ $spurious }
resent-first-at = , ilki { $frame } numaralı çerçevede, { $place }
resent-not-loss = ; { $count } tanesi daha kayıp değildi
resent-in-body = { $verb } gövdesinde
resent-in-blob = XEXCH50 BLOB içinde
resent-in-tls = TLS içinde
resent-after-command = `{ $verb }` sırasında veya sonrasında
resent-after-reply = { $code } yanıtı sırasında veya sonrasında
resent-in-sasl = SASL alışverişinde
resent-in-dialogue = diyalogda
summary-connection-refused = { $server } bağlantısı reddedildi: SYN'e RST ile yanıt verildi.
evidence-syn-answered-by-rst = { $server } adresine SYN, { $frame } numaralı çerçevede RST ile yanıtlandı
summary-connection-unanswered = { $server } bağlantısı hiç yanıtlanmadı: { $count } SYN, yanıt yok.
evidence-syn-unanswered = { $seconds } s boyunca { $server } adresine { $count } SYN, yanıt yok
evidence-tls-began = TLS { $frame } numaralı çerçevede başladı; istemciden { $client } ve sunucudan { $server } bayt şifreli
summary-header-from-mismatch = { $message } iletisinin { $header } başlığı { $envelope } ile uyuşmuyor.
summary-mail-loop-suspected = { $message } bir döngüde dolaşmış görünüyor: { $why }.
summary-received-delay = { $message } yolda gecikti: { $why }.

## Refusal, reset and gap findings

refused-the-message = İleti
refused-the-connection = Bağlantı
refused-the-sender = Gönderen
summary-refused-because = { $what }, "{ $reply }" ile reddedildi: { $because }.
summary-deferred-because = { $what }, "{ $reply }" ile ertelendi: { $reason }.
summary-recipient-unknown = { $what }, "{ $reply }" ile reddedildi: alıcı orada bilinmiyor.
evidence-unknown-recipients = bilinmeyen alıcılar: { $addresses }
spam-listed-on = istemci { $list } listesinde
spam-refused = spam olarak reddedildi
evidence-block-list = engelleme listesi: { $list }
advice-spam-listed = İstemci { $client }, { $list } listesinde: kaydı denetleyin ve nedenini giderdikten sonra çıkarılmasını isteyin.
summary-throttled = { $what }, "{ $reply }" ile ertelendi: alıcı bu istemciyi sınırlıyor.
deferred-greylisting = greylisting: yeniden deneme kabul edilecek
deferred-retry = gönderen yeniden denemeli
summary-not-authorized = { $what }, "{ $reply }" ile reddedildi: gönderenin yetkisi yok.
summary-tcp-reset = Bağlantı { $state } sıfırlandı (RST: { $by }).
evidence-rst-from = RST: { $by }, { $state }
reset-by-server = sunucu
reset-by-client = istemci
reset-by-both = iki taraf
reset-before-smtp = hiç SMTP alışverişi olmadan
reset-during-blob = XEXCH50 BLOB aktarımı sırasında
reset-during-bdat = bir BDAT parçası sırasında
reset-during-data = DATA sırasında
reset-during-auth = kimlik doğrulama sırasında
reset-awaiting-reply = bir komut yanıt beklerken
reset-between-commands = komutlar arasında
summary-tcp-gap = Yakalamada { $count } boşluk.
summary-tcp-gap-first = Yakalamada { $count } boşluk; ilki: { $first }.
evidence-gap = { $side }: { $offset } ofsetinde { $bytes } bayt eksik, { $cause }
evidence-gap-into = { $side }: { $offset } ofsetinde { $bytes } bayt eksik, { $cause }, { $place }
gap-acked = karşı taraf onayladı ama yakalanmadı
gap-capture-ended = yakalama bitene kadar doldurulmadı
gap-connection-ended = bağlantı bitene kadar doldurulmadı
gap-memory-cap = yeniden birleştirme bellek sınırında atıldı
gap-too-many-segments = atıldı: sıra dışı kesim sayısı çok fazla
gap-snaplen = yakalamada saklanmadı (snap uzunluğu)
gap-in-data = bir DATA gövdesinin içinde
gap-in-blob = bir XEXCH50 BLOB içinde
gap-in-bdat = bir BDAT parçası içinde
gap-in-command = bir komut satırının içinde
gap-in-reply = bir yanıt satırının içinde
gap-between-commands = komutlar arasında
gap-between-replies = yanıtlar arasında

## TLS findings

refused-tls-required = önce TLS gerekli
refused-too-large = ileti çok büyük
deferred-short-of-resources = alıcının kaynakları yetersiz
summary-tls-before-auth = { $verb } herhangi bir kimlik doğrulamadan önce kabul edildi: oturumun geri kalanı şifreli.
summary-tls-before-auth-decrypted = { $verb } herhangi bir kimlik doğrulamadan önce kabul edildi; şifresi çözülen oturum: { $inside }.
summary-tls-cert-name-mismatch = Sunucu sertifikası { $asked } değil, { $names } adını taşıyor.
summary-tls-handshake-failed = TLS el sıkışması başarısız oldu: { $how }.
tls-failed-client-sent = istemci { $alert } gönderdi
tls-failed-server-sent = sunucu { $alert } gönderdi
tls-failed-reset = bağlantı tamamlanmadan sıfırlandı
tls-failed-closed = bağlantı tamamlanmadan kapandı
summary-tls-weak-suite = TLS zayıf { $suite } paketini kullandı.
summary-tls-short-key = TLS el sıkışmasındaki bir sertifikanın anahtarı 2048 bitten kısa.
summary-tls-version-client-behind = { $version } anlaşıldı: istemci daha yenisini sunmuyor.
summary-tls-version-server-behind = İstemci { $offered } sunduğu halde { $version } anlaşıldı: sunucu daha yenisini desteklemiyor.
summary-tls-version-offered = İstemci { $offered } sürümünden yenisini sunmuyor.

## Dialogue, DNS and exploit-shape findings

summary-dns-lookup-failed = { $name } için { $qtype } sorgusu başarısız oldu ({ $result }): ona giden posta teslim edilemez.
dns-exchanger-of = { $name } ({ $domain } alanının posta sunucusu)
summary-capture-ended = Yakalama, oturum sürerken bitti: { $detail }.
ehlo-fell-back-to-helo = ; istemci HELO'ya geri döndü
summary-ehlo-rejected = EHLO { $code } ile yanıtlandı{ $fallback }: oturum ESMTP uzantıları olmadan sürüyor.
summary-sequence-error = Sırası yanlış komut: { $why }.
slow-the-body = { $verb } gövdesi
slow-the-blob = XEXCH50 BLOB
slow-auth-line = bir kimlik doğrulama satırı
slow-last-bytes = istemcinin son baytları
summary-slow-reply = Sunucu { $what } için { $seconds } s sonra yanıt verdi.
evidence-slow-sent = gönderildi: { $what }
evidence-reply-after = { $seconds } s sonra yanıt
summary-starttls-refused = { $verb } reddedildi: { $reply }.
summary-unanswered-command = Bağlantı { $count } komut yanıtsız kalarak bitti: { $detail }.
summary-unsolicited-reply = Sunucu, yanıt bekleyen bir komut yokken { $reply } gönderdi.
summary-xexch50-count-mismatch = XEXCH50 { $count } sayısını bildirdi ama { $accepted } alıcı kabul edildi (beklenen { $expected }).
summary-xlink2state-overflow = { $bytes } baytlık bir X-LINK2STATE parçası FIRST parçası olmadan geldi: MS05-021 istismarının biçimi.
summary-xexch50-bad-size-accepted = { $size } boyutlu XEXCH50 (MS03-046 istismar biçimi) 354 ile yanıtlandı: sunucu yamasız.
summary-xexch50-bad-size = { $size } boyutlu XEXCH50: MS03-046 istismarının biçimi.
summary-xexch50-not-advertised = Sunucunun EHLO yanıtı XEXCH50 bildirmediği halde istemci XEXCH50 gönderdi.
summary-xexch50-rejected-after-auth = XEXCH50 başarılı bir kimlik doğrulamadan sonra 504 ile reddedildi: gönderen kimliğini doğruladı ama yetkili değil (Send As).
summary-blob-size-mismatch = { $verb } { $declared } bayt bildirdi ama { $transferred } bayt geldi: { $why }.

## Smuggling and connection flood

summary-smtp-smuggling = DATA gövdesinde { $sequence } ve ardından { $command } var: bir SMTP smuggling girişimi.
summary-smtp-smuggling-answered = DATA gövdesinde { $sequence } ve ardından { $command } var: bir SMTP smuggling girişimi; sunucu kaçırılan komutları yanıtladı.
summary-connection-flood = { $source }: aynı anda { $max } bağlantıdan fazlası açıktı; { $evicted ->
       *[other] { $shown } tanesi bitmeden çıkarıldı
    }{ $early }.
flood-closed-early = { " " }ve { $count } tanesi bütçe neredeyse doluyken erken kapatıldı

## diff findings

summary-verb-dropped = İki sunucu arasında { $count } fiil, anahtar sözcük veya karşılama silindi ya da yeniden yazıldı: { $labels }.
advice-verb-swallowed = Gönderen, alıcının hiç göndermediği `{ $reply }` yanıtını aldı ({ $frame } numaralı çerçeve): aradaki cihaz `{ $command }` komutunu yuttu ve kendisi yanıtladı.
summary-starttls-stripped = Alıcı STARTTLS sundu ama gönderenin gördüğü EHLO yanıtında yok: yolda silindi, bu yüzden oturum şifrelenemedi.

## Text report: session header

text-banner = karşılama
text-time = zaman
text-frames = çerçeveler
text-handshake-seen = el sıkışma görüldü
text-mid-stream = akışın ortasından yakalandı (SYN yok)

## Bulgular: kanıt satırları

evidence-bare-line-ends = DATA gövdesinde { $lf } tek başına LF ve { $cr } tek başına CR satır sonu var
short-blob-gap = içine yakalamada bir boşluk denk geliyor
short-blob-reset = sırasında bağlantı sıfırlandı
short-blob-ended = sırasında bağlantı sona erdi
evidence-blob-short = bildirilen { $declared } bayt, aktarılan { $transferred }; { $why }
evidence-capture-ended-after = yakalama, bağlantının son paketinden { $seconds } s sonra, bağlantı açıkken sona erdi
evidence-snaplen = yakalama { $snaplen } snap uzunluğuyla kırpıldı
evidence-snaplen-lost = istemci→sunucu: { $c2s_segments } segmentte { $c2s_bytes } bayt yakalanmadı; sunucu→istemci: { $s2c_segments } segmentte { $s2c_bytes } bayt
evidence-mx-addresses = adresleri: { $addresses }
evidence-connected-to = bağlanılan adres { $server }
evidence-session-line = oturum { $session }: { $how }
churn-greeting = karşılama { $reply }
churn-ended-after = { $reply } sonrasında bitti
churn-ended-without-reply = yanıt olmadan bitti
evidence-flood-budget = bağlantı bütçesi { $max } (--max-connections); aynı anda en çok { $peak } açık
evidence-flood-peak-rate = bir saniyede en çok { $count } yeni bağlantı
evidence-flood-peak-rate-at = bir saniyede en çok { $count } yeni bağlantı ({ $at })
evidence-flood-evicted = { $evicted } çıkarıldı, bunların { $quiet } tanesi hiç bayt taşımamıştı
evidence-flood-given-up = { $first } ile { $last } arasında bırakıldı ({ $seconds } s)
evidence-flood-given-up-rate = { $first } ile { $last } arasında bırakıldı ({ $seconds } s, saniyede { $rate })
dns-no-answer = yanıt yok
dns-pending = yakalama yanıttan önce bitti
dns-no-data = NOERROR, bu türde kayıt yok
dns-answered = yanıtlandı
evidence-ptr = { $querier } PTR { $name }: { $result }
evidence-dns-asked = { $querier }, { $server } sunucusuna { $qtype } { $name } sordu: { $result }
evidence-dns-failed-in-all = … toplam { $count } başarısız sorgu
auth-state-authenticated = oturum kimliği doğrulanmış (bir SASL alışverişi 235 ile bitti)
auth-state-no-reply = yanıt yok
auth-state-failed = oturum anonim: { $verb } { $mechanism } başarısız oldu ({ $reply })
auth-state-no-ehlo = oturum anonim: EHLO uzantıları yok, bu yüzden X-EXPS/AUTH mümkün değildi
auth-state-not-tried = oturum anonim: sunucu X-EXPS/AUTH sundu ama istemci hiç denemedi
auth-state-not-offered = oturum anonim: sunucu kimlik doğrulama sunmadı
evidence-mechanism = mekanizma { $mechanism }
evidence-identity = kimlik { $identity }
evidence-kerberos-offered-ntlm-sent = Kerberos sunuldu ama NTLM gönderildi
evidence-spnego-offers-ntlm = SPNEGO NegTokenInit { $offered } sunuyor; mechToken'ı NTLMSSP
evidence-ehlo-keywords-no-exps = EHLO anahtar sözcükleri: { $keywords } (X-EXPS yok)
evidence-ehlo-keywords-no-exchange = EHLO anahtar sözcükleri: { $keywords } (X-EXPS, XEXCH50 ve X-LINK2STATE yok)
evidence-ehlo-no-keywords-no-exchange = EHLO anahtar sözcükleri: yok (X-EXPS, XEXCH50 ve X-LINK2STATE yok)
evidence-reply-inferred = { $reply } (çıkarım: yakalamadaki bir boşlukta kayboldu)
envelope-mail-from-domain = MAIL FROM etki alanı { $domain }
fqdn-server-calls-itself = sunucu kendini `{ $name }` olarak adlandırıyor
fqdn-client-introduced = istemci kendini `{ $name }` olarak tanıttı
loop-host-again = { $count } Received alanı; yol aynı ana bilgisayara yeniden giriyor: { $hosts }
loop-too-many-hops = { $count } Received alanı ({ $max } sınırından fazla)
evidence-received-path = yol (en eskiden): { $path }
delay-held-by-hop = { $held_by } iletiyi { $delay } bekletti, ardından { $by } aldı ({ $hops } atlamanın { $hop }. atlaması)
delay-held-before-session = { $held_by } iletiyi { $delay } bekletti, ardından bu oturum teslim etti
evidence-size-over-limit = MAIL FROM SIZE={ $size } bildirdi; sunucunun EHLO sınırı SIZE { $limit }
signature-pix-banner = PIX Mailguard: karşılama metni `*` ile maskelenmiş
signature-verb-masked = yolda X'lerle maskelenmiş bir komut: `{ $verb }`
signature-verb-quoted-masked = sunucu X'lerle maskelenmiş `{ $verb }` komutunu aktarıyor
signature-asa-keywords = EHLO anahtar sözcüklerinin ASA tarafından maskelenmesi: { $keywords }
signature-noop = NOOP ikamesi: `{ $verb }` yalın bir 250 OK ile yanıtlandı
evidence-signature = imza: { $name }
sequence-rcpt-before-mail = MAIL'den önce RCPT
sequence-data-before-rcpt = herhangi bir RCPT'den önce DATA veya BDAT
sequence-xexch50-outside = bir posta işlemi dışında XEXCH50
sequence-answered-503 = { $verb } 503 ile yanıtlandı
evidence-no-auth-local-domains = oturumda kimlik doğrulama yok; yerel etki alanları: { $domains }
evidence-message-envelope = ileti { $envelope }
retry-after-previous = { $reply }, öncekinden { $seconds } s sonra
inside-auth-succeeded = başarılı oldu
inside-auth-failed = başarısız oldu
inside-auth-cancelled = iptal edildi
inside-auth-incomplete = son yanıtı almadı
inside-auth = { $auth } { $outcome }
inside-auth-code = { $auth } { $outcome } ({ $code })
inside-xexch50-blob = { $bytes } baytlık BLOB'uyla XEXCH50 { $code } ile yanıtlandı
inside-xexch50 = XEXCH50 { $code } ile yanıtlandı
inside-xexch50-no-reply = yanıtsız XEXCH50
inside-nothing = kimlik doğrulama da XEXCH50 de yok
evidence-decrypted-with = şununla çözüldü: { $key }; TLS içinde: { $inside }
evidence-decrypted = verilen anahtarlarla çözüldü; TLS içinde: { $inside }
evidence-smuggling-at = gövdenin { $offset }. baytında { $sequence }, ardından { $followed }
line-smuggled = { $line } (kaçırılmış)
cert-no-cn = CN (yok)
cert-san-more = SAN { $names } (+{ $more } tane daha)
cert-the-server = sunucunun sertifikası
cert-chain = zincir sertifikası { $number }
cert-the-client = istemcinin sertifikası
cert-client-number = istemcinin sertifikası { $number }
cert-valid-from-to = geçerlilik { $from } - { $to }
cert-validity-unknown = geçerlilik bilinmiyor
evidence-cert-window = { $whose } { $subject } ({ $names }): { $window }
evidence-handshake-day = el sıkışma { $day } tarihindeydi (yakalamanın kendi saatiyle)
suites-and-more = { $suites } ve { $more } tane daha
evidence-client-offered = istemci { $versions } sürümünü { $count } paketle sundu ({ $suites })
evidence-server-chose = sunucu { $version } ile { $suite } seçti
weak-export = ihracat sınıfı bir paket (40/56 bit anahtarlar)
weak-null = hiç şifreleme yok (NULL şifre)
weak-rc4 = RC4, RFC 7465 ile yasaklandı
weak-3des = 3DES, Sweet32'ye açık 64 bitlik bir blok şifresi (CVE-2016-2183)
weak-des = tek DES (56 bit anahtar)
weak-obsolete = eskimiş bir şifre (RC2/IDEA)
weak-anonymous = anonim anahtar değişimi: sunucunun kimliği doğrulanmıyor
evidence-weak-suite = { $suite }: { $why }
evidence-short-key = { $whose } { $subject }, { $bits } bitlik bir { $key } anahtarına sahip
evidence-cert-self-signed = sertifika { $subject } ({ $names }), kendisi tarafından verilmiş
name-source-banner = karşılama
name-source-ehlo-reply = EHLO yanıtı
name-with-source = { $name } ({ $source })
evidence-cert-names = sertifika { $subject }: { $names }
evidence-server-named = sunucu { $names } olarak adlandırıldı
evidence-no-server-hello = sunucu ServerHello göndermedi
evidence-alert = uyarı: { $alert }
size-signed = işaretli
size-not-decimal = ondalık olmayan
size-beyond-64-bits = 64 biti aşan
size-above-2-30 = 2^30'u aşan
evidence-size-argument = boyut argümanı: { $what }
evidence-recipients-accepted-before = ondan önce { $count } alıcı kabul edildi
evidence-auth-235-before = ondan önce { $verb } { $mechanism } 235 ile bitmişti
evidence-no-auth-235-before = ondan önce 235 ile biten bir X-EXPS veya AUTH alışverişi yok
evidence-ehlo-no-xexch50 = EHLO yanıtı XEXCH50'yi listelemedi
evidence-xlink2state-chunk = { $bytes } baytlık parça, öncesinde X-LINK2STATE FIRST yok
evidence-greeting-after = { $seconds } s sonra karşılama
evidence-no-greeting = karşılama yok; bağlantı { $seconds } s sonra bitti
evidence-starttls-offered-unused = sunucu STARTTLS sundu; istemci kullanmadı
evidence-starttls-not-in-ehlo = sunucunun EHLO listesi STARTTLS sunmadı
evidence-no-ehlo-list = EHLO listesi görülmedi
evidence-frame = çerçeve { $frame }

## Bulgular: görülene göre öneriler

advice-exps-plain-login = PLAIN veya LOGIN ile kullanıcı adı ya da parola reddedildi veya sunucu hiç AUTH sunmuyor; aşağıdaki Kerberos nedenleri Exchange sunucuları arasındaki X-EXPS ve GSSAPI/NTLM ile ilgilidir.
advice-exps-no-x-keyword = X ile başlayan hiçbir anahtar sözcük bildirilmedi: alıcıda Exchange protokol havuzları yüklü değil ya da önünde bir virüsten koruma veya ağ geçidi SMTP yığını yanıt veriyor.
advice-smuggling-answered = Sunucu kaçırılan komutlara yanıt gönderdi: standart dışı diziyi verinin sonu saydı ve ikinci, sahte bir iletiyi kabul etti. Hemen yamalayın veya yeniden yapılandırın.
advice-tls-decrypted = Oturumun şifresi çözüldü: TLS içinde olanlar (kimlik doğrulama, XEXCH50, ileti) bu oturumun dökümünde ve bulgularında.
advice-tls-exchange-2003 = Alıcı Exchange 2000/2003: XEXCH50 başarısız oluyorsa X-EXPS'ten önce TLS, KB 843106'nın 3. adımıdır.
advice-unsolicited-smuggling = Sunucu DATA gövdesinin CRLF.CRLF dizisinden önce yanıt verdi: standart dışı bir veri sonu dizisini son saydı, bu yüzden bu yanıtlar gövdenin içinde taşınan komutlara verildi.
advice-xexch50-unpatched = Sunucu hatalı boyuta 354 ile yanıt verdi: MS03-046 yaması yüklü değil. Hemen yamalayın.
advice-tls-alert-protocol-version = protocol_version: iki tarafın ortak bir TLS sürümü yok. Eski tarafta TLS 1.2'yi etkinleştirin (Windows Server 2008/2008 R2 ve Exchange 2010 güncelleme gerektirir; Windows 2003 SChannel için yok) ya da değiştirilene kadar yeni tarafta eski sürüme izin verin.
advice-tls-alert-no-suite = handshake_failure/insufficient_security: iki tarafın da kabul ettiği bir şifre paketi (veya anahtar değişimi) yok. Kanıttaki teklifi sunucunun şifre listesiyle karşılaştırın.
advice-tls-alert-bad-certificate = İstemci sunucunun sertifikasını reddetti: zincirini (gönderilen ara sertifikalar), süresini ve adlarını istemcinin beklediğiyle karşılaştırın.
advice-tls-alert-unrecognized-name = unrecognized_name: sunucuda istemcinin SNI'de istediği ad için sertifika yok.
advice-tls-alert-certificate-required = certificate_required: sunucu bir istemci sertifikası istiyor (karşılıklı TLS, Exchange etki alanı güvenliği) ve istemci göndermedi.

## Protokol anormallikleri (metin ve HTML raporları; JSON İngilizce kalır)

end-connection-ended = bağlantı sona erdi
end-connection-idle = bağlantı sessiz kaldı
end-connection-reused = yeni bir bağlantı adreslerini yeniden kullandı
end-capture-ended = yakalama sona erdi
end-connection-evicted = bağlantı çıkarıldı
awaiting-data-body = DATA gövdesi
awaiting-blob = XEXCH50 BLOB
awaiting-sasl-line = bir SASL satırı
awaiting-client-line = bir istemci satırı
anomaly-transcript-truncated = döküm { $max } öğeyi aştı: ilk { $head } ve son { $tail } öğe tutuluyor, aradakiler yalnızca sayılıyor
limit-transactions = tutulan { $max } işlemin ötesindeki MAIL komutları: sonuncusuna kaydedildi
limit-recipients = işlem başına tutulan { $max } alıcının ötesindeki RCPT komutları: sayıldı, tutulmadı
limit-auth = tutulan { $max } SASL alışverişinin ötesindekiler: alışveriş olarak ayrıldı, tutulmadı
limit-tokens = alışveriş başına tutulan { $max } SASL belirtecinin ötesindekiler: sayıldı, tutulmadı
anomaly-limit = { $count } adet: { $what }
anomaly-more-not-kept = { $count } anormallik daha tutulmadı
anomaly-xexch50-size-invalid = kullanılabilir boyutu olmayan XEXCH50 354 ile yanıtlandı: BLOB'un sınırları belirlenemiyor
anomaly-bdat-size-invalid = kullanılabilir boyutu olmayan BDAT ({ $size }): bir parçanın gelip gelmeyeceğine yanıtı karar verir
anomaly-bdat-arguments-invalid = `size [LAST]` olmayan BDAT bağımsız değişkenleri: bir parçanın gelip gelmeyeceğine yanıtı karar verir
anomaly-gap-in-payload = yükün içinde { $bytes } bayt eksik
anomaly-unit-blob = XEXCH50 BLOB
anomaly-unit-chunk = BDAT parçası
anomaly-counted-truncated = { $ended }: { $what } bitmeden { $bytes } bayt eksik kaldı
anomaly-spoke-before-banner = { $verb } sunucunun karşılamasından önce gönderildi
anomaly-reply-before-end-held = sunucu CRLF.CRLF'den önce yanıt verdi; gövdenin { $offset }. baytında { $sequence } vardı
anomaly-reply-before-end = sunucu, DATA gövdesi CRLF.CRLF'ye ulaşmadan yanıt verdi
anomaly-smuggled-tail-truncated = standart dışı veri sonundan sonraki { $dropped } bayt yeniden oynatılmadı (ilk { $replayed } bayt oynatıldı)
anomaly-gate-assumed-accepted = istemci { $what } sonrasında yakalanmış bir yanıt olmadan devam etti; kabul edildiği varsayıldı
anomaly-gate-assumed-refused = istemci { $what } sonrasında yakalanmış bir yanıt olmadan komutlarla devam etti; reddedildiği varsayıldı
anomaly-gap-in-reply-line = bir yanıt satırının içinde { $bytes } bayt eksik
anomaly-gap-in-reply = bir { $code } yanıtının içinde { $bytes } bayt eksik
anomaly-gap-in-command-line = bir komut satırının içinde { $bytes } bayt eksik
anomaly-gap-in-data = DATA gövdesinin içinde { $bytes } bayt eksik; gövde burada bitiyor
anomaly-midstream-start = yakalamada SYN yok: oturum yakalamadan önce başlamış
anomaly-data-truncated = { $ended } (DATA gövdesinin içinde)
anomaly-invalid-base64 = base64 olmayan { $bytes } baytlık bir SASL satırı
anomaly-starttls-not-followed = istemci { $verb } komutuna verilen 220'den sonra düz metinle devam etti
anomaly-line-unterminated = { $ended } (bir satırın ortasında, { $bytes } bayt)
anomaly-bare-lf = satır CRLF ile değil, yalnızca LF ile bitti
anomaly-line-truncated = { $bytes } baytlık bir satır: ilk ve son { $kept } baytı tutuluyor, aradaki { $cut } bayt tutulmuyor
anomaly-line-too-long = { $bytes } baytlık satır (RFC 5321 en çok { $max } izin verir)
anomaly-malformed-command = komut değil: { $line }
anomaly-malformed-reply = yanıt satırı değil: { $line }
anomaly-reply-code-changed = bir { $code } yanıtı başka bir kodla sürdü
anomaly-reply-truncated = { $total } satırlık bir { $code } yanıtı: ilk { $head } satırı ve sonuncusu tutuluyor, aradaki { $lines } satır ({ $bytes } bayt metin) tutulmuyor
anomaly-reply-unfinished = { $ended } (bir { $code } yanıtının ortasında)
anomaly-pending-given-up = { $max } komut yanıt bekliyordu; { $what } için beklemekten vazgeçildi
anomaly-no-greeting = ilk yanıt { $code } idi, karşılama değil
anomaly-reply-without-command = yanıt bekleyen bir komut yokken { $reply } geldi
anomaly-reply-without-command-hint = yanıt bekleyen bir komut yokken { $reply } geldi (son DATA gövdesinin { $offset }. baytında { $sequence } vardı)
anomaly-server-direction-missing = sunucudan istemciye tek bir bayt bile yakalanmadı
anomaly-client-direction-missing = istemciden sunucuya tek bir bayt bile yakalanmadı
anomaly-command-unanswered = { $what } için yanıt gelmeden { $ended }

## Metin raporu: oturum başlığı, boşluklar, sayılar

text-tunnel = tünel
text-gap = boşluk
text-retried = yeniden denendi
text-incomplete-input = eksik girdi:
text-closed-fin = FIN ile kapandı
text-closed-rst = sıfırlandı (RST)
text-closed-idle = hâlâ açık, zaman aşımını aşacak kadar boşta
text-closed-reused = yeni bir SYN portlarını yeniden kullandığında hâlâ açıktı
text-closed-end-of-input = yakalamanın sonunda hâlâ açık
text-closed-evicted = hâlâ açıktı, bağlantı bütçesi dolunca çıkarıldı (--max-connections)
text-sent-fin = FIN gönderdi
text-sent-rst = RST gönderdi
text-gap-acked = karşı taraf onayladı ama yakalanmadı
text-gap-capture-ended = yakalama bittiğinde hâlâ eksikti
text-gap-connection-ended = bağlantı bittiğinde hâlâ eksikti
text-gap-connection-cap = vazgeçildi: bağlantının yeniden birleştirme arabelleği doluydu
text-gap-total-cap = vazgeçildi: toplam yeniden birleştirme arabelleği doluydu
text-gap-too-many = vazgeçildi: sıra dışı segment sayısı çok fazla
text-gap-snaplen = yakalamada saklanmadı (snap uzunluğu)
text-retry-delivered = sonra teslim edildi
text-retry-not-delivered = teslim edilmedi
count-segments = { $count ->
       *[other] { $n } segment
    }
count-bytes = { $count ->
       *[other] { $n } bayt
    }
count-retransmitted = { $count ->
       *[other] { $n } yeniden gönderim
    }
count-not-loss = { $count ->
       *[other] { $n } tanesi kayıp değil
    }
count-gaps = { $count ->
       *[other] { $n } boşluk
    }
count-overlap-bytes = { $count ->
       *[other] { $n } çelişen örtüşme baytı
    }
count-sessions = { $count ->
       *[other] { $n } oturum
    }
count-with-tls = { $count ->
       *[other] { $n } tanesi TLS'li
    }
count-files = { $count ->
       *[other] { $n } dosya
    }
count-packets = { $count ->
       *[other] { $n } paket
    }
count-smtp-sessions = { $count ->
       *[other] { $n } SMTP oturumu
    }
count-tcp-connections = { $count ->
       *[other] { $n } TCP bağlantısı
    }
count-findings = { $count ->
       *[other] { $n } bulgu
    }
text-tunnel-line = { $proxy } üzerinden { $host }:{ $port } hedefine { $kind }
text-tunnel-line-user = { $proxy } üzerinden { $host }:{ $port } hedefine { $kind } (kullanıcı { $user })
text-gap-line = { $dir } { $offset }. baytta: { $bytes } eksik, { $reason }
text-gap-more = … ve { $n } tane daha
text-snaplen = yakalama { $snaplen } snap uzunluğuyla kırpıldı: { $segments } içindeki { $bytes } yük yakalanmadı
text-flow-messages = iletiler: { $accepted } kabul, { $deferred } erteleme, { $refused } ret
text-flow-recipients-refused = reddedilen alıcılar { $codes }
text-flow-replies = yanıtlar: ortanca { $median } ms, en kötü { $worst } ms
text-retry = { $envelope }: { $attempts } deneme, { $deferred } erteleme, { $seconds } s içinde, { $outcome }
text-interface = arabirim { $name }
text-summary-counts = toplam { $source }, { $packets } ({ $bytes }), { $sessions }, { $connections }
text-capture-dropped = yakalamanın kendisi { $packets } kaçırdı
text-in-sessions = { $sessions } numaralı oturumda
text-in-sessions-more = { $sessions } numaralı oturumlarda ve { $n } tane daha

## explain: bir kodun açıklamasının çerçevesi

rules-ndr-causes = Nedenler, en olası önce:
rules-ndr-steps = Adımlar:
rules-greeting = karşılama
code-source-iana = IANA kaydı ({ $rfc })
code-class-2 = başarı
code-class-4 = kalıcı geçici hata
code-class-5 = kalıcı hata
code-subject-0 = diğer veya tanımsız durum
code-subject-1 = adresleme
code-subject-2 = posta kutusu
code-subject-3 = posta sistemi
code-subject-4 = ağ ve yönlendirme
code-subject-5 = posta teslim protokolü
code-subject-6 = ileti içeriği veya ortamı
code-subject-7 = güvenlik veya ilke
code-subject-unknown = bilinmeyen konu
code-parts = { $class }; { $subject } (ayrıntı kayıtlı değil)
code-no-enhanced = genişletilmiş durum kodu yok
code-see-rfc-3463 = bkz. RFC 3463
explain-ndr = Teslim edilemedi raporu ({ $reference }): { $situation }
explain-in-reply-to = { $id } ({ $verbs } yanıtında)

## Yanıt kodlarının adları (explain ve diyaloğun ↳ satırları)

code-211 = Sistem durumu veya yardım yanıtı
code-214 = Yardım iletisi
code-220 = Hizmet hazır
code-221 = Hizmet iletim kanalını kapatıyor
code-235 = Kimlik doğrulama başarılı
code-250 = İstenen posta işlemi tamam, tamamlandı
code-251 = Kullanıcı yerel değil; iletilecek
code-252 = Kullanıcı doğrulanamıyor ama kabul edilip teslim denenecek
code-334 = Sunucu sınaması
code-354 = Posta girişini başlatın
code-421 = Hizmet kullanılamıyor, iletim kanalı kapatılıyor
code-432 = Parola geçişi gerekiyor
code-450 = İstenen posta işlemi yapılmadı: posta kutusu kullanılamıyor
code-451 = İstenen işlem durduruldu: işlemede yerel hata
code-452 = İstenen işlem yapılmadı: sistem depolama alanı yetersiz
code-454 = Geçici kimlik doğrulama veya TLS hatası
code-455 = Sunucu parametreleri karşılayamıyor
code-500 = Sözdizimi hatası, komut tanınmadı
code-501 = Parametrelerde veya bağımsız değişkenlerde sözdizimi hatası
code-502 = Komut uygulanmamış
code-503 = Hatalı komut sırası
code-504 = Komut parametresi uygulanmamış
code-521 = Sunucu posta kabul etmiyor
code-523 = Şifreleme gerekli
code-530 = Kimlik doğrulama veya STARTTLS gerekli
code-534 = Kimlik doğrulama mekanizması çok zayıf
code-535 = Kimlik doğrulama bilgileri geçersiz
code-538 = İstenen kimlik doğrulama mekanizması şifreleme gerektiriyor
code-550 = İstenen işlem yapılmadı: posta kutusu kullanılamıyor
code-551 = Kullanıcı yerel değil
code-552 = İstenen posta işlemi durduruldu: depolama kotası aşıldı
code-553 = İstenen işlem yapılmadı: posta kutusu adına izin verilmiyor
code-554 = İşlem başarısız
code-555 = MAIL FROM/RCPT TO parametreleri tanınmadı veya uygulanmamış
code-556 = Etki alanı posta kabul etmiyor
code-X-0-0 = Diğer tanımsız durum
code-X-1-0 = Diğer adres durumu
code-X-1-1 = Hatalı hedef posta kutusu adresi
code-X-1-2 = Hatalı hedef sistem adresi
code-X-1-3 = Hatalı hedef posta kutusu adresi sözdizimi
code-X-1-4 = Hedef posta kutusu adresi belirsiz
code-X-1-5 = Hedef adres geçerli
code-X-1-6 = Hedef posta kutusu taşındı, iletme adresi yok
code-X-1-7 = Hatalı gönderen posta kutusu adresi sözdizimi
code-X-1-8 = Hatalı gönderen sistem adresi
code-X-1-9 = İleti uyumsuz bir postacıya aktarıldı
code-X-1-10 = Alıcı adresinde null MX var
code-X-2-0 = Diğer veya tanımsız posta kutusu durumu
code-X-2-1 = Posta kutusu devre dışı, ileti kabul etmiyor
code-X-2-2 = Posta kutusu dolu
code-X-2-3 = İleti uzunluğu yönetim sınırını aşıyor
code-X-2-4 = Posta listesi genişletme sorunu
code-X-3-0 = Diğer veya tanımsız posta sistemi durumu
code-X-3-1 = Posta sistemi dolu
code-X-3-2 = Sistem ağ iletilerini kabul etmiyor
code-X-3-3 = Sistem seçilen özellikleri desteklemiyor
code-X-3-4 = İleti sistem için çok büyük
code-X-3-5 = Sistem yanlış yapılandırılmış
code-X-3-6 = İstenen öncelik değiştirildi
code-X-4-0 = Diğer veya tanımsız ağ ya da yönlendirme durumu
code-X-4-1 = Ana bilgisayardan yanıt yok
code-X-4-2 = Kötü bağlantı
code-X-4-3 = Dizin sunucusu hatası
code-X-4-4 = Yönlendirilemiyor
code-X-4-5 = Posta sistemi tıkanıklığı
code-X-4-6 = Yönlendirme döngüsü algılandı
code-X-4-7 = Teslim süresi doldu
code-X-5-0 = Diğer veya tanımsız protokol durumu
code-X-5-1 = Geçersiz komut
code-X-5-2 = Sözdizimi hatası
code-X-5-3 = Çok fazla alıcı
code-X-5-4 = Geçersiz komut bağımsız değişkenleri
code-X-5-5 = Yanlış protokol sürümü
code-X-5-6 = Kimlik doğrulama alışverişi satırı çok uzun
code-X-6-0 = Diğer veya tanımsız ortam hatası
code-X-6-1 = Ortam desteklenmiyor
code-X-6-2 = Dönüştürme gerekli ama yasak
code-X-6-3 = Dönüştürme gerekli ama desteklenmiyor
code-X-6-4 = Kayıplı dönüştürme yapıldı
code-X-6-5 = Dönüştürme başarısız
code-X-6-6 = İleti içeriği kullanılamıyor
code-X-6-7 = ASCII olmayan adreslere izin verilmiyor
code-X-6-8 = UTF-8 dize yanıtı gerekli
code-X-6-9 = UTF-8 başlıklı ileti aktarılamıyor
code-X-7-0 = Diğer veya tanımsız güvenlik durumu
code-X-7-1 = Teslime yetki verilmedi, ileti reddedildi
code-X-7-2 = Posta listesi genişletme yasak
code-X-7-3 = Güvenlik dönüştürmesi gerekli ama mümkün değil
code-X-7-4 = Güvenlik özellikleri desteklenmiyor
code-X-7-5 = Şifreleme hatası
code-X-7-6 = Şifreleme algoritması desteklenmiyor
code-X-7-7 = İleti bütünlüğü hatası
code-X-7-8 = Kimlik doğrulama bilgileri geçersiz
code-X-7-9 = Kimlik doğrulama mekanizması çok zayıf
code-X-7-10 = Şifreleme gerekli
code-X-7-11 = İstenen kimlik doğrulama mekanizması şifreleme gerektiriyor
code-X-7-12 = Parola geçişi gerekiyor
code-X-7-13 = Kullanıcı hesabı devre dışı
code-X-7-14 = Güven ilişkisi gerekli
code-X-7-15 = Öncelik düzeyi çok düşük
code-X-7-16 = İleti belirtilen öncelik için çok büyük
code-X-7-17 = Posta kutusunun sahibi değişti
code-X-7-18 = Etki alanının sahibi değişti
code-X-7-19 = RRVS testi tamamlanamıyor
code-X-7-20 = Geçen DKIM imzası bulunamadı
code-X-7-21 = Kabul edilebilir DKIM imzası bulunamadı
code-X-7-22 = Yazarla eşleşen geçerli DKIM imzası bulunamadı
code-X-7-23 = SPF doğrulaması başarısız
code-X-7-24 = SPF doğrulama hatası
code-X-7-25 = Ters DNS doğrulaması başarısız
code-X-7-26 = Birden çok kimlik doğrulama denetimi başarısız
code-X-7-27 = Gönderen adresinde null MX var
code-X-7-28 = Posta seli algılandı
code-X-7-29 = ARC doğrulama hatası
code-X-7-30 = REQUIRETLS desteği gerekli
code-4-3-1 = Sistem kaynakları yetersiz
code-4-3-2 = Hizmet kullanılamıyor
code-4-4-1 = Bağlantı zaman aşımına uğradı
code-4-4-2 = Bağlantı koptu
code-4-4-7 = İleti gecikti veya süresi doldu
code-4-4-62 = Posta yanlış Office 365 bölgesine gönderildi
code-4-4-316 = Bağlantı reddedildi
code-4-7-0 = Geçici sunucu hatası
code-4-7-26 = IPv6 üzerinden gelen ileti SPF veya DKIM'den geçmeli
code-4-7-650 = Gönderen IP itibarı nedeniyle hız sınırına tabi
code-5-0-0 = Genel hata (çoğunlukla yol yok)
code-5-1-8 = Erişim reddedildi, hatalı giden gönderen
code-5-1-10 = Alıcı bulunamadı
code-5-1-90 = Günlük alıcı sınırına ulaşıldı
code-5-2-121 = Alıcının bu gönderen için saatlik sınırı aşıldı
code-5-2-122 = Alıcının saatlik alma sınırı aşıldı
code-5-3-190 = Şirket içi iletilerin günlüğe kaydedilmesi desteklenmiyor
code-5-4-1 = Alıcı adresi reddedildi: erişim reddedildi
code-5-4-6 = Yönlendirme döngüsü algılandı
code-5-4-8 = MX kendisini gösteriyor
code-5-4-300 = İletinin süresi doldu
code-5-4-310 = DNS etki alanı yok
code-5-6-11 = Geçersiz karakterler (tek başına LF)
code-5-7-3 = Exchange Server kimlik doğrulaması sağlanamıyor
code-5-7-12 = Gönderenin kimliği kuruluş tarafından doğrulanmadı
code-5-7-23 = SPF doğrulaması başarısız
code-5-7-54 = Kabul edilmeyen etki alanındaki alıcıya aktarılamıyor
code-5-7-57 = İstemcinin anonim posta gönderme kimliği doğrulanmadı
code-5-7-64 = TenantAttribution; aktarma erişimi reddedildi
code-5-7-124 = Gönderen grubun izin verilen gönderenler listesinde değil
code-5-7-133 = Gönderenin grup için kimliği doğrulanmadı
code-5-7-134 = Gönderenin posta kutusu için kimliği doğrulanmadı
code-5-7-350 = Uzak sunucu spam olarak algılanan iletiyi döndürdü
code-5-7-501 = Erişim reddedildi, spam kötüye kullanımı algılandı
code-5-7-502 = Erişim reddedildi, spam kötüye kullanımı algılandı
code-5-7-503 = Erişim reddedildi, spam kötüye kullanımı algılandı
code-5-7-510 = Erişim reddedildi: etki alanı IPv6 üzerinden posta kabul etmiyor
code-5-7-511 = Erişim reddedildi, yasaklı gönderen
code-5-7-520 = Dışarıya iletmeye izin verilmiyor
code-5-7-705 = Kiracı eşiği aştı
code-5-7-708 = Erişim reddedildi, bu IP'den gelen trafik kabul edilmiyor
code-5-7-750 = İstemcinin kayıtsız etki alanlarından göndermesi engellendi
code-4-7-500-699 = Erişim reddedildi, daha sonra deneyin: gönderen IP kısıtlanıyor
code-5-7-606-649 = Erişim reddedildi, yasaklı gönderen IP
code-5-7-700-749 = Erişim reddedildi, kiracı engellendi

## Metin raporu: diyalog işaretleri, işlem satırı ve kimlik doğrulama satırı

text-inferred = (çıkarım: boşlukta kayboldu)
text-smuggled = (kaçırılmış)
text-data = veri
text-line-not-base64 = satır, base64 değil
text-incomplete = (eksik)
text-inside-tls = (TLS içinde)
text-by-the-server = sunucu tarafından:
text-kerberos-offered-ntlm-sent = (Kerberos sunuldu, NTLM gönderildi)
text-auth-success = başarılı
text-auth-failure = başarısız
text-auth-cancelled = iptal edildi
text-auth-no-final-reply = son yanıt yok
count-items-not-kept = { $count ->
       *[other] { $n } öğe tutulmadı
    }
count-bytes-missing = { $count ->
       *[other] { $n } bayt eksik
    }
count-lines-skipped = { $count ->
       *[other] { $n } satır atlandı
    }
count-more-lines = { $count ->
       *[other] { $n } satır daha
    }
count-bare-lf = { $count ->
       *[other] { $n } tek başına LF
    }
count-bare-cr = { $count ->
       *[other] { $n } tek başına CR
    }
count-non-canonical-ends = { $count ->
       *[other] { $n } standart dışı veri sonu
    }
count-tokens = { $count ->
       *[other] { $n } belirteç
    }
text-in-chunks = { $count ->
       *[other] { $n } parça hâlinde
    }
text-of-announced = (bildirilen { $n })
text-token-no-account = { $mechanism } belirteci, hesap adı yok

## Metin raporu: ileti bloğu ve TLS satırları

text-message-incomplete = eksik
text-message-damaged = bir boşlukla hasar gördü
text-message-too-large = --max-message-size sınırını aştı
text-message-captured = yakalandı
text-tls-resumed = sürdürüldü
text-tls-after-hrr = bir HelloRetryRequest sonrasında
text-tls-established = kuruldu
text-tls-not-established = kurulmadı
text-tls-no-client-hello = ClientHello çözülemedi
text-tls-no-server-hello = ServerHello yok
text-tls-cert-encrypted = şifreli (TLS 1.3): bir anahtar günlüğü gösterir
text-tls-cert-requested = sunucu bir istemci sertifikası istedi
text-tls-no-san = SAN yok
text-tls-self-signed = kendinden imzalı
text-tls-keys-given = verilen anahtarlar
text-tls-nothing-to-decrypt = çözülecek korumalı veri yok
count-more = { $count ->
       *[other] { $n } tane daha
    }
count-more-fields = { $count ->
       *[other] { $n } alan daha
    }
count-mime-parts = { $count ->
       *[other] { $n } MIME bölümü
    }
count-bytes-lost-in-gaps = { $count ->
       *[other] boşluklarda { $n } bayt kayboldu
    }
count-hops = { $count ->
       *[other] { $n } atlama
    }
count-hops-not-kept = { $count ->
       *[other] { $n } atlama tutulmadı
    }
tls-requested-no-tls = { $verb } istendi, TLS gelmedi
tls-alert-from-client = istemciden { $alert } ({ $frame } numaralı çerçeve)
tls-alert-from-server = sunucudan { $alert } ({ $frame } numaralı çerçeve)
tls-at-frame = { $frame } numaralı çerçevede { $verb }
tls-bytes = istemci { $client }, sunucu { $server } bayt
tls-client-hello-offering = { $versions } sunan ClientHello
tls-client-certificate = sertifika { $certificate }
tls-san-not-kept = SAN { $names } (+{ $more } tutulmadı)
tls-undecodable = çözülemedi ({ $error })
tls-in-chain = (zincirde +{ $count })
tls-issuer = veren { $issuer }
tls-plaintext-bytes = düz metin: istemci { $client }, sunucu { $server } bayt
tls-records = { $n } kayıt
line-credentials-redacted = <kimlik bilgileri gizlendi, { $bytes } bayt>
line-token-empty = (boş)
line-token-label = [{ $label }, { $bytes } bayt]
line-token-of = [{ $mechanism } belirteci, { $bytes } bayt]

## diff: metin raporunun çerçevesi

text-diff-pairs = çiftler
text-diff-path = yol
text-diff-frame = çerçeve
text-diff-rest-not-compared = diyalogların geri kalanı karşılaştırılmadı (çok uzun)
text-diff-each-end = her ucun kendi bulguları
count-session-pairs = { $count ->
       *[other] { $n } oturum çifti
    }
count-items = { $count ->
       *[other] { $n } öğe
    }
diff-clocks = Saatler: alıcının yakalaması gönderene göre { $seconds } s gösteriyor (aktarım dahil; { $pairs } üzerinden)
diff-pairs = { $matched } eşleşti; { $sender } yalnızca gönderende, { $receiver } yalnızca alıcıda
diff-pair-title = Çift { $n }  { $sender } ↔ { $receiver }  eşleşme { $kind } (güven { $confidence })
diff-path-latency = gidiş-dönüş başına { $median } ms eklendi ({ $samples } örneğin ortancası; en çok { $max } ms)
text-diff-differences = farklar

## explain: NDR raporları — durum, nedenler, adımlar (menü adları İngilizce)

ndr-5-0-0-situation = Alıcı var olduğu halde başka bir etki alanına giden posta 5.0.0 ile geri dönüyor.
ndr-5-0-0-cause-1 = Exchange sunucusunun alıcının etki alanına yolu yok: onu kapsayan bir adres alanına sahip SMTP bağlayıcısı yok ve MX'i DNS ile çözümlenemiyor.
ndr-5-0-0-cause-2 = Sunucunun DNS ayarları dış adları çözümleyemiyor (ileticisi olmayan bir iç DNS).
ndr-5-0-0-cause-3 = Postayı kabul etmeyen bir akıllı ana bilgisayar yapılandırılmış.
ndr-5-0-0-step-1 = nslookup (set q=mx) ile sunucunun alıcı etki alanının MX'ini çözümlediğini denetleyin.
ndr-5-0-0-step-2 = SMTP bağlayıcılarını denetleyin: giden posta için * (veya etki alanı) adres alanı ve ayarlıysa akıllı ana bilgisayar.
ndr-5-0-0-step-3 = SMTP sanal sunucusunda yapılandırılmış dış DNS sunucularını denetleyin (Delivery > Advanced).
ndr-5-7-1-situation = Sunucu 550 5.7.1 Unable to relay yanıtını veriyor ya da NDR gönderenin alıcıya gönderme izni olmadığını söylüyor.
ndr-5-7-1-cause-1 = İstemci anonim ve SMTP sanal sunucusu yalnızca kimliği doğrulanmış bilgisayarlar veya listelenen adresler için aktarıyor (Access > Relay restrictions).
ndr-5-7-1-cause-2 = Alıcının etki alanı sunucunun kabul ettiği bir etki alanı değil (bir alıcı ilkesinde yok, bağlayıcısı yok), bu yüzden posta aktarma sayılıyor.
ndr-5-7-1-cause-3 = Alıcıdaki bir teslim kısıtlaması (Accept messages from / yalnızca kimliği doğrulanmış kullanıcılar) bu göndereni reddediyor.
ndr-5-7-1-cause-4 = Exchange sunucuları arasında: X-EXPS kimlik doğrulaması başarısız oldu ya da bir güvenlik duvarınca kaldırıldı, bu yüzden gönderen sunucu anonim.
ndr-5-7-1-step-1 = Alan sanal sunucuda Access > Relay altında aktarması gereken bilgisayarlara izin verin ya da 'Allow all computers which successfully authenticate to relay' seçeneğini açın. Asla herkese izin vermeyin: bu açık bir aktarıcı oluşturur.
ndr-5-7-1-step-2 = Sunucu alıcının etki alanından sorumluysa, onu bir alıcı ilkesine (Exchange 2003) veya kabul edilen etki alanı olarak (Exchange 2007 ve sonrası) ekleyin.
ndr-5-7-1-step-3 = Alıcının teslim kısıtlamalarını denetleyin.
ndr-5-7-1-step-4 = Gönderen bir Exchange sunucusuysa önce kimlik doğrulamasını düzeltin (bkz. exps-failed ve middlebox-rewrite).
ndr-5-7-3-situation = Sunucu 5.7.3 ile reddediyor: gönderenin yetkisi yok ya da Exchange Server kimlik doğrulaması sağlanamadı.
ndr-5-7-3-cause-1 = SMTP sanal sunucusu (veya Alma bağlayıcısı) anonim erişime izin vermiyor ve istemci kimlik doğrulaması yapmadı.
ndr-5-7-3-cause-2 = Exchange 2007 ve sonrası: Alma bağlayıcısında Exchange Server kimlik doğrulaması açık ama gönderen sunucu kimliğini doğrulayamadı (sertifikalar, TLS, Exchange sunucuları grubunun izinleri).
ndr-5-7-3-cause-3 = Alıcı yalnızca kimliği doğrulanmış gönderenlerden posta kabul ediyor.
ndr-5-7-3-step-1 = İnternet postasını alan sanal sunucuda anonim erişimi (Access > Authentication) ya da Alma bağlayıcısının izin gruplarında Anonymous users seçeneğini etkinleştirin.
ndr-5-7-3-step-2 = Exchange sunucuları arasında: Alma bağlayıcısının kimlik doğrulama yöntemlerini ve izin gruplarını, sunucular arasında TLS'nin çalıştığını denetleyin.
ndr-5-7-3-step-3 = Alıcının 'yalnızca kimliği doğrulanmış kullanıcılardan' ayarını denetleyin.
ndr-5-7-54-reference = Exchange 2013–2019 ve Exchange Online posta akışı belgeleri
ndr-5-7-54-situation = 550 5.7.54 SMTP; Unable to relay recipient in non-accepted domain.
ndr-5-7-54-cause-1 = Bir uygulama veya cihaz, kendisine aktarma izni vermeyen bir Alma bağlayıcısı üzerinden aktarıyor.
ndr-5-7-54-cause-2 = Alıcının etki alanı kabul edilen etki alanları arasında yok.
ndr-5-7-54-step-1 = Uygulamanın IP adresi için aktarma izni olan ayrı bir Alma bağlayıcısı oluşturun (anonim oturum açma için Ms-Exch-SMTP-Accept-Any-Recipient) ya da kimlik doğrulaması yapmasını sağlayın.
ndr-5-7-54-step-2 = Kuruluş bu etki alanı için posta alıyorsa, onu kabul edilen etki alanı olarak ekleyin.
ndr-4-3-1-reference = Exchange Server belgeleri (back pressure)
ndr-4-3-1-situation = 452 4.3.1 Insufficient system resources: alan Exchange aktarımı back pressure altında.
ndr-4-3-1-cause-1 = Kuyruk veritabanının veya günlüklerinin sürücüsündeki boş alan eşiğin altına düştü.
ndr-4-3-1-cause-2 = Aktarım işleminin kullandığı bellek veya kuyruklardaki ileti sayısı eşiğin üzerinde.
ndr-4-3-1-step-1 = Alan sunucuda uygulama günlüğünde 15004–15007 olaylarını (kaynak baskısı değişti) arayın.
ndr-4-3-1-step-2 = Kuyruk veritabanının bulunduğu sürücüde yer açın ya da veritabanını taşıyın (EdgeTransport.exe.config içinde QueueDatabasePath).
ndr-4-3-1-step-3 = Eşikleri yükseltmeden önce kuyrukları neyin doldurduğunu (bir döngü, takılı kalmış bir hedef) arayın.

## Yanıt kodlarının açıklamaları (explain)

code-211-detail = HELP'e veya bir durum sorgusuna yanıt.
code-214-detail = Diyaloğu okuyan kişiye yönelik metin.
code-220-detail = Karşılama; STARTTLS'den sonra TLS'ye başlama daveti.
code-221-detail = QUIT'e yanıt: sunucu bağlantıyı kapatır.
code-235-detail = AUTH (veya X-EXPS) başarıyla bitti: oturumun kimliği doğrulandı.
code-250-detail = Komut kabul edildi.
code-251-detail = Kabul edildi: sunucu iletiyi başka yere iletir.
code-252-detail = VRFY adresi doğrulayamadı; ona giden posta yine de kabul edilir.
code-334-detail = AUTH sürüyor: base64 bir sınama (veya istem) gelir.
code-354-detail = Sunucu iletiyi (DATA) veya XEXCH50'nin ikili BLOB'unu bekliyor.
code-421-detail = Sunucu oturumu bitiriyor: kapanıyor, aşırı yüklü ya da bu istemciyi sınırlıyor. Gönderen iletiyi tutar ve yeniden dener.
code-432-detail = AUTH'un başarılı olması için hesabın parolasını değiştirmesi gerekir.
code-450-detail = Geçici ret (posta kutusu meşgul, ilkeyle erteleme, greylisting): gönderen daha sonra yeniden dener.
code-451-detail = Sunucu kendi geçici bir sorunuyla karşılaştı (veya ilkeyle erteliyor): gönderen daha sonra yeniden dener.
code-452-detail = Sunucunun kaynakları (disk, bellek, kuyruk) yetersiz ya da şimdilik başka alıcıları reddediyor; gönderen yeniden dener.
code-454-detail = TLS şu an kullanılamıyor (STARTTLS) ya da kimlik doğrulama geçici bir nedenle başarısız oldu (AUTH).
code-455-detail = Bir MAIL veya RCPT parametresi şu an karşılanamıyor.
code-500-detail = Sunucu komutu tanımıyor (veya satır çok uzundu); bir ara cihaz onu yeniden yazmış olabilir.
code-501-detail = Komut biliniyor ama bağımsız değişkenleri kabul edilemez.
code-502-detail = Sunucu komutu biliyor ama sunmuyor.
code-503-detail = Komut yanlış yerde: HELO'dan önce MAIL, MAIL'den önce RCPT, alıcısız DATA, iki kez AUTH.
code-504-detail = Bir parametre desteklenmiyor; Exchange kimliği doğrulanmamış bir gönderenden gelen XEXCH50'ye de 504 ile yanıt verir.
code-521-detail = Bu ana bilgisayar hiç posta kabul etmez (null MX veya posta sunucusu olmayan bir ana bilgisayar).
code-523-detail = Bu işlem şifreli bir oturum gerektirir.
code-530-detail = Sunucu, istemcinin bu komuttan önce kimlik doğrulamasını (veya TLS başlatmasını) istiyor.
code-534-detail = Sunucu daha güçlü bir AUTH mekanizması istiyor.
code-535-detail = AUTH (veya X-EXPS) başarısız: yanlış kimlik bilgileri ya da hesap oturum açamıyor.
code-538-detail = Bu mekanizma yalnızca TLS içinde kullanılabilir.
code-550-detail = Kalıcı ret: böyle bir posta kutusu yok, erişim yok ya da ilke gereği reddedildi (aktarma, spam, kısıtlamalar).
code-551-detail = Sunucu bu alıcı için posta kabul etmiyor ve nereye gönderileceğini belirtiyor.
code-552-detail = İleti sunucunun (veya posta kutusunun) kabul ettiğinden büyük.
code-553-detail = Adres kabul edilemez (sözdizimi veya sunucunun işlemeyeceği bir etki alanı).
code-554-detail = Kalıcı ret; karşılama olarak, sunucu bu istemciyle hiç konuşmayacak demektir.
code-555-detail = Sunucu bir MAIL veya RCPT parametresini tanımıyor.
code-556-detail = Alıcının etki alanı posta almadığını yayımlıyor (null MX).
code-X-0-0-detail = Daha kesin bir durum yok; yanıtın metnini okuyun.
code-X-1-0-detail = Bir adreste (gönderen veya alıcı) bir sorun var.
code-X-1-1-detail = Alıcının posta kutusu hedefte yok: yazım hatası, silinmiş bir hesap ya da dizinin bilmediği bir adres.
code-X-1-2-detail = Alıcının etki alanı kısmı ulaşılabilir bir posta sistemini göstermiyor.
code-X-1-3-detail = Alıcı adresi sözdizimsel olarak geçersiz.
code-X-1-4-detail = Adres birden çok posta kutusuyla eşleşiyor.
code-X-1-5-detail = Alıcı kabul edildi (başarı yanıtlarında kullanılır).
code-X-1-6-detail = Posta kutusu vardı ama taşındı; sunucu nereye olduğunu söylemiyor.
code-X-1-7-detail = MAIL FROM adresi sözdizimsel olarak geçersiz.
code-X-1-8-detail = Gönderenin etki alanı yok ya da yanıt alamıyor (MX yok, A kaydı yok).
code-X-1-9-detail = Teslim durumunu bildiremeyen bir sisteme teslim edildi.
code-X-1-10-detail = Alıcının etki alanı null MX yayımlıyor: posta kabul etmiyor; Exchange Online bulunamayan alıcı için 5.1.10 kullanır.
code-X-2-0-detail = Posta kutusu var ama bir durumu teslimi engelliyor.
code-X-2-1-detail = Posta kutusu var ama şu an posta almıyor (devre dışı veya bir teslim kısıtlaması).
code-X-2-2-detail = Alıcı kotasını aştı.
code-X-2-3-detail = İleti alıcının (veya kuruluşun) izin verdiğinden büyük.
code-X-2-4-detail = Bir dağıtım listesi genişletilemedi.
code-X-3-0-detail = Alan posta sisteminin kendi sorunu var.
code-X-3-1-detail = Alan sistemin depolama alanı veya başka kaynakları tükendi; Exchange back pressure açıkken 452 4.3.1 ile yanıt verir.
code-X-3-2-detail = Alan sistem şu an posta almıyor: kapanıyor, duraklatıldı ya da aşırı yüklü (Exchange 421 4.3.2).
code-X-3-3-detail = İleti, alan sistemde olmayan bir özellik gerektiriyor.
code-X-3-4-detail = İleti alan sistemin hiçbir şekilde kabul etmediği kadar büyük (SIZE sınırı).
code-X-3-5-detail = Alan sistem yanlış yapılandırılmış.
code-X-3-6-detail = İleti istenenden farklı bir öncelikle kabul edildi.
code-X-4-0-detail = Bir yönlendirme sorunu; Exchange DNS hataları (yetkili ana bilgisayar bulunamadı) için 4.4.0/5.4.0 kullanır.
code-X-4-1-detail = Sonraki atlama bağlantı denemesine yanıt vermedi.
code-X-4-2-detail = Sonraki atlamaya bağlantı aktarım sırasında koptu.
code-X-4-3-detail = Bir dizin (DNS, Active Directory) araması başarısız oldu.
code-X-4-4-detail = Hedefe yol yok: etki alanı için MX veya adres yok ya da adres alanı için bağlayıcı yok.
code-X-4-5-detail = Hedef tıkalı; daha sonra yeniden deneyin.
code-X-4-6-detail = İleti bir döngüde dolaştı (çok fazla Received başlığı).
code-X-4-7-detail = İleti teslim edilmeden süresinin ötesinde kuyrukta kaldı.
code-X-5-0-detail = İki sistem arasında bir protokol sorunu.
code-X-5-1-detail = Komut bilinmiyor ya da bu noktada izin verilmiyor.
code-X-5-2-detail = Komut satırı ayrıştırılamadı.
code-X-5-3-detail = İletinin alıcıları sunucunun bir kerede kabul ettiğinden fazla; gönderen kalanları başka bir işlemde göndermeli.
code-X-5-4-detail = Komutun bağımsız değişkenleri geçersiz.
code-X-5-5-detail = Protokol sürümü desteklenmiyor.
code-X-5-6-detail = Bir SASL satırı sunucunun sınırını aştı.
code-X-6-0-detail = İletinin içeriği işlenemedi (içerik filtreleri de sık sık bunu söyler).
code-X-6-1-detail = İletinin bir bölümü sistemin desteklemediği bir ortam türüne sahip.
code-X-6-2-detail = İçerik, gönderenin yasakladığı bir dönüştürme gerektiriyor.
code-X-6-3-detail = İçerik, sistemin yapamadığı bir dönüştürme gerektiriyor.
code-X-6-4-detail = Teslim edildi ama dönüştürme bilgi kaybetti.
code-X-6-5-detail = Gerekli bir dönüştürme başarısız oldu.
code-X-6-6-detail = Başvurulan içerik (BURL) getirilemedi.
code-X-6-7-detail = SMTPUTF8'in olmadığı yerde uluslararası bir adres kullanıldı.
code-X-6-8-detail = Yanıt UTF-8 gerektiriyor ama istemci SMTPUTF8 istemedi.
code-X-6-9-detail = İletinin UTF-8 başlıkları var ve sonraki atlama SMTPUTF8'i desteklemiyor.
code-X-7-0-detail = Ayrıntısız bir güvenlik veya ilke reddi; Exchange geçici sunucu hataları için 4.7.0'ı, TLS veya kimlik doğrulama gereksinimleri için 5.7.0'ı da kullanır.
code-X-7-1-detail = Gönderenin bunu göndermesine izin yok: aktarma reddi, alıcıda bir teslim kısıtlaması ya da bir ilke (engelleme listesi, içerik filtresi).
code-X-7-2-detail = Gönderen bu dağıtım listesine gönderemez.
code-X-7-3-detail = Bir güvenlik gereksinimi (kimlik doğrulama, imzalama, şifreleme) karşılanamadı; Exchange 2000/2003 gönderenin yetkisi olmadığında bunu gönderir (KB 895853).
code-X-7-4-detail = İleti, sistemde olmayan güvenlik özellikleri istiyor.
code-X-7-5-detail = Şifre çözme veya imza denetimi başarısız oldu.
code-X-7-6-detail = İleti, sistemin desteklemediği bir algoritma kullanıyor.
code-X-7-7-detail = İleti yolda değiştirildi.
code-X-7-8-detail = AUTH başarısız: yanlış kullanıcı adı veya parola.
code-X-7-9-detail = Sunucu daha güçlü bir AUTH mekanizması istiyor.
code-X-7-10-detail = Bu işlem şifreli (TLS) bir oturum gerektirir.
code-X-7-11-detail = Bu AUTH mekanizması yalnızca TLS içinde kullanılabilir.
code-X-7-12-detail = Hesabın önce parolasını değiştirmesi gerekir.
code-X-7-13-detail = AUTH için kullanılan hesap devre dışı.
code-X-7-14-detail = Bu işlem için iki sistem arasında bir güven ilişkisi gerekir.
code-X-7-15-detail = İletinin önceliği sunucunun şu an kabul ettiğinin altında.
code-X-7-16-detail = Burada büyük iletiler daha yüksek öncelik gerektirir.
code-X-7-17-detail = Gönderenin son kullanımından bu yana alıcının posta kutusunun sahibi değişti.
code-X-7-18-detail = Alıcının etki alanının sahibi değişti.
code-X-7-19-detail = require-recipient-valid-since testi yapılamadı.
code-X-7-20-detail = Alıcı geçerli bir DKIM imzası istiyor ve bulamadı.
code-X-7-21-detail = DKIM imzaları geçerliydi ama hiçbiri alıcının ilkesine uygun değildi.
code-X-7-22-detail = Yazarın etki alanıyla eşleşen geçerli bir DKIM imzası yok.
code-X-7-23-detail = Gönderen IP, gönderen etki alanının SPF kaydında izinli değil.
code-X-7-24-detail = SPF denetimi tamamlanamadı (DNS hatası, hatalı kayıt).
code-X-7-25-detail = İstemcinin IP adresinin PTR kaydı yok ya da ad ona geri çözümlenmiyor.
code-X-7-26-detail = Birkaç gönderen kimlik doğrulama denetimi (SPF, DKIM, ters DNS) birlikte başarısız oldu.
code-X-7-27-detail = Gönderenin etki alanı null MX yayımlıyor, bu yüzden geri dönen iletiler iletilemiyor.
code-X-7-28-detail = İleti, benzer iletilerden oluşan bir selin parçası gibi görünüyor.
code-X-7-29-detail = İletinin ARC zinciri doğrulanmadı.
code-X-7-30-detail = İleti REQUIRETLS istiyor ve sonraki atlama bunu sunmuyor.
code-4-3-1-detail = Back pressure: alan Exchange aktarımının diski, belleği veya kuyruk alanı yetersiz (MAIL'e 452 4.3.1); baskı düşünce yeniden posta kabul eder.
code-4-3-2-detail = Alan aktarım şimdilik bağlantıları reddediyor (421 4.3.2): en yüksek düzeyde back pressure, hizmet duruyor ya da Exchange Online'da çok fazla eşzamanlı bağlantı.
code-4-4-1-detail = Hedef sunucu yanıt vermedi; gönderen kuyruk yeniden dener.
code-4-4-2-detail = Bağlantı aktarım sırasında koptu (çoğunlukla bir güvenlik duvarı veya ağ arızası).
code-4-4-7-detail = İleti kuyruğun süre sonundan (varsayılan iki gün) önce teslim edilemedi; bir NDR gelir.
code-4-4-62-detail = Bir bağlayıcı veya MX, kiracının postasını başka bir bölgedeki veri merkezine gönderiyor.
code-4-4-316-detail = Hedef bağlantıyı reddetti; Exchange Online yeniden denemeyi sürdürür.
code-4-7-0-detail = Alan ön uçta geçici bir hata (metin PRXn ile biter); gönderen yeniden dener.
code-4-7-26-detail = IPv6 üzerinden alınan posta SPF veya DKIM ile kimlik doğrulamalı.
code-4-7-650-detail = Alan hizmet bu IP adresini itibarı nedeniyle sınırlıyor; gönderen daha sonra yeniden dener.
code-5-0-0-detail = Exchange 2000/2003 daha kesin bir şey uymadığında bunu gönderir: yolu olmayan bir etki alanına aktarma denemesi, eşleşen adres alanı olmayan bir SMTP bağlayıcısı ya da alan tarafta bir DNS hatası (KB 895853).
code-5-1-8-detail = Gönderen hesabın göndermesi engellendi (ele geçirilme veya spam şüphesi).
code-5-1-10-detail = Alıcı alan kuruluşta yok (SMTP adresiyle alıcı araması başarısız oldu).
code-5-1-90-detail = Gönderen günlük alıcı sınırına ulaştı.
code-5-2-121-detail = Alıcı bu gönderenden çok fazla ileti alıyor; kısıtlanıyor.
code-5-2-122-detail = Alıcı toplamda çok fazla ileti alıyor; kısıtlanıyor.
code-5-3-190-detail = Kiracı, bunun için bir aboneliği olmadan şirket içi iletileri günlüğe kaydedemez.
code-5-4-1-detail = Dizin tabanlı kenar engelleme: alıcı alan kuruluşun dizininde yok ya da etki alanı için bir bağlayıcı eksik ('Relay Access Denied' olarak da yazılır).
code-5-4-6-detail = Bir iletme veya yönlendirme döngüsü (kendine ileten bir kişi, geri gösteren MX).
code-5-4-8-detail = Kabul edilen bir etki alanının MX kayıtları doğru hizmeti göstermiyor: ileti döngüye girer.
code-5-4-300-detail = İleti kuyrukta çok uzun bekledi ve geri döndürüldü.
code-5-4-310-detail = Alıcının etki alanının DNS kayıtları yok.
code-5-6-11-detail = İleti tek başına LF'ler içeriyor ve alan hizmet onu reddediyor.
code-5-7-3-detail = Alma bağlayıcısı, gönderen sunucunun yapamadığı Exchange Server kimlik doğrulamasını bekliyor; Exchange 2000/2003'te gönderenin yetkisi yok (KB 895853).
code-5-7-12-detail = Alıcı (veya grup) yalnızca kendi kuruluşunun kimliği doğrulanmış gönderenlerini kabul ediyor.
code-5-7-23-detail = Gönderen IP, gönderen etki alanının SPF kaydında yok.
code-5-7-54-detail = Alıcının etki alanı alan kuruluşun kabul edilen bir etki alanı değil ve istemci aktaramaz: etki alanını kabul edilen etki alanı olarak ekleyin ya da bağlayıcının bu istemci için aktarmasına izin verin.
code-5-7-57-detail = İstemci kimlik doğrulamadan gönderim uç noktasına bağlandı (MAIL FROM reddedildi).
code-5-7-64-detail = Exchange Online iletiyi bir kiracıya bağlayamadı: gelen bağlayıcı (sertifika veya IP) gönderen sunucuyla eşleşmiyor.
code-5-7-124-detail = Dağıtım grubu yalnızca belirli gönderenleri kabul ediyor.
code-5-7-133-detail = Grup kuruluş dışındaki gönderenleri reddediyor.
code-5-7-134-detail = Posta kutusu kuruluş dışındaki gönderenleri reddediyor.
code-5-7-350-detail = İletme hedefi iletiyi spam olarak reddetti.
code-5-7-501-detail = Gönderen hesap spam nedeniyle engellendi.
code-5-7-502-detail = Gönderen hesap spam nedeniyle engellendi.
code-5-7-503-detail = Gönderen hesap spam nedeniyle engellendi.
code-5-7-510-detail = Alıcının etki alanı yalnızca IPv4 üzerinden posta alıyor.
code-5-7-511-detail = Gönderen IP veya etki alanı Exchange Online Protection tarafından yasaklandı.
code-5-7-520-detail = Kuruluşun giden ilkesi dış alıcılara otomatik iletmeyi yasaklıyor.
code-5-7-705-detail = Kiracı çok fazla spam veya toplu posta gönderdi ve giden postası engellendi.
code-5-7-708-detail = Gönderen IP'nin itibarı düşük (bilinmeyen adreslerden gönderen yeni kiracılarda tipiktir).
code-5-7-750-detail = Kiracı doğrulamadığı etki alanlarından gönderiyor.
code-4-7-500-699-detail = Exchange Online Protection, gönderme düzeni değişen bir IP adresini (yeni veya büyüyen bir gönderen) kısıtlar: geçmişi oluştukça ertelemeler durur.
code-5-7-606-649-detail = Gönderen IP, Microsoft'un engelleme listesinde; listeden çıkarma portalı onu kaldırır.
code-5-7-700-749-detail = Kiracının göndermesi engellendi (eşik aşıldı, doğrulanmamış etki alanları veya engellenmiş bir abonelik).
