//! What the page asks of its helper Web Worker (the `vpcplay-import` binary, see
//! `ui::importer`): work that is heavy or rarely needed, kept out of the page's own bundle. It
//! imports AWS describe output and packs scenarios and lessons into share-link payloads (the
//! DEFLATE compressor lives only there; the page itself only inflates links). Plain Rust, so
//! each request is tested natively.

use serde::{Deserialize, Serialize};

use crate::aws::job::Job;

/// One request to the worker, as JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Request {
    /// Import describe output; answered with an [`crate::aws::job::Answer`] as JSON.
    Import(Job),
    /// Pack JSON (a scenario or a lesson) into a link payload (`2.<base64url>`); answered with
    /// the payload itself.
    Pack(String),
}

/// Answers a request given as JSON (what the worker does with each message).
pub fn answer(request: &str) -> String {
    match serde_json::from_str::<Request>(request) {
        Ok(Request::Import(job)) => crate::aws::job::to_json(&crate::aws::job::run(&job)),
        Ok(Request::Pack(json)) => crate::share::encode_payload(&json),
        Err(e) => crate::aws::job::to_json(&crate::aws::job::Answer::Failed(format!(
            "the request to the helper could not be read: {e}"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_packed_scenario_opens_as_the_same_json() {
        let s = crate::templates::load("transit-hub").unwrap();
        let json = serde_json::to_string(&s).unwrap();
        let request = serde_json::to_string(&Request::Pack(json.clone())).unwrap();
        let payload = answer(&request);
        assert!(payload.starts_with("2."), "{payload}");
        assert_eq!(crate::share::decode_payload(&payload).unwrap(), json);
    }

    #[test]
    fn an_import_request_is_answered_like_a_job() {
        let job = Job {
            lang: crate::i18n::Lang::En,
            input: crate::aws::job::Input::Pasted(
                r#"{"Vpcs":[{"VpcId":"vpc-1","CidrBlock":"10.0.0.0/16"}]}"#.into(),
            ),
        };
        let text = answer(&serde_json::to_string(&Request::Import(job.clone())).unwrap());
        let got: crate::aws::job::Answer = serde_json::from_str(&text).unwrap();
        assert_eq!(got, crate::aws::job::run(&job));
    }

    #[test]
    fn a_garbled_request_gets_a_failure_not_a_panic() {
        let got: crate::aws::job::Answer = serde_json::from_str(&answer("{nope")).unwrap();
        assert!(
            matches!(got, crate::aws::job::Answer::Failed(m) if m.contains("could not be read"))
        );
    }
}
