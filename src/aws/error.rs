//! Why an import failed: every message names the file, and for a wrong shape the JSON path.

use thiserror::Error;

/// An AWS describe output that cannot be imported.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ImportError {
    /// A file is not JSON at all.
    #[error("{file}: not valid JSON: {message}")]
    Syntax {
        /// The file's name.
        file: String,
        /// What the JSON parser said, with line and column.
        message: String,
    },
    /// A value has the wrong type or is malformed, or a required field is missing.
    #[error("{file}: {path}: {message}")]
    Shape {
        /// The file's name.
        file: String,
        /// JSON path of the offending value, e.g. `Subnets[1].CidrBlock`.
        path: String,
        /// What is wrong, e.g. `invalid IPv4 CIDR "10.0.1.0/33"`.
        message: String,
    },
    /// None of the files is a describe output the importer knows.
    #[error(
        "no AWS describe output found {}: expected files with a top-level key such as \
         Vpcs, Subnets, RouteTables, NetworkAcls, SecurityGroups or Reservations",
        describe_files(.files)
    )]
    NothingRecognised {
        /// The names of the files that were looked at.
        files: Vec<String>,
    },
    /// A file or directory could not be read (native `import_dir` only).
    #[error("{path}: {message}")]
    Io {
        /// The file or directory.
        path: String,
        /// The operating system's message.
        message: String,
    },
}

fn describe_files(files: &[String]) -> String {
    if files.is_empty() {
        "(there are no .json files)".to_string()
    } else {
        format!("in {}", files.join(", "))
    }
}

impl ImportError {
    /// A shape error at `path` of `file`.
    pub(crate) fn shape(file: &str, path: impl Into<String>, message: impl Into<String>) -> Self {
        ImportError::Shape {
            file: file.to_string(),
            path: path.into(),
            message: message.into(),
        }
    }
}
