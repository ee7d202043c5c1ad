"""The convention, its missions, and the reports generated from every module's figures: the annual
report (`/bilan/<année>/`, HTML, PDF, ODT/DOCX) and the monthly summary."""
