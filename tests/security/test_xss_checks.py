"""The XSS checks themselves catch what they must (made-up HTML): a check that cannot fail proves nothing."""

from __future__ import annotations

import pytest

from tests.security.xss import TEXT_PAYLOADS, URL_PAYLOADS, html_problems


@pytest.mark.parametrize("payload", TEXT_PAYLOADS[:5] + TEXT_PAYLOADS[6:])
def test_each_text_payload_is_caught_when_a_page_forgets_to_escape_it(payload: str) -> None:
    problems, _ = html_problems(f'<p title="{payload}">{payload}</p>')
    assert problems, payload


def test_a_template_evaluated_and_a_script_url_are_caught() -> None:
    assert html_problems("<p>49xss-tpl</p>")[0]
    assert html_problems(f'<a href="{URL_PAYLOADS[0]}">site</a>')[0]
    assert html_problems(f'<a href=" {URL_PAYLOADS[0].upper()}">site</a>')[0]
    assert html_problems('<script type="application/ld+json">{"name": "</script><b>"}</script>')[0]


def test_escaped_payloads_pass_and_show_as_text() -> None:
    from django.utils.html import escape

    for payload in TEXT_PAYLOADS:
        problems, text = html_problems(f'<p title="{escape(payload)}">{escape(payload)}</p>')
        assert not problems, payload
        assert payload in text
