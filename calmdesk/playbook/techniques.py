"""The playbook's techniques, in calmdesk's own words, drawn from the seed training material.

Each technique says in which settings it applies (a phone call, a written reply, or face
to face for a field technician on a customer's premises) and when it is worth showing
(always, or when the customer is upset, abusive, asking for a manager …). Content only:
:mod:`calmdesk.playbook.selection` decides what to show.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Setting = Literal["phone", "written", "face_to_face"]
SETTINGS: tuple[Setting, ...] = ("phone", "written", "face_to_face")
SETTING_TEXT: dict[Setting, str] = {
    "phone": "On the phone",
    "written": "In writing (email, chat, web)",
    "face_to_face": "Face to face (field visit)",
}
# When a technique is worth showing. "always" techniques fill the list after the ones that
# match the situation; the others only appear when their condition holds.
Condition = Literal[
    "always",
    "upset",
    "abusive",
    "repeated_contact",
    "manager_demand",
    "legal_or_regulator",
    "cancel_or_switch",
]
ALL: frozenset[Setting] = frozenset(SETTINGS)
SPOKEN: frozenset[Setting] = frozenset({"phone", "face_to_face"})


@dataclass(frozen=True)
class Technique:
    """One thing to do (or not do), where it applies, and when it matters."""

    key: str
    title: str
    advice: str
    settings: frozenset[Setting]
    when: frozenset[Condition]
    source: str  # which seed text it comes from


TECHNIQUES: tuple[Technique, ...] = (
    # Self-control first: the agent's own state decides how the rest goes (seed 002).
    Technique(
        "pause_first",
        "Pause before you answer",
        "Abuse pulls you into answering fast. Wait a moment, breathe out slowly and decide what you "
        "want to achieve before you write or speak. If your own temper rises, step away for a minute.",
        ALL,
        frozenset({"abusive"}),
        "seed 002: wait before answering, take a timeout",
    ),
    Technique(
        "boundary",
        "Set a calm limit, with a choice",
        "You need not accept insults. Say that you want to help and can do so if the conversation "
        "stays respectful, and what happens if it does not (you end it and a supervisor follows up). "
        "State it once, without threat, and go back to the problem.",
        ALL,
        frozenset({"abusive"}),
        "seeds 002 and 003: setting boundaries",
    ),
    Technique(
        "slow_voice",
        "Speak slowly and lower",
        "A slower, steady voice calms you and the caller. Let your sentences end; do not race the "
        "customer or talk over them.",
        SPOKEN,
        frozenset({"upset", "abusive"}),
        "seed 002: speak more slowly",
    ),
    Technique(
        "let_them_tell",
        "Let them tell the whole story",
        "Do not interrupt with explanations or excuses. Let the customer finish; they calm as they are "
        "heard. Take notes of the facts as you listen.",
        SPOKEN,
        frozenset({"always"}),
        "seeds 001 and 004: listen, let the customer vent",
    ),
    Technique(
        "empathy",
        "Acknowledge the feeling first",
        "Before any solution, say that you understand why this is frustrating, in your own words, not "
        "a script. An apology for the inconvenience is not an admission of fault.",
        ALL,
        frozenset({"upset", "abusive", "repeated_contact"}),
        "seeds 000, 003 and 004: empathise, apologise for the inconvenience",
    ),
    Technique(
        "restate",
        "Restate the problem in your words",
        "Summarise what you understood and ask whether you have it right. Paraphrase; do not parrot "
        "their words back.",
        ALL,
        frozenset({"always"}),
        "seeds 001 and 004: repeat it back, paraphrase, avoid parroting",
    ),
    Technique(
        "never_wrong",
        "Never tell them they are wrong",
        "Describe what you found instead of judging: 'Here is what I can see on the account'. Do not "
        "argue or score points; you can win the argument and lose the customer.",
        ALL,
        frozenset({"upset", "abusive"}),
        "seed 000: don't tell customers they are wrong, don't argue",
    ),
    Technique(
        "own_history",
        "Own the earlier contacts",
        "They have had to come back. Say so plainly, say you have read the history, and that you will "
        "see it through, so they do not have to repeat themselves again.",
        ALL,
        frozenset({"repeated_contact"}),
        "seed 001: gather the evidence before the second call",
    ),
    Technique(
        "manager_request",
        "When they ask for a manager",
        "Do not refuse or hide behind policy. Say who can decide, what you will pass on, and when they "
        "will hear; escalate with a complete brief so nobody asks them the same questions.",
        ALL,
        frozenset({"manager_demand"}),
        "seeds 001 and 003: hierarchical escalation",
    ),
    Technique(
        "legal_calm",
        "A legal or regulator threat",
        "Acknowledge their right to take it further without arguing about it, keep to the facts, do not "
        "admit or deny liability, and route the case to the team that handles complaints.",
        ALL,
        frozenset({"legal_or_regulator"}),
        "seed 003: functional escalation",
    ),
    Technique(
        "options_not_never",
        "Offer what you can do",
        "Replace 'we will never' with what is possible today and the next step. Promise only what you "
        "can keep, and give a time.",
        ALL,
        frozenset({"always"}),
        "seed 000: don't say 'we will never do it'",
    ),
    Technique(
        "retention",
        "They mention leaving",
        "Take it seriously and stay with the problem rather than pleading. Fixing what went wrong is "
        "what keeps a customer.",
        ALL,
        frozenset({"cancel_or_switch"}),
        "seed 004: a handled complaint can become a commendation",
    ),
    Technique(
        "closed_question",
        "Close with a yes/no question",
        "Do not leave a gap at the end: ask for agreement, e.g. 'Does that plan work for you?'",
        ALL,
        frozenset({"always"}),
        "seed 001: don't leave a gap",
    ),
    Technique(
        "written_read_aloud",
        "Read your reply as they will",
        "Written words carry no tone of voice. Read the draft once as an angry reader would; cut "
        "anything that could sound curt, and keep to short paragraphs with one next step.",
        frozenset({"written"}),
        frozenset({"upset", "abusive"}),
        "seed 003: calm and professional demeanour",
    ),
    # Face to face, for technicians on a customer's premises.
    Technique(
        "semi_private",
        "Move to a semi-private space",
        "Step away from other people (family, neighbours, other customers) to somewhere quieter but "
        "still in view. An audience makes it harder for anyone to climb down; full isolation is unsafe.",
        frozenset({"face_to_face"}),
        frozenset({"upset", "abusive", "always"}),
        "field practice; seed 003: calm demeanour",
    ),
    Technique(
        "distance",
        "Keep a respectful distance",
        "Stay more than an arm's length away, slightly to the side rather than square on, and keep a "
        "clear way out for both of you. Do not touch, even to reassure.",
        frozenset({"face_to_face"}),
        frozenset({"upset", "abusive", "always"}),
        "field practice",
    ),
    Technique(
        "neutral_body",
        "Neutral body language",
        "Open hands, relaxed shoulders, arms uncrossed, no pointing; face them at eye level with a calm "
        "expression. Your body says you are not a threat before you say anything.",
        frozenset({"face_to_face"}),
        frozenset({"upset", "abusive", "always"}),
        "seed 003: calm tone of voice and body language",
    ),
    Technique(
        "silence",
        "Allow silence and time to decide",
        "After you offer options, stop talking. Silence gives the customer room to think; do not rush "
        "them into an answer or fill the pause with more arguments.",
        frozenset({"face_to_face", "phone"}),
        frozenset({"upset", "always"}),
        "seed 002: wait before answering",
    ),
    Technique(
        "leave_safely",
        "Your safety comes first",
        "If you feel threatened, end the visit politely, leave, and call your supervisor. The job can "
        "be rebooked; you are not expected to stay.",
        frozenset({"face_to_face"}),
        frozenset({"abusive"}),
        "seed 003: involve your team supervisor",
    ),
)
