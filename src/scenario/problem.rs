//! What validation reports: a [`Problem`] found at a place in the scenario file.

pub use super::message::Message;
use serde::Serialize;
use std::fmt;

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// AWS would refuse this; the scenario cannot be loaded.
    Error,
    /// Allowed in the playground, but past an AWS limit or unlikely to do what was meant.
    Warning,
}

/// One thing wrong with a scenario, found at a place in its file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// Where in the scenario file, as a JSON path: `subnets[1].cidr`,
    /// `instances[0].interfaces[1].private_ip`, or `version`.
    pub path: String,
    /// The part at the start of `path`, named for people: `"web"`, or `"web" (i-0abc12345)` when
    /// AWS gave the id; empty for problems of the whole file (`version`).
    pub part: String,
    /// What is wrong and what was expected, in plain English (`what` in English).
    pub message: String,
    /// What is wrong, with the names and values it mentions, to show in any language.
    #[serde(skip)]
    pub what: Message,
    /// Error or warning.
    pub severity: Severity,
    /// A stable kebab-case code of the rule that found it (`overlapping-subnets`), for tools and
    /// tests.
    pub code: &'static str,
}

impl Problem {
    /// An error of rule `code` at `path`, in the part named `part`.
    pub fn error(
        code: &'static str,
        path: impl Into<String>,
        part: impl Into<String>,
        what: Message,
    ) -> Self {
        Problem {
            path: path.into(),
            part: part.into(),
            message: what.en(),
            what,
            severity: Severity::Error,
            code,
        }
    }

    /// A warning of rule `code` at `path`, in the part named `part`.
    pub fn warning(
        code: &'static str,
        path: impl Into<String>,
        part: impl Into<String>,
        what: Message,
    ) -> Self {
        Problem {
            severity: Severity::Warning,
            ..Problem::error(code, path, part, what)
        }
    }

    /// What is wrong, in `lang`.
    pub fn text(&self, lang: crate::i18n::Lang) -> String {
        self.what.text(lang)
    }

    /// Says also that an IPv4 address would do (for references that may be an address).
    pub(crate) fn or_an_address(&mut self) {
        if let Message::UnknownRef { address, .. } = &mut self.what {
            *address = true;
            self.message = self.what.en();
        }
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Splits `subnets[1].cidr` into `subnets[1]` and `cidr`; a path without a leading index
/// (`version`) is all head.
fn split_path(path: &str) -> (&str, &str) {
    match path.find(']') {
        Some(end) if path[..end].contains('[') => {
            let head = &path[..=end];
            let rest = &path[end + 1..];
            (head, rest.strip_prefix('.').unwrap_or(rest))
        }
        _ => (path, ""),
    }
}

/// `subnets[1] "private-a" cidr: 10.0.1.0/24 overlaps ...`; warnings start with `warning: `.
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.severity == Severity::Warning {
            f.write_str("warning: ")?;
        }
        let (head, rest) = split_path(&self.path);
        if self.part.is_empty() {
            return write!(f, "{}: {}", self.path, self.message);
        }
        write!(f, "{head} {}", self.part)?;
        if !rest.is_empty() {
            write!(f, " {rest}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// How a part is named in messages: its name quoted (its id when it has none), followed by its id
/// when AWS gave it: `"web"`, `"web" (i-0abc12345def67890)`. An id the playground made from an
/// earlier name is not shown (see [`crate::model::part_label`]).
pub(crate) fn label(id: &str, name: &str) -> String {
    if name.is_empty() || name == id {
        format!("{id:?}")
    } else if crate::model::is_aws_id(id) {
        format!("{name:?} ({id})")
    } else {
        format!("{name:?}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_puts_the_part_between_its_index_and_the_field() {
        let p = Problem::error(
            "overlapping-subnets",
            "subnets[1].cidr",
            label("private-a", ""),
            Message::OverlappingSubnets {
                net: "10.0.1.0/24".parse().unwrap(),
                first: 0,
                other: label("public-a", ""),
                other_net: "10.0.0.0/23".parse().unwrap(),
            },
        );
        assert_eq!(
            p.to_string(),
            "subnets[1] \"private-a\" cidr: 10.0.1.0/24 overlaps subnets[0] \"public-a\" (10.0.0.0/23); subnets of one VPC must not share addresses"
        );
    }

    #[test]
    fn display_of_whole_file_and_whole_part_problems() {
        let p = Problem::error(
            "version",
            "version",
            "",
            Message::VersionUnknown { version: 0 },
        );
        assert_eq!(
            p.to_string(),
            "version: version 0 is not a scenario format version; this release reads version 1"
        );
        let many = || Message::TooManySubnets { n: 201, max: 200 };
        let w = Problem::warning("x", "vpcs[0]", label("vpc-1", "prod"), many());
        assert_eq!(
            w.to_string(),
            "warning: vpcs[0] \"prod\": 201 subnets; AWS allows 200 subnets per VPC by default"
        );
        let w = Problem::warning("x", "vpcs[0]", label("vpc-0abc12345", "prod"), many());
        assert!(w
            .to_string()
            .starts_with("warning: vpcs[0] \"prod\" (vpc-0abc12345): 201 subnets"));
    }
}
