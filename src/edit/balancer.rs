//! Listeners and target groups added to a load balancer the way the AWS console offers them:
//! the usual port of each protocol first, a target group named after its load balancer.

use super::alloc::fresh_id;
use crate::model::{LbKind, LbListener, LbProtocol, Scenario, TargetGroup};

/// The port a protocol is usually served on: 443 for HTTPS and TLS, 80 otherwise.
pub fn usual_port(p: LbProtocol) -> u16 {
    match p {
        LbProtocol::Https | LbProtocol::Tls => 443,
        _ => 80,
    }
}

/// The protocol of `kind` that stands for `p`: HTTP and TCP, HTTPS and TLS stand for each other;
/// UDP becomes HTTP.
fn counterpart(p: LbProtocol, kind: LbKind) -> LbProtocol {
    use LbProtocol::*;
    match (kind, p) {
        (LbKind::Application, Https | Tls) => Https,
        (LbKind::Application, _) => Http,
        (LbKind::Network, Https | Tls) => Tls,
        (LbKind::Network, Http) => Tcp,
        (LbKind::Network, p) => p,
    }
}

/// Makes load balancer `lb` (an index into `s`) an application or a network load balancer, its
/// listeners' and target groups' protocols turned into the new kind's (HTTP into TCP, HTTPS into
/// TLS and back). Returns whether `lb` exists.
pub fn set_kind(s: &mut Scenario, lb: usize, kind: LbKind) -> bool {
    let Some(b) = s.load_balancers.get_mut(lb) else {
        return false;
    };
    b.kind = kind;
    for l in &mut b.listeners {
        l.protocol = counterpart(l.protocol, kind);
    }
    for g in &mut b.target_groups {
        g.protocol = counterpart(g.protocol, kind);
        if kind == LbKind::Application {
            g.preserve_client_ip = None;
        }
    }
    true
}

/// The listener to add next to a load balancer of `kind`, forwarding to `target_group`: HTTP 80,
/// then HTTPS 443, then HTTP on the first free port from 8080 (TCP and TLS for a network load
/// balancer).
pub fn next_listener(listeners: &[LbListener], kind: LbKind, target_group: String) -> LbListener {
    let taken = |p: u16| listeners.iter().any(|l| l.port == p);
    let [plain, secure] = [LbProtocol::Http, LbProtocol::Https].map(|p| counterpart(p, kind));
    let (protocol, port) = if !taken(80) {
        (plain, 80)
    } else if !taken(443) {
        (secure, 443)
    } else {
        let port = (8080..=u16::MAX).find(|p| !taken(*p)).unwrap_or(8080);
        (plain, port)
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

/// A new, empty HTTP (TCP for a network load balancer) target group on port 80 for `lb` (an
/// index into `s`), named after it (`alb-1-tg`, `alb-1-tg-2`...), with a fresh id. `None` if
/// there is no such load balancer.
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
        protocol: counterpart(LbProtocol::Http, balancer.kind),
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
    let l = next_listener(
        &balancer.listeners,
        balancer.kind,
        balancer.target_groups[0].id.clone(),
    );
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
        let app = LbKind::Application;
        assert_eq!(next_listener(&[], app, "tg".into()).port, 80);
        let l = next_listener(&[listener(LbProtocol::Http, 80)], app, "tg".into());
        assert_eq!((l.protocol, l.port), (LbProtocol::Https, 443));
        let all = [
            listener(LbProtocol::Http, 80),
            listener(LbProtocol::Https, 443),
            listener(LbProtocol::Http, 8080),
        ];
        let l = next_listener(&all, app, "tg".into());
        assert_eq!((l.protocol, l.port), (LbProtocol::Http, 8081));
        let l = next_listener(&all[..1], LbKind::Network, "tg".into());
        assert_eq!((l.protocol, l.port), (LbProtocol::Tls, 443));
    }

    #[test]
    fn a_load_balancer_changes_kind_with_its_protocols() {
        let mut s = templates::get("small-service").unwrap().scenario();
        assert!(set_kind(&mut s, 0, LbKind::Network));
        let b = &s.load_balancers[0];
        let listeners: Vec<_> = b.listeners.iter().map(|l| (l.protocol, l.port)).collect();
        assert_eq!(listeners, [(LbProtocol::Tcp, 80), (LbProtocol::Tls, 443)]);
        assert_eq!(b.target_groups[0].protocol, LbProtocol::Tcp);
        assert!(
            crate::scenario::validate(&s).is_empty(),
            "{:?}",
            crate::scenario::validate(&s)
        );
        s.load_balancers[0].listeners[0].protocol = LbProtocol::Udp;
        s.load_balancers[0].target_groups[0].preserve_client_ip = Some(false);
        assert!(set_kind(&mut s, 0, LbKind::Application));
        let b = &s.load_balancers[0];
        assert_eq!(b.listeners[0].protocol, LbProtocol::Http);
        assert_eq!(b.listeners[1].protocol, LbProtocol::Https);
        assert_eq!(b.target_groups[0].preserve_client_ip, None);
        assert!(!set_kind(&mut s, 9, LbKind::Network));
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
