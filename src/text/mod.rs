//! Text stage: bytes → a normalized document → essays, sections, paragraphs,
//! sentences. No knowledge of arguments lives here.

pub mod byline;
pub mod chars;
pub mod comment;
pub mod dateline;
pub mod decode;
pub mod layout;
pub mod marks;
pub mod part_label;
pub mod script;
pub mod sentence;
pub mod sign_off;
pub mod title_label;

pub use decode::{DecodeError, Decoded};
pub use layout::{EssayLayout, Layout, Piece, SectionLayout};

/// A decoded document, ready for analysis. `text` is what spans index into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// Where it came from, as the user named it.
    pub path: String,
    /// The file's canonical path (absolute, links resolved), which
    /// identifies the document whatever spelling named it; None for text
    /// from no file (standard input).
    pub source: Option<String>,
    /// `file`, `stdin`, or the format of an imported map (`aif`, `argdown`).
    pub origin: &'static str,
    /// BLAKE3 of the raw bytes, hex: re-ingesting identical bytes is a no-op.
    pub hash: String,
    /// BLAKE3 of `text`, hex ([`text_hash`]): the same essay whatever its
    /// encoding and line endings. An imported map's is of its file instead
    /// ([`Document::imported`]).
    pub text_hash: String,
    pub encoding: &'static str,
    /// The decoded text with line endings normalized to `\n`.
    pub text: String,
    /// Parse `#`/`##` headings as Markdown.
    pub markdown: bool,
    /// Control characters removed at decoding (ingest warns about them).
    pub stripped_controls: usize,
}

/// The text hash of an imported map whose file hashes to `file_hash`: of
/// the file, marked as a map's so it never equals a text's. Made from the
/// stored hash, so a migration can give it to maps imported before it.
pub fn map_hash(file_hash: &str) -> String {
    blake3::hash(format!("argraph imported map\0{file_hash}").as_bytes())
        .to_hex()
        .to_string()
}

/// BLAKE3 of a decoded text, hex: what tells a copy of a stored document in
/// another encoding or with other line endings. Whitespace at the end does
/// not count: an editor that adds a final newline (or a final CR) leaves
/// the same essay, with the same spans.
pub fn text_hash(text: &str) -> String {
    blake3::hash(text.trim_end().as_bytes())
        .to_hex()
        .to_string()
}

impl Document {
    pub fn from_bytes(path: &str, bytes: &[u8]) -> Result<Document, DecodeError> {
        Document::decode(path, bytes, None)
    }

    /// Like [`Document::from_bytes`], with an encoding forced instead of detected.
    pub fn decode(
        path: &str,
        bytes: &[u8],
        forced: Option<&'static encoding_rs::Encoding>,
    ) -> Result<Document, DecodeError> {
        let decoded = decode::decode(bytes, forced)?;
        // Any case: README.MD is Markdown too.
        let markdown = std::path::Path::new(path)
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"));
        let text = decode::normalize_newlines(&decoded.text);
        Ok(Document {
            path: path.to_owned(),
            source: None,
            origin: "file",
            hash: blake3::hash(bytes).to_hex().to_string(),
            text_hash: text_hash(&text),
            encoding: decoded.encoding,
            text,
            markdown,
            stripped_controls: decoded.stripped_controls,
        })
    }

    /// The document of an imported argument map: `text` is what argraph
    /// stores for it (the claims laid out as paragraphs), the hash is the
    /// file's, so re-importing the same file is a no-op. A map is its graph,
    /// not its text: two maps of one text with other claims or relations (a
    /// map corrected by hand, or an ingested essay's) are not copies of each
    /// other, so its text hash is of the file too, marked as a map's so it
    /// never equals a text's.
    pub fn imported(path: &str, bytes: &[u8], text: String, format: &'static str) -> Document {
        let hash = blake3::hash(bytes).to_hex().to_string();
        Document {
            path: path.to_owned(),
            source: None,
            origin: format,
            text_hash: map_hash(&hash),
            hash,
            encoding: "UTF-8",
            text,
            markdown: false,
            stripped_controls: 0,
        }
    }

    pub fn layout(&self) -> Layout {
        layout::layout(&self.text, self.markdown)
    }
}

/// Converts byte offsets into character offsets of one text, in one forward pass
/// when offsets are asked for in ascending order.
pub struct CharIndex<'a> {
    text: &'a str,
    byte: usize,
    chars: usize,
}

impl<'a> CharIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        CharIndex {
            text,
            byte: 0,
            chars: 0,
        }
    }

    pub fn chars_at(&mut self, byte: usize) -> usize {
        if byte < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        self.chars += self.text[self.byte..byte].chars().count();
        self.byte = byte;
        self.chars
    }
}

/// Line starts of a text, so each claim's line and column is a binary search
/// rather than a walk from the top (a 10,000-claim essay is one document).
pub struct LineIndex {
    /// Char offset at which each line starts.
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        for (i, c) in text.chars().enumerate() {
            if c == '\n' {
                starts.push(i + 1);
            }
        }
        LineIndex { starts }
    }

    /// 1-based line and column of a char offset, as [`line_col`] gives them.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&s| s <= offset);
        (line, offset - self.starts[line - 1] + 1)
    }

    /// Lines in the text.
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    pub fn is_empty(&self) -> bool {
        false
    }

    /// Char range of the 0-based line `n`, without its line break, in a text
    /// of `chars` characters.
    pub fn line_range(&self, n: usize, chars: usize) -> std::ops::Range<usize> {
        let start = self.starts[n];
        let end = self.starts.get(n + 1).map_or(chars, |next| next - 1);
        start..end.max(start)
    }
}

/// Is this `documents.origin` an imported map's (`aif`, `argdown`)? Its
/// stored text is argraph's own layout of the map's claims, so a line and
/// column there point at nothing in the map file.
pub fn is_imported_origin(origin: &str) -> bool {
    matches!(origin, "aif" | "argdown")
}

/// Line and column of a claim in its source file, from `line_col` (asked
/// only then); None for an imported map, whose stored text is argraph's
/// layout: a line there points at nothing in the map file.
pub fn source_position(
    origin: &str,
    line_col: impl FnOnce() -> (usize, usize),
) -> Option<(usize, usize)> {
    (!is_imported_origin(origin)).then(line_col)
}

/// Where a claim stands, as `show` and the HTML report say it: `path:line:column`
/// in the source file ([`source_position`]), or for an imported map the
/// map's name and format.
pub fn place(path: &str, origin: &str, at: Option<(usize, usize)>) -> String {
    match (origin, at) {
        ("aif", _) => format!("{path} (imported AIF map)"),
        ("argdown", _) => format!("{path} (imported Argdown map)"),
        (_, Some((line, column))) => format!("{path}:{line}:{column}"),
        (_, None) => path.to_owned(),
    }
}

/// 1-based line and column (in characters) of a character offset.
pub fn line_col(text: &str, char_offset: usize) -> (usize, usize) {
    let mut line = 1;
    let mut col = 1;
    for c in text.chars().take(char_offset) {
        if c == '\n' {
            line += 1;
            col = 1;
        } else {
            col += 1;
        }
    }
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_agrees_with_a_walk_from_the_top() {
        let text = "题目\n\n第一段。\r\n第二段，\n末行";
        let index = LineIndex::new(text);
        for offset in 0..text.chars().count() {
            assert_eq!(index.line_col(offset), line_col(text, offset), "{offset}");
        }
    }
}
