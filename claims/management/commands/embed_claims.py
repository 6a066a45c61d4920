"""`manage.py embed_claims [--batch N] [--no-match] [--inline] [--no-wait]`: backfill vectors.

Resumable: only claims without a current vector (model and text unchanged) are sent, so a
stopped run picks up where it was. With a broker each batch is one Celery task, spread over
every running worker; the progress bar follows the stored vectors. `--inline` embeds here.
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand
from tqdm import tqdm

from claims.services.matching import claims_needing_vectors
from claims.tasks import embed_and_match_claims_task


class Command(BaseCommand):
    help = "Embed (and match) every claim that has no current vector, in batches."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--batch", type=int, default=64, help="claims per task (default 64)")
        parser.add_argument("--no-match", action="store_true", help="store vectors only")
        parser.add_argument("--inline", action="store_true", help="embed in this process")
        parser.add_argument("--no-wait", action="store_true", help="enqueue and return")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        todo = claims_needing_vectors()
        batch = max(1, options["batch"])
        match = not options["no_match"]
        batches = [todo[i : i + batch] for i in range(0, len(todo), batch)]
        self.stdout.write(f"{len(todo)} claims to embed in {len(batches)} batches.")
        bar = tqdm(total=len(todo), unit="claim", file=self.stderr._out, disable=not todo)
        if options["inline"]:
            for ids in batches:
                embed_and_match_claims_task.apply(kwargs={"claim_ids": ids, "match": match})
                bar.update(len(ids))
            bar.close()
            return
        for ids in batches:
            embed_and_match_claims_task.delay(claim_ids=ids, match=match)
        if options["no_wait"]:
            bar.close()
            return
        remaining = len(todo)
        while remaining:
            time.sleep(1.0)
            left = len(claims_needing_vectors(among=todo))
            bar.update(remaining - left)
            remaining = left
        bar.close()
