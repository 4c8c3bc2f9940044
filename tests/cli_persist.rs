//! The binary's save commands: `validate` on saves, `simulate --save-to`, `load`, `saves`, and
//! where the save directory comes from. Every run gets its own temp dirs, never the real home.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The binary with a clean environment for saves: no inherited save dir, home in `home`.
fn truce(home: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_truce"));
    c.env_remove("TRUCE_SAVE_DIR")
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("xdg"))
        .env("NO_COLOR", "1")
        .current_dir(root());
    c
}

fn run(c: &mut Command) -> (i32, String, String) {
    let Output {
        status,
        stdout,
        stderr,
    } = c.output().expect("the binary runs");
    (
        status.code().unwrap_or(-1),
        String::from_utf8_lossy(&stdout).into_owned(),
        String::from_utf8_lossy(&stderr).into_owned(),
    )
}

fn examples() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = fs::read_dir(root().join("saves"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    v.sort();
    v
}

/// Whether `line` is `FILE:LINE:COL: message` for this file.
fn located(line: &str, file: &str) -> bool {
    let Some(rest) = line.strip_prefix(&format!("{file}:")) else {
        return false;
    };
    let parts: Vec<&str> = rest.splitn(3, ':').collect();
    parts.len() == 3
        && parts[0].parse::<usize>().is_ok()
        && parts[1].parse::<usize>().is_ok()
        && parts[2].starts_with(' ')
}

#[test]
fn validate_accepts_good_saves_and_scenarios_together() {
    let home = tempfile::tempdir().unwrap();
    let mut args: Vec<String> = examples()
        .iter()
        .map(|p| p.strip_prefix(root()).unwrap().display().to_string())
        .collect();
    assert_eq!(args.len(), 3, "{args:?}");
    args.push("tests/fixtures/saves/good.ron".into());
    args.push("tests/fixtures/saves/version-1.ron".into());
    args.push("assets/scenarios/autumn-2025.ron".into());
    let (code, out, err) = run(truce(home.path()).arg("validate").args(&args));
    assert_eq!(code, 0, "{out}{err}");
    for a in &args {
        assert!(
            out.contains(&format!("{a}: ok")),
            "{a} missing from:\n{out}"
        );
    }
    assert!(out.contains("actions replay to the saved state"), "{out}");
    assert!(
        out.contains("autumn-2025.ron: ok (scenario autumn-2025"),
        "{out}"
    );
}

#[test]
fn validate_rejects_each_broken_save_with_a_located_message() {
    let home = tempfile::tempdir().unwrap();
    let cases = [
        ("truncated.ron", "the save ends early"),
        ("invalid-ron.ron", "Unexpected char"),
        (
            "newer-version.ron",
            "format version 99, newer than this build",
        ),
        ("unknown-scenario.ron", "\"spring-2026\""),
        ("edited-state.ron", "digest: saved \""),
        (
            "refused-action.ron",
            "action 1 (sign at the summit) is refused",
        ),
    ];
    for (name, phrase) in cases {
        let file = format!("tests/fixtures/saves/{name}");
        let (code, out, err) = run(truce(home.path()).args(["validate", &file]));
        assert_eq!(code, 1, "{name}: {out}{err}");
        assert!(err.contains(phrase), "{name}: {err}");
        for line in err.lines() {
            assert!(located(line, &file), "{name}: not file:line:col: {line}");
        }
    }
    // One bad file among good ones fails the run, and the good ones are still reported.
    let (code, out, err) = run(truce(home.path()).args([
        "validate",
        "tests/fixtures/saves/good.ron",
        "tests/fixtures/saves/edited-state.ron",
    ]));
    assert_eq!(code, 1);
    assert!(out.contains("good.ron: ok"), "{out}");
    assert!(err.contains("corrupt or was edited"), "{err}");
}

#[test]
fn simulate_save_to_writes_a_loadable_save_per_game() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("new/nested/dir");
    let (code, out, err) = run(truce(home.path())
        .args(["simulate", "--games", "2", "--seed", "5", "--save-to"])
        .arg(&dir));
    assert_eq!(code, 0, "{out}{err}");
    let mut names: Vec<String> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    // Two games of each of the 11 strategies, adaptive included.
    assert_eq!(names.len(), 22, "{names:?}");
    assert!(names.contains(&"hawk-seed-5.ron".to_string()));
    assert!(names.contains(&"adaptive-seed-6.ron".to_string()));
    assert!(names.contains(&"random-seed-6.ron".to_string()));
    for name in &names {
        let loaded = truce::persist::load_game(&dir.join(name)).unwrap();
        assert!(
            loaded.game.state.outcome.is_some(),
            "{name} is not finished"
        );
        assert!(name.ends_with(&format!("-seed-{}.ron", loaded.game.seed)));
    }
    let (code, out, err) = run(truce(home.path())
        .arg("validate")
        .args(names.iter().map(|n| dir.join(n))));
    assert_eq!(code, 0, "{out}{err}");
}

#[test]
fn load_check_prints_a_summary_of_each_example() {
    let home = tempfile::tempdir().unwrap();
    for path in examples() {
        let (code, out, err) = run(truce(home.path()).args(["load", "--check"]).arg(&path));
        assert_eq!(code, 0, "{}: {out}{err}", path.display());
        assert_eq!(out.lines().count(), 1, "{out}");
        assert!(out.contains("autumn-2025, week "), "{out}");
    }
    let (_, out, _) = run(truce(home.path()).args(["load", "--check", "saves/finished-deal.ron"]));
    assert!(out.contains("deal"), "{out}");
    let (_, out, _) =
        run(truce(home.path()).args(["load", "--check", "saves/midgame-restrictions.ron"]));
    assert!(out.contains("in progress"), "{out}");
    let (code, _, err) =
        run(truce(home.path()).args(["load", "tests/fixtures/saves/edited-state.ron"]));
    assert_eq!(code, 1);
    assert!(err.contains("digest: saved"), "{err}");
    let (code, _, err) = run(truce(home.path()).args(["load", "no-such-save.ron"]));
    assert_eq!(code, 1);
    assert!(err.contains("cannot read the save"), "{err}");
}

#[test]
fn the_save_dir_is_flag_then_env_then_the_data_dir() {
    let home = tempfile::tempdir().unwrap();
    let flag = home.path().join("from-flag");
    let env = home.path().join("from-env");
    let listed = |out: &str| out.lines().next().unwrap_or("").to_string();

    let (code, out, err) = run(truce(home.path())
        .arg("saves")
        .arg("--save-dir")
        .arg(&flag)
        .env("TRUCE_SAVE_DIR", &env));
    assert_eq!(code, 0, "{err}");
    assert_eq!(listed(&out), format!("Saves in {}: 0", flag.display()));

    let (_, out, _) = run(truce(home.path()).arg("saves").env("TRUCE_SAVE_DIR", &env));
    assert_eq!(listed(&out), format!("Saves in {}: 0", env.display()));

    if cfg!(target_os = "linux") {
        let (_, out, _) = run(truce(home.path()).arg("saves"));
        let default = home.path().join("xdg/truce/saves");
        assert_eq!(listed(&out), format!("Saves in {}: 0", default.display()));
    }
    // Listing never creates the directory; only a save does.
    assert!(!flag.exists() && !env.exists());
}

#[test]
fn saves_lists_the_directory_and_load_finds_a_name_there() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("saves");
    fs::create_dir_all(&dir).unwrap();
    // The list follows the file system's times: each copy gets its example's stamp's time
    // (12:00, 12:01, 12:02 on 30 October 2025, in the order the examples were made).
    let made = [
        "opening.ron",
        "midgame-restrictions.ron",
        "finished-deal.ron",
    ];
    for p in examples() {
        let to = dir.join(p.file_name().unwrap());
        fs::copy(&p, &to).unwrap();
        let n = made.iter().position(|m| to.ends_with(m)).unwrap() as u64;
        let when = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_761_825_600 + 60 * n);
        let file = fs::File::options().write(true).open(&to).unwrap();
        file.set_modified(when).unwrap();
    }
    fs::copy(
        root().join("tests/fixtures/saves/truncated.ron"),
        dir.join("truncated.ron"),
    )
    .unwrap();
    let (code, out, err) = run(truce(home.path()).arg("saves").env("TRUCE_SAVE_DIR", &dir));
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 5, "{out}");
    // Newest first by the files' times: finished-deal the latest.
    assert!(lines[1].contains("finished-deal.ron"), "{out}");
    assert!(lines[3].contains("opening.ron"), "{out}");
    assert!(
        lines[4].starts_with("broken") && lines[4].contains("truncated"),
        "{out}"
    );

    let (code, out, err) = run(truce(home.path())
        .args(["load", "--check", "opening.ron", "--save-dir"])
        .arg(&dir));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("opening.ron: autumn-2025, week "), "{out}");

    // The name as `truce saves` shows it, without its `.ron`, finds it too; so does the
    // transcript.
    let (code, out, err) = run(truce(home.path())
        .args(["load", "--check", "opening", "--save-dir"])
        .arg(&dir));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("opening.ron: autumn-2025, week "), "{out}");
    let (code, out, err) = run(truce(home.path())
        .args(["transcript", "finished-deal"])
        .env("TRUCE_SAVE_DIR", &dir));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("After-action report"), "{out}");
}

#[test]
fn load_without_a_terminal_checks_the_save_then_says_it_needs_one() {
    let home = tempfile::tempdir().unwrap();
    // A good save: checked, then a clear refusal to play without a terminal; nothing on stdout
    // (so no escape codes and no raw mode).
    let (code, out, err) = run(truce(home.path()).args(["load", "saves/opening.ron"]));
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.is_empty(), "{out:?}");
    assert!(err.contains("needs a terminal"), "{err}");
    assert!(err.contains("load --check"), "{err}");
    // A broken save: file:line:column: message, exit 1.
    let (code, out, err) =
        run(truce(home.path()).args(["load", "tests/fixtures/saves/truncated.ron"]));
    assert_eq!(code, 1);
    assert!(out.is_empty(), "{out:?}");
    let first = err.lines().next().unwrap_or_default();
    assert!(
        located(first, "tests/fixtures/saves/truncated.ron"),
        "{err}"
    );
    assert!(!err.contains('\x1b'), "{err:?}");
}

#[test]
fn load_check_resumes_a_save_made_under_other_rules_with_a_notice() {
    let home = tempfile::tempdir().unwrap();
    let good = fs::read_to_string(root().join("saves/finished-deal.ron")).unwrap();
    let rules = format!("    rules: {},\n", truce::engine::RULES);
    assert!(good.contains(&rules), "{good}");
    // Made under an older rules id, with the built-in scenario as it was then.
    let older = good
        .replacen(&rules, "    rules: 0,\n", 1)
        .replacen("hash: \"", "hash: \"00", 1);
    let file = home.path().join("older.ron");
    fs::write(&file, older).unwrap();
    let (code, out, err) = run(truce(home.path()).args(["load", "--check"]).arg(&file));
    assert_eq!(code, 0, "{out}{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(lines[0].contains("autumn-2025, week "), "{out}");
    let version = env!("CARGO_PKG_VERSION");
    assert!(
        lines[1].contains(&format!(
            "made with Truce {version} under rules 0, replayed under rules {}",
            truce::engine::RULES
        )),
        "{out}"
    );
    assert!(
        lines[1].contains("scenario autumn-2025 has changed since"),
        "{out}"
    );
    let (code, out, err) = run(truce(home.path()).arg("validate").arg(&file));
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("replayed under this build's rules: made with"),
        "{out}"
    );
    // Not a save at all is still exit 1.
    let (code, _, err) = run(truce(home.path())
        .args(["load", "--check"])
        .arg(root().join("assets/scenarios/autumn-2025.ron")));
    assert_eq!(code, 1, "{err}");
}
