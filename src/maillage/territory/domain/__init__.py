"""Pure rules of the territory analysis (no Django): distances and coverage of each commune, the
underserved ranking and its formula, the mobile unit's stop planner, weekly hours, colour classes."""
