"""Office documents written for people who edit them in an office suite: a neutral block model
(`document.py`) written as DOCX (python-docx), ODT and ODS (odfpy). No Django, no app import."""
