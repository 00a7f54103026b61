"""Technical conversations: error codes, the app, smart-home pairing and the partner API."""

from __future__ import annotations

from calmdesk.demo.records import DemoTicket, agent, call, customer, note

TICKETS: tuple[DemoTicket, ...] = (
    DemoTicket(
        customer_key="kirsty_mcleod", subject="Washing machine showing E21",
        category="technical", channel="chat", priority="normal", severity=3,
        team_key="technical", assignee_key="hannah", status="resolved",
        tags=("aquapro-9", "error-e21", "self-fix"), mood="calm", opened_days_ago=19.4,
        turns=(
            customer(0.0,
                "Hi, the AquaPro 9 stopped halfway through a wash with E21 on the display "
                "and there's water in the drum. What do I do?"),
            agent(0.1, "hannah",
                "Hi Kirsty, sorry it's stopped on you mid-wash. E21 means the water isn't "
                "draining, and nine times out of ten it's the pump filter behind the small "
                "flap at the bottom right. With a towel and a shallow tray down, unscrew it "
                "slowly anticlockwise, let the water out, and rinse the filter. Would you "
                "like me to stay on the chat while you try?"),
            customer(0.4,
                "Found a hair clip and a sock in there!! it's draining now. Thank you so much"),
            agent(0.5, "hannah",
                "That'll do it! Run a rinse and spin to check, and it should be fine. Is "
                "there anything else I can help with today?"),
        ),
    ),
    DemoTicket(
        customer_key="harpreet_sandhu", subject="Thermostat won't reconnect after new router",
        category="technical", channel="email", priority="normal", severity=3,
        team_key="technical", assignee_key="hannah", status="resolved",
        tags=("hearthlink", "app", "wifi", "vip"), mood="calm", opened_days_ago=24.0,
        turns=(
            customer(0.0,
                "Hello, my broadband provider replaced my router yesterday and now the "
                "HearthLink thermostat shows 'offline' in the app. The heating still works "
                "on the thermostat itself. How do I reconnect it?\n\nHarpreet"),
            agent(3.0, "hannah",
                "Hi Harpreet, thanks for the clear description. A new router means a new "
                "network name and password, so the thermostat needs introducing again: in "
                "the app go to Devices > HearthLink > Wi-Fi > Change network, then hold the "
                "thermostat's dial down for 5 seconds until it flashes blue. Would you let "
                "me know if it doesn't show your new network?"),
            customer(20.0, "Worked first time. Thank you, Hannah."),
            agent(21.0, "hannah", "Brilliant, Harpreet. Glad it's back online."),
        ),
    ),
    DemoTicket(
        customer_key="emily_carter", subject="Burning smell from the nursery dryer - second time",
        category="technical", channel="phone", priority="urgent", severity=1,
        team_key="field_service", assignee_key="aisha", status="open",
        tags=("safety", "drywell-commercial", "engineer-visit", "repeat-fault"), mood="angry",
        opened_days_ago=0.9,
        turns=(
            call(0.0, "hannah", "inbound", 720,
                "Emily Carter, Sunrise Day Nursery. Strong burning smell from the commercial "
                "dryer during a cycle; second time this month (the first visit 'cleaned the "
                "filter'). 40 children in the building. She was angry: 'If a child gets hurt "
                "because your engineer fobbed us off, I'm going to the papers and to trading "
                "standards. I want a manager to call me.' Told her to switch it off at the "
                "wall and not use it, which she has. Booked an engineer visit today at 18:15 "
                "after the children leave. Promised a call back from Gareth within the hour."),
            note(0.1, "hannah",
                "Safety: do not let anyone close this without a full inspection of the "
                "heater element and wiring. Aisha has the 18:15 slot."),
            call(0.8, "gareth", "outbound", 540,
                "Called Emily back as promised. Apologised that the first visit didn't find "
                "the cause. Aisha will bring a replacement heater assembly, and if the dryer "
                "can't be made safe tonight we'll lend the nursery a dryer until it can. "
                "Emily calmer; wants a written report afterwards."),
        ),
    ),
    DemoTicket(
        customer_key="jonas_lindqvist", subject="Grinder on the Barista One is very loud",
        category="technical", channel="web", priority="low", severity=4,
        team_key="technical", assignee_key="hannah", status="pending_customer",
        tags=("barista-one", "noise"), mood="calm", opened_days_ago=3.4,
        turns=(
            customer(0.0,
                "Our office Barista One has started making a loud grinding noise, much "
                "louder than before, but the coffee still tastes fine. Is this normal?\n\n"
                "— Jonas"),
            agent(5.0, "hannah",
                "Hi Jonas, thanks for flagging it early. A louder grinder usually means "
                "either a small stone or bean fragment in the burrs, or the burrs wearing "
                "out after around 500 kg of beans. Could you send a short video with the "
                "sound, and the counter reading from Settings > Maintenance? With those I "
                "can tell you whether a technician needs to visit."),
        ),
    ),
    DemoTicket(
        customer_key="hamish_grant", subject="Heat pump keeps losing pressure",
        category="technical", channel="phone", priority="high", severity=2,
        team_key="field_service", assignee_key="dmitri", status="on_hold",
        tags=("heat-pump", "thermanest", "part-on-order", "total-care"), mood="frustrated",
        opened_days_ago=7.5,
        turns=(
            call(0.0, "hannah", "inbound", 600,
                "Hamish called from the farm landline. ThermaNest pressure drops below 0.5 "
                "bar every two days and he has to top it up. 'I've topped the thing up four "
                "times now, I'm not an engineer.' Farmhouse, cold nights; he has an oil "
                "stove as backup. Booked an engineer visit for the day after tomorrow."),
            call(52.0, "dmitri", "outbound", 420,
                "Called ahead and visited. Expansion vessel has failed. Part on order, about "
                "5 working days. Topped up and showed Hamish how to do it safely meanwhile."),
            note(53.0, "dmitri",
                "Vessel ordered (PO 77120). Ticket on hold until it arrives. Call Hamish "
                "on the landline and let it ring: poor signal there."),
            call(120.0, "dmitri", "outbound", 200,
                "Update call: the part has shipped and should arrive within 3 working days; "
                "I'll call again to fit it. Hamish: 'Fine, but don't forget me out here.'"),
        ),
    ),
    DemoTicket(
        customer_key="arjun_mehta", subject="[PartsHub integration] 429 on catalogue sync",
        category="technical", channel="api", priority="normal", severity=3,
        team_key="technical", assignee_key="yusuf", status="resolved",
        tags=("partner-api", "rate-limit"), mood="calm", opened_days_ago=22.0,
        turns=(
            customer(0.0,
                "Automated report from the PartsHub integration.\n\nEndpoint: GET "
                "/v2/catalogue?page=N\nResult: HTTP 429 Too Many Requests after page 40 of "
                "the nightly sync (about 3,000 parts). Retry-After: 60.\nImpact: prices on "
                "PartsHub are one day stale.\n\nContact: Arjun Mehta."),
            agent(6.0, "yusuf",
                "Hi Arjun, thanks for the report. Your key is on the standard limit of 600 "
                "requests an hour, and the nightly sync needs more than that now the "
                "catalogue has grown. I've raised PartsHub's key to 3,000 an hour; you can "
                "also ask for 200 parts a page with ?page_size=200, which cuts the calls by "
                "four. Could you confirm tonight's sync completes?"),
            customer(30.0, "Automated report: nightly sync completed, 0 errors."),
            agent(31.0, "yusuf", "Great, thanks Arjun. Closing this one."),
        ),
    ),
    DemoTicket(
        customer_key="anjali_desai", subject="[Greenleaf] Webhook signatures fail after key rotation",
        category="technical", channel="api", priority="high", severity=2,
        team_key="engineering", assignee_key="rahul", status="open",
        tags=("partner-api", "webhooks", "integration"), mood="calm", opened_days_ago=1.9,
        turns=(
            customer(0.0,
                "Raised via the Greenleaf repairs system.\n\nSince we rotated our webhook "
                "secret yesterday, every job-status webhook from you fails our signature "
                "check (HMAC-SHA256), so our tenants aren't told when an engineer is booked. "
                "We've checked our side against the new secret. Could it be that your side "
                "still signs with the old one?\n\nSam Okoro for Anjali Desai, Greenleaf "
                "Housing Co-operative"),
            note(2.0, "yusuf",
                "Looks like the rotation was saved but the sender caches secrets for 24h. "
                "Passing to engineering."),
            agent(3.0, "rahul",
                "Hi Sam, thank you, your diagnosis is right. Our webhook sender cached the "
                "old secret, so everything since the rotation was signed with it. I've "
                "cleared the cache and re-sent the 37 webhooks from the last day with the new "
                "signature. We're also fixing the cache so a rotation takes effect at once. "
                "Are the re-sent webhooks passing your check now?"),
        ),
    ),
    DemoTicket(
        customer_key="mohammed_al_sayed", subject="App logs me out every 5 minutes",
        category="technical", channel="chat", priority="normal", severity=3,
        team_key="technical", assignee_key="hannah", status="closed",
        tags=("app", "login", "abusive-language"), mood="abusive", opened_days_ago=31.0,
        turns=(
            customer(0.0,
                "your app logs me out every 5 minutes. every time I open it, log in again. "
                "who built this rubbish"),
            agent(0.1, "hannah",
                "Hi Mohammed, sorry, that sounds maddening. Which phone and app version do "
                "you have? It's under Settings > About."),
            customer(0.2,
                "are you a bot or just stupid? I told you it logs me out, what does the "
                "version matter. fix your crap"),
            agent(0.3, "hannah",
                "I'm a person, and I'm trying to help. I need us to keep this respectful so "
                "I can. The version matters because one version had exactly this bug: if "
                "yours is 5.2.0, updating to 5.2.1 fixes it."),
            customer(0.5, "5.2.0. updating. ok it's staying logged in now."),
            agent(0.6, "hannah",
                "Great, that was the bug. Thanks for checking. Is there anything else I can "
                "help with today?"),
        ),
    ),
    DemoTicket(
        customer_key="fatima_el_amrani", subject="Fridge not cold enough (8°C)",
        category="technical", channel="email", priority="normal", severity=3,
        team_key="technical", assignee_key="hannah", status="resolved",
        tags=("frostline", "replacement", "temperature"), mood="frustrated",
        opened_days_ago=13.0,
        turns=(
            customer(0.0,
                "Hello, the FrostLine fridge in my daughter's flat in Leeds shows 8°C even on "
                "the coldest setting. Food is going off. She has already moved it away from "
                "the wall like your website says.\n\nFatima El Amrani"),
            agent(4.0, "hannah",
                "Dear Fatima, I'm sorry, 8°C is too warm and I understand the worry about "
                "the food. Could your daughter check whether the vent at the back inside the "
                "fridge is blocked by food, and hold the 'Fast cool' button for 3 seconds? "
                "If it's still above 5°C tomorrow, we'll replace the fridge."),
            customer(30.0,
                "She did both. It is 9°C this morning. She has already thrown away food "
                "twice. Please replace it now."),
            agent(31.0, "hannah",
                "Dear Fatima, thank you for checking so quickly. That points to a faulty "
                "sealed system, so we'll replace it. The replacement is booked for the day "
                "after tomorrow, 12:00-16:00, with the old one taken away, and I've added a "
                "£40 account credit towards the food she lost. Is that slot all right for "
                "your daughter?"),
            customer(33.0, "Yes, she will be home. Thank you."),
            agent(80.0, "hannah",
                "Dear Fatima, the new fridge was delivered and shows 4°C. Please tell us "
                "if anything changes."),
        ),
    ),
    DemoTicket(
        customer_key="aroha_ngata", subject="Will the AquaPro 9 work in New Zealand?",
        category="technical", channel="email", priority="low", severity=4,
        team_key=None, assignee_key=None, status="new",
        tags=(), mood="calm", opened_days_ago=0.45,
        turns=(
            customer(0.0,
                "Kia ora, I'm moving to London next year and may later move back to "
                "Auckland. If I buy an AquaPro 9 in the UK, will it work on NZ power with "
                "just a plug change, and is the warranty valid there?\n\nNgā mihi,\nAroha"),
        ),
    ),
    DemoTicket(
        customer_key="sarah_levy", subject="Firmware update killed my thermostat",
        category="technical", channel="email", priority="high", severity=2,
        team_key="technical", assignee_key="gareth", status="open",
        tags=("hearthlink", "firmware", "replacement"), mood="angry", opened_days_ago=2.7,
        turns=(
            customer(0.0,
                "Your app pushed a firmware update to my HearthLink thermostat last night "
                "and now the screen is blank. The heating in my Islington flat is OFF and "
                "guests arrive in two days. I'm in Los Angeles and can't do anything from "
                "here.\n\nFix it or refund me. — Sarah Levy"),
            agent(4.0, "hannah",
                "Hi Sarah, you're wrong that the update caused this: updates can't break the "
                "thermostat. The power must have been interrupted during the install. You'll "
                "need to book a paid technician visit."),
            customer(5.0,
                "Don't tell me I'm wrong. I was ASLEEP in LA. Nobody touched the power. I "
                "want a manager to look at this, and I'm leaving a review about being "
                "called a liar!!!"),
            note(6.0, "gareth",
                "Engineering confirms firmware 4.2 bricked units with the old bootloader: "
                "about 60 devices. Not Sarah's fault. I'm taking this ticket. Hannah, let's "
                "talk about this reply."),
            agent(6.5, "gareth",
                "Hi Sarah, I'm Gareth Llewellyn, the technical team lead. I'm sorry: you "
                "were right and our reply was wrong. Last night's update failed on some "
                "older thermostats, yours included. I've booked a technician to fit a "
                "replacement thermostat at the flat tomorrow between 08:00 and 12:00, free "
                "of charge, and I've refunded this month's Total Care fee. Can your "
                "cleaner or a neighbour let the technician in?"),
        ),
    ),
    DemoTicket(
        customer_key="claire_fontaine", subject="Combi oven not heating - wedding order tomorrow",
        category="technical", channel="phone", priority="urgent", severity=2,
        team_key="field_service", assignee_key="aisha", status="closed",
        tags=("combi-oven", "engineer-visit", "maintenance-contract"), mood="angry",
        opened_days_ago=36.0,
        turns=(
            call(0.0, "hannah", "inbound", 480,
                "Claire, Pâtisserie Fontaine, Brighton. Combi oven won't go above 60°C. She "
                "has a 300-piece wedding order due tomorrow. Very angry: 'If I lose this "
                "wedding I will send you the bill, and I'll cancel the contract.' Talked "
                "her through a reset; no change. Booked an engineer visit within 4 hours "
                "per her contract."),
            call(3.5, "aisha", "outbound", 120,
                "Called ahead: 20 minutes away, bringing a heating element and a fan motor."),
            note(5.0, "aisha",
                "Heating element failed. Replaced under contract. Oven to 220°C in 12 min, "
                "test bake fine."),
            call(5.5, "aisha", "outbound", 180,
                "Rang Claire from the van to confirm it's fixed and check she's happy. She "
                "said the wedding order is saved and thanked us."),
        ),
    ),
    DemoTicket(
        customer_key="gabriel_silva", subject="Thermostat manual in Portuguese?",
        category="technical", channel="web", priority="low", severity=4,
        team_key="technical", assignee_key="yusuf", status="closed",
        tags=("hearthlink", "documentation"), mood="calm", opened_days_ago=55.0,
        turns=(
            customer(0.0,
                "Hi, is there a Portuguese version of the HearthLink manual? My father will "
                "be using it. Thanks, Gabriel"),
            agent(8.0, "yusuf",
                "Hi Gabriel, yes: there's a Portuguese (Brazil) manual on our website under "
                "HearthLink > Downloads, and the app can also be switched to Portuguese in "
                "Settings > Language. Would you like me to email the PDF?"),
            customer(20.0, "Yes, please."),
            agent(21.0, "yusuf", "Sent, Gabriel. I hope your father gets on well with it."),
        ),
    ),
)
