"""Delivery and order conversations: late, damaged, wrong and missing deliveries."""

from __future__ import annotations

from calmdesk.demo.records import DemoTicket, agent, call, customer, note

TICKETS: tuple[DemoTicket, ...] = (
    DemoTicket(
        customer_key="yuki_tanaka", subject="Please hold my washer-dryer until I move",
        category="delivery", channel="email", priority="low", severity=4,
        team_key="general", assignee_key="kwame", status="on_hold",
        tags=("delivery-hold", "aquapro-9"), mood="calm", opened_days_ago=18.0,
        turns=(
            customer(0.0,
                "Hello, I ordered the AquaPro 9 washer-dryer (order HL-503318) for my new "
                "flat in Bristol, but my move has moved back by six weeks. Could you keep it "
                "in your warehouse until I arrive? I don't want it left outside an empty "
                "flat.\n\nKind regards,\nYuki Tanaka"),
            agent(9.0, "kwame",
                "Hello Yuki, thank you for letting us know in good time. I've put order "
                "HL-503318 on hold in our warehouse, free of charge, for up to 90 days. Two "
                "weeks before your new move date I'll email you to choose a delivery day. "
                "Could you tell me the new date once it's confirmed?"),
            customer(20.0, "Thank you! The new date should be confirmed at the end of next month."),
            note(20.5, "kwame", "Warehouse hold placed until day 90. Reminder set for Yuki."),
        ),
    ),
    DemoTicket(
        customer_key="siobhan_kelly", subject="Dryer 10 days late to Dublin",
        category="delivery", channel="web", priority="normal", severity=3,
        team_key="general", assignee_key="kwame", status="pending_customer",
        tags=("late-delivery", "partner-courier", "ireland"), mood="frustrated",
        opened_days_ago=6.1,
        turns=(
            customer(0.0,
                "My DryWell 8 was due 10 days ago. The tracking page has said 'in transit' "
                "for a week. Where is it?"),
            agent(1.0, "kwame",
                "Hi Siobhan, sorry for the wait. I've checked with the courier and it will "
                "definitely be delivered today."),
            customer(30.0,
                "It didn't come. I took a day off work for it. This is the third time I've "
                "been told a date that didn't happen."),
            note(30.5, "priya",
                "Kwame: please don't promise a day the partner courier hasn't confirmed. "
                "Their depot says the parcel was mis-sorted to Cork."),
            agent(31.0, "kwame",
                "Hi Siobhan, I'm sorry. I told you it would come and it didn't, and you lost "
                "a day off for it. I've found out what happened: the courier sent it to "
                "their Cork depot by mistake. It's now back in Dublin and booked for the "
                "day after tomorrow, with a two-hour window sent by text the night before. "
                "I've refunded your £25 delivery charge for the trouble. Does the day after "
                "tomorrow work, or would you like to pick another day?"),
        ),
    ),
    DemoTicket(
        customer_key="rajesh_iyer", subject="Fridge delivered with a dented door",
        category="delivery", channel="email", priority="high", severity=3,
        team_key="general", assignee_key="kwame", status="resolved",
        tags=("damaged-delivery", "replacement", "frostline"), mood="angry",
        opened_days_ago=14.2,
        turns=(
            customer(0.0,
                "My tenant has sent me photos: the FrostLine fridge freezer you delivered "
                "to 14 Alder Road has a big dent in the door and the driver left before she "
                "could check it. I paid £749 for a NEW fridge, not a damaged one.\n\nI want "
                "a replacement this week, or a full refund, and if I don't hear back today I "
                "will leave a review everywhere I can about how you treat landlords.\n\n"
                "Rajesh Iyer"),
            agent(3.0, "kwame",
                "Dear Rajesh, I'm sorry, that's not how your fridge should have arrived, "
                "and the driver should have waited while Ms Pike checked it. Thank you for "
                "the photos; they're all we need. I've ordered a replacement FrostLine, and "
                "our driver will swap it and take the damaged one away. The earliest slot is "
                "the day after tomorrow between 08:00 and 12:00, and I've added a £30 account "
                "credit for the trouble. Shall I book that slot with Ms Pike?"),
            customer(14.0, "Yes, book it and tell her directly. She's at home that morning."),
            call(16.0, "kwame", "outbound", 180,
                "Called Joanne Pike (tenant) on Rajesh's behalf: confirmed the swap slot, "
                "08:00-12:00 the day after tomorrow. She'll keep the dented one unplugged."),
            agent(64.0, "kwame",
                "Dear Rajesh, the replacement fridge was delivered this morning and Ms Pike "
                "checked it with the driver before signing; the damaged one has been "
                "collected. Is everything as it should be now?"),
        ),
    ),
    DemoTicket(
        customer_key="margaret_doyle", subject="Driver to phone ahead - customer hard of hearing",
        category="delivery", channel="phone", priority="low", severity=4,
        team_key="general", assignee_key="kwame", status="closed",
        tags=("delivery-instructions", "accessibility"), mood="calm", opened_days_ago=27.0,
        turns=(
            call(0.0, "kwame", "inbound", 510,
                "Mrs Doyle called about her new AquaPro 9 delivery. She is hard of hearing "
                "and worried she won't hear the doorbell. Spoke slowly and repeated the "
                "details. Added a note for the driver to phone 30 minutes ahead and let the "
                "phone ring for a while. Promised to confirm the date by letter too."),
            note(0.3, "kwame", "Letter with the delivery date posted first class."),
            call(50.0, "kwame", "outbound", 240,
                "Called Mrs Doyle after delivery: the driver phoned ahead, the machine is in "
                "and the old one taken away. She was very pleased and asked me to thank him."),
        ),
    ),
    DemoTicket(
        customer_key="marcus_johnson", subject="Wrong colour washing machine delivered",
        category="delivery", channel="email", priority="normal", severity=4,
        team_key="general", assignee_key="sofia", status="closed",
        tags=("wrong-item", "exchange"), mood="frustrated", opened_days_ago=29.0,
        turns=(
            customer(0.0,
                "I ordered the AquaPro 9 in graphite to match the kitchen in my Hackney "
                "flat. You delivered white. My tenant moves in next week and now I have to "
                "sort this from Toronto. Please fix it.\n\n— Marcus"),
            agent(5.0, "sofia",
                "Hi Marcus, sorry, that's our picking error, and doubly annoying when "
                "you're managing it from abroad. I've booked an exchange: a graphite AquaPro "
                "9 swapped for the white one in two days' time, in the morning, at no charge. "
                "You don't need to be there if the letting agent can let the driver in. "
                "Can the agent do a morning?"),
            customer(17.0, "Yes, the agent can. Thanks for not making this hard."),
            agent(90.0, "sofia",
                "Hi Marcus, the graphite machine is installed and the white one collected. "
                "Good luck with the new tenant!"),
        ),
    ),
    DemoTicket(
        customer_key="lucy_chambers", subject="missed delivery AGAIN",
        category="delivery", channel="chat", priority="high", severity=3,
        team_key="general", assignee_key="priya", status="open",
        tags=("missed-delivery", "abusive-language"), mood="abusive", opened_days_ago=2.4,
        turns=(
            customer(0.0,
                "I waited in ALL DAY again and nobody came. second time. what is wrong with "
                "you people"),
            agent(0.1, "kwame",
                "Hi Lucy, I'm really sorry, waiting in all day twice for nothing is awful. "
                "Let me look at what happened with the driver."),
            customer(0.2,
                "don't give me 'let me look'. are you thick or something? I've told you "
                "lot the same thing three times. useless, absolutely bloody useless"),
            agent(0.3, "kwame",
                "I can hear how fed up you are, and I do want to fix this. I need us to keep "
                "this respectful so I can help you. The driver marked it 'no access', so "
                "something went wrong at the door, and I'd like to find out what."),
            customer(0.4,
                "no access my arse. get me someone who actually knows what they're doing"),
            note(0.5, "kwame",
                "Personal insults after one boundary. Handing to Priya as agreed for abusive "
                "chats. Driver's 'no access' note says the building's entry code was wrong."),
            agent(0.8, "priya",
                "Hi Lucy, I'm Priya, the team lead. I've read the chat. The driver recorded "
                "the entry code as 2218 and couldn't get in, which may be why both attempts "
                "failed. If you give me the right code, I'll book a named-day delivery with "
                "a text when the driver is 30 minutes away. Which day suits you?"),
        ),
    ),
    DemoTicket(
        customer_key="jonas_lindqvist", subject="Delivery to our office needs a reception booking",
        category="delivery", channel="email", priority="low", severity=4,
        team_key="general", assignee_key="kwame", status="resolved",
        tags=("business-delivery", "barista-one"), mood="calm", opened_days_ago=16.5,
        turns=(
            customer(0.0,
                "Hi, our Barista One is due next week at our Shoreditch office. Reception "
                "needs the courier's name and a time slot 24 hours ahead, and there is no "
                "tail lift access after 10:00. Can you arrange that?\n\nThanks,\nJonas "
                "Lindqvist, Nordljus Design Studio"),
            agent(4.0, "kwame",
                "Hi Jonas, of course. I've booked a 08:00-10:00 slot with a two-person crew "
                "and a tail lift, and asked the courier to send your reception the crew "
                "names the day before. Could you tell me the name of your reception contact "
                "so I can add it to the booking?"),
            customer(6.0, "It's Mira at the front desk."),
            agent(7.0, "kwame",
                "Thanks, Jonas, Mira is on the booking now. You're all set for next week."),
        ),
    ),
    DemoTicket(
        customer_key="chen_wei", subject="Dishwashers delivered to the wrong restaurant",
        category="delivery", channel="email", priority="urgent", severity=2,
        team_key="general", assignee_key="sofia", status="pending_customer",
        tags=("wrong-address", "business-delivery", "cleansweep-pro"), mood="angry",
        opened_days_ago=1.3,
        turns=(
            customer(0.0,
                "Two CleanSweep Pro dishwashers meant for our Soho restaurant were delivered "
                "to our Camden site, which has no space for them and no plumbing. Soho opens "
                "tomorrow with no dishwashers. This is the order we placed three weeks ago "
                "with the addresses clearly listed.\n\nIf this is not fixed by tomorrow "
                "morning I will cancel the whole order, all four sites, and take our business "
                "to a competitor.\n\nChen Wei\nLotus Garden Restaurants"),
            agent(1.0, "sofia",
                "Dear Mr Chen, I'm sorry, the addresses on your order were clear and we got "
                "it wrong. I understand that Soho can't open without them. Here is what I "
                "have arranged: a crew will collect both dishwashers from Camden at 06:30 "
                "tomorrow and install them in Soho by 09:00, at no cost, and I've applied a "
                "5% discount to the whole four-site order. I'll call your Soho manager at "
                "06:00 to confirm the crew is on the way, and send you a written summary "
                "afterwards. Could you confirm the Soho manager's number?"),
            note(1.2, "sofia",
                "Warehouse keyed Camden as the delivery address for the Soho lines. Priya "
                "approved the 5% discount and the early crew."),
        ),
    ),
    DemoTicket(
        customer_key="amara_nwosu", subject="Hoses missing from the box",
        category="delivery", channel="web", priority="low", severity=4,
        team_key="general", assignee_key="sofia", status="resolved",
        tags=("missing-part",), mood="calm", opened_days_ago=38.0,
        turns=(
            customer(0.0,
                "Hello, the spare drain kit I ordered arrived without the two hoses listed "
                "on the packing slip. Could you send them? Thanks, Amara"),
            agent(6.0, "sofia",
                "Hi Amara, sorry about that. I've sent both hoses by tracked post today; "
                "they should reach you within 2 working days. Would you like the tracking "
                "number by email?"),
            customer(8.0, "Yes please."),
            agent(8.5, "sofia", "Sent, Amara. Thanks for your patience."),
        ),
    ),
    DemoTicket(
        customer_key="peter_mills", subject="Old washing machine not taken away",
        category="delivery", channel="phone", priority="normal", severity=3,
        team_key="general", assignee_key="kwame", status="resolved",
        tags=("recycling", "removal"), mood="frustrated", opened_days_ago=11.0,
        turns=(
            call(0.0, "kwame", "inbound", 660,
                "Karen Mills (daughter, authorised, password checked) called for Peter. The "
                "new machine was delivered but the old one was left in the hallway even "
                "though he paid £25 for removal. Peter is 84 and can't move it; Karen said "
                "'this is the second call about it, he keeps tripping over the thing'. "
                "Apologised. Booked a collection for tomorrow morning and promised to call "
                "Peter back once it's done."),
            note(0.2, "kwame",
                "Driver's sheet shows removal ticked but the van was full. Refunding the "
                "£25 removal fee as well as collecting."),
            call(26.0, "kwame", "outbound", 300,
                "Called Peter: the old machine was collected at 09:40. Told him the £25 "
                "removal fee is refunded to his card as an apology. He was happy and said "
                "he'll tell Karen."),
        ),
    ),
    DemoTicket(
        customer_key="wendy_ho", subject="Do you ship spare filters to Australia?",
        category="delivery", channel="email", priority="low", severity=4,
        team_key=None, assignee_key=None, status="new",
        tags=(), mood="calm", opened_days_ago=0.2,
        turns=(
            customer(0.0,
                "Hi, I brought my AquaPro 9 with me to Sydney. Do you ship replacement "
                "filters and door seals to Australia, and roughly how long does it take?\n\n"
                "Cheers,\nWendy Ho"),
        ),
    ),
    DemoTicket(
        customer_key="olumide_adebayo", subject="Heat pump left on the driveway in the rain",
        category="delivery", channel="email", priority="high", severity=2,
        team_key="field_service", assignee_key="gareth", status="on_hold",
        tags=("damaged-delivery", "heat-pump", "abusive-language"), mood="abusive",
        opened_days_ago=4.8,
        turns=(
            customer(0.0,
                "Your driver dumped a £6,000 heat pump on my parents' driveway in the pouring "
                "rain and drove off. My father is 79. He could not move it. Are you all "
                "complete idiots or is it just your drivers? What kind of moron does that?\n\n"
                "Olumide Adebayo"),
            agent(2.0, "kwame",
                "Dear Olumide, I'm sorry. That should never have happened, and I'm glad your "
                "father didn't try to move it. I want to sort this out with you, and I need "
                "us to keep this respectful so I can. I've asked our field service lead to "
                "have the unit inspected before anything is installed, so that water damage "
                "is ruled out. Could your father be home tomorrow between 10:00 and 14:00?"),
            customer(4.0,
                "Respectful? Your company soaked my parents' heat pump. Fine. Tomorrow. "
                "And if it's damaged you'll be replacing it, not 'drying it out'."),
            note(5.0, "gareth",
                "Dmitri to inspect tomorrow. If there is any water inside the control box we "
                "replace the unit, no debate. Ticket on hold until the inspection report."),
        ),
    ),
    DemoTicket(
        customer_key="ines_carvalho", subject="Door seal stuck in customs in Porto",
        category="delivery", channel="web", priority="normal", severity=4,
        team_key="general", assignee_key="liam", status="closed",
        tags=("customs", "international", "spare-parts"), mood="frustrated",
        opened_days_ago=47.0,
        turns=(
            customer(0.0,
                "Dear support, my order of a door seal (£24.50) has been held by Portuguese "
                "customs for 12 days. They ask for a commercial invoice which you did not "
                "include. I have written twice already to the courier. Please send the "
                "invoice to them and to me.\n\nInês Carvalho"),
            agent(3.0, "liam",
                "Dear Inês, I'm sorry. Since leaving the EU we must include a commercial "
                "invoice with every parcel, and this one was missed. I've emailed it to the "
                "courier's customs team and attached a copy here. I've also refunded the "
                "£6.90 postage. Would you let me know once customs releases it?"),
            customer(70.0, "Customs released it today. Thank you for the refund."),
            agent(72.0, "liam", "That's good news, Inês. Thank you for letting me know."),
        ),
    ),
)
