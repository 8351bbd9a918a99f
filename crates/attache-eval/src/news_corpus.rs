//! CoNLL-2003's Reuters documents as news articles: the tokens joined back into text as a
//! wire story prints them, so that event gold can be annotated, and Attaché run, on text
//! rather than on token lists.
//!
//! A document's first sentence is its headline (the title), its second usually a
//! dateline ("LONDON 1996-08-30"): its place opens the body as "LONDON - " and its date is
//! the article's. Every further sentence is a paragraph, as Reuters paragraphs mostly are.

use serde::Serialize;

/// One article of the corpus, as a JSON Lines record `attache analyze` reads.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NewsRecord {
    /// `conll2003-{name}-{number}`, numbered from 1 in file order.
    pub id: String,
    /// The dateline's date, when the document has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The headline.
    pub title: String,
    /// The body.
    pub text: String,
}

/// Joins tokens as printed text: no space before closing punctuation and clitics, none
/// after opening brackets, and straight double quotes alternately opening and closing.
pub fn detokenize(tokens: &[&str]) -> String {
    const NO_SPACE_BEFORE: &[&str] = &[
        ",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "'s", "'S", "n't", "N'T", "'re", "'ve", "'ll", "'d", "'m",
        "''", "...",
    ];
    const NO_SPACE_AFTER: &[&str] = &["(", "[", "{", "$", "``", "`"];
    let mut out = String::new();
    let mut quote_open = false;
    let mut glue_next = true;
    for &token in tokens {
        let opens = token == "\"" && !quote_open;
        let closes = token == "\"" && quote_open;
        if !glue_next && !closes && !NO_SPACE_BEFORE.contains(&token) {
            out.push(' ');
        }
        out.push_str(token);
        if token == "\"" {
            quote_open = !quote_open;
        }
        glue_next = opens || NO_SPACE_AFTER.contains(&token);
    }
    out
}

/// The date of a dateline sentence ("LONDON 1996-08-30"): the place and the ISO date.
fn dateline(tokens: &[&str]) -> Option<(String, String)> {
    let (date, place) = tokens.split_last()?;
    let is_date = date.len() == 10
        && date.bytes().enumerate().all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() });
    (is_date && !place.is_empty()).then(|| (detokenize(place), date.to_string()))
}

/// The articles of a CoNLL-2003 file (`name` is its split: "train", "valid", "test").
pub fn conll2003_news(content: &str, name: &str) -> Result<Vec<NewsRecord>, String> {
    let documents = attache_ner::conll2003_documents(content, name)?;
    Ok(documents
        .iter()
        .enumerate()
        .map(|(n, document)| {
            let sentences: Vec<Vec<&str>> =
                document.sentences.iter().map(|s| s.words.iter().map(String::as_str).collect()).collect();
            let title = sentences.first().map(|s| detokenize(s)).unwrap_or_default();
            let rest = sentences.get(1..).unwrap_or_default();
            let (date, body) = match rest.first().and_then(|s| dateline(s)) {
                Some((place, date)) => {
                    let paragraphs: Vec<String> = rest[1..].iter().map(|s| detokenize(s)).collect();
                    (Some(date), format!("{place} - {}", paragraphs.join("\n\n")))
                }
                None => (None, rest.iter().map(|s| detokenize(s)).collect::<Vec<_>>().join("\n\n")),
            };
            NewsRecord { id: format!("conll2003-{name}-{:04}", n + 1), date, title, text: body }
        })
        .filter(|record| !record.text.trim().is_empty())
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_tokens_as_printed() {
        let tokens =
            ["The", "minister", "(", "pictured", ")", "said", ":", "\"", "We", "do", "n't", "agree", ".", "\""];
        assert_eq!(detokenize(&tokens), "The minister (pictured) said: \"We don't agree.\"");
        assert_eq!(
            detokenize(&["Iraq", "'s", "oil", ",", "up", "5", "%", "to", "$", "20"]),
            "Iraq's oil, up 5% to $20"
        );
    }

    #[test]
    fn headline_becomes_the_title_and_the_dateline_opens_the_body() {
        // One token a line with its tags, a blank line after each sentence.
        let document = |sentences: &[&str]| {
            let mut out = String::from("-DOCSTART- -X- -X- O\n\n");
            for sentence in sentences {
                for token in sentence.split(' ') {
                    out += &format!("{token} NN I-NP O\n");
                }
                out += "\n";
            }
            out
        };
        let conll = document(&["TALKS END", "GENEVA 1996-08-30", "Envoys met .", "They left ."])
            + &document(&["NO DATELINE", "Text here ."]);
        let news = conll2003_news(&conll, "valid").unwrap();
        assert_eq!(news.len(), 2);
        assert_eq!(news[0].id, "conll2003-valid-0001");
        assert_eq!(news[0].title, "TALKS END");
        assert_eq!(news[0].date.as_deref(), Some("1996-08-30"));
        assert_eq!(news[0].text, "GENEVA - Envoys met.\n\nThey left.");
        assert_eq!((news[1].date.as_deref(), news[1].text.as_str()), (None, "Text here."));
    }
}
