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

use truce::persist::{self, SaveStore};

#[path = "fixtures/hostile/output.rs"]
mod generate;
#[path = "hostile_output/read.rs"]
mod read;

use generate::*;
use read::*;

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
    // Numeric columns stay numbers: seed, week, reloads and scores parse as such, and the
    // seconds a chain covers when there is a chain.
    let scores = truce::report::facts::SCORE_NAMES.len();
    let played = records[0].iter().position(|h| h == "played_seconds");
    assert_eq!(played, Some(8 + scores + 2), "{:?}", records[0]);
    for r in &records[1..=games] {
        for (i, cell) in r.iter().enumerate().skip(3) {
            if [3, 5, 7].contains(&i) || (8..8 + scores).contains(&i) {
                assert!(cell.parse::<f64>().is_ok(), "column {i}: {cell:?}");
            }
            if Some(i) == played && !cell.is_empty() {
                assert!(cell.parse::<u64>().is_ok(), "column {i}: {cell:?}");
            }
        }
    }
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
    // A finished game in a custom scenario whose name would forge a heading and a row: it
    // gets a group (a heading) of its own, and notes, in the report.
    let mut custom = builtin();
    custom.name = "c\n# Corrected scores\n| Eve | 100 |".into();
    let played = save_after(custom, usize::MAX, "c", "c", None);
    fs::write(dir.join("custom-name.ron"), played).unwrap();
    let out = truce(home.path(), &["report", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let md = text(&out.stdout);
    let games = MARKDOWN_ATTACKS.len() + 1;
    let heads = headings(&md);
    assert_eq!(heads.len(), 5, "{md}");
    assert_eq!(
        heads[..3],
        [
            "# Class results",
            "## Games",
            &format!("## autumn-2025, seed 3: {games} game(s)")
        ],
        "{md}"
    );
    assert!(
        heads[3].starts_with("## c \\# Corrected scores \\| Eve \\| 100 \\| (custom ")
            && heads[3].ends_with(", seed 3: 1 game(s)"),
        "{md}"
    );
    assert_eq!(heads[4], "## Files not read", "{md}");
    let t = tables(&md);
    // Games (header, separator, one row per game), then for each group the means (header,
    // separator, seven scores) and the signed deals beside history (header, separator, one
    // row per issue); every row with as many cells as its header.
    assert_eq!(t.len(), 5, "{md}");
    assert_eq!(t[0].len(), 2 + games + 1, "{md}");
    for group in [1, 3] {
        assert_eq!(t[group].len(), 2 + 7, "{md}");
        assert_eq!(t[group + 1].len(), 2 + builtin().issues.len(), "{md}");
    }
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
    // The fact table: scenario, seed, player, save, outcome, moves, and the provenance of its
    // scenario (a custom one).
    assert_eq!(tables(&md)[0].len(), 2 + 7, "{md}");
    assert!(md.contains("| Provenance | a custom scenario"), "{md}");
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
