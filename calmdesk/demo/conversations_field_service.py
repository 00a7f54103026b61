"""Field service conversations: installations, service visits, missed and late engineers."""

from __future__ import annotations

from calmdesk.demo.records import DemoTicket, agent, call, customer, note

TICKETS: tuple[DemoTicket, ...] = (
    DemoTicket(
        customer_key="maria_gonzalez", subject="Move my installation to when I'm in Devon",
        category="field_service", channel="email", priority="low", severity=4,
        team_key="field_service", assignee_key="aisha", status="resolved",
        tags=("installation", "reschedule"), mood="calm", opened_days_ago=26.0,
        turns=(
            customer(0.0,
                "Hello, my dishwasher installation at the house near Totnes is booked for "
                "the 14th, but I'll be in Madrid then. I'm in Devon from the 20th to the "
                "27th. Could you move it to one of those days?\n\nGracias,\nMaría González"),
            agent(6.0, "aisha",
                "Hola María, of course. I can offer the 21st between 08:00 and 12:00 or the "
                "23rd between 12:00 and 16:00. I'll be your technician on either day. Which "
                "would you prefer?"),
            customer(9.0, "The 21st in the morning, please."),
            agent(9.5, "aisha",
                "Done: the 21st, 08:00-12:00. You'll get a text the evening before. See you "
                "then, María."),
        ),
    ),
    DemoTicket(
        customer_key="peter_mills", subject="Annual service for the washing machine",
        category="field_service", channel="phone", priority="low", severity=4,
        team_key="field_service", assignee_key="marek", status="closed",
        tags=("annual-service", "contractor-visit"), mood="calm", opened_days_ago=44.0,
        turns=(
            call(0.0, "kwame", "inbound", 420,
                "Mr Mills called to book his annual washing machine service. Mornings only; "
                "he asked that the technician knock loudly and wait, as he's slow to the "
                "door. Booked Marek (contractor) for 09:00-11:00 next week. Read the date "
                "back twice; Mr Mills wrote it on his calendar."),
            call(170.0, "marek", "outbound", 90,
                "Called Mr Mills from outside as he's slow to the door. Service done: "
                "replaced the door seal under Total Care, cleaned the pump filter. 1.5 hours "
                "on site."),
            call(172.0, "kwame", "outbound", 150,
                "Follow-up call: Mr Mills was pleased, said Marek was 'a proper gentleman'. "
                "Nothing else needed."),
        ),
    ),
    DemoTicket(
        customer_key="helga_brandt", subject="Engineer did not come - guests arrive in three days",
        category="field_service", channel="email", priority="high", severity=2,
        team_key="field_service", assignee_key="gareth", status="open",
        tags=("missed-appointment", "holiday-let", "compensation"), mood="angry",
        opened_days_ago=1.1,
        turns=(
            customer(0.0,
                "Your engineer did not come to fix the washing machine at Flat 2, St Ives. "
                "My cleaner waited from 8 to 6 and nobody called. Guests arrive at the "
                "weekend and I have no way to wash the linen.\n\nI want an engineer "
                "tomorrow and compensation for the cleaner's wasted day. If not, I will "
                "cancel the service contract for all three flats.\n\nHelga Brandt"),
            agent(2.0, "liam",
                "Dear Helga, the scheduling is done by our field service department, not "
                "by us, so I can't say why the engineer didn't come. I've passed on your "
                "message to them."),
            customer(3.0,
                "I do not care which department. I have ONE contract with ONE company. Who "
                "is responsible?"),
            note(3.5, "gareth",
                "Contractor's van broke down; the dispatcher never rebooked the job or "
                "called. I'll take this. Liam: we don't point customers at other teams."),
            agent(4.0, "gareth",
                "Dear Helga, I'm Gareth Llewellyn and I run field service, so I am "
                "responsible. I'm sorry: the technician's van broke down and we failed to "
                "call your cleaner or rebook, which is our fault. A technician will be at "
                "Flat 2 tomorrow between 08:00 and 10:00, the first job of the day, and "
                "I've added a £60 account credit to cover your cleaner's day. Can your "
                "cleaner be there at 08:00?"),
        ),
    ),
    DemoTicket(
        customer_key="amara_nwosu", subject="Narrower time slot for my heat pump service",
        category="field_service", channel="web", priority="normal", severity=4,
        team_key="field_service", assignee_key="aisha", status="pending_customer",
        tags=("annual-service", "heat-pump", "time-window"), mood="frustrated",
        opened_days_ago=5.5,
        turns=(
            customer(0.0,
                "This is the third time I've asked for this. I work nights as a nurse. An "
                "08:00-18:00 window for my heat pump service means I lose a whole day's "
                "sleep. Twice I've been told 'someone will call you' and nobody has. Can I "
                "please just have a two-hour slot in the afternoon?\n\nAmara"),
            agent(3.0, "aisha",
                "Hi Amara, I'm sorry you've had to ask three times, and that you were "
                "promised calls that didn't happen. Losing a day's sleep for a service "
                "visit isn't reasonable. I'm the technician for your area, so I can book it "
                "myself: 13:00-15:00 on either of the next two Wednesdays. I'll text you when "
                "I leave the job before. Which Wednesday would you like?"),
        ),
    ),
    DemoTicket(
        customer_key="luca_ferraro", subject="Barista One down at Borough café, 4-hour response missed",
        category="field_service", channel="phone", priority="urgent", severity=2,
        team_key="field_service", assignee_key="tomasz", status="on_hold",
        tags=("barista-one", "contract-mc-2207", "sla-missed", "loan-machine"), mood="angry",
        opened_days_ago=9.5,
        turns=(
            call(0.0, "kwame", "inbound", 300,
                "Luca: Barista One at the Borough café won't build pressure. Café opens at "
                "07:00. Logged under contract MC-2207 (4-hour response)."),
            call(6.5, "kwame", "inbound", 420,
                "Luca called back furious. Nobody has arrived after 6.5 hours. 'Your "
                "contract says four hours. I've been turning customers away all morning. "
                "Get me a manager, NOW. I'm paying for a service you don't deliver and I'm "
                "looking at your competitors.' Said I'd get the duty manager to call within "
                "15 minutes."),
            call(6.8, "tomasz", "outbound", 900,
                "I called Luca. Listened first; he mainly wanted someone to own it. "
                "Apologised: the job was assigned to a technician already on a long job. "
                "Agreed: an engineer within the hour, a loan machine from stock if the "
                "repair needs parts, and this month's contract fee credited (£180). He "
                "accepted, still unhappy about the lost morning."),
            note(9.0, "dmitri",
                "Pump failed. Loan machine installed at Borough; new pump on order, "
                "3-5 days. Ticket on hold until the part arrives."),
            call(10.0, "tomasz", "outbound", 240,
                "Checked in with Luca: loan machine working, café trading. He appreciated the "
                "call back. I'll ring when the repair is done."),
        ),
    ),
    DemoTicket(
        customer_key="emily_carter", subject="Dishwasher service before 08:00 please",
        category="field_service", channel="email", priority="normal", severity=4,
        team_key="field_service", assignee_key="chloe", status="closed",
        tags=("annual-service", "contractor-visit", "early-slot"), mood="calm",
        opened_days_ago=50.0,
        turns=(
            customer(0.0,
                "Hi, the nursery's commercial dishwasher is due its service. We can only "
                "have visits before 08:00 or after 18:00, when the children aren't here. "
                "Is that possible?\n\nMany thanks,\nEmily Carter, Sunrise Day Nursery"),
            agent(5.0, "aisha",
                "Hi Emily, yes. I've booked Chloé, one of our contractors, for 06:30 next "
                "Tuesday; she'll be finished well before 08:00. Would you like a reminder "
                "text the day before?"),
            customer(7.0, "Yes please, to the nursery mobile."),
            agent(120.0, "chloe",
                "Hi Emily, service done this morning: descaled, new rinse-aid pump, all "
                "tests passed. Your next service is due in 12 months. Thanks for having "
                "the kitchen ready!"),
        ),
    ),
    DemoTicket(
        customer_key="ben_goldberg", subject="Installer left mum's dishwasher unconnected",
        category="field_service", channel="email", priority="normal", severity=3,
        team_key="field_service", assignee_key="aisha", status="resolved",
        tags=("installation", "revisit", "partial-refund"), mood="frustrated",
        opened_days_ago=17.0,
        turns=(
            customer(0.0,
                "My mother says the installer put the dishwasher in place, left all the "
                "packaging in her kitchen and didn't connect the water because 'the valve "
                "is the wrong type'. Nobody told me, and I paid £95 for installation. She's "
                "82. This is frustrating to sort out from Chicago.\n\nBen Goldberg"),
            agent(4.0, "aisha",
                "Hi Ben, I'm sorry, your mother shouldn't have been left with a half-done "
                "job and a kitchen full of packaging, and you should have been told. The "
                "valve does need an adapter, which the installer should have carried. I'll "
                "visit her myself the day after tomorrow at 10:00 with the adapter, finish "
                "the connection and take the packaging away. I've also given you a partial "
                "refund of £40 of the installation fee. Shall I call your mother the evening "
                "before to remind her?"),
            customer(6.0, "Yes please, she'd like that. Thank you."),
            agent(55.0, "aisha",
                "Hi Ben, all done: the dishwasher is connected, tested with a full cycle, "
                "and the packaging is gone. Your mother made me tea! The £40 refund will "
                "reach your card within 5 working days."),
        ),
    ),
    DemoTicket(
        customer_key="kirsty_mcleod", subject="Technician 3 hours late, no call",
        category="field_service", channel="phone", priority="normal", severity=3,
        team_key="field_service", assignee_key="gareth", status="closed",
        tags=("late-technician", "contractor-visit", "abusive-language"), mood="abusive",
        opened_days_ago=23.0,
        turns=(
            call(0.0, "kwame", "inbound", 600,
                "Kirsty called: dryer repair slot was 08:00-12:00, nobody by 15:00, she "
                "took the day off and has two kids home sick. Shouted 'are you deaf? I "
                "said THREE HOURS, you're all bloody useless' and swore at me several "
                "times. Said once: 'I want to help you, and I need you to stop swearing at "
                "me so I can.' She apologised and calmed down. Contractor Marek stuck on an "
                "earlier job. Got him to call her; new ETA 16:00."),
            note(0.2, "kwame",
                "Marek was on a job that overran and didn't tell dispatch. Gareth to "
                "speak to him about calling ahead."),
            call(4.0, "marek", "outbound", 60,
                "Called Kirsty: 10 minutes away. Apologised for the wait."),
            call(28.0, "gareth", "outbound", 300,
                "Called Kirsty next day to apologise properly. Dryer repaired (thermal fuse). "
                "Offered a £20 account credit for the wasted morning; she accepted and "
                "apologised again for swearing at Kwame."),
        ),
    ),
    DemoTicket(
        customer_key="nadia_haddad", subject="Maintenance plan for both hotels next quarter",
        category="field_service", channel="email", priority="normal", severity=4,
        team_key="field_service", assignee_key="tomasz", status="open",
        tags=("total-care-business", "planned-maintenance", "vip"), mood="calm",
        opened_days_ago=1.6,
        turns=(
            customer(0.0,
                "Dear Tomasz, thank you again for the renewal offer. Before we sign, could "
                "you send a plan of next quarter's maintenance visits for both hotels? Our "
                "housekeeping managers need the dates to plan laundry around them.\n\nBest "
                "regards,\nNadia Haddad"),
            note(2.0, "tomasz",
                "Asked Gareth for a visit plan: 34 appliances, avoid weekends and the "
                "festival fortnight in August. Reply due within 2 working days."),
        ),
    ),
    DemoTicket(
        customer_key="rajesh_iyer", subject="Technician couldn't get in - tenant not told",
        category="field_service", channel="email", priority="normal", severity=3,
        team_key="field_service", assignee_key="dmitri", status="pending_customer",
        tags=("missed-appointment", "landlord", "access"), mood="frustrated",
        opened_days_ago=3.9,
        turns=(
            customer(0.0,
                "Your technician went to 14 Alder Road for the dishwasher service and "
                "couldn't get in because nobody told my tenant. I gave you her number when "
                "I booked, and it's in your notes. This is the second time I've had to "
                "explain that I live in India and Ms Pike is the contact."),
            agent(2.5, "dmitri",
                "Dear Rajesh, I'm sorry. Ms Pike's number is on your account and we should "
                "have called her; that's our mistake, not yours. I've marked the address so "
                "every booking texts her automatically. I can come back the day after "
                "tomorrow between 10:00 and 12:00, and I'll call Ms Pike myself today to "
                "confirm. Shall I go ahead?"),
        ),
    ),
    DemoTicket(
        customer_key="thandiwe_dlamini", subject="book install for dryer vent kit",
        category="field_service", channel="chat", priority="low", severity=4,
        team_key=None, assignee_key=None, status="new",
        tags=(), mood="calm", opened_days_ago=0.15,
        turns=(
            customer(0.0,
                "hi! I bought the vent kit for my DryWell 8 but the flat's window is "
                "awkward. can someone come and fit it? I'm in Sheffield, free most mornings"),
        ),
    ),
    DemoTicket(
        customer_key="anjali_desai", subject="[Greenleaf repair] Unit 14B - washing machine leaking",
        category="field_service", channel="api", priority="high", severity=3,
        team_key="field_service", assignee_key="chloe", status="resolved",
        tags=("partner-api", "repair", "contractor-visit"), mood="calm", opened_days_ago=8.0,
        turns=(
            customer(0.0,
                "Repair request from the Greenleaf repairs system.\nProperty: 14B Fernbank "
                "Court\nAppliance: AquaPro 9, serial AQ9-7781-2210\nFault: water pooling "
                "under the machine during washes\nTenant availability: weekdays after 14:00"
                "\nPriority: high (water)"),
            agent(1.0, "gareth",
                "Thanks, Anjali. Booked Chloé for tomorrow 14:00-16:00; the tenant will get "
                "a text from your system when she's on her way. Could you ask the tenant "
                "not to use the machine until then?"),
            note(26.0, "chloe", "Split drain hose replaced. Two test washes, dry. 1 hour on site."),
            agent(26.5, "chloe",
                "Repair complete at 14B: the drain hose had split and is replaced; two test "
                "washes with no leaks. No charge under the co-op's plan."),
        ),
    ),
    DemoTicket(
        customer_key="anjali_desai", subject="[Greenleaf repair] Unit 3A - dryer not heating",
        category="field_service", channel="api", priority="normal", severity=3,
        team_key="field_service", assignee_key=None, status="new",
        tags=(), mood="calm", opened_days_ago=0.7,
        turns=(
            customer(0.0,
                "Repair request from the Greenleaf repairs system.\nProperty: 3A Fernbank "
                "Court\nAppliance: DryWell 8, serial DW8-4410-0932\nFault: runs but clothes "
                "come out cold and wet\nTenant availability: any weekday morning\n"
                "Priority: normal"),
        ),
    ),
)
