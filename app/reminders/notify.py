"""Sending a reminder as a desktop notification (freedesktop D-Bus, via desktop-notifier).

The text is fixed and general: a notification is seen by anyone near the
screen and may be kept in the desktop's history, so it never carries pain data.
desktop-notifier logs a failure instead of raising it; `send_notification`
turns "not dispatched" into NotifyError with a one-line reason.
"""

from __future__ import annotations

import logging

from app.config import session_bus_address, use_session_bus

TITLE = "Pain Diary"
BODY = "Time to log today's pain."
#: The freedesktop icon-theme name shown with the notification.
ICON_NAME = "appointment-soon"
#: How long to wait for the notification service before giving up.
TIMEOUT_SECONDS = 3.0


class NotifyError(RuntimeError):
    """No notification service answered; the message says why, in one line."""


class _Failure(logging.Handler):
    """Keeps the reason desktop-notifier logs when a notification fails."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.reason: str | None = None

    def emit(self, record: logging.LogRecord) -> None:
        error = record.exc_info[1] if record.exc_info else None
        self.reason = (str(error) or type(error).__name__) if error else record.getMessage()


async def _send(title: str, body: str) -> bool:
    from desktop_notifier import DesktopNotifier, Icon

    dispatched = False

    def on_dispatched() -> None:
        nonlocal dispatched
        dispatched = True

    # A themed icon by its freedesktop name (the library's default is a Python logo).
    notifier = DesktopNotifier(app_name=TITLE, app_icon=Icon(name=ICON_NAME))
    try:
        await notifier.send(title, body, on_dispatched=on_dispatched)
    finally:
        # The D-Bus backend keeps its connection open for clicks; this process
        # does not wait for clicks, so close it with the loop it belongs to.
        bus = getattr(notifier._backend, "bus", None)
        if bus is not None:
            bus.disconnect()
    return dispatched


def send_notification(
    title: str = TITLE, body: str = BODY, timeout: float = TIMEOUT_SECONDS
) -> None:
    """Show a desktop notification now; NotifyError (one line) when no service takes it.

    Runs its own event loop: call it from a thread that has none (the CLI, or a
    short-lived worker thread in the app, so the window never waits for D-Bus).
    """
    import asyncio  # here: the app imports this module at start-up

    address = session_bus_address()
    if address is None:
        raise NotifyError(
            "no desktop session bus to send the notification on "
            "(DBUS_SESSION_BUS_ADDRESS is not set and there is no $XDG_RUNTIME_DIR/bus)"
        )
    # desktop-notifier connects to the bus named in the environment (cron sets none).
    use_session_bus(address)
    failure = _Failure()
    logger = logging.getLogger("desktop_notifier")
    logger.addHandler(failure)
    propagate, logger.propagate = logger.propagate, False  # the reason is ours to say, once
    try:
        dispatched = asyncio.run(asyncio.wait_for(_send(title, body), timeout))
    except TimeoutError:
        raise NotifyError(
            f"the desktop notification service did not answer within {timeout:g} s"
        ) from None
    except Exception as error:  # the bus library raises many kinds
        raise NotifyError(f"the desktop session bus could not be reached ({error})") from None
    finally:
        logger.removeHandler(failure)
        logger.propagate = propagate
    if not dispatched:
        reason = failure.reason or "the notification was not accepted"
        raise NotifyError(f"no desktop notification service answered ({reason})")
