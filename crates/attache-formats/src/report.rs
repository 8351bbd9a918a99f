//! The human-readable report on an analysed document (`attache analyze --pretty`).

use attache_doc::{Document, Upos};
use std::fmt::Write;

/// A report for people: metadata, facts, then numbered sentences (with tokens if asked);
/// `explain` adds the rule behind each fact.
pub fn pretty(doc: &Document, with_tokens: bool, explain: bool) -> String {
    let mut report = Report { doc, explain, out: String::new() };
    report.header();
    report.entities();
    report.descriptions();
    report.timexes();
    report.quotes();
    report.claims();
    report.events();
    report.sentences(with_tokens);
    report.out
}

/// The report being written, section by section.
struct Report<'a> {
    doc: &'a Document,
    explain: bool,
    out: String,
}

impl Report<'_> {
    fn header(&mut self) {
        let doc = self.doc;
        let out = &mut self.out;
        let _ = writeln!(out, "═══ {} ═══", doc.id);
        let field = |out: &mut String, name: &str, value: Option<String>| {
            if let Some(v) = value.filter(|v| !v.is_empty()) {
                let _ = writeln!(out, "{name:>9}: {v}");
            }
        };
        field(out, "date", doc.meta.date.map(|d| d.to_string()));
        field(out, "byline", Some(doc.meta.byline.join("; ")));
        field(out, "source", doc.meta.source.clone());
        field(out, "title", doc.meta.title.clone());
        field(out, "dateline", doc.meta.dateline.as_ref().map(|d| doc.slice(d.span).to_string()));
        let decoding = doc.meta.decoding.as_ref().map(|d| match d.mojibake_repaired {
            0 => format!("{} ({})", d.encoding, d.how),
            n => format!("{} ({}); {n} runs of mojibake repaired", d.encoding, d.how),
        });
        field(out, "decoded", decoding);
        let _ = writeln!(out, "{:>9}: {} sentences, {} tokens", "analysis", doc.sentences.len(), doc.tokens.len());
    }

    fn entities(&mut self) {
        let (doc, explain, out) = (self.doc, self.explain, &mut self.out);
        if !doc.entities.is_empty() {
            let _ = writeln!(out, "{:>9}:", "entities");
            for e in &doc.entities {
                let others: Vec<&str> = e
                    .mentions
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| *i != e.canonical)
                    .map(|(_, m)| doc.slice(m.span))
                    .collect();
                let also = if others.is_empty() { String::new() } else { format!("  (also: {})", others.join(", ")) };
                let place = e.location.as_ref().map_or(String::new(), |l| {
                    let why = if explain { format!(" [{}]", l.rule) } else { String::new() };
                    format!("  → {} {} ({:.2}, {:.2}){why}", l.name, l.country, l.latitude, l.longitude)
                });
                let code = e.actor.as_ref().map_or(String::new(), |a| {
                    let why = if explain { format!(" [{}]", a.rule) } else { String::new() };
                    format!("  = {}{why}", a.code)
                });
                let _ = writeln!(out, "           {:<7} {}{also}{place}{code}", e.kind.as_str(), e.name);
            }
        }
    }

    fn descriptions(&mut self) {
        let (doc, explain, out) = (self.doc, self.explain, &mut self.out);
        if !doc.descriptions.is_empty() {
            let _ = writeln!(out, "{:>9}:", "refs");
            for d in &doc.descriptions {
                let who: Vec<&str> = d.entities.iter().map(|&e| doc.entities[e].name.as_str()).collect();
                let code = d.actor.as_ref().map(|a| format!(" = {}", a.code)).unwrap_or_default();
                let who = if who.is_empty() { String::new() } else { format!(" → {}", who.join(", ")) };
                let why = if explain { format!("  [{}]", d.rule) } else { String::new() };
                let _ = writeln!(out, "           {}{who}{code}{why}", doc.slice(d.span));
            }
        }
    }

    fn timexes(&mut self) {
        let (doc, explain, out) = (self.doc, self.explain, &mut self.out);
        if !doc.timexes.is_empty() {
            let _ = writeln!(out, "{:>9}:", "times");
            for t in &doc.timexes {
                let modifier = t.modifier.as_deref().map(|m| format!(" {m}")).unwrap_or_default();
                let why = if explain { format!("  [{}]", t.rule) } else { String::new() };
                let _ = writeln!(
                    out,
                    "           {:<8} {} → {}{modifier}{why}",
                    t.kind.as_str(),
                    doc.slice(t.span),
                    t.value
                );
            }
        }
    }

    fn quotes(&mut self) {
        let (doc, explain, out) = (self.doc, self.explain, &mut self.out);
        let who = |a: &attache_doc::Attribution| who(doc, a);
        if !doc.quotes.is_empty() {
            let _ = writeln!(out, "{:>9}:", "quotes");
            for q in &doc.quotes {
                let speaker = q.speaker.as_ref().map_or("?".to_string(), who);
                let cue = q.cue.map(|c| format!(" {}", doc.slice(c))).unwrap_or_default();
                let why = if explain { format!("  [{:?}; {}]", q.kind, q.rule) } else { String::new() };
                let _ = writeln!(out, "           {speaker}{cue}: “{}”{why}", doc.slice(q.span).replace('\n', " "));
            }
        }
    }

    fn claims(&mut self) {
        let (doc, explain, out) = (self.doc, self.explain, &mut self.out);
        let who = |a: &attache_doc::Attribution| who(doc, a);
        if !doc.claims.is_empty() {
            let _ = writeln!(out, "{:>9}:", "claims");
            for c in &doc.claims {
                let why = if explain { format!("  [{}]", c.rule) } else { String::new() };
                let _ =
                    writeln!(out, "           {} ({} {}){why}", doc.slice(c.span), doc.slice(c.cue), who(&c.source));
            }
        }
    }

    fn events(&mut self) {
        let (doc, explain, out) = (self.doc, self.explain, &mut self.out);
        let who = |a: &attache_doc::Attribution| who(doc, a);
        if !doc.events.is_empty() {
            let _ = writeln!(out, "{:>9}:", "events");
            for e in &doc.events {
                let side = |p: &Option<attache_doc::Participant>| {
                    p.as_ref().map_or("—".to_string(), |p| {
                        format!("{} ({})", doc.slice(p.span), p.code.as_deref().unwrap_or("?"))
                    })
                };
                let description = attache_events::cameo::CameoTable::builtin()
                    .get(&e.cameo)
                    .map(|c| c.description.as_str())
                    .unwrap_or("");
                let plover = e.plover.as_deref().map(|p| format!(" {p}")).unwrap_or_default();
                let date = e.date.as_ref().map(|d| format!(" on {}", d.value)).unwrap_or_default();
                let place = e.place.as_ref().map(|p| format!(" in {}", p.name)).unwrap_or_default();
                let modality = match e.modality {
                    attache_doc::Modality::Asserted => String::new(),
                    other => format!(" ({})", other.as_str()),
                };
                let negated = if e.negated { " (denied)" } else { "" };
                let reported = e.attribution.as_ref().map(|a| format!(", according to {}", who(a))).unwrap_or_default();
                let _ = writeln!(
                out,
                "           {} → {}: {} {description}{plover}{date}{place}{modality}{negated}{reported}  [sentence {}: “{}”]",
                side(&e.source),
                side(&e.target),
                e.cameo,
                e.sentence + 1,
                doc.slice(e.trigger)
            );
                if explain {
                    let _ = writeln!(out, "               rule: {}", e.rule);
                    for (name, p) in [("source", &e.source), ("target", &e.target)] {
                        if let Some(p) = p {
                            let _ = writeln!(out, "               {name}: {}", p.rule);
                        }
                    }
                }
            }
        }
    }

    fn sentences(&mut self, with_tokens: bool) {
        let (doc, out) = (self.doc, &mut self.out);
        for (n, s) in doc.sentences.iter().enumerate() {
            let _ = writeln!(out, "[{:>3}] {}", n + 1, doc.slice(s.span).replace('\n', " "));
            if with_tokens {
                for i in s.tokens.clone() {
                    let t = &doc.tokens[i];
                    let head = match (t.head, &t.deprel) {
                        (Some(h), Some(rel)) => format!("{rel} → {}", doc.token_text(h)),
                        (None, Some(rel)) => rel.to_string(),
                        _ => String::new(),
                    };
                    let _ = writeln!(
                        out,
                        "      {:<18} {:<14} {:<6} {:<5} {}",
                        doc.token_text(i),
                        t.lemma.as_deref().unwrap_or(""),
                        t.upos.map_or("", Upos::as_str),
                        t.xpos.as_deref().unwrap_or(""),
                        head
                    );
                }
            }
        }
    }
}

/// Who an attribution names: its words, with the entity's name where it differs.
fn who(doc: &Document, a: &attache_doc::Attribution) -> String {
    match a.entity {
        Some(e) if doc.entities[e].name != doc.slice(a.span) => {
            format!("{} ({})", doc.slice(a.span), doc.entities[e].name)
        }
        _ => doc.slice(a.span).to_string(),
    }
}
