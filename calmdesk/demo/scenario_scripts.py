"""The words of the recurring scenarios, one function a scenario, each written per mood."""

from __future__ import annotations

from calmdesk.demo.scenarios import Case, Script, boundary


def late_order(
    case: Case, *, order: str, item: str, days: int, cause: str, fix: str, offer: str
) -> Script:
    """A delivery that is late and a customer chasing it."""
    first, name, mood = case.first, case.addressed, case.mood
    asks = {
        "calm": f"Hi, order {order} ({item}) was due {days} days ago and the tracking page "
                f"hasn't changed since. Could you check where it is, please?\n\nThanks, {first}",
        "frustrated": f"This is the third time I've asked about order {order} ({item}). It's "
                      f"{days} days late, the tracking says nothing, and every time I'm told "
                      "it's 'on its way'. Where is it actually?",
        "angry": f"ORDER {order} IS {days} DAYS LATE. I've paid and I still have NOTHING. If "
                 f"my {item} isn't here by tomorrow I want a full refund, and I'll leave a "
                 "review so nobody else makes the same mistake!!",
        "abusive": f"where the hell is my {item}?? order {order}, {days} days late. are you "
                   "lot completely incompetent or do you just not give a damn? useless, the "
                   "lot of you",
    }[mood]
    said = {
        "calm": "I just want to know when it's coming.",
        "frustrated": "This is the third time I've called about this.",
        "angry": "If it's not here tomorrow I want my money back and I'm going to a competitor.",
        "abusive": "Are you all idiots? Where the hell is it?",
    }[mood]
    return Script(
        subject={
            "calm": f"Where is order {order}?",
            "frustrated": f"Order {order} still not here - third time asking",
            "angry": f"ORDER {order} {days} DAYS LATE",
            "abusive": f"where is my {item}",
        }[mood],
        asks=asks,
        summary=f"{name} called about order {order}: the {item} is {days} days late and the "
                f"tracking hasn't moved. In their words: '{said}'",
        reply=f"Hi {name}, I'm sorry your order is late"
              f"{'' if mood == 'calm' else ', and that you have had to chase us'}."
              f"{boundary(mood)} To check I've understood: order {order} should have "
              f"arrived {days} days ago and the tracking hasn't moved since. I've looked into "
              f"it: {cause} {fix} I've also {offer}. Would that work for you?",
        coach_bait=f"Hi {name}, as I already said, deliveries can take up to 10 working days. "
                   "It's our policy not to chase the courier before then, so there's nothing "
                   "I can do yet.",
        follow_up={
            "calm": "That's fine, thank you.",
            "frustrated": "OK. Please make sure it actually turns up this time.",
            "angry": "Fine. But if it doesn't turn up, I'm cancelling the order.",
            "abusive": "whatever. just get it here.",
        }[mood],
        after_bait=f"'As I already said'? It's been {days} days. I want to speak to a manager.",
        outcome=f"Hi {name}, the courier confirms your order was delivered today. Thanks for "
                "bearing with us, and sorry again for the wait. Is everything as it should be?",
        hold_note=f"Courier investigation open for {order}; waiting for their answer "
                  "(usually 48 hours) before re-sending.",
    )


def charged_twice(case: Case, *, amount: str, what: str, held: bool) -> Script:
    """Two payments on the statement for one purchase: a hold, or a real duplicate."""
    first, name, mood = case.first, case.addressed, case.mood
    if held:
        finding = ("only one payment was taken. The other is a hold from a payment attempt "
                   "that didn't complete, and your bank will release it within 3 to 5 "
                   "working days. If it's still there after that, I'll refund it myself")
        outcome = f"Hi {name}, the hold on your card has now been released. Sorry again for "
        outcome += "the worry. "
    else:
        finding = (f"you're right, we took {amount} twice. That's our error. I've refunded "
                   "the duplicate today; it usually shows within 3 to 5 working days, and "
                   "I've added a £10 account credit for the trouble")
        outcome = f"Hi {name}, the refund of the second {amount} has reached your card. "
    return Script(
        subject={
            "calm": f"Charged twice for {what}?",
            "frustrated": f"Still charged twice for {what}",
            "angry": f"DOUBLE CHARGE {amount} - refund today",
            "abusive": "you took my money twice",
        }[case.mood],
        asks={
            "calm": f"Hello, I paid {amount} for {what} and I can see two payments of {amount} "
                    f"on my statement. Could you check whether I've been charged twice?\n\n"
                    f"Thanks, {first}",
            "frustrated": f"I've been charged {amount} twice for {what}. I reported it last week "
                          f"and heard nothing back. That's {amount} of my money you're "
                          "holding. Please sort it.",
            "angry": f"You've taken {amount} TWICE for {what}! I want the duplicate back TODAY "
                     "or I'm raising a chargeback with my bank and reporting you!!",
            "abusive": f"you've robbed me twice, {amount} twice for {what}. are you thick or is "
                       "this a scam? give me my bloody money back",
        }[mood],
        summary=f"{name} called: two payments of {amount} for {what} on their statement. "
                + ("Said: 'I reported this last week and nobody came back to me.'"
                   if mood == "frustrated" else "Wants to know which one is real."),
        reply=f"Hi {name}, I'm sorry for the worry.{boundary(mood)} So I've understood you: "
              f"you can see two payments of {amount} for {what}. I've checked, and {finding}. "
              "Would you like the payment record by email, to show your bank?",
        coach_bait=f"Hi {name}, you're wrong, we only charged you once. The second payment is "
                   "your bank's doing, so you'd need to take it up with their fraud "
                   "department, not us.",
        follow_up={
            "calm": "Yes please, that would help.",
            "frustrated": "Yes. And please make sure it actually happens this time.",
            "angry": "Send it. And it had better be back on my card this week.",
            "abusive": "just send it.",
        }[mood],
        after_bait="My bank says BOTH payments came from you. Don't tell me I'm wrong.",
        outcome=outcome + "Is there anything else I can help with?",
        hold_note="Asked the card processor for the authorisation log of both payments; "
                  "waiting for their reply before refunding.",
    )


def locked_out(case: Case, *, symptom: str, restated: str, cause: str, fix: str) -> Script:
    """A customer who cannot sign in; ``restated`` is the symptom in the agent's words."""
    first, name, mood = case.first, case.addressed, case.mood
    still_broken = case.status == "open"
    return Script(
        subject={
            "calm": "Can't log in to my account",
            "frustrated": "Still can't log in - third day",
            "angry": "LOCKED OUT of my account",
            "abusive": "your login is garbage",
        }[mood],
        asks={
            "calm": f"Hi, I can't log in to my account: {symptom}. Could you help? Thanks, "
                    f"{first}",
            "frustrated": f"Third day trying to log in. {symptom[:1].upper()}{symptom[1:]}. I've tried "
                          "everything on your help page. I need my invoices.",
            "angry": f"I've been LOCKED OUT of my account for days: {symptom}. I need my "
                     "warranty documents and nobody helps. Get me someone who can fix it or "
                     "I'm cancelling my plan!!",
            "abusive": f"your login is garbage. {symptom}. what kind of idiot designs this? "
                       "fix it",
        }[mood],
        summary=f"{name} called, can't sign in: {symptom}.",
        reply=f"Hi {name}, sorry, being locked out is frustrating.{boundary(mood)} To check "
              f"I've understood: {restated}. I've found the cause: {cause} {fix} Could you "
              "try signing in now and tell me if it works?",
        coach_bait=f"Hi {name}, there's nothing wrong with our login. You're wrong about the "
                   "email, it was sent. Please check your spam folder.",
        follow_up=("Still the same. I've tried twice more." if still_broken else {
            "calm": "It works now, thank you!",
            "frustrated": "It works. Finally.",
            "angry": "It works. That took far too long.",
            "abusive": "fine it works",
        }[mood]),
        after_bait="I've checked spam three times. I want someone competent.",
        outcome=f"Glad you're back in, {name}. Is there anything else I can help with?",
        hold_note="Passed to engineering: sign-in service logs needed.",
    )


def reschedule(
    case: Case, *, visit: str, appliance: str, reason: str, slots: tuple[str, str]
) -> Script:
    """A customer who needs to move an engineer visit."""
    first, name, mood = case.first, case.addressed, case.mood
    return Script(
        subject={
            "calm": f"Move my {visit}",
            "frustrated": f"Need a new date for my {visit} - form doesn't work",
            "angry": f"Waited in twice for my {visit} - I want a date you'll keep",
            "abusive": f"sort out my {visit}",
        }[mood],
        asks={
            "calm": f"Hello, I need to move my {visit} for the {appliance}: {reason}. Could we "
                    f"find another day? Thanks, {first}",
            "frustrated": f"I need to move my {visit} for the {appliance} ({reason}) and I've "
                          "tried the online form twice: it just says 'no slots available'. "
                          "Can someone actually give me a date?",
            "angry": f"I've waited in TWICE for this {visit} and nobody came, and now {reason}. "
                     "I want a date you will actually keep, or a refund and I'll get someone "
                     "else to do it!!",
            "abusive": f"I need to move the {visit} for the {appliance}, {reason}. and don't "
                       "send the same clown who never turned up last time. useless",
        }[mood],
        summary=f"{name} called to move the {visit} for the {appliance}. In their words: "
                f"'{reason}.' "
                + {
                    "calm": "Happy with any weekday.",
                    "frustrated": "Has tried the online form twice: 'no slots available'.",
                    "angry": "Has waited in twice before; wants a date we will keep.",
                    "abusive": "Swore about the last technician; asked once to keep it civil.",
                }[mood],
        reply=f"Hi {name}, of course"
              f"{'' if mood == 'calm' else ', and I am sorry it has been hard to arrange'}."
              f"{boundary(mood)} I can offer {slots[0]} or {slots[1]} for your {visit}, and "
              "I'll call you back the evening before to confirm. Which would suit you better?",
        coach_bait=f"Hi {name}, I've spoken to dispatch and it's definitely today: the "
                   "technician will be with you between 12:00 and 18:00.",
        follow_up=f"{slots[0][0].upper()}{slots[0][1:]}, please.",
        after_bait="Nobody came. AGAIN. Someone waited in all afternoon for nothing. I want a "
                   "manager.",
        outcome=f"Hi {name}, you're booked for {slots[0]}. You'll get a text the evening "
                "before. Is there anything else I can help with?",
        hold_note="Waiting for the contractor rota for the new slot before confirming.",
    )


def cancel_plan(case: Case, *, reason: str, charge: str) -> Script:
    """A customer cancelling their Total Care plan."""
    first, name, mood = case.first, case.addressed, case.mood
    refund = "" if mood == "calm" else f" and refunded the {charge} taken after you first asked"
    return Script(
        subject={
            "calm": "Please cancel my Total Care plan",
            "frustrated": "Asked to cancel Total Care - charged again",
            "angry": "CANCEL MY PLAN - third request",
            "abusive": "stop taking my money",
        }[mood],
        asks={
            "calm": f"Hi, please cancel my Total Care plan: {reason}. Could you confirm when "
                    f"the last payment will be?\n\n{first}",
            "frustrated": f"I asked to cancel my Total Care plan two weeks ago ({reason}) and "
                          f"you've just taken another {charge}. Please cancel it properly this "
                          "time and refund that payment.",
            "angry": f"CANCEL my Total Care plan. {reason.capitalize()}. I've asked TWICE and "
                     f"you keep taking {charge} a month. If it's not cancelled today I'm going "
                     "to the ombudsman!!",
            "abusive": f"cancel my bloody Total Care. {reason}. I've told your clowns twice "
                       "already. stop taking my money, you thieves",
        }[mood],
        summary=f"{name} called to cancel Total Care: {reason}.",
        reply=f"Hi {name}, "
              f"{'thanks for letting us know' if mood == 'calm' else 'sorry you had to ask again'}."
              f"{boundary(mood)} I've cancelled your Total Care plan today{refund}. You won't "
              "be charged again, and the confirmation is on its way by email. Is there "
              "anything else I can help with?",
        coach_bait=f"Hi {name}, it's our policy that cancellations need 30 days' notice, so "
                   "there's nothing I can do about the last payment. Please calm down and "
                   "read the terms you agreed to.",
        follow_up="Thank you. That's all.",
        after_bait="Don't tell me to calm down. I gave notice weeks ago. I want a manager.",
        outcome=f"You're welcome, {name}. The plan is closed and no further payments will "
                "be taken.",
        hold_note="Direct debit cancellation sent to the bank; waiting for confirmation.",
    )


def partner_order(case: Case, *, order: str, sku: str, problem: str, answer: str) -> Script:
    """An order problem reported by PartsHub's integration through the API."""
    return Script(
        subject=f"[PartsHub integration] Order {order}: {problem}",
        asks=f"Automated report from the PartsHub integration.\n\nOrder: {order}\nSKU: {sku}"
             f"\nProblem: {problem}\n\nContact: Arjun Mehta.",
        summary=f"Arjun called about PartsHub order {order}: {problem}.",
        reply=f"Hi {case.addressed}, thanks for the report. {answer} Could you confirm once it's "
              "through on your side?",
        coach_bait=f"Hi {case.addressed}, that's the warehouse's problem, not ours.",
        follow_up=f"Automated report: order {order} confirmed, 0 errors.",
        after_bait="Which warehouse? You are the supplier.",
        outcome=f"Thanks, {case.addressed}. Closing this one.",
        hold_note="Waiting for the warehouse stock count.",
    )
