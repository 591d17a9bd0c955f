"""General English word lists the answer core still needs, in one place, reviewed like code.

Nothing here comes from the seed articles or any benchmark: each list is ordinary English
(function words, time words, the vocabulary of chat prompts). Lists are frozensets of lower-case
words or lemmas; multi-word entries are space-separated lower-case phrases.
"""
from __future__ import annotations

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
# Reporting verbs: clauses under them are someone's reported words, not instructions to the reader.
REPORTING_VERBS = frozenset({
    "say", "tell", "ask", "warn", "urge", "chant", "shout", "write", "post", "claim", "add", "report",
    "instruct", "order", "demand", "insist", "announce", "state", "explain", "reply", "respond", "yell",
    "scream", "tweet", "note", "suggest", "argue", "declare", "plead",
})
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
