//! What the page asks of its helper Web Worker (the `vpcplay-import` binary, see
//! `ui::importer`): work that is heavy or rarely needed, kept out of the page's own bundle. It
//! imports AWS describe output, packs scenarios and lessons into share-link payloads (the
//! DEFLATE compressor lives only there; the page itself only inflates links) and analyses
//! every port of a scenario after each change ([`crate::analysis`]; the walks over port sets
//! live only there). Plain Rust, so each request is tested natively.

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
    /// Analyse every port of a scenario (JSON) and render the page's views of it in `lang`:
    /// the reachability table for the `probes` (`443`, `udp/53`, `icmp`), the exposure list,
    /// the open-port lines when `edges`, and when `before` (JSON) is given, what changed since
    /// it. Answered with an [`Analysed`] as JSON.
    Analyse {
        /// The scenario now.
        scenario: String,
        /// The version before, if the changes are wanted.
        before: Option<String>,
        /// The language of the words.
        lang: crate::i18n::Lang,
        /// The ports the table marks.
        probes: Vec<String>,
        /// Whether to draw the open-port lines.
        edges: bool,
        /// The part whose lines alone are drawn (the one selected), if any.
        focus: Option<String>,
    },
}

/// The page's views of an analysis, as markup (see [`crate::analysis::view`]).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Rendered {
    /// The reachability table's opening: caption, column headers, an empty body.
    pub table: String,
    /// Its rows (none when the scenario has no endpoints).
    pub rows: Vec<String>,
    /// The "Exposed to the internet" list, with its heading.
    pub exposure: String,
    /// What changed since the version before (`None` when none was given).
    pub note: Option<String>,
    /// The open-port lines, as SVG (empty unless asked for).
    pub edges: String,
}

/// The answer to [`Request::Analyse`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Analysed {
    /// The views.
    Done(Rendered),
    /// Why there are none.
    Failed(String),
}

/// Answers a request given as JSON (what the worker does with each message).
pub fn answer(request: &str) -> String {
    match serde_json::from_str::<Request>(request) {
        Ok(Request::Import(job)) => crate::aws::job::to_json(&crate::aws::job::run(&job)),
        Ok(Request::Pack(json)) => crate::share::encode_payload(&json),
        Ok(Request::Analyse {
            scenario,
            before,
            lang,
            probes,
            edges,
            focus,
        }) => {
            let lines = edges.then_some(focus.as_deref());
            let answer = analyse(&scenario, before.as_deref(), lang, &probes, lines);
            serde_json::to_string(&answer).unwrap_or_default()
        }
        Err(e) => crate::aws::job::to_json(&crate::aws::job::Answer::Failed(format!(
            "the request to the helper could not be read: {e}"
        ))),
    }
}

#[cfg(feature = "port-sets")]
mod analyse {
    use super::{Analysed, Rendered};
    use crate::analysis::{analyse as analyse_net, view, Analysis};
    use crate::engine::all_ports::{all_ports, AllPorts};
    use crate::engine::matrix::Probe;
    use crate::engine::Network;
    use crate::i18n::Lang;
    use crate::model::Scenario;
    use std::cell::RefCell;

    thread_local! {
        /// The last scenario analysed, its every port and its analysis, so that the next
        /// version is compared without walking this one again, and a version that only moves
        /// parts is not walked at all.
        static LAST: RefCell<Option<(Scenario, AllPorts, Analysis)>> = const { RefCell::new(None) };
    }

    fn read(json: &str, what: &str) -> Result<Scenario, String> {
        serde_json::from_str(json).map_err(|e| format!("the {what} could not be read: {e}"))
    }

    /// Every port of `now` (and of `before`, when given), from the cache when it holds them.
    fn walk(now: &Scenario, before: Option<&str>) -> Result<(Analysis, AllPorts), String> {
        let cached = LAST.with(|l| l.borrow_mut().take());
        let same = |s: &Scenario, t: &Scenario| s.same_but_layout(t);
        let Some(before) = before else {
            return Ok(match cached {
                Some((s, all, mut a)) if same(&s, now) => {
                    a.changes = None;
                    (a, all)
                }
                _ => analyse_net(&Network::new(now), None),
            });
        };
        let before = read(before, "version before")?;
        if same(&before, now) {
            // Only parts moved: nothing to tell.
            LAST.with(|l| *l.borrow_mut() = cached);
            return walk(now, None);
        }
        let earlier = match cached {
            Some((s, all, _)) if same(&s, &before) => all,
            _ => all_ports(&Network::new(&before)),
        };
        Ok(analyse_net(&Network::new(now), Some(&earlier)))
    }

    /// Analyses `scenario`, and what changed since `before` when it is given, and renders the
    /// views in `lang`, with the open-port lines when `lines` says whose (`Some(None)`: all).
    pub fn analyse(
        scenario: &str,
        before: Option<&str>,
        lang: Lang,
        probes: &[String],
        lines: Option<Option<&str>>,
    ) -> Analysed {
        let now = match read(scenario, "scenario") {
            Ok(s) => s,
            Err(why) => return Analysed::Failed(why),
        };
        let (analysis, all) = match walk(&now, before) {
            Ok(found) => found,
            Err(why) => return Analysed::Failed(why),
        };
        let probes: Vec<Probe> = probes.iter().filter_map(|p| p.parse().ok()).collect();
        let (table, rows) = view::table(&analysis, &probes, &now, lang);
        let rendered = Rendered {
            table,
            rows,
            exposure: view::exposure(&analysis, &now, lang),
            note: view::note(&analysis, &now, lang),
            edges: (lines.map(|focus| view::edges(&analysis, &now, lang, focus)))
                .unwrap_or_default(),
        };
        LAST.with(|l| *l.borrow_mut() = Some((now, all, analysis)));
        Analysed::Done(rendered)
    }
}

#[cfg(feature = "port-sets")]
use analyse::analyse;

/// Without the walks over port sets there is nothing to analyse with.
#[cfg(not(feature = "port-sets"))]
fn analyse(
    _: &str,
    _: Option<&str>,
    _: crate::i18n::Lang,
    _: &[String],
    _: Option<Option<&str>>,
) -> Analysed {
    Analysed::Failed("this build cannot analyse every port (built without port-sets)".into())
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

    #[cfg(feature = "port-sets")]
    fn ask(
        s: &crate::model::Scenario,
        before: Option<&crate::model::Scenario>,
        lang: crate::i18n::Lang,
    ) -> Rendered {
        let request = Request::Analyse {
            scenario: serde_json::to_string(s).unwrap(),
            before: before.map(|b| serde_json::to_string(b).unwrap()),
            lang,
            probes: vec!["22".into(), "5432".into()],
            edges: true,
            focus: None,
        };
        let text = answer(&serde_json::to_string(&request).unwrap());
        match serde_json::from_str::<Analysed>(&text).unwrap() {
            Analysed::Done(r) => r,
            Analysed::Failed(why) => panic!("{why}"),
        }
    }

    #[cfg(feature = "port-sets")]
    #[test]
    fn an_analysis_tells_what_changed_since_the_version_before() {
        use crate::i18n::Lang;
        let before = crate::templates::load("public-private-db").unwrap();
        let mut after = before.clone();
        after
            .security_groups
            .iter_mut()
            .for_each(|g| g.inbound.clear());
        let first = ask(&before, None, Lang::En);
        assert_eq!(first.note, None);
        assert!(first.exposure.contains("coupon-api"), "{}", first.exposure);
        assert!(first.edges.contains("class=\"port-edge"), "{}", first.edges);
        // The first version's walk comes from the cache; asked again, the cache holds the
        // second version, so the first is walked afresh, with the same answer.
        let second = ask(&after, Some(&before), Lang::En);
        let note = second.note.clone().expect("a note");
        assert!(
            note.contains("Now closed:") && !note.contains("Now open:"),
            "{note}"
        );
        assert!(
            second.exposure.contains("Nothing here is reachable"),
            "{}",
            second.exposure
        );
        let fresh = ask(&after, Some(&before), Lang::En);
        assert_eq!(fresh.note, second.note);
        // Moving a part only: no walk, no note, the same table, the lines where the part is.
        let mut moved = after.clone();
        let first_id = moved.layout.keys().next().cloned().unwrap();
        moved.layout.get_mut(&first_id).unwrap().x += 40.0;
        let again = ask(&moved, Some(&after), Lang::En);
        assert_eq!(again.note, None);
        assert_eq!((again.table, again.rows), (second.table, second.rows));
        // In Korean, the same views in Korean.
        let ko = ask(&after, Some(&before), Lang::Ko);
        assert!(ko.note.unwrap().contains("이제 닫힘:"));
    }

    #[test]
    fn a_scenario_that_does_not_read_is_a_failed_analysis() {
        let request = Request::Analyse {
            scenario: "{\"vpcs\": 3}".into(),
            before: None,
            lang: crate::i18n::Lang::En,
            probes: Vec::new(),
            edges: false,
            focus: None,
        };
        let text = answer(&serde_json::to_string(&request).unwrap());
        let got: Analysed = serde_json::from_str(&text).unwrap();
        assert!(matches!(got, Analysed::Failed(m) if m.contains("scenario could not be read")));
    }
}
