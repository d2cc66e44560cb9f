//! An import as the page hands it to the importer (a Web Worker, so that the app's own bundle
//! carries no importer and a large account does not hold up the page) and the importer's answer,
//! both as JSON. Running a job needs no browser, so it is tested natively.

use serde::{Deserialize, Serialize};

use super::pipeline;
use crate::i18n::Lang;

/// What to import, and the language to say it in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Job {
    /// The language of the messages.
    pub lang: Lang,
    /// The describe output.
    pub input: Input,
}

/// Describe output, as the user gave it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Input {
    /// Files from a picker or a folder: (name, contents) pairs.
    Files(Vec<(String, String)>),
    /// Text pasted into the dialog: one or more JSON documents.
    Pasted(String),
}

/// What the importer answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Answer {
    /// A scenario that can be opened.
    Imported {
        /// The scenario's JSON, laid out.
        scenario: String,
        /// The check's warnings, in the job's language.
        warnings: Vec<String>,
        /// Per file: what was read, left out and guessed.
        files: Vec<FileSummary>,
        /// How many files or pasted documents were read.
        documents: usize,
    },
    /// Why nothing could be imported, in the job's language.
    Failed(String),
}

/// What one file gave the import, as the page shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FileSummary {
    /// The file's name; empty for what concerns no one file.
    pub file: String,
    /// The top-level keys read, each with its number of records (`Subnets 4, RouteTables 2`);
    /// empty when nothing was read.
    pub read: String,
    /// What was left out.
    pub ignored: Vec<String>,
    /// What was guessed.
    pub inferred: Vec<String>,
}

impl FileSummary {
    /// How many things were left out or guessed.
    pub fn notes(&self) -> usize {
        self.ignored.len() + self.inferred.len()
    }
}

/// Runs a job given as JSON and answers in JSON (what the worker does with each message).
pub fn run_json(job: &str) -> String {
    let answer = match serde_json::from_str::<Job>(job) {
        Ok(job) => run(&job),
        Err(e) => Answer::Failed(format!("the import request could not be read: {e}")),
    };
    to_json(&answer)
}

/// An answer as JSON (never fails: a failure to write it is a failed answer).
pub fn to_json(answer: &Answer) -> String {
    serde_json::to_string(answer).unwrap_or_else(|e| {
        format!(r#"{{"failed":"the imported scenario could not be written: {e}"}}"#)
    })
}

/// Imports, completes, checks and lays out the job's describe output.
pub fn run(job: &Job) -> Answer {
    let lang = job.lang;
    let files = match &job.input {
        Input::Files(files) if files.is_empty() => return Answer::Failed(no_files(lang).into()),
        Input::Files(files) => files.clone(),
        Input::Pasted(text) => match split_documents(text, lang) {
            Ok(docs) => docs,
            Err(e) => return Answer::Failed(e),
        },
    };
    let imported = match super::import_files(&files) {
        Ok(i) => i,
        Err(e) => return Answer::Failed(e.to_string()),
    };
    let completed = match pipeline::complete(imported) {
        Ok(c) => c,
        Err(errors) => {
            let lines: Vec<String> = errors.iter().map(|e| pipeline::shown(e, lang)).collect();
            return Answer::Failed(lines.join("\n"));
        }
    };
    let warnings = completed.check_lines(lang);
    let summaries = (completed.files.into_iter())
        .map(|f| FileSummary {
            read: f.read_summary(),
            file: f.file,
            ignored: f.ignored,
            inferred: f.inferred,
        })
        .collect();
    let mut scenario = completed.scenario;
    crate::layout::fill_missing(&mut scenario);
    match serde_json::to_string(&scenario) {
        Ok(json) => Answer::Imported {
            scenario: json,
            warnings,
            files: summaries,
            documents: files.len(),
        },
        Err(e) => Answer::Failed(format!("the imported scenario could not be written: {e}")),
    }
}

fn no_files(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "no .json files were chosen",
        Lang::Ko => crate::ko_str!("선택한 .json 파일이 없습니다"),
    }
}

/// Splits pasted text into JSON documents (concatenated or separated by blank lines), each as
/// a (name, text) pair for the importer.
pub fn split_documents(text: &str, lang: Lang) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    let stream = serde_json::Deserializer::from_str(text).into_iter::<serde_json::Value>();
    for (i, doc) in stream.enumerate() {
        let v = doc.map_err(|e| match lang {
            Lang::En => format!("pasted document {}: not JSON: {e}", i + 1),
            Lang::Ko => crate::ko!("붙여 넣은 문서 {}: JSON이 아닙니다: {}", i + 1, e),
        })?;
        out.push((format!("pasted-{}.json", i + 1), v.to_string()));
    }
    if out.is_empty() {
        return Err(match lang {
            Lang::En => "paste the output of one or more aws ec2 describe-* commands first",
            Lang::Ko => {
                crate::ko_str!("먼저 aws ec2 describe-* 명령의 출력을 하나 이상 붙여 넣으세요")
            }
        }
        .into());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const VPCS: &str = r#"{"Vpcs":[{"VpcId":"vpc-1","CidrBlock":"10.0.0.0/16"}]}"#;
    const SUBNETS: &str = r#"{"Subnets":[{"SubnetId":"subnet-1","VpcId":"vpc-1","CidrBlock":"10.0.1.0/24","AvailabilityZone":"us-east-1a"}]}"#;

    fn job(lang: Lang, input: Input) -> String {
        serde_json::to_string(&Job { lang, input }).unwrap()
    }

    #[test]
    fn pasted_documents_import_as_a_laid_out_scenario() {
        let answer = run_json(&job(
            Lang::En,
            Input::Pasted(format!("{VPCS}\n\n{SUBNETS}")),
        ));
        let Answer::Imported {
            scenario,
            documents,
            ..
        } = serde_json::from_str(&answer).unwrap()
        else {
            panic!("not imported: {answer}");
        };
        assert_eq!(documents, 2);
        let loaded = crate::scenario::load_str(&scenario).unwrap().scenario;
        assert_eq!(loaded.subnets.len(), 1);
        assert!(loaded.subnets[0].cidr.to_string() == "10.0.1.0/24");
        assert!(loaded.layout.contains_key(&loaded.vpcs[0].id), "laid out");
    }

    #[test]
    fn bad_pastes_and_empty_picks_say_why_in_the_jobs_language() {
        let bad = run(&Job {
            lang: Lang::Ko,
            input: Input::Pasted("{\"Vpcs\": [".into()),
        });
        assert!(
            matches!(&bad, Answer::Failed(m) if m.starts_with("붙여 넣은 문서 1")),
            "{bad:?}"
        );
        let empty = run(&Job {
            lang: Lang::En,
            input: Input::Pasted("  ".into()),
        });
        assert!(matches!(&empty, Answer::Failed(m) if m.contains("paste the output")));
        let none = run(&Job {
            lang: Lang::En,
            input: Input::Files(Vec::new()),
        });
        assert_eq!(none, Answer::Failed("no .json files were chosen".into()));
    }

    #[test]
    fn the_answer_reports_each_file() {
        let files =
            vec![
            ("vpcs.json".to_string(), VPCS.to_string()),
            (
                "subnets.json".to_string(),
                r#"{"Subnets":[{"SubnetId":"subnet-1","VpcId":"vpc-1","CidrBlock":"10.0.1.0/24"},
                    {"SubnetId":"subnet-6","VpcId":"vpc-1","Ipv6CidrBlockAssociationSet":[]}]}"#
                    .to_string(),
            ),
            ("zones.json".to_string(), r#"{"AvailabilityZones":[]}"#.to_string()),
        ];
        let Answer::Imported { files, .. } = run(&Job {
            lang: Lang::En,
            input: Input::Files(files),
        }) else {
            panic!("not imported");
        };
        let names: Vec<&str> = files.iter().map(|f| f.file.as_str()).collect();
        assert_eq!(names, ["vpcs.json", "subnets.json", "zones.json"]);
        assert_eq!(files[0].read, "Vpcs 1");
        assert_eq!(files[0].notes(), 0);
        assert_eq!(files[1].read, "Subnets 2");
        assert_eq!(
            files[1].ignored,
            ["Subnets[1]: skipped subnet-6: it has no IPv4 block (IPv6-only subnets are not modelled)"]
        );
        assert!(files[2].read.is_empty());
        assert_eq!(
            files[2].ignored,
            ["skipped: the importer reads none of its top-level keys (AvailabilityZones)"]
        );
    }

    #[test]
    fn an_unreadable_request_is_an_answer_not_a_panic() {
        let answer: Answer = serde_json::from_str(&run_json("not json")).unwrap();
        assert!(matches!(answer, Answer::Failed(m) if m.starts_with("the import request")));
    }

    #[test]
    fn a_file_the_importer_refuses_names_the_file() {
        let files = vec![(
            "subnets.json".to_string(),
            r#"{"Subnets":[{"SubnetId":"s","VpcId":"v","CidrBlock":"10.0.1.0/33"}]}"#.to_string(),
        )];
        let answer = run(&Job {
            lang: Lang::En,
            input: Input::Files(files),
        });
        assert!(
            matches!(&answer, Answer::Failed(m) if m.contains("subnets.json")),
            "{answer:?}"
        );
    }
}
