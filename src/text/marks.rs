//! Variant forms of the punctuation marks, as Taiwan's and Hong Kong's
//! fonts and Big5 files give them: the midline ellipsis ⋯⋯ for ……, and the
//! small forms ﹐﹑﹔﹕﹖﹗ for ，、；：？！ (not ﹒, which stands between the
//! parts of a foreign name as often as it ends a sentence: 海伦﹒凯勒). The text stage reads the
//! standard marks, so an essay holding variants is analysed through a copy
//! with the standard ones (each variant and its standard mark take three
//! bytes in UTF-8, so every span is the same in the copy), and its claims
//! keep the marks as written (`ingest::analyze`).

/// Each variant mark and the standard mark it is read as.
const VARIANTS: [(char, char); 7] = [
    ('⋯', '…'),
    ('﹐', '，'),
    ('﹑', '、'),
    ('﹔', '；'),
    ('﹕', '：'),
    ('﹖', '？'),
    ('﹗', '！'),
];

fn standard(c: char) -> Option<char> {
    VARIANTS.iter().find(|(v, _)| *v == c).map(|(_, s)| *s)
}

/// Does `text` hold a variant mark?
pub fn has_variants(text: &str) -> bool {
    text.chars().any(|c| standard(c).is_some())
}

/// `text` with each variant mark as its standard mark, byte for byte as long.
pub fn standardized(text: &str) -> String {
    text.chars().map(|c| standard(c).unwrap_or(c)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_read_as_the_standard_marks_at_the_same_offsets() {
        let text = "上课分心⋯⋯这些问题确实存在﹐但是﹕手机有用吗﹖";
        assert!(has_variants(text) && !has_variants("上课分心……这些问题。"));
        let copy = standardized(text);
        assert_eq!(copy, "上课分心……这些问题确实存在，但是：手机有用吗？");
        assert_eq!(copy.len(), text.len());
        for (v, s) in VARIANTS {
            assert_eq!(v.len_utf8(), s.len_utf8(), "{v}");
        }
    }
}
