"""Account, personal-data and cancellation conversations."""

from __future__ import annotations

from calmdesk.demo.records import DemoTicket, agent, call, customer, note

# A subject access request under UK GDPR: Legal has one calendar month to answer.
PRIVACY_REQUEST = DemoTicket(
    customer_key="ines_carvalho", subject="Subject access request (UK GDPR Article 15)",
    category="data_privacy", channel="email", priority="high", severity=3,
    team_key="legal", assignee_key="eleanor", status="open",
    tags=("subject-access-request", "gdpr", "statutory-deadline"), mood="calm",
    opened_days_ago=6.0,
    turns=(
        customer(0.0,
            "Dear Harbourline,\n\nUnder Article 15 of the UK GDPR I request a copy of all "
            "personal data you hold about me, including call recordings, chat transcripts, "
            "notes written by your staff, and the names of any third parties you have shared "
            "my data with (couriers, payment providers, marketing services).\n\nPlease send "
            "it electronically. I understand you have one month to respond.\n\nInês Carvalho"),
        note(1.0, "liam",
            "SAR received. Passed to Legal & Compliance; not answering the substance here."),
        agent(4.0, "eleanor",
            "Dear Inês, thank you for your request, which we received today. To protect your "
            "data, could you confirm the postcode and the last order number on your account? "
            "Once you have, we'll send everything you asked for, by secure download, within "
            "one month of today at the latest. I'm your contact for this request. Is the "
            "email address you wrote from the best one for the download link?"),
        customer(20.0, "Postcode 4150-123 (Porto), last order HL-611907. Yes, this address."),
        note(21.0, "eleanor",
            "Identity confirmed. Deadline logged: one month from receipt. Collecting from "
            "the CRM, call recordings, chat logs and the courier/payments processors."),
    ),
)

# A personal-data breach: one customer's invoice emailed to another.
MISDIRECTED_INVOICE = DemoTicket(
    customer_key="kirsty_mcleod", subject="I've been sent someone else's invoice",
    category="data_privacy", channel="email", priority="urgent", severity=1,
    team_key="legal", assignee_key="eleanor", status="on_hold",
    tags=("personal-data-breach", "invoices", "gdpr"), mood="calm", opened_days_ago=1.2,
    turns=(
        customer(0.0,
            "Hello, the invoice you emailed me this morning isn't mine. It has another "
            "customer's name, home address in Glasgow and the last four digits of their card. "
            "I haven't forwarded it. I'm a bit worried my own invoice has gone to someone "
            "else too.\n\nKirsty McLeod"),
        note(0.5, "mei_lin",
            "Personal-data breach: invoice run mixed two customers' PDFs. Passed to Eleanor "
            "straight away."),
        agent(1.5, "eleanor",
            "Dear Kirsty, thank you for telling us, and for not forwarding it. I'm sorry: "
            "that should never have happened. Could you delete the email and its attachment, "
            "and reply to confirm you have? I've checked your own invoice: it was sent only "
            "to you. We're investigating how the mix-up happened and I'll write to you with "
            "what we find within 5 working days. Have you deleted it?"),
        customer(2.0, "Deleted, including from my bin."),
        note(3.0, "eleanor",
            "Breach logged in the register. One other customer affected; notified by phone. "
            "Assessing whether the ICO must be told (72-hour clock started this morning). "
            "On hold until the engineering fix to the invoice run is confirmed."),
    ),
)

# A threat against staff: calls are ended after one warning and reported upwards.
THREAT_TO_STAFF = DemoTicket(
    customer_key="gary_pritchard", subject="Disputes £90 early cancellation fee",
    category="cancellation", channel="phone", priority="high", severity=3,
    team_key="general", assignee_key="priya", status="on_hold",
    tags=("cancellation-fee", "threat", "abusive-language"), mood="abusive",
    opened_days_ago=3.3,
    turns=(
        call(0.0, "liam", "inbound", 250,
            "Gary called disputing the £90 early cancellation fee on his Total Care plan. "
            "Swearing from the start ('you're a f***ing joke, mate'). Asked him once to keep "
            "it respectful so I could help. He said: 'I know where your Leeds depot is. I'll "
            "come down and sort your manager out myself.' Told him I was ending the call "
            "because of the threat and that a supervisor would contact him in writing. Ended "
            "the call."),
        note(0.3, "priya",
            "Threat against staff. Reported to Adaeze per the safety procedure; depot "
            "manager told. Liam OK, taking a break. I'll handle this customer in writing."),
        agent(2.0, "priya",
            "Dear Gary, I'm Priya Raman, a team lead. Today's call was ended because of a "
            "threat made against our staff. We take that seriously, and any repeat will mean "
            "we deal with your account in writing only. I do want to look at the fee you "
            "called about. I've asked for the plan's start date and terms, and I'll write to "
            "you with my decision within 2 working days. Would you like me to include a copy "
            "of the terms you signed?"),
        customer(5.0,
            "Don't threaten ME with 'in writing only'. Your mate was a useless prat and your "
            "fee is a rip-off. Just refund the ninety quid."),
        note(5.5, "priya",
            "Plan started 11 months ago; the fee applies under 12 months, but we never sent "
            "the renewal reminder. Asking Tomasz whether to waive it as an exception."),
    ),
)

TICKETS: tuple[DemoTicket, ...] = (
    PRIVACY_REQUEST,
    MISDIRECTED_INVOICE,
    THREAT_TO_STAFF,
    DemoTicket(
        customer_key="eleni_papadopoulos", subject="Still getting marketing emails - erase my data",
        category="data_privacy", channel="web", priority="normal", severity=3,
        team_key="legal", assignee_key="eleanor", status="pending_customer",
        tags=("erasure-request", "marketing", "gdpr"), mood="frustrated", opened_days_ago=4.0,
        turns=(
            customer(0.0,
                "I have unsubscribed three times and I still get your marketing emails, two "
                "this week. I no longer have any appliance from you. Please delete all my "
                "data. I'm tired of asking."),
            agent(6.0, "eleanor",
                "Dear Eleni, I'm sorry. You unsubscribed and we should have respected that "
                "the first time. I've stopped all marketing to you today. On erasure: we'll "
                "delete your account and contact details within 30 days. We must keep your "
                "invoices and the refund record for six years for tax law, but they'll be "
                "locked away and used for nothing else. Shall I go ahead on that basis?"),
        ),
    ),
    DemoTicket(
        customer_key="zofia_kowalska", subject="Change the email address on my account",
        category="account", channel="web", priority="low", severity=4,
        team_key="general", assignee_key="liam", status="resolved",
        tags=("account-details",), mood="calm", opened_days_ago=33.0,
        turns=(
            customer(0.0,
                "Hello, I have a new email address and would like to use it for my account "
                "and invoices. Can you change it, or must I do it myself?\n\nZofia Kowalska"),
            agent(4.0, "liam",
                "Hello Zofia, you can do it under Account > Details, or I can change it for "
                "you. For your security I'll send a confirmation link to the new address "
                "first. Would you like me to do it?"),
            customer(6.0, "Please do it, it is zofia.kowalska@example.org."),
            agent(6.5, "liam",
                "Done, Zofia. Click the link in the email we've just sent to confirm it. "
                "Is there anything else I can help with?"),
        ),
    ),
    DemoTicket(
        customer_key="marcus_johnson", subject="Sign-in codes never arrive on my Canadian number",
        category="account", channel="chat", priority="normal", severity=3,
        team_key="technical", assignee_key="yusuf", status="resolved",
        tags=("two-factor", "login"), mood="frustrated", opened_days_ago=12.0,
        turns=(
            customer(0.0,
                "For the third time: your sign-in codes never arrive on my phone. It's a "
                "Canadian number, +1 416. I can't see my orders or invoices."),
            agent(0.2, "yusuf",
                "Hi Marcus, sorry, that's frustrating, especially when you've asked before. "
                "Our text provider has been dropping some messages to Canadian numbers. I can "
                "switch your sign-in codes to an authenticator app, which works anywhere. "
                "Would you like to do that?"),
            customer(0.3, "Yes. Anything that works."),
            agent(0.5, "yusuf",
                "I've reset your two-step sign-in; the app setup link is in your email. "
                "Once it's scanned, the codes come from the app. Is it working?"),
            customer(0.7, "Yes, I'm in. Thanks."),
            agent(0.8, "yusuf", "Great, Marcus. Sorry again for the runaround."),
        ),
    ),
    DemoTicket(
        customer_key="wendy_ho", subject="Close my UK account but keep my order history",
        category="account", channel="chat", priority="low", severity=4,
        team_key="general", assignee_key="liam", status="closed",
        tags=("account-closure",), mood="calm", opened_days_ago=58.0,
        turns=(
            customer(0.0,
                "Hi, I've moved to Sydney and won't need my UK account anymore, but I'd like "
                "a copy of my order history and the washer's warranty first. Possible?"),
            agent(0.1, "liam",
                "Hi Wendy, of course. I'll email you your order history and the warranty "
                "certificate now, and then close the account. Spare parts can still be "
                "ordered as a guest. Shall I go ahead?"),
            customer(0.2, "Yes please."),
            agent(0.4, "liam",
                "Both documents are in your inbox and the account is closed. Thanks for "
                "being a customer, Wendy, and enjoy Sydney!"),
        ),
    ),
    DemoTicket(
        customer_key="harpreet_sandhu", subject="Remove the sold dishwasher from Total Care Plus",
        category="cancellation", channel="phone", priority="low", severity=4,
        team_key="administrative", assignee_key="liam", status="closed",
        tags=("total-care", "cancellation", "vip"), mood="calm", opened_days_ago=40.0,
        turns=(
            call(0.0, "liam", "inbound", 360,
                "Mr Sandhu sold his old CleanSweep 60 with his previous house and wants it "
                "off Total Care Plus. Removed it; monthly cost drops from £42.50 to £36.00 "
                "from the next payment. Confirmed the other five appliances stay covered."),
            agent(0.2, "liam",
                "Dear Harpreet, thank you for your call. As discussed, the CleanSweep 60 is "
                "off your Total Care Plus plan, and your monthly payment goes down to £36.00 "
                "from the next collection. Your other five appliances stay fully covered. "
                "Is there anything else I can help with?"),
        ),
    ),
    DemoTicket(
        customer_key="ibrahim_diallo", subject="Cancelled Total Care but charged two more months",
        category="cancellation", channel="web", priority="normal", severity=3,
        team_key="billing", assignee_key="mei_lin", status="pending_customer",
        tags=("total-care", "cancellation", "refunds", "ombudsman-threat"), mood="angry",
        opened_days_ago=16.0,
        turns=(
            customer(0.0,
                "I cancelled Total Care TWO MONTHS ago when I sold my London flat. I have "
                "the confirmation email. You have taken £14.99 twice since. I want both "
                "payments back. If this is not sorted this week I will complain to the "
                "ombudsman."),
            agent(3.0, "mei_lin",
                "Dear Ibrahim, I'm sorry. You cancelled, you have the confirmation, and we "
                "kept charging you. That's our error. Let me restate so we agree: you "
                "cancelled two months ago and two payments of £14.99 have been taken since. "
                "I've refunded both (£29.98 in total) today, and stopped the direct debit. "
                "The refund should reach you within 5 working days. Would you like written "
                "confirmation that the plan is closed?"),
        ),
    ),
    DemoTicket(
        customer_key="dwayne_harris", subject="Add our accounts manager as an authorised user",
        category="account", channel="email", priority="low", severity=4,
        team_key="general", assignee_key="liam", status="resolved",
        tags=("authorised-user", "vip"), mood="calm", opened_days_ago=20.0,
        turns=(
            customer(0.0,
                "Hi, please add Keisha Brown, our accounts manager, as an authorised user "
                "on the Harris & Cole account, with access to invoices only.\n\nThanks,\n"
                "Dwayne Harris"),
            agent(5.0, "liam",
                "Hi Dwayne, happy to. I've sent Keisha an invitation with invoice-only "
                "access. She won't see orders, bookings or payment details. Would you like "
                "her copied on the monthly invoice email as well?"),
            customer(8.0, "Yes please."),
            agent(8.5, "liam", "Done, Dwayne: Keisha is on the invoice emails from this month."),
        ),
    ),
    DemoTicket(
        customer_key="arjun_mehta", subject="[PartsHub integration] Request: staging API key",
        category="account", channel="api", priority="low", severity=4,
        team_key="technical", assignee_key="yusuf", status="closed",
        tags=("partner-api", "api-keys"), mood="calm", opened_days_ago=52.0,
        turns=(
            customer(0.0,
                "Request from the PartsHub integration.\n\nWe're adding a staging "
                "environment. Please issue a sandbox API key for PartsHub Ltd with the same "
                "scopes as production (catalogue:read, orders:write, payments:write).\n\n"
                "Contact: Arjun Mehta."),
            agent(5.0, "yusuf",
                "Hi Arjun, the sandbox key is in the partner portal under Keys > Sandbox. "
                "Sandbox payments use test cards only and never reach the card processor. "
                "Is there anything else you need for staging?"),
        ),
    ),
    DemoTicket(
        customer_key="margaret_doyle", subject="Moving to sheltered housing - change of address",
        category="account", channel="phone", priority="low", severity=4,
        team_key="general", assignee_key="kwame", status="resolved",
        tags=("account-details", "accessibility", "total-care"), mood="calm",
        opened_days_ago=9.0,
        turns=(
            call(0.0, "kwame", "inbound", 780,
                "Mrs Doyle is moving into sheltered housing next month and taking the "
                "washing machine. Updated her address from the move date; Total Care moves "
                "with her. She asked whether we could reconnect the machine at the new flat: "
                "booked a technician for the day after her move. Spoke slowly; she repeated "
                "the details back correctly."),
            note(0.3, "kwame", "Confirmation letter posted: new address, visit date and time."),
            call(50.0, "kwame", "outbound", 200,
                "Called to check the letter arrived. It had; she's read it and is happy."),
        ),
    ),
    DemoTicket(
        customer_key="yuki_tanaka", subject="Name change on account",
        category="account", channel="chat", priority="low", severity=4,
        team_key="general", assignee_key="liam", status="closed",
        tags=("account-details",), mood="calm", opened_days_ago=45.0,
        turns=(
            customer(0.0,
                "Hello, I recently married and changed my family name. Should the order be "
                "in my new name for the warranty? I'm keeping Tanaka on the account for now."),
            agent(0.1, "liam",
                "Hello Yuki, congratulations! The warranty stays with the appliance, not the "
                "name, so you don't need to change anything now. If you change it later, "
                "just let us know. Is there anything else I can help with?"),
        ),
    ),
)
