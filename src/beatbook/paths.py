"""Where the shipped files are, in a checkout of the project (`pip install -e .`)."""

from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[2]
CITY_DATA_DIR = PROJECT_DIR / "data" / "city-of-london"
FORCES_DIR = PROJECT_DIR / "forces"
#: Street-level crime files of other forces (British Transport Police, Cumbria), for benchmarking.
OTHER_FORCES_DIR = PROJECT_DIR / "data" / "other-forces"
#: The City's FSA food-hygiene register (extract of 2020-11-10): the premises analyses' default.
FSA_PREMISES = CITY_DATA_DIR / "premises" / "city-of-london-fhrs-establishments-2020-11-10.csv"
