"""File → Report → indicator table: load, normalise, metadata, structure, figures, indicators,
catalog. No side effects: nothing here writes a file."""
