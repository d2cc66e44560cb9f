//! The built-in templates: each loads cleanly, draws every part, keeps the promises of its
//! description in the engine, and travels in a share link.

use vpc_playground::engine::health::target_health;
use vpc_playground::engine::{trace, FlowSpec, Network, Trace};
use vpc_playground::model::{Protocol, Rect, Scenario};
use vpc_playground::scenario::load_str;
use vpc_playground::share::{decode_link, encode_fragment};
use vpc_playground::templates::{self, drawn_parts, Lang};

/// A promised flow: from, to, protocol, port, and the verdict code it must get.
type Flow = (
    &'static str,
    &'static str,
    Protocol,
    Option<u16>,
    &'static str,
);

const TCP: Protocol = Protocol::Tcp;

/// The post a template follows: its title in Korean (as published) and in English (as the
/// English description quotes it).
struct Post {
    template: &'static str,
    title_ko: &'static str,
    title_en: &'static str,
}

/// Every template made from a post, and that post.
const POSTS: &[Post] = &[
    Post {
        template: "service-postgis-memcached",
        title_ko: "인프라 분산 구현",
        title_en: "Splitting the infrastructure",
    },
    Post {
        template: "refactored-web",
        title_ko: "내맘대로 AWS Cloud 구축/설계하기(2)",
        title_en: "Building and designing an AWS cloud my way (2)",
    },
    Post {
        template: "public-private-db",
        title_ko: "hello-vpc",
        title_en: "hello-vpc",
    },
    Post {
        template: "small-service",
        title_ko: "작은 서비스 인프라 구성하기",
        title_en: "Building a small service's infrastructure",
    },
    Post {
        template: "alb-autoscaling",
        title_ko: "Monolithic vs MSA",
        title_en: "Monolithic vs MSA",
    },
];

/// Traces every flow of `template` and fails, naming the post, on each verdict that differs.
fn assert_flows(template: &str, flows: &[Flow]) {
    let s = templates::load(template).unwrap();
    let post = POSTS
        .iter()
        .find(|p| p.template == template)
        .map_or("(no post)", |p| p.title_en);
    let failures: Vec<String> = flows
        .iter()
        .filter_map(|&(from, to, proto, port, want)| {
            let got = run(&s, from, to, proto, port);
            (got.verdict.code() != want).then(|| {
                format!(
                    "{template} (post \"{post}\"): {from} → {to} {proto}/{port:?}: want {want}, got {} ({})",
                    got.verdict.code(),
                    got.summary
                )
            })
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_post_template_names_its_post_in_both_languages() {
    for post in POSTS {
        let t = templates::get(post.template).unwrap();
        assert!(
            t.description(Lang::En).contains(post.title_en),
            "{}: the English description does not name the post {:?}",
            post.template,
            post.title_en
        );
        assert!(
            t.description(Lang::Ko).contains(post.title_ko),
            "{}: the Korean description does not name the post {:?}",
            post.template,
            post.title_ko
        );
    }
}

fn run(s: &Scenario, from: &str, to: &str, protocol: Protocol, port: Option<u16>) -> Trace {
    let net = Network::new(s);
    let spec = FlowSpec {
        ipv6: Default::default(),
        from: from.into(),
        to: to.into(),
        protocol,
        port,
        src_port: None,
    };
    trace(&net, &spec).unwrap_or_else(|e| panic!("{from} → {to}: {e}"))
}

#[test]
fn there_are_twelve_templates_with_unique_ids() {
    let ids: Vec<&str> = templates::all().iter().map(|t| t.id).collect();
    assert_eq!(ids.len(), 12);
    let mut sorted = ids.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), 12, "{ids:?}");
    assert!(templates::load("nope").is_none());
}

#[test]
fn every_template_loads_without_errors_or_warnings() {
    for t in templates::all() {
        let loaded = load_str(t.scenario_json).unwrap_or_else(|e| panic!("{}: {e}", t.id));
        assert!(
            loaded.warnings.is_empty(),
            "{}: {:?}",
            t.id,
            loaded.warnings
        );
        assert_eq!(templates::load(t.id).as_ref(), Some(&loaded.scenario));
    }
}

#[test]
fn every_template_has_text_in_english_and_korean() {
    for t in templates::all() {
        let s = t.scenario();
        assert_eq!(t.name(Lang::En), s.name, "{}", t.id);
        assert_eq!(t.description(Lang::En), s.description, "{}", t.id);
        assert!(
            !s.description.is_empty() && s.description.len() < 260,
            "{}",
            t.id
        );
        let ko = t.name(Lang::Ko);
        assert!(
            ko.chars().any(|c| ('가'..='힣').contains(&c)),
            "{}: {ko}",
            t.id
        );
        let ko = t.description(Lang::Ko);
        assert!(
            ko.chars().any(|c| ('가'..='힣').contains(&c)),
            "{}: {ko}",
            t.id
        );
    }
}

fn inside(inner: &Rect, outer: &Rect) -> bool {
    let (w, h) = if inner.w > 0.0 {
        (inner.w, inner.h)
    } else {
        (56.0, 56.0)
    };
    inner.x >= outer.x
        && inner.y >= outer.y
        && inner.x + w <= outer.x + outer.w
        && inner.y + h <= outer.y + outer.h
}

#[test]
fn every_drawn_part_has_a_layout_and_sits_in_its_container() {
    for t in templates::all() {
        let s = t.scenario();
        for id in drawn_parts(&s) {
            assert!(s.layout.contains_key(&id), "{}: no layout for {id}", t.id);
        }
        let rect = |id: &str| s.layout[id];
        for sub in &s.subnets {
            assert!(
                inside(&rect(&sub.id), &rect(&sub.vpc)),
                "{}: subnet {} outside its VPC",
                t.id,
                sub.id
            );
        }
        let nodes = s
            .instances
            .iter()
            .flat_map(|i| {
                i.interfaces
                    .first()
                    .map(|f| (i.id.clone(), f.subnet.clone()))
            })
            .chain(s.databases.iter().flat_map(|d| {
                d.interfaces
                    .first()
                    .map(|f| (d.id.clone(), f.subnet.clone()))
            }))
            .chain(
                s.load_balancers
                    .iter()
                    .flat_map(|lb| lb.nodes.iter().map(|n| (n.id.clone(), n.subnet.clone()))),
            )
            .chain(
                s.nat_gateways
                    .iter()
                    .map(|n| (n.id.clone(), n.interface.subnet.clone())),
            );
        for (id, subnet) in nodes {
            assert!(
                inside(&rect(&id), &rect(&subnet)),
                "{}: {id} drawn outside subnet {subnet}",
                t.id
            );
        }
        for h in &s.internet_hosts {
            let r = rect(&h.id);
            assert!(
                r.y < 100.0,
                "{}: internet host {} not above the VPCs",
                t.id,
                h.id
            );
        }
        for g in &s.internet_gateways {
            let (r, v) = (rect(&g.id), rect(g.vpc.as_deref().unwrap()));
            assert!(
                (r.y + 28.0 - v.y).abs() < 1.0,
                "{}: internet gateway {} not on its VPC's top edge",
                t.id,
                g.id
            );
        }
    }
}

#[test]
fn every_template_travels_in_a_share_link() {
    let mut report = Vec::new();
    for t in templates::all() {
        let s = t.scenario();
        let json = serde_json::to_string(&s).unwrap();
        let fragment = encode_fragment(&json, &[]);
        let back = decode_link(&format!("https://vpc-playground.example/#{fragment}")).unwrap();
        let again = load_str(&back.scenario_json).unwrap().scenario;
        assert_eq!(again, s, "{}", t.id);
        report.push(format!("{}: {} characters", t.id, fragment.len()));
        assert!(
            fragment.len() < 1500,
            "{}: the link is {} characters",
            t.id,
            fragment.len()
        );
    }
    println!("{}", report.join("\n"));
}

#[test]
fn templates_open_with_no_part_drawn_over_another() {
    use vpc_playground::geometry::NODE_SIZE;
    use vpc_playground::layout::fill_missing;
    for t in templates::all() {
        let mut s = templates::load(t.id).unwrap();
        fill_missing(&mut s);
        for lb in &s.load_balancers {
            let first = lb.nodes.first().and_then(|n| s.layout.get(&n.id));
            if let Some(first) = first {
                assert_eq!(s.layout.get(&lb.id), Some(first), "{}: {}", t.id, lb.id);
            }
        }
        // Parts drawn as nodes (instances, databases, load balancers, NAT gateways).
        let nodes: Vec<&str> = s
            .instances
            .iter()
            .map(|x| x.id.as_str())
            .chain(s.databases.iter().map(|x| x.id.as_str()))
            .chain(s.load_balancers.iter().map(|x| x.id.as_str()))
            .chain(s.nat_gateways.iter().map(|x| x.id.as_str()))
            .collect();
        for (i, a) in nodes.iter().enumerate() {
            for b in &nodes[i + 1..] {
                let (ra, rb) = (s.layout[*a], s.layout[*b]);
                let apart = (ra.x - rb.x).abs() >= NODE_SIZE || (ra.y - rb.y).abs() >= NODE_SIZE;
                assert!(apart, "{}: {a} and {b} are drawn over each other", t.id);
            }
        }
    }
}

/// Post 003, "작은 서비스 인프라 구성하기": the flows its security group tables imply.
#[test]
fn small_service_follows_the_post_building_a_small_service_infrastructure() {
    assert_flows(
        "small-service",
        &[
            ("internet", "alb", TCP, Some(80), "established"),
            ("internet", "alb", TCP, Some(443), "established"),
            ("internet", "nginx", TCP, Some(8080), "no-public-address"),
            ("alb", "nginx", TCP, Some(8080), "established"),
            ("alb", "nginx", TCP, Some(3000), "established"),
            ("alb", "nginx", TCP, Some(22), "dropped-by-security-group"),
            ("laptop", "bastion", TCP, Some(22), "established"),
            (
                "internet",
                "bastion",
                TCP,
                Some(22),
                "dropped-by-security-group",
            ),
            ("bastion", "nginx", TCP, Some(22), "established"),
            ("bastion", "mysql", TCP, Some(22), "established"),
            (
                "bastion",
                "mysql",
                TCP,
                Some(3306),
                "dropped-by-security-group",
            ),
            ("nginx", "mysql", TCP, Some(3306), "established"),
            ("alb", "mysql", TCP, Some(3306), "dropped-by-security-group"),
            ("nginx", "internet", TCP, Some(443), "established"),
            ("mysql", "internet", TCP, Some(443), "established"),
            ("internet", "mysql", TCP, Some(3306), "no-public-address"),
        ],
    );
}

#[test]
fn small_service_sends_both_listeners_to_nginx_on_8080() {
    let s = templates::load("small-service").unwrap();
    let nginx: std::net::Ipv4Addr = "10.0.1.10".parse().unwrap();
    for port in [80, 443] {
        let t = run(&s, "internet", "alb", TCP, Some(port));
        assert!(t.verdict.is_established(), "{port}: {}", t.summary);
        assert!(
            t.hops.iter().any(|h| h.leg == 2
                && h.packet.dst == nginx
                && h.packet.dst_port == vpc_playground::engine::PortView::One(8080)),
            "listener {port} does not reach nginx on 8080: {:#?}",
            t.hops
        );
    }
}

#[test]
fn small_service_goes_out_through_the_nat_instance() {
    let s = templates::load("small-service").unwrap();
    let nat = s.instances.iter().find(|i| i.id == "nat").unwrap();
    assert_eq!(nat.role, vpc_playground::model::Role::NatInstance);
    assert!(!nat.interfaces[0].source_dest_check);
    assert!(nat.interfaces[0].public_ip.is_some());
    for from in ["nginx", "mysql"] {
        let t = run(&s, from, "internet", TCP, Some(443));
        assert!(t.verdict.is_established(), "{from}: {}", t.summary);
        assert!(
            t.hops.iter().any(|h| h.component.id == "nat"),
            "{from} → internet does not pass the NAT instance: {}",
            t.summary
        );
    }
    assert!(
        s.databases.is_empty(),
        "the post runs MySQL on EC2, not RDS"
    );
}

/// Post 000, "인프라 분산 구현": security group 1 open to all on 22, 80 and 443; groups 2 and 3
/// admit 22 and their port from group 1 only, and send only on their own port. PostGIS and
/// memcached sit in a private subnet: only the service is reached from outside.
#[test]
fn service_postgis_memcached_follows_the_post_splitting_the_infrastructure() {
    assert_flows(
        "service-postgis-memcached",
        &[
            ("internet", "service", TCP, Some(22), "established"),
            ("internet", "service", TCP, Some(80), "established"),
            ("internet", "service", TCP, Some(443), "established"),
            ("service", "postgis", TCP, Some(5432), "established"),
            ("service", "postgis", TCP, Some(22), "established"),
            ("service", "memcached", TCP, Some(11211), "established"),
            ("service", "memcached", TCP, Some(22), "established"),
            ("internet", "postgis", TCP, Some(5432), "no-public-address"),
            (
                "internet",
                "memcached",
                TCP,
                Some(11211),
                "no-public-address",
            ),
            ("internet", "postgis", TCP, Some(22), "no-public-address"),
            (
                "postgis",
                "internet",
                TCP,
                Some(443),
                "dropped-by-security-group",
            ),
            (
                "postgis",
                "memcached",
                TCP,
                Some(11211),
                "dropped-by-security-group",
            ),
            (
                "memcached",
                "postgis",
                TCP,
                Some(5432),
                "dropped-by-security-group",
            ),
        ],
    );
}

/// Post 002, "hello-vpc": every part shares the default security group (its members reach each
/// other on every port) and the rules added for the home address: 22, 8080 and 8081.
#[test]
fn public_private_db_follows_the_post_hello_vpc() {
    assert_flows(
        "public-private-db",
        &[
            ("laptop", "api-1", TCP, Some(8080), "established"),
            ("laptop", "api-2", TCP, Some(8081), "established"),
            ("laptop", "api-1", TCP, Some(22), "established"),
            ("laptop", "bastion", TCP, Some(22), "established"),
            ("13.209.1.60", "bastion", TCP, Some(22), "established"),
            (
                "stranger",
                "api-1",
                TCP,
                Some(8080),
                "dropped-by-security-group",
            ),
            (
                "stranger",
                "api-1",
                TCP,
                Some(22),
                "dropped-by-security-group",
            ),
            (
                "stranger",
                "bastion",
                TCP,
                Some(22),
                "dropped-by-security-group",
            ),
            ("bastion", "api-2", TCP, Some(22), "established"),
            ("bastion", "redis", TCP, Some(6379), "established"),
            ("bastion", "mysql", TCP, Some(3306), "established"),
            ("api-1", "redis", TCP, Some(6379), "established"),
            ("api-2", "mysql", TCP, Some(3306), "established"),
            ("laptop", "mysql", TCP, Some(3306), "no-public-address"),
            ("redis", "stranger", TCP, Some(443), "no-route"),
        ],
    );
}

/// Post 004, "Monolithic vs MSA": the ALB takes HTTP on 80 and sends to 5000; the instances
/// keep SSH open, and nothing but the ALB reaches 5000.
#[test]
fn alb_autoscaling_follows_the_post_monolithic_vs_msa() {
    assert_flows(
        "alb-autoscaling",
        &[
            ("internet", "alb", TCP, Some(80), "established"),
            (
                "internet",
                "alb",
                TCP,
                Some(5000),
                "dropped-by-security-group",
            ),
            ("alb", "web-1", TCP, Some(5000), "established"),
            ("alb", "asg-1", TCP, Some(5000), "established"),
            ("alb", "asg-2", TCP, Some(5000), "refused"),
            ("internet", "asg-2", TCP, Some(22), "established"),
            (
                "internet",
                "web-1",
                TCP,
                Some(5000),
                "dropped-by-security-group",
            ),
        ],
    );
}

/// The health the engine derives for the target group of post 004: exactly one unhealthy
/// target, the Auto Scaling instance whose app does not run.
fn alb_autoscaling_health() -> Vec<(String, bool)> {
    let s = templates::load("alb-autoscaling").unwrap();
    let net = Network::new(&s);
    assert_eq!(s.load_balancers.len(), 1);
    assert_eq!(s.load_balancers[0].target_groups.len(), 1);
    target_health(&net, 0, 0)
        .into_iter()
        .map(|t| (t.target, t.health.is_healthy()))
        .collect()
}

#[test]
fn alb_autoscaling_has_exactly_one_unhealthy_target_asg_2() {
    let health = alb_autoscaling_health();
    assert_eq!(health.len(), 3, "{health:?}");
    let unhealthy: Vec<&str> = health
        .iter()
        .filter(|(_, healthy)| !healthy)
        .map(|(t, _)| t.as_str())
        .collect();
    assert_eq!(unhealthy, ["asg-2"], "{health:?}");
}

#[test]
fn asg_2_fails_its_health_check_because_nothing_listens_on_5000() {
    use vpc_playground::engine::health::Health;
    let s = templates::load("alb-autoscaling").unwrap();
    let net = Network::new(&s);
    let asg2 = target_health(&net, 0, 0)
        .into_iter()
        .find(|t| t.target == "asg-2")
        .unwrap();
    assert_eq!((asg2.port, asg2.check_port), (5000, 5000));
    match asg2.health {
        Health::Unhealthy(check) => {
            assert_eq!(check.verdict.code(), "refused", "{}", check.summary)
        }
        other => panic!("asg-2 is not unhealthy: {other:?}"),
    }
}

#[test]
fn the_load_balancer_skips_the_unhealthy_target() {
    let s = templates::load("alb-autoscaling").unwrap();
    let t = run(&s, "internet", "alb", TCP, Some(80));
    assert!(t.verdict.is_established(), "{}", t.summary);
    let unhealthy = s
        .instances
        .iter()
        .find(|i| i.id == "asg-2")
        .unwrap()
        .interfaces[0]
        .private_ip;
    let leg2: Vec<_> = t.hops.iter().filter(|h| h.leg == 2).collect();
    assert!(!leg2.is_empty(), "no second leg: {:#?}", t.hops);
    assert!(
        leg2.iter()
            .all(|h| h.packet.dst != unhealthy && h.packet.src != unhealthy),
        "the connection went to the unhealthy target: {:#?}",
        leg2
    );
}

/// Post 001, "내맘대로 AWS Cloud 구축/설계하기(2)": CloudFront → ALB → Nuxt → Spring Boot API →
/// Aurora; Redis for the shared cache, RabbitMQ on the channel EC2, the batch on EC2.
#[test]
fn refactored_web_follows_the_post_building_an_aws_cloud_my_way() {
    assert_flows(
        "refactored-web",
        &[
            ("cloudfront", "alb", TCP, Some(443), "established"),
            ("internet", "alb", TCP, Some(8080), "established"),
            ("office", "alb", TCP, Some(9000), "established"),
            (
                "internet",
                "alb",
                TCP,
                Some(9000),
                "dropped-by-security-group",
            ),
            ("webapp", "api", TCP, Some(8080), "established"),
            ("webapp", "aurora-writer", TCP, Some(3306), "established"),
            ("admin", "aurora-writer", TCP, Some(3306), "established"),
            ("api", "aurora-reader", TCP, Some(3306), "established"),
            ("batch", "aurora-writer", TCP, Some(3306), "established"),
            ("api", "redis", TCP, Some(6379), "established"),
            ("webapp", "redis", TCP, Some(6379), "established"),
            ("api", "channel", TCP, Some(5672), "established"),
            (
                "admin",
                "redis",
                TCP,
                Some(6379),
                "dropped-by-security-group",
            ),
            (
                "batch",
                "redis",
                TCP,
                Some(6379),
                "dropped-by-security-group",
            ),
            ("api", "payments", TCP, Some(443), "established"),
            ("webapp", "payments", TCP, Some(443), "established"),
            ("redis", "payments", TCP, Some(443), "no-route"),
            ("internet", "webapp", TCP, Some(3000), "no-public-address"),
        ],
    );
}

/// VPC peering: A reaches B and B reaches C, but A does not reach C through B.
#[test]
fn peering_is_not_transitive() {
    assert_flows(
        "peering-not-transitive",
        &[
            ("a-app", "b-shared", TCP, Some(443), "established"),
            ("b-shared", "a-app", TCP, Some(443), "established"),
            ("b-shared", "c-app", TCP, Some(443), "established"),
            ("c-app", "b-shared", Protocol::Icmp, None, "established"),
            // c-app by name would mean its public address (it is not peered with A): use its private one.
            ("a-app", "10.3.1.10", TCP, Some(443), "not-transitive"),
            ("c-app", "10.1.1.10", TCP, Some(443), "no-route"),
        ],
    );
}

/// Hub and spokes: both apps reach the shared service through the transit gateway, and it them
/// (its table has both apps' propagated blocks), but the spokes' table has no route from one app
/// to the other.
#[test]
fn transit_hub_isolates_the_spokes_from_each_other() {
    assert_flows(
        "transit-hub",
        &[
            ("app-a-1", "shared-svc", TCP, Some(443), "established"),
            ("app-b-1", "shared-svc", Protocol::Icmp, None, "established"),
            ("shared-svc", "app-a-1", TCP, Some(443), "established"),
            ("shared-svc", "app-b-1", TCP, Some(443), "established"),
            ("app-a-1", "app-b-1", TCP, Some(443), "no-route"),
            ("app-b-1", "app-a-1", TCP, Some(443), "no-route"),
            // The office over its VPN attachment: the shared service and no app.
            ("office", "shared-svc", TCP, Some(443), "established"),
            ("office", "app-a-1", TCP, Some(443), "no-route"),
            ("app-b-1", "office", TCP, Some(443), "no-route"),
        ],
    );
}

/// A network load balancer keeps the client's address: the internet reaches the servers through
/// it on 80 (their group admits 8080 from anywhere), not directly, and nothing else listens.
#[test]
fn nlb_client_ip_reaches_the_servers_only_through_the_load_balancer() {
    assert_flows(
        "nlb-client-ip",
        &[
            ("internet", "nlb", TCP, Some(80), "established"),
            ("internet", "nlb", TCP, Some(22), "refused"),
            ("internet", "web-1", TCP, Some(8080), "no-public-address"),
        ],
    );
    let s = templates::load("nlb-client-ip").unwrap();
    let t = run(&s, "internet", "nlb", TCP, Some(80));
    assert!(
        t.hops
            .iter()
            .any(|h| h.component.id == "web-1" && h.packet.src.to_string() == "198.51.100.20"),
        "web-1 sees the client's address: {:#?}",
        t.hops
    );
}

/// Site-to-site VPN: the office reaches the private app over the VPN at its private address;
/// the web server in the public subnet gets the office's packets but its reply goes to the
/// internet gateway, which does not carry private addresses; the app reaches the office back.
#[test]
fn vpn_site_reaches_the_private_subnet_but_not_the_public_one() {
    assert_flows(
        "vpn-site",
        &[
            ("office", "app", TCP, Some(22), "established"),
            ("office", "app", TCP, Some(8080), "established"),
            ("app", "office", TCP, Some(22), "established"),
            ("office", "web", TCP, Some(22), "no-route"),
            ("office", "app", TCP, Some(443), "dropped-by-security-group"),
        ],
    );
}

/// Inspection: the internet gateway's route table sends what enters for web to the firewall, and
/// web's subnet sends its replies back through it; web ↔ app goes through it by routes more
/// specific than local; the firewall reaches both.
#[test]
fn inspection_vpc_sends_both_ways_through_the_firewall() {
    assert_flows(
        "inspection-vpc",
        &[
            ("internet", "web", TCP, Some(443), "established"),
            ("web", "app", TCP, Some(8080), "established"),
            ("web", "internet", TCP, Some(443), "established"),
            (
                "internet",
                "web",
                TCP,
                Some(22),
                "dropped-by-security-group",
            ),
            ("app", "internet", TCP, Some(443), "no-route"),
        ],
    );
    let s = templates::load("inspection-vpc").unwrap();
    let t = run(&s, "internet", "web", TCP, Some(443));
    let at_fw: Vec<_> = t.hops.iter().filter(|h| h.component.id == "fw").collect();
    assert!(
        at_fw
            .iter()
            .any(|h| h.direction == vpc_playground::engine::trace::Direction::Forward)
            && at_fw
                .iter()
                .any(|h| h.direction == vpc_playground::engine::trace::Direction::Return),
        "{:#?}",
        t.hops
    );
}

/// GWLB inspection: both ways of web's connections pass the endpoint; sending web's replies
/// straight to the internet gateway skips it, and its appliances drop the connection.
#[test]
fn gwlb_inspection_sends_both_ways_through_the_endpoint() {
    use vpc_playground::engine::trace::Direction;
    assert_flows(
        "gwlb-inspection",
        &[
            ("internet", "web", TCP, Some(443), "established"),
            ("web", "internet", TCP, Some(443), "established"),
            (
                "internet",
                "web",
                TCP,
                Some(22),
                "dropped-by-security-group",
            ),
        ],
    );
    let mut s = templates::load("gwlb-inspection").unwrap();
    let t = run(&s, "internet", "web", TCP, Some(443));
    for dir in [Direction::Forward, Direction::Return] {
        assert!(
            (t.hops.iter()).any(|h| h.component.id == "vpce-fw" && h.direction == dir),
            "{dir:?}: {:#?}",
            t.hops
        );
    }
    let web_rt = s
        .route_tables
        .iter_mut()
        .find(|t| t.id == "web-rt")
        .unwrap();
    web_rt.routes[0].target =
        vpc_playground::model::RouteTarget::InternetGateway("igw-shop".into());
    let t = run(&s, "internet", "web", TCP, Some(443));
    assert_eq!(t.verdict, vpc_playground::engine::trace::Verdict::NoRoute);
    assert_eq!(
        t.blocked_by.as_ref().map(|b| b.id.as_str()),
        Some("vpce-fw")
    );
}

/// IPv6 with an egress-only gateway: the internet reaches web's IPv6 address through the internet
/// gateway without a public IP; app reaches the internet over IPv6 through the egress-only
/// gateway, which lets nothing in from the internet.
#[test]
fn ipv6_egress_only_lets_app_out_and_nothing_in() {
    use vpc_playground::engine::trace::Verdict;
    let s = templates::load("ipv6-egress-only").unwrap();
    let v6 = |from: &str, to: &str, port: u16| {
        let spec = FlowSpec {
            ipv6: true,
            ..FlowSpec::tcp(from, to, port)
        };
        trace(&Network::new(&s), &spec).unwrap_or_else(|e| panic!("{from} → {to}: {e}"))
    };
    assert!(v6("internet", "web", 443).verdict.is_established());
    assert_eq!(
        run(&s, "internet", "web", TCP, Some(443)).verdict,
        Verdict::NoPublicAddress
    );
    let out = v6("app", "internet", 443);
    assert!(out.verdict.is_established(), "{:#?}", out.hops);
    assert!(out.hops.iter().any(|h| h.component.id == "eigw-shop"));
    let t = v6("internet", "app", 22);
    assert_eq!(t.verdict, Verdict::NoRoute);
    assert_eq!(
        t.blocked_by.as_ref().map(|b| b.id.as_str()),
        Some("eigw-shop")
    );
    assert!(v6("web", "app", 8080).verdict.is_established());
    // Over IPv4, app has no way out at all.
    assert_eq!(
        run(&s, "app", "internet", TCP, Some(443)).verdict,
        Verdict::NoRoute
    );
}

/// The room a node-like part takes on the canvas: its icon and, centred under it, its name
/// (12 px text, about 7 px a character) and its address line.
fn footprint(s: &Scenario, id: &str) -> Rect {
    use vpc_playground::geometry::NODE_SIZE;
    let r = s.layout[id];
    let name = vpc_playground::edit::find::name_of(s, id);
    let w = (name.chars().count() as f64 * 7.0)
        .max(12.0 * 6.5)
        .max(NODE_SIZE);
    Rect {
        x: r.x + NODE_SIZE / 2.0 - w / 2.0,
        y: r.y,
        w,
        h: NODE_SIZE + 32.0,
    }
}

fn overlap(a: &Rect, b: &Rect) -> bool {
    a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
}

#[test]
fn no_part_or_label_runs_into_another() {
    for t in templates::all() {
        let s = t.scenario();
        let ids: Vec<String> = s
            .instances
            .iter()
            .map(|x| x.id.clone())
            .chain(s.databases.iter().map(|x| x.id.clone()))
            .chain(
                s.load_balancers
                    .iter()
                    .flat_map(|lb| lb.nodes.iter().map(|n| n.id.clone())),
            )
            .chain(s.nat_gateways.iter().map(|x| x.id.clone()))
            .chain(s.internet_hosts.iter().map(|x| x.id.clone()))
            .chain(s.internet_gateways.iter().map(|x| x.id.clone()))
            .collect();
        for (i, a) in ids.iter().enumerate() {
            for b in &ids[i + 1..] {
                let (fa, fb) = (footprint(&s, a), footprint(&s, b));
                assert!(
                    !overlap(&fa, &fb),
                    "{}: {a} {fa:?} and {b} {fb:?} run into each other",
                    t.id
                );
            }
        }
    }
}

#[test]
fn subnets_and_vpcs_do_not_overlap() {
    for t in templates::all() {
        let s = t.scenario();
        for group in [
            s.subnets.iter().map(|x| x.id.clone()).collect::<Vec<_>>(),
            s.vpcs.iter().map(|x| x.id.clone()).collect(),
        ] {
            for (i, a) in group.iter().enumerate() {
                for b in &group[i + 1..] {
                    assert!(
                        !overlap(&s.layout[a], &s.layout[b]),
                        "{}: {a} and {b} overlap",
                        t.id
                    );
                }
            }
        }
    }
}

/// A security group's rules as `(protocol, ports, peer)` text, sorted: `("tcp", "22", "sg-x")`.
fn table(s: &Scenario, group: &str, inbound: bool) -> Vec<(String, String, String)> {
    use vpc_playground::model::Peer;
    let sg = s
        .security_groups
        .iter()
        .find(|g| g.id == group)
        .unwrap_or_else(|| panic!("no security group {group}"));
    let rules = if inbound { &sg.inbound } else { &sg.outbound };
    let mut out: Vec<(String, String, String)> = rules
        .iter()
        .map(|r| {
            let peer = match &r.peer {
                Peer::Cidr(c) => c.to_string(),
                Peer::Group(g) | Peer::PrefixList(g) => g.clone(),
            };
            let ports = r.ports.map_or("all".to_string(), |p| p.to_string());
            (r.protocol.to_string(), ports, peer)
        })
        .collect();
    out.sort();
    out
}

fn rows(rows: &[(&str, &str, &str)]) -> Vec<(String, String, String)> {
    let mut out: Vec<_> = rows
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect();
    out.sort();
    out
}

/// Post 003's four security group tables, rule for rule ("my ip" is My laptop's address).
#[test]
fn small_service_has_the_posts_security_group_tables() {
    let s = templates::load("small-service").unwrap();
    let my_ip = "203.0.113.10/32";
    let laptop = s
        .internet_hosts
        .iter()
        .find(|h| h.name == "My laptop")
        .unwrap();
    assert_eq!(format!("{}/32", laptop.ip), my_ip);
    let everything = rows(&[("all", "all", "0.0.0.0/0")]);
    let tables = [
        (
            "sg-bastion",
            rows(&[("tcp", "443", my_ip), ("tcp", "22", my_ip)]),
        ),
        (
            "sg-alb",
            rows(&[("tcp", "80", "0.0.0.0/0"), ("tcp", "443", "0.0.0.0/0")]),
        ),
        (
            "sg-private",
            rows(&[
                ("tcp", "22", "sg-bastion"),
                ("tcp", "8080", "sg-alb"),
                ("tcp", "3000", "sg-alb"),
                ("tcp", "80", "sg-alb"),
                ("tcp", "443", "sg-alb"),
            ]),
        ),
        (
            "sg-db",
            rows(&[("tcp", "22", "sg-bastion"), ("tcp", "3306", "sg-private")]),
        ),
    ];
    for (group, inbound) in tables {
        assert_eq!(table(&s, group, true), inbound, "{group} inbound");
        assert_eq!(table(&s, group, false), everything, "{group} outbound");
    }
    let nginx = s.instances.iter().find(|i| i.id == "nginx").unwrap();
    assert_eq!(nginx.interfaces[0].security_groups, ["sg-private"]);
    let mysql = s.instances.iter().find(|i| i.id == "mysql").unwrap();
    assert_eq!(mysql.interfaces[0].security_groups, ["sg-db"]);
}

/// Post 000's three groups: 1 open to all on 22, 80, 443; 2 and 3 admit 22 and their port from
/// group 1, and send only on their port.
#[test]
fn service_postgis_memcached_has_the_posts_security_groups() {
    let s = templates::load("service-postgis-memcached").unwrap();
    let all = "0.0.0.0/0";
    assert_eq!(
        table(&s, "sg-service", true),
        rows(&[("tcp", "22", all), ("tcp", "80", all), ("tcp", "443", all)])
    );
    for (group, port) in [("sg-postgis", "5432"), ("sg-memcached", "11211")] {
        assert_eq!(
            table(&s, group, true),
            rows(&[("tcp", "22", "sg-service"), ("tcp", port, "sg-service")]),
            "{group}"
        );
        assert_eq!(
            table(&s, group, false),
            rows(&[("tcp", port, all)]),
            "{group}"
        );
    }
}

/// The part that owns interface `eni` in `s`, read from the scenario itself.
fn owner_in(s: &Scenario, eni: &str) -> Option<String> {
    let has = |ifs: &[vpc_playground::model::Interface]| ifs.iter().any(|i| i.id == eni);
    let instances = s
        .instances
        .iter()
        .filter(|x| has(&x.interfaces))
        .map(|x| &x.id);
    let databases = s
        .databases
        .iter()
        .filter(|x| has(&x.interfaces))
        .map(|x| &x.id);
    let balancers = s
        .load_balancers
        .iter()
        .filter(|x| has(&x.nodes))
        .map(|x| &x.id);
    let nats = s
        .nat_gateways
        .iter()
        .filter(|x| x.interface.id == eni)
        .map(|x| &x.id);
    instances
        .chain(databases)
        .chain(balancers)
        .chain(nats)
        .next()
        .cloned()
}

/// Every (from, to, port) of `ports` between the endpoints of `s` (instances, databases, load
/// balancers, internet hosts), both ways.
fn every_flow(s: &Scenario, ports: &[u16]) -> Vec<(String, String, u16)> {
    let ids: Vec<&String> = (s.instances.iter().map(|x| &x.id))
        .chain(s.databases.iter().map(|x| &x.id))
        .chain(s.load_balancers.iter().map(|x| &x.id))
        .chain(s.internet_hosts.iter().map(|x| &x.id))
        .collect();
    let pairs = ids.iter().flat_map(|a| ids.iter().map(move |b| (*a, *b)));
    pairs
        .flat_map(|(a, b)| ports.iter().map(|p| (a.clone(), b.clone(), *p)))
        .collect()
}

#[test]
fn every_hop_names_the_part_it_is_drawn_as() {
    use vpc_playground::engine::Kind;
    let mut checked = 0;
    for t in templates::all() {
        let s = templates::load(t.id).expect("template");
        for (from, to, port) in every_flow(&s, &[22, 80]) {
            {
                for h in run(&s, &from, &to, Protocol::Tcp, Some(port)).hops {
                    let c = &h.component;
                    let want = match c.kind {
                        Kind::NetworkInterface => owner_in(&s, &c.id),
                        Kind::InternetHost => (s.internet_hosts.iter())
                            .find(|x| x.id == c.id || x.ip.to_string() == c.id)
                            .map(|x| x.id.clone()),
                        Kind::SecurityGroup | Kind::NetworkAcl | Kind::RouteTable | Kind::Vpc => {
                            None
                        }
                        // A transit gateway's route table is drawn as its gateway.
                        Kind::TransitGatewayRouteTable => (s.transit_gateways.iter())
                            .find(|g| g.route_tables.iter().any(|r| r.id == c.id))
                            .map(|g| g.id.clone()),
                        _ => Some(c.id.clone()),
                    };
                    assert_eq!(c.owner, want, "{}: {from} → {to}: {c:?}", t.id);
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 500, "only {checked} hops checked");
}

#[test]
fn a_flow_not_established_is_blocked_where_a_hop_stopped_it() {
    use vpc_playground::engine::{Action, BlockedBy, Step, Verdict};
    let mut checked = 0;
    for t in templates::all() {
        let s = templates::load(t.id).expect("template");
        for (from, to, port) in every_flow(&s, &[22, 80, 3306]) {
            let trace = run(&s, &from, &to, Protocol::Tcp, Some(port));
            if trace.verdict == Verdict::Established {
                assert_eq!(trace.blocked_by, None);
                continue;
            }
            let Some(hop) = trace.deciding_hop() else {
                // Stopped before a packet was sent: nothing on the way decided.
                assert!(
                    matches!(trace.verdict, Verdict::NoPublicAddress | Verdict::NoHost),
                    "{}: {from} → {to} tcp/{port}: {:?} has no hops",
                    t.id,
                    trace.verdict
                );
                assert!(trace.blocked_by.is_some(), "{}: {from} → {to}", t.id);
                assert!(trace.hops.is_empty(), "{}: {from} → {to}", t.id);
                continue;
            };
            let narrowed = trace.verdict == Verdict::DependsOnSourcePort;
            let stops = match &hop.step {
                Step::Filter { action, .. } => narrowed || *action == Action::Deny,
                Step::Drop { verdict, .. } => *verdict == trace.verdict,
                Step::Refuse => trace.verdict == Verdict::Refused,
                _ => false,
            };
            assert!(stops, "{}: {from} → {to} tcp/{port}: {hop:?}", t.id);
            if narrowed {
                continue;
            }
            assert_eq!(
                trace.blocked_by,
                Some(BlockedBy::of(hop)),
                "{}: {from} → {to} tcp/{port}: {:?}",
                t.id,
                trace.verdict
            );
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} drops checked");
}

/// The app fetches each template from `dist/templates/`: `index.html` copies every one there.
#[test]
fn index_html_copies_every_template_into_the_build() {
    let html = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/index.html")).unwrap();
    for t in templates::all() {
        let line = format!(
            "href=\"src/templates/{}.json\" data-target-path=\"templates\"",
            t.id
        );
        assert!(
            html.contains(&line),
            "index.html does not copy template {}",
            t.id
        );
    }
}
