//! The reader against serde's derives on the record types (the oracle, see `raw.rs`): the same
//! records, or both refuse, for every describe output the repository has (and the shared
//! snapshots when they are beside it) and for random and broken ones; and errors that name the
//! file and the JSON path.

use super::{read_file, records};
use crate::aws::raw::{RawFile, SECTION_KEYS};
use crate::aws::values::{AnyCidr, RawProtocol};
use crate::model::Protocol;
use crate::scenario::read::{path_text, read_with, ReadError, Seg};
use proptest::collection::{btree_map, vec};
use proptest::prelude::*;
use serde::{Deserialize, Deserializer};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

impl<'de> Deserialize<'de> for AnyCidr {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(match ipnet::IpNet::deserialize(d)? {
            ipnet::IpNet::V4(n) => AnyCidr::V4(n),
            ipnet::IpNet::V6(n) => AnyCidr::V6(n),
        })
    }
}

impl<'de> Deserialize<'de> for RawProtocol {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Spelling {
            Number(i64),
            Name(String),
        }
        let custom = |e: String| serde::de::Error::custom(e);
        match Spelling::deserialize(d)? {
            Spelling::Number(-1) => Ok(RawProtocol(Protocol::All)),
            Spelling::Number(n) => u8::try_from(n)
                .map(|p| RawProtocol(Protocol::from_number(p)))
                .map_err(|e| custom(e.to_string())),
            Spelling::Name(s) => s.parse().map(RawProtocol).map_err(custom),
        }
    }
}

// ---- the oracle -----------------------------------------------------------------------------

/// The reader's records of `v`.
fn ours(v: &Value) -> Result<RawFile, ReadError> {
    read_with(v, records::file, "an array")
}

/// What serde's derives make of `v`. An interface's tags are `Tags`, else `TagSet`, as the
/// reader takes them (serde's `alias` would refuse an interface that has both).
fn oracle(v: &Value) -> Result<RawFile, String> {
    let mut v = v.clone();
    for_each_interface(&mut v, &mut |eni| {
        if let Some(map) = eni.as_object_mut() {
            if !map.contains_key("Tags") {
                if let Some(tags) = map.remove("TagSet") {
                    map.insert("Tags".into(), tags);
                }
            }
        }
    });
    serde_json::from_value(v).map_err(|e| e.to_string())
}

/// The items of every array of interfaces: `NetworkInterfaces[]` and
/// `Reservations[].Instances[].NetworkInterfaces[]`.
fn for_each_interface(v: &mut Value, each: &mut dyn FnMut(&mut Value)) {
    fn items<'a>(v: &'a mut Value, key: &str) -> impl Iterator<Item = &'a mut Value> {
        v.get_mut(key)
            .and_then(Value::as_array_mut)
            .into_iter()
            .flatten()
    }
    items(v, "NetworkInterfaces").for_each(&mut *each);
    for reservation in items(v, "Reservations") {
        for instance in items(reservation, "Instances") {
            items(instance, "NetworkInterfaces").for_each(&mut *each);
        }
    }
}

/// The value at `path` in `v`.
fn value_at<'v>(v: &'v Value, path: &[Seg]) -> Option<&'v Value> {
    path.iter().try_fold(v, |v, seg| match seg {
        Seg::Key(k) => v.get(k.as_str()),
        Seg::Index(i) => v.get(i),
    })
}

/// Whether `read` (what the reader made of `v`) and serde agree: the same records, or both
/// refuse `v`. serde also reads a record from the list of its fields, which the AWS CLI never
/// writes and the reader refuses: that is the one difference allowed.
fn compare(read: Result<RawFile, ReadError>, v: &Value) -> Result<(), String> {
    let serde = oracle(v);
    match (&read, &serde) {
        (Ok(a), Ok(b)) if a == b => Ok(()),
        (Err(_), Err(_)) => Ok(()),
        (Err(e), Ok(_))
            if e.message == "expected an object, found an array"
                && value_at(v, &e.path).is_some_and(Value::is_array) =>
        {
            Ok(())
        }
        _ => Err(format!("reader: {read:?}\nserde: {serde:?}\nvalue: {v}")),
    }
}

fn agree(v: &Value) -> Result<(), String> {
    compare(ours(v), v)
}

// ---- every describe output of the repository ------------------------------------------------

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every `.json` file below `dir`, in name order.
fn json_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            json_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "json") {
            out.push(path);
        }
    }
}

/// Whether `v` is a describe output: an object with a key the importer reads.
fn is_describe_output(v: &Value) -> bool {
    v.as_object()
        .is_some_and(|m| SECTION_KEYS.iter().any(|k| m.contains_key(*k)))
}

/// The describe outputs of the AWS cases, and of the shared scenarios when they are beside the
/// repository, parsed.
fn fixtures() -> &'static [(String, Value)] {
    static ALL: LazyLock<Vec<(String, Value)>> = LazyLock::new(|| {
        let mut paths = Vec::new();
        json_files(&manifest().join("tests/aws-cases"), &mut paths);
        json_files(&manifest().join("../shared/scenarios"), &mut paths);
        paths
            .into_iter()
            .filter_map(|p| {
                let text = std::fs::read_to_string(&p).ok()?;
                let v: Value = serde_json::from_str(&text).ok()?;
                is_describe_output(&v).then(|| (p.display().to_string(), v))
            })
            .collect()
    });
    &ALL
}

#[test]
fn every_describe_output_reads_as_serde_reads_it() {
    let all = fixtures();
    assert!(all.len() > 100, "{} describe outputs", all.len());
    for (name, v) in all {
        let read =
            ours(v).unwrap_or_else(|e| panic!("{name}: {}: {}", path_text(&e.path), e.message));
        assert_eq!(Ok(&read), oracle(v).as_ref(), "{name}");
    }
}

#[test]
fn the_oracle_sees_a_wrong_value() {
    let v = json!({"Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16",
        "Tags": [{"Key": "Name", "Value": "main"}]}]});
    agree(&v).unwrap();
    let mut read = ours(&v).unwrap();
    read.vpcs.as_mut().unwrap()[0].tags[0].value = "other".into();
    assert!(compare(Ok(read), &v).is_err());
    let mut read = ours(&v).unwrap();
    read.subnets = Some(Vec::new());
    assert!(compare(Ok(read), &v).is_err());
    assert!(compare(ours(&json!({"Vpcs": [{}]})), &v).is_err());
}

// ---- what the reader ignores, refuses and names ---------------------------------------------

/// The message of the error reading `v` as the file `f.json`.
fn error(v: Value) -> String {
    let e = read_file("f.json", &v).unwrap_err().to_string();
    agree(&v).unwrap();
    e
}

#[test]
fn unknown_fields_are_ignored_and_options_may_be_null() {
    let v = json!({"Other": 1, "Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16", "X": [1]},
        {"VpcId": "vpc-2", "CidrBlock": "10.1.0.0/16", "Tags": [{"Key": "a", "More": null}],
         "CidrBlockAssociationSet": [{"CidrBlock": "10.2.0.0/16", "CidrBlockState": null}]}],
        "Subnets": null});
    agree(&v).unwrap();
    let read = read_file("f.json", &v).unwrap();
    let vpcs = read.vpcs.unwrap();
    assert_eq!(vpcs[0].vpc_id, "vpc-1");
    assert_eq!(vpcs[1].tags[0].key, "a");
    assert_eq!(vpcs[1].tags[0].value, "");
    assert!(vpcs[1].cidr_block_association_set[0]
        .cidr_block_state
        .is_none());
    assert!(read.subnets.is_none());
}

#[test]
fn errors_name_file_and_path() {
    let vpc = |extra: Value| {
        let mut v = json!({"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16"});
        v.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        json!({ "Vpcs": [{"VpcId": "vpc-0", "CidrBlock": "10.9.0.0/16"}, v] })
    };
    assert_eq!(
        error(vpc(json!({"VpcId": 5}))),
        "f.json: Vpcs[1].VpcId: expected a string, found 5"
    );
    assert_eq!(
        error(json!({"Vpcs": [{"CidrBlock": "10.0.0.0/16"}]})),
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
        error(vpc(json!({"Tags": [{"Key": null}]}))),
        "f.json: Vpcs[1].Tags[0].Key: expected a string, found null"
    );
    assert_eq!(
        error(vpc(json!({"Tags": null}))),
        "f.json: Vpcs[1].Tags: expected an array, found null"
    );
    assert_eq!(
        error(json!({"Subnets": [{"SubnetId": "s", "VpcId": "v", "AvailabilityZone": null}]})),
        "f.json: Subnets[0].AvailabilityZone: expected a string, found null"
    );
    assert_eq!(
        error(json!({"PrefixLists": [{"PrefixListId": "pl-1", "Cidrs": ["10.0.0.0/8", 1]}]})),
        r#"f.json: PrefixLists[0].Cidrs[1]: expected a CIDR such as "10.0.0.0/16", found 1"#
    );
    assert_eq!(
        error(
            json!({"VpcPeeringConnections": [{"VpcPeeringConnectionId": "pcx-1",
            "RequesterVpcInfo": {"VpcId": "vpc-1"}}]})
        ),
        "f.json: VpcPeeringConnections[0]: missing field `AccepterVpcInfo`"
    );
}

#[test]
fn interface_tags_are_tags_else_tag_set() {
    let eni = |extra: Value| {
        let mut v = json!({"NetworkInterfaceId": "eni-1", "SubnetId": "subnet-1"});
        v.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        json!({ "NetworkInterfaces": [v] })
    };
    let tag_key = |v: &Value| {
        agree(v).unwrap();
        let eni = &ours(v).unwrap().network_interfaces.unwrap()[0];
        eni.tags.first().map(|t| t.key.clone())
    };
    let tags = json!([{"Key": "a"}]);
    let set = json!([{"Key": "b"}]);
    assert_eq!(tag_key(&eni(json!({"TagSet": set}))), Some("b".into()));
    assert_eq!(
        tag_key(&eni(json!({"Tags": tags, "TagSet": set}))),
        Some("a".into())
    );
    assert_eq!(tag_key(&eni(json!({}))), None);
}

// ---- random and broken describe output ------------------------------------------------------

/// Every key and every scalar of the describe outputs, for random ones that look like them.
fn words() -> &'static (Vec<String>, Vec<Value>) {
    static WORDS: LazyLock<(Vec<String>, Vec<Value>)> = LazyLock::new(|| {
        fn walk(v: &Value, keys: &mut Vec<String>, leaves: &mut Vec<Value>) {
            match v {
                Value::Object(m) => m.iter().for_each(|(k, x)| {
                    keys.push(k.clone());
                    walk(x, keys, leaves);
                }),
                Value::Array(a) => a.iter().for_each(|x| walk(x, keys, leaves)),
                leaf => leaves.push(leaf.clone()),
            }
        }
        let (mut keys, mut leaves) = (Vec::new(), Vec::new());
        for (_, v) in fixtures() {
            walk(v, &mut keys, &mut leaves);
        }
        keys.sort();
        keys.dedup();
        leaves.sort_by_key(Value::to_string);
        leaves.dedup();
        (keys, leaves)
    });
    &WORDS
}

/// A scalar: one the describe outputs have, an edge of a range, or anything.
fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        4 => prop::sample::select(words().1.clone()),
        1 => Just(Value::Null),
        1 => any::<bool>().prop_map(Value::Bool),
        1 => prop::sample::select(vec![-1i64, 0, 255, 256, 65535, 65536, 4294967296])
            .prop_map(Value::from),
        1 => any::<i64>().prop_map(Value::from),
        1 => any::<u64>().prop_map(Value::from),
        1 => any::<f64>().prop_map(Value::from),
        1 => prop::sample::select(vec![
            "10.0.1.0/33", "::/0", "300.1.1.1", "icmpv6", "ICMPV6 ", "58", "2600:1f18::/56",
            "2600:1f18::/129", "2600:1f18::10", "2600:1f18::g", "eigw-1",
        ])
            .prop_map(Value::from),
        1 => ".{0,12}".prop_map(Value::from),
    ]
}

/// A key: one the describe outputs have, mostly.
fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => prop::sample::select(words().0.clone()),
        1 => "[A-Za-z]{0,8}",
    ]
}

/// JSON built from the keys and scalars of describe output.
fn aws_like() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(6, 96, 6, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..4).prop_map(Value::Array),
            btree_map(key(), inner, 0..8).prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// A change to one value (the `at`-th, the document first) of a describe output.
#[derive(Debug, Clone)]
enum Change {
    /// Put this in its place.
    Replace(prop::sample::Index, Value),
    /// Remove a member of an object.
    Remove(prop::sample::Index, prop::sample::Index),
    /// Add a member to an object.
    Add(prop::sample::Index, String, Value),
    /// Write an object as the list of its values.
    AsList(prop::sample::Index),
}

fn change() -> impl Strategy<Value = Change> {
    use prop::sample::Index;
    prop_oneof![
        3 => (any::<Index>(), leaf()).prop_map(|(i, v)| Change::Replace(i, v)),
        1 => (any::<Index>(), aws_like()).prop_map(|(i, v)| Change::Replace(i, v)),
        2 => (any::<Index>(), any::<Index>()).prop_map(|(o, k)| Change::Remove(o, k)),
        2 => (any::<Index>(), key(), leaf()).prop_map(|(o, k, v)| Change::Add(o, k, v)),
        1 => any::<Index>().prop_map(Change::AsList),
    ]
}

/// JSON pointers to every value of `v`, the document first.
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    out.push(at.clone());
    let escape = |k: &str| k.replace('~', "~0").replace('/', "~1");
    match v {
        Value::Array(items) => {
            for (i, x) in items.iter().enumerate() {
                pointers(x, format!("{at}/{i}"), out);
            }
        }
        Value::Object(map) => {
            for (k, x) in map {
                pointers(x, format!("{at}/{}", escape(k)), out);
            }
        }
        _ => {}
    }
}

impl Change {
    fn apply(&self, doc: &mut Value) {
        let mut all = Vec::new();
        pointers(doc, String::new(), &mut all);
        let object = |i: &prop::sample::Index| {
            let objects: Vec<&String> = all
                .iter()
                .filter(|p| doc.pointer(p).is_some_and(Value::is_object))
                .collect();
            (!objects.is_empty()).then(|| objects[i.index(objects.len())].clone())
        };
        match self {
            Change::Replace(i, v) => {
                let at = i.get(&all).clone();
                if let Some(slot) = doc.pointer_mut(&at) {
                    *slot = v.clone();
                }
            }
            Change::Remove(o, k) => {
                if let Some(map) = object(o).and_then(|p| doc.pointer_mut(&p)?.as_object_mut()) {
                    if let Some(key) = map.keys().nth(k.index(map.len().max(1))).cloned() {
                        map.remove(&key);
                    }
                }
            }
            Change::Add(o, key, v) => {
                if let Some(map) = object(o).and_then(|p| doc.pointer_mut(&p)?.as_object_mut()) {
                    map.insert(key.clone(), v.clone());
                }
            }
            Change::AsList(o) => {
                if let Some(slot) = object(o).and_then(|p| doc.pointer_mut(&p)) {
                    let values = slot.as_object().into_iter().flatten();
                    *slot = Value::Array(values.map(|(_, v)| v.clone()).collect());
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn broken_describe_outputs_read_as_serde_reads_them(
        which in any::<prop::sample::Index>(),
        changes in vec(change(), 1..4),
    ) {
        let mut v = which.get(fixtures()).1.clone();
        for c in &changes {
            c.apply(&mut v);
        }
        agree(&v).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn aws_like_json_reads_as_serde_reads_it(v in aws_like()) {
        agree(&v).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn describe_shaped_json_reads_as_serde_reads_it(
        sections in btree_map(
            prop::sample::select(SECTION_KEYS.to_vec()).prop_map(String::from),
            vec(btree_map(key(), aws_like(), 0..8), 0..4),
            1..4,
        ),
    ) {
        let v: Value = sections
            .into_iter()
            .map(|(k, items)| {
                let items = items.into_iter().map(|m| Value::Object(m.into_iter().collect()));
                (k, Value::Array(items.collect()))
            })
            .collect::<serde_json::Map<_, _>>()
            .into();
        agree(&v).map_err(TestCaseError::fail)?;
    }
}
