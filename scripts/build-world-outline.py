#!/usr/bin/env python3
"""Writes the web page's world outline, crates/attache-server/web/world.json: the land of
Natural Earth's 1:110m map (public domain) as one SVG path in the equirectangular
projection (x = longitude + 180, y = 90 - latitude), to a tenth of a degree.

The land comes from the npm package world-atlas@2.0.2 (ISC licence, Mike Bostock; its data
is Natural Earth's), fetched with `npm pack`, or read from a land-110m.json given as the
first argument.

    python3 scripts/build-world-outline.py [land-110m.json]
"""
import json
import pathlib
import subprocess
import sys
import tarfile
import tempfile

PACKAGE = "world-atlas@2.0.2"
OUT = pathlib.Path(__file__).resolve().parent.parent / "crates/attache-server/web/world.json"


def land_topology():
    if len(sys.argv) > 1:
        return json.loads(pathlib.Path(sys.argv[1]).read_text())
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=tmp, check=True, stdout=subprocess.DEVNULL)
        tarball = next(pathlib.Path(tmp).glob("world-atlas-*.tgz"))
        with tarfile.open(tarball) as archive:
            return json.load(archive.extractfile("package/land-110m.json"))


def decoded_arcs(topology):
    """TopoJSON arcs are delta-encoded in a quantised grid: back to degrees."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(arcs, indices):
    points = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def main():
    topology = land_topology()
    arcs = decoded_arcs(topology)
    land = topology["objects"]["land"]
    geometries = land["geometries"] if land["type"] == "GeometryCollection" else [land]
    parts = []
    for geometry in geometries:
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        for polygon in polygons:
            for indices in polygon:
                points, last = [], None
                for lon, lat in ring(arcs, indices):
                    point = (round(lon + 180, 1), round(90 - lat, 1))
                    if point != last:
                        points.append(point)
                        last = point
                if len(points) >= 3:
                    parts.append("M" + "L".join(f"{x:g} {y:g}" for x, y in points) + "Z")
    OUT.write_text(json.dumps({
        "source": "Natural Earth 1:110m land (public domain), via the npm package " + PACKAGE + " (ISC)",
        "projection": "equirectangular: x = longitude + 180, y = 90 - latitude",
        "width": 360,
        "height": 180,
        "path": "".join(parts),
    }) + "\n")
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes, {len(parts)} rings)")


if __name__ == "__main__":
    main()
