//! Codes actors: gives every person, organisation and place entity a CAMEO actor code
//! (a country plus a role: "USAGOV", "RUSMIL", "IGOUNO") and links descriptions that are not
//! names to what they mean.
//!
//! Sources, in order of trust:
//! 1. the article itself: the title or description before a name ("US Secretary of State
//!    Antony Blinken", "Kremlin spokesman Dmitry Peskov") or an apposition ("Dmitry Peskov,
//!    the Kremlin's spokesman,") — country words from the gazetteer, role words from the
//!    agent dictionaries;
//! 2. actor dictionaries by name, with roles dated against the article date: the user's
//!    PETRARCH-format dictionaries first, then Attaché's own (`data/actors.txt`);
//! 3. for a person the article gives nothing else for, the nationality of a person it is
//!    conjoined with ("American Paul Whelan and Brittney Griner").
//!
//! Descriptions: "his Russian counterpart" becomes a mention of the Russian the article
//! named; "the two" a [`Description`] of the last pair of people named together; role nouns
//! with a country ("Russian troops", "a State Department official") descriptions with a code.

pub mod dictionary;
mod phrases;

use attache_doc::{
    Actor, Component, Deprel, Description, Document, EntityIndex, EntityType, Layer, Mention, Span, Upos,
};
use attache_gazetteer::{Gazetteer, Kind};
use dictionary::{normalise, ActorDictionary, ActorEntry, AgentDictionary, AgentEntry, Placement};
use rustc_hash::FxHashSet;
use std::ops::Range;

/// The pipeline component that fills [`attache_doc::Entity::actor`],
/// [`Document::descriptions`] and the actor layer, [`Document::actors`].
#[derive(Clone, Debug)]
pub struct ActorCoder {
    /// The user's dictionaries first, the built-in one last.
    actors: Vec<ActorDictionary>,
    agents: Vec<AgentDictionary>,
    /// Every word of an agent phrase: lower-case words that may stand in a title.
    agent_words: FxHashSet<String>,
    /// Role nouns with no country take the one country their sentence names, as a human
    /// coder reads them; PETRARCH leaves them "---".
    roles_take_country: bool,
}

/// Lower-case words that may stand in a title before a name or role noun.
const TITLE_MODIFIERS: &[&str] = &[
    "top", "senior", "former", "deputy", "acting", "chief", "then", "outgoing", "incoming", "interim", "detained",
    "jailed",
];

/// Words inside a title that join its parts ("Ministry of Foreign Affairs", "Russia's").
const CONNECTORS: &[&str] = &["of", "for", "'s", "’s", "-", "on"];

/// Words after "the two" that keep it a description of people ("the two leaders").
const PAIR_NOUNS: &[&str] = &["leaders", "men", "women", "ministers", "diplomats", "officials", "presidents", "envoys"];

impl Default for ActorCoder {
    fn default() -> Self {
        ActorCoder::builtin()
    }
}

/// What a run of words says about an actor.
#[derive(Clone, Debug, Default)]
struct Signals {
    /// The country nearest the head, the words that named it, and whether those words are a
    /// country or nationality (not a city, which alone says nothing of a person).
    country: Option<(String, Range<usize>, bool)>,
    /// The last agent phrase, with its words.
    agent: Option<(AgentEntry, Range<usize>)>,
    /// A coded organisation among the words ("Kremlin spokesman"): its actor.
    organisation: Option<Actor>,
}

impl Signals {
    /// The code the signals make: a coded organisation's code (a spokesman speaks for it),
    /// else the country with the agent's role, else a nationality alone when its word stands
    /// right before `head` ("American Paul Whelan").
    fn actor(&self, doc: &Document, how: &str, head: usize) -> Option<Actor> {
        let mut parts: Vec<String> = Vec::new();
        let mut spans: Vec<Span> = Vec::new();
        let country = self.country.as_ref().map(|(c, words, _)| {
            parts.push(doc.text_of(words).to_string());
            spans.push(doc.span_of(words));
            c.clone()
        });
        let organisation = self.organisation.as_ref().filter(|o| o.role.is_some() || o.country.is_none());
        let code = match (organisation, &country, &self.agent) {
            (Some(org), _, _) => {
                parts.push(format!("{} ({})", org.evidence.map_or("", |e| doc.slice(e)), org.code));
                spans.extend(org.evidence);
                org.code.clone()
            }
            (None, Some(c), Some((agent, words))) => {
                parts.push(agent.name.clone());
                spans.push(doc.span_of(words));
                compose(c, agent)
            }
            (None, Some(c), None) => {
                let (_, words, nationality) = self.country.as_ref()?;
                let next_is_head =
                    words.end == head || (words.end + 1 == head && matches!(doc.token_text(words.end), "'s" | "’s"));
                if !(*nationality && next_is_head) {
                    return None;
                }
                c.clone()
            }
            (None, None, _) => return None,
        };
        let evidence = spans.into_iter().reduce(|a, b| Span::new(a.start.min(b.start), a.end.max(b.end)));
        Some(Actor { evidence, ..parse_code(&code, format!("{how}: {}", parts.join(" + "))) })
    }
}

/// An agent's code placed around a country ("RUS" + "~GOV" → "RUSGOV").
pub fn compose(country: &str, agent: &AgentEntry) -> String {
    match agent.placement {
        Placement::AfterCountry => format!("{country}{}", agent.code),
        Placement::BeforeCountry => format!("{}{country}", agent.code),
    }
}

/// Splits a code into its country (if it starts with one) and first role, as an [`Actor`]
/// found by `rule`.
pub fn parse_code(code: &str, rule: String) -> Actor {
    let head = code.get(..3).unwrap_or(code);
    let is_country = Gazetteer::builtin().is_country_code(head);
    let (country, role) = if is_country {
        (Some(head.to_string()), code.get(3..6).filter(|r| r.len() == 3).map(str::to_string))
    } else {
        (None, Some(head.to_string()).filter(|h| h.len() == 3))
    };
    Actor { code: code.to_string(), country, role, evidence: None, rule }
}

/// The country or nationality named by the longest run of words from token `at` (before
/// `end`): its code and its length in words.
pub fn country_at(doc: &Document, at: usize, end: usize) -> Option<(String, usize)> {
    let gazetteer = Gazetteer::builtin();
    let longest = (end - at).min(7);
    (1..=longest).rev().find_map(|len| {
        let words: Vec<&str> = (at..at + len).map(|i| doc.token_text(i)).collect();
        let entry = gazetteer.get(&words)?;
        let named = entry.kinds.contains(Kind::Country) || entry.kinds.contains(Kind::Demonym);
        entry.country.clone().filter(|_| named).map(|c| (c, len))
    })
}

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Per-document state: the document, its mention index and the coder.
struct Coding<'a> {
    coder: &'a ActorCoder,
    doc: &'a Document,
    mentions: EntityIndex,
    /// Codes found so far, by entity id.
    actors: Vec<Option<Actor>>,
}

impl<'a> Coding<'a> {
    /// The tokens before `end` in its sentence that can modify a name or a role noun:
    /// capitalised words, agent words, country names and the words joining them ("US
    /// Secretary of State", "Russian Ministry of Foreign Affairs spokesperson").
    fn title_window(&self, end: usize) -> Range<usize> {
        let mut sentence = self.doc.sentence_tokens(end.saturating_sub(1));
        // Nor does it reach into the dateline: "NICOSIA - An Iraqi Kurdish guerrilla group".
        while sentence.start < end && self.doc.in_dateline(sentence.start) {
            sentence.start += 1;
        }
        let mut start = end;
        while start > sentence.start && end - start < 10 {
            let i = start - 1;
            if let Some((entity, m)) = self.mentions.mention_at(i) {
                if self.doc.entities[entity].kind == EntityType::Person {
                    break;
                }
                start = self.doc.entities[entity].mentions[m].tokens.start.max(sentence.start);
                continue;
            }
            let word = self.doc.token_text(i);
            let lower = normalise(word);
            let fits = CONNECTORS.contains(&lower.as_str())
                || (is_capitalised(word) && word.chars().any(char::is_alphabetic) && i > sentence.start)
                || (is_capitalised(word) && self.is_title_word(&lower))
                || self.is_title_word(&lower);
            if !fits {
                break;
            }
            start = i;
        }
        while start < end && CONNECTORS.contains(&normalise(self.doc.token_text(start)).as_str()) {
            start += 1;
        }
        start..end
    }

    fn is_title_word(&self, lower: &str) -> bool {
        self.coder.agent_words.contains(lower)
            || TITLE_MODIFIERS.contains(&lower)
            || Gazetteer::builtin()
                .get(&[lower])
                .is_some_and(|e| e.kinds.contains(Kind::Demonym) || e.kinds.contains(Kind::Country))
    }

    /// The country, agent and coded organisation in `tokens`.
    fn signals(&self, tokens: Range<usize>) -> Signals {
        let doc = self.doc;
        let mut signals = Signals::default();
        let words: Vec<String> = tokens.clone().map(|i| normalise(doc.token_text(i))).collect();
        let mut i = tokens.start;
        while i < tokens.end {
            if let Some((entity, m)) = self.mentions.mention_at(i) {
                let e = &doc.entities[entity];
                let mention = e.mentions[m].tokens.clone();
                let inside = mention.start.max(tokens.start)..mention.end.min(tokens.end);
                match (&self.actors[entity], e.kind) {
                    (Some(actor), EntityType::Org) => signals.organisation = Some(actor.clone()),
                    (Some(actor), _) => {
                        if let Some(country) = &actor.country {
                            let nationality =
                                e.kind == EntityType::Misc || e.location.as_ref().is_some_and(|l| l.kind == "country");
                            signals.country = Some((country.clone(), inside.clone(), nationality));
                        }
                    }
                    // An uncoded organisation's own words may say whose it is and what it
                    // does ("Russian Ministry of Foreign Affairs").
                    (None, EntityType::Org) => {
                        self.agents_in(&words, tokens.start, inside.clone(), &mut signals);
                        self.countries_in(inside.clone(), &mut signals);
                    }
                    (None, _) => {}
                }
                i = inside.end.max(i + 1);
                continue;
            }
            let offset = i - tokens.start;
            if let Some((len, agent)) = self.coder.agent_at(&words, offset) {
                signals.agent = Some((agent.clone(), i..i + len));
                i += len;
                continue;
            }
            match country_at(doc, i, tokens.end) {
                Some((country, len)) => {
                    signals.country = Some((country, i..i + len, true));
                    i += len;
                }
                None => i += 1,
            }
        }
        signals
    }

    fn agents_in(&self, words: &[String], base: usize, tokens: Range<usize>, signals: &mut Signals) {
        let mut i = tokens.start;
        while i < tokens.end {
            match self.coder.agent_at(words, i - base).filter(|(len, _)| i + len <= tokens.end) {
                Some((len, agent)) => {
                    signals.agent = Some((agent.clone(), i..i + len));
                    i += len;
                }
                None => i += 1,
            }
        }
    }

    fn countries_in(&self, tokens: Range<usize>, signals: &mut Signals) {
        let mut i = tokens.start;
        while i < tokens.end {
            match country_at(self.doc, i, tokens.end) {
                Some((country, len)) => {
                    signals.country = Some((country, i..i + len, true));
                    i += len;
                }
                None => i += 1,
            }
        }
    }

    /// The code a dictionary gives an entity by its mentions (fullest first).
    fn code_from_dictionaries(&self, entity: usize) -> Option<Actor> {
        let doc = self.doc;
        let e = &doc.entities[entity];
        let mut mentions: Vec<&Mention> = e.mentions.iter().filter(|m| m.rule.is_none()).collect();
        mentions.sort_by_key(|m| std::cmp::Reverse(m.tokens.len()));
        for dictionary in &self.coder.actors {
            for mention in &mentions {
                let words: Vec<String> = doc.name_words(mention).into_iter().map(normalise).collect();
                let Some(entry) = dictionary.exactly(&words) else { continue };
                let Some((code, why)) = entry.code_on(doc.meta.date) else { continue };
                let rule =
                    format!("dictionary {}: {:?} is {}, {why}", dictionary.name, doc.slice(mention.span), entry.name);
                return Some(Actor { evidence: Some(mention.span), ..parse_code(&code.code, rule) });
            }
        }
        None
    }

    /// A person's code from the title before one of its mentions, or an apposition.
    fn code_from_titles(&self, entity: usize) -> Option<Actor> {
        let e = &self.doc.entities[entity];
        e.mentions.iter().filter(|m| m.rule.is_none()).find_map(|mention| {
            let window = self.title_window(mention.tokens.start);
            let title = (!window.is_empty())
                .then(|| self.signals(window).actor(self.doc, "title", mention.tokens.start))
                .flatten();
            title.or_else(|| self.apposition(mention))
        })
    }

    /// "Dmitry Peskov, the Kremlin's spokesman," or "Russia's foreign minister, Sergey Lavrov":
    /// a description next to the name, set off by a comma, with a role in it.
    fn apposition(&self, mention: &Mention) -> Option<Actor> {
        let doc = self.doc;
        let sentence = doc.sentence_tokens(mention.tokens.start);
        let after = mention.tokens.end;
        if after + 1 < sentence.end && doc.token_text(after) == "," {
            let mut end = after + 1;
            // The description ends where a clause in it begins ("a British sailor detained by
            // Iranian police": the police are not his).
            while end < sentence.end
                && end - after < 12
                && !matches!(doc.token_text(end), "," | ";" | "who" | "which" | "(" | ")")
                && !(doc.tokens[end].upos == Some(Upos::Verb)
                    && matches!(doc.tokens[end].deprel, Some(Deprel::Acl | Deprel::AclRelcl | Deprel::Advcl)))
            {
                end += 1;
            }
            let signals = self.signals(after + 1..end);
            if signals.agent.is_some() {
                if let Some(actor) = signals.actor(doc, "apposition", after) {
                    return Some(actor);
                }
            }
        }
        let before = mention.tokens.start;
        if before > sentence.start + 1 && doc.token_text(before - 1) == "," {
            let window = self.title_window(before - 1);
            if !window.is_empty() {
                let signals = self.signals(window);
                if signals.agent.is_some() {
                    return signals.actor(doc, "apposition", before - 1);
                }
            }
        }
        None
    }

    /// The nationality of a conjoined person, for a person the article says nothing else of.
    fn code_from_conjunction(&self, entity: usize) -> Option<Actor> {
        let doc = self.doc;
        for mention in &doc.entities[entity].mentions {
            let Some(head) = mention_head(doc, mention) else { continue };
            let is_conj = |t: usize| doc.tokens[t].deprel == Some(Deprel::Conj);
            let neighbours = doc.tokens[head]
                .head
                .filter(|_| is_conj(head))
                .into_iter()
                .chain(doc.children(head).filter(|&t| is_conj(t)));
            for other in neighbours {
                let Some((o, _)) = self.mentions.mention_at(other) else { continue };
                let other_entity = &doc.entities[o];
                if o == entity || other_entity.kind != EntityType::Person {
                    continue;
                }
                let Some(actor) = &self.actors[o] else { continue };
                if actor.role.is_none() {
                    if let Some(country) = &actor.country {
                        let rule = format!("conjoined with {} ({country}), no title of its own", other_entity.name);
                        return Some(Actor { evidence: Some(mention.span), ..parse_code(country, rule) });
                    }
                }
            }
        }
        None
    }
}

/// The token of a mention whose head lies outside it.
fn mention_head(doc: &Document, mention: &Mention) -> Option<usize> {
    mention
        .tokens
        .clone()
        .find(|&t| doc.tokens[t].head.is_none_or(|h| !mention.tokens.contains(&h)) && doc.tokens[t].deprel.is_some())
}

/// The name of Attaché's built-in actor dictionary.
pub const BUILTIN_ACTORS: &str = "attache:actors";

/// The name of the built-in dictionary converted from PETRARCH 2's Phoenix actors.
pub const PHOENIX_ACTORS: &str = "attache:phoenix-actors";

/// True for the dictionaries Attaché ships (not a user's).
pub(crate) fn is_builtin_dictionary(name: &str) -> bool {
    name == BUILTIN_ACTORS || name == PHOENIX_ACTORS
}

impl ActorCoder {
    /// The coder with Attaché's built-in actor and agent dictionaries only: its own, then
    /// the Phoenix dictionaries' office holders, institutions and groups
    /// (`scripts/build-phoenix-actors.py`), its own winning ties.
    pub fn builtin() -> ActorCoder {
        let actors = ActorDictionary::parse(BUILTIN_ACTORS, include_str!("../data/actors.txt"));
        let phoenix = ActorDictionary::parse(PHOENIX_ACTORS, include_str!("../data/phoenix-actors.txt"));
        let agents = AgentDictionary::parse("attache:agents", include_str!("../data/agents.txt"));
        debug_assert!(
            actors.warnings.is_empty() && phoenix.warnings.is_empty() && agents.warnings.is_empty(),
            "{:?} {:?} {:?}",
            actors.warnings,
            phoenix.warnings,
            agents.warnings
        );
        let mut coder = ActorCoder {
            actors: vec![actors, phoenix],
            agents: Vec::new(),
            agent_words: FxHashSet::default(),
            roles_take_country: true,
        };
        coder.add_agents(agents);
        coder
    }

    /// Adds a user's actor dictionary, consulted before those added earlier and the
    /// built-in one.
    pub fn with_actors(mut self, dictionary: ActorDictionary) -> ActorCoder {
        self.actors.insert(0, dictionary);
        self
    }

    /// Adds a user's agent dictionary, consulted before those added earlier and the
    /// built-in one.
    pub fn with_agents(mut self, dictionary: AgentDictionary) -> ActorCoder {
        self.add_agents(dictionary);
        self
    }

    /// Leaves role nouns with no country of their own "---", as PETRARCH does, instead of
    /// giving them the one country their sentence names.
    pub fn without_sentence_countries(mut self) -> ActorCoder {
        self.roles_take_country = false;
        self
    }

    fn add_agents(&mut self, dictionary: AgentDictionary) {
        self.agent_words.extend(dictionary.words().map(str::to_string));
        self.agents.insert(0, dictionary);
    }

    /// The longest actor phrase at `words[start]` (normalised words) across the
    /// dictionaries (the first dictionary wins ties), with the dictionary's name.
    pub fn actor_at(&self, words: &[String], start: usize) -> Option<(usize, &ActorEntry, &str)> {
        self.actors
            .iter()
            .filter_map(|d| d.longest_at(words, start).map(|(len, entry)| (len, entry, d.name.as_str())))
            .reduce(|best, next| if next.0 > best.0 { next } else { best })
    }

    /// The longest agent phrase at `words[start]` (normalised words) across the
    /// dictionaries (the first dictionary wins ties).
    pub fn agent_at(&self, words: &[String], start: usize) -> Option<(usize, &AgentEntry)> {
        self.agents
            .iter()
            .filter_map(|d| d.longest_at(words, start))
            .reduce(|best, next| if next.0 > best.0 { next } else { best })
    }
}

impl Component for ActorCoder {
    fn name(&self) -> &'static str {
        "actors"
    }

    fn requires(&self) -> &'static [Layer] {
        &[Layer::Tags, Layer::Parse, Layer::Entities, Layer::Places]
    }

    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Actors]
    }

    fn process(&self, doc: &mut Document) {
        let mut coding =
            Coding { coder: self, doc, mentions: doc.entity_index(), actors: vec![None; doc.entities.len()] };
        // Places first, then organisations, then people: each may be read from the ones before.
        for kind in [EntityType::Place, EntityType::Misc, EntityType::Org, EntityType::Person] {
            for entity in 0..doc.entities.len() {
                if doc.entities[entity].kind != kind {
                    continue;
                }
                let actor = match kind {
                    EntityType::Place => place_actor(doc, entity).or_else(|| coding.code_from_dictionaries(entity)),
                    EntityType::Misc => nationality(doc, entity),
                    EntityType::Org => coding.code_from_dictionaries(entity).or_else(|| coding.own_words(entity)),
                    EntityType::Person => {
                        coding.code_from_titles(entity).or_else(|| coding.code_from_dictionaries(entity))
                    }
                };
                coding.actors[entity] = actor;
            }
        }
        for entity in 0..doc.entities.len() {
            if doc.entities[entity].kind == EntityType::Person && coding.actors[entity].is_none() {
                coding.actors[entity] = coding.code_from_conjunction(entity);
            }
        }
        let (counterparts, mut descriptions) = coding.counterparts();
        descriptions.extend(coding.pairs());
        descriptions.extend(coding.role_nouns());
        descriptions.sort_by_key(|d| d.span.start);
        let actors = coding.actors;
        for (entity, actor) in doc.entities.iter_mut().zip(actors) {
            entity.actor = actor;
        }
        for (entity, mention) in counterparts {
            doc.entities[entity].add_mention(mention);
        }
        doc.descriptions = descriptions;
        doc.actors = self.phrases(doc);
    }
}

/// A place's code: the country it is in.
fn place_actor(doc: &Document, entity: usize) -> Option<Actor> {
    let e = &doc.entities[entity];
    let location = e.location.as_ref()?;
    let rule = if location.kind == "country" {
        format!("place: the country {}", location.name)
    } else {
        format!("place: {} is in {}", location.name, location.country)
    };
    Some(Actor { evidence: Some(e.mentions[e.canonical].span), ..parse_code(&location.country, rule) })
}

/// A nationality word's code ("Americans" → USA).
fn nationality(doc: &Document, entity: usize) -> Option<Actor> {
    let e = &doc.entities[entity];
    let mention = &e.mentions[e.canonical];
    let entry = Gazetteer::builtin().get(&doc.name_words(mention))?;
    let country = entry
        .country
        .as_ref()
        .filter(|_| entry.kinds.contains(Kind::Demonym) || entry.kinds.contains(Kind::Country))?;
    Some(Actor {
        evidence: Some(mention.span),
        ..parse_code(country, format!("nationality: {}", doc.slice(mention.span)))
    })
}

impl<'a> Coding<'a> {
    /// An organisation's code from its own words and the title before it ("Russian Ministry of
    /// Foreign Affairs", "Russia's Foreign Ministry").
    fn own_words(&self, entity: usize) -> Option<Actor> {
        let e = &self.doc.entities[entity];
        e.mentions.iter().filter(|m| m.rule.is_none()).find_map(|mention| {
            let window = self.title_window(mention.tokens.start);
            let mut signals = self.signals(window.start..mention.tokens.end);
            signals.organisation = None;
            // The role word must head the name ("Interior Ministry", "Ministry of Culture"),
            // not begin it ("Doctor Who Society").
            let (_, words) = signals.agent.as_ref()?;
            if !(words.end == mention.tokens.end || self.doc.token_text(words.end).eq_ignore_ascii_case("of")) {
                return None;
            }
            signals.actor(self.doc, "own words", mention.tokens.start)
        })
    }

    /// "his Russian counterpart" → a mention of the Russian named before it; with no such
    /// person named, a description coded with the country and the possessor's role.
    fn counterparts(&self) -> (Vec<(usize, Mention)>, Vec<Description>) {
        let doc = self.doc;
        let (mut out, mut unnamed) = (Vec::new(), Vec::new());
        for i in 1..doc.tokens.len() {
            if !matches!(normalise(doc.token_text(i)).as_str(), "counterpart" | "counterparts")
                || self.mentions.mention_at(i).is_some()
            {
                continue;
            }
            let mut start = i;
            let mut country = None;
            if let Some(entry) = Gazetteer::builtin().get(&[doc.token_text(i - 1)]) {
                if entry.kinds.contains(Kind::Demonym) || entry.kinds.contains(Kind::Country) {
                    country = entry.country.clone();
                    start = i - 1;
                }
            }
            if start > 0 && matches!(normalise(doc.token_text(start - 1)).as_str(), "his" | "her" | "their" | "its") {
                start -= 1;
            }
            // The people named before, latest first.
            let mut earlier: Vec<usize> = Vec::new();
            for t in (0..start).rev() {
                if let Some((e, _)) = self.mentions.mention_at(t) {
                    if doc.entities[e].kind == EntityType::Person && !earlier.contains(&e) {
                        earlier.push(e);
                    }
                }
            }
            let possessor_country =
                earlier.first().and_then(|&e| self.actors[e].as_ref()).and_then(|a| a.country.clone());
            let target = earlier.iter().copied().find(|&e| {
                let theirs = self.actors[e].as_ref().and_then(|a| a.country.clone());
                match &country {
                    Some(c) => theirs.as_ref() == Some(c),
                    None => theirs.is_some() && theirs != possessor_country,
                }
            });
            let span = doc.span_of(&(start..i + 1));
            let Some(target) = target.filter(|&t| Some(t) != earlier.first().copied()) else {
                let possessor = earlier.first().and_then(|&e| Some((e, self.actors[e].as_ref()?)));
                if let (Some(c), Some((e, theirs))) = (&country, possessor) {
                    let code = format!("{c}{}", theirs.role.as_deref().unwrap_or(""));
                    let rule = format!(
                        "description: {} = {c} with the role of {} ({})",
                        doc.slice(span),
                        doc.entities[e].name,
                        theirs.code
                    );
                    let actor = Actor { evidence: Some(span), ..parse_code(&code, rule.clone()) };
                    unnamed.push(Description {
                        tokens: start..i + 1,
                        span,
                        entities: Vec::new(),
                        actor: Some(actor),
                        rule,
                    });
                }
                continue;
            };
            let rule = match &country {
                Some(c) => format!("description: {} → the last {c} person named", doc.slice(span)),
                None => format!("description: {} → the last person of another country named", doc.slice(span)),
            };
            out.push((target, Mention { tokens: start..i + 1, span, rule: Some(rule) }));
        }
        (out, unnamed)
    }

    /// "the two" → the last two people named together, else the last two named.
    fn pairs(&self) -> Vec<Description> {
        let doc = self.doc;
        let mut out = Vec::new();
        for i in 0..doc.tokens.len().saturating_sub(1) {
            if !(normalise(doc.token_text(i)) == "the" && normalise(doc.token_text(i + 1)) == "two") {
                continue;
            }
            let next = doc.tokens.get(i + 2);
            let noun = next.filter(|t| matches!(t.upos, Some(Upos::Noun | Upos::Propn | Upos::Num | Upos::Adj)));
            let noun_text = noun.map(|_| normalise(doc.token_text(i + 2)));
            if noun_text.as_deref().is_some_and(|n| !PAIR_NOUNS.contains(&n)) {
                continue;
            }
            let end = if noun_text.is_some() { i + 3 } else { i + 2 };
            // Within this sentence and the two before it.
            let sentence = doc.sentence_of(i).unwrap_or(0);
            let earliest = doc.sentences.get(sentence.saturating_sub(2)).map_or(0, |s| s.tokens.start);
            let pair = self
                .last_coordination(earliest..i)
                .map(|(a, b, _)| (a, b, "the last two people named together"))
                .or_else(|| self.last_two_people(i).map(|(a, b)| (a, b, "the last two people named")));
            let Some((a, b, how)) = pair else { continue };
            let span = doc.span_of(&(i..end));
            let rule = format!(
                "description: {} → {how} ({} and {})",
                doc.slice(span),
                doc.entities[a].name,
                doc.entities[b].name
            );
            out.push(Description { tokens: i..end, span, entities: vec![a, b], actor: None, rule });
        }
        out
    }

    /// The last "A and B" of two people within `tokens`.
    fn last_coordination(&self, tokens: Range<usize>) -> Option<(usize, usize, usize)> {
        let doc = self.doc;
        let person = |t: usize| {
            self.mentions.mention_at(t).filter(|(e, _)| doc.entities[*e].kind == EntityType::Person).map(|(e, _)| e)
        };
        (tokens.start + 1..tokens.end.saturating_sub(1)).rev().find_map(|t| {
            if normalise(doc.token_text(t)) != "and" {
                return None;
            }
            let (a, b) = (person(t - 1)?, person(t + 1)?);
            (a != b).then_some((a, b, t))
        })
    }

    fn last_two_people(&self, before: usize) -> Option<(usize, usize)> {
        let doc = self.doc;
        let mut seen: Vec<usize> = Vec::new();
        for t in (0..before).rev() {
            if let Some((e, _)) = self.mentions.mention_at(t) {
                if doc.entities[e].kind == EntityType::Person && !seen.contains(&e) {
                    seen.push(e);
                    if seen.len() == 2 {
                        return Some((seen[1], seen[0]));
                    }
                }
            }
        }
        None
    }

    /// Role nouns outside names whose words give a country: "Russian troops", "a State
    /// Department official", "the US official".
    fn role_nouns(&self) -> Vec<Description> {
        let doc = self.doc;
        let mut out = Vec::new();
        for sentence in &doc.sentences {
            let words: Vec<String> = sentence.tokens.clone().map(|i| normalise(doc.token_text(i))).collect();
            let mut i = sentence.tokens.start;
            while i < sentence.tokens.end {
                if self.mentions.mention_at(i).is_some() {
                    i += 1;
                    continue;
                }
                let Some((len, agent)) = self.coder.agent_at(&words, i - sentence.tokens.start) else {
                    i += 1;
                    continue;
                };
                let end = i + len;
                let inside_name = (i..end).any(|t| self.mentions.mention_at(t).is_some());
                // A capitalised title before a name is the name's, not a description.
                let title = end < sentence.tokens.end
                    && (self.mentions.mention_at(end).is_some_and(|(e, _)| doc.entities[e].kind == EntityType::Person)
                        || is_capitalised(doc.token_text(end)) && is_capitalised(doc.token_text(i)));
                let span = doc.span_of(&(i..end));
                let evidence_of_name = self
                    .actors
                    .iter()
                    .flatten()
                    .filter_map(|a| a.evidence)
                    .any(|e| e.start < span.end && span.start < e.end);
                if inside_name || title || evidence_of_name {
                    i = end;
                    continue;
                }
                let window = self.title_window(i);
                let mut signals = self.signals(window.start..i);
                signals.agent = Some((agent.clone(), i..end));
                if let Some(actor) = signals.actor(doc, "role noun", i) {
                    let start = if window.is_empty() { i } else { window.start };
                    let span = doc.span_of(&(start..end));
                    let rule = actor.rule.clone();
                    out.push(Description { tokens: start..end, span, entities: Vec::new(), actor: Some(actor), rule });
                }
                i = end;
            }
        }
        out
    }
}
