//! Reading a `SCENARIO` argument: a scenario file, a directory of AWS output, a share link, or
//! `template:NAME` for a built-in template.

use crate::model::Scenario;
use crate::scenario;
use crate::share;
use std::path::Path;

/// A scenario ready to simulate, with the warnings found on the way.
pub struct Input {
    /// The scenario, normalized and validated.
    pub scenario: Scenario,
    /// Warnings (limits exceeded, skipped AWS records).
    pub warnings: Vec<String>,
    /// For AWS output: what each file gave and what was said about it (also in `warnings`).
    pub files: Vec<crate::aws::FileReport>,
}

/// Loads a `SCENARIO` argument; the error names the file, the field and what was wrong.
pub fn load(arg: &str) -> Result<Input, String> {
    if let Some(found) = super::templates::named(arg) {
        let t = found?;
        return from_json(t.scenario_json).map_err(|e| format!("{arg}: {e}"));
    }
    if share::looks_like_link(arg) {
        let parts = share::decode_link(arg).map_err(|e| format!("link: {e}"))?;
        return from_json(&parts.scenario_json).map_err(|e| format!("link: {e}"));
    }
    let path = Path::new(arg);
    if path.is_dir() {
        return load_aws_dir(path);
    }
    let text = std::fs::read_to_string(path).map_err(|e| format!("{arg}: cannot read: {e}"))?;
    from_json(&text).map_err(|e| format!("{arg}: {e}"))
}

fn from_json(text: &str) -> Result<Input, String> {
    let loaded = scenario::load_str(text).map_err(|e| e.to_string())?;
    Ok(Input {
        scenario: loaded.scenario,
        warnings: loaded.warnings.iter().map(|w| w.to_string()).collect(),
        files: Vec::new(),
    })
}

/// Imports a directory of `aws ec2 describe-*` JSON, then completes and checks it.
pub fn load_aws_dir(dir: &Path) -> Result<Input, String> {
    let imported = crate::aws::import_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let completed = crate::aws::pipeline::complete(imported).map_err(|errors| {
        let list: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        format!("{}: {}", dir.display(), list.join("; "))
    })?;
    let all = completed.warning_lines(crate::i18n::Lang::En);
    Ok(Input {
        scenario: completed.scenario,
        warnings: all,
        files: completed.files,
    })
}

/// Prints an import's report to stderr: per file, what was read, then what was left out or
/// guessed there (`vpcplay: left out: FILE: ...`, `vpcplay: guessed: FILE: ...`); then the
/// check's warnings.
pub fn report(input: &Input) {
    let notes: usize = (input.files.iter())
        .map(|f| f.ignored.len() + f.inferred.len())
        .sum();
    for f in &input.files {
        let place = if f.file.is_empty() {
            String::new()
        } else {
            let read = match f.read_summary() {
                r if r.is_empty() => "nothing".to_string(),
                r => r,
            };
            eprintln!("vpcplay: read {}: {read}", f.file);
            format!("{}: ", f.file)
        };
        for note in &f.ignored {
            eprintln!("vpcplay: left out: {place}{note}");
        }
        for note in &f.inferred {
            eprintln!("vpcplay: guessed: {place}{note}");
        }
    }
    warn(input.warnings.get(notes..).unwrap_or_default());
}

/// Prints warnings to stderr.
pub fn warn(warnings: &[String]) {
    for w in warnings {
        eprintln!("vpcplay: warning: {w}");
    }
}
