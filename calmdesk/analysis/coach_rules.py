"""What the reply coach looks for in an agent's draft: one pattern, principle and fix per rule.

The principles come from calmdesk's training material (``shared/seeds`` 001-004): listen,
empathise, restate, never tell customers they are wrong or argue, never "we will never",
don't promise the impossible, set boundaries respectfully, close with a closed question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from calmdesk.analysis.types import Severity

_I = re.IGNORECASE | re.VERBOSE


@dataclass(frozen=True, slots=True)
class DraftRule:
    """A phrase pattern that breaks a de-escalation principle."""

    rule_id: str
    severity: Severity
    pattern: re.Pattern[str]
    principle: str
    suggestion: str


_NEVER_DO = (
    r"(?:do|refund|replace|give|offer|accept|allow|change|make|compensate|cover|pay|reimburse|"
    r"approve|agree|help|fix|reverse|waive|extend|honou?r|send|reopen)"
)

DRAFT_RULES: tuple[DraftRule, ...] = (
    DraftRule(
        "says_customer_wrong",
        "high",
        re.compile(
            r"""\byou(?:'re|\s+are|\s+were|'ve\s+been)\s+(?:simply\s+|completely\s+|just\s+)?(?:wrong|mistaken|incorrect|confused)\b
            | \byou\s+(?:have\s+|'ve\s+)?(?:misunderstood|misread|got\s+it\s+wrong|are\s+misremembering)\b
            |
               \bthat(?:'s|\s+is)\s+(?:simply\s+|just\s+)?(?:not\s+true|untrue|incorrect|not\s+correct|not\s+what\s+happened)\b""",
            _I,
        ),
        "Telling customers they are wrong makes them defend their position instead of solving the problem.",
        'Describe what you found without judging them: "Here is what I can see on the account: …".',
    ),
    DraftRule(
        "argues_or_point_scores",
        "medium",
        re.compile(
            r"""(?:^|[.!?]\s+|,\s*)actually\b
            |
               \bas\s+(?:i|we)\s+(?:have\s+|'ve\s+)?(?:already\s+|previously\s+)?(?:said|stated|explained|mentioned|told\s+you|pointed\s+out)\b
            | \b(?:like|as)\s+i\s+said\b | \bi\s+(?:already|just)\s+(?:told|explained\s+to)\s+you\b
            | \bfor\s+the\s+(?:last|second|third|hundredth)\s+time\b |
              \bif\s+you\s+had\s+(?:read|listened|checked)\b
            | \bto\s+be\s+fair\b | \bas\s+you\s+were\s+told\b""",
            _I,
        ),
        "You can win the argument and still lose the customer: point-scoring invites a fight.",
        "Drop the point-scoring and restate the facts once, neutrally, with what happens next.",
    ),
    DraftRule(
        "condescending_tone",
        "medium",
        re.compile(
            r"""\byou\s+(?:need|have|must|will\s+have)\s+to\s+understand\b | \byou\s+must\s+realise\b
            | \bas\s+you\s+(?:should|ought\s+to)\s+(?:know|be\s+aware)\b | \bobviously\b | \bclearly\s+you\b
            | \bit(?:'s|\s+is)\s+(?:very\s+|really\s+|quite\s+)?(?:simple|easy|common\s+sense)\b |
              \bsurely\s+you\b
            | \bwith\s+(?:all\s+)?due\s+respect\b | \blet\s+me\s+explain\s+(?:this\s+)?(?:again|slowly)\b
            | \bi(?:'m|\s+am)\s+not\s+sure\s+what\s+you\s+don'?t\s+understand\b |
              \bany(?:one|body)\s+(?:can|could)\s+(?:do|see|understand|tell|figure|follow|manage)\b""",
            _I,
        ),
        "An authoritative or lecturing tone puts the customer on the defensive, "
        "even when the facts are on your side.",
        'Explain as a partner: "Let me walk you through what happened and what I can do."',
    ),
    DraftRule(
        "absolute_refusal",
        "high",
        re.compile(
            rf"""\b(?:we|i)\s+(?:will|would|can|could|shall)\s+never\s+(?:\w+\s+)?{_NEVER_DO}\b
            | \b(?:we|i)\s+(?:won'?t|will\s+not|can'?t|cannot)\s+ever\s+{_NEVER_DO}\b
            | \b(?:there(?:'s|\s+is)\s+)?nothing\s+(?:more\s+|else\s+)?(?:i|we)\s+can\s+do\b
            |
               \b(?:that|this|it)(?:'s|\s+is)\s+(?:simply\s+|just\s+|completely\s+)?(?:impossible|not\s+possible)\b
            | \b(?:i|we)\s+(?:can'?t|cannot)\s+do\s+anything\b | \bout\s+of\s+(?:my|our)\s+hands\b
            | \bnot\s+my\s+(?:problem|job|department)\b | \bno\s+way\b(?!\s+(?:for|to|of|that\s+you))""",
            _I,
        ),
        '"We will never" and "nothing I can do" close the door; '
        "customers escalate when they see no way forward.",
        'Say what you can do instead: "Tell me more about it; here is what I can do today: …".',
    ),
    DraftRule(
        "tells_to_calm_down",
        "high",
        re.compile(
            r"""\b(?:calm|settle)\s+down\b | \b(?:just\s+)?relax\b |
              \bstop\s+(?:shouting|yelling|being\s+\w+)\b
            |
               \bno\s+need\s+to\s+(?:get|be)\s+(?:so\s+)?(?:upset|angry|rude|emotional|aggressive|worked\s+up)\b
            | \bthere(?:'s|\s+is)\s+no\s+need\s+to\s+shout\b |
              \bdon'?t\s+get\s+(?:so\s+)?(?:upset|angry|emotional|worked\s+up)\b
            | \b(?:be|try\s+to\s+be)\s+reasonable\b | \btake\s+a\s+deep\s+breath\b""",
            _I,
        ),
        "Telling someone to calm down judges their feelings and almost always makes them angrier.",
        'Acknowledge the feeling instead: "I can hear how frustrating this has been."',
    ),
    DraftRule(
        "blames_someone",
        "high",
        re.compile(
            r"""(?<!not\s)\b(?:it(?:'s|\s+is|\s+was)\s+)?your\s+(?:own\s+)?fault\b
            | \byou\s+(?:should\s+have|should'?ve)\b(?!\s+(?:received|got|gotten|been|seen|had))
            | \byou\s+(?:failed\s+to|forgot\s+to|neglected\s+to)\b
            | \byou\s+(?:didn'?t|did\s+not)\s+(?:read|follow|check|tell|enter|update|provide|click|select)\b
            | \b(?:because|since)\s+you\s+(?:didn'?t|did\s+not|entered|chose|forgot|ignored)\b
            | \buser\s+error\b
            |
               \b(?:my|our|the|a)\s+(?:colleague|co-?worker|previous\s+agent|other\s+agent|last\s+agent|courier|

                    warehouse|billing(?:\s+team)?|shipping(?:\s+team)?|tech(?:nical)?\s+(?:team|support)|it\s+department|
                 other\s+(?:team|department)|that\s+department|supplier|manufacturer|engineers?)\s+

                  (?:messed\s+up|screwed\s+up|got\s+it\s+wrong|made\s+(?:a|the)\s+(?:mistake|error)|dropped\s+the\s+ball|

                     is\s+to\s+blame|are\s+to\s+blame|should\s+have|gave\s+you\s+(?:the\s+)?wrong|told\s+you\s+wrong)
            | \bnot\s+(?:our|my)\s+fault\b |
              \b(?:blame|that'?s\s+on)\s+(?:the|them|billing|the\s+courier|the\s+warehouse)\b
            | \bwhoever\s+you\s+spoke\s+to\b""",
            _I,
        ),
        "Blaming the customer, a colleague or another department sounds like an excuse; "
        "the customer wants it put right.",
        'Own the next step for the whole company: "Let me find out what happened and put it right."',
    ),
    DraftRule(
        "policy_as_weapon",
        "medium",
        re.compile(
            r"""\b(?:it(?:'s|\s+is)|that(?:'s|\s+is)|this\s+is)\s+(?:just\s+|simply\s+)?(?:our|company|the)\s+polic(?:y|ies)\b
            |
               \b(?:per|according\s+to|under)\s+(?:our|company|the)\s+(?:policy|terms(?:\s+and\s+conditions)?|t&cs|rules)\b
            | \b(?:our\s+)?policy\s+(?:states|says|doesn'?t\s+allow|does\s+not\s+allow|is\s+clear)\b
            | \bi(?:'m|\s+am)\s+(?:just\s+)?following\s+(?:the\s+)?(?:policy|procedure|rules)\b |
              \brules\s+are\s+rules\b""",
            _I,
        ),
        "Quoting policy at an upset customer sounds like a refusal to think; "
        "explain the reason and what you can do.",
        'Explain the reason and the options: "The reason for this is …; what I can do is …" '
        "(or ask a supervisor about an exception).",
    ),
    DraftRule(
        "unbacked_promise",
        "medium",
        re.compile(
            r"""\b(?:i|we)\s+(?:can\s+)?(?:guarantee|promise)\b | \bguaranteed\b |
              \b100\s*%\s+(?:sure|certain|guaranteed)\b
            |
               \bdefinitely\s+(?:be\s+)?(?:today|tonight|tomorrow|by|fixed|resolved|sorted|arrive|delivered|there|working)\b
            |
               \bwill\s+(?:definitely|certainly|absolutely)\s+(?:be\s+)?(?:fixed|resolved|sorted|arrive|delivered|work)\b
            | \b(?:this|it)\s+will\s+never\s+happen\s+again\b""",
            _I,
        ),
        "Don't promise what you can't control: a broken promise turns a complaint into an escalation.",
        "Promise only what you control and back it: \"I've booked … (ref …); I'll update you by …\".",
    ),
    DraftRule(
        "premature_fault",
        "medium",
        re.compile(
            r"""\b(?:this|it|that)\s+(?:is|was)\s+(?:entirely\s+|completely\s+|all\s+)?(?:our|my)\s+(?:fault|mistake|error)\b
            |
               \b(?:we|i)\s+(?:have\s+|'ve\s+)?(?:made\s+a\s+mistake|messed\s+up|screwed\s+up|got\s+it\s+wrong)\b
            |
               \b(?:we|i)(?:'re|\s+are|\s+am|'m)\s+(?:fully\s+|entirely\s+)?(?:to\s+blame|responsible|liable|at\s+fault)\b
            | \b(?:we|i)\s+(?:take|accept)\s+(?:full\s+)?(?:responsibility|liability|the\s+blame)\b
            | \bour\s+(?:fault|mistake|error)\b""",
            _I,
        ),
        "Accepting fault before the facts are known can be wrong and costly; "
        "apologise for the inconvenience now, "
        "and own the mistake once you have checked.",
        "Apologise for the experience, not the cause: \"I'm sorry for the inconvenience this has caused; "
        "I'm checking what happened now.\"",
    ),
)

# Evidence in the draft or earlier agent turns that the agent has checked the facts.
FACTS_ESTABLISHED = re.compile(
    r"""\bi(?:'ve|\s+have)\s+(?:now\s+)?(?:checked|looked\s+into|investigated|reviewed|confirmed|traced|spoken\s+to)\b
    | \b(?:i|we)\s+can\s+(?:now\s+)?(?:see|confirm)\s+that\b | \bour\s+records\s+show\b |
      \bhaving\s+(?:checked|looked)\b
    | \bafter\s+(?:checking|looking\s+into|investigating)\b |
      \bthe\s+(?:logs?|records?|tracking)\s+(?:shows?|confirms?)\b""",
    _I,
)
# A promise is backed when the same sentence names what was done or a reference.
PROMISE_BACKED = re.compile(
    r"""\b(?:booked|scheduled|arranged|confirmed|dispatched|shipped|processed|issued|approved|reference|ref|
    tracking|ticket|case)\b | \#\s?\d+ | \b[A-Z]{2,}-?\d{3,}\b""",
    _I,
)

EMPATHY = re.compile(
    r"""\bi\s+(?:completely\s+|totally\s+|fully\s+)?(?:understand|can\s+(?:see|imagine|understand|hear)|hear\s+you|appreciate)\b
    | \b(?:i'?m|i\s+am|we'?re|we\s+are)\s+(?:so\s+|really\s+|truly\s+|very\s+)?sorry\b |
      \bsorry\s+(?:for|about|to\s+hear)\b
    |
       \bthat\s+(?:must|sounds)\s+(?:be\s+|have\s+been\s+)?(?:really\s+|so\s+|very\s+)?(?:frustrating|annoying|upsetting|stressful|difficult|awful|hard)\b
    | \bi\s+apologi[sz]e\b |
      \bthank\s+you\s+for\s+(?:your\s+patience|bearing\s+with|telling|letting|raising|flagging)\b
    | \bi\s+know\s+how\s+(?:frustrating|annoying|upsetting|stressful)\b""",
    _I,
)
RESTATEMENT = re.compile(
    r"""\bif\s+i(?:'ve|\s+have)?\s+understood\b |
      \bif\s+i\s+understand\s+(?:you\s+|this\s+|it\s+)?(?:correctly|right)\b
    | \bto\s+(?:confirm|summari[sz]e|recap)\b |
      \bso\s+(?:what\s+)?(?:i'?m\s+hearing|you'?re\s+(?:saying|telling\s+me))\b
    | \blet\s+me\s+(?:make\s+sure|check)\s+i\s+(?:understand|have\s+(?:this|that|it)\s+right)\b
    | \bso\s+that\s+i(?:'m|\s+am)\s+sure\b | \bam\s+i\s+right\s+(?:in\s+)?(?:thinking|that)\b
    | \bfrom\s+what\s+you(?:'ve|\s+have)\s+(?:said|told\s+me|described)\b |
      \bi\s+understand\s+(?:that\s+)?your\b""",
    _I,
)
ACTION = re.compile(
    r"""\b(?:i|we)(?:'ll|\s+will|\s+am\s+going\s+to|'m\s+going\s+to|\s+have|'ve)\s+(?:\w+\s+)?
    (?:call|ring|email|update|send|refund|book|arrange|escalate|pass|check|replace|credit|schedule|fix|reset|

          follow|contact|chase|issue|process|raise|order|dispatch|confirm|speak|get\s+back|come\s+back|let\s+you\s+know)""",
    _I,
)
TIME = re.compile(
    r"""\b(?:today|tonight|tomorrow|this\s+(?:morning|afternoon|evening|week)|(?:by|on|before|until)\s+

       (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|noon|midday|end\s+of\s+(?:the\s+)?(?:day|week)|\d)
    |
       within\s+(?:the\s+next\s+)?(?:\d+|an?|one|two|three|24|48)\s+(?:working\s+|business\s+)?(?:hours?|days?|minutes?)
    | (?:in\s+)?the\s+next\s+(?:\d+|few|couple\s+of)\s+(?:hours?|days?|minutes?)
    | \d{1,2}(?::\d{2})?\s*(?:am|pm) | end\s+of\s+(?:the\s+)?(?:day|week))\b""",
    _I,
)
BOUNDARY = re.compile(
    r"""\b(?:keep|stay)\s+(?:this|the|our)\s+conversation\s+(?:respectful|civil|calm)\b
    | \b(?:i\s+)?(?:will|'ll|may)\s+(?:need|have)\s+to\s+end\s+(?:this|the)\s+(?:call|chat|conversation)\b
    |
       \bi\s+(?:can'?t|cannot|won'?t)\s+(?:continue|accept)\b[^.!?]{0,40}\b(?:language|abuse|threats?|insults?)\b
    |
       \b(?:language|threats?|abuse|insults?)\b[^.!?]{0,40}\b(?:isn'?t|is\s+not|aren'?t|are\s+not)\s+(?:acceptable|ok)\b""",
    _I,
)
# A question answered by yes or no ("Does that work for you?"), which closes the gap.
CLOSED_QUESTION = re.compile(
    r"""^(?:and\s+|so\s+)?(?:is|are|was|were|do|does|did|can|could|would|will|shall|should|may|has|have|had|
    is\s+there|are\s+there|would\s+you|shall\s+i|can\s+i|may\s+i)\b[^?]*\?\s*$""",
    _I,
)
