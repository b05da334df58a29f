"""Examples the several-topics rules were tuned with (with test_topics.py's tables):
the shapes the outside check reported missing, each with the number of topics the
split should offer, and single-topic requests that look like several. The held-out
set (topic_heldout.py) is kept apart from these."""

# (text, topics the split offers)
MULTI = [
    ("Buongiorno, 1) la stampa del registro IVA si blocca 2) Inoltre il backup non parte 3) vorrei sapere come "
     "si aggiunge un utente.", 3),
    ("Avrei due cose: - la fattura 12 è stata scartata dallo SdI; - il collega non riesce ad accedere.", 2),
    ("Ho due cose da chiedervi. Come si esporta il bilancio? E perché la prima nota è lenta?", 2),
    ("Two questions about the update: is the database converted automatically and how long does it take?", 1),
    ("Avrei alcune domande sul modulo paghe e sulla stampa dei cedolini.", 1),
    ("Il programma non stampa i DDT, a parte questo non riusciamo a salvare le anagrafiche dei fornitori.", 2),
    ("La chiusura contabile si blocca al 60% e poi vorrei capire come si riapre un esercizio chiuso.", 2),
    ("La liquidazione IVA è sbagliata. Il backup non parte. Infine vorremmo sapere quanto costa un utente in più.", 2),
    ("Il programma è lento. Un'altra cosa: la stampa delle ricevute bancarie esce vuota.", 2),
    ("Le fatture escono senza logo. Vorrei anche sapere come si cambia la banca d'appoggio sui documenti.", 2),
    ("Lo scadenzario non si apre, inoltre dal PC del magazzino non si riesce a stampare nulla; infine "
     "vorremmo aggiungere un utente per il nuovo collega.", 3),
    ("We cannot post receipts; also we would like a quote for the payroll module.", 2),
    ("The export to Excel fails. By the way, can you reset the password of the user Rossi?", 2),
    ("Problema 1: il registro IVA non quadra. Problema 2: la stampa del libro giornale è lentissima.", 2),
    ("Il primo problema è il backup che non termina, il secondo è la licenza che risulta scaduta.", 2),
    ("First, the VAT register is empty. Second, we need another user for the warehouse.", 2),
    ("La firma digitale non funziona. Ne approfitto per chiedere come si archiviano le fatture in conservazione.", 2),
    ("Il modulo cespiti va in errore all'apertura; tra l'altro non troviamo più la stampa del registro beni.", 2),
    ("Ciao, il programma non si aggiorna. P.S. potete mandarci la fattura del rinnovo?", 2),
    ("Segnalo un errore nella stampa del mastrino. Altra questione: ci serve un corso sulla contabilità analitica.", 2),
    ("a) non si apre la prima nota b) il modulo ordini chiede una licenza", 2),
]

SINGLE = [
    "La stampa del registro IVA si blocca. Inoltre nel log compare l'errore 'timeout' proprio in quel momento.",
    "Il programma si chiude all'apertura della scheda cliente. Inoltre succede solo quando il cliente ha più di "
    "cento fatture.",
    "Per riprodurre il problema: 1) apro la prima nota 2) scelgo la causale 3) premo Salva e compare l'errore 2210.",
    "Steps: 1. open the journal 2. choose the template 3. press Save: error 2210 appears.",
    "Prima è comparso un avviso sul certificato, poi il programma si è chiuso e infine la fattura risulta non "
    "inviata.",
    "The backup fails with 'access denied'. Also, the log shows the same error at every retry.",
    "Il saldo del fornitore è sbagliato. Inoltre il pagamento del 15 ottobre sembra registrato due volte.",
    "Dal menu Utilità scelgo Esporta, poi l'anno 2025, poi confermo: il file creato è vuoto.",
    "Secondo il nostro commercialista la liquidazione IVA di novembre è sbagliata: risulta a credito.",
    "Dopo l'aggiornamento la prima nota è lentissima. Anche la stampa del giornale impiega molto più di prima.",
    "Come si registra una fattura in reverse charge? Va registrata anche nel registro vendite?",
    "We need to install the program on a new server: what are the requirements and in which order do we proceed?",
    "L'import dei movimenti bancari si ferma alla riga 15. Il file è lo stesso formato CBI del mese scorso.",
    "Il gestionale segnala 'database in uso'. Poi, chiudendo tutti i programmi, l'errore rimane.",
    "Vorremmo una formazione sulla prima nota per due nuove colleghe, anche da remoto.",
]
