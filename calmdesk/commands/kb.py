"""``calmdesk kb``: the knowledge base on the command line (vectors, search)."""

from __future__ import annotations

from typing import Annotated

import typer

kb_app = typer.Typer(help="The knowledge base: article vectors and search.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    """Adds ``calmdesk kb`` to the CLI."""
    app.add_typer(kb_app, name="kb")


@kb_app.command("embed")
def embed() -> None:
    """Stores semantic vectors for articles written while analysis was not in full mode."""
    from calmdesk.analysis.encoder import get_encoder
    from calmdesk.config import get_settings
    from calmdesk.db import Database
    from calmdesk.kb import service as kb_service

    database = Database(get_settings().database_url, pool_size=2)
    try:
        with database.unit_of_work() as db:
            count = kb_service.embed_missing(db, encoder=get_encoder())
    finally:
        database.dispose()
    typer.echo(f"stored vectors for {count} article(s)")


@kb_app.command("search")
def search(
    question: Annotated[str, typer.Argument(help="the question, in any words")],
    method: Annotated[str, typer.Option(help="auto, keyword, semantic or hybrid")] = "auto",
    limit: Annotated[int, typer.Option(min=1, max=50)] = 5,
) -> None:
    """Ranks articles for a question, as the desk would (drafts included)."""
    from calmdesk.config import get_settings
    from calmdesk.db import Database
    from calmdesk.errors import AppError
    from calmdesk.kb import search as kb_search
    from calmdesk.kb import service as kb_service

    try:
        wanted = kb_search.Method(method)
    except ValueError as error:
        raise typer.BadParameter("use auto, keyword, semantic or hybrid", param_hint="--method") from error
    database = Database(get_settings().database_url, pool_size=2)
    try:
        with database.session(read_only=True) as db:
            encoder = kb_search.semantic_encoder() if wanted is not kb_search.Method.KEYWORD else None
            used, found = kb_service.search(
                db, question=question, method=wanted, published_only=False, limit=limit, encoder=encoder
            )
    except AppError as error:
        typer.echo(error.message, err=True)
        raise typer.Exit(2) from error
    finally:
        database.dispose()
    typer.echo(f"ranked by {used.value}")
    for article, hit in found:
        typer.echo(f"{hit.score:.4f}  #{article.id}  {article.title}")
