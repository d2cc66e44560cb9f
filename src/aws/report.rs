//! The import report: per file, what was read, and what was left out or guessed there.

/// Whether a note says what the importer left out or what it guessed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteKind {
    /// Something in the output the model does not hold, or that points at what is missing.
    Ignored,
    /// A stand-in or a guess made where the output is silent.
    Inferred,
}

/// What the importer says as it goes, in order.
#[derive(Debug, Default)]
pub(crate) struct Notes(pub Vec<(NoteKind, String)>);

impl Notes {
    /// Notes something left out.
    pub fn ignored(&mut self, text: String) {
        self.0.push((NoteKind::Ignored, text));
    }

    /// Notes a guess or a stand-in.
    pub fn inferred(&mut self, text: String) {
        self.0.push((NoteKind::Inferred, text));
    }
}

/// What one file gave the import.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FileReport {
    /// The file's name, as given; empty for the notes that concern no one file.
    pub file: String,
    /// Each top-level key the importer read and how many records it held, in file order.
    pub read: Vec<(&'static str, usize)>,
    /// What was left out, without the file's name in front.
    pub ignored: Vec<String>,
    /// What was guessed, without the file's name in front.
    pub inferred: Vec<String>,
}

impl FileReport {
    /// What was read, in words: `Subnets 4, RouteTables 2`; empty when nothing was.
    pub fn read_summary(&self) -> String {
        let parts: Vec<String> = (self.read.iter())
            .map(|(key, n)| format!("{key} {n}"))
            .collect();
        parts.join(", ")
    }
}

/// Groups `notes` under the files they name (a note names a file when it starts with the file's
/// name and `: `), after the files' read counts; notes that name no file come last, under an
/// empty name.
pub(crate) fn by_file(
    read: Vec<(String, Vec<(&'static str, usize)>)>,
    notes: &Notes,
) -> Vec<FileReport> {
    let mut out: Vec<FileReport> = (read.into_iter())
        .map(|(file, read)| FileReport {
            file,
            read,
            ..FileReport::default()
        })
        .collect();
    let mut general = FileReport::default();
    for (kind, text) in &notes.0 {
        let at = (out.iter())
            .enumerate()
            .filter(|(_, r)| {
                text.strip_prefix(r.file.as_str())
                    .is_some_and(|rest| rest.starts_with(": "))
            })
            .max_by_key(|(_, r)| r.file.len())
            .map(|(i, _)| i);
        let (report, text) = match at {
            Some(i) => {
                let cut = out[i].file.len() + 2;
                (&mut out[i], text[cut..].to_string())
            }
            None => (&mut general, text.clone()),
        };
        match kind {
            NoteKind::Ignored => report.ignored.push(text),
            NoteKind::Inferred => report.inferred.push(text),
        }
    }
    if !general.ignored.is_empty() || !general.inferred.is_empty() {
        out.push(general);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_go_under_the_longest_file_name_they_start_with() {
        let mut notes = Notes::default();
        notes.ignored("a.json: Subnets[1]: skipped subnet-2".into());
        notes.inferred("a.json.bak.json: Vpcs[0]: guessed".into());
        notes.inferred("route table rtb-1: a stand-in".into());
        notes.ignored("a.jsonx: not this file".into());
        let read = vec![
            ("a.json".to_string(), vec![("Subnets", 2)]),
            ("a.json.bak.json".to_string(), vec![("Vpcs", 1)]),
        ];
        let report = by_file(read, &notes);
        assert_eq!(report.len(), 3);
        assert_eq!(report[0].read, [("Subnets", 2)]);
        assert_eq!(report[0].ignored, ["Subnets[1]: skipped subnet-2"]);
        assert_eq!(report[1].inferred, ["Vpcs[0]: guessed"]);
        assert_eq!(report[2].file, "");
        assert_eq!(report[2].inferred, ["route table rtb-1: a stand-in"]);
        assert_eq!(report[2].ignored, ["a.jsonx: not this file"]);
    }
}
