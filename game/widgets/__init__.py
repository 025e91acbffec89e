"""game/widgets: drawing pieces shared by every mode's front end (icons, text with font fallback)."""
