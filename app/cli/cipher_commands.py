"""Commands that encrypt a diary, decrypt it, or change its passphrase, and how a
command gets a passphrase: `--passphrase-file F`, $PAIN_DIARY_PASSPHRASE, or a
prompt without echo on a terminal. The passphrase is never printed or stored.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from app.cli.parsing import EXIT_OK, UsageError, command
from app.config import (
    ENV_NEW_PASSPHRASE,
    ENV_PASSPHRASE,
    default_diary_path,
    passphrase_from_environment,
)
from app.diary import Diary

#: Commands whose output files are plain even from an encrypted diary (said when they run).
PLAINTEXT_OUTPUTS = frozenset({"export", "chart", "report"})


def diary_path(args: argparse.Namespace) -> Path:
    """The diary a command works on: --db, else the default."""
    return (getattr(args, "db", None) or default_diary_path()).expanduser()


def read_passphrase(
    args: argparse.Namespace,
    *,
    new: bool = False,
    file_option: str = "passphrase_file",
    env: str = ENV_PASSPHRASE,
) -> str:
    """The passphrase from the file option, the environment, or the terminal (twice if `new`)."""
    file = getattr(args, file_option, None)
    if file is not None:
        try:
            text = Path(file).expanduser().read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise UsageError(f"{file}: cannot read the passphrase file ({error})") from None
        text = text.removesuffix("\n").removesuffix("\r")  # what an editor or echo adds
        where = str(file)
    elif passphrase_from_environment(env):
        text, where = passphrase_from_environment(env) or "", f"${env}"
    elif sys.stdin.isatty():
        label = "New passphrase" if new else "Passphrase"
        text = getpass.getpass(f"{label} for {diary_path(args)}: ")
        if new and getpass.getpass("Again, to be sure: ") != text:
            raise UsageError("the two passphrases differ; nothing was changed")
        where = "the prompt"
    else:
        option = "--" + file_option.replace("_", "-")
        raise UsageError(
            f"{diary_path(args)} needs a passphrase: give it with {option} FILE or ${env} "
            "(there is no terminal to ask on)"
        )
    if not text:
        raise UsageError(f"the passphrase from {where} is empty")
    return text


def passphrase_if_encrypted(args: argparse.Namespace) -> str | None:
    """The passphrase when the command's diary needs one (encrypted); None for a plain one."""
    if not Diary.needs_passphrase(diary_path(args)):
        return None
    return read_passphrase(args)


def _say_backups(done: object, verb: str) -> None:
    converted = getattr(done, "converted", [])
    removed = getattr(done, "removed", [])
    for path in converted:
        print(f"  backup {verb}: {path}")
    for path in removed:
        print(f"  backup removed (it could not be {verb}; overwritten, then deleted): {path}")
    print(f"{len(converted)} backups {verb}, {len(removed)} removed.")


@command("encrypt", "encrypt the diary and its backups with a passphrase", opens_diary=False)
def cmd_encrypt(args: argparse.Namespace) -> int:
    """Encrypt a plain diary in place (the plain file is wiped once the copy is verified)."""
    path = diary_path(args)
    if Diary.is_encrypted(path):
        raise UsageError(f"{path} is encrypted already; nothing was changed")
    passphrase = read_passphrase(args, new=True)
    done = Diary.encrypt(path, passphrase)
    print(f"Encrypted {path}.")
    _say_backups(done, "encrypted")
    print(
        "Keep the passphrase safe: without it the diary cannot be opened, and it cannot "
        "be recovered. Exports (CSV, JSON, FHIR, PDF, charts) are still plain files."
    )
    return EXIT_OK


@command("decrypt", "turn an encrypted diary back into a plain one", opens_diary=False)
def cmd_decrypt(args: argparse.Namespace) -> int:
    """Decrypt an encrypted diary in place, and its backups."""
    path = diary_path(args)
    passphrase = read_passphrase(args)
    done = Diary.decrypt(path, passphrase)
    print(f"Decrypted {path}: it is a plain diary again, readable by anyone who can read the file.")
    _say_backups(done, "decrypted")
    return EXIT_OK


def _passphrase_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--new-passphrase-file",
        type=Path,
        metavar="FILE",
        help=f"read the new passphrase from FILE (else ${ENV_NEW_PASSPHRASE}, else asked)",
    )


@command(
    "passphrase",
    "change an encrypted diary's passphrase",
    _passphrase_arguments,
    opens_diary=False,
)
def cmd_passphrase(args: argparse.Namespace) -> int:
    """Change the passphrase of the diary and of its backups (PRAGMA rekey)."""
    path = diary_path(args)
    if not Diary.is_encrypted(path):
        raise UsageError(f"{path} is not encrypted; encrypt it with: pain-diary encrypt")
    old = read_passphrase(args)
    new = read_passphrase(args, new=True, file_option="new_passphrase_file", env=ENV_NEW_PASSPHRASE)
    done = Diary.change_passphrase(path, old, new)
    print(f"Changed the passphrase of {path}.")
    _say_backups(done, "given the new passphrase")
    return EXIT_OK
