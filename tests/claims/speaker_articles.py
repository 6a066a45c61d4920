"""Twenty short news articles written for the speaker tests (not taken from any corpus)."""

ARTICLES = [
    (
        "en",
        "Economist Maria Lindqvist said inflation would fall below three percent next year. "
        "Lindqvist added that wages were finally catching up.",
    ),
    (
        "en",
        "“Rates will stay high for longer,” Lindqvist told Reuters on Monday. "
        "The Federal Reserve said it would keep watching the data.",
    ),
    (
        "en",
        "President Joe Biden said the bill would pass the Senate this month. "
        "He added that he was confident of bipartisan support.",
    ),
    (
        "en",
        "Hamas said the talks in Cairo had failed. Israel said it would continue the operation. "
        "The World Health Organization warned that hospitals were running out of fuel.",
    ),
    (
        "en",
        "The U.S. State Department said the embassy would stay open. "
        "Spokesman Matthew Hale said staff had not been evacuated.",
    ),
    (
        "en",
        "Foreign Minister Helena Brandt said the negotiations would resume in Geneva. "
        "She added that no date had been set. Brandt said both sides wanted a deal.",
    ),
    (
        "en",
        "Secretary of State Antony Blinken said the ceasefire was holding. "
        "Blinken said aid convoys would enter on Tuesday.",
    ),
    (
        "en",
        "The Electoral Commission warned that online advertising needed new rules. "
        "It said voters deserved to know who paid for political adverts.",
    ),
    (
        "en",
        "Officials said the bridge would reopen in May. "
        "Mayor Laura Stone said the repairs had cost twice the estimate.",
    ),
    (
        "en",
        "WHO officials said the outbreak was contained. "
        "Helena Brandt said the government would fund more testing.",
    ),
    (
        "cs",
        "Předseda Soudcovské unie Libor Vávra řekl, že vláda porušuje zákon. "
        "Podle Vávry se situace soudců zhoršuje.",
    ),
    (
        "cs",
        "Vávra dodal, že unie podá ústavní stížnost. "
        "Ministerstvo spravedlnosti uvedlo, že zákon je v pořádku.",
    ),
    (
        "cs",
        "„Inflace bude klesat pomaleji, než čekala centrální banka,“ řekl ČTK ekonom Lukáš Kovanda. "
        "Kovanda dodal, že ceny energií porostou.",
    ),
    (
        "cs",
        "Ministryně financí Alena Schillerová oznámila, že daně nevzrostou. "
        "Podle ní je rozpočet stabilní.",
    ),
    (
        "cs",
        "Ruské agentury uvedly, že útok byl odražen. Podle agentury RIA Novosti zemřeli tři lidé.",
    ),
    (
        "cs",
        "Premiér Petr Fiala zdražení obhajoval. Řekl, že ceny v zimě klesnou.",
    ),
    (
        "cs",
        "Andrej Babiš vládu kritizoval. Podle Babiše vláda nezvládá ceny energií.",
    ),
    (
        "cs",
        "Policejní prezident Martin Vondrášek řekl, že policie případ vyšetřuje. "
        "Vondrášek dodal, že pachatel byl zadržen.",
    ),
    (
        "cs",
        "Útok na sklad byl odražen, cituje agentura TASS nejmenovaný zdroj z ministerstva obrany. "
        "Izrael uvedl, že operace pokračuje.",
    ),
    (
        "cs",
        "Ekonomka Helena Horská řekla, že recese skončila. Horská dodala, že růst bude pomalý.",
    ),
]

# The kind every actor these articles create or reuse must have.
EXPECTED_KINDS = {
    "Maria Lindqvist": "person",
    "Reuters": "media",
    "Federal Reserve": "organisation",
    "Joe Biden": "person",
    "Hamas": "organisation",
    "Israel": "government",
    "World Health Organization": "organisation",
    "US State Department": "government",
    "Matthew Hale": "person",
    "Helena Brandt": "person",
    "Antony Blinken": "person",
    "Electoral Commission": "organisation",
    "Laura Stone": "person",
    "Libor Vávra": "person",
    "Lukáš Kovanda": "person",
    "Alena Schillerová": "person",
    "RIA Novosti": "media",
    "Petr Fiala": "person",
    "Andrej Babiš": "person",
    "Martin Vondrášek": "person",
    "Helena Horská": "person",
    "anonymous source": "anonymous",
    "ČTK": "media",
    "Izrael": "government",
}
