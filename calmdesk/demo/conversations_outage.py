"""The checkout outage: card payments fail for many customers within two hours.

Each customer describes the same fault in their own words (a 502 error, a page that
keeps spinning, "Processing…" forever, money held twice), on different channels and
filed under different categories, which is what incident detection has to see through.
"""

from __future__ import annotations

from calmdesk.demo.records import DemoTicket, agent, call, customer, note

CHECKOUT_OUTAGE: tuple[DemoTicket, ...] = (
    DemoTicket(
        customer_key="amara_nwosu", subject="Payment page keeps spinning",
        category="billing", channel="web", priority="normal", severity=3,
        team_key="general", assignee_key="kwame", status="pending_customer",
        tags=("checkout", "card-payment"), mood="calm", opened_days_ago=0.340,
        turns=(
            customer(0.0,
                "Hi, I'm trying to pay for a replacement filter kit for my heat pump (basket "
                "total £34.98) and the payment page just keeps spinning after I enter my card "
                "details. I've tried twice now. Has the payment gone through or not? I don't "
                "want to pay twice.\n\nThanks, Amara"),
            agent(0.6, "kwame",
                "Hi Amara, thank you for telling us, and sorry for the hassle. So I have this "
                "right: the page spins after you enter your card, and you can't tell whether "
                "you've been charged. I've checked your account and no payment has been "
                "taken, so you haven't paid twice. We're looking into checkout now and I'll "
                "email you within two hours with an update. In the meantime I can hold the "
                "filter kit for you so it doesn't sell out. Would you like me to reserve it?"),
        ),
    ),
    DemoTicket(
        customer_key="luca_ferraro", subject="Can't pay for descaler order - Error 502",
        category="billing", channel="phone", priority="high", severity=2,
        team_key="general", assignee_key="sofia", status="open",
        tags=("checkout", "card-payment", "contract-mc-2207"), mood="frustrated",
        opened_days_ago=0.331,
        turns=(
            call(0.0, "sofia", "inbound", 420,
                "Luca (Brightside Café Group) called. Ordering descaler and gaskets for all "
                "eight cafés; at the last step the site shows 'Error 502 Bad Gateway'. Three "
                "attempts with two different company cards. Quote from Luca: 'I've got six "
                "machines due a descale and I can't even give you my money.' Needs stock "
                "within two days. Told him I'd find out what's wrong and call back within the "
                "hour; offered to take the order by phone if checkout is still failing then."),
            note(0.3, "sofia",
                "Second checkout failure I've taken in 20 minutes. Asked Priya whether "
                "engineering knows."),
        ),
    ),
    DemoTicket(
        customer_key="arjun_mehta",
        subject="[PartsHub integration] POST /v2/payments returning HTTP 502",
        category="outage", channel="api", priority="urgent", severity=1,
        team_key="engineering", assignee_key="rahul", status="open",
        tags=("checkout", "partner-api", "payments-platform"), mood="calm",
        opened_days_ago=0.322,
        turns=(
            customer(0.0,
                "Automated report from the PartsHub integration.\n\nEndpoint: POST "
                "/v2/payments\nResult: 37 of 41 requests in the last 30 minutes returned HTTP "
                "502 Bad Gateway (upstream payment gateway). Retries with back-off also "
                "fail.\nSample request id: ph-7f3a91c2\nImpact: PartsHub customers cannot "
                "complete card payments.\n\nContact: Arjun Mehta, integration owner."),
            note(0.4, "yusuf",
                "Same symptom as the checkout contacts on the front line in the last hour. "
                "Moved to engineering and flagged to Gareth."),
            agent(0.7, "rahul",
                "Hi Arjun, thanks for the detailed report: the request id made this quick to "
                "trace. We can see the 502s on our side too; they come from the connection "
                "to our card processor, not from your requests, so there's nothing to change "
                "in PartsHub. We're working on it now and I'll post an update here within the "
                "hour. Can you hold retries at one a minute until then?"),
        ),
    ),
    DemoTicket(
        customer_key="lucy_chambers", subject="checkout broken?? money taken 3 times",
        category="billing", channel="chat", priority="high", severity=2,
        team_key="general", assignee_key="kwame", status="pending_customer",
        tags=("checkout", "card-payment", "pending-authorisation"), mood="frustrated",
        opened_days_ago=0.310,
        turns=(
            customer(0.0,
                "is your checkout broken?? card payment just fails, says 'something went "
                "wrong, try again later'. tried 3 times and my banking app now shows a "
                "pending £489 EACH time. so I've got £1,467 pending for one dishwasher"),
            agent(0.1, "kwame",
                "Hi Lucy, I'm sorry, seeing three lots of £489 pending must be worrying. To "
                "check I've understood: checkout failed three times, and each attempt left a "
                "pending amount on your card. Those are holds, not payments: none of them "
                "completed, so your bank will release them, usually within 3 to 5 working "
                "days. We're fixing checkout now, and I'll message you as soon as it's "
                "working. Shall I keep the dishwasher at the sale price for you until then?"),
            customer(0.2,
                "ok that's something. yes keep the price please, I'm not paying more "
                "because your site fell over"),
            agent(0.3, "kwame",
                "Done: the dishwasher is reserved at £489 for 7 days. I'll send you a link "
                "to pay once checkout is working. Is this chat the best place to reach you?"),
        ),
    ),
    DemoTicket(
        customer_key="marcus_johnson", subject="WEBSITE WON'T TAKE PAYMENT - 502 BAD GATEWAY",
        category="technical", channel="email", priority="normal", severity=3,
        team_key="general", assignee_key=None, status="new",
        tags=(), mood="angry", opened_days_ago=0.300,
        turns=(
            customer(0.0,
                "WHAT IS GOING ON WITH YOUR WEBSITE?\n\nEvery time I click 'Pay now' I get a "
                "blank page that says 502 Bad Gateway. I have wasted an HOUR on this. The "
                "fridge at my Hackney flat has died and my tenant has nothing to keep food "
                "in.\n\nIf this isn't fixed today I'll buy the same fridge from a "
                "competitor and you can forget about me as a customer!!!\n\n— Marcus Johnson"),
        ),
    ),
    DemoTicket(
        customer_key="zofia_kowalska", subject="Payment stuck on 'Processing'",
        category="billing", channel="web", priority="normal", severity=3,
        team_key="general", assignee_key=None, status="new",
        tags=(), mood="calm", opened_days_ago=0.291,
        turns=(
            customer(0.0,
                "Hello, the payment step does not finish. After I type the card number the "
                "button says 'Processing…' forever and nothing happens. I waited 10 minutes. "
                "Is there another way to pay for the door seal (order basket, £18.50)?\n\n"
                "Best regards,\nZofia Kowalska"),
        ),
    ),
    DemoTicket(
        customer_key="harpreet_sandhu", subject="Can't renew Total Care Plus online",
        category="billing", channel="chat", priority="high", severity=2,
        team_key="billing", assignee_key="sofia", status="open",
        tags=("checkout", "card-payment", "total-care", "vip"), mood="frustrated",
        opened_days_ago=0.282,
        turns=(
            customer(0.0,
                "Trying to pay my Total Care Plus renewal online. The card page says "
                "'payment could not be processed (502)'. Twelve years I've been a customer "
                "and your website still can't take my money."),
            agent(0.2, "sofia",
                "That error comes from your bank, not from us, so there's nothing I can do "
                "on our side. Please try a different card or call your bank."),
            customer(0.3,
                "My bank says they've seen nothing from you at all. Don't fob me off."),
            note(0.5, "priya",
                "It is not the bank: this is the same 502 as several other contacts in the "
                "last two hours. Sofia, please apologise to Mr Sandhu and keep his plan "
                "active while we fix checkout. I've raised it with Gareth for engineering."),
        ),
    ),
    DemoTicket(
        customer_key="ibrahim_diallo", subject="Charged twice, then error 502",
        category="billing", channel="email", priority="high", severity=2,
        team_key="billing", assignee_key=None, status="new",
        tags=(), mood="angry", opened_days_ago=0.270,
        turns=(
            customer(0.0,
                "I tried to pay £89 for a replacement drain pump (for the machine I took to "
                "Brussels) and your payment page crashed with 'error 502'. I tried again, "
                "same thing. Now my card shows TWO payments "
                "of £89 and I have no order confirmation.\n\nI want both refunded TODAY or I "
                "will dispute them with my bank. This is unacceptable!!\n\nIbrahim Diallo"),
        ),
    ),
)

# An earlier single card decline, nine days before: the same words, but not an incident.
_EARLIER_DECLINE = DemoTicket(
    customer_key="olumide_adebayo", subject="Card declined paying the heat pump deposit",
    category="billing", channel="email", priority="normal", severity=3,
    team_key="billing", assignee_key="mei_lin", status="resolved",
    tags=("card-payment", "bank-decline"), mood="calm", opened_days_ago=9.2,
    turns=(
        customer(0.0,
            "Good afternoon. My card was declined when I tried to pay the £600 deposit for "
            "the heat pump for my parents' house in Croydon. The money is there. Could you "
            "tell me what went wrong?\n\nRegards,\nOlumide Adebayo"),
        agent(2.5, "mei_lin",
            "Good afternoon Olumide, thanks for getting in touch. Our records show your bank "
            "declined the payment before it reached us, which often happens with a first "
            "large payment to a UK merchant from a card issued abroad. If you approve it with "
            "your bank, I can send you a fresh payment link straight away. Would you like "
            "one?"),
        customer(20.0, "I've approved it with my bank. Yes please, send the link."),
        agent(21.0, "mei_lin",
            "Here it is, and thank you. I can see the deposit has now gone through, and "
            "your installation survey is booked. Is there anything else I can help with?"),
    ),
)

TICKETS: tuple[DemoTicket, ...] = (*CHECKOUT_OUTAGE, _EARLIER_DECLINE)
