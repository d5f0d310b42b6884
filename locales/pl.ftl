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
