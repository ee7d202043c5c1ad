"""Pure rules of lending (no Django): day ranges, availability and conflicts, loan-day counting."""
