//! Bytes to text. Only encodings that can be told apart with certainty are
//! accepted: UTF-8 (with or without BOM) and UTF-16 with a BOM.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// WHATWG name of the encoding the bytes were read as.
    pub encoding: &'static str,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    Empty,
    Binary { offset: usize },
    NotUtf8 { offset: usize },
    BadUtf16 { encoding: &'static str },
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Empty => write!(f, "the file is empty or holds only whitespace; nothing to ingest"),
            DecodeError::Binary { offset } => write!(
                f,
                "looks binary (NUL byte at offset {offset}); argraph reads plain-text essays (.txt, .md)"
            ),
            DecodeError::NotUtf8 { offset } => write!(
                f,
                "not valid UTF-8 (first bad byte at offset {offset}); convert it, e.g. `iconv -f GB18030 -t UTF-8`"
            ),
            DecodeError::BadUtf16 { encoding } => {
                write!(f, "starts with a {encoding} byte-order mark but is not valid {encoding}")
            }
        }
    }
}

impl std::error::Error for DecodeError {}

pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    let decoded = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        utf8(rest, 3)?
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        utf16(rest, "UTF-16LE", u16::from_le_bytes)?
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        utf16(rest, "UTF-16BE", u16::from_be_bytes)?
    } else {
        if let Some(offset) = bytes.iter().position(|&b| b == 0) {
            return Err(DecodeError::Binary { offset });
        }
        utf8(bytes, 0)?
    };
    if let Some(offset) = decoded.text.find('\0') {
        return Err(DecodeError::Binary { offset });
    }
    if decoded.text.chars().all(char::is_whitespace) {
        return Err(DecodeError::Empty);
    }
    Ok(decoded)
}

fn utf8(bytes: &[u8], bom: usize) -> Result<Decoded, DecodeError> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(Decoded {
            text: s.to_owned(),
            encoding: "UTF-8",
        }),
        Err(e) => Err(DecodeError::NotUtf8 {
            offset: bom + e.valid_up_to(),
        }),
    }
}

fn utf16(
    bytes: &[u8],
    encoding: &'static str,
    unit: fn([u8; 2]) -> u16,
) -> Result<Decoded, DecodeError> {
    if bytes.len() % 2 != 0 {
        return Err(DecodeError::BadUtf16 { encoding });
    }
    let units = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]]));
    let text: Result<String, _> = char::decode_utf16(units).collect();
    text.map(|text| Decoded { text, encoding })
        .map_err(|_| DecodeError::BadUtf16 { encoding })
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

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("观点。".as_bytes()).unwrap().text, "观点。");
        assert_eq!(decode(b"\xEF\xBB\xBFok").unwrap().text, "ok");
    }

    #[test]
    fn utf16_with_bom() {
        let mut le = vec![0xFF, 0xFE];
        for u in "论点".encode_utf16() {
            le.extend(u.to_le_bytes());
        }
        let d = decode(&le).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("论点", "UTF-16LE"));
    }

    #[test]
    fn rejects_empty_binary_and_gbk() {
        assert_eq!(decode(b"  \n\t ").unwrap_err(), DecodeError::Empty);
        assert_eq!(
            decode(b"ab\0cd").unwrap_err(),
            DecodeError::Binary { offset: 2 }
        );
        // "中文" in GBK
        assert!(matches!(
            decode(b"\xD6\xD0\xCE\xC4").unwrap_err(),
            DecodeError::NotUtf8 { offset: 0 }
        ));
    }

    #[test]
    fn newlines() {
        assert_eq!(normalize_newlines("a\r\nb\rc\n"), "a\nb\nc\n");
    }
}
