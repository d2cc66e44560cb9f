//! The whole import as the CLI and the browser run it: read the describe output
//! ([`import_files`](super::import_files)), complete the scenario ([`scenario::normalize`](fn@crate::scenario::normalize)),
//! check it ([`scenario::validate`](fn@crate::scenario::validate)) and split what was found into refusals and warnings.

use super::{FileReport, Imported};
use crate::i18n::Lang;
use crate::model::Scenario;
use crate::scenario::{self, Problem};

/// An imported scenario that AWS would accept, with everything the import has to say about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Completed {
    /// The scenario, normalized and valid (not laid out).
    pub scenario: Scenario,
    /// What the importer skipped or guessed, naming the file and JSON path.
    pub notes: Vec<String>,
    /// What each file gave, and the notes about it.
    pub files: Vec<FileReport>,
    /// The warnings of the check.
    pub warnings: Vec<Problem>,
}

impl Completed {
    /// The notes and the warnings as people read them, in `lang`.
    pub fn warning_lines(&self, lang: Lang) -> Vec<String> {
        let mut all = self.notes.clone();
        all.extend(self.check_lines(lang));
        all
    }

    /// The check's warnings alone, in `lang`.
    pub fn check_lines(&self, lang: Lang) -> Vec<String> {
        self.warnings.iter().map(|w| shown(w, lang)).collect()
    }
}

/// Completes and checks an import; the errors, when there are any, are why the scenario cannot
/// be used.
pub fn complete(imported: Imported) -> Result<Completed, Vec<Problem>> {
    let Imported {
        mut scenario,
        warnings: notes,
        files,
    } = imported;
    scenario::normalize(&mut scenario);
    let (errors, warnings): (Vec<_>, Vec<_>) = scenario::validate(&scenario)
        .into_iter()
        .partition(Problem::is_error);
    if errors.is_empty() {
        Ok(Completed {
            scenario,
            notes,
            files,
            warnings,
        })
    } else {
        Err(errors)
    }
}

/// A problem as people read it: in English with its place in the file, in Korean with the part
/// it is about.
pub fn shown(p: &Problem, lang: Lang) -> String {
    match lang {
        Lang::En => p.to_string(),
        Lang::Ko if p.part.is_empty() => p.text(lang),
        Lang::Ko => format!("{}: {}", p.part, p.text(lang)),
    }
}
