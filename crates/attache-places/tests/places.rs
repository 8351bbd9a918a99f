//! Place resolution on hand-parsed fixtures (tests/fixtures/*.conllu): place entities put on
//! the map, and "the Indian capital" linked to the capital it means.

use attache_doc::{Component, Document, Entity, EntityType};
use attache_places::PlaceResolver;

fn resolved(fixture: &str, name: &str) -> Document {
    let mut doc = attache_conllu::parse_document(fixture, name).unwrap_or_else(|e| panic!("{e}"));
    PlaceResolver.process(&mut doc);
    doc
}

fn entity<'d>(doc: &'d Document, name: &str) -> &'d Entity {
    doc.entities.iter().find(|e| e.name == name).unwrap_or_else(|| panic!("no entity {name:?} in {:?}", doc.entities))
}

fn near(found: (f64, f64), expected: (f64, f64)) -> bool {
    (found.0 - expected.0).abs() < 0.1 && (found.1 - expected.1).abs() < 0.1
}

#[test]
fn a_capital_is_a_city_with_its_country_and_coordinates() {
    let doc = resolved(include_str!("fixtures/capital.conllu"), "capital");
    let location = entity(&doc, "Nairobi").location.as_ref().expect("Nairobi is on the map");
    assert_eq!((location.name.as_str(), location.kind.as_str(), location.country.as_str()), ("Nairobi", "city", "KEN"));
    assert!(near((location.latitude, location.longitude), (-1.28, 36.82)), "{location:?}");
    assert!(location.rule.starts_with("gazetteer: \"Nairobi\""), "{}", location.rule);
}

#[test]
fn a_country_is_a_country() {
    let doc = resolved(include_str!("fixtures/capital.conllu"), "capital");
    let location = entity(&doc, "Kenya").location.as_ref().expect("Kenya is on the map");
    assert_eq!((location.kind.as_str(), location.country.as_str()), ("country", "KEN"));
}

#[test]
fn only_places_are_put_on_the_map() {
    let doc = resolved(include_str!("fixtures/indian_capital.conllu"), "indian-capital");
    assert!(entity(&doc, "Mara Quill").location.is_none());
    assert!(entity(&doc, "Indian").location.is_none(), "a nationality is no place");
}

#[test]
fn the_indian_capital_becomes_new_delhi() {
    let doc = resolved(include_str!("fixtures/indian_capital.conllu"), "indian-capital");
    let capital = entity(&doc, "the Indian capital");
    assert_eq!(capital.kind, EntityType::Place);
    let location = capital.location.as_ref().expect("the capital is on the map");
    assert_eq!((location.name.as_str(), location.country.as_str()), ("New Delhi", "IND"));
    assert!(near((location.latitude, location.longitude), (28.62, 77.21)), "{location:?}");
    let mention = &capital.mentions[0];
    assert_eq!((mention.tokens.clone(), mention.rule.as_deref()), (4..7, Some("description: the capital of IND")));
}

#[test]
fn the_indian_capital_after_new_delhi_is_a_mention_of_it() {
    let doc = resolved(include_str!("fixtures/indian_capital_named.conllu"), "indian-capital-named");
    let places: Vec<&Entity> = doc.entities.iter().filter(|e| e.kind == EntityType::Place).collect();
    assert_eq!(places.len(), 1, "no second entity for the description: {places:?}");
    let delhi = places[0];
    assert_eq!(delhi.name, "New Delhi");
    assert_eq!(delhi.location.as_ref().map(|l| l.name.as_str()), Some("New Delhi"));
    let mentions: Vec<(&str, Option<&str>)> =
        delhi.mentions.iter().map(|m| (doc.slice(m.span), m.rule.as_deref())).collect();
    assert_eq!(mentions, [("New Delhi", None), ("the Indian capital", Some("description: the capital of IND"))]);
    assert_eq!(delhi.canonical, 0, "the name stays the canonical mention");
}
