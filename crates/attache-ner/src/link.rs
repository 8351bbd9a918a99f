use attache_doc::{Document, Entity, EntityType, Mention};
use std::collections::HashMap;

/// A mention's words, normalised for comparison (lower case, possessive "'s" dropped).
fn words_of(doc: &Document, mention: &Mention) -> Vec<String> {
    mention
        .tokens
        .clone()
        .map(|i| doc.token_text(i).to_lowercase())
        .filter(|w| w != "'s" && w != "’s" && w != "'")
        .collect()
}

/// True when `short` names the same thing as `long`: the same words, a run of them
/// ("Blinken" in "Antony Blinken", "State Department" in "US State Department"), or its
/// initials ("EU" for "European Union").
fn refers_to(short: &[String], long: &[String]) -> bool {
    if short.is_empty() || short.len() > long.len() {
        return false;
    }
    if long.windows(short.len()).any(|w| w == short) {
        return true;
    }
    let initials = initials(long);
    short.len() == 1 && long.len() > 1 && short[0].replace('.', "") == initials && initials.len() > 1
}

/// The initials a name may be shortened to ("eu" for "european union").
fn initials(name: &[String]) -> String {
    name.iter()
        .filter(|w| w.len() > 3 || w.chars().next().is_some_and(char::is_uppercase))
        .filter_map(|w| w.chars().next())
        .collect()
}

/// Groups mentions (in text order, each with the type the recogniser gave it) into
/// entities: a later mention joins the most recent entity whose fullest name contains it
/// ("Lavrov" after "Sergey Lavrov"). A one-word mention joins a person by surname even
/// when the recogniser typed it differently; otherwise types must agree. Each entity
/// takes the name of its fullest mention and the type most of its mentions have.
pub fn link(doc: &Document, mut mentions: Vec<(Mention, EntityType)>) -> Vec<Entity> {
    // Mentions in capitals ("KARLSSON" in a headline) are linked after the others, so
    // that they join the full name the story gives later ("Erik Karlsson").
    let in_capitals = |m: &Mention| !doc.slice(m.span).chars().any(char::is_lowercase);
    mentions.sort_by_key(|(m, _)| (in_capitals(m), m.span.start));
    // Per entity: its mentions, the type of each, and its fullest name's words.
    let mut groups: Vec<(Vec<Mention>, Vec<EntityType>, Vec<String>)> = Vec::new();
    // The groups whose name holds a word, or has given initials: a mention can only refer
    // to those, and looking them up keeps linking linear in a long document's mentions.
    let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
    let index = |by_key: &mut HashMap<String, Vec<usize>>, g: usize, name: &[String]| {
        for key in name.iter().cloned().chain(std::iter::once(initials(name))) {
            by_key.entry(key).or_default().push(g);
        }
    };
    for (mention, kind) in mentions {
        let words = words_of(doc, &mention);
        let keys = words.first().into_iter().cloned().chain((words.len() == 1).then(|| words[0].replace('.', "")));
        let candidates: Vec<usize> = keys.filter_map(|k| by_key.get(&k)).flatten().copied().collect();
        let target = candidates
            .into_iter()
            .filter(|&g| {
                let (_, kinds, name) = &groups[g];
                let compatible = kinds.contains(&kind)
                    || (words.len() == 1 && (kind == EntityType::Person || kinds.contains(&EntityType::Person)));
                compatible && refers_to(&words, name)
            })
            .max();
        match target {
            Some(g) => {
                let (mentions, kinds, name) = &mut groups[g];
                if words.len() > name.len() {
                    index(&mut by_key, g, &words);
                    *name = words;
                }
                mentions.push(mention);
                kinds.push(kind);
            }
            None => {
                index(&mut by_key, groups.len(), &words);
                groups.push((vec![mention], vec![kind], words));
            }
        }
    }
    for (mentions, kinds, _) in &mut groups {
        let mut order: Vec<usize> = (0..mentions.len()).collect();
        order.sort_by_key(|&i| mentions[i].span.start);
        *mentions = order.iter().map(|&i| mentions[i].clone()).collect();
        *kinds = order.iter().map(|&i| kinds[i]).collect();
    }
    groups.sort_by_key(|(mentions, _, _)| mentions[0].span.start);
    groups
        .into_iter()
        .enumerate()
        .map(|(id, (mentions, kinds, _))| {
            // The fullest mention names the entity; among equals, the first in ordinary case.
            let canonical = (0..mentions.len())
                .max_by_key(|&m| (mentions[m].tokens.len(), !in_capitals(&mentions[m]), std::cmp::Reverse(m)))
                .expect("every group has a mention");
            // The type most mentions have; the fullest mention's breaks ties.
            let votes = |t: EntityType| kinds.iter().filter(|k| **k == t).count();
            let kind = EntityType::ALL
                .into_iter()
                .max_by_key(|&t| (votes(t), t == kinds[canonical]))
                .expect("there are types");
            Entity {
                id,
                kind,
                name: doc.slice(mentions[canonical].span).to_string(),
                canonical,
                mentions,
                location: None,
                actor: None,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use attache_doc::{Span, Token, TokenKind};

    fn doc(text: &str) -> Document {
        let mut d = Document::new("t", text, Default::default());
        let mut at = 0;
        for w in text.split(' ') {
            d.tokens.push(Token::new(Span::new(at, at + w.len()), TokenKind::Word));
            at += w.len() + 1;
        }
        d
    }

    fn mention(d: &Document, tokens: std::ops::Range<usize>) -> Mention {
        let span = d.span_of(&tokens);
        Mention { tokens, span, rule: None }
    }

    #[test]
    fn surnames_initials_and_types_link() {
        let d = doc("Antony Blinken met Sergey Lavrov ; Blinken told the European Union and Lavrov left the EU");
        let m = |r| mention(&d, r);
        let entities = link(
            &d,
            vec![
                (m(0..2), EntityType::Person),
                (m(3..5), EntityType::Person),
                (m(6..7), EntityType::Org), // mistyped surname still joins the person
                (m(9..11), EntityType::Org),
                (m(12..13), EntityType::Person),
                (m(15..16), EntityType::Org),
            ],
        );
        let names: Vec<(&str, EntityType, usize)> =
            entities.iter().map(|e| (e.name.as_str(), e.kind, e.mentions.len())).collect();
        assert_eq!(
            names,
            [
                ("Antony Blinken", EntityType::Person, 2),
                ("Sergey Lavrov", EntityType::Person, 2),
                ("European Union", EntityType::Org, 2)
            ]
        );
        assert_eq!(entities[0].mentions[1].span, Span::new(35, 42));
        assert!(entities.iter().enumerate().all(|(i, e)| e.id == i));
    }

    #[test]
    fn different_names_stay_apart() {
        let d = doc("Russia and Russian officials");
        let entities = link(&d, vec![(mention(&d, 0..1), EntityType::Place), (mention(&d, 2..3), EntityType::Misc)]);
        assert_eq!(entities.len(), 2);
    }
}
