"""The suggestions' evaluation set: questions as customers type them in the new-ticket
form (subject, then description), each with the title of the guide that answers it.

How it was written: the guides (sportello/demo/articles.py) were written first, as a
vendor's support team writes them. The questions were then written without copying
their wording, the way accountants and office staff write to a help desk: with the
symptom rather than the menu's name ("si pianta", "busta paga" for "cedolino"), with
missing accents and small typos, sometimes in English, often with a greeting or the
circumstance around the problem. They were not changed after measuring."""

QUESTIONS = [
    # (subject, description, title of the guide that answers)
    ("Nuovo pc", "Abbiamo comprato un computer nuovo per l'amministrazione, come installo il programma di "
     "contabilita?", "Installare Omnia Contabilità su un nuovo computer"),
    ("installazione su portatile", "Buongiorno, devo mettere Omnia sul portatile nuovo della collega, dove lo "
     "scarico e cosa mi serve?", "Installare Omnia Contabilità su un nuovo computer"),
    ("Seconda postazione", "Vorremmo usare il gestionale da due computer dell'ufficio sugli stessi dati, "
     "come si configura?", "Installazione in rete: più postazioni sullo stesso archivio"),
    ("lavorare in rete", "la collega dal suo pc non vede l'archivio che sta sul server, come va impostato il "
     "client?", "Installazione in rete: più postazioni sullo stesso archivio"),
    ("Cambio server", "A fine mese sostituiamo il server dell'ufficio, come facciamo a portare dati e "
     "licenza sulla macchina nuova?", "Spostare il programma e i dati su un nuovo server"),
    ("Migrazione", "Il tecnico informatico sta migrando tutto su un server nuovo: che procedura deve seguire "
     "per Omnia?", "Spostare il programma e i dati su un nuovo server"),
    ("Aggiornamento versione", "E' uscita la 4.6, come si installa l'aggiornamento? Dobbiamo farlo su tutti "
     "i pc?", "Come aggiornare Omnia alla nuova versione"),
    ("nuova release", "Mi dite la procedura per passare all'ultima versione del programma senza fare danni?",
     "Come aggiornare Omnia alla nuova versione"),
    ("Chiede la licenza", "Dopo aver aggiornato stamattina il programma all'avvio chiede il codice di "
     "licenza come se fosse la prima volta", "Dopo l'aggiornamento il programma chiede di nuovo la licenza"),
    ("licenza non valida dopo update", "Dopo l'update compare la finestra di attivazione e non ci fa "
     "entrare", "Dopo l'aggiornamento il programma chiede di nuovo la licenza"),
    ("Stampa registro iva", "Quando stampo il registro IVA vendite la stampa si pianta a meta e devo "
     "chiudere tutto", "La stampa dei registri IVA si blocca a metà"),
    ("registri bloccati", "la stampa dei registri iva acquisti si interrompe sempre a pagina 12 sulla "
     "stampante dell'ufficio", "La stampa dei registri IVA si blocca a metà"),
    ("Fattura scartata", "Lo SDI ci ha scartato una fattura elettronica con codice 00305, cosa dobbiamo "
     "fare?", "Fattura elettronica scartata dallo SdI (errore 00305 e simili)"),
    ("scarto sdi", "ricevuta di scarto per partita iva del destinatario non valida, posso rimandare la "
     "fattura con lo stesso numero?", "Fattura elettronica scartata dallo SdI (errore 00305 e simili)"),
    ("Archivio bloccato", "Aprendo la ditta esce il messaggio archivio bloccato da un altro utente ma "
     "nessuno lo sta usando", "Errore «archivio bloccato da un altro utente»"),
    ("dopo blackout non entra", "ieri e' saltata la corrente e adesso il programma dice che i dati sono "
     "in uso da un'altra postazione", "Errore «archivio bloccato da un altro utente»"),
    ("Lentezza", "Il programma e' diventato lentissimo, per registrare una fattura ci vogliono minuti",
     "Il programma è molto lento ad aprirsi o a registrare"),
    ("apertura lenta", "Da qualche settimana Omnia ci mette tantissimo a partire la mattina, e' normale?",
     "Il programma è molto lento ad aprirsi o a registrare"),
    ("Liquidazione iva sbagliata", "La liquidazione IVA di marzo non torna con i totali del registro "
     "acquisti, c'e' una differenza di 300 euro", "La liquidazione IVA non corrisponde ai registri"),
    ("iva non quadra", "il calcolo dell'iva da versare del trimestre non coincide con quello che risulta "
     "dai registri", "La liquidazione IVA non corrisponde ai registri"),
    ("Backup", "Come faccio a fare una copia di sicurezza dei dati su una chiavetta?",
     "Come fare il backup dell'archivio"),
    ("salvataggio automatico", "Si puo programmare un salvataggio automatico dei dati tutte le sere?",
     "Come fare il backup dell'archivio"),
    ("Ripristino dati", "Ho cancellato per errore delle registrazioni, posso recuperare la copia di ieri?",
     "Ripristinare un salvataggio"),
    ("recuperare backup", "Come si rimette un salvataggio fatto la settimana scorsa sulla ditta?",
     "Ripristinare un salvataggio"),
    ("Chiusura anno", "Come si fanno la chiusura dei conti del 2025 e la riapertura nel 2026?",
     "Chiusura e riapertura dei conti di fine esercizio"),
    ("fine esercizio", "Devo chiudere l'esercizio ma ho paura di sbagliare, si puo poi annullare la "
     "chiusura?", "Chiusura e riapertura dei conti di fine esercizio"),
    ("Nota di credito", "Un fornitore ci ha mandato una nota di credito, come la registro e la collego "
     "alla fattura?", "Registrare una nota di credito"),
    ("storno fattura cliente", "Dobbiamo emettere una nota credito a un cliente per un reso, che causale "
     "uso?", "Registrare una nota di credito"),
    ("Fatture acquisto", "Si possono scaricare automaticamente le fatture dei fornitori dall'agenzia delle "
     "entrate invece di inserirle a mano?", "Importare le fatture passive dal cassetto fiscale"),
    ("fatture passive", "come importo le fatture ricevute dal cassetto fiscale? non vorrei doppioni",
     "Importare le fatture passive dal cassetto fiscale"),
    ("Bilancio XBRL", "Ci serve il file xbrl del bilancio per il deposito in camera di commercio",
     "Esportare il bilancio in formato XBRL"),
    ("deposito bilancio", "Come genero il bilancio nel formato per il registro imprese?",
     "Esportare il bilancio in formato XBRL"),
    ("Nuovo utente", "E' arrivata una nuova impiegata, come le creo l'accesso con permessi solo di "
     "consultazione?", "Aggiungere un utente e assegnargli i permessi"),
    ("accesso collega", "vorrei dare accesso al gestionale a un collaboratore solo per una delle ditte",
     "Aggiungere un utente e assegnargli i permessi"),
    ("Utente bloccato", "Ho sbagliato la password troppe volte e ora il mio utente e' bloccato",
     "Password dimenticata o utente bloccato"),
    ("password", "Non ricordo piu la password per entrare nel programma, come la reimposto?",
     "Password dimenticata o utente bloccato"),
    ("Email non partono", "Le fatture mandate per mail dal programma non arrivano ai clienti, da errore "
     "di autenticazione", "Le fatture inviate per e-mail o PEC non partono"),
    ("invio pec", "Come configuro la PEC per spedire le fatture dal gestionale? mi da timeout",
     "Le fatture inviate per e-mail o PEC non partono"),
    ("Reverse charge", "Come registro una fattura di un subappaltatore edile in reverse charge?",
     "Registrare una fattura con inversione contabile (reverse charge)"),
    ("inversione contabile", "fattura acquisto con iva a carico nostro, natura N6: dove va registrata?",
     "Registrare una fattura con inversione contabile (reverse charge)"),
    ("Split payment", "Dobbiamo fatturare a un Comune, come si imposta la scissione dei pagamenti?",
     "Fatture alla pubblica amministrazione con scissione dei pagamenti"),
    ("fattura ente pubblico", "Il cliente e' un'ASL e vuole l'esigibilita S in fattura, come faccio?",
     "Fatture alla pubblica amministrazione con scissione dei pagamenti"),
    ("Modello F24", "Come stampo la delega F24 con l'iva e le ritenute del mese?",
     "Generare e stampare il modello F24"),
    ("f24 telematico", "Serve il file dell'F24 da caricare sull'home banking, si puo generare?",
     "Generare e stampare il modello F24"),
    ("Ammortamenti", "Come si calcolano gli ammortamenti dei beni strumentali a fine anno?",
     "Cespiti: calcolare gli ammortamenti dell'anno"),
    ("cespiti", "Abbiamo comprato un furgone, come lo inserisco e faccio l'ammortamento con aliquota "
     "dimezzata il primo anno?", "Cespiti: calcolare gli ammortamenti dell'anno"),
    ("Buste paga", "Come si elaborano le buste paga di questo mese in Omnia Paghe?",
     "Elaborare i cedolini del mese"),
    ("cedolini", "Dove inserisco ferie e malattie dei dipendenti prima di fare i cedolini?",
     "Elaborare i cedolini del mese"),
    ("Uniemens", "Come creo e invio la denuncia uniemens del mese all'inps?",
     "Inviare il flusso Uniemens all'INPS"),
    ("flusso inps", "Il file XML mensile per l'INPS dove si genera nel programma paghe?",
     "Inviare il flusso Uniemens all'INPS"),
    ("CU dipendenti", "Come stampo le certificazioni uniche da dare ai dipendenti e faccio l'invio?",
     "Certificazione Unica: generazione e invio telematico"),
    ("certificazione unica", "Devo mandare una CU corretta per un dipendente, come si fa la sostitutiva?",
     "Certificazione Unica: generazione e invio telematico"),
    ("Tredicesima", "Come si calcola la tredicesima per i dipendenti part time?",
     "Calcolo della tredicesima mensilità"),
    ("mensilita aggiuntiva", "A dicembre la tredicesima va fatta insieme al cedolino o a parte?",
     "Calcolo della tredicesima mensilità"),
    ("Corso", "Vorremmo un corso sulle operazioni di fine anno per due nuove impiegate",
     "Corsi di formazione: come prenotarli"),
    ("formazione", "Fate formazione a distanza sul programma paghe? Come si prenota?",
     "Corsi di formazione: come prenotarli"),
    ("Logo fattura", "Come metto il nuovo logo aziendale sulle fatture stampate?",
     "Cambiare intestazione e logo nelle stampe"),
    ("intestazione stampe", "Abbiamo cambiato sede, come aggiorno l'indirizzo che compare sui preventivi?",
     "Cambiare intestazione e logo nelle stampe"),
    ("Numero fattura doppio", "Due fatture hanno lo stesso numero, come sistemiamo?",
     "Numerazione delle fatture saltata o doppia"),
    ("numerazione saltata", "Nella numerazione delle fatture di vendita manca il numero 58, cosa devo "
     "fare?", "Numerazione delle fatture saltata o doppia"),
    ("Risconti", "Come registro il risconto dell'assicurazione pagata a ottobre per dodici mesi?",
     "Ratei e risconti di fine anno"),
    ("ratei", "costi di competenza di due anni, affitto pagato anticipato: come si fanno le scritture di "
     "assestamento?", "Ratei e risconti di fine anno"),
    ("Errore database", "All'apertura il programma dice impossibile connettersi al database",
     "All'avvio compare «impossibile connettersi al database»"),
    ("non si collega al server", "Da stamattina nessun pc riesce ad aprire Omnia, dice che il server non "
     "risponde", "All'avvio compare «impossibile connettersi al database»"),
    ("Piano dei conti excel", "Abbiamo il piano dei conti in un file excel, si puo caricare senza "
     "riscriverlo?", "Importare il piano dei conti da un foglio Excel"),
    ("Export commercialista", "Il commercialista ci chiede i dati contabili dell'anno, come li esportiamo?",
     "Esportare la contabilità per il commercialista"),
    ("dati per lo studio", "Dobbiamo mandare prima nota e saldi allo studio in formato csv",
     "Esportare la contabilità per il commercialista"),
    ("Anteprima vuota", "L'anteprima di stampa si apre tutta bianca, non si vede niente",
     "L'anteprima di stampa è vuota o il PDF non si crea"),
    ("pdf non viene creato", "Quando salvo la fattura in pdf non crea nessun file",
     "L'anteprima di stampa è vuota o il PDF non si crea"),
    ("Printing the VAT register stops", "When we print the VAT register the program freezes halfway",
     "La stampa dei registri IVA si blocca a metà"),
    ("Backup of the data", "How can we back up the company data every evening?",
     "Come fare il backup dell'archivio"),
]
