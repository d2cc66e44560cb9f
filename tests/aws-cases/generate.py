#!/usr/bin/env python3
"""Writes the AWS-shaped test cases under tests/aws-cases/ from the compact definitions below.

Each case is a folder holding the JSON that `aws ec2 describe-*` prints for one small account
(describe-vpcs.json, describe-subnets.json, describe-route-tables.json, describe-network-acls.json,
describe-security-groups.json, describe-instances.json, describe-network-interfaces.json,
describe-internet-gateways.json, describe-nat-gateways.json, describe-vpc-peering-connections.json
and, where a case uses them, describe-prefix-lists.json, describe-vpc-endpoints.json and
describe-egress-only-internet-gateways.json), in the field shapes of the reference snapshots in
shared/scenarios/aws. queries.json lists flows through the cases with the verdict AWS gives and
the rule each one exercises.

Ids are stable: each is derived from the case and the part's name (17 hex digits, like
`sg-0d6819e7ee4f724a1`), so running the script again rewrites the same files.

Usage: python3 tests/aws-cases/generate.py   (stdlib only; rewrites the case folders)

Dual stack (IPv6): vpc(..., ipv6="2406:da12:d10:8200::/56") gives the VPC an Amazon-provided
IPv6 block, with what AWS adds for it: the IPv6 local route in every table, rule 101 (all ::/0)
in and out in the default ACL (unless `default_acl` is given), the IPv6 `*` rule (32768) in every
ACL of the VPC, and ::/0 in the default group's outbound rule. subnet(..., ipv6="...::/64") and
instance(..., ipv6="...::10") (or a list) add the subnet's block and the primary interface's
addresses; eigw(name, vpc) is an egress-only internet gateway. Groups made with sg() keep the
outbound default "-1 0.0.0.0/0" unless told otherwise (ALL_OUT6 adds ::/0).

Rule syntax in the definitions (a CIDR with ":" is IPv6 anywhere a CIDR goes):
  security group: "tcp 443 0.0.0.0/0", "tcp 8000-8080 sg:web", "-1 sg:default",
                  "icmp 8 10.0.0.0/16" (type 8), "icmp -1 0.0.0.0/0" (all ICMP),
                  "tcp 22 10.0.0.0/16,192.168.0.0/16" (one permission, several sources),
                  "tcp 443 pl:s3" (a prefix list), "tcp 443 0.0.0.0/0,::/0" (IpRanges and
                  Ipv6Ranges in one permission), "icmpv6 128 ::/0" (ICMPv6 echo request;
                  also "58"), "icmpv6 -1 2406:da12::/32" (all ICMPv6)
  network ACL:    "100 allow tcp 443 0.0.0.0/0", "110 allow tcp 1024-65535 0.0.0.0/0",
                  "120 allow icmp 8:-1 0.0.0.0/0" (type:code), "200 allow all 0.0.0.0/0",
                  "101 allow all ::/0" (Ipv6CidrBlock), "130 allow icmpv6 128:-1 ::/0"
                  (protocol 58; also "58")
  route:          (destination, target); the destination is an IPv4 CIDR, an IPv6 CIDR
                  (DestinationIpv6CidrBlock: ("::/0", "igw:shop")) or "pl:<prefix list>"
  route target:   "igw:<vpc>", "eigw:<eigw>", "nat:<nat>", "pcx:<peering>", "eni:<instance>",
                  "i:<instance>", "vpce:<endpoint>"; a route may end in " blackhole"
  query refs:     an instance name (its id), "eni:<instance>", "eip:<instance>" (its public IP),
                  "ip:<instance>" (its private IP), "ip6:<instance>" (its first IPv6 address)
                  or a literal IPv4 or IPv6 address; blocked_by names
                  "sg:<group>", "sg:default:<vpc>", "acl:<acl>", "acl:default:<vpc>",
                  "rtb:<table>", "rtb:main:<vpc>", "i:<instance>", "eni:<instance>", "nat:<nat>",
                  "pcx:<peering>", "igw:<vpc>", "eigw:<eigw>", "vpc:<vpc>" (or a list of them:
                  any one is right)
  query family:   query(..., ipv6=True) traces over the endpoints' IPv6 addresses (written as
                  "ipv6": true in queries.json, passed as FlowSpec.ipv6 / --ipv6); a literal
                  IPv6 address as either end implies it. Ping ("icmp") over IPv6 is ICMPv6.
"""

import hashlib
import ipaddress
import json
import os
import shutil
import sys

ACCOUNT = "123456789012"
REGION = "ap-northeast-2"
HERE = os.path.dirname(os.path.abspath(__file__))
PROTO_NUMBERS = {"all": "-1", "-1": "-1", "tcp": "6", "udp": "17", "icmp": "1", "icmpv6": "58",
                 "58": "58"}
ICMP_NAMES = ("icmp", "icmpv6", "58")


def is_v6(cidr):
    """Whether a CIDR or address is IPv6."""
    return ":" in cidr


def is_address(ref):
    try:
        ipaddress.ip_address(ref)
        return True
    except ValueError:
        return False


def aws_id(case, kind, name, prefix):
    digest = hashlib.sha256(f"{case}/{kind}/{name}".encode()).hexdigest()
    return f"{prefix}-0{digest[:16]}"


def tags(name):
    return [{"Key": "Name", "Value": name}]


def dns(ip):
    return f"ip-{ip.replace('.', '-')}.{REGION}.compute.internal"


def mac(case, name):
    h = hashlib.sha256(f"{case}/mac/{name}".encode()).hexdigest()
    return "02:" + ":".join(h[i:i + 2] for i in range(0, 10, 2))


class Case:
    """One account: VPCs and everything in them, plus the queries about it."""

    def __init__(self, name, about):
        self.name = name
        self.about = about
        self.vpcs = {}          # name -> dict(cidrs, igw, ipv6)
        self.subnets = {}       # name -> dict(vpc, cidr, az, public, ipv6)
        self.tables = {}        # name -> dict(vpc, subnets, routes, main)
        self.acls = {}          # name -> dict(vpc, subnets, inbound, outbound, default)
        self.groups = {}        # name -> dict(vpc, inbound, outbound, default, group_name)
        self.instances = {}     # name -> dict(...)
        self.nats = {}          # name -> dict(subnet, private, public, state, connectivity)
        self.peerings = {}      # name -> dict(requester, accepter, status)
        self.prefix_lists = {}  # name -> dict(id, pl_name, cidrs)
        self.endpoints = {}     # name -> dict(vpc, service, pl, tables)
        self.rds = {}           # name -> dict(subnet, ip, sgs, requester, description)
        self.gwlbes = {}        # name -> dict(subnet, ip)
        self.eigws = {}         # name -> dict(vpc)
        self.queries = []

    # -- ids ---------------------------------------------------------------------------------
    def id(self, kind, name, prefix):
        return aws_id(self.name, kind, name, prefix)

    def vpc_id(self, v):
        return self.id("vpc", v, "vpc")

    def subnet_id(self, s):
        return self.id("subnet", s, "subnet")

    def table_id(self, t):
        return self.id("rtb", t, "rtb")

    def acl_id(self, a):
        return self.id("acl", a, "acl")

    def sg_id(self, g):
        return self.id("sg", g, "sg")

    def instance_id(self, i):
        return self.id("instance", i, "i")

    def eni_id(self, owner, index=0):
        return self.id("eni", f"{owner}/{index}", "eni")

    def igw_id(self, v):
        return self.id("igw", v, "igw")

    def nat_id(self, n):
        return self.id("nat", n, "nat")

    def pcx_id(self, p):
        return self.id("pcx", p, "pcx")

    def vpce_id(self, e):
        return self.id("vpce", e, "vpce")

    def eigw_id(self, e):
        return self.id("eigw", e, "eigw")

    # -- definitions -------------------------------------------------------------------------
    def vpc(self, name, *cidrs, igw=False, default_acl=None, ipv6=None):
        """A VPC with its main route table, default ACL (allow all unless given) and default
        security group, as AWS creates them. With `ipv6` (an Amazon-provided /56) the VPC is
        dual stack: AWS adds rule 101 (all ::/0) to the default ACL both ways, and ::/0 to
        the default group's outbound rule."""
        self.vpcs[name] = {"cidrs": list(cidrs), "igw": igw, "ipv6": ipv6}
        self.tables[f"main:{name}"] = {"vpc": name, "subnets": [], "routes": [], "main": True,
                                       "name": f"{name}-main"}
        allow = ["100 allow all 0.0.0.0/0"] + (["101 allow all ::/0"] if ipv6 else [])
        inbound, outbound = default_acl or (list(allow), list(allow))
        self.acls[f"default:{name}"] = {"vpc": name, "subnets": [], "inbound": inbound,
                                        "outbound": outbound, "default": True, "name": ""}
        self.groups[f"default:{name}"] = {"vpc": name, "inbound": ["-1 sg:default:" + name],
                                          "outbound": ["-1 0.0.0.0/0,::/0" if ipv6
                                                       else "-1 0.0.0.0/0"],
                                          "default": True, "group_name": "default"}
        return self

    def subnet(self, name, vpc, cidr, az="a", public=False, ipv6=None):
        """A subnet; `ipv6` is its /64 from the VPC's IPv6 block."""
        self.subnets[name] = {"vpc": vpc, "cidr": cidr, "az": az, "public": public,
                              "ipv6": ipv6}
        return self

    def table(self, name, vpc, subnets=(), routes=(), edge=False):
        """A route table; when `edge`, it is also associated with the VPC's internet gateway
        (a gateway route table: ingress routing)."""
        self.tables[name] = {"vpc": vpc, "subnets": list(subnets), "routes": list(routes),
                             "main": False, "name": name, "edge": edge}
        return self

    def main_routes(self, vpc, *routes):
        self.tables[f"main:{vpc}"]["routes"].extend(routes)
        return self

    def acl(self, name, vpc, subnets, inbound, outbound):
        self.acls[name] = {"vpc": vpc, "subnets": list(subnets), "inbound": list(inbound),
                           "outbound": list(outbound), "default": False, "name": name}
        return self

    def sg(self, name, vpc, inbound=(), outbound=("-1 0.0.0.0/0",)):
        self.groups[name] = {"vpc": vpc, "inbound": list(inbound), "outbound": list(outbound),
                             "default": False, "group_name": name}
        return self

    def instance(self, name, subnet, ip, sgs, public=None, eip=False, windows=False,
                 check=True, state="running", extra=(), ipv6=None):
        """An instance; `extra` lists further interfaces as (subnet, ip, sgs); `ipv6` is the
        IPv6 address (or a list of them) of its primary interface."""
        if isinstance(ipv6, str):
            ipv6 = [ipv6]
        self.instances[name] = {"subnet": subnet, "ip": ip, "sgs": list(sgs), "public": public,
                                "eip": eip, "windows": windows, "check": check, "state": state,
                                "extra": list(extra), "ipv6": list(ipv6 or [])}
        return self

    def eigw(self, name, vpc):
        """An egress-only internet gateway attached to `vpc` (route target "eigw:<name>")."""
        self.eigws[name] = {"vpc": vpc}
        return self

    def nat(self, name, subnet, private, public=None, state="available", connectivity="public"):
        self.nats[name] = {"subnet": subnet, "private": private, "public": public,
                           "state": state, "connectivity": connectivity}
        return self

    def peering(self, name, requester, accepter, status="active"):
        self.peerings[name] = {"requester": requester, "accepter": accepter, "status": status}
        return self

    def prefix_list(self, name, pl_id, pl_name, cidrs):
        self.prefix_lists[name] = {"id": pl_id, "pl_name": pl_name, "cidrs": list(cidrs)}
        return self

    def gateway_endpoint(self, name, vpc, service, pl, tables):
        self.endpoints[name] = {"vpc": vpc, "service": service, "pl": pl,
                                "tables": list(tables)}
        return self

    def gwlb_endpoint(self, name, subnet, ip):
        """A Gateway Load Balancer endpoint with its interface at `ip` in `subnet`."""
        self.gwlbes[name] = {"subnet": subnet, "ip": ip}
        return self

    def rds_eni(self, name, subnet, ip, sgs):
        self.rds[name] = {"subnet": subnet, "ip": ip, "sgs": list(sgs)}
        return self

    def query(self, frm, to, proto, port, expect, blocked_by, why, ipv6=False):
        """A flow and the verdict AWS gives; `ipv6` traces it over the endpoints' IPv6
        addresses (implied when an end is a literal IPv6 address)."""
        self.queries.append((frm, to, proto, port, expect, blocked_by, why, ipv6))
        return self

    # -- reference resolution ----------------------------------------------------------------
    def endpoint(self, ref):
        if is_address(ref):
            return ref
        kind, _, name = ref.rpartition(":")
        if name in self.rds:
            if kind in ("", "eni"):
                return self.eni_id(f"rds/{name}")
            if kind == "ip":
                return self.rds[name]["ip"]
        inst = self.instances[name]
        if kind == "":
            return self.instance_id(name)
        if kind == "eni":
            return self.eni_id(name)
        if kind == "eip":
            return inst["public"]
        if kind == "ip":
            return inst["ip"]
        if kind == "ip6":
            return inst["ipv6"][0]
        raise ValueError(f"{self.name}: bad endpoint {ref}")

    def component(self, ref):
        if isinstance(ref, list):
            return [self.component(r) for r in ref]
        kind, _, name = ref.partition(":")
        resolve = {
            "sg": lambda n: self.sg_id(n) if n in self.groups else None,
            "acl": lambda n: self.acl_id(n) if n in self.acls else None,
            "rtb": lambda n: self.table_id(n) if n in self.tables else None,
            "i": lambda n: self.instance_id(n) if n in self.instances else None,
            "eni": lambda n: self.eni_id(n) if n in self.instances else None,
            "nat": lambda n: self.nat_id(n) if n in self.nats else None,
            "pcx": lambda n: self.pcx_id(n) if n in self.peerings else None,
            "igw": lambda n: self.igw_id(n) if self.vpcs.get(n, {}).get("igw") else None,
            "vpc": lambda n: self.vpc_id(n) if n in self.vpcs else None,
            "vpce": lambda n: self.vpce_id(n) if n in self.gwlbes else None,
            "eigw": lambda n: self.eigw_id(n) if n in self.eigws else None,
        }[kind]
        out = resolve(name)
        if out is None:
            raise ValueError(f"{self.name}: blocked_by {ref} names nothing")
        return out

    # -- describe-* output -------------------------------------------------------------------
    def az(self, letter):
        return REGION + letter

    def describe_vpcs(self):
        out = []
        for v, d in self.vpcs.items():
            vpc = {
                "CidrBlock": d["cidrs"][0],
                "DhcpOptionsId": self.id("dopt", v, "dopt"),
                "State": "available",
                "VpcId": self.vpc_id(v),
                "OwnerId": ACCOUNT,
                "InstanceTenancy": "default",
                "CidrBlockAssociationSet": [{
                    "AssociationId": self.id("vpc-cidr-assoc", f"{v}/{c}", "vpc-cidr-assoc"),
                    "CidrBlock": c,
                    "CidrBlockState": {"State": "associated"},
                } for c in d["cidrs"]],
                "IsDefault": False,
                "Tags": tags(v),
            }
            if d["ipv6"]:
                vpc["Ipv6CidrBlockAssociationSet"] = [{
                    "AssociationId": self.id("vpc-cidr-assoc", f"{v}/{d['ipv6']}",
                                             "vpc-cidr-assoc"),
                    "Ipv6CidrBlock": d["ipv6"],
                    "Ipv6CidrBlockState": {"State": "associated"},
                    "NetworkBorderGroup": REGION,
                    "Ipv6Pool": "Amazon",
                }]
            out.append(vpc)
        return {"Vpcs": out}

    def describe_subnets(self):
        out = []
        for s, d in self.subnets.items():
            prefix = int(d["cidr"].split("/")[1])
            sid = self.subnet_id(s)
            out.append({
                "AvailabilityZone": self.az(d["az"]),
                "AvailabilityZoneId": f"apne2-az{ord(d['az']) - ord('a') + 1}",
                "AvailableIpAddressCount": 2 ** (32 - prefix) - 5,
                "CidrBlock": d["cidr"],
                "DefaultForAz": False,
                "MapPublicIpOnLaunch": d["public"],
                "State": "available",
                "SubnetId": sid,
                "VpcId": self.vpc_id(d["vpc"]),
                "OwnerId": ACCOUNT,
                "AssignIpv6AddressOnCreation": False,
                "Ipv6CidrBlockAssociationSet": [{
                    "AssociationId": self.id("subnet-cidr-assoc", s, "subnet-cidr-assoc"),
                    "Ipv6CidrBlock": d["ipv6"],
                    "Ipv6CidrBlockState": {"State": "associated"},
                }] if d["ipv6"] else [],
                "Tags": tags(s),
                "SubnetArn": f"arn:aws:ec2:{REGION}:{ACCOUNT}:subnet/{sid}",
            })
        return {"Subnets": out}

    def route(self, dest, target):
        state = "active"
        if target.endswith(" blackhole"):
            target, state = target[: -len(" blackhole")], "blackhole"
        r = {}
        if dest.startswith("pl:"):
            r["DestinationPrefixListId"] = self.prefix_lists[dest[3:]]["id"]
        elif is_v6(dest):
            r["DestinationIpv6CidrBlock"] = dest
        else:
            r["DestinationCidrBlock"] = dest
        r["Origin"] = "CreateRoute"
        r["State"] = state
        kind, _, name = target.partition(":")
        if kind == "igw":
            r["GatewayId"] = self.igw_id(name)
        elif kind == "eigw":
            r["EgressOnlyInternetGatewayId"] = self.eigw_id(name)
        elif kind == "nat":
            r["NatGatewayId"] = self.nat_id(name)
        elif kind == "pcx":
            r["VpcPeeringConnectionId"] = self.pcx_id(name)
        elif kind in ("vpce", "gwlbe"):
            r["GatewayId"] = self.vpce_id(name)
        elif kind in ("eni", "i"):
            r["InstanceId"] = self.instance_id(name)
            r["InstanceOwnerId"] = ACCOUNT
            r["NetworkInterfaceId"] = self.eni_id(name)
        else:
            raise ValueError(f"{self.name}: bad route target {target}")
        return r

    def describe_route_tables(self):
        out = []
        for t, d in self.tables.items():
            tid = self.table_id(t)
            assoc = [{
                "Main": False,
                "RouteTableAssociationId": self.id("rtbassoc", f"{t}/{s}", "rtbassoc"),
                "RouteTableId": tid,
                "SubnetId": self.subnet_id(s),
                "AssociationState": {"State": "associated"},
            } for s in d["subnets"]]
            if d.get("edge"):
                assoc.append({
                    "Main": False,
                    "RouteTableAssociationId": self.id("rtbassoc", f"{t}/edge", "rtbassoc"),
                    "RouteTableId": tid,
                    "GatewayId": self.igw_id(d["vpc"]),
                    "AssociationState": {"State": "associated"},
                })
            if d["main"]:
                assoc.insert(0, {
                    "Main": True,
                    "RouteTableAssociationId": self.id("rtbassoc", f"{t}/main", "rtbassoc"),
                    "RouteTableId": tid,
                    "AssociationState": {"State": "associated"},
                })
            routes = [{
                "DestinationCidrBlock": c,
                "GatewayId": "local",
                "Origin": "CreateRouteTable",
                "State": "active",
            } for c in self.vpcs[d["vpc"]]["cidrs"]]
            if self.vpcs[d["vpc"]]["ipv6"]:
                routes.append({
                    "DestinationIpv6CidrBlock": self.vpcs[d["vpc"]]["ipv6"],
                    "GatewayId": "local",
                    "Origin": "CreateRouteTable",
                    "State": "active",
                })
            routes += [self.route(dest, target) for dest, target in d["routes"]]
            out.append({
                "Associations": assoc,
                "PropagatingVgws": [],
                "RouteTableId": tid,
                "Routes": routes,
                "Tags": tags(d["name"] if not d["main"] else f"main-{self.vpc_id(d['vpc'])}"),
                "VpcId": self.vpc_id(d["vpc"]),
                "OwnerId": ACCOUNT,
            })
        return {"RouteTables": out}

    @staticmethod
    def acl_entry(text, egress):
        words = text.split()
        number, action, proto = int(words[0]), words[1], words[2]
        cidr = "Ipv6CidrBlock" if is_v6(words[-1]) else "CidrBlock"
        e = {cidr: words[-1], "Egress": egress, "Protocol": PROTO_NUMBERS[proto],
             "RuleAction": action, "RuleNumber": number}
        if len(words) == 5:
            if proto in ICMP_NAMES:
                t, c = words[3].split(":")
                e["IcmpTypeCode"] = {"Code": int(c), "Type": int(t)}
            else:
                a, _, b = words[3].partition("-")
                e["PortRange"] = {"From": int(a), "To": int(b or a)}
        elif proto in ICMP_NAMES:
            e["IcmpTypeCode"] = {"Code": -1, "Type": -1}
        return e

    def describe_network_acls(self):
        custom = {s for d in self.acls.values() if not d["default"] for s in d["subnets"]}
        out = []
        for a, d in self.acls.items():
            subnets = d["subnets"]
            if d["default"]:
                subnets = [s for s, sd in self.subnets.items()
                           if sd["vpc"] == d["vpc"] and s not in custom]
            aid = self.acl_id(a)
            entries = []
            for egress, rules in ((False, d["inbound"]), (True, d["outbound"])):
                entries += [self.acl_entry(r, egress) for r in rules]
                entries.append({"CidrBlock": "0.0.0.0/0", "Egress": egress, "Protocol": "-1",
                                "RuleAction": "deny", "RuleNumber": 32767})
                if self.vpcs[d["vpc"]]["ipv6"]:
                    entries.append({"Egress": egress, "Ipv6CidrBlock": "::/0", "Protocol": "-1",
                                    "RuleAction": "deny", "RuleNumber": 32768})
            out.append({
                "Associations": [{
                    "NetworkAclAssociationId": self.id("aclassoc", f"{a}/{s}", "aclassoc"),
                    "NetworkAclId": aid,
                    "SubnetId": self.subnet_id(s),
                } for s in subnets],
                "Entries": entries,
                "IsDefault": d["default"],
                "NetworkAclId": aid,
                "Tags": [] if d["default"] else tags(d["name"]),
                "VpcId": self.vpc_id(d["vpc"]),
                "OwnerId": ACCOUNT,
            })
        return {"NetworkAcls": out}

    def peering_between(self, a, b):
        for name, d in self.peerings.items():
            if {d["requester"], d["accepter"]} == {a, b}:
                return name, d["status"]
        return None, None

    def permission(self, text, vpc):
        words = text.split()
        proto = words[0]
        p = {"IpProtocol": proto, "IpRanges": [], "Ipv6Ranges": [], "PrefixListIds": [],
             "UserIdGroupPairs": []}
        if len(words) == 3:
            ports = words[1]
            if proto in ICMP_NAMES:
                p["FromPort"], p["ToPort"] = int(ports), -1
            else:
                a, _, b = ports.partition("-")
                p["FromPort"], p["ToPort"] = int(a), int(b or a)
        for src in words[-1].split(","):
            if src.startswith("sg:"):
                pair = {"GroupId": self.sg_id(src[3:]), "UserId": ACCOUNT}
                other = self.groups[src[3:]]["vpc"]
                if other != vpc:
                    # A group of a peered VPC: AWS names the VPC and the peering.
                    pcx, status = self.peering_between(vpc, other)
                    pair["VpcId"] = self.vpc_id(other)
                    if pcx:
                        pair["VpcPeeringConnectionId"] = self.pcx_id(pcx)
                        pair["PeeringStatus"] = status
                p["UserIdGroupPairs"].append(pair)
            elif src.startswith("pl:"):
                p["PrefixListIds"].append({"PrefixListId": self.prefix_lists[src[3:]]["id"]})
            elif is_v6(src):
                p["Ipv6Ranges"].append({"CidrIpv6": src})
            else:
                p["IpRanges"].append({"CidrIp": src})
        return p

    def describe_security_groups(self):
        out = []
        for g, d in self.groups.items():
            sg = {
                "Description": "default VPC security group" if d["default"] else d["group_name"],
                "GroupName": d["group_name"],
                "IpPermissions": [self.permission(r, d["vpc"]) for r in d["inbound"]],
                "OwnerId": ACCOUNT,
                "GroupId": self.sg_id(g),
                "IpPermissionsEgress": [self.permission(r, d["vpc"]) for r in d["outbound"]],
                "VpcId": self.vpc_id(d["vpc"]),
            }
            if not d["default"]:
                sg["Tags"] = tags(d["group_name"])
            out.append(sg)
        return {"SecurityGroups": out}

    def association(self, key, public, eip):
        if eip:
            return {"AllocationId": self.id("eipalloc", key, "eipalloc"),
                    "AssociationId": self.id("eipassoc", key, "eipassoc"),
                    "IpOwnerId": ACCOUNT, "PublicDnsName": "", "PublicIp": public}
        return {"IpOwnerId": "amazon", "PublicDnsName": "", "PublicIp": public}

    def interfaces_of(self, name):
        """(index, subnet, ip, sgs, public) for each interface of an instance."""
        d = self.instances[name]
        public = d["public"] if d["state"] == "running" or d["eip"] else None
        yield 0, d["subnet"], d["ip"], d["sgs"], public
        for k, (subnet, ip, sgs) in enumerate(d["extra"], start=1):
            yield k, subnet, ip, sgs, None

    def ipv6_addresses(self, name, k):
        """The Ipv6Addresses of interface `k` of an instance (only the primary one has any)."""
        if k != 0:
            return []
        return [{"Ipv6Address": a, "IsPrimaryIpv6": False} for a in self.instances[name]["ipv6"]]

    def instance_eni(self, name, k, subnet, ip, sgs, public, for_instance):
        d = self.instances[name]
        vpc = self.subnets[subnet]["vpc"]
        groups = [{"GroupName": self.groups[g]["group_name"], "GroupId": self.sg_id(g)}
                  for g in sgs]
        private = {"Primary": True, "PrivateIpAddress": ip, "PrivateDnsName": dns(ip)}
        if public:
            private["Association"] = self.association(f"{name}/{k}", public, d["eip"])
        attachment = {
            "AttachmentId": self.id("eni-attach", f"{name}/{k}", "eni-attach"),
            "DeleteOnTermination": k == 0,
            "DeviceIndex": k,
            "Status": "attached",
            "NetworkCardIndex": 0,
        }
        if for_instance:
            e = {"Description": "", "Groups": groups,
                 "Ipv6Addresses": self.ipv6_addresses(name, k),
                 "MacAddress": mac(self.name, f"{name}/{k}"),
                 "NetworkInterfaceId": self.eni_id(name, k), "OwnerId": ACCOUNT,
                 "PrivateDnsName": dns(ip), "PrivateIpAddress": ip,
                 "PrivateIpAddresses": [private], "SourceDestCheck": d["check"],
                 "Status": "in-use", "SubnetId": self.subnet_id(subnet),
                 "VpcId": self.vpc_id(vpc), "InterfaceType": "interface",
                 "Attachment": attachment}
        else:
            attachment["InstanceId"] = self.instance_id(name)
            attachment["InstanceOwnerId"] = ACCOUNT
            e = {"AvailabilityZone": self.az(self.subnets[subnet]["az"]), "Description": "",
                 "Groups": groups, "InterfaceType": "interface",
                 "Ipv6Addresses": self.ipv6_addresses(name, k),
                 "MacAddress": mac(self.name, f"{name}/{k}"),
                 "NetworkInterfaceId": self.eni_id(name, k), "OwnerId": ACCOUNT,
                 "PrivateDnsName": dns(ip), "PrivateIpAddress": ip,
                 "PrivateIpAddresses": [private], "RequesterManaged": False,
                 "SourceDestCheck": d["check"], "Status": "in-use",
                 "SubnetId": self.subnet_id(subnet), "TagSet": [], "VpcId": self.vpc_id(vpc),
                 "Attachment": attachment}
        if for_instance:
            attachment["InstanceId"] = self.instance_id(name)
            attachment["InstanceOwnerId"] = ACCOUNT
        if public:
            e["Association"] = self.association(f"{name}/{k}", public, d["eip"])
        return e

    def describe_instances(self):
        reservations = []
        for name, d in self.instances.items():
            ip, subnet = d["ip"], d["subnet"]
            vpc = self.subnets[subnet]["vpc"]
            running = d["state"] == "running"
            enis = [self.instance_eni(name, k, s, i, g, p, True)
                    for k, s, i, g, p in self.interfaces_of(name)]
            public = enis[0].get("Association", {}).get("PublicIp")
            inst = {
                "AmiLaunchIndex": 0,
                "ImageId": "ami-0e4a9ad2eb120e054" if d["windows"] else "ami-0c9c942bd7bf113a2",
                "InstanceId": self.instance_id(name),
                "InstanceType": "t3.medium",
                "KeyName": "helloAWS",
                "LaunchTime": "2024-11-23T01:00:00+00:00",
                "Monitoring": {"State": "disabled"},
                "Placement": {"AvailabilityZone": self.az(self.subnets[subnet]["az"]),
                              "GroupName": "", "Tenancy": "default"},
                "PrivateDnsName": dns(ip),
                "PrivateIpAddress": ip,
                "ProductCodes": [],
                "PublicDnsName": "",
                "State": {"Code": 16, "Name": "running"} if running
                else {"Code": 80, "Name": "stopped"},
                "SubnetId": self.subnet_id(subnet),
                "VpcId": self.vpc_id(vpc),
                "Architecture": "x86_64",
                "NetworkInterfaces": enis,
                "SecurityGroups": [{"GroupName": self.groups[g]["group_name"],
                                    "GroupId": self.sg_id(g)} for g in d["sgs"]],
                "SourceDestCheck": d["check"],
                "Tags": tags(name),
            }
            if d["windows"]:
                inst["Platform"] = "windows"
                inst["PlatformDetails"] = "Windows"
            if not running:
                inst["StateReason"] = {"Code": "Client.UserInitiatedShutdown",
                                       "Message": "Client.UserInitiatedShutdown: User "
                                                  "initiated shutdown"}
                inst["StateTransitionReason"] = "User initiated (2024-11-23 02:00:00 GMT)"
            if public:
                inst["PublicIpAddress"] = public
            reservations.append({"Groups": [], "Instances": [inst], "OwnerId": ACCOUNT,
                                 "ReservationId": self.id("r", name, "r")})
        return {"Reservations": reservations}

    def describe_network_interfaces(self):
        out = []
        for n, d in self.nats.items():
            if d["state"] in ("deleted", "deleting", "failed"):
                continue
            sub = self.subnets[d["subnet"]]
            private = {"Primary": True, "PrivateIpAddress": d["private"],
                       "PrivateDnsName": dns(d["private"])}
            e = {"AvailabilityZone": self.az(sub["az"]),
                 "Description": f"Interface for NAT Gateway {self.nat_id(n)}",
                 "Groups": [], "InterfaceType": "nat_gateway", "Ipv6Addresses": [],
                 "MacAddress": mac(self.name, f"nat/{n}"),
                 "NetworkInterfaceId": self.eni_id(f"nat/{n}"), "OwnerId": ACCOUNT,
                 "PrivateDnsName": dns(d["private"]), "PrivateIpAddress": d["private"],
                 "PrivateIpAddresses": [private], "RequesterManaged": True,
                 "SourceDestCheck": False, "Status": "in-use",
                 "SubnetId": self.subnet_id(d["subnet"]), "TagSet": [],
                 "VpcId": self.vpc_id(sub["vpc"]), "RequesterId": "AWS"}
            if d["public"]:
                assoc = self.association(f"nat/{n}", d["public"], True)
                private["Association"] = assoc
                e["Association"] = assoc
            out.append(e)
        for name in self.instances:
            for k, s, i, g, p in self.interfaces_of(name):
                out.append(self.instance_eni(name, k, s, i, g, p, False))
        for n, d in self.gwlbes.items():
            sub = self.subnets[d["subnet"]]
            out.append({
                "AvailabilityZone": self.az(sub["az"]),
                "Description": f"VPC Endpoint Interface {self.vpce_id(n)}",
                "Groups": [], "InterfaceType": "gateway_load_balancer_endpoint",
                "Ipv6Addresses": [], "MacAddress": mac(self.name, f"gwlbe/{n}"),
                "NetworkInterfaceId": self.eni_id(f"gwlbe/{n}"), "OwnerId": ACCOUNT,
                "PrivateDnsName": dns(d["ip"]), "PrivateIpAddress": d["ip"],
                "PrivateIpAddresses": [{"Primary": True, "PrivateIpAddress": d["ip"],
                                        "PrivateDnsName": dns(d["ip"])}],
                "RequesterId": "AWS", "RequesterManaged": True, "SourceDestCheck": True,
                "Status": "in-use", "SubnetId": self.subnet_id(d["subnet"]), "TagSet": [],
                "VpcId": self.vpc_id(sub["vpc"])})
        for n, d in self.rds.items():
            sub = self.subnets[d["subnet"]]
            out.append({
                "AvailabilityZone": self.az(sub["az"]), "Description": "RDSNetworkInterface",
                "Groups": [{"GroupName": self.groups[g]["group_name"], "GroupId": self.sg_id(g)}
                           for g in d["sgs"]],
                "InterfaceType": "interface", "Ipv6Addresses": [],
                "MacAddress": mac(self.name, f"rds/{n}"),
                "NetworkInterfaceId": self.eni_id(f"rds/{n}"), "OwnerId": ACCOUNT,
                "PrivateDnsName": dns(d["ip"]), "PrivateIpAddress": d["ip"],
                "PrivateIpAddresses": [{"Primary": True, "PrivateIpAddress": d["ip"],
                                        "PrivateDnsName": dns(d["ip"])}],
                "RequesterId": "amazon-rds", "RequesterManaged": True,
                "SourceDestCheck": True, "Status": "in-use",
                "SubnetId": self.subnet_id(d["subnet"]), "TagSet": [],
                "VpcId": self.vpc_id(sub["vpc"]),
                "Attachment": {"AttachmentId": self.id("eni-attach", f"rds/{n}", "eni-attach"),
                               "DeleteOnTermination": False, "DeviceIndex": 1,
                               "InstanceOwnerId": "amazon-rds", "Status": "attached",
                               "NetworkCardIndex": 0},
            })
        return {"NetworkInterfaces": out}

    def describe_internet_gateways(self):
        return {"InternetGateways": [{
            "Attachments": [{"State": "available", "VpcId": self.vpc_id(v)}],
            "InternetGatewayId": self.igw_id(v),
            "OwnerId": ACCOUNT,
            "Tags": tags(f"{v}-igw"),
        } for v, d in self.vpcs.items() if d["igw"]]}

    def describe_egress_only_internet_gateways(self):
        return {"EgressOnlyInternetGateways": [{
            "Attachments": [{"State": "attached", "VpcId": self.vpc_id(d["vpc"])}],
            "EgressOnlyInternetGatewayId": self.eigw_id(e),
            "Tags": tags(e),
        } for e, d in self.eigws.items()]}

    def describe_nat_gateways(self):
        out = []
        for n, d in self.nats.items():
            sub = self.subnets[d["subnet"]]
            address = {"NetworkInterfaceId": self.eni_id(f"nat/{n}"), "PrivateIp": d["private"],
                       "IsPrimary": True, "Status": "succeeded"}
            if d["public"]:
                address = {"AllocationId": self.id("eipalloc", f"nat/{n}", "eipalloc"),
                           **address, "PublicIp": d["public"],
                           "AssociationId": self.id("eipassoc", f"nat/{n}", "eipassoc")}
            g = {"CreateTime": "2024-11-23T01:00:00+00:00",
                 "NatGatewayAddresses": [address],
                 "NatGatewayId": self.nat_id(n),
                 "State": d["state"],
                 "SubnetId": self.subnet_id(d["subnet"]),
                 "VpcId": self.vpc_id(sub["vpc"]),
                 "Tags": tags(n),
                 "ConnectivityType": d["connectivity"]}
            if d["state"] == "deleted":
                g["DeleteTime"] = "2024-11-23T03:00:00+00:00"
            out.append(g)
        return {"NatGateways": out}

    def describe_vpc_peering_connections(self):
        def info(v):
            extra = {}
            if self.vpcs[v]["ipv6"]:
                extra["Ipv6CidrBlockSet"] = [{"Ipv6CidrBlock": self.vpcs[v]["ipv6"]}]
            return {"CidrBlock": self.vpcs[v]["cidrs"][0], **extra,
                    "CidrBlockSet": [{"CidrBlock": c} for c in self.vpcs[v]["cidrs"]],
                    "OwnerId": ACCOUNT,
                    "PeeringOptions": {"AllowDnsResolutionFromRemoteVpc": False,
                                       "AllowEgressFromLocalClassicLinkToRemoteVpc": False,
                                       "AllowEgressFromLocalVpcToRemoteClassicLink": False},
                    "VpcId": self.vpc_id(v),
                    "Region": REGION}
        messages = {"active": "Active",
                    "pending-acceptance": "Pending Acceptance by " + ACCOUNT,
                    "deleted": "Deleted by " + ACCOUNT}
        return {"VpcPeeringConnections": [{
            "AccepterVpcInfo": info(d["accepter"]),
            "RequesterVpcInfo": info(d["requester"]),
            "Status": {"Code": d["status"], "Message": messages[d["status"]]},
            "Tags": tags(p),
            "VpcPeeringConnectionId": self.pcx_id(p),
        } for p, d in self.peerings.items()]}

    def describe_prefix_lists(self):
        return {"PrefixLists": [{"Cidrs": d["cidrs"], "PrefixListId": d["id"],
                                 "PrefixListName": d["pl_name"]}
                                for d in self.prefix_lists.values()]}

    def describe_vpc_endpoints(self):
        gwlb = [{
            "VpcEndpointId": self.vpce_id(e),
            "VpcEndpointType": "GatewayLoadBalancer",
            "VpcId": self.vpc_id(self.subnets[d["subnet"]]["vpc"]),
            "ServiceName": f"com.amazonaws.vpce.{REGION}.vpce-svc-{self.vpce_id(e)[5:]}",
            "State": "available",
            "RouteTableIds": [],
            "SubnetIds": [self.subnet_id(d["subnet"])],
            "Groups": [],
            "PrivateDnsEnabled": False,
            "RequesterManaged": False,
            "NetworkInterfaceIds": [self.eni_id(f"gwlbe/{e}")],
            "DnsEntries": [],
            "CreationTimestamp": "2024-11-23T01:00:00+00:00",
            "Tags": tags(e),
            "OwnerId": ACCOUNT,
        } for e, d in self.gwlbes.items()]
        return {"VpcEndpoints": gwlb + [{
            "VpcEndpointId": self.vpce_id(e),
            "VpcEndpointType": "Gateway",
            "VpcId": self.vpc_id(d["vpc"]),
            "ServiceName": d["service"],
            "State": "available",
            "PolicyDocument": "{\"Version\":\"2008-10-17\",\"Statement\":[{\"Effect\":"
                              "\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":"
                              "\"*\"}]}",
            "RouteTableIds": [self.table_id(t) for t in d["tables"]],
            "SubnetIds": [],
            "Groups": [],
            "PrivateDnsEnabled": False,
            "RequesterManaged": False,
            "NetworkInterfaceIds": [],
            "DnsEntries": [],
            "CreationTimestamp": "2024-11-23T01:00:00+00:00",
            "Tags": tags(e),
            "OwnerId": ACCOUNT,
        } for e, d in self.endpoints.items()]}

    def files(self):
        out = {
            "describe-vpcs.json": self.describe_vpcs(),
            "describe-subnets.json": self.describe_subnets(),
            "describe-route-tables.json": self.describe_route_tables(),
            "describe-network-acls.json": self.describe_network_acls(),
            "describe-security-groups.json": self.describe_security_groups(),
            "describe-instances.json": self.describe_instances(),
            "describe-network-interfaces.json": self.describe_network_interfaces(),
            "describe-internet-gateways.json": self.describe_internet_gateways(),
            "describe-nat-gateways.json": self.describe_nat_gateways(),
            "describe-vpc-peering-connections.json": self.describe_vpc_peering_connections(),
        }
        if self.prefix_lists:
            out["describe-prefix-lists.json"] = self.describe_prefix_lists()
        if self.endpoints or self.gwlbes:
            out["describe-vpc-endpoints.json"] = self.describe_vpc_endpoints()
        if self.eigws:
            out["describe-egress-only-internet-gateways.json"] = (
                self.describe_egress_only_internet_gateways())
        return out

    def query_entries(self):
        out = []
        for frm, to, proto, port, expect, blocked_by, why, ipv6 in self.queries:
            assert expect in ("established", "not-established"), expect
            assert (blocked_by is None) == (expect == "established") or blocked_by is None
            assert why, f"{self.name}: every query says why"
            entry = {
                "case": self.name,
                "from": self.endpoint(frm),
                "to": self.endpoint(to),
                "proto": proto,
                "port": port,
                "expect": expect,
                "blocked_by": None if blocked_by is None else self.component(blocked_by),
                "why": why,
            }
            if ipv6:
                entry["ipv6"] = True
            out.append(entry)
        return out


CASES = []


def case(name, about):
    c = Case(name, about)
    CASES.append(c)
    return c


# Addresses on the internet used by the queries.
CLIENT = "192.0.2.44"        # a client somewhere on the internet (OS unknown: 1024-65535)
SITE = "151.101.1.69"        # a web site
DNS = "8.8.8.8"              # a public DNS resolver
ALL_OUT = ("-1 0.0.0.0/0",)


def web_vpc(c, vpc="shop", cidr="10.20.0.0/16", base="10.20", public_prefix="13.125.20"):
    """A VPC with an internet gateway, a public subnet (<vpc>-public-a, routed to the gateway
    by <vpc>-public-rt) and a private subnet (<vpc>-app-a, on the main table). Group <vpc>-web
    admits 443 and 80 from anywhere; <vpc>-app admits 8080 from <vpc>-web."""
    c.vpc(vpc, cidr, igw=True)
    c.subnet(f"{vpc}-public-a", vpc, f"{base}.0.0/24", public=True)
    c.subnet(f"{vpc}-app-a", vpc, f"{base}.1.0/24")
    c.table(f"{vpc}-public-rt", vpc, [f"{vpc}-public-a"], [("0.0.0.0/0", f"igw:{vpc}")])
    c.sg(f"{vpc}-web", vpc, ["tcp 443 0.0.0.0/0", "tcp 80 0.0.0.0/0"])
    c.sg(f"{vpc}-app", vpc, [f"tcp 8080 sg:{vpc}-web"])
    return c


def nat_vpc(c, nat_acl=None):
    """web_vpc plus NAT gateway `nat` in the public subnet, the app subnet on its own table
    (0.0.0.0/0 → nat), web-1 (public) and app-1 (private)."""
    web_vpc(c)
    c.nat("nat", "shop-public-a", "10.20.0.30", "13.125.20.30")
    c.table("shop-app-rt", "shop", ["shop-app-a"], [("0.0.0.0/0", "nat:nat")])
    c.instance("web-1", "shop-public-a", "10.20.0.10", ["shop-web"], public="13.125.20.10")
    c.instance("app-1", "shop-app-a", "10.20.1.10", ["shop-app"])
    if nat_acl:
        c.acl("public-acl", "shop", ["shop-public-a"], *nat_acl)
    return c


# ---------------------------------------------------------------------------------------------
# NAT gateways
# ---------------------------------------------------------------------------------------------

(nat_vpc(case("nat-gateway-out", "Private instances reach the internet through a NAT gateway"))
 .query("app-1", SITE, "tcp", 443, "established", None,
        "a private subnet routes 0.0.0.0/0 to a NAT gateway, which translates the source to its "
        "private IP and is routed by its own subnet's table to the internet gateway")
 .query("app-1", DNS, "udp", 53, "established", None,
        "a NAT gateway translates UDP as well as TCP; the resolver's reply returns through it")
 .query("app-1", SITE, "icmp", None, "established", None,
        "a NAT gateway translates ICMP echo, so ping to the internet works from a private subnet")
 .query(CLIENT, "app-1", "tcp", 8080, "not-established", "i:app-1",
        "an instance without a public IP cannot be reached from the internet, NAT gateway or not")
 .query(CLIENT, "13.125.20.30", "tcp", 22, "not-established", "nat:nat",
        "a NAT gateway never admits connections that start on the internet")
 .query("web-1", "app-1", "tcp", 8080, "established", None,
        "the NAT route does not affect traffic inside the VPC: the local route wins"))

(nat_vpc(case("nat-gateway-subnet-acl-denies", "The NAT gateway's subnet ACL inbound applies to "
                                               "traffic from the private subnet"),
         nat_acl=(["90 deny all 10.20.1.0/24", "100 allow all 0.0.0.0/0"],
                  ["100 allow all 0.0.0.0/0"]))
 .query("app-1", SITE, "tcp", 443, "not-established", "acl:public-acl",
        "traffic to a NAT gateway enters the NAT gateway's subnet, whose network ACL inbound "
        "rules apply (rule 90 denies the private subnet)")
 .query(CLIENT, "web-1", "tcp", 443, "established", None,
        "rule 90 denies only the private subnet's addresses; the internet client is allowed by "
        "rule 100"))

(nat_vpc(case("nat-gateway-acl-partial-ephemeral",
              "The NAT gateway's subnet lets replies in only to part of the NAT's port range"),
         nat_acl=(["100 allow all 10.20.0.0/16", "110 allow tcp 32768-65535 0.0.0.0/0"],
                  ["100 allow all 0.0.0.0/0"]))
 .query("app-1", SITE, "tcp", 443, "not-established", "acl:public-acl",
        "a NAT gateway picks source ports from 1024-65535; replies enter its subnet through the "
        "ACL, which allows only 32768-65535, so the flow depends on the port the NAT picks"))

(nat_vpc(case("nat-gateway-acl-full-ephemeral",
              "The NAT gateway's subnet lets replies in to the NAT's whole port range"),
         nat_acl=(["100 allow all 10.20.0.0/16", "110 allow tcp 1024-65535 0.0.0.0/0"],
                  ["100 allow all 0.0.0.0/0"]))
 .query("app-1", SITE, "tcp", 443, "established", None,
        "the ACL of the NAT gateway's subnet allows replies to 1024-65535, the NAT gateway's "
        "whole ephemeral range")
 .query("app-1", DNS, "udp", 53, "not-established", "acl:public-acl",
        "network ACLs are stateless and per protocol: rule 110 allows only TCP replies, so the "
        "UDP reply from the resolver is denied by the * rule"))

(web_vpc(case("nat-gateway-without-igw-route",
              "A NAT gateway placed in a subnet that has no route to the internet gateway"))
 .subnet("shop-nat-a", "shop", "10.20.2.0/24")
 .nat("nat", "shop-nat-a", "10.20.2.30", "13.125.20.30")
 .table("shop-app-rt", "shop", ["shop-app-a"], [("0.0.0.0/0", "nat:nat")])
 .instance("app-1", "shop-app-a", "10.20.1.10", ["shop-app"])
 .query("app-1", SITE, "tcp", 443, "not-established", "rtb:main:shop",
        "a NAT gateway is routed by its own subnet's route table; shop-nat-a uses the main "
        "table, which has no route to the internet gateway"))

(web_vpc(case("nat-gateway-deleted-blackhole",
              "The NAT gateway was deleted; the private route to it is a blackhole"))
 .nat("old-nat", "shop-public-a", "10.20.0.30", "13.125.20.30", state="deleted")
 .table("shop-app-rt", "shop", ["shop-app-a"], [("0.0.0.0/0", "nat:old-nat blackhole")])
 .instance("app-1", "shop-app-a", "10.20.1.10", ["shop-app"])
 .instance("web-1", "shop-public-a", "10.20.0.10", ["shop-web"], public="13.125.20.10")
 .query("app-1", SITE, "tcp", 443, "not-established", "rtb:shop-app-rt",
        "a route whose target was deleted stays in the table in state blackhole and drops what "
        "it matches")
 .query("web-1", "app-1", "tcp", 8080, "established", None,
        "the blackhole route covers 0.0.0.0/0 only; the local route still carries VPC traffic"))

(web_vpc(case("nat-gateway-private-connectivity",
              "A private NAT gateway cannot give a private subnet internet access"))
 .nat("private-nat", "shop-public-a", "10.20.0.31", None, connectivity="private")
 .table("shop-app-rt", "shop", ["shop-app-a"], [("0.0.0.0/0", "nat:private-nat")])
 .instance("app-1", "shop-app-a", "10.20.1.10", ["shop-app"])
 .query("app-1", SITE, "tcp", 443, "not-established", ["nat:private-nat", "igw:shop"],
        "a private NAT gateway translates to its private IP only; the internet gateway drops "
        "traffic from an address without a public IP"))

# ---------------------------------------------------------------------------------------------
# NAT instances and appliances: the source/destination check
# ---------------------------------------------------------------------------------------------


def nat_instance_vpc(c, check, natbox_in=("-1 10.20.1.0/24",)):
    web_vpc(c)
    c.sg("natbox", "shop", list(natbox_in))
    c.instance("natbox", "shop-public-a", "10.20.0.40", ["natbox"], public="13.125.20.40",
               eip=True, check=check)
    c.table("shop-app-rt", "shop", ["shop-app-a"], [("0.0.0.0/0", "i:natbox")])
    c.instance("app-1", "shop-app-a", "10.20.1.10", ["shop-app"])
    return c


(nat_instance_vpc(case("nat-instance-check-on",
                       "A NAT instance whose source/destination check is still on"), True)
 .query("app-1", SITE, "tcp", 443, "not-established", ["i:natbox", "eni:natbox"],
        "an instance forwards traffic that is not addressed to it only when its "
        "source/destination check is off"))

(nat_instance_vpc(case("nat-instance-check-off",
                       "A NAT instance with the source/destination check off"), False)
 .query("app-1", SITE, "tcp", 443, "established", None,
        "with the check off, the NAT instance translates the source to its own address and its "
        "Elastic IP carries the traffic through the internet gateway")
 .query("app-1", SITE, "icmp", None, "established", None,
        "the NAT instance forwards ICMP too; its security group admits all traffic from the "
        "private subnet"))

(nat_instance_vpc(case("nat-instance-sg-blocks",
                       "A NAT instance whose security group admits only HTTP from the private "
                       "subnet"), False, natbox_in=("tcp 80 10.20.1.0/24",))
 .query("app-1", SITE, "tcp", 443, "not-established", "sg:natbox",
        "a NAT instance's security groups apply to the traffic it forwards: https from the "
        "private subnet is not admitted")
 .query("app-1", SITE, "tcp", 80, "established", None,
        "http is admitted by the NAT instance's group, and the reply is tracked"))


def appliance_vpc(c, check):
    web_vpc(c)
    c.subnet("shop-fw-a", "shop", "10.20.9.0/24")
    c.table("shop-fw-rt", "shop", ["shop-fw-a"], [("0.0.0.0/0", "igw:shop")])
    c.sg("firewall", "shop", ["-1 10.20.0.0/16"])
    c.instance("fw-1", "shop-fw-a", "10.20.9.10", ["firewall"], check=check)
    c.table("shop-app-rt", "shop", ["shop-app-a"], [("0.0.0.0/0", "eni:fw-1")])
    c.instance("app-1", "shop-app-a", "10.20.1.10", ["shop-app"], public="13.125.20.11")
    return c


(appliance_vpc(case("appliance-check-on",
                    "Egress routed through a firewall appliance whose check is on"), True)
 .query("app-1", SITE, "tcp", 443, "not-established", ["i:fw-1", "eni:fw-1"],
        "a firewall appliance receiving traffic for other addresses drops it while its "
        "source/destination check is on"))

(appliance_vpc(case("appliance-check-off",
                    "Egress routed through a firewall appliance with the check off"), False)
 .query("app-1", SITE, "tcp", 443, "established", None,
        "with the check off the appliance forwards without translating, and the internet "
        "gateway translates app-1's private address to its public IP"))

# ---------------------------------------------------------------------------------------------
# Route tables
# ---------------------------------------------------------------------------------------------

(case("main-route-table-public", "A subnet without an explicit association uses the main table")
 .vpc("lab", "10.30.0.0/16", igw=True)
 .main_routes("lab", ("0.0.0.0/0", "igw:lab"))
 .subnet("lab-a", "lab", "10.30.0.0/24", public=True)
 .sg("lab-web", "lab", ["tcp 443 0.0.0.0/0", "tcp 22 203.0.113.0/24"])
 .instance("www", "lab-a", "10.30.0.10", ["lab-web"], public="3.38.30.10")
 .query(CLIENT, "www", "tcp", 443, "established", None,
        "lab-a has no explicit association, so it uses the main route table, which routes "
        "0.0.0.0/0 to the internet gateway")
 .query(CLIENT, "www", "tcp", 22, "not-established", "sg:lab-web",
        "security groups allow only what a rule names: ssh is admitted only from 203.0.113.0/24")
 .query("203.0.113.9", "www", "tcp", 22, "established", None,
        "a client inside 203.0.113.0/24 matches the ssh rule")
 .query("www", SITE, "tcp", 443, "established", None,
        "the main table's internet route carries www's own connections out"))

(case("explicit-association-overrides-main",
      "An explicit association replaces the main table for that subnet")
 .vpc("lab", "10.31.0.0/16", igw=True)
 .main_routes("lab", ("0.0.0.0/0", "igw:lab"))
 .subnet("lab-a", "lab", "10.31.0.0/24", public=True)
 .subnet("lab-b", "lab", "10.31.1.0/24")
 .table("lab-isolated-rt", "lab", ["lab-b"])
 .sg("lab-web", "lab", ["tcp 443 0.0.0.0/0"])
 .instance("www-a", "lab-a", "10.31.0.10", ["lab-web"], public="3.38.31.10")
 .instance("www-b", "lab-b", "10.31.1.10", ["lab-web"], public="3.38.31.11")
 .query(CLIENT, "www-a", "tcp", 443, "established", None,
        "lab-a uses the main table, with its internet route")
 .query(CLIENT, "www-b", "tcp", 443, "not-established", "rtb:lab-isolated-rt",
        "the request reaches www-b through the internet gateway, but lab-b is explicitly "
        "associated with a table that has no route back to the internet: the reply is dropped")
 .query("www-b", SITE, "tcp", 443, "not-established", "rtb:lab-isolated-rt",
        "with no matching route, www-b's own connections to the internet go nowhere")
 .query("www-a", "www-b", "tcp", 443, "established", None,
        "the local route of the isolated table still joins the subnets"))

(web_vpc(case("public-ip-in-private-subnet",
              "An instance with a public IP in a subnet with no route to the internet gateway"))
 .instance("lost", "shop-app-a", "10.20.1.20", ["shop-web"], public="13.125.20.20")
 .query(CLIENT, "lost", "tcp", 443, "not-established", "rtb:main:shop",
        "the request arrives through the internet gateway, but the reply needs a route back: "
        "the main table of the private subnet has none"))

(web_vpc(case("more-specific-route-blackhole",
              "A more specific blackhole route wins over the default route"))
 .table("shop-app-rt", "shop", ["shop-app-a"],
        [("0.0.0.0/0", "igw:shop"), ("151.101.0.0/16", "nat:gone blackhole")])
 .nat("gone", "shop-public-a", "10.20.0.30", "13.125.20.30", state="deleted")
 .instance("app-1", "shop-app-a", "10.20.1.10", ["shop-app"], public="13.125.20.11")
 .query("app-1", SITE, "tcp", 443, "not-established", "rtb:shop-app-rt",
        "longest prefix match: 151.101.0.0/16 is more specific than 0.0.0.0/0, and it is a "
        "blackhole")
 .query("app-1", DNS, "udp", 53, "established", None,
        "8.8.8.8 matches only 0.0.0.0/0, which goes to the internet gateway"))

# ---------------------------------------------------------------------------------------------
# Internet gateway and public addresses
# ---------------------------------------------------------------------------------------------

(web_vpc(case("instance-without-public-ip",
              "An instance in a public subnet without a public IP"))
 .instance("nopub", "shop-public-a", "10.20.0.15", ["shop-web"])
 .instance("web-1", "shop-public-a", "10.20.0.10", ["shop-web"], public="13.125.20.10")
 .query(CLIENT, "nopub", "tcp", 443, "not-established", "i:nopub",
        "without a public or Elastic IP an instance has no address the internet can reach")
 .query("nopub", SITE, "tcp", 443, "not-established", "i:nopub",
        "the internet gateway translates only addresses that have a public IP; nopub has none")
 .query(CLIENT, "web-1", "tcp", 443, "established", None,
        "with a public IP the internet gateway maps inbound traffic to the instance (1:1 NAT)")
 .query(CLIENT, "10.20.0.15", "tcp", 443, "not-established", None,
        "a private address is not routed on the internet"))

(web_vpc(case("public-ip-hairpin",
              "Traffic to the public IP of an instance in the same VPC leaves through the "
              "internet gateway and comes back with a public source"))
 .sg("api", "shop", ["tcp 443 10.20.0.0/16"])
 .sg("api-open", "shop", ["tcp 443 0.0.0.0/0"])
 .instance("web-1", "shop-public-a", "10.20.0.10", ["shop-web"], public="13.125.20.10")
 .instance("api-1", "shop-public-a", "10.20.0.20", ["api"], public="13.125.20.20")
 .instance("api-2", "shop-public-a", "10.20.0.21", ["api-open"], public="13.125.20.21")
 .instance("nopub", "shop-public-a", "10.20.0.22", ["shop-web"])
 .query("web-1", "api-1", "tcp", 443, "established", None,
        "addressed by its private IP, api-1 sees web-1's private address, inside 10.20.0.0/16")
 .query("web-1", "eip:api-1", "tcp", 443, "not-established", "sg:api",
        "addressed by its public IP, the packet hairpins through the internet gateway and "
        "arrives from web-1's public IP, which 10.20.0.0/16 does not match")
 .query("web-1", "eip:api-2", "tcp", 443, "established", None,
        "a rule for 0.0.0.0/0 admits the hairpinned packet")
 .query("nopub", "eip:api-2", "tcp", 443, "not-established", "i:nopub",
        "an instance without a public IP cannot use the internet gateway, even to reach its own "
        "VPC's public addresses"))

(case("elastic-ip-allowlist", "A security group that admits another instance's Elastic IP")
 .vpc("shop", "10.20.0.0/16", igw=True)
 .subnet("shop-public-a", "shop", "10.20.0.0/24", public=True)
 .table("shop-public-rt", "shop", ["shop-public-a"], [("0.0.0.0/0", "igw:shop")])
 .sg("client", "shop", [])
 .sg("api", "shop", ["tcp 8443 52.79.20.10/32"])
 .instance("client-1", "shop-public-a", "10.20.0.10", ["client"], public="52.79.20.10", eip=True)
 .instance("client-2", "shop-public-a", "10.20.0.11", ["client"], public="52.79.20.11", eip=True)
 .instance("api-1", "shop-public-a", "10.20.0.20", ["api"], public="52.79.20.20", eip=True)
 .query("client-1", "52.79.20.20", "tcp", 8443, "established", None,
        "through the internet gateway the source is client-1's Elastic IP, which the rule "
        "names")
 .query("client-2", "52.79.20.20", "tcp", 8443, "not-established", "sg:api",
        "a CIDR rule matches the source as it arrives: client-2's Elastic IP is not in the rule")
 .query("client-1", "api-1", "tcp", 8443, "not-established", "sg:api",
        "by private address the source is 10.20.0.10, which the /32 rule for the Elastic IP "
        "does not match"))

(case("vpc-without-internet-gateway", "Public IPs in a VPC that has no internet gateway")
 .vpc("iso", "10.40.0.0/16")
 .subnet("iso-a", "iso", "10.40.0.0/24", public=True)
 .sg("iso-web", "iso", ["tcp 443 0.0.0.0/0"])
 .instance("web", "iso-a", "10.40.0.10", ["iso-web"], public="43.200.40.10")
 .query(CLIENT, "web", "tcp", 443, "not-established", ["vpc:iso", "rtb:main:iso"],
        "a VPC without an internet gateway cannot be reached from the internet, public IP or "
        "not")
 .query("web", SITE, "tcp", 443, "not-established", "rtb:main:iso",
        "without an internet gateway there is no route to the internet"))

(case("two-vpcs-over-internet", "Two VPCs without peering talk through their public addresses")
 .vpc("a", "10.50.0.0/16", igw=True)
 .vpc("b", "10.51.0.0/16", igw=True)
 .subnet("a-pub", "a", "10.50.0.0/24", public=True)
 .subnet("b-pub", "b", "10.51.0.0/24", public=True)
 .table("a-rt", "a", ["a-pub"], [("0.0.0.0/0", "igw:a")])
 .table("b-rt", "b", ["b-pub"], [("0.0.0.0/0", "igw:b")])
 .sg("a-client", "a", [])
 .sg("b-api", "b", ["tcp 443 3.34.50.10/32", "tcp 8080 10.50.0.0/16"])
 .instance("a1", "a-pub", "10.50.0.10", ["a-client"], public="3.34.50.10", eip=True)
 .instance("b1", "b-pub", "10.51.0.10", ["b-api"], public="3.34.51.10", eip=True)
 .query("a1", "b1", "tcp", 443, "established", None,
        "without peering b1 is reached at its public IP, and a1 arrives from its Elastic IP")
 .query("a1", "b1", "tcp", 8080, "not-established", "sg:b-api",
        "a rule for a's private range never matches: across the internet the source is public")
 .query("a1", "10.51.0.10", "tcp", 443, "not-established", None,
        "b's private address is not routed on the internet"))

# ---------------------------------------------------------------------------------------------
# Network ACLs
# ---------------------------------------------------------------------------------------------


def acl_lab(c, server_acl, client_acl=None, vpc_cidr="10.60.0.0/16", base="10.60"):
    """Clients (Linux and Windows) in lab-clients, a web server in lab-servers."""
    c.vpc("lab", vpc_cidr, igw=True)
    c.subnet("lab-clients", "lab", f"{base}.1.0/24")
    c.subnet("lab-servers", "lab", f"{base}.2.0/24", public=True)
    c.table("lab-public-rt", "lab", ["lab-servers"], [("0.0.0.0/0", "igw:lab")])
    c.sg("lab-client", "lab", [])
    c.sg("lab-server", "lab", ["tcp 443 0.0.0.0/0", "tcp 22 10.60.0.0/16", "icmp -1 0.0.0.0/0"])
    c.instance("linux-client", "lab-clients", f"{base}.1.10", ["lab-client"])
    c.instance("windows-client", "lab-clients", f"{base}.1.20", ["lab-client"], windows=True)
    c.instance("server", "lab-servers", f"{base}.2.10", ["lab-server"], public="3.35.60.10")
    c.acl("servers-acl", "lab", ["lab-servers"], *server_acl)
    if client_acl:
        c.acl("clients-acl", "lab", ["lab-clients"], *client_acl)
    return c


(acl_lab(case("acl-ephemeral-linux-only",
              "The server subnet lets replies out only to the Linux ephemeral range"),
         (["100 allow tcp 443 0.0.0.0/0", "110 allow tcp 22 10.60.0.0/16"],
          ["100 allow tcp 32768-60999 0.0.0.0/0"]))
 .query("linux-client", "server", "tcp", 443, "established", None,
        "Linux clients pick source ports from 32768-60999, all of which the outbound rule "
        "allows for the reply")
 .query("windows-client", "server", "tcp", 443, "not-established", "acl:servers-acl",
        "Windows clients pick from 49152-65535; replies to 61000-65535 are denied by the * "
        "rule, so the flow depends on the client's source port")
 .query(CLIENT, "server", "tcp", 443, "not-established", "acl:servers-acl",
        "a client of unknown OS may pick any port 1024-65535; only part of that range is "
        "allowed back"))

(acl_lab(case("acl-ephemeral-full-range",
              "The server subnet lets replies out to 1024-65535"),
         (["100 allow tcp 443 0.0.0.0/0", "110 allow tcp 22 10.60.0.0/16"],
          ["100 allow tcp 1024-65535 0.0.0.0/0"]))
 .query("linux-client", "server", "tcp", 443, "established", None,
        "replies go to the client's ephemeral port; 1024-65535 covers Linux's 32768-60999")
 .query("windows-client", "server", "tcp", 443, "established", None,
        "replies go to the client's ephemeral port; 1024-65535 covers Windows' 49152-65535")
 .query(CLIENT, "server", "tcp", 443, "established", None,
        "an internet client of unknown OS picks a port in 1024-65535, all allowed back")
 .query("linux-client", "server", "tcp", 80, "not-established", "acl:servers-acl",
        "no inbound rule allows port 80: the * rule denies it"))

(acl_lab(case("acl-ephemeral-windows-only",
              "The client subnet lets replies in only to the Windows ephemeral range"),
         (["100 allow all 0.0.0.0/0"], ["100 allow all 0.0.0.0/0"]),
         client_acl=(["100 allow tcp 49152-65535 0.0.0.0/0"], ["100 allow all 0.0.0.0/0"]))
 .query("windows-client", "server", "tcp", 443, "established", None,
        "Windows picks 49152-65535, all allowed back into the client subnet")
 .query("linux-client", "server", "tcp", 443, "not-established", "acl:clients-acl",
        "Linux picks 32768-60999; only 49152-60999 are allowed back, so it depends on the "
        "source port")
 .query("linux-client", "server", "tcp", 22, "not-established", "acl:clients-acl",
        "the same return rule decides for every service the Linux client uses"))

(acl_lab(case("acl-no-ephemeral-rule",
              "The server subnet allows https in and out, forgetting the replies"),
         (["100 allow tcp 443 0.0.0.0/0"], ["100 allow tcp 443 0.0.0.0/0"]))
 .query(CLIENT, "server", "tcp", 443, "not-established", "acl:servers-acl",
        "network ACLs are stateless: the reply goes from port 443 to the client's ephemeral "
        "port, which no outbound rule allows")
 .query("linux-client", "server", "tcp", 443, "not-established", "acl:servers-acl",
        "the same holds inside the VPC, between subnets"))

(acl_lab(case("acl-deny-before-allow", "A deny rule numbered before a broader allow"),
         (["50 deny tcp 22 10.60.1.20/32", "100 allow all 10.60.0.0/16",
           "110 allow tcp 443 0.0.0.0/0"],
          ["100 allow all 0.0.0.0/0"]))
 .query("windows-client", "server", "tcp", 22, "not-established", "acl:servers-acl",
        "rules are evaluated in ascending number: rule 50 denies ssh from 10.60.1.20 before "
        "rule 100 can allow it")
 .query("linux-client", "server", "tcp", 22, "established", None,
        "rule 50 names only 10.60.1.20; 10.60.1.10 falls through to rule 100")
 .query("windows-client", "server", "tcp", 443, "established", None,
        "an ACL rule matches protocol and port as well as CIDR: rule 50 matches only port 22"))

(acl_lab(case("acl-allow-before-deny", "An allow rule numbered before a deny for the same "
                                       "traffic"),
         (["100 allow tcp 443 0.0.0.0/0", "200 deny tcp 443 10.60.1.0/24",
           "300 allow all 10.60.0.0/16"],
          ["100 allow all 0.0.0.0/0"]))
 .query("linux-client", "server", "tcp", 443, "established", None,
        "the first matching rule decides: rule 100 allows before rule 200 is reached")
 .query("linux-client", "server", "tcp", 22, "established", None,
        "ssh matches neither 100 nor 200, and rule 300 allows the VPC"))

(case("acl-same-subnet-skip", "Traffic inside one subnet does not cross its network ACL")
 .vpc("lab", "10.61.0.0/16")
 .subnet("lab-a", "lab", "10.61.1.0/24")
 .subnet("lab-b", "lab", "10.61.2.0/24")
 .acl("locked-acl", "lab", ["lab-a"], [], [])
 .sg("lab-all", "lab", ["-1 10.61.0.0/16"])
 .instance("a1", "lab-a", "10.61.1.10", ["lab-all"])
 .instance("a2", "lab-a", "10.61.1.11", ["lab-all"])
 .instance("b1", "lab-b", "10.61.2.10", ["lab-all"])
 .query("a1", "a2", "tcp", 22, "established", None,
        "both instances are in lab-a: the packet never leaves the subnet, so its ACL (which "
        "denies everything) is not consulted")
 .query("a1", "a2", "udp", 161, "established", None,
        "the same-subnet skip holds for any protocol: UDP between a1 and a2 is not filtered")
 .query("b1", "a1", "tcp", 22, "not-established", "acl:locked-acl",
        "from another subnet the packet crosses lab-a's ACL, whose * rule denies it")
 .query("a1", "b1", "tcp", 22, "not-established", "acl:locked-acl",
        "leaving lab-a the packet crosses its ACL outbound, where only the * rule denies it"))

(case("acl-default-denies-by-rule", "The VPC's default ACL edited to deny telnet")
 .vpc("lab", "10.62.0.0/16",
      default_acl=(["50 deny tcp 23 0.0.0.0/0", "100 allow all 0.0.0.0/0"],
                   ["100 allow all 0.0.0.0/0"]))
 .subnet("lab-a", "lab", "10.62.1.0/24")
 .subnet("lab-b", "lab", "10.62.2.0/24")
 .sg("lab-all", "lab", ["-1 10.62.0.0/16"])
 .instance("a1", "lab-a", "10.62.1.10", ["lab-all"])
 .instance("b1", "lab-b", "10.62.2.10", ["lab-all"])
 .query("a1", "b1", "tcp", 23, "not-established", "acl:default:lab",
        "a subnet with no custom ACL uses the VPC's default ACL: rule 50 denies telnet")
 .query("a1", "b1", "tcp", 22, "established", None,
        "rule 50 matches only tcp/23, so ssh falls through to rule 100 of the default ACL"))

(case("acl-new-custom-denies-all", "A newly created custom ACL with no rules")
 .vpc("lab", "10.63.0.0/16", igw=True)
 .subnet("lab-a", "lab", "10.63.1.0/24", public=True)
 .table("lab-rt", "lab", ["lab-a"], [("0.0.0.0/0", "igw:lab")])
 .acl("fresh-acl", "lab", ["lab-a"], [], [])
 .sg("lab-web", "lab", ["tcp 443 0.0.0.0/0"])
 .instance("www", "lab-a", "10.63.1.10", ["lab-web"], public="3.36.63.10")
 .query(CLIENT, "www", "tcp", 443, "not-established", "acl:fresh-acl",
        "a new custom network ACL denies all traffic until rules are added")
 .query("www", SITE, "tcp", 443, "not-established", "acl:fresh-acl",
        "a new custom ACL denies outbound too: only the * rule is there"))

# ---------------------------------------------------------------------------------------------
# ICMP and UDP
# ---------------------------------------------------------------------------------------------

(case("icmp-ping", "Ping through security groups and network ACLs")
 .vpc("net", "10.70.0.0/16", igw=True)
 .subnet("net-a", "net", "10.70.1.0/24", public=True)
 .subnet("net-b", "net", "10.70.2.0/24")
 .subnet("net-c", "net", "10.70.3.0/24")
 .table("net-rt", "net", ["net-a"], [("0.0.0.0/0", "igw:net")])
 .acl("c-acl", "net", ["net-c"], ["100 allow icmp 8:-1 0.0.0.0/0"], ["100 allow all 0.0.0.0/0"])
 .sg("pingable", "net", ["icmp -1 10.70.0.0/16", "icmp 8 0.0.0.0/0"], [])
 .sg("echo-only", "net", ["icmp 8 10.70.0.0/16"], [])
 .sg("ssh-only", "net", ["tcp 22 10.70.0.0/16"])
 .sg("pinger", "net", [])
 .instance("target", "net-a", "10.70.1.10", ["pingable"], public="3.37.70.10")
 .instance("echo", "net-b", "10.70.2.20", ["echo-only"])
 .instance("closed", "net-b", "10.70.2.10", ["ssh-only"])
 .instance("src-a", "net-a", "10.70.1.20", ["pinger"])
 .instance("src-c", "net-c", "10.70.3.10", ["pinger"])
 .query("src-a", "target", "icmp", None, "established", None,
        "an ICMP rule admits the echo request; the echo reply is a tracked reply, allowed by "
        "both security groups although pinger admits nothing and pingable sends nothing")
 .query("src-a", "echo", "icmp", None, "established", None,
        "a rule for ICMP type 8 (echo request) is enough: the reply is tracked")
 .query("src-a", "closed", "icmp", None, "not-established", "sg:ssh-only",
        "a group that admits only tcp/22 does not admit ICMP")
 .query(CLIENT, "target", "icmp", None, "established", None,
        "pingable admits echo requests from anywhere, so the internet can ping its public IP")
 .query("src-c", "target", "icmp", None, "not-established", "acl:c-acl",
        "network ACLs are stateless: c-acl admits echo requests (type 8) but not the echo reply "
        "(type 0) coming back to net-c"))

(case("udp-dns", "DNS over UDP to a resolver inside the VPC and on the internet")
 .vpc("corp", "10.80.0.0/16", igw=True)
 .subnet("corp-pub", "corp", "10.80.0.0/24", public=True)
 .subnet("corp-dns", "corp", "10.80.1.0/24")
 .subnet("corp-legacy", "corp", "10.80.2.0/24")
 .table("corp-pub-rt", "corp", ["corp-pub"], [("0.0.0.0/0", "igw:corp")])
 .acl("legacy-acl", "corp", ["corp-legacy"],
      ["100 allow tcp 1024-65535 0.0.0.0/0"], ["100 allow all 0.0.0.0/0"])
 .sg("resolver", "corp", ["udp 53 10.80.0.0/16", "tcp 53 10.80.0.0/24"])
 .sg("client", "corp", [])
 .instance("dns-1", "corp-dns", "10.80.1.53", ["resolver"])
 .instance("host-1", "corp-pub", "10.80.0.10", ["client"], public="3.39.80.10")
 .instance("legacy-1", "corp-legacy", "10.80.2.10", ["client"])
 .query("host-1", "dns-1", "udp", 53, "established", None,
        "the resolver's group admits udp/53; the UDP reply is tracked like a TCP one")
 .query("legacy-1", "dns-1", "tcp", 53, "not-established", "sg:resolver",
        "tcp/53 is admitted only from 10.80.0.0/24; legacy-1 is in 10.80.2.0/24")
 .query("legacy-1", "dns-1", "udp", 53, "not-established", "acl:legacy-acl",
        "legacy-acl lets only TCP replies back in: the UDP reply to the ephemeral port is "
        "denied by the * rule")
 .query("host-1", DNS, "udp", 53, "established", None,
        "UDP to the internet through the internet gateway, with the client's public IP"))

# ---------------------------------------------------------------------------------------------
# Security groups
# ---------------------------------------------------------------------------------------------

(web_vpc(case("sg-references-sg", "Three tiers chained by security group references"))
 .subnet("shop-db-a", "shop", "10.20.2.0/24")
 .sg("shop-db", "shop", ["tcp 5432 sg:shop-app"])
 .sg("shop-bastion", "shop", ["tcp 22 203.0.113.0/24"])
 .instance("web-1", "shop-public-a", "10.20.0.10", ["shop-web"], public="13.125.20.10")
 .instance("app-1", "shop-app-a", "10.20.1.10", ["shop-app"])
 .instance("db-1", "shop-db-a", "10.20.2.10", ["shop-db"])
 .instance("bastion", "shop-public-a", "10.20.0.5", ["shop-bastion"], public="13.125.20.5")
 .query("web-1", "app-1", "tcp", 8080, "established", None,
        "shop-app admits members of shop-web, matched by their private IPs")
 .query("app-1", "db-1", "tcp", 5432, "established", None,
        "a group reference admits members of the group: shop-db admits members of shop-app")
 .query("web-1", "db-1", "tcp", 5432, "not-established", "sg:shop-db",
        "references do not chain: web-1 is not a member of shop-app")
 .query("bastion", "app-1", "tcp", 8080, "not-established", "sg:shop-app",
        "bastion is in the same VPC and subnet as web-1, but not in shop-web")
 .query("203.0.113.7", "bastion", "tcp", 22, "established", None,
        "a CIDR rule for the office range admits ssh from the internet"))

(web_vpc(case("sg-multiple-groups", "An interface in two groups gets the union of their rules"))
 .sg("ssh", "shop", ["tcp 22 10.20.0.0/16"])
 .sg("metrics", "shop", ["tcp 9100 10.20.0.0/24"])
 .instance("web-1", "shop-public-a", "10.20.0.10", ["shop-web"], public="13.125.20.10")
 .instance("app-1", "shop-app-a", "10.20.1.10", ["shop-app", "ssh", "metrics"])
 .query("web-1", "app-1", "tcp", 22, "established", None,
        "a packet is allowed if any rule of any group on the interface allows it (ssh)")
 .query("web-1", "app-1", "tcp", 9100, "established", None,
        "the union of the groups: metrics admits 9100 from the public subnet")
 .query("web-1", "app-1", "tcp", 8080, "established", None,
        "the union of the groups: shop-app admits 8080 from members of shop-web")
 .query("web-1", "app-1", "tcp", 3306, "not-established",
        ["sg:shop-app", "sg:ssh", "sg:metrics"],
        "no rule of any of the three groups admits 3306"))

(web_vpc(case("sg-outbound-restricted", "A client whose group allows only https outbound"))
 .sg("locked", "shop", [], ["tcp 443 0.0.0.0/0"])
 .sg("shop-ssh", "shop", ["tcp 22 10.20.0.0/16"])
 .instance("client-1", "shop-public-a", "10.20.0.10", ["locked"], public="13.125.20.10")
 .instance("app-1", "shop-app-a", "10.20.1.10", ["shop-ssh"])
 .query("client-1", SITE, "tcp", 443, "established", None,
        "outbound rules decide what an instance may start: https is allowed")
 .query("client-1", "app-1", "tcp", 22, "not-established", "sg:locked",
        "ssh out is not allowed by client-1's own group, whatever app-1 admits")
 .query("client-1", DNS, "udp", 53, "not-established", "sg:locked",
        "outbound rules are per protocol and port: udp/53 out is not allowed either"))

(case("default-sg-members", "The default security group admits its own members")
 .vpc("dev", "10.90.0.0/16")
 .subnet("dev-a", "dev", "10.90.1.0/24")
 .subnet("dev-b", "dev", "10.90.2.0/24")
 .sg("dev-other", "dev", [])
 .instance("m1", "dev-a", "10.90.1.10", ["default:dev"])
 .instance("m2", "dev-b", "10.90.2.10", ["default:dev"])
 .instance("outsider", "dev-a", "10.90.1.20", ["dev-other"])
 .query("m1", "m2", "tcp", 5432, "established", None,
        "the default group admits all traffic from members of itself")
 .query("m2", "m1", "udp", 514, "established", None,
        "the default group's rule names all protocols: any port between members passes")
 .query("m1", "m2", "icmp", None, "established", None,
        "the default group's all-traffic rule admits ICMP echo between members too")
 .query("outsider", "m1", "tcp", 5432, "not-established", "sg:default:dev",
        "an instance outside the default group is not admitted, even in the same subnet")
 .query("m1", "outsider", "tcp", 22, "not-established", "sg:dev-other",
        "a newly created security group has no inbound rules, so it admits nothing"))

(case("stopped-instance", "A connection to an instance that is stopped")
 .vpc("dev", "10.91.0.0/16")
 .subnet("dev-a", "dev", "10.91.1.0/24")
 .sg("dev-all", "dev", ["-1 10.91.0.0/16"])
 .instance("runner", "dev-a", "10.91.1.10", ["dev-all"])
 .instance("sleeper", "dev-a", "10.91.1.20", ["dev-all"], state="stopped")
 .query("runner", "sleeper", "tcp", 22, "not-established", ["i:sleeper", "eni:sleeper"],
        "a stopped instance runs nothing: no connection to it can be established")
 .query("runner", "sleeper", "icmp", None, "not-established", ["i:sleeper", "eni:sleeper"],
        "a stopped instance does not answer ping either: nothing runs on it"))

(case("rds-postgres", "An RDS PostgreSQL database, seen as its network interface")
 .vpc("data", "10.92.0.0/16")
 .subnet("data-app", "data", "10.92.1.0/24")
 .subnet("data-db", "data", "10.92.2.0/24")
 .sg("app", "data", [])
 .sg("pg", "data", ["tcp 5432 sg:app"])
 .instance("app-1", "data-app", "10.92.1.10", ["app"])
 .rds_eni("orders-db", "data-db", "10.92.2.50", ["pg"])
 .query("app-1", "eni:orders-db", "tcp", 5432, "established", None,
        "the RDS interface admits 5432 from the app group; the describe output does not say "
        "which port the engine listens on, so an imported interface counts as listening on "
        "every port")
 .query("app-1", "eni:orders-db", "tcp", 3306, "not-established", "sg:pg",
        "security groups filter before any service answers: the group admits only 5432"))

(case("dual-homed-instance", "An instance with a second interface in another subnet")
 .vpc("corp", "10.93.0.0/16")
 .subnet("corp-front", "corp", "10.93.1.0/24")
 .subnet("corp-back", "corp", "10.93.2.0/24")
 .sg("front", "corp", ["tcp 443 10.93.0.0/16"])
 .sg("back", "corp", ["tcp 9000 10.93.2.0/24"])
 .sg("plain", "corp", [])
 .instance("gw", "corp-front", "10.93.1.10", ["front"], extra=[("corp-back", "10.93.2.10",
                                                               ["back"])])
 .instance("front-client", "corp-front", "10.93.1.20", ["plain"])
 .instance("back-client", "corp-back", "10.93.2.20", ["plain"])
 .query("front-client", "gw", "tcp", 443, "established", None,
        "the instance id means its primary interface, in corp-front, with group front")
 .query("back-client", "10.93.2.10", "tcp", 9000, "established", None,
        "the secondary interface has its own address and its own group (back)")
 .query("back-client", "10.93.2.10", "tcp", 443, "not-established", "sg:back",
        "security groups belong to the interface: the secondary one does not admit 443"))

# ---------------------------------------------------------------------------------------------
# Peering
# ---------------------------------------------------------------------------------------------


def peered(c, routes_back=True, status="active", peer_group_rule=True):
    """hub (10.100.0.0/16) and spoke (10.101.0.0/16) joined by peering hub-spoke, with routes
    (blackhole ones when the peering is deleted). spoke-svc admits ssh from hub's CIDR and, when
    `peer_group_rule`, https from members of hub's group hub-ops (AWS accepts such a reference
    only over an active peering; a deleted peering leaves it stale)."""
    to_pcx = "pcx:hub-spoke" + (" blackhole" if status == "deleted" else "")
    c.vpc("hub", "10.100.0.0/16")
    c.vpc("spoke", "10.101.0.0/16")
    c.subnet("hub-a", "hub", "10.100.1.0/24")
    c.subnet("spoke-a", "spoke", "10.101.1.0/24")
    c.peering("hub-spoke", "hub", "spoke", status=status)
    c.main_routes("hub", ("10.101.0.0/16", to_pcx))
    if routes_back:
        c.main_routes("spoke", ("10.100.0.0/16", to_pcx))
    c.sg("hub-ops", "hub", [])
    c.sg("hub-plain", "hub", [])
    c.sg("spoke-svc", "spoke",
         ["tcp 22 10.100.0.0/16"] + (["tcp 443 sg:hub-ops"] if peer_group_rule else []))
    c.instance("ops", "hub-a", "10.100.1.10", ["hub-ops"])
    c.instance("worker", "hub-a", "10.100.1.20", ["hub-plain"])
    c.instance("svc", "spoke-a", "10.101.1.10", ["spoke-svc"])
    return c


(peered(case("peering-basic", "Two peered VPCs with routes both ways"))
 .query("ops", "svc", "tcp", 22, "established", None,
        "a route to the peer's CIDR through the peering, and one back, join the two VPCs")
 .query("ops", "svc", "tcp", 443, "established", None,
        "a group may reference a group of the peered VPC: ops is in hub-ops")
 .query("worker", "svc", "tcp", 443, "not-established", "sg:spoke-svc",
        "a reference to a peer VPC's group matches only its members: worker is not in hub-ops")
 .query("svc", "ops", "tcp", 22, "not-established", "sg:hub-ops",
        "security groups are per direction: hub-ops admits nothing inbound, peered or not"))

(peered(case("peering-no-route-back", "Peering where the accepter has no route back"),
        routes_back=False)
 .query("ops", "svc", "tcp", 22, "not-established", "rtb:main:spoke",
        "the request reaches svc over the peering, but spoke's route table has no route back "
        "to hub's CIDR"))

(peered(case("peering-pending", "A peering request that was never accepted"),
        status="pending-acceptance", peer_group_rule=False)
 .query("ops", "10.101.1.10", "tcp", 22, "not-established", ["pcx:hub-spoke", "rtb:main:hub"],
        "a peering connection carries traffic only once accepted (active); pending carries nothing"))

(peered(case("peering-deleted", "A deleted peering: blackhole routes and a stale group rule"),
        status="deleted")
 .query("ops", "10.101.1.10", "tcp", 22, "not-established", ["rtb:main:hub", "pcx:hub-spoke"],
        "when a peering is deleted its routes stay in state blackhole and drop what they match; "
        "the group rule naming hub-ops becomes stale and admits nothing"))

(peered(case("peering-acl", "A network ACL in the peer VPC denies the other VPC"))
 .acl("spoke-acl", "spoke", ["spoke-a"],
      ["50 deny all 10.100.1.20/32", "100 allow all 0.0.0.0/0"], ["100 allow all 0.0.0.0/0"])
 .query("worker", "svc", "tcp", 22, "not-established", "acl:spoke-acl",
        "traffic arriving over a peering crosses the destination subnet's ACL inbound")
 .query("ops", "svc", "tcp", 22, "established", None,
        "an ACL rule's CIDR must hold the source: rule 50 names only worker's address"))

(case("peering-not-transitive", "Three VPCs in a line: a—b and b—c are peered")
 .vpc("a", "10.110.0.0/16")
 .vpc("b", "10.111.0.0/16")
 .vpc("c", "10.112.0.0/16")
 .subnet("a-net", "a", "10.110.1.0/24")
 .subnet("b-net", "b", "10.111.1.0/24")
 .subnet("c-net", "c", "10.112.1.0/24")
 .peering("a-b", "a", "b")
 .peering("b-c", "b", "c")
 .main_routes("a", ("10.111.0.0/16", "pcx:a-b"), ("10.112.0.0/16", "pcx:a-b"))
 .main_routes("b", ("10.110.0.0/16", "pcx:a-b"), ("10.112.0.0/16", "pcx:b-c"))
 .main_routes("c", ("10.111.0.0/16", "pcx:b-c"), ("10.110.0.0/16", "pcx:b-c"))
 .sg("open", "a", ["-1 10.0.0.0/8"])
 .sg("open-b", "b", ["-1 10.0.0.0/8"])
 .sg("open-c", "c", ["-1 10.0.0.0/8"])
 .instance("a1", "a-net", "10.110.1.10", ["open"])
 .instance("b1", "b-net", "10.111.1.10", ["open-b"])
 .instance("c1", "c-net", "10.112.1.10", ["open-c"])
 .query("a1", "b1", "tcp", 22, "established", None, "a and b are peered, with routes both ways: traffic between them is delivered")
 .query("b1", "c1", "tcp", 22, "established", None, "b and c are peered, with routes both ways: traffic between them is delivered")
 .query("a1", "10.112.1.10", "tcp", 22, "not-established", "pcx:a-b",
        "peering is not transitive: a-b delivers only to b's CIDR, even though a routes c's "
        "CIDR to it and b could route it on")
 .query("c1", "10.110.1.10", "tcp", 22, "not-established", "pcx:b-c",
        "peering is not transitive in either direction: b-c delivers only to b's CIDR"))

(case("peering-no-edge-to-edge", "A VPC tries to use its peer's internet gateway")
 .vpc("edge", "10.120.0.0/16", igw=True)
 .vpc("inner", "10.121.0.0/16")
 .subnet("edge-a", "edge", "10.120.1.0/24", public=True)
 .subnet("inner-a", "inner", "10.121.1.0/24")
 .peering("edge-inner", "inner", "edge")
 .main_routes("edge", ("0.0.0.0/0", "igw:edge"), ("10.121.0.0/16", "pcx:edge-inner"))
 .main_routes("inner", ("0.0.0.0/0", "pcx:edge-inner"))
 .sg("edge-web", "edge", ["tcp 443 0.0.0.0/0"])
 .sg("inner-app", "inner", [])
 .instance("proxy", "edge-a", "10.120.1.10", ["edge-web"], public="3.36.120.10")
 .instance("app", "inner-a", "10.121.1.10", ["inner-app"])
 .query("app", "proxy", "tcp", 443, "established", None,
        "0.0.0.0/0 over the peering reaches the peer's own addresses")
 .query("app", SITE, "tcp", 443, "not-established", "pcx:edge-inner",
        "no edge-to-edge routing: a peering never carries traffic on to the peer's internet "
        "gateway"))

(case("peering-secondary-cidr", "Peering reaches every CIDR block of the peer VPC")
 .vpc("main", "10.130.0.0/16")
 .vpc("pods", "10.131.0.0/16", "100.64.0.0/16")
 .subnet("main-a", "main", "10.130.1.0/24")
 .subnet("pods-a", "pods", "10.131.1.0/24")
 .subnet("pods-x", "pods", "100.64.1.0/24")
 .peering("main-pods", "main", "pods")
 .main_routes("main", ("10.131.0.0/16", "pcx:main-pods"), ("100.64.0.0/16", "pcx:main-pods"))
 .main_routes("pods", ("10.130.0.0/16", "pcx:main-pods"))
 .sg("m", "main", [])
 .sg("p", "pods", ["tcp 8080 10.130.0.0/16"])
 .instance("client", "main-a", "10.130.1.10", ["m"])
 .instance("pod-a", "pods-a", "10.131.1.10", ["p"])
 .instance("pod-x", "pods-x", "100.64.1.10", ["p"])
 .query("client", "pod-a", "tcp", 8080, "established", None,
        "a peering delivers to the peer VPC's primary CIDR block")
 .query("client", "pod-x", "tcp", 8080, "established", None,
        "a secondary CIDR block of the peer is part of the peer VPC: the peering delivers to it"))

# ---------------------------------------------------------------------------------------------
# VPC CIDR blocks, gateway endpoints
# ---------------------------------------------------------------------------------------------

(case("multiple-cidr-blocks", "A VPC with a secondary CIDR block")
 .vpc("grow", "10.140.0.0/16", "100.64.0.0/16", igw=True)
 .subnet("grow-a", "grow", "10.140.1.0/24", public=True)
 .subnet("grow-x", "grow", "100.64.8.0/24")
 .table("grow-rt", "grow", ["grow-a"], [("0.0.0.0/0", "igw:grow")])
 .sg("old", "grow", ["tcp 22 100.64.0.0/16"])
 .sg("new", "grow", ["tcp 8080 10.140.0.0/16"])
 .instance("legacy", "grow-a", "10.140.1.10", ["old"], public="3.34.140.10")
 .instance("fresh", "grow-x", "100.64.8.10", ["new"])
 .query("legacy", "fresh", "tcp", 8080, "established", None,
        "every route table has a local route for each of the VPC's CIDR blocks")
 .query("fresh", "legacy", "tcp", 22, "established", None,
        "the local route for the primary block carries the traffic back the other way")
 .query("fresh", SITE, "tcp", 443, "not-established", "rtb:main:grow",
        "the secondary-block subnet uses the main table, which has no internet route"))

(case("s3-gateway-endpoint", "A private subnet reaches S3 through a gateway endpoint")
 .vpc("data", "10.150.0.0/16")
 .subnet("data-a", "data", "10.150.1.0/24")
 .prefix_list("s3", "pl-78a54011", f"com.amazonaws.{REGION}.s3",
              ["52.219.56.0/22", "52.219.60.0/23", "3.5.140.0/22"])
 .table("data-rt", "data", ["data-a"], [("pl:s3", "vpce:s3")])
 .gateway_endpoint("s3", "data", f"com.amazonaws.{REGION}.s3", "s3", ["data-rt"])
 .sg("batch", "data", [], ["tcp 443 pl:s3"])
 .instance("batch-1", "data-a", "10.150.1.10", ["batch"])
 .query("batch-1", "52.219.57.10", "tcp", 443, "established", None,
        "a prefix-list route sends S3's addresses to the gateway endpoint; the group allows "
        "https to the prefix list")
 .query("batch-1", SITE, "tcp", 443, "not-established", "sg:batch",
        "the group allows https only to the S3 prefix list")
 .query("batch-1", "52.219.57.10", "tcp", 80, "not-established", "sg:batch",
        "a prefix-list rule still names ports: only 443 is allowed to the S3 prefix list"))


# ---------------------------------------------------------------------------------------------
# Gateway Load Balancer endpoints


def gwlb_vpc(c, web_default="gwlbe:fw", edge=True, endpoint_acl=None):
    """web-1 (public) in its subnet, a GWLB endpoint in its own public subnet; web's table
    sends 0.0.0.0/0 to `web_default` and, when `edge`, the internet gateway's table sends web's
    subnet to the endpoint."""
    (c.vpc("shop", "10.20.0.0/16", igw=True)
     .subnet("shop-web-a", "shop", "10.20.0.0/24", public=True)
     .subnet("shop-gwlbe-a", "shop", "10.20.9.0/24")
     .gwlb_endpoint("fw", "shop-gwlbe-a", "10.20.9.20")
     .table("shop-gwlbe-rt", "shop", ["shop-gwlbe-a"], [("0.0.0.0/0", "igw:shop")])
     .table("shop-web-rt", "shop", ["shop-web-a"], [("0.0.0.0/0", web_default)])
     .sg("web", "shop", ["tcp 443 0.0.0.0/0"])
     .instance("web-1", "shop-web-a", "10.20.0.10", ["web"], public="13.125.20.10"))
    if edge:
        c.table("shop-edge-rt", "shop", [], [("10.20.0.0/24", "gwlbe:fw")], edge=True)
    if endpoint_acl:
        c.acl("gwlbe-acl", "shop", ["shop-gwlbe-a"], *endpoint_acl)
    return c


(gwlb_vpc(case("gwlb-endpoint-both-ways",
               "Ingress routing and the web subnet's default route send both ways through a "
               "Gateway Load Balancer endpoint"))
 .query(SITE, "web-1", "tcp", 443, "established", None,
        "the internet gateway's route table sends web's subnet to the endpoint, whose "
        "appliances pass it; web's replies go back through the endpoint, whose subnet routes "
        "them to the gateway")
 .query("web-1", SITE, "tcp", 443, "established", None,
        "web's own connections leave through the endpoint and come back through it by the "
        "gateway's route table")
 .query(SITE, "web-1", "tcp", 22, "not-established", "sg:web",
        "the endpoint has no security groups, but web's own group still decides"))

(gwlb_vpc(case("gwlb-endpoint-reply-skips",
               "The gateway sends what comes in through the endpoint; web replies straight to "
               "the internet gateway"), web_default="igw:shop")
 .query(SITE, "web-1", "tcp", 443, "not-established", "vpce:fw",
        "the appliances behind a Gateway Load Balancer track connections: a reply that skips "
        "the endpoint that carried the request is dropped (asymmetric routing)"))

(gwlb_vpc(case("gwlb-endpoint-no-ingress-route",
               "web sends out through the endpoint, but the internet gateway has no route "
               "table of its own"), edge=False)
 .query(SITE, "web-1", "tcp", 443, "not-established", "vpce:fw",
        "what comes in goes straight to web, so the endpoint sees only the reply of a "
        "connection it never saw start, and its appliances drop it"))

(gwlb_vpc(case("gwlb-endpoint-subnet-acl",
               "The endpoint's subnet has a network ACL that denies https in"),
          endpoint_acl=(["90 deny tcp 443 0.0.0.0/0", "100 allow all 0.0.0.0/0"],
                        ["100 allow all 0.0.0.0/0"]))
 .query(SITE, "web-1", "tcp", 443, "not-established", "acl:gwlbe-acl",
        "a Gateway Load Balancer endpoint's subnet network ACL filters what enters it"))


# ---------------------------------------------------------------------------------------------
# IPv6 dual stack
# ---------------------------------------------------------------------------------------------

# Addresses on the internet used by the IPv6 queries.
CLIENT6 = "2001:db8:44::44"          # a client somewhere on the internet (documentation range)
SITE6 = "2a04:4e42::645"             # a web site (Fastly)
DNS6 = "2001:4860:4860::8888"        # a public DNS resolver
ALL_OUT6 = ("-1 0.0.0.0/0,::/0",)    # outbound all IPv4 and IPv6, as one permission


def dual_vpc(c, v6, igw=True, public_routes=(("0.0.0.0/0", "igw:shop"), ("::/0", "igw:shop")),
             web_in=("tcp 443 0.0.0.0/0,::/0",), web_public=None, web_acl=None):
    """A dual-stack VPC shop (10.20.0.0/16 and `v6`00::/56, where `v6` is the first 14 hex
    digits of the block, like "2406:da12:d10:82") with a public subnet shop-public-a
    (`v6`00::/64, on table shop-public-rt with `public_routes`) and an app subnet shop-app-a
    (`v6`01::/64, on the main table). web-1 is in the public subnet at 10.20.0.10 and
    `v6`00::10, in group web (`web_in`, outbound everything over both families), with public
    IPv4 `web_public`; `web_acl` (inbound, outbound) becomes web-acl on the public subnet."""
    c.vpc("shop", "10.20.0.0/16", igw=igw, ipv6=f"{v6}00::/56")
    c.subnet("shop-public-a", "shop", "10.20.0.0/24", public=True, ipv6=f"{v6}00::/64")
    c.subnet("shop-app-a", "shop", "10.20.1.0/24", ipv6=f"{v6}01::/64")
    c.table("shop-public-rt", "shop", ["shop-public-a"], list(public_routes))
    c.sg("web", "shop", list(web_in), ALL_OUT6)
    c.instance("web-1", "shop-public-a", "10.20.0.10", ["web"], public=web_public,
               ipv6=f"{v6}00::10")
    if web_acl:
        c.acl("web-acl", "shop", ["shop-public-a"], *web_acl)
    return c


(dual_vpc(case("ipv6-internet-gateway-no-public-ipv4",
               "A dual-stack web server with no public IPv4 address, reached over IPv6 "
               "through the internet gateway"), "2406:da12:d10:82",
          web_in=("tcp 443 0.0.0.0/0,::/0", "icmpv6 128 ::/0"))
 .query(CLIENT6, "web-1", "tcp", 443, "established", None,
        "IPv6 addresses are globally unique: the internet gateway passes IPv6 in and out "
        "without translation, so no public IPv4 or Elastic IP is needed", ipv6=True)
 .query(CLIENT6, "ip6:web-1", "tcp", 443, "established", None,
        "a literal IPv6 address of the instance is the same destination: the internet routes "
        "the VPC's Amazon-provided block to its internet gateway")
 .query(CLIENT, "web-1", "tcp", 443, "not-established", "i:web-1",
        "over IPv4 the same instance has no public address, so the internet cannot reach it")
 .query("web-1", SITE6, "tcp", 443, "established", None,
        "the public subnet's table routes ::/0 to the internet gateway, and web's group sends "
        "anything to ::/0")
 .query(CLIENT6, "web-1", "tcp", 22, "not-established", "sg:web",
        "the internet gateway does not filter: web's group admits only 443 and ICMPv6 echo "
        "over IPv6", ipv6=True)
 .query(CLIENT6, "web-1", "icmp", None, "established", None,
        "ping over IPv6 is ICMPv6 (protocol 58): the icmpv6 rule for type 128 (echo request) "
        "admits it and the echo reply is tracked", ipv6=True))

(dual_vpc(case("ipv6-egress-only-gateway",
               "A private subnet sends IPv6 out through an egress-only internet gateway"),
          "2406:da12:d10:83")
 .eigw("shop-eigw", "shop")
 .table("shop-app-rt", "shop", ["shop-app-a"], [("::/0", "eigw:shop-eigw")])
 .sg("app", "shop", ["tcp 8080 ::/0"], ALL_OUT6)
 .instance("app-1", "shop-app-a", "10.20.1.10", ["app"], ipv6="2406:da12:d10:8301::10")
 .query("app-1", SITE6, "tcp", 443, "established", None,
        "an egress-only internet gateway lets IPv6 connections started inside the VPC out, and "
        "their replies back in")
 .query("app-1", DNS6, "udp", 53, "established", None,
        "the egress-only gateway is stateful for UDP as well: the resolver's reply comes back")
 .query(CLIENT6, "app-1", "tcp", 8080, "not-established", "eigw:shop-eigw",
        "the request can enter through the VPC's internet gateway, but app-1's reply is routed "
        "to the egress-only gateway, which carries only connections started inside the VPC",
        ipv6=True)
 .query("app-1", SITE, "tcp", 443, "not-established", "rtb:shop-app-rt",
        "an egress-only internet gateway is for IPv6 only: the app table has no IPv4 route to "
        "the internet")
 .query("web-1", "app-1", "tcp", 8080, "established", None,
        "IPv6 between subnets of the VPC follows the local route for the VPC's IPv6 block, "
        "not ::/0", ipv6=True))

(case("ipv6-egress-only-without-igw",
      "A VPC whose only way to the internet is an egress-only internet gateway")
 .vpc("vault", "10.21.0.0/16", ipv6="2406:da12:d10:8400::/56")
 .subnet("vault-a", "vault", "10.21.1.0/24", ipv6="2406:da12:d10:8401::/64")
 .eigw("vault-eigw", "vault")
 .table("vault-rt", "vault", ["vault-a"], [("::/0", "eigw:vault-eigw")])
 .sg("worker", "vault", ["tcp 443 ::/0"], ALL_OUT6)
 .instance("worker-1", "vault-a", "10.21.1.10", ["worker"], ipv6="2406:da12:d10:8401::10")
 .query("worker-1", SITE6, "tcp", 443, "established", None,
        "an egress-only internet gateway needs no internet gateway beside it: IPv6 goes out "
        "and the replies come back")
 .query(CLIENT6, "worker-1", "tcp", 443, "not-established", "eigw:vault-eigw",
        "an egress-only internet gateway prevents the internet from starting an IPv6 connection "
        "with the instances, whatever their group admits")
 .query("worker-1", SITE, "tcp", 443, "not-established", "rtb:vault-rt",
        "without an internet gateway or NAT there is no IPv4 route to the internet"))

(dual_vpc(case("ipv6-sg-ipv4-only-rule",
               "A dual-stack web server whose group admits https from 0.0.0.0/0 only"),
          "2406:da12:d10:85", web_in=("tcp 443 0.0.0.0/0",), web_public="13.125.21.10")
 .query(CLIENT6, "web-1", "tcp", 443, "not-established", "sg:web",
        "0.0.0.0/0 covers every IPv4 address and no IPv6 one: the group needs a ::/0 rule "
        "to admit https over IPv6", ipv6=True)
 .query(CLIENT, "web-1", "tcp", 443, "established", None,
        "over IPv4 the 0.0.0.0/0 rule admits the client through web-1's public IP")
 .query("web-1", SITE6, "tcp", 443, "established", None,
        "web's outbound rule names ::/0 too, so web-1 may start IPv6 connections"))

(dual_vpc(case("ipv6-acl-ipv4-only-rules",
               "A custom network ACL in a dual-stack VPC with IPv4 rules only"),
          "2406:da12:d10:86", web_public="13.125.22.10",
          web_acl=(["100 allow all 0.0.0.0/0"], ["100 allow all 0.0.0.0/0"]))
 .subnet("shop-api-a", "shop", "10.20.2.0/24", public=True, ipv6="2406:da12:d10:8602::/64")
 .table("shop-api-rt", "shop", ["shop-api-a"], [("0.0.0.0/0", "igw:shop"), ("::/0", "igw:shop")])
 .acl("api-acl", "shop", ["shop-api-a"],
      ["100 allow all 0.0.0.0/0", "101 allow all ::/0", "90 deny tcp 22 ::/0"],
      ["100 allow all 0.0.0.0/0", "101 allow all ::/0"])
 .sg("api", "shop", ["tcp 443 ::/0", "tcp 22 ::/0"], ALL_OUT6)
 .instance("api-1", "shop-api-a", "10.20.2.10", ["api"], ipv6="2406:da12:d10:8602::10")
 .query(CLIENT6, "web-1", "tcp", 443, "not-established", "acl:web-acl",
        "IPv4 ACL rules never match IPv6 packets: the IPv6 request falls through to the IPv6 * "
        "rule (32768) and is denied", ipv6=True)
 .query(CLIENT, "web-1", "tcp", 443, "established", None,
        "the same ACL's rule 100 allows IPv4 both ways")
 .query(CLIENT6, "api-1", "tcp", 443, "established", None,
        "api-acl has rule 101 for ::/0 both ways, as AWS adds it to a dual-stack VPC's default "
        "ACL", ipv6=True)
 .query(CLIENT6, "api-1", "tcp", 22, "not-established", "acl:api-acl",
        "rules are evaluated in number order: 90 denies ssh from ::/0 before 101 can allow it",
        ipv6=True))

(dual_vpc(case("ipv6-no-default-route",
               "A dual-stack public subnet whose table routes 0.0.0.0/0 to the internet "
               "gateway but has no ::/0 route"), "2406:da12:d10:87",
          public_routes=(("0.0.0.0/0", "igw:shop"),), web_public="13.125.23.10")
 .query("web-1", SITE6, "tcp", 443, "not-established", "rtb:shop-public-rt",
        "routes are per family: 0.0.0.0/0 matches no IPv6 destination, and without ::/0 only "
        "the local routes remain")
 .query("web-1", SITE, "tcp", 443, "established", None,
        "IPv4 still goes out through 0.0.0.0/0 and the public IP")
 .query(CLIENT6, "web-1", "tcp", 443, "not-established", "rtb:shop-public-rt",
        "the internet gateway brings the IPv6 request in, but the reply finds no IPv6 route "
        "back to the internet", ipv6=True))

(dual_vpc(case("ipv6-nat-gateway",
               "A private dual-stack subnet routes ::/0 as well as 0.0.0.0/0 to a NAT "
               "gateway"), "2406:da12:d10:88")
 .nat("nat", "shop-public-a", "10.20.0.30", "13.125.24.30")
 .table("shop-app-rt", "shop", ["shop-app-a"], [("0.0.0.0/0", "nat:nat"), ("::/0", "nat:nat")])
 .sg("app", "shop", [], ALL_OUT6)
 .instance("app-1", "shop-app-a", "10.20.1.10", ["app"], ipv6="2406:da12:d10:8801::10")
 .query("app-1", SITE6, "tcp", 443, "not-established", "nat:nat",
        "a NAT gateway translates IPv4 (and NAT64 to 64:ff9b::/96); it does not carry native "
        "IPv6: use an egress-only internet gateway for that")
 .query("app-1", SITE, "tcp", 443, "established", None,
        "over IPv4 the NAT gateway translates to its public IP and its subnet routes to the "
        "internet gateway"))

(case("ipv6-local-and-icmpv6",
      "IPv6 between subnets over the local route, and ping over ICMPv6")
 .vpc("lab", "10.64.0.0/16", ipv6="2406:da12:d10:8900::/56")
 .subnet("lab-a", "lab", "10.64.1.0/24", ipv6="2406:da12:d10:8901::/64")
 .subnet("lab-b", "lab", "10.64.2.0/24", ipv6="2406:da12:d10:8902::/64")
 .subnet("lab-c", "lab", "10.64.3.0/24", ipv6="2406:da12:d10:8903::/64")
 .acl("c-acl", "lab", ["lab-c"], ["100 allow icmpv6 128:-1 ::/0"], ["100 allow icmpv6 129:-1 ::/0"])
 .sg("client", "lab", [], ALL_OUT6)
 .sg("db", "lab", ["tcp 5432 2406:da12:d10:8900::/56", "icmp -1 10.64.0.0/16"], ALL_OUT6)
 .sg("pingable6", "lab", ["icmpv6 -1 2406:da12:d10:8900::/56"], ALL_OUT6)
 .instance("a1", "lab-a", "10.64.1.10", ["client"], ipv6="2406:da12:d10:8901::10")
 .instance("b1", "lab-b", "10.64.2.10", ["db"], ipv6="2406:da12:d10:8902::10")
 .instance("b2", "lab-b", "10.64.2.20", ["pingable6"], ipv6="2406:da12:d10:8902::20")
 .instance("c1", "lab-c", "10.64.3.10", ["pingable6"], ipv6="2406:da12:d10:8903::10")
 .query("a1", "b1", "tcp", 5432, "established", None,
        "every route table has a local route for the VPC's IPv6 block: IPv6 between subnets "
        "needs no other route, and the ::/56 rule admits it", ipv6=True)
 .query("a1", "b1", "tcp", 5432, "not-established", "sg:db",
        "over IPv4 the same connection matches no rule: db names only the VPC's IPv6 block for "
        "5432")
 .query("a1", "b1", "icmp", None, "not-established", "sg:db",
        "ping over IPv6 is ICMPv6 (58), which a rule for protocol icmp (1) does not admit",
        ipv6=True)
 .query("a1", "b1", "icmp", None, "established", None,
        "over IPv4 the icmp rule admits the echo request")
 .query("a1", "b2", "icmpv6", None, "established", None,
        "an icmpv6 rule for all types admits the echo request; the reply is tracked",
        ipv6=True)
 .query("a1", "b2", "icmp", None, "not-established", "sg:pingable6",
        "an icmpv6 rule for an IPv6 block admits no IPv4 ping")
 .query("a1", "ip6:c1", "icmpv6", None, "established", None,
        "network ACLs are stateless and name ICMPv6 types: c-acl admits the echo request (128) "
        "in and the echo reply (129) out")
 .query("a1", "c1", "icmp", None, "not-established", ["acl:c-acl", "sg:pingable6"],
        "c-acl has only ICMPv6 rules, so IPv4 ping meets the IPv4 * rule (pingable6 would not "
        "admit it either)"))

(case("ipv6-default-security-group",
      "The default security group of a dual-stack VPC, as AWS creates it")
 .vpc("dev", "10.65.0.0/16", igw=True, ipv6="2406:da12:d10:8a00::/56")
 .subnet("dev-a", "dev", "10.65.1.0/24", public=True, ipv6="2406:da12:d10:8a01::/64")
 .subnet("dev-b", "dev", "10.65.2.0/24", ipv6="2406:da12:d10:8a02::/64")
 .main_routes("dev", ("0.0.0.0/0", "igw:dev"), ("::/0", "igw:dev"))
 .sg("v4-out", "dev", [])
 .instance("m1", "dev-a", "10.65.1.10", ["default:dev"], ipv6="2406:da12:d10:8a01::10")
 .instance("m2", "dev-b", "10.65.2.10", ["default:dev"], ipv6="2406:da12:d10:8a02::10")
 .instance("legacy", "dev-a", "10.65.1.20", ["v4-out"], ipv6="2406:da12:d10:8a01::20")
 .query("m1", SITE6, "tcp", 443, "established", None,
        "in a VPC with an IPv6 block the default group also allows all outbound IPv6 (::/0), "
        "and the main table routes ::/0 to the internet gateway")
 .query("m1", "m2", "udp", 514, "established", None,
        "the default group admits its members over IPv6 too: a group reference matches the "
        "members' IPv6 addresses", ipv6=True)
 .query(CLIENT6, "m1", "tcp", 22, "not-established", "sg:default:dev",
        "the default group admits only its own members inbound, over either family",
        ipv6=True)
 .query("legacy", SITE6, "tcp", 443, "not-established", "sg:v4-out",
        "a group whose outbound rule names only 0.0.0.0/0 lets no IPv6 out")
 .query("legacy", SITE, "tcp", 443, "not-established", "i:legacy",
        "over IPv4 legacy may send, but without a public IPv4 the internet gateway cannot "
        "carry it"))


def write_all():
    names = [c.name for c in CASES]
    dupes = {n for n in names if names.count(n) > 1}
    if dupes:
        sys.exit(f"duplicate case names: {sorted(dupes)}")
    for entry in os.listdir(HERE):
        path = os.path.join(HERE, entry)
        if os.path.isdir(path) and entry != "reference" and entry not in names:
            shutil.rmtree(path)
    queries = []
    for c in CASES:
        folder = os.path.join(HERE, c.name)
        os.makedirs(folder, exist_ok=True)
        for old in os.listdir(folder):
            os.remove(os.path.join(folder, old))
        for fname, data in c.files().items():
            with open(os.path.join(folder, fname), "w") as f:
                json.dump(data, f, indent=4)
                f.write("\n")
        queries += c.query_entries()
    with open(os.path.join(HERE, "queries.json"), "w") as f:
        json.dump(queries, f, indent=1)
        f.write("\n")
    print(f"{len(CASES)} cases, {len(queries)} queries")


if __name__ == "__main__":
    write_all()
