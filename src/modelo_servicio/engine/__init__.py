"""The rules of the game: conditions, facts, scoring, sensitivity, explanations and the
examples embedded in rule files."""
