#!/usr/bin/env python3
"""Builds Attaché's second verb lexicon, crates/attache-events/data/cameo-verbs.txt, from
PETRARCH 2's CAMEO verb-pattern dictionary (CAMEO.2.0.txt, MIT licence, Open Event Data
Alliance), so that every CAMEO code has the verbs and patterns that codebook's coders
collected. The built-in lexicon (data/verbs.txt) is consulted first; this one only codes
verbs that lexicon does not know.

  scripts/build-cameo-lexicon.py [--petrarch ../shared/petrarch/dictionaries/CAMEO.2.0.txt]

What is kept, and why:
- Synsets (`&NAME` + phrases) and verb blocks, with their patterns, as written: the
  patterns are the dictionary's knowledge of argument frames ("ACCUSE * OF TORTURE" 1122).
- Verbs are written in their base form only: Attaché matches this lexicon by lemma, so
  the irregular forms in `{…}` are dropped.
- Verbs the built-in lexicon already has are dropped with their own codes, so one verb is
  never coded by two lexicons; a block's patterns stay for its other verbs.
- General verbs — the most frequent verb lemmas of the UD English training treebanks
  (EWT and GUM train: "take", "make", "hold", "run", "set", "turn" …) — lose their
  default code: alone they name no event, so only their patterns code ("TAKE * CONTROL").
- A verb codes alone only as reviewed: scripts/cameo-verb-review.tsv holds a decision for
  every verb that would code alone (keep, recode to another CAMEO code, or drop), made by
  reading the verb against the CAMEO codebook's descriptions — many of the dictionary's
  WordNet synonyms ("quote" as a statement, "link" as cooperation) name no event of their
  code in news. A dropped or unreviewed verb keeps its patterns but codes nothing alone.
- A pattern that names nothing but one of the built-in lexicon's event nouns, with that
  noun's own class ("SAY * ATTACK", "START * &NEGOTIATION"), is left out: the noun lexicon
  codes those nouns itself, with their frames ("said in a release" frees no one).
- The source's typos in patterns, which attache-events would skip with a warning, are
  repaired ("- *SCEPTICAL" becomes "- * SCEPTICAL") or, for a synset the dictionary never
  defines ("&WEATHER"), the pattern is left out: the built-in lexicons read without warnings.
- Patterns are matched within the verb's own phrase (attache-events' matcher), so a pattern
  word in another clause does not code ("said … attack").
"""

import argparse
import collections
import re
import sys
from pathlib import Path

from generated_table import mit_notice, write_generated

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
OUT = ROOT / "crates" / "attache-events" / "data" / "cameo-verbs.txt"
BUILTIN = ROOT / "crates" / "attache-events" / "data" / "verbs.txt"
REVIEW = ROOT / "scripts" / "cameo-verb-review.tsv"
# How many of the treebanks' most frequent verb lemmas count as general verbs.
GENERAL_VERBS = 120

BLOCK = re.compile(r"^---\s+(\S.*?)\s+\[(.*?)\]\s+---\s*$")


def treebank_files():
    corpora = SHARED / "corpora"
    found = sorted(p for p in corpora.rglob("*train*.conllu"))
    if not found:
        sys.exit(f"no UD training treebanks (*train*.conllu) under {corpora}")
    return found


def general_verbs():
    """The GENERAL_VERBS most frequent verb lemmas (UPOS VERB) of the training treebanks."""
    counts = collections.Counter()
    for path in treebank_files():
        with open(path, encoding="utf-8") as f:
            for line in f:
                cols = line.rstrip("\n").split("\t")
                if len(cols) == 10 and cols[3] == "VERB" and cols[0].isdigit():
                    counts[cols[2].upper()] += 1
    return {lemma for lemma, _ in counts.most_common(GENERAL_VERBS)}


def builtin_triggers():
    """The built-in lexicon's verbs and its event nouns (upper case, words joined by _)."""
    verbs, nouns = set(), {}
    kind, code = None, None
    for line in BUILTIN.read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line.startswith("---"):
            kind = "noun" if re.search(r"\]\s+NOUN\s+---", line) else "verb"
            code = re.search(r"\[(.*?)\]", line).group(1).strip()
        elif line.startswith("&"):
            kind = None
        elif kind and line and not line.startswith("-") and not line.startswith("<"):
            if kind == "noun":
                nouns[trigger_key(line)] = code
            else:
                verbs.add(trigger_key(line))
    return verbs | set(nouns), nouns


def noun_code(word, nouns):
    """The built-in code of an event noun (or of its singular), else None."""
    return nouns.get(word) or (nouns.get(word[:-1]) if word.endswith("S") else None)


def repeats_noun(pattern, synsets, nouns):
    """True when a pattern's one element is an event noun of `nouns` (or a synset of them)
    and its code is in the noun's own root class: "SAY * ATTACK" [190], "START *
    &NEGOTIATION" [040]. One that changes the class stays: "LODGE * PROTEST" is a
    complaint, "ISSUE * ULTIMATUM" a threat."""
    body, _, rest = pattern[1:].partition("[")
    code = rest.split("]")[0].split(":")[0].strip()
    tokens = re.findall(r"&?[A-Za-z][A-Za-z'_-]*", body)
    if len(tokens) != 1:
        return False
    if tokens[0].startswith("&"):
        phrases = [p.split("_")[-1] for p in synsets.get(tokens[0], ())]
    else:
        phrases = [tokens[0].upper()]
    codes = [noun_code(p, nouns) for p in phrases]
    return bool(codes) and all(c and c[:2] == code[:2] for c in codes)


def trigger_key(line):
    """A verb line's trigger without forms or code: "+BREAK_DOWN {…} [---]" → "BREAK_DOWN"."""
    head = re.split(r"[{\[]", line)[0].strip()
    return head.lstrip("+").replace(" ", "_").upper()


def review():
    """(verb in lower case, code) → the code it keeps alone, or None when dropped."""
    decisions = {}
    with open(REVIEW, encoding="utf-8") as f:
        next(f)
        for n, line in enumerate(f, start=2):
            fields = line.rstrip("\n").split("\t")
            if len(fields) != 5 or fields[2] not in ("keep", "drop", "recode"):
                sys.exit(f"{REVIEW}:{n}: expected verb, code, keep|drop|recode, new code, reason")
            verb, code, decision, new_code, _ = fields
            decisions[(verb, code)] = new_code.strip() if decision != "drop" else None
    return decisions


def repair_pattern(pattern, synsets):
    """The source's typos in a pattern line, which attache-events would skip with a warning:
    a verb mark run into the next word ("- *SCEPTICAL") is split from it, and a pattern
    naming a synset the dictionary never defines before it ("&WEATHER") is left out (None).
    Returns the pattern and whether it was repaired."""
    body, bracket, rest = pattern.partition("[")
    for label in re.findall(r"&([^\s_(){}\[\]]+)", body):
        if "&" + label.upper() not in synsets:
            return None, False
    fixed = re.sub(r"\*(?=[^\s_*])", "* ", body)
    return fixed + bracket + rest, fixed != body


def convert(text, builtin, nouns, general, decisions):
    out = []
    kept, dropped, silenced, left_to_nouns, typos = 0, 0, 0, 0, 0
    block_code = "---"
    section = "synsets"
    synsets = collections.defaultdict(list)
    synset = None
    for raw in text.splitlines():
        line = raw.split("#")[0].rstrip()
        if "VERB PATTERNS" in raw:
            section = "verbs"
            continue
        if not line.strip():
            continue
        if line.startswith("&"):
            synset = line.strip().split()[0]
        elif line.startswith("+") and synset:
            synsets[synset].append(line.strip()[1:].split("{")[0].strip().upper())
        if section == "synsets":
            if line.startswith("&") or line.startswith("+"):
                out.append(line.strip())
            continue
        block = BLOCK.match(line)
        if block:
            block_code = block.group(2).strip()
            out.append("")
            out.append(line.strip())
            continue
        if line.startswith("-"):
            pattern, typo = repair_pattern(line.strip(), synsets)
            if pattern is None:
                typos += 1
            elif repeats_noun(pattern, synsets, nouns):
                left_to_nouns += 1
            else:
                typos += typo
                out.append(re.sub(r"\s+", " ", pattern))
            continue
        synset = None
        if line.startswith("&"):
            # a synset defined among the verb blocks
            out.append(line.strip())
            continue
        key = trigger_key(line)
        if not key:
            continue
        if key in builtin:
            dropped += 1
            continue
        own = re.search(r"\[(.*?)\]", line)
        code = own.group(1).strip() if own else block_code
        verb = ("+" + key) if "_" in key else key
        alone = None if key in general else decisions.get((key.replace("_", " ").lower(), code))
        if code != "---" and alone is None:
            silenced += 1
        out.append(f"{verb} [{alone or '---'}]")
        kept += 1
    return out, kept, dropped, silenced, left_to_nouns, typos


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--petrarch", type=Path, default=SHARED / "petrarch" / "dictionaries" / "CAMEO.2.0.txt")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    text = args.petrarch.read_text(encoding="utf-8", errors="replace")
    builtin, nouns = builtin_triggers()
    lines, kept, dropped, silenced, left_to_nouns, typos = convert(text, builtin, nouns, general_verbs(), review())
    about = [
        "Generated by scripts/build-cameo-lexicon.py from PETRARCH 2's CAMEO.2.0.txt; do not edit.",
        "Attaché's second verb lexicon, matched by lemma after the built-in one (verbs.txt).",
        f"{kept} verbs kept, {dropped} dropped as the built-in lexicon's, {silenced} coded only by pattern (general, dropped or unreviewed);",
        f"{left_to_nouns} patterns left to the built-in lexicon's event nouns, {typos} with typos repaired or left out.",
    ]
    write_generated(args.out, about, mit_notice(text), lines)

if __name__ == "__main__":
    main()
