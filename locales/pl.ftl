# Katalog komunikatów smtpscope: polski.
# Identyfikatory i symbole zastępcze jak w en.ftl (sprawdza tests/l10n.rs). Terminów produktowych
# (STARTTLS, X-EXPS, XEXCH50, Kerberos, kody odpowiedzi SMTP) nie tłumaczymy.

## Wyniki: wspólne zdania

advice-explained-by = Prawdopodobna przyczyna: `{ $id }` w tej sesji: { $summary }

## Zdarzenia Windows
# Brzmienia zdarzeń 7004/1706 w polskiej wersji nie udało się potwierdzić w źródłach: tekst angielski.

event-7004 = This is an SMTP protocol error log for virtual server ID 1, connection #{ $connection }. The remote host "{ $host }", responded to the SMTP command "{ $command }" with "{ $reply }". The full command sent was "{ $sent }". This will probably cause the connection to fail.
event-1706 = Exchange Server authentication (X-EXPS { $mechanism }) with the remote host "{ $host }" failed. The full command sent was "{ $sent }"; the remote host responded "{ $reply }".

## Raport tekstowy

text-session = Sesja
text-dialogue = dialog
text-event = zdarzenie
text-see = zob.
text-summary = Podsumowanie
text-no-findings = wyniki: brak
text-not-analysed = nieprzeanalizowane
text-mail-flow = Przepływ poczty

## rules / explain

rules-explain-one = Szczegóły jednego wyniku: `smtpscope rules ID`.
rules-when = Kiedy występuje:
rules-check = Co sprawdzić (najbardziej prawdopodobne najpierw):
rules-caveats = Znane fałszywe alarmy i ograniczenia:
rules-references = Źródła:
rules-findings-raised = Wyniki, które powoduje:

## Raport HTML

html-report-title = Raport smtpscope
html-diff-title = Porównanie smtpscope
html-overview = Przegląd
html-capture = Przechwycenie
html-findings = Wyniki
html-capture-findings = Wyniki dotyczące całego przechwycenia
html-mail-flow = Przepływ poczty
html-timeline = Oś czasu
html-sessions = Sesje
html-no-findings = Brak wyników.
html-no-sessions = Brak sesji SMTP w przechwyceniu.
html-files = Pliki
html-interface = Interfejs
html-packets = Pakiety
html-bytes = Bajty
html-smtp-sessions = Sesje SMTP
html-tcp-connections = Połączenia TCP
html-time-span = Czas
html-not-analysed = Nieprzeanalizowane
html-capture-drops = Utracone przez przechwytywanie
html-input-errors = Niekompletne dane wejściowe
html-by-severity = Wyniki według ważności
html-col-severity = Ważność
html-col-finding = Wynik
html-col-count = Liczba
html-col-sessions = Sesje
html-col-summary = Pierwsze wystąpienie
html-col-client = Klient
html-col-server = Serwer
html-col-with-tls = Z TLS
html-col-accepted = Przyjęte
html-col-deferred = Odroczone
html-col-refused = Odrzucone
html-col-recipients-refused = Odrzuceni adresaci
html-col-reply-median = Mediana odpowiedzi
html-col-reply-worst = Najwolniejsza odpowiedź
html-col-retries = Ponowienia
html-outcome-delivered = dostarczono
html-outcome-no-mail = bez poczty
html-outcome-warning = ostrzeżenie
html-outcome-failed = niepowodzenie
html-timeline-more = sesje ponad limit osi czasu nie są rysowane:
html-open-all = Rozwiń wszystkie
html-close-all = Zwiń wszystkie
html-session = Sesja
html-client = klient
html-server = serwer
html-items = elementy
html-tls-region = TLS: od tego miejsca szyfrowane
html-gap = luka
html-evidence = Dowody
html-advice = Co sprawdzić
html-event = Zdarzenie Windows
html-see = Zob.
html-explained-by = Przyczyna
html-fact-time = czas
html-fact-frames = ramki
html-fact-c2s = klient → serwer
html-fact-s2c = serwer → klient
html-fact-gap = luka
html-fact-banner = banner
html-fact-helo = helo
html-fact-ehlo = ehlo
html-fact-auth = auth
html-fact-tls = tls
html-fact-mail = mail
html-fact-dns = dns
html-fact-anomaly = anomalia
html-fact-file = plik
html-noscript = Diagramy drabinkowe rysuje skrypt strony po rozwinięciu sesji; przy wyłączonych skryptach użyj raportu tekstowego.
html-print-note = Zwinięte sesje nie są drukowane: przed drukowaniem rozwiń potrzebne (lub Rozwiń wszystkie).
html-ladder-more = elementów nie narysowano (zob. raport tekstowy lub JSON)
html-pairs = Pary sesji
html-pair = Para
html-sender = nadawca
html-receiver = odbiorca
html-differences = Różnice
html-no-differences = Oba dialogi są takie same.
html-col-match = Dopasowanie
html-col-confidence = Pewność
html-col-differences = Różnice
html-differences-count = różnic
html-clock-offset = Zegar odbiorcy względem zegara nadawcy
html-path-latency = Dodane na każdy obieg
html-sender-only = Tylko w przechwyceniu nadawcy (nie dotarło do odbiorcy lub nie zostało tam przechwycone)
html-receiver-only = Tylko w przechwyceniu odbiorcy (nie wysłane z punktu przechwytywania nadawcy)
html-legend-altered = zmienione po drodze
html-legend-sender-only = wysłane, nigdy nie dotarło (odrzucone)
html-legend-receiver-only = dotarło, nigdy nie wysłane (dodane po drodze)
html-each-end = Wyniki każdej ze stron

## Tytuły wyników

rule-middlebox-rewrite-title = Inspekcja SMTP zapory przepisuje dialog (rozszerzone polecenia zamaskowane lub zastąpione)
rule-starttls-stripped-title = STARTTLS został usunięty między serwerami: sesji nie dało się zaszyfrować
rule-ehlo-rejected-title = EHLO odrzucone: w tej sesji nie są możliwe rozszerzone polecenia (X-EXPS, XEXCH50, BDAT)
rule-extended-verbs-missing-title = W odpowiedzi EHLO serwera Exchange 2000/2003 brakuje X-EXPS, XEXCH50 i X-LINK2STATE
rule-xexch50-bad-size-title = XEXCH50 z rozmiarem ze znakiem, niedziesiętnym lub ogromnym: wzorzec exploita MS03-046
rule-exps-not-offered-title = Serwer odbierający nie zaoferował X-EXPS, więc nadawca nie mógł się uwierzytelnić dla XEXCH50
rule-exps-not-attempted-title = Nadawca Exchange nie próbował X-EXPS, choć odbiorca je oferował
rule-exps-failed-title = Uwierzytelnianie X-EXPS lub AUTH nie powiodło się
rule-kerberos-downgrade-title = SPNEGO oferowało Kerberos, ale klient wysłał NTLM: nie mógł uzyskać biletu Kerberos
rule-identity-mismatch-title = Nazwa EHLO klienta nie jest komputerem, do którego należą jego poświadczenia
rule-xexch50-without-auth-title = XEXCH50 wysłano bez wcześniejszego udanego X-EXPS lub AUTH
rule-xexch50-rejected-after-auth-title = XEXCH50 odrzucono kodem 504, choć nadawca był uwierzytelniony
rule-xexch50-rejected-title = Na XEXCH50 odpowiedziano błędem: właściwości wiadomości Exchange nie zostały przesłane
rule-xexch50-not-advertised-title = XEXCH50 wysłano do serwera, który go nie ogłasza
rule-xexch50-count-mismatch-title = Licznik XEXCH50 nie jest liczbą przyjętych adresatów plus jeden
rule-blob-size-mismatch-title = Dane binarne po XEXCH50 lub BDAT mają inny rozmiar niż zapowiedziany
rule-tls-before-auth-title = TLS rozpoczęto przed uwierzytelnieniem: reszty sesji nie da się zbadać
rule-starttls-no-tls-title = STARTTLS przyjęto, ale klient nie rozpoczął TLS
rule-starttls-refused-title = Serwer odrzucił STARTTLS
rule-tls-handshake-failed-title = Uzgadnianie TLS nie powiodło się: sesja nie mogła być kontynuowana z szyfrowaniem
rule-tls-version-obsolete-title = Wynegocjowano przestarzałą wersję protokołu (SSL 3.0, TLS 1.0 lub 1.1) albo tylko taką oferuje klient
rule-tls-weak-cipher-title = TLS użył słabego zestawu szyfrów lub krótkiego klucza certyfikatu
rule-tls-cert-expired-title = Certyfikat TLS był wygasły w chwili uzgadniania
rule-tls-cert-not-yet-valid-title = Certyfikat TLS nie był jeszcze ważny w chwili uzgadniania
rule-tls-cert-name-mismatch-title = Certyfikat TLS serwera nie zawiera nazwy serwera
rule-tls-cert-self-signed-title = Certyfikat TLS serwera jest podpisany przez siebie
rule-smtp-smuggling-title = SMTP smuggling: niekanoniczny koniec danych, a po nim polecenia SMTP wewnątrz DATA
rule-bare-lf-title = Wiersze zakończone samym LF lub CR
rule-xlink2state-overflow-title = Fragment X-LINK2STATE ponad 520 bajtów bez fragmentu FIRST: wzorzec exploita MS05-021
rule-hostname-not-fqdn-title = Nazwa hosta tam, gdzie powinna być w pełni kwalifikowana nazwa domeny
rule-credentials-in-clear-title = Hasło wysłano otwartym tekstem (AUTH PLAIN/LOGIN poza TLS)
rule-sequence-error-title = Polecenie w złej kolejności (503 lub polecenie nie na miejscu)
rule-tls-required-title = Odbiorca wymaga TLS, a klient go nie rozpoczął
rule-relay-denied-title = Adresata odrzucono: serwer nie przekaże poczty dla tego nadawcy
rule-auth-required-title = Serwer wymaga uwierzytelnienia, a klient się nie uwierzytelnił
rule-not-authorized-title = Odrzucono z 5.7.3: nadawca nie ma uprawnień (KB 895853)
rule-recipient-unknown-title = Adresata odrzucono jako nieznanego: takiej skrzynki tam nie ma
rule-spam-rejected-title = Odrzucono jako spam lub z powodu wpisu na liście blokowanych
rule-message-too-large-title = Wiadomość jest za duża dla odbiorcy
rule-back-pressure-title = Odbiorcy brakuje zasobów (back pressure): poczta jest odraczana
rule-throttled-title = Odbiorca ogranicza tego klienta: za dużo połączeń, wiadomości lub adresatów
rule-temporary-failure-title = Pocztę odroczono odpowiedzią 4xx: nadawca musi ponowić próbę
rule-open-relay-title = Serwer przyjął pocztę z zewnątrz na zewnątrz bez uwierzytelnienia: otwarty przekaźnik
rule-delivery-failed-title = Wiadomość odrzucono: końcowa odpowiedź na DATA lub BDAT była błędem
rule-exchange-anonymous-submission-title = Wiadomość między serwerami Exchange idzie jako anonimowa: serwer wysyłający się nie uwierzytelnił
rule-mail-loop-suspected-title = Łańcuch Received wiadomości jest bardzo długi lub dwa razy przechodzi przez ten sam host: pętla pocztowa
rule-received-delay-title = Wiadomość czekała ponad dziesięć minut na jednym etapie swojej drogi
rule-header-from-mismatch-title = Nadawca koperty i nagłówek From są w różnych domenach
rule-capture-truncated-title = Przechwycenie zachowało tylko początek każdego pakietu (snap length): brakuje treści
rule-capture-ended-title = Przechwytywanie zakończyło się w trakcie sesji
rule-connection-refused-title = Połączenie TCP z portem SMTP odrzucono lub nie otrzymało odpowiedzi
rule-no-banner-title = Serwer nie wysłał powitania w ciągu 30 sekund od połączenia
rule-tcp-gap-title = W przechwyceniu brakuje bajtów rozmowy
rule-unsolicited-reply-title = Nadeszła odpowiedź, na którą nie czekało żadne polecenie
rule-unanswered-command-title = Połączenie zakończyło się, gdy polecenia wciąż czekały na odpowiedź
rule-tcp-retransmission-title = Segmenty były retransmitowane: między serwerami występują straty
rule-tcp-reset-title = Połączenie zresetowano przed odpowiedzią na QUIT
rule-slow-reply-title = Odpowiedź trwała ponad 30 sekund
rule-capture-drops-title = Samo przechwytywanie gubiło pakiety: luki mogą wynikać z przechwytywania, nie ze strat w sieci
rule-connection-flood-title = Naraz otwartych było więcej połączeń, niż śledzi smtpscope: część usunięto wcześniej
rule-dns-lookup-failed-title = Zapytanie MX lub zapytanie o adres serwera pocztowego nie powiodło się: poczta nie może wyjść
rule-connected-not-to-mx-title = Klient połączył się z adresem, którego nie ma wśród odpowiedzi na jego zapytanie MX
rule-no-ptr-title = Odbiorca nie znalazł odwrotnego DNS (PTR) klienta i go odrzucił
rule-retry-storm-title = Tę samą wiadomość odroczono trzy razy lub więcej: kolejka nadawcy wciąż ponawia
rule-connection-churn-title = Wiele krótkich sesji jednego klienta kończy się przed MAIL
rule-verb-dropped-title = Polecenie, słowo kluczowe EHLO lub baner usunięto lub przepisano między serwerami (tylko diff)

## Wyniki: podsumowania i zdania w nich

message-named = wiadomość <{ $id }>
message-of-frame = wiadomość z ramki { $frame }
summary-auth-required = { $verb } odrzucono odpowiedzią { $reply }: klient się nie uwierzytelnił.
summary-relay-denied = Adresata odrzucono odpowiedzią { $reply }: odmówiono przekazywania.
summary-xexch50-rejected = XEXCH50 odrzucono kodem { $code }: { $meaning }.
xexch50-refused-not-authorised = serwer wysyłający jest uwierzytelniony, ale nie ma uprawnień (Send As)
xexch50-refused-no-auth = nadawca nie uwierzytelnił się wcześniej
xexch50-refused-auth-required = druga strona wymaga uwierzytelnienia: zwykle Exchange 5.5 IMS spoza organizacji
xexch50-refused-unknown-verb = druga strona nie zna polecenia albo urządzenie pośrednie je przepisało
xexch50-refused-bad-arguments = druga strona uznała argumenty za błędne (rozmiar lub licznik różny od liczby adresatów + 1)
xexch50-refused-other = druga strona je odrzuciła
summary-xexch50-without-auth-answered = XEXCH50 wysłano bez wcześniejszego uwierzytelnienia, odpowiedź { $code }.
summary-xexch50-without-auth = XEXCH50 wysłano bez wcześniejszego uwierzytelnienia.
xexch50-cause-helo = Sesja cofnęła się do HELO, więc żadne rozszerzone polecenie (także X-EXPS) nie było możliwe: szukaj urządzenia pośredniego, które odrzuca EHLO.
xexch50-cause-auth-failed = Nadawca próbował się uwierzytelnić i mu się nie udało (zob. exps-failed): najpierw napraw uwierzytelnianie.
xexch50-cause-not-exchange = Odbiorca nie oferuje ani X-EXPS, ani XEXCH50: nie jest serwerem Exchange tej organizacji, przestań wysyłać do niego XEXCH50.
xexch50-cause-no-exps = Odbiorca nie zaoferował X-EXPS: na jego wirtualnym serwerze SMTP wyłączono zintegrowane uwierzytelnianie systemu Windows.
xexch50-cause-exps-not-tried = Odbiorca zaoferował X-EXPS, ale nadawca go nie próbował: odbiorca nie rozpoznał nazwy EHLO nadawcy albo nadawca nie miał dla niego poświadczeń.
summary-exps-not-attempted = Serwer zaoferował X-EXPS, ale klient wysłał { $verb } bez wcześniejszego uwierzytelnienia.
evidence-exps-offered-not-used = odpowiedź EHLO serwera oferowała { $offered }; wcześniej nie było X-EXPS ani AUTH
summary-exchange-anonymous = { $message } przechodzi przez sesję między serwerami Exchange oznaczoną { $header }: Anonymous.
summary-exchange-internal-unproven = { $message } deklaruje { $header }: Internal, ale sesja, która ją niesie, nie była uwierzytelniona.
summary-starttls-masked = W odpowiedzi EHLO brakuje STARTTLS, a { $count ->
        [one] słowo kluczowe tej samej długości jest zamaskowane
       *[other] słowa kluczowe tej samej długości są zamaskowane
    } ({ $keywords }): zapora je ukryła, więc klient nie mógł rozpocząć TLS.
summary-middlebox-rewrite = Urządzenie pośrednie przepisało dialog SMTP ({ $signatures }).
summary-extended-verbs-missing = Baner to Exchange 2000/2003, ale odpowiedź EHLO nie oferuje żadnego z jego poleceń: X-EXPS i XEXCH50 są niedostępne.
summary-exps-failed = { $verb } { $mechanism } zakończyło się odpowiedzią "{ $reply }": { $meaning }.
auth-failed-cancelled = klient przerwał wymianę znakiem `*`: zawiódł pakiet zabezpieczeń po stronie nadawcy
auth-failed-535 = odbiorca odrzucił poświadczenia (odmowa logowania)
auth-failed-454 = chwilowa awaria u odbiorcy (rozbieżność zegarów, SPN, kontroler domeny, relacja zaufania)
auth-failed-504 = odbiorca nie dopuszcza tego mechanizmu
auth-failed-unknown-verb = odbiorca nie zna polecenia (to nie serwer Exchange albo brakuje ujść zdarzeń)
auth-failed-501 = odbiorca uznał wymianę za błędną
auth-failed-503 = odbiorca nie oferuje tu uwierzytelniania (albo nie w tym momencie sesji)
auth-failed-encryption-first = odbiorca wymaga najpierw szyfrowania lub innego mechanizmu
auth-failed-other = odbiorca jej nie przyjął

## Co sprawdzić (rule-ID-advice-N)
# Nazwy w Exchange System Manager: Właściwości, karta Dostęp, Uwierzytelnianie, Zintegrowane
# uwierzytelnianie systemu Windows (KB 843106, wersja polska). Nazw okna Relay, pola „anonimowy
# dostęp” i ścieżki Delivery > Advanced nie potwierdzono w źródłach: pozostają po angielsku.

rule-middlebox-rewrite-advice-1 = Wyłącz inspekcję SMTP między serwerami pocztowymi: `no fixup protocol smtp 25` na PIX, `no inspect esmtp` w globalnej polityce ASA (albo mapa polityki ESMTP, która przepuszcza rozszerzone polecenia).
rule-middlebox-rewrite-advice-2 = Dopóki jest włączona, X-EXPS, XEXCH50, BDAT i STARTTLS nie działają: błędy uwierzytelniania, XEXCH50 i przekazywania w tych samych sesjach wynikają z niej — napraw ją najpierw.
rule-middlebox-rewrite-advice-3 = Jeśli na ścieżce nie ma zapory Cisco, szukaj innego proxy SMTP lub antywirusowej bramy SMTP między serwerami.
rule-starttls-stripped-advice-1 = Inspekcja SMTP zapory ukrywa STARTTLS: na Cisco ASA/PIX zezwól na nie w mapie polityki ESMTP lub wyłącz `inspect esmtp` między serwerami pocztowymi.
rule-starttls-stripped-advice-2 = Do tego czasu serwery rozmawiają otwartym tekstem (z poświadczeniami i pocztą), a nadawca wymagający TLS nie może doręczyć.
rule-ehlo-rejected-advice-1 = Zwykle urządzenie pośrednie: inspekcja SMTP zapory (PIX Mailguard) odpowiada na EHLO kodem 500, by przepuszczać tylko polecenia RFC 821; wyłącz ją między serwerami pocztowymi.
rule-ehlo-rejected-advice-2 = W przeciwnym razie serwer odbierający nie obsługuje ESMTP (stara lub minimalna usługa SMTP): serwery Exchange organizacji muszą łączyć się ze sobą bezpośrednio.
rule-extended-verbs-missing-advice-1 = Ujścia protokołu Exchange nie są załadowane na odbierającym wirtualnym serwerze SMTP (zainstaluj lub zarejestruj je ponownie; sprawdź, czy usługi Microsoft Exchange wystartowały).
rule-extended-verbs-missing-advice-2 = Produkt antywirusowy lub antyspamowy postawił własny stos SMTP przed Exchange.
rule-extended-verbs-missing-advice-3 = Urządzenie pośrednie między serwerami usuwa z odpowiedzi EHLO nieznane mu słowa kluczowe.
rule-xexch50-bad-size-advice-1 = Traktuj klienta jako wrogiego: to kształt exploita przepełnienia sterty MS03-046 (CVE-2003-0714) przeciw Exchange 2000/2003.
rule-xexch50-bad-size-advice-2 = Jeśli serwer odpowiedział 354, przyjął rozmiar przed uwierzytelnieniem: nie ma poprawki — zainstaluj MS03-046 i zablokuj klienta.
rule-xexch50-bad-size-advice-3 = Jeśli po BLOB-ie serwer działał dalej (awaria, restart SMTPSVC), sprawdź, czy nie został przejęty.
rule-exps-not-offered-advice-1 = Na odbierającym wirtualnym serwerze SMTP wyłączono zintegrowane uwierzytelnianie systemu Windows (Właściwości > karta Dostęp > Uwierzytelnianie): zaznacz Zintegrowane uwierzytelnianie systemu Windows (KB 843106, krok 1).
rule-exps-not-offered-advice-2 = Jeśli odpowiedź EHLO nie ma żadnego słowa kluczowego zaczynającego się od X, ujścia protokołu Exchange nie są załadowane u odbiorcy albo przed nim odpowiada inny stos SMTP (antywirus, brama).
rule-exps-not-offered-advice-3 = Jeśli między serwerami jest zapora, sprawdź, czy nie usuwa słów kluczowych EHLO.
rule-exps-not-attempted-advice-1 = Serwer odbierający nie rozpoznał nazwy EHLO nadawcy jako członka organizacji: porównaj w pełni kwalifikowaną nazwę domeny na wysyłającym wirtualnym serwerze SMTP (Properties > Delivery > Advanced) z prawdziwą nazwą DNS nadawcy.
rule-exps-not-attempted-advice-2 = Nadawca nie mógł uzyskać poświadczeń dla odbiorcy (szukaj zdarzeń 1704/1706 lub 2017 u nadawcy): sprawdź jego konto komputera i SPN SMTPSVC/<fqdn> odbiorcy.
rule-exps-not-attempted-advice-3 = Jeśli odbiorca jest spoza organizacji, z uwierzytelnianiem wszystko w porządku: przestań wysyłać do niego XEXCH50 (KB 818222).
rule-exps-failed-advice-1 = SPN SMTPSVC/<fqdn> odbierającego serwera wirtualnego nie istnieje lub jest zarejestrowany dwa razy (setspn -L na koncie komputera odbiorcy; KB 914137 dla serwerów z kilkoma wirtualnymi serwerami SMTP).
rule-exps-failed-advice-2 = Hasło konta komputera rozjechało się z domeną (zresetuj bezpieczny kanał).
rule-exps-failed-advice-3 = Zegary obu serwerów różnią się o ponad pięć minut (Kerberos).
rule-exps-failed-advice-4 = Serwery są w domenach lub lasach bez relacji zaufania, której wymaga uwierzytelnianie.
rule-kerberos-downgrade-advice-1 = Serwer wysyłający nie mógł uzyskać biletu dla SMTPSVC/<FQDN odbiorcy>: sprawdź, czy SPN jest zarejestrowany raz, na koncie komputera odbiorcy (setspn -L; KB 914137 dla kilku wirtualnych serwerów SMTP).
rule-kerberos-downgrade-advice-2 = Sprawdź, czy nadawca dociera do kontrolera domeny na porcie 88 i czy oba zegary zgadzają się co do pięciu minut.
rule-kerberos-downgrade-advice-3 = Sprawdź, czy nazwa, z którą łączy się nadawca (MX lub smart host), to prawdziwa nazwa FQDN odbiorcy; alias bez SPN wymusza NTLM.
rule-identity-mismatch-advice-1 = FQDN ustawiona na wysyłającym wirtualnym serwerze SMTP (Delivery > Advanced) nie jest prawdziwą nazwą komputera; odbiorcy rozpoznają członków organizacji po nazwie EHLO, więc X-EXPS i XEXCH50 mogą zawieść lub zostać pominięte.
rule-identity-mismatch-advice-2 = Jeśli alias jest zamierzony (kilka serwerów wirtualnych na jednym komputerze), zarejestruj SMTPSVC/<alias> na koncie komputera i zadbaj, by każdy serwer rozwiązywał go na ten komputer.
rule-xexch50-without-auth-advice-1 = Nadawca się nie uwierzytelnił, więc odbiorca nie przyjmie właściwości Exchange.
rule-xexch50-without-auth-advice-2 = Zintegrowane uwierzytelnianie systemu Windows musi być włączone na każdym wirtualnym serwerze SMTP między serwerami Exchange (KB 843106, krok 1).
rule-xexch50-without-auth-advice-3 = Odbiorca musi rozpoznać nazwę EHLO nadawcy jako serwer organizacji: sprawdź FQDN na wysyłającym serwerze wirtualnym (Delivery > Advanced).
rule-xexch50-without-auth-advice-4 = Jeśli druga strona jest spoza organizacji, wyłącz wysyłanie do niej XEXCH50 (KB 818222).
rule-xexch50-rejected-after-auth-advice-1 = Konto serwera wysyłającego nie ma prawa Send As na serwerze odbierającym: sprawdź, czy należy do grupy Exchange Domain Servers (KB 843106, krok 2).
rule-xexch50-rejected-after-auth-advice-2 = Szukaj wpisu uprawnień DENY dla grupy, do której należy serwer wysyłający (także zagnieżdżonej), odbierającego Send As.
rule-xexch50-rejected-after-auth-advice-3 = Po poprawieniu uprawnień zaczekaj na replikację Active Directory i uruchom ponownie usługę SMTP.
rule-xexch50-rejected-advice-1 = Sama poczta nadal płynie; tracone są właściwości Exchange niesione w BLOB-ie (replikacja folderów publicznych, dziennikowanie, rozwijanie list dystrybucyjnych, oceny IMF).
rule-xexch50-rejected-advice-2 = Jeśli druga strona jest spoza organizacji (host w Internecie, inny las, Exchange 5.5 IMS), przestań wysyłać do niej XEXCH50: klucz rejestru SMTPSVC\XEXCH50 z KB 818222.
rule-xexch50-rejected-advice-3 = Jeśli druga strona to serwer Exchange organizacji, przejdź przez KB 843106: zintegrowane uwierzytelnianie systemu Windows na każdym wirtualnym serwerze SMTP, prawo Send As serwera wysyłającego u odbiorcy, nieudane uwierzytelnianie (zdarzenia 1704/1706).
rule-xexch50-not-advertised-advice-1 = Druga strona nie jest serwerem Exchange tej organizacji (host w Internecie, inny las): wyłącz XEXCH50 do domen zewnętrznych (klucz rejestru SMTPSVC\XEXCH50, KB 818222).
rule-xexch50-not-advertised-advice-2 = Jeśli druga strona to serwer Exchange organizacji, coś między serwerami usuwa słowa kluczowe EHLO albo jej ujścia Exchange nie są załadowane.
rule-xexch50-count-mismatch-advice-1 = Błąd nadawcy: BLOB zbudowano dla innej listy adresatów (na przykład sprzed odrzucenia adresata).
rule-xexch50-count-mismatch-advice-2 = Powtórzone lub zmanipulowane polecenie: porównaj z dziennikami nadawcy.
rule-blob-size-mismatch-advice-1 = Urządzenie pośrednie odrzuciło lub zmieniło dane binarne: ISA Server lub filtr SMTP zapory blokujący BLOB XEXCH50 (SmtpEvt, zdarzenie 20031; KB 818222) albo resetujący połączenie.
rule-blob-size-mismatch-advice-2 = Jeśli dowody wskazują lukę w przechwyceniu, najpierw sprawdź straty przechwytywania: bajty mogły dotrzeć.
rule-blob-size-mismatch-advice-3 = Przechwyć po obu stronach urządzenia pośredniego i porównaj (smtpscope diff).
rule-tls-before-auth-advice-1 = Wszystko po uzgadnianiu TLS jest zaszyfrowane: bez kluczy sesji nie da się zbadać uwierzytelniania, XEXCH50 ani wiadomości.
rule-tls-before-auth-advice-2 = W Exchange 2000/2003: jeśli w takich sesjach zawodzi XEXCH50, ujścia zdarzeń STARTTLS działają przed AUTH (KB 843106, krok 3); sprawdź ustawienia TLS serwerów wirtualnych między serwerami Exchange.
rule-tls-before-auth-advice-3 = W Exchange 2007 i nowszych X-ANONYMOUSTLS przed X-EXPS to normalna kolejność; zajrzyj raczej do dzienników protokołu serwerów.
rule-starttls-no-tls-advice-1 = Urządzenie pośrednie samo odpowiedziało na STARTTLS (albo usunęło je z odpowiedzi EHLO i podrobiło 220), więc klient kontynuował otwartym tekstem: sprawdź inspekcję SMTP zapory między serwerami.
rule-starttls-no-tls-advice-2 = Wadliwy klient, który ignoruje 220: sprawdź jego konfigurację TLS.
rule-starttls-refused-advice-1 = Serwer zaoferował TLS, ale nie może go uruchomić: sprawdź, czy certyfikat i klucz prywatny istnieją, są czytelne i do siebie pasują (Postfix: smtpd_tls_cert_file/smtpd_tls_key_file i dziennik poczty; Exchange: Get-ExchangeCertificate, certyfikat włączony dla SMTP i jego klucz prywatny).
rule-starttls-refused-advice-2 = Exchange 2007+ `454 4.7.5 Certificate validation failure`: certyfikat drugiej strony (lub zabezpieczeń domeny) nie przeszedł weryfikacji.
rule-starttls-refused-advice-3 = Nadawca wymagający TLS trzyma pocztę w kolejce; oportunistyczny wysyła otwartym tekstem.
rule-tls-handshake-failed-advice-1 = Przeczytaj alert: protocol_version to brak wspólnej wersji TLS, handshake_failure lub insufficient_security brak wspólnego zestawu szyfrów, bad_certificate/unknown_ca/certificate_expired certyfikat odrzucony przez klienta.
rule-tls-handshake-failed-advice-2 = Porównaj ofertę klienta (dowody) z tym, na co pozwala serwer: w Exchange ustawienia protokołów i szyfrów SChannel (rejestr, IIS Crypto), w Postfix smtpd_tls_protocols i smtpd_tls_ciphers.
rule-tls-handshake-failed-advice-3 = Nadawca wymagający TLS (RequireTLS łącznika wysyłania Exchange, zabezpieczenia domeny) trzyma pocztę w kolejce do czasu naprawy; oportunistyczny wraca do otwartego tekstu.
rule-tls-version-obsolete-advice-1 = Włącz TLS 1.2 (i 1.3, gdzie jest dostępny) po stronie, która odstaje: Windows Server 2012 R2 i nowsze z Exchange 2013 i nowszym go obsługują; Windows 2008/2008 R2 i Exchange 2010 wymagają aktualizacji i ustawień rejestru; Windows 2003 nie potrafi — wymień go lub przekazuj pocztę przez nowszy host.
rule-tls-version-obsolete-advice-2 = Następnie wyłącz TLS 1.0/1.1 po drugiej stronie, jak już zrobił Exchange Online.
rule-tls-weak-cipher-advice-1 = Wyłącz RC4, 3DES i zestawy eksportowe po obu stronach (Windows: ustawienia szyfrów SChannel, IIS Crypto; Postfix: smtpd_tls_exclude_ciphers / smtp_tls_exclude_ciphers) i zostaw AES-GCM lub ChaCha20-Poly1305.
rule-tls-weak-cipher-advice-2 = Partner, który zna tylko RC4/3DES, pochodzi z epoki Windows 2003: zaplanuj jego wymianę.
rule-tls-weak-cipher-advice-3 = Krótkie klucze wystaw ponownie jako RSA 2048 lub dłuższe (albo ECDSA P-256).
rule-tls-cert-expired-advice-1 = Odnów certyfikat powiązany z usługą SMTP i zainstaluj nowy: Exchange New-ExchangeCertificate / Import-ExchangeCertificate, potem Enable-ExchangeCertificate -Services SMTP; Postfix smtpd_tls_cert_file.
rule-tls-cert-expired-advice-2 = Nadawcy weryfikujący certyfikaty (Require TLS, zabezpieczenia domeny, Exchange Online) do tego czasu odrzucają ten serwer; pozostali nadal szyfrują, ale nie mogą mu ufać.
rule-tls-cert-not-yet-valid-advice-1 = Sprawdź zegary: urzędu wystawiającego, serwera i hosta przechwytującego (oceniany jest tu czas przechwycenia).
rule-tls-cert-not-yet-valid-advice-2 = Jeśli zegary są dobre, certyfikat zainstalowano przed datą początkową: zaczekaj albo wystaw go ponownie z właściwymi datami.
rule-tls-cert-name-mismatch-advice-1 = Powiąż certyfikat, którego SAN zawiera nazwę, z którą łączą się partnerzy: w Exchange 2007 i nowszych certyfikat jest wybierany według FQDN łącznika odbierania (Get-ReceiveConnector | fl Fqdn, Get-ExchangeCertificate | fl Subject,CertificateDomains,Services).
rule-tls-cert-name-mismatch-advice-2 = Uzgodnij nazwę w banerze/EHLO (FQDN łącznika), nazwę hosta MX i SAN certyfikatu.
rule-tls-cert-name-mismatch-advice-3 = Partnerzy weryfikujący nazwy (zabezpieczenia domeny, TLS z nazwanym certyfikatem) do tego czasu odrzucają połączenie; oportunistyczni nadal szyfrują.
rule-tls-cert-self-signed-advice-1 = Między serwerami Exchange jednej organizacji to ustawienie domyślne (certyfikat z podpisem własnym tworzony przy instalacji) i działa.
rule-tls-cert-self-signed-advice-2 = Wobec partnerów i Exchange Online powiąż certyfikat publicznego urzędu, którego SAN zawiera FQDN łącznika: nadawcy weryfikujący odrzucają certyfikat z podpisem własnym.
rule-smtp-smuggling-advice-1 = Ktoś przemyca drugą wiadomość obok serwera wychodzącego (podszyty nadawca): znajdź klienta i konto, którego użył.
rule-smtp-smuggling-advice-2 = Jeśli odbiorca odpowiedział na przemycone polecenia, traktuje niekanoniczną sekwencję jako koniec danych: zainstaluj poprawkę lub każ mu odrzucać samotne LF (Postfix smtpd_forbid_bare_newline, Exchange 2007+ odrzuca je kodem 554 5.6.0).
rule-smtp-smuggling-advice-3 = Niech serwer wysyłający normalizuje lub odrzuca samotne CR i LF w wiadomościach.
rule-bare-lf-advice-1 = Niezgodny ze standardem partner (skrypt lub stara aplikacja zapisująca końce wierszy LF); Exchange 2007 i nowsze odrzucają takie wiadomości kodem 554 5.6.0.
rule-bare-lf-advice-2 = W połączeniu z samotną kropką samotne końce wierszy są surowcem SMTP smuggling: zob. smtp-smuggling.
rule-xlink2state-overflow-advice-1 = Traktuj klienta jako wrogiego: to przepełnienie sterty MS05-021 przeciw Exchange 2000/2003.
rule-xlink2state-overflow-advice-2 = Upewnij się, że serwer odbierający ma poprawkę MS05-021, i sprawdź, czy w tym czasie nie było awarii lub restartu SMTPSVC.
rule-xlink2state-overflow-advice-3 = Serwery Exchange wymieniają X-LINK2STATE tylko między grupami routingu jednej organizacji: blokuj je z każdego innego źródła.
rule-hostname-not-fqdn-advice-1 = Nazwa NetBIOS tam, gdzie powinna być FQDN: ustaw w pełni kwalifikowaną nazwę domeny wirtualnego serwera SMTP (Properties > Delivery > Advanced) na nazwę DNS serwera.
rule-hostname-not-fqdn-advice-2 = Odbiorcy sprawdzający nazwę (członkostwo X-EXPS w Exchange, antyspamowe sprawdzanie HELO) mogą odrzucić sesję lub jej nie ufać.
rule-credentials-in-clear-advice-1 = Każdy na ścieżce może odczytać hasło (base64 to nie szyfrowanie): zmień je.
rule-credentials-in-clear-advice-2 = Używaj STARTTLS przed AUTH albo uwierzytelniania zintegrowanego (X-EXPS GSSAPI/NTLM) między serwerami Exchange.
rule-credentials-in-clear-advice-3 = Wyłącz uwierzytelnianie podstawowe bez TLS na odbierającym serwerze wirtualnym.
rule-sequence-error-advice-1 = Klient z potokowaniem wysłał DATA, gdy wszyscy jego adresaci zostali odrzuceni: nieszkodliwe, prawdziwym problemem są odrzucenia adresatów.
rule-sequence-error-advice-2 = Klient lub skrypt nie przestrzega kolejności poleceń z RFC 5321: popraw klienta.
rule-sequence-error-advice-3 = Urządzenie pośrednie połknęło lub przepisało wcześniejsze polecenie (MAIL lub RCPT), więc serwer go nie zobaczył.
rule-tls-required-advice-1 = Niech nadawca używa STARTTLS wobec tego odbiorcy (Exchange: RequireTLS / ustawienia TLS łącznika wysyłania; Postfix: smtp_tls_security_level = may lub encrypt).
rule-tls-required-advice-2 = Jeśli nadawca próbował i mu się nie udało, obejrzyj uzgadnianie TLS (certyfikaty, wersje protokołu) w tym samym przechwyceniu; jeśli STARTTLS nigdy nie był oferowany, urządzenie pośrednie mogło usunąć go z listy EHLO.
rule-relay-denied-advice-1 = Przy partnerze Exchange to zwykle problem uwierzytelniania: nadawca jest anonimowy, bo X-EXPS zawiodło, nie było próby albo zostało usunięte po drodze; zob. wynik, który to wyjaśnia, jeśli jest.
rule-relay-denied-advice-2 = Sprawdź ustawienia przekazywania odbierającego wirtualnego serwera SMTP (Access > Relay: 'Allow all computers which successfully authenticate to relay') i czy domena adresata jest przez niego przyjmowana (zasady adresatów, łączniki).
rule-relay-denied-advice-3 = Exchange 2013 i nowsze (5.7.54): domena adresata nie jest domeną zaakceptowaną albo klient przekazuje przez łącznik odbierania bez uprawnienia do przekazywania — daj aplikacji własny łącznik dla jej adresu IP z tym uprawnieniem lub dodaj domenę zaakceptowaną. Exchange Online (5.7.64): łącznik przychodzący nie rozpoznaje serwera wysyłającego (certyfikat lub IP).
rule-auth-required-advice-1 = Na odbierającym wirtualnym serwerze SMTP wyłączono dostęp anonimowy (Dostęp > Uwierzytelnianie): serwery przyjmujące pocztę z Internetu lub od innych organizacji go potrzebują.
rule-auth-required-advice-2 = Jeśli nadawca to serwer Exchange organizacji, nie uwierzytelnił się: szukaj błędów X-EXPS lub wyników dotyczących urządzeń pośrednich w tej samej sesji.
rule-not-authorized-advice-1 = Odbierający wirtualny serwer SMTP (lub łącznik odbierania) nie przyjmuje tego nadawcy anonimowo: włącz dostęp anonimowy tam, gdzie przychodzi poczta z Internetu lub od partnerów, albo niech nadawca się uwierzytelnia.
rule-not-authorized-advice-2 = Między serwerami Exchange 2007+: 5.7.3 oznacza, że uwierzytelnianie Exchange Server się nie powiodło — sprawdź metody uwierzytelniania i grupy uprawnień łącznika odbierania oraz TLS między serwerami.
rule-not-authorized-advice-3 = Jeśli odrzucani są tylko niektórzy adresaci, przyjmują oni pocztę wyłącznie od uwierzytelnionych nadawców.
rule-recipient-unknown-advice-1 = Sprawdź adres pod kątem literówki i czy skrzynki nie usunięto lub nie przemianowano.
rule-recipient-unknown-advice-2 = Jeśli adresat istnieje: katalog serwera odbierającego go nie zna — zasady adresatów lub domeny zaakceptowane, które nie generują tego adresu, replikacja katalogu (Active Directory, synchronizacja katalogu Exchange Online) albo nieaktualny filtr adresatów lub lista blokowanych na serwerze brzegowym.
rule-recipient-unknown-advice-3 = Exchange 2000/2003 może zgłaszać ograniczenie doręczania jako 5.1.1 (KB 817425): gdy adres jest poprawny, sprawdź ograniczenia adresata.
rule-spam-rejected-advice-1 = Sprawdź wysyłający adres IP na liście, którą podaje odpowiedź, i przejdź jej procedurę usunięcia; najpierw ustal, dlaczego się tam znalazł (otwarty przekaźnik, przejęte konto lub aplikacja wysyłająca spam).
rule-spam-rejected-advice-2 = Exchange Online 5.7.606–649: poproś o usunięcie w portalu delist Microsoftu; 5.7.708: IP nie ma jeszcze reputacji — wysyłaj przez łącznik dzierżawy.
rule-spam-rejected-advice-3 = Odrzucenie z powodu treści: filtr odbiorcy ocenił wiadomość; sprawdź SPF, DKIM i DMARC domeny wysyłającej oraz samą wiadomość.
rule-message-too-large-advice-1 = Porównaj rozmiar wiadomości z limitami odbiorcy: wartość SIZE z jego odpowiedzi EHLO, a w Exchange MaxMessageSize łącznika odbierania, limity transportu organizacji i limit adresata (5.2.3 to limit administracyjny).
rule-message-too-large-advice-2 = Wyślij załącznik w inny sposób albo podnieś limit po stronie odbiorcy, jeśli rozmiar jest uzasadniony.
rule-message-too-large-advice-3 = Nadawca, który zapowiada SIZE= powyżej ogłoszonego limitu, w ogóle nie powinien był wysyłać wiadomości (RFC 1870): sprawdź oprogramowanie wysyłające.
rule-back-pressure-advice-1 = Na odbierającym serwerze Exchange szukaj zdarzeń back pressure 15004–15007 (MSExchangeTransport) i tego, czego brakuje: miejsca na dysku bazy kolejek, pamięci procesu transportu, wiadomości czekających w kolejkach.
rule-back-pressure-advice-2 = Zwolnij miejsce lub przenieś bazę kolejek (QueueDatabasePath) i ustal, co zapełnia kolejki (pętla, nieosiągalny cel), zanim podniesiesz progi.
rule-back-pressure-advice-3 = Nadawca zatrzymuje pocztę i ponawia; doręczanie wznowi się samo, gdy obciążenie spadnie.
rule-throttled-advice-1 = Zmniejsz współbieżność i tempo nadawcy wobec tego odbiorcy (Exchange: MaxPerDomainOutboundConnections łącznika wysyłania i transportu, limity szybkości wiadomości; Postfix: default_destination_concurrency_limit).
rule-throttled-advice-2 = Nowy lub zmieniony wysyłający adres IP jest ograniczany przez Exchange Online Protection, dopóki nie ma historii wysyłania (4.7.500–699): zwiększaj ruch powoli, a jeśli to twój adres, zarejestruj go w łączniku przychodzącym.
rule-throttled-advice-3 = Za dużo adresatów: nadawca musi wysłać resztę w kolejnej transakcji, jak oczekuje RFC 5321.
rule-temporary-failure-advice-1 = Przeczytaj kod rozszerzony i tekst: odbiorca podaje stan przejściowy (błąd lokalny, odroczenie z powodu zasad, nieudane sprawdzenie odwrotnego DNS 4.7.25, błąd proxy PRXn).
rule-temporary-failure-advice-2 = Nadawca zatrzymuje wiadomość i ponawia z kolejki; poczta ginie dopiero, gdy odroczenia tej samej wiadomości się powtarzają (retry-storm) lub trwają aż do wygaśnięcia kolejki (4.4.7).
rule-temporary-failure-advice-3 = Szara lista: pierwsza próba od nieznanego nadawcy jest celowo odraczana; ponowienie po opóźnieniu szarej listy zostaje przyjęte. Nie ma czego naprawiać, chyba że nadawca nigdy nie ponawia.
rule-open-relay-advice-1 = Wirtualny serwer SMTP przekazuje pocztę dla każdego: w Access > Relay zezwól tylko komputerom, które się uwierzytelniają (i usuń 'All except the list below'), jak opisuje KB 895853.
rule-open-relay-advice-2 = Sprawdź, czy serwer nie trafił już na listę blokowanych, i poszukaj w jego kolejkach przekazanego spamu.
rule-open-relay-advice-3 = Jeśli klient to partner lub aplikacja z prawem przekazywania według adresu IP, wynik jest oczekiwany: podaj jego domenę w --local-domain lub wyklucz regułę.
rule-delivery-failed-advice-1 = Przeczytaj rozszerzony kod stanu (RFC 3463) podany w podsumowaniu: mówi, który scenariusz z KB 895853 zachodzi.
rule-delivery-failed-advice-2 = 5.7.1: nadawca nie ma uprawnień — Send As lub ograniczenie 'Accept messages from' adresata albo brak zgody na przekazywanie; 5.7.3: serwer nie mógł zweryfikować zabezpieczeń nadawcy (uwierzytelnianie, certyfikat); 5.0.0: ogólne odrzucenie, często problem DNS lub routingu po stronie odbiorcy.
rule-exchange-anonymous-submission-advice-1 = Serwer wysyłający nie jest uwierzytelniony u odbiorcy jako członek organizacji: sprawdź wymianę X-EXPS w sesji (Kerberos do SMTPSVC/<fqdn>, członkostwo serwerów w grupie Exchange Domain Servers, zintegrowane uwierzytelnianie systemu Windows na odbierającym serwerze wirtualnym) — zob. wyniki, które to wyjaśniają, jeśli są.
rule-exchange-anonymous-submission-advice-2 = Anonimowa poczta wewnętrzna traci właściwości organizacji (XEXCH50 jest odrzucane), podlega ograniczeniom antyspamowym i przekazywania i może zostać odrzucona kodem 5.7.1.
rule-mail-loop-suspected-advice-1 = Prześledź łańcuch Received: dwa serwery podają sobie wiadomość. Sprawdź łączniki i smart hosty między nimi (łącznik kierujący domenę z powrotem tam, skąd przyszła), rekordy MX domeny i listy domen zaakceptowanych/przekazywanych po obu stronach.
rule-mail-loop-suspected-advice-2 = Pętla kończy się raportem NDR w rodzaju `554 5.4.6 Hop count exceeded - possible mail loop` po osiągnięciu limitu przeskoków, po opóźnieniach przy każdym przejściu.
rule-received-delay-advice-1 = Wiadomość przetrzymał serwer, który odebrał ją we wcześniejszej z dwóch dat: sprawdź jego kolejkę i dziennik z tego czasu (ponowienia po odrzuconym lub nieudanym połączeniu z następnym przeskokiem, wstrzymana kolejka, wolny filtr treści lub skan antywirusowy).
rule-received-delay-advice-2 = Jeśli oczekiwanie było przed tym przechwyceniem, wiadomość trzymał w kolejce serwer wysyłający tej sesji: sprawdź jego kolejkę i dlaczego wcześniejsze próby zawiodły (sesja może pokazywać wcześniejsze odrzucenie).
rule-header-from-mismatch-advice-1 = Tak widzi wiadomość filtr antyspamowy: SPF sprawdza domenę MAIL FROM, DMARC chce, by była zgodna z nagłówkiem From. Jeśli wiadomość jest prawowita (dostawca newslettera, lista dyskusyjna, przekierowanie), dla DMARC zależy od DKIM; jeśli nie, to podszycie.
rule-header-from-mismatch-advice-2 = We własnej poczcie wychodzącej wysyłaj z nadawcą koperty w tej samej domenie co From albo podpisuj DKIM dla domeny From.
rule-capture-truncated-advice-1 = Przechwyć ponownie bez limitu rozmiaru pakietu: `tcpdump -s 0` (lub `-s 262144`), `dumpcap -s 0`, opcje przechwytywania Wiresharka bez "Limit each packet", Network Monitor bez limitu rozmiaru ramki. Sieć nie zawiniła: bajty dotarły, przechwytywanie ich nie zachowało.
rule-capture-truncated-advice-2 = Do tego czasu dialog jest dekodowany z tego, co zachowano; polecenia, odpowiedzi i treści wiadomości ucięte przez limit są pokazywane jako brakujące bajty.
rule-capture-ended-advice-1 = Sesję przerwało przechwytywanie, nie sieć: co było dalej, nie wiadomo. Przechwytuj dłużej — zacznij przed wysłaniem poczty i zakończ po QUIT — albo czytaj wszystkie pliki bufora cyklicznego razem (`smtpscope analyze DIRECTORY`).
rule-connection-refused-advice-1 = Nic tam nie nasłuchuje na porcie SMTP: usługa SMTP jest zatrzymana albo powiązana z innym adresem lub portem.
rule-connection-refused-advice-2 = Zapora blokuje port: RST zwykle pochodzi od hosta lub odrzucającej zapory, cisza od zapory, która porzuca pakiety.
rule-connection-refused-advice-3 = Nadawca rozwiązał zły adres (sprawdź użyte rekordy MX i A).
rule-no-banner-advice-1 = Usługa SMTP zawiesiła się lub jest przeciążona (sprawdź kolejki, usługę SMTP oraz procesor i dysk serwera).
rule-no-banner-advice-2 = Tarpit lub antyspamowy front celowo opóźnia powitanie.
rule-no-banner-advice-3 = Proxy lub zapora sama przyjęła połączenie i trzyma je, nie mogąc dotrzeć do serwera za sobą.
rule-tcp-gap-advice-1 = Pakiety zginęły między serwerami lub w przechwytywaniu; dekoder wznowił od następnej odpowiedzi, więc tego, w co trafiła luka (podane w dowodach), nie dało się zbadać.
rule-tcp-gap-advice-2 = Jeśli przechwytywanie zgłasza też straty (capture-drops), przechwyć ponownie z większym buforem, zanim obwinisz sieć; w przeciwnym razie szukaj strat na ścieżce (błędy interfejsów, przeciążone łącze, zapora z inspekcją).
rule-unsolicited-reply-advice-1 = Urządzenie pośrednie samo odpowiedziało na polecenie albo połknęło je i przepuściło odpowiedź serwera.
rule-unsolicited-reply-advice-2 = Serwer odpowiedział dwa razy na jedno polecenie (błąd serwera; porównaj teksty odpowiedzi).
rule-unanswered-command-advice-1 = Serwer lub urządzenie pośrednie porzuciło polecenie: inspekcja SMTP zapory może połykać nieznane jej polecenia (XEXCH50, X-EXPS, BDAT).
rule-unanswered-command-advice-2 = Serwer zawiesił się lub był zbyt wolny i klient zrezygnował (zob. slow-reply, tcp-reset).
rule-unanswered-command-advice-3 = Przechwytywanie skończyło się wcześnie: porównaj koniec przechwycenia z zamknięciem połączenia.
rule-tcp-retransmission-advice-1 = Między serwerami giną pakiety: sprawdź błędy interfejsów i ustawienia dupleksu, przeciążone łącze WAN albo zaporę lub proxy, które opóźnia lub porzuca segmenty.
rule-tcp-retransmission-advice-2 = Retransmisje w środku BLOB-u XEXCH50 lub fragmentu BDAT wskazują na urządzenie pośrednie z inspekcją, które przetrzymuje dane binarne.
rule-tcp-reset-advice-1 = To, co było w drodze (podane w podsumowaniu), przepadło; nadawca ponowi później.
rule-tcp-reset-advice-2 = Jeśli zresetował odbiorca: szukaj awarii usługi SMTP lub limitu połączeń na serwerze odbierającym.
rule-tcp-reset-advice-3 = Jeśli między serwerami jest zapora lub proxy, sprawdź jej dzienniki dla tego połączenia: mechanizmy inspekcji resetują sesje, których nie umieją przetworzyć (binarne BLOB-y XEXCH50, fragmenty BDAT).
rule-slow-reply-advice-1 = Serwer wolno podejmuje decyzję: zapytania o nazwy (odwrotny DNS klienta, DNS adresatów), kategoryzator rozwiązujący adresatów w Active Directory albo skanowanie antywirusowe/antyspamowe wiadomości.
rule-slow-reply-advice-2 = Klienci rezygnują po 5 minutach (10 po treści wiadomości): wolne odpowiedzi blisko tych limitów kończą się ponowieniami i duplikatami.
rule-capture-drops-advice-1 = Wyniki tcp-gap i blob-size-mismatch traktuj ostrożnie: brakujące bajty mogły wcale nie zginąć w sieci.
rule-capture-drops-advice-2 = Przechwyć ponownie z większym buforem (tcpdump -B, dumpcap -B), węższym filtrem (tylko porty SMTP obu serwerów) lub długością snap, która mieści całe segmenty SMTP.
rule-connection-flood-advice-1 = Wiele połączeń, które nie przeniosły ani bajtu, wskazuje na SYN flood lub skanowanie portu SMTP (RFC 4987): sprawdź kolejkę SYN serwera i SYN cookies, ogranicz lub zablokuj źródła na zaporze.
rule-connection-flood-advice-2 = Wiele połączeń z danymi wskazuje na zryw prawdziwych lub nadużywających nadawców (fala spamu, burza ponowień po awarii): sprawdź limity połączeń łącznika odbierania lub serwera wirtualnego.
rule-connection-flood-advice-3 = Usunięte sesje są raportowane do chwili usunięcia (zamknięte jako `evicted`); by śledzić każde połączenie, przeanalizuj ponownie z większym --max-connections (każde ciche połączenie kosztuje około 1,5 KiB) lub zawęź przechwycenie do interesujących serwerów.
rule-dns-lookup-failed-advice-1 = NXDOMAIN dla MX: domena adresata nie istnieje w tej pisowni (literówka) albo jej delegacja DNS jest zepsuta; sprawdź to poleceniem nslookup -q=mx z serwera wysyłającego.
rule-dns-lookup-failed-advice-2 = SERVFAIL lub brak odpowiedzi: serwer DNS nadawcy nie może dotrzeć do serwerów nazw domeny (przekazywanie, zapora na porcie 53 UDP i TCP, błędy DNSSEC); sprawdź serwery DNS używane przez serwer wysyłający (Exchange: zewnętrzne ustawienia DNS łącznika wysyłania lub transportu).
rule-dns-lookup-failed-advice-3 = Serwer pocztowy bez adresu: MX domeny wskazuje nazwę bez rekordu A/AAAA; jej właściciel musi poprawić strefę.
rule-connected-not-to-mx-advice-1 = Wyjaśnia to smart host lub łącznik kierujący tę domenę gdzie indziej: wtedy wszystko jest w porządku.
rule-connected-not-to-mx-advice-2 = W przeciwnym razie nadawca użył nieaktualnego adresu: odpowiedzi z pamięci podręcznej (bufor DNS, plik hosts) sprzed przeniesienia serwera pocztowego domeny. Wyczyść bufor DNS serwera wysyłającego (ipconfig /flushdns) i sprawdź jego plik hosts.
rule-no-ptr-advice-1 = Poproś właściciela publicznego adresu IP klienta (zwykle dostawcę Internetu) o rekord PTR z nazwą serwera wysyłającego i zadbaj, by ta nazwa wskazywała z powrotem na ten sam adres.
rule-no-ptr-advice-2 = Nazwa, którą klient podaje w EHLO, powinna być tą samą nazwą: wielu odbiorców je porównuje.
rule-retry-storm-advice-1 = Przeczytaj odpowiedź odraczającą (w dowodach): odbiorca mówi dlaczego — back pressure, ograniczanie, szara lista, nieudane sprawdzenie. Usuń tę przyczynę; szybsze ponawianie nie pomoże.
rule-retry-storm-advice-2 = Ponowienia co kilka sekund zamiast minut wskazują na ustawienia ponawiania nadawcy (Exchange: interwały ponawiania transportu; RFC 5321 §4.5.4.1 wymaga co najmniej 30 minut).
rule-connection-churn-advice-1 = Jeśli serwer je odrzucił (powitania 421/554), ogranicza tego klienta: zob. throttled i back-pressure w tych sesjach oraz limity połączeń odbiorcy (Exchange: MaxInboundConnectionPerSource; Postfix: smtpd_client_connection_rate_limit).
rule-connection-churn-advice-2 = Jeśli klient sam odszedł po EHLO, może sondować (monitorowanie, weryfikacja adresów) albo potykać się o coś w odpowiedzi EHLO (TLS, AUTH); zobacz ostatnią odpowiedź przed jego wyjściem.
rule-verb-dropped-advice-1 = Coś między dwoma serwerami sprawdza SMTP: na Cisco PIX `no fixup protocol smtp 25`; na ASA `no inspect esmtp` w globalnej polityce albo mapa polityki ESMTP, która przepuszcza X-EXPS, XEXCH50, X-LINK2STATE, BDAT i STARTTLS.
rule-verb-dropped-advice-2 = Jeśli na ścieżce nie ma zapory Cisco, szukaj innego proxy SMTP, antywirusowej lub antyspamowej bramy SMTP albo reguły IPS między punktami przechwytywania.
rule-verb-dropped-advice-3 = Brak polecenia bez odpowiedzi po stronie odbiorcy i z odpowiedzią po stronie nadawcy oznacza, że urządzenie pośrednie samo na nie odpowiedziało.
summary-tls-cert-expired = Certyfikat z uzgadniania TLS był wygasły.
summary-tls-cert-not-yet-valid = Certyfikat z uzgadniania TLS nie był jeszcze ważny.
summary-tls-cert-self-signed = Certyfikat serwera jest podpisany przez siebie.
summary-starttls-not-offered-refused = Klient poprosił o STARTTLS, którego odpowiedź EHLO nie oferowała, i został odrzucony.
summary-capture-drops = { $source }: host przechwytujący zgubił pakiety ({ $dropped }); analiza jest niepełna.
evidence-capture-drops = pakiety zgubione przez przechwytywanie: { $dropped }
summary-identity-mismatch = Klient przedstawia się jako { $name }, ale uwierzytelnił się jako { $identity } (host { $host }).
summary-banner-late = Powitanie serwera przyszło { $seconds } s po otwarciu połączenia.
summary-no-banner = Serwer nie wysłał powitania przez { $seconds } s trwania połączenia.
summary-bare-lf = Polecenia, odpowiedzi lub treści DATA z końcami wierszy samym LF lub CR: { $count }.
summary-credentials-in-clear = Poświadczenia { $verb } { $mechanism } wysłano otwartym tekstem.
summary-hostname-not-fqdn = To nie jest w pełni kwalifikowana nazwa domeny: { $names }.
summary-kerberos-downgrade = { $verb } { $mechanism } oferowało Kerberos, ale wysłało NTLM: nadawca nie miał biletu Kerberos dla tego serwera.
summary-size-above-limit = MAIL FROM zapowiedziało { $size } bajtów, powyżej ogłoszonego przez serwer limitu { $limit } bajtów.
summary-open-relay = Anonimowy klient przekazał `{ $command }` spoza domen lokalnych poza nie.
summary-starttls-no-tls = Serwer przyjął { $verb }, ale klient kontynuował otwartym tekstem.
summary-exps-not-offered-no-x = Odpowiedź EHLO serwera nie oferuje X-EXPS ani żadnego słowa kluczowego X- (ujścia Exchange wyglądają na niezaładowane), a mimo to klient wysłał XEXCH50.
summary-exps-not-offered = Odpowiedź EHLO serwera nie oferuje X-EXPS, a mimo to klient wysłał XEXCH50.

## Kiedy występuje i znane fałszywe alarmy (rule-ID-trigger, rule-ID-caveats: `rules ID`)

rule-middlebox-rewrite-trigger = Dowolne z: baner, którego tekst to co najmniej 80% `*` (PIX Mailguard); polecenie złożone z liter X lub odpowiedź, która je cytuje (polecenie zamaskowane po drodze); słowo kluczowe EHLO pasujące do ^X{"{"}3,{"}"}[A-Z]?$ (maskowanie ASA); zwykłe `250 OK` w odpowiedzi na EHLO, X-EXPS, AUTH, XEXCH50 lub BDAT (polecenie zastąpione przez NOOP; dla BDAT tylko, gdy nie ogłoszono CHUNKING).
rule-middlebox-rewrite-caveats = Baner celowo złożony głównie z `*` też pasuje; zwykłe `250 OK` na BDAT liczy się tylko, gdy nie ogłoszono CHUNKING.
rule-starttls-stripped-trigger = Odpowiedź EHLO nie ma STARTTLS, a zawiera zamaskowane literami X słowo kluczowe tej samej długości (`XXXXXXXA`), albo klient wysłał STARTTLS, choć odpowiedź go nie oferowała, i został odrzucony. W `diff`: odpowiedź EHLO odbiorcy oferuje STARTTLS, a nadawcy nie.
rule-starttls-stripped-caveats = 8-literowe słowo kluczowe innego rozszerzenia, zamaskowane tak samo, wygląda identycznie, gdy serwer nigdy nie oferował STARTTLS.
rule-ehlo-rejected-trigger = Na polecenie EHLO odpowiedziano 500 lub 502.
rule-ehlo-rejected-caveats = Serwer, który naprawdę obsługuje tylko HELO, odrzuca EHLO tak samo.
rule-extended-verbs-missing-trigger = Baner wskazuje Microsoft Exchange 2000/2003 (IIS SMTP 5.0.2195 lub 6.0.3790), odpowiedź EHLO była widoczna, ale nie ogłasza żadnego z X-EXPS, XEXCH50 i X-LINK2STATE.
rule-extended-verbs-missing-caveats = Usługa IIS SMTP bez Exchange pokazuje ten sam baner i nigdy nie oferuje tych poleceń.
rule-xexch50-bad-size-trigger = Argument rozmiaru XEXCH50 ma znak, nie jest dziesiętny albo przekracza 2^30.
rule-xexch50-bad-size-caveats = Brak znanych.
rule-exps-not-offered-trigger = Odpowiedź EHLO serwera nie ma słowa kluczowego X-EXPS, a klient mimo to wysyła XEXCH50 (a odbiorca wygląda na Exchange: baner Microsoftu lub ogłoszone XEXCH50).
rule-exps-not-offered-caveats = Oceniane tylko, gdy odbiorca wygląda na Exchange; odpowiedzi EHLO wewnątrz TLS nie widać.
rule-exps-not-attempted-trigger = Serwer ogłosił X-EXPS, a klient wysyłający XEXCH50 lub X-LINK2STATE nie wysłał przed nimi X-EXPS ani AUTH. Tylko gdy początek sesji jest w przechwyceniu.
rule-exps-not-attempted-caveats = Klienci internetowi, którzy nigdy nie używają X-EXPS, nie są oceniani; podobnie sesje, których początku nie ma w przechwyceniu.
rule-exps-failed-trigger = Wymiana X-EXPS lub AUTH zakończyła się odpowiedzią inną niż 235 (535, 454, 504, 501 po `*`, …) albo zdekodowany token mówi, że pakiet zabezpieczeń ją odrzucił.
rule-exps-failed-caveats = Wymiana, której końca nie ma w przechwyceniu, nie jest oceniana. Odrzucony mechanizm, po którym nastąpił udany, nadal liczy się jako niepowodzenie. Powyższe wskazówki dotyczą sesji między serwerami Exchange; dla innych serwerów SMTP są to ogólne wskazówki dla nieudanego AUTH.
rule-kerberos-downgrade-trigger = SPNEGO NegTokenInit wymienia mechanizm Kerberos, ale jego mechToken to NTLMSSP.
rule-kerberos-downgrade-caveats = W większości środowisk NTLM nadal działa; ma to znaczenie, gdy NTLM jest ograniczony lub później zawiedzie.
rule-identity-mismatch-trigger = Pierwsza etykieta DNS nazwy HELO/EHLO różni się (bez względu na wielkość liter) od konta stacji roboczej lub komputera w zdekodowanej tożsamości NTLM albo od podmiotu klienta Kerberos.
rule-identity-mismatch-caveats = Zamierzone aliasy też pasują; porównaj z konfiguracją serwera wirtualnego.
rule-xexch50-without-auth-trigger = Polecenie XEXCH50 w sesji, w której żadna wymiana X-EXPS ani AUTH nie zakończyła się przed nim kodem 235. Błąd, gdy odpowiedź to 504 lub 505. Tylko gdy początek sesji (baner i EHLO) jest w przechwyceniu otwartym tekstem.
rule-xexch50-without-auth-caveats = Sesje, których początku nie ma w przechwyceniu lub jest on wewnątrz nieodszyfrowanego TLS, nie są oceniane.
rule-xexch50-rejected-after-auth-trigger = XEXCH50 otrzymało 504, choć wcześniej w tej samej sesji wymiana X-EXPS lub AUTH zakończyła się kodem 235.
rule-xexch50-rejected-after-auth-caveats = Brak znanych.
rule-xexch50-rejected-trigger = Polecenie XEXCH50 otrzymało dowolną odpowiedź 4xx/5xx. Błąd dla 504, 505 i rozszerzonego 5.7.1; w pozostałych przypadkach ostrzeżenie.
rule-xexch50-rejected-caveats = Odrzucenie wobec zewnętrznego partnera to oczekiwane zachowanie, nie usterka.
rule-xexch50-not-advertised-trigger = Klient wysłał XEXCH50, choć odpowiedź EHLO serwera nie ogłaszała XEXCH50.
rule-xexch50-not-advertised-caveats = Oceniane tylko, gdy odpowiedź EHLO jest w przechwyceniu otwartym tekstem.
rule-xexch50-count-mismatch-trigger = Drugi argument XEXCH50 nie jest równy (liczba adresatów przyjętych przed nim + 1).
rule-xexch50-count-mismatch-caveats = Transakcje, w których brakuje w przechwyceniu odpowiedzi na MAIL FROM lub RCPT, nie są oceniane.
rule-blob-size-mismatch-trigger = Po 354 na XEXCH50 (lub po BDAT n) bajty, które nastąpiły przed kolejną odpowiedzią lub końcem połączenia, różnią się od zapowiedzianego rozmiaru.
rule-blob-size-mismatch-caveats = Bajty utracone przez przechwytywanie liczą się jako brakujące; dowody mówią, kiedy wyjaśnia to luka.
rule-tls-before-auth-trigger = STARTTLS lub X-ANONYMOUSTLS zostało przyjęte i TLS zaczęło się przed udanym uwierzytelnieniem, wobec serwera oferującego X-EXPS.
rule-tls-before-auth-caveats = Oceniane tylko wobec serwerów oferujących X-EXPS.
rule-starttls-no-tls-trigger = Serwer odpowiedział 220 na STARTTLS (lub X-ANONYMOUSTLS), a następne bajty klienta nie są ClientHello TLS.
rule-starttls-no-tls-caveats = Przechwycenie wyeksportowane z już odszyfrowanym TLS też to wywołuje. Utracone ClientHello pokazuje się jako luka w przechwyceniu, nie jako ten wynik.
rule-starttls-refused-trigger = Odpowiedź na STARTTLS lub X-ANONYMOUSTLS z kodem 454 albo ze statusem rozszerzonym 4.7.x lub 5.7.x.
rule-tls-handshake-failed-trigger = TLS się zaczęło (ClientHello po 220 na STARTTLS lub X-ANONYMOUSTLS, albo niejawne TLS), a uzgadnianie się nie zakończyło: krytyczny alert przed Finished obu stron albo zamknięcie lub reset połączenia przed nimi.
rule-tls-handshake-failed-caveats = Przechwycenie kończące się w trakcie uzgadniania nie jest oceniane. Bez dziennika kluczy alerty TLS 1.3 są zaszyfrowane, a koniec uzgadniania jest wnioskowany z tego, że serwer mówi po Finished klienta.
rule-tls-version-obsolete-trigger = ServerHello wybrało SSL 3.0, TLS 1.0 lub TLS 1.1; albo ClientHello nie oferuje niczego nowszego (podsumowanie mówi, która strona odstaje).
rule-tls-version-obsolete-caveats = Stara wersja celowo utrzymywana dla jednego starego partnera jest zgłaszana tak samo.
rule-tls-weak-cipher-trigger = ServerHello wybrało zestaw RC4, 3DES, DES, RC2/IDEA, eksportowy, NULL lub anonimowy albo certyfikat z uzgadniania ma klucz RSA lub DSA krótszy niż 2048 bitów.
rule-tls-weak-cipher-caveats = Oceniane jest tylko to, co wynegocjowano, nie wszystko, co strona by przyjęła.
rule-tls-cert-expired-trigger = Certyfikat z łańcucha serwera (lub klienta) ma notAfter wcześniejsze niż czas ServerHello w przechwyceniu.
rule-tls-cert-expired-caveats = Oceniane według czasu przechwycenia. Certyfikat TLS 1.3 jest widoczny tylko z dziennikiem kluczy.
rule-tls-cert-not-yet-valid-trigger = Certyfikat z łańcucha serwera (lub klienta) ma notBefore późniejsze niż czas ServerHello w przechwyceniu.
rule-tls-cert-not-yet-valid-caveats = Oceniane według czasu przechwycenia: może to wywołać przechwycenie z hosta o złym zegarze.
rule-tls-cert-name-mismatch-trigger = Certyfikat serwera został zdekodowany i ani jego nazwy dNSName w subjectAltName (ani, gdy ich brak, CN) nie pasują do nazwy wysłanej przez klienta w SNI, nazwy hosta w banerze serwera ani tej w jego odpowiedzi EHLO (dopasowanie wg RFC 6125).
rule-tls-cert-name-mismatch-caveats = Nazwa sprawdzana przez weryfikującego klienta może pochodzić z jego własnej konfiguracji, której przechwycenie nie pokazuje.
rule-tls-cert-self-signed-trigger = Certyfikat końcowy serwera wskazuje samego siebie jako wystawcę (a jego identyfikatory kluczy, jeśli są, się zgadzają).
rule-tls-cert-self-signed-caveats = Certyfikat główny prywatnego urzędu przedstawiony samodzielnie wygląda tak samo.
rule-smtp-smuggling-trigger = Wewnątrz DATA niekanoniczna sekwencja końca danych (LF.LF, LF.CRLF, CRLF.LF, CR.CR, …), po której, przed prawdziwym CRLF.CRLF, następuje wiersz zaczynający się od polecenia SMTP (MAIL FROM, RCPT TO, DATA, BDAT, RSET, QUIT, EHLO, HELO).
rule-smtp-smuggling-caveats = Zachowywane są tylko pierwsze bajty po każdym kandydacie; polecenie dalej zostanie pominięte.
rule-bare-lf-trigger = Wiersz polecenia, odpowiedzi lub DATA kończy się samym LF lub samym CR.
rule-bare-lf-caveats = Informacyjne; dla większości serwerów nieszkodliwe.
rule-xlink2state-overflow-trigger = Fragment X-LINK2STATE dłuższy niż 520 bajtów bez wcześniejszego X-LINK2STATE FIRST w sesji.
rule-xlink2state-overflow-caveats = Sesje, których początku nie ma w przechwyceniu, nie są oceniane.
rule-hostname-not-fqdn-trigger = Argument HELO/EHLO (lub host w banerze) nie ma kropki i nie jest literałem adresu.
rule-hostname-not-fqdn-caveats = `localhost` i zamaskowany baner (PIX) nie są oceniane.
rule-credentials-in-clear-trigger = Poświadczenia AUTH PLAIN, AUTH LOGIN lub X-EXPS LOGIN wysłane poza TLS.
rule-credentials-in-clear-caveats = Sam sekret nigdy nie jest pokazywany.
rule-sequence-error-trigger = Odpowiedź 503 albo polecenie nie na miejscu: RCPT przed MAIL, DATA/BDAT przed RCPT, XEXCH50 poza transakcją.
rule-sequence-error-caveats = Polecenia nie na miejscu są oceniane tylko, gdy początek sesji jest w przechwyceniu.
rule-tls-required-trigger = Odpowiedź ze statusem rozszerzonym X.7.10 lub X.7.30 albo 5xx (lub 451), której słowa wymagają STARTTLS/TLS/szyfrowania (`530 5.7.0 Must issue a STARTTLS command first`). 454 (TLS niedostępne) nie jest liczone.
rule-tls-required-caveats = Odbiorca wymagający TLS od wszystkich odrzuca poprawnie.
rule-relay-denied-trigger = RCPT otrzymało 5xx ze statusem rozszerzonym 5.7.1, 5.7.54 lub 5.7.64 albo ze sformułowaniem o przekazywaniu (`Relay access denied`, `Unable to relay`), chyba że żąda uwierzytelnienia (auth-required), TLS (tls-required) albo wymienia listę blokowanych lub spam (spam-rejected). Dowody dodają stan uwierzytelnienia sesji.
rule-relay-denied-caveats = Odmowa przekazywania dla nieuwierzytelnionego nadawcy z Internetu jest poprawna; wynik ma znaczenie między serwerami tej samej organizacji.
rule-auth-required-trigger = Odpowiedź 530 (chyba że żąda STARTTLS: tls-required) albo odpowiedź 5xx ze statusem rozszerzonym 5.7.0, 5.7.1 lub 5.7.3, której tekst mówi o uwierzytelnianiu (`Client was not authenticated`, `Authentication required`).
rule-auth-required-caveats = Usługa przesyłania, która z założenia wymaga uwierzytelnienia, wywołuje to dla każdego anonimowego klienta.
rule-not-authorized-trigger = MAIL, RCPT, DATA lub treść wiadomości otrzymały 5xx ze statusem rozszerzonym 5.7.3, poza wymianą AUTH lub X-EXPS i bez sformułowań żądających uwierzytelnienia (to jest auth-required).
rule-not-authorized-caveats = Exchange wysyła też 535 5.7.3 przy nieudanym AUTH; to ocenia exps-failed.
rule-recipient-unknown-trigger = RCPT otrzymało 5xx ze statusem rozszerzonym X.1.1, X.1.0, X.1.6 lub 5.1.10, z 5.4.1 `Recipient address rejected` albo samo 550 bez innego powodu w treści. Dowody wymieniają każdy odrzucony adres.
rule-recipient-unknown-caveats = Samo 550 jest traktowane jako nieznana skrzynka, gdy odpowiedź nie podaje innego powodu.
rule-spam-rejected-trigger = Odpowiedź 5xx (powitanie, MAIL, RCPT, DATA lub treść wiadomości) z kodem spamu Exchange Online (5.7.606–649, 5.7.501–503, 5.7.511, 5.7.708, 5.7.350) albo sformułowaniem o liście blokowanych lub treści (`blocked using`, `listed in`, Spamhaus, spam). Lista jest wymieniana, gdy odpowiedź ją podaje.
rule-spam-rejected-caveats = Sformułowania są dopasowywane tylko w odpowiedziach trwałych (5xx).
rule-message-too-large-trigger = Odpowiedź ze statusem rozszerzonym X.3.4 lub X.2.3 albo 552, które nie oznacza pełnej skrzynki (5.2.2, limit); albo, jako ostrzeżenie, MAIL FROM z SIZE= powyżej limitu SIZE ogłoszonego w odpowiedzi EHLO serwera.
rule-message-too-large-caveats = Rozmiarowi zapowiedzianemu przez klienta ufa się tak, jak zapowiedziano.
rule-back-pressure-trigger = Dowolna odpowiedź ze statusem rozszerzonym 4.3.1 lub 4.3.2 (`452 4.3.1 Insufficient system resources`, `421 4.3.2 Service not available`) albo 452 bez statusu rozszerzonego, które nie dotyczy adresatów.
rule-back-pressure-caveats = Zatrzymywany serwer także odpowiada 421 4.3.2.
rule-throttled-trigger = 421 ze statusem rozszerzonym 4.7.x, 4xx z 4.7.500–4.7.699 (Exchange Online), 4.5.3 lub 452 `too many recipients`, 4.7.28 albo 4xx mówiące o limicie szybkości lub zbyt wielu połączeniach.
rule-throttled-caveats = Szara lista mówiąca o limitach szybkości też jest tu liczona.
rule-temporary-failure-trigger = Odpowiedź 4xx na powitanie, MAIL, RCPT, DATA lub treść wiadomości, której nie przejmują back-pressure ani throttled. Szara lista (odpowiedź mówi greylist/graylist) obniża ją do informacji.
rule-temporary-failure-caveats = Szara lista jest rozpoznawana wyłącznie po sformułowaniu.
rule-open-relay-trigger = Tylko z --local-domain: w sesji, która nigdy się nie uwierzytelniła, przyjęto kodem 2xx RCPT TO spoza wszystkich domen lokalnych dla nadawcy MAIL FROM spoza wszystkich domen lokalnych.
rule-open-relay-caveats = Przekazywanie przyznane znanemu hostowi według adresu IP wygląda w sieci tak samo. Pusty nadawca `<>` nie jest oceniany.
rule-delivery-failed-trigger = Końcowa odpowiedź na treść DATA lub odpowiedź na fragment BDAT to 5xx; albo MAIL FROM lub DATA otrzymało 5xx ze statusem rozszerzonym 5.0.0 lub 5.7.1 — chyba że odpowiedź przejmuje dokładniejsza reguła (auth-required, tls-required, not-authorized, message-too-large, spam-rejected, back-pressure, throttled, temporary-failure).
rule-delivery-failed-caveats = Filtr treści odrzucający spam działa zgodnie z zamierzeniem.
rule-exchange-anonymous-submission-trigger = W sesji między serwerami Exchange (X-EXPS lub XEXCH50 oferowane lub użyte albo baner Microsoftu) wiadomość niesie `X-MS-Exchange-Organization-AuthAs: Anonymous` albo `AuthAs: Internal`, choć żadna wymiana AUTH/X-EXPS w sesji nie zakończyła się kodem 235. Z `--local-domain` oceniane są tylko wiadomości, których nagłówek From jest w domenie lokalnej.
rule-exchange-anonymous-submission-caveats = Poczta z Internetu przekazywana wewnątrz organizacji jest prawomocnie Anonymous; użyj --local-domain, by oceniać tylko własną pocztę organizacji.
rule-mail-loop-suspected-trigger = Wiadomość ma ponad 25 pól `Received:` albo jej ścieżka opuszcza host odbierający (`by`) i wraca do niego (bez względu na wielkość liter; kolejne pola tego samego hosta liczą się raz, `localhost` i adresy pętli zwrotnej się nie liczą).
rule-mail-loop-suspected-caveats = Filtr treści na innym hoście, który oddaje wiadomość (A → filtr → A), wygląda jak pętla.
rule-received-delay-trigger = Dwa kolejne pola `Received:` wiadomości dzieli ponad 10 minut albo najnowsze jest o ponad 10 minut starsze od przechwycenia wiadomości — i nie więcej niż 7 dni (dłużej to zegar lub powtórzona wiadomość, nie kolejka).
rule-received-delay-caveats = Daty pochodzą z zegara każdego serwera; rozjechane zegary przenoszą oczekiwanie na inny przeskok. Oczekiwania ponad 7 dni nie są oceniane.
rule-header-from-mismatch-trigger = Wiadomość, której adres MAIL FROM i pierwszy adres nagłówka From mają domeny ani równe, ani będące jedna poddomeną drugiej. Pusty nadawca `<>` nie jest oceniany.
rule-header-from-mismatch-caveats = Listy dyskusyjne, dostawcy newsletterów i przekierowania z założenia się nie zgadzają.
rule-capture-truncated-trigger = Ramki połączenia przechwycono krótsze, niż były w sieci, a odcięte bajty były danymi TCP.
rule-capture-truncated-caveats = Pokazana długość snap to przechwycona długość uciętych ramek (z nagłówkami łącza, IP i TCP).
rule-capture-ended-trigger = Połączenie było wciąż otwarte, gdy przechwytywanie się skończyło, mniej niż 30 s po jego ostatnim pakiecie, z poleceniem bez odpowiedzi albo niedokończonym BLOB-em, fragmentem, treścią wiadomości lub odpowiedzią.
rule-capture-ended-caveats = Połączenie, które utknęło w ostatnich sekundach przed zatrzymaniem przechwytywania, wygląda tak samo.
rule-connection-refused-trigger = Na SYN klienta odpowiedziano RST (jedyny segment serwera) albo klient wysłał tylko SYN-y i nic nie wróciło.
rule-connection-refused-caveats = Przechwycenie, które widziało tylko SYN-y klienta z połączenia, które jednak się otworzyło, wyglądałoby na pozbawione odpowiedzi.
rule-no-banner-trigger = Uzgadnianie jest w przechwyceniu, serwer na nie odpowiedział, a odpowiedź powitalna nie przyszła w ciągu 30 s od SYN (lub wcale).
rule-no-banner-caveats = Celowe opóźnienie tarpitu też to wywołuje.
rule-tcp-gap-trigger = Bajty jednego kierunku nigdy nie pojawiają się w przechwyceniu: druga strona je potwierdziła albo nadeszły późniejsze dane, a dziura nigdy się nie wypełniła.
rule-tcp-gap-caveats = Luki spowodowane przez host przechwytujący są nieodróżnialne od strat w sieci, chyba że przechwycenie zgłasza swoje straty.
rule-unsolicited-reply-trigger = Pełna odpowiedź serwera, gdy żadne polecenie klienta nie czeka (po uwzględnieniu potokowania, DATA i przesyłania BLOB-ów), inna niż powitanie, 421 lub odpowiedź pożegnalna tuż przed zamknięciem przez serwer (limit bezczynności).
rule-unsolicited-reply-caveats = Odpowiedzi, które może wyjaśnić luka w przechwyceniu (ich polecenie lub wcześniejsze odpowiedzi mogą być w luce), nie są oceniane.
rule-unanswered-command-trigger = Połączenie kończy się, gdy polecenia klienta wciąż czekają na odpowiedzi, a serwer nie zapowiedział zamknięcia kodem 421 ani 521.
rule-unanswered-command-caveats = Przechwycenie zatrzymane przed nadejściem odpowiedzi wygląda tak samo.
rule-tcp-retransmission-trigger = Ponad 1% segmentów jednego kierunku lub ponad 3 segmenty wysłano ponownie, bo zginęły (powtórzony SYN lub FIN, keep-alive, kopia już potwierdzonych bajtów lub taka, którą odbiorca zgłasza jako duplikat, to nie strata). Nie dla odrzuconego połączenia (jego powtórzone SYN-y to connection-refused).
rule-tcp-retransmission-caveats = Przechwycenie po stronie nadawcy, bez D-SACK od odbiorcy, liczy jako stratę sondę utraty końcówki, której oryginał dotarł.
rule-tcp-reset-trigger = RST z dowolnej strony kończy połączenie, a przed nim nie widziano odpowiedzi 221 na QUIT.
rule-tcp-reset-caveats = RST po 221 to normalne (choć nieuprzejme) zamknięcie i nie jest zgłaszane; podobnie RST wewnątrz TLS, gdzie QUIT nie jest widoczne.
rule-slow-reply-trigger = Odpowiedź przychodzi ponad 30 s po ostatnim poleceniu lub danych klienta przed nią.
rule-slow-reply-caveats = Mierzone od pierwszego segmentu długiej treści, więc wolne wysyłanie może się do tego doliczać.
rule-capture-drops-trigger = Dla całego przechwycenia: statystyki interfejsu pcapng lub liczniki libpcap zgłaszają zgubione pakiety.
rule-capture-drops-caveats = Mogą to wywołać tylko przechwycenia zapisujące swoje liczniki strat.
rule-connection-flood-trigger = Dla całego przechwycenia: nowe połączenie zastało pełny budżet połączeń (--max-connections), więc usunięto połączenie, które najdłużej czekało bez danych (najpierw ciche); albo w trybie live połączenia zamykano po krótszym czasie bezczynności, gdy budżet był zapełniony w trzech czwartych.
rule-connection-flood-caveats = Węzeł, który zgodnie z przeznaczeniem trzyma naraz więcej połączeń niż budżet, też to wywołuje; dla takiego węzła zwiększ --max-connections.
rule-dns-lookup-failed-trigger = Dla całego przechwycenia: zapytanie MX otrzymało NXDOMAIN, SERVFAIL, REFUSED (dowolny kod błędu) albo nie otrzymało odpowiedzi w ciągu 10 s; albo zapytanie A/AAAA o host wskazany przez odpowiedź MX w przechwyceniu zawiodło w ten sam sposób (puste A i AAAA też się liczą). Jeden wynik na nazwę, z liczbą nieudanych zapytań.
rule-dns-lookup-failed-caveats = Oceniane są tylko zapytania w przechwyceniu; nadawca z odpowiedzią w pamięci podręcznej ich nie wysyła.
rule-connected-not-to-mx-trigger = Klient sesji krótko wcześniej (najwyżej 300 s) zapytał o MX domeny adresata, dostał serwery pocztowe i ich adresy (w odpowiedzi MX lub własnych zapytaniach A/AAAA), a potem połączył się z adresem, który nie jest żadnym z nich.
rule-connected-not-to-mx-caveats = Informacja: routing przez smart host jest powszechny i poprawny.
rule-no-ptr-trigger = W trakcie sesji adres serwera zapytał o PTR adresu klienta i dostał NXDOMAIN, SERVFAIL, brak rekordu lub brak odpowiedzi; a po tej odpowiedzi nastąpiło odrzucenie sesji kodem 4xx/5xx.
rule-no-ptr-caveats = Odrzucenie może mieć inny powód; przeczytaj jego tekst (4.7.25 / 5.7.25 wskazują odwrotny DNS).
rule-retry-storm-trigger = Między sesjami: trzy lub więcej prób tej samej koperty (MAIL FROM, zbiór RCPT TO, SIZE=) od jednego klienta do jednego serwera zakończyły się odpowiedzią 4xx. Dowody: próby, ich sesje, odstępy i odpowiedzi.
rule-retry-storm-caveats = Szara lista z założenia odracza raz lub dwa; trzy odroczenia jednej wiadomości to już coś niezwykłego.
rule-connection-churn-trigger = Między sesjami: co najmniej 5 sesji od jednego klienta do jednego serwera, każda krótsza niż 30 s, zakończyło się przed MAIL FROM (odrzucone powitanie, odrzucone EHLO lub klient odszedł). Dowody: jak się zakończyły.
rule-connection-churn-caveats = Sondy monitorujące z założenia tworzą krótkie sesje.
rule-verb-dropped-trigger = Tylko `smtpscope diff SENDER RECEIVER`, dla dopasowanej pary sesji: polecenie wysłane przez stronę nadawczą nie dociera do strony odbiorczej albo dociera zmienione (zamaskowane literami X, zastąpione przez NOOP, z przepisanym argumentem); albo słowo kluczowe EHLO wysłane przez odbiorcę brakuje lub jest zamaskowane po stronie nadawcy; albo baner się różni. Dowody: wiersz po każdej stronie z jego ramką.
rule-verb-dropped-caveats = Oba przechwycenia muszą pokazywać tę samą rozmowę: para dopasowana tylko heurystycznie (zob. jej pewność) może porównywać dwie różne sesje. Polecenie nieobecne w przechwyceniu odbiorcy, w którym brakuje bajtów, jest zgłaszane jako strata przechwytywania, nie jako usunięte polecenie.
summary-connection-churn = { $client } otworzył do { $server } w ciągu { $seconds } s krótkie sesje ({ $count }), które skończyły się przed MAIL.
summary-retry-storm = { $client } oferował tę samą wiadomość serwerowi { $server } w ciągu { $seconds } s (prób: { $count }), za każdym razem odroczoną ({ $reply }).
summary-no-ptr = Serwer nie znalazł PTR dla { $name } ({ $result }) i odrzucił: { $reply }.
summary-connected-not-to-mx = Klient połączył się z { $server }, który nie jest adresem MX domeny { $domain } ({ $known }).
summary-capture-truncated = Przechwycenie obcięto długością snap { $snaplen }: nie przechwycono { $bytes } bajtów danych w segmentach ({ $segments }).

## Transport, refusal and message findings

summary-tcp-retransmission = Retransmisje: { $one }.
summary-tcp-retransmission-both = Retransmisje: { $one }; { $other }.
resent-side = { $side }: { $lost } z { $segments } segmentów wysłanych ponownie po utracie ({ $bytes } bajtów){ $first }{ $spurious }
resent-first-at = , pierwszy w ramce { $frame } { $place }
resent-not-loss = ; kolejne { $count } to nie utrata
resent-in-body = w treści { $verb }
resent-in-blob = w BLOB-ie XEXCH50
resent-in-tls = wewnątrz TLS
resent-after-command = przy lub po `{ $verb }`
resent-after-reply = przy lub po odpowiedzi { $code }
resent-in-sasl = w wymianie SASL
resent-in-dialogue = w dialogu
summary-connection-refused = Połączenie z { $server } odrzucone: na SYN odpowiedziano RST.
evidence-syn-answered-by-rst = SYN do { $server }, odpowiedź RST w ramce { $frame }
summary-connection-unanswered = Połączenie z { $server } bez odpowiedzi: { $count } SYN, brak odpowiedzi.
evidence-syn-unanswered = { $count } SYN do { $server } w ciągu { $seconds } s, brak odpowiedzi
evidence-tls-began = TLS od ramki { $frame }; zaszyfrowane: { $client } bajtów od klienta i { $server } od serwera
summary-header-from-mismatch = { $message } ma nagłówek { $header } spoza { $envelope }.
summary-mail-loop-suspected = { $message } prawdopodobnie krążył w pętli: { $why }.
summary-received-delay = { $message } został opóźniony po drodze: { $why }.

## Refusal, reset and gap findings

refused-the-message = wiadomość
refused-the-connection = połączenie
refused-the-sender = nadawcę
summary-refused-because = Odrzucono { $what } odpowiedzią „{ $reply }”: { $because }.
summary-deferred-because = Odroczono { $what } odpowiedzią „{ $reply }”: { $reason }.
summary-recipient-unknown = Odrzucono { $what } odpowiedzią „{ $reply }”: adresat jest tam nieznany.
evidence-unknown-recipients = nieznani adresaci: { $addresses }
spam-listed-on = klient jest na liście { $list }
spam-refused = odrzucono jako spam
evidence-block-list = lista blokad: { $list }
advice-spam-listed = Klient { $client } jest na liście { $list }: sprawdź wpis i po usunięciu przyczyny poproś o wykreślenie.
summary-throttled = Odroczono { $what } odpowiedzią „{ $reply }”: odbiorca ogranicza tego klienta.
deferred-greylisting = greylisting: ponowna próba zostanie przyjęta
deferred-retry = nadawca musi ponowić próbę
summary-not-authorized = Odrzucono { $what } odpowiedzią „{ $reply }”: nadawca nie ma uprawnień.
summary-tcp-reset = Połączenie zostało zresetowane przez { $by } { $state }.
evidence-rst-from = nadawca RST: { $by }, { $state }
reset-by-server = serwer
reset-by-client = klient
reset-by-both = obie strony
reset-before-smtp = przed jakąkolwiek wymianą SMTP
reset-during-blob = podczas przesyłania BLOB-a XEXCH50
reset-during-bdat = w trakcie fragmentu BDAT
reset-during-data = w trakcie DATA
reset-during-auth = podczas uwierzytelniania
reset-awaiting-reply = gdy polecenie czekało na odpowiedź
reset-between-commands = między poleceniami
summary-tcp-gap = Luki w przechwyceniu: { $count }.
summary-tcp-gap-first = Luki w przechwyceniu: { $count }; pierwsza: { $first }.
evidence-gap = { $side }: brak { $bytes } bajtów od przesunięcia { $offset }, { $cause }
evidence-gap-into = { $side }: brak { $bytes } bajtów od przesunięcia { $offset }, { $cause }, { $place }
gap-acked = potwierdzone przez drugą stronę, ale nieprzechwycone
gap-capture-ended = niewypełnione do końca przechwytywania
gap-connection-ended = niewypełnione do końca połączenia
gap-memory-cap = odrzucone na limicie pamięci składania
gap-too-many-segments = odrzucone: zbyt wiele segmentów poza kolejnością
gap-snaplen = niezachowane przez przechwytywanie (długość snap)
gap-in-data = wewnątrz treści DATA
gap-in-blob = wewnątrz BLOB-a XEXCH50
gap-in-bdat = wewnątrz fragmentu BDAT
gap-in-command = wewnątrz wiersza polecenia
gap-in-reply = wewnątrz wiersza odpowiedzi
gap-between-commands = między poleceniami
gap-between-replies = między odpowiedziami

## TLS findings

refused-tls-required = najpierw wymagany jest TLS
refused-too-large = wiadomość jest za duża
deferred-short-of-resources = odbiorcy brakuje zasobów
summary-tls-before-auth = { $verb } przyjęto przed jakimkolwiek uwierzytelnieniem: reszta sesji jest zaszyfrowana.
summary-tls-before-auth-decrypted = { $verb } przyjęto przed jakimkolwiek uwierzytelnieniem; po odszyfrowaniu sesja pokazuje: { $inside }.
summary-tls-cert-name-mismatch = Certyfikat serwera wymienia { $names }, a nie { $asked }.
summary-tls-handshake-failed = Uzgadnianie TLS nie powiodło się: { $how }.
tls-failed-client-sent = klient wysłał { $alert }
tls-failed-server-sent = serwer wysłał { $alert }
tls-failed-reset = połączenie zresetowano przed zakończeniem
tls-failed-closed = połączenie zamknięto przed zakończeniem
summary-tls-weak-suite = TLS użył słabego zestawu { $suite }.
summary-tls-short-key = Certyfikat z uzgadniania TLS ma klucz krótszy niż 2048 bitów.
summary-tls-version-client-behind = Wynegocjowano { $version }: klient nie oferuje nic nowszego.
summary-tls-version-server-behind = Wynegocjowano { $version }, choć klient oferował { $offered }: serwer nie obsługuje nic nowszego.
summary-tls-version-offered = Klient nie oferuje nic nowszego niż { $offered }.

## Dialogue, DNS and exploit-shape findings

summary-dns-lookup-failed = Zapytanie { $qtype } o { $name } nie powiodło się ({ $result }): poczty dla niego nie da się dostarczyć.
dns-exchanger-of = { $name } (serwer wymiany poczty dla { $domain })
summary-capture-ended = Przechwytywanie skończyło się w trakcie sesji: { $detail }.
ehlo-fell-back-to-helo = ; klient przeszedł na HELO
summary-ehlo-rejected = Na EHLO odpowiedziano { $code }{ $fallback }: sesja działa bez rozszerzeń ESMTP.
summary-sequence-error = Polecenie poza kolejnością: { $why }.
slow-the-body = treść { $verb }
slow-the-blob = BLOB XEXCH50
slow-auth-line = wiersz uwierzytelniania
slow-last-bytes = ostatnie bajty klienta
summary-slow-reply = Serwer odpowiadał na { $what } przez { $seconds } s.
evidence-slow-sent = wysłano: { $what }
evidence-reply-after = odpowiedź po { $seconds } s
summary-starttls-refused = Odrzucono { $verb }: { $reply }.
summary-unanswered-command = Połączenie zakończyło się z poleceniami bez odpowiedzi ({ $count }): { $detail }.
summary-unsolicited-reply = Serwer wysłał { $reply }, choć żadne polecenie nie czekało na odpowiedź.
summary-xexch50-count-mismatch = XEXCH50 zapowiedział liczbę { $count }, ale przyjęto adresatów: { $accepted } (oczekiwano { $expected }).
summary-xlink2state-overflow = Fragment X-LINK2STATE o długości { $bytes } bajtów przyszedł bez fragmentu FIRST: kształt exploita MS05-021.
summary-xexch50-bad-size-accepted = Na XEXCH50 z rozmiarem { $size } (kształt exploita MS03-046) odpowiedziano 354: serwer nie ma poprawki.
summary-xexch50-bad-size = XEXCH50 z rozmiarem { $size }: kształt exploita MS03-046.
summary-xexch50-not-advertised = Klient wysłał XEXCH50, choć odpowiedź serwera na EHLO go nie ogłaszała.
summary-xexch50-rejected-after-auth = XEXCH50 odrzucono kodem 504 po udanym uwierzytelnieniu: nadawca jest uwierzytelniony, ale nie ma uprawnień (Send As).
summary-blob-size-mismatch = { $verb } zapowiedział { $declared } bajtów, a nadeszło { $transferred }: { $why }.

## Smuggling and connection flood

summary-smtp-smuggling = Treść DATA zawiera { $sequence }, a po nim { $command }: próba przemytu SMTP (SMTP smuggling).
summary-smtp-smuggling-answered = Treść DATA zawiera { $sequence }, a po nim { $command }: próba przemytu SMTP (SMTP smuggling), a serwer odpowiedział na przemycone polecenia.
summary-connection-flood = { $source }: naraz otwartych było ponad { $max } połączeń; { $evicted ->
       *[other] { $shown } usunięto przed zakończeniem
    }{ $early }.
flood-closed-early = { " " }i { $count } zamknięto wcześniej przy prawie pełnym budżecie

## diff findings

summary-verb-dropped = Między dwoma serwerami usunięto lub przepisano czasowniki, słowa kluczowe lub banery ({ $count }): { $labels }.
advice-verb-swallowed = Nadawca dostał `{ $reply }` (ramka { $frame }), którego odbiorca nigdy nie wysłał: urządzenie pośrodku połknęło `{ $command }` i samo na nie odpowiedziało.
summary-starttls-stripped = Odbiorca oferował STARTTLS, ale odpowiedź EHLO u nadawcy już nie: usunięto go po drodze, więc sesji nie dało się zaszyfrować.

## Text report: session header

text-banner = baner
text-time = czas
text-frames = ramki
text-handshake-seen = uzgadnianie widoczne
text-mid-stream = przechwycone w trakcie (bez SYN)

## Wyniki: wiersze dowodów

evidence-bare-line-ends = treść DATA ma zakończenia wierszy samym LF: { $lf }, samym CR: { $cr }
short-blob-gap = w jego środku jest luka w przechwyceniu
short-blob-reset = w jego trakcie połączenie zresetowano
short-blob-ended = w jego trakcie połączenie się zakończyło
evidence-blob-short = zapowiedziano { $declared } bajtów, przesłano { $transferred }; { $why }
evidence-capture-ended-after = przechwytywanie skończyło się { $seconds } s po ostatnim pakiecie połączenia, przy otwartym połączeniu
evidence-snaplen = przechwycenie obcięte długością snap { $snaplen }
evidence-snaplen-lost = klient→serwer: nieprzechwycone { $c2s_bytes } bajtów w segmentach ({ $c2s_segments }); serwer→klient: { $s2c_bytes } bajtów w segmentach ({ $s2c_segments })
evidence-mx-addresses = ich adresy: { $addresses }
evidence-connected-to = połączono z { $server }
evidence-session-line = sesja { $session }: { $how }
churn-greeting = powitanie { $reply }
churn-ended-after = zakończona po { $reply }
churn-ended-without-reply = zakończona bez odpowiedzi
evidence-flood-budget = budżet połączeń { $max } (--max-connections); najwięcej otwartych naraz: { $peak }
evidence-flood-peak-rate = najwięcej nowych połączeń w jednej sekundzie: { $count }
evidence-flood-peak-rate-at = najwięcej nowych połączeń w jednej sekundzie: { $count } ({ $at })
evidence-flood-evicted = usunięto: { $evicted }, w tym bez ani jednego bajtu: { $quiet }
evidence-flood-given-up = porzucane od { $first } do { $last } ({ $seconds } s)
evidence-flood-given-up-rate = porzucane od { $first } do { $last } ({ $seconds } s, { $rate } na sekundę)
dns-no-answer = brak odpowiedzi
dns-pending = przechwytywanie skończyło się przed odpowiedzią
dns-no-data = NOERROR, brak rekordu tego typu
dns-answered = odpowiedziano
evidence-ptr = { $querier } PTR { $name }: { $result }
evidence-dns-asked = { $querier } zapytał { $server } o { $qtype } { $name }: { $result }
evidence-dns-failed-in-all = … nieudanych zapytań łącznie: { $count }
auth-state-authenticated = sesja uwierzytelniona (wymiana SASL zakończona kodem 235)
auth-state-no-reply = brak odpowiedzi
auth-state-failed = sesja anonimowa: { $verb } { $mechanism } nie powiodło się ({ $reply })
auth-state-no-ehlo = sesja anonimowa: bez rozszerzeń EHLO, więc X-EXPS/AUTH nie były możliwe
auth-state-not-tried = sesja anonimowa: serwer oferował X-EXPS/AUTH, ale klient nie spróbował
auth-state-not-offered = sesja anonimowa: serwer nie oferował uwierzytelniania
evidence-mechanism = mechanizm { $mechanism }
evidence-identity = tożsamość { $identity }
evidence-kerberos-offered-ntlm-sent = zaoferowano Kerberos, ale wysłano NTLM
evidence-spnego-offers-ntlm = SPNEGO NegTokenInit oferuje { $offered }; jego mechToken to NTLMSSP
evidence-ehlo-keywords-no-exps = słowa kluczowe EHLO: { $keywords } (bez X-EXPS)
evidence-ehlo-keywords-no-exchange = słowa kluczowe EHLO: { $keywords } (bez X-EXPS, XEXCH50 i X-LINK2STATE)
evidence-ehlo-no-keywords-no-exchange = słowa kluczowe EHLO: brak (bez X-EXPS, XEXCH50 i X-LINK2STATE)
evidence-reply-inferred = { $reply } (wywnioskowane: utracone w luce przechwycenia)
envelope-mail-from-domain = domeny MAIL FROM { $domain }
fqdn-server-calls-itself = serwer nazywa siebie `{ $name }`
fqdn-client-introduced = klient przedstawił się jako `{ $name }`
loop-host-again = pól Received: { $count }; ścieżka ponownie wchodzi na ten sam host: { $hosts }
loop-too-many-hops = pól Received: { $count } (więcej niż { $max })
evidence-received-path = ścieżka (od najstarszego): { $path }
delay-held-by-hop = { $held_by } przetrzymał ją { $delay }, zanim odebrał ją { $by } (przeskok { $hop } z { $hops })
delay-held-before-session = { $held_by } przetrzymał ją { $delay }, zanim ta sesja ją dostarczyła
evidence-size-over-limit = MAIL FROM zapowiedział SIZE={ $size }; limit serwera w EHLO to SIZE { $limit }
signature-pix-banner = PIX Mailguard: tekst banera zamaskowany znakami `*`
signature-verb-masked = polecenie zamaskowane po drodze literami X: `{ $verb }`
signature-verb-quoted-masked = serwer cytuje `{ $verb }` zamaskowane literami X
signature-asa-keywords = maskowanie słów kluczowych EHLO przez ASA: { $keywords }
signature-noop = podmiana na NOOP: na `{ $verb }` odpowiedziano samym 250 OK
evidence-signature = sygnatura: { $name }
sequence-rcpt-before-mail = RCPT przed MAIL
sequence-data-before-rcpt = DATA lub BDAT przed jakimkolwiek RCPT
sequence-xexch50-outside = XEXCH50 poza transakcją pocztową
sequence-answered-503 = na { $verb } odpowiedziano 503
evidence-no-auth-local-domains = brak uwierzytelnienia w sesji; domeny lokalne: { $domains }
evidence-message-envelope = wiadomość { $envelope }
retry-after-previous = { $reply }, { $seconds } s po poprzedniej
inside-auth-succeeded = powiodło się
inside-auth-failed = nie powiodło się
inside-auth-cancelled = zostało anulowane
inside-auth-incomplete = nie dostało ostatecznej odpowiedzi
inside-auth = { $auth } { $outcome }
inside-auth-code = { $auth } { $outcome } ({ $code })
inside-xexch50-blob = na XEXCH50 z BLOB-em { $bytes } bajtów odpowiedziano { $code }
inside-xexch50 = na XEXCH50 odpowiedziano { $code }
inside-xexch50-no-reply = XEXCH50 bez odpowiedzi
inside-nothing = bez uwierzytelniania i bez XEXCH50
evidence-decrypted-with = odszyfrowano za pomocą: { $key }; wewnątrz TLS: { $inside }
evidence-decrypted = odszyfrowano podanymi kluczami; wewnątrz TLS: { $inside }
evidence-smuggling-at = { $sequence } w bajcie { $offset } treści, a po nim { $followed }
line-smuggled = { $line } (przemycone)
cert-no-cn = CN (brak)
cert-san-more = SAN { $names } (+{ $more } kolejnych)
cert-the-server = certyfikat serwera
cert-chain = certyfikat łańcucha nr { $number }
cert-the-client = certyfikat klienta
cert-client-number = certyfikat klienta nr { $number }
cert-valid-from-to = ważny od { $from } do { $to }
cert-validity-unknown = ważność nieznana
evidence-cert-window = { $whose } { $subject } ({ $names }): { $window }
evidence-handshake-day = uzgadnianie odbyło się { $day } (według czasu samego przechwycenia)
suites-and-more = { $suites } i { $more } innych
evidence-client-offered = klient zaoferował { $versions } z zestawami ({ $count }: { $suites })
evidence-server-chose = serwer wybrał { $version } z { $suite }
weak-export = zestaw klasy eksportowej (klucze 40/56-bitowe)
weak-null = brak jakiegokolwiek szyfrowania (szyfr NULL)
weak-rc4 = RC4, zakazany przez RFC 7465
weak-3des = 3DES, 64-bitowy szyfr blokowy podatny na Sweet32 (CVE-2016-2183)
weak-des = pojedynczy DES (klucz 56-bitowy)
weak-obsolete = przestarzały szyfr (RC2/IDEA)
weak-anonymous = anonimowa wymiana kluczy: serwer nie jest uwierzytelniony
evidence-weak-suite = { $suite }: { $why }
evidence-short-key = { $whose } { $subject } ma { $bits }-bitowy klucz { $key }
evidence-cert-self-signed = certyfikat { $subject } ({ $names }) wystawiony sam dla siebie
name-source-banner = baner
name-source-ehlo-reply = odpowiedź EHLO
name-with-source = { $name } ({ $source })
evidence-cert-names = certyfikat { $subject }: { $names }
evidence-server-named = serwer nazwano { $names }
evidence-no-server-hello = serwer nie wysłał ServerHello
evidence-alert = alert: { $alert }
size-signed = ze znakiem
size-not-decimal = niedziesiętnym
size-beyond-64-bits = przekraczającym 64 bity
size-above-2-30 = powyżej 2^30
evidence-size-argument = argument z rozmiarem { $what }
evidence-recipients-accepted-before = adresatów przyjętych wcześniej: { $count }
evidence-auth-235-before = { $verb } { $mechanism } zakończyło się wcześniej kodem 235
evidence-no-auth-235-before = żadna wymiana X-EXPS ani AUTH nie zakończyła się wcześniej kodem 235
evidence-ehlo-no-xexch50 = odpowiedź EHLO nie wymieniała XEXCH50
evidence-xlink2state-chunk = fragment o długości { $bytes } bajtów, bez wcześniejszego X-LINK2STATE FIRST
evidence-greeting-after = powitanie po { $seconds } s
evidence-no-greeting = brak powitania; połączenie skończyło się po { $seconds } s
evidence-starttls-offered-unused = serwer oferował STARTTLS; klient go nie użył
evidence-starttls-not-in-ehlo = lista EHLO serwera nie oferowała STARTTLS
evidence-no-ehlo-list = nie widać listy EHLO
evidence-frame = ramka { $frame }

## Wyniki: zalecenia zależne od tego, co widać

advice-exps-plain-login = Przy PLAIN lub LOGIN odrzucono nazwę użytkownika lub hasło albo serwer w ogóle nie oferuje AUTH; przyczyny związane z Kerberosem poniżej dotyczą X-EXPS i GSSAPI/NTLM między serwerami Exchange.
advice-exps-no-x-keyword = Nie ogłoszono żadnego słowa kluczowego zaczynającego się od X: na odbiorcy nie są załadowane ujścia protokołu Exchange albo przed nim odpowiada stos SMTP programu antywirusowego lub bramy.
advice-smuggling-answered = Serwer odpowiedział na przemycone polecenia: uznał niekanoniczną sekwencję za koniec danych i przyjął drugą, sfałszowaną wiadomość. Natychmiast zainstaluj poprawkę lub zmień konfigurację.
advice-tls-decrypted = Sesję odszyfrowano: to, co działo się wewnątrz TLS (uwierzytelnianie, XEXCH50, wiadomość), jest w zapisie dialogu i wynikach tej sesji.
advice-tls-exchange-2003 = Odbiorca to Exchange 2000/2003: TLS przed X-EXPS to krok 3 z KB 843106, jeśli XEXCH50 zawodzi.
advice-unsolicited-smuggling = Serwer odpowiedział przed sekwencją CRLF.CRLF treści DATA: uznał niekanoniczną sekwencję końca danych za koniec, więc te odpowiedzi dotyczą poleceń przesłanych wewnątrz treści.
advice-xexch50-unpatched = Serwer odpowiedział 354 na nieprawidłowy rozmiar: nie ma poprawki MS03-046. Natychmiast ją zainstaluj.
advice-tls-alert-protocol-version = protocol_version: strony nie mają wspólnej wersji TLS. Włącz TLS 1.2 po starszej stronie (Windows Server 2008/2008 R2 i Exchange 2010 wymagają aktualizacji; SChannel Windows 2003 jej nie ma) albo dopuść starszą wersję po nowszej stronie do czasu wymiany.
advice-tls-alert-no-suite = handshake_failure/insufficient_security: nie ma zestawu szyfrów (ani wymiany kluczy) akceptowanego przez obie strony. Porównaj ofertę z dowodów z listą szyfrów serwera.
advice-tls-alert-bad-certificate = Klient odrzucił certyfikat serwera: sprawdź jego łańcuch (wysłane certyfikaty pośrednie), datę ważności i nazwy względem tego, czego oczekuje klient.
advice-tls-alert-unrecognized-name = unrecognized_name: serwer nie ma certyfikatu dla nazwy, o którą klient poprosił w SNI.
advice-tls-alert-certificate-required = certificate_required: serwer wymaga certyfikatu klienta (wzajemny TLS, zabezpieczenia domeny Exchange), a klient go nie wysłał.

## Anomalie protokołu (raporty tekstowy i HTML; JSON pozostaje po angielsku)

end-connection-ended = połączenie się zakończyło
end-connection-idle = połączenie zamilkło
end-connection-reused = nowe połączenie użyło ponownie jego adresów
end-capture-ended = przechwytywanie się zakończyło
end-connection-evicted = połączenie zostało usunięte
awaiting-data-body = treść DATA
awaiting-blob = BLOB XEXCH50
awaiting-sasl-line = wiersz SASL
awaiting-client-line = wiersz klienta
anomaly-transcript-truncated = zapis dialogu przekroczył { $max } pozycji: zachowano pierwsze { $head } i ostatnie { $tail }, pozycje pomiędzy są tylko policzone
limit-transactions = polecenia MAIL ponad { $max } zachowywanych transakcji: zapisane w ostatniej
limit-recipients = polecenia RCPT ponad { $max } zachowywanych adresatów na transakcję: policzone, niezachowane
limit-auth = wymiany SASL ponad { $max } zachowywanych: rozpoznane jako wymiany, niezachowane
limit-tokens = tokeny SASL ponad { $max } zachowywanych na wymianę: policzone, niezachowane
anomaly-limit = { $what }: { $count }
anomaly-more-not-kept = nie zachowano kolejnych anomalii: { $count }
anomaly-xexch50-size-invalid = na XEXCH50 bez użytecznego rozmiaru odpowiedziano 354: nie da się wyznaczyć granic BLOB-a
anomaly-bdat-size-invalid = BDAT bez użytecznego rozmiaru ({ $size }): to odpowiedź rozstrzyga, czy nastąpi fragment
anomaly-bdat-arguments-invalid = argumenty BDAT inne niż `size [LAST]`: to odpowiedź rozstrzyga, czy nastąpi fragment
anomaly-gap-in-payload = brak { $bytes } bajtów wewnątrz danych
anomaly-unit-blob = BLOB-a XEXCH50
anomaly-unit-chunk = fragmentu BDAT
anomaly-counted-truncated = { $ended } { $bytes } bajtów przed końcem { $what }
anomaly-spoke-before-banner = { $verb } wysłane przed powitaniem serwera
anomaly-reply-before-end-held = serwer odpowiedział przed CRLF.CRLF; treść zawierała { $sequence } w bajcie { $offset }
anomaly-reply-before-end = serwer odpowiedział, zanim treść DATA doszła do CRLF.CRLF
anomaly-smuggled-tail-truncated = nie odtworzono { $dropped } bajtów po niekanonicznym końcu danych (odtworzono pierwsze { $replayed })
anomaly-gate-assumed-accepted = klient kontynuował bez przechwyconej odpowiedzi na { $what }; przyjęto, że zaakceptowano
anomaly-gate-assumed-refused = klient wysyłał dalej polecenia bez przechwyconej odpowiedzi na { $what }; przyjęto, że odrzucono
anomaly-gap-in-reply-line = brak { $bytes } bajtów wewnątrz wiersza odpowiedzi
anomaly-gap-in-reply = brak { $bytes } bajtów wewnątrz odpowiedzi { $code }
anomaly-gap-in-command-line = brak { $bytes } bajtów wewnątrz wiersza polecenia
anomaly-gap-in-data = brak { $bytes } bajtów wewnątrz treści DATA; treść kończy się tutaj
anomaly-midstream-start = przechwycenie nie zawiera SYN: sesja zaczęła się wcześniej
anomaly-data-truncated = { $ended } wewnątrz treści DATA
anomaly-invalid-base64 = { $bytes }-bajtowy wiersz SASL, który nie jest w base64
anomaly-starttls-not-followed = klient kontynuował otwartym tekstem po odpowiedzi 220 na { $verb }
anomaly-line-unterminated = { $ended } w środku wiersza ({ $bytes } bajtów)
anomaly-bare-lf = wiersz zakończony samym LF, nie CRLF
anomaly-line-truncated = wiersz o długości { $bytes } bajtów: zachowano pierwsze i ostatnie { $kept } bajtów, { $cut } bajtów pomiędzy nie
anomaly-line-too-long = wiersz o długości { $bytes } bajtów (RFC 5321 dopuszcza { $max })
anomaly-malformed-command = to nie polecenie: { $line }
anomaly-malformed-reply = to nie wiersz odpowiedzi: { $line }
anomaly-reply-code-changed = odpowiedź { $code } była kontynuowana z innym kodem
anomaly-reply-truncated = odpowiedź { $code } o { $total } wierszach: zachowano pierwsze { $head } wierszy i ostatni, { $lines } wierszy pomiędzy ({ $bytes } bajtów tekstu) nie
anomaly-reply-unfinished = { $ended } w środku odpowiedzi { $code }
anomaly-pending-given-up = na odpowiedzi czekało { $max } poleceń; porzucono oczekiwanie na { $what }
anomaly-no-greeting = pierwszą odpowiedzią było { $code }, nie powitanie
anomaly-reply-without-command = { $reply } nadeszło, gdy żadne polecenie nie czekało na odpowiedź
anomaly-reply-without-command-hint = { $reply } nadeszło, gdy żadne polecenie nie czekało na odpowiedź (ostatnia treść DATA zawierała { $sequence } w bajcie { $offset })
anomaly-server-direction-missing = nie przechwycono ani jednego bajtu od serwera do klienta
anomaly-client-direction-missing = nie przechwycono ani jednego bajtu od klienta do serwera
anomaly-command-unanswered = brak odpowiedzi na { $what }, zanim { $ended }

## Raport tekstowy: nagłówek sesji, luki, liczby

text-tunnel = tunel
text-gap = luka
text-retried = ponowiono
text-incomplete-input = niepełne dane wejściowe:
text-closed-fin = zamknięte przez FIN
text-closed-rst = zresetowane (RST)
text-closed-idle = nadal otwarte, bezczynne dłużej niż limit czasu
text-closed-reused = nadal otwarte, gdy nowy SYN użył ponownie jego portów
text-closed-end-of-input = nadal otwarte na końcu przechwycenia
text-closed-evicted = nadal otwarte, usunięte przy pełnym budżecie połączeń (--max-connections)
text-sent-fin = wysłano FIN
text-sent-rst = wysłano RST
text-gap-acked = potwierdzone przez drugą stronę, ale nieprzechwycone
text-gap-capture-ended = nadal brakujące na końcu przechwytywania
text-gap-connection-ended = nadal brakujące na końcu połączenia
text-gap-connection-cap = porzucone: bufor składania połączenia był pełny
text-gap-total-cap = porzucone: całkowity bufor składania był pełny
text-gap-too-many = porzucone: zbyt wiele segmentów poza kolejnością
text-gap-snaplen = niezachowane przez przechwytywanie (długość snap)
text-retry-delivered = potem dostarczona
text-retry-not-delivered = niedostarczona
count-segments = { $count ->
        [one] { $n } segment
        [few] { $n } segmenty
        [many] { $n } segmentów
       *[other] { $n } segmentu
    }
count-bytes = { $count ->
        [one] { $n } bajt
        [few] { $n } bajty
        [many] { $n } bajtów
       *[other] { $n } bajtu
    }
count-retransmitted = { $count ->
        [one] { $n } retransmisja
        [few] { $n } retransmisje
       *[other] { $n } retransmisji
    }
count-not-loss = { $count ->
       *[other] { $n } to nie utrata
    }
count-gaps = { $count ->
        [one] { $n } luka
        [few] { $n } luki
        [many] { $n } luk
       *[other] { $n } luki
    }
count-overlap-bytes = { $count ->
       *[other] sprzecznie nakładające się bajty: { $n }
    }
count-sessions = { $count ->
        [one] { $n } sesja
        [few] { $n } sesje
       *[other] { $n } sesji
    }
count-with-tls = { $count ->
       *[other] z TLS: { $n }
    }
count-files = { $count ->
        [one] { $n } plik
        [few] { $n } pliki
        [many] { $n } plików
       *[other] { $n } pliku
    }
count-packets = { $count ->
        [one] { $n } pakiet
        [few] { $n } pakiety
        [many] { $n } pakietów
       *[other] { $n } pakietu
    }
count-smtp-sessions = { $count ->
        [one] { $n } sesja SMTP
        [few] { $n } sesje SMTP
       *[other] { $n } sesji SMTP
    }
count-tcp-connections = { $count ->
        [one] { $n } połączenie TCP
        [few] { $n } połączenia TCP
        [many] { $n } połączeń TCP
       *[other] { $n } połączenia TCP
    }
count-findings = { $count ->
        [one] { $n } wynik
        [few] { $n } wyniki
        [many] { $n } wyników
       *[other] { $n } wyniku
    }
text-tunnel-line = { $kind } przez { $proxy } do { $host }:{ $port }
text-tunnel-line-user = { $kind } przez { $proxy } do { $host }:{ $port } (użytkownik { $user })
text-gap-line = { $dir } od bajtu { $offset }: brak { $bytes }, { $reason }
text-gap-more = … i { $n } kolejnych
text-snaplen = przechwycenie obcięte długością snap { $snaplen }: nie przechwycono danych ({ $bytes }, { $segments })
text-flow-messages = wiadomości: przyjęte { $accepted }, odroczone { $deferred }, odrzucone { $refused }
text-flow-recipients-refused = odrzuceni adresaci { $codes }
text-flow-replies = odpowiedzi: mediana { $median } ms, najgorsza { $worst } ms
text-retry = { $envelope }: prób { $attempts }, odroczeń { $deferred }, w ciągu { $seconds } s, { $outcome }
text-interface = interfejs { $name }
text-summary-counts = łącznie { $source }, { $packets } ({ $bytes }), { $sessions }, { $connections }
text-capture-dropped = samo przechwytywanie zgubiło { $packets }
text-in-sessions = w sesji { $sessions }
text-in-sessions-more = w sesji { $sessions } i { $n } kolejnych

## explain: ramy opisu kodu

rules-ndr-causes = Przyczyny, od najbardziej prawdopodobnej:
rules-ndr-steps = Kroki:
rules-greeting = powitanie
code-source-iana = rejestr IANA ({ $rfc })
code-class-2 = sukces
code-class-4 = trwały błąd przejściowy
code-class-5 = błąd trwały
code-subject-0 = inny lub niezdefiniowany stan
code-subject-1 = adresowanie
code-subject-2 = skrzynka pocztowa
code-subject-3 = system pocztowy
code-subject-4 = sieć i routing
code-subject-5 = protokół doręczania poczty
code-subject-6 = treść wiadomości lub nośnik
code-subject-7 = zabezpieczenia lub zasady
code-subject-unknown = nieznany temat
code-parts = { $class }; { $subject } (szczegół niezarejestrowany)
code-no-enhanced = brak rozszerzonego kodu stanu
code-see-rfc-3463 = zob. RFC 3463
explain-ndr = Raport o niedostarczeniu ({ $reference }): { $situation }
explain-in-reply-to = { $id } (w odpowiedzi na { $verbs })

## Nazwy kodów odpowiedzi (explain i wiersze ↳ dialogu)

code-211 = Stan systemu lub odpowiedź pomocy
code-214 = Komunikat pomocy
code-220 = Usługa gotowa
code-221 = Usługa zamyka kanał transmisji
code-235 = Uwierzytelnianie powiodło się
code-250 = Żądana operacja pocztowa wykonana
code-251 = Użytkownik nie jest lokalny; przekażę dalej
code-252 = Nie można zweryfikować użytkownika, ale wiadomość zostanie przyjęta i nastąpi próba doręczenia
code-334 = Wyzwanie serwera
code-354 = Rozpocznij wprowadzanie poczty
code-421 = Usługa niedostępna, zamykanie kanału transmisji
code-432 = Wymagana zmiana hasła
code-450 = Żądana operacja pocztowa niewykonana: skrzynka niedostępna
code-451 = Żądana operacja przerwana: lokalny błąd przetwarzania
code-452 = Żądana operacja niewykonana: brak miejsca w systemie
code-454 = Tymczasowy błąd uwierzytelniania lub TLS
code-455 = Serwer nie może uwzględnić parametrów
code-500 = Błąd składni, nierozpoznane polecenie
code-501 = Błąd składni parametrów lub argumentów
code-502 = Polecenie niezaimplementowane
code-503 = Zła kolejność poleceń
code-504 = Parametr polecenia niezaimplementowany
code-521 = Serwer nie przyjmuje poczty
code-523 = Wymagane szyfrowanie
code-530 = Wymagane uwierzytelnienie lub STARTTLS
code-534 = Mechanizm uwierzytelniania jest zbyt słaby
code-535 = Nieprawidłowe poświadczenia uwierzytelniania
code-538 = Żądany mechanizm uwierzytelniania wymaga szyfrowania
code-550 = Żądana operacja niewykonana: skrzynka niedostępna
code-551 = Użytkownik nie jest lokalny
code-552 = Żądana operacja pocztowa przerwana: przekroczono przydział miejsca
code-553 = Żądana operacja niewykonana: niedozwolona nazwa skrzynki
code-554 = Transakcja nie powiodła się
code-555 = Parametry MAIL FROM/RCPT TO nierozpoznane lub niezaimplementowane
code-556 = Domena nie przyjmuje poczty
code-X-0-0 = Inny niezdefiniowany stan
code-X-1-0 = Inny stan adresu
code-X-1-1 = Zły adres skrzynki docelowej
code-X-1-2 = Zły adres systemu docelowego
code-X-1-3 = Zła składnia adresu skrzynki docelowej
code-X-1-4 = Niejednoznaczny adres skrzynki docelowej
code-X-1-5 = Adres docelowy prawidłowy
code-X-1-6 = Skrzynka docelowa przeniesiona, brak adresu przekierowania
code-X-1-7 = Zła składnia adresu skrzynki nadawcy
code-X-1-8 = Zły adres systemu nadawcy
code-X-1-9 = Wiadomość przekazana do niezgodnego programu pocztowego
code-X-1-10 = Adres adresata ma null MX
code-X-2-0 = Inny lub niezdefiniowany stan skrzynki
code-X-2-1 = Skrzynka wyłączona, nie przyjmuje wiadomości
code-X-2-2 = Skrzynka pełna
code-X-2-3 = Długość wiadomości przekracza limit administracyjny
code-X-2-4 = Problem z rozwinięciem listy dystrybucyjnej
code-X-3-0 = Inny lub niezdefiniowany stan systemu pocztowego
code-X-3-1 = System pocztowy pełny
code-X-3-2 = System nie przyjmuje wiadomości z sieci
code-X-3-3 = System nie obsługuje wybranych funkcji
code-X-3-4 = Wiadomość za duża dla systemu
code-X-3-5 = System nieprawidłowo skonfigurowany
code-X-3-6 = Żądany priorytet został zmieniony
code-X-4-0 = Inny lub niezdefiniowany stan sieci lub routingu
code-X-4-1 = Brak odpowiedzi od hosta
code-X-4-2 = Złe połączenie
code-X-4-3 = Awaria serwera katalogowego
code-X-4-4 = Nie można wyznaczyć trasy
code-X-4-5 = Przeciążenie systemu pocztowego
code-X-4-6 = Wykryto pętlę routingu
code-X-4-7 = Upłynął czas doręczenia
code-X-5-0 = Inny lub niezdefiniowany stan protokołu
code-X-5-1 = Nieprawidłowe polecenie
code-X-5-2 = Błąd składni
code-X-5-3 = Zbyt wielu adresatów
code-X-5-4 = Nieprawidłowe argumenty polecenia
code-X-5-5 = Zła wersja protokołu
code-X-5-6 = Wiersz wymiany uwierzytelniania jest za długi
code-X-6-0 = Inny lub niezdefiniowany błąd nośnika
code-X-6-1 = Nieobsługiwany nośnik
code-X-6-2 = Wymagana konwersja jest zabroniona
code-X-6-3 = Wymagana konwersja nie jest obsługiwana
code-X-6-4 = Wykonano konwersję ze stratą
code-X-6-5 = Konwersja nie powiodła się
code-X-6-6 = Treść wiadomości niedostępna
code-X-6-7 = Adresy spoza ASCII niedozwolone
code-X-6-8 = Wymagana odpowiedź z ciągiem UTF-8
code-X-6-9 = Wiadomości z nagłówkiem UTF-8 nie można przesłać
code-X-7-0 = Inny lub niezdefiniowany stan zabezpieczeń
code-X-7-1 = Doręczenie niedozwolone, wiadomość odrzucona
code-X-7-2 = Rozwijanie listy dystrybucyjnej zabronione
code-X-7-3 = Wymagana konwersja zabezpieczeń jest niemożliwa
code-X-7-4 = Funkcje zabezpieczeń nieobsługiwane
code-X-7-5 = Błąd kryptograficzny
code-X-7-6 = Nieobsługiwany algorytm kryptograficzny
code-X-7-7 = Naruszona integralność wiadomości
code-X-7-8 = Nieprawidłowe poświadczenia uwierzytelniania
code-X-7-9 = Mechanizm uwierzytelniania jest zbyt słaby
code-X-7-10 = Wymagane szyfrowanie
code-X-7-11 = Żądany mechanizm uwierzytelniania wymaga szyfrowania
code-X-7-12 = Wymagana zmiana hasła
code-X-7-13 = Konto użytkownika wyłączone
code-X-7-14 = Wymagana relacja zaufania
code-X-7-15 = Zbyt niski poziom priorytetu
code-X-7-16 = Wiadomość za duża dla podanego priorytetu
code-X-7-17 = Zmienił się właściciel skrzynki
code-X-7-18 = Zmienił się właściciel domeny
code-X-7-19 = Nie można ukończyć testu RRVS
code-X-7-20 = Nie znaleziono poprawnego podpisu DKIM
code-X-7-21 = Nie znaleziono akceptowalnego podpisu DKIM
code-X-7-22 = Nie znaleziono ważnego podpisu DKIM zgodnego z autorem
code-X-7-23 = Weryfikacja SPF nie powiodła się
code-X-7-24 = Błąd weryfikacji SPF
code-X-7-25 = Weryfikacja odwrotnego DNS nie powiodła się
code-X-7-26 = Wiele testów uwierzytelniania nie powiodło się
code-X-7-27 = Adres nadawcy ma null MX
code-X-7-28 = Wykryto zalew poczty
code-X-7-29 = Błąd weryfikacji ARC
code-X-7-30 = Wymagana obsługa REQUIRETLS
code-4-3-1 = Niewystarczające zasoby systemowe
code-4-3-2 = Usługa niedostępna
code-4-4-1 = Przekroczono limit czasu połączenia
code-4-4-2 = Połączenie zerwane
code-4-4-7 = Wiadomość opóźniona lub wygasła
code-4-4-62 = Poczta wysłana do niewłaściwego regionu Office 365
code-4-4-316 = Połączenie odrzucone
code-4-7-0 = Tymczasowy błąd serwera
code-4-7-26 = Wiadomość przez IPv6 musi przejść SPF lub DKIM
code-4-7-650 = Wysyłający adres IP ograniczony ze względu na reputację
code-5-0-0 = Ogólny błąd (często brak trasy)
code-5-1-8 = Odmowa dostępu, zły nadawca wychodzący
code-5-1-10 = Nie znaleziono adresata
code-5-1-90 = Osiągnięto dzienny limit adresatów
code-5-2-121 = Przekroczono godzinowy limit adresata dla tego nadawcy
code-5-2-122 = Przekroczono godzinowy limit odbioru adresata
code-5-3-190 = Rejestrowanie w dzienniku wiadomości lokalnych nieobsługiwane
code-5-4-1 = Adres adresata odrzucony: odmowa dostępu
code-5-4-6 = Wykryto pętlę routingu
code-5-4-8 = MX wskazuje z powrotem na siebie
code-5-4-300 = Wiadomość wygasła
code-5-4-310 = Domena DNS nie istnieje
code-5-6-11 = Nieprawidłowe znaki (same znaki LF)
code-5-7-3 = Nie można uzyskać uwierzytelnienia Exchange Server
code-5-7-12 = Nadawca nieuwierzytelniony przez organizację
code-5-7-23 = Weryfikacja SPF nie powiodła się
code-5-7-54 = Nie można przekazać do adresata w niezaakceptowanej domenie
code-5-7-57 = Klient nieuwierzytelniony do wysyłania poczty anonimowej
code-5-7-64 = TenantAttribution; odmowa dostępu do przekazywania
code-5-7-124 = Nadawcy nie ma na liście dozwolonych nadawców grupy
code-5-7-133 = Nadawca nieuwierzytelniony dla grupy
code-5-7-134 = Nadawca nieuwierzytelniony dla skrzynki
code-5-7-350 = Serwer zdalny zwrócił wiadomość rozpoznaną jako spam
code-5-7-501 = Odmowa dostępu, wykryto nadużycie spamowe
code-5-7-502 = Odmowa dostępu, wykryto nadużycie spamowe
code-5-7-503 = Odmowa dostępu, wykryto nadużycie spamowe
code-5-7-510 = Odmowa dostępu: domena nie przyjmuje poczty przez IPv6
code-5-7-511 = Odmowa dostępu, zablokowany nadawca
code-5-7-520 = Przekazywanie na zewnątrz niedozwolone
code-5-7-705 = Dzierżawa przekroczyła próg
code-5-7-708 = Odmowa dostępu, ruch z tego adresu IP nie jest przyjmowany
code-5-7-750 = Klient zablokowany przy wysyłaniu z niezarejestrowanych domen
code-4-7-500-699 = Odmowa dostępu, spróbuj później: wysyłający adres IP ograniczany
code-5-7-606-649 = Odmowa dostępu, zablokowany wysyłający adres IP
code-5-7-700-749 = Odmowa dostępu, dzierżawa zablokowana

## Raport tekstowy: znaczniki dialogu, wiersz transakcji i wiersz uwierzytelniania

text-inferred = (wywnioskowane: utracone w luce)
text-smuggled = (przemycone)
text-data = dane
text-line-not-base64 = wiersz, nie base64
text-incomplete = (niepełne)
text-inside-tls = (wewnątrz TLS)
text-by-the-server = przez serwer:
text-kerberos-offered-ntlm-sent = (zaoferowano Kerberos, wysłano NTLM)
text-auth-success = sukces
text-auth-failure = porażka
text-auth-cancelled = anulowano
text-auth-no-final-reply = brak ostatecznej odpowiedzi
count-items-not-kept = { $count ->
       *[other] niezachowane pozycje: { $n }
    }
count-bytes-missing = { $count ->
        [one] brak { $n } bajtu
       *[other] brak { $n } bajtów
    }
count-lines-skipped = { $count ->
       *[other] pominięte wiersze: { $n }
    }
count-more-lines = { $count ->
        [one] { $n } wiersz więcej
        [few] { $n } wiersze więcej
       *[other] { $n } wierszy więcej
    }
count-bare-lf = { $count ->
       *[other] samo LF: { $n }
    }
count-bare-cr = { $count ->
       *[other] samo CR: { $n }
    }
count-non-canonical-ends = { $count ->
       *[other] niekanoniczne końce danych: { $n }
    }
count-tokens = { $count ->
        [one] { $n } token
        [few] { $n } tokeny
       *[other] { $n } tokenów
    }
text-in-chunks = { $count ->
        [one] w { $n } fragmencie
       *[other] we fragmentach: { $n }
    }
text-of-announced = z zapowiedzianych { $n }
text-token-no-account = token { $mechanism }, bez nazwy konta

## Raport tekstowy: blok wiadomości i wiersze TLS

text-message-incomplete = niepełna
text-message-damaged = uszkodzona przez lukę
text-message-too-large = ponad --max-message-size
text-message-captured = przechwycono
text-tls-resumed = wznowione
text-tls-after-hrr = po HelloRetryRequest
text-tls-established = nawiązane
text-tls-not-established = nienawiązane
text-tls-no-client-hello = nie zdekodowano ClientHello
text-tls-no-server-hello = brak ServerHello
text-tls-cert-encrypted = zaszyfrowane (TLS 1.3): pokaże je plik kluczy
text-tls-cert-requested = serwer poprosił o certyfikat klienta
text-tls-no-san = brak SAN
text-tls-self-signed = z podpisem własnym
text-tls-keys-given = podane klucze
text-tls-nothing-to-decrypt = nic chronionego do odszyfrowania
count-more = { $count ->
       *[other] { $n } więcej
    }
count-more-fields = { $count ->
       *[other] pól więcej: { $n }
    }
count-mime-parts = { $count ->
        [one] { $n } część MIME
        [few] { $n } części MIME
       *[other] { $n } części MIME
    }
count-bytes-lost-in-gaps = { $count ->
       *[other] utracone w lukach bajty: { $n }
    }
count-hops = { $count ->
        [one] { $n } przeskok
        [few] { $n } przeskoki
       *[other] { $n } przeskoków
    }
count-hops-not-kept = { $count ->
       *[other] niezachowane przeskoki: { $n }
    }
tls-requested-no-tls = zażądano { $verb }, TLS nie nastąpił
tls-alert-from-client = { $alert } od klienta (ramka { $frame })
tls-alert-from-server = { $alert } od serwera (ramka { $frame })
tls-at-frame = { $verb } w ramce { $frame }
tls-bytes = bajty: klient { $client }, serwer { $server }
tls-client-hello-offering = ClientHello oferujący { $versions }
tls-client-certificate = certyfikat { $certificate }
tls-san-not-kept = SAN { $names } (+{ $more } niezachowanych)
tls-undecodable = nie do zdekodowania ({ $error })
tls-in-chain = (+{ $count } w łańcuchu)
tls-issuer = wystawca { $issuer }
tls-plaintext-bytes = bajty tekstu jawnego: klient { $client }, serwer { $server }
tls-records = rekordy: { $n }
line-credentials-redacted = <poświadczenia ukryte, bajtów: { $bytes }>
line-token-empty = (pusty)
line-token-label = [{ $label }, bajtów: { $bytes }]
line-token-of = [token { $mechanism }, bajtów: { $bytes }]

## diff: ramy raportu tekstowego

text-diff-pairs = pary
text-diff-path = ścieżka
text-diff-frame = ramka
text-diff-rest-not-compared = reszty dialogów nie porównano (za długie)
text-diff-each-end = wyniki każdej ze stron
count-session-pairs = { $count ->
        [one] { $n } pary sesji
       *[other] { $n } par sesji
    }
count-items = { $count ->
        [one] { $n } pozycja
        [few] { $n } pozycje
       *[other] { $n } pozycji
    }
diff-clocks = Zegary: przechwycenie odbiorcy wskazuje { $seconds } s względem nadawcy (z czasem przesyłu; na podstawie { $pairs })
diff-pairs = dopasowane: { $matched }; tylko u nadawcy: { $sender }, tylko u odbiorcy: { $receiver }
diff-pair-title = Para { $n }  { $sender } ↔ { $receiver }  dopasowanie { $kind } (pewność { $confidence })
diff-path-latency = dodane { $median } ms na obieg (mediana z { $samples }; najwyżej { $max } ms)
text-diff-differences = różnice

## explain: raporty NDR — sytuacja, przyczyny, kroki (nazwy menu po angielsku)

ndr-5-0-0-situation = Poczta do innej domeny wraca z kodem 5.0.0, choć adresat istnieje.
ndr-5-0-0-cause-1 = Serwer Exchange nie ma trasy do domeny adresata: brak łącznika SMTP z obejmującą ją przestrzenią adresową i brak rozwiązania DNS jej MX.
ndr-5-0-0-cause-2 = Ustawienia DNS serwera nie pozwalają rozwiązywać nazw zewnętrznych (wewnętrzny DNS bez serwerów przesyłania dalej).
ndr-5-0-0-cause-3 = Skonfigurowano host inteligentny, który nie przyjmuje tej poczty.
ndr-5-0-0-step-1 = Sprawdź poleceniem nslookup (set q=mx), czy serwer rozwiązuje MX domeny adresata.
ndr-5-0-0-step-2 = Sprawdź łączniki SMTP: przestrzeń adresową * (lub tę domenę) dla poczty wychodzącej oraz host inteligentny, jeśli jest ustawiony.
ndr-5-0-0-step-3 = Sprawdź zewnętrzne serwery DNS skonfigurowane na wirtualnym serwerze SMTP (Delivery > Advanced).
ndr-5-7-1-situation = Serwer odpowiada 550 5.7.1 Unable to relay albo raport NDR mówi, że nadawca nie ma uprawnień do wysyłania do adresata.
ndr-5-7-1-cause-1 = Klient jest anonimowy, a wirtualny serwer SMTP przekazuje tylko dla uwierzytelnionych komputerów lub adresów z listy (Access > Relay restrictions).
ndr-5-7-1-cause-2 = Domena adresata nie jest przyjmowana przez serwer (nie ma jej w zasadach adresatów ani łącznika dla niej), więc poczta liczy się jako przekazywanie.
ndr-5-7-1-cause-3 = Ograniczenie dostarczania u adresata (Accept messages from / tylko uwierzytelnieni użytkownicy) odrzuca tego nadawcę.
ndr-5-7-1-cause-4 = Między serwerami Exchange: uwierzytelnianie X-EXPS nie powiodło się lub zostało usunięte przez zaporę, więc serwer wysyłający jest anonimowy.
ndr-5-7-1-step-1 = Na odbierającym serwerze wirtualnym, w Access > Relay, zezwól komputerom, które muszą przekazywać, albo włącz 'Allow all computers which successfully authenticate to relay'. Nigdy nie zezwalaj wszystkim: to tworzy otwarty przekaźnik.
ndr-5-7-1-step-2 = Jeśli serwer odpowiada za domenę adresata, dodaj ją do zasad adresatów (Exchange 2003) lub jako domenę akceptowaną (Exchange 2007 i nowsze).
ndr-5-7-1-step-3 = Sprawdź ograniczenia dostarczania adresata.
ndr-5-7-1-step-4 = Jeśli nadawcą jest serwer Exchange, najpierw napraw jego uwierzytelnianie (zob. exps-failed i middlebox-rewrite).
ndr-5-7-3-situation = Serwer odrzuca kodem 5.7.3: nadawca nie ma uprawnień albo nie udało się uwierzytelnianie Exchange Server.
ndr-5-7-3-cause-1 = Wirtualny serwer SMTP (lub łącznik odbierający) nie zezwala na dostęp anonimowy, a klient się nie uwierzytelnił.
ndr-5-7-3-cause-2 = Exchange 2007 i nowsze: łącznik odbierający ma włączone uwierzytelnianie Exchange Server, ale serwer wysyłający nie mógł się uwierzytelnić (certyfikaty, TLS, uprawnienia grupy serwerów Exchange).
ndr-5-7-3-cause-3 = Adresat przyjmuje pocztę tylko od uwierzytelnionych nadawców.
ndr-5-7-3-step-1 = Włącz dostęp anonimowy (Access > Authentication) na serwerze wirtualnym odbierającym pocztę z Internetu albo Anonymous users w grupach uprawnień łącznika odbierającego.
ndr-5-7-3-step-2 = Między serwerami Exchange: sprawdź metody uwierzytelniania i grupy uprawnień łącznika odbierającego oraz to, czy TLS działa między serwerami.
ndr-5-7-3-step-3 = Sprawdź ustawienie adresata 'tylko od uwierzytelnionych użytkowników'.
ndr-5-7-54-reference = dokumentacja przepływu poczty Exchange 2013–2019 i Exchange Online
ndr-5-7-54-situation = 550 5.7.54 SMTP; Unable to relay recipient in non-accepted domain.
ndr-5-7-54-cause-1 = Aplikacja lub urządzenie przekazuje pocztę przez łącznik odbierający, który nie daje mu uprawnienia do przekazywania.
ndr-5-7-54-cause-2 = Domeny adresata brakuje wśród domen akceptowanych.
ndr-5-7-54-step-1 = Utwórz dla adresu IP aplikacji osobny łącznik odbierający z uprawnieniem do przekazywania (Ms-Exch-SMTP-Accept-Any-Recipient dla logowania anonimowego) albo każ jej się uwierzytelniać.
ndr-5-7-54-step-2 = Jeśli organizacja odbiera pocztę dla tej domeny, dodaj ją jako domenę akceptowaną.
ndr-4-3-1-reference = dokumentacja Exchange Server (back pressure)
ndr-4-3-1-situation = 452 4.3.1 Insufficient system resources: odbierający transport Exchange jest pod back pressure.
ndr-4-3-1-cause-1 = Wolne miejsce na dysku bazy kolejek lub jej dzienników spadło poniżej progu.
ndr-4-3-1-cause-2 = Pamięć używana przez proces transportu lub liczba wiadomości w kolejkach przekracza próg.
ndr-4-3-1-step-1 = Na serwerze odbierającym poszukaj w dzienniku aplikacji zdarzeń 15004–15007 (zmiana presji na zasoby).
ndr-4-3-1-step-2 = Zwolnij miejsce na dysku z bazą kolejek albo ją przenieś (QueueDatabasePath w EdgeTransport.exe.config).
ndr-4-3-1-step-3 = Zanim podniesiesz progi, poszukaj tego, co zapełnia kolejki (pętla, zablokowany cel).

## Opisy kodów odpowiedzi (explain)

code-211-detail = Odpowiedź na HELP lub zapytanie o stan.
code-214-detail = Tekst przeznaczony dla osoby czytającej dialog.
code-220-detail = Powitanie; po STARTTLS zaproszenie do rozpoczęcia TLS.
code-221-detail = Odpowiedź na QUIT: serwer zamyka połączenie.
code-235-detail = AUTH (lub X-EXPS) zakończyło się powodzeniem: sesja jest uwierzytelniona.
code-250-detail = Polecenie zostało przyjęte.
code-251-detail = Przyjęto: serwer przekaże wiadomość gdzie indziej.
code-252-detail = VRFY nie potwierdziło adresu; poczta do niego jest mimo to przyjmowana.
code-334-detail = AUTH trwa: następuje wyzwanie base64 (lub monit).
code-354-detail = Serwer czeka na wiadomość (DATA) lub binarny BLOB XEXCH50.
code-421-detail = Serwer kończy sesję: wyłącza się, jest przeciążony albo ogranicza tego klienta. Nadawca zachowuje wiadomość i ponawia próbę.
code-432-detail = Konto musi zmienić hasło, zanim AUTH się powiedzie.
code-450-detail = Tymczasowa odmowa (skrzynka zajęta, odroczenie przez zasady, greylisting): nadawca ponowi próbę później.
code-451-detail = Serwer napotkał własny tymczasowy problem (lub odracza zgodnie z zasadami): nadawca ponowi próbę później.
code-452-detail = Serwerowi brakuje zasobów (dysk, pamięć, kolejka) albo na razie odmawia kolejnych adresatów; nadawca ponawia próbę.
code-454-detail = TLS jest teraz niedostępny (STARTTLS) albo uwierzytelnianie nie powiodło się z przyczyny tymczasowej (AUTH).
code-455-detail = Parametru MAIL lub RCPT nie da się teraz uwzględnić.
code-500-detail = Serwer nie zna polecenia (lub wiersz był za długi); mogło je przepisać urządzenie pośrednie.
code-501-detail = Polecenie jest znane, ale jego argumenty są nie do przyjęcia.
code-502-detail = Serwer zna polecenie, ale go nie oferuje.
code-503-detail = Polecenie jest nie na miejscu: MAIL przed HELO, RCPT przed MAIL, DATA bez adresata, AUTH dwa razy.
code-504-detail = Parametr nie jest obsługiwany; Exchange odpowiada też 504 na XEXCH50 od nieuwierzytelnionego nadawcy.
code-521-detail = Ten host nigdy nie przyjmuje poczty (null MX lub host, który nie jest serwerem pocztowym).
code-523-detail = Ta czynność wymaga zaszyfrowanej sesji.
code-530-detail = Serwer chce, by klient uwierzytelnił się (lub rozpoczął TLS) przed tym poleceniem.
code-534-detail = Serwer chce silniejszego mechanizmu AUTH.
code-535-detail = AUTH (lub X-EXPS) nie powiodło się: złe poświadczenia albo konto nie może się logować.
code-538-detail = Tego mechanizmu można używać tylko wewnątrz TLS.
code-550-detail = Trwała odmowa: brak takiej skrzynki, brak dostępu lub odmowa zgodnie z zasadami (przekazywanie, spam, ograniczenia).
code-551-detail = Serwer nie przyjmuje poczty dla tego adresata i wskazuje, dokąd ją wysłać.
code-552-detail = Wiadomość jest większa, niż przyjmuje serwer (lub skrzynka).
code-553-detail = Adres jest nie do przyjęcia (składnia lub domena, której serwer nie obsługuje).
code-554-detail = Trwała odmowa; jako powitanie oznacza, że serwer w ogóle nie będzie rozmawiał z tym klientem.
code-555-detail = Serwer nie zna parametru MAIL lub RCPT.
code-556-detail = Domena adresata publikuje, że nie odbiera poczty (null MX).
code-X-0-0-detail = Nie ma dokładniejszego stanu; przeczytaj tekst odpowiedzi.
code-X-1-0-detail = Coś jest nie tak z adresem (nadawcy lub adresata).
code-X-1-1-detail = Skrzynka adresata nie istnieje w miejscu docelowym: literówka, usunięte konto lub adres nieznany katalogowi.
code-X-1-2-detail = Część domenowa adresata nie wskazuje osiągalnego systemu pocztowego.
code-X-1-3-detail = Adres adresata jest nieprawidłowy składniowo.
code-X-1-4-detail = Adres pasuje do więcej niż jednej skrzynki.
code-X-1-5-detail = Adresat został przyjęty (używane w odpowiedziach o powodzeniu).
code-X-1-6-detail = Skrzynka istniała, ale została przeniesiona; serwer nie mówi dokąd.
code-X-1-7-detail = Adres MAIL FROM jest nieprawidłowy składniowo.
code-X-1-8-detail = Domena nadawcy nie istnieje lub nie może odbierać odpowiedzi (brak MX, brak rekordu A).
code-X-1-9-detail = Doręczono do systemu, który nie potrafi raportować stanu doręczenia.
code-X-1-10-detail = Domena adresata publikuje null MX: nie przyjmuje poczty; Exchange Online używa 5.1.10 dla nieznalezionego adresata.
code-X-2-0-detail = Skrzynka istnieje, ale coś w niej uniemożliwia doręczenie.
code-X-2-1-detail = Skrzynka istnieje, ale teraz nie przyjmuje poczty (wyłączona lub ograniczenie dostarczania).
code-X-2-2-detail = Adresat przekroczył przydział.
code-X-2-3-detail = Wiadomość jest większa, niż pozwala adresat (lub organizacja).
code-X-2-4-detail = Nie udało się rozwinąć listy dystrybucyjnej.
code-X-3-0-detail = Odbierający system pocztowy ma własny problem.
code-X-3-1-detail = Systemowi odbierającemu brakuje miejsca lub innych zasobów; Exchange odpowiada 452 4.3.1, gdy działa back pressure.
code-X-3-2-detail = System odbierający teraz nie przyjmuje poczty: wyłącza się, jest wstrzymany lub przeciążony (Exchange 421 4.3.2).
code-X-3-3-detail = Wiadomość wymaga funkcji, której brakuje systemowi odbierającemu.
code-X-3-4-detail = Wiadomość jest większa, niż system odbierający w ogóle przyjmuje (jego limit SIZE).
code-X-3-5-detail = System odbierający jest źle skonfigurowany.
code-X-3-6-detail = Wiadomość przyjęto z innym priorytetem niż żądany.
code-X-4-0-detail = Problem z routingiem; Exchange używa 4.4.0/5.4.0 dla błędów DNS (nie znaleziono hosta autorytatywnego).
code-X-4-1-detail = Następny przeskok nie odpowiedział na próbę połączenia.
code-X-4-2-detail = Połączenie z następnym przeskokiem zerwało się w trakcie przesyłania.
code-X-4-3-detail = Wyszukiwanie w katalogu (DNS, Active Directory) nie powiodło się.
code-X-4-4-detail = Brak trasy do celu: brak MX lub adresu domeny albo łącznika dla jej przestrzeni adresowej.
code-X-4-5-detail = Cel jest przeciążony; spróbuj później.
code-X-4-6-detail = Wiadomość krążyła w pętli (za dużo nagłówków Received).
code-X-4-7-detail = Wiadomość przeleżała w kolejce dłużej niż czas wygaśnięcia i nie została doręczona.
code-X-5-0-detail = Problem z protokołem między dwoma systemami.
code-X-5-1-detail = Polecenie jest nieznane lub niedozwolone w tym momencie.
code-X-5-2-detail = Nie udało się przeanalizować wiersza polecenia.
code-X-5-3-detail = Wiadomość ma więcej adresatów, niż serwer przyjmuje naraz; nadawca powinien wysłać resztę w kolejnej transakcji.
code-X-5-4-detail = Argumenty polecenia są nieprawidłowe.
code-X-5-5-detail = Ta wersja protokołu nie jest obsługiwana.
code-X-5-6-detail = Wiersz SASL przekroczył limit serwera.
code-X-6-0-detail = Nie udało się obsłużyć treści wiadomości (często mówi tak też filtr treści).
code-X-6-1-detail = Część wiadomości ma typ nośnika, którego system nie obsługuje.
code-X-6-2-detail = Treść wymaga konwersji, której nadawca zabronił.
code-X-6-3-detail = Treść wymaga konwersji, której system nie potrafi wykonać.
code-X-6-4-detail = Doręczono, ale konwersja utraciła informacje.
code-X-6-5-detail = Wymagana konwersja nie powiodła się.
code-X-6-6-detail = Nie udało się pobrać wskazanej treści (BURL).
code-X-6-7-detail = Użyto adresu umiędzynarodowionego tam, gdzie SMTPUTF8 nie jest dostępne.
code-X-6-8-detail = Odpowiedź wymaga UTF-8, ale klient nie poprosił o SMTPUTF8.
code-X-6-9-detail = Wiadomość ma nagłówki UTF-8, a następny przeskok nie obsługuje SMTPUTF8.
code-X-7-0-detail = Odmowa z powodu zabezpieczeń lub zasad, bez szczegółów; Exchange używa też 4.7.0 dla tymczasowych błędów serwera i 5.7.0 dla wymagań TLS lub uwierzytelniania.
code-X-7-1-detail = Nadawca nie może tego wysłać: odmowa przekazywania, ograniczenie dostarczania u adresata lub zasady (lista blokad, filtr treści).
code-X-7-2-detail = Nadawca nie może wysyłać do tej listy dystrybucyjnej.
code-X-7-3-detail = Nie udało się spełnić wymagania zabezpieczeń (uwierzytelnianie, podpis, szyfrowanie); Exchange 2000/2003 wysyła to, gdy nadawca nie ma uprawnień (KB 895853).
code-X-7-4-detail = Wiadomość wymaga funkcji zabezpieczeń, których system nie ma.
code-X-7-5-detail = Odszyfrowanie lub sprawdzenie podpisu nie powiodło się.
code-X-7-6-detail = Wiadomość używa algorytmu, którego system nie obsługuje.
code-X-7-7-detail = Wiadomość została zmieniona po drodze.
code-X-7-8-detail = AUTH nie powiodło się: zła nazwa użytkownika lub hasło.
code-X-7-9-detail = Serwer chce silniejszego mechanizmu AUTH.
code-X-7-10-detail = Ta czynność wymaga zaszyfrowanej sesji (TLS).
code-X-7-11-detail = Tego mechanizmu AUTH można używać tylko wewnątrz TLS.
code-X-7-12-detail = Konto musi najpierw zmienić hasło.
code-X-7-13-detail = Konto użyte do AUTH jest wyłączone.
code-X-7-14-detail = Ta czynność wymaga relacji zaufania między dwoma systemami.
code-X-7-15-detail = Priorytet wiadomości jest niższy, niż serwer teraz przyjmuje.
code-X-7-16-detail = Duże wiadomości wymagają tu wyższego priorytetu.
code-X-7-17-detail = Od ostatniego użycia przez nadawcę zmienił się właściciel skrzynki adresata.
code-X-7-18-detail = Zmienił się właściciel domeny adresata.
code-X-7-19-detail = Nie udało się wykonać testu require-recipient-valid-since.
code-X-7-20-detail = Odbiorca wymaga ważnego podpisu DKIM i go nie znalazł.
code-X-7-21-detail = Podpisy DKIM były ważne, ale żaden nie był akceptowalny według zasad odbiorcy.
code-X-7-22-detail = Żaden ważny podpis DKIM nie pasuje do domeny autora.
code-X-7-23-detail = Wysyłający adres IP nie jest dozwolony przez rekord SPF domeny nadawcy.
code-X-7-24-detail = Nie udało się ukończyć sprawdzenia SPF (błąd DNS, zły rekord).
code-X-7-25-detail = Adres IP klienta nie ma rekordu PTR albo nazwa nie rozwiązuje się z powrotem na ten adres.
code-X-7-26-detail = Kilka testów uwierzytelnienia nadawcy (SPF, DKIM, odwrotny DNS) nie powiodło się naraz.
code-X-7-27-detail = Domena nadawcy publikuje null MX, więc nie da się zwrócić odbić.
code-X-7-28-detail = Wiadomość wygląda na część zalewu podobnych wiadomości.
code-X-7-29-detail = Łańcuch ARC wiadomości nie przeszedł weryfikacji.
code-X-7-30-detail = Wiadomość wymaga REQUIRETLS, a następny przeskok go nie oferuje.
code-4-3-1-detail = Back pressure: odbierającemu transportowi Exchange brakuje dysku, pamięci lub miejsca w kolejce (452 4.3.1 na MAIL); znów przyjmie pocztę, gdy presja spadnie.
code-4-3-2-detail = Odbierający transport na razie odmawia połączeń (421 4.3.2): back pressure na najwyższym poziomie, zatrzymywanie usługi lub w Exchange Online zbyt wiele równoczesnych połączeń.
code-4-4-1-detail = Serwer docelowy nie odpowiedział; kolejka wysyłająca ponawia próbę.
code-4-4-2-detail = Połączenie zerwało się w trakcie przesyłania (często przez zaporę lub awarię sieci).
code-4-4-7-detail = Nie udało się doręczyć wiadomości przed wygaśnięciem w kolejce (domyślnie dwa dni); nastąpi NDR.
code-4-4-62-detail = Łącznik lub MX wysyła pocztę dzierżawy do centrum danych w innym regionie.
code-4-4-316-detail = Cel odrzucił połączenie; Exchange Online ponawia próby.
code-4-7-0-detail = Tymczasowy błąd w odbierającym serwerze frontonu (tekst kończy się na PRXn); nadawca ponawia próbę.
code-4-7-26-detail = Poczta odebrana przez IPv6 musi się uwierzytelnić przez SPF lub DKIM.
code-4-7-650-detail = Usługa odbierająca ogranicza ten adres IP ze względu na jego reputację; nadawca ponowi próbę później.
code-5-0-0-detail = Exchange 2000/2003 wysyła to, gdy nic dokładniejszego nie pasuje: próba przekazania do domeny bez trasy, łącznik SMTP bez pasującej przestrzeni adresowej lub błąd DNS po stronie odbiorcy (KB 895853).
code-5-1-8-detail = Konto wysyłające ma zablokowane wysyłanie (podejrzenie przejęcia lub spamu).
code-5-1-10-detail = Adresat nie istnieje w organizacji odbierającej (wyszukiwanie adresata po adresie SMTP nie powiodło się).
code-5-1-90-detail = Nadawca osiągnął dzienny limit adresatów.
code-5-2-121-detail = Adresat otrzymuje od tego nadawcy zbyt wiele wiadomości; jest ograniczany.
code-5-2-122-detail = Adresat otrzymuje łącznie zbyt wiele wiadomości; jest ograniczany.
code-5-3-190-detail = Dzierżawa nie może rejestrować w dzienniku wiadomości lokalnych bez odpowiedniej subskrypcji.
code-5-4-1-detail = Blokowanie brzegowe oparte na katalogu: adresata nie ma w katalogu organizacji odbierającej albo brakuje łącznika dla domeny (pisane też 'Relay Access Denied').
code-5-4-6-detail = Pętla przekazywania lub routingu (kontakt przekazujący do siebie, MX wskazujący z powrotem).
code-5-4-8-detail = Rekordy MX domeny akceptowanej nie wskazują właściwej usługi: wiadomość krążyłaby w pętli.
code-5-4-300-detail = Wiadomość czekała w kolejce zbyt długo i została zwrócona.
code-5-4-310-detail = Domena adresata nie ma rekordów DNS.
code-5-6-11-detail = Wiadomość zawiera same znaki LF i usługa odbierająca ją odrzuca.
code-5-7-3-detail = Łącznik odbierający oczekuje uwierzytelnienia Exchange Server, którego serwer wysyłający nie mógł wykonać; w Exchange 2000/2003 nadawca nie ma uprawnień (KB 895853).
code-5-7-12-detail = Adresat (lub grupa) przyjmuje tylko uwierzytelnionych nadawców z własnej organizacji.
code-5-7-23-detail = Wysyłającego adresu IP nie ma w rekordzie SPF domeny nadawcy.
code-5-7-54-detail = Domena adresata nie jest domeną akceptowaną organizacji odbierającej, a klient nie może przekazywać: dodaj domenę jako akceptowaną albo pozwól łącznikowi przekazywać dla tego klienta.
code-5-7-57-detail = Klient połączył się z punktem końcowym przesyłania bez uwierzytelnienia (MAIL FROM odrzucone).
code-5-7-64-detail = Exchange Online nie mógł przypisać wiadomości do dzierżawy: łącznik przychodzący (certyfikat lub IP) nie pasuje do serwera wysyłającego.
code-5-7-124-detail = Grupa dystrybucyjna przyjmuje tylko określonych nadawców.
code-5-7-133-detail = Grupa odrzuca nadawców spoza organizacji.
code-5-7-134-detail = Skrzynka odrzuca nadawców spoza organizacji.
code-5-7-350-detail = Miejsce przekazania odrzuciło wiadomość jako spam.
code-5-7-501-detail = Konto wysyłające zablokowano za spam.
code-5-7-502-detail = Konto wysyłające zablokowano za spam.
code-5-7-503-detail = Konto wysyłające zablokowano za spam.
code-5-7-510-detail = Domena adresata przyjmuje pocztę tylko przez IPv4.
code-5-7-511-detail = Wysyłający adres IP lub domena są zablokowane przez Exchange Online Protection.
code-5-7-520-detail = Zasady ruchu wychodzącego organizacji zabraniają automatycznego przekazywania do adresatów zewnętrznych.
code-5-7-705-detail = Dzierżawa wysłała zbyt dużo spamu lub poczty masowej i jej poczta wychodząca jest zablokowana.
code-5-7-708-detail = Wysyłający adres IP ma słabą reputację (typowe dla nowych dzierżaw wysyłających z nieznanych adresów).
code-5-7-750-detail = Dzierżawa wysyła z domen, których nie zweryfikowała.
code-4-7-500-699-detail = Exchange Online Protection ogranicza adres IP, którego wzorzec wysyłania się zmienił (nowy lub rosnący nadawca): odroczenia ustają, gdy narośnie jego historia.
code-5-7-606-649-detail = Wysyłający adres IP jest na liście blokad Microsoftu; usuwa go portal wykreślania.
code-5-7-700-749-detail = Dzierżawa ma zablokowane wysyłanie (przekroczony próg, niezweryfikowane domeny lub zablokowana subskrypcja).
