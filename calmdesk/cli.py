"""The ``calmdesk`` command: serve the desk, migrate, manage users and tokens, load the demo."""

from __future__ import annotations

import importlib
import os
from typing import Annotated

import typer
from rich.console import Console

from calmdesk.auth.principal import SYSTEM
from calmdesk.config import get_settings
from calmdesk.db import Database
from calmdesk.staff.roles import Role

app = typer.Typer(help="calmdesk: an escalation desk for customer-support teams.", no_args_is_help=True)
db_app = typer.Typer(help="Database schema.", no_args_is_help=True)
user_app = typer.Typer(help="Staff accounts.", no_args_is_help=True)
token_app = typer.Typer(help="API tokens for scripts.", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(user_app, name="user")
app.add_typer(token_app, name="token")
console = Console()
err = Console(stderr=True)


def _database() -> Database:
    settings = get_settings()
    if settings.is_sqlite:
        path = settings.database_url.removeprefix("sqlite:///")
        if path and path != ":memory:":
            os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    return Database(settings.database_url, pool_size=2)


def _fail(message: str) -> typer.Exit:
    err.print(f"[bold red]error:[/] {message}")
    return typer.Exit(code=1)


@db_app.command("upgrade")
def db_upgrade(revision: Annotated[str, typer.Argument(help="target revision")] = "head") -> None:
    """Applies schema migrations (safe to run again)."""
    from calmdesk import migrate

    database = _database()
    migrate.upgrade(database.engine, revision)
    console.print(
        f"schema at revision [bold]{migrate.current_revision(database.engine)}[/] ({database.dialect})"
    )
    database.dispose()


@db_app.command("current")
def db_current() -> None:
    """Prints the schema revision the database is at."""
    from calmdesk import migrate

    database = _database()
    current, head = migrate.current_revision(database.engine), migrate.head_revision()
    console.print(f"database: {current or 'empty'}; newest: {head}")
    database.dispose()
    if current != head:
        raise typer.Exit(code=3)


@user_app.command("create")
def user_create(
    email: Annotated[str, typer.Option(help="sign-in address")],
    name: Annotated[str, typer.Option(help="full name")],
    role: Annotated[Role, typer.Option(help="what they do")] = Role.AGENT,
    password: Annotated[
        str, typer.Option(prompt=True, hide_input=True, confirmation_prompt=True, help="10+ characters")
    ] = "",
) -> None:
    """Creates a staff account (the first admin, typically)."""
    from pydantic import SecretStr, ValidationError

    from calmdesk import models  # noqa: F401 - registers every table
    from calmdesk.errors import AppError
    from calmdesk.staff import service as staff_service
    from calmdesk.staff.schemas import StaffCreate

    try:
        staff_in = StaffCreate(name=name, email=email, role=role, password=SecretStr(password))
    except ValidationError as error:
        raise _fail("; ".join(e["msg"] for e in error.errors())) from None
    database = _database()
    try:
        with database.unit_of_work() as db:
            staff = staff_service.create(db, staff_in=staff_in, actor=SYSTEM)
            staff_id = staff.id
    except AppError as error:
        raise _fail(error.message) from None
    console.print(f"created {role.value} [bold]{name}[/] <{staff_in.email}> (id {staff_id})")


@token_app.command("create")
def token_create(
    email: Annotated[str, typer.Option(help="the staff member the token acts as")],
    name: Annotated[str, typer.Option(help="what the token is for, e.g. 'crm sync'")],
) -> None:
    """Creates an API token and prints it once."""
    from calmdesk import models  # noqa: F401 - registers every table
    from calmdesk.auth import service as auth_service
    from calmdesk.staff import service as staff_service

    database = _database()
    with database.unit_of_work() as db:
        staff = staff_service.get_by_email(db, email=email)
        if staff is None:
            raise _fail(f"no staff member with email {email}")
        issued = auth_service.create_api_token(db, staff=staff, name=name, actor=SYSTEM)
        token = issued.token
    console.print("[bold]API token[/] (shown once; store it safely):")
    typer.echo(token)


@app.command()
def demo(
    force: Annotated[bool, typer.Option(help="load even if the desk already has tickets")] = False,
) -> None:
    """Loads the demo desk: a staff chain, teams, customers and realistic tickets."""
    from calmdesk import migrate
    from calmdesk.demo import loader

    database = _database()
    migrate.upgrade(database.engine)
    with database.unit_of_work() as db:
        if loader.has_tickets(db) and not force:
            raise _fail("the desk already has tickets; pass --force to add the demo anyway")
        summary = loader.load(db)
    typer.echo(summary.describe())


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="port to listen on")] = 8000,
    workers: Annotated[int, typer.Option(help="web processes (PostgreSQL only)")] = 1,
    with_demo: Annotated[bool, typer.Option("--demo", help="load the demo desk if it is empty")] = False,
    migrate_first: Annotated[
        bool, typer.Option("--migrate/--no-migrate", help="upgrade the schema first")
    ] = True,
    log_level: Annotated[str, typer.Option(help="uvicorn log level")] = "info",
) -> None:
    """Runs the web app and API; prints the address to open."""
    import uvicorn

    from calmdesk import migrate

    settings = get_settings()
    if workers > 1 and settings.is_sqlite:
        raise _fail("several workers need PostgreSQL (set CALMDESK_DATABASE_URL); SQLite serves one")
    database = _database()
    if migrate_first:
        migrate.upgrade(database.engine)
    if with_demo:
        from calmdesk.demo import loader

        with database.unit_of_work() as db:
            if not loader.has_tickets(db):
                typer.echo(loader.load(db).describe())
    database.dispose()
    url = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{port}"  # noqa: S104
    console.print(f"[bold green]calmdesk[/] is running at [bold]{url}[/]  (API docs: {url}/docs)")
    console.print(f"database: {settings.database_url.split('@')[-1]}   stop with Ctrl+C")
    stop_worker = None
    if settings.runs_worker_in_serve:
        from calmdesk.worker import start_in_background

        stop_worker = start_in_background(settings)
        console.print("worker: SLA sweep and notifications run in this process")
    try:
        uvicorn.run(
            "calmdesk.app:create_app",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            log_level=log_level,
            proxy_headers=True,
            server_header=False,
        )
    finally:
        if stop_worker is not None:
            stop_worker()


def _register_optional_commands() -> None:
    """Adds the command groups that live in calmdesk.commands (each module has ``register(app)``)."""
    for module_name in ("calmdesk.commands.analysis", "calmdesk.commands.pay", "calmdesk.commands.worker"):
        importlib.import_module(module_name).register(app)
    importlib.import_module("calmdesk.commands.mail").register(app)
    importlib.import_module("calmdesk.commands.kb").register(app)  # the knowledge base
    importlib.import_module("calmdesk.commands.incidents").register(app)


_register_optional_commands()


def main() -> None:
    """Entry point of the ``calmdesk`` console script."""
    app()
