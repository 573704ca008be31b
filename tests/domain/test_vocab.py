"""Reading a vocabulary code from what people type, by hand."""

from __future__ import annotations

import pytest

from app.domain import vocab
from app.domain.vocab import code_for


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("thigh_back", "thigh_back"),  # the code
        (" Back of THIGH ", "thigh_back"),  # its label, any case
        ("thigh-back", "thigh_back"),  # hyphens for underscores
        ("Thigh Back", "thigh_back"),  # spaces for underscores
        ("thigh", None),
        ("back", None),
        ("", None),
    ],
)
def test_code_for_by_hand(text: str, code: str | None) -> None:
    assert code_for(vocab.REGIONS, text) == code
