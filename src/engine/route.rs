//! Route tables: longest-prefix match over the subnet's table.
//!
//! AWS rule: a subnet uses its explicitly associated table, else the VPC's main table; every table
//! has a `local` route per VPC CIDR; the most specific matching route wins; a route in state
//! blackhole drops what it matches; no match means no route.

use super::network::{cidr_contains, CompiledRoute, Network};
use std::net::IpAddr;

/// The route that matched a destination in route table `table`.
pub fn lookup<'n, 's>(
    net: &'n Network<'s>,
    table: usize,
    dst: IpAddr,
) -> Option<&'n CompiledRoute<'s>> {
    net.routes
        .get(table)?
        .iter()
        .find(|r| cidr_contains(&r.net, dst))
}
