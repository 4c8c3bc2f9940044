//! `truce validate` messages on broken scenario files: each names the place, what was expected
//! and the valid names or range, so an instructor can fix the file without reading the source.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use truce::scenario::{self, BUILTIN};

fn phase_one() -> &'static str {
    BUILTIN
        .iter()
        .find(|(n, _)| *n == "phase-one-2019")
        .map(|(_, t)| *t)
        .expect("built-in phase-one-2019")
}

/// The error text for the built-in with `from` replaced by `to` (which must occur).
fn broken(from: &str, to: &str) -> String {
    let text = phase_one();
    assert!(text.contains(from), "fixture edit {from:?} must apply");
    let text = text.replacen(from, to, 1);
    match scenario::from_str(&text, "broken.ron") {
        Ok(_) => panic!("{to:?} should not validate"),
        Err(e) => e.to_string(),
    }
}

fn line_of(needle: &str) -> usize {
    phase_one()
        .lines()
        .position(|l| l.contains(needle))
        .map(|i| i + 1)
        .expect("needle in file")
}

#[test]
fn an_unknown_effect_lists_the_effect_variants() {
    let e = broken("effects: [FarmStress(1.0)]", "effects: [FarmStres(1.0)]");
    assert!(e.starts_with("broken.ron:"), "{e}");
    assert!(e.contains("FarmStres"), "{e}");
    for v in ["MagnetSupply", "FarmStress", "ChinaPressure", "OpenIssue"] {
        assert!(e.contains(v), "{e}");
    }
}

#[test]
fn an_unknown_condition_lists_the_condition_variants() {
    let e = broken("when: [RungAtLeast(2)]", "when: [RungAtleast(2)]");
    for v in ["RungAtLeast", "TrustAtLeast", "CardInForce", "NoDeal"] {
        assert!(e.contains(v), "{e}");
    }
}

#[test]
fn an_unknown_issue_lists_the_issue_ids_at_its_line() {
    let needle = "RedLine(issue: \"ip_tech\", level: 3";
    let e = broken(needle, "RedLine(issue: \"ip_tek\", level: 3");
    assert!(
        e.contains(&format!("broken.ron:{}:", line_of(needle))),
        "{e}"
    );
    assert!(e.contains("unknown issue \"ip_tek\""), "{e}");
    assert!(
        e.contains(
            "tariffs, export_controls, farm, energy, ip_tech, market_access, currency, enforcement"
        ),
        "{e}"
    );
}

#[test]
fn a_level_out_of_range_gives_the_range() {
    let e = broken(
        "Reciprocity(issue: \"currency\", level: 1)",
        "Reciprocity(issue: \"currency\", level: 7)",
    );
    assert!(
        e.contains("currency has no level 7: its levels run from 0 to 2"),
        "{e}"
    );
}

#[test]
fn an_unknown_card_lists_the_card_ids() {
    let e = broken("card: Some(\"dec15\")", "card: Some(\"dec16\")");
    assert!(
        e.contains("\"dec16\" is not a US card (cards: oct_hike, dec15, currency_label, unreliable_entities, cn_dec15)"),
        "{e}"
    );
    let e = broken(
        "mirror: Some(\"cn_dec15\")),",
        "mirror: Some(\"cn_dec16\")),",
    );
    assert!(
        e.contains("(Chinese cards: unreliable_entities, cn_dec15)"),
        "{e}"
    );
}

#[test]
fn a_number_out_of_range_gives_the_range_and_the_value() {
    let e = broken("credibility: 0.7,", "credibility: 1.7,");
    assert!(
        e.contains("credibility must be between 0 and 1, not 1.7"),
        "{e}"
    );
    let e = broken("opening_aspiration: 0.80,", "opening_aspiration: 8.0,");
    assert!(e.contains("between 0 and 1"), "{e}");
}

#[test]
fn unknown_lessons_and_ladder_issues_list_the_valid_names() {
    let e = broken("Taught(key: \"balance\"", "Taught(key: \"balanse\"");
    assert!(e.contains("unknown lesson \"balanse\""), "{e}");
    assert!(e.contains("balance, toolbox, commercial_decay"), "{e}");
    let e = broken("Term(from: \"2019-10-11\"", "Term(from: \"11 Oct 2019\"");
    assert!(
        e.contains("\"11 Oct 2019\" is not a YYYY-MM-DD date"),
        "{e}"
    );
    let e = broken(
        "ladder_issue: Some(\"farm\")",
        "ladder_issue: Some(\"farms\")",
    );
    assert!(e.contains("unknown issue \"farms\""), "{e}");
    assert!(e.contains("issues: tariffs"), "{e}");
    let e = broken(
        "ladder_issue: Some(\"farm\")",
        "ladder_issue: Some(\"farm\"), leverage_issue: Some(\"tarifs\")",
    );
    assert!(e.contains("unknown issue \"tarifs\""), "{e}");
    let e = broken(
        "lopsided_penalty: 0.6,",
        "lopsided_penalty: 0.6, leverage: Some(1.5),",
    );
    assert!(e.contains("1.5 is outside 0 to 1"), "{e}");
}

#[test]
fn an_effect_naming_an_unknown_issue_lists_the_issue_ids() {
    let e = broken(
        "effects: [ChinaPressure(0.02)]),",
        "effects: [OpenIssue(\"currensy\")]),",
    );
    assert!(e.contains("unknown issue \"currensy\""), "{e}");
    assert!(e.contains("market_access, currency, enforcement"), "{e}");
}

#[test]
fn a_status_quo_out_of_range_gives_the_range() {
    let e = broken(
        "on_table: false, prep_days: 2, status_quo: 0, us_weight: 0.04",
        "on_table: false, prep_days: 2, status_quo: 5, us_weight: 0.04",
    );
    assert!(
        e.contains("status quo 5 is past the last level: levels run from 0 to 2"),
        "{e}"
    );
}
