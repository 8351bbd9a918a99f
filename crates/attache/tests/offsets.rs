//! Property tests: on arbitrary Unicode text — news words mixed with any characters,
//! scripts, emoji, controls and line breaks — every span of every layer lies within the
//! text on character boundaries, and every output format is written without failing.

use attache::formats::{write_document, DocumentFormat};
use attache::{Metadata, Pipeline};
use proptest::prelude::*;
use std::sync::OnceLock;

fn pipeline() -> &'static Pipeline {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(Pipeline::builtin)
}

/// Pieces of text: words that start the stages' rules (names, titles, verbs, dates,
/// quotation marks, datelines), and any character at all.
fn piece() -> impl Strategy<Value = String> {
    let words = [
        "President",
        "Putin",
        "met",
        "the",
        "Chinese",
        "foreign",
        "minister",
        "in",
        "Geneva",
        "on",
        "Monday",
        "said",
        "\"",
        "“",
        "”",
        "'s",
        "n't",
        "U.S.",
        ",",
        ".",
        "?",
        "\n",
        "\n\n",
        "WASHINGTON (Reuters) -",
        "-",
        "—",
        "killed",
        "arrested",
        "3/4/2005",
        "last",
        "week",
        "rebels",
        "Sen.",
        "2024-05-14",
        "Zürich",
        "مرحبا",
        "東京",
        "👍🏽",
        "e\u{301}",
        "\u{200d}",
        "\t",
        "\r\n",
    ];
    prop_oneof![
        3 => proptest::sample::select(words.to_vec()).prop_map(str::to_string),
        1 => any::<char>().prop_map(String::from),
        1 => "\\PC{1,8}",
    ]
}

fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(piece(), 0..80).prop_map(|pieces| pieces.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn every_span_lies_on_the_text_and_every_format_writes(text in text()) {
        let meta = Metadata { date: chrono::NaiveDate::from_ymd_opt(2024, 5, 14), ..Metadata::default() };
        let doc = pipeline().analyze("prop", &text, meta);
        prop_assert_eq!(doc.inconsistency(), None);
        let formats = [
            DocumentFormat::Json { tokens: true },
            DocumentFormat::Conllu,
            DocumentFormat::Report { tokens: true, explain: true },
            DocumentFormat::Gdelt,
        ];
        for format in formats {
            let mut out = Vec::new();
            prop_assert!(write_document(&mut out, &doc, format).is_ok());
        }
        // The JSON's character offsets give back each token's text.
        let mut out = Vec::new();
        write_document(&mut out, &doc, DocumentFormat::Json { tokens: true }).unwrap();
        let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
        let chars: Vec<char> = doc.text.chars().collect();
        for token in json["tokens"].as_array().unwrap() {
            let (start, end) = (token["start"].as_u64().unwrap() as usize, token["end"].as_u64().unwrap() as usize);
            prop_assert!(start <= end && end <= chars.len());
            prop_assert_eq!(chars[start..end].iter().collect::<String>(), token["text"].as_str().unwrap());
        }
    }
}
