//! Gateway Load Balancer endpoints: from describe-vpc-endpoints (type `GatewayLoadBalancer`),
//! each with its interface from describe-network-interfaces, and from interfaces of that type
//! whose endpoint the output lacks; then the routes that name them.

use super::network::{display_name, endpoint_gone};
use super::raw::RawEni;
use super::read::{unique, Inputs};
use super::report::Notes;
use crate::edit::alloc::next_private_ip;
use crate::model::*;

/// `InterfaceType` of a Gateway Load Balancer endpoint's interface.
const ENI_TYPE: &str = "gateway_load_balancer_endpoint";

/// Whether describe-network-interfaces shows `eni` as a Gateway Load Balancer endpoint's.
pub(crate) fn is_endpoint_eni(eni: &RawEni) -> bool {
    eni.interface_type.as_deref() == Some(ENI_TYPE)
}

/// The endpoint an interface's description names (`VPC Endpoint Interface vpce-0abc`).
fn named_endpoint(eni: &RawEni) -> Option<&str> {
    (eni.description.as_deref()?.split_whitespace()).find(|w| w.starts_with("vpce-"))
}

/// An endpoint's interface: no public address and no security groups (AWS gives it none).
fn bare_interface(id: Id, subnet: Id, private_ip: std::net::Ipv4Addr) -> Interface {
    Interface {
        ipv6_addresses: Vec::new(),
        id,
        subnet,
        private_ip,
        public_ip: None,
        elastic_ip: false,
        security_groups: Vec::new(),
        source_dest_check: true,
    }
}

/// The interface describe-network-interfaces gives an endpoint, if it has an IPv4 address.
fn endpoint_interface(eni: &RawEni) -> Option<Interface> {
    let ip = eni.private_ip_address?.0;
    let mut interface = bare_interface(eni.network_interface_id.clone(), eni.subnet_id.clone(), ip);
    interface.ipv6_addresses = eni.ipv6();
    Some(interface)
}

/// Adds the Gateway Load Balancer endpoints of the output to `s` (whose subnets are imported),
/// and points the routes to them at them.
pub(crate) fn gwlb_endpoints(inputs: &Inputs, s: &mut Scenario, notes: &mut Notes) {
    let enis: Vec<&RawEni> = (inputs.network_interfaces.iter())
        .map(|l| &l.item)
        .filter(|e| is_endpoint_eni(e))
        .collect();
    for loc in unique(&inputs.endpoints, |e| &e.vpc_endpoint_id, notes) {
        let e = &loc.item;
        let gwlb = (e.vpc_endpoint_type.as_deref())
            .is_some_and(|t| t.eq_ignore_ascii_case("GatewayLoadBalancer"));
        if !gwlb || endpoint_gone(e.state.as_deref()) {
            continue;
        }
        let id = &e.vpc_endpoint_id;
        let eni = (e.network_interface_ids.iter())
            .find_map(|n| enis.iter().find(|x| x.network_interface_id == *n))
            .or_else(|| enis.iter().find(|x| named_endpoint(x) == Some(id)));
        let interface = match eni.and_then(|n| endpoint_interface(n)) {
            Some(i) => i,
            None => {
                let subnet = (e.subnet_ids.iter()).find(|n| s.subnets.iter().any(|x| x.id == **n));
                let Some((subnet, ip)) =
                    subnet.and_then(|n| next_private_ip(s, n).map(|ip| (n.clone(), ip)))
                else {
                    notes.ignored(format!(
                        "{}: skipped {id}: neither its network interface nor its subnet is in the output (add describe-network-interfaces and describe-subnets)",
                        loc.place()
                    ));
                    continue;
                };
                notes.inferred(format!(
                    "{}: {id}: its network interface is not in the output (add describe-network-interfaces); it is given the stand-in address {ip} in {subnet}",
                    loc.place()
                ));
                let eni_id = (e.network_interface_ids.first().cloned())
                    .unwrap_or_else(|| format!("{id}-eni"));
                bare_interface(eni_id, subnet, ip)
            }
        };
        s.gwlb_endpoints.push(GwlbEndpoint {
            id: id.clone(),
            name: display_name(&e.tags, id),
            interface,
        });
    }
    for loc in &inputs.network_interfaces {
        let eni = &loc.item;
        let claimed = |s: &Scenario| {
            (s.gwlb_endpoints.iter()).any(|g| g.interface.id == eni.network_interface_id)
        };
        if !is_endpoint_eni(eni) || claimed(s) {
            continue;
        }
        let Some(interface) = endpoint_interface(eni) else {
            continue;
        };
        let id = named_endpoint(eni).unwrap_or(&eni.network_interface_id);
        if s.gwlb_endpoints.iter().any(|g| g.id == id) {
            continue;
        }
        notes.inferred(format!(
            "{}: {} belongs to Gateway Load Balancer endpoint {id}, which the output of describe-vpc-endpoints does not list; the endpoint is imported from its interface",
            loc.place(),
            eni.network_interface_id
        ));
        s.gwlb_endpoints.push(GwlbEndpoint {
            id: id.to_string(),
            name: id.to_string(),
            interface,
        });
    }
    retarget(s, notes);
}

/// Routes read as going to a `vpce-` gateway: those naming a Gateway Load Balancer endpoint go
/// to it; one with a CIDR destination naming no known endpoint (a gateway endpoint takes only
/// its prefix list) is one the output lacks, and a gateway route table keeps only the former.
fn retarget(s: &mut Scenario, notes: &mut Notes) {
    let gwlb: Vec<Id> = s.gwlb_endpoints.iter().map(|g| g.id.clone()).collect();
    let gateway: Vec<Id> = s.gateway_endpoints.iter().map(|g| g.id.clone()).collect();
    for t in &mut s.route_tables {
        let edge = !t.gateways.is_empty();
        let table = t.id.clone();
        t.routes.retain_mut(|r| {
            let RouteTarget::GatewayEndpoint(id) = &r.target else {
                return true;
            };
            if gwlb.contains(id) {
                r.target = RouteTarget::GwlbEndpoint(id.clone());
                return true;
            }
            let lacking = matches!(r.destination, Destination::Cidr(_)) && !gateway.contains(id);
            if lacking {
                notes.ignored(format!(
                    "route table {table}: skipped the route to {id}, a Gateway Load Balancer endpoint the output lacks (add describe-vpc-endpoints and describe-network-interfaces)"
                ));
            } else if edge {
                notes.ignored(format!(
                    "gateway route table {table}: skipped the route to {id}, a target the playground does not model in a gateway route table"
                ));
            }
            !lacking && !edge
        });
    }
}
