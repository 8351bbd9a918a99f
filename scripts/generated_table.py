"""What the scripts that convert PETRARCH 2's MIT-licensed dictionaries share: the licence
notice taken from a source file, and the header every generated table carries."""

import sys


def mit_notice(text):
    """The MIT licence notice of a PETRARCH dictionary: its comment lines from "The MIT
    License" to the first line that is not a comment or that says "LAST UPDATE"."""
    lines = text.splitlines()
    start = next(i for i, l in enumerate(lines) if "The MIT License" in l)
    notice = []
    for line in lines[start:]:
        if not line.startswith("#") or line.startswith("# LAST UPDATE"):
            break
        notice.append(line[1:].strip())
    return notice


def write_generated(out, about, notice, body):
    """Writes `body` (lines) to `out` behind a comment saying what made it (`about`, lines)
    and the source's licence `notice`, then reports the file on standard error."""
    header = ["<!-- " + about[0], *["     " + l for l in about[1:]]]
    header += ["     The source is used under its licence:", "", *["     " + l for l in notice], "-->"]
    out.write_text("\n".join(header + body) + "\n", encoding="utf-8")
    print(f"{out}: {len(body)} lines", file=sys.stderr)
