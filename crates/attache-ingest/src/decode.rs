//! Bytes to text, in whatever encoding a news archive holds: a byte-order mark first, then
//! UTF-8, then the charset the page or the server declared, then a guess (`chardetng`, the
//! detector Firefox uses) for undeclared legacy text. Text that is UTF-8 but was once read
//! as Windows-1252 ("â€™" for "’") is repaired where the repair is certain.

use attache_doc::Decoding;
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};

/// Text decoded from bytes, and how, when it took more than reading UTF-8.
pub(crate) struct Decoded {
    pub text: String,
    pub decoding: Option<Decoding>,
}

/// Why bytes could not be read as text.
pub(crate) enum NotText {
    /// Not valid UTF-8, and no legacy encoding reads them as text either: binary data.
    /// Holds the UTF-8 error, to say where.
    Binary(std::str::Utf8Error),
}

/// How plain UTF-8 text is decoded: the case not worth reporting.
pub(crate) const VALID_UTF8: &str = "valid UTF-8";

/// Decodes `bytes`; `declared` is the charset a page's `<meta>` or an HTTP header gave.
pub(crate) fn decode(bytes: &[u8], declared: Option<&str>) -> Result<Decoded, NotText> {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let body = &bytes[bom..];
        if encoding == UTF_8 {
            return decode(body, None);
        }
        return Ok(legacy(body, encoding, "byte-order mark"));
    }
    // (Before UTF-8: UTF-16 of ASCII text is valid UTF-8, every other byte zero.)
    if let Some(encoding) = utf16_without_bom(bytes) {
        return Ok(legacy(bytes, encoding, "detected (UTF-16 without a byte-order mark)"));
    }
    let error = match std::str::from_utf8(bytes) {
        Ok(text) => return Ok(decoded(text.to_string(), UTF_8, VALID_UTF8)),
        Err(error) => error,
    };
    if looks_binary(bytes) {
        return Err(NotText::Binary(error));
    }
    if is_mostly_utf8(bytes) {
        return Ok(decoded(String::from_utf8_lossy(bytes).into_owned(), UTF_8, "invalid bytes replaced by U+FFFD"));
    }
    let declared = declared.and_then(|label| Encoding::for_label(label.trim().as_bytes()));
    if let Some(encoding) = declared.filter(|&e| e != UTF_8) {
        return Ok(legacy(bytes, encoding, "declared charset"));
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(None, chardetng::Utf8Detection::Deny);
    // Short samples often read the same in several Latin encodings; name the commonest then.
    let same_as_western = guess != WINDOWS_1252
        && guess.is_single_byte()
        && guess.decode_without_bom_handling(bytes).0 == WINDOWS_1252.decode_without_bom_handling(bytes).0;
    Ok(legacy(bytes, if same_as_western { WINDOWS_1252 } else { guess }, "detected"))
}

fn legacy(bytes: &[u8], encoding: &'static Encoding, how: &str) -> Decoded {
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    decoded(text.into_owned(), encoding, how)
}

/// `text` with its mojibake repaired, and its decoding unless it was plain UTF-8.
pub(crate) fn decoded(text: String, encoding: &'static Encoding, how: &str) -> Decoded {
    let (text, repairs) = match repair_mojibake(&text) {
        Some((fixed, repairs)) => (fixed, repairs),
        None => (text, 0),
    };
    let decoding = (encoding != UTF_8 || how != VALID_UTF8 || repairs > 0).then(|| Decoding {
        encoding: encoding.name().to_string(),
        how: how.to_string(),
        mojibake_repaired: repairs,
    });
    Decoded { text, decoding }
}

/// UTF-8 with a few corrupt bytes: more characters beyond ASCII read as UTF-8 than bytes
/// fail to. (In legacy text, bytes that happen to form UTF-8 are rare.)
fn is_mostly_utf8(bytes: &[u8]) -> bool {
    let (mut good, mut bad) = (0, 0);
    for chunk in bytes.utf8_chunks() {
        good += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        bad += chunk.invalid().len();
    }
    good > bad
}

/// UTF-16 without a byte-order mark: text in which every other byte is zero.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 8 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let sample = &bytes[..bytes.len().min(4096)];
    let zeros = |parity: usize| sample.iter().skip(parity).step_by(2).filter(|&&b| b == 0).count();
    let half = sample.len() / 2;
    let (even, odd) = (zeros(0), zeros(1));
    if odd * 10 >= half * 9 && even * 10 < half {
        Some(UTF_16LE)
    } else if even * 10 >= half * 9 && odd * 10 < half {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Binary data, not text in any encoding: a zero byte, or control characters (other than
/// tab, line breaks and form feed) in more than one byte in a hundred.
fn looks_binary(bytes: &[u8]) -> bool {
    let controls = bytes.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)).count();
    bytes.contains(&0) || controls * 100 > bytes.len()
}

/// Characters that Windows-1252 (as browsers read it) gives to bytes 0x80–0xFF.
fn is_cp1252_high(c: char) -> bool {
    if c.is_ascii() {
        return false;
    }
    let mut buffer = [0u8; 4];
    let (bytes, _, unmappable) = WINDOWS_1252.encode(c.encode_utf8(&mut buffer));
    !unmappable && bytes.len() == 1 && bytes[0] >= 0x80
}

/// Repairs UTF-8 text that was once decoded as Windows-1252: each run of characters of
/// Windows-1252's upper half whose bytes in that encoding are valid UTF-8 holding a
/// character beyond ASCII ("â€™" → "’", "Ã©" → "é") becomes that character. A run whose
/// bytes are not valid UTF-8 ("é", "£") is ordinary text and kept. `None` when there is
/// nothing to repair; else the text and the number of runs repaired.
fn repair_mojibake(text: &str) -> Option<(String, usize)> {
    // Every mojibake of a multi-byte character starts with one of these (lead bytes 0xC2–0xF4).
    if !text.chars().any(|c| ('\u{c2}'..='\u{f4}').contains(&c)) {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut repairs = 0;
    let mut run_start: Option<usize> = None;
    let mut flush = |out: &mut String, run: &str| {
        let (bytes, _, _) = WINDOWS_1252.encode(run);
        match std::str::from_utf8(&bytes) {
            Ok(fixed) if run.chars().count() > 1 && fixed.chars().count() < run.chars().count() => {
                out.push_str(fixed);
                repairs += 1;
            }
            _ => out.push_str(run),
        }
    };
    for (i, c) in text.char_indices() {
        if is_cp1252_high(c) {
            run_start.get_or_insert(i);
            continue;
        }
        if let Some(start) = run_start.take() {
            flush(&mut out, &text[start..i]);
        }
        out.push(c);
    }
    if let Some(start) = run_start {
        flush(&mut out, &text[start..]);
    }
    (repairs > 0).then_some((out, repairs))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(bytes: &[u8]) -> (String, Option<Decoding>) {
        match decode(bytes, None) {
            Ok(d) => (d.text, d.decoding),
            Err(NotText::Binary(_)) => panic!("read as binary"),
        }
    }

    #[test]
    fn utf8_is_read_as_it_is() {
        assert_eq!(text("Café in Zürich – “quoted”".as_bytes()), ("Café in Zürich – “quoted”".to_string(), None));
        let (with_bom, decoding) = text(b"\xEF\xBB\xBFPlain.");
        assert_eq!((with_bom.as_str(), decoding), ("Plain.", None));
    }

    #[test]
    fn legacy_and_utf16_text_is_decoded_and_says_how() {
        let (latin, decoding) =
            text(b"The minister met officials in Bogot\xe1 and S\xe3o Paulo on Monday, \x93officials\x94 said.");
        assert_eq!(latin, "The minister met officials in Bogotá and São Paulo on Monday, “officials” said.");
        let decoding = decoding.unwrap();
        assert_eq!((decoding.encoding.as_str(), decoding.how.as_str()), ("windows-1252", "detected"));
        let utf16: Vec<u8> =
            [0xFF, 0xFE].into_iter().chain("Talks resumed.".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        let (talks, decoding) = text(&utf16);
        assert_eq!((talks.as_str(), decoding.unwrap().encoding.as_str()), ("Talks resumed.", "UTF-16LE"));
        let bare: Vec<u8> = "Talks resumed in Paris.".encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(text(&bare).0, "Talks resumed in Paris.");
        let declared = decode(b"Gr\xfc\xdfe", Some("iso-8859-1")).ok().unwrap();
        assert_eq!((declared.text.as_str(), declared.decoding.unwrap().how.as_str()), ("Grüße", "declared charset"));
    }

    #[test]
    fn utf8_with_a_corrupt_byte_stays_utf8() {
        let (fixed, decoding) = text(b"\xe2\x80\x9cWe will go,\xe2\x80\x9d said the minister of S\xe3o Tom\xc3\xa9.");
        assert_eq!(fixed, "“We will go,” said the minister of S\u{fffd}o Tomé.");
        assert_eq!(decoding.unwrap().how, "invalid bytes replaced by U+FFFD");
    }

    #[test]
    fn binary_data_is_not_text() {
        assert!(matches!(decode(b"\x00\x01\x02\xff\xfe\x00\x89PNG", None), Err(NotText::Binary(_))));
        let noise: Vec<u8> = (0..2000u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8).collect();
        assert!(matches!(decode(&noise, None), Err(NotText::Binary(_))));
    }

    #[test]
    fn mojibake_is_repaired_only_where_certain() {
        let (fixed, decoding) =
            text("The minister\u{e2}\u{20ac}\u{2122}s aide met Jos\u{c3}\u{a9} in S\u{c3}\u{a3}o Paulo.".as_bytes());
        assert_eq!(fixed, "The minister’s aide met José in São Paulo.");
        let decoding = decoding.unwrap();
        assert_eq!((decoding.encoding.as_str(), decoding.mojibake_repaired), ("UTF-8", 3));
        assert_eq!(text("It cost \u{c2}\u{a3}5.".as_bytes()).0, "It cost £5.");
        // Accented text and symbols whose Windows-1252 bytes are no UTF-8 stay as they are.
        for ordinary in ["Señor Müller paid £5 for the café’s crème brûlée.", "Ã is a letter; «quoted» ©"]
        {
            assert!(repair_mojibake(ordinary).is_none(), "{ordinary}");
        }
    }
}
