"""Where the shipped files are, in a checkout of the project (`pip install -e .`)."""

from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[2]
CITY_DATA_DIR = PROJECT_DIR / "data" / "city-of-london"
FORCES_DIR = PROJECT_DIR / "forces"
