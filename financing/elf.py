"""The German rows of the ISO 20275 Entity Legal Forms (ELF) code list, as published by GLEIF (CC0).

The list ships with the app (financing/data/elf-codes-germany.csv, code list version 1.5, 2023-09-28).
"""

import csv
from functools import cache
from pathlib import Path

ELF_FILE = Path(__file__).resolve().parent / "data" / "elf-codes-germany.csv"


@cache
def elf_codes() -> dict[str, str]:
    """{code: local name} of the active German ELF codes."""
    with ELF_FILE.open(encoding="utf-8", newline="") as handle:
        return {
            row["ELF Code"]: row["Entity Legal Form name Local name"]
            for row in csv.DictReader(handle)
            if row["ELF Status ACTV/INAC"] == "ACTV"
        }
