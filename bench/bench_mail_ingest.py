"""Emails ingested per second by `reclamo import_mail` from a Maildir of realistic messages.

    uv run python bench/bench_mail_ingest.py [--messages 10000] [--database sqlite|postgres|both]

Writes a Maildir of ``--messages`` messages into a temporary directory: Romanian customers
writing to the three ProNET addresses, plain text or text + HTML, a third with a PDF attachment
(20–200 KB), one in ten a reply to an earlier message (it joins that case), one in fifty an
auto-reply (ignored), one in a hundred a copy of an earlier message (a duplicate). Then, for each
database, it starts from an empty one (SQLite: a file in a temporary data directory; PostgreSQL:
``BENCH_DATABASE_URL``, default postgres://postgres@127.0.0.1:5432/reclamo_bench_mail, dropped
and created again), migrates, loads the bundled procedures, and times `reclamo import_mail
pronet MAILDIR` in its own process: every message stored in the intake log with its raw file,
parsed, deduplicated, registered or joined, attachments stored, the acknowledgement queued.
Prints messages per second, the import's CPU time per message (user + system: what the code
costs, whatever else the machine runs), the load average, and the outcomes, and checks the
register has a case per registration.
"""

from __future__ import annotations

import argparse
import mailbox
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/reclamo_bench_mail"
ADDRESSES = ("tehnic@pronetit.ro", "clienti@pronetit.ro", "plati@pronetit.ro")
FIRST = ("Ana", "Ion", "Maria", "Andrei", "Elena", "Mihai", "Ioana", "Radu", "Cristina", "Vlad")
LAST = ("Popescu", "Ionescu", "Dumitru", "Stan", "Gheorghe", "Constantin", "Marin", "Tudor")
SUBJECTS = (
    "Internetul nu funcționează de ieri",
    "Factura din noiembrie este greșită",
    "Viteză foarte mică seara",
    "Router defect",
    "Cerere reziliere contract",
    "Plată dublă",
)
PARAGRAPH = (
    "Bună ziua, vă scriu deoarece de câteva zile conexiunea la internet se întrerupe de mai multe "
    "ori pe seară, iar viteza scade mult sub cea din contract. Am repornit routerul de mai multe "
    "ori, fără rezultat. Vă rog să verificați linia și să mă contactați. "
)


def _pdf(size: int, rng: random.Random) -> bytes:
    return b"%PDF-1.4\n" + rng.randbytes(size) + b"\n%%EOF\n"


def build_maildir(path: Path, count: int, seed: int = 11) -> None:
    rng = random.Random(seed)
    box = mailbox.Maildir(path)
    sent: list[tuple[str, str]] = []
    start = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)
    for index in range(count):
        at = start + timedelta(seconds=index * 97)
        roll = rng.random()
        if roll < 0.01 and sent:
            raw = box.get_bytes(rng.choice(list(box.keys())))  # a copy: a duplicate
            box.add(raw)
            continue
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        address = f"{name.split()[0].lower()}.{index}@example.ro"
        message = EmailMessage()
        message["From"] = f"{name} <{address}>"
        message["To"] = rng.choice(ADDRESSES)
        message["Date"] = format_datetime(at)
        message_id = make_msgid(domain="example.ro")
        message["Message-ID"] = message_id
        subject = rng.choice(SUBJECTS)
        if roll < 0.03:
            message["Auto-Submitted"] = "auto-replied"
            subject = "Răspuns automat: în concediu"
        elif roll < 0.13 and sent:
            earlier_id, earlier_subject = rng.choice(sent)
            message["In-Reply-To"] = earlier_id
            message["References"] = earlier_id
            subject = f"Re: {earlier_subject}"
        message["Subject"] = subject
        text = PARAGRAPH * rng.randint(1, 4) + f"\n\nCu stimă,\n{name}\n"
        message.set_content(text)
        if rng.random() < 0.5:
            message.add_alternative(f"<html><body><p>{text}</p></body></html>", subtype="html")
        if rng.random() < 0.33:
            message.add_attachment(
                _pdf(rng.randint(20_000, 200_000), rng),
                maintype="application",
                subtype="pdf",
                filename="factura.pdf",
            )
        raw = message.as_bytes()
        received = f"Received: from mx.example.ro by mail.pronetit.ro; {format_datetime(at)}\r\n"
        box.add(received.encode() + raw)
        sent.append((message_id, subject))
    box.close()


def _reclamo(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own command
        [sys.executable, "-m", "reclamo", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )


def _recreate_postgres(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def run(database: str, maildir: Path, count: int) -> float:
    with tempfile.TemporaryDirectory(prefix="reclamo-bench-mail-") as data:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.local",
            "RECLAMO_DATA_DIR": data,
        }
        env.pop("DATABASE_URL", None)
        if database == "postgres":
            url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
            _recreate_postgres(url)
            env["DATABASE_URL"] = url
        _reclamo(env, "migrate", "-v", "0")
        _reclamo(
            env,
            "shell",
            "-c",
            "from reclamo.providers.services import bundled_policies_load; bundled_policies_load()",
        )
        started = time.perf_counter()
        cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
        done = _reclamo(env, "import_mail", "pronet", str(maildir))
        elapsed = time.perf_counter() - started
        cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
        # The import's own CPU time (user + system): on a shared, loaded machine the wall time
        # mostly measures the other processes; this does not.
        cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (
            cpu_after.ru_stime - cpu_before.ru_stime
        )
        summary = done.stdout.strip().splitlines()[-1]
        check = (
            _reclamo(
                env,
                "shell",
                "-c",
                "from reclamo.complaints.models import Complaint, IntakeRecord;"
                "print(Complaint.objects.count(), "
                "IntakeRecord.objects.filter(outcome='registered').count())",
            )
            .stdout.strip()
            .splitlines()[-1]
            .split()
        )
        assert check[0] == check[1], f"cases {check[0]} != registered intake records {check[1]}"
        rate = count / elapsed
        print(
            f"{database}: {count} messages in {elapsed:.1f} s = {rate:.0f} messages/s; "
            f"import_mail CPU {cpu:.1f} s = {1000 * cpu / count:.1f} ms per message "
            f"({summary}; {check[0]} cases; load average {os.getloadavg()[0]:.1f})",
            flush=True,
        )
        return rate


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="reclamo-maildir-") as folder:
        maildir = Path(folder) / "Maildir"
        started = time.perf_counter()
        build_maildir(maildir, options.messages)
        size = sum(f.stat().st_size for f in maildir.rglob("*") if f.is_file())
        print(
            f"Maildir: {options.messages} messages, {size / 1e6:.0f} MB, written in "
            f"{time.perf_counter() - started:.1f} s",
            flush=True,
        )
        databases = ["sqlite", "postgres"] if options.database == "both" else [options.database]
        for database in databases:
            run(database, maildir, options.messages)
    return 0


if __name__ == "__main__":
    sys.exit(main())
