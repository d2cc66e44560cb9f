//! Fuzzes the AWS importer: the input is split at NUL bytes into up to four files, each read as
//! (lossy) UTF-8. The importer must never panic; an error must name one of the files.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vpc_playground::aws::{import_files, ImportError};

fuzz_target!(|data: &[u8]| {
    let files: Vec<(String, String)> = data
        .split(|b| *b == 0)
        .take(4)
        .enumerate()
        .map(|(i, part)| {
            (
                format!("f{i}.json"),
                String::from_utf8_lossy(part).into_owned(),
            )
        })
        .collect();
    match import_files(&files) {
        Ok(imported) => assert_eq!(imported.scenario.version, 1),
        Err(ImportError::NothingRecognised { files: names }) => {
            assert_eq!(names.len(), files.len())
        }
        Err(e) => {
            let msg = e.to_string();
            assert!(
                files
                    .iter()
                    .any(|(n, _)| msg.starts_with(&format!("{n}: "))),
                "error names no file: {msg}"
            );
        }
    }
});
