"""beatbook's JSON API (django-ninja, OpenAPI 3): the Hub's data for a force's own tools."""
