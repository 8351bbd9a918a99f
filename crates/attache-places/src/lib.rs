//! Puts place entities on the map.
//!
//! Each PLACE entity is looked up in the built-in gazetteer by its mentions, fullest first;
//! of several places with one name the likeliest wins (a country, then a capital, then the
//! most populous city, unless a city of like size lies in a country the article names:
//! "Paris" in a story about Texas stays French, but of two towns of a size the story's wins).
//! Descriptions like "the Indian capital" become mentions of the capital they mean.

use attache_doc::{Component, Document, Entity, EntityType, Layer, Location, Mention};
use attache_gazetteer::{Gazetteer, Kind, Place, PlaceKind};

/// The pipeline component that fills [`Entity::location`] and links capital descriptions.
#[derive(Clone, Copy, Debug, Default)]
pub struct PlaceResolver;

fn location(place: &Place, rule: String) -> Location {
    Location {
        name: place.name.clone(),
        kind: match place.kind {
            PlaceKind::Country => "country",
            PlaceKind::City => "city",
            PlaceKind::Region => "region",
        }
        .to_string(),
        country: place.country.clone(),
        latitude: place.latitude,
        longitude: place.longitude,
        rule,
    }
}

/// The place an entity is, choosing among same-named places by the countries of the
/// article's unambiguous places.
fn resolve(doc: &Document, entity: &Entity, countries: &[String]) -> Option<Location> {
    let gazetteer = Gazetteer::builtin();
    let mut mentions: Vec<&Mention> = entity.mentions.iter().collect();
    mentions.sort_by_key(|m| std::cmp::Reverse(m.tokens.len()));
    for mention in mentions {
        let words = doc.name_words(mention);
        let candidates = gazetteer.places(&words);
        let Some(first) = candidates.first() else { continue };
        // The article's countries tip the balance between cities of like size only: "Geneva"
        // stays Swiss in a story that also names the United States.
        let in_story = candidates.iter().find(|p| {
            p.kind == PlaceKind::City && countries.contains(&p.country) && p.population * 3 >= first.population
        });
        let chosen = match in_story {
            Some(p) if first.kind != PlaceKind::Country && !first.capital && !countries.contains(&first.country) => (
                p,
                format!(
                    "gazetteer: {:?}, the one of {} in a country the article names",
                    words.join(" "),
                    candidates.len()
                ),
            ),
            _ => (first, format!("gazetteer: {:?}, the likeliest of {}", words.join(" "), candidates.len())),
        };
        return Some(location(chosen.0, chosen.1));
    }
    None
}

/// "the Indian capital", "the Russian capital": (first token, one past the last, country).
fn capital_descriptions(doc: &Document) -> Vec<(usize, usize, String)> {
    let gazetteer = Gazetteer::builtin();
    let mut out = Vec::new();
    for i in 1..doc.tokens.len() {
        if !doc.token_text(i).eq_ignore_ascii_case("capital") {
            continue;
        }
        let Some(entry) = gazetteer.get(&[doc.token_text(i - 1)]) else { continue };
        let Some(country) = entry.country.clone().filter(|_| entry.kinds.contains(Kind::Demonym)) else { continue };
        let the = i >= 2 && doc.token_text(i - 2).eq_ignore_ascii_case("the");
        out.push((if the { i - 2 } else { i - 1 }, i + 1, country));
    }
    out
}

impl Component for PlaceResolver {
    fn name(&self) -> &'static str {
        "places"
    }

    fn requires(&self) -> &'static [Layer] {
        &[Layer::Entities]
    }

    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Places]
    }

    fn process(&self, doc: &mut Document) {
        // Countries named outright, to choose among same-named cities.
        let gazetteer = Gazetteer::builtin();
        let countries: Vec<String> = doc
            .entities
            .iter()
            .filter(|e| e.kind == EntityType::Place)
            .filter_map(|e| {
                let words = doc.name_words(&e.mentions[e.canonical]);
                gazetteer.places(&words).first().filter(|p| p.kind == PlaceKind::Country).map(|p| p.country.clone())
            })
            .collect();
        let located: Vec<Option<Location>> = doc
            .entities
            .iter()
            .map(|e| (e.kind == EntityType::Place).then(|| resolve(doc, e, &countries)).flatten())
            .collect();
        for (entity, location) in doc.entities.iter_mut().zip(located) {
            entity.location = location;
        }
        for (start, end, country) in capital_descriptions(doc) {
            let Some(capital) = gazetteer.capital(&country) else { continue };
            let span = doc.span_of(&(start..end));
            let rule = format!("description: the capital of {country}");
            let mention = Mention { tokens: start..end, span, rule: Some(rule.clone()) };
            let same = doc
                .entities
                .iter_mut()
                .find(|e| e.location.as_ref().is_some_and(|l| l.name == capital.name && l.country == capital.country));
            match same {
                Some(entity) => entity.add_mention(mention),
                None => {
                    let id = doc.entities.len();
                    doc.entities.push(Entity {
                        id,
                        kind: EntityType::Place,
                        name: doc.slice(span).to_string(),
                        canonical: 0,
                        mentions: vec![mention],
                        location: Some(location(capital, rule)),
                        actor: None,
                    });
                }
            }
        }
    }
}
