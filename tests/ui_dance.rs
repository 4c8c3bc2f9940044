//! The negotiation dance in the debrief and in review, the big-terminal table, and the
//! instructor's panel: drawn into a TestBackend at 80×24, 120×40 and 200×60.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::Path;

use truce::persist;
use truce::ui::app::Screen;
use truce::ui::input::KeyCode;
use truce::ui::{App, Classroom, Theme};

use common::{draw, key, keys, text};

const SIZES: [(u16, u16); 3] = [(80, 24), (120, 40), (200, 60)];

/// The smallest big layout, checked too.
const BIG: (u16, u16) = (160, 48);

fn loaded(path: &str) -> persist::LoadedGame {
    persist::load_game(Path::new(path)).expect("the example save loads")
}

fn fresh(l: &persist::LoadedGame) -> App {
    App::new(
        vec![l.game.scenario.clone()],
        0,
        l.game.seed,
        Theme::plain(),
    )
}

#[test]
fn the_debrief_shows_the_dance_on_d_and_hides_it_again() {
    for (w, h) in SIZES {
        let l = loaded("saves/finished-deal.ron");
        let mut a = fresh(&l).resuming(l);
        assert_eq!(a.ui.screen, Screen::End);
        let before = text(&draw(&mut a, w, h));
        assert!(!before.contains("negotiation dance"), "{w}x{h}:\n{before}");
        a.handle_key(key(KeyCode::Char('d')));
        let shown = text(&draw(&mut a, w, h));
        assert!(shown.contains("The negotiation dance"), "{w}x{h}:\n{shown}");
        assert!(shown.contains("US offers"), "{w}x{h}:\n{shown}");
        assert!(shown.contains("China walk-away"), "{w}x{h}:\n{shown}");
        assert!(shown.contains("Trust"), "{w}x{h}:\n{shown}");
        // The braille of the frontier and the offers' dots are drawn.
        assert!(
            shown
                .chars()
                .any(|c| ('\u{2801}'..='\u{28ff}').contains(&c)),
            "{shown}"
        );
        assert!(shown.contains('•'), "{w}x{h}:\n{shown}");
        insta::assert_snapshot!(format!("dance_debrief_{w}x{h}"), shown);
        a.handle_key(key(KeyCode::Char('d')));
        assert_eq!(text(&draw(&mut a, w, h)), before);
    }
}

#[test]
fn review_shows_the_dance_up_to_the_week_shown() {
    for (w, h) in SIZES {
        let l = loaded("saves/finished-deal.ron");
        let mut a = fresh(&l).reviewing(&l);
        for k in keys("]]]d") {
            a.handle_key(k);
        }
        let shown = text(&draw(&mut a, w, h));
        assert!(shown.contains("The dance to week 3"), "{w}x{h}:\n{shown}");
        insta::assert_snapshot!(format!("dance_review_week3_{w}x{h}"), shown);
    }
    // Stepping on shows more offers.
    let l = loaded("saves/finished-deal.ron");
    let mut a = fresh(&l).reviewing(&l);
    let offers = |a: &App| {
        a.review
            .as_ref()
            .and_then(|r| r.dance())
            .map_or(0, |d| d.offers.len())
    };
    assert_eq!(offers(&a), 0);
    a.handle_key(key(KeyCode::End));
    let all = offers(&a);
    assert!(all >= 2, "a finished deal made offers: {all}");
    assert_eq!(all, {
        let g = &l.game;
        g.history
            .iter()
            .filter(|t| matches!(t.action, truce::engine::Action::Propose(_)))
            .count()
            + g.history
                .iter()
                .filter(|t| {
                    matches!(
                        t.answer.as_ref().map(|a| &a.reply),
                        Some(truce::ai::Reply::Counter(_))
                    )
                })
                .count()
    });
}

#[test]
fn the_table_uses_a_big_terminal_for_the_dance_and_the_why() {
    for (w, h) in SIZES.into_iter().chain([BIG]) {
        let l = loaded("saves/midgame-restrictions.ron");
        let mut a = fresh(&l).resuming(l);
        assert_eq!(a.ui.screen, Screen::Negotiation);
        let shown = text(&draw(&mut a, w, h));
        let big = w >= 160 && h >= 48;
        assert_eq!(shown.contains("The dance so far"), big, "{w}x{h}:\n{shown}");
        assert_eq!(
            shown.contains("Why Beijing answered"),
            big,
            "{w}x{h}:\n{shown}"
        );
        insta::assert_snapshot!(format!("table_midgame_{w}x{h}"), shown);
    }
}

fn with_instructor(l: &persist::LoadedGame, on: bool) -> App {
    fresh(l).with_classroom(Classroom {
        instructor: on,
        player: Some("Teacher".into()),
        ..Classroom::default()
    })
}

#[test]
fn the_instructor_panel_appears_only_with_the_flag() {
    for (w, h) in SIZES {
        let l = loaded("saves/midgame-restrictions.ron");
        let mut student = with_instructor(&l, false).resuming(l.clone());
        let shown = text(&draw(&mut student, w, h));
        assert!(!shown.contains("INSTRUCTOR"), "{w}x{h}:\n{shown}");
        assert!(!shown.contains("i instructor"), "{w}x{h}:\n{shown}");
        // The key does nothing for a student.
        student.handle_key(key(KeyCode::Char('i')));
        assert!(!text(&draw(&mut student, w, h)).contains("INSTRUCTOR"));

        let mut teacher = with_instructor(&l, true).resuming(l);
        let shown = text(&draw(&mut teacher, w, h));
        assert!(shown.contains("INSTRUCTOR"), "{w}x{h}:\n{shown}");
        assert!(shown.contains("If proposed now"), "{w}x{h}:\n{shown}");
        assert!(shown.contains("Demand this week"), "{w}x{h}:\n{shown}");
        insta::assert_snapshot!(format!("instructor_midgame_{w}x{h}"), shown);
        teacher.handle_key(key(KeyCode::Char('i')));
        assert!(!text(&draw(&mut teacher, w, h)).contains("INSTRUCTOR"));
        teacher.handle_key(key(KeyCode::Char('i')));
        assert!(text(&draw(&mut teacher, w, h)).contains("INSTRUCTOR"));
    }
    // The help lists the key to the instructor only.
    let help = |a: &mut App| {
        a.handle_key(key(KeyCode::Char('?')));
        let mut all = String::new();
        for _ in 0..40 {
            all.push_str(&text(&draw(a, 120, 40)));
            a.handle_key(key(KeyCode::PageDown));
        }
        all
    };
    let l = loaded("saves/midgame-restrictions.ron");
    let mut student = with_instructor(&l, false).resuming(l.clone());
    let mut teacher = with_instructor(&l, true).resuming(l);
    let for_student = help(&mut student);
    assert!(!for_student.contains("Instructor's view"));
    assert!(for_student.contains("negotiation dance"));
    assert!(help(&mut teacher).contains("Instructor's view"));
}

/// The panel's rule is what proposing the package actually gives: for each package a teacher
/// might build (the status quo, China's counter, each issue pushed to either end), the panel is
/// compared with a copy of the game that really proposes it.
#[test]
fn the_instructor_panel_shows_the_rule_proposing_actually_meets() {
    let mut rules = std::collections::BTreeSet::new();
    for path in ["saves/midgame-restrictions.ron", "saves/finished-deal.ron"] {
        let l = loaded(path);
        for k in 0..l.game.history.len() {
            let actions: Vec<_> = l.game.actions()[..k].to_vec();
            let game = truce::engine::Game::replay(l.game.scenario.clone(), l.game.seed, &actions)
                .expect("the save replays");
            if game.state.outcome.is_some() {
                continue;
            }
            let s = &game.scenario;
            let mut packages = vec![s.status_quo().0];
            packages.extend(game.state.counter.clone().map(|c| c.0));
            packages.extend(game.state.agreed.clone().map(|c| c.0));
            for (i, issue) in s.issues.iter().enumerate() {
                if !game.state.agenda[i] {
                    continue;
                }
                for level in [0, issue.levels.len() - 1] {
                    let mut p = s.status_quo().0;
                    p[i] = level;
                    packages.push(p);
                }
            }
            for p in packages {
                let mut app = with_instructor(&l, true).resuming(l.clone());
                app.game = Some(game.clone());
                app.ui.screen = Screen::Negotiation;
                app.ui.package = p.clone();
                let shown = text(&draw(&mut app, 120, 40));
                let mut real = game.clone();
                let turn = real
                    .apply(truce::engine::Action::Propose(truce::engine::Package(
                        p.clone(),
                    )))
                    .expect("a legal package");
                let actual = turn.answer.clone().expect("China answers a proposal");
                let dry =
                    truce::ui::widgets::instructor::dry_run(&app.ui.package, &game).expect("legal");
                assert_eq!(dry, actual, "package {p:?} at move {k} of {path}");
                let name = truce::ui::widgets::instructor::rule_name(actual.why.rule);
                assert!(shown.contains(name), "{name} for {p:?}:\n{shown}");
                rules.insert(format!("{:?}", actual.why.rule));
            }
        }
    }
    // The packages meet several rules, so a panel stuck on one would fail.
    assert!(rules.len() >= 3, "{rules:?}");
}
