//! The `vpcplay` command line: the same engine as the browser app, for CI and real VPCs.
//!
//! Exit status: 0 success (for `trace`, the flow is established), 1 the flow is not established,
//! 2 the input is wrong (message on stderr naming the file, the field and what was expected).

mod analysis;
mod check;
mod input;
mod render;
mod templates;

use crate::engine::exposure::{exposure, Source};
use crate::engine::matrix::{matrix, Probe};
use crate::engine::{trace, FlowSpec, Network};
use crate::i18n::Lang;
use crate::model::Protocol;
use clap::{Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Simulate traffic through AWS VPCs: trace flows hop by hop, compute reachability.
#[derive(Debug, Parser)]
#[command(name = "vpcplay", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Trace one flow hop by hop, forward and return, and give the verdict.
    Trace {
        /// Scenario JSON file, directory of `aws ec2 describe-*` JSON, share link, or
        /// `template:NAME` (see `vpcplay templates`).
        scenario: String,
        /// Source: instance id, ENI id, node id or name, or IPv4 or IPv6 address.
        #[arg(long)]
        from: String,
        /// Destination: instance id, ENI id, node id or name, or IPv4 or IPv6 address.
        #[arg(long)]
        to: String,
        /// Protocol: tcp, udp, icmp (icmpv6 over IPv6), icmpv6 or a number.
        #[arg(long, default_value = "tcp")]
        proto: Protocol,
        /// Destination port (required for tcp and udp).
        #[arg(long)]
        port: Option<u16>,
        /// Fixed client source port (default: the client's whole ephemeral range).
        #[arg(long)]
        src_port: Option<u16>,
        /// Use the endpoints' IPv6 addresses (implied when --from or --to is an IPv6 address).
        #[arg(long)]
        ipv6: bool,
        /// Print one JSON object instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Reachability between every pair of endpoints on the given ports.
    Matrix {
        /// Scenario JSON file, directory of `aws ec2 describe-*` JSON, share link, or
        /// `template:NAME` (see `vpcplay templates`).
        scenario: String,
        /// Ports to test: 22,80,443, udp/53, icmp.
        #[arg(long, value_delimiter = ',', default_value = "22,80,443")]
        ports: Vec<Probe>,
        /// Every tcp and udp port and icmp at once: the open port ranges of every pair.
        #[arg(long, conflicts_with = "ports")]
        all_ports: bool,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Every endpoint the internet (or one part) reaches, with the open port ranges per
    /// protocol, from which addresses and along which path; and what closes the well-known
    /// ports that stay closed.
    Exposure {
        /// Scenario JSON file, directory of `aws ec2 describe-*` JSON, share link, or
        /// `template:NAME`.
        scenario: String,
        /// Where connections start: `internet` (any internet address), or a part's id or name,
        /// an instance or ENI id, or an address.
        #[arg(long, default_value = "internet")]
        from: String,
        /// Print one JSON object instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Flows that became reachable or unreachable from BEFORE to AFTER, each with the component
    /// that changed the answer; exit 1 when something changed, 0 when nothing did.
    Diff {
        /// The scenario before (file, AWS directory, share link or `template:NAME`).
        before: String,
        /// The scenario after.
        after: String,
        /// Print JSON instead of lines.
        #[arg(long)]
        json: bool,
    },
    /// Grade a lesson: one line per objective, exit 0 only when all pass.
    Check {
        /// Lesson JSON file, lesson link (`#l=2.<payload>`), or `builtin:NAME`.
        lesson: Option<String>,
        /// Grade a built-in lesson by name (public-subnet, bastion, ...).
        #[arg(long, value_name = "NAME")]
        builtin: Option<String>,
        /// Grade the lesson's solution instead of its starting scenario.
        #[arg(long)]
        solution: bool,
        /// Language of the labels: en or ko.
        #[arg(long, default_value = "en")]
        lang: Lang,
        /// Print one JSON object instead of text.
        #[arg(long)]
        json: bool,
    },
    /// List the built-in templates: id, name and description, tab separated, one per line.
    Templates {
        /// Language of the names and descriptions: en or ko.
        #[arg(long, default_value = "en")]
        lang: Lang,
        /// Print a JSON array of {id, name, description} instead of lines.
        #[arg(long)]
        json: bool,
    },
    /// Import from a cloud provider's output.
    Import {
        #[command(subcommand)]
        source: ImportSource,
    },
    /// Write a scenario as playground JSON, a share link, or the format's JSON Schema.
    Export {
        /// Scenario JSON file, directory of `aws ec2 describe-*` JSON, share link, or
        /// `template:NAME` (not needed with `--format schema`).
        scenario: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value = "json")]
        format: ExportFormat,
        /// Base URL for links.
        #[arg(long, default_value = "https://vpc-playground.example/")]
        base_url: String,
        /// Output file (default: standard output).
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
enum ImportSource {
    /// Read a directory of `aws ec2 describe-*` JSON into the playground's format.
    Aws {
        /// The directory.
        dir: PathBuf,
        /// Output file (default: standard output).
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ExportFormat {
    /// The playground's scenario JSON.
    Json,
    /// A share link that opens the scenario in the app.
    Link,
    /// The JSON Schema of the scenario format.
    Schema,
    /// The JSON Schema of `vpcplay trace --json`'s output.
    TraceSchema,
}

/// Runs the CLI with the process arguments.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(msg) => {
            eprintln!("vpcplay: {msg}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, String> {
    match cli.command {
        Command::Trace {
            scenario,
            from,
            to,
            proto,
            port,
            src_port,
            ipv6,
            json,
        } => {
            let loaded = input::load(&scenario)?;
            let net = Network::new(&loaded.scenario);
            let spec = FlowSpec {
                ipv6,
                from,
                to,
                protocol: proto,
                port,
                src_port,
            };
            let t = trace(&net, &spec).map_err(|e| e.to_string())?;
            let fix = crate::engine::fix::suggest(&loaded.scenario, &spec, &t);
            if json {
                let value = render::trace_json(&t, fix.as_ref(), &loaded.scenario)?;
                print(&serde_json::to_string_pretty(&value).map_err(|e| e.to_string())?)?;
            } else {
                input::warn(&loaded.warnings);
                let mut text = render::trace_text(&t);
                if let Some(f) = &fix {
                    let sentence = crate::engine::fix::describe_en(f, &loaded.scenario);
                    text.push_str(&format!("\nSuggested fix: {sentence}"));
                }
                print(&text)?;
            }
            Ok(ExitCode::from(if t.verdict.is_established() {
                0
            } else {
                1
            }))
        }
        Command::Matrix {
            scenario,
            all_ports: true,
            json,
            ..
        } => {
            let loaded = input::load(&scenario)?;
            let net = Network::new(&loaded.scenario);
            if json {
                write_json(|out| analysis::write_all_ports_json(&net, out))?;
            } else {
                input::warn(&loaded.warnings);
                let m = crate::engine::all_ports::all_ports(&net);
                print(&analysis::all_ports_text(&m))?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Exposure {
            scenario,
            from,
            json,
        } => {
            let loaded = input::load(&scenario)?;
            let net = Network::new(&loaded.scenario);
            let source = if from.eq_ignore_ascii_case("internet") {
                Source::Internet
            } else {
                Source::Node(
                    crate::engine::flow::find_node(&net, &from)
                        .ok_or_else(|| format!("--from {from:?}: no such part or address"))?,
                )
            };
            let x = exposure(&net, source);
            let said = if source == Source::Internet {
                "the internet"
            } else {
                from.as_str()
            };
            if json {
                let value = analysis::exposure_json(&x, said);
                print(&serde_json::to_string_pretty(&value).map_err(|e| e.to_string())?)?;
            } else {
                input::warn(&loaded.warnings);
                print(&analysis::exposure_text(&x, said))?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Diff {
            before,
            after,
            json,
        } => {
            let (b, a) = (input::load(&before)?, input::load(&after)?);
            let d =
                crate::engine::diff::diff(&Network::new(&b.scenario), &Network::new(&a.scenario));
            if json {
                write_json(|out| analysis::write_diff_json(&d, out))?;
            } else {
                input::warn(&b.warnings);
                input::warn(&a.warnings);
                print(&analysis::diff_text(&d))?;
            }
            Ok(ExitCode::from(u8::from(!d.is_empty())))
        }
        Command::Matrix {
            scenario,
            ports,
            json,
            ..
        } => {
            let loaded = input::load(&scenario)?;
            let net = Network::new(&loaded.scenario);
            let m = matrix(&net, &ports);
            if json {
                let mut out = std::io::BufWriter::new(std::io::stdout().lock());
                render::write_matrix_json(&m, &mut out)
                    .and_then(|()| out.flush())
                    .map_err(|e| format!("cannot write output: {e}"))?;
            } else {
                input::warn(&loaded.warnings);
                print(&render::matrix_text(&m))?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Check {
            lesson,
            builtin,
            solution,
            lang,
            json,
        } => {
            let l = check::load(lesson.as_deref(), builtin.as_deref())?;
            let (which, report) = if solution {
                let r = crate::lesson::check_solution(&l)
                    .ok_or_else(|| format!("lesson {:?} has no solution to grade", l.id))?;
                ("solution", r)
            } else {
                ("start", crate::lesson::check(&l))
            };
            if json {
                print(
                    &serde_json::to_string_pretty(&check::json(&l, which, &report))
                        .map_err(|e| e.to_string())?,
                )?;
            } else {
                print(&check::text(&l, which, &report, lang))?;
            }
            Ok(ExitCode::from(if report.passed() { 0 } else { 1 }))
        }
        Command::Templates { lang, json } => {
            if json {
                print(
                    &serde_json::to_string_pretty(&templates::json(lang))
                        .map_err(|e| e.to_string())?,
                )?;
            } else {
                print(&templates::text(lang))?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Import {
            source: ImportSource::Aws { dir, output },
        } => {
            let loaded = input::load_aws_dir(&dir)?;
            input::report(&loaded);
            let json = crate::scenario::to_pretty_json(&loaded.scenario);
            write_out(output.as_ref(), &json)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Export {
            scenario,
            format,
            base_url,
            output,
        } => {
            let text = match format {
                ExportFormat::Schema => {
                    serde_json::to_string_pretty(&crate::scenario::json_schema())
                        .map_err(|e| e.to_string())?
                }
                ExportFormat::TraceSchema => {
                    serde_json::to_string_pretty(&crate::engine::trace::json_schema())
                        .map_err(|e| e.to_string())?
                }
                _ => {
                    let Some(scenario) = scenario else {
                        return Err(
                            "export: give a scenario (file, AWS directory, link or template:NAME)"
                                .into(),
                        );
                    };
                    let loaded = input::load(&scenario)?;
                    input::warn(&loaded.warnings);
                    match format {
                        ExportFormat::Json => serde_json::to_string_pretty(&loaded.scenario),
                        _ => serde_json::to_string(&loaded.scenario).map(|j| {
                            format!("{base_url}#{}", crate::share::encode_fragment(&j, &[]))
                        }),
                    }
                    .map_err(|e| e.to_string())?
                }
            };
            write_out(output.as_ref(), &text)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Writes JSON to standard output with `write`, buffered.
fn write_json(
    write: impl FnOnce(&mut std::io::BufWriter<std::io::StdoutLock>) -> std::io::Result<()>,
) -> Result<(), String> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    write(&mut out)
        .and_then(|()| out.flush())
        .map_err(|e| format!("cannot write output: {e}"))
}

fn print(text: &str) -> Result<(), String> {
    let mut out = std::io::stdout().lock();
    writeln!(out, "{text}").map_err(|e| format!("cannot write output: {e}"))
}

fn write_out(path: Option<&PathBuf>, text: &str) -> Result<(), String> {
    match path {
        Some(p) => std::fs::write(p, format!("{text}\n"))
            .map_err(|e| format!("{}: cannot write: {e}", p.display())),
        None => print(text),
    }
}
