//! Interface endpoints (AWS PrivateLink): each becomes an instance with role interface-endpoint,
//! named after the endpoint's service, with one interface per network interface of the endpoint,
//! that accepts what the service listens on, with the endpoint's security groups. Endpoint
//! policies and private DNS are not modelled.

use super::network::display_name;
use super::nodes::Pending;
use super::raw::RawEni;
use super::read::Inputs;
use super::report::Notes;
use crate::model::{Interface, Listener, Listening, Os, Role};

/// Whether describe-network-interfaces shows `eni` as an interface endpoint's.
pub(crate) fn is_interface_endpoint_eni(eni: &RawEni) -> bool {
    eni.interface_type.as_deref() == Some("vpc_endpoint")
}

/// What an AWS service answers on behind its interface endpoint: HTTPS, or SES's SMTP ports;
/// `None` for an endpoint service of another account (its load balancer's listeners decide).
fn service_ports(service: &str) -> Option<Vec<u16>> {
    if service.starts_with("com.amazonaws.vpce.") || service.is_empty() {
        return None;
    }
    Some(match service.rsplit('.').next() {
        Some("email-smtp") => vec![25, 465, 587, 2465, 2587],
        _ => vec![443],
    })
}

/// Adds interface endpoint interface `eni` (read at `place`, its interface `iface` at `slot`) to
/// the interface endpoint it belongs to in `hosts`: one instance with role interface-endpoint per
/// endpoint describe-vpc-endpoints lists (its id the endpoint's, named after it and its service),
/// or one per interface when the endpoint is not listed.
pub(crate) fn add_interface_endpoint_eni(
    inputs: &Inputs,
    (eni, iface, slot): (&RawEni, Interface, (u32, u32)),
    place: &str,
    hosts: &mut Vec<Pending>,
    notes: &mut Notes,
) {
    let id = &eni.network_interface_id;
    let endpoint =
        (inputs.endpoints.iter().map(|l| &l.item)).find(|e| e.network_interface_ids.contains(id));
    let key = endpoint.map_or_else(|| format!("{id}-host"), |e| e.vpc_endpoint_id.clone());
    if let Some(p) = hosts.iter_mut().find(|p| p.instance.id == key) {
        p.put(iface, slot);
        return;
    }
    let service = endpoint
        .and_then(|e| e.service_name.as_deref())
        .unwrap_or_default();
    let name = match endpoint {
        Some(e) => {
            let short = service.rsplit('.').next().filter(|s| !s.is_empty());
            display_name(
                &e.tags,
                &format!("{} {}", e.vpc_endpoint_id, short.unwrap_or("")),
            )
            .trim_end()
            .to_string()
        }
        None => display_name(&eni.tags, id),
    };
    let mut p = Pending::new(&key, name, Os::Linux);
    p.instance.role = Role::InterfaceEndpoint;
    let what = match endpoint {
        Some(e) => format!(
            "interface endpoint {} ({service}), with its other interfaces,",
            e.vpc_endpoint_id
        ),
        None => "an interface endpoint".to_string(),
    };
    match service_ports(service) {
        Some(ports) => {
            let list: Vec<String> = ports.iter().map(|p| format!("tcp/{p}")).collect();
            notes.inferred(format!(
                "{place}: {id} is imported as {what} that accepts {} only, as the service does (its policy is not modelled)",
                list.join(", ")
            ));
            p.instance.listens = Listening::Ports(ports.into_iter().map(Listener::tcp).collect());
        }
        None => notes.inferred(format!(
            "{place}: {id} is imported as {what} whose service is not known (add describe-vpc-endpoints; an endpoint service's ports are its load balancer's); it listens on every port"
        )),
    }
    p.put(iface, slot);
    hosts.push(p);
}
