//! Interface endpoints (AWS PrivateLink): their interfaces become hosts named after the
//! endpoint's service that accept what the service listens on, with the endpoint's security
//! groups. Endpoint policies and private DNS are not modelled.

use super::network::display_name;
use super::nodes::Pending;
use super::raw::RawEni;
use super::read::Inputs;
use super::report::Notes;
use crate::model::{Listener, Listening, Os};

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

/// The host standing for interface endpoint interface `eni` (read at `place`), named after its
/// endpoint as describe-vpc-endpoints lists it.
pub(crate) fn interface_endpoint_host(
    inputs: &Inputs,
    eni: &RawEni,
    place: &str,
    notes: &mut Notes,
) -> Pending {
    let id = &eni.network_interface_id;
    let endpoint =
        (inputs.endpoints.iter().map(|l| &l.item)).find(|e| e.network_interface_ids.contains(id));
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
    let mut p = Pending::new(&format!("{id}-host"), name, Os::Linux);
    match service_ports(service) {
        Some(ports) => {
            let list: Vec<String> = ports.iter().map(|p| format!("tcp/{p}")).collect();
            notes.inferred(format!(
                "{place}: {id} is interface endpoint {}'s ({service}); imported as a host that accepts {} only, as the service does (its policy is not modelled)",
                endpoint.map_or("", |e| e.vpc_endpoint_id.as_str()),
                list.join(", ")
            ));
            p.instance.listens = Listening::Ports(ports.into_iter().map(Listener::tcp).collect());
        }
        None => notes.inferred(format!(
            "{place}: {id} is an interface endpoint's whose service is not known (add describe-vpc-endpoints; an endpoint service's ports are its load balancer's); imported as a host that listens on every port"
        )),
    }
    p
}
