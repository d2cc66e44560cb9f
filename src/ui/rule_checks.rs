//! The rules a filter hop looked at, as a small table under the selected hop: for a network ACL
//! every rule in number order (the deciding one marked, the ones before it with what did not
//! match), for a security group every rule of every group, or the tracked connection a reply
//! belongs to. Words come from the engine ([`crate::engine::checks::words`]).

use super::lang::{t, Lang};
use crate::engine::checks::words::{self, Seen};
use crate::engine::checks::{FilterChecks, Outcome};
use crate::engine::Hop;
use yew::prelude::*;

/// The table for `hop`, or nothing when the hop is not a filter.
pub fn rule_checks(lang: Lang, hop: &Hop) -> Html {
    let Some(checks) = hop.checks.as_deref() else {
        return Html::default();
    };
    let (inbound, remote, ports, rules) = match checks {
        FilterChecks::Tracked(e) => {
            return html! { <p class="rule-checks tracked">{ words::tracked(e, lang) }</p> };
        }
        FilterChecks::Rules {
            inbound,
            remote,
            ports,
            rules,
        } => (*inbound, *remote, ports, rules),
    };
    let seen = Seen {
        protocol: hop.packet.protocol,
        ports,
        remote,
    };
    let group = rules.first().is_some_and(|c| c.row.group.is_some());
    let heading = match (group, inbound) {
        (false, true) => t(lang, "Inbound rules, in number order"),
        (false, false) => t(lang, "Outbound rules, in number order"),
        (true, true) => t(lang, "Inbound rules of the interface's groups"),
        (true, false) => t(lang, "Outbound rules of the interface's groups"),
    };
    let peer_head = if inbound {
        t(lang, "Source")
    } else {
        t(lang, "Destination")
    };
    let row = |c: &crate::engine::checks::RuleCheck| {
        let state = match c.outcome {
            Outcome::Matched { .. } => "matched",
            Outcome::Missed(_) => "missed",
            Outcome::NotReached => "unreached",
        };
        let mark = match c.outcome {
            Outcome::Matched { .. } => "✓",
            Outcome::Missed(_) => "✗",
            Outcome::NotReached => "–",
        };
        let number = match &c.row.group {
            Some(g) if group => format!("{g} {}", words::number(&c.row)),
            _ => words::number(&c.row),
        };
        let deny = c.row.action == crate::model::Action::Deny;
        let rule = if group {
            format!(
                "{} {} {}",
                words::rule_protocol(&c.row, lang),
                words::ports(&c.row, lang),
                words::peer(&c.row, lang)
            )
        } else {
            format!(
                "{} {} {} {}",
                words::action(&c.row, lang),
                words::rule_protocol(&c.row, lang),
                words::ports(&c.row, lang),
                words::peer(&c.row, lang)
            )
        };
        html! {
            <li class={classes!(state, deny.then_some("deny"))}
                aria-current={matches!(c.outcome, Outcome::Matched { .. }).then_some("true")}>
                <span class="num">{ number }</span>
                <span class="rule">{ rule }</span>
                <span class="why"><span aria-hidden="true">{ mark }{ " " }</span>{ words::outcome(c, seen, lang) }</span>
            </li>
        }
    };
    html! {
        <div class="rule-checks">
            <p class="heading">{ heading }{ " (" }{ peer_head }{ ")" }</p>
            <ol aria-label={heading}>{ for rules.iter().map(row) }</ol>
            { for words::none_matched(checks, lang).map(|s| html! { <p class="none-matched">{ s }</p> }) }
        </div>
    }
}
