#!/usr/bin/env python3
"""Turns event annotations written with words into Attaché's offset-only gold file.

Annotators write one JSON line per document (docs/coding-guidelines.md, §9):

  {"doc": ID, "events": [{"sentence": S, "trigger": T, "code": "173",
     "source": {"text": W or null, "code": "TURCOP"} or null, "target": ... ,
     "symmetric": false, "date": "1996-08-29" or null,
     "place": {"text": W or null, "country": "TUR"} or null,
     "modality": "asserted", "negated": false, "why": "…"}]}

S is an exact substring of the document text, unique in it, holding the trigger T; actor
and place words W are taken at their occurrence nearest the trigger. The output keeps
character offsets and codes only, so no corpus text is committed.

  scripts/event-gold.py check ANNOTATIONS… --corpus CORPUS…
  scripts/event-gold.py build ANNOTATIONS… --corpus CORPUS… --out eval/events-gold.jsonl

CORPUS files are JSON Lines news corpora: ../shared/corpora/gum_news.jsonl and the output
of `attache eval news-corpus --conll2003 ../shared/corpora/conll2003/{train,valid}.txt`.
"""

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECTORS = {"IGO", "NGO", "IMG", "MNC"}
MODALITIES = {"asserted", "planned", "hypothetical"}


def fnv_half(doc_id):
    """The half of a document, as attache-eval's Half::of computes it."""
    h = 0xCBF29CE484222325
    for b in doc_id.encode():
        h = ((h ^ b) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return "tune" if h % 2 == 0 else "held"


def cameo_codes():
    path = ROOT.parent / "shared" / "cameo" / "CAMEO.eventcodes.txt"
    codes = set()
    for line in path.read_text().splitlines()[1:]:
        code = line.split("\t")[0].strip()
        if len(code) >= 3:
            codes.add(code)
    return codes


def countries():
    path = ROOT / "crates" / "attache-gazetteer" / "data" / "localities.tsv"
    found = {"PSE", "XKX", "TWN", "ESH"}
    for line in path.read_text().splitlines():
        if line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) > 4:
            found.add(fields[4])
    return found


def nearest(text, words, anchor, window):
    """Start of the occurrence of `words` nearest to `anchor`, preferring one in `window`."""
    starts = [m.start() for m in re.finditer(re.escape(words), text)]
    if not starts:
        return None
    inside = [s for s in starts if window[0] <= s and s + len(words) <= window[1]]
    return min(inside or starts, key=lambda s: abs(s - anchor))


def words_span(text, words, anchor, window, what, problems):
    """The offsets of `words` nearest `anchor`, None for no words; a problem if absent."""
    if not words:
        return None
    start = nearest(text, words, anchor, window)
    if start is None:
        problems.append(f"{what} words {words!r} are not in the text")
        return None
    return [start, start + len(words)]


def convert(annotation, text, codes, country_codes, where):
    """One document's events with offsets, and the problems found."""
    problems, events = [], []
    for n, event in enumerate(annotation.get("events", [])):
        at = f"{where} event {n + 1}"
        sentence, trigger = event.get("sentence", ""), event.get("trigger", "")
        starts = [m.start() for m in re.finditer(re.escape(sentence), text)] if sentence else []
        if len(starts) != 1:
            problems.append(f"{at}: the sentence {sentence[:60]!r} occurs {len(starts)} times in the text (need once)")
            continue
        s0 = starts[0]
        t = sentence.find(trigger) if trigger else -1
        if t < 0:
            problems.append(f"{at}: trigger {trigger!r} is not in its sentence")
            continue
        t0 = s0 + t
        record = {"trigger": [t0, t0 + len(trigger)]}
        code = str(event.get("code", ""))
        if code not in codes:
            problems.append(f"{at}: {code!r} is not a CAMEO event code of three or four digits")
        record["code"] = code
        window = (s0, s0 + len(sentence))
        for side in ("source", "target"):
            actor = event.get(side)
            if actor is None:
                record[side] = None
                continue
            actor_code = actor.get("code") or ""
            if not re.fullmatch(r"([A-Z]{3})+", actor_code) or (
                actor_code[:3] not in country_codes and actor_code[:3] not in SECTORS
            ):
                problems.append(f"{at}: {side} code {actor_code!r} does not start with a country or IGO/NGO/IMG/MNC")
            span = words_span(text, actor.get("text"), t0, window, f"{at}: {side}", problems)
            record[side] = {"span": span, "code": actor_code}
        record["symmetric"] = bool(event.get("symmetric", False))
        date = event.get("date")
        if date is not None and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", date):
            problems.append(f"{at}: date {date!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
        record["date"] = date
        place = event.get("place")
        if place is not None:
            span = words_span(text, place.get("text"), t0, window, f"{at}: place", problems)
            if place.get("country") not in country_codes:
                problems.append(f"{at}: place country {place.get('country')!r} is not an ISO alpha-3 code")
            place = {"span": span, "country": place.get("country")}
        record["place"] = place
        modality = event.get("modality", "asserted")
        if modality not in MODALITIES:
            problems.append(f"{at}: modality {modality!r} is not one of {sorted(MODALITIES)}")
        record["modality"] = modality
        record["negated"] = bool(event.get("negated", False))
        events.append(record)
    return events, problems


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=["check", "build"])
    parser.add_argument("annotations", nargs="+", type=Path)
    parser.add_argument("--corpus", nargs="+", type=Path, required=True)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    texts = {}
    for corpus in args.corpus:
        for line in corpus.read_text().splitlines():
            if line.strip():
                record = json.loads(line)
                texts[record["id"]] = record["text"]
    codes, country_codes = cameo_codes(), countries()
    documents, problems, seen = [], [], set()
    for path in args.annotations:
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                annotation = json.loads(line)
            except json.JSONDecodeError as error:
                problems.append(f"{where}: not JSON: {error}")
                continue
            doc = annotation.get("doc")
            if doc not in texts:
                problems.append(f"{where}: document {doc!r} is in no corpus given")
                continue
            if doc in seen:
                problems.append(f"{where}: document {doc!r} annotated twice")
                continue
            seen.add(doc)
            events, found = convert(annotation, texts[doc], codes, country_codes, f"{where} ({doc})")
            problems += found
            documents.append({"doc": doc, "half": fnv_half(doc), "events": events})
    for problem in problems:
        print(problem, file=sys.stderr)
    count = sum(len(d["events"]) for d in documents)
    print(f"{len(documents)} documents, {count} events, {len(problems)} problems", file=sys.stderr)
    if args.mode == "build":
        if problems:
            sys.exit("not written: fix the problems first")
        if not args.out:
            sys.exit("build needs --out")
        documents.sort(key=lambda d: d["doc"])
        with args.out.open("w") as out:
            for document in documents:
                out.write(json.dumps(document, ensure_ascii=False) + "\n")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
