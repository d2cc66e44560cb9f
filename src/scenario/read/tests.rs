//! The reader against the model's serde `Deserialize` impls: the same field and variant names,
//! the same scenarios for every scenario the repository has (files, templates, lessons, AWS
//! imports) and for random ones, valid or broken; and errors that name where the value is.

use super::parts::{ENUMS, STRUCTS};
use crate::model::*;
use crate::scenario::proptests::{
    build, edit, json_value, leaf, leaves, plan, scenario_shaped, Edit, Plan, KEYS,
};
use crate::scenario::{load_str, parse_str, LoadError};
use proptest::collection::vec;
use proptest::prelude::*;
use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

// ---- the same names as serde ----------------------------------------------------------------

/// A deserializer that fails at once, with the field or variant names serde asks for as the
/// error message.
struct Probe;

impl<'de> Deserializer<'de> for Probe {
    type Error = de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
        Err(de::Error::custom("not a struct or an enum"))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Self::Error> {
        Err(de::Error::custom(format!("{name}:{}", fields.join(","))))
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Self::Error> {
        Err(de::Error::custom(format!("{name}:{}", variants.join(","))))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map identifier ignored_any
    }
}

/// `Name:a,b,c`: the type's name and its fields or variants, as serde's derive has them.
fn shape<'de, T: Deserialize<'de>>() -> String {
    match T::deserialize(Probe) {
        Ok(_) => panic!("the probe never gives a value"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn field_and_variant_names_are_serdes() {
    let serde = [
        shape::<Scenario>(),
        shape::<Rect>(),
        shape::<IcmpMatch>(),
        shape::<Vpc>(),
        shape::<Subnet>(),
        shape::<Route>(),
        shape::<RouteTable>(),
        shape::<AclRule>(),
        shape::<NetworkAcl>(),
        shape::<SgRule>(),
        shape::<SecurityGroup>(),
        shape::<PrefixList>(),
        shape::<Interface>(),
        shape::<Upstream>(),
        shape::<Instance>(),
        shape::<Database>(),
        shape::<LbListener>(),
        shape::<Target>(),
        shape::<TargetGroup>(),
        shape::<LoadBalancer>(),
        shape::<NatGateway>(),
        shape::<InternetGateway>(),
        shape::<EgressOnlyInternetGateway>(),
        shape::<Peering>(),
        shape::<GatewayEndpoint>(),
        shape::<GwlbEndpoint>(),
        shape::<TransitGateway>(),
        shape::<TgwAttachment>(),
        shape::<TgwRouteTable>(),
        shape::<TgwRoute>(),
        shape::<TgwPeering>(),
        shape::<InternetHost>(),
        shape::<VpnGateway>(),
        shape::<OnPremNetwork>(),
        shape::<SiteLink>(),
        shape::<RouteState>(),
        shape::<Action>(),
        shape::<Os>(),
        shape::<Role>(),
        shape::<Engine>(),
        shape::<Scheme>(),
        shape::<Connectivity>(),
        shape::<LbProtocol>(),
        shape::<LbKind>(),
        shape::<Destination>(),
        shape::<RouteTarget>(),
        shape::<Peer>(),
        shape::<LinkKind>(),
        shape::<LinkEnd>(),
    ];
    let ours: Vec<String> = STRUCTS
        .iter()
        .chain(ENUMS)
        .map(|(name, names)| format!("{name}:{}", names.join(",")))
        .collect();
    assert_eq!(ours, serde);
}

// ---- the same scenarios as serde ------------------------------------------------------------

/// Whether the reader (through [`parse_str`]) and serde's derive agree on `text`: the same
/// scenario, or both refuse it. Text the loader refuses before its fields (not JSON, no
/// `version`, another version) is not compared.
fn agree(text: &str) -> Result<(), String> {
    let serde = serde_json::from_str::<Scenario>(text);
    let ours = parse_str(text);
    match (&serde, &ours) {
        (_, Err(e)) if !matches!(e, LoadError::Field { .. }) => Ok(()),
        (Ok(a), Ok(b)) if a == b => Ok(()),
        (Err(_), Err(_)) => Ok(()),
        _ => Err(format!("serde: {serde:?}\nreader: {ours:?}\ntext: {text}")),
    }
}

/// `agree`, for a scenario the reader must read.
fn same(what: &str, text: &str) {
    let read = parse_str(text).unwrap_or_else(|e| panic!("{what}: {e}"));
    let serde: Scenario = serde_json::from_str(text).unwrap_or_else(|e| panic!("{what}: {e}"));
    assert_eq!(read, serde, "{what}");
    // And as the app saves it, once loaded.
    let loaded = load_str(text).map(|l| l.scenario).unwrap_or(read);
    for saved in [
        serde_json::to_string(&loaded).unwrap(),
        serde_json::to_string_pretty(&loaded).unwrap(),
    ] {
        assert_eq!(parse_str(&saved).unwrap(), loaded, "{what}, saved");
        agree(&saved).unwrap_or_else(|e| panic!("{what}, saved: {e}"));
    }
}

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

#[test]
fn scenario_files_read_as_serde_reads_them() {
    let mut n = 0;
    for path in json_files(&manifest().join("tests/data")) {
        let text = std::fs::read_to_string(&path).unwrap();
        if path.to_string_lossy().ends_with(".schema.json") {
            continue;
        }
        same(&path.display().to_string(), &text);
        n += 1;
    }
    assert!(n >= 2);
}

#[test]
fn templates_read_as_serde_reads_them() {
    for t in crate::templates::all() {
        same(t.id, t.scenario_json);
    }
}

#[test]
fn lesson_scenarios_read_as_serde_reads_them() {
    for b in crate::lesson::builtin::all() {
        let lesson: Value = serde_json::from_str(b.json).unwrap();
        same(b.name, &lesson["scenario"].to_string());
        if let Some(solution) = lesson.get("solution") {
            same(&format!("{} solution", b.name), &solution.to_string());
        }
    }
}

#[test]
fn aws_imports_read_as_serde_reads_them() {
    let root = manifest().join("tests/aws-cases");
    let mut dirs = Vec::new();
    for parent in [root.clone(), root.join("reference")] {
        for entry in std::fs::read_dir(&parent).unwrap() {
            let dir = entry.unwrap().path();
            if dir.is_dir()
                && !json_files(&dir).is_empty()
                && dir.join("describe-vpcs.json").exists()
            {
                dirs.push(dir);
            }
        }
    }
    dirs.sort();
    assert!(dirs.len() > 10, "{dirs:?}");
    for dir in dirs {
        let imported =
            crate::aws::import_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        let text = serde_json::to_string_pretty(&imported.scenario).unwrap();
        same(&dir.display().to_string(), &text);
    }
}

// ---- random scenarios -----------------------------------------------------------------------

/// A change to the shape of a scenario's JSON, at the `at`-th object (or value).
#[derive(Debug, Clone)]
enum Reshape {
    /// Remove a member of an object.
    Remove(prop::sample::Index, prop::sample::Index),
    /// Add a member to an object.
    Add(prop::sample::Index, String, Value),
    /// Put null in place of a value.
    Null(prop::sample::Index),
    /// Write an object as the list of its values, in the field order of the first struct
    /// that has all its keys (null for the fields it lacks before its last one).
    AsList(prop::sample::Index),
    /// Write a string `"s"` as `{"s": null}`, the other spelling of a variant.
    AsVariant(prop::sample::Index),
}

fn reshape() -> impl Strategy<Value = Reshape> {
    use prop::sample::Index;
    prop_oneof![
        2 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Reshape::Remove(a, b)),
        2 => (any::<Index>(), prop::sample::select(KEYS), leaf())
            .prop_map(|(a, k, v)| Reshape::Add(a, k.to_string(), v)),
        1 => any::<Index>().prop_map(Reshape::Null),
        2 => any::<Index>().prop_map(Reshape::AsList),
        2 => any::<Index>().prop_map(Reshape::AsVariant),
    ]
}

/// JSON pointers to every value of `v`, the document first.
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Array(items) => {
            out.push(at.clone());
            for (i, x) in items.iter().enumerate() {
                pointers(x, format!("{at}/{i}"), out);
            }
        }
        Value::Object(map) => {
            out.push(at.clone());
            for (k, x) in map {
                pointers(
                    x,
                    format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")),
                    out,
                );
            }
        }
        _ => out.push(at),
    }
}

impl Reshape {
    fn apply(&self, doc: &mut Value) {
        let mut all = Vec::new();
        pointers(doc, String::new(), &mut all);
        let pick = |kind: fn(&Value) -> bool, i: &prop::sample::Index| {
            let found: Vec<&String> = all
                .iter()
                .filter(|p| doc.pointer(p).is_some_and(kind))
                .collect();
            (!found.is_empty()).then(|| found[i.index(found.len())].clone())
        };
        match self {
            Reshape::Remove(o, k) => {
                if let Some(p) = pick(|v| v.as_object().is_some_and(|m| !m.is_empty()), o) {
                    let map = doc.pointer_mut(&p).unwrap().as_object_mut().unwrap();
                    let key = map.keys().nth(k.index(map.len())).unwrap().clone();
                    map.remove(&key);
                }
            }
            Reshape::Add(o, key, value) => {
                if let Some(p) = pick(Value::is_object, o) {
                    let map = doc.pointer_mut(&p).unwrap().as_object_mut().unwrap();
                    map.insert(key.clone(), value.clone());
                }
            }
            Reshape::Null(o) => {
                if let Some(p) = pick(|_| true, o) {
                    *doc.pointer_mut(&p).unwrap() = Value::Null;
                }
            }
            Reshape::AsList(o) => {
                if let Some(p) = pick(Value::is_object, o) {
                    let v = doc.pointer_mut(&p).unwrap();
                    let map = v.as_object().unwrap();
                    let fields = STRUCTS
                        .iter()
                        .map(|(_, f)| *f)
                        .find(|f| map.keys().all(|k| f.contains(&k.as_str())));
                    if let Some(fields) = fields {
                        let last = fields.iter().rposition(|f| map.contains_key(*f));
                        let n = last.map_or(0, |i| i + 1);
                        let list = fields[..n]
                            .iter()
                            .map(|f| map.get(*f).cloned().unwrap_or(Value::Null))
                            .collect();
                        *v = Value::Array(list);
                    }
                }
            }
            Reshape::AsVariant(o) => {
                if let Some(p) = pick(Value::is_string, o) {
                    let v = doc.pointer_mut(&p).unwrap();
                    *v = json!({ v.as_str().unwrap(): null });
                }
            }
        }
    }
}

/// A generated valid scenario, broken by `edits` (on its leaves) and `shapes`.
fn broken(plan: &Plan, edits: &[Edit], shapes: &[Reshape]) -> String {
    let mut v = serde_json::to_value(build(plan)).unwrap();
    let mut found = Vec::new();
    leaves(&mut v, &mut found);
    for e in edits {
        e.apply(&mut found);
    }
    for s in shapes {
        s.apply(&mut v);
    }
    v.to_string()
}

proptest! {
    #![proptest_config(ProptestConfig {
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn generated_scenarios_read_as_serde_reads_them(plan in plan()) {
        let s = build(&plan);
        let text = serde_json::to_string(&s).unwrap();
        prop_assert_eq!(parse_str(&text).unwrap(), s);
        agree(&text).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn edited_scenarios_read_as_serde_reads_them(
        plan in plan(),
        edits in vec(edit(), 0..3),
        shapes in vec(reshape(), 0..4),
    ) {
        agree(&broken(&plan, &edits, &shapes)).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn scenario_shaped_json_reads_as_serde_reads_it(v in scenario_shaped()) {
        agree(&v.to_string()).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn any_json_reads_as_serde_reads_it(v in json_value()) {
        let mut v = v;
        if let Value::Object(map) = &mut v {
            map.insert("version".into(), json!(1));
        }
        agree(&v.to_string()).map_err(TestCaseError::fail)?;
    }
}

// ---- what serde accepts beyond the usual spelling ---------------------------------------------

/// A scenario with one VPC and `extra` members.
fn with(extra: &str) -> String {
    format!(r#"{{"version": 1, "vpcs": [{{"id": "v", "cidrs": ["10.0.0.0/16"]}}]{extra}}}"#)
}

#[test]
fn structs_as_lists_variants_as_objects_and_null_options_read_as_in_serde() {
    for text in [
        // A struct as the list of its fields, trailing defaults left out.
        r#"{"version": 1, "vpcs": [["v", "", ["10.0.0.0/16"]]], "layout": {"v": [1, 2]}}"#
            .to_string(),
        // A variant as an object with one key.
        with(
            r#", "route_tables": [{"id": "r", "vpc": "v", "routes": [{"destination": {"cidr": "0.0.0.0/0"},
            "target": {"local": null}, "state": {"blackhole": null}}]}]"#,
        ),
        // null for an absent optional value.
        with(
            r#", "internet_gateways": [{"id": "g", "vpc": null}], "security_groups": [{"id": "s",
            "vpc": "v", "inbound": [{"protocol": 6, "ports": null, "icmp": null, "peer": {"group": "s"}}]}]"#,
        ),
        // Protocol numbers, ports as numbers, listeners.
        with(
            r#", "network_acls": [{"id": "a", "vpc": "v", "inbound": [{"number": 1, "protocol": -1,
            "cidr": "0.0.0.0/0", "action": "deny"}, {"number": 2, "protocol": "17", "ports": 53,
            "icmp": {"type": 8}, "cidr": "10.0.0.5/24", "action": "allow"}]}]"#,
        ),
    ] {
        parse_str(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
        agree(&text).unwrap();
    }
}

#[test]
fn what_serde_refuses_the_reader_refuses() {
    for extra in [
        // A field twice, in a struct or a variant.
        r#", "subnets": [{"id": "a", "id": "b", "vpc": "v", "cidr": "10.0.0.0/24"}]"#,
        r#", "route_tables": [{"id": "r", "vpc": "v", "routes": [{"destination": {"cidr": "0.0.0.0/0", "cidr": "1.0.0.0/8"}, "target": "local"}]}]"#,
        // A list longer than the struct.
        r#", "layout": {"v": [1, 2, 3, 4, 5]}"#,
        // A variant with a value it does not carry, or without the one it does.
        r#", "route_tables": [{"id": "r", "vpc": "v", "routes": [{"destination": {"cidr": "0.0.0.0/0"}, "target": {"local": 1}}]}]"#,
        r#", "route_tables": [{"id": "r", "vpc": "v", "routes": [{"destination": "cidr", "target": "local"}]}]"#,
        // null where a value is required, or a default that is not an Option.
        r#", "name": null"#,
        r#", "subnets": null"#,
        // Numbers out of range or not whole.
        r#", "network_acls": [{"id": "a", "vpc": "v", "inbound": [{"number": 1.0, "protocol": "all", "cidr": "0.0.0.0/0", "action": "deny"}]}]"#,
        r#", "network_acls": [{"id": "a", "vpc": "v", "inbound": [{"number": 1, "protocol": 256, "cidr": "0.0.0.0/0", "action": "deny"}]}]"#,
        r#", "network_acls": [{"id": "a", "vpc": "v", "inbound": [{"number": 1, "protocol": 6.0, "cidr": "0.0.0.0/0", "action": "deny"}]}]"#,
    ] {
        let text = with(extra);
        assert!(
            matches!(parse_str(&text), Err(LoadError::Field { .. })),
            "{text}: {:?}",
            parse_str(&text)
        );
        agree(&text).unwrap();
    }
    // In the layout map, the last of two equal keys wins, as in serde.
    let text = with(r#", "layout": {"v": {"x": 1, "y": 2}, "v": {"x": 3, "y": 4}}"#);
    assert_eq!(parse_str(&text).unwrap().layout["v"].x, 3.0);
    agree(&text).unwrap();
}

// ---- errors name the path -------------------------------------------------------------------

/// tests/data/two-tier.json with the value at `pointer` replaced (or removed, for `None`).
fn two_tier_with(pointer: &str, value: Option<Value>) -> String {
    let text = std::fs::read_to_string(manifest().join("tests/data/two-tier.json")).unwrap();
    let mut v: Value = serde_json::from_str(&text).unwrap();
    match value {
        Some(value) => {
            let (parent, key) = pointer.rsplit_once('/').unwrap();
            match v.pointer_mut(parent).unwrap() {
                Value::Object(map) => {
                    map.insert(key.to_string(), value);
                }
                Value::Array(items) => items[key.parse::<usize>().unwrap()] = value,
                _ => panic!("{pointer}"),
            }
        }
        None => {
            let (parent, key) = pointer.rsplit_once('/').unwrap();
            v.pointer_mut(parent)
                .unwrap()
                .as_object_mut()
                .unwrap()
                .remove(key);
        }
    }
    serde_json::to_string_pretty(&v).unwrap()
}

#[test]
fn malformed_values_are_named_by_their_path() {
    let cases: Vec<(&str, Option<Value>, &str, &str)> = vec![
        (
            "/subnets/1/cidr",
            Some(json!("10.0.1.0/33")),
            "subnets[1].cidr",
            r#"invalid IPv4 network (found "10.0.1.0/33"); expected an IPv4 CIDR block such as "10.0.1.0/24""#,
        ),
        (
            "/vpcs/0/cidrs/0",
            Some(json!(16)),
            "vpcs[0].cidrs[0]",
            r#"expected an IPv4 CIDR block such as "10.0.1.0/24", found 16"#,
        ),
        (
            "/instances/1/interfaces/0/private_ip",
            Some(json!("10.0.1")),
            "instances[1].interfaces[0].private_ip",
            r#"invalid IPv4 address (found "10.0.1"); expected an IPv4 address such as "10.0.1.10""#,
        ),
        (
            "/nat_gateways/0/interface/public_ip",
            Some(json!(true)),
            "nat_gateways[0].interface.public_ip",
            r#"expected an IPv4 address such as "10.0.1.10", found true"#,
        ),
        (
            "/security_groups/0/inbound/1/protocol",
            Some(json!("tcpp")),
            "security_groups[0].inbound[1].protocol",
            r#"unknown protocol "tcpp": expected all, tcp, udp, icmp, icmpv6 or a number 0-255"#,
        ),
        (
            "/security_groups/0/inbound/1/protocol",
            Some(json!(300)),
            "security_groups[0].inbound[1].protocol",
            "protocol number 300 is outside 0-255",
        ),
        (
            "/security_groups/1/inbound/0/ports",
            Some(json!("90-80")),
            "security_groups[1].inbound[0].ports",
            r#"port range "90-80" runs backwards: 90 is above 80"#,
        ),
        (
            "/security_groups/1/inbound/0/ports",
            Some(json!(70000)),
            "security_groups[1].inbound[0].ports",
            "port 70000 is outside 0-65535",
        ),
        (
            "/security_groups/0/outbound/0/peer",
            Some(json!({"cidr": "0.0.0.0/0", "group": "sg-web"})),
            "security_groups[0].outbound[0].peer",
            r#"expected one of "cidr", "group", "prefix_list", found an object"#,
        ),
        (
            "/security_groups/0/outbound/0/peer",
            Some(json!({"sg": "sg-web"})),
            "security_groups[0].outbound[0].peer",
            r#"unknown variant "sg", expected one of "cidr", "group", "prefix_list""#,
        ),
        (
            "/route_tables/1/routes/0/target",
            Some(json!("internet_gateway")),
            "route_tables[1].routes[0].target",
            r#""internet_gateway" needs a value, as in {"internet_gateway": ...}"#,
        ),
        (
            "/route_tables/1/routes/0/target",
            Some(json!({"local": "x"})),
            "route_tables[1].routes[0].target.local",
            r#"expected null (this variant carries no value), found "x""#,
        ),
        (
            "/route_tables/1/routes/0/state",
            Some(json!("gone")),
            "route_tables[1].routes[0].state",
            r#"unknown variant "gone", expected one of "active", "blackhole""#,
        ),
        (
            "/instances/0/role",
            Some(json!(5)),
            "instances[0].role",
            r#"expected one of "generic", "web", "app", "bastion", "nat-instance", "reverse-proxy", "appliance", "interface-endpoint", found 5"#,
        ),
        (
            "/instances/0/listens",
            Some(json!("all")),
            "instances[0].listens",
            r#"expected "any" or a list of ports such as [80, 443, "udp/53"], found "all""#,
        ),
        (
            "/instances/0/listens",
            Some(json!([80, "icmp/1"])),
            "instances[0].listens[1]",
            r#"listener "icmp/1": only tcp and udp ports can listen, not icmp"#,
        ),
        (
            "/network_acls/0/inbound/0/number",
            Some(json!(70000)),
            "network_acls[0].inbound[0].number",
            "expected a whole number 0-65535, found 70000",
        ),
        (
            "/network_acls/0/inbound/0/number",
            Some(json!(-1)),
            "network_acls[0].inbound[0].number",
            "expected a whole number 0-65535, found -1",
        ),
        (
            "/nat_gateways/0/interface/elastic_ip",
            Some(json!("yes")),
            "nat_gateways[0].interface.elastic_ip",
            r#"expected true or false, found "yes""#,
        ),
        (
            "/internet_hosts/0/os",
            Some(json!("mac")),
            "internet_hosts[0].os",
            r#"unknown variant "mac", expected one of "linux", "windows", "any""#,
        ),
        (
            "/layout",
            Some(json!({"web": {"x": "1", "y": 2}})),
            "layout.web.x",
            r#"expected a number, found "1""#,
        ),
        (
            "/name",
            Some(Value::Null),
            "name",
            "expected a string, found null",
        ),
        (
            "/subnets",
            Some(json!({})),
            "subnets",
            "expected a list, found an object",
        ),
        ("/vpcs/0/cidrs", None, "vpcs[0]", "missing field `cidrs`"),
        (
            "/vpcs/0/colour",
            Some(json!("red")),
            "vpcs[0].colour",
            r#"unknown field `colour`, expected one of `id`, `name`, `cidrs`, `ipv6_cidrs` (found "red")"#,
        ),
    ];
    for (pointer, value, path, message) in cases {
        let text = two_tier_with(pointer, value);
        match parse_str(&text) {
            Err(LoadError::Field {
                path: p,
                message: m,
                line,
                column,
            }) => {
                assert_eq!((p.as_str(), m.as_str()), (path, message), "{pointer}");
                assert!(line > 1 && column > 1, "{pointer}: {line}:{column}");
            }
            other => panic!("{pointer}: {other:?}"),
        }
        agree(&text).unwrap();
    }
}

#[test]
fn errors_give_the_line_and_column_of_the_value() {
    let text =
        "{\"version\": 1,\n \"vpcs\": [\n  {\"id\": \"v\", \"cidrs\": [\"10.0.0.0/16\", 7]}\n ]}";
    let e = parse_str(text).unwrap_err();
    assert_eq!(
        e,
        LoadError::Field {
            path: "vpcs[0].cidrs[1]".into(),
            message: "expected an IPv4 CIDR block such as \"10.0.1.0/24\", found 7".into(),
            line: 3,
            column: 40,
        }
    );
    // A key given twice: the second one.
    let text = "{\"version\": 1,\n \"vpcs\": [{\"id\": \"v\",\n \"cidrs\": [], \"id\": \"w\"}]}";
    let e = parse_str(text).unwrap_err();
    assert_eq!(
        e,
        LoadError::Field {
            path: "vpcs[0].id".into(),
            message: "duplicate field `id`".into(),
            line: 3,
            column: 15,
        }
    );
    // A missing field: the object that lacks it.
    let text = "{\"version\": 1,\n\n \"vpcs\": [{\"id\": \"v\"}]}";
    let LoadError::Field { line, column, .. } = parse_str(text).unwrap_err() else {
        panic!()
    };
    assert_eq!((line, column), (3, 11));
}

#[test]
fn escaped_keys_are_the_keys_they_spell() {
    // "\u0069d" is "id": given twice, and found for the position.
    let text = r#"{"version": 1, "vpcs": [{"id": "v", "cidrs": [], "\u0069d": "w"}]}"#;
    assert!(
        matches!(parse_str(text), Err(LoadError::Field { ref path, .. }) if path == "vpcs[0].id")
    );
    agree(text).unwrap();
    let text = r#"{"version": 1, "v\u0070cs": [{"id": "v", "cidrs": [5]}]}"#;
    let LoadError::Field { path, column, .. } = parse_str(text).unwrap_err() else {
        panic!()
    };
    assert_eq!((path.as_str(), column), ("vpcs[0].cidrs[0]", 52));
}
