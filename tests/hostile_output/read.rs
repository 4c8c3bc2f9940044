//! Running the binary and reading what it wrote, for `tests/hostile_output.rs`: a runner with
//! a deadline (and one under a umask), a tiny RFC 4180 reader, and the structure of a Markdown
//! document (its headings, its tables' rows and cells).
#![allow(dead_code)]

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

/// Runs the binary with a temp home and save folder, in `cwd`, with a deadline: a hang fails
/// the test instead of stalling the suite.
pub fn truce_in(home: &Path, cwd: &Path, args: &[&str]) -> Output {
    let child = Command::new(env!("CARGO_BIN_EXE_truce"))
        .args(args)
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("xdg"))
        .env("TRUCE_SAVE_DIR", home.join("saves"))
        .env("NO_COLOR", "1")
        .current_dir(cwd)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run truce");
    let pid = libc::pid_t::try_from(child.id()).expect("a pid");
    // Read while it runs (a report can be bigger than a pipe's buffer), on a thread, so the
    // deadline can kill it.
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || tx.send(child.wait_with_output().expect("output")));
    match rx.recv_timeout(Duration::from_secs(60)) {
        Ok(out) => out,
        Err(_) => {
            // SAFETY: kill only signals our own child, by the pid we spawned.
            unsafe { libc::kill(pid, libc::SIGKILL) };
            panic!("truce {args:?} hung");
        }
    }
}

pub fn truce(home: &Path, args: &[&str]) -> Output {
    truce_in(home, home, args)
}

/// Runs the binary through `sh` under this umask.
pub fn truce_umask(home: &Path, umask: &str, args: &[&str]) -> Output {
    Command::new("sh")
        .arg("-c")
        .arg(format!("umask {umask}; exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_truce"))
        .args(args)
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("xdg"))
        .env("TRUCE_SAVE_DIR", home.join("saves"))
        .current_dir(home)
        .output()
        .expect("run truce through sh")
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// What a terminal would obey: C0 controls but the line end, DEL, C1, bidi controls.
pub fn obeyed(stream: &[u8]) -> Vec<char> {
    text(stream)
        .chars()
        .filter(|&c| {
            (c.is_control() && c != '\n')
                || matches!(
                    c,
                    '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}'
                        | '\u{2066}'..='\u{2069}'
                )
        })
        .collect()
}

pub fn saves_dir(home: &Path) -> PathBuf {
    let dir = home.join("saves");
    fs::create_dir_all(&dir).unwrap();
    dir
}

pub fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// A tiny RFC 4180 reader: records of fields, quoted fields with doubled quotes and line
/// breaks inside, records ended by LF or CRLF.
pub fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    let mut started = false;
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                c => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => quoted = true,
            ',' => record.push(std::mem::take(&mut field)),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
                started = false;
                continue;
            }
            c => field.push(c),
        }
        started = true;
    }
    if started {
        record.push(field);
        records.push(record);
    }
    records
}

/// The Markdown's structure: headings, and for each table its row count and each row's cells.
pub fn headings(md: &str) -> Vec<&str> {
    md.lines().filter(|l| l.starts_with('#')).collect()
}

/// Each table (a run of lines starting with `|`): its rows, each split on unescaped pipes.
pub fn tables(md: &str) -> Vec<Vec<usize>> {
    let mut out: Vec<Vec<usize>> = Vec::new();
    let mut open = false;
    for line in md.lines() {
        if line.starts_with('|') {
            if !open {
                out.push(Vec::new());
                open = true;
            }
            // Pipes not escaped by an odd run of backslashes.
            let mut pipes = 0;
            let mut slashes = 0;
            for c in line.chars() {
                if c == '|' && slashes % 2 == 0 {
                    pipes += 1;
                }
                slashes = if c == '\\' { slashes + 1 } else { 0 };
            }
            out.last_mut().unwrap().push(pipes);
        } else {
            open = false;
        }
    }
    out
}

/// The report's own inline code (never from a file): `truce simulate` and the name of the
/// scripted strategy a game repeats. Taken out before looking for unescaped backticks.
fn without_own_code(md: &str) -> String {
    let mut md = md.replace("`truce simulate`", "truce simulate");
    for s in truce::sim::Strategy::ALL {
        md = md.replace(&format!("strategy `{}`", s.name()), "strategy");
    }
    md
}

/// No HTML, image, link or emphasis from a file: every `<` is written `&lt;`, every `[` and
/// `` ` `` escaped (the report's own inline code aside).
pub fn assert_inert(md: &str) {
    let md = &without_own_code(md);
    assert!(!md.contains('<'), "raw <: {md}");
    assert!(!md.contains("!["), "an image: {md}");
    let mut slashes = 0;
    for c in md.chars() {
        if matches!(c, '[' | ']' | '`') {
            assert!(slashes % 2 == 1, "an unescaped {c}: {md}");
        }
        slashes = if c == '\\' { slashes + 1 } else { 0 };
    }
    assert!(obeyed(md.as_bytes()).is_empty(), "{md:?}");
}
