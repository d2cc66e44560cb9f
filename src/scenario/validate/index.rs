//! A look-up table of every part of a scenario by id, built once per validation.

use crate::model::{
    GatewayEndpoint, Instance, Interface, InternetGateway, NatGateway, Peering, Scenario,
    SecurityGroup, Subnet, Vpc,
};
use crate::scenario::message::{Message, PartNoun as Kind, RefFound};
use crate::scenario::problem::{label, Problem};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// One part with an id, and where it is in the file.
#[derive(Debug)]
pub(super) struct Part<'a> {
    pub kind: Kind,
    /// JSON path: `subnets[2]`, `instances[0].interfaces[1]`.
    pub path: String,
    pub id: &'a str,
    pub name: &'a str,
    /// Position in its list (for interfaces: in [`Index::ifaces`]).
    pub idx: usize,
    /// How the top-level part at the head of `path` is named (the owner, for an interface or a
    /// target group), for [`Problem::part`].
    pub head: String,
}

impl Part<'_> {
    /// `"web"` or, when AWS gave the id, `"web" (i-0abc12345)`.
    pub fn label(&self) -> String {
        label(self.id, self.name)
    }
}

/// A network interface with the part that holds it.
#[derive(Debug)]
pub(super) struct Iface<'a> {
    pub iface: &'a Interface,
    /// `instances[0].interfaces[1]`, `nat_gateways[2].interface`.
    pub path: String,
    /// How the owner is named: `"web"`.
    pub owner_label: String,
}

/// Every part by id, the interfaces with their owners, and the active peerings.
pub(super) struct Index<'a> {
    pub s: &'a Scenario,
    pub parts: Vec<Part<'a>>,
    pub ifaces: Vec<Iface<'a>>,
    by_id: HashMap<&'a str, usize>,
    /// (first, later) positions in `parts` of parts that share an id.
    pub duplicates: Vec<(usize, usize)>,
    examples: HashMap<Kind, Vec<&'a str>>,
    active_peerings: HashSet<(&'a str, &'a str)>,
}

impl<'a> Index<'a> {
    /// Indexes `s`.
    pub fn new(s: &'a Scenario) -> Self {
        let mut ix = Index {
            s,
            parts: Vec::new(),
            ifaces: Vec::new(),
            by_id: HashMap::default(),
            duplicates: Vec::new(),
            examples: HashMap::default(),
            active_peerings: HashSet::default(),
        };
        for (i, v) in s.vpcs.iter().enumerate() {
            ix.add(Kind::Vpc, format!("vpcs[{i}]"), &v.id, &v.name, i);
        }
        for (i, p) in s.subnets.iter().enumerate() {
            ix.add(Kind::Subnet, format!("subnets[{i}]"), &p.id, &p.name, i);
        }
        for (i, p) in s.route_tables.iter().enumerate() {
            ix.add(
                Kind::RouteTable,
                format!("route_tables[{i}]"),
                &p.id,
                &p.name,
                i,
            );
        }
        for (i, p) in s.network_acls.iter().enumerate() {
            ix.add(
                Kind::NetworkAcl,
                format!("network_acls[{i}]"),
                &p.id,
                &p.name,
                i,
            );
        }
        for (i, p) in s.security_groups.iter().enumerate() {
            let path = format!("security_groups[{i}]");
            ix.add(Kind::SecurityGroup, path, &p.id, &p.name, i);
        }
        for (i, p) in s.prefix_lists.iter().enumerate() {
            ix.add(
                Kind::PrefixList,
                format!("prefix_lists[{i}]"),
                &p.id,
                &p.name,
                i,
            );
        }
        for (i, p) in s.instances.iter().enumerate() {
            let path = format!("instances[{i}]");
            ix.add(Kind::Instance, path.clone(), &p.id, &p.name, i);
            for (j, n) in p.interfaces.iter().enumerate() {
                let owner = (p.id.as_str(), p.name.as_str());
                ix.add_iface(n, format!("{path}.interfaces[{j}]"), owner);
            }
        }
        for (i, p) in s.databases.iter().enumerate() {
            let path = format!("databases[{i}]");
            ix.add(Kind::Database, path.clone(), &p.id, &p.name, i);
            for (j, n) in p.interfaces.iter().enumerate() {
                let owner = (p.id.as_str(), p.name.as_str());
                ix.add_iface(n, format!("{path}.interfaces[{j}]"), owner);
            }
        }
        for (i, p) in s.load_balancers.iter().enumerate() {
            let path = format!("load_balancers[{i}]");
            ix.add(Kind::LoadBalancer, path.clone(), &p.id, &p.name, i);
            for (j, n) in p.nodes.iter().enumerate() {
                let owner = (p.id.as_str(), p.name.as_str());
                ix.add_iface(n, format!("{path}.nodes[{j}]"), owner);
            }
            for (j, t) in p.target_groups.iter().enumerate() {
                let tg_path = format!("{path}.target_groups[{j}]");
                let head = label(&p.id, &p.name);
                ix.add_in(Kind::TargetGroup, tg_path, &t.id, &t.name, j, head);
            }
        }
        for (i, p) in s.internet_gateways.iter().enumerate() {
            let path = format!("internet_gateways[{i}]");
            ix.add(Kind::InternetGateway, path, &p.id, &p.name, i);
        }
        for (i, p) in s.egress_only_internet_gateways.iter().enumerate() {
            let path = format!("egress_only_internet_gateways[{i}]");
            ix.add(Kind::EgressOnlyInternetGateway, path, &p.id, &p.name, i);
        }
        for (i, p) in s.nat_gateways.iter().enumerate() {
            let path = format!("nat_gateways[{i}]");
            ix.add(Kind::NatGateway, path.clone(), &p.id, &p.name, i);
            let owner = (p.id.as_str(), p.name.as_str());
            ix.add_iface(&p.interface, format!("{path}.interface"), owner);
        }
        for (i, p) in s.peerings.iter().enumerate() {
            ix.add(Kind::Peering, format!("peerings[{i}]"), &p.id, &p.name, i);
            if p.active {
                let (a, b) = (p.requester.as_str(), p.accepter.as_str());
                ix.active_peerings.insert((a.min(b), a.max(b)));
            }
        }
        for (i, p) in s.gateway_endpoints.iter().enumerate() {
            let path = format!("gateway_endpoints[{i}]");
            ix.add(Kind::GatewayEndpoint, path, &p.id, &p.name, i);
        }
        for (i, p) in s.gwlb_endpoints.iter().enumerate() {
            let path = format!("gwlb_endpoints[{i}]");
            ix.add(Kind::GwlbEndpoint, path.clone(), &p.id, &p.name, i);
            let owner = (p.id.as_str(), p.name.as_str());
            ix.add_iface(&p.interface, format!("{path}.interface"), owner);
        }
        for (i, t) in s.transit_gateways.iter().enumerate() {
            let path = format!("transit_gateways[{i}]");
            ix.add(Kind::TransitGateway, path.clone(), &t.id, &t.name, i);
            for (j, a) in t.attachments.iter().enumerate() {
                let at = format!("{path}.attachments[{j}]");
                ix.add(Kind::TgwAttachment, at, &a.id, &a.name, j);
            }
            for (j, r) in t.route_tables.iter().enumerate() {
                let at = format!("{path}.route_tables[{j}]");
                ix.add(Kind::TgwRouteTable, at, &r.id, &r.name, j);
            }
        }
        for (i, p) in s.internet_hosts.iter().enumerate() {
            let path = format!("internet_hosts[{i}]");
            ix.add(Kind::InternetHost, path, &p.id, &p.name, i);
        }
        for (i, p) in s.vpn_gateways.iter().enumerate() {
            let path = format!("vpn_gateways[{i}]");
            ix.add(Kind::VpnGateway, path, &p.id, &p.name, i);
        }
        for (i, p) in s.on_prem_networks.iter().enumerate() {
            let path = format!("on_prem_networks[{i}]");
            ix.add(Kind::OnPremNetwork, path, &p.id, &p.name, i);
        }
        ix
    }

    fn add(&mut self, kind: Kind, path: String, id: &'a str, name: &'a str, idx: usize) {
        self.add_in(kind, path, id, name, idx, label(id, name));
    }

    fn add_in(
        &mut self,
        kind: Kind,
        path: String,
        id: &'a str,
        name: &'a str,
        idx: usize,
        head: String,
    ) {
        let at = self.parts.len();
        self.parts.push(Part {
            kind,
            path,
            id,
            name,
            idx,
            head,
        });
        if id.is_empty() {
            return;
        }
        match self.by_id.get(id) {
            Some(&first) => self.duplicates.push((first, at)),
            None => {
                self.by_id.insert(id, at);
                let examples = self.examples.entry(kind).or_default();
                if examples.len() < 5 {
                    examples.push(id);
                }
            }
        }
    }

    fn add_iface(
        &mut self,
        iface: &'a Interface,
        path: String,
        (owner_id, owner_name): (&'a str, &'a str),
    ) {
        let idx = self.ifaces.len();
        let owner_label = label(owner_id, owner_name);
        let head = owner_label.clone();
        self.add_in(Kind::Interface, path.clone(), &iface.id, "", idx, head);
        self.ifaces.push(Iface {
            iface,
            path,
            owner_label,
        });
    }

    /// The part with this id (the first, if several share it).
    pub fn part(&self, id: &str) -> Option<&Part<'a>> {
        self.by_id.get(id).map(|&i| &self.parts[i])
    }

    fn of_kind(&self, id: &str, kind: Kind) -> Option<usize> {
        self.part(id).filter(|p| p.kind == kind).map(|p| p.idx)
    }

    /// The VPC with this id.
    pub fn vpc(&self, id: &str) -> Option<&'a Vpc> {
        self.of_kind(id, Kind::Vpc).map(|i| &self.s.vpcs[i])
    }

    /// The subnet with this id.
    pub fn subnet(&self, id: &str) -> Option<&'a Subnet> {
        self.of_kind(id, Kind::Subnet).map(|i| &self.s.subnets[i])
    }

    /// The security group with this id.
    pub fn security_group(&self, id: &str) -> Option<&'a SecurityGroup> {
        self.of_kind(id, Kind::SecurityGroup)
            .map(|i| &self.s.security_groups[i])
    }

    /// The instance with this id.
    pub fn instance(&self, id: &str) -> Option<&'a Instance> {
        self.of_kind(id, Kind::Instance)
            .map(|i| &self.s.instances[i])
    }

    /// The NAT gateway with this id.
    pub fn nat_gateway(&self, id: &str) -> Option<&'a NatGateway> {
        self.of_kind(id, Kind::NatGateway)
            .map(|i| &self.s.nat_gateways[i])
    }

    /// The egress-only internet gateway with this id.
    pub fn egress_only_gateway(
        &self,
        id: &str,
    ) -> Option<&'a crate::model::EgressOnlyInternetGateway> {
        self.of_kind(id, Kind::EgressOnlyInternetGateway)
            .map(|i| &self.s.egress_only_internet_gateways[i])
    }

    /// The internet gateway with this id.
    pub fn internet_gateway(&self, id: &str) -> Option<&'a InternetGateway> {
        self.of_kind(id, Kind::InternetGateway)
            .map(|i| &self.s.internet_gateways[i])
    }

    /// The virtual private gateway with this id.
    pub fn vpn_gateway(&self, id: &str) -> Option<&'a crate::model::VpnGateway> {
        self.of_kind(id, Kind::VpnGateway)
            .map(|i| &self.s.vpn_gateways[i])
    }

    /// The peering connection with this id.
    pub fn peering(&self, id: &str) -> Option<&'a Peering> {
        self.of_kind(id, Kind::Peering).map(|i| &self.s.peerings[i])
    }

    /// The gateway endpoint with this id.
    pub fn gateway_endpoint(&self, id: &str) -> Option<&'a GatewayEndpoint> {
        self.of_kind(id, Kind::GatewayEndpoint)
            .map(|i| &self.s.gateway_endpoints[i])
    }

    /// The Gateway Load Balancer endpoint with this id.
    pub fn gwlb_endpoint(&self, id: &str) -> Option<&'a crate::model::GwlbEndpoint> {
        self.of_kind(id, Kind::GwlbEndpoint)
            .map(|i| &self.s.gwlb_endpoints[i])
    }

    /// The network interface with this id, with its owner.
    pub fn iface(&self, id: &str) -> Option<&Iface<'a>> {
        self.of_kind(id, Kind::Interface).map(|i| &self.ifaces[i])
    }

    /// The VPC of a subnet, if the subnet and its VPC exist.
    pub fn subnet_vpc(&self, subnet: &str) -> Option<&'a str> {
        self.subnet(subnet).and_then(|s| self.known_vpc(&s.vpc))
    }

    /// `vpc`, if it is the id of a VPC.
    pub fn known_vpc(&self, vpc: &'a str) -> Option<&'a str> {
        self.vpc(vpc).map(|_| vpc)
    }

    /// The VPC of an instance: that of its primary interface's subnet.
    pub fn instance_vpc(&self, id: &str) -> Option<&'a str> {
        let primary = self.instance(id)?.interfaces.first()?;
        self.subnet_vpc(&primary.subnet)
    }

    /// Whether an active peering connection joins VPCs `a` and `b`.
    pub fn peered(&self, a: &str, b: &str) -> bool {
        self.active_peerings.contains(&(a.min(b), a.max(b)))
    }

    /// Checks that `id`, found at `path` in the part named `part`, names a part of one of `kinds`;
    /// reports `unknown-reference` otherwise. Returns the part when it is right.
    pub fn check_ref(
        &self,
        out: &mut Vec<Problem>,
        path: String,
        part: &str,
        id: &str,
        kinds: &[Kind],
    ) -> Option<&Part<'a>> {
        let found = if id.is_empty() { None } else { self.part(id) };
        if let Some(p) = found.filter(|p| kinds.contains(&p.kind)) {
            return Some(p);
        }
        let found = if id.is_empty() {
            RefFound::Missing
        } else {
            match found {
                Some(p) => RefFound::Wrong {
                    id: id.to_string(),
                    kind: p.kind,
                    path: p.path.clone(),
                },
                None => RefFound::Nothing {
                    id: id.to_string(),
                    known: kinds
                        .iter()
                        .flat_map(|k| self.examples.get(k).into_iter().flatten())
                        .take(5)
                        .map(|k| k.to_string())
                        .collect(),
                },
            }
        };
        let message = Message::UnknownRef {
            wanted: kinds.to_vec(),
            found,
            address: false,
        };
        out.push(Problem::error("unknown-reference", path, part, message));
        None
    }
}
