import pytest

from maillage.interop.icalendar.content import escape_text, fold, param_value


def test_text_escaping_of_backslash_semicolon_comma_and_line_breaks():
    assert escape_text("a\\b; c, d\r\ne\nf") == "a\\\\b\\; c\\, d\\ne\\nf"


@pytest.mark.parametrize("char", ["a", "é", "€", "🙂"])
def test_folding_keeps_every_physical_line_within_75_octets_and_never_splits_a_character(char):
    line = "DESCRIPTION:" + char * 200
    folded = fold(line)
    physical = folded.split("\r\n")
    assert len(physical) > 1
    assert all(len(part.encode("utf-8")) <= 75 for part in physical)
    assert all(part.startswith(" ") for part in physical[1:])
    # Unfolding (RFC 5545 §3.1: remove CRLF + one space) gives the line back, character for character.
    assert folded.replace("\r\n ", "") == line


def test_short_lines_are_not_folded():
    assert fold("SUMMARY:court") == "SUMMARY:court"
    exactly = "X" * 75
    assert fold(exactly) == exactly
    assert fold(exactly + "Y") == exactly + "\r\n Y"


def test_parameter_values_are_quoted_when_needed():
    assert param_value("Association exemple") == "Association exemple"
    assert param_value('Asso "exemple"; Saint-Étienne') == '"Asso exemple; Saint-Étienne"'
