"""The recurring contacts: each scenario template played out with different customers."""

from __future__ import annotations

from calmdesk.demo import scenario_scripts as scripts
from calmdesk.demo.records import DemoTicket
from calmdesk.demo.scenarios import Case, ticket


def _late(
    case: Case, *, order: str, item: str, days: int, cause: str = "", fix: str = "",
    offer: str = "",
) -> DemoTicket:
    script = scripts.late_order(case, order=order, item=item, days=days, cause=cause, fix=fix,
                                offer=offer)
    return ticket(case, script, category="delivery", team_key="general",
                  tags=("late-delivery",), priority="normal", severity=3)


def _charge(case: Case, amount: str, what: str, *, held: bool) -> DemoTicket:
    script = scripts.charged_twice(case, amount=amount, what=what, held=held)
    return ticket(case, script, category="billing", team_key="billing",
                  tags=("duplicate-charge", "card-payment"),
                  priority="high" if case.mood in ("angry", "abusive") else "normal",
                  severity=3)


def _locked(
    case: Case, symptom: str, restated: str = "", cause: str = "", fix: str = ""
) -> DemoTicket:
    script = scripts.locked_out(case, symptom=symptom, restated=restated, cause=cause, fix=fix)
    return ticket(case, script, category="account", team_key="technical", tags=("login",),
                  priority="normal", severity=3)


def _move(case: Case, visit: str, appliance: str, reason: str, *slots: str) -> DemoTicket:
    script = scripts.reschedule(case, visit=visit, appliance=appliance, reason=reason,
                                slots=(slots[0], slots[1]))
    return ticket(case, script, category="field_service", team_key="field_service",
                  tags=("reschedule", "appointments"), priority="normal", severity=4)


def _cancel(case: Case, reason: str, charge: str) -> DemoTicket:
    script = scripts.cancel_plan(case, reason=reason, charge=charge)
    return ticket(case, script, category="cancellation", team_key="billing",
                  tags=("total-care", "cancellation"), priority="normal", severity=4)


def _partner(case: Case, order: str, sku: str, problem: str, answer: str) -> DemoTicket:
    script = scripts.partner_order(case, order=order, sku=sku, problem=problem, answer=answer)
    return ticket(case, script, category="orders", team_key="technical",
                  tags=("partner-api", "orders"), priority="normal", severity=3)


TICKETS: tuple[DemoTicket, ...] = (
    _late(Case("thandiwe_dlamini", "frustrated", "chat", "pending_customer", "kwame", 2.1, 0.1),
          order="HL-720114", item="replacement lint filter", days=8,
          cause="the parcel was scanned at the Sheffield depot but missed the van twice.",
          fix="I've asked the depot to put it on tomorrow's first round and sent you the "
              "new tracking link.",
          offer="refunded your £4.95 postage"),
    _late(Case("sean_murphy", "angry", "phone", "on_hold", "liam", 3.6, 1.5),
          order="HL-718830", item="new washing machine for the Camden flat", days=6,
          cause="the courier marked it 'address not found' because the flat number was "
                "missing from the label.",
          fix="I've corrected the label and booked the earliest delivery slot.",
          offer="added a 10% discount on your next order for the trouble"),
    _late(Case("ben_goldberg", "calm", "web", "new", "kwame", 0.35, 0.0),
          order="HL-722407", item="cutlery basket", days=5),
    _late(Case("claire_fontaine", "abusive", "chat", "open", "sofia", 0.8, 0.05),
          order="HL-719955", item="commercial rinse aid", days=4,
          cause="the pallet is still in our warehouse because the delivery needed a booking "
                "slot that was never sent to you.",
          fix="I've booked it for tomorrow morning, before you open.",
          offer="taken 15% off the order as a partial refund"),
    _late(Case("samuel_osei", "frustrated", "web", "open", "kwame", 4.4, 3.0, coachable=True),
          order="HL-717310", item="descaler tablets", days=9),
    _late(Case("chen_wei", "frustrated", "chat", "closed", "sofia", 27.5, 0.1),
          order="HL-690021", item="glass-washer racks", days=7,
          cause="the order was split and the second box is still at the depot.",
          fix="I've sent it by express courier for delivery tomorrow.",
          offer="refunded the £12 delivery charge"),
    _late(Case("lucy_chambers", "abusive", "web", "new", "kwame", 1.05, 0.0),
          order="HL-721877", item="fridge water filter", days=6),
    _late(Case("ana_petrovic", "frustrated", "web", "pending_customer", "liam", 5.2, 4.0),
          order="HL-716004", item="door seal and spray arm", days=11,
          cause="the parcel is waiting at Serbian customs for an import declaration we "
                "should have sent with it.",
          fix="I've emailed the declaration to the courier's customs team today.",
          offer="refunded the £9.90 postage"),
    _charge(Case("siobhan_kelly", "frustrated", "chat", "pending_customer", "sofia", 7.3, 0.1),
            "£429", "the DryWell 8", held=True),
    _charge(Case("jonas_lindqvist", "calm", "web", "new", "mei_lin", 0.55, 0.0),
            "£1,249", "our office coffee machine", held=False),
    _charge(Case("mohammed_al_sayed", "abusive", "chat", "open", "mei_lin", 1.45, 0.05),
            "£59.99", "a descaling kit", held=False),
    _charge(Case("emily_carter", "frustrated", "phone", "closed", "mei_lin", 30.0, 1.0),
            "£189", "the dishwasher service", held=False),
    _charge(Case("gabriel_silva", "angry", "web", "on_hold", "mei_lin", 6.7, 5.0,
                 coachable=True),
            "£129", "my father's thermostat", held=True),
    _charge(Case("wendy_ho", "angry", "chat", "open", "sofia", 11.5, 0.1),
            "£36.40", "two washer filters", held=True),
    _locked(Case("sarah_levy", "frustrated", "web", "open", "yusuf", 1.8, 3.0),
            "the password reset email never arrives",
            "you ask for a reset, but the email never reaches you",
            "our email provider put your address on a bounce list after one failed delivery "
            "last month.",
            "I've taken it off the list and sent a fresh reset email."),
    _locked(Case("maria_gonzalez", "calm", "chat", "resolved", "hannah", 19.9, 0.1),
            "it says my password is wrong, but I'm sure it's right",
            "the site rejects a password you're confident is correct",
            "after five attempts the account locks for an hour, and the message doesn't say "
            "so, which is confusing.",
            "I've unlocked it now."),
    _locked(Case("olumide_adebayo", "abusive", "chat", "closed", "hannah", 25.5, 0.05),
            "the app just says 'account locked'",
            "the app won't let you in and only says the account is locked",
            "the account locked itself after a sign-in from a new country, as a safety check.",
            "I've confirmed with you that it was you, and unlocked it."),
    _locked(Case("ines_carvalho", "frustrated", "web", "pending_customer", "yusuf", 2.6, 5.0),
            "the sign-in link says it has expired every time",
            "every sign-in link we send you has expired by the time you click it",
            "links expire after 15 minutes, and your email provider is delivering them about "
            "20 minutes late.",
            "I've switched your account to password sign-in and sent you a link to set one."),
    _locked(Case("rajesh_iyer", "angry", "web", "open", "hannah", 0.95, 2.0),
            "the site keeps asking me to verify my phone but never sends a code to my Indian "
            "number",
            "the site wants your phone verified, but the code never reaches your Indian number",
            "our text provider doesn't deliver to some Indian networks.",
            "I've switched your verification codes to email instead."),
    _locked(Case("tom_whitaker", "calm", "chat", "new", "liam", 0.12, 0.0),
            "the finance portal says 'account not found'"),
    _locked(Case("leila_karimi", "frustrated", "chat", "open", "hannah", 9.8, 0.1),
            "the app shows a blank screen after I type my password",
            "the app goes blank as soon as you've entered your password",
            "app version 5.3.0 has a bug with some screen-reader settings.",
            "I've sent you a link to the 5.3.1 update, which fixes it."),
    _move(Case("kirsty_mcleod", "frustrated", "phone", "pending_customer", "aisha", 1.4, 1.0),
          "annual service", "AquaPro 9", "I've been called into work that day",
          "Monday 08:00-12:00", "Thursday 12:00-16:00"),
    _move(Case("helga_brandt", "calm", "web", "closed", "aisha", 35.0, 5.0),
          "annual service", "washing machine at Flat 3", "guests are staying that week",
          "the 9th, 10:00-12:00", "the 12th, 08:00-10:00"),
    _move(Case("dwayne_harris", "angry", "chat", "open", "dmitri", 0.6, 0.1, coachable=True),
          "repair visit", "washing machine at flat 12 in Ancoats",
          "the tenant can only do afternoons", "Wednesday 12:00-16:00", "Friday 14:00-18:00"),
    _move(Case("marcus_johnson", "abusive", "web", "on_hold", "dmitri", 8.3, 6.0),
          "repair visit", "washing machine at the Hackney flat", "my tenant is away that week",
          "the 18th, 08:00-12:00", "the 19th, 12:00-16:00"),
    _move(Case("fatima_el_amrani", "frustrated", "chat", "pending_customer", "aisha", 3.2, 0.1),
          "check-up visit", "new fridge in Leeds", "my daughter has exams that day",
          "Tuesday 16:00-18:00", "Saturday 08:00-10:00"),
    _move(Case("yuki_tanaka", "calm", "web", "on_hold", "aisha", 13.5, 8.0),
          "installation", "washer-dryer", "my move date has changed again",
          "the 3rd, 08:00-12:00", "the 4th, 12:00-16:00"),
    _move(Case("ben_goldberg", "frustrated", "chat", "open", "aisha", 10.5, 0.1),
          "annual service", "dishwasher at my mother's flat", "my mother is in hospital that week",
          "the 22nd, 10:00-12:00", "the 24th, 14:00-16:00"),
    _cancel(Case("kofi_mensah", "abusive", "chat", "closed", "sofia", 22.5, 0.1),
            "I've moved in with my partner and we don't need two dryers", "£9.99"),
    _cancel(Case("sean_murphy", "angry", "web", "pending_customer", "mei_lin", 5.0, 3.0,
                 coachable=True),
            "the flat's new washing machine comes with a five-year warranty", "£14.99"),
    _cancel(Case("leila_karimi", "frustrated", "chat", "new", "sofia", 0.42, 0.0),
            "I'm moving to a furnished flat", "£12.99"),
    _cancel(Case("beatriz_santos", "frustrated", "web", "on_hold", "mei_lin", 15.5, 6.0),
            "I'm selling my flat and moving to Lisbon", "£14.99"),
    _partner(Case("arjun_mehta", "calm", "api", "pending_customer", "yusuf", 3.0, 2.0),
             "PH-88213", "DS-60-SEAL", "accepted but stuck in 'awaiting stock' for 48 hours",
             "The seal showed as in stock because of a counting error at the warehouse. The "
             "next batch arrives in two days and your order is first in line."),
    _partner(Case("arjun_mehta", "calm", "api", "closed", "yusuf", 38.0, 4.0),
             "PH-80177", "AQ9-PUMP-02", "rejected with 'invalid SKU'",
             "That pump became AQ9-PUMP-03 when the supplier changed. The old SKU now maps to "
             "the new one, and I've resubmitted your order."),
)
