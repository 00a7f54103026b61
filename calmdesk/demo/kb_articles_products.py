"""Harbourline's knowledge base, part one: appliance faults, smart home, the app and the partner API."""

from __future__ import annotations

from calmdesk.demo.kb_records import DemoArticle

ARTICLES: tuple[DemoArticle, ...] = (
    DemoArticle(
        "aquapro_e21",
        "AquaPro 9: error E21 (water not draining)",
        ("aquapro-9", "washing-machine", "error-codes", "troubleshooting", "technical"),
        "gareth",
        """E21 means the drum did not empty within the time allowed. The machine stops mid-cycle and
the door stays locked while water is inside.

## What the customer can do

1. Switch off at the wall and wait two minutes.
2. Put a towel and a shallow tray under the **pump filter flap** (bottom left of the front).
3. Pull out the small emergency drain hose, let the water out, then unscrew the filter anticlockwise.
4. Remove coins, hair grips or fluff, rinse the filter and screw it back firmly.
5. Check the drain hose behind the machine is not kinked or pushed too far into the standpipe.

Run a *Rinse & Spin*. If E21 comes back, book an engineer visit (free under warranty or Total Care).""",
    ),
    DemoArticle(
        "aquapro_leak",
        "AquaPro 9 leaking from the front or underneath",
        ("aquapro-9", "washing-machine", "troubleshooting", "repair"),
        "gareth",
        """Water on the floor has a few usual causes, most of them quick to check:

- **Door seal**: a sock or coin trapped in the fold of the rubber gasket stops it sealing. Wipe it out.
- **Detergent drawer**: too much powder or a blocked siphon makes it overflow at the front.
- **Pump filter**: not screwed fully home after cleaning.
- **Inlet hose**: check both ends are hand-tight and the rubber washer is in place.

If water pools underneath with none of these, stop using the machine, turn off the tap and book a
repair. A burst inlet hose within the first year is replaced free with any damage assessed by claims.""",
    ),
    DemoArticle(
        "aquapro_abroad",
        "Using Harbourline appliances abroad (voltage, plugs, warranty)",
        ("aquapro-9", "warranty", "international", "technical"),
        "gareth",
        """Harbourline appliances are built for 230 V, 50 Hz supplies with a UK plug.

- **Ireland, EU, Australia and New Zealand** use 230-240 V / 50 Hz, so the appliance works with a
  correctly fitted local plug (an electrician should change it, not an adaptor).
- **North America** (120 V / 60 Hz) is not supported; a transformer voids the warranty.
- The manufacturer's warranty covers repairs in the UK and Ireland only. Abroad, spare parts can be
  bought from the parts shop and shipped worldwide.""",
    ),
    DemoArticle(
        "cleansweep_e24",
        "CleanSweep dishwashers: error E24 (drain blocked)",
        ("cleansweep-pro", "dishwasher", "error-codes", "troubleshooting", "technical"),
        "gareth",
        """E24 on a CleanSweep 60 or CleanSweep Pro means water is still in the tub after draining.

1. Switch off and remove the lower basket.
2. Twist out the cylindrical filter and the flat mesh beneath it; wash both under a tap.
3. Bail out standing water and check the drain pump cover for broken glass or food.
4. Make sure the drain hose is not kinked and the sink trap it joins is not blocked.

Commercial sites (CleanSweep Pro) with E24 on two or more machines at once should be booked as an
urgent engineer visit: that pattern usually means the building's waste pipe, which we can check.""",
    ),
    DemoArticle(
        "drywell_not_heating",
        "DryWell 8 dryer runs but does not dry or heat",
        ("drywell-8", "dryer", "troubleshooting", "repair", "technical"),
        "gareth",
        """If the drum turns but clothes come out cold and damp:

- Empty the **water container** (the dryer stops heating when it is full) and clean the lint filter
  in the door and the heat-exchanger filter behind the lower kick panel.
- Make sure nothing blocks the vents at the front and the room is above 5 °C.
- Choose a timed programme, not *Refresh*, which uses no heat.

If it still does not heat after a full clean, the heat pump or element needs an engineer.
**A burning smell is different: stop using the dryer, unplug it, and book an urgent safety visit.**""",
    ),
    DemoArticle(
        "dryer_burning_smell",
        "Burning smell from a dryer or appliance: safety first",
        ("drywell-8", "safety", "repair", "complaints"),
        "gareth",
        """Treat any burning or electrical smell as a safety incident.

1. Tell the customer to stop the appliance, switch off at the wall and unplug it. Do not use it again
   until an engineer has checked it.
2. Book an **urgent safety visit** (same or next working day) and mark the ticket priority *urgent*.
3. If it is the second report for the same appliance, escalate to the field-service supervisor: we
   replace rather than repair after a repeat fault.
4. Never suggest the customer opens the appliance themselves.""",
    ),
    DemoArticle(
        "frostline_warm",
        "FrostLine fridge freezer not cold enough",
        ("frostline", "fridge", "troubleshooting", "technical"),
        "gareth",
        """The fridge should sit at 3-5 °C and the freezer at -18 °C.

- A new fridge needs **24 hours** to reach temperature; a fridge moved or delivered lying down should
  stand for 4 hours before it is switched on.
- Leave 5 cm of space behind and above it, and check the door seal closes on a sheet of paper.
- Set the dial to 4 and avoid loading large amounts of warm food at once.
- Clean the back grille if it is dusty.

If it is above 8 °C after 24 hours with these checks done, book a repair: food kept above
8 °C is not safe.""",
    ),
    DemoArticle(
        "thermostat_wifi",
        "HearthLink thermostat offline after changing router or Wi-Fi",
        ("hearthlink", "thermostat", "smart-home", "app", "technical"),
        "gareth",
        """A new router has a new network name or password, so the thermostat cannot find it. The heating
keeps its last schedule while it is offline.

1. In the Harbourline app open **HearthLink > Wi-Fi > Change network**.
2. Hold the thermostat's dial in for 5 seconds until the light flashes blue.
3. Choose the new network and type its password. The thermostat only joins **2.4 GHz** networks: if the
   router combines 2.4 and 5 GHz under one name, temporarily turn off 5 GHz.

If it still shows offline, restart the router and the thermostat's receiver box.""",
    ),
    DemoArticle(
        "thermostat_firmware",
        "HearthLink thermostat stuck or blank after a firmware update",
        ("hearthlink", "thermostat", "smart-home", "firmware", "technical"),
        "gareth",
        """Updates install overnight. If one is interrupted, the display can freeze on the logo or stay blank.

1. Switch the thermostat's receiver off at the fused spur for 30 seconds, then on.
2. If the logo stays, hold the dial in while powering on to start **recovery mode**; it reinstalls the
   last good firmware (about 10 minutes; do not switch off).
3. The heating can be run manually from the receiver's boost button meanwhile.

If recovery fails we send a replacement thermostat next day at no cost. Log the serial number.""",
    ),
    DemoArticle(
        "heat_pump_pressure",
        "ThermaNest heat pump losing pressure",
        ("thermanest", "heat-pumps", "field-service", "repair"),
        "gareth",
        """The pressure gauge on the indoor unit should read **1 to 1.5 bar** when the system is cold.

- If it is below 1 bar, the customer can top up with the filling loop: open both taps slowly until the
  needle reaches 1.2 bar, then close them firmly.
- Look for drips at radiator valves, towel rails and the pressure-relief pipe outside.

If the pressure drops again within a week, there is a leak or a failed expansion vessel: book a heat-pump
engineer. Below 0.5 bar the pump stops to protect itself and shows fault P1.""",
    ),
    DemoArticle(
        "barista_grinder",
        "Barista One: loud grinder or weak espresso",
        ("barista-one", "coffee-machine", "commercial", "troubleshooting", "technical"),
        "gareth",
        """A grinder that gets suddenly louder usually has a stone or a hard bean stuck in the burrs.

1. Switch off, empty the hopper and vacuum the grinder throat.
2. Remove the top burr (quarter turn anticlockwise) and brush both burrs.
3. Re-set the grind to the café's recipe number written on the hopper label.

Weak or fast-running espresso with a normal grinder means the burrs are worn (every 400 kg of coffee)
or the machine needs descaling. Total Care Business covers burr replacement.""",
    ),
    DemoArticle(
        "barista_pressure_sla",
        "Commercial breakdowns: Total Care Business response times",
        ("barista-one", "commercial", "service-plans", "field-service", "appointments"),
        "tomasz",
        """Total Care Business promises an engineer **on site within 4 working hours** for a machine that is
down (cannot serve), and within 2 working days for a fault that still lets the business trade.

- Log the call with the site address, machine serial and what the staff see.
- Set the ticket priority to *urgent* for a machine that is down; the SLA clock starts at the first contact.
- If the 4-hour promise is missed, the customer is due a service credit of one month's plan fee. The
  supervisor confirms it on the ticket; do not promise more on the phone.""",
    ),
    DemoArticle(
        "combi_oven",
        "Commercial combi oven not heating",
        ("combi-oven", "commercial", "troubleshooting", "technical"),
        "gareth",
        """Before booking an engineer, ask the kitchen to check:

- The door is fully closed (a door switch stops heating) and the display shows no water-supply fault.
- The isolator switch and the dedicated circuit breaker are on.
- After a power cut, the oven needs its **reset button** (behind the lower panel) pressed.

Steam mode needs the water tap open and a descaled generator. If the oven still will not heat, book an
urgent commercial visit and note any event the business has booked.""",
    ),
    DemoArticle(
        "app_logout",
        "Harbourline app keeps signing people out",
        ("app", "account", "technical"),
        "gareth",
        """The app signs someone out when its session cannot be refreshed. Common causes:

- The phone's clock is set by hand and is off by several minutes: turn on automatic date and time.
- A battery saver or *clear data on exit* setting wipes the app's storage.
- An old app version (below 5.2) after the September security update.

Ask the customer to update the app, switch on automatic time, then sign in again. If it happens on an up to
date phone, collect the phone model and app version and pass it to Technical Support.""",
    ),
    DemoArticle(
        "api_rate_limits",
        "Partner API: rate limits and HTTP 429 responses",
        ("api", "partners", "integrations", "technical"),
        "gareth",
        """The partner API (used by PartsHub and other resellers) allows **600 requests a minute** per key and
30 a second in bursts. Above that it answers `429 Too Many Requests` with a `Retry-After` header.

- Catalogue syncs should use the paged `/v2/catalogue?updated_since=` endpoint instead of fetching
  every product.
- Clients must wait the `Retry-After` seconds and back off; retrying at once extends the block.
- Higher limits are agreed by the partnerships team, not on a support ticket.""",
    ),
    DemoArticle(
        "api_webhooks",
        "Partner API: webhook signatures failing after rotating the secret",
        ("api", "webhooks", "integrations", "technical"),
        "gareth",
        """Every webhook carries an `X-Harbourline-Signature` header, an HMAC-SHA256 of the raw body with the
webhook secret.

After a rotation we sign with the **new secret only**. If verification fails:

1. Make sure the partner updated the secret in every environment that receives the hook.
2. Compute the HMAC over the exact raw bytes, before any JSON parsing or re-encoding.
3. Compare in constant time and allow for our 5-minute timestamp tolerance.

Failed deliveries are retried for 24 hours and can be replayed from the partner portal.""",
    ),
    DemoArticle(
        "api_keys",
        "Partner API: requesting a staging or production key",
        ("api", "partners", "account", "technical"),
        "gareth",
        """Keys are issued per environment. A partner's named technical contact requests them from the partner
portal (**Settings > API keys**); support can't email keys.

- Staging keys are issued at once and reset every Sunday night.
- Production keys need the signed partner agreement and a completed test order in staging.
- A key that may have leaked is revoked by the partner in the portal, then a new one is issued.""",
    ),
)
