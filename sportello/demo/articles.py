"""The demo's knowledge base: guides of the kind a vendor of accounting and payroll
software writes. They are also the articles of the suggestions' evaluation
(bench/kb_eval.py), whose questions were written apart from them."""

# (request type, product or "", title, Markdown body)
ARTICLES = [
    ("Installazione", "Omnia Contabilità", "Installare Omnia Contabilità su un nuovo computer",
     "1. Scarichi l'installazione dalla pagina **Aggiornamenti** dell'area riservata.\n"
     "2. Avvii il file come amministratore di Windows e accetti la cartella proposta.\n"
     "3. Al primo avvio inserisca il codice di licenza che trova nel contratto.\n\n"
     "Se il computer sostituisce una postazione vecchia, copi prima l'archivio (vedere la guida sul backup)."),
    ("Installazione", "Omnia Contabilità", "Installazione in rete: più postazioni sullo stesso archivio",
     "L'archivio va messo in una cartella condivisa del server, non su un disco di rete mappato da un solo "
     "utente. Installi il programma su ogni postazione scegliendo **Client di rete** e indichi il percorso UNC "
     "della cartella (per esempio `\\\\server\\omnia`). Ogni postazione deve avere permessi di lettura e "
     "scrittura sulla cartella condivisa."),
    ("Installazione", "Omnia Contabilità", "Spostare il programma e i dati su un nuovo server",
     "Prima di spegnere il vecchio server faccia un backup completo da **Utilità › Salvataggio archivi**. "
     "Installi il programma sul nuovo server, ripristini il backup e aggiorni il percorso dell'archivio sulle "
     "postazioni client. La licenza va trasferita: ci scriva il nome del nuovo server e la disattiviamo sul "
     "vecchio."),
    ("Aggiornamento", "Omnia Contabilità", "Come aggiornare Omnia alla nuova versione",
     "Scarichi l'aggiornamento dall'area riservata, chiuda il programma su **tutte** le postazioni e avvii "
     "l'aggiornamento sul server. Al termine le postazioni client si aggiornano da sole al primo avvio. "
     "Prima di aggiornare conviene fare un backup. La versione consigliata è indicata in verde."),
    ("Aggiornamento", "Omnia Contabilità", "Dopo l'aggiornamento il programma chiede di nuovo la licenza",
     "Succede quando l'aggiornamento è stato installato con un utente di Windows diverso da quello abituale o "
     "quando il canone di manutenzione è scaduto. Apra **Aiuto › Licenza** e scelga *Rinnova attivazione*: "
     "il codice viene riletto dal nostro server. Se il messaggio resta, il contratto di manutenzione va "
     "rinnovato."),
    ("Malfunzionamento", "Omnia Contabilità", "La stampa dei registri IVA si blocca a metà",
     "Il blocco dipende quasi sempre dal driver della stampante di rete. Provi a stampare il registro su "
     "**PDF** (Stampa › Anteprima › Salva PDF): se il PDF viene completo, aggiorni il driver della stampante "
     "o stampi il PDF. Dalla versione 4.6 la stampa dei registri non si interrompe più con le stampanti di "
     "rete: conviene aggiornare."),
    ("Malfunzionamento", "Omnia Contabilità", "Fattura elettronica scartata dallo SdI (errore 00305 e simili)",
     "Lo scarto 00305 indica che la partita IVA del cliente destinatario non è valida o non è attiva in "
     "Anagrafe tributaria. Controlli la partita IVA nell'anagrafica cliente, la corregga e rigeneri la "
     "fattura con lo stesso numero: è ammesso reinviare entro cinque giorni dallo scarto. Gli altri codici "
     "di scarto sono elencati nella ricevuta di notifica."),
    ("Malfunzionamento", "Omnia Contabilità", "Errore «archivio bloccato da un altro utente»",
     "Il programma è rimasto aperto su un'altra postazione oppure si è chiuso male dopo un'interruzione di "
     "corrente. Chiuda Omnia su tutti i computer; se l'errore resta, da **Utilità › Sblocca archivio** "
     "rimuova il blocco rimasto. Non cancelli a mano i file della cartella dati."),
    ("Malfunzionamento", "Omnia Contabilità", "Il programma è molto lento ad aprirsi o a registrare",
     "La lentezza viene di solito dall'antivirus che controlla ogni accesso alla cartella dati, o da un "
     "archivio molto grande. Escluda la cartella dell'archivio dalla scansione in tempo reale e lanci "
     "**Utilità › Riorganizza archivi** una volta al mese. In rete, usi un cavo e non il Wi-Fi."),
    ("Malfunzionamento", "Omnia Contabilità", "La liquidazione IVA non corrisponde ai registri",
     "Le differenze nascono da documenti registrati con una data di competenza diversa dal periodo, o da "
     "registrazioni provvisorie. Stampi il **prospetto di controllo** della liquidazione e lo confronti con "
     "i totali dei registri vendite e acquisti: i documenti fuori periodo sono evidenziati. Dopo la "
     "correzione rilanci il calcolo della liquidazione."),
    ("Richiesta informazioni", "Omnia Contabilità", "Come fare il backup dell'archivio",
     "Da **Utilità › Salvataggio archivi** scelga la ditta (o tutte) e una cartella su un disco esterno o di "
     "rete. Il salvataggio crea un unico file con la data nel nome. Conviene farlo ogni giorno e conservarne "
     "più copie; il salvataggio automatico si imposta nella stessa finestra con l'orario preferito."),
    ("Richiesta informazioni", "Omnia Contabilità", "Ripristinare un salvataggio",
     "Da **Utilità › Ripristino archivi** scelga il file di salvataggio e la ditta da ripristinare. Il "
     "ripristino sostituisce i dati attuali della ditta con quelli del salvataggio: tutto quello che è stato "
     "registrato dopo va inserito di nuovo. In caso di dubbio, salvi prima la situazione attuale."),
    ("Richiesta informazioni", "Omnia Contabilità", "Chiusura e riapertura dei conti di fine esercizio",
     "A fine anno, dopo le scritture di assestamento, lanci **Contabilità › Fine esercizio › Chiusura conti**: "
     "il programma registra il risultato d'esercizio e le scritture di chiusura. Poi *Riapertura conti* crea "
     "le scritture di apertura del nuovo anno. Si può annullare e ripetere finché il bilancio non è "
     "depositato."),
    ("Richiesta informazioni", "Omnia Contabilità", "Registrare una nota di credito",
     "Una nota di credito ricevuta si registra in **Prima nota** con la causale *Nota di credito fornitore*; "
     "una emessa con la causale *Nota di credito cliente*. Colleghi la nota alla fattura originale nella "
     "scheda *Partite* così il saldo del cliente o fornitore si chiude correttamente. Per le fatture "
     "elettroniche il tipo documento è TD04."),
    ("Richiesta informazioni", "Omnia Contabilità", "Importare le fatture passive dal cassetto fiscale",
     "Da **Fatture elettroniche › Ricevute › Importa** scelga il periodo: il programma scarica le fatture "
     "dei fornitori dal cassetto fiscale dell'Agenzia delle Entrate (serve la delega al servizio di "
     "consultazione) e le propone per la registrazione. Le fatture già importate non vengono duplicate."),
    ("Richiesta informazioni", "Omnia Contabilità", "Esportare il bilancio in formato XBRL",
     "Dopo aver chiuso il bilancio, da **Bilancio › Deposito › Esporta XBRL** scelga la tassonomia dell'anno. "
     "Il file generato va controllato con il validatore di InfoCamere prima del deposito al Registro delle "
     "imprese. Dalla versione 4.6 l'esportazione è molto più veloce."),
    ("Richiesta informazioni", "", "Aggiungere un utente e assegnargli i permessi",
     "Un amministratore apre **Impostazioni › Utenti › Nuovo**, inserisce nome e indirizzo e-mail e sceglie "
     "un profilo (contabile, solo lettura, amministratore). I profili si possono limitare a certe ditte. Il "
     "nuovo utente riceve un'e-mail per scegliere la propria password."),
    ("Richiesta informazioni", "", "Password dimenticata o utente bloccato",
     "Dopo cinque tentativi sbagliati l'utente viene bloccato per sicurezza. Un amministratore lo sblocca da "
     "**Impostazioni › Utenti** con *Sblocca*, oppure l'utente usa *Password dimenticata* nella finestra di "
     "accesso e riceve il collegamento per sceglierne una nuova."),
    ("Malfunzionamento", "Omnia Contabilità", "Le fatture inviate per e-mail o PEC non partono",
     "Controlli in **Impostazioni › Posta** server SMTP, porta e credenziali della casella. Per la PEC usi i "
     "dati del gestore (di solito porta 465 con SSL). Il pulsante *Invia e-mail di prova* mostra l'errore "
     "esatto: «autenticazione fallita» indica una password cambiata, «timeout» un firewall che blocca la "
     "porta."),
    ("Richiesta informazioni", "Omnia Contabilità", "Registrare una fattura con inversione contabile (reverse charge)",
     "Registri la fattura d'acquisto con la causale *Acquisto reverse charge* e il codice IVA di inversione "
     "contabile (natura N6): il programma la annota sia nel registro acquisti sia in quello vendite, così "
     "l'IVA a debito e a credito si compensano nella liquidazione. Per l'integrazione elettronica generi il "
     "documento TD17 o TD16."),
    ("Richiesta informazioni", "Omnia Contabilità", "Fatture alla pubblica amministrazione con scissione dei pagamenti",
     "Per i clienti soggetti a split payment spunti *Scissione dei pagamenti* nell'anagrafica: le fatture "
     "riportano l'esigibilità «S» e l'IVA non entra nella vostra liquidazione perché la versa l'ente. Il "
     "codice univoco ufficio della PA va indicato nell'anagrafica."),
    ("Richiesta informazioni", "Omnia Contabilità", "Generare e stampare il modello F24",
     "Da **Adempimenti › F24** il programma propone i tributi calcolati (IVA, ritenute) con le scadenze. "
     "Controlli gli importi, aggiunga eventuali compensazioni di crediti e confermi: può stampare il modello "
     "o esportare il file telematico per l'home banking o per Entratel."),
    ("Richiesta informazioni", "Omnia Contabilità", "Cespiti: calcolare gli ammortamenti dell'anno",
     "In **Cespiti › Ammortamenti** scelga l'anno e lanci il calcolo: il programma usa le aliquote della "
     "categoria di ogni bene (ridotte della metà nel primo anno, se lo ha impostato) e genera le scritture "
     "in prima nota. Un bene venduto va prima registrato come dismesso."),
    ("Richiesta informazioni", "Omnia Paghe", "Elaborare i cedolini del mese",
     "In Omnia Paghe inserisca le presenze del mese (ore, ferie, malattia) da **Mensile › Presenze**, poi "
     "lanci **Mensile › Elaborazione cedolini**. Controlli il riepilogo degli errori, stampi le buste paga "
     "e generi il file dei bonifici per la banca."),
    ("Richiesta informazioni", "Omnia Paghe", "Inviare il flusso Uniemens all'INPS",
     "Dopo l'elaborazione dei cedolini, **Mensile › Uniemens** crea il file XML del mese. Lo controlli con "
     "il software di controllo dell'INPS e lo invii dal sito dell'INPS con le credenziali dell'azienda o "
     "dell'intermediario entro la fine del mese successivo."),
    ("Richiesta informazioni", "Omnia Paghe", "Certificazione Unica: generazione e invio telematico",
     "A inizio anno **Annuali › Certificazione Unica** raccoglie i dati dei cedolini dell'anno precedente. "
     "Stampi le CU da consegnare ai dipendenti e generi il file telematico da inviare all'Agenzia delle "
     "Entrate entro il 16 marzo. Le correzioni si inviano come CU sostitutive."),
    ("Richiesta informazioni", "Omnia Paghe", "Calcolo della tredicesima mensilità",
     "La tredicesima si elabora a dicembre con **Mensile › Mensilità aggiuntive**: il programma calcola i "
     "ratei maturati nell'anno per ogni dipendente in base al contratto collettivo (assenze e part-time "
     "compresi). Si può elaborare insieme al cedolino di dicembre o separatamente."),
    ("Formazione", "", "Corsi di formazione: come prenotarli",
     "Organizziamo corsi a distanza su contabilità, fine anno e paghe. Apra un ticket di tipo *Formazione* "
     "indicando l'argomento e due o tre date possibili: il tecnico la ricontatta per fissare la sessione. "
     "Un corso di due ore usa un ticket del pacchetto."),
    ("Richiesta informazioni", "Omnia Contabilità", "Cambiare intestazione e logo nelle stampe",
     "In **Impostazioni › Ditta › Stampe** carichi il logo (PNG o JPG) e modifichi l'intestazione: ragione "
     "sociale, indirizzo, partita IVA. Le modifiche valgono per fatture, preventivi e solleciti stampati da "
     "quel momento; i PDF già creati restano come sono."),
    ("Malfunzionamento", "Omnia Contabilità", "Numerazione delle fatture saltata o doppia",
     "Se due utenti emettono fatture nello stesso momento su un archivio non condiviso correttamente, un "
     "numero può ripetersi. Verifichi da **Vendite › Controllo numerazione** i buchi e i doppioni: un numero "
     "saltato va giustificato o riutilizzato con la stessa data, un doppione va stornato con una nota di "
     "credito."),
    ("Richiesta informazioni", "Omnia Contabilità", "Ratei e risconti di fine anno",
     "Per i costi a cavallo di due esercizi (assicurazioni, canoni, affitti) usi **Contabilità › Fine "
     "esercizio › Ratei e risconti**: indichi il periodo di competenza e il programma calcola la quota da "
     "rinviare e registra le scritture di assestamento e di storno all'inizio dell'anno nuovo."),
    ("Malfunzionamento", "Omnia Contabilità", "All'avvio compare «impossibile connettersi al database»",
     "La postazione non raggiunge il server dove si trova l'archivio: controlli che il server sia acceso, "
     "che la cartella condivisa si apra da Esplora risorse e che il servizio *Omnia Database* sia avviato. "
     "Dopo un cambio di indirizzo del server aggiorni il percorso in **Impostazioni › Archivio**."),
    ("Richiesta informazioni", "Omnia Contabilità", "Importare il piano dei conti da un foglio Excel",
     "Prepari un file Excel con tre colonne: codice del conto, descrizione, tipo (patrimoniale o economico). "
     "Da **Contabilità › Piano dei conti › Importa** scelga il file: il programma mostra un'anteprima e "
     "segnala i codici già esistenti prima di importare."),
    ("Richiesta informazioni", "Omnia Contabilità", "Esportare la contabilità per il commercialista",
     "Da **Utilità › Esporta per lo studio** scelga l'anno e il formato richiesto dal commercialista "
     "(tracciato standard o CSV): il file contiene prima nota, anagrafiche e saldi. Lo può inviare per "
     "e-mail; i dati delle ditte non selezionate non vengono esportati."),
    ("Malfunzionamento", "Omnia Contabilità", "L'anteprima di stampa è vuota o il PDF non si crea",
     "L'anteprima vuota dipende quasi sempre dalla stampante predefinita di Windows non più disponibile. "
     "Scelga un'altra stampante predefinita e riapra il programma. Se il PDF non si crea, verifichi di "
     "avere i permessi di scrittura sulla cartella Documenti."),
]
