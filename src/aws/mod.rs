//! Importing a real account: the JSON that `aws ec2 describe-*` prints, turned into a [`Scenario`].
//!
//! Give [`import_files`] the files' names and contents (the browser reads them from a file
//! picker), or give [`import_dir`] a directory (native only). Each file is recognised by its
//! top-level key: `Vpcs`, `Subnets`, `RouteTables`, `NetworkAcls`, `SecurityGroups`,
//! `Reservations` (describe-instances), `NetworkInterfaces`, `InternetGateways`,
//! `EgressOnlyInternetGateways`, `NatGateways`,
//! `VpcPeeringConnections`, `PrefixLists` (describe-prefix-lists or describe-managed-prefix-lists)
//! and `VpcEndpoints`, and `DBInstances` (rds describe-db-instances) and `CacheClusters`
//! (elasticache describe-cache-clusters). File names do not matter; a kind with no file is simply empty; unknown keys
//! and fields are ignored; a file with none of these keys is skipped with a warning, and no such
//! file at all is an error. A value of the wrong type or shape is an error that names the file
//! and the JSON path: `describe-subnets.json: Subnets[1].CidrBlock: invalid IPv4 CIDR
//! "10.0.1.0/33"`.
//!
//! # How AWS maps to the model
//! AWS ids stay the scenario ids, so traces name `sg-...`, `acl-...`, `rtb-...`, `i-...` and
//! `eni-...`. Names come from the `Name` tag, else the group name (security groups), else the id.
//! IPv6 is read as dual stack: a VPC's associated IPv6 blocks, a subnet's (first) associated
//! IPv6 block, IPv6 routes, ACL entries (`Ipv6CidrBlock`), security group ranges
//! (`Ipv6Ranges`), prefix list entries and an interface's `Ipv6Addresses`. Blocks whose
//! association state is other than `associated` are left out. Subnets and interfaces with no
//! IPv4 address are still skipped (IPv6-only ones are not modelled).
//!
//! - Route tables lose their `local` routes, IPv4 and IPv6 (implicit in the model). Routes to
//!   local and carrier gateways and core networks are skipped with a warning; a route's
//!   `blackhole` state is kept. A route to an internet gateway the output lacks (a partial dump,
//!   or one taken account by account) makes a stand-in internet gateway of the table's VPC, with
//!   a warning; when that VPC has another one attached, the route is a blackhole. A route to an
//!   egress-only internet gateway the output lacks makes a stand-in egress-only gateway of the
//!   table's VPC, with a warning.
//! - Egress-only internet gateways attached to no VPC are left out, with a warning.
//! - Network ACLs lose the implicit `*` rules (32767 for IPv4, 32768 for IPv6); ports are kept
//!   for TCP and UDP only, ICMP type and code for ICMP and ICMPv6 (`58`) only (-1 means any).
//! - A security group permission becomes one rule per CIDR (IPv4 or IPv6), group and prefix
//!   list it names; for `icmp` and `icmpv6`, `FromPort` and `ToPort` are the type and code.
//! - Instances (terminated and shutting-down ones left out) are `generic` hosts that listen on
//!   every port, since the describe output cannot tell what runs on them; Windows when AWS says
//!   `Platform: windows`, else Linux. Their interfaces come in device-index order. A public
//!   address is an Elastic IP when its owner is not `amazon`.
//! - describe-network-interfaces completes and overrides the interfaces of instances (same ENI
//!   id). The interface of a NAT gateway is matched through `NatGatewayAddresses` (or its
//!   description). An interface attached to no instance becomes:
//!   - an RDS (`RDSNetworkInterface`) or ElastiCache interface: the interface of a database
//!     that `rds describe-db-instances` (`DBInstances`) or `elasticache describe-cache-clusters`
//!     (`CacheClusters`) describes, which then listens on its engine's port only (see `data`);
//!     an interface no such output claims is a host with id `<eni>-db` or `<eni>-cache` that
//!     listens on every port (with a warning);
//!   - a transit gateway attachment's interface: nothing (with a warning);
//!   - a Gateway Load Balancer endpoint's interface: that endpoint's (see `gwlb`);
//!   - an interface endpoint's interface: an interface of the instance with role
//!     interface-endpoint and the endpoint's id that stands for the endpoint (one per interface,
//!     `<eni>-host`, without describe-vpc-endpoints), named after the endpoint's service, that
//!     accepts tcp/443 only (SES's SMTP ports for `email-smtp`), or every port for another
//!     account's endpoint service (see `endpoints`);
//!   - anything else (load balancer nodes, Lambda, detached interfaces): a
//!     generic [`Instance`](crate::model::Instance) with id `<eni>-host`, named after the ENI, listening on every port. A
//!     load balancer cannot be rebuilt without describe-load-balancers, so its nodes stand in as
//!     plain hosts.
//! - A stopped instance is imported with `stopped` set: it keeps its addresses but nothing on it
//!   answers. An instance with source/destination check off is an appliance, and a NAT instance
//!   when it also has a public address and a `0.0.0.0/0` route points at it.
//! - Node ids of interface-made nodes differ from the interface id, so an id names one part.
//! - NAT gateways that are deleting, deleted or failed are left out; the others get the primary
//!   address's interface, with no security groups and no source/destination check.
//! - Gateway endpoints come from describe-vpc-endpoints, or from a route to a `vpce-` target with
//!   a prefix-list destination when that output is missing. Gateway Load Balancer endpoints
//!   come from the same output and their interfaces (see `gwlb`), and take the routes to them.
//! - Virtual private gateways, VPN connections and Direct Connect virtual interfaces make the
//!   on-premises network and its links (see `site`); router configurations beside the output
//!   (files under `configs/`) give the blocks the site announces over BGP.
//! - Peerings that are deleted, rejected, failed or expired are left out; the others are active
//!   when their status is `active`.

mod data;
mod elb;
mod endpoints;
mod error;
mod gwlb;
pub mod job;
mod network;
mod nodes;
pub mod pipeline;
mod raw;
mod read;
mod report;
mod site;
mod transit;
mod values;

#[cfg(test)]
mod data_tests;
#[cfg(test)]
mod gwlb_tests;
#[cfg(test)]
mod ipv6_tests;
#[cfg(test)]
mod tests;

pub use error::ImportError;
use report::Notes;
pub use report::{FileReport, NoteKind};

use crate::model::{Destination, Peer, Scenario, FORMAT_VERSION};
use std::collections::BTreeSet;

/// An imported scenario and what the importer could not carry over or had to guess.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    /// The scenario, with AWS ids as scenario ids.
    pub scenario: Scenario,
    /// One line per thing skipped or guessed, each naming the file and JSON path where it can.
    pub warnings: Vec<String>,
    /// The same, per file, after what each file gave.
    pub files: Vec<FileReport>,
}

/// Imports describe output given as (file name, contents) pairs, in order. Touches no filesystem.
pub fn import_files(files: &[(String, String)]) -> Result<Imported, ImportError> {
    let mut warnings = Notes::default();
    let mut inputs = read::read_files(files, &mut warnings)?;
    let w = &mut warnings;

    let vpcs = network::vpcs(&inputs, w);
    let subnets = network::subnets(&inputs, w);
    let mut route_tables = network::route_tables(&inputs, w);
    let network_acls = network::network_acls(&inputs, w)?;
    let security_groups = network::security_groups(&inputs, w)?;
    let prefix_lists = network::prefix_lists(&inputs, w);
    let gateway_endpoints = network::gateway_endpoints(&inputs, &route_tables, &prefix_lists, w);
    let nat_gateways = nodes::nat_gateways(&inputs, w);
    let mut hosts = nodes::hosts(&inputs, &nat_gateways, w);
    nodes::infer_forwarders(&mut hosts.instances, &route_tables, w);
    let mut internet_gateways = nodes::internet_gateways(&inputs, w);
    nodes::infer_internet_gateways(&mut internet_gateways, &mut route_tables, w);
    let mut egress_only_internet_gateways = nodes::egress_only_gateways(&inputs, w);
    nodes::infer_egress_only_gateways(&mut egress_only_internet_gateways, &route_tables, w);
    let peerings = nodes::peerings(&inputs, &vpcs, w);
    let transit_gateways = transit::transit_gateways(&inputs, (&vpcs, &subnets), w);
    let lb_nodes = std::mem::take(&mut hosts.lb_nodes);
    let load_balancers = elb::load_balancers(&inputs, lb_nodes, &hosts.instances, w);
    let mut vpn_gateways = site::vpn_gateways(&inputs, w);
    site::infer_vpn_gateways(&mut vpn_gateways, &route_tables, w);
    network::edge_associations(&mut route_tables, (&internet_gateways, &vpn_gateways), w);
    network::propagations(&mut route_tables, &vpn_gateways, w);
    let on_prem_networks = site::on_prem_networks(&inputs, (&vpn_gateways, &transit_gateways), w);

    let title = if vpcs.is_empty() {
        "Imported from AWS".to_string()
    } else {
        let names: Vec<&str> = vpcs.iter().map(|v| v.name.as_str()).collect();
        format!("Imported from AWS ({})", names.join(", "))
    };
    let services = std::mem::take(&mut hosts.services);
    let mut scenario = Scenario {
        version: FORMAT_VERSION,
        name: title,
        description: format!(
            "Imported from the AWS describe output in {}.",
            inputs.files_used.join(", ")
        ),
        vpcs,
        subnets,
        route_tables,
        network_acls,
        security_groups,
        prefix_lists,
        instances: hosts.instances,
        load_balancers,
        internet_gateways,
        egress_only_internet_gateways,
        nat_gateways,
        peerings,
        gateway_endpoints,
        transit_gateways,
        vpn_gateways,
        on_prem_networks,
        ..Scenario::new()
    };
    data::databases(&inputs, services, &mut scenario, &mut warnings);
    gwlb::gwlb_endpoints(&inputs, &mut scenario, &mut warnings);
    warn_unknown_prefix_lists(&scenario, &mut warnings);
    let files = report::by_file(std::mem::take(&mut inputs.read), &warnings);
    Ok(Imported {
        scenario,
        warnings: warnings.0.into_iter().map(|(_, text)| text).collect(),
        files,
    })
}

/// Warns once for each prefix list that a route or rule uses but no imported list defines.
fn warn_unknown_prefix_lists(scenario: &Scenario, warnings: &mut Notes) {
    let known: BTreeSet<&str> = scenario
        .prefix_lists
        .iter()
        .map(|p| p.id.as_str())
        .collect();
    let mut used = BTreeSet::new();
    for t in &scenario.route_tables {
        for r in &t.routes {
            if let Destination::PrefixList(pl) = &r.destination {
                used.insert(pl.as_str());
            }
        }
    }
    for g in &scenario.security_groups {
        for r in g.inbound.iter().chain(&g.outbound) {
            if let Peer::PrefixList(pl) = &r.peer {
                used.insert(pl.as_str());
            }
        }
    }
    for pl in used.difference(&known) {
        warnings.ignored(format!(
            "prefix list {pl} is used but its addresses are unknown; add the output of `aws ec2 describe-prefix-lists` to import them"
        ));
    }
}

/// Imports every `*.json` file directly in `dir` (in name order), or, when `dir` is a Batfish
/// snapshot (it holds `aws_configs/`), every `*.json` file under `aws_configs/` at any depth
/// (`aws_configs/<region>/`, `aws_configs/accounts/<account>/<region>/`; Batfish's file names
/// hold the same top-level keys as the CLI's output), with the router configurations in its
/// `configs/`. Native only.
#[cfg(not(target_arch = "wasm32"))]
pub fn import_dir(dir: &std::path::Path) -> Result<Imported, ImportError> {
    let io = |path: &std::path::Path, e: std::io::Error| ImportError::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    };
    let snapshot = dir.join("aws_configs");
    let (root, depth) = if snapshot.is_dir() {
        (snapshot, 4)
    } else {
        (dir.to_path_buf(), 0)
    };
    let mut paths = Vec::new();
    let mut folders = vec![(root.clone(), 0)];
    while let Some((folder, level)) = folders.pop() {
        for entry in std::fs::read_dir(&folder).map_err(|e| io(&folder, e))? {
            let path = entry.map_err(|e| io(&folder, e))?.path();
            let is_json = path
                .extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("json"));
            if is_json && path.is_file() {
                paths.push(path);
            } else if level < depth && path.is_dir() {
                folders.push((path, level + 1));
            }
        }
    }
    paths.sort();
    let configs = dir.join("configs");
    let mut config_paths = Vec::new();
    if depth > 0 && configs.is_dir() {
        for entry in std::fs::read_dir(&configs).map_err(|e| io(&configs, e))? {
            let path = entry.map_err(|e| io(&configs, e))?.path();
            let json = (path.extension()).is_some_and(|x| x.eq_ignore_ascii_case("json"));
            if path.is_file() && !json {
                config_paths.push(path);
            }
        }
    }
    config_paths.sort();
    let mut files = Vec::with_capacity(paths.len());
    for path in paths {
        let text = std::fs::read_to_string(&path).map_err(|e| io(&path, e))?;
        let name = match path.strip_prefix(&root) {
            Ok(inside) if depth > 0 => format!("aws_configs/{}", inside.display()),
            _ => path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            ),
        };
        files.push((name, text));
    }
    for path in config_paths {
        // A router configuration that is not text (a binary beside it) is not one.
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        files.push((format!("configs/{}", name.unwrap_or_default()), text));
    }
    import_files(&files)
}
