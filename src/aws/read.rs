//! Reading the files: recognise each describe output by its top-level keys and read it into raw
//! records (with the readers of `records`) that remember where they came from.

mod records;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;

use super::error::ImportError;
use super::raw::*;
use super::report::Notes;
use crate::scenario::read::{path_text, read_with};
use serde_json::Value;

/// A raw record and its place: the file's name and the JSON path of the record in it.
#[derive(Debug)]
pub(crate) struct Located<T> {
    /// The file's name, as given to the importer.
    pub file: String,
    /// JSON path of the record, e.g. `Subnets[1]`.
    pub path: String,
    /// The record.
    pub item: T,
}

impl<T> Located<T> {
    /// The path of a field below this record: `at(".Entries[2].PortRange")`.
    pub fn at(&self, below: &str) -> String {
        format!("{}{}", self.path, below)
    }

    /// A shape error at `below` this record.
    pub fn error(&self, below: &str, message: impl Into<String>) -> ImportError {
        ImportError::shape(&self.file, self.at(below), message)
    }

    /// The prefix for a warning about this record: `file: path`.
    pub fn place(&self) -> String {
        format!("{}: {}", self.file, self.path)
    }
}

/// Every record of every recognised file, by kind, in the order the files were given.
#[derive(Debug, Default)]
pub(crate) struct Inputs {
    pub vpcs: Vec<Located<RawVpc>>,
    pub subnets: Vec<Located<RawSubnet>>,
    pub route_tables: Vec<Located<RawRouteTable>>,
    pub network_acls: Vec<Located<RawAcl>>,
    pub security_groups: Vec<Located<RawSecurityGroup>>,
    /// `Reservations[i].Instances[j]`, flattened.
    pub instances: Vec<Located<RawInstance>>,
    pub network_interfaces: Vec<Located<RawEni>>,
    pub internet_gateways: Vec<Located<RawInternetGateway>>,
    pub egress_only_gateways: Vec<Located<RawEgressOnlyGateway>>,
    pub nat_gateways: Vec<Located<RawNatGateway>>,
    pub peerings: Vec<Located<RawPeering>>,
    pub prefix_lists: Vec<Located<RawPrefixList>>,
    pub endpoints: Vec<Located<RawEndpoint>>,
    pub transit_gateways: Vec<Located<RawTransitGateway>>,
    pub tgw_vpc_attachments: Vec<Located<RawTgwVpcAttachment>>,
    pub tgw_attachments: Vec<Located<RawTgwAttachment>>,
    pub tgw_route_tables: Vec<Located<RawTgwRouteTable>>,
    pub tgw_propagations: Vec<Located<RawTgwPropagations>>,
    pub tgw_static_routes: Vec<Located<RawTgwRoutes>>,
    pub load_balancers: Vec<Located<RawLoadBalancer>>,
    /// Listeners from `Listeners[]` and from `LoadBalancerListeners[i].Listeners[]`, each with
    /// its load balancer's ARN.
    pub listeners: Vec<Located<(String, RawListener)>>,
    pub target_groups: Vec<Located<RawTargetGroup>>,
    pub target_health: Vec<Located<RawTargetHealthGroup>>,
    pub vpn_gateways: Vec<Located<RawVpnGateway>>,
    pub vpn_connections: Vec<Located<RawVpnConnection>>,
    pub virtual_interfaces: Vec<Located<RawVirtualInterface>>,
    pub dx_associations: Vec<Located<RawDxAssociation>>,
    pub db_instances: Vec<Located<RawDbInstance>>,
    pub cache_clusters: Vec<Located<RawCacheCluster>>,
    /// Router configurations beside the describe output (a Batfish snapshot's `configs/`):
    /// (file name, text).
    pub router_configs: Vec<(String, String)>,
    /// Names of the files that held at least one recognised key.
    pub files_used: Vec<String>,
    /// Every file given (router configurations aside) with the keys read from it and their
    /// record counts; empty for the files skipped.
    pub read: Vec<(String, Vec<(&'static str, usize)>)>,
}

/// Parses every file; files with no recognised top-level key are skipped with a warning.
pub(crate) fn read_files(
    files: &[(String, String)],
    warnings: &mut Notes,
) -> Result<Inputs, ImportError> {
    let mut inputs = Inputs::default();
    for (name, text) in files {
        if is_router_config(name) {
            inputs.router_configs.push((name.clone(), text.clone()));
            continue;
        }
        let value: Value = serde_json::from_str(text).map_err(|e| ImportError::Syntax {
            file: name.clone(),
            message: e.to_string(),
        })?;
        let Some(object) = value.as_object() else {
            inputs.read.push((name.clone(), Vec::new()));
            warnings.ignored(format!(
                "{name}: skipped: the top level is not a JSON object, so it is no `aws ec2 describe-*` output"
            ));
            continue;
        };
        if !SECTION_KEYS.iter().any(|k| object.contains_key(*k)) {
            inputs.read.push((name.clone(), Vec::new()));
            warnings.ignored(format!(
                "{name}: skipped: the importer reads none of its top-level keys ({})",
                object
                    .keys()
                    .take(5)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
            continue;
        }
        inputs.read.push((name.clone(), counts(object)));
        inputs.add(name, read_file(name, &value)?);
        inputs.files_used.push(name.clone());
    }
    if inputs.files_used.is_empty() {
        return Err(ImportError::NothingRecognised {
            files: files.iter().map(|(n, _)| n.clone()).collect(),
        });
    }
    Ok(inputs)
}

/// The keys of [`SECTION_KEYS`] a file holds, each with its number of records (`Reservations`
/// counted as the instances in them), in [`SECTION_KEYS`] order.
fn counts(object: &serde_json::Map<String, Value>) -> Vec<(&'static str, usize)> {
    let len = |v: &Value| v.as_array().map_or(0, Vec::len);
    (SECTION_KEYS.iter())
        .filter_map(|&key| {
            let v = object.get(key)?;
            match key {
                "Reservations" => {
                    let instances = (v.as_array().into_iter().flatten())
                        .map(|r| r.get("Instances").map_or(0, len))
                        .sum();
                    Some(("Instances", instances))
                }
                _ => Some((key, len(v))),
            }
        })
        .collect()
}

/// Whether file `name` is a router configuration of a Batfish snapshot (under `configs/`, not
/// JSON), read for the blocks an on-premises network announces.
pub(crate) fn is_router_config(name: &str) -> bool {
    let in_configs = name.starts_with("configs/") || name.contains("/configs/");
    in_configs && !name.to_ascii_lowercase().ends_with(".json")
}

/// The records of the file `name`, whose parsed JSON is `value`; an error names the file and
/// the JSON path (`Vpcs[0].CidrBlock: expected a string, found 5`).
fn read_file(name: &str, value: &Value) -> Result<RawFile, ImportError> {
    read_with(value, records::file, "an array")
        .map_err(|e| ImportError::shape(name, path_text(&e.path), e.message))
}

/// Appends `items` (the array under `key`) to `into`, each with its path.
fn push_all<T>(into: &mut Vec<Located<T>>, file: &str, key: &str, items: Option<Vec<T>>) {
    for (i, item) in items.into_iter().flatten().enumerate() {
        into.push(Located {
            file: file.to_string(),
            path: format!("{key}[{i}]"),
            item,
        });
    }
}

impl Inputs {
    fn add(&mut self, file: &str, raw: RawFile) {
        push_all(&mut self.vpcs, file, "Vpcs", raw.vpcs);
        push_all(&mut self.subnets, file, "Subnets", raw.subnets);
        push_all(
            &mut self.route_tables,
            file,
            "RouteTables",
            raw.route_tables,
        );
        push_all(
            &mut self.network_acls,
            file,
            "NetworkAcls",
            raw.network_acls,
        );
        push_all(
            &mut self.security_groups,
            file,
            "SecurityGroups",
            raw.security_groups,
        );
        for (i, reservation) in raw.reservations.into_iter().flatten().enumerate() {
            let key = format!("Reservations[{i}].Instances");
            push_all(&mut self.instances, file, &key, Some(reservation.instances));
        }
        push_all(
            &mut self.network_interfaces,
            file,
            "NetworkInterfaces",
            raw.network_interfaces,
        );
        push_all(
            &mut self.internet_gateways,
            file,
            "InternetGateways",
            raw.internet_gateways,
        );
        push_all(
            &mut self.egress_only_gateways,
            file,
            "EgressOnlyInternetGateways",
            raw.egress_only_internet_gateways,
        );
        push_all(
            &mut self.nat_gateways,
            file,
            "NatGateways",
            raw.nat_gateways,
        );
        push_all(
            &mut self.peerings,
            file,
            "VpcPeeringConnections",
            raw.vpc_peering_connections,
        );
        push_all(
            &mut self.prefix_lists,
            file,
            "PrefixLists",
            raw.prefix_lists,
        );
        push_all(&mut self.endpoints, file, "VpcEndpoints", raw.vpc_endpoints);
        let tgw = (
            "TransitGateways",
            "TransitGatewayVpcAttachments",
            "TransitGatewayAttachments",
            "TransitGatewayRouteTables",
        );
        push_all(
            &mut self.transit_gateways,
            file,
            tgw.0,
            raw.transit_gateways,
        );
        push_all(
            &mut self.tgw_vpc_attachments,
            file,
            tgw.1,
            raw.transit_gateway_vpc_attachments,
        );
        push_all(
            &mut self.tgw_attachments,
            file,
            tgw.2,
            raw.transit_gateway_attachments,
        );
        push_all(
            &mut self.tgw_route_tables,
            file,
            tgw.3,
            raw.transit_gateway_route_tables,
        );
        push_all(
            &mut self.tgw_propagations,
            file,
            "TransitGatewayPropagations",
            raw.transit_gateway_propagations,
        );
        push_all(
            &mut self.tgw_static_routes,
            file,
            "TransitGatewayStaticRoutes",
            raw.transit_gateway_static_routes,
        );
        push_all(
            &mut self.load_balancers,
            file,
            "LoadBalancers",
            raw.load_balancers,
        );
        let arn_of = |l: RawListener| (l.load_balancer_arn.clone().unwrap_or_default(), l);
        push_all(
            &mut self.listeners,
            file,
            "Listeners",
            raw.listeners.map(|l| l.into_iter().map(arn_of).collect()),
        );
        for (i, group) in raw
            .load_balancer_listeners
            .into_iter()
            .flatten()
            .enumerate()
        {
            let key = format!("LoadBalancerListeners[{i}].Listeners");
            let arn = group.load_balancer_arn;
            let listeners = group.listeners.into_iter().map(|l| (arn.clone(), l));
            push_all(&mut self.listeners, file, &key, Some(listeners.collect()));
        }
        push_all(
            &mut self.target_groups,
            file,
            "TargetGroups",
            raw.target_groups,
        );
        push_all(
            &mut self.target_health,
            file,
            "LoadBalancerTargetHealth",
            raw.load_balancer_target_health,
        );
        push_all(
            &mut self.vpn_gateways,
            file,
            "VpnGateways",
            raw.vpn_gateways,
        );
        push_all(
            &mut self.vpn_connections,
            file,
            "VpnConnections",
            raw.vpn_connections,
        );
        push_all(
            &mut self.virtual_interfaces,
            file,
            "VirtualInterfaces",
            raw.virtual_interfaces,
        );
        push_all(
            &mut self.dx_associations,
            file,
            "DirectConnectGatewayAssociations",
            raw.direct_connect_gateway_associations,
        );
        push_all(
            &mut self.db_instances,
            file,
            "DBInstances",
            raw.db_instances,
        );
        push_all(
            &mut self.cache_clusters,
            file,
            "CacheClusters",
            raw.cache_clusters,
        );
    }
}

/// The records of `items` with distinct ids, keeping the first of each id and warning about the
/// others (the same resource in two files, e.g. two saved pages of output that overlap).
pub(crate) fn unique<'a, T>(
    items: &'a [Located<T>],
    id: impl Fn(&T) -> &str,
    warnings: &mut Notes,
) -> Vec<&'a Located<T>> {
    let mut seen = rustc_hash::FxHashSet::default();
    let mut out = Vec::with_capacity(items.len());
    for loc in items {
        let key = id(&loc.item);
        if seen.insert(key) {
            out.push(loc);
        } else {
            warnings.ignored(format!(
                "{}: skipped: {key} appears more than once; the first one is used",
                loc.place()
            ));
        }
    }
    out
}
