//! The actor layer: every phrase of a sentence that names a coded actor — an entity or
//! description coded before, a phrase of an actor dictionary, a country or nationality —
//! joined with the role nouns that govern it ("Gondor's government", "soldiers from Gondor",
//! "the ambassadors of Arnor, Osgiliath and Gondor"), and role nouns with no country at all
//! ("lawmakers" → "---LEG"). Events take their participants from it.

use crate::dictionary::{normalise, AgentEntry, Placement};
use crate::{compose, country_at, is_builtin_dictionary, ActorCoder};
use attache_doc::{ActorPhrase, Deprel, Document, EntityIndex, EntityType, Upos};
use attache_gazetteer::Gazetteer;
use std::collections::BTreeSet;
use std::ops::Range;

/// Dependency relations by which a name modifies the role noun it belongs to.
const MODIFIER_RELATIONS: &[Deprel] = &[
    Deprel::Nmod,
    Deprel::NmodPoss,
    Deprel::Compound,
    Deprel::Amod,
    Deprel::Flat,
    Deprel::Obl,
    Deprel::Appos,
    Deprel::NmodNpmod,
];

fn is_modifier(doc: &Document, t: usize) -> bool {
    doc.tokens[t].deprel.is_some_and(|d| MODIFIER_RELATIONS.contains(&d))
}

fn is_conj(doc: &Document, t: usize) -> bool {
    doc.tokens[t].deprel == Some(Deprel::Conj)
}

/// Whether the words of a dictionary phrase can be a name here. A named entity can, and
/// so can an acronym in capitals amid small letters ("The WHO urged …"). Otherwise not
/// when they are all function words ("who" is a pronoun, not the World Health
/// Organization, also at the start of a sentence or in a headline in capitals), nor, in a
/// sentence written with capitals and small letters, one word without a capital.
fn may_name_actor(doc: &Document, tokens: Range<usize>, cased: bool, index: &EntityIndex) -> bool {
    const FUNCTION_WORDS: &[Upos] =
        &[Upos::Pron, Upos::Det, Upos::Adp, Upos::Cconj, Upos::Sconj, Upos::Aux, Upos::Part, Upos::Punct];
    let words = &doc.tokens[tokens.clone()];
    let acronym = |t: &attache_doc::Token| {
        let text = doc.slice(t.span);
        text.chars().filter(|c| c.is_alphabetic()).count() > 1 && !text.chars().any(char::is_lowercase)
    };
    if index.entity_at(tokens.start).is_some() || cased && words.iter().all(acronym) {
        return true;
    }
    let all_function_words = words.iter().all(|t| t.upos.is_some_and(|u| FUNCTION_WORDS.contains(&u)));
    let uncapitalised_word =
        cased && words.len() == 1 && !doc.slice(words[0].span).chars().next().is_some_and(char::is_uppercase);
    !all_function_words && !uncapitalised_word
}

impl ActorCoder {
    /// The actor phrases of every sentence, in text order.
    pub(crate) fn phrases(&self, doc: &Document) -> Vec<ActorPhrase> {
        let index = doc.entity_index();
        let mut coded = coded_phrases(doc);
        let of_sentence = |n: usize, coded: &[Option<ActorPhrase>]| {
            self.sentence_phrases(doc, doc.sentences[n].tokens.clone(), &index, coded)
        };
        let mut phrases: Vec<Vec<ActorPhrase>> = (0..doc.sentences.len()).map(|n| of_sentence(n, &coded)).collect();
        // "President Hosni Mubarak said …" in a story from Cairo: the title took the
        // country, and the person keeps it where named again ("… tried to kill Mubarak");
        // the sentences naming the person are read again.
        let mut again = BTreeSet::new();
        for hit in phrases.iter().flatten().filter(|h| h.bare && !h.code.starts_with("---")) {
            let Some(person) = index.entity_at(hit.tokens.end) else { continue };
            let entity = &doc.entities[person];
            if entity.kind != EntityType::Person || entity.actor.is_some() {
                continue;
            }
            for mention in &entity.mentions {
                let slot = &mut coded[mention.tokens.start];
                if slot.is_none() {
                    let rule = format!("{} is {}, titled earlier: {}", entity.name, hit.code, hit.rule);
                    *slot = Some(named(doc, mention.tokens.clone(), hit.code.clone(), Some(person), rule));
                    again.extend(doc.sentence_of(mention.tokens.start));
                }
            }
        }
        for n in again {
            phrases[n] = of_sentence(n, &coded);
        }
        phrases.into_iter().flatten().collect()
    }

    /// The phrases of `sentence` (a token range of `doc`), sorted by first token; role nouns
    /// with no country take the sentence's only one unless the coder keeps them "---" as
    /// PETRARCH does.
    fn sentence_phrases(
        &self,
        doc: &Document,
        sentence: Range<usize>,
        index: &EntityIndex,
        coded: &[Option<ActorPhrase>],
    ) -> Vec<ActorPhrase> {
        let words: Vec<String> = sentence.clone().map(|i| normalise(doc.token_text(i))).collect();
        let mut names = self.names(doc, &sentence, &words, index, coded);
        // "GENEVA (Reuters) -" says where the story was filed, not who acted: its place is
        // no name of the sentence ("NICOSIA - An Iraqi Kurdish guerrilla group" is Iraqi).
        let after_dateline = |t: usize| !doc.in_dateline(t);
        names.retain(|n| after_dateline(n.head));
        let mut hits: Vec<ActorPhrase> = Vec::new();
        let mut used = vec![false; names.len()];
        for (tokens, agent) in self.role_nouns(&sentence, &words, &names) {
            let agent_head = doc.phrase_head(&tokens);
            let members = members_of(doc, &names, &tokens);
            if members.is_empty() {
                hits.extend(alone(doc, &sentence, tokens, &agent));
                continue;
            }
            for n in members {
                used[n] = true;
                hits.push(with_role(doc, &names, &names[n], tokens.clone(), agent_head, &agent));
            }
        }
        hits.extend(names.into_iter().zip(used).filter(|(_, u)| !u).map(|(h, _)| h));
        hits.extend(group_phrases(doc, &sentence));
        // A phrase the parse ran across the dateline ("LIMA - Peruvian guerrillas") starts
        // after it.
        hits.retain_mut(|h| match h.tokens.clone().find(|&t| after_dateline(t)) {
            Some(start) if h.head >= start => {
                h.tokens.start = start;
                true
            }
            _ => false,
        });
        hits.sort_by_key(|h| (h.tokens.start, h.tokens.end));
        of_their_group(doc, &mut hits);
        if self.roles_take_country {
            give_roles_the_country(doc, &sentence, &mut hits);
        }
        hits
    }

    /// The names of a sentence, longest first at each token: a phrase of the user's actor
    /// dictionaries, else an entity or description coded before, else a phrase of the
    /// built-in dictionary, else a country or nationality.
    fn names(
        &self,
        doc: &Document,
        sentence: &Range<usize>,
        words: &[String],
        index: &EntityIndex,
        coded: &[Option<ActorPhrase>],
    ) -> Vec<ActorPhrase> {
        let cased = doc.tokens[sentence.clone()].iter().any(|t| doc.slice(t.span).chars().any(char::is_lowercase))
            && doc.tokens[sentence.clone()].iter().any(|t| doc.slice(t.span).chars().any(char::is_uppercase));
        let in_dictionary = |i: usize, users_only: bool| {
            let (len, entry, dictionary) = self.actor_at(words, i - sentence.start)?;
            if users_only && is_builtin_dictionary(dictionary) || !may_name_actor(doc, i..i + len, cased, index) {
                return None;
            }
            let (code, why) = entry.code_on(doc.meta.date)?;
            let tokens = i..i + len;
            let mut entity = index.entity_at(i);
            // "Blinken", found by the dictionary where the recogniser missed it, is the
            // "Antony Blinken" named before (the user's dictionaries speak for themselves).
            if !users_only {
                entity = entity.or_else(|| named_earlier(doc, &tokens));
            }
            let rule = format!("dictionary {dictionary}: {} ({why})", entry.name);
            Some(named(doc, tokens, code.code.clone(), entity, rule))
        };
        let mut names: Vec<ActorPhrase> = Vec::new();
        let mut i = sentence.start;
        while i < sentence.end {
            let found =
                in_dictionary(i, true).or_else(|| coded[i].clone()).or_else(|| in_dictionary(i, false)).or_else(|| {
                    let (country, len) = country_at(doc, i, sentence.end)?;
                    Some(named(doc, i..i + len, country, None, format!("country: {}", doc.text_of(&(i..i + len)))))
                });
            match found {
                Some(name) => {
                    i = name.tokens.end;
                    names.push(name);
                }
                None => i += 1,
            }
        }
        names
    }

    /// The role nouns of a sentence outside its names ("government", "soldiers", "lawmakers").
    fn role_nouns(
        &self,
        sentence: &Range<usize>,
        words: &[String],
        names: &[ActorPhrase],
    ) -> Vec<(Range<usize>, AgentEntry)> {
        let covered = |t: usize| names.iter().any(|n| n.tokens.contains(&t));
        let mut agents = Vec::new();
        let mut i = sentence.start;
        while i < sentence.end {
            if covered(i) {
                i += 1;
                continue;
            }
            match self.agent_at(words, i - sentence.start) {
                Some((len, agent)) if (i..i + len).all(|t| !covered(t)) => {
                    agents.push((i..i + len, agent.clone()));
                    i += len;
                }
                _ => i += 1,
            }
        }
        agents
    }
}

/// The names that belong to a role noun: attached to it (or to the noun it stands before,
/// "Bree Prime Minister Romendacil") or in one chunk with it, and their conjuncts.
fn members_of(doc: &Document, names: &[ActorPhrase], role: &Range<usize>) -> Vec<usize> {
    let role_head = doc.phrase_head(role);
    let mut members: Vec<usize> = Vec::new();
    for (n, name) in names.iter().enumerate() {
        let head = name.head;
        let parent = doc.tokens[head].head;
        let parsed = is_modifier(doc, head)
            && (parent == Some(role_head)
                || (parent.is_some()
                    && parent == doc.tokens[role_head].head
                    && doc.tokens[role_head].deprel == Some(Deprel::Compound)));
        if parsed || same_chunk(doc, &name.tokens, role) {
            members.push(n);
        }
    }
    let mut k = 0;
    while k < members.len() {
        let head = names[members[k]].head;
        for (n, name) in names.iter().enumerate() {
            let linked = is_conj(doc, name.head) && doc.tokens[name.head].head == Some(head);
            if linked && !members.contains(&n) {
                members.push(n);
            }
        }
        k += 1;
    }
    members
}

/// A phrase that names an actor (not a bare role noun).
fn named(doc: &Document, tokens: Range<usize>, code: String, entity: Option<usize>, rule: String) -> ActorPhrase {
    ActorPhrase { head: doc.phrase_head(&tokens), tokens, code, entity, rule, bare: false }
}

/// A role noun with no name of its own: "---" with its role ("lawmakers" → "---LEG"), or
/// nothing when a pronoun owns it ("its embassy", "their government": someone named
/// elsewhere).
fn alone(doc: &Document, sentence: &Range<usize>, tokens: Range<usize>, agent: &AgentEntry) -> Option<ActorPhrase> {
    let head = doc.phrase_head(&tokens);
    let pronoun_owner = sentence
        .clone()
        .map(|t| &doc.tokens[t])
        .any(|tok| tok.head == Some(head) && tok.deprel == Some(Deprel::NmodPoss) && tok.upos == Some(Upos::Pron));
    if pronoun_owner {
        return None;
    }
    let code = match agent.placement {
        Placement::AfterCountry => format!("---{}", agent.code),
        Placement::BeforeCountry => agent.code.clone(),
    };
    let rule = format!("role noun {} with no country", agent.name);
    Some(ActorPhrase { head, tokens, code, entity: None, rule, bare: true })
}

/// A name joined with the role noun it belongs to: "Gondor's government" → GONGOV.
fn with_role(
    doc: &Document,
    names: &[ActorPhrase],
    name: &ActorPhrase,
    role: Range<usize>,
    role_head: usize,
    agent: &AgentEntry,
) -> ActorPhrase {
    let has_role = name.code.len() > 3;
    let code = if has_role { name.code.clone() } else { compose(&name.code, agent) };
    let start = name.tokens.start.min(role.start);
    let end = name.tokens.end.max(role.end);
    let rule = format!("{} + role noun {}", name.rule, agent.name);
    // "Russian police" is not the entity "Russian"; "Prime Minister X" is X.
    // "US Secretary of State Antony Blinken": the title names the person it precedes.
    // (Adjacency, not the parse, which often makes the title a second subject.)
    let titled = || {
        names
            .iter()
            .find(|p| p.tokens.start == end)
            .and_then(|p| p.entity)
            .filter(|&e| doc.entities[e].kind == EntityType::Person)
    };
    let entity =
        name.entity.filter(|&e| matches!(doc.entities[e].kind, EntityType::Person | EntityType::Org)).or_else(titled);
    ActorPhrase { tokens: start..end, head: role_head, code, entity, rule, bare: false }
}

/// "leaders of the rebel factions", "the spokesman for the ministry": a role noun with no
/// country of its own that heads an "of" or "for" phrase naming a group is of that group.
fn of_their_group(doc: &Document, hits: &mut [ActorPhrase]) {
    for i in 0..hits.len() {
        if !hits[i].bare {
            continue;
        }
        let head = hits[i].head;
        let group = doc.children(head).find_map(|c| {
            let of = doc.children(c).any(|m| {
                doc.tokens[m].deprel == Some(Deprel::Case)
                    && matches!(normalise(doc.token_text(m)).as_str(), "of" | "for")
            });
            let nominal = doc.tokens[c].deprel.is_some_and(|d| d.base() == Deprel::Nmod);
            (of && nominal).then(|| hits.iter().position(|g| g.head == c)).flatten()
        });
        if let Some(g) = group {
            let (code, bare, rule) = (hits[g].code.clone(), hits[g].bare, hits[g].rule.clone());
            let hit = &mut hits[i];
            hit.code = code;
            hit.bare = bare;
            hit.rule = format!("{}, of the group it heads: {rule}", hit.rule);
        }
    }
}

/// Role nouns with no country ("President Omar al-Bashir", "the rebels") belong to the
/// country the sentence names when it names only one ("… the curfew in Sudan"), as a human
/// coder reads them; with two or more the role stays "---".
fn give_roles_the_country(doc: &Document, sentence: &Range<usize>, hits: &mut [ActorPhrase]) {
    if !hits.iter().any(|h| h.bare) {
        return;
    }
    let gazetteer = Gazetteer::builtin();
    let named = hits.iter().filter(|h| !h.bare).filter_map(|h| h.code.get(..3)).map(str::to_string);
    let placed = doc
        .entities
        .iter()
        .filter(|e| e.mentions.iter().any(|m| sentence.contains(&m.tokens.start)))
        .filter_map(|e| e.location.as_ref().map(|l| l.country.clone()));
    let countries: BTreeSet<String> = named.chain(placed).filter(|c| gazetteer.is_country_code(c)).collect();
    let countries: Vec<String> = countries.into_iter().collect();
    // Else the country of the dateline, when the sentence names none or names it among
    // others: "police" in a story filed from Bangkok are Thai.
    let dateline = doc
        .meta
        .dateline
        .as_ref()
        .and_then(|d| d.place.as_deref())
        .and_then(|place| gazetteer.dateline_place(place))
        .map(|p| p.country.clone());
    let (country, why) = match (&countries[..], dateline) {
        ([one], _) => (one.clone(), "in the one country the sentence names"),
        (named, Some(filed)) if named.is_empty() || named.contains(&filed) => (filed, "in the dateline's country"),
        _ => return,
    };
    for hit in hits.iter_mut().filter(|h| h.bare) {
        hit.code = format!("{country}{}", &hit.code[3..]);
        hit.rule = format!("{}, {why}, {country}", hit.rule);
    }
}

/// True when a name and a role noun stand in one noun phrase by their words alone: the name
/// before the role with only modifiers between ("Bree Prime Minister", "Gondor's main
/// opposition group", "White House security officials"), or the role before "of", "from"
/// or "in" and the name ("soldiers from Gondor", "the government of Gondor").
fn same_chunk(doc: &Document, name: &Range<usize>, role: &Range<usize>) -> bool {
    if name.end <= role.start {
        return (name.end..role.start).all(|t| {
            let text = doc.token_text(t);
            matches!(doc.tokens[t].upos, Some(Upos::Adj | Upos::Noun | Upos::Propn | Upos::Num))
                || matches!(text, "'s" | "’s" | "-")
        });
    }
    if role.end < name.start {
        let between: Vec<String> = (role.end..name.start).map(|t| normalise(doc.token_text(t))).collect();
        return matches!(
            between.iter().map(String::as_str).collect::<Vec<_>>().as_slice(),
            ["of" | "from" | "in"] | ["of" | "from" | "in", "the"]
        );
    }
    false
}

/// A person the article named in full whose name ends with these words: "Blinken" (found
/// by the actor dictionary where the recogniser missed it) is "Antony Blinken".
fn named_earlier(doc: &Document, tokens: &Range<usize>) -> Option<usize> {
    let words: Vec<&str> = tokens.clone().map(|t| doc.token_text(t)).collect();
    doc.entities
        .iter()
        .find(|e| {
            e.kind == EntityType::Person
                && e.name.split_whitespace().rev().take(words.len()).eq(words.iter().rev().copied())
        })
        .map(|e| e.id)
}

/// For each token, the longest coded entity mention or description that starts there and
/// ends in the same sentence.
fn coded_phrases(doc: &Document) -> Vec<Option<ActorPhrase>> {
    let mut index: Vec<Option<ActorPhrase>> = vec![None; doc.tokens.len()];
    let mut put = |hit: ActorPhrase| {
        if hit.tokens.end <= doc.sentence_tokens(hit.tokens.start).end {
            let slot = &mut index[hit.tokens.start];
            if slot.as_ref().is_none_or(|h| h.tokens.len() < hit.tokens.len()) {
                *slot = Some(hit);
            }
        }
    };
    for entity in &doc.entities {
        let Some(actor) = &entity.actor else { continue };
        for mention in &entity.mentions {
            // "The International Criminal Court": the name without its article.
            let mut tokens = mention.tokens.clone();
            if tokens.len() > 1 && normalise(doc.token_text(tokens.start)) == "the" {
                tokens.start += 1;
            }
            let rule = format!("{} is {}: {}", entity.name, actor.code, actor.rule);
            put(named(doc, tokens, actor.code.clone(), Some(entity.id), rule));
        }
    }
    for description in &doc.descriptions {
        let Some(actor) = &description.actor else { continue };
        put(named(doc, description.tokens.clone(), actor.code.clone(), None, actor.rule.clone()));
    }
    index
}

/// "The two": a hit for each coded entity the description refers to, all on its words.
fn group_phrases(doc: &Document, sentence: &Range<usize>) -> Vec<ActorPhrase> {
    let mut hits = Vec::new();
    for description in doc.descriptions.iter().filter(|d| d.actor.is_none() && sentence.contains(&d.tokens.start)) {
        for &e in &description.entities {
            let Some(actor) = &doc.entities[e].actor else { continue };
            let rule = format!(
                "{} → {} ({}): {}",
                doc.slice(description.span),
                doc.entities[e].name,
                actor.code,
                description.rule
            );
            hits.push(named(doc, description.tokens.clone(), actor.code.clone(), Some(e), rule));
        }
    }
    hits
}
