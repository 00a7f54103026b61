"""calmdesk's own small word lists (written for calmdesk, Apache-2.0 like the rest of the code).

They replace the NRC Emotion Lexicon, whose terms allow only non-commercial research use
without a separate licence from the National Research Council Canada. Each list is short
and aimed at customer-support text; the model features count hits per list.
"""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text`` as a set."""
    return frozenset(text.split())


# Anger, annoyance and disgust at a product, a service or a person.
ANGER_WORDS: frozenset[str] = words(
    "angry anger angered furious fuming livid outraged outrageous outrage irate enraged rage "
    "raging mad infuriated infuriating infuriates annoyed annoying annoys annoyance irritated "
    "irritating frustrated frustrating frustration exasperated exasperating sick fed "
    "disgusted disgusting disgrace disgraceful appalled appalling shocking shocked "
    "unacceptable ridiculous absurd ludicrous pathetic useless hopeless terrible horrible "
    "awful atrocious dreadful abysmal worst joke shambles farce scam scammed rip ripped "
    "robbed cheated con conned incompetent incompetence clueless hate hated hates hating "
    "loathe despise disgust gross vile nasty rude insulting insulted sickening shameful shame "
    "hell damn damned bloody crap crappy rubbish garbage trash nonsense bs ugh wtf seriously "
    "unbelievable inexcusable unprofessional lies lied liar lying ignored ignoring "
)

# Name-calling and contempt aimed at a person; "you" nearby makes it an insult.
INSULT_WORDS: frozenset[str] = words(
    "idiot idiots idiotic moron morons moronic stupid dumb dumbass imbecile cretin fool fools "
    "foolish clown clowns loser losers muppet muppets numpty halfwit dimwit nitwit twit "
    "incompetent useless pathetic worthless brainless clueless ignorant scum scumbag scumbags "
    "pig pigs trash garbage donkey parasite parasites crook crooks thief thieves liar liars "
    "jerk creep sod git prat plonker wanker tosser pillock bellend knob dick prick bastard "
    "bastards bitch cow arse arsehole asshole ass jackass douche douchebag cunt twat "
)

# What customers write when a product or service broke an expectation (polite or not).
COMPLAINT_WORDS: frozenset[str] = words(
    "complaint complain complained complaining problem problems issue issues broken broke "
    "faulty fault defective damaged missing lost late delayed delay delays overdue never "
    "still again waiting waited wait refund refunds refunded charged overcharged charge "
    "charges billed wrong error errors failed fails failing failure outage down disconnected "
    "cancelled canceled unhappy disappointed disappointing disappointment poor dissatisfied "
    "unacceptable useless terrible worst awful nobody noone ignored unanswered stuck slow "
    "cant cannot unable doesnt didnt wont isnt hasnt havent unresolved compensation "
)

# Thanks and praise: repeated "!" or capitals beside these are enthusiasm, not shouting.
GRATITUDE_WORDS: frozenset[str] = words(
    "thank thanks thx ty appreciate appreciated grateful love loved lovely great awesome "
    "amazing brilliant perfect wonderful fantastic excellent happy glad pleased congrats "
    "congratulations cheers yay wow best "
)

# Upper-case tokens that are names, not raised voices.
ACRONYMS: frozenset[str] = words(
    "I A OK ID PIN SIM TV PC USB URL API FAQ UK US USA EU UPS DHL DPD FEDEX BT EE O2 VAT GDPR "
    "PDF SMS IT HR CEO CFO CTO MP FCA ISP ATM PS AM PM ASAP FYI NB RE FW FWD BBB FTC CFPB ETA "
    "IOS NHS BBC DM GB MB KB TB HD LED LCD IBAN BIC SKU QR "
)
