"""Which playbook techniques a situation calls for."""

from __future__ import annotations

from calmdesk.playbook import selection
from calmdesk.playbook.selection import Situation
from calmdesk.playbook.techniques import SETTINGS, TECHNIQUES


def _keys(situation: Situation) -> list[str]:
    return [chosen.technique.key for chosen in selection.choose(situation)]


def test_the_setting_comes_from_the_channel_unless_it_is_a_field_visit() -> None:
    assert selection.setting_for(channel="phone", field_visit=False) == "phone"
    assert selection.setting_for(channel="email", field_visit=False) == "written"
    assert selection.setting_for(channel="chat", field_visit=False) == "written"
    assert selection.setting_for(channel="phone", field_visit=True) == "face_to_face"


def test_a_calm_written_contact_gets_the_basics_only() -> None:
    assert _keys(Situation("written")) == ["restate", "options_not_never", "closed_question"]


def test_abuse_on_the_phone_starts_with_the_pause_and_the_boundary() -> None:
    keys = _keys(Situation("phone", abusive=True, signals=frozenset({"insult"})))
    assert keys[:3] == ["pause_first", "boundary", "slow_voice"]
    assert "written_read_aloud" not in keys and "distance" not in keys
    assert keys[-4:] == ["let_them_tell", "restate", "options_not_never", "closed_question"]  # the basics


def test_face_to_face_brings_space_distance_body_language_and_silence() -> None:
    keys = _keys(Situation("face_to_face", upset=True))
    for key in ("semi_private", "distance", "neutral_body", "silence"):
        assert key in keys
    assert "leave_safely" not in keys  # only when abusive
    assert "leave_safely" in _keys(Situation("face_to_face", abusive=True))
    assert "written_read_aloud" not in keys


def test_signals_bring_their_own_techniques_and_say_why() -> None:
    chosen = selection.choose(Situation("written", signals=frozenset({"manager_demand", "legal_threat"})))
    by_key = {c.technique.key: c.because for c in chosen}
    assert by_key["manager_request"] == ("manager_demand",)
    assert by_key["legal_calm"] == ("legal_or_regulator",)
    assert [c.technique.key for c in chosen][:2] == ["manager_request", "legal_calm"]


def test_the_list_is_bounded_and_every_setting_has_advice() -> None:
    worst = Situation(
        "face_to_face",
        abusive=True,
        signals=frozenset({"repeated_contact", "manager_demand", "legal_threat", "cancel_or_switch"}),
    )
    assert len(selection.choose(worst)) == selection.MAX_SHOWN
    for setting in SETTINGS:
        assert selection.choose(Situation(setting)), setting
    assert len({t.key for t in TECHNIQUES}) == len(TECHNIQUES)
