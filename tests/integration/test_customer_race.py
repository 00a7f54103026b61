"""Many tickets at once for the same new customers: one customer each, no errors."""

from __future__ import annotations

import threading

from sqlalchemy import func, select

from calmdesk.auth.principal import SYSTEM
from calmdesk.customers.models import Customer
from calmdesk.db import Database
from calmdesk.tickets import service as ticket_service
from calmdesk.tickets.models import Ticket
from calmdesk.tickets.schemas import TicketCreate

THREADS, ROUNDS, ADDRESSES = 8, 25, 5


def test_racing_writers_share_customers_without_errors(database: Database) -> None:
    failures: list[BaseException] = []

    def work(worker: int) -> None:
        for n in range(ROUNDS):
            ticket_in = TicketCreate.model_validate(
                {
                    "subject": f"worker {worker} round {n}",
                    "customer": {"name": "Racer", "email": f"racer{n % ADDRESSES}@example.com"},
                    "message": {"body": "same people, many tickets"},
                }
            )
            try:
                with database.unit_of_work() as db:
                    ticket_service.create(db, ticket_in=ticket_in, actor=SYSTEM)
            except BaseException as error:
                failures.append(error)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    with database.session(read_only=True) as db:
        assert db.scalar(select(func.count()).select_from(Customer)) == ADDRESSES
        assert db.scalar(select(func.count()).select_from(Ticket)) == THREADS * ROUNDS
