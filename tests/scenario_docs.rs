//! The example scenario in docs/scenarios.md validates and plays to an end under every scripted
//! strategy, so an instructor who copies it starts from a working file.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use truce::scenario;
use truce::sim::{Strategy, play};

fn example() -> String {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/scenarios.md"))
        .expect("docs/scenarios.md");
    let start = doc.find("```ron\n").expect("a ron block") + "```ron\n".len();
    let len = doc[start..].find("```").expect("the block ends");
    doc[start..start + len].to_string()
}

#[test]
fn the_documented_example_validates_and_plays() {
    let s = match scenario::from_str(&example(), "docs/scenarios.md") {
        Ok(s) => s,
        Err(e) => panic!("the example must validate:\n{e}"),
    };
    assert_eq!(s.name, "classroom-mini");
    for strategy in Strategy::ALL {
        for seed in 1..=5 {
            let g = play(&s, strategy, seed);
            assert!(g.state.outcome.is_some(), "{} seed {seed}", strategy.name());
        }
    }
}

#[test]
fn the_docs_list_every_builtin_and_its_targets() {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/scenarios.md"))
        .expect("docs/scenarios.md");
    for name in scenario::builtin_names() {
        assert!(doc.contains(&format!("### `{name}`")), "{name} documented");
    }
}
