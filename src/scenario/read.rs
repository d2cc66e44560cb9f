//! Turning parsed JSON into a [`Scenario`](crate::model::Scenario), by hand: an error names the
//! JSON path of the value that is wrong (`subnets[2].cidr`), what was expected and what was
//! found.
//!
//! The reader accepts exactly what the model's serde `Deserialize` impls accept (the tests in
//! `read/tests.rs` compare the two on every scenario the repository has and on random ones): the
//! same field names, defaults and enum spellings, unknown fields refused, a struct also given as
//! the list of its fields in declaration order, a variant also given as `{"name": null}`, and
//! `null` for an absent optional value. It is much smaller than the derived code, so the browser
//! build can afford it, and its errors name paths there too.
//!
//! [`At`] is a value with the path that leads to it; [`Fields`] reads the fields of one struct;
//! [`record!`] declares a record's reader and its list of field names from one table.
//! Readers do not stop at the first error: they record it (the first one only) and go on with a
//! placeholder value, which [`read`] then throws away. That keeps every reader a plain function
//! returning its value, with no error path to drop half-built parts on.
//!
//! The lesson files (`lesson::read`) and the AWS describe output (`aws::read`) are read with the
//! same design. The AWS records take their fields with [`At::record`], which ignores the many
//! fields AWS prints that the importer does not read.

/// Declares a reader of one record and the list of its JSON field names from one table, so each
/// field is written once:
///
/// ```ignore
/// record! {
///     /// A subnet.
///     fn subnet -> Subnet as SUBNET {
///         id: string,
///         name: text,
///         cidr: must(cidr),
///         icmp_type as "type": option(|a| a.u8()),
///     }
/// }
/// ```
///
/// Each line is `field: how(arguments)`, read as `Fields::how("field", arguments)`; `as "key"`
/// gives the JSON name when it is not the field's. `requires ["version"]` before the fields
/// names fields that must be there but are read elsewhere. The names keep declaration order,
/// as a record given as a list of its fields needs.
macro_rules! record {
    (
        $(#[$doc:meta])*
        $vis:vis fn $reader:ident -> $ty:ident as $names:ident
        $(requires [$($extra:literal),*])?
        { $($field:ident $(as $key:literal)? : $how:ident $(($($arg:expr),* $(,)?))?),* $(,)? }
    ) => {
        const $names: &[&str] = &[$($($extra,)*)? $($crate::scenario::read::record!(@key $field $($key)?)),*];
        $(#[$doc])*
        $vis fn $reader(at: &$crate::scenario::read::At) -> $ty {
            let f = at.fields($names);
            $($(f.req($extra);)*)?
            $ty {
                $($field: f.$how($crate::scenario::read::record!(@key $field $($key)?) $($(, $arg)*)?)),*
            }
        }
    };
    (@key $field:ident) => { stringify!($field) };
    (@key $field:ident $key:literal) => { $key };
}
pub(crate) use record;

mod parts;
pub(crate) use parts::{cidr, protocol};
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
pub(crate) mod text;

use crate::model::Scenario;
use serde_json::{Map, Value};
use std::cell::RefCell;
use std::fmt::Write as _;

/// One step of a JSON path: a field (or map key), or a list position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Seg {
    /// A field of an object.
    Key(String),
    /// A position in a list, from 0.
    Index(usize),
}

/// `subnets[2].cidr` for the steps `subnets`, `2`, `cidr`; `(top level)` for none.
pub(crate) fn path_text(path: &[Seg]) -> String {
    let mut out = String::new();
    for seg in path {
        match seg {
            Seg::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Seg::Index(i) => {
                let _ = write!(out, "[{i}]");
            }
        }
    }
    if out.is_empty() {
        out.push_str("(top level)");
    }
    out
}

/// What is wrong with a value of the JSON being read, and where it is.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ReadError {
    /// The path of the value, outermost step first; empty for the whole document.
    pub path: Vec<Seg>,
    /// What is wrong and what was expected.
    pub message: String,
}

/// Reads a scenario from its parsed JSON, which has passed the loader's `version` check.
pub(crate) fn scenario(value: &Value) -> Result<Scenario, ReadError> {
    read(value, parts::scenario)
}

/// Reads `value` with `reader` (a record of the scenario, a lesson, ...): the value, or the
/// first error recorded, with its path. Messages call a JSON array a list, as the playground's
/// own formats do.
pub(crate) fn read<T>(value: &Value, reader: Reader<T>) -> Result<T, ReadError> {
    read_with(value, reader, "a list")
}

/// [`read`], with messages that call a JSON array `array` (`"an array"` for the output of the
/// AWS CLI, whose documentation speaks of arrays).
pub(crate) fn read_with<T>(
    value: &Value,
    reader: Reader<T>,
    array: &'static str,
) -> Result<T, ReadError> {
    let doc = Doc {
        error: RefCell::new(None),
        array,
    };
    let read = reader(&At {
        value,
        step: None,
        up: None,
        doc: &doc,
    });
    match doc.error.into_inner() {
        Some(e) => Err(e),
        None => Ok(read),
    }
}

/// What every value of one reading shares: the first error recorded, and what messages call a
/// JSON array.
struct Doc {
    error: RefCell<Option<ReadError>>,
    array: &'static str,
}

/// A reader of one value: a function of the model's types, such as `parts::vpc`, or of another
/// format's records. On an error it records it with [`At::fail`] and returns a placeholder.
pub(crate) type Reader<T> = fn(&At) -> T;

/// `null`, read in place of a missing field to get its placeholder.
static NULL: Value = Value::Null;

/// A value of the JSON being read, the path to it (each step a borrow of the value above), and
/// what the reading shares (where to record the first error).
#[derive(Clone, Copy)]
pub(crate) struct At<'v, 'p> {
    value: &'v Value,
    step: Option<Step<'v>>,
    up: Option<&'p At<'v, 'p>>,
    doc: &'p Doc,
}

/// How an [`At`] is reached from the value above it.
#[derive(Clone, Copy)]
enum Step<'v> {
    Key(&'v str),
    Index(usize),
}

impl<'v, 'p> At<'v, 'p> {
    /// The value itself.
    pub(crate) fn value(&self) -> &'v Value {
        self.value
    }

    /// `value`, reached from here by `step`.
    fn child<'q>(&'q self, value: &'v Value, step: Step<'v>) -> At<'v, 'q> {
        At {
            value,
            step: Some(step),
            up: Some(self),
            doc: self.doc,
        }
    }

    /// Whether an error has been recorded, here or anywhere else.
    pub(crate) fn failed(&self) -> bool {
        self.doc.error.borrow().is_some()
    }

    /// Records an error here, unless there is one already: `message`, followed by the value
    /// found when it is a scalar the message does not already show.
    pub(crate) fn fail(&self, message: impl Into<String>) {
        if self.failed() {
            return;
        }
        let mut message = message.into();
        if !matches!(self.value, Value::Array(_) | Value::Object(_)) {
            let found = short(self.value);
            if !message.contains(&found) {
                let _ = write!(message, " (found {found})");
            }
        }
        let mut path = Vec::new();
        self.path(&mut path);
        *self.doc.error.borrow_mut() = Some(ReadError { path, message });
    }

    /// Adds the steps from the document to here to `path`.
    fn path(&self, path: &mut Vec<Seg>) {
        if let Some(up) = self.up {
            up.path(path);
        }
        match self.step {
            Some(Step::Index(i)) => path.push(Seg::Index(i)),
            Some(Step::Key(k)) => path.push(Seg::Key(k.to_string())),
            None => {}
        }
    }

    /// Records the error `expected {what}, found {the value}`.
    pub(crate) fn expected(&self, what: &str) {
        if self.failed() {
            return;
        }
        let found = match self.value {
            Value::Array(_) => self.doc.array.to_string(),
            Value::Object(_) => "an object".to_string(),
            v => short(v),
        };
        self.fail(format!("expected {what}, found {found}"));
    }

    /// A JSON string.
    pub(crate) fn str(&self, what: &str) -> Option<&'v str> {
        let s = self.value.as_str();
        if s.is_none() {
            self.expected(what);
        }
        s
    }

    /// A JSON string, owned.
    pub(crate) fn string(&self) -> String {
        self.str("a string").unwrap_or_default().to_string()
    }

    /// `true` or `false`.
    pub(crate) fn bool(&self) -> bool {
        self.value.as_bool().unwrap_or_else(|| {
            self.expected("true or false");
            false
        })
    }

    /// A whole number from 0 to `max`.
    pub(crate) fn uint(&self, max: u64) -> u64 {
        match self.value.as_u64() {
            Some(n) if n <= max => n,
            _ => {
                self.expected(&format!("a whole number 0-{max}"));
                0
            }
        }
    }

    /// A whole number from 0 to 255.
    pub(crate) fn u8(&self) -> u8 {
        self.uint(u8::MAX.into()) as u8
    }

    /// A whole number from 0 to 65535.
    pub(crate) fn u16(&self) -> u16 {
        self.uint(u16::MAX.into()) as u16
    }

    /// Any number.
    pub(crate) fn f64(&self) -> f64 {
        self.value.as_f64().unwrap_or_else(|| {
            self.expected("a number");
            0.0
        })
    }

    /// A list, each item read by `read`.
    pub(crate) fn list<T>(&self, read: Reader<T>) -> Vec<T> {
        let mut out = Vec::new();
        self.items(&mut |at| out.push(read(at)));
        out
    }

    /// Passes each item of a list to `each`, until an error is recorded. (Not generic, so that
    /// the loop is not repeated for every type of item.)
    fn items(&self, each: &mut dyn FnMut(&At)) {
        let Some(items) = self.value.as_array() else {
            return self.expected(self.doc.array);
        };
        for (i, item) in items.iter().enumerate() {
            if self.failed() {
                break;
            }
            each(&self.child(item, Step::Index(i)));
        }
    }

    /// An object, each value read by `read` and passed with its key to `add`.
    pub(crate) fn entries(&self, add: &mut dyn FnMut(&'v str, &At)) {
        let Some(map) = self.value.as_object() else {
            return self.expected("an object");
        };
        for (key, item) in map {
            add(key, &self.child(item, Step::Key(key)));
        }
    }

    /// A string parsed with `FromStr`, whose error message is kept; `what` the string should
    /// be, for a value that is no string.
    pub(crate) fn parsed<T: std::str::FromStr<Err = String>>(&self, what: &str) -> Option<T> {
        match self.str(what)?.parse() {
            Ok(v) => Some(v),
            Err(e) => {
                self.fail(e);
                None
            }
        }
    }

    /// The fields of a struct whose fields are `names` (in declaration order): an object with no
    /// other keys, or a list of at most that many values, field by field.
    pub(crate) fn fields(&'p self, names: &'static [&'static str]) -> Fields<'v, 'p> {
        let mut fields = Fields {
            at: self,
            names,
            map: None,
            list: &[],
        };
        match self.value {
            Value::Object(map) => {
                fields.map = Some(map);
                if let Some((key, value)) = map.iter().find(|(k, _)| !names.contains(&k.as_str())) {
                    self.child(value, Step::Key(key)).fail(format!(
                        "unknown field `{key}`, expected {}",
                        one_of(names, '`')
                    ));
                }
            }
            Value::Array(list) if list.len() <= names.len() => fields.list = list,
            Value::Array(list) => self.fail(format!(
                "a list of {} values is too long for these fields: {}",
                list.len(),
                names.join(", ")
            )),
            _ => self.expected("an object"),
        }
        fields
    }

    /// The fields of a record read from JSON that other programs write (the AWS CLI's output):
    /// an object, whose keys the reader does not ask for are ignored.
    pub(crate) fn record(&'p self) -> Fields<'v, 'p> {
        let map = self.value.as_object();
        if map.is_none() {
            self.expected("an object");
        }
        Fields {
            at: self,
            names: &[],
            map,
            list: &[],
        }
    }

    /// A variant of an enum: a string, or an object with one key (the variant) and its value.
    /// `names` are the variants, for messages.
    pub(crate) fn variant(&self, names: &[&str]) -> Option<(&'v str, Option<At<'v, '_>>)> {
        match self.value {
            Value::String(name) => Some((name, None)),
            Value::Object(map) if map.len() == 1 => {
                let (name, value) = map.iter().next()?;
                Some((name, Some(self.child(value, Step::Key(name)))))
            }
            _ => {
                self.expected(&one_of(names, '"'));
                None
            }
        }
    }

    /// Records an error unless the value of a variant that carries nothing is null.
    pub(crate) fn unit_value(&self) {
        if !self.value.is_null() {
            self.expected("null (this variant carries no value)");
        }
    }

    /// Records the error: `name` is none of the variants `names`.
    pub(crate) fn unknown(&self, name: &str, names: &[&str]) {
        self.fail(format!(
            "unknown variant {name:?}, expected {}",
            one_of(names, '"')
        ));
    }
}

/// `v` as JSON, cut to 60 characters.
pub(crate) fn short(v: &Value) -> String {
    let text = v.to_string();
    match text.char_indices().nth(60) {
        Some((at, _)) => format!("{}...", &text[..at]),
        None => text,
    }
}

/// `one of "a", "b", "c"`, or `"a"` for one name.
fn one_of(names: &[&str], quote: char) -> String {
    let mut out = String::new();
    if names.len() > 1 {
        out.push_str("one of ");
    }
    for (i, n) in names.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push(quote);
        out.push_str(n);
        out.push(quote);
    }
    out
}

/// The fields of one struct, by name: from an object, or by position from a list.
pub(crate) struct Fields<'v, 'p> {
    at: &'p At<'v, 'p>,
    names: &'static [&'static str],
    map: Option<&'v Map<String, Value>>,
    list: &'v [Value],
}

impl<'v, 'p> Fields<'v, 'p> {
    /// The field `name`, if it is there.
    pub(crate) fn get(&self, name: &'static str) -> Option<At<'v, 'p>> {
        let (value, step) = match self.map {
            Some(map) => (map.get(name)?, Step::Key(name)),
            None => {
                let i = self.names.iter().position(|n| *n == name)?;
                (self.list.get(i)?, Step::Index(i))
            }
        };
        Some(self.at.child(value, step))
    }

    /// The field `name`, which must be there (else, after recording the error, null).
    pub(crate) fn req(&self, name: &'static str) -> At<'v, 'p> {
        self.get(name).unwrap_or_else(|| {
            self.at.fail(format!("missing field `{name}`"));
            self.at.child(&NULL, Step::Key(name))
        })
    }

    /// The required field `name`, read by `read`.
    pub(crate) fn must<T>(&self, name: &'static str, read: Reader<T>) -> T {
        read(&self.req(name))
    }

    /// The field `name` read by `read`, or `T::default()` when it is absent.
    pub(crate) fn or_default<T: Default>(&self, name: &'static str, read: Reader<T>) -> T {
        self.get(name).map(|a| read(&a)).unwrap_or_default()
    }

    /// The optional field `name` read by `read`: `None` when it is absent or null.
    pub(crate) fn option<T>(&self, name: &'static str, read: Reader<T>) -> Option<T> {
        self.get(name)
            .filter(|a| !a.value.is_null())
            .map(|a| read(&a))
    }

    /// The required string field `name`.
    pub(crate) fn string(&self, name: &'static str) -> String {
        self.req(name).string()
    }

    /// The string field `name`, empty when absent.
    pub(crate) fn text(&self, name: &'static str) -> String {
        self.or_default(name, |a| a.string())
    }

    /// The field `name` read by `read`, or `default` when it is absent.
    pub(crate) fn or<T>(&self, name: &'static str, read: Reader<T>, default: T) -> T {
        self.get(name).map_or(default, |a| read(&a))
    }

    /// The true-or-false field `name`, `default` when absent.
    pub(crate) fn flag(&self, name: &'static str, default: bool) -> bool {
        self.get(name).map_or(default, |a| a.bool())
    }

    /// The list field `name`, each item read by `read`, empty when absent.
    pub(crate) fn list<T>(&self, name: &'static str, read: Reader<T>) -> Vec<T> {
        self.get(name).map(|a| a.list(read)).unwrap_or_default()
    }

    /// The required list field `name`, each item read by `read`.
    pub(crate) fn req_list<T>(&self, name: &'static str, read: Reader<T>) -> Vec<T> {
        self.req(name).list(read)
    }
}
