"""Lexical features of a customer message: valence, calmdesk's word lists, profanity, typography.

These feed the model heads beside the sentence embedding, and on their own they are the
lexicon-only fast path for bulk imports. Everything here is pure and thread-safe once the
process-wide VADER analyser and profanity matcher are loaded.
"""

from __future__ import annotations

import math
import re
import threading
from collections.abc import Sequence
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt

from calmdesk.analysis.lexicons import (
    ACRONYMS,
    ANGER_WORDS,
    COMPLAINT_WORDS,
    GRATITUDE_WORDS,
    INSULT_WORDS,
    words,
)

FEATURE_NAMES: tuple[str, ...] = (
    "valence",
    "valence_negative",
    "valence_positive",
    "anger_words",
    "insult_words",
    "insult_at_person",
    "profanity",
    "complaint_words",
    "gratitude_words",
    "negations",
    "shouted_words",
    "exclamations",
    "questions",
    "second_person",
    "length",
)

# Words in the profanity package's list that are identities, body parts, drinks or ordinary
# words in support conversations; counting them would teach the abuse head a prejudice.
PROFANITY_ALLOWED: frozenset[str] = words(
    "gay gays lesbian lesbians lesbo lesbos queer queers homo transsexual fat god omg lmao "
    "lmfao drunk kill murder rum vodka organ ovary ovum ovums uterus womb virgin pot weed "
    "hemp strip stroke seaman seamen sandbar pawn revue racy steamy thrust tramp ugly vomit "
    "urine urinal tampon nude nudes naked breasts nipple nipples erect erection enlargement "
    "dummy nimrod ninny leper paddy pasty pastie poop potty pee tinkle undies willy willies "
    "hooch maxi menses pms sniper uzi napalm heroin meth valium viagra junkie hiv herpes nazi "
    "hitler reich sex sexual lust erotic kinky horny booty prude facial oral orally lube hump "
    "humped slave seduce penetrate penetration rectal gonad gonads testes teste fondle dink "
    "dinks herp hebe "
)

WORD_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9'\u2019*$@!]*[A-Za-z0-9*]|[A-Za-z]")
NEGATIONS: frozenset[str] = words(
    "not no never nobody nothing nowhere neither nor cannot cant dont doesnt didnt wont "
    "wouldnt isnt arent wasnt werent havent hasnt hadnt shouldnt couldnt aint "
)
SECOND_PERSON = frozenset(["you", "your", "youre", "yours", "yourself", "u", "ur", "ya", "yall"])


class Token(NamedTuple):
    """A word of the message with its character offsets (a tuple: messages have many words)."""

    start: int
    end: int
    raw: str
    norm: str  # lower case, apostrophes removed ("Can't" -> "cant")


def tokenize(text: str) -> list[Token]:
    """Splits ``text`` into words with offsets."""
    return [Token(m.start(), m.end(), m.group(), _normal(m.group())) for m in WORD_RE.finditer(text)]


def is_shouted(token: Token | str) -> bool:
    """True for a word in capitals that is not a known acronym (``NOW``, ``REFUND``)."""
    raw = token if isinstance(token, str) else token.raw
    # isupper() first: it is cheap and false for almost every word
    return raw.isupper() and raw not in ACRONYMS and sum(c.isalpha() for c in raw) >= 2


class Scan:
    """One pass over a message, shared by the features and the signal finder.

    Words and their normal forms are found at once; offsets (``tokens``) and profanity are
    worked out only when something asks, because most messages never need them.
    """

    __slots__ = ("_profane", "_tokens", "norms", "raws", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.raws: list[str] = WORD_RE.findall(text)
        self.norms: list[str] = _normals(text, self.raws)
        self._tokens: list[Token] | None = None
        self._profane: list[Token] | None = None

    @property
    def tokens(self) -> list[Token]:
        """The words with their offsets."""
        if self._tokens is None:
            self._tokens = tokenize(self.text)
        return self._tokens

    @property
    def profane(self) -> list[Token]:
        """The words that are profanity."""
        if self._profane is None:
            self._profane = lexica().profane_tokens(self.text, self)
        return self._profane


def _normals(text: str, raws: list[str]) -> list[str]:
    """The normal forms of ``raws``, found in one pass over the lower-cased text when safe."""
    lowered = text.lower()
    if len(lowered) == len(text):  # a few characters change length (or class) when lowered
        norms: list[str] = WORD_RE.findall(lowered)
        if len(norms) == len(raws):
            if "'" in lowered or "\u2019" in lowered:
                norms = [n.replace("'", "").replace("\u2019", "") for n in norms]
            return norms
    return [_normal(raw) for raw in raws]


def _normal(raw: str) -> str:
    norm = raw.lower()
    if "'" in norm or "\u2019" in norm:
        norm = norm.replace("'", "").replace("\u2019", "")
    return norm


def scan(text: str) -> Scan:
    """Reads ``text`` once for the features and the signals."""
    return Scan(text)


class _Lexica:
    """The VADER analyser and the profanity matcher, loaded together once."""

    def __init__(self) -> None:
        from better_profanity_fast import Profanity
        from vaderSentiment.vaderSentiment import (  # type: ignore[import-untyped]
            SentimentIntensityAnalyzer,
        )

        self.vader: Any = SentimentIntensityAnalyzer()
        # VADER's word valences (-4..4); see valence() for why its rule engine is not used.
        self.valence: dict[str, float] = dict(self.vader.lexicon)
        profanity: Any = Profanity()  # type: ignore[no-untyped-call]
        profanity.load_censor_words(whitelist_words=sorted(PROFANITY_ALLOWED))
        self.profanity = profanity

    def profane_tokens(self, text: str, scanned: Scan) -> list[Token]:
        """Returns the tokens of ``text`` that are profanity."""
        if not self.profanity.contains_profanity(text):
            return []
        return [t for t in scanned.tokens if self.profanity.contains_word(t.norm)]


_lock = threading.Lock()
_lexica: _Lexica | None = None


def lexica() -> _Lexica:
    """Returns the process-wide VADER analyser and profanity matcher (thread-safe lazy load)."""
    global _lexica
    if _lexica is None:
        with _lock:
            if _lexica is None:
                _lexica = _Lexica()
    return _lexica


def insult_at_person(tokens: list[Token]) -> list[tuple[int, int]]:
    """Returns token index ranges like "you idiot", "you are a useless clown", "bunch of morons"."""
    found: list[tuple[int, int]] = []
    for i, token in enumerate(tokens):
        if token.norm not in INSULT_WORDS:
            continue
        window = [t.norm for t in tokens[max(0, i - 4) : i]]
        aimed = any(w in SECOND_PERSON for w in window) or (
            len(window) >= 2 and window[-2:] in (["what", "a"], ["what", "an"], ["bunch", "of"])
        )
        if aimed and not any(w in NEGATIONS for w in window):
            start = next(
                j
                for j in range(max(0, i - 4), i + 1)
                if tokens[j].norm in SECOND_PERSON or j == i or tokens[j].norm in ("what", "bunch")
            )
            found.append((start, i))
    return found


# Which word lists each word is in, as bits, so one pass over the words counts them all.
_ANGER, _INSULT, _COMPLAINT, _GRATITUDE, _NEGATION, _YOU = (1 << i for i in range(6))
_WORD_CLASS: dict[str, int] = {}
for _bit, _words in (
    (_ANGER, ANGER_WORDS),
    (_INSULT, INSULT_WORDS),
    (_COMPLAINT, COMPLAINT_WORDS),
    (_GRATITUDE, GRATITUDE_WORDS),
    (_NEGATION, NEGATIONS),
    (_YOU, SECOND_PERSON),
):
    for _word in _words:
        _WORD_CLASS[_word] = _WORD_CLASS.get(_word, 0) | _bit


# VADER's factor for a valence word within three words after a negation.
NEGATION_FLIP = -0.74


def valence(norms: list[str], lexicon: dict[str, float]) -> tuple[float, float, float]:
    """Compound, negative and positive valence from VADER's lexicon, negation-aware.

    VADER's full rule engine (boosters, "but", capitals) was half the cost of the
    lexicon-only path; this sum over its word valences, with VADER's negation flip and
    compound normalisation, trains heads that do as well (anger AUROC 0.834 vs 0.830 on
    GoEmotions dev, abuse 0.796 vs 0.794 on OLID val, lexical features only) at about a
    seventh of the cost.
    """
    total = positive = negative = 0.0
    neutral = 0
    last_negation = -10
    for i, norm in enumerate(norms):
        if norm in NEGATIONS:
            last_negation = i
        score = lexicon.get(norm)
        if score is None:
            neutral += 1
            continue
        if 0 < i - last_negation <= 3:
            score *= NEGATION_FLIP
        total += score
        if score > 0:
            positive += score
        else:
            negative -= score
    mass = positive + negative + neutral
    compound = total / math.sqrt(total * total + 15) if total else 0.0
    return compound, (negative / mass if mass else 0.0), (positive / mass if mass else 0.0)


def features(text: str | Scan) -> list[float]:
    """Returns the lexical feature vector of a text (or its scan) in ``FEATURE_NAMES`` order."""
    scanned = text if isinstance(text, Scan) else scan(text)
    text, norms = scanned.text, scanned.norms
    counts = dict.fromkeys((_ANGER, _INSULT, _COMPLAINT, _GRATITUDE, _NEGATION, _YOU), 0)
    shouted = 0
    for raw, norm in zip(scanned.raws, norms, strict=True):
        if classes := _WORD_CLASS.get(norm, 0):
            for bit in counts:
                if classes & bit:
                    counts[bit] += 1
        if raw.isupper() and is_shouted(raw):
            shouted += 1
    compound, negative, positive = valence(norms, lexica().valence)
    log = math.log1p
    return [
        compound,
        negative,
        positive,
        log(counts[_ANGER]),
        log(counts[_INSULT]),
        log(len(insult_at_person(scanned.tokens)) if counts[_INSULT] else 0),
        log(len(scanned.profane)),
        log(counts[_COMPLAINT]),
        log(counts[_GRATITUDE]),
        log(counts[_NEGATION]),
        shouted / max(len(norms), 1) if len(norms) >= 3 else 0.0,
        log(text.count("!")),
        log(text.count("?")),
        log(counts[_YOU]),
        log(len(norms)),
    ]


def feature_matrix(texts: Sequence[str | Scan]) -> npt.NDArray[np.float32]:
    """Returns the lexical features of many texts (or scans) as a (n, len(FEATURE_NAMES)) array."""
    return np.asarray([features(text) for text in texts], dtype=np.float32).reshape(
        len(texts), len(FEATURE_NAMES)
    )
