"""The stored analysis of each customer message."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Float, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from calmdesk.clock import utcnow
from calmdesk.db import Base


class MessageAnalysis(Base):
    """What the tone analyser read in one customer message, with the model that read it."""

    __tablename__ = "message_analyses"

    message_id: Mapped[int] = mapped_column(ForeignKey("messages.id", ondelete="CASCADE"), primary_key=True)
    model_version: Mapped[str] = mapped_column(String(80))
    anger: Mapped[float] = mapped_column(Float)
    abuse: Mapped[float] = mapped_column(Float)
    complaint: Mapped[float] = mapped_column(Float)
    escalation_risk: Mapped[float] = mapped_column(Float)
    mood: Mapped[float] = mapped_column(Float)
    is_angry: Mapped[bool] = mapped_column(Boolean)
    is_abusive: Mapped[bool] = mapped_column(Boolean)
    is_complaint: Mapped[bool] = mapped_column(Boolean)
    # [{"kind", "weight", "spans": [{"start", "end", "text"}]}], as MessageReport.to_dict() gives them.
    signals: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    analysed_at: Mapped[datetime] = mapped_column(default=utcnow)
