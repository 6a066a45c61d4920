"""The desk's roles as Django groups: which permissions each grants.

Used by the data migration that creates the groups and by tests; the workflow service checks
these permissions, so the admin's buttons are only a convenience.
"""

MODELS_EDITORS_WRITE = {
    "claims": [
        "article",
        "claim",
        "attribution",
        "actor",
        "actoralias",
        "verdict",
        "outlet",
        "claimcluster",
    ],
    "sources": ["source", "claimsource"],
}
# Everything editors write, plus the configuration and history nobody edits by hand.
MODELS_EVERYONE_READS = {
    "claims": [
        *MODELS_EDITORS_WRITE["claims"],
        "claimevent",
        "rating",
        "ratingscale",
        "desk",
        "exportjob",
    ],
    "sources": [*MODELS_EDITORS_WRITE["sources"], "snapshot"],
    # How a URL added in the admin is being fetched, and why a fetch failed.
    "partners": ["articlesubmission"],
}


def _crud(models: dict[str, list[str]], actions: tuple[str, ...]) -> list[tuple[str, str]]:
    return [
        (app, f"{action}_{model}")
        for app, names in models.items()
        for model in names
        for action in actions
    ]


_READ = _crud(MODELS_EVERYONE_READS, ("view",))
_EDIT = _crud(MODELS_EDITORS_WRITE, ("add", "change"))

ROLE_PERMISSIONS: dict[str, list[tuple[str, str]]] = {
    # Editors triage, research and draft verdicts; they cannot publish.
    "editor": [
        *_READ,
        *_EDIT,
        ("claims", "triage_claim"),
        ("claims", "research_claim"),
        ("sources", "delete_claimsource"),
        ("claims", "export_claims"),
    ],
    # Reviewers do all an editor does, and approve, publish, correct and retract.
    "reviewer": [
        *_READ,
        *_EDIT,
        ("claims", "triage_claim"),
        ("claims", "research_claim"),
        ("claims", "review_claim"),
        ("sources", "delete_claimsource"),
        ("claims", "export_claims"),
    ],
    # Analysts read everything and export; they change nothing.
    "analyst": [*_READ, ("claims", "export_claims")],
}

# Claim matching and feeds (granted by migration 0007_matching_roles: the tables are newer than
# the roles migration, which cannot name permissions of models it does not know yet).
_MATCHING_READ = [
    ("claims", f"view_{model}")
    for model in ("feed", "feeditem", "externalfactcheck", "claimmatchsuggestion")
]
MATCHING_PERMISSIONS: dict[str, list[tuple[str, str]]] = {
    "editor": [*_MATCHING_READ, ("claims", "add_feed"), ("claims", "change_feed")],
    "reviewer": [*_MATCHING_READ, ("claims", "add_feed"), ("claims", "change_feed")],
    "analyst": _MATCHING_READ,
}
