"""Held-out requests for the several-topics check: never used to tune its rules.

Written in one sitting on 28-11-2026, before the rules of that day were changed, in the
voice of the vendor's customers (accountants, office staff of small firms, a few IT people;
Italian mostly, English about a quarter), with the shapes the outside check reported and
others like them: inline numbered lists, dash and semicolon lists inside a sentence,
announcements ("due cose", "two questions"), connectives in the middle of a sentence,
"Vorrei anche sapere", postscripts. The single-topic set is meant to be hard: steps to
reproduce written as a numbered list, several symptoms of one fault, a sentence-initial
"Inoltre" or "Also" that adds a detail, questions that clarify one request, "poi" and
"infine" telling what happened in order. `bench/topics.py` prints the rates; a test
holds them to the goal (at least 90% of MULTI warned, at most 5% of SINGLE).
"""

MULTI = [
    # Italian
    "Buongiorno, avrei bisogno di due cose: 1) sapere come si stampa il libro giornale in definitivo "
    "2) capire perché il bilancio CEE non riporta il risultato d'esercizio.",
    "Vi scrivo per due problemi. Il primo è che la stampa delle fatture esce senza intestazione, il secondo "
    "è che da ieri il backup automatico non parte.",
    "Salve, alcune domande: - come si registra un autofattura per reverse charge; - dove si imposta la "
    "ritenuta d'acconto per i professionisti; - come si chiude un cespite venduto.",
    "La liquidazione IVA di ottobre non quadra con i registri. A parte questo, un collega nuovo non riesce "
    "ad accedere al programma con le credenziali che gli abbiamo dato.",
    "Il programma va in errore quando importo le fatture passive dallo SdI. Vorrei anche sapere se è "
    "possibile aggiungere un secondo utente alla nostra licenza.",
    "1) Il modello F24 non si genera per il mese di novembre. 2) Inoltre nella stampa dei cespiti mancano "
    "gli ammortamenti 2025. 3) Infine vorremmo attivare la fatturazione elettronica per la seconda azienda.",
    "Buongiorno, la stampa del registro IVA acquisti è vuota; poi vorrei capire come si imposta lo split "
    "payment per un cliente pubblico.",
    "Non riusciamo a inviare le fatture allo SdI, escono tutte scartate. Un'altra cosa: il programma ci "
    "chiede di aggiornare ma l'aggiornamento fallisce a metà.",
    "Due richieste: la prima, recuperare la password dell'utente Rossi; la seconda, sapere se il modulo "
    "paghe è compreso nel nostro contratto.",
    "Il calcolo dei ratei passivi è sbagliato per il mese di dicembre e inoltre vorremmo una guida per "
    "esportare il piano dei conti in Excel.",
    "Ciao, ho questi problemi: a) l'anagrafica clienti non salva l'indirizzo PEC b) la stampa del "
    "partitario fornitori va in crash.",
    "Vorrei sapere come si registra una fattura con IVA indetraibile al 40%. Già che ci sono, ci dite anche "
    "come si cambia l'aliquota predefinita degli articoli?",
    "Abbiamo cambiato PC in segreteria e il programma non si installa, manca un componente. Poi c'è un "
    "altro tema: la nostra commercialista vorrebbe un accesso in sola lettura.",
    "Salve, il registro dei corrispettivi non riporta gli incassi del POS. Tra l'altro non riusciamo più "
    "a stampare le etichette degli articoli dal magazzino.",
    "Buongiorno. Problema 1: la scheda contabile del cliente Bianchi mostra un saldo errato. Problema 2: "
    "non troviamo più la funzione per il solleciti di pagamento.",
    "Vi chiedo tre cose: come si rinnova il certificato di firma, come si archiviano le fatture in "
    "conservazione sostitutiva e come si cambia la PEC del mittente.",
    "L'esportazione del bilancio in XBRL dà un errore di validazione. Approfitto per segnalare che anche "
    "la stampa della nota integrativa esce con i caratteri sbagliati.",
    "Da stamattina il gestionale è lentissimo su tutti i PC; oltre a questo, vorremmo sapere quando esce "
    "la versione con il nuovo tracciato delle fatture.",
    "Ho bisogno di una mano con la chiusura dei conti economici; e poi: come si apre il nuovo esercizio "
    "senza perdere i saldi dei fornitori?",
    "Buonasera, alcune questioni. La prima nota non accetta date di dicembre. Il modulo cespiti chiede "
    "una licenza che pensavamo di avere. E la stampa delle ricevute bancarie è vuota.",
    "Il programma non legge più il file delle presenze per le paghe. Ah, dimenticavo: il collega Verdi "
    "è andato via, potete disattivare il suo utente?",
    "Mi servirebbe capire come si fa il ravvedimento operoso sull'F24 e, in secondo luogo, perché il "
    "saldo della banca non coincide con l'estratto conto importato.",
    "Richiesta n.1 non funziona l'invio massivo delle fatture via email; richiesta n.2 vorrei aggiungere "
    "il logo nuovo ai documenti di vendita.",
    "Salve, scrivo per: - il backup che si ferma al 40% - l'aggiornamento alla 2026.3 - un preventivo per "
    "un'altra postazione.",
    "La fattura 87 risulta pagata due volte in partitario. Inoltre, cosa diversa, ci serve sapere come "
    "si esportano i dati per il 770.",
    "Il lettore di codici a barre non funziona più con il modulo vendite. Un'altra domanda: si può avere "
    "il programma in inglese per un collega straniero?",
    "Buongiorno, nella stampa dei cedolini manca la voce del bonus. Infine vorrei sapere se avete corsi "
    "di formazione per i nuovi assunti.",
    "Non riusciamo ad abbinare gli incassi agli effetti insoluti; in più la riconciliazione bancaria "
    "salta alcuni movimenti; e infine la stampa dello scadenzario è lentissima.",
    "Ciao, due domande veloci. Come si cambia la password di amministratore? E dove si imposta la "
    "numerazione delle fatture per il 2027?",
    "L'installazione sul server nuovo si ferma con errore 1603. Nel frattempo potreste dirci anche come "
    "trasferire gli archivi dal vecchio server?",
    "Vorremmo: 1. attivare il modulo ordini; 2. capire perché le giacenze sono negative; 3. sapere il "
    "costo del rinnovo annuale.",
    "Il programma segnala 'database danneggiato' all'apertura dell'azienda 3, mentre sull'azienda 1 il "
    "problema è diverso: mancano tutte le registrazioni di novembre.",
    "Scusate, ho un paio di dubbi. Il primo riguarda il calcolo dell'IMU nel modulo immobili. L'altro "
    "riguarda la stampa del registro beni ammortizzabili che esce senza totali.",
    "La firma digitale delle fatture non funziona più dopo il rinnovo della smart card e vorrei anche "
    "sapere come inviare i corrispettivi telematici del registratore nuovo.",
    "Segnalo che le email di sollecito partono due volte; e a parte questo ci servirebbe una stampa dei "
    "clienti con fido superato.",
    "Buongiorno, oggi: primo, non si apre la contabilità analitica; secondo, l'esportazione verso il "
    "commercialista produce un file vuoto.",
    "Per la ditta Neri: la dichiarazione IVA non si compila nel quadro VE. Per la ditta Gialli invece "
    "non riusciamo a registrare l'acconto di dicembre.",
    "Non arriva più il codice di verifica per l'accesso. Altra questione: il contratto di assistenza "
    "scade a gennaio, come lo rinnoviamo?",
    "Il modulo magazzino calcola male il costo medio ponderato. Poi volevo chiedere se è possibile "
    "importare i listini dei fornitori da un file Excel.",
    "Help urgente: la stampante fiscale non comunica con il programma; inoltre abbiamo bisogno di "
    "un'abilitazione per il nuovo collega del magazzino.",
    # English
    "Two questions: how do we close the fiscal year, and how can we change the numbering of sales "
    "invoices for 2027?",
    "The VAT return does not match the ledgers. Separately, our new accountant cannot log in with the "
    "password you sent.",
    "Hi, a couple of issues: 1) the payroll export to the bank fails 2) the holiday calendar is missing "
    "the 8th of December.",
    "The backup stops at 40% every night; also we would like to know how to add a second company to "
    "our licence.",
    "I have three requests: - reset the admin password - explain how to import bank statements - send "
    "us the invoice for the renewal.",
    "Printing of delivery notes is very slow. On a different note, the e-invoices to the public "
    "administration are rejected with code 00311.",
    "We cannot open the fixed assets module since the update, and we would also like to know whether "
    "the warehouse module supports batch numbers.",
    "First, the trial balance export to Excel crashes. Second, the supplier ledger shows payments twice.",
    "The program asks to activate the licence at every start. Another thing: can you call us about "
    "training for two new employees?",
    "Hello, some questions about the new version: where did the VAT settlement report go? How do we "
    "print the customer statements? And why is the invoice list empty?",
    "Our scanner no longer sends documents to the archive. By the way, we also need to change the PEC "
    "address used for sending invoices.",
    "Invoices are numbered twice after the update; furthermore the credit notes do not reduce the "
    "customer's balance any more.",
    "1. Cannot print the F24 form. 2. Bank reconciliation skips some lines. 3. Need a quote for an "
    "extra user.",
    "The sales order module freezes when we add more than 50 lines. Unrelated to that, how do we set "
    "up automatic payment reminders?",
    "Two things today: the e-mail of invoices goes to spam for some customers; and our renewal "
    "invoice shows the wrong VAT number.",
    "Could you help us with the year-end closing? And while I'm at it, could you also explain why the "
    "depreciation of 2025 is missing?",
    "The app crashes when opening the customer card of ACME; apart from this, the stock report shows "
    "negative quantities for three items.",
    "Login fails for the user 'magazzino'; in addition the price list import stops with a format error.",
    "We need help with two topics - migrating the database to the new server - enabling the payroll "
    "module we bought last month.",
    "The withholding tax certificates (CU) do not include the November payments. P.S. can you also tell "
    "us how to print the 770 summary?",
]

SINGLE = [
    # Italian
    "Quando registro una fattura di acquisto il programma va in errore. Per riprodurre: 1) apro la "
    "prima nota 2) scelgo la causale FA 3) inserisco il fornitore 4) premo Salva e compare l'errore 2210.",
    "La stampa del registro IVA vendite si blocca al 70%. Inoltre nel log compare la riga 'timeout "
    "sul database' proprio in quel momento.",
    "Da lunedì il backup non termina. Abbiamo controllato lo spazio su disco, riavviato il server e "
    "rilanciato la procedura, ma si ferma sempre allo stesso punto.",
    "Il programma si chiude quando apro la scheda del cliente Bianchi. Succede anche sul portatile del "
    "titolare, quindi non sembra un problema del PC.",
    "Buongiorno, non riesco a inviare le fatture allo SdI. Prima compariva un avviso sul certificato, "
    "poi il programma si è bloccato e infine le fatture risultano ancora da inviare.",
    "Come si registra una nota di credito ricevuta da un fornitore estero con IVA in reverse charge? "
    "Va registrata anche nel registro vendite o basta quello acquisti?",
    "L'import dei movimenti bancari dà errore alla riga 15. Il file è quello scaricato dall'home "
    "banking di Intesa, formato CBI, lo stesso che usavamo il mese scorso senza problemi.",
    "Vi segnalo che la liquidazione IVA di novembre esce a credito di 1.250 euro mentre dai nostri "
    "conti dovrebbe essere a debito. Inoltre il totale degli acquisti sembra raddoppiato.",
    "Il gestionale è molto lento all'apertura: ci vogliono circa due minuti. Anche le ricerche nelle "
    "anagrafiche sono lente, soprattutto la mattina quando si collegano tutti.",
    "Quando stampo le fatture in PDF il logo non compare. Nel modello è presente e l'anteprima lo "
    "mostra correttamente; il problema c'è solo nel PDF finale.",
    "Buongiorno, abbiamo un nuovo collega in amministrazione: potete attivargli un utente con gli "
    "stessi permessi della signora Rossi? Il suo indirizzo è l.verdi@studioverdi.it.",
    "La procedura di chiusura dell'esercizio si ferma con il messaggio 'conti non quadrati'. Abbiamo "
    "verificato il bilancio di verifica e i totali dare e avere coincidono.",
    "Dopo l'aggiornamento alla versione 2026.2 il modello F24 non calcola più gli interessi del "
    "ravvedimento. Prima dell'aggiornamento funzionava.",
    "Non riusciamo a stampare le etichette degli articoli: la stampante Zebra risulta collegata ma il "
    "programma dice 'nessuna stampante disponibile'. Abbiamo provato anche a reinstallare il driver.",
    "Potete spiegarmi come impostare la ritenuta d'acconto al 20% per un agente? Ho provato dal menu "
    "anagrafiche ma il campo è disattivato.",
    "Il calcolo degli ammortamenti 2025 è sbagliato per i beni acquistati a metà anno: il programma "
    "applica l'aliquota intera invece della metà. Poi nella stampa compare lo stesso importo sbagliato.",
    "Errore all'avvio: 'impossibile trovare il file di configurazione'. Compare su tutti e tre i PC "
    "dell'ufficio da questa mattina, dopo l'aggiornamento automatico di Windows.",
    "Vorrei capire come funziona la conservazione sostitutiva delle fatture: dobbiamo attivare "
    "qualcosa noi oppure è già inclusa nel contratto? E da quando parte?",
    "Le fatture inviate via email ai clienti arrivano senza allegato. Il testo della mail c'è, "
    "l'allegato no. Abbiamo provato con tre clienti diversi.",
    "Nel partitario del fornitore Neri il pagamento del 15 ottobre compare due volte, una come bonifico "
    "e una come rimessa diretta, ma l'abbiamo registrato una sola volta.",
    "Quando apro il modulo paghe compare 'licenza scaduta', ma il rinnovo è stato pagato a settembre. "
    "Vi allego la ricevuta del bonifico.",
    "Buongiorno, dobbiamo installare il programma su un nuovo server. Quali sono i requisiti minimi e "
    "in che ordine vanno eseguiti i passi? Vorremmo farlo sabato mattina.",
    "Il saldo del conto cassa è negativo di 300 euro, cosa impossibile. Ho controllato i movimenti di "
    "dicembre uno per uno e non trovo l'errore. Inoltre il saldo iniziale dell'anno sembra corretto.",
    "Lo scadenzario clienti non mostra le ricevute bancarie emesse a novembre. Le ricevute risultano "
    "emesse e presentate in banca, ma nello scadenzario non ci sono.",
    "Da quando abbiamo cambiato router il programma non si collega più al server. Gli altri programmi "
    "funzionano. Il tecnico della rete dice che le porte sono aperte.",
    "Il registro dei beni ammortizzabili esce senza i totali per categoria. Infine, in fondo alla "
    "stampa, il totale generale è diverso da quello del bilancio.",
    "Abbiamo ricevuto una fattura elettronica con un allegato PDF che il programma non riesce ad "
    "aprire: dice 'formato non valido'. Il file XML invece si legge.",
    "Mi serve sapere come si fa l'invio telematico dei corrispettivi con il registratore nuovo: "
    "dobbiamo configurare qualcosa nel programma o fa tutto il registratore?",
    "La stampa del bilancio CEE non riporta il risultato d'esercizio nello stato patrimoniale. "
    "Nel conto economico invece l'utile c'è ed è corretto.",
    "Quando cerco un articolo per codice a barre il programma trova sempre il primo articolo "
    "dell'elenco, qualsiasi codice legga. Con la ricerca per descrizione funziona.",
    "Buongiorno, l'esportazione per il commercialista produce un file vuoto. Seguo i passi della guida: "
    "- menu Utilità - Esporta - scelgo l'anno 2025 - confermo; il file viene creato ma è di 0 KB.",
    "Il programma ci chiede di aggiornare il database ma l'operazione si interrompe con errore 17. "
    "Abbiamo fatto un backup prima, come indicato. Possiamo riprovare o è rischioso?",
    "Ci è arrivato lo scarto 00404 per la fattura 215 (fattura duplicata), ma la fattura è stata inviata "
    "una volta sola. Poi abbiamo controllato e nel portale risulta consegnata.",
    "Non riesco a registrare l'acconto IVA di dicembre con il metodo storico: il programma propone "
    "sempre il previsionale e il campo del metodo è grigio.",
    "Vorremmo una sessione di formazione da remoto sulla contabilità analitica per due colleghe, "
    "possibilmente di martedì o giovedì pomeriggio.",
    "Quando salvo un ordine cliente con più di 50 righe il programma si blocca e bisogna chiuderlo da "
    "Gestione attività. Con ordini più corti non succede.",
    "Il modello 770 non importa i dati delle certificazioni uniche: l'elenco risulta vuoto anche se le "
    "CU sono state stampate e inviate regolarmente.",
    "Dopo il passaggio all'ora solare gli orari delle registrazioni in prima nota sono sbagliati di "
    "un'ora. Anche i documenti di trasporto riportano l'ora sbagliata.",
    "La firma digitale non funziona più dopo il rinnovo della smart card: il programma dice "
    "'certificato non valido'. Il lettore è lo stesso e il PIN è corretto.",
    "Il totale delle fatture di vendita nel cruscotto non corrisponde al registro IVA: c'è una "
    "differenza di circa 2.000 euro, pari a una fattura di ottobre.",
    # English
    "When we post a purchase invoice the program throws error 2210. Steps: 1) open the journal "
    "2) choose the purchase invoice template 3) enter the supplier 4) press Save.",
    "The nightly backup fails with 'access denied' on the network drive. Also, the log shows the same "
    "message at 2:00 and 2:05, when the job retries.",
    "Since the update the invoice printout shows the wrong VAT rate on every line. We checked the item "
    "settings and the rates there are correct.",
    "We cannot log in since this morning: the program says the user is locked. We tried two different "
    "users and both are locked.",
    "How do we export the trial balance to Excel? We need it for the auditors by Friday, and it should "
    "include the opening balances.",
    "The program is very slow when many users work at the same time. First it takes ages to open, then "
    "every search takes about ten seconds.",
    "Could you tell us how to set up a second warehouse? We tried from the settings page but the "
    "option is greyed out.",
    "The bank statement import stops at line 230 with a format error. The file comes from the same "
    "bank and in the same format as last month.",
    "Our new colleague needs an account with the same rights as the accounts payable clerk. Her "
    "address is j.smith@example.com.",
    "The VAT settlement for November shows a credit while it should be a debit. Furthermore, the total "
    "of purchases looks doubled, which is probably the cause.",
    "E-invoices to public bodies are rejected with code 00311. We checked the recipient code on the "
    "customer card and it matches the one on the IPA website.",
    "The depreciation for 2025 is missing from the fixed asset register. The assets are there, the "
    "rates are set, but the column is empty.",
    "After moving to a new PC the document archive does not open: it says the path does not exist. "
    "The path is on the server and we can open it from Explorer.",
    "We would like to know if the payroll module handles part-time contracts with variable hours, and "
    "if so where the hours are entered each month.",
    "The customer statements print without the company logo. The logo is in the template and shows "
    "in the preview, only the printout lacks it.",
    "The year-end closing stops with 'accounts not balanced'. We checked the trial balance: debit and "
    "credit totals are the same.",
    "When scanning a barcode the program always opens the first item of the list, whatever the code. "
    "Searching by description works fine.",
    "Printing delivery notes takes about a minute per page since Monday. Other printouts are normal "
    "and the printer itself is fast.",
    "The licence activation window appears at every start even though we activated it last week. "
    "Then, after clicking Later, the program works normally.",
    "The supplier ledger shows the 15 October payment twice, once as a bank transfer and once as "
    "cash, although we entered it only once.",
]
