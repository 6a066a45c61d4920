"""Czech nominative plural from a lemma and the tagger's gender and animacy.

A plural description that speaks in an oblique case ("podle odborů", "podle opozičních
zastupitelů") is named in the nominative plural ("odbory", "opoziční zastupitelé"), as a
singular one is named in the nominative singular. spaCy gives the lemma (the nominative
singular) and the features but no inflection, so the plural is built by the declension
paradigm the lemma's ending and gender select; simplemma, which knows many forms, chooses
between the paradigms an ending leaves open ("ekonomové", not "ekonomi") and vetoes nothing
it does not know.
"""

from __future__ import annotations

import simplemma

# Hard stem endings of a masculine animate word before the plural -i/-í and their soft form
# ("odborník" → "odborníci", "český" → "čeští", "doktor" → "doktoři"); longest first.
_PALATAL = (("ck", "čt"), ("sk", "št"), ("ch", "š"), ("k", "c"), ("h", "z"), ("r", "ř"))
_SOFT = tuple("řčšžjťďňcl")
_VOWELS = tuple("aeiouyáéěíóúůý")


def _palatalise(stem: str) -> str:
    for hard, soft in _PALATAL:
        if stem.endswith(hard) and not (hard == "r" and stem.endswith("ř")):
            return stem[: -len(hard)] + soft
    return stem


def _adjective_plural(lemma: str, gender: str, animate: bool) -> list[str]:
    if lemma.endswith("í"):
        return [lemma]  # soft adjectives ("opoziční", "místní") keep one form
    if not lemma.endswith("ý"):
        return []  # a possessive or a word the tagger did not lemmatise
    stem = lemma[:-1]
    if gender == "Masc" and animate:
        return [_palatalise(stem) + "í"]
    return [stem + ("á" if gender == "Neut" else "é")]


def _masculine_animate(lemma: str) -> list[str]:
    if lemma.endswith(("í", "é", "i")):
        return [lemma]  # "mluvčí", "vedoucí"; a plural lemma ("lidé")
    if lemma.endswith("ý"):
        return _adjective_plural(lemma, "Masc", True)  # "obžalovaný" → "obžalovaní"
    if lemma.endswith("ista"):
        return [lemma[:-1] + "é"]  # "policista" → "policisté"
    if lemma.endswith("a"):
        return [lemma[:-1] + "ové"]  # "starosta" → "starostové"
    if lemma.endswith("ce"):
        return [lemma[:-1] + "i"]  # "soudce" → "soudci"
    if lemma.endswith(("ec", "ek")) and not lemma.endswith(_VOWELS):
        # the mobile e: "vědec" → "vědci", "svědek" → "svědci"
        return [lemma[:-2] + "ci", lemma[:-1] + ("i" if lemma.endswith("c") else "ové")]
    if lemma.endswith("tel") or (lemma.endswith("an") and not lemma.endswith("án")):
        return [lemma + "é"]  # "učitel" → "učitelé", "občan" → "občané"
    if lemma.endswith("g"):
        return [lemma + "ové"]  # "sociolog" → "sociologové"
    if lemma.endswith(_SOFT):
        return [lemma + "i", lemma + "ové"]  # "lékař" → "lékaři"
    if lemma.endswith(("k", "h", "r")):
        return [_palatalise(lemma) + "i", lemma + "ové"]  # "analytik" → "analytici"
    if lemma.endswith(("t", "d", "n")):
        return [lemma + "i", lemma + "ové", lemma + "é"]  # "student" → "studenti"
    return [lemma + "ové", lemma + "i"]  # "ekonom" → "ekonomové"


def _noun_plural(lemma: str, gender: str, animate: bool) -> list[str]:
    if gender == "Masc" and animate:
        return _masculine_animate(lemma)
    if gender == "Masc":
        if lemma.endswith(("y", "e", "i")):
            return [lemma]  # a plural lemma ("odbory") or a soft plural already
        if lemma.endswith(("ek", "ec")) and not lemma[:-2].endswith(_VOWELS):
            return [lemma[:-2] + lemma[-1] + ("y" if lemma.endswith("k") else "e")]
        return [lemma + ("e" if lemma.endswith(_SOFT) else "y")]  # "úřad" → "úřady"
    if gender == "Fem":
        if lemma.endswith(("e", "ě")):
            return [lemma]  # "organizace", "země"
        if lemma.endswith("a"):
            return [lemma[:-1] + ("e" if lemma[:-1].endswith(_SOFT) else "y")]  # "sestry"
        return [lemma + ("i" if lemma.endswith("st") else "e")]  # "společnosti"
    if gender == "Neut":
        if lemma.endswith(("í", "e", "ě")):
            return [lemma]  # "sdružení"
        if lemma.endswith("um"):
            return [lemma[:-2] + "a"]  # "centrum" → "centra"
        if lemma.endswith("o"):
            return [lemma[:-1] + "a"]  # "město" → "města"
    return []


def czech_nominative_plural(lemma: str, gender: str, animate: bool, adjective: bool) -> str:
    """The nominative plural of a Czech noun or adjective from its lemma, or "" when the
    paradigm is not known (the caller then keeps the form as written)."""
    lemma = lemma.lower()
    if not lemma or not gender:
        return ""
    forms = (
        _adjective_plural(lemma, gender, animate)
        if adjective
        else _noun_plural(lemma, gender, animate)
    )
    for form in forms:
        if str(simplemma.lemmatize(form, lang="cs")) == lemma and simplemma.is_known(
            form, lang="cs"
        ):
            return form
    return forms[0] if forms else ""
