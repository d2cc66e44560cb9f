//! The one-line console: `telnet HOST PORT`, `curl http(s)://HOST[:PORT][/path]`, `ping HOST` and
//! `ssh HOST`, answered the way those tools answer, from a traced flow.
//!
//! Plain Rust (no browser types): [`parse`] turns a line into a [`Command`], [`Command::flow`]
//! gives the flow to trace from the chosen source, and [`answer`] turns the [`Trace`] (or the
//! reason it could not be traced) into the lines the tool would print. A connection that is
//! refused (a TCP reset: nothing listens) prints differently from one that is dropped (no
//! answer at all: a time-out), as with the real tools.

use crate::engine::{FlowError, FlowSpec, Trace, Verdict};
use crate::model::{Os, Protocol};
use std::fmt;

/// The tools the console knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tool {
    /// `telnet HOST [PORT]` (port 23 when absent).
    Telnet,
    /// `curl [http(s)://]HOST[:PORT][/path]`.
    Curl,
    /// `ping HOST` (ICMP echo).
    Ping,
    /// `ssh [-p PORT] [user@]HOST`.
    Ssh,
}

impl Tool {
    /// The command name.
    pub fn name(self) -> &'static str {
        match self {
            Tool::Telnet => "telnet",
            Tool::Curl => "curl",
            Tool::Ping => "ping",
            Tool::Ssh => "ssh",
        }
    }
}

/// A parsed console line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Command {
    /// The tool.
    pub tool: Tool,
    /// The host as typed: a part's name or id, or an IPv4 address.
    pub host: String,
    /// The TCP port (none for ping).
    pub port: Option<u16>,
    /// For curl: whether the URL is `https`.
    pub https: bool,
    /// For curl: the path of the URL (`/` when absent).
    pub path: String,
}

/// Why a line is not a command the console can run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError {
    /// Nothing was typed.
    Empty,
    /// A command the console does not know.
    UnknownTool(String),
    /// The host is missing; holds the tool's usage line.
    Usage(&'static str),
    /// A port that is not a number from 1 to 65535.
    BadPort(String),
    /// A curl URL with a scheme other than http or https.
    BadScheme(String),
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::Empty => f.write_str(TEXT.empty),
            ParseError::UnknownTool(t) => write!(f, "{t}{}", TEXT.unknown_tool),
            ParseError::Usage(u) => write!(f, "usage: {u}"),
            ParseError::BadPort(p) => write!(f, "{p}{}", TEXT.bad_port),
            ParseError::BadScheme(s) => write!(
                f,
                "curl: (1) Protocol \"{s}\" not supported or disabled in libcurl"
            ),
        }
    }
}

/// The words of the console that are not tool output (kept together for translation).
pub struct Text {
    /// Shown for an empty line.
    pub empty: &'static str,
    /// After an unknown command's name.
    pub unknown_tool: &'static str,
    /// After a bad port.
    pub bad_port: &'static str,
    /// Note after a flow that works only for some source ports; `{working}` and `{range}`.
    pub some_ports: &'static str,
}

/// The console's own words.
pub const TEXT: Text = Text {
    empty: "Type a command: telnet HOST PORT, curl http://HOST, ping HOST or ssh HOST",
    unknown_tool: ": command not found (this console knows telnet, curl, ping and ssh)",
    bad_port: ": bad port (use a number from 1 to 65535)",
    some_ports: "Works only when the client's source port is in {working} (of {range}); from other source ports it times out.",
};

const TELNET_USAGE: &str = "telnet HOST [PORT]";
const CURL_USAGE: &str = "curl http(s)://HOST[:PORT][/path]";
const PING_USAGE: &str = "ping HOST";
const SSH_USAGE: &str = "ssh [-p PORT] [user@]HOST";

/// Flags (of any of the tools) that take a value, which is skipped with them.
const FLAGS_WITH_VALUE: [&str; 12] = [
    "-m",
    "--max-time",
    "--connect-timeout",
    "-o",
    "-H",
    "-X",
    "-d",
    "-u",
    "-c",
    "-i",
    "-W",
    "-l",
];

fn port(text: &str) -> Result<u16, ParseError> {
    match text.parse::<u16>() {
        Ok(p) if p > 0 => Ok(p),
        _ => Err(ParseError::BadPort(text.to_string())),
    }
}

/// Parses a console line such as `telnet db 5432` or `curl https://web/health`.
pub fn parse(line: &str) -> Result<Command, ParseError> {
    let mut words = line.split_whitespace();
    let tool = match words.next() {
        None => return Err(ParseError::Empty),
        Some(w) => match w.to_ascii_lowercase().as_str() {
            "telnet" => Tool::Telnet,
            "curl" => Tool::Curl,
            "ping" => Tool::Ping,
            "ssh" => Tool::Ssh,
            _ => return Err(ParseError::UnknownTool(w.to_string())),
        },
    };
    // Positional words, and the value of `-p` (ssh's port).
    let mut args = Vec::new();
    let mut ssh_port = None;
    while let Some(w) = words.next() {
        if tool == Tool::Ssh && w == "-p" {
            ssh_port = Some(port(words.next().unwrap_or(""))?);
        } else if let Some(p) = w.strip_prefix("-p").filter(|_| tool == Tool::Ssh) {
            ssh_port = Some(port(p)?);
        } else if FLAGS_WITH_VALUE.contains(&w) {
            words.next();
        } else if !w.starts_with('-') {
            args.push(w);
        }
    }
    let mut cmd = Command {
        tool,
        host: String::new(),
        port: None,
        https: false,
        path: String::new(),
    };
    match tool {
        Tool::Telnet => {
            cmd.host = args
                .first()
                .ok_or(ParseError::Usage(TELNET_USAGE))?
                .to_string();
            cmd.port = Some(args.get(1).map_or(Ok(23), |p| port(p))?);
        }
        Tool::Ping => {
            cmd.host = args
                .first()
                .ok_or(ParseError::Usage(PING_USAGE))?
                .to_string();
        }
        Tool::Ssh => {
            let target = args.first().ok_or(ParseError::Usage(SSH_USAGE))?;
            let host = target.rsplit_once('@').map_or(*target, |(_, h)| h);
            cmd.host = host.to_string();
            cmd.port = Some(ssh_port.unwrap_or(22));
        }
        Tool::Curl => {
            let url = args.first().ok_or(ParseError::Usage(CURL_USAGE))?;
            let rest = match url.split_once("://") {
                Some((scheme, rest)) => {
                    match scheme.to_ascii_lowercase().as_str() {
                        "http" => {}
                        "https" => cmd.https = true,
                        _ => return Err(ParseError::BadScheme(scheme.to_string())),
                    }
                    rest
                }
                None => url,
            };
            let (authority, path) = match rest.find('/') {
                Some(i) => (&rest[..i], &rest[i..]),
                None => (rest, "/"),
            };
            let (host, explicit) = match authority.rsplit_once(':') {
                Some((h, p)) => (h, Some(port(p)?)),
                None => (authority, None),
            };
            if host.is_empty() {
                return Err(ParseError::Usage(CURL_USAGE));
            }
            cmd.host = host.to_string();
            cmd.path = path.to_string();
            cmd.port = Some(explicit.unwrap_or(if cmd.https { 443 } else { 80 }));
        }
    }
    Ok(cmd)
}

impl Command {
    /// The protocol the tool sends: ICMP for ping, TCP otherwise.
    pub fn protocol(&self) -> Protocol {
        match self.tool {
            Tool::Ping => Protocol::Icmp,
            _ => Protocol::Tcp,
        }
    }

    /// The flow this command makes when run on `from` (a part's id or name).
    pub fn flow(&self, from: &str) -> FlowSpec {
        FlowSpec {
            ipv6: Default::default(),
            from: from.to_string(),
            to: self.host.clone(),
            protocol: self.protocol(),
            port: self.port,
            src_port: None,
        }
    }
}

/// What kind of line the console prints, for styling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Ordinary tool output.
    Out,
    /// An error the tool reports.
    Error,
    /// A note from the playground (not tool output).
    Note,
}

/// One line of console output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// The text.
    pub text: String,
    /// Its kind.
    pub tone: Tone,
}

impl Line {
    fn out(text: impl Into<String>) -> Line {
        Line {
            text: text.into(),
            tone: Tone::Out,
        }
    }

    fn error(text: impl Into<String>) -> Line {
        Line {
            text: text.into(),
            tone: Tone::Error,
        }
    }

    fn note(text: impl Into<String>) -> Line {
        Line {
            text: text.into(),
            tone: Tone::Note,
        }
    }
}

/// How a connection attempt ended, as a client sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The connection was made (or the echo answered).
    Connected,
    /// The server answered with a reset: nothing listens.
    Refused,
    /// No answer came back: dropped somewhere on the way there or back.
    TimedOut,
}

/// What the client sees for a verdict: refused (RST) only when the host answered with a reset,
/// connected when established (or for some source ports), a time-out for every drop.
pub fn outcome(verdict: Verdict, protocol: Protocol) -> Outcome {
    match verdict {
        Verdict::Established | Verdict::DependsOnSourcePort => Outcome::Connected,
        // A host that does not answer ping gives no reply, not a reset.
        Verdict::Refused if protocol == Protocol::Icmp => Outcome::TimedOut,
        Verdict::Refused => Outcome::Refused,
        _ => Outcome::TimedOut,
    }
}

/// The time-to-live of an echo reply from a host with operating system `os`.
pub fn reply_ttl(os: Option<Os>) -> u8 {
    match os {
        Some(Os::Windows) => 128,
        _ => 64,
    }
}

/// Pings sent by the console.
const PINGS: u32 = 3;

/// The lines the tool prints for `cmd`, given the traced flow (or why it could not be traced).
/// `ttl` is the time-to-live of echo replies (see [`reply_ttl`]).
pub fn answer(cmd: &Command, traced: Result<&Trace, &FlowError>, ttl: u8) -> Vec<Line> {
    let trace = match traced {
        Ok(t) => t,
        Err(e) => return cannot_trace(cmd, e),
    };
    let addr = trace.flow.dst.to_string();
    let host = cmd.host.as_str();
    let port = cmd.port.unwrap_or(0);
    let result = outcome(trace.verdict, cmd.protocol());
    let mut lines = match cmd.tool {
        Tool::Telnet => {
            let mut l = vec![Line::out(format!("Trying {addr}..."))];
            match result {
                Outcome::Connected => {
                    l.push(Line::out(format!("Connected to {addr}.")));
                    l.push(Line::out("Escape character is '^]'."));
                }
                Outcome::Refused => l.push(Line::error(
                    "telnet: Unable to connect to remote host: Connection refused",
                )),
                Outcome::TimedOut => {
                    l.push(Line::error(format!(
                        "telnet: connect to address {addr}: Connection timed out"
                    )));
                    l.push(Line::error(
                        "telnet: Unable to connect to remote host: Connection timed out",
                    ));
                }
            }
            l
        }
        Tool::Ssh => match result {
            Outcome::Connected => vec![
                Line::out(format!("debug1: Connecting to {host} [{addr}] port {port}.")),
                Line::out("debug1: Connection established."),
                Line::out(format!("SSH-2.0-OpenSSH_9.6 (remote {addr})")),
            ],
            Outcome::Refused => vec![Line::error(format!(
                "ssh: connect to host {host} port {port}: Connection refused"
            ))],
            Outcome::TimedOut => vec![Line::error(format!(
                "ssh: connect to host {host} port {port}: Connection timed out"
            ))],
        },
        Tool::Curl => match result {
            Outcome::Connected => vec![Line::out("HTTP/1.1 200 OK")],
            Outcome::Refused => vec![Line::error(format!(
                "curl: (7) Failed to connect to {host} port {port} after 0 ms: Couldn't connect to server"
            ))],
            Outcome::TimedOut => vec![Line::error(
                "curl: (28) Connection timed out after 10001 milliseconds",
            )],
        },
        Tool::Ping => {
            let mut l = vec![Line::out(format!(
                "PING {host} ({addr}) 56(84) bytes of data."
            ))];
            let got = result == Outcome::Connected;
            let through_internet = trace
                .hops
                .iter()
                .any(|h| h.component.kind == crate::engine::Kind::InternetGateway);
            for seq in 1..=PINGS {
                if got {
                    let base = if through_internet { 11.8 } else { 0.41 };
                    let time = base + f64::from(seq) * if through_internet { 0.7 } else { 0.03 };
                    l.push(Line::out(format!(
                        "64 bytes from {addr}: icmp_seq={seq} ttl={ttl} time={time:.2} ms"
                    )));
                } else {
                    l.push(Line::error(format!("Request timeout for icmp_seq {seq}")));
                }
            }
            l.push(Line::out(format!("--- {host} ping statistics ---")));
            l.push(Line::out(if got {
                format!("{PINGS} packets transmitted, {PINGS} received, 0% packet loss")
            } else {
                format!("{PINGS} packets transmitted, 0 received, 100% packet loss")
            }));
            l
        }
    };
    if let (Verdict::DependsOnSourcePort, Some(sp)) = (trace.verdict, &trace.source_ports) {
        lines.push(Line::note(
            TEXT.some_ports
                .replace("{working}", &sp.working)
                .replace("{range}", &sp.range),
        ));
    }
    lines
}

/// What the tool prints when the flow cannot be traced (the host names nothing).
fn cannot_trace(cmd: &Command, e: &FlowError) -> Vec<Line> {
    let host = &cmd.host;
    let text = match e {
        FlowError::UnknownEndpoint { role, .. } if *role == "--to" => match cmd.tool {
            Tool::Telnet => format!("telnet: could not resolve {host}: Name or service not known"),
            Tool::Curl => format!("curl: (6) Could not resolve host: {host}"),
            Tool::Ping => format!("ping: {host}: Name or service not known"),
            Tool::Ssh => {
                format!("ssh: Could not resolve hostname {host}: Name or service not known")
            }
        },
        FlowError::NoInterface { ip, .. } => match cmd.tool {
            Tool::Ping => format!("From {ip} icmp_seq=1 Destination Host Unreachable"),
            _ => format!(
                "{}: connect to address {ip}: No route to host",
                cmd.tool.name()
            ),
        },
        other => format!("{}: {other}", cmd.tool.name()),
    };
    vec![Line::error(text)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{trace, Network};
    use crate::model::Scenario;

    fn two_tier() -> Scenario {
        let text = include_str!("../tests/data/two-tier.json");
        crate::scenario::load_str(text).unwrap().scenario
    }

    fn run(s: &Scenario, from: &str, line: &str) -> (Verdict, Vec<String>) {
        let cmd = parse(line).unwrap();
        let net = Network::new(s);
        let t = trace(&net, &cmd.flow(from));
        let verdict = t.as_ref().map_or(Verdict::NoHost, |t| t.verdict);
        let lines = answer(&cmd, t.as_ref(), 64);
        (verdict, lines.into_iter().map(|l| l.text).collect())
    }

    #[test]
    fn parses_the_four_tools() {
        let t = parse("telnet 10.0.2.15 5432").unwrap();
        assert_eq!(
            (t.tool, t.host.as_str(), t.port),
            (Tool::Telnet, "10.0.2.15", Some(5432))
        );
        assert_eq!(parse("telnet db").unwrap().port, Some(23));
        let c = parse("curl https://web:8443/health").unwrap();
        assert_eq!(
            (c.host.as_str(), c.port, c.https),
            ("web", Some(8443), true)
        );
        assert_eq!(c.path, "/health");
        assert_eq!(parse("curl http://web").unwrap().port, Some(80));
        assert_eq!(parse("curl https://web").unwrap().port, Some(443));
        assert_eq!(parse("curl -m 5 web").unwrap().host, "web");
        let p = parse("ping -c 3 db").unwrap();
        assert_eq!((p.tool, p.host.as_str(), p.port), (Tool::Ping, "db", None));
        assert_eq!(p.protocol(), Protocol::Icmp);
        let s = parse("ssh ec2-user@bastion").unwrap();
        assert_eq!((s.host.as_str(), s.port), ("bastion", Some(22)));
        assert_eq!(parse("ssh -p 2222 bastion").unwrap().port, Some(2222));
        assert_eq!(parse("SSH bastion").unwrap().tool, Tool::Ssh);
    }

    #[test]
    fn refuses_what_it_cannot_run() {
        assert_eq!(parse("   "), Err(ParseError::Empty));
        assert_eq!(
            parse("nc db 5432"),
            Err(ParseError::UnknownTool("nc".into()))
        );
        assert_eq!(parse("telnet"), Err(ParseError::Usage(TELNET_USAGE)));
        assert_eq!(
            parse("telnet db 70000"),
            Err(ParseError::BadPort("70000".into()))
        );
        assert_eq!(
            parse("curl ftp://web"),
            Err(ParseError::BadScheme("ftp".into()))
        );
        assert!(parse("nc db")
            .unwrap_err()
            .to_string()
            .contains("command not found"));
    }

    #[test]
    fn a_command_becomes_a_flow_from_the_chosen_source() {
        let f = parse("telnet db 5432").unwrap().flow("web");
        assert_eq!((f.from.as_str(), f.to.as_str()), ("web", "db"));
        assert_eq!((f.protocol, f.port), (Protocol::Tcp, Some(5432)));
    }

    #[test]
    fn telnet_connects_is_refused_or_times_out() {
        let s = two_tier();
        let (v, out) = run(&s, "web", "telnet db 5432");
        assert_eq!(v, Verdict::Established);
        assert_eq!(
            out,
            [
                "Trying 10.0.1.20...",
                "Connected to 10.0.1.20.",
                "Escape character is '^]'."
            ]
        );
        // Nothing listens on 5433 but db-sg does not allow it either: dropped, so a time-out.
        let (v, out) = run(&s, "My laptop", "telnet 54.180.0.10 22");
        assert_eq!(v, Verdict::DroppedBySecurityGroup);
        assert_eq!(
            out[1],
            "telnet: connect to address 54.180.0.10: Connection timed out"
        );
        // web-sg allows 80 and 443 only; web listens on both. Refused needs an open group.
        let mut open = s.clone();
        open.security_groups[0].inbound[0].ports = None;
        let (v, out) = run(&open, "My laptop", "telnet web 8080");
        assert_eq!(v, Verdict::Refused);
        assert_eq!(
            out,
            [
                "Trying 54.180.0.10...",
                "telnet: Unable to connect to remote host: Connection refused"
            ]
        );
    }

    #[test]
    fn the_database_times_out_from_the_internet() {
        let (v, out) = run(&two_tier(), "My laptop", "telnet db 5432");
        assert_eq!(v, Verdict::NoPublicAddress);
        assert!(
            out.last().unwrap().ends_with("Connection timed out"),
            "{out:?}"
        );
    }

    #[test]
    fn curl_prints_200_refused_or_timeout() {
        let s = two_tier();
        assert_eq!(
            run(&s, "My laptop", "curl https://web").1,
            ["HTTP/1.1 200 OK"]
        );
        let mut open = s.clone();
        open.security_groups[0].inbound[0].ports = None;
        assert_eq!(
            run(&open, "My laptop", "curl http://web:8080/").1,
            ["curl: (7) Failed to connect to web port 8080 after 0 ms: Couldn't connect to server"]
        );
        let out = run(&s, "My laptop", "curl http://web:8080/").1;
        assert!(
            out[0].starts_with("curl: (28) Connection timed out"),
            "{out:?}"
        );
        assert_eq!(
            run(&s, "web", "curl http://nowhere").1,
            ["curl: (6) Could not resolve host: nowhere"]
        );
    }

    #[test]
    fn ping_answers_or_reports_timeouts() {
        let mut s = two_tier();
        s.security_groups[1].inbound.push(crate::model::SgRule {
            protocol: Protocol::Icmp,
            ports: None,
            icmp: None,
            peer: crate::model::Peer::Group("sg-web".into()),
            description: String::new(),
        });
        let (v, out) = run(&s, "web", "ping db");
        assert_eq!(v, Verdict::Established);
        assert_eq!(out[0], "PING db (10.0.1.20) 56(84) bytes of data.");
        assert!(
            out[1].starts_with("64 bytes from 10.0.1.20: icmp_seq=1 ttl=64 time="),
            "{out:?}"
        );
        assert!(out.last().unwrap().contains(" 0% packet loss"));
        let (_, out) = run(&two_tier(), "web", "ping db");
        assert_eq!(out[1], "Request timeout for icmp_seq 1");
        assert!(out.last().unwrap().contains("100% packet loss"));
    }

    #[test]
    fn ssh_times_out_or_is_refused() {
        let s = two_tier();
        let (_, out) = run(&s, "My laptop", "ssh ec2-user@web");
        assert_eq!(
            out,
            ["ssh: connect to host web port 22: Connection timed out"]
        );
        let mut open = s.clone();
        open.security_groups[0].inbound[0].ports = None;
        let (_, out) = run(&open, "My laptop", "ssh web");
        assert_eq!(
            out,
            ["ssh: connect to host web port 22: Connection refused"]
        );
    }

    #[test]
    fn every_verdict_maps_to_what_a_client_sees() {
        use Verdict::*;
        for v in [Established, DependsOnSourcePort] {
            assert_eq!(outcome(v, Protocol::Tcp), Outcome::Connected);
        }
        assert_eq!(outcome(Refused, Protocol::Tcp), Outcome::Refused);
        assert_eq!(outcome(Refused, Protocol::Icmp), Outcome::TimedOut);
        for v in [
            DroppedBySecurityGroup,
            DroppedByNetworkAcl,
            NoRoute,
            BlackholeRoute,
            NoPublicAddress,
            SourceDestCheck,
            NotTransitive,
            NoHost,
            DroppedByNatGateway,
            ForwardingLoop,
            Unsupported,
        ] {
            assert_eq!(outcome(v, Protocol::Tcp), Outcome::TimedOut, "{v}");
        }
    }

    #[test]
    fn some_source_ports_work_says_so() {
        let mut s = two_tier();
        // The default ACL lets replies out only to 1024-50000: part of Windows' 49152-65535.
        let out = &mut s.network_acls[0].outbound;
        out[0].protocol = Protocol::Tcp;
        out[0].ports = Some("1024-50000".parse().unwrap());
        let (v, lines) = run(&s, "My laptop", "telnet web 443");
        assert_eq!(v, Verdict::DependsOnSourcePort);
        assert_eq!(lines[1], "Connected to 54.180.0.10.");
        let note = lines.last().unwrap();
        assert!(
            note.contains("49152-50000") && note.contains("times out"),
            "{note}"
        );
    }
}
