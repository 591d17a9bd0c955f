"""The general English word lists the answer core still needs, in one place.

Everything here is ordinary English (question words, reporting verbs, units of measure, the
nouns a question uses to name the type of its answer). Nothing here names a place, a person or
an organisation: names come from the parser and from the indexed articles themselves.
Lemmas are lower-case spaCy lemmas.
"""
from __future__ import annotations

# Verbs whose subject is the source of a statement: "X said", "X told reporters", "X warned".
REPORTING_VERBS = frozenset(
    "say tell warn report estimate state add brief claim confirm announce note write believe assess insist "
    "argue explain suggest predict reveal disclose acknowledge admit caution allege accuse deny dismiss "
    "describe declare stress emphasise emphasize tweet post testify conclude find show indicate "
    "urge reply respond comment observe remark quote cite".split())

# Words before a figure that make it an upper or lower bound, or approximate.
APPROXIMATORS = frozenset("about approximately roughly around nearly almost some estimated circa".split())

# Nouns after a number that make it a measurement (a size, distance, calibre, weight, duration,
# speed, share or amount of money) rather than a count of things.
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
ORG_NOUNS = frozenset(
    "agency party outlet newspaper broadcaster body organisation organization company firm group institution "
    "ministry department service union network channel publication paper team club bank court committee "
    "council government alliance tank chain brand university station airline maker manufacturer retailer "
    "network website magazine bloc coalition administration authority board charity platform".split())
PLACE_NOUNS = frozenset(
    "city country nation place region area state province town village location capital border territory "
    "island district continent venue site county neighbourhood neighborhood port where".split())
DATE_NOUNS = frozenset("year month date day time week century decade season when".split())
COUNT_NOUNS = frozenset("number figure count total estimate tally toll".split())
QUANTITY_ADVERBS = frozenset("much long far big large old high tall wide deep heavy fast".split())
# "how far / long / much ...": the answer is a measurement or a sum, never a count of things.
MEASURE_ADVERBS = frozenset("much long far old high tall wide deep heavy fast".split())

# Imperatives that ask for a list: "Name the ...", "List the ...".
LIST_VERBS = frozenset("list name enumerate identify".split())

# Subject pronouns that make a sentence continue the statement of the one before ("He added ...").
CONTINUATION_PRONOUNS = frozenset("he she they it this these".split())

# Prepositions that put a place or time constraint on a question: "in Rotterdam", "at the port".
PLACE_PREPOSITIONS = frozenset("in at near inside into across around within from to on".split())

# Question phrasing that carries no content: what a question asks, not what it is about.
QUESTION_FILLER = frozenset(
    "how many much what who whom whose when where which why say tell report according number figure article "
    "articles mention describe give name kind type list happen do be have".split())

# Nouns and participles that count the same thing in news English: a "casualty figure" is a number
# of dead or wounded. Used when a counted noun has no close word vector (casualty ~ wounded is 0.60).
COUNT_GROUPS = (
    frozenset("casualty casualties dead death deaths killed kill die died wounded wound injured injure injury "
              "injuries fatality fatalities loss losses".split()),
    frozenset("people person persons individual individuals".split()),
)
