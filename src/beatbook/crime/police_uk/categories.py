"""data.police.uk crime categories: the names in the CSV files and their API slugs.

Source: the data.police.uk API `crime-categories` list, including categories the site used
before May 2013 (`public-disorder-weapons`) and before 2013 (`violent-crime` as "Violent crime").
"""

from __future__ import annotations

CATEGORY_SLUGS: dict[str, str] = {
    "Anti-social behaviour": "anti-social-behaviour",
    "Bicycle theft": "bicycle-theft",
    "Burglary": "burglary",
    "Criminal damage and arson": "criminal-damage-arson",
    "Drugs": "drugs",
    "Other theft": "other-theft",
    "Possession of weapons": "possession-of-weapons",
    "Public order": "public-order",
    "Robbery": "robbery",
    "Shoplifting": "shoplifting",
    "Theft from the person": "theft-from-the-person",
    "Vehicle crime": "vehicle-crime",
    "Violence and sexual offences": "violent-crime",
    "Violent crime": "violent-crime",
    "Public disorder and weapons": "public-disorder-weapons",
    "Other crime": "other-crime",
}

CATEGORY_NAMES: dict[str, str] = {
    "anti-social-behaviour": "Anti-social behaviour",
    "bicycle-theft": "Bicycle theft",
    "burglary": "Burglary",
    "criminal-damage-arson": "Criminal damage and arson",
    "drugs": "Drugs",
    "other-theft": "Other theft",
    "possession-of-weapons": "Possession of weapons",
    "public-order": "Public order",
    "robbery": "Robbery",
    "shoplifting": "Shoplifting",
    "theft-from-the-person": "Theft from the person",
    "vehicle-crime": "Vehicle crime",
    "violent-crime": "Violence and sexual offences",
    "public-disorder-weapons": "Public disorder and weapons",
    "other-crime": "Other crime",
}

ASB = "anti-social-behaviour"


def category_name(slug: str) -> str:
    return CATEGORY_NAMES.get(slug, slug)
