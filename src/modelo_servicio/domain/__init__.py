"""The vocabulary every layer shares: the profile, its fields, errors, languages, numbers,
YAML reading and the result types."""
