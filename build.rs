//! Builds the traditional → simplified character table of
//! `src/text/script.rs` from OpenCC's own conversion (ferrous-opencc): it
//! tells a traditional text from a simplified one without loading the
//! converter, and converts a line whose phrase conversion would change some
//! character's length.

use ferrous_opencc::{config::BuiltinConfig, OpenCC};
use std::fmt::Write;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let cc = OpenCC::from_config(BuiltinConfig::T2s).expect("OpenCC's t2s configuration loads");
    // Every CJK ideograph of the basic plane and extension A, each on a line
    // of its own so no phrase rule joins two of them: a character-for-
    // character table, which keeps every offset of the text.
    let chars: Vec<char> = ('\u{3400}'..='\u{4DBF}')
        .chain('\u{4E00}'..='\u{9FFF}')
        .collect();
    let joined: String = chars.iter().flat_map(|&c| [c, '\n']).collect();
    let converted = cc.convert(&joined);
    let mut table = String::from("/// (traditional, simplified), by traditional character.\npub static PAIRS: &[(char, char)] = &[\n");
    for (&from, to) in chars.iter().zip(converted.split('\n')) {
        let mut it = to.chars();
        let (Some(to), None) = (it.next(), it.next()) else {
            continue;
        };
        // Same UTF-8 length only: byte offsets stay where they were (a few
        // rare characters simplify to one outside the basic plane).
        if to != from && to.len_utf8() == from.len_utf8() {
            let _ = writeln!(table, "    ('{from}', '{to}'),");
        }
    }
    table.push_str("];\n");
    let out = std::path::Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("t2s.rs");
    std::fs::write(out, table).expect("write the table");
}
