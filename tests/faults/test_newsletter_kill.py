"""`kill -9` of `maillage send-newsletters` in the middle of 2,000 deliveries, then a second run: every
address receives the letter exactly once, through a real SMTP server (aiosmtpd) on the loopback.

Each delivery is claimed (committed) before anything leaves; the server gets the whole message but its
final line; the delivery is committed `sent`; then the final line leaves (newsletters/services/handover.py).
The kill is sent the moment the server has received a third of the messages — when the run is most
likely waiting for the server's answer to a message it has just ended, the moment where recording the
delivery after the answer would have lost track of it. Killed before the commit, the server never had
the end of that message and delivered nothing: the next run sends it. So: every address once, none
twice, no delivery left uncertain.
"""

from __future__ import annotations

import collections
import json
import signal
import subprocess
import sys
import threading
import time
from typing import Any

from aiosmtpd.controller import Controller

from tests.faults.conftest import ROOT, Server, command_env, maillage
from tests.smtp import free_port

ADDRESSES = 2000
SEED = f"""
from django.utils import timezone
from maillage.newsletters.models import MailingList, Subscriber, Subscription, Letter
from maillage.newsletters.services.sending import letter_queue
ml = MailingList.objects.create(slug="essai", name="Exemple fictif : lettre d'essai", sample=True)
emails = [f"lecteur{{n:04d}}@exemple.invalid" for n in range({ADDRESSES})]
Subscriber.objects.bulk_create([Subscriber(email=e) for e in emails])
now = timezone.now()
Subscription.objects.bulk_create([
    Subscription(subscriber=s, mailing_list=ml, status="confirmed", source="import", confirmed_at=now)
    for s in Subscriber.objects.all()
])
letter = Letter.objects.create(mailing_list=ml, subject="Exemple fictif : essai",
                               blocks=[{{"kind": "text", "ref": "", "text": "Bonjour."}}])
print(letter_queue(letter=letter))
"""
STATE = """
import json
from django.db.models import Count
from maillage.newsletters.models import Delivery, Letter
uncertain = Delivery.objects.filter(status="uncertain").values_list("email", flat=True)
print(json.dumps({"statuses": dict(Delivery.objects.values_list("status").annotate(n=Count("id"))),
                  "uncertain": list(uncertain), "letter": Letter.objects.get().status}))
"""


class Counter:
    def __init__(self) -> None:
        self.received: collections.Counter[str] = collections.Counter()
        self.lock = threading.Lock()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self.lock:
            self.received.update(envelope.rcpt_tos)
        return "250 OK"

    def total(self) -> int:
        with self.lock:
            return sum(self.received.values())


def _env(server: Server, port: int) -> dict[str, str]:
    env = command_env(server.url("envoi"), server.tmp)
    env.update(
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(port),
        MAILLAGE_NEWSLETTER_HOURLY_LIMIT="0",
        MAILLAGE_NEWSLETTER_STALE_SECONDS="0",
    )
    return env


def test_kill_9_mid_send_then_resume_delivers_each_address_once(server: Server) -> None:
    server.create_empty("envoi")
    url = server.url("envoi")
    maillage(url, server.tmp, "migrate", "--noinput", "-v", "0")
    queued = maillage(url, server.tmp, "shell", "-c", SEED).stdout.strip().splitlines()[-1]
    assert queued == str(ADDRESSES)

    counter, port = Counter(), free_port()
    controller = Controller(counter, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        command = [
            sys.executable,
            "-m",
            "maillage.cli",
            "send-newsletters",
            "--until-empty",
            "--batch",
            "200",
        ]
        with subprocess.Popen(
            command, cwd=ROOT, env=_env(server, port), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        ) as process:
            deadline = time.monotonic() + 300
            while counter.total() < ADDRESSES // 3 and process.poll() is None and time.monotonic() < deadline:
                time.sleep(0.005)
            process.send_signal(signal.SIGKILL)
            process.wait()
        assert process.returncode == -signal.SIGKILL, "the run ended before it could be killed"
        at_kill = counter.total()
        assert 0 < at_kill < ADDRESSES
        killed = json.loads(maillage(url, server.tmp, "shell", "-c", STATE).stdout.strip().splitlines()[-1])
        assert killed["statuses"].get("sending", 0) <= 1, killed  # one delivery at most was in flight
        assert killed["statuses"].get("sent", 0) in (at_kill, at_kill + 1), (at_kill, killed)

        rerun = subprocess.run(
            command,
            cwd=ROOT,
            env=_env(server, port),
            capture_output=True,
            text=True,
            check=False,
            timeout=600,
        )
        assert rerun.returncode == 0, rerun.stderr
    finally:
        controller.stop()

    state = json.loads(maillage(url, server.tmp, "shell", "-c", STATE).stdout.strip().splitlines()[-1])
    print(f"killed after {at_kill} messages received ({killed}); then {state}")  # shown with pytest -s
    assert state["uncertain"] == [], state
    assert state["statuses"] == {"sent": ADDRESSES}, state
    assert state["letter"] == "sent"
    twice = [address for address, n in counter.received.items() if n > 1]
    assert twice == [], f"received twice: {twice[:5]}"
    expected = {f"lecteur{n:04d}@exemple.invalid" for n in range(ADDRESSES)}
    assert set(counter.received) == expected, (
        f"never received: {sorted(expected - set(counter.received))[:5]}"
    )
