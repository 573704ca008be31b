"""Whether the writer named in a temporary's name is alive, decided without harming it.

`os.kill` is replaced by a recorder here: the real one would signal real processes.
"""

from __future__ import annotations

import errno
import os

import pytest

from app.storage import backups

OTHER = 4_000_000  # not this process


def _kill_that(outcome: BaseException | None, sent: list[tuple[int, int]]):  # type: ignore[no-untyped-def]
    def kill(pid: int, signal: int) -> None:
        sent.append((pid, signal))
        if outcome is not None:
            raise outcome

    return kill


def test_a_process_is_probed_with_signal_0_which_sends_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sent: list[tuple[int, int]] = []
    monkeypatch.setattr(os, "kill", _kill_that(None, sent))
    assert backups._alive(OTHER) is True
    assert sent == [(OTHER, 0)]


@pytest.mark.parametrize(
    ("outcome", "alive"),
    [
        (ProcessLookupError(errno.ESRCH, "No such process"), False),
        (PermissionError(errno.EPERM, "Operation not permitted"), True),  # another user's
        (OSError(errno.EINVAL, "Invalid argument"), True),  # cannot tell: keep its file
    ],
)
def test_only_a_process_known_to_be_gone_is_dead(
    monkeypatch: pytest.MonkeyPatch, outcome: BaseException, alive: bool
) -> None:
    sent: list[tuple[int, int]] = []
    monkeypatch.setattr(os, "kill", _kill_that(outcome, sent))
    assert backups._alive(OTHER) is alive
    assert sent == [(OTHER, 0)]


def test_on_windows_no_signal_is_sent_and_the_writer_counts_as_alive(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """os.kill(pid, 0) there would end the process; its file goes by its age instead."""
    sent: list[tuple[int, int]] = []
    monkeypatch.setattr(os, "kill", _kill_that(ProcessLookupError(), sent))
    with monkeypatch.context() as windows:
        windows.setattr(os, "name", "nt")
        alive = backups._alive(OTHER)
    assert alive is True and sent == []
