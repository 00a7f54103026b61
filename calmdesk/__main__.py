"""Lets ``python -m calmdesk`` run the CLI."""

from calmdesk.cli import main

main()
