"""Settings read from the environment (prefix ``CALMDESK_``), validated once at start-up."""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

from pydantic import AliasChoices, Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_SECRET = "calmdesk-development-secret-change-me"  # noqa: S105 - refused in production


class Settings(BaseSettings):
    """calmdesk's configuration; every field can be set as ``CALMDESK_<NAME>``."""

    model_config = SettingsConfigDict(env_prefix="CALMDESK_", env_file=".env", extra="ignore")

    environment: Literal["development", "test", "production"] = "development"
    database_url: str = Field(
        default="sqlite:///./var/calmdesk.db",
        validation_alias=AliasChoices("CALMDESK_DATABASE_URL", "DATABASE_URL"),
    )
    secret_key: SecretStr = SecretStr(DEFAULT_SECRET)
    base_url: str = "http://127.0.0.1:8000"
    ticket_prefix: str = Field(default="CD", pattern=r"^[A-Z]{1,8}$")
    max_body_bytes: int = Field(default=1_048_576, ge=1024)
    session_ttl_hours: int = Field(default=12, ge=1, le=24 * 30)
    portal_link_ttl_days: int = Field(default=90, ge=1)
    # Failed sign-ins allowed per account (and 4x that per address) before a lock-out.
    signin_max_failures: int = Field(default=5, ge=1)
    signin_lockout_minutes: int = Field(default=15, ge=1)
    idempotency_ttl_hours: int = Field(default=24, ge=1)
    db_pool_size: int = Field(default=20, ge=1)
    # Tone analysis of customer messages: "full" (the model), "fast" (lexicon only) or "off".
    analysis_mode: Literal["full", "fast", "off"] = "full"
    # Trigger -> the lowest priority a ticket should have after a message that sets it off.
    # The defaults fire on evidence spans (a threat, an insult, a legal or regulator threat);
    # the model's flags (is_abusive, is_angry) and high_risk can be added as triggers too.
    tone_priority_rules: dict[str, str] = Field(
        default_factory=lambda: {
            "harm_threat": "urgent",
            "insult": "high",
            "legal_threat": "high",
            "regulator": "high",
        }
    )
    tone_high_risk: float = Field(default=0.75, gt=0, le=1)
    # Incident detection: how far back similar tickets count, and how many customers make one.
    incident_window_hours: float = Field(default=6.0, gt=0, le=24 * 30)
    incident_min_customers: int = Field(default=3, ge=2, le=100)
    # How far back the usual rate of similar tickets is measured (a burst must stand out from it).
    incident_background_hours: float = Field(default=96.0, gt=0, le=24 * 90)
    sql_echo: bool = False
    # The worker (SLA sweep and notification delivery). ``worker_in_serve`` unset means:
    # run it inside `calmdesk serve` on SQLite, leave it to `calmdesk worker` on PostgreSQL.
    worker_poll_seconds: float = Field(default=1.0, gt=0, le=60)
    worker_batch_size: int = Field(default=500, ge=1, le=5000)
    worker_step_seconds: float = Field(default=10.0, gt=0)
    worker_in_serve: bool | None = None
    # An escalation its receiver has not acknowledged after this long is passed one rung up.
    escalation_ack_minutes: int = Field(default=30, ge=1, le=7 * 24 * 60)
    # Notifications: retries with exponential backoff, then the dead-letter state.
    notify_max_attempts: int = Field(default=8, ge=1, le=50)
    notify_backoff_seconds: float = Field(default=10.0, gt=0)
    notify_backoff_max_seconds: float = Field(default=3600.0, gt=0)
    notify_concurrency: int = Field(default=8, ge=1, le=64)
    # Delivered email and webhook rows are kept this long, then the worker deletes them.
    notify_retention_days: int = Field(default=30, ge=1)
    housekeeping_minutes: float = Field(default=10.0, gt=0)
    webhook_timeout_seconds: float = Field(default=5.0, gt=0, le=60)
    # Email over SMTP; without a host, calmdesk sends no email (in-app and webhooks still work).
    smtp_host: str | None = None
    smtp_port: int = Field(default=25, ge=1, le=65535)
    smtp_from: str = "calmdesk@localhost"
    smtp_username: str | None = None
    smtp_password: SecretStr | None = None
    smtp_starttls: bool = False
    smtp_timeout_seconds: float = Field(default=10.0, gt=0, le=120)
    # Inbound email (`calmdesk mail`): the addresses it accepts, its limits, where files go.
    data_dir: str = "./var"
    mail_addresses: list[str] = Field(default_factory=lambda: ["support@localhost"])
    mail_listen_host: str = "127.0.0.1"
    mail_listen_port: int = Field(default=2525, ge=1, le=65535)
    mail_max_bytes: int = Field(default=10 * 1_048_576, ge=1024)
    mail_rate_per_sender: int = Field(default=20, ge=1)  # messages an hour from one address
    mail_attachment_max_bytes: int = Field(default=5 * 1_048_576, ge=1)
    mail_attachment_types: list[str] = Field(
        default_factory=lambda: [
            "image/png",
            "image/jpeg",
            "image/gif",
            "image/webp",
            "application/pdf",
            "text/plain",
            "text/csv",
            "message/rfc822",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ]
    )
    mail_acknowledge: bool = True  # send a new ticket's customer its reference and portal link
    # The public contact form: fastest plausible human, and tickets an hour per address.
    contact_min_seconds: float = Field(default=3.0, ge=0)
    contact_max_age_hours: int = Field(default=24, ge=1)
    contact_rate_per_address: int = Field(default=5, ge=1)

    @field_validator("database_url")
    @classmethod
    def _use_psycopg3(cls, url: str) -> str:
        """Lets people paste the usual ``postgresql://`` URL; calmdesk speaks psycopg 3."""
        for plain in ("postgres://", "postgresql://"):
            if url.startswith(plain):
                return "postgresql+psycopg://" + url[len(plain) :]
        return url

    @field_validator("tone_priority_rules")
    @classmethod
    def _known_triggers(cls, rules: dict[str, str]) -> dict[str, str]:
        from calmdesk.tone.triage import check_rules  # imports the analyser's vocabulary

        return check_rules(rules)

    @model_validator(mode="after")
    def _refuse_default_secret_in_production(self) -> Settings:
        if self.environment == "production" and (
            self.secret_key.get_secret_value() == DEFAULT_SECRET
            or len(self.secret_key.get_secret_value()) < 32
        ):
            raise ValueError(
                "CALMDESK_SECRET_KEY must be set to a random value of 32+ characters in production"
            )
        return self

    @property
    def runs_worker_in_serve(self) -> bool:
        """True when `calmdesk serve` should run the worker loop in its own process."""
        return self.is_sqlite if self.worker_in_serve is None else self.worker_in_serve

    @property
    def is_sqlite(self) -> bool:
        """True when the desk runs on the embedded SQLite file."""
        return self.database_url.startswith("sqlite")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Returns the process-wide settings, read from the environment on first use."""
    return Settings()
