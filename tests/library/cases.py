"""Written, de-identified library cases for the search tests."""

from __future__ import annotations

CASES = {
    "minor": {
        "title": "A minor asks me to keep self-harm secret",
        "situation": "A teenage client disclosed cutting and asked me not to tell anyone.",
        "dilemma": "Should I tell the parents of a teenage client who self-harms, or keep it?",
        "rationale": "Safety first; the young person helps decide how the parents are told.",
    },
    "gift": {
        "title": "A gift at the end of therapy",
        "situation": "At the last session a client offered an expensive watch as thanks.",
        "dilemma": "Should I accept an expensive gift from a grateful client, or decline it?",
        "rationale": "Declined warmly; a card was accepted instead, to honour the gesture.",
    },
    "hiring": {
        "title": "A client's discriminatory hiring",
        "situation": "A client who runs a shop said he never hires people of one religion.",
        "dilemma": "Should I challenge a client's discriminatory hiring or stay non-judgmental?",
        "rationale": "Explored the impact on his goals without imposing my own values.",
    },
    "warn": {
        "title": "A threat against an ex-partner",
        "situation": "A client said he would hurt his ex-partner if she kept the children away.",
        "dilemma": "Should I warn the ex-partner a client threatened, or keep confidentiality?",
        "rationale": "A serious, specific threat: the duty to protect outweighs confidentiality.",
    },
    "town": {
        "title": "Two roles in a small town",
        "situation": "A new client's child is in my own child's class at the only school.",
        "dilemma": "Should I take on a client I meet socially, or refer them elsewhere?",
        "rationale": "Accepted with clear boundaries discussed at intake; no referral nearby.",
    },
}
