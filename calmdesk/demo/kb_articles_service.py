"""Harbourline's knowledge base, part two: orders, deliveries, visits, billing, plans and accounts."""

from __future__ import annotations

from calmdesk.demo.kb_records import DemoArticle

ARTICLES: tuple[DemoArticle, ...] = (
    DemoArticle(
        "missed_delivery",
        "Missed a delivery: rebooking and what happens next",
        ("delivery", "orders"),
        "priya",
        """If nobody was home, the driver leaves a card and the order goes back to the depot.

- The customer picks a new day on the tracking page (link in the dispatch email) or we rebook it.
- After **two missed deliveries** the order is returned and refunded minus the delivery charge.
- Customers can add a safe-place note or ask the driver to phone 30 minutes ahead; the note goes on the
  delivery, not the account, so add it for each order.""",
    ),
    DemoArticle(
        "late_delivery",
        "Delivery is late or tracking has not moved",
        ("delivery", "orders", "complaints"),
        "priya",
        """Large appliances are delivered by our own crews on the day booked. Ireland and the islands go by
partner carrier and take 3-5 working days.

If tracking has not changed for 2 working days, open a trace with the carrier from the order page, tell the
customer we will update them within 24 hours, and set a progress-update reminder. Orders more than 5
working days late may be cancelled for a full refund including delivery, or keep the order with delivery
refunded as a goodwill gesture.""",
    ),
    DemoArticle(
        "damaged_delivery",
        "Appliance delivered damaged, dented or with parts missing",
        ("delivery", "orders", "warranty", "complaints"),
        "priya",
        """Ask for photos of the damage and the packaging, and the order number.

- **Cosmetic dents or scratches**: offer a replacement, or a partial refund (10-20% of the price) if
  the customer prefers to keep it.
- **Functional damage**: arrange a replacement delivery and collection of the damaged one together.
- **Missing parts** (hoses, shelves, feet, manuals): send the parts by next-day courier; there is no need
  to return the appliance.

Report damage within 7 days of delivery; later reports are handled as warranty claims.""",
    ),
    DemoArticle(
        "wrong_item",
        "Wrong item, colour or model delivered",
        ("delivery", "orders"),
        "priya",
        """Check the order against what arrived (model, colour, capacity). If we sent the wrong item, we swap
it at our cost: book the correct item and collection of the wrong one on the same visit, and do not ask
the customer to repackage a large appliance. If the customer ordered the wrong item, returns within 30
days are free when the appliance is unused and the packaging is kept.""",
    ),
    DemoArticle(
        "old_appliance_removal",
        "Taking away the old appliance (recycling service)",
        ("delivery", "installation", "orders"),
        "priya",
        """Removal of the old appliance costs £20 and must be added to the order before dispatch. The crew
takes only an appliance of the same type that is disconnected, drained and free to move.

If removal was paid but not done, apologise, book a collection within 5 working days or refund the £20,
whichever the customer prefers. Crews cannot take appliances that are still plumbed in or built in.""",
    ),
    DemoArticle(
        "international_parts",
        "Shipping spare parts and accessories abroad",
        ("parts", "delivery", "international", "orders"),
        "priya",
        """The parts shop ships filters, seals, hoses and accessories worldwide by tracked post.
Whole appliances are delivered in the UK and Ireland only.

- Delivery outside the UK takes 5-10 working days; the customer pays import duty and VAT on arrival.
- A parcel held in customs needs the customer to pay or supply documents to the carrier; we can send a
  commercial invoice on request.
- Lost parcels are re-sent once tracking has shown no movement for 15 working days.""",
    ),
    DemoArticle(
        "reschedule_visit",
        "Rescheduling or changing an engineer visit or installation",
        ("field-service", "appointments", "scheduling", "installation"),
        "gareth",
        """Visits can be moved free of charge up to 24 hours before the slot, in the app or by us.

- Standard slots are morning (8-12) or afternoon (12-5). A 2-hour slot can be requested for customers with
  access needs or caring responsibilities and is confirmed the day before.
- Early (7-8am) slots exist for commercial customers on Total Care Business.
- Add access notes (parking, key safe, tenant contact) on the visit so the engineer sees them.""",
    ),
    DemoArticle(
        "engineer_no_show",
        "Engineer did not arrive or came very late",
        ("field-service", "appointments", "complaints"),
        "gareth",
        """Apologise, check the visit record for a reason (no access, breakdown, earlier job overran), and be
honest about it.

- Rebook at the earliest slot, using the priority list for repeat failures.
- Offer **£25 goodwill credit** for a missed slot without notice; more needs supervisor approval.
- If the customer took unpaid time off work, note it and pass the ticket to a supervisor.

Never promise a named engineer or an exact time we cannot guarantee.""",
    ),
    DemoArticle(
        "installation_incomplete",
        "Installation left unfinished or appliance not connected",
        ("installation", "field-service", "complaints"),
        "gareth",
        """Installers connect to existing, compliant plumbing and electrics only. If they could not
finish, they
should have left a note saying why (no isolation valve, worn tap, socket too far).

- If the reason was on our side, book a return visit within 2 working days at no cost.
- If the kitchen needs a plumber first, explain exactly what is needed and refund the installation fee if
  the customer no longer wants us to come back.""",
    ),
    DemoArticle(
        "refund_timing",
        "Refunds: how long they take and how to chase one",
        ("refunds", "billing", "payments"),
        "priya",
        """Refunds are issued once a return is checked in at the depot (usually 3 working days after
collection) and reach the original card within **5 working days**. Some banks take 3 more days.

If a refund is late, check the return is checked in and the refund reference exists. Give the customer the
refund reference (ARN) so their bank can trace it. A refund to a closed card comes back to us and is
re-issued by bank transfer.""",
    ),
    DemoArticle(
        "double_charge",
        "Charged twice or payment taken but order not confirmed",
        ("payments", "billing", "refunds", "checkout"),
        "priya",
        """A failed checkout can leave a **pending authorisation** on the card even though no payment was
taken. It disappears by itself within 3-5 working days.

- Check the payments screen: if only one captured payment exists, explain the pending hold.
- If two captured payments exist for one order, refund the duplicate at once and send the reference.
- During a checkout incident, link the ticket to the incident so the customer gets its updates.""",
    ),
    DemoArticle(
        "checkout_errors",
        "Website checkout errors, spinning payment page or error 502",
        ("checkout", "payments", "outage", "technical"),
        "gareth",
        """A 502 or a payment page that spins usually means the payment platform is having trouble, not the
customer's card.

1. Check the status page and open incidents before troubleshooting with the customer.
2. Ask them not to retry repeatedly: each attempt may place a hold on the card.
3. Offer to take the order by phone, or to send a payment link when service is back.

Report new checkout errors to Engineering with the time, the browser and the error shown.""",
    ),
    DemoArticle(
        "card_declined",
        "Card declined when paying a deposit or order",
        ("payments", "billing", "checkout"),
        "priya",
        """Declines come from the customer's bank, not from us. Common reasons: the payment is larger than the
card's daily limit, a 3-D Secure check was not completed, or the billing address does not match.

Ask the customer to approve the payment in their banking app, or to contact the bank. Large deposits can
also be paid by bank transfer; send the reference from the order page.""",
    ),
    DemoArticle(
        "total_care_plans",
        "Total Care plans: what they cover, renewals and price changes",
        ("service-plans", "billing", "contracts"),
        "priya",
        """**Total Care** covers parts, labour and call-outs for one appliance; **Total Care Plus** adds
accidental damage and covers up to five appliances; **Total Care Business** adds 4-hour commercial response.

Plans renew each year. The renewal price is sent 30 days before; rises reflect the appliances' age and
claims. The customer can cancel within 30 days of renewal for a full refund of the new year, or ask us
to review the price. Removing a sold or scrapped appliance lowers the fee from the next payment.""",
    ),
    DemoArticle(
        "cancel_total_care",
        "Cancelling a Total Care plan and charges after cancelling",
        ("service-plans", "cancellations", "billing", "refunds"),
        "priya",
        """Plans can be cancelled at any time with no fee; monthly plans stop at the next payment date.

If the customer was charged after they cancelled, check the cancellation date on the plan. Payments
taken after it are refunded in full, and any letter from our debt collection partner is withdrawn the same
day: tell the collector and send the customer written confirmation. Early cancellation fees apply only to
fixed-term commercial contracts, never to consumer plans.""",
    ),
    DemoArticle(
        "payment_date",
        "Changing the date of a monthly payment or the bank details",
        ("payments", "billing", "service-plans", "finance"),
        "priya",
        """Customers can move the Direct Debit date to any day from the 1st to the 28th in the app
(**Account > Payments**) or ask us. The change applies from the next month if made 10 working days before
the payment date.

A missed payment is re-presented after 7 days; a late fee (£12) applies to finance agreements only, and
can be waived once in 12 months by a supervisor when the customer explains a genuine reason.""",
    ),
    DemoArticle(
        "pay_in_instalments",
        "Paying in instalments: finance options",
        ("finance", "payments", "billing"),
        "priya",
        """Orders over £299 can be spread over 12, 24 or 36 months with our finance partner, subject to a
credit check. 12 months is interest-free.

Customers apply at checkout; the decision usually takes a minute. Finance cannot be added after the order is
paid. Early settlement is allowed at any time without a fee.""",
    ),
    DemoArticle(
        "invoices_vat",
        "Invoices: VAT numbers, company details and monthly statements",
        ("invoices", "billing", "commercial"),
        "priya",
        """Business customers add their VAT ID under **Account > Company details**; invoices issued afterwards
show it. We can re-issue invoices from the last 12 months with the VAT ID on request.

Customers with many orders can switch to one **consolidated monthly invoice** (PDF and CSV) instead of an
invoice per order. The setting is under Account > Billing preferences and applies from the next month.""",
    ),
    DemoArticle(
        "discount_codes",
        "Discount code not accepted or not applied",
        ("orders", "billing", "payments"),
        "priya",
        """Codes apply to full-price items only and cannot be combined. WELCOME10 is for a first order only.

If a valid code was not applied, refund the difference to the card (do not cancel the order). Codes are
case-insensitive but must be entered before payment; we can honour an expired code by up to 7 days.""",
    ),
    DemoArticle(
        "fees_explained",
        "Card currency conversion fees and call-out charges",
        ("billing", "payments", "service-plans"),
        "priya",
        """We charge in pounds sterling. A **foreign transaction fee** on the statement comes from the
customer's card issuer, not from us; we cannot refund it.

A **call-out charge** (£145) applies to repair visits without a Total Care plan. Visits covered by a
maintenance contract are free: if one was charged, check the contract was active on the visit date and
refund the call-out if it was.""",
    ),
    DemoArticle(
        "change_email",
        "Changing the email address, name or postal address on an account",
        ("account",),
        "priya",
        """Customers can change their email in the app (**Account > Profile**); a confirmation link goes
to the
new address and a notice to the old one.

Name changes need proof if the name on a finance agreement changes. For a change of address, update the
account and ask which open orders, visits and plans should move with it: they do not move automatically.""",
    ),
    DemoArticle(
        "sign_in_codes",
        "Sign-in codes by text message not arriving",
        ("account", "app", "technical"),
        "gareth",
        """Two-step sign-in codes are sent by SMS. If they do not arrive:

- Check the mobile number is saved in international format (+44 for the UK, +1 for Canada).
- Some non-UK networks block short-code senders: switch the account to codes by **email** or an
  authenticator app under Account > Security.
- Codes expire after 10 minutes; requesting several at once makes older ones invalid.""",
    ),
    DemoArticle(
        "password_reset",
        "Resetting a forgotten password or unlocking an account",
        ("account", "app"),
        "priya",
        """Use **Forgot password** on the sign-in page; the link is valid for one hour. After five wrong
passwords the account locks for 15 minutes.

If the reset email does not arrive, check spam and that the customer uses the address on the account. Staff
can never set or read a customer's password.""",
    ),
    DemoArticle(
        "authorised_users",
        "Adding an authorised person or second user to an account",
        ("account", "commercial", "privacy"),
        "priya",
        """The account holder adds an **authorised user** in Account > People, choosing what they can do
(orders, billing, plans). Business accounts can add as many as they need.

We speak only to the account holder or an authorised user. For a relative without authorisation, we may
take information from them but not disclose account details.""",
    ),
    DemoArticle(
        "close_account",
        "Closing an account and keeping order history",
        ("account", "privacy", "data-protection"),
        "eleanor",
        """Closing an account stops marketing and sign-in. Order and warranty records are kept for 6 years
for tax and warranty claims, then deleted.

Before closing, offer the customer a download of their orders and invoices (Account > Data export), because
they cannot sign in to see them afterwards. Open plans and finance must be settled or transferred first.""",
    ),
    DemoArticle(
        "gdpr_requests",
        "Personal data requests: access, erasure and marketing opt-out",
        ("privacy", "data-protection", "legal"),
        "eleanor",
        """Under UK GDPR customers can ask for a copy of their data (subject access), correction or erasure.

- Pass every such request to **Legal & Compliance** the same day; the one-month deadline starts at receipt.
- Stop marketing at once when asked; no request is needed for that. Unsubscribes take up to 48 hours.
- Verify identity before sending any data. Never send data to a new email address on the request alone.""",
    ),
    DemoArticle(
        "data_breach",
        "A customer received someone else's invoice or personal data",
        ("privacy", "data-protection", "legal", "complaints"),
        "eleanor",
        """Treat it as a possible personal-data breach.

1. Thank the customer, ask them to delete the document and not to share it, and get a screenshot.
2. Escalate to **Legal & Compliance** at once with the details: they decide within 72 hours whether it must
   be reported to the ICO.
3. Do not contact the other customer yourself.""",
    ),
    DemoArticle(
        "legal_threats",
        "Customer mentions a solicitor, small claims court or the ombudsman",
        ("legal", "disputes", "claims", "complaints"),
        "eleanor",
        """Stay calm and keep helping. Mentioning legal action is the customer's right, not abuse.

- Acknowledge it, and explain that a specialist team will look at the case.
- Escalate to **Legal & Compliance** with a complete brief: what happened, what was offered, photos, costs.
- Do not admit liability or offer compensation for damage yourself; claims are assessed by Legal.""",
    ),
    DemoArticle(
        "complaint_staff",
        "Complaints about a member of staff or a driver",
        ("complaints", "escalation"),
        "tomasz",
        """Listen, apologise for the experience, and take the details: date, time, what was said, who was
there. Do not defend or blame the colleague.

Escalate to the supervisor, who involves HR for conduct. Tell the customer who will contact them and
when (within 2 working days), and that the outcome of internal action is confidential.""",
    ),
    DemoArticle(
        "warranty_claims",
        "Warranty: what is covered and how to make a claim",
        ("warranty", "repair", "administrative"),
        "priya",
        """Every appliance has a **2-year manufacturer's warranty** covering faults in parts and workmanship,
in the UK and Ireland. It does not cover misuse, accidental damage or consumables (filters, bulbs).

The customer needs the order number or proof of purchase. A third repair for the same fault within the
warranty entitles the customer to a replacement; escalate to Administration to arrange it.""",
    ),
)
