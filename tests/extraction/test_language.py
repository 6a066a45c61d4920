from claims.extraction.language import PREFIX_CHARS, detect_language


def test_czech_news_sentence_is_detected_as_czech():
    assert detect_language("Moskva a Pchjongjang to popírají, uvedla agentura.").language == "cs"


def test_english_news_sentence_is_detected_as_english():
    assert detect_language("The ministry denied the allegation on Monday.").language == "en"


def test_german_is_reported_unsupported_with_its_code():
    found = detect_language("Der Minister sagte am Montag, dass die Steuern nicht steigen werden.")
    assert (found.language, found.supported) == ("de", False)
    assert found.message == "language 'de' (German) is not supported (supported: cs, en)"


def test_a_language_outside_the_first_candidates_is_named_rightly():
    """Finnish was read as English (and parsed as English) or named French: it is refused
    and the message a partner reads names it."""
    found = detect_language(
        "Kaupunginvaltuusto päätti maanantaina, että uusi silta avataan kesällä. Pormestarin "
        "mukaan rakentaminen alkaa huhtikuussa ja kestää noin kaksi vuotta. Hankkeen hinta on "
        "arviolta neljäkymmentä miljoonaa euroa, ja valtio maksaa siitä kolmanneksen. "
        "Asukkaat ovat kritisoineet suunnitelmaa, koska silta kulkee puiston läpi."
    )
    assert (found.language, found.supported) == ("fi", False)
    assert "(Finnish)" in found.message


def test_text_without_letters_is_unsupported():
    assert detect_language("12345 !!! 678").supported is False


def test_only_the_prefix_is_examined():
    text = (
        "The minister said the budget is balanced. " * 100
        + "Ministr řekl, že rozpočet je vyrovnaný. " * 200
    )
    assert len(text) > PREFIX_CHARS
    assert detect_language(text).language == "en"
