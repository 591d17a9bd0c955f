"""The general English word lists the engine still needs, in one place.

Ordinary English only: nothing here names a place, a person or an organisation. Lemmas are
lower-case spaCy lemmas.
"""
from __future__ import annotations

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
    "not been confirmed", "not confirmed", "not verified", "could not verify", "could not be verified",
    "cannot be verified", "neither confirmed nor denied", "no mention", "did not find",
)
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
)
# Units after a number that make it a measurement (a calibre, distance, weight, share, duration or
# sum), not a count of things: "170mm shells" are shells of one size, not 170 shells.
MEASURE_UNITS = frozenset(
    "mm cm m km kilometre kilometres kilometer kilometers metre metres meter meters millimetre millimetres "
    "millimeter millimeters centimetre centimetres mile miles foot feet ft inch inches kg kilogram kilograms "
    "g gram grams tonne tonnes ton tons lb lbs pound pounds litre litres liter liters gallon gallons calibre "
    "caliber degree degrees hectare hectares acre acres knot knots mph kph kmh kw mw gw kwh mwh gwh watt watts "
    "percent % pct second seconds minute minutes hour hours day days week weeks month months year years "
    "decade decades dollar dollars euro euros yen yuan rupee rupees ruble rubles pence cents bn".split())
# Entity labels of spaCy's English pipelines, by the slot of a claim they fill.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
ACTOR_LABELS = frozenset({"PERSON", "ORG", "NORP"})
TIME_LABELS = frozenset({"DATE"})
# Prepositions that attach a place to an event: "in X", "at X", "near X".
PLACE_PREPOSITIONS = frozenset("in at near inside within".split())
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
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
