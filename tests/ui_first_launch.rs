//! A newcomer's first minutes (issue 18): Enter through an empty name, a seed typed on the
//! title screen, the picker saying what each scenario teaches, the guided first week (read or
//! skipped, then remembered), the package's worth to the US beside China's view, and the
//! action menu that opens on a harmless line, wraps, and asks before anything that binds.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{app, draw, keys, play, text};
use truce::ui::app::{Confirm, Overlay, Screen};
use truce::ui::effects::Effect;
use truce::ui::menu::{MenuItem, items};
use truce::ui::{App, Classroom};

const SIZES: [(u16, u16); 3] = [(80, 24), (120, 40), (200, 60)];

/// Presses the keys of a script, returning every effect they asked for.
fn press(a: &mut App, script: &str) -> Vec<Effect> {
    let mut out = Vec::new();
    for k in keys(script) {
        out.extend(a.update_key(k));
        for e in out.clone() {
            if matches!(e, Effect::Start) {
                a.perform(e);
            }
        }
        out.retain(|e| !matches!(e, Effect::Start));
    }
    out
}

/// The text inside the window on top (between its ║ borders), its lines joined by spaces.
fn popup(shown: &str) -> String {
    let parts: Vec<&str> = shown
        .lines()
        .filter_map(|l| {
            let a = l.find('║')?;
            let b = l.rfind('║')?;
            (b > a).then(|| l[a + '║'.len_utf8()..b].trim())
        })
        .collect();
    parts.join(" ")
}

/// The app of a newcomer: no name known, the guide not yet read.
fn newcomer() -> App {
    app().with_classroom(Classroom {
        guide: true,
        ..Classroom::default()
    })
}

#[test]
fn enter_on_an_empty_name_plays_without_one() {
    let mut a = newcomer();
    assert_eq!(a.ui.overlay, Some(Overlay::Player));
    let effects = press(&mut a, ">");
    assert_eq!(
        a.ui.overlay, None,
        "Enter on an empty name closes the prompt"
    );
    assert!(a.classroom.player.is_none());
    assert!(effects.is_empty(), "no name is remembered: {effects:?}");
    // In class mode a name is still needed.
    let mut c = app().with_classroom(Classroom {
        class: true,
        ..Classroom::default()
    });
    press(&mut c, ">");
    assert_eq!(c.ui.overlay, Some(Overlay::Player));
    let shown = text(&draw(&mut c, 80, 24));
    assert!(shown.contains("Type your name"), "{shown}");
}

#[test]
fn a_seed_is_typed_on_the_title_screen() {
    let mut a = app();
    press(&mut a, "42");
    assert_eq!(a.ui.seed, 42, "the first digit starts a new seed");
    press(&mut a, "\u{8}");
    let (mut b, _) = play("1234x", 80, 24);
    assert_eq!(b.ui.seed, 1234, "letters are not digits");
    b.handle_key(common::key(truce::ui::input::KeyCode::Backspace));
    assert_eq!(b.ui.seed, 123);
    for (w, h) in SIZES {
        let shown = text(&draw(&mut b, w, h));
        assert!(shown.contains("Seed 123▏"), "{w}x{h}:\n{shown}");
        assert!(shown.contains("--seed 123`"), "{w}x{h}:\n{shown}");
        assert!(shown.contains("Teaches:"), "{w}x{h}:\n{shown}");
        insta::assert_snapshot!(format!("title_seed_typed_{w}x{h}"), shown);
    }
    // The game starts from the seed typed.
    press(&mut b, ">>");
    assert_eq!(b.game.as_ref().unwrap().seed, 123);
    // An 18-digit seed is the longest: a 19th digit is not taken.
    let mut c = app();
    press(&mut c, &"9".repeat(20));
    assert_eq!(c.ui.seed, 999_999_999_999_999_999);
}

#[test]
fn the_picker_says_what_each_built_in_teaches() {
    for name in truce::scenario::builtin_names() {
        assert!(
            truce::ui::screens::title::teaches(name).is_some(),
            "{name} says nothing"
        );
    }
}

#[test]
fn the_guided_first_week_shows_once_and_can_be_skipped() {
    let mut a = newcomer();
    press(&mut a, "<>>");
    assert_eq!(a.ui.screen, Screen::Negotiation);
    assert_eq!(a.ui.overlay, Some(Overlay::Guide));
    for (w, h) in SIZES {
        let mut b = newcomer();
        press(&mut b, "<>>");
        for page in 0..4 {
            let shown = text(&draw(&mut b, w, h));
            assert!(
                shown.contains(&format!("Your first week ({}/4)", page + 1)),
                "{w}x{h}:\n{shown}"
            );
            // The agenda it talks about stays in view above it.
            assert!(shown.contains("Agenda: your package"), "{w}x{h}:\n{shown}");
            insta::assert_snapshot!(format!("guide_page{}_{w}x{h}", page + 1), shown);
            let effects = press(&mut b, "]");
            assert_eq!(effects.is_empty(), page < 3, "{effects:?}");
        }
        assert_eq!(b.ui.overlay, None, "read to the end, it closes");
        assert!(!b.classroom.guide);
    }
    // Back a page, then Esc: skipped, and remembered.
    press(&mut a, "][");
    assert_eq!(a.newcomer.page, 0);
    let effects = press(&mut a, "<");
    assert_eq!(effects, vec![Effect::GuideDone]);
    assert_eq!(a.ui.overlay, None);
    // The next game of this run starts at the table.
    let g = a.game.as_ref().unwrap().scenario.clone();
    assert_eq!(g.name, "autumn-2025");
    a.ui.screen = Screen::Title;
    press(&mut a, ">>");
    assert_eq!(a.ui.overlay, None, "the guide never shows again");
    // A player who read it (as every other test's app) never sees it.
    let (b, _) = play(">>", 80, 24);
    assert_eq!(b.ui.overlay, None);
}

#[test]
fn the_package_shows_its_worth_to_the_us() {
    // Tariffs down to 20% and rare earths to general licences.
    for (w, h) in SIZES {
        let (mut a, _) = play(">>]vv]", w, h);
        let shown = text(&draw(&mut a, w, h));
        assert!(
            shown.contains("Worth to the US: +4") || shown.contains(" US value +4 "),
            "{w}x{h}:\n{shown}"
        );
        // And the detail pane says it in words, on its last line, which it keeps.
        if w >= 120 {
            assert!(shown.contains("worth +4 to the US"), "{w}x{h}:\n{shown}");
        }
    }
    // Beside China's view, the ladder says what each level adds to the US (rare earths:
    // general licences, chosen, against slow licensing, the status quo).
    let (mut a, _) = play(">>]vv]", 120, 40);
    let shown = text(&draw(&mut a, 120, 40));
    assert!(shown.contains("China's view  US Notes"), "{shown}");
    let row = shown
        .lines()
        .find(|l| l.contains("▶  general licences"))
        .expect("the chosen level");
    assert!(row.contains("+7 you"), "{shown}");
    // The status quo is worth nothing over no deal; giving tariffs away costs the US.
    let (mut a, _) = play(">>", 120, 40);
    let shown = text(&draw(&mut a, 120, 40));
    assert!(shown.contains(" US value 0 "), "{shown}");
    let (mut a, _) = play(">>]]]", 120, 40);
    let shown = text(&draw(&mut a, 120, 40));
    assert!(shown.contains(" US value -"), "{shown}");
}

#[test]
fn the_menu_opens_on_hold_and_wraps() {
    let (mut a, _) = play(">>a", 120, 40);
    let menu = items(a.game.as_ref().unwrap());
    assert_eq!(menu[a.ui.menu], MenuItem::Hold);
    press(&mut a, "^");
    assert_eq!(menu[a.ui.menu], MenuItem::AcceptCounter);
    press(&mut a, "^");
    assert_eq!(menu[a.ui.menu], MenuItem::WalkAway, "↑ at the top wraps");
    press(&mut a, "v");
    assert_eq!(
        menu[a.ui.menu],
        MenuItem::AcceptCounter,
        "↓ at the end wraps"
    );
}

#[test]
fn threats_cards_and_the_last_ask_ask_first_with_what_they_commit() {
    // The threat: Hold, then one down.
    let (mut a, _) = play(">>av>", 120, 40);
    assert_eq!(
        a.ui.overlay,
        Some(Overlay::Confirm(Confirm::Act(MenuItem::Threaten)))
    );
    let shown = popup(&text(&draw(&mut a, 120, 40)));
    assert!(shown.contains("It commits the US"), "{shown}");
    assert!(shown.contains("trust falls (10 pts)"), "{shown}");
    let turns = a.game.as_ref().unwrap().state.turns;
    press(&mut a, "n");
    assert_eq!(a.game.as_ref().unwrap().state.turns, turns, "no: nothing");
    // A card: it stays in force.
    let (mut a, _) = play(">>a", 80, 24);
    let menu = items(a.game.as_ref().unwrap());
    let card = menu
        .iter()
        .enumerate()
        .find(|(_, m)| {
            matches!(m, MenuItem::Card(_))
                && truce::ui::menu::available(**m, a.game.as_ref().unwrap()).is_ok()
        })
        .map(|(k, _)| k)
        .expect("a card ready");
    a.ui.menu = card;
    press(&mut a, ">");
    assert!(matches!(
        a.ui.overlay,
        Some(Overlay::Confirm(Confirm::Act(MenuItem::Card(_))))
    ));
    for (w, h) in SIZES {
        let shown = popup(&text(&draw(&mut a, w, h)));
        assert!(
            shown.contains("comes into force and stays"),
            "{w}x{h}:\n{shown}"
        );
        assert!(shown.contains("y yes"), "{w}x{h}:\n{shown}");
    }
    press(&mut a, "y");
    assert!(a.game.as_ref().unwrap().state.cards.iter().any(|&c| c));
    for item in [
        MenuItem::AcceptCounter,
        MenuItem::Threaten,
        MenuItem::Card(0),
        MenuItem::GrantAsk,
    ] {
        assert!(item.confirm(), "{item:?} asks first");
    }
    assert!(!MenuItem::Hold.confirm());
}

#[test]
fn a_card_not_ready_says_when_it_will_be() {
    let (a, _) = play(">>", 120, 40);
    let g = a.game.as_ref().unwrap();
    let not_ready: Vec<String> = items(g)
        .into_iter()
        .filter_map(|m| truce::ui::menu::available(m, g).err())
        .filter(|why| why.contains("not ready yet"))
        .collect();
    assert!(!not_ready.is_empty(), "autumn-2025 has a card for later");
    for why in not_ready {
        // The card opens in the week that includes its date (a move covers its week), so the
        // text must not promise a later day than the one it is offered on.
        assert!(
            why.contains("it can be played from the week that includes "),
            "{why}"
        );
        assert!(why.contains("2025"), "{why}");
    }
}

#[test]
fn opening_an_issue_says_why_the_date_moves() {
    // Energy and aircraft: the first issue off the table.
    let (mut a, _) = play(">>vvvv_", 120, 40);
    let m = a.ui.message.clone().unwrap();
    assert!(
        m.text.contains("of preparation move the date on to"),
        "{m:?}"
    );
    for (w, h) in [(80, 24), (120, 40)] {
        let shown = text(&draw(&mut a, w, h));
        assert!(
            shown.contains("2 days of preparation move the date on to 27 Aug 2025."),
            "{w}x{h}:\n{shown}"
        );
    }
}

#[test]
fn the_title_holds_every_scenario_and_the_seed_at_80x24() {
    let all: Vec<_> = truce::scenario::builtin_names()
        .into_iter()
        .map(|n| std::sync::Arc::new(truce::scenario::resolve(n).expect("built-in")))
        .collect();
    let titles: Vec<String> = all.iter().map(|s| s.title.clone()).collect();
    let mut a = App::new(all, 0, 43182, truce::ui::Theme::plain()).with_classroom(Classroom {
        class: true,
        player: Some("Ana Li".into()),
        ..Classroom::default()
    });
    for (w, h) in SIZES {
        let shown = text(&draw(&mut a, w, h));
        for t in &titles {
            assert!(shown.contains(t.as_str()), "{w}x{h} lacks {t}:\n{shown}");
        }
        for words in [
            "Teaches:",
            "Seed 43182",
            "playing as Ana Li",
            "Enter reads the briefing",
        ] {
            assert!(shown.contains(words), "{w}x{h} lacks {words}:\n{shown}");
        }
    }
}

/// A served class fixes the scenario and the seed: a student can type no other seed and pick
/// no other scenario, and the title says the game is the class's.
#[test]
fn a_served_class_pins_the_scenario_and_seed() {
    let mut a = app().with_classroom(Classroom {
        class: true,
        player: Some("Ana".into()),
        draw_key: vec![7; 32],
        ..Classroom::default()
    });
    let (seed, picked) = (a.ui.seed, a.ui.picked);
    press(&mut a, "42vv^");
    a.handle_key(common::key(truce::ui::input::KeyCode::Backspace));
    assert_eq!((a.ui.seed, a.ui.picked), (seed, picked));
    let shown = text(&draw(&mut a, 80, 24));
    assert!(shown.contains("Your class's scenario"), "{shown}");
    assert!(shown.contains("everyone faces the same game"), "{shown}");
    assert!(!shown.contains("Phase One, 2019"), "{shown}");
    press(&mut a, ">>");
    assert_eq!(a.game.as_ref().unwrap().seed, seed);
}
