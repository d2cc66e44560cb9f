//! The rule the traffic panel points at in the inspector: "Show the rule" selects the part the
//! deciding security group, network ACL or route table belongs to, opens its tab on the right
//! direction and marks the rule's row.

use std::rc::Rc;

use yew::prelude::*;

use crate::engine::{Hop, Kind, RuleRef, Side};

/// Where the inspector should look.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleFocus {
    /// Changes with every request, so the inspector opens it again.
    pub serial: u32,
    /// The part to select: the subnet of an ACL or route table, the owner of a security group.
    pub part: String,
    /// The inspector tab to open.
    pub tab: &'static str,
    /// Id of the table: the ACL, security group or route table.
    pub table: String,
    /// Inbound rules (else outbound).
    pub inbound: bool,
    /// The rule that decided.
    pub rule: Option<RuleRef>,
}

impl RuleFocus {
    /// The focus for the hop that decided, when it is a rule table the inspector edits.
    pub fn of(hop: &Hop, serial: u32) -> Option<Self> {
        let tab = match hop.component.kind {
            Kind::NetworkAcl => "Network ACL",
            Kind::SecurityGroup => "Security groups",
            Kind::RouteTable => "Route table",
            _ => return None,
        };
        let site = hop.site.as_ref()?;
        Some(RuleFocus {
            serial,
            part: site.part.clone(),
            tab,
            table: hop.component.id.clone(),
            inbound: site.side == Side::Entering,
            rule: hop.rule().cloned(),
        })
    }

    /// The tab of `labels` to open first for part `part`, if this focus is about it.
    pub fn tab_of(focus: &Option<Rc<RuleFocus>>, part: &str, labels: &[&str]) -> Option<usize> {
        focus
            .as_ref()
            .filter(|f| f.part == part)
            .and_then(|f| labels.iter().position(|l| *l == f.tab))
    }

    /// The security group rule's 0-based index (`inbound #2` is 1).
    pub fn group_rule(&self) -> Option<usize> {
        match self.rule.as_ref()? {
            RuleRef::SgRule { index, .. } => index.checked_sub(1),
            _ => None,
        }
    }
}

/// The rule to show in the inspector, if any. Set by the traffic panel.
pub type RuleFocusContext = UseStateHandle<Option<Rc<RuleFocus>>>;
