//! A small reader over parsed JSON: the AWS records are read field by field from a
//! [`serde_json::Value`], and every error names the file and the JSON path of the value
//! (`Vpcs[0].CidrBlock: expected a string, found 5`).
//!
//! Records are read by functions `fn(&Obj) -> Read<T>`, leaf values by converters
//! `fn(&Value) -> Result<T, String>` whose message [`Obj`] completes with the place. Unknown
//! fields are ignored. An optional field may be absent or `null`; a field with a default may be
//! absent but not `null`; a required field must be present.

use super::error::ImportError;
use serde_json::{Map, Value};

/// The result of reading a value: the value, or a shape error naming file and path. The error
/// is boxed to keep the result small, since every field read passes one on.
pub(crate) type Read<T> = Result<T, Box<ImportError>>;

/// A shape error at `path` of `file`.
fn shape(file: &str, path: String, message: String) -> Box<ImportError> {
    Box::new(ImportError::shape(file, path, message))
}

/// A JSON object being read, with the file it is in and its JSON path there.
pub(crate) struct Obj<'a> {
    file: &'a str,
    path: String,
    map: &'a Map<String, Value>,
}

impl<'a> Obj<'a> {
    /// The object `value` at `path` of `file`; an error if `value` is no object.
    pub fn new(file: &'a str, path: String, value: &'a Value) -> Read<Self> {
        match value.as_object() {
            Some(map) => Ok(Obj { file, path, map }),
            None => Err(shape(file, path, expected("an object", value))),
        }
    }

    /// The JSON path of the field `key` of this object.
    fn at(&self, key: &str) -> String {
        if self.path.is_empty() {
            key.to_string()
        } else {
            format!("{}.{key}", self.path)
        }
    }

    /// The value of `key` read by `conv`, with the field's path on an error.
    fn convert<T>(
        &self,
        key: &str,
        value: &Value,
        conv: fn(&Value) -> Result<T, String>,
    ) -> Read<T> {
        conv(value).map_err(|message| shape(self.file, self.at(key), message))
    }

    /// Whether the field `key` is present (even as `null`).
    pub fn has(&self, key: &str) -> bool {
        self.map.contains_key(key)
    }

    /// The value of `key`, or a "missing field" error.
    fn required(&self, key: &str) -> Read<&'a Value> {
        self.map.get(key).ok_or_else(|| {
            shape(
                self.file,
                self.path.clone(),
                format!("missing field `{key}`"),
            )
        })
    }

    /// The value of `key`, unless it is absent or `null`.
    fn present(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    /// A required field, read by `conv`.
    pub fn req<T>(&self, key: &str, conv: fn(&Value) -> Result<T, String>) -> Read<T> {
        self.convert(key, self.required(key)?, conv)
    }

    /// An optional field, read by `conv`: `None` when absent or `null`.
    pub fn opt<T>(&self, key: &str, conv: fn(&Value) -> Result<T, String>) -> Read<Option<T>> {
        self.present(key)
            .map(|v| self.convert(key, v, conv))
            .transpose()
    }

    /// A field that defaults to `T::default()` when absent, read by `conv`.
    pub fn or_default<T: Default>(
        &self,
        key: &str,
        conv: fn(&Value) -> Result<T, String>,
    ) -> Read<T> {
        match self.map.get(key) {
            Some(v) => self.convert(key, v, conv),
            None => Ok(T::default()),
        }
    }

    /// A required string field.
    pub fn str(&self, key: &str) -> Read<String> {
        self.req(key, string)
    }

    /// An optional string field.
    pub fn opt_str(&self, key: &str) -> Read<Option<String>> {
        self.opt(key, string)
    }

    /// An optional boolean field.
    pub fn opt_bool(&self, key: &str) -> Read<Option<bool>> {
        self.opt(key, boolean)
    }

    /// The object under `key`, read by `read`.
    fn child<T>(&self, key: &str, value: &Value, read: fn(&Obj) -> Read<T>) -> Read<T> {
        read(&Obj::new(self.file, self.at(key), value)?)
    }

    /// A required object field, read by `read`.
    pub fn obj<T>(&self, key: &str, read: fn(&Obj) -> Read<T>) -> Read<T> {
        self.child(key, self.required(key)?, read)
    }

    /// An optional object field, read by `read`: `None` when absent or `null`.
    pub fn opt_obj<T>(&self, key: &str, read: fn(&Obj) -> Read<T>) -> Read<Option<T>> {
        self.present(key)
            .map(|v| self.child(key, v, read))
            .transpose()
    }

    /// The array `value` under `key`, each item passed to `each` with its path.
    fn items(
        &self,
        key: &str,
        value: &Value,
        mut each: impl FnMut(String, &Value) -> Read<()>,
    ) -> Read<()> {
        let at = self.at(key);
        let Some(items) = value.as_array() else {
            return Err(shape(self.file, at, expected("an array", value)));
        };
        for (i, item) in items.iter().enumerate() {
            each(format!("{at}[{i}]"), item)?;
        }
        Ok(())
    }

    /// The array of objects `value` under `key`, each read by `read`.
    fn objects<T>(&self, key: &str, value: &Value, read: fn(&Obj) -> Read<T>) -> Read<Vec<T>> {
        let mut out = Vec::new();
        self.items(key, value, |path, item| {
            out.push(read(&Obj::new(self.file, path, item)?)?);
            Ok(())
        })?;
        Ok(out)
    }

    /// An array of objects, each read by `read`; empty when absent.
    pub fn list<T>(&self, key: &str, read: fn(&Obj) -> Read<T>) -> Read<Vec<T>> {
        match self.map.get(key) {
            Some(v) => self.objects(key, v, read),
            None => Ok(Vec::new()),
        }
    }

    /// An optional array of objects, each read by `read`: `None` when absent or `null`.
    pub fn opt_list<T>(&self, key: &str, read: fn(&Obj) -> Read<T>) -> Read<Option<Vec<T>>> {
        self.present(key)
            .map(|v| self.objects(key, v, read))
            .transpose()
    }

    /// An optional array of leaf values, each read by `conv`: `None` when absent or `null`.
    pub fn opt_values<T>(
        &self,
        key: &str,
        conv: fn(&Value) -> Result<T, String>,
    ) -> Read<Option<Vec<T>>> {
        let Some(v) = self.present(key) else {
            return Ok(None);
        };
        let mut out = Vec::new();
        self.items(key, v, |path, item| {
            out.push(conv(item).map_err(|m| shape(self.file, path, m))?);
            Ok(())
        })?;
        Ok(Some(out))
    }
}

/// The message for a value of the wrong kind: `expected a string, found 5`.
pub(crate) fn expected(what: &str, found: &Value) -> String {
    let found = match found {
        Value::Array(_) => "an array".to_string(),
        Value::Object(_) => "an object".to_string(),
        scalar => scalar.to_string(),
    };
    format!("expected {what}, found {found}")
}

/// A string.
pub(crate) fn string(v: &Value) -> Result<String, String> {
    v.as_str()
        .map(str::to_string)
        .ok_or_else(|| expected("a string", v))
}

/// `true` or `false`.
pub(crate) fn boolean(v: &Value) -> Result<bool, String> {
    v.as_bool().ok_or_else(|| expected("true or false", v))
}

/// An integer that fits `T`, described by `what` in the error.
fn integer<T: TryFrom<i64>>(v: &Value, what: &str) -> Result<T, String> {
    v.as_i64()
        .and_then(|n| T::try_from(n).ok())
        .ok_or_else(|| expected(what, v))
}

/// A whole number that fits in 64 bits.
pub(crate) fn int(v: &Value) -> Result<i64, String> {
    integer(v, "a 64-bit integer")
}

/// A whole number from 0 to 65535.
pub(crate) fn int_u16(v: &Value) -> Result<u16, String> {
    integer(v, "an integer from 0 to 65535")
}

/// A whole number from 0 to 4294967295.
pub(crate) fn int_u32(v: &Value) -> Result<u32, String> {
    integer(v, "an integer from 0 to 4294967295")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// A VPC's id, `IsDefault` and tag keys.
    type Vpc = (String, Option<bool>, Vec<String>);

    fn read_vpc(o: &Obj) -> Read<Vpc> {
        Ok((
            o.str("VpcId")?,
            o.opt_bool("IsDefault")?,
            o.list("Tags", |t| t.str("Key"))?,
        ))
    }

    fn read(value: &Value) -> Read<Vec<Vpc>> {
        let top = Obj::new("f.json", String::new(), value)?;
        top.list("Vpcs", read_vpc)
    }

    fn error(value: Value) -> String {
        read(&value).unwrap_err().to_string()
    }

    #[test]
    fn reads_fields_and_ignores_unknown_ones() {
        let v = json!({"Vpcs": [{"VpcId": "vpc-1", "Other": 1},
                                {"VpcId": "vpc-2", "IsDefault": true, "Tags": [{"Key": "a"}]}]});
        assert_eq!(
            read(&v).unwrap(),
            vec![
                ("vpc-1".into(), None, vec![]),
                ("vpc-2".into(), Some(true), vec!["a".into()])
            ]
        );
        assert_eq!(read(&json!({})).unwrap(), vec![]);
        assert_eq!(
            read(&json!({"Vpcs": [{"VpcId": "vpc-1", "IsDefault": null}]})).unwrap()[0].1,
            None
        );
    }

    #[test]
    fn errors_name_file_and_path() {
        assert_eq!(
            error(json!({"Vpcs": [{"VpcId": "vpc-1"}, {"VpcId": 5}]})),
            "f.json: Vpcs[1].VpcId: expected a string, found 5"
        );
        assert_eq!(
            error(json!({"Vpcs": [{}]})),
            "f.json: Vpcs[0]: missing field `VpcId`"
        );
        assert_eq!(
            error(json!({"Vpcs": {"VpcId": "vpc-1"}})),
            "f.json: Vpcs: expected an array, found an object"
        );
        assert_eq!(
            error(json!({"Vpcs": [[]]})),
            "f.json: Vpcs[0]: expected an object, found an array"
        );
        assert_eq!(
            error(json!({"Vpcs": [{"VpcId": "v", "Tags": [{"Key": null}]}]})),
            "f.json: Vpcs[0].Tags[0].Key: expected a string, found null"
        );
        assert_eq!(
            error(json!({"Vpcs": [{"VpcId": "v", "Tags": null}]})),
            "f.json: Vpcs[0].Tags: expected an array, found null"
        );
        assert_eq!(
            error(json!({"Vpcs": [{"VpcId": "v", "IsDefault": "yes"}]})),
            r#"f.json: Vpcs[0].IsDefault: expected true or false, found "yes""#
        );
    }

    #[test]
    fn integers_must_fit() {
        assert_eq!(int_u16(&json!(80)), Ok(80));
        assert_eq!(
            int_u16(&json!(70000)),
            Err("expected an integer from 0 to 65535, found 70000".into())
        );
        assert_eq!(
            int_u32(&json!(-1)),
            Err("expected an integer from 0 to 4294967295, found -1".into())
        );
        assert_eq!(int(&json!(-1)), Ok(-1));
        assert_eq!(
            int(&json!(1.5)),
            Err("expected a 64-bit integer, found 1.5".into())
        );
    }

    #[test]
    fn leaf_lists_name_the_item() {
        let v = json!({"Cidrs": ["a", 1]});
        let top = Obj::new("f.json", "PrefixLists[0]".into(), &v).unwrap();
        assert_eq!(
            top.opt_values("Cidrs", string).unwrap_err().to_string(),
            "f.json: PrefixLists[0].Cidrs[1]: expected a string, found 1"
        );
        assert_eq!(top.opt_values("None", string).unwrap(), None);
    }
}
