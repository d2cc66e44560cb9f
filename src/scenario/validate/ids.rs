//! Ids: every part needs one, and no two parts (of any kind) may share one.

use super::index::Index;
use crate::scenario::message::Message;
use crate::scenario::problem::Problem;

/// Reports `missing-id` and `duplicate-id`.
pub(super) fn check(ix: &Index, out: &mut Vec<Problem>) {
    for p in ix.parts.iter().filter(|p| p.id.is_empty()) {
        out.push(Problem::error(
            "missing-id",
            format!("{}.id", p.path),
            p.head.clone(),
            Message::MissingId { kind: p.kind },
        ));
    }
    for &(first, dup) in &ix.duplicates {
        let (first, dup) = (&ix.parts[first], &ix.parts[dup]);
        out.push(Problem::error(
            "duplicate-id",
            format!("{}.id", dup.path),
            dup.head.clone(),
            Message::DuplicateId {
                id: dup.id.to_string(),
                first: first.path.clone(),
                first_label: first.label(),
                kind: first.kind,
            },
        ));
    }
}
