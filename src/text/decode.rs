//! Bytes to text. A byte-order mark decides when there is one (UTF-8,
//! UTF-16 LE/BE); valid UTF-8 is UTF-8; anything else is guessed with
//! chardetng (GBK/GB18030, Big5, Shift_JIS...) and decoded with encoding_rs.
//! `--encoding` forces one. Text that only decodes with replacement
//! characters is refused, never stored mangled.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// WHATWG name of the encoding the bytes were read as.
    pub encoding: &'static str,
    /// Control characters removed (terminal escapes, DEL, C1 controls…).
    pub stripped_controls: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    Empty,
    Binary {
        offset: usize,
    },
    /// A word processor's or a PDF file, told by its first bytes.
    Formatted {
        what: &'static str,
    },
    /// UTF-16 text without a byte-order mark (its NUL bytes all fall on one
    /// side of each pair): readable with `--encoding`, never guessed.
    Utf16WithoutBom {
        encoding: &'static str,
    },
    /// Part of the file is UTF-8 and part is not: no one encoding reads it.
    Mixed {
        offset: usize,
    },
    /// Mostly high bytes, for which only a Western code page was guessed:
    /// CJK text in an encoding not recognised, or damaged.
    Unrecognised {
        guess: &'static str,
    },
    /// UTF-32, told by its byte-order mark: no encoding argraph reads.
    Utf32,
    /// The bytes are not valid in the encoding that was forced or guessed.
    Malformed {
        encoding: &'static str,
        offset: usize,
        forced: bool,
    },
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Empty => write!(
                f,
                "the file holds no text (it is empty, or only whitespace, punctuation or control characters); nothing to ingest"
            ),
            DecodeError::Binary { offset } => write!(
                f,
                "looks binary (NUL byte at offset {offset}); argraph reads plain-text essays (.txt, .md)"
            ),
            DecodeError::Formatted { what } => write!(
                f,
                "is {what}, not plain text; save or export the essay as plain text (.txt) and ingest that"
            ),
            DecodeError::Utf16WithoutBom { encoding } => write!(
                f,
                "looks like {encoding} text without a byte-order mark; pass --encoding {encoding}"
            ),
            DecodeError::Mixed { offset } => write!(
                f,
                "mixes encodings: part of it is UTF-8 and part is not (first non-UTF-8 byte at offset {offset}); \
                 convert it to one encoding, or pass --encoding NAME (UTF-8, GB18030, Big5, UTF-16LE…) for the one it is in"
            ),
            DecodeError::Unrecognised { guess } => write!(
                f,
                "its encoding could not be recognised (only {guess} fits, which would turn CJK text into mojibake); \
                 pass --encoding NAME (GB18030, Big5, Shift_JIS, EUC-KR…), or convert it to UTF-8"
            ),
            DecodeError::Utf32 => write!(
                f,
                "is UTF-32 text, which argraph does not read; convert it to UTF-8 (iconv -f UTF-32 -t UTF-8) and ingest that"
            ),
            DecodeError::Malformed { encoding, offset, forced: true } => write!(
                f,
                "not valid {encoding} (first bad byte at offset {offset}); check the --encoding you gave"
            ),
            DecodeError::Malformed { encoding, offset, forced: false } => write!(
                f,
                "not valid {encoding} (bad byte at offset {offset}); \
                 if you know its encoding, pass --encoding NAME (e.g. GB18030, Big5, UTF-16LE)"
            ),
        }
    }
}

impl std::error::Error for DecodeError {}

/// What a file of a word processor or a PDF is, by the signature its
/// first bytes carry: an essay handed in as .docx is the common case.
fn formatted(bytes: &[u8]) -> Option<&'static str> {
    let zip = bytes.starts_with(b"PK\x03\x04");
    let head = &bytes[..bytes.len().min(2048)];
    let has = |s: &[u8]| head.windows(s.len()).any(|w| w == s);
    Some(if zip && has(b"word/") {
        "a Word document (.docx)"
    } else if zip && has(b"opendocument") {
        "an OpenDocument file (.odt)"
    } else if zip {
        "a zip archive (a .docx, .odt, .pages or .zip file)"
    } else if bytes.starts_with(b"%PDF-") {
        "a PDF"
    } else if bytes.starts_with(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1") {
        "an old Word or Office file (.doc)"
    } else {
        return None;
    })
}

/// An encoding by any of its WHATWG labels (`gbk`, `gb18030`, `utf-16le`, `big5`...).
pub fn encoding_for(label: &str) -> Option<&'static Encoding> {
    let label = label.trim();
    let known = ENCODING_ALIASES
        .iter()
        .find(|(alias, _)| alias.eq_ignore_ascii_case(label))
        .map_or(label, |(_, name)| name);
    // The WHATWG "replacement" encoding decodes nothing (it is what the
    // standard maps HZ and ISO-2022-CN to): no encoding to read a file in.
    Encoding::for_label(known.as_bytes()).filter(|e| *e != encoding_rs::REPLACEMENT)
}

/// Names Windows and Python give encodings, which the WHATWG labels
/// `encoding_rs` knows leave out, with the label they mean: GB2312 and
/// EUC-CN are subsets of GBK, and Big5-HKSCS is what `big5` decodes.
const ENCODING_ALIASES: &[(&str, &str)] = &[
    ("cp936", "gbk"),
    ("ms936", "gbk"),
    ("euc-cn", "gbk"),
    ("euccn", "gbk"),
    ("cp950", "big5"),
    ("ms950", "big5"),
    ("big5hkscs", "big5"),
    ("utf-8-sig", "utf-8"),
    ("utf8-sig", "utf-8"),
    ("utf_8", "utf-8"),
    ("cp54936", "gb18030"),
];

pub fn decode(bytes: &[u8], forced: Option<&'static Encoding>) -> Result<Decoded, DecodeError> {
    // An offset in an error counts from the file's first byte, the mark's too.
    let from_file_start = |bom: usize| {
        move |e: DecodeError| match e {
            DecodeError::Malformed {
                encoding,
                offset,
                forced,
            } => DecodeError::Malformed {
                encoding,
                offset: offset + bom,
                forced,
            },
            other => other,
        }
    };
    // UTF-32's little-endian mark begins with UTF-16's: told apart first.
    if forced.is_none()
        && (bytes.starts_with(b"\xff\xfe\0\0") || bytes.starts_with(b"\0\0\xfe\xff"))
    {
        return Err(DecodeError::Utf32);
    }
    let decoded = match forced {
        Some(enc) => {
            let text = strip_bom(bytes, enc);
            strict(enc, text, true).map_err(from_file_start(bytes.len() - text.len()))?
        }
        None => match Encoding::for_bom(bytes) {
            Some((enc, bom)) => strict(enc, &bytes[bom..], false).map_err(from_file_start(bom))?,
            None => {
                if let Some(what) = formatted(bytes) {
                    return Err(DecodeError::Formatted { what });
                }
                if let Some(offset) = bytes.iter().position(|&b| b == 0) {
                    return Err(match utf16_without_bom(bytes) {
                        Some(enc) => DecodeError::Utf16WithoutBom {
                            encoding: enc.name(),
                        },
                        None => DecodeError::Binary { offset },
                    });
                }
                match std::str::from_utf8(bytes) {
                    Ok(s) => Decoded {
                        text: s.to_owned(),
                        encoding: UTF_8.name(),
                        stripped_controls: 0,
                    },
                    Err(e) => {
                        let enc = guess(bytes);
                        if longest_utf8_run(bytes) >= UTF8_RUN {
                            return Err(DecodeError::Mixed {
                                offset: e.valid_up_to(),
                            });
                        }
                        if western_guess_for_high_bytes(bytes, enc) {
                            return Err(DecodeError::Unrecognised { guess: enc.name() });
                        }
                        strict(enc, bytes, false)?
                    }
                }
            }
        },
    };
    if let Some(offset) = decoded.text.find('\0') {
        return Err(DecodeError::Binary { offset });
    }
    let mut decoded = decoded;
    if let Some((text, stripped)) = strip_controls(&decoded.text) {
        decoded.text = text;
        decoded.stripped_controls = stripped;
    }
    if !decoded.text.chars().any(char::is_alphanumeric) {
        return Err(DecodeError::Empty);
    }
    Ok(decoded)
}

/// Is `c` a control character that is not text layout (newline, tab, CR)?
/// C0 controls, DEL and the C1 range: terminal escapes (`\x1b[31m`) and the
/// like, which break marker matching and can leave claims with no text.
pub fn is_stray_control(c: char) -> bool {
    (c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
        || ('\u{80}'..='\u{9f}').contains(&c)
        || is_noncharacter(c)
}

/// Unicode's noncharacters (U+FDD0–U+FDEF, and U+FFFE, U+FFFF in every
/// plane): no text uses them, and XML forbids U+FFFE and U+FFFF, so one in
/// a claim made the GraphML and SVG exports unreadable.
pub fn is_noncharacter(c: char) -> bool {
    ('\u{fdd0}'..='\u{fdef}').contains(&c) || (c as u32 & 0xfffe) == 0xfffe
}

/// `text` without stray control characters ([`is_stray_control`]), and how
/// many were removed: what decoding does to a file, for text that comes
/// some other way (an imported map's).
pub fn without_controls(text: &str) -> (std::borrow::Cow<'_, str>, usize) {
    match strip_controls(text) {
        None => (std::borrow::Cow::Borrowed(text), 0),
        Some((clean, n)) => (std::borrow::Cow::Owned(clean), n),
    }
}

/// The text without stray control characters, and how many were removed;
/// None when it holds none. A terminal escape sequence (`ESC [ … m`, the
/// CSI form colour codes use) goes whole and counts as one: removing only
/// its ESC would leave `[31m` in a claim.
fn strip_controls(text: &str) -> Option<(String, usize)> {
    if !text.chars().any(is_stray_control) {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut removed = 0;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if !is_stray_control(c) {
            out.push(c);
            continue;
        }
        // A word processor's page break (form feed) or manual line break
        // (vertical tab) breaks the line: text, not debris.
        if matches!(c, '\u{b}' | '\u{c}') {
            out.push('\n');
            continue;
        }
        removed += 1;
        if c == '\u{1b}' && chars.peek() == Some(&'[') {
            chars.next();
            // Parameter and intermediate bytes, then one final byte; a
            // sequence cut short ends at the first character it cannot hold.
            while let Some(&n) = chars.peek() {
                if (' '..='?').contains(&n) {
                    chars.next();
                } else {
                    if ('@'..='~').contains(&n) {
                        chars.next();
                    }
                    break;
                }
            }
        }
    }
    Some((out, removed))
}

/// Consecutive valid UTF-8 multi-byte characters that only UTF-8 text
/// has: GBK and Big5 versions of the 300 AES essays never hold more than
/// six by accident (ASCII between them neither breaks nor extends a run).
const UTF8_RUN: usize = 12;

fn longest_utf8_run(bytes: &[u8]) -> usize {
    let (mut best, mut run, mut i) = (0, 0, 0);
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            i += 1;
            continue;
        }
        let len = match b {
            0xC2..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF4 => 4,
            _ => 0,
        };
        match bytes.get(i..i + len).filter(|_| len > 0) {
            Some(c) if std::str::from_utf8(c).is_ok() => {
                run += 1;
                best = best.max(run);
                i += len;
            }
            _ => {
                run = 0;
                i += 1;
            }
        }
    }
    best
}

/// A Latin code page (windows-1252 and the like) guessed for bytes of which
/// 30% or more are high bytes: Western text has a few accented letters, not
/// that many, so this is CJK text in more than one encoding, or damaged,
/// which the code page would turn into mojibake. (Cyrillic, Greek and other
/// single-byte scripts are high bytes throughout and keep their guess.)
fn western_guess_for_high_bytes(bytes: &[u8], enc: &'static Encoding) -> bool {
    const LATIN: &[&str] = &[
        "windows-1250",
        "windows-1252",
        "windows-1254",
        "windows-1257",
        "ISO-8859-2",
        "ISO-8859-3",
        "ISO-8859-4",
        "ISO-8859-10",
        "ISO-8859-13",
        "ISO-8859-14",
        "ISO-8859-15",
        "ISO-8859-16",
        "macintosh",
    ];
    let high = bytes.iter().filter(|&&b| b >= 0x80).count();
    LATIN.contains(&enc.name()) && high * 10 >= bytes.len() * 3
}

/// UTF-16 without a byte-order mark: an even length, and in one byte order
/// the whole decodes strictly and reads as text. (NUL bytes do not tell the
/// order: ASCII puts them on one side of a pair, but CJK characters such as
/// 一 U+4E00 and 最 U+6700 put them on the other.)
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() % 2 != 0 {
        return None;
    }
    // Nearly all of it ASCII or CJK, no stray controls: binary bytes paired
    // up land anywhere in the 65,536 code units.
    let plain = |c: char| {
        (c.is_ascii() && !is_stray_control(c))
            || ('\u{3000}'..='\u{9fff}').contains(&c)
            || ('\u{ff00}'..='\u{ffef}').contains(&c)
    };
    let share = |enc: &'static Encoding| -> Option<f64> {
        let text = enc.decode_without_bom_handling_and_without_replacement(bytes)?;
        if text.chars().any(is_stray_control) {
            return None;
        }
        let n = text.chars().count().max(1);
        let ok = text.chars().filter(|&c| plain(c)).count();
        let share = ok as f64 / n as f64;
        (share >= 0.9).then_some(share)
    };
    match (share(UTF_16LE), share(UTF_16BE)) {
        (Some(le), Some(be)) => Some(if be > le { UTF_16BE } else { UTF_16LE }),
        (Some(_), None) => Some(UTF_16LE),
        (None, Some(_)) => Some(UTF_16BE),
        (None, None) => None,
    }
}

/// `bytes` without a UTF-8 byte-order mark, as editors on Windows write
/// one, for UTF-8 formats read without [`decode`] (an imported map).
pub fn without_utf8_bom(bytes: &[u8]) -> &[u8] {
    strip_bom(bytes, UTF_8)
}

fn strip_bom<'a>(bytes: &'a [u8], enc: &'static Encoding) -> &'a [u8] {
    match Encoding::for_bom(bytes) {
        Some((bom_enc, len)) if bom_enc == enc => &bytes[len..],
        _ => bytes,
    }
}

/// chardetng's guess for bytes that are not UTF-8. No top-level-domain hint:
/// with `cn` it reads Big5 as GBK.
fn guess(bytes: &[u8]) -> &'static Encoding {
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    det.guess(None, chardetng::Utf8Detection::Allow)
}

fn strict(enc: &'static Encoding, bytes: &[u8], forced: bool) -> Result<Decoded, DecodeError> {
    if (enc == UTF_16LE || enc == UTF_16BE) && bytes.len() % 2 != 0 {
        return Err(DecodeError::Malformed {
            encoding: enc.name(),
            offset: bytes.len() - 1,
            forced,
        });
    }
    match enc.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(text) => Ok(Decoded {
            text: text.into_owned(),
            encoding: enc.name(),
            stripped_controls: 0,
        }),
        None => {
            // Find where it goes wrong, for the message.
            let mut decoder = enc.new_decoder_without_bom_handling();
            let mut out = String::with_capacity(bytes.len() * 3);
            let (_, read) = decoder.decode_to_string_without_replacement(bytes, &mut out, true);
            Err(DecodeError::Malformed {
                encoding: enc.name(),
                offset: read,
                forced,
            })
        }
    }
}

/// Line endings become `\n`; nothing else changes, so every offset into the
/// result is an offset into what the user sees in an editor.
pub fn normalize_newlines(text: &str) -> String {
    if !text.contains('\r') {
        return text.to_owned();
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(s: &str, le: bool) -> Vec<u8> {
        let mut v = if le {
            vec![0xFF, 0xFE]
        } else {
            vec![0xFE, 0xFF]
        };
        for u in s.encode_utf16() {
            v.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        v
    }

    /// Issue #15 item 2: UTF-8 and GBK in one file were read as windows-1252.
    #[test]
    fn mixed_utf8_and_gbk_is_refused_with_the_offset() {
        let utf8 = "题目：读书的意义\n我认为，读书能够开阔眼界，让我们看见更大的世界。\n";
        let (gbk, _, _) =
            encoding_rs::GBK.encode("首先，读书让人明理。例如，鲁迅发表了《狂人日记》。\n");
        let mut bytes = utf8.as_bytes().to_vec();
        bytes.extend_from_slice(&gbk);
        let e = decode(&bytes, None).unwrap_err();
        assert_eq!(e, DecodeError::Mixed { offset: utf8.len() });
        assert!(e.to_string().contains("--encoding"));
        // A short UTF-8 title before GBK text: a Western code page is never
        // guessed for bytes that are mostly CJK.
        let mut bytes = "题目\n".as_bytes().to_vec();
        bytes.extend_from_slice(&gbk);
        let d = decode(&bytes, None);
        assert!(
            !matches!(&d, Ok(d) if encoding_rs::Encoding::for_label(d.encoding.as_bytes()).unwrap().is_single_byte()),
            "{d:?}"
        );
        // Plain GBK is still read, and so is a Cyrillic code page.
        assert_eq!(decode(&gbk, None).unwrap().encoding, "GBK");
        let (cyrillic, _, _) =
            encoding_rs::WINDOWS_1251.encode("Чтение делает человека мудрым. Книги учат нас жить.");
        assert_eq!(decode(&cyrillic, None).unwrap().encoding, "windows-1251");
    }

    #[test]
    fn utf16_without_bom_gets_a_hint() {
        // Chinese with NUL bytes on both sides of its pairs: 一 is 00 4E in UTF-16LE.
        for le_order in [true, false] {
            let mut bytes = utf16("一月最冷。我认为读书有益。\n", le_order);
            bytes.drain(..2);
            let want = if le_order { "UTF-16LE" } else { "UTF-16BE" };
            assert_eq!(
                decode(&bytes, None).unwrap_err(),
                DecodeError::Utf16WithoutBom { encoding: want }
            );
        }
        let mut le = utf16("我认为读书有益。\n", true);
        le.drain(..2);
        let e = decode(&le, None).unwrap_err();
        assert_eq!(
            e,
            DecodeError::Utf16WithoutBom {
                encoding: "UTF-16LE"
            }
        );
        assert!(e.to_string().contains("--encoding UTF-16LE"));
        let mut be = utf16("我认为读书有益。\n", false);
        be.drain(..2);
        assert_eq!(
            decode(&be, None).unwrap_err(),
            DecodeError::Utf16WithoutBom {
                encoding: "UTF-16BE"
            }
        );
        assert_eq!(
            decode(&le, encoding_for("utf-16le")).unwrap().text,
            "我认为读书有益。\n"
        );
        assert!(matches!(
            decode(b"ab\0\0cd\0x", None),
            Err(DecodeError::Binary { .. })
        ));
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("观点。".as_bytes(), None).unwrap().text, "观点。");
        assert_eq!(decode(b"\xEF\xBB\xBFok", None).unwrap().text, "ok");
    }

    #[test]
    fn utf16_with_bom() {
        let d = decode(&utf16("论点", true), None).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("论点", "UTF-16LE"));
        let d = decode(&utf16("论点", false), None).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("论点", "UTF-16BE"));
    }

    #[test]
    fn gbk_is_detected() {
        let (bytes, _, _) = encoding_rs::GBK
            .encode("当元宇宙遇上产业互联网，我们看到的是一个完全不同的产业互联网。");
        let d = decode(&bytes, None).unwrap();
        assert_eq!(d.encoding, "GBK");
        assert!(d.text.starts_with("当元宇宙"));
    }

    #[test]
    fn encodings_by_the_names_windows_and_python_give_them() {
        for (name, e) in [
            ("cp950", encoding_rs::BIG5),
            ("Big5HKSCS", encoding_rs::BIG5),
            ("cp936", encoding_rs::GBK),
            ("euc-cn", encoding_rs::GBK),
            ("utf-8-sig", encoding_rs::UTF_8),
            ("GB18030", encoding_rs::GB18030),
        ] {
            assert_eq!(encoding_for(name), Some(e), "{name}");
        }
        assert_eq!(encoding_for("hz-gb-2312"), None);
        assert_eq!(encoding_for("klingon"), None);
    }

    #[test]
    fn forced_encoding_and_bad_bytes() {
        let (bytes, _, _) = encoding_rs::GBK.encode("中文");
        let gb = encoding_for("gb18030").unwrap();
        assert_eq!(decode(&bytes, Some(gb)).unwrap().text, "中文");
        let err = decode(b"\xff\xfe\xfd\x80abc", Some(encoding_for("utf-8").unwrap())).unwrap_err();
        assert!(matches!(err, DecodeError::Malformed { forced: true, .. }));
    }

    #[test]
    fn utf32_is_named_and_offsets_count_the_byte_order_mark() {
        let mut utf32 = vec![0xff, 0xfe, 0, 0];
        for c in "我认为".chars() {
            utf32.extend((c as u32).to_le_bytes());
        }
        assert_eq!(decode(&utf32, None).unwrap_err(), DecodeError::Utf32);
        // UTF-16LE with its mark and a last byte without its pair: the bad
        // byte is the file's seventh (offset 6), not the text's fifth.
        let mut odd = vec![0xff, 0xfe];
        for u in "我认".encode_utf16() {
            odd.extend(u.to_le_bytes());
        }
        odd.push(0x41);
        match decode(&odd, None).unwrap_err() {
            DecodeError::Malformed { offset, .. } => assert_eq!(offset, 6),
            e => panic!("{e}"),
        }
    }

    #[test]
    fn control_characters_and_terminal_escapes_are_removed() {
        let d = decode("\u{1b}[1;31m红\u{1b}[0m字\u{7f}\u{1b}[读".as_bytes(), None).unwrap();
        assert_eq!(d.text, "红字读");
        assert_eq!(d.stripped_controls, 4);
        let d = decode("行一\n\t行二\r\n".as_bytes(), None).unwrap();
        assert_eq!(d.stripped_controls, 0);
        // A page break breaks the line, and is no debris to warn about.
        let d = decode("第一篇。\u{c}第二篇。\u{b}下一行。".as_bytes(), None).unwrap();
        assert_eq!(
            (d.text.as_str(), d.stripped_controls),
            ("第一篇。\n第二篇。\n下一行。", 0)
        );
        assert_eq!(decode("。……！".as_bytes(), None), Err(DecodeError::Empty));
    }

    #[test]
    fn rejects_empty_and_binary() {
        assert_eq!(decode(b"  \n\t ", None).unwrap_err(), DecodeError::Empty);
        assert_eq!(
            decode(b"ab\0cd", None).unwrap_err(),
            DecodeError::Binary { offset: 2 }
        );
    }

    #[test]
    fn word_and_pdf_files_are_named() {
        let docx = [
            &b"PK\x03\x04\x14\0\x06\0"[..],
            b"[Content_Types].xml",
            b"word/document.xml",
        ]
        .concat();
        let said = |bytes: &[u8]| match decode(bytes, None) {
            Err(DecodeError::Formatted { what }) => what,
            other => panic!("{other:?}"),
        };
        assert_eq!(said(&docx), "a Word document (.docx)");
        assert!(
            said(b"PK\x03\x04\0\0mimetypeapplication/vnd.oasis.opendocument.text").contains(".odt")
        );
        assert_eq!(said(b"%PDF-1.7\n%\xe2\xe3"), "a PDF");
        assert!(said(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0").contains(".doc"));
        let e = decode(&docx, None).unwrap_err().to_string();
        assert!(
            e.contains("save or export the essay as plain text (.txt)"),
            "{e}"
        );
        // Text that merely starts like one is text.
        assert!(decode("PK赛的结果出来了。".as_bytes(), None).is_ok());
    }

    #[test]
    fn newlines() {
        assert_eq!(normalize_newlines("a\r\nb\rc\n"), "a\nb\nc\n");
    }
}
