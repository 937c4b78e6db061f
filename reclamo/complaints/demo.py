"""A living demo register: a few hundred realistic cases per provider, for `reclamo serve`.

Every case goes through the real write path — :func:`intake_record_open`,
:func:`complaint_register` and :func:`complaint_status_change` — so its number, deadlines, audit
trail and intake record are what a real case would have. Differences from real intake, on
purpose:

- ``acknowledge=False``: no acknowledgement is queued (the customers are invented; thousands of
  queued mails would also hold up a fresh installation's worker);
- the actor is the system, labelled "demo", so the audit trail says where the cases came from.

The random choices come from one seeded generator, so the same seed and the same ``now`` give
the same register. It is filled only while the register is empty, so restarts add nothing; and a
provider's register is filled by one process only, even when several task workers pick the
task up at once: each first opens the register's counter for the year of its first case
(:func:`register_year_open`, a conditional INSERT on the counter's unique key), and a worker
that finds it already open leaves that provider to the one that opened it.
`reclamo serve` queues it (``reclamo.complaints.tasks.demo_register_prepare``) rather than
writing it before the site starts: about 700 cases take 10-20 s on SQLite.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from reclamo.complaints.events import Actor
from reclamo.complaints.models import Complaint
from reclamo.complaints.numbering import register_year_open
from reclamo.complaints.services import (
    CustomerContact,
    Submission,
    complaint_register,
    complaint_status_change,
    intake_record_open,
)
from reclamo.domain.deadlines import CaseFacts
from reclamo.domain.policy import Policy
from reclamo.errors import ApplicationError
from reclamo.providers.models import Provider
from reclamo.providers.selectors import policy_in_force, policy_of

__all__ = ["DEMO_DAYS", "DEMO_SEED", "demo_register_fill"]

DEMO_SEED = 2026
# Cases are received over the last four months.
DEMO_DAYS = 120
ACTOR = Actor.system("demo")

# Names as they are written where each provider works; unitel serves southern Slovakia, where
# many customers are Hungarian speakers (the procedure itself is handled in Slovak, UN policy).
_FIRST = {
    "RO": ("Andrei", "Maria", "Ioana", "Mihai", "Elena", "Alexandru", "Ana", "Cristian", "Ștefan"),
    "SK": ("Peter", "Jana", "Martin", "Katarína", "Lukáš", "Zuzana", "Ján", "Mária", "Ľubomír"),
    "HU": ("László", "Erzsébet", "Gábor", "Katalin", "Zoltán", "Éva", "Attila", "Ildikó"),
}
_LAST = {
    "RO": ("Popescu", "Ionescu", "Dumitrescu", "Stan", "Gheorghiu", "Munteanu", "Constantin"),
    "SK": ("Novák", "Horváth", "Kováč", "Baláž", "Tóth", "Szabó", "Varga", "Kollár", "Šimko"),
    "HU": ("Nagy", "Kovács", "Szabó", "Tóth", "Horváth", "Varga", "Kiss", "Molnár", "Farkas"),
}
_SUBJECTS: dict[str, dict[str, tuple[str, ...]]] = {
    "ro": {
        "quality": ("Internetul se întrerupe seara", "Viteză mult sub cea contractată"),
        "billing": ("Factură dublă pentru luna trecută", "Taxă de reconectare nejustificată"),
        "equipment": ("Routerul se repornește singur", "Decodorul nu mai pornește"),
        "other": ("Nu am primit contractul semnat", "Schimbarea adresei de facturare"),
        "fault_report": ("Fără internet din această dimineață", "Nu merge televiziunea"),
        "request": ("Cerere de mutare a serviciului", "Întrebare despre abonament"),
    },
    "sk": {
        "quality": ("Internet večer vypadáva", "Rýchlosť výrazne pod zmluvnou"),
        "billing": ("Dvojitá faktúra za minulý mesiac", "Neoprávnený poplatok za zmenu"),
        "equipment": ("Router sa sám reštartuje", "Set-top box sa nedá zapnúť"),
        "other": ("Nedostal som podpísanú zmluvu", "Zmena fakturačnej adresy"),
        "fault_report": ("Od rána nejde internet", "Nejde televízny signál"),
        "request": ("Žiadosť o presťahovanie prípojky", "Otázka k taxe za službu"),
    },
}
_OUTCOMES = ("upheld", "upheld", "partially_upheld", "rejected", "rejected")


@dataclass(frozen=True, slots=True)
class _Plan:
    facts: CaseFacts
    customer: CustomerContact
    subject: str
    body: str
    registered_at: datetime


def demo_register_fill(
    *, now: datetime | None = None, seed: int = DEMO_SEED, size: tuple[int, int] = (200, 300)
) -> dict[str, int]:
    """Fill an empty register with demo cases: between ``size`` cases per provider, received
    over the last :data:`DEMO_DAYS` days before ``now``. Returns the count per provider slug;
    empty when the register already holds a case."""
    if Complaint.objects.exists():
        return {}
    now = now or timezone.now()
    rng = random.Random(seed)  # noqa: S311 - reproducible demo data, not a secret
    created: dict[str, int] = {}
    for provider in Provider.objects.filter(is_active=True).order_by("slug"):
        if Complaint.objects.filter(provider=provider).exists():
            continue  # another run is filling it, or real cases came first
        try:
            policy = policy_of(policy_in_force(provider=provider, at=now))
        except ApplicationError:
            continue
        count = rng.randint(*size)
        filled = _provider_fill(provider, policy, rng, count, now)
        if filled is not None:
            created[provider.slug] = filled
    return created


def _provider_fill(
    provider: Provider, policy: Policy, rng: random.Random, count: int, now: datetime
) -> int | None:
    """The cases registered; None when another process claimed this register first."""
    zone = ZoneInfo(policy.time_zone)
    start = now - timedelta(days=DEMO_DAYS)
    # Received in order, so the numbers follow the receipt as they do in a real register.
    receipts = sorted(_receipt(rng, start, now, zone) for _ in range(count))
    if not receipts or not register_year_open(
        provider=provider, year=receipts[0].astimezone(zone).year
    ):
        return None
    registered = 0
    for received_at in receipts:
        plan = _plan(policy, rng, received_at, now)
        if plan is None:
            continue
        intake = intake_record_open(
            provider=provider,
            channel=plan.facts.channel,
            received_at=received_at,
            source_label="demo",
            payload={"demo": True, "subject": plan.subject, "customer": plan.customer.name},
        )
        try:
            registration = complaint_register(
                provider=provider,
                submission=Submission(
                    facts=plan.facts, customer=plan.customer, subject=plan.subject, body=plan.body
                ),
                actor=ACTOR,
                intake=intake,
                registered_at=plan.registered_at,
                acknowledge=False,
            )
        except ApplicationError:
            # A combination the procedure refuses stays in the intake log, as a real one would.
            continue
        registered += 1
        _progress(registration.complaint, rng, now)
    return registered


def _receipt(rng: random.Random, start: datetime, now: datetime, zone: ZoneInfo) -> datetime:
    day = start + timedelta(seconds=rng.uniform(0, (now - start).total_seconds() - 3600))
    local = day.astimezone(zone)
    # Mostly in the day's working hours, as customers write and call.
    local = local.replace(hour=rng.choice((8, 9, 10, 11, 13, 14, 15, 16, 17, 19, 21)))
    return min(local.astimezone(start.tzinfo), now - timedelta(hours=1))


def _plan(policy: Policy, rng: random.Random, received_at: datetime, now: datetime) -> _Plan | None:
    kinds = [kind for kind in ("complaint", "fault_report", "request") if kind in policy.kinds]
    kind = rng.choices(kinds, weights=(6, 3, 1)[: len(kinds)])[0]
    channels = [channel.kind for channel in policy.accepting_channels(kind)]
    if not channels:
        return None
    channel = rng.choice(channels)
    category = rng.choice(("quality", "quality", "billing", "billing", "equipment", "other"))
    fault = kind == "fault_report" or (category == "quality" and rng.random() < 0.3)
    facts = CaseFacts(
        kind=kind,
        channel=channel,
        received_at=received_at,
        category=category if kind == "complaint" else None,
        complexity=rng.choice((None, None, None, "technical")),
        fault_location=rng.choice(("customer_premises", "outside_premises")) if fault else None,
        fault_started_at=received_at - timedelta(hours=rng.randint(1, 30)) if fault else None,
    )
    language = policy.complaint_languages[0]
    country = "HU" if policy.country == "SK" and rng.random() < 0.3 else policy.country
    name = f"{rng.choice(_FIRST[country])} {rng.choice(_LAST[country])}"
    subjects = _SUBJECTS.get(language, _SUBJECTS["sk"])
    subject = rng.choice(subjects[kind if kind != "complaint" else category])
    written = channel in {"email", "web", "portal", "api"}
    login = name.lower().replace(" ", ".").encode("ascii", "ignore").decode()
    email = f"{login}@example.{policy.country.lower()}" if written or rng.random() < 0.5 else ""
    phone = "" if email and rng.random() < 0.5 else _phone(rng, policy.country)
    # A letter is entered when it is opened, some hours after its delivery (T-6: the deadlines
    # count from the delivery); electronic channels register on arrival.
    delay = timedelta(hours=rng.randint(1, 20)) if channel == "letter" else timedelta(minutes=1)
    return _Plan(
        facts=facts,
        customer=CustomerContact(name=name, email=email, phone=phone, language=language),
        subject=subject,
        body=f"{subject}.",
        registered_at=min(received_at + delay, now),
    )


def _phone(rng: random.Random, country: str) -> str:
    if country == "RO":
        return f"+407{rng.randint(20_000_000, 99_999_999)}"
    return f"+4219{rng.randint(10_000_000, 49_999_999)}"


def _progress(complaint: Complaint, rng: random.Random, now: datetime) -> None:
    """Take the case as far as a real one of its age would be: most older ones settled, some
    still open past their deadline (overdue), recent ones registered or in progress."""
    age = now - complaint.received_at
    roll = rng.random()
    if age < timedelta(days=2) and roll < 0.6:
        return
    started = min(complaint.registered_at + timedelta(hours=rng.randint(1, 48)), now)
    complaint_status_change(complaint=complaint, actor=ACTOR, status="in_progress", at=started)
    if (age < timedelta(days=10) and roll < 0.8) or roll < 0.12:
        # Still open: the older of these are the register's overdue cases.
        if roll < 0.04:
            waiting = min(started + timedelta(days=1), now)
            complaint_status_change(
                complaint=complaint, actor=ACTOR, status="waiting_for_customer", at=waiting
            )
        return
    settled = min(started + timedelta(days=rng.uniform(1, min(age.days, 25) + 1)), now)
    status, outcome = ("withdrawn", "withdrawn") if roll > 0.97 else ("resolved", None)
    complaint_status_change(
        complaint=complaint,
        actor=ACTOR,
        status=status,
        outcome=outcome or rng.choice(_OUTCOMES),
        at=settled,
    )
    if status == "resolved":
        # Its written statement went out when it was settled (the procedure's end, UN-11,
        # PC-15): the dashboard and the quality reports count resolution times to it.
        Complaint.objects.filter(pk=complaint.pk).update(
            decided_at=settled, statement_sent_at=settled
        )
