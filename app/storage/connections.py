"""An open diary file's connections: one sqlite3 reader per thread, one engine for writes.

Reads are plain sqlite3 (fast to open, no SQLAlchemy at start-up); writes go
through SQLAlchemy Core with BEGIN IMMEDIATE, so two writers queue on the
busy timeout instead of failing on a lock upgrade. SQLite's low-level errors
leave here as `DiaryFileError`s that name the file.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from app.storage.database import DiaryFileError, checkpoint, connect, db_errors, sqlite_error

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine


class DiaryConnections:
    """The connections of one open diary file; `close()` checkpoints the WAL into the file."""

    def __init__(self, path: Path, *, read_only: bool = False, key: str | None = None):
        self.path = path
        self.read_only = read_only
        #: An encrypted diary's raw key (derived once, see app.storage.cipher); dropped on close.
        self.key = key
        self._engine: Engine | None = None
        # One read connection per thread (Trends computes insights on a worker
        # thread): sqlite3 transactions must not interleave on one connection.
        self._local = threading.local()
        self._readers: dict[threading.Thread, sqlite3.Connection] = {}
        self._lock = threading.Lock()

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine for writes and migrations, made when first needed."""
        with self._lock:
            if self._engine is None:
                from app.storage.database import make_engine

                self._engine = make_engine(self.path, read_only=self.read_only, key=self.key)
            return self._engine

    def prepare_to_write(self) -> None:
        """Load the write path now (SQLAlchemy, the tables), so the first save is instant."""
        from app.storage import writes  # noqa: F401  (the import is the preparation)

        _ = self.engine

    def reader(self) -> sqlite3.Connection:
        """This thread's read connection."""
        connection = getattr(self._local, "connection", None)
        if connection is None:
            connection = connect(self.path, read_only=self.read_only, key=self.key)
            self._local.connection = connection
            with self._lock:
                # Worker threads come and go (one per analysis): close what they left.
                for thread in [t for t in self._readers if not t.is_alive()]:
                    self._readers.pop(thread).close()
                self._readers[threading.current_thread()] = connection
        return connection

    @property
    def reader_count(self) -> int:
        """How many read connections are open (one per live thread that read)."""
        with self._lock:
            return len(self._readers)

    @contextlib.contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """One read transaction: everything read in it is one state of the diary."""
        with translate_errors(self.path):
            connection = self.reader()
            connection.execute("BEGIN")
            try:
                yield connection
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")

    @contextlib.contextmanager
    def write(self) -> Iterator[Connection]:
        """One write transaction (BEGIN IMMEDIATE) through SQLAlchemy."""
        with translate_errors(self.path), self.engine.connect() as connection:
            connection.execution_options(write=True)
            with connection.begin():
                yield connection

    def close(self) -> None:
        """Release the file, checkpointing the WAL back into it.

        After the checkpoint the saved days live in the main file and the WAL is
        empty, even while another program (the app, a command) keeps the diary
        open and so stops SQLite's own checkpoint on close.
        """
        with self._lock:
            readers, self._readers = self._readers, {}
            engine, self._engine = self._engine, None
        if engine is not None:
            engine.dispose()
        *others, last = [None, *readers.values()]
        for connection in others:
            if connection is not None:
                connection.close()
        if last is not None:
            if not self.read_only:
                checkpoint(last)
            last.close()
        self._local = threading.local()
        self.key = None  # a closed (locked) diary keeps no key in memory


def raw(connection: Connection) -> sqlite3.Connection:
    """The sqlite3 connection under a SQLAlchemy one (reads inside a write transaction)."""
    return connection.connection.driver_connection


@contextlib.contextmanager
def translate_errors(path: Path) -> Iterator[None]:
    """SQLite's low-level errors become messages that name the diary file.

    Errors come straight from sqlite3 (reads) or wrapped by SQLAlchemy (writes,
    with the sqlite3 error as `.orig`); integrity errors pass through as they are.
    SQLite's error code tells busy, disk full and read-only apart from damage.
    """
    try:
        yield
    except Exception as error:
        orig = error if isinstance(error, db_errors()) else getattr(error, "orig", None)
        if not isinstance(orig, db_errors("DatabaseError")) or isinstance(
            orig, db_errors("IntegrityError")
        ):
            raise
        found = sqlite_error(path, orig)
        if type(found) is DiaryFileError and isinstance(orig, db_errors("OperationalError")):
            # Not damage (that is CORRUPT or NOTADB, a DatabaseError): say what SQLite said.
            found = DiaryFileError(f"{path} cannot be used: {orig}")
        raise found from None
