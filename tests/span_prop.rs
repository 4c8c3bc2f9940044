//! Property: the position finder and the header reader take any text without panicking, and
//! a position is always inside the text (line and column from 1, line at most the line count).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use proptest::prelude::*;
use truce::scenario::span::Spans;

fn ronish() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[()\\[\\]{},:\"'#r/*\\\\ a-z0-9\n]{0,200}",
        "(TruceSave\\(version: 2, )?[()\\[\\]:,\"r#/* a-z\n]{0,120}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_text_is_indexed_without_panic(text in ronish(), path in "[a-z.\\[\\]0-9#]{0,20}") {
        let spans = Spans::new(&text);
        let p = spans.find(&path);
        prop_assert!(p.line >= 1 && p.col >= 1);
        prop_assert!(p.line <= text.matches('\n').count() + 1);
        let _ = spans.atoms();
        let _ = truce::persist::peek_str(&text, "x.ron", false);
    }
}
