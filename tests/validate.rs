//! `truce validate` on good and broken scenario files: exit codes and `file:line:column: message`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

fn validate(files: &[&str]) -> (i32, String, String) {
    let mut args = vec!["validate"];
    args.extend_from_slice(files);
    common::run_truce(&args)
}

fn broken(name: &str, expected_prefix: &str, expected_words: &str) {
    let path = format!("tests/fixtures/scenarios/{name}");
    let (code, _, err) = validate(&[&path]);
    assert_eq!(code, 1, "{name}: exit code; stderr: {err}");
    let line = err.lines().next().unwrap_or_default();
    assert!(
        line.starts_with(&format!("{path}:{expected_prefix}")),
        "{name}: expected {path}:{expected_prefix}…, got {line}"
    );
    assert!(
        line.contains(expected_words),
        "{name}: message {line:?} lacks {expected_words:?}"
    );
}

#[test]
fn the_builtin_scenario_is_valid() {
    let (code, out, err) = validate(&["assets/scenarios/autumn-2025.ron"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("ok"), "{out}");
}

#[test]
fn an_unknown_key_names_its_line_and_column() {
    broken("unknown-key.ron", "20:9:", "weekends_off");
}

#[test]
fn a_missing_field_is_named() {
    broken("missing-field.ron", "", "missing field named `tagline`");
}

#[test]
fn levels_out_of_order_point_at_the_level() {
    broken("levels-out-of-order.ron", "31:17:", "levels out of order");
}

#[test]
fn weights_that_do_not_sum_to_one_are_reported() {
    broken("weights.ron", "25:", "must sum to 1, but they sum to 1.200");
}

#[test]
fn a_reference_to_an_unknown_issue_is_reported() {
    broken(
        "unknown-issue.ron",
        "172:28:",
        "unknown issue \"russian_gas\"",
    );
}

#[test]
fn an_impossible_date_is_reported() {
    broken("bad-date.ron", "18:23:", "is not a YYYY-MM-DD date");
}

#[test]
fn a_syntax_error_names_its_position() {
    broken("syntax.ron", "8:5:", "Expected comma");
}

#[test]
fn one_bad_file_among_good_ones_fails_the_run() {
    let (code, out, err) = validate(&[
        "assets/scenarios/autumn-2025.ron",
        "tests/fixtures/scenarios/weights.ron",
    ]);
    assert_eq!(code, 1);
    assert!(out.contains("autumn-2025.ron: ok"));
    assert!(err.contains("weights.ron:"));
}

#[test]
fn a_missing_file_is_an_error_not_a_panic() {
    let (code, _, err) = validate(&["tests/fixtures/scenarios/no-such-file.ron"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("no-such-file.ron:1:1: cannot read the file"),
        "{err}"
    );
}

#[test]
fn a_card_mirror_must_name_a_chinese_card() {
    broken("bad-mirror.ron", "303:25:", "names a Chinese card");
}

#[test]
fn a_0_1_0_scenario_file_still_loads_and_plays() {
    let (code, out, err) = validate(&["tests/fixtures/scenarios/autumn-2025-0.1.0.ron"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("ok"), "{out}");
    let text = include_str!("fixtures/scenarios/autumn-2025-0.1.0.ron");
    let s = truce::scenario::from_str(text, "old.ron").expect("the 0.1.0 file parses");
    assert!(s.world.cards.is_empty(), "no cards: the simpler game");
    for strategy in truce::sim::Strategy::ALL {
        let r = truce::sim::play(&s, strategy, 3);
        assert!(r.state.outcome.is_some(), "{strategy:?} finishes");
    }
}

#[test]
fn a_scenario_text_with_a_bidi_or_invisible_character_is_refused_where_it_stands() {
    // Each character would reorder or hide what a player reads on the terminal.
    let good = std::fs::read_to_string("assets/scenarios/autumn-2025.ron").unwrap();
    let dir = tempfile::tempdir().unwrap();
    for (i, c) in ['\u{202e}', '\u{2066}', '\u{200b}', '\u{feff}']
        .into_iter()
        .enumerate()
    {
        let text = good.replacen("Racing the Truce", &format!("Racing{c} the Truce"), 1);
        assert_ne!(text, good);
        let path = dir.path().join(format!("bidi-{i}.ron"));
        std::fs::write(&path, text).unwrap();
        let (code, _, err) = validate(&[path.to_str().unwrap()]);
        assert_eq!(code, 1, "{c:?}: {err}");
        assert!(
            err.contains("title") && err.contains("formatting character"),
            "{err}"
        );
        assert!(!err.contains(c), "the message escapes the character: {err}");
    }
}
