//! RDS databases and ElastiCache clusters: `rds describe-db-instances` and `elasticache
//! describe-cache-clusters` give the engine, the port and the groups; the nodes' network
//! interfaces come from describe-network-interfaces.
//!
//! - An ElastiCache cluster's interfaces are the ones described `ElastiCache <cluster id>`.
//! - RDS prints no address, so a DB instance's interface is an RDS interface (`RDSNetworkInterface`)
//!   in one of its subnet group's subnets with exactly its security groups, one in its
//!   availability zone first. When none is in the output, the database gets a stand-in address
//!   in its zone's subnet (with a warning), as Batfish does.
//! - Deleted, failed and stopped ones are left out (nothing answers on them); an engine the
//!   playground does not name becomes a host listening on its TCP port.
//! - RDS and ElastiCache interfaces that no described database claims stay hosts that listen on
//!   every port.

use super::nodes::ServiceEni;
use super::raw::{RawCacheCluster, RawDbInstance};
use super::read::{unique, Inputs, Located};
use super::report::Notes;
use crate::edit::alloc::next_private_ip;
use crate::edit::find::all_interfaces;
use crate::model::*;

/// Adds the described databases and caches to `s`, with the service interfaces they claim; the
/// interfaces left over become hosts.
pub(crate) fn databases(
    inputs: &Inputs,
    mut services: Vec<ServiceEni>,
    s: &mut Scenario,
    warnings: &mut Notes,
) {
    for loc in unique(
        &inputs.db_instances,
        |d| &d.db_instance_identifier,
        warnings,
    ) {
        rds_instance(loc, &mut services, s, warnings);
    }
    for loc in unique(&inputs.cache_clusters, |c| &c.cache_cluster_id, warnings) {
        cache_cluster(loc, &mut services, s, warnings);
    }
    for eni in services {
        s.instances.push(eni.into_host(warnings));
    }
}

/// Whether a database in `status` is left out, and why.
fn gone(status: Option<&str>) -> Option<&'static str> {
    match status? {
        "deleting" | "deleted" => Some("is being deleted"),
        "failed"
        | "create-failed"
        | "incompatible-network"
        | "inaccessible-encryption-credentials" => Some("has failed"),
        "stopped" | "stopping" => Some("is stopped, so nothing answers on it"),
        _ => None,
    }
}

fn rds_engine(name: &str) -> Option<Engine> {
    Some(match name {
        "mysql" => Engine::Mysql,
        "mariadb" => Engine::Mariadb,
        "postgres" => Engine::Postgres,
        "aurora" | "aurora-mysql" => Engine::AuroraMysql,
        "aurora-postgresql" => Engine::AuroraPostgres,
        n if n.starts_with("sqlserver") || n.starts_with("custom-sqlserver") => Engine::Sqlserver,
        n if n.starts_with("oracle") || n.starts_with("custom-oracle") => Engine::Oracle,
        _ => return None,
    })
}

fn cache_engine(name: &str) -> Option<Engine> {
    match name {
        "redis" | "valkey" => Some(Engine::Redis),
        "memcached" => Some(Engine::Memcached),
        _ => None,
    }
}

fn rds_instance(
    loc: &Located<RawDbInstance>,
    services: &mut Vec<ServiceEni>,
    s: &mut Scenario,
    warnings: &mut Notes,
) {
    let d = &loc.item;
    let id = &d.db_instance_identifier;
    if let Some(why) = gone(d.db_instance_status.as_deref()) {
        warnings.ignored(format!("{}: skipped {id}: it {why}", loc.place()));
        return;
    }
    let groups: Vec<&str> = (d.vpc_security_groups.iter())
        .map(|g| g.vpc_security_group_id.as_str())
        .collect();
    let in_group: Vec<&str> = (d.db_subnet_group.iter())
        .flat_map(|g| &g.subnets)
        .map(|n| n.subnet_identifier.as_str())
        .collect();
    let zone = d.availability_zone.as_deref();
    let az_of = |subnet: &str| {
        (s.subnets.iter())
            .find(|n| n.id == subnet)
            .map(|n| n.az.as_str())
    };
    let claims = |e: &ServiceEni| {
        !e.engine.is_cache()
            && (in_group.is_empty() || in_group.contains(&e.iface.subnet.as_str()))
            && same_set(&e.iface.security_groups, &groups)
    };
    let pick = (services.iter())
        .position(|e| claims(e) && zone.is_some() && az_of(&e.iface.subnet) == zone)
        .or_else(|| services.iter().position(claims));
    let iface = match pick {
        Some(at) => services.remove(at).iface,
        None => {
            let subnet = (in_group.iter())
                .find(|n| zone.is_some() && az_of(n) == zone)
                .or_else(|| in_group.iter().find(|n| az_of(n).is_some()));
            let Some(ip) = subnet.and_then(|n| next_private_ip(s, n)) else {
                warnings.ignored(format!(
                    "{}: skipped {id}: none of its network interfaces and none of its subnet group's subnets is in the output (add describe-network-interfaces and describe-subnets)",
                    loc.place()
                ));
                return;
            };
            let subnet = subnet.map(|n| n.to_string()).unwrap_or_default();
            warnings.inferred(format!(
                "{}: {id}: its network interface is not in the output, and RDS prints no address; it is given the stand-in address {ip} in {subnet}",
                loc.place()
            ));
            Interface {
                ipv6_addresses: Vec::new(),
                id: free_id(s, &format!("{id}-eni")),
                subnet,
                private_ip: ip,
                public_ip: None,
                elastic_ip: false,
                security_groups: groups.iter().map(|g| g.to_string()).collect(),
                source_dest_check: true,
            }
        }
    };
    let port =
        (d.endpoint.as_ref().and_then(|e| e.port)).or(d.db_instance_port.filter(|p| *p != 0));
    let engine = d.engine.as_deref().unwrap_or_default();
    add(
        s,
        warnings,
        loc,
        (id, rds_engine(engine), engine),
        port,
        vec![iface],
    );
}

fn cache_cluster(
    loc: &Located<RawCacheCluster>,
    services: &mut Vec<ServiceEni>,
    s: &mut Scenario,
    warnings: &mut Notes,
) {
    let c = &loc.item;
    let id = &c.cache_cluster_id;
    if let Some(why) = gone(c.cache_cluster_status.as_deref()) {
        warnings.ignored(format!("{}: skipped {id}: it {why}", loc.place()));
        return;
    }
    let description = format!("ElastiCache {id}");
    let mut interfaces = Vec::new();
    while let Some(at) = (services.iter())
        .position(|e| e.engine.is_cache() && e.description.eq_ignore_ascii_case(&description))
    {
        interfaces.push(services.remove(at).iface);
    }
    if interfaces.is_empty() {
        warnings.ignored(format!(
            "{}: skipped {id}: none of its nodes' network interfaces (described `{description}`) is in the output; add describe-network-interfaces",
            loc.place()
        ));
        return;
    }
    let port = (c.cache_nodes.iter())
        .find_map(|n| n.endpoint.as_ref().and_then(|e| e.port))
        .or_else(|| c.configuration_endpoint.as_ref().and_then(|e| e.port));
    let engine = c.engine.as_deref().unwrap_or_default();
    add(
        s,
        warnings,
        loc,
        (id, cache_engine(engine), engine),
        port,
        interfaces,
    );
}

/// Adds a database (or, for an engine the playground does not name, a host that listens on its
/// TCP port) with `interfaces`.
fn add<T>(
    s: &mut Scenario,
    warnings: &mut Notes,
    loc: &Located<T>,
    (id, engine, engine_name): (&str, Option<Engine>, &str),
    port: Option<u16>,
    interfaces: Vec<Interface>,
) {
    let part = free_id(s, id);
    match engine {
        Some(engine) => s.databases.push(Database {
            id: part,
            name: id.to_string(),
            engine,
            port: port.filter(|p| *p != engine.default_port()),
            interfaces,
        }),
        None => {
            let listens = match port {
                Some(p) => Listening::Ports(vec![Listener::tcp(p)]),
                None => Listening::Any,
            };
            warnings.inferred(format!(
                "{}: {id} runs engine `{engine_name}`, which the playground does not name; imported as a host that listens on {}",
                loc.place(),
                port.map_or("every port".to_string(), |p| format!("tcp/{p}")),
            ));
            s.instances.push(Instance {
                id: part,
                name: id.to_string(),
                role: Role::Generic,
                os: Os::Linux,
                interfaces,
                listens,
                upstreams: Vec::new(),
                stopped: false,
                stateful: false,
            });
        }
    }
}

/// Whether `ids` and `want` hold the same ids, in any order.
fn same_set(ids: &[Id], want: &[&str]) -> bool {
    ids.len() == want.len() && ids.iter().all(|g| want.contains(&g.as_str()))
}

/// `base`, or `base-2`, `base-3`... : the first that no instance, database or interface uses
/// (the parts this module adds; the editor's `fresh_id` checks every kind of id and costs the
/// importer's worker more code than its budget has room for).
fn free_id(s: &Scenario, base: &str) -> Id {
    let taken = |id: &str| {
        (s.instances.iter().any(|x| x.id == id))
            || s.databases.iter().any(|x| x.id == id)
            || all_interfaces(s).any(|n| n.id == id)
    };
    let mut id = base.to_string();
    let mut n = 1;
    while taken(&id) {
        n += 1;
        id = format!("{base}-{n}");
    }
    id
}
