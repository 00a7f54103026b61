"""The demo desk's customers: households, landlords and businesses, at home and abroad.

UK and North American phone numbers come from the ranges set aside for drama (Ofcom
07700 900xxx, 020 7946 0xxx, 0161 496 0xxx, 01632 960xxx; 555-01xx), so none rings anyone.
"""

from __future__ import annotations

from calmdesk.demo.records import DemoCustomer, Tier


def _customer(
    key: str,
    name: str,
    email: str | None,
    phone: str | None,
    company: str | None,
    tier: Tier,
    timezone: str,
    notes: str,
) -> DemoCustomer:
    return DemoCustomer(key, name, email, phone, company, tier, timezone, notes)


CUSTOMERS: tuple[DemoCustomer, ...] = (
    _customer(
        "amara_nwosu", "Amara Nwosu", "amara.nwosu@example.com", "+44 7700 900123", None,
        "standard", "Europe/London",
        "ThermaNest 8kW heat pump installed last year, on Total Care. Works night shifts as a "
        "nurse: email first, no calls before 11:00.",
    ),
    _customer(
        "luca_ferraro", "Luca Ferraro", "luca.ferraro@example.com", "+44 20 7946 0018",
        "Brightside Café Group", "priority", "Europe/London",
        "Eight cafés in London; six Barista One machines on maintenance contract MC-2207 "
        "(4-hour response). A machine down before 07:00 opening costs a morning's trade.",
    ),
    _customer(
        "helga_brandt", "Helga Brandt", "helga.brandt@example.org", "+49 30 5550 1234",
        "Brandt Ferienwohnungen", "standard", "Europe/Berlin",
        "Runs three holiday flats in St Ives, Cornwall, from Berlin. Invoices must show her "
        "VAT ID. Prefers short replies in plain English.",
    ),
    _customer(
        "rajesh_iyer", "Rajesh Iyer", "rajesh.iyer@example.net", "+91 80 5550 0147", None,
        "standard", "Asia/Kolkata",
        "Landlord living in Bengaluru. Tenant Joanne Pike at 14 Alder Road, Leeds, is the "
        "on-site contact. Call 09:00-11:00 UK time (13:30-15:30 IST).",
    ),
    _customer(
        "margaret_doyle", "Margaret Doyle", None, "+44 161 496 0734", None,
        "standard", "Europe/London",
        "No email: phone and letter only. Hard of hearing, so speak slowly and confirm "
        "appointments by letter as well. AquaPro 9 washing machine.",
    ),
    _customer(
        "dwayne_harris", "Dwayne Harris", "dwayne.harris@example.com", "+1 212 555 0147",
        "Harris & Cole Property Management", "vip", "America/New_York",
        "Manages 40 rental flats in Manchester for US investors; VIP since 2022. Wants ONE "
        "consolidated monthly invoice. Tomasz reviews the account each quarter.",
    ),
    _customer(
        "yuki_tanaka", "Yuki Tanaka", "yuki.tanaka@example.org", None, None,
        "standard", "Asia/Tokyo",
        "Moving to Bristol in the spring; bought a washer-dryer to be delivered after the "
        "move. Replies overnight UK time.",
    ),
    _customer(
        "fatima_el_amrani", "Fatima El Amrani", "fatima.elamrani@example.net",
        "+33 1 55 55 01 23", None, "standard", "Europe/Paris",
        "Bought a FrostLine fridge freezer for her daughter's student flat in Leeds. Pays "
        "with a French card.",
    ),
    _customer(
        "samuel_osei", "Dr Samuel Osei", "samuel.osei@example.com", "+44 113 496 0555",
        "Oakridge Dental Practice", "priority", "Europe/London",
        "Two CleanSweep Pro dishwashers in the sterilisation room: downtime cancels "
        "surgeries, so treat faults as high priority. Practice manager: Joy Aboagye.",
    ),
    _customer(
        "ines_carvalho", "Inês Carvalho", "ines.carvalho@example.org", None, None,
        "standard", "Europe/Lisbon",
        "Spare-parts customer (filters and door seals) shipping to Porto. Careful, "
        "detailed writer; keeps copies of everything.",
    ),
    _customer(
        "ben_goldberg", "Ben Goldberg", "ben.goldberg@example.com", "+1 312 555 0199", None,
        "standard", "America/Chicago",
        "Bought a CleanSweep 60 dishwasher for his mother's flat in Brighton. On-site "
        "contact: his mother, Ruth Goldberg.",
    ),
    _customer(
        "chen_wei", "Chen Wei", "chen.wei@example.com", "+65 5550 1288",
        "Lotus Garden Restaurants", "priority", "Asia/Singapore",
        "Buys for four London restaurants from the Singapore head office. Wants a written "
        "summary after every call.",
    ),
    _customer(
        "siobhan_kelly", "Siobhan Kelly", "siobhan.kelly@example.net", "+353 1 555 0142", None,
        "standard", "Europe/Dublin",
        "Dublin address: Irish delivery zone, partner courier, longer lead times.",
    ),
    _customer(
        "peter_mills", "Peter Mills", None, "+44 117 496 0281", None,
        "standard", "Europe/London",
        "Phone only. 84 and lives alone. Daughter Karen Mills is an authorised contact "
        "(password on file). Morning appointments only.",
    ),
    _customer(
        "nadia_haddad", "Nadia Haddad", "nadia.haddad@example.com", "+971 4 555 0190",
        "Cedar Stays Hotels", "vip", "Asia/Dubai",
        "Owns two boutique hotels in Edinburgh; 34 appliances on Total Care Business. "
        "Renewal is negotiated with Tomasz.",
    ),
    _customer(
        "olumide_adebayo", "Olumide Adebayo", "olumide.adebayo@example.org", "+234 1 555 0147",
        None, "standard", "Africa/Lagos",
        "Bought a heat pump for his parents' house in Croydon; his father, Femi Adebayo, "
        "is at the property.",
    ),
    _customer(
        "kirsty_mcleod", "Kirsty McLeod", "kirsty.mcleod@example.com", "+44 131 496 0822", None,
        "standard", "Europe/London",
        "Edinburgh. Two small children; AquaPro 9 and DryWell 8 bought together.",
    ),
    _customer(
        "jonas_lindqvist", "Jonas Lindqvist", "jonas.lindqvist@example.net", None,
        "Nordljus Design Studio", "standard", "Europe/Stockholm",
        "Design studio with a London office in Shoreditch; one Barista One in the office "
        "kitchen. Reception must book deliveries.",
    ),
    _customer(
        "maria_gonzalez", "María González", "maria.gonzalez@example.com", "+34 91 555 0123",
        None, "standard", "Europe/Madrid",
        "Second home near Totnes, Devon. Visits for a week each month: appointments only on "
        "days she is there.",
    ),
    _customer(
        "tom_whitaker", "Tom Whitaker", "tom.whitaker@example.org", "+44 7700 900456", None,
        "standard", "Europe/London",
        "AquaPro 9 on 0% finance (24 months). Conduct complaint open about a call on his "
        "finance account: do not route to Liam.",
    ),
    _customer(
        "anjali_desai", "Anjali Desai", "anjali.desai@example.org", "+44 20 7946 0311",
        "Greenleaf Housing Co-operative", "priority", "Europe/London",
        "Housing co-op, 120 homes. Orders parts and repairs through the partner API; their "
        "developer Sam Okoro looks after the integration.",
    ),
    _customer(
        "arjun_mehta", "Arjun Mehta", "arjun.mehta@example.net", "+91 80 5550 0199",
        "PartsHub Ltd", "priority", "Asia/Kolkata",
        "Reseller: PartsHub sells our spare parts and takes card payments through our "
        "checkout API. Arjun owns the integration.",
    ),
    _customer(
        "lucy_chambers", "Lucy Chambers", "lucy.chambers@example.com", None, None,
        "standard", "Europe/London",
        "Prefers chat. Bought a FrostLine fridge freezer in the summer sale.",
    ),
    _customer(
        "marcus_johnson", "Marcus Johnson", "marcus.johnson@example.net", "+1 416 555 0136",
        None, "standard", "America/Toronto",
        "Rents out a flat in Hackney; buys appliances for it from Toronto. Replies in the "
        "UK evening.",
    ),
    _customer(
        "zofia_kowalska", "Zofia Kowalska", "zofia.kowalska@example.org", "+48 22 555 0177",
        None, "standard", "Europe/Warsaw",
        "Splits her time between Warsaw and Reading; washing machine at the Reading flat.",
    ),
    _customer(
        "hamish_grant", "Hamish Grant", None, "+44 1632 960019", None,
        "standard", "Europe/London",
        "Phone only. Farm near Inverness, poor mobile signal: call the landline and let it "
        "ring. Heat pump on Total Care; gate code on the job sheet.",
    ),
    _customer(
        "thandiwe_dlamini", "Thandiwe Dlamini", "thandiwe.dlamini@example.com",
        "+27 21 555 0144", None, "standard", "Africa/Johannesburg",
        "PhD student in Sheffield half the year. Bought a DryWell 8 tumble dryer.",
    ),
    _customer(
        "emily_carter", "Emily Carter", "emily.carter@example.com", "+44 121 496 0642",
        "Sunrise Day Nursery", "priority", "Europe/London",
        "Nursery for 40 children in Birmingham: commercial dishwasher, two washing machines "
        "and a dryer. Visits only before 08:00 or after 18:00.",
    ),
    _customer(
        "gabriel_silva", "Gabriel Silva", "gabriel.silva@example.net", None, None,
        "standard", "America/Sao_Paulo",
        "Bought a HearthLink thermostat while studying in London; back in São Paulo now.",
    ),
    _customer(
        "eleni_papadopoulos", "Eleni Papadopoulos", "eleni.papadopoulos@example.org",
        "+30 21 0555 0188", None, "standard", "Europe/Athens",
        "Cancelled a heat-pump installation when her London move fell through.",
    ),
    _customer(
        "mohammed_al_sayed", "Mohammed Al-Sayed", "mohammed.alsayed@example.com",
        "+44 7700 900789", None, "standard", "Europe/London",
        "Short-tempered on two earlier contacts but settles once the problem is named back "
        "to him. Uses the app a lot.",
    ),
    _customer(
        "claire_fontaine", "Claire Fontaine", "claire.fontaine@example.net", "+44 1632 960190",
        "Pâtisserie Fontaine", "standard", "Europe/Paris",
        "French owner of a bakery in Brighton (splits her week with Lyon). Combi oven and a "
        "commercial dishwasher on a maintenance contract.",
    ),
    _customer(
        "harpreet_sandhu", "Harpreet Sandhu", "harpreet.sandhu@example.com", "+44 7700 900234",
        None, "vip", "Europe/London",
        "Customer for 12 years; six appliances on Total Care Plus. VIP: a supervisor calls "
        "back if he is unhappy.",
    ),
    _customer(
        "aroha_ngata", "Aroha Ngata", "aroha.ngata@example.org", None, None,
        "standard", "Pacific/Auckland",
        "Planning a move to London next year; researching appliances.",
    ),
    _customer(
        "sarah_levy", "Sarah Levy", "sarah.levy@example.com", "+1 310 555 0112", None,
        "standard", "America/Los_Angeles",
        "Owns a flat in Islington, lets it on short stays; HearthLink thermostat controlled "
        "from the app in LA.",
    ),
    _customer(
        "ibrahim_diallo", "Ibrahim Diallo", "ibrahim.diallo@example.net", "+32 2 555 0163",
        None, "standard", "Europe/Brussels",
        "Commutes Brussels-London. Cancelled Total Care after selling his London flat.",
    ),
    _customer(
        "wendy_ho", "Wendy Ho", "wendy.ho@example.com", "+61 2 5550 1234", None,
        "standard", "Australia/Sydney",
        "Buys spare parts for a Harbourline washer she took to Sydney.",
    ),
    _customer(
        "daniel_price", "Daniel Price", "daniel.price@example.org", "+44 7700 900567", None,
        "standard", "Europe/London",
        "First-floor flat in Cardiff; AquaPro 9 installed by a contractor. Flood claim open: "
        "Legal handles all replies on it.",
    ),
    _customer(
        "gary_pritchard", "Gary Pritchard", "gary.pritchard@example.net", "+44 7700 900890",
        None, "standard", "Europe/London",
        "Threatened staff on a call (recorded, reported to the Head of Operations). A "
        "supervisor handles his contacts; calls may be ended after one warning.",
    ),
    _customer(
        "kofi_mensah", "Kofi Mensah", "kofi.mensah@example.org", "+44 7700 900345", None,
        "standard", "Europe/London",
        "Total Care on a DryWell 8. Moved in with his partner, who has her own machines, so "
        "is winding down his cover.",
    ),
    _customer(
        "leila_karimi", "Leila Karimi", "leila.karimi@example.com", "+44 141 496 0177", None,
        "standard", "Europe/London",
        "Glasgow. Prefers chat; has told us she is dyslexic, so short, clear sentences help.",
    ),
    _customer(
        "ana_petrovic", "Ana Petrović", "ana.petrovic@example.net", None, None,
        "standard", "Europe/Belgrade",
        "Orders spare parts for a CleanSweep 60 she bought in London and took to Belgrade.",
    ),
    _customer(
        "sean_murphy", "Seán Murphy", "sean.murphy@example.com", "+1 604 555 0125", None,
        "standard", "America/Vancouver",
        "Owns a rental flat in Camden, run from Vancouver. Total Care on the flat's washer.",
    ),
    _customer(
        "beatriz_santos", "Beatriz Santos", "beatriz.santos@example.com", "+44 7700 900678",
        None, "standard", "Europe/London",
        "Total Care on an AquaPro 9 in a Bristol flat she is selling before moving to Lisbon.",
    ),
    _customer(
        "alex_morgan", "Alex Morgan", "a.morgan.7731@example.net", None, None,
        "standard", "UTC",
        "Account made through the web form; messages have carried scripts and odd links. "
        "Never open links from this account; no order found under this name.",
    ),
)
