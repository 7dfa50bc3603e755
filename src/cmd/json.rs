//! `--json` output: pretty, one document per command, newline-terminated.

use super::emit;
use crate::error::Result;
use serde::Serialize;

pub fn print<T: Serialize + ?Sized>(value: &T) -> Result<()> {
    let mut s = serde_json::to_string_pretty(value).expect("output types serialize");
    s.push('\n');
    emit(&s)
}

/// A JSON list printed element by element as the elements are made
/// (`audit`'s findings, `ingest --dry-run`'s documents: a base's worth
/// would not fit in memory as one value), laid out byte for byte as
/// `to_string_pretty` lays out the whole list at that depth.
pub struct StreamedList {
    /// How many levels of two spaces the list stands at.
    depth: usize,
    entries: usize,
}

impl StreamedList {
    pub fn new(depth: usize) -> StreamedList {
        StreamedList { depth, entries: 0 }
    }

    /// Prints one element, given pretty-printed at depth 0.
    pub fn push(&mut self, pretty: &str) -> Result<()> {
        let open = if self.entries == 0 { "[\n" } else { ",\n" };
        self.entries += 1;
        emit(&format!("{open}{}", indented(pretty, self.depth + 1)))
    }

    /// Closes the list (no line break after it).
    pub fn finish(self) -> Result<()> {
        if self.entries == 0 {
            emit("[]")
        } else {
            emit(&format!("\n{}]", "  ".repeat(self.depth)))
        }
    }
}

/// `pretty` (a pretty-printed JSON value) moved `levels` levels of two
/// spaces to the right, every line. No line break occurs inside a JSON
/// string, so each line of `pretty` is a line of the value.
fn indented(pretty: &str, levels: usize) -> String {
    let pad = "  ".repeat(levels);
    let mut out = String::with_capacity(pretty.len() + pretty.len() / 8);
    for (i, line) in pretty.lines().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&pad);
        out.push_str(line);
    }
    out
}

/// [`indented`], but the first line left where it is: a value that follows
/// its key on the key's line.
pub fn after_key(pretty: &str, levels: usize) -> String {
    let shifted = indented(pretty, levels);
    shifted.trim_start_matches(' ').to_owned()
}

/// Names every thesis's runners-up by claim id in a command's JSON value:
/// a claim's stored reasons give them by their place in the essay
/// (`[ord, score]`), which a script would have to look up, so every
/// command gives `[claim id, score]` instead. `id_at(essay, ord)` finds
/// the claim; a runner-up it cannot find is left out.
pub fn name_runners_up(
    value: &mut serde_json::Value,
    id_at: &mut dyn FnMut(&str, i64) -> Result<Option<String>>,
) -> Result<()> {
    use serde_json::Value;
    match value {
        Value::Array(items) => {
            for item in items {
                name_runners_up(item, id_at)?;
            }
        }
        Value::Object(map) => {
            let essay = map.get("essay").and_then(Value::as_str).map(str::to_owned);
            let runners_up = map
                .get_mut("why")
                .and_then(|w| w.get_mut("runners_up"))
                .and_then(Value::as_array_mut);
            if let (Some(essay), Some(runners_up)) = (essay, runners_up) {
                let mut named = Vec::with_capacity(runners_up.len());
                for r in runners_up.iter() {
                    let Some(ord) = r.get(0).and_then(Value::as_i64) else {
                        continue;
                    };
                    if let Some(id) = id_at(&essay, ord)? {
                        named.push(serde_json::json!([id, r.get(1)]));
                    }
                }
                *runners_up = named;
            }
            for (key, item) in map.iter_mut() {
                if key != "why" {
                    name_runners_up(item, id_at)?;
                }
            }
        }
        _ => {}
    }
    Ok(())
}

/// Prints `value` as [`print`] does, a thesis's runners-up named by claim
/// id from `store` ([`name_runners_up`]).
pub fn print_claims<T: Serialize + ?Sized>(store: &crate::store::Store, value: &T) -> Result<()> {
    print(&with_runners_up_named(store, value)?)
}

/// Prints a list as [`print_claims`] does, one element at a time: `list
/// claims --json` of a whole base would otherwise hold it as a JSON tree.
pub fn print_claim_list<T: Serialize>(store: &crate::store::Store, items: &[T]) -> Result<()> {
    let mut list = StreamedList::new(0);
    for item in items {
        let v = with_runners_up_named(store, item)?;
        list.push(&serde_json::to_string_pretty(&v).expect("output types serialize"))?;
    }
    list.finish()?;
    emit("\n")
}

/// `value` as JSON, its theses' runners-up named by claim id from `store`.
fn with_runners_up_named<T: Serialize + ?Sized>(
    store: &crate::store::Store,
    value: &T,
) -> Result<serde_json::Value> {
    let mut v = serde_json::to_value(value).expect("output types serialize");
    name_runners_up(&mut v, &mut |essay, ord| {
        Ok(store.claim_at(essay, ord)?.map(|c| c.id))
    })?;
    Ok(v)
}
