from maillage.interop.event_feeds.text import html_to_text, location_text, plain_description
from tests.interop.event_feeds.samples import event, place


def test_html_to_text_keeps_paragraphs_lists_and_link_addresses():
    html = (
        "<p>Premier paragraphe\n<strong>fictif</strong>.</p>\n<p>Second&nbsp;: voir "
        '<a href="https://exemple.test/page">la page</a> ou <a href="https://exemple.test/">https://exemple.test/</a>'
        "</p><ul><li>un</li><li>deux</li></ul>"
    )
    assert html_to_text(html) == (
        "Premier paragraphe fictif.\n\n"
        "Second\xa0: voir la page (https://exemple.test/page) ou https://exemple.test/\n\n"
        "- un\n- deux"
    )


def test_plain_description_falls_back_to_markdown():
    assert (
        plain_description(event(description_html="", description_markdown="  *texte* fictif  "))
        == "*texte* fictif"
    )


def test_location_text():
    assert (
        location_text(event()) == "Médiathèque exemple (lieu fictif), 1 rue de l'Exemple, 42000 Saint-Étienne"
    )
    assert location_text(event(location=place(name="", address=""))) == "42000 Saint-Étienne"
    assert (
        location_text(event(location=None, online_url="https://visio.exemple.test/s"))
        == "https://visio.exemple.test/s"
    )
    assert location_text(event(location=None)) == ""
