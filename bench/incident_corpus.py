"""A generated week of support tickets: eight real incidents in many customers' words, and one-offs.

Every ticket comes from its own customer. Incident tickets arrive within a few hours of
each other, phrased differently (subject and first message drawn from several ways of
saying the same fault, with personal detail around them). One-off tickets are spread
over the week; many of them share words with an incident (a card declined by the bank
is not the checkout outage; one forgotten password is not the sign-in outage) or with
each other (a damaged kettle and a damaged sofa are two problems, not one).
"""

from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True)
class CorpusTicket:
    """One ticket of the corpus, with the incident it truly belongs to (None: a one-off)."""

    id: int
    customer: int
    hours: float  # since the start of the week
    subject: str
    body: str
    truth: str | None


@dataclass(frozen=True)
class IncidentSpec:
    """One real incident: when it starts, how many write in, and how they put it."""

    key: str
    start_hours: float
    spread_hours: float
    size: int
    subjects: tuple[str, ...]
    bodies: tuple[str, ...]


INCIDENTS = (
    IncidentSpec(
        "checkout_502",
        10.0,
        3.0,
        18,
        (
            "Payment page keeps spinning",
            "Can't pay - Error 502",
            "checkout broken??",
            "WEBSITE WON'T TAKE PAYMENT",
            "Payment stuck on 'Processing'",
            "Charged twice, then error 502",
            "Unable to complete my order",
            "Card payment failing at checkout",
            "502 Bad Gateway when paying",
            "Order won't go through",
        ),
        (
            "I'm trying to pay for my basket and after I enter my card details the payment page just "
            "keeps spinning. Has the payment gone through or not?",
            "At the last step of checkout the site shows 'Error 502 Bad Gateway'. I've tried two "
            "different cards.",
            "Your checkout is broken. I pressed pay and it said processing forever, then an error page. "
            "My bank app shows the money taken.",
            "Every time I click Pay Now I get a 502 error. I need these parts this week.",
            "The payment screen hangs on 'Processing...' and never finishes. Tried Chrome and Safari.",
            "I was charged twice and the website then showed error 502 and no order confirmation.",
            "Can't complete checkout, the card payment fails with a gateway error after entering the card.",
        ),
    ),
    IncidentSpec(
        "signin_outage",
        34.0,
        2.5,
        12,
        (
            "Can't log in",
            "Login not working",
            "Sign in error 'something went wrong'",
            "Locked out of my account?",
            "Account login fails",
            "Website login broken",
        ),
        (
            "When I try to sign in to my account the page says 'Something went wrong, please try again "
            "later'. My password is definitely right.",
            "I can't log in since this morning. I enter my email and password and it just goes back to "
            "the login page with an error.",
            "Login keeps failing with 'something went wrong'. I reset my password and the new one fails too.",
            "Nobody in our office can sign in to the customer portal, it errors straight after the password.",
            "The sign in page throws an error every time, both on my phone and laptop.",
        ),
    ),
    IncidentSpec(
        "app_crash",
        58.0,
        5.0,
        9,
        (
            "App crashes on opening",
            "Android app keeps closing",
            "App not working after update",
            "Home app crash",
            "Can't open the app since update 4.2",
        ),
        (
            "Since the app updated to version 4.2 last night it closes immediately when I open it. "
            "I'm on a Samsung phone.",
            "The app crashes as soon as it starts, I can see the logo and then it shuts.",
            "After today's update the Android app won't open at all, it just crashes to the home screen.",
            "Your app keeps crashing on launch. I reinstalled it and it still closes straight away.",
        ),
    ),
    IncidentSpec(
        "heatpump_e47",
        80.0,
        6.0,
        14,
        (
            "Heat pump showing E47",
            "No heating - error E47",
            "Error code E47 on controller",
            "Heating stopped overnight",
            "E47 fault after update",
            "Controller says E47, house is cold",
        ),
        (
            "Our heat pump controller is showing error E47 this morning and the heating is off. "
            "It was fine yesterday.",
            "Woke up to a cold house, the display on the heat pump says E47. Restarting it didn't help.",
            "The controller installed a software update overnight and now shows E47 and won't heat.",
            "We have no heating or hot water. The heat pump unit shows fault E47 and keeps beeping.",
            "Error E47 on the indoor controller since about 3am, the unit won't start.",
        ),
    ),
    IncidentSpec(
        "invoice_pdf",
        100.0,
        8.0,
        7,
        (
            "Invoice attachment won't open",
            "Can't open my invoice PDF",
            "Invoice PDF is corrupted",
            "Blank invoice in email",
            "Invoice file damaged",
        ),
        (
            "The invoice you emailed today won't open, my PDF reader says the file is damaged.",
            "I received this month's invoice by email but the attached PDF is blank or corrupted.",
            "Our accounts team can't open the invoice PDF attachment, it says it is not a valid file.",
            "The PDF attached to the invoice email shows an error when I try to open it.",
        ),
    ),
    IncidentSpec(
        "leeds_depot",
        120.0,
        10.0,
        10,
        (
            "Parcel stuck at depot",
            "Tracking hasn't moved in 3 days",
            "Where is my delivery?",
            "Order stuck 'at local depot'",
            "Delivery delayed - Leeds depot",
        ),
        (
            "My tracking has said 'arrived at Leeds depot' since Monday and hasn't moved.",
            "The parcel has been sitting at the local depot for three days, the tracking doesn't update.",
            "Tracking shows the order at the depot in Leeds with no delivery date. Is something wrong there?",
            "My delivery was due on Tuesday and the tracking is stuck at the depot stage.",
        ),
    ),
    IncidentSpec(
        "double_debit",
        140.0,
        6.0,
        8,
        (
            "Direct debit taken twice",
            "Charged twice this month",
            "Double payment on my bank statement",
            "Two direct debits this month",
        ),
        (
            "My monthly direct debit has come out of my bank account twice today.",
            "I've been charged twice for my care plan this month, two identical direct debits same day.",
            "My bank statement shows two payments to you for this month's plan. Please refund one.",
            "You took the monthly payment twice by direct debit. That's left me short this month.",
        ),
    ),
    IncidentSpec(
        "sms_codes",
        150.0,
        4.0,
        6,
        (
            "Verification code not arriving",
            "No text message code",
            "Not receiving SMS code",
            "2-step verification text missing",
        ),
        (
            "I'm waiting for the verification code by text message to confirm my account change, "
            "but it never arrives.",
            "The SMS code for signing in hasn't come through, I've asked for it five times.",
            "I'm not getting the text message with the security code, so I can't finish.",
        ),
    ),
)

# One-off problems, each a different cause; several sound like an incident above.
ONE_OFFS = (
    ("Card declined", "My card was declined when I tried to pay, my bank says there is a block on it."),
    ("Forgot my password", "I've forgotten my password and the reset email went to my old address."),
    ("Change of address", "We're moving house next month, please update our address for the engineer visit."),
    ("Noisy outdoor unit", "The outdoor unit of the heat pump makes a loud humming noise at night."),
    ("Request for a copy invoice", "Could you send me a copy of the invoice for March for my records?"),
    ("Parcel left with neighbour", "The driver left my parcel with a neighbour I don't know."),
    ("Refund not received", "I returned the boiler cover two weeks ago and still haven't had my refund."),
    ("Wrong item delivered", "I ordered the 10 litre descaler and received the 5 litre one."),
    ("Engineer didn't turn up", "We waited in all day Thursday and the engineer never came."),
    ("Cancel my subscription", "Please cancel my filter subscription from next month."),
    ("App feature request", "It would be great if the app could show my energy use per room."),
    ("Radiator cold at the top", "The radiator in the bedroom is cold at the top and warm at the bottom."),
    ("Discount code not working", "The code SPRING10 says it has expired but the email says it runs to May."),
    ("Thermostat battery", "What batteries does the wireless thermostat take? It shows a low battery icon."),
    ("Complaint about the engineer", "The engineer was rude to my mother and left mud across the carpet."),
    ("Booking a service", "I'd like to book the annual service for my boiler, any slots in June?"),
    ("Water leak under boiler", "There's a small puddle under the boiler since yesterday evening."),
    ("Price increase question", "Why has my monthly plan gone up by four pounds?"),
    ("Warranty question", "Is the pump covered by the warranty if it was installed 26 months ago?"),
    ("Smart meter pairing", "The in-home display won't pair with the new smart meter."),
    ("Email address change", "Please change my email address on the account to my work one."),
    ("Missing screws", "The wall bracket arrived without the screws shown in the instructions."),
    ("Paper statements", "I'd like to receive my statements by post instead of email."),
    ("Late delivery compensation", "My order arrived five days late. Am I entitled to any compensation?"),
    ("App shows wrong temperature", "The app says 21 degrees but the thermostat on the wall says 18."),
    ("Boiler pressure drops", "The boiler pressure keeps dropping below 1 bar every few days."),
    ("Extra key fob", "How do I order an extra key fob for the garage door opener?"),
    ("Payment date change", "Can I move my direct debit date from the 1st to the 15th?"),
    ("Gas smell", "There's a faint smell of gas near the meter cupboard, what should I do?"),
    ("Engineer praise", "Just wanted to say Tom who fixed our boiler was brilliant."),
    ("Invoice wrong name", "The invoice has my late husband's name on it, please update it to mine."),
    ("Heat pump grant", "Am I eligible for the boiler upgrade scheme grant for a heat pump?"),
    ("Filter size", "Which filter size fits the AP-300 air purifier?"),
    ("Delivery slot change", "Could I change my delivery slot from morning to afternoon?"),
    ("Account closed by mistake", "My account was closed even though I didn't ask for it."),
    ("Charged after cancelling", "I cancelled in January but you charged me again in February."),
    ("Login with Apple ID", "Can I sign in with my Apple ID instead of a password?"),
    ("Two accounts merge", "I seem to have two accounts, can you merge them?"),
    ("Voucher balance", "How much is left on my gift voucher?"),
    ("Hot water only lukewarm", "The hot water is only lukewarm since the engineer's visit."),
)

PRODUCTS = (
    "kettle",
    "sofa",
    "air purifier",
    "dehumidifier",
    "smart thermostat",
    "radiator valve",
    "water filter",
    "desk lamp",
    "tower fan",
    "electric blanket",
    "garden hose reel",
    "coffee machine",
    "shower head",
    "door camera",
    "towel rail",
)
PROBLEMS = (
    ("{p} arrived damaged", "The {p} I ordered arrived with a cracked casing, the box was crushed."),
    ("{p} stopped working", "My {p} stopped working after two weeks, it won't switch on at all."),
    ("Missing parts for {p}", "The {p} came without the parts listed in the manual."),
    ("Return a {p}", "I'd like to return the {p}, it's not what I expected. How do I send it back?"),
    ("{p} instructions", "Where can I find the instructions for setting up the {p}?"),
    ("{p} is noisy", "The {p} makes a rattling noise when it's running."),
    ("Price match on {p}", "I've seen the same {p} cheaper elsewhere, do you price match?"),
    ("{p} out of stock", "When will the {p} be back in stock?"),
    ("Wrong colour {p}", "I chose the grey {p} but a white one was delivered."),
    ("{p} warranty claim", "My {p} is eleven months old and has developed a fault. Is it under warranty?"),
    ("Replacement part for {p}", "Do you sell a replacement plug or cable for the {p}?"),
    ("{p} smells of burning", "The {p} gave off a burning smell the first time I used it."),
    ("Gift wrap for {p}", "Can you gift wrap the {p} and send it straight to my sister?"),
    ("{p} delivered to wrong address", "The {p} was delivered to number 14 instead of 41."),
)
GREETINGS = ("", "Hi, ", "Hello, ", "Good morning. ", "Dear support, ", "Hi there. ")
SIGN_OFFS = ("", " Thanks.", " Thank you.", " Please help.", " Regards.", " Can you let me know?")


def _personal(rng: random.Random, text: str) -> str:
    order = f" My order number is {rng.randint(100000, 999999)}." if rng.random() < 0.4 else ""
    return f"{rng.choice(GREETINGS)}{text}{order}{rng.choice(SIGN_OFFS)}"


def generate(seed: int = 7, *, week_hours: float = 168.0) -> list[CorpusTicket]:
    """The corpus in arrival order; the same seed gives the same week."""
    rng = random.Random(seed)
    raw: list[tuple[float, str, str, str | None]] = []
    for spec in INCIDENTS:
        for _ in range(spec.size):
            at = spec.start_hours + rng.random() * spec.spread_hours
            raw.append((at, rng.choice(spec.subjects), _personal(rng, rng.choice(spec.bodies)), spec.key))
    for subject, body in ONE_OFFS:
        raw.append((rng.random() * week_hours, subject, _personal(rng, body), None))
    for product in PRODUCTS:
        for subject, body in PROBLEMS:
            if rng.random() < 0.15:
                continue  # not every product has every problem this week
            raw.append(
                (
                    rng.random() * week_hours,
                    subject.format(p=product),
                    _personal(rng, body.format(p=product)),
                    None,
                )
            )
    raw.sort(key=lambda row: row[0])
    return [
        CorpusTicket(
            id=i + 1,
            customer=i + 1,
            hours=at,
            subject=subject[:1].upper() + subject[1:],
            body=body,
            truth=truth,
        )
        for i, (at, subject, body, truth) in enumerate(raw)
    ]
