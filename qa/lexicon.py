"""The general English word lists the answer core still needs, in one place.

Everything here is ordinary English (question words, reporting verbs, units of measure, the
nouns a question uses to name the type of its answer). Nothing here names a place, a person or
an organisation: names come from the parser and from the indexed articles themselves.
Lemmas are lower-case spaCy lemmas.
"""
from __future__ import annotations

# Verbs whose subject is the source of a statement ("X said", "X told reporters", "X warned"); for
# qa.guard, clauses under them are someone's reported words, not instructions to the reader.
REPORTING_VERBS = frozenset(
    "ask chant shout instruct order demand yell scream plead ".split() +
    "say tell warn report estimate state add brief claim confirm announce note write believe assess insist "
    "argue explain suggest predict reveal disclose acknowledge admit caution allege accuse deny dismiss "
    "describe declare stress emphasise emphasize tweet post testify conclude find show indicate "
    "urge reply respond comment observe remark quote cite".split())

# Words before a figure that make it an upper or lower bound, or approximate.
APPROXIMATORS = frozenset("about approximately roughly around nearly almost some estimated circa".split())

# Nouns after a number that make it a measurement (a size, distance, calibre, weight, duration,
# speed, share or amount of money) rather than a count of things.
# Nouns that name a currency: a figure that counts one is an amount of money (qa.figures).
CURRENCY_NOUNS = frozenset("dollar euro pound yen yuan renminbi rupee ruble rouble won peso franc krona krone "
                           "real rand lira dinar dirham riyal shekel naira shilling zloty forint cent".split())
MEASURE_UNITS = frozenset(
    "mm cm m km kilometre kilometres kilometer kilometers metre metres meter meters millimetre millimetres "
    "millimeter millimeters centimetre centimetres centimeter centimeters mile miles foot feet ft inch inches "
    "yard yards kg kilogram kilograms kilo kilos g gram grams tonne tonnes ton tons lb lbs pound pounds ounce "
    "ounces litre litres liter liters gallon gallons barrel barrels calibre caliber degree degrees hectare "
    "hectares acre acres sq knot knots mph kph kmh kw mw gw kwh mwh gwh watt watts volt volts "
    "percent per cent pct % second seconds minute minutes hour hours day days week weeks month months year years "
    "decade decades century centuries dollar dollars euro euros yen yuan rupee rupees ruble rubles rouble "
    "roubles won pence cent cents usd eur gbp bn".split())
# A number glued to a unit: "170mm", "60km", "5kg" (spaCy tokenises some of these as one token).
GLUED_UNIT_SUFFIXES = ("mm", "cm", "km", "kg", "m", "g", "lb", "lbs", "ft", "mph", "kph", "kw", "mw", "gw",
                       "kwh", "%")

# The nouns a question uses for the type of the answer it wants ("which agency", "what city").
PERSON_NOUNS = frozenset(
    "person individual official leader president minister spokesman spokeswoman spokesperson commander general "
    "analyst expert diplomat envoy ambassador lawmaker legislator senator politician player actor actress singer "
    "author writer winner ceo chief head founder coach candidate chairman chairwoman chair director governor "
    "mayor secretary premier king queen prince princess journalist reporter correspondent scientist researcher "
    "officer soldier judge lawyer artist star athlete manager owner executive member man woman who".split())
# Person nouns too general to be a title next to a name ("which official" may be a minister).
GENERIC_PERSON_NOUNS = frozenset("person individual official man woman member people who".split())
# Person nouns written as a title next to the name ("General X", "Judge X", "House Republican Leader X"):
# "which judge" is answered only by a name the sentence calls a judge. Roles outside this list
# ("which actor", "which star") are often left unsaid next to the name ("Ben Affleck was seen ...").
TITLE_NOUNS = frozenset(
    "president minister premier chancellor general commander admiral colonel lieutenant major captain sergeant "
    "judge justice senator governor mayor ambassador envoy secretary king queen prince princess pope chairman "
    "chairwoman chair ceo chief director spokesman spokeswoman spokesperson lawmaker legislator "
    "officer".split())
# "leader" is a role every head of a state, party or group holds, seldom written next to the name
# ("Okafor approved ..." answers "which Nigerian leader"): not a title the sentence must show.
ORG_NOUNS = frozenset(
    "agency party outlet newspaper broadcaster body organisation organization company firm group institution "
    "ministry department service union network channel publication paper team club bank court committee "
    "council government alliance tank chain brand university station airline maker manufacturer retailer "
    "network website magazine bloc coalition administration authority board charity platform".split())
PLACE_NOUNS = frozenset(
    "city country nation place region area state province town village location capital border territory "
    "island district continent venue site county neighbourhood neighborhood port where".split())
DATE_NOUNS = frozenset("year month date day weekday time week century decade season when".split())
# Date nouns a question names to ask for that part of a date ("on what day", "which weekday", "what
# year"): the answer is a date even when the question also names a figure (qa.question_type._date_part).
DATE_PART_NOUNS = frozenset("year month date day weekday week decade century".split())
COUNT_NOUNS = frozenset("number figure count total estimate tally toll headcount".split())
# Universal POS tags of question words that a paraphrase is free to change (qa.coverage.soft_words).
SOFT_POS = frozenset({"VERB", "ADJ", "ADV"})
QUANTITY_ADVERBS = frozenset("much long far big large old high tall wide deep heavy fast".split())
# Nouns that ask for a measurement: "what calibre", "what is the range of".
MEASURE_NOUNS = frozenset("calibre caliber size length width height depth distance weight range speed area "
                          "price cost value diameter altitude temperature duration".split())
# Verbs of expectation and intention: a question asking what someone "expects" wants the hedged figure.
FORWARD_VERBS = frozenset("expect plan intend predict forecast project prepare aim anticipate estimate "
                          "want hope".split())
# Verbs that only give or expect a figure ("put the toll at", "numbered", "expects 10,000"): a claim whose
# predicates are these says nothing happened beyond the figure (qa.stance: a close paraphrase's other figure refutes it).
FIGURE_FRAMING_VERBS = FORWARD_VERBS | frozenset("put place number total count reach stand".split())
# "how far / long / much ...": the answer is a measurement or a sum, never a count of things.
MEASURE_ADVERBS = frozenset("much long far old high tall wide deep heavy fast".split())

# Question words that need no match in the evidence (qa.coverage): question phrasing, reporting verbs and
# function words; also 5-letter stems as index.lexical.tokenize writes them ("accord", "estim", "mani").
COVERAGE_FILLER = frozenset({
    "how", "many", "much", "what", "who", "whom", "whose", "when", "where", "which", "why", "say", "said", "says",
    "tell", "told", "report", "reported", "according", "number", "figure", "figures", "article", "articles",
    "claim", "claims", "state", "stated", "mention", "mentioned", "describe", "described", "give", "given",
    "accord", "estim", "total", "exact", "exactly", "current", "currently", "also", "actual", "actually", "per",
    "becom", "time", "year", "day", "week", "month", "first", "last", "mani", "much", "name", "kind", "type",
    "sort", "sorts",
    # function words and question phrasing that articles rarely repeat
    "did", "does", "doe", "done", "were", "was", "is", "are", "has", "have", "had", "been", "be", "being", "been", "about", "over", "from", "his", "her", "its", "their", "would",
    "could", "should", "must", "can", "will", "under", "before", "after", "within", "toward", "towards", "out",
    "into", "whether", "each", "apart", "new", "different", "far", "compare", "agree", "other", "any", "all",
    "some", "such", "than", "then", "there", "these", "those", "this", "that", "with", "without", "while", "still",
    "already", "ever", "eventually", "really", "respond", "responded", "see", "seen", "spoke", "speak", "speech",
    "quoted", "quote", "relayed", "characterise", "characterize", "describe", "explain", "happened", "happen",
    "question", "answer", "role", "reason", "main", "role", "way", "ways", "thing", "things", "list",
})

# Answer-type nouns: the answer is an instance ("Lisbon" for "which city"), so the word itself
# need not occur in the evidence.
ANSWER_TYPE_NOUNS = frozenset({
    "city", "cities", "country", "countries", "nation", "nations", "place", "places", "region", "regions", "area",
    "areas", "month", "months", "year", "years", "date", "dates", "day", "days", "outlet", "outlets", "agency",
    "agencies", "newspaper", "broadcaster", "unit", "units", "weapon", "weapons", "organisation", "organization",
    "group", "groups", "person", "people", "official", "officials", "leader", "leaders", "president", "minister",
    "name", "names", "milestone", "event", "events", "company", "party", "body", "institution", "source", "sources",
    "think", "tank", "article", "treaty", "document", "language", "kind", "kinds", "type", "types", "word", "words",
    "part", "parts", "portion", "section", "side", "piece", "aspect", "state", "states", "team", "teams", "chain",
})

# Nouns that ask for a name: "what is the name of the official who ...", "the identity of ...".
NAME_NOUNS = frozenset("name identity".split())
# Prepositions whose object is what a statement is about: "what did X say about Y", "X's view on Y".
TOPIC_PREPOSITIONS = frozenset("about on regarding concerning".split())

# Nouns that ask for someone's stance, not for a thing the articles must name: "Oslo's position on ...",
# "what was the reaction": the answer is a statement, which rarely uses the word.
STANCE_NOUNS = frozenset("position stance view views opinion reaction response attitude stand take "
                         "comment comments verdict assessment line intention intentions intent motive motives "
                         "goal goals aim aims".split())
# Nouns that ask what someone does, not for a thing named by the word: "what job / role / task will X do".
ACTIVITY_NOUNS = frozenset("job role task function purpose mission duty work".split())
# Nouns that name a piece of coverage rather than what it covers: "the latest article that names him", "per the
# magazine that interviewed X", "the photo used with its story". Their words describe the text, which the
# sentence that answers does not repeat (qa.coverage.document_words).
DOCUMENT_NOUNS = frozenset("article story report photo photograph picture image video footage magazine newspaper "
                           "paper piece dispatch caption headline coverage account telling reckoning mention "
                           "reporting bulletin".split())

# Chat shorthand and common misspellings of question words, written out before a question is searched
# ("kim family enslaves how many ppl", "wat did X say abt Y"). General English only.
SHORTHAND = {
    "ppl": "people", "ppls": "people's", "abt": "about", "bout": "about", "wat": "what", "wht": "what",
    "wot": "what", "wen": "when", "whn": "when", "wher": "where", "whats": "what is", "whos": "who is", "wheres": "where is", "hows": "how is",
    "whens": "when is", "u": "you", "ur": "your", "r": "are", "bc": "because", "cuz": "because",
    "coz": "because", "b4": "before", "govt": "government", "gov": "government", "dept": "department",
    "intl": "international", "approx": "approximately", "thru": "through", "tho": "though", "yr": "year",
    "yrs": "years", "w/": "with", "w/o": "without", "pls": "please", "plz": "please", "msg": "message",
    "info": "information",
}

# Imperatives that ask for a list: "Name the ...", "List the ...".
LIST_VERBS = frozenset("list name enumerate identify".split())

# Subject pronouns that make a sentence continue the statement of the one before ("He added ...").
CONTINUATION_PRONOUNS = frozenset("he she they it this these".split())
# Openers that add to the statement of the sentence before: "In addition, ...", "Moreover, ...".
CONTINUATION_OPENERS = ("in addition", "additionally", "moreover", "furthermore", "also", "besides", "what's more")

# Prepositions that put a place or time constraint on a question: "in Rotterdam", "at the port".
PLACE_PREPOSITIONS = frozenset("in at near inside into within to".split())

# Question phrasing that carries no content: what a question asks, not what it is about.
QUESTION_FILLER = frozenset(
    "how many much what who whom whose when where which why say tell report according number figure article "
    "articles mention describe give name kind type list happen do be have".split())

# Nouns and participles that count the same thing in news English: a "casualty figure" is a number
# of dead or wounded. Used when a counted noun has no close word vector (casualty ~ wounded is 0.60).
# CASUALTY_WORDS also say what befell the people a figure counts ("1,000 wounded", "killed or wounded").
CASUALTY_WORDS = frozenset("casualty casualties dead death deaths killed kill die died wounded wound injured injure "
                           "injury injuries fatality fatalities loss losses".split())
COUNT_GROUPS = (
    CASUALTY_WORDS,
    frozenset("people person persons individual individuals population populations".split()),
)

# ===================================================================== time (qa.timeline)
# Words and phrases that put a question in the present ("this week", "currently", "the new ...").
NOW_WORDS = frozenset({
    "now", "currently", "current", "presently", "present", "today", "tonight", "latest", "newest",
    "new", "recent", "recently", "incoming", "upcoming", "ongoing", "still", "yet", "anymore",
    "nowadays", "lately", "newly",
})
NOW_PHRASES = frozenset({
    "this week", "this weekend", "this month", "this year", "this season", "this morning",
    "this afternoon", "this evening", "so far", "as of now", "right now", "at the moment",
    "these days", "last week", "past week", "past weekend", "last weekend", "yesterday",
})
# Phrases that pin a question to a stated earlier time: it then does not prefer recent sources.
PAST_PHRASES = frozenset({
    "last year", "last decade", "last century", "years ago", "decades ago", "in the past",
    "used to", "at the time", "originally", "first time", "for the first time ever", "previously",
    "back then", "historically",
})
# Verb lemmas whose newest occurrence supersedes older ones: "who won", "who was elected".
SUPERSEDING_VERBS = frozenset({
    "win", "elect", "appoint", "name", "nominate", "choose", "select", "crown", "sworn", "swear",
    "replace", "succeed", "become", "announce", "launch", "release", "unveil",
})
# Words of a question that say WHEN it is asked, not what it asks ("who is the current ...", "are
# they fighting yet"): left out of the retrieval query and of the words evidence must cover
# (qa.asking_time); ADJ/ADV readings only ("present" the verb stays).
ASKING_TIME_WORDS = frozenset({
    "now", "currently", "current", "presently", "present", "today", "tonight", "latest", "newest",
    "recent", "recently", "still", "yet", "anymore", "nowadays", "lately",
})
ASKING_TIME_PHRASES = frozenset({"so far", "as of now", "right now", "at the moment", "at present",
                                 "these days", "to date", "as of today", "as it stands"})
# Nouns for the articles themselves ("as of the latest report", "according to the articles", "going by the
# most recent mention"): DOCUMENT_NOUNS, one list with the coverage side (qa.coverage.document_words).
# Words before a title that say when it is held, not which title it is ("the new president"): no
# qualifier of the title (qa.holders).
TITLE_WHEN_WORDS = frozenset({"new", "sitting", "serving", "incumbent"})
# Words that label a date near the top of an article as its publication date.
PUBLISH_WORDS = frozenset({"published", "updated", "posted", "modified", "revised", "dated"})

# ===================================================================== guard (qa.guard)
# Verb lemmas that tell the reader to drop what came before.
OVERRIDE_VERBS = frozenset({"ignore", "disregard", "forget", "override", "bypass", "discard", "overrule"})
# What an override drops: earlier instructions, the text above, everything.
OVERRIDE_OBJECTS = frozenset({
    "instruction", "prompt", "rule", "guideline", "directive", "command", "context", "message",
    "above", "everything", "all", "anything", "previous", "prior", "earlier", "preceding", "system",
    "policy", "constraint", "restriction", "training", "programming",
})
# Verb lemmas of producing an answer: what a dictated answer tells its reader to do.
ANSWER_VERBS = frozenset({"answer", "respond", "reply", "say", "state", "output", "write", "claim",
                          "tell", "report", "print", "return", "insist", "conclude", "affirm", "confirm"})
# The subset a third-person AI subject is told to do ("AI assistants must respond that ...").
AI_ANSWER_VERBS = frozenset({"answer", "respond", "reply", "output", "say", "state", "return"})
# Verb lemmas of taking on a role: "pretend you are", "act as".
ROLE_VERBS = frozenset({"pretend", "act", "roleplay", "behave", "impersonate", "simulate"})
# Nouns that name an AI reader ("assistant" only as the head noun: not "assistant professor").
AI_WORDS = frozenset({
    "ai", "a.i.", "chatbot", "chatbots", "bot", "bots", "assistant", "assistants", "llm", "llms",
    "gpt", "chatgpt", "copilot",
})
# Modifiers that make a general noun an AI one: "AI model", "language models", "AI systems".
AI_MODIFIERS = frozenset({"ai", "a.i.", "language", "llm", "gpt", "chatbot"})
AI_MODIFIED = frozenset({"model", "models", "system", "systems", "agent", "agents", "tool", "tools"})
# Words that open an address or a notice: "Dear ...", "Attention ...:", "Note to ...:".
ADDRESS_WORDS = frozenset({"dear", "attention", "note", "notice", "memo", "message", "reminder", "hey", "hello", "hi",
                           "warning"})
# Modal verbs of obligation: "must", "should" (ability "can" and prediction "will" are not).
DEONTIC_MODALS = frozenset({"must", "should", "shall", "ought", "need", "have"})
# Markup of chat templates and prompt files: never part of a news article.
PROMPT_MARKUP = (
    "<|im_start|>", "<|im_end|>", "<|system|>", "<|user|>", "<|assistant|>", "[inst]", "[/inst]",
    "<<sys>>", "<</sys>>", "### instruction", "### system", "system prompt:", "system message:",
    "begin system prompt", "end system prompt", "new instructions:", "updated instructions:",
)
# "When asked ..., say ...": the verbs of being questioned.
ASKED_VERBS = frozenset({"ask", "question", "query", "prompt"})
# "Language models reading this page should ...": an AI reader's verbs.
READER_VERBS = frozenset({"read", "process", "see", "summarize", "summarise", "scan", "crawl", "index"})
# Words that make the rest of a sentence an instruction after a vocative ("Dear chatbot, ...").
PROMPT_WORDS = frozenset({"you", "your", "yourself", "prompt", "prompts", "instruction", "instructions"})
# Words after a role verb that assign the role: "pretend you are", "act as", "pretend to be".
ROLE_LINKS = frozenset({"you", "as", "if", "be"})
# Words one of which a sentence must contain to be parsed for instructions (a cheap pre-filter:
# every rule in qa.guard needs a base-form verb of the lists above, "you", an AI word or a prompt word).
GUARD_TRIGGERS = OVERRIDE_VERBS | ANSWER_VERBS | ROLE_VERBS | AI_WORDS | PROMPT_WORDS


# -- verdicts (qa.slots, qa.stance, qa.verdict_model) ------------------------------------------------

# Verbs whose object is declared untrue or rejected: "X denied the report", "X dismissed it as fake".
DENIAL_LEMMAS = frozenset("deny dismiss reject refute debunk disprove contradict rebut dispute retract".split())
# Words that call a statement untrue (a claim that says them repeats the denial, it is not refuted by it).
FALSITY_WORDS = frozenset(
    "false fake hoax misleading untrue baseless fabricated doctored fabrication incorrect inaccurate bogus "
    "satire satirical debunked myth rumour rumor unfounded manipulated altered photoshopped misattributed "
    "nonsense lie lies wrong".split())
# Words that confirm a statement.
TRUTH_WORDS = frozenset("true correct accurate confirmed confirms confirm genuine authentic real indeed yes".split())
# Phrases that say the evidence is missing or unknown.
UNKNOWN_PHRASES = (
    "no evidence", "no information", "no record", "no data", "not known", "unknown", "unclear", "no answer",
    "could not find", "couldn't find", "could not be found", "not available", "not found", "no report",
    "no mention", "did not find", "unconfirmed", "unverified",
)
# Verbs that commit their subject to (or against) a statement: negated ("did not confirm", "never
# verified", "neither confirmed nor denied") or withheld ("declined to confirm", "unable to verify",
# "has yet to acknowledge") they leave the statement open (qa.slots.withheld_commitments).
COMMIT_LEMMAS = frozenset(
    "confirm verify deny acknowledge corroborate substantiate authenticate validate admit comment".split())
# Heads of a withheld commitment: "declined to confirm", "refused to deny", "failed to verify",
# "was unable to confirm", "has yet to confirm" (with "yet").
WITHHOLD_LEMMAS = frozenset("decline refuse fail unable".split())
WITHHOLD_ADVERBS = frozenset({"yet"})
# Negation words (spaCy marks most with dep_ "neg"; these also catch determiners like "no").
NEGATION_WORDS = frozenset("not no never none nobody nothing neither nor n't without".split())
# Words that make a statement a possibility, intention or suspicion rather than a fact.
HEDGE_WORDS = frozenset(
    "may might could would possibly likely unlikely probably perhaps reportedly allegedly alleged suspected "
    "plan plans planned planning prepare preparing intend intends intended expect expects expected risk "
    "possibility potential".split())
# Pairs of words of opposite direction: a claim that something rose is contradicted by evidence that
# it fell. Stems (prefixes), matched at the start of a word.
OPPOSITES = (
    ("increase", "decrease"), ("increase", "reduce"), ("increase", "lower"), ("rise", "fall"), ("rise", "drop"),
    ("higher", "lower"), ("more", "less"), ("more", "fewer"), ("gain", "loss"), ("positive", "negative"),
    ("improve", "worsen"), ("activate", "inhibit"), ("promote", "inhibit"), ("promote", "suppress"),
    ("enhance", "reduce"), ("enhance", "impair"), ("upregul", "downregul"), ("up-regul", "down-regul"),
    ("strengthen", "weaken"), ("accelerat", "slow"), ("expand", "shrink"), ("win", "lose"), ("confirm", "deny"),
    ("above", "below"), ("before", "after"), ("larger", "smaller"), ("greater", "smaller"), ("longer", "shorter"),
    ("bigger", "smaller"),
)
# Opposite sides: a clash only when both qualify the same next word ("western Norway" / "eastern Norway",
# not "western sources" / "eastern Norway"): qa.stance.side_clash.
SIDE_OPPOSITES = (("western", "eastern"), ("northern", "southern"), ("upper", "lower"), ("left", "right"))
# Entity labels of spaCy's English pipelines, by the slot of a claim they fill.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
ACTOR_LABELS = frozenset({"PERSON", "ORG", "NORP"})
TIME_LABELS = frozenset({"DATE"})
# Entity labels that keep a proper noun after "in / at / near" from being read as a place (qa.slots):
# a person, an organisation, a time, a number. Any other label, or none, may be a place the tagger missed.
NOT_PLACE_LABELS = frozenset({"PERSON", "ORG", "DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY",
                              "PERCENT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"})
# Labels that are never a name at all (times and numbers): the proper noun before a place noun ("the X
# region") is a place whatever else the tagger calls it.
NOT_NAME_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"})
# Prepositions that put an event at a place: "in X", "at X", "near X" (narrower than PLACE_PREPOSITIONS:
# "sent to X" names a destination, not where the event happened).
EVENT_PLACE_PREPOSITIONS = frozenset("in at near inside within".split())
# Prepositions that tie a place to a claim's main verb (where it happened, or where to / from): a claim
# about a place no evidence names is about something the evidence does not cover (qa.claim_focus).
VERB_PLACE_PREPOSITIONS = EVENT_PLACE_PREPOSITIONS | frozenset("to into from across on".split())
# Dependency labels of a place named as who acts, not where (qa.slots SlotFrame.agents): the possessor
# ("<capital>'s spy agency"), the subject ("<capital> cleared the missiles"), the agent of a passive.
AGENT_DEPS = frozenset({"poss", "nsubj", "nsubjpass"})
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# Month abbreviations as written in dates ("Nov. 15", "Sept 3").
MONTH_ABBREVIATIONS = ("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec")
# Words whose presence in the evidence (or the claim) the verdict model weighs, one feature each:
# negation and falsity, confirmation, uncertainty, contrast and context. General English only.
STANCE_CUES = (
    "no", "not", "never", "nothing", "none", "false", "fake", "hoax", "misleading", "satire", "satirical",
    "parody", "edited", "doctored", "altered", "fabricated", "myth", "debunked", "incorrect", "inaccurate",
    "untrue", "wrong", "baseless", "unfounded", "rumor", "rumour", "denied", "rejected", "dismissed",
    "yes", "true", "correct", "accurate", "confirmed", "official", "indeed", "genuine", "authentic", "verified",
    "unclear", "unknown", "unverified", "only", "however", "but", "although", "partly", "partially",
    "exaggerated", "context", "old", "earlier", "actually", "instead", "rather", "although", "shows",
)
# Words of a claim that the verdict model weighs: what kind of claim it is.
CLAIM_CUES = (
    "photo", "video", "image", "picture", "shows", "viral", "said", "says", "claims", "percent", "million",
    "billion", "all", "every", "only", "first", "never", "always", "will", "new", "ban", "banned",
)
# Prefixes that negate the word they are put on ("unlikely" / "likely", "disagree" / "agree", "impossible"
# / "possible"): a claim and a sentence that use the word with and without one say opposite things
# (qa.stance.prefix_clash). Only for stems of at least NEGATING_PREFIX_MIN_STEM letters.
NEGATING_PREFIXES = ("un", "non", "dis", "im", "in", "il", "ir")
NEGATING_PREFIX_MIN_STEM = 4
# Endings that make a people or adjective of a place name ("Canad-ian", "Americ-an", "Chin-ese",
# "Brit-ish", "Israel-i"): a claim's "Canadian forces" names the place the sentence calls "Canada", and
# the reverse (qa.names.demonym_pair, read by qa.clashes.name_met and qa.inventory). Only for stems of at
# least DEMONYM_MIN_STEM letters.
DEMONYM_SUFFIXES = ("ian", "ean", "an", "ese", "ish", "i")
DEMONYM_MIN_STEM = 4
# Words a name's acronym leaves out ("Joint Chiefs of Staff" = "JCS"; qa.clashes.name_met).
ACRONYM_SKIP = frozenset("of the and for on".split())
# Verbs that carry no claim of their own: a claim's predicate is the verb under them ("X has *sent*").
LIGHT_VERBS = frozenset("be have do get make take give go come become seem appear".split())

# Why-questions (qa.clauses.reason_clause): subordinators that open a reason clause, words that make a
# causal preposition ("because of", "due to", "owing to", "thanks to"), and verbs whose "to"-clause is
# their object rather than a purpose ("wants to", "plans to", "agreed to").
REASON_MARKERS = frozenset("because since as".split())
REASON_PREPS = frozenset("because due owing thanks".split())
NON_PURPOSE_HEADS = frozenset("want plan agree try begin start continue need intend decide refuse seem "
                              "appear hope expect promise threaten like love hate fail manage prepare "
                              "offer ask urge tell order allow permit force help".split())
# Phrases that mark a sentence as background to the current news (qa.timeline.looks_back):
# what happened before, not what happens now.
BACKGROUND_PHRASES = frozenset({
    "last year", "last decade", "last century", "years ago", "decades ago", "a year ago", "in the past",
    "used to", "back then", "historically", "previously", "years earlier", "the previous year",
    "the year before", "since then",
})

# ===================================================================== false refusals (session 13, refuse2)
# Nouns for people who give information without being a named person or body: "according to local
# sources", "according to witnesses" name a source; "according to the report" does not (qa.question_frames).
INFORMANT_NOUNS = frozenset("source witness resident observer monitor insider".split())
# "how long before / after X did Y" asks when Y happened relative to X, not a length (qa.question_frames).
RELATIVE_TIME_WORDS = frozenset("before after earlier later".split())
# "how much of X / how much detail": an amount that articles often give in words ("a swath of land"); when no
# figure gives it, the answer is a sentence, as when no figure is found at all (qa.answer.compose_ask).
WORDED_AMOUNTS = frozenset({"much"})

# --- spans2 (session 13): short answers ---------------------------------------------------------
# Openings of a question that asks who or what something is (qa.describe.definition_target), as
# words; common misspellings included. And last words that ask the same of the name before them
# ("X role?").
DEFINITION_OPENERS = tuple(tuple(p.split()) for p in (
    "who is", "who's", "whos", "who was", "who are", "what is", "what's", "whats", "what are", "what was",
    "wat is", "wats", "wat's", "who r", "what does", "what do"))
DEFINITION_SUFFIXES = frozenset("role job title position".split())
# Words that make "to X" name a source, not a place: "according to X", "thanks to X".
SOURCE_PREPOSITION_HEADS = frozenset("accord thank due owe".split())
# Units of a duration ("24 years", "two weeks"): how long, not when (qa.spans._when_fit), singular.
DURATION_UNITS = frozenset("second minute hour day week month year decade century".split())
# Determiners that point back to what the sentence before named ("These workers ...": qa.continuation.continues).
DEMONSTRATIVES = frozenset("this these that those such".split())
# Words that count or pick rather than say which one ("many ways", "other parliaments"), and nouns too
# general to head a list item ("what ways / things / kinds"): qa.describe.headed.
QUANTIFIERS = frozenset("many several some other various few multiple different both all each every more most "
                        "such certain numerous".split())
GENERIC_TYPE_NOUNS = frozenset("way thing kind sort type manner means item one".split())
# Prepositions that open a manner phrase ("via email", "by video", "without evidence"): qa.describe.manner_phrase.
MANNER_PREPOSITIONS = frozenset("via by through with without using".split())

# --- lists (session 14): short answers that gather ------------------------------------------------
# Words by which a question about two or more named actors asks what each of them said or did
# ("What did X and Y each say", "Compare X's and Y's figures"): qa.gather.each_actor.
EACH_WORDS = frozenset("each both compare respectively".split())

# --- lists (session 15): lists of named things across the articles (qa.inventory) --------------------
# Imperative verbs that ask for a list by its head noun: "Name the ministers ...", "List the agencies ...".
ENUMERATE_VERBS = frozenset("name list identify enumerate".split())
# Verbs by which a list question asks what the articles hold rather than what someone did: "which
# ministers are named / cited / mentioned", "which dates do the reports give" (qa.inventory).
INVENTORY_VERBS = frozenset("name cite mention list quote feature appear identify give include refer".split())
# Prepositions that leave a name out of a list: "Besides X, which ministers ...".
EXCLUDING_PREPOSITIONS = frozenset("besides except excluding beside".split())
# Demonyms that do not extend their place's name (the regular ones are matched by prefix, qa.names.same_name).
IRREGULAR_DEMONYMS = {
    "american": "united states", "british": "united kingdom", "dutch": "netherlands", "swiss": "switzerland",
    "french": "france", "welsh": "wales", "greek": "greece", "irish": "ireland", "danish": "denmark",
    "swedish": "sweden", "finnish": "finland", "polish": "poland", "turkish": "turkey", "spanish": "spain",
    "filipino": "philippines", "thai": "thailand", "scottish": "scotland", "english": "england",
}
# --- unans (session 13): unanswerable questions caught -----------------------------------------
# Words that make "how much" (or "what did X cost") a question about money: only a sum of money answers it,
# not a calibre, a distance or a share (qa.select, qa.question_frames).
MONEY_WORDS = frozenset("cost price pay spend worth fee budget fund afford charge paid spent".split())
# Verbs whose object "what" asks a sum: "What did the bridge cost?" (qa.question_frames).
MONEY_VERBS = frozenset("cost pay spend charge".split())

# --- verdict8 (session 14): descriptive sources of a figure -------------------------------------------
# Nouns that name a statement of figures rather than who made it ("Western intelligence assessments",
# "estimates by X", "U.S. figures put the toll at ..."): the noun phrase, or its "by / from X", is the
# source of the sentence's figure (qa.attribution.speaker_of). Lemmas.
REPORTING_NOUNS = frozenset("estimate assessment figure data report statement survey study count tally analysis "
                            "census poll calculation projection finding record account".split())
# Prepositions after a reporting noun that name its author: "estimates by X", "data from X".
AUTHOR_PREPOSITIONS = frozenset("by from".split())
# Objects of a light verb that only frame the noun after them: "take part in X", "play a role in X" (qa.claim_focus).
FRAMING_OBJECTS = frozenset("part role".split())

# --- unans2 (session 14): unanswerable questions answered ------------------------------------------
# Verbs by which a body puts out a figure or a text: "what toll has X published", "did X release": their named
# subject is the source the answer must come from, like a reporting verb's (qa.question_constraints._source).
PUBLISHING_VERBS = frozenset("publish release issue".split())

# --- nextsrc (session 14): a figure's source named in the sentence before ------------------------------
# Determiners of a definite description that points back to a source named before ("the agency said",
# "this outlet reported"): qa.select.figure_speaker resolves it to the named speaker of the sentence before.
DEFINITE_DETERMINERS = frozenset("the this that these those".split())
# Endings of an agent noun ("protester", "investor"): the noun counts those who did its verb (qa.select._agent_of).
AGENT_SUFFIXES = ("er", "or")
# Regular English endings: a known stem with one of them is a word, not a typo ("protesters", "rerouted",
# "shelling"; qa.spelling.Speller).
INFLECTION_SUFFIXES = ("ers", "er", "s", "es", "ed", "ing", "ings")
# --- mixstore (session 18): regular derivational endings: a known stem with one of them is a word, not a typo
# ("desertions", "countrymen", "functionary"; qa.spelling.Speller). Those after a stem ending in "y" that turns
# into "i" ("readier", "tidiest") are Y_ENDINGS. British -ise spellings of -ize words: BRITISH_ISE.
DERIVATION_SUFFIXES = ("ions", "ion", "ments", "ment", "ness", "ary", "men")
Y_ENDINGS = ("ier", "iest", "ies", "ied", "ily", "iness")
BRITISH_ISE = (("isation", "ization"), ("ises", "izes"), ("ised", "ized"), ("ising", "izing"), ("ise", "ize"))
# Lemmas by which a sentence says its statement was reported without naming by whom ("reports emerged of ...",
# "reportedly"): its source may be named in the sentence after it (qa.select.figure_speaker).
UNSOURCED_REPORT_WORDS = frozenset("report reportedly allegedly purportedly".split())

# --- spans (session 15): short answers read from the asked role ----------------------------------------
# Verbs that say nothing about who does what ("who is", "who has"): no doer question (qa.doers.asked_doer).
DOER_LIGHT_VERBS = frozenset("be have do get".split())
# Question words that can be the doer of a verb ("Who provided X?", "Which firm built Y?"; qa.doers).
DOER_WH_WORDS = frozenset(("who", "whom", "which", "what"))
# Relative pronouns through which a verb's subject is the noun before them ("X that raised prices"; qa.doers).
RELATIVE_PRONOUNS = frozenset(("that", "who", "which"))

# --- docref (session 16): document references read as a scope (qa.docscope) ----------------------------
# Nouns that name a piece of coverage as a whole, for a reference to one article ("the Ledger update",
# "the December piece", "Wirenet's telling"): DOCUMENT_NOUNS and the names of a text's kind and revision.
SCOPE_DOCUMENT_NOUNS = DOCUMENT_NOUNS | frozenset("update updates version write-up writeup column feature item "
                                                  "post release wire explainer op-ed editorial".split())
# Nouns that name a part of a text rather than what it says, by the part (qa.docscope.PartKind): the words
# of the question that only say where in the text to look.
HEADLINE_NOUNS = frozenset("headline headlines hed title".split())
SUBHEADING_NOUNS = frozenset("subheading subheadings subhead subheads crosshead crossheads subtitle subtitles "
                             "heading headings".split())
CAPTION_NOUNS = frozenset("caption captions cutline cutlines".split())
CREDIT_NOUNS = frozenset("credit credits byline bylines dateline datelines".split())
STANDFIRST_NOUNS = frozenset("standfirst standfirsts blurb blurbs dek lede lead-in summary".split())
# Part nouns that are also common words ("who gets credit", "the title of president"): a part only in the
# plural or after a noun that names coverage ("the photo credit", "the wire credits", "the story's title").
AMBIGUOUS_PART_NOUNS = frozenset("credit title heading summary".split())
# Words before a name that make it the text referred to: "per Wirenet", "according to X", "in X's account".
REFERENCE_PREPOSITIONS = frozenset("per in according from via by".split())
# Words that may stand between a name and the noun it qualifies in a reference ("the X and Y reports",
# "X's latest story"): possessive marks, conjunctions and a text's freshness.
REFERENCE_GLUE = frozenset("'s ’s s and or , & latest earlier original opening first last own".split())
# Words before a name that make "<name> <document noun>" a noun phrase ("the X report", "both X reports"), not a
# subject and its verb ("X reports that ...", "did X report ..."): qa.docscope.
REFERENCE_DETERMINERS = frozenset("the a an this that these those both each either neither its their his her our "
                                  "your all two three four five".split())

# --- parts (session 16): multi-part questions (qa.parts) -----------------------------------------------
# Words that distribute a question over the nouns coordinated before them: "What did X and Y *each* say?".
DISTRIBUTIVE_WORDS = frozenset("each respectively".split())
# Prepositions whose "X and Y" is one range, not two things: "between 10 and 20", "from May to June".
RANGE_PREPOSITIONS = frozenset("between from".split())
# Plural auxiliaries made singular when a coordinated subject is replaced by one of its nouns.
SINGULAR_AUX = {"do": "does", "have": "has", "are": "is", "were": "was"}
# Conjunctions that join two question words or two questions ("where and when").
COORDINATORS = frozenset("and or".split())
# Words by which a question asks which of two things came first ("which came first / earlier").
ORDER_WORDS = frozenset("first earlier sooner earliest".split())
# Verbs (and nouns) by which a question asks how two things compare ("how does X compare with Y").
COMPARE_VERBS = frozenset("compare differ contrast square".split())
# Prepositions that bring in the other side of a comparison ("compare with Y", "differ from Y").
COMPARE_PREPOSITIONS = frozenset("with to from against".split())
# Prepositions that name what two sides differ on ("differ on the size", "differ in whom they rely on").
DIFFER_ON_PREPOSITIONS = frozenset("on in over about".split())
# Words that open a free relative clause ("what the agency told lawmakers"): a question of its own.
FREE_RELATIVE_WORDS = frozenset("what how when where who why".split())
# Words of a typed comparison shorthand: "x vs y".
VERSUS_WORDS = frozenset("vs versus v".split())
# Punctuation after which a question lists what it wants ("What two figures did X give: A, and B?").
LIST_INTRODUCERS = frozenset(":")
# tspan (session 17): place nouns finer than "place" (qa.spans, SpanConfig.place_kinds). A place asked by one of
# PART_PLACE_NOUNS ("which city", "which region") is a part of a country, never a country's name; one asked by
# COUNTRY_NOUNS is a country's name (qa.gazetteer.is_country). "state" is neither: a country or a federal state.
PART_PLACE_NOUNS = frozenset("city town village capital region province district county municipality".split())
COUNTRY_NOUNS = frozenset("country nation".split())
# tspan (session 17): organisation nouns that name no subtype of their own ("which group" may be a newspaper or a
# party): a name called by one of these never clashes with the asked organisation noun (SpanConfig.org_kinds).
GENERIC_ORG_NOUNS = frozenset(
    "organisation organization group body institution outlet network company firm entity administration "
    "authority platform brand".split())

# --- event days (news17, session 17): the day a news question's event happened (qa.timeline.event_day) -------
# Words before a day that make it a recurring one ("every 16 January", "each Monday"): no event day.
RECURRING_WORDS = frozenset("every each".split())
# Words before a day that make it a coming one ("next Monday", "this coming weekend"): not yet reported.
COMING_WORDS = frozenset("next coming upcoming".split())
# Days back from the asking day to the earliest day of "this week" / "last week" / "this weekend". Not "today":
# "who leads X today" asks for a state that older articles may state, not for an event of the day.
WEEK_SPANS = {"this week": 7, "this past week": 7, "past week": 7, "last week": 14, "this weekend": 3,
              "this past weekend": 7, "past weekend": 7, "last weekend": 7, "yesterday": 1}

# --- nospan (session 18): person titles written abbreviated before a name ("Rep. Ana Costa", "Sen. Brandt") ---
# The title each abbreviation stands for (qa.noun_spans.titled_names reads it as that title; English usage).
TITLE_ABBREVIATIONS = {"rep": "representative", "sen": "senator", "gov": "governor", "gen": "general",
                       "lt": "lieutenant", "col": "colonel", "maj": "major", "capt": "captain", "sgt": "sergeant",
                       "adm": "admiral", "cmdr": "commander", "amb": "ambassador", "pres": "president",
                       "sec": "secretary", "atty": "attorney", "rev": "reverend", "dr": "doctor",
                       "prof": "professor", "supt": "superintendent", "insp": "inspector", "cllr": "councillor"}
# Titles a member of a legislature is written with: they answer "which lawmaker / legislator" (the word vectors
# put "representative" and "lawmaker" too far apart for the gate's threshold).
LEGISLATOR_TITLES = frozenset("representative senator congressman congresswoman assemblyman assemblywoman "
                              "councillor councilman councilwoman deputy mp".split())
LEGISLATOR_NOUNS = frozenset("lawmaker legislator politician parliamentarian".split())
