//! Listeners and target groups added to a load balancer the way the AWS console offers them:
//! the usual port of each protocol first, a target group named after its load balancer.

use super::alloc::fresh_id;
use crate::model::{LbListener, LbProtocol, Scenario, TargetGroup};

/// The port a protocol is usually served on: 443 for HTTPS, 80 otherwise.
pub fn usual_port(p: LbProtocol) -> u16 {
    match p {
        LbProtocol::Https => 443,
        _ => 80,
    }
}

/// The listener to add next, forwarding to `target_group`: HTTP 80, then HTTPS 443, then HTTP on
/// the first free port from 8080.
pub fn next_listener(listeners: &[LbListener], target_group: String) -> LbListener {
    let taken = |p: u16| listeners.iter().any(|l| l.port == p);
    let (protocol, port) = if !taken(80) {
        (LbProtocol::Http, 80)
    } else if !taken(443) {
        (LbProtocol::Https, 443)
    } else {
        let port = (8080..=u16::MAX).find(|p| !taken(*p)).unwrap_or(8080);
        (LbProtocol::Http, port)
    };
    LbListener {
        protocol,
        port,
        target_group,
    }
}

/// Sets the protocol of a listener; its port follows while it is the old protocol's usual one
/// (HTTP 80 becomes HTTPS 443), as the console does.
pub fn set_listener_protocol(l: &mut LbListener, protocol: LbProtocol) {
    if l.port == usual_port(l.protocol) {
        l.port = usual_port(protocol);
    }
    l.protocol = protocol;
}

/// A new, empty HTTP target group on port 80 for load balancer `lb` (an index into `s`), named
/// after it (`alb-1-tg`, `alb-1-tg-2`...), with a fresh id. `None` if there is no such load
/// balancer.
pub fn new_target_group(s: &Scenario, lb: usize) -> Option<TargetGroup> {
    let balancer = s.load_balancers.get(lb)?;
    let taken = |name: &str| balancer.target_groups.iter().any(|g| g.name == name);
    let base = format!("{}-tg", balancer.name);
    let name = std::iter::once(base.clone())
        .chain((2..).map(|n| format!("{base}-{n}")))
        .find(|n| !taken(n))
        .unwrap_or(base);
    Some(TargetGroup {
        id: fresh_id(s, &format!("{}-tg", balancer.id)),
        name,
        protocol: LbProtocol::Http,
        port: 80,
        health_check_port: None,
        health_check_path: None,
        preserve_client_ip: None,
        targets: Vec::new(),
    })
}

/// Adds the next listener ([`next_listener`]) to load balancer `lb`, creating a target group for
/// it when the load balancer has none. Returns whether `lb` exists.
pub fn add_listener(s: &mut Scenario, lb: usize) -> bool {
    if lb >= s.load_balancers.len() {
        return false;
    }
    if s.load_balancers[lb].target_groups.is_empty() {
        if let Some(g) = new_target_group(s, lb) {
            s.load_balancers[lb].target_groups.push(g);
        }
    }
    let balancer = &mut s.load_balancers[lb];
    let l = next_listener(&balancer.listeners, balancer.target_groups[0].id.clone());
    balancer.listeners.push(l);
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::templates;

    fn listener(protocol: LbProtocol, port: u16) -> LbListener {
        LbListener {
            protocol,
            port,
            target_group: "tg".into(),
        }
    }

    #[test]
    fn next_listener_takes_80_then_443_then_a_free_port() {
        assert_eq!(next_listener(&[], "tg".into()).port, 80);
        let l = next_listener(&[listener(LbProtocol::Http, 80)], "tg".into());
        assert_eq!((l.protocol, l.port), (LbProtocol::Https, 443));
        let all = [
            listener(LbProtocol::Http, 80),
            listener(LbProtocol::Https, 443),
            listener(LbProtocol::Http, 8080),
        ];
        let l = next_listener(&all, "tg".into());
        assert_eq!((l.protocol, l.port), (LbProtocol::Http, 8081));
    }

    #[test]
    fn the_port_follows_the_protocol_only_while_it_is_the_usual_one() {
        let mut l = listener(LbProtocol::Http, 80);
        set_listener_protocol(&mut l, LbProtocol::Https);
        assert_eq!(l.port, 443);
        let mut l = listener(LbProtocol::Http, 8080);
        set_listener_protocol(&mut l, LbProtocol::Https);
        assert_eq!((l.protocol, l.port), (LbProtocol::Https, 8080));
    }

    #[test]
    fn a_load_balancer_without_groups_gets_one_with_its_first_listener() {
        let mut s = templates::get("small-service").unwrap().scenario();
        let lb = 0;
        s.load_balancers[lb].listeners.clear();
        s.load_balancers[lb].target_groups.clear();
        assert!(add_listener(&mut s, lb));
        let b = &s.load_balancers[lb];
        assert_eq!(b.target_groups.len(), 1);
        assert_eq!(b.target_groups[0].name, format!("{}-tg", b.name));
        assert_eq!(b.listeners[0].target_group, b.target_groups[0].id);
        assert!(crate::scenario::validate(&s).iter().all(|p| !p.is_error()));
        let second = new_target_group(&s, lb).unwrap();
        assert_eq!(second.name, format!("{}-tg-2", b.name));
        assert_ne!(second.id, b.target_groups[0].id);
        assert!(!add_listener(&mut s, 9));
    }
}
