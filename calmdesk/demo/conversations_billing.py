"""Billing conversations: invoices, fees, refunds, plan prices and payment plans."""

from __future__ import annotations

from calmdesk.demo.records import DemoTicket, agent, call, customer, note

TICKETS: tuple[DemoTicket, ...] = (
    DemoTicket(
        customer_key="helga_brandt", subject="Invoices without my VAT ID",
        category="billing", channel="email", priority="low", severity=4,
        team_key="billing", assignee_key="mei_lin", status="resolved",
        tags=("invoices", "vat"), mood="calm", opened_days_ago=12.5,
        turns=(
            customer(0.0,
                "Hello, the last three invoices for the St Ives flats do not show my VAT ID "
                "(DE 812 345 678). My accountant needs it on every invoice. Can you reissue "
                "them?\n\nHelga Brandt"),
            agent(5.0, "mei_lin",
                "Hello Helga, thank you, and sorry for the extra work for your accountant. "
                "I've added your VAT ID to the account and reissued all three invoices with "
                "it; they're attached to this email. Every future invoice will show it too. "
                "Is there anything else your accountant needs on them?"),
            customer(22.0, "That is all. Thank you for the quick help."),
            agent(23.0, "mei_lin", "You're welcome, Helga. I'll close this now."),
        ),
    ),
    DemoTicket(
        customer_key="tom_whitaker", subject="£12 late payment fee on my finance account",
        category="billing", channel="phone", priority="normal", severity=3,
        team_key="billing", assignee_key="priya", status="resolved",
        tags=("finance", "late-fee", "direct-debit"), mood="angry", opened_days_ago=6.4,
        turns=(
            call(0.0, "liam", "inbound", 380,
                "Customer shouting about a £12 late payment fee on his finance agreement. "
                "Says we moved his collection date without telling him. Explained that late "
                "fees are our policy and there's nothing I can do. Told him to calm down. "
                "Customer swore and I ended the call."),
            customer(1.5,
                "I called about a £12 late fee. You moved my direct debit from the 1st to "
                "the 28th WITHOUT telling me, it bounced because I get paid on the 30th, and "
                "now I'm fined for it. Your agent told me to 'calm down' and hung up on me. "
                "I want this fee removed and I want to speak to a manager."),
            agent(3.0, "liam",
                "As I already said on the phone, late fees are our policy and you're wrong "
                "that you weren't told: a letter was sent. There's nothing I can do about it."),
            customer(3.4,
                "I NEVER got a letter. Put me through to a manager NOW or I'm going straight "
                "to the Financial Ombudsman!!!"),
            note(4.0, "priya",
                "Taking this over. Checked: the collection date moved in the finance "
                "migration, and the notice letters for that batch were never sent. Our "
                "mistake. Refunding the fee; Liam's call and reply to be reviewed with him."),
            agent(4.5, "priya",
                "Dear Tom, I'm Priya Raman, the team lead for billing. I'm sorry. You're "
                "right: your collection date moved when we changed finance systems, and the "
                "letter that should have told you was never sent. That's our mistake, not "
                "yours. I've refunded the £12 fee, moved your direct debit back to the 1st "
                "and added a £10 account credit for the trouble. I'm also sorry about how "
                "your call was handled; I'll follow that up separately. Is the 1st still the "
                "right date for you?"),
            customer(6.0, "Yes, the 1st. Thank you, that's all I wanted."),
            agent(6.5, "priya",
                "Thank you, Tom. You'll see the refund within 3 working days. I'll close "
                "this ticket, and I'll reply separately about your call."),
        ),
    ),
    DemoTicket(
        customer_key="ben_goldberg", subject="Currency conversion fee on my card",
        category="billing", channel="email", priority="low", severity=4,
        team_key="billing", assignee_key="sofia", status="closed",
        tags=("card-payment", "currency"), mood="calm", opened_days_ago=21.0,
        turns=(
            customer(0.0,
                "Hi there, I paid £549 for my mother's dishwasher and my US card was charged "
                "$712.40 plus a $21.37 'foreign transaction fee'. Did you charge that fee? "
                "Thanks, Ben"),
            agent(4.0, "sofia",
                "Hi Ben, thanks for asking. We charged exactly £549; the conversion and the "
                "$21.37 fee were added by your card issuer, so we can't refund that part. "
                "Some US cards have no foreign transaction fee, which may help next time. "
                "Would you like an itemised receipt in pounds to show your bank?"),
            customer(26.0, "No need, that explains it. Thanks."),
            agent(27.0, "sofia", "Glad that helped, Ben. Take care."),
        ),
    ),
    DemoTicket(
        customer_key="nadia_haddad", subject="18% increase on Total Care Business renewal",
        category="billing", channel="email", priority="high", severity=3,
        team_key="billing", assignee_key="tomasz", status="pending_customer",
        tags=("total-care", "renewal", "price-increase", "vip", "policy-exception"),
        mood="angry", opened_days_ago=3.1,
        turns=(
            customer(0.0,
                "Our renewal notice shows an 18% increase on Total Care Business for both "
                "hotels, with no warning and no explanation. We have 34 appliances with you. "
                "I have a quote from a competitor for less than we pay today.\n\nUnless "
                "someone senior calls me this week, I will move all 34 to them when the "
                "contract ends. I expect better after four years.\n\nNadia Haddad\nCedar "
                "Stays Hotels"),
            note(0.8, "priya",
                "VIP asks for an exception on the renewal price. Beyond my authority: "
                "passed to Tomasz with the account history (4 years, 34 appliances, 2 claims)."),
            call(20.0, "tomasz", "outbound", 1260,
                "Spoke with Nadia for 20 minutes. She was angry that the increase came with "
                "no warning, more than about the amount. Apologised for that. Offered to hold "
                "last year's price for 12 months and add the two new laundry machines at no "
                "extra cost. She wants it in writing to take to her finance director."),
            agent(21.0, "tomasz",
                "Dear Nadia, thank you for your time on the phone. As promised, here is our "
                "offer in writing: we'll hold your Total Care Business price at last year's "
                "rate for the next 12 months for both hotels, and cover the two new laundry "
                "machines at no extra cost. I'm sorry the renewal notice arrived without any "
                "warning. From now on I'll walk you through any change before it is sent. "
                "Shall I send the updated contract for signature?"),
        ),
    ),
    DemoTicket(
        customer_key="gabriel_silva", subject="Refund for returned thermostat not received",
        category="billing", channel="web", priority="normal", severity=4,
        team_key="billing", assignee_key="mei_lin", status="closed",
        tags=("refunds", "returns"), mood="calm", opened_days_ago=34.0,
        turns=(
            customer(0.0,
                "Hi, I returned an unopened HearthLink thermostat within 30 days (return "
                "label RL-55821). Tracking says you received it two weeks ago but I have no "
                "refund yet. Can you check? Obrigado, Gabriel"),
            agent(6.0, "mei_lin",
                "Hi Gabriel, thank you for the tracking number. The return was checked in "
                "but the refund was never triggered, which is our slip. I've issued the "
                "refund of £129 to your original card today; it should reach you within 5 "
                "to 10 working days. Is there anything else I can do for you?"),
            customer(30.0, "No, that's all. Thank you!"),
            agent(31.0, "mei_lin", "You're welcome, Gabriel. Enjoy your day."),
        ),
    ),
    DemoTicket(
        customer_key="mohammed_al_sayed", subject="Debt collection letter for cancelled plan",
        category="billing", channel="phone", priority="high", severity=2,
        team_key="billing", assignee_key="sofia", status="resolved",
        tags=("total-care", "cancellation", "debt-collection"), mood="abusive",
        opened_days_ago=8.6,
        turns=(
            call(0.0, "sofia", "inbound", 840,
                "Mohammed called about a debt collection letter for £44.97 (three months of "
                "Total Care). Very angry from the start: called me 'a useless idiot' and "
                "said 'you thieving lot can go to hell'. I said I could hear how upsetting "
                "the letter was and that I wanted to sort it, but needed us to keep it "
                "respectful so I could. He calmed down after that. He says he cancelled by "
                "phone in the spring. Found the call on his account: the cancellation was "
                "logged but never processed. Told him I'd stop the collection today and "
                "confirm in writing."),
            note(0.5, "sofia",
                "Cancellation from the spring was logged but never processed. Recalled the "
                "debt from the agency and wrote off £44.97. Priya approved a £20 credit."),
            agent(1.0, "sofia",
                "Dear Mohammed, thank you for staying on the line with me. As promised: the "
                "debt of £44.97 is cancelled and recalled from the collection agency, your "
                "Total Care plan is closed from the date you first asked, and we've added a "
                "£20 account credit for the distress this caused. The agency will confirm "
                "in writing within 5 working days. Is there anything else I can put right?"),
        ),
    ),
    DemoTicket(
        customer_key="eleni_papadopoulos", subject="Third request: refund of installation fee",
        category="billing", channel="email", priority="normal", severity=3,
        team_key="billing", assignee_key="mei_lin", status="open",
        tags=("refunds", "installation", "cancellation"), mood="frustrated",
        opened_days_ago=10.2,
        turns=(
            customer(0.0,
                "Hello, I cancelled my heat pump installation five weeks ago, well before "
                "the survey, and was told the £120 installation fee would be refunded. It "
                "has not arrived. Could you check, please?\n\nEleni Papadopoulos"),
            agent(28.0, "mei_lin",
                "Hi Eleni, refunds take up to 14 days. It's our policy. Please wait."),
            customer(150.0,
                "This is the third time I've asked. It has been six weeks, not 14 days. I "
                "have the cancellation confirmation email. Please just tell me when I will "
                "get my £120."),
            agent(152.0, "mei_lin",
                "As I already said, refunds take 14 days. Billing can't do anything until "
                "the installations team releases it, so you'd need to take it up with them."),
            customer(200.0,
                "So now it's another department's fault? I don't care which department. "
                "I'm one customer and I want my money back."),
        ),
    ),
    DemoTicket(
        customer_key="claire_fontaine", subject="Charged £145 call-out on my maintenance contract",
        category="billing", channel="web", priority="normal", severity=3,
        team_key="billing", assignee_key="sofia", status="on_hold",
        tags=("maintenance-contract", "call-out-fee", "field-service"), mood="frustrated",
        opened_days_ago=5.8,
        turns=(
            customer(0.0,
                "Bonjour, you charged me £145 for a call-out to repair the commercial "
                "dishwasher at the pâtisserie. This repair is covered by my maintenance "
                "contract. It is the second time this year. Please refund it.\n\nClaire "
                "Fontaine, Pâtisserie Fontaine"),
            agent(3.0, "sofia",
                "Hi Claire, I completely understand why a charge like that is annoying when "
                "you pay for a contract. Let me restate to be sure: the £145 was for the "
                "dishwasher repair, and your contract should cover call-outs. I've asked "
                "our administration team to check the contract terms against the job sheet, "
                "and I'll come back to you within 2 working days. If it's covered, I'll "
                "refund the £145 in full. Does that sound fair?"),
            customer(5.0, "OK. Two days. But it's the second time."),
            note(5.5, "sofia",
                "Job sheet says 'not under contract' but the dishwasher IS on contract "
                "MC-3391. Looks like the technician's app had the old contract list. Waiting "
                "for Administration to confirm before refunding."),
        ),
    ),
    DemoTicket(
        customer_key="siobhan_kelly", subject="Discount code WELCOME10 not applied",
        category="billing", channel="chat", priority="low", severity=4,
        team_key="billing", assignee_key="sofia", status="resolved",
        tags=("discount", "promotion"), mood="calm", opened_days_ago=15.3,
        turns=(
            customer(0.0,
                "hi, I used WELCOME10 on my tumble dryer order but the receipt shows full "
                "price, £429. should I have got 10% off?"),
            agent(0.1, "sofia",
                "Hi Siobhan, yes, you should have. The code didn't apply because the dryer "
                "was added after the code was entered, and sorry it wasn't clearer. I've "
                "refunded the 10% (£42.90) to your card; it'll show in 3 to 5 working days. "
                "Is there anything else on the order I can check?"),
            customer(0.2, "no that's great, thanks!"),
            agent(0.2, "sofia", "Lovely. Enjoy the new dryer, Siobhan!"),
        ),
    ),
    DemoTicket(
        customer_key="thandiwe_dlamini", subject="Can I pay for the dryer in instalments?",
        category="billing", channel="email", priority="low", severity=4,
        team_key="billing", assignee_key="mei_lin", status="closed",
        tags=("finance",), mood="calm", opened_days_ago=41.0,
        turns=(
            customer(0.0,
                "Hello, I'm a student and would like to buy the DryWell 8 (£399). Do you "
                "offer instalments? Many thanks, Thandiwe"),
            agent(7.0, "mei_lin",
                "Hi Thandiwe, thanks for asking. Yes: on orders over £250 you can spread "
                "the cost over 12 months at 0% with our finance partner, subject to a credit "
                "check, or pay in three monthly card payments with no check. Would you like "
                "me to send you a link for either option?"),
            customer(30.0, "The three payments please."),
            agent(31.0, "mei_lin",
                "Here's your link for three payments of £133. Your first payment is taken "
                "today and the dryer ships as soon as it clears. Thanks, Thandiwe!"),
        ),
    ),
    DemoTicket(
        customer_key="sarah_levy", subject="Change the date my Total Care payment comes out",
        category="billing", channel="email", priority="low", severity=4,
        team_key="billing", assignee_key=None, status="new",
        tags=(), mood="calm", opened_days_ago=0.6,
        turns=(
            customer(0.0,
                "Hi, could you move my Total Care payment from the 3rd to the 15th of each "
                "month? My US payroll changed. Thanks so much, Sarah Levy"),
        ),
    ),
)
