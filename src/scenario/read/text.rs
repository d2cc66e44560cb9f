//! What the parsed JSON value no longer knows but the text does: where a value is (line and
//! column, for error messages), and keys given twice in one object, which serde refuses in a
//! struct and a `serde_json::Value` silently collapses to the last one.
//!
//! Both walk text that serde_json has already parsed, so it is known to be well-formed JSON
//! nested at most 128 deep; the walk still never indexes out of bounds, whatever the text.

use super::Seg;
use serde_json::Value;
use std::borrow::Cow;

/// A duplicate key: the path to it, outermost step first, and its byte offset in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Duplicate {
    /// Path of the key's second value, e.g. `vpcs[0].id`.
    pub path: Vec<Seg>,
    /// Byte offset of the second occurrence of the key.
    pub offset: usize,
}

/// One open object or list while walking: the step to its current member, and (for an object)
/// every key seen in it so far with its offset.
struct Open<'t> {
    at: Step<'t>,
    keys: Option<Vec<(Cow<'t, str>, usize)>>,
}

#[derive(Clone)]
enum Step<'t> {
    Key(Cow<'t, str>),
    Index(usize),
}

/// A cursor over the bytes of the text.
struct Cursor<'t> {
    text: &'t str,
    i: usize,
}

impl<'t> Cursor<'t> {
    fn peek(&self) -> u8 {
        self.text.as_bytes().get(self.i).copied().unwrap_or(0)
    }

    fn skip_space(&mut self) {
        while matches!(self.peek(), b' ' | b'\t' | b'\n' | b'\r') {
            self.i += 1;
        }
    }

    /// The string starting at the cursor, unescaped; the cursor moves past it.
    fn string(&mut self) -> Cow<'t, str> {
        let start = self.i;
        self.i += 1;
        let mut escaped = false;
        loop {
            match self.peek() {
                0 if self.i >= self.text.len() => break,
                b'\\' => {
                    escaped = true;
                    self.i += 2;
                }
                b'"' => {
                    self.i += 1;
                    break;
                }
                _ => self.i += 1,
            }
        }
        let raw = self
            .text
            .get(start..self.i.min(self.text.len()))
            .unwrap_or("");
        if escaped {
            Cow::Owned(serde_json::from_str(raw).unwrap_or_default())
        } else {
            Cow::Borrowed(raw.get(1..raw.len().saturating_sub(1)).unwrap_or(""))
        }
    }

    /// A key and its colon; the cursor moves to the value after them.
    fn key(&mut self) -> Cow<'t, str> {
        self.skip_space();
        let key = self.string();
        self.skip_space();
        self.i += 1; // ':'
        self.skip_space();
        key
    }
}

/// Walks the values of `text` in order, calling `visit` with the path and byte offset of each.
/// With `doc`, the value parsed from `text`, returns the first
/// key given twice in one object (found when the object closes), except in the map at `layout`,
/// where the last one wins as in serde.
fn walk(
    text: &str,
    doc: Option<&Value>,
    visit: &mut dyn FnMut(&[Open], usize),
) -> Option<Duplicate> {
    let mut c = Cursor { text, i: 0 };
    let mut open: Vec<Open> = Vec::new();
    'value: loop {
        c.skip_space();
        visit(&open, c.i);
        match c.peek() {
            b'{' | b'[' => {
                let object = c.peek() == b'{';
                c.i += 1;
                c.skip_space();
                if !matches!(c.peek(), b'}' | b']') {
                    let (at, keys) = if object {
                        let at = c.i;
                        let key = c.key();
                        (Step::Key(key.clone()), Some(vec![(key, at)]))
                    } else {
                        (Step::Index(0), None)
                    };
                    open.push(Open { at, keys });
                    continue 'value;
                }
                c.i += 1;
            }
            b'"' => {
                c.string();
            }
            _ => {
                while !matches!(
                    c.peek(),
                    b',' | b']' | b'}' | b' ' | b'\t' | b'\n' | b'\r' | 0
                ) {
                    c.i += 1;
                }
            }
        }
        // After a value: the next member of the innermost open object or list, or its end.
        loop {
            c.skip_space();
            let top = open.last_mut()?;
            match c.peek() {
                b',' => {
                    c.i += 1;
                    if let Some(keys) = &mut top.keys {
                        c.skip_space();
                        let at = c.i;
                        let key = c.key();
                        top.at = Step::Key(key.clone());
                        keys.push((key, at));
                    } else if let Step::Index(n) = top.at {
                        top.at = Step::Index(n + 1);
                    }
                    continue 'value;
                }
                b'}' | b']' => {
                    c.i += 1;
                    let closed = open.pop().and_then(|o| o.keys);
                    if let (Some(keys), Some(doc)) = (closed, doc) {
                        if let Some(dup) = twice(&keys, &open, doc) {
                            return Some(dup);
                        }
                    }
                }
                _ => return None,
            }
        }
    }
}

/// The first key given twice in the object just closed, whose `keys` are below the open
/// objects and lists `above`, unless the object is the `layout` map. `doc` has the object with
/// each key once: when it has as many keys as the text, none is there twice; otherwise each key
/// is found among its (sorted) keys to tell which one comes again.
fn twice(keys: &[(Cow<str>, usize)], above: &[Open], doc: &Value) -> Option<Duplicate> {
    if let [top] = above {
        if matches!(&top.at, Step::Key(k) if k == "layout") {
            return None;
        }
    }
    let mut v = doc;
    for o in above {
        v = match &o.at {
            Step::Key(k) => v.get(k.as_ref())?,
            Step::Index(i) => v.get(i)?,
        };
    }
    let map = v.as_object()?;
    if map.len() >= keys.len() {
        return None;
    }
    let sorted: Vec<&str> = map.keys().map(String::as_str).collect();
    let mut seen = vec![false; sorted.len()];
    let (key, offset) = keys
        .iter()
        .find(|(k, _)| match sorted.binary_search(&k.as_ref()) {
            Ok(i) => std::mem::replace(&mut seen[i], true),
            Err(_) => false,
        })?;
    let mut path = segments(above);
    path.push(Seg::Key(key.to_string()));
    Some(Duplicate {
        path,
        offset: *offset,
    })
}

fn segments(open: &[Open]) -> Vec<Seg> {
    open.iter()
        .map(|o| match &o.at {
            Step::Key(k) => Seg::Key(k.to_string()),
            Step::Index(i) => Seg::Index(*i),
        })
        .collect()
}

/// The first key given twice in one object of `text`, other than in `layout`; `doc` is the value
/// serde_json parsed from `text` (its objects have each key once, with the last value).
pub(crate) fn duplicate(text: &str, doc: &Value) -> Option<Duplicate> {
    walk(text, Some(doc), &mut |_, _| {})
}

/// Line and column, from 1, of the value at `path` in `text` (or of the closest value above it
/// that the text has). Of a key given twice, the last one counts, as in the parsed value.
pub(crate) fn position(text: &str, path: &[Seg]) -> (usize, usize) {
    let (mut depth, mut offset) = (0, 0);
    walk(text, None, &mut |open, at| {
        let on_path = open.len() <= path.len()
            && open.iter().zip(path).all(|(o, seg)| match (&o.at, seg) {
                (Step::Key(a), Seg::Key(b)) => a == b,
                (Step::Index(a), Seg::Index(b)) => a == b,
                _ => false,
            });
        if on_path && open.len() >= depth {
            (depth, offset) = (open.len(), at);
        }
    });
    line_column(text, offset)
}

/// Line and column, from 1, of byte `offset` in `text`.
pub(crate) fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, column)
}
