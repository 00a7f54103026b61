"""Complaints: about staff conduct, legal threats, demands for a manager, and a compliment."""

from __future__ import annotations

from calmdesk.demo.records import DemoTicket, agent, call, customer, note

# About Liam's handling of the £12 late-fee call (see the billing conversations): HR's case.
STAFF_CONDUCT_COMPLAINT = DemoTicket(
    customer_key="tom_whitaker", subject="Complaint about the agent who hung up on me",
    category="staff_conduct", channel="web", priority="high", severity=3,
    team_key="general", assignee_key="priya", status="open",
    tags=("staff-conduct", "hr", "finance"), mood="angry", opened_days_ago=5.9,
    turns=(
        customer(0.0,
            "I want to make a formal complaint about the agent I spoke to about my finance "
            "account. I was upset about a fee, yes, but he told me to 'calm down', said "
            "'there's nothing I can do' three times, then called me 'mate' in a sarcastic "
            "tone and HUNG UP on me. Then he emailed to say I was wrong. Priya sorted the "
            "fee, but nobody should be treated like that. I expect to hear what you're "
            "doing about him, or I'll be writing reviews about it everywhere."),
        note(1.0, "priya",
            "Conduct complaint about Liam's call (finance late-fee ticket). Per process this "
            "goes to HR: sharing the call recording and Liam's reply with Grace. Not to be "
            "assigned to Liam."),
        agent(2.0, "priya",
            "Dear Tom, thank you for taking the time to tell us. I'm sorry. Being told to "
            "calm down and then cut off is not how we want anyone treated, whatever the "
            "call is about. I've passed your complaint, the call recording and the email to "
            "our HR manager, who reviews every conduct complaint independently. We'll write "
            "to you with the outcome within 10 working days. Is email the best way to "
            "reach you?"),
        customer(4.0, "Email is fine."),
        note(24.0, "grace",
            "HR case opened. Recording reviewed: tone dismissive, call ended without a "
            "warning. Meeting with Liam and Priya this week; coaching plan to follow."),
    ),
)

# A flood from a contractor's installation; the customer is taking it to court.
LEGAL_THREAT = DemoTicket(
    customer_key="daniel_price", subject="Flood from your installation - small claims court",
    category="complaint", channel="email", priority="urgent", severity=2,
    team_key="legal", assignee_key="eleanor", status="on_hold",
    tags=("legal-threat", "flood", "installation", "contractor-visit"), mood="angry",
    opened_days_ago=7.0,
    turns=(
        customer(0.0,
            "Your contractor installed my AquaPro 9 ten days ago. Last night the inlet hose "
            "came off the valve and flooded my kitchen AND the flat below. The neighbour's "
            "ceiling has come down. I've had a plumber out (£180) and the neighbour's "
            "insurer is already calling me.\n\nI'm holding Harbourline responsible. Unless "
            "you confirm in writing within 7 days that you'll pay for all the damage, I'll "
            "file a claim in the small claims court for £2,300 and my solicitor will be in "
            "touch.\n\nDaniel Price"),
        note(1.0, "priya",
            "Legal threat: passed to Eleanor. Front line: do not admit liability or discuss "
            "amounts in replies on this ticket."),
        agent(3.0, "eleanor",
            "Dear Daniel, I'm Eleanor Whitfield from our legal and compliance team. I'm "
            "sorry about the flood, and for the worry it's causing you and your neighbour. "
            "I'm handling your claim personally. To assess it quickly I need: photos of the "
            "hose and valve, the plumber's invoice, and the neighbour's insurer's details. "
            "I've also booked our senior technician to inspect the installation tomorrow "
            "between 09:00 and 11:00, at no cost to you. Could you send the documents by "
            "reply and confirm the inspection time?"),
        customer(6.0, "Photos and invoice attached. Tomorrow 9-11 is fine. 7 days, remember."),
        note(30.0, "dmitri",
            "Inspected: inlet hose fitted without the supplied washer and hand-tight only. "
            "Installation fault. Photos attached to the job. Reported to Gareth and Eleanor."),
        note(32.0, "eleanor",
            "Our liability looks clear. Referred to our insurer with the inspection report; "
            "on hold until they confirm cover. Reply to Daniel due before day 7."),
    ),
)

TICKETS: tuple[DemoTicket, ...] = (
    STAFF_CONDUCT_COMPLAINT,
    LEGAL_THREAT,
    DemoTicket(
        customer_key="zofia_kowalska", subject="Third repair visit, still broken - I want a manager",
        category="complaint", channel="phone", priority="high", severity=3,
        team_key="field_service", assignee_key="tomasz", status="resolved",
        tags=("repeat-fault", "replacement", "manager-callback"), mood="angry",
        opened_days_ago=14.0,
        turns=(
            call(0.0, "sofia", "inbound", 540,
                "Zofia called about her washing machine at the Reading flat: three repair "
                "visits, it still stops mid-spin. 'I have taken three days off for your "
                "engineers. I don't want a fourth visit. I want to speak to a manager, "
                "today.' Restated it back to her: three visits, same fault, she wants it "
                "settled, not repaired again. Promised the duty manager would call her "
                "back before 17:00."),
            note(0.5, "sofia",
                "Three visits in 6 weeks for the same spin fault. Asked Tomasz to call back: "
                "a replacement is above my authority."),
            call(3.0, "tomasz", "outbound", 780,
                "Called Zofia. Let her tell the whole story before answering. Agreed that a "
                "fourth repair isn't reasonable. Offered a replacement machine (same model, "
                "new) delivered and installed, old one taken away, plus a £50 account credit "
                "for the days off. She accepted and picked delivery in 3 days."),
            agent(3.5, "tomasz",
                "Dear Zofia, thank you for talking it through with me. As agreed: a new "
                "washing machine will be delivered and installed at the Reading flat in "
                "three days' time, the old one will be taken away, and a £50 account credit "
                "is on your account for the days you took off. I'm sorry it took three "
                "visits to get here. Is there anything else I can do?"),
        ),
    ),
    DemoTicket(
        customer_key="maria_gonzalez", subject="Thank you to Aisha",
        category="feedback", channel="email", priority="low", severity=4,
        team_key="field_service", assignee_key="gareth", status="closed",
        tags=("compliment",), mood="calm", opened_days_ago=24.5,
        turns=(
            customer(0.0,
                "Hello, I want to say thank you to Aisha, who installed my dishwasher in "
                "Devon. She was on time, explained everything, and even noticed a loose "
                "tap under the sink and tightened it. Please tell her manager.\n\nMaría "
                "González"),
            agent(20.0, "gareth",
                "Dear María, thank you for taking the time to write. I'm Aisha's manager, "
                "and I've shared your message with her and the whole field team. It made "
                "our week. Enjoy the dishwasher!"),
        ),
    ),
    DemoTicket(
        customer_key="fatima_el_amrani", subject="Delivery driver was rude to my daughter",
        category="complaint", channel="web", priority="normal", severity=3,
        team_key="general", assignee_key="priya", status="resolved",
        tags=("courier-conduct", "review-threat"), mood="angry", opened_days_ago=18.5,
        turns=(
            customer(0.0,
                "When your courier delivered the replacement fridge, he swore at my "
                "daughter because the lift was out of order and said it was 'not his job' "
                "to carry it up. She is 19 and alone in the flat. She was shaking when she "
                "called me. I expect an apology. If I don't get one, I will post about this "
                "on every review site."),
            agent(2.0, "priya",
                "Dear Fatima, I'm so sorry. Nobody should be spoken to like that, least of "
                "all a young woman on her own at home, and I understand why you're angry. "
                "The driver works for our delivery partner; I've reported what happened to "
                "them with the delivery details, and they've confirmed he won't deliver for "
                "us again while they investigate. Would your daughter like a call from me "
                "to apologise to her directly?"),
            customer(5.0, "Yes, she would like that. Thank you for taking it seriously."),
            call(24.0, "priya", "outbound", 420,
                "Called Fatima's daughter and apologised. She was calm and appreciated the "
                "call. Partner's investigation confirmed the driver's behaviour."),
            agent(24.5, "priya",
                "Dear Fatima, I spoke to your daughter this morning and apologised on our "
                "behalf. Our delivery partner has completed its investigation and taken "
                "action with the driver. Thank you for telling us. Is there anything else "
                "I can do for either of you?"),
        ),
    ),
    DemoTicket(
        customer_key="luca_ferraro", subject="To the Head of Operations: contract MC-2207",
        category="complaint", channel="email", priority="high", severity=3,
        team_key="general", assignee_key="adaeze", status="pending_customer",
        tags=("contract-mc-2207", "sla-missed", "head-of-operations"), mood="angry",
        opened_days_ago=2.9,
        turns=(
            customer(0.0,
                "To whoever is in charge of operations.\n\nThis is the third time in two "
                "months your 4-hour response under contract MC-2207 has been missed. Tomasz "
                "was helpful last week, but I don't want apologies, I want it fixed. We pay "
                "£180 a month per site for a promise you don't keep.\n\nIf I don't hear from "
                "the person who runs operations by Friday, we will end the contract for all "
                "eight cafés and go to a competitor.\n\nLuca Ferraro\nBrightside Café Group"),
            note(1.0, "tomasz",
                "Escalated to Adaeze: three missed responses for this customer in two "
                "months; capacity issue on Monday mornings in central London."),
            agent(5.0, "adaeze",
                "Dear Luca, I'm Adaeze Okafor, Head of Operations. You're right: we've "
                "missed your 4-hour response three times in two months, and apologies are "
                "not enough. Here's what changes from Monday: one technician is based in "
                "central London every morning from 06:00 for contract customers, and your "
                "six machines get a preventive check each month. For the missed responses, "
                "we'll credit one month's fee for all eight cafés. I'll call you in two "
                "weeks to check it's working. Can we meet at one of your cafés next week "
                "to go through it?"),
        ),
    ),
)
