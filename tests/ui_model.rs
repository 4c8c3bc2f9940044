//! The player-facing side of Beijing's hidden type (issue 14): nothing on screen during play
//! prints the type's numbers, the debrief, transcript and review reveal the Beijing faced, the
//! summit's last ask and an accepted counter are confirmed with what is at stake, a threat with
//! no bite is disabled in the menu, and the instructor's view is off in class mode and recorded
//! in the save and the class report. Drawn at 80×24, 120×40 and 200×60.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::sync::Arc;

use truce::engine::{Action, Game};
use truce::persist::{self, GameInfo, LoadedGame};
use truce::sim::Strategy;
use truce::ui::app::{Confirm, Overlay, Screen};
use truce::ui::input::KeyCode;
use truce::ui::menu::{MenuItem, items};
use truce::ui::{App, Classroom, Theme};

use common::{draw, key, keys, text};

const SIZES: [(u16, u16); 3] = [(80, 24), (120, 40), (200, 60)];

/// The text inside a popup window (between its double borders), its lines joined by spaces,
/// so a phrase wrapped over two lines is found whole.
fn popup_text(screen: &str) -> String {
    let inner: Vec<&str> = screen
        .lines()
        .filter_map(|l| {
            let a = l.find('║')?;
            let b = l.rfind('║')?;
            (b > a).then(|| l[a + '║'.len_utf8()..b].trim())
        })
        .collect();
    inner
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A game saved and loaded again, as the app resumes it.
fn loaded(game: &Game, info: &GameInfo) -> LoadedGame {
    let save = persist::save_of(game, info, "2025-10-01T00:00:00Z");
    let text = persist::format::to_text(&save).expect("serialises");
    persist::load_str(&text, "test.ron").expect("loads")
}

fn app_for(l: &LoadedGame) -> App {
    App::new(
        vec![l.game.scenario.clone()],
        0,
        l.game.seed,
        Theme::plain(),
    )
    .with_classroom(Classroom {
        player: Some("Sam".into()),
        ..Classroom::default()
    })
}

/// A strategy's game of `seed` replayed up to the first state `stop` holds in (the game
/// itself, not finished), if any.
fn replayed_until(strategy: Strategy, seed: u64, stop: impl Fn(&Game) -> bool) -> Option<Game> {
    let s = Arc::new(truce::scenario::resolve("autumn-2025").expect("built-in"));
    let result = truce::sim::play(&s, strategy, seed);
    let mut game = Game::new(s, seed);
    for a in result.actions {
        if stop(&game) {
            return Some(game);
        }
        game.apply(a).ok()?;
    }
    stop(&game).then_some(game)
}

/// A game standing in the summit's week with Beijing's last ask posed.
fn at_the_last_ask() -> Game {
    for seed in 1..60 {
        for strategy in [Strategy::Patient, Strategy::Structural, Strategy::Appeaser] {
            if let Some(g) = replayed_until(strategy, seed, |g| {
                g.state.summit_ask.is_some() && g.state.outcome.is_none()
            }) {
                return g;
            }
        }
    }
    panic!("no game reaches the last ask");
}

/// A finished game of a strategy and seed.
fn finished(strategy: Strategy, seed: u64) -> Game {
    let s = Arc::new(truce::scenario::resolve("autumn-2025").expect("built-in"));
    let result = truce::sim::play(&s, strategy, seed);
    Game::replay(s, seed, &result.actions).expect("replays")
}

/// The figures of Beijing's type a screen could leak, formatted as the explanations would.
fn private_figures(g: &Game) -> Vec<String> {
    let a = g.state.last_answer.as_ref().expect("answered");
    let mut out = vec![
        format!("{:.3}", a.why.no_deal),
        format!("{:.3}", a.why.china_pressure),
    ];
    if let Some((chance, _)) = a.why.roll {
        out.push(format!("was {:.0}%", 100.0 * chance));
    }
    if let Some(b) = &a.why.walk_out {
        out.push(format!("{:.3}", b.bite));
    }
    let b = &g.state.beijing;
    out.push(format!("×{:.2}", b.patience));
    out.push(format!("{:.0}% chance", 100.0 * b.firmness));
    out
}

#[test]
fn why_during_play_gives_the_pressure_band_not_beijings_figures() {
    // Weeks of pressure, then a proposal and a priced threat: the answer carries the felt
    // pressure, what no deal is worth to Beijing and the chance it rolled.
    let (mut a, _) = common::play(">>xxxx]vv]>av>y", 120, 40);
    let g = a.game.clone().expect("a game");
    let why = &g.state.last_answer.as_ref().expect("answered").why;
    assert!(why.roll.is_some() && why.china_pressure > 0.0, "{why:?}");
    a.handle_key(key(KeyCode::Char('w')));
    for (w, h) in SIZES {
        let mut all = String::new();
        a.ui.overlay_scroll = 0;
        for _ in 0..12 {
            all.push_str(&text(&draw(&mut a, w, h)));
            a.handle_key(key(KeyCode::PageDown));
        }
        for figure in private_figures(&g) {
            assert!(!all.contains(&figure), "{w}x{h} shows {figure}:\n{all}");
        }
        assert!(!all.contains("no deal is now worth"), "{w}x{h}:\n{all}");
        assert!(!all.contains("no deal was worth"), "{w}x{h}:\n{all}");
        assert!(all.contains("Pressure on China, as the"), "{w}x{h}:\n{all}");
        if (w, h) == (120, 40) {
            a.ui.overlay_scroll = 0;
            insta::assert_snapshot!("model_why_during_play_120x40", text(&draw(&mut a, w, h)));
        }
    }
    // The same answer after the game (a transcript of a finished game) gives the figures.
    let full = truce::report::explain(&g.scenario, g.state.last_answer.as_ref().unwrap());
    let full = full.join("\n");
    assert!(full.contains(&format!("{:.3}", why.no_deal)), "{full}");
    assert!(
        full.contains("the chance that Beijing gives way was"),
        "{full}"
    );
    let hidden =
        truce::report::explain_now(&g.scenario, g.state.last_answer.as_ref().unwrap(), &g.state)
            .join("\n");
    assert!(hidden.contains("Beijing weighed giving way"), "{hidden}");
}

#[test]
fn the_big_tables_dance_hides_chinas_walk_away_during_play() {
    let (mut a, _) = common::play(">>xx]vv]>", 200, 60);
    let shown = text(&draw(&mut a, 200, 60));
    assert!(shown.contains("The dance so far"), "{shown}");
    assert!(!shown.contains("China walk-away"), "{shown}");
    assert!(shown.contains("US walk-away"), "{shown}");
}

#[test]
fn signing_past_the_last_ask_asks_first_and_says_what_is_at_stake() {
    let game = at_the_last_ask();
    let info = GameInfo::new(&game.scenario, game.seed, "t");
    for (w, h) in SIZES {
        let l = loaded(&game, &info);
        let mut a = app_for(&l).resuming(l);
        assert_eq!(a.ui.screen, Screen::Negotiation);
        a.handle_key(key(KeyCode::Char('a')));
        let menu = items(a.game.as_ref().unwrap());
        a.ui.menu = menu.iter().position(|m| *m == MenuItem::Sign).unwrap();
        a.handle_key(key(KeyCode::Enter));
        assert_eq!(
            a.ui.overlay,
            Some(Overlay::Confirm(Confirm::Act(MenuItem::Sign)))
        );
        let shown = text(&draw(&mut a, w, h));
        let flat = popup_text(&shown);
        for words in [
            "last ask stands",
            "may leave the summit without signing",
            "the pressure on China is",
            "y yes",
        ] {
            assert!(flat.contains(words), "{w}x{h} lacks {words}:\n{shown}");
        }
        let g = a.game.as_ref().unwrap();
        let firm = format!("{:.0}%", 100.0 * g.state.beijing.firmness);
        assert!(!flat.contains(&firm), "{w}x{h}:\n{shown}");
        insta::assert_snapshot!(format!("model_sign_past_the_ask_{w}x{h}"), shown);
        // No: nothing happens.
        a.handle_key(key(KeyCode::Char('n')));
        assert!(a.game.as_ref().unwrap().state.outcome.is_none());
    }
}

#[test]
fn a_refused_signing_after_a_refused_ask_says_beijing_left_over_it() {
    // Any seed where Beijing leaves: the answer is worded without the chance during play...
    for seed in 1..200 {
        let Some(mut g) = replayed_until(Strategy::Patient, seed, |g| {
            g.state.summit_ask.is_some() && g.state.outcome.is_none()
        }) else {
            continue;
        };
        if g.apply(Action::Sign).is_err() {
            continue;
        }
        let a = g.state.last_answer.clone().unwrap();
        let Some((chance, roll)) = a.why.roll else {
            continue;
        };
        if roll >= chance {
            continue;
        }
        assert!(g.state.outcome.is_none(), "the talks go on to the deadline");
        let hidden = truce::report::explain_now(&g.scenario, &a, &g.state).join("\n");
        assert!(hidden.contains("Beijing left over it"), "{hidden}");
        assert!(hidden.contains("chose to leave the summit"), "{hidden}");
        assert!(
            !hidden.contains(&format!("{:.0}%", 100.0 * chance)),
            "{hidden}"
        );
        // ...and with it after the game (a refused signing need not end it: the clock may).
        let shown = truce::report::explain(&g.scenario, &a).join("\n");
        assert!(
            shown.contains(&format!("with a {:.0}% chance", 100.0 * chance)),
            "{shown}"
        );
        return;
    }
    panic!("no seed where Beijing leaves over a refused ask");
}

#[test]
fn accepting_a_counter_asks_first_and_says_what_it_commits() {
    let (mut a, _) = common::play(">>]vv]>a^>", 120, 40);
    assert_eq!(
        a.ui.overlay,
        Some(Overlay::Confirm(Confirm::Act(MenuItem::AcceptCounter)))
    );
    let shown = text(&draw(&mut a, 120, 40));
    let flat = popup_text(&shown);
    assert!(flat.contains("It binds both sides"), "{shown}");
    assert!(
        flat.contains("taking its terms back later costs trust"),
        "{shown}"
    );
    a.handle_key(key(KeyCode::Char('y')));
    assert!(a.game.as_ref().unwrap().state.agreed.is_some());
}

#[test]
fn a_threat_with_no_bite_is_disabled_in_the_menu_and_says_why() {
    // Play the threat's own card, then open the menu on the threat.
    let s = truce::scenario::resolve("autumn-2025").expect("built-in");
    let id = s.world.threat.card.clone().expect("a threat card");
    let k = s.world.card_index(&id).expect("the card");
    let mut a = common::play(">>", 120, 40).0;
    let menu = items(a.game.as_ref().unwrap());
    let card = menu.iter().position(|m| *m == MenuItem::Card(k)).unwrap();
    a.handle_key(key(KeyCode::Char('a')));
    a.ui.menu = card;
    a.handle_key(key(KeyCode::Enter));
    if a.ui.overlay.is_some() {
        a.handle_key(key(KeyCode::Char('y')));
    }
    assert!(
        a.game.as_ref().unwrap().state.cards[k],
        "the card is in force"
    );
    let turns = a.game.as_ref().unwrap().state.turns;
    for (w, h) in SIZES {
        a.ui.overlay = None;
        a.handle_key(key(KeyCode::Char('a')));
        a.ui.menu = 2;
        assert_eq!(items(a.game.as_ref().unwrap())[2], MenuItem::Threaten);
        let shown = text(&draw(&mut a, w, h));
        let flat = popup_text(&shown);
        assert!(flat.contains("(no bite"), "{w}x{h}:\n{shown}");
        assert!(flat.contains("(not now)"), "{w}x{h}:\n{shown}");
        assert!(
            flat.contains("nothing left to threaten"),
            "{w}x{h}:\n{shown}"
        );
        insta::assert_snapshot!(format!("model_menu_no_bite_{w}x{h}"), shown);
        // Enter does not threaten: no move is made.
        a.handle_key(key(KeyCode::Enter));
        assert_eq!(a.game.as_ref().unwrap().state.turns, turns);
    }
}

#[test]
fn the_walk_out_hint_says_a_credible_one_brings_beijing_back() {
    let (mut a, _) = common::play(">>a", 120, 40);
    let menu = items(a.game.as_ref().unwrap());
    a.ui.menu = menu.iter().position(|m| *m == MenuItem::WalkAway).unwrap();
    let shown = text(&draw(&mut a, 120, 40));
    let flat = popup_text(&shown);
    assert!(flat.contains("brings Beijing back to the table"), "{shown}");
}

#[test]
fn the_debrief_reveals_the_beijing_faced() {
    let game = finished(Strategy::Patient, 3);
    let kind = truce::engine::beijing::archetype(&game.scenario, &game.state.beijing)
        .expect("a kind")
        .clone();
    let info = GameInfo::new(&game.scenario, game.seed, "t");
    for (w, h) in SIZES {
        let l = loaded(&game, &info);
        let mut a = app_for(&l).resuming(l);
        assert_eq!(a.ui.screen, Screen::End);
        let mut all = String::new();
        for _ in 0..30 {
            all.push_str(&text(&draw(&mut a, w, h)));
            a.handle_key(key(KeyCode::PageDown));
        }
        let flat = all.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            flat.contains(&format!("The Beijing you faced: {}", kind.name)),
            "{w}x{h}:\n{all}"
        );
        assert!(flat.contains("What would have worked"), "{w}x{h}:\n{all}");
        assert!(
            flat.contains("Its firmness on the last ask"),
            "{w}x{h}:\n{all}"
        );
    }
    // The transcript reveals it too, with the lesson.
    let l = loaded(&game, &info);
    let md = truce::report::transcript::render(&truce::report::facts::of_loaded(&l));
    assert!(md.contains("## The Beijing you faced"), "{md}");
    assert!(md.contains(&kind.name), "{md}");
    // An unfinished game's transcript does not.
    let mid = replayed_until(Strategy::Patient, 3, |g| g.state.turns == 4).expect("4 moves");
    let l = loaded(&mid, &info);
    let md = truce::report::transcript::render(&truce::report::facts::of_loaded(&l));
    assert!(!md.contains("The Beijing you faced"), "{md}");
    assert!(!md.contains(&kind.name), "{md}");
}

#[test]
fn the_review_reveals_the_beijing_at_the_last_week() {
    let game = finished(Strategy::Patient, 3);
    let kind = truce::engine::beijing::archetype(&game.scenario, &game.state.beijing)
        .expect("a kind")
        .name
        .clone();
    let info = GameInfo::new(&game.scenario, game.seed, "t");
    let l = loaded(&game, &info);
    let mut a = app_for(&l).reviewing(&l);
    let first = text(&draw(&mut a, 120, 40));
    assert!(!first.contains(&kind), "{first}");
    a.handle_key(key(KeyCode::End));
    let mut all = String::new();
    for _ in 0..40 {
        all.push_str(&text(&draw(&mut a, 120, 40)));
        for _ in 0..5 {
            a.handle_key(key(KeyCode::Down));
        }
    }
    assert!(all.contains("The Beijing you faced:"), "{all}");
    assert!(all.contains("What would have worked"), "{all}");
    let first_word = kind.split_whitespace().next().unwrap();
    assert!(all.contains(&format!("faced: {first_word}")), "{all}");
}

#[test]
fn the_instructor_view_is_off_in_class_mode() {
    for (w, h) in SIZES {
        let mut a = common::app().with_classroom(Classroom {
            class: true,
            instructor: true,
            player: Some("Sam".into()),
            ..Classroom::default()
        });
        assert!(!a.classroom.instructor);
        for k in keys(">>]vv]i") {
            a.handle_key(k);
        }
        let shown = text(&draw(&mut a, w, h));
        assert!(!shown.contains("INSTRUCTOR"), "{w}x{h}:\n{shown}");
        assert!(!a.info.as_ref().unwrap().instructor);
    }
}

#[test]
fn a_dry_run_is_recorded_in_the_save_and_noted_by_the_class_report() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut a = common::app().with_classroom(Classroom {
        instructor: true,
        player: Some("Teacher".into()),
        ..Classroom::default()
    });
    for k in keys(">>]vv]>") {
        a.handle_key(k);
    }
    let info = a.info.clone().expect("a game");
    assert!(info.instructor);
    let game = a.game.clone().unwrap();
    let path = dir.path().join("dry-run.ron");
    persist::save_game(&path, &game, &info, "2025-10-01T00:00:00Z").expect("saved");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("instructor: true"), "{text}");
    let l = persist::load_game(&path).expect("loads");
    assert!(l.info.instructor);
    // A student's save says nothing of it (older saves read the same).
    let student = GameInfo {
        instructor: false,
        ..info.clone()
    };
    let other = dir.path().join("student.ron");
    persist::save_game(&other, &game, &student, "2025-10-01T00:00:00Z").expect("saved");
    assert!(
        !std::fs::read_to_string(&other)
            .unwrap()
            .contains("instructor")
    );
    // The class report notes the dry run, in Markdown and CSV.
    let report = truce::report::class::read(&[dir.path().to_path_buf()]);
    let md = truce::report::class::markdown(&report);
    assert_eq!(md.matches("instructor view used").count(), 1, "{md}");
    assert!(md.contains("*Instructor view used*"), "{md}");
    let csv = truce::report::class::to_csv(&report);
    assert!(
        csv.lines().next().unwrap().contains("instructor_view"),
        "{csv}"
    );
    assert_eq!(csv.matches(",used").count(), 1, "{csv}");
}
