//! Mapping the parts that hold network interfaces or join networks: instances, other network
//! interfaces (databases, load balancer nodes, ...), NAT gateways, internet gateways (egress-only
//! ones too) and peerings.

use super::network::display_name;
use super::raw::*;
use super::read::{unique, Inputs, Located};
use super::report::Notes;
use crate::model::*;
use ipnet::Ipv4Net;
use std::collections::{BTreeMap, BTreeSet};

/// The interface an ENI record describes, or `None` when it has no private IPv4 address.
fn interface(eni: &RawEni) -> Option<Interface> {
    let private_ip = eni.private_ip_address?.0;
    let public_ip = eni
        .association
        .as_ref()
        .and_then(|a| a.public_ip)
        .map(|ip| ip.0);
    Some(Interface {
        ipv6_addresses: eni.ipv6(),
        id: eni.network_interface_id.clone(),
        subnet: eni.subnet_id.clone(),
        private_ip,
        public_ip,
        elastic_ip: public_ip.is_some() && eni.association.as_ref().is_some_and(|a| a.is_elastic()),
        security_groups: eni.groups.iter().map(|g| g.group_id.clone()).collect(),
        source_dest_check: eni.source_dest_check.unwrap_or(true),
    })
}

/// Where an interface sits among its instance's interfaces: (device index, network card).
fn slot(eni: &RawEni) -> (u32, u32) {
    eni.attachment.as_ref().map_or((u32::MAX, u32::MAX), |a| {
        (
            a.device_index.unwrap_or(u32::MAX),
            a.network_card_index.unwrap_or(0),
        )
    })
}

/// The NAT gateway id named by an ENI's description ("Interface for NAT Gateway nat-...").
fn nat_id_in_description(eni: &RawEni) -> Option<&str> {
    eni.description
        .as_deref()?
        .strip_prefix("Interface for NAT Gateway ")
        .map(str::trim)
        .filter(|id| !id.is_empty())
}

/// Whether an ENI belongs to a NAT gateway.
fn is_nat_eni(eni: &RawEni) -> bool {
    eni.interface_type.as_deref() == Some("nat_gateway") || nat_id_in_description(eni).is_some()
}

/// NAT gateways that exist (not deleted or failed), each with its primary address's interface.
/// An ENI of a NAT gateway that describe-nat-gateways does not list yields a NAT gateway too.
pub(crate) fn nat_gateways(inputs: &Inputs, warnings: &mut Notes) -> Vec<NatGateway> {
    let enis: BTreeMap<&str, &RawEni> = inputs
        .network_interfaces
        .iter()
        .map(|l| (l.item.network_interface_id.as_str(), &l.item))
        .collect();
    let mut out = Vec::new();
    let mut listed = BTreeSet::new();
    for loc in unique(&inputs.nat_gateways, |n| &n.nat_gateway_id, warnings) {
        let n = &loc.item;
        listed.insert(n.nat_gateway_id.as_str());
        let state = n.state.as_deref().unwrap_or("available");
        if matches!(state, "deleting" | "deleted" | "failed") {
            continue;
        }
        let private = n
            .connectivity_type
            .as_deref()
            .is_some_and(|c| c.eq_ignore_ascii_case("private"));
        let address = n
            .nat_gateway_addresses
            .iter()
            .find(|a| a.is_primary == Some(true))
            .or_else(|| n.nat_gateway_addresses.first());
        let eni_id = address.and_then(|a| a.network_interface_id.as_deref());
        let eni = eni_id.and_then(|id| enis.get(id)).copied();
        let private_ip = address
            .and_then(|a| a.private_ip)
            .map(|ip| ip.0)
            .or_else(|| eni.and_then(|e| e.private_ip_address).map(|ip| ip.0));
        let Some(private_ip) = private_ip else {
            warnings.ignored(format!(
                "{}: skipped {}: its private address is unknown",
                loc.place(),
                n.nat_gateway_id
            ));
            continue;
        };
        let public_ip = address
            .and_then(|a| a.public_ip)
            .or_else(|| eni.and_then(|e| e.association.as_ref()?.public_ip))
            .map(|ip| ip.0);
        out.push(NatGateway {
            id: n.nat_gateway_id.clone(),
            name: display_name(&n.tags, &n.nat_gateway_id),
            connectivity: if private {
                Connectivity::Private
            } else {
                Connectivity::Public
            },
            interface: Interface {
                ipv6_addresses: eni.map(RawEni::ipv6).unwrap_or_default(),
                id: eni_id.map_or_else(|| format!("{}-eni", n.nat_gateway_id), str::to_string),
                subnet: n.subnet_id.clone(),
                private_ip,
                public_ip,
                elastic_ip: public_ip.is_some(),
                security_groups: Vec::new(),
                source_dest_check: false,
            },
        });
    }
    // NAT gateways seen only through their network interface.
    for loc in &inputs.network_interfaces {
        let eni = &loc.item;
        if !is_nat_eni(eni)
            || out
                .iter()
                .any(|n| n.interface.id == eni.network_interface_id)
        {
            continue;
        }
        let id = nat_id_in_description(eni).map_or_else(
            || format!("nat-of-{}", eni.network_interface_id),
            str::to_string,
        );
        if listed.contains(id.as_str()) || out.iter().any(|n| n.id == id) {
            continue;
        }
        let Some(mut iface) = interface(eni) else {
            continue;
        };
        iface.elastic_ip = iface.public_ip.is_some();
        iface.security_groups.clear();
        iface.source_dest_check = false;
        warnings.inferred(format!(
            "{}: {id} is known only from its network interface {}",
            loc.place(),
            eni.network_interface_id
        ));
        out.push(NatGateway {
            name: id.clone(),
            id,
            connectivity: if iface.public_ip.is_some() {
                Connectivity::Public
            } else {
                Connectivity::Private
            },
            interface: iface,
        });
    }
    out
}

/// An instance being assembled: its interfaces keyed by attachment slot.
pub(crate) struct Pending {
    pub(crate) instance: Instance,
    slots: Vec<(u32, u32)>,
}

impl Pending {
    pub(crate) fn new(id: &str, name: String, os: Os) -> Self {
        Pending {
            instance: Instance {
                id: id.to_string(),
                name,
                role: Role::Generic,
                os,
                interfaces: Vec::new(),
                listens: Listening::Any,
                upstreams: Vec::new(),
                stopped: false,
                stateful: false,
            },
            slots: Vec::new(),
        }
    }

    /// Adds an interface, or replaces the one with the same id.
    pub(crate) fn put(&mut self, iface: Interface, slot: (u32, u32)) {
        match self
            .instance
            .interfaces
            .iter()
            .position(|i| i.id == iface.id)
        {
            Some(at) => {
                self.instance.interfaces[at] = iface;
                if slot.0 != u32::MAX {
                    self.slots[at] = slot;
                }
            }
            None => {
                self.instance.interfaces.push(iface);
                self.slots.push(slot);
            }
        }
    }

    /// The instance with its interfaces in device-index order, the primary first.
    fn finish(self) -> Instance {
        let mut pairs: Vec<_> = self
            .slots
            .into_iter()
            .zip(self.instance.interfaces)
            .collect();
        crate::sorting::sort_by_key(&mut pairs, |(slot, _)| *slot);
        Instance {
            interfaces: pairs.into_iter().map(|(_, i)| i).collect(),
            ..self.instance
        }
    }
}

/// Instances, plus the nodes made of network interfaces that belong to no instance.
pub(crate) struct Hosts {
    /// EC2 instances, and hosts for the interfaces of other services (RDS, ElastiCache, ...).
    pub instances: Vec<Instance>,
    /// The nodes of the load balancers the output describes, by load balancer key.
    pub lb_nodes: BTreeMap<String, Vec<Interface>>,
    /// The interfaces of RDS and ElastiCache nodes, for their databases.
    pub services: Vec<ServiceEni>,
}

/// Instances from describe-instances, completed and overridden by describe-network-interfaces;
/// interfaces of no instance become databases or generic hosts (see the module docs of `aws`).
pub(crate) fn hosts(inputs: &Inputs, nats: &[NatGateway], warnings: &mut Notes) -> Hosts {
    let balancers = super::elb::keys(inputs);
    let mut lb_nodes: BTreeMap<String, Vec<Interface>> = BTreeMap::new();
    let mut pending: Vec<Pending> = Vec::new();
    let mut gone = BTreeSet::new();
    for loc in unique(&inputs.instances, |i| &i.instance_id, warnings) {
        let i = &loc.item;
        let state = i.state.as_ref().and_then(|s| s.name.as_deref());
        if matches!(state, Some("terminated" | "shutting-down")) {
            gone.insert(i.instance_id.as_str());
            continue;
        }
        let os = match i.platform.as_deref() {
            Some(p) if p.eq_ignore_ascii_case("windows") => Os::Windows,
            _ => Os::Linux,
        };
        let mut p = Pending::new(&i.instance_id, display_name(&i.tags, &i.instance_id), os);
        p.instance.stopped = matches!(state, Some("stopped" | "stopping" | "pending"));
        for (k, eni) in i.network_interfaces.iter().enumerate() {
            match interface(eni) {
                Some(iface) => p.put(iface, slot(eni)),
                None => no_ipv4(warnings, loc, &format!(".NetworkInterfaces[{k}]"), eni),
            }
        }
        pending.push(p);
    }

    let nat_enis: BTreeSet<&str> = nats.iter().map(|n| n.interface.id.as_str()).collect();
    let mut others = Vec::new();
    let mut services = Vec::new();
    for loc in unique(
        &inputs.network_interfaces,
        |e| &e.network_interface_id,
        warnings,
    ) {
        let eni = &loc.item;
        if nat_enis.contains(eni.network_interface_id.as_str())
            || is_nat_eni(eni)
            || super::gwlb::is_endpoint_eni(eni)
        {
            continue;
        }
        let owner = eni
            .attachment
            .as_ref()
            .and_then(|a| a.instance_id.as_deref());
        if owner.is_some_and(|i| gone.contains(i)) {
            continue;
        }
        let Some(iface) = interface(eni) else {
            no_ipv4(warnings, loc, "", eni);
            continue;
        };
        if let Some(owner) = owner {
            let at = match pending.iter().position(|p| p.instance.id == owner) {
                Some(at) => at,
                None => {
                    warnings.inferred(format!(
                        "{}: instance {owner} is known only from its network interfaces; it is imported as a generic Linux host",
                        loc.place()
                    ));
                    pending.push(Pending::new(owner, owner.to_string(), Os::Linux));
                    pending.len() - 1
                }
            };
            pending[at].put(iface, slot(eni));
            continue;
        }
        if let Some(key) = super::elb::node_key(eni).filter(|k| balancers.contains(*k)) {
            lb_nodes.entry(key.to_string()).or_default().push(iface);
            continue;
        }
        match service_of(eni) {
            Service::TransitGateway => warnings.ignored(format!(
                "{}: skipped {}: a transit gateway attachment's interface is not a host",
                loc.place(),
                eni.network_interface_id
            )),
            Service::Database(engine, service) => services.push(ServiceEni {
                place: loc.place(),
                description: eni.description.clone().unwrap_or_default(),
                name: display_name(&eni.tags, &eni.network_interface_id),
                engine,
                service,
                iface,
                slot: slot(eni),
            }),
            Service::Other if super::endpoints::is_interface_endpoint_eni(eni) => {
                let found = (eni, iface, slot(eni));
                super::endpoints::add_interface_endpoint_eni(
                    inputs,
                    found,
                    &loc.place(),
                    &mut others,
                    warnings,
                );
            }
            Service::Other => {
                if let Some(what) = eni.description.as_deref().filter(|d| !d.is_empty()) {
                    warnings.inferred(format!(
                        "{}: {} ({what}) belongs to no instance; imported as a generic host that listens on every port",
                        loc.place(),
                        eni.network_interface_id
                    ));
                }
                let mut p = Pending::new(
                    &format!("{}-host", eni.network_interface_id),
                    display_name(&eni.tags, &eni.network_interface_id),
                    Os::Linux,
                );
                p.put(iface, slot(eni));
                others.push(p);
            }
        }
    }

    let mut instances = Vec::new();
    for p in pending.into_iter().chain(others) {
        if p.instance.interfaces.is_empty() {
            warnings.ignored(format!(
                "skipped instance {}: it has no network interface with an IPv4 address",
                p.instance.id
            ));
            continue;
        }
        instances.push(p.finish());
    }
    Hosts {
        instances,
        lb_nodes,
        services,
    }
}

/// The interface of an RDS or ElastiCache node, for [`super::data`] to give to its database.
pub(crate) struct ServiceEni {
    /// Where it was read: `file: NetworkInterfaces[i]`.
    pub place: String,
    /// Its description (`ElastiCache <cluster id>`, `RDSNetworkInterface`).
    pub description: String,
    /// Its `Name` tag, else its id.
    pub name: String,
    /// The engine assumed when no describe output of the service claims it.
    pub engine: Engine,
    /// `RDS` or `ElastiCache`.
    pub service: &'static str,
    /// The interface.
    pub iface: Interface,
    slot: (u32, u32),
}

impl ServiceEni {
    /// A host for an interface that no database of the describe output claims: it listens on
    /// every port, since the interface alone names neither engine nor port.
    pub fn into_host(self, warnings: &mut Notes) -> Instance {
        warnings.inferred(format!(
            "{}: {} is an {} interface; imported as a host that listens on every port (add `aws {}` to know its engine and port)",
            self.place,
            self.iface.id,
            self.service,
            if self.engine.is_cache() {
                "elasticache describe-cache-clusters --show-cache-node-info"
            } else {
                "rds describe-db-instances"
            },
        ));
        let mut p = Pending::new(
            &format!("{}-{}", self.iface.id, engine_suffix(self.engine)),
            format!("{} {}", self.service, self.name),
            Os::Linux,
        );
        p.put(self.iface, self.slot);
        p.finish()
    }
}

fn no_ipv4<T>(warnings: &mut Notes, loc: &Located<T>, below: &str, eni: &RawEni) {
    warnings.ignored(format!(
        "{}{below}: skipped {}: it has no private IPv4 address",
        loc.place(),
        eni.network_interface_id
    ));
}

/// What kind of AWS service owns an interface that is attached to no instance.
enum Service {
    /// A transit gateway attachment.
    TransitGateway,
    /// RDS or ElastiCache, with the engine guessed and the service's name.
    Database(Engine, &'static str),
    /// Anything else: load balancer nodes, endpoints, Lambda, detached interfaces.
    Other,
}

fn service_of(eni: &RawEni) -> Service {
    let description = eni.description.as_deref().unwrap_or_default();
    let requester = eni.requester_id.as_deref().unwrap_or_default();
    if eni.interface_type.as_deref() == Some("transit_gateway") {
        Service::TransitGateway
    } else if description == "RDSNetworkInterface" || requester == "amazon-rds" {
        Service::Database(Engine::Mysql, "RDS")
    } else if description.starts_with("ElastiCache") || requester == "amazon-elasticache" {
        Service::Database(Engine::Redis, "ElastiCache")
    } else {
        Service::Other
    }
}

fn engine_suffix(engine: Engine) -> &'static str {
    if engine.is_cache() {
        "cache"
    } else {
        "db"
    }
}

/// Internet gateways, with the VPC they are attached to.
pub(crate) fn internet_gateways(inputs: &Inputs, warnings: &mut Notes) -> Vec<InternetGateway> {
    unique(
        &inputs.internet_gateways,
        |g| &g.internet_gateway_id,
        warnings,
    )
    .into_iter()
    .map(|loc| {
        let g = &loc.item;
        InternetGateway {
            id: g.internet_gateway_id.clone(),
            name: display_name(&g.tags, &g.internet_gateway_id),
            vpc: g
                .attachments
                .iter()
                .find(|a| matches!(a.state.as_deref(), None | Some("available" | "attached")))
                .map(|a| a.vpc_id.clone()),
        }
    })
    .collect()
}

/// Stands in for the internet gateways that routes name but the output lacks (a partial dump, or
/// one taken account by account): each becomes an internet gateway of its route table's VPC,
/// with a warning. A VPC has at most one, so a route to another gateway of a VPC that has one
/// already is a blackhole, as AWS shows a route to a gateway that is not attached.
pub(crate) fn infer_internet_gateways(
    gateways: &mut Vec<InternetGateway>,
    route_tables: &mut [RouteTable],
    warnings: &mut Notes,
) {
    for table in route_tables.iter_mut() {
        for route in &mut table.routes {
            let RouteTarget::InternetGateway(id) = &route.target else {
                continue;
            };
            if gateways.iter().any(|g| &g.id == id) {
                continue;
            }
            let attached = gateways.iter().find(|g| g.vpc.as_ref() == Some(&table.vpc));
            match attached {
                None => {
                    warnings.inferred(format!(
                        "route table {} routes to internet gateway {id}, which the describe output lacks; it is taken to be {}'s internet gateway (add the output of `aws ec2 describe-internet-gateways` to name it)",
                        table.id, table.vpc
                    ));
                    gateways.push(InternetGateway {
                        id: id.clone(),
                        name: id.clone(),
                        vpc: Some(table.vpc.clone()),
                    });
                }
                Some(g) => {
                    warnings.inferred(format!(
                        "route table {} routes to internet gateway {id}, which the describe output lacks, while {} has {} attached: the route is taken to be a blackhole",
                        table.id, table.vpc, g.id
                    ));
                    route.state = RouteState::Blackhole;
                }
            }
        }
    }
}

/// Egress-only internet gateways attached to a VPC; one attached to none is left out, with a
/// warning (it carries nothing).
pub(crate) fn egress_only_gateways(
    inputs: &Inputs,
    warnings: &mut Notes,
) -> Vec<EgressOnlyInternetGateway> {
    let mut out = Vec::new();
    let all = &inputs.egress_only_gateways;
    for loc in unique(all, |g| &g.egress_only_internet_gateway_id, warnings) {
        let g = &loc.item;
        let id = &g.egress_only_internet_gateway_id;
        let attached = (g.attachments.iter())
            .find(|a| matches!(a.state.as_deref(), None | Some("available" | "attached")));
        let Some(attachment) = attached else {
            warnings.ignored(format!(
                "{}: skipped {id}: it is attached to no VPC",
                loc.place()
            ));
            continue;
        };
        out.push(EgressOnlyInternetGateway {
            id: id.clone(),
            name: display_name(&g.tags, id),
            vpc: attachment.vpc_id.clone(),
        });
    }
    out
}

/// Stands in for the egress-only internet gateways that routes name but the output lacks: each
/// becomes an egress-only gateway of its route table's VPC, with a warning.
pub(crate) fn infer_egress_only_gateways(
    gateways: &mut Vec<EgressOnlyInternetGateway>,
    route_tables: &[RouteTable],
    warnings: &mut Notes,
) {
    for table in route_tables {
        for route in &table.routes {
            let RouteTarget::EgressOnlyInternetGateway(id) = &route.target else {
                continue;
            };
            if gateways.iter().any(|g| &g.id == id) {
                continue;
            }
            warnings.inferred(format!(
                "route table {} routes to egress-only internet gateway {id}, which the describe output lacks; it is taken to be {}'s egress-only internet gateway (add the output of `aws ec2 describe-egress-only-internet-gateways` to name it)",
                table.id, table.vpc
            ));
            gateways.push(EgressOnlyInternetGateway {
                id: id.clone(),
                name: id.clone(),
                vpc: table.vpc.clone(),
            });
        }
    }
}

/// Peering connections that exist or are pending; deleted, rejected, failed and expired ones are
/// left out.
pub(crate) fn peerings(inputs: &Inputs, vpcs: &[Vpc], warnings: &mut Notes) -> Vec<Peering> {
    let mut out = Vec::new();
    for loc in unique(&inputs.peerings, |p| &p.vpc_peering_connection_id, warnings) {
        let p = &loc.item;
        let code = p.status.as_ref().and_then(|s| s.code.as_deref());
        if matches!(
            code,
            Some("deleted" | "deleting" | "rejected" | "failed" | "expired")
        ) {
            continue;
        }
        let (requester, accepter) = (&p.requester_vpc_info.vpc_id, &p.accepter_vpc_info.vpc_id);
        for side in [requester, accepter] {
            if !vpcs.iter().any(|v| &v.id == side) {
                warnings.inferred(format!(
                    "{}: {} leads to {side}, which is not in the imported VPCs",
                    loc.place(),
                    p.vpc_peering_connection_id
                ));
            }
        }
        out.push(Peering {
            id: p.vpc_peering_connection_id.clone(),
            name: display_name(&p.tags, &p.vpc_peering_connection_id),
            requester: requester.clone(),
            accepter: accepter.clone(),
            active: code.is_none_or(|c| c == "active"),
        });
    }
    out
}

/// Gives forwarding roles to instances AWS output shows forwarding: an instance whose primary
/// interface has source/destination check off is an appliance; if it also has a public address
/// and a route sends `0.0.0.0/0` to it, it is a NAT instance (it masquerades what it forwards).
pub(crate) fn infer_forwarders(
    instances: &mut [Instance],
    route_tables: &[RouteTable],
    warnings: &mut Notes,
) {
    let default_route_targets: BTreeSet<&str> = route_tables
        .iter()
        .flat_map(|t| &t.routes)
        .filter(|r| r.destination == Destination::Cidr(ipnet::IpNet::V4(Ipv4Net::default())))
        .filter_map(|r| match &r.target {
            RouteTarget::Instance(id) | RouteTarget::NetworkInterface(id) => Some(id.as_str()),
            _ => None,
        })
        .collect();
    for inst in instances.iter_mut() {
        let Some(primary) = inst.interfaces.first() else {
            continue;
        };
        if primary.source_dest_check || inst.role != Role::Generic {
            continue;
        }
        let targeted = default_route_targets.contains(inst.id.as_str())
            || inst
                .interfaces
                .iter()
                .any(|i| default_route_targets.contains(i.id.as_str()));
        inst.role = if targeted && primary.public_ip.is_some() {
            warnings.inferred(format!(
                "{} has source/destination check off, a public address, and a 0.0.0.0/0 route to it: imported as a NAT instance",
                inst.id
            ));
            Role::NatInstance
        } else {
            Role::Appliance
        };
    }
}
