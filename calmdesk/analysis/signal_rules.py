"""The escalation-signal patterns: what each signal kind fires on, and what silences it.

Patterns are deliberately narrow: a signal fires on what the customer says they will do or
want ("I'll take you to court", "get me a manager"), not on the topic words alone, and a
negation just before it ("I'd never cancel", "not urgent") or thanks in the same sentence
("I'll leave you a great review!!") silences it. Each rule also names trigger words, one of
which every match contains, so most messages skip most regexes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from calmdesk.analysis import lexical
from calmdesk.analysis.lexicons import GRATITUDE_WORDS

_I = re.IGNORECASE
NEGATION_BEFORE = re.compile(
    r"\b(?:not|never|no|don'?t|doesn'?t|didn'?t|won'?t|wouldn'?t|isn'?t|wasn'?t|aren'?t|"
    r"shan'?t|can'?t|cannot|no need to|no intention of|without)\b"
    # up to three words may sit between (“never want to cancel”), but not a new clause's subject
    r"(?:[\s,]+(?!(?:i|i'm|im|i'll|i've|we|we're|we'll|they|then|so|but|and|or)\b)[\w']+){0,3}[\s,]*$",
    _I,
)
NO_HURRY = re.compile(r"\b(?:no rush|no hurry|whenever (?:you|it)|in your own time|not urgent)\b", _I)
SENTENCE_END = re.compile(r"[.!?\n]")
# A shouted stretch has two capitals in a row somewhere; most messages have none.
SHOUT_HINT = re.compile(r"[A-Z]{2}")
EXCLAIMED = re.compile(r"!{2,}|[!?]*(?:\?!|!\?)[!?]*")


@dataclass(frozen=True, slots=True)
class SignalRule:
    kind: str
    pattern: re.Pattern[str]
    weight: float
    rejects: tuple[Callable[[str, re.Match[str]], bool], ...]
    # Lower-case word starts of which every match contains at least one (a cheap pre-check).
    triggers: tuple[str, ...]


def sentence_of(text: str, start: int, end: int) -> str:
    """Returns the sentence around ``text[start:end]``."""
    left = max((m.end() for m in SENTENCE_END.finditer(text, 0, start)), default=0)
    right = SENTENCE_END.search(text, end)
    return text[left : right.end() if right else len(text)]


def negated(text: str, match: re.Match[str]) -> bool:
    """True when a negation comes shortly before the match in the same sentence."""
    left = max((m.end() for m in SENTENCE_END.finditer(text, 0, match.start())), default=0)
    return NEGATION_BEFORE.search(text[left : match.start()]) is not None


def thankful(text: str, match: re.Match[str]) -> bool:
    """True when the match's sentence thanks or praises (enthusiasm, not a threat)."""
    words = lexical.tokenize(sentence_of(text, match.start(), match.end()))
    return any(w.norm in GRATITUDE_WORDS for w in words)


def relaxed(text: str, match: re.Match[str]) -> bool:
    """True when the message says there is no hurry."""
    return NO_HURRY.search(text) is not None


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, _I | re.VERBOSE)


def _any(*words: str) -> tuple[str, ...]:
    """Trigger words: a match of the rule contains a word starting with one of them."""
    return words


_SENIOR = (
    r"(?:manager|supervisor|superior|boss|team\s?lead(?:er)?|"
    r"someone\s+(?:senior|in\s+charge|higher\s+up)|somebody\s+senior|higher\s+up)"
)
_DAYS = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_STAFF = (
    r"(?:you|u|him|her|them|the\s+(?:agent|staff|manager|engineer|driver|guy|woman|man|lot\s+of\s+you)|"
    r"your\s+(?:face|head|legs?|teeth|staff|agents?|driver|engineer|family|office))"
)

RULES: tuple[SignalRule, ...] = (
    SignalRule(
        "manager_demand",
        _rx(rf"""
        \b(?:speak|talk|escalate\s+(?:this|it|me)|put\s+me\s+through|transfer\s+me|pass\s+me|get\s+me|
             connect\s+me|let\s+me\s+speak)\s+(?:to|with)?\s*(?:a|an|the|your|some)?\s*(?:more\s+)?{_SENIOR}
        |
           \b(?:i|we)\s*(?:want|need|demand|insist\s+on|would\s+like|'d\s+like|expect)\s+(?:a|an|the|your)\s+{_SENIOR}
        | \bwho\s+is\s+your\s+{_SENIOR}
        | \b{_SENIOR}\s*(?:,\s*)?(?:now|please|immediately|asap)\b"""),
        0.45,
        (negated,),
        _any("manager", "supervisor", "superior", "boss", "lead", "team", "senior", "in charge", "higher up"),
    ),
    SignalRule(
        "legal_threat",
        _rx(r"""
        \b(?:lawyers?|solicitors?|attorneys?|legal\s+(?:action|proceedings|team|advice)|law\s?suit|

                class\s+action|small[-\s]+claims?(?:\s+court)?|county\s+court|court\s+action|see\s+you\s+in\s+court|
             take\s+(?:you|this|it|them|the\s+company|your\s+company)\s+to\s+court|suing|
             sue(?=\s+(?:you|u|your|the|them|this|for|over)\b)|
             (?:going\s+to|gonna|will|'ll|shall)\s+sue)\b"""),
        0.6,
        (negated,),
        _any(
            "lawyer",
            "solicitor",
            "attorney",
            "legal",
            "law suit",
            "lawsuit",
            "class action",
            "claim",
            "court",
            "suing",
            "sue",
        ),
    ),
    SignalRule(
        "regulator",
        _rx(r"""
        \b(?:ombudsman|regulators?|ofcom|ofgem|ofwat|financial\s+conduct\s+authority|fca|trading\s+standards|

                citizens\s+advice|better\s+business\s+bureau|bbb|consumer\s+(?:protection|rights|affairs|council|watchdog)|
             ftc|cfpb|attorney\s+general|information\s+commissioner|ico|accc|
             report\s+(?:you|this|your\s+company|it)\s+to\s+the\s+\w+)\b"""),
        0.55,
        (negated,),
        _any(
            "ombudsman",
            "regulator",
            "ofcom",
            "ofgem",
            "ofwat",
            "financial conduct",
            "fca",
            "trading standards",
            "citizens advice",
            "better business",
            "bbb",
            "consumer",
            "ftc",
            "cfpb",
            "attorney general",
            "information commissioner",
            "ico",
            "accc",
            "report",
        ),
    ),
    SignalRule(
        "public_exposure",
        _rx(r"""
        \b(?:will|'ll|going\s+to|gonna|shall|about\s+to|i'm|i\s+am|we're|be)\s+(?:\w+\s+)?

              (?P<evidence>(?:post|put|share|write|leav|leave|tell|warn|expose|go|contact|take\s+this|tak)(?:e|es|ing|s)?\b

              [^.!?\n]{0,40}?\b(?:reviews?|twitter|facebook|instagram|tiktok|reddit|youtube|social\s+media|trustpilot|

              yelp|the\s+press|newspapers?|journalists?|the\s+media|watchdog|every\s?one\s+i\s+know|all\s+my\s+friends)\b)
        | \b(?:one|1|zero|0)[-\s]star\b | \bgo(?:ing)?\s+viral\b"""),
        0.45,
        (negated, thankful),
        _any(
            "review",
            "twitter",
            "facebook",
            "instagram",
            "tiktok",
            "reddit",
            "youtube",
            "social",
            "trustpilot",
            "yelp",
            "press",
            "newspaper",
            "journalist",
            "media",
            "watchdog",
            "everyone",
            "every one",
            "friends",
            "star",
            "viral",
        ),
    ),
    SignalRule(
        "cancel_or_switch",
        _rx(r"""
        \b(?:cancel(?:l?ing|l?ed)?|terminat(?:e|ing)|clos(?:e|ing))\s+(?:my|our|the|this)\s+(?:\w+\s+)?
           (?:account|subscription|contract|membership|service|plan|policy|broadband|order|direct\s+debit)s?\b
        | \b(?:want|going|like|need|have)\s+to\s+cancel\b
        |
           \bswitch(?:ing)?\s+(?:over\s+)?(?:to\s+(?:a|another|your)\s+)?(?:competitor|provider|supplier|network|bank|company)s?\b
        | \b(?:tak(?:e|ing)\s+(?:my|our)\s+(?:business|money|custom)|go(?:ing)?|shop(?:ping)?)\s+elsewhere\b
        | \b(?:go(?:ing)?|mov(?:e|ing))\s+to\s+(?:a|your|one\s+of\s+your)\s+competitors?\b
        |
           \b(?:leav(?:e|ing)|quit(?:ting)?|done\s+with|finished\s+with)\s+(?:you|you\s+guys|your\s+company|this\s+company)
           (?=\s*(?:[.,!?;]|$|for\b|and\b|after\b|if\b))
        | \bnever\s+(?:buy|order|shop|use|deal)\w*\s+(?:\w+\s+)?(?:from|with)\s+(?:you|your|this)\b"""),
        0.45,
        (negated,),
        _any(
            "cancel",
            "terminat",
            "clos",
            "switch",
            "elsewhere",
            "competitor",
            "leav",
            "quit",
            "done with",
            "finished with",
            "never",
        ),
    ),
    SignalRule(
        "repeated_contact",
        _rx(r"""
        \b(?:(?:second|third|fourth|fifth|sixth|umpteenth|\d+(?:st|nd|rd|th))\s+time
        | (?:\d+|two|three|four|five|six|several|multiple|many|numerous|countless|a\s+dozen)\s+times
        | how\s+many\s+(?:more\s+)?times | yet\s+again | once\s+again | again\s+and\s+again |
          over\s+and\s+over
        | twice\s+(?:now|already) | every\s+time\s+i\s+(?:call|ring|contact|phone|email)
        | (?:keep|kept)\s+(?:calling|ringing|phoning|emailing|chasing|asking|having\s+to)
        | (?:already|previously)\s+(?:called|rang|phoned|emailed|contacted|written|reported|complained|
                                   explained|told|raised|sent|spoken|spoke)
        | still\s+(?:not|no|nothing|haven'?t|hasn'?t|isn'?t|aren'?t|doesn'?t|don'?t|didn'?t|can'?t|
                    waiting|broken|down|missing|without|unresolved|having|charging|getting\s+charged))\b"""),
        0.35,
        (negated,),
        _any("time", "again", "over and over", "twice", "keep", "kept", "already", "previously", "still"),
    ),
    SignalRule(
        "deadline",
        _rx(rf"""
        \b(?:urgent(?:ly)?|asap|as\s+soon\s+as\s+possible|immediately|right\s+away|straight\s+away|emergency|
             time[-\s]sensitive|deadline|no\s+later\s+than
        |
           by\s+(?:today|tonight|tomorrow|(?:this|next)\s+(?:week|{_DAYS})|{_DAYS}|end\s+of\s+(?:the\s+)?(?:day|week|month)|
               eod|close\s+of\s+business|noon|midday|\d{{1,2}}(?::\d{{2}})?\s*(?:am|pm))
        | within\s+(?:the\s+next\s+)?(?:\d+|an?|one|two|three)\s+(?:hours?|days?|minutes?)
        |
           (?:need|needs|must\s+have)\s+(?:it|this|them|my\s+\w+)\s+(?:\w+\s+)?(?:today|tonight|tomorrow|now))\b"""),
        0.25,
        (negated, relaxed),
        _any(
            "urgent",
            "asap",
            "soon as possible",
            "immediately",
            "right away",
            "straight away",
            "emergency",
            "sensitive",
            "deadline",
            "no later",
            "by",
            "within",
            "need",
            "must have",
        ),
    ),
    SignalRule(
        "harm_threat",
        _rx(rf"""

           \bi(?:'ll|\s+will|\s+am\s+going\s+to|'m\s+going\s+to|'m\s+gonna|\s+am\s+gonna|m\s+gonna|\s+want\s+to|\s+wanna)

              \s+(?:\w+\s+){{0,2}}?(?:kill|hurt|punch|beat\s+up|smash|stab|shoot|strangle|slap|hit|batter|knock\s+out|burn)\s+{_STAFF}\b
        | \byou(?:'ll|\s+will|'re\s+going\s+to|\s+are\s+going\s+to)\s+(?:regret|pay\s+for)\s+(?:this|it)\b
        | \bwatch\s+your\s+back\b | \bi\s+know\s+where\s+you\s+(?:live|work)\b
        | \b(?:see|wait\s+for)\s+you\s+(?:outside|after\s+work)\b | \bcome\s+down\s+there\s+and\b
        | \bburn\s+(?:the|your)\s+(?:place|shop|store|office|building)\s+down\b
        | \b(?:hope|wish)\s+you\s+(?:die|get\s+hurt|get\s+cancer|rot)\b
        | \b(?:you|u)\s+(?:should|deserve\s+to|ought\s+to)\s+(?:die|be\s+shot|be\s+hurt)\b"""),
        0.9,
        (negated,),
        _any(
            "kill",
            "hurt",
            "punch",
            "beat",
            "smash",
            "stab",
            "shoot",
            "strangle",
            "slap",
            "hit",
            "batter",
            "knock",
            "burn",
            "regret",
            "pay for",
            "watch your back",
            "know where",
            "outside",
            "after work",
            "come down there",
            "hope you",
            "wish you",
            "die",
            "shot",
            "rot",
        ),
    ),
    SignalRule(
        "insult",
        _rx(r"""
        \bf(?:uck|u\*\*|\*\*\*|\*ck|u\*k|\*\*k)(?:ing)?\s+(?:you|u|off)\b
        |
           \b(?:screw\s+you|go\s+to\s+hell|shut\s+up|piss\s+off|sod\s+off|bugger\s+off|get\s+lost|stfu|gtfo)\b"""),
        0.5,
        (negated,),
        _any(
            "fuck",
            "fu*",
            "f*",
            "screw",
            "hell",
            "shut up",
            "piss",
            "sod off",
            "bugger",
            "get lost",
            "stfu",
            "gtfo",
        ),
    ),
)


def _trigger_index() -> tuple[re.Pattern[str], dict[str, frozenset[str]]]:
    """One regex for every rule's triggers, and the rule kinds each trigger word stands for.

    Longer words are tried first, so a match is the longest trigger at its position; every
    shorter trigger that is a prefix of it matches there too, so its kinds count as well.
    """
    words = {word for rule in RULES for word in rule.triggers}
    kinds = {
        word: frozenset(rule.kind for rule in RULES for t in rule.triggers if word.startswith(t))
        for word in words
    }
    ordered = sorted(words, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in ordered) + ")"), kinds


TRIGGERS, TRIGGER_KINDS = _trigger_index()


def triggered_kinds(lowered: str) -> set[str]:
    """The rule kinds whose trigger words occur in ``lowered`` (lower case, single spaces)."""
    found: set[str] = set()
    for match in TRIGGERS.finditer(lowered):
        found |= TRIGGER_KINDS[match.group()]
    return found
