//! Ids: every part needs one, and no two parts (of any kind) may share one.

use super::index::Index;
use crate::scenario::problem::Problem;

/// Reports `missing-id` and `duplicate-id`.
pub(super) fn check(ix: &Index, out: &mut Vec<Problem>) {
    for p in ix.parts.iter().filter(|p| p.id.is_empty()) {
        out.push(Problem::error(
            "missing-id",
            format!("{}.id", p.path),
            p.head.clone(),
            format!(
                "this {} has no id; every part needs an id that no other part uses",
                p.kind.noun()
            ),
        ));
    }
    for &(first, dup) in &ix.duplicates {
        let (first, dup) = (&ix.parts[first], &ix.parts[dup]);
        out.push(Problem::error(
            "duplicate-id",
            format!("{}.id", dup.path),
            dup.head.clone(),
            format!(
                "id {:?} is already used by {} ({}); every part needs its own id",
                dup.id,
                first.describe(),
                first.kind.noun()
            ),
        ));
    }
}
