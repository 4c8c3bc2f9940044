//! Every built-in scenario: it validates, exports and re-validates, plays to an end under every
//! scripted strategy, and meets the balance targets stated in docs/scenarios.md. A debug build
//! plays a few hundred games per strategy, so the margins are stated in each assertion.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::collections::BTreeMap;
use std::sync::OnceLock;

use truce::engine::Outcome;
use truce::scenario::{self, BUILTIN, Scenario};
use truce::sim::{Strategy, play};

/// Games per strategy and scenario for the balance targets.
const GAMES: u64 = 240;

fn load(name: &str) -> Scenario {
    match scenario::builtin(name) {
        Some(Ok(s)) => s,
        other => panic!("built-in {name} must load: {other:?}"),
    }
}

/// What a strategy achieved over `GAMES` seeded games of one scenario.
#[derive(Debug, Default, Clone)]
struct Stats {
    games: f64,
    /// Share of games ending in a signed deal (framework or comprehensive).
    deals: f64,
    /// Share of games in which China's ladder reached its top rung.
    top_rung: f64,
    /// Mean highest rung.
    max_rung: f64,
    headline: f64,
    durability: f64,
    balance: f64,
    us_value: f64,
    damage: f64,
    overall: f64,
    outcomes: BTreeMap<String, usize>,
}

fn measure(s: &Scenario, strategy: Strategy) -> Stats {
    let top = s.ai.ladder.len();
    let mut st = Stats::default();
    for seed in 1..=GAMES {
        let g = play(s, strategy, seed);
        let outcome = g.state.outcome.expect("every game ends");
        *st.outcomes.entry(outcome.key().to_string()).or_default() += 1;
        if matches!(outcome, Outcome::FrameworkDeal | Outcome::ComprehensiveDeal) {
            st.deals += 1.0;
        }
        if usize::from(g.state.max_rung) >= top {
            st.top_rung += 1.0;
        }
        st.max_rung += f64::from(g.state.max_rung);
        st.headline += g.scores.headline.value;
        st.durability += g.scores.durability.value;
        st.balance += g.scores.balance.value;
        st.us_value += g.scores.us_value.value;
        st.damage += g.scores.damage.value;
        st.overall += g.scores.overall.value;
        st.games += 1.0;
    }
    let n = st.games;
    for x in [
        &mut st.deals,
        &mut st.top_rung,
        &mut st.max_rung,
        &mut st.headline,
        &mut st.durability,
        &mut st.balance,
        &mut st.us_value,
        &mut st.damage,
        &mut st.overall,
    ] {
        *x /= n;
    }
    st
}

/// Every strategy's stats for one scenario, computed once per test binary.
fn stats(name: &'static str) -> &'static BTreeMap<&'static str, Stats> {
    static CACHE: OnceLock<BTreeMap<&'static str, BTreeMap<&'static str, Stats>>> = OnceLock::new();
    let all = CACHE.get_or_init(|| {
        ["phase-one-2019", "rare-earth-shock"]
            .into_iter()
            .map(|n| {
                let s = load(n);
                let per: BTreeMap<&str, Stats> = Strategy::ALL
                    .into_iter()
                    .map(|k| (k.name(), measure(&s, k)))
                    .collect();
                for (k, v) in &per {
                    eprintln!(
                        "{n} {k:<13} deals {:.2} top-rung {:.2} max-rung {:.2} headline {:.1} durability {:.1} balance {:.1} value {:.1} overall {:.1} {:?}",
                        v.deals, v.top_rung, v.max_rung, v.headline, v.durability, v.balance, v.us_value, v.overall, v.outcomes
                    );
                }
                (n, per)
            })
            .collect()
    });
    &all[name]
}

fn get(name: &'static str, strategy: &str) -> &'static Stats {
    &stats(name)[strategy]
}

#[test]
fn three_builtins_are_registered() {
    let names = scenario::builtin_names();
    assert_eq!(
        names,
        vec!["autumn-2025", "phase-one-2019", "rare-earth-shock"]
    );
    for n in names {
        assert_eq!(
            load(n).name,
            n,
            "the file's name field matches its registration"
        );
    }
}

#[test]
fn every_builtin_validates_exports_and_revalidates() {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, text) in BUILTIN {
        let s = load(name);
        assert!(scenario::validate(&s).is_empty(), "{name} validates");
        // The export is the built-in file itself, comments and all.
        let file = dir.path().join(format!("{name}.ron"));
        let (code, _, err) = common::run_truce(&[
            "scenarios",
            "--export",
            name,
            "-o",
            file.to_str().expect("utf-8 path"),
        ]);
        assert_eq!(code, 0, "{err}");
        let exported = std::fs::read_to_string(&file).expect("exported file");
        assert_eq!(&exported, text, "{name} exports verbatim");
        let again = scenario::from_path(&file).expect("the export re-validates");
        assert_eq!(again, s, "{name} round-trips");
        let (code, out, err) = common::run_truce(&["validate", file.to_str().expect("utf-8")]);
        assert_eq!(code, 0, "{err}");
        assert!(out.contains(": ok"), "{out}");
    }
}

#[test]
fn every_builtin_plays_to_an_end_under_every_strategy() {
    for (name, _) in BUILTIN {
        let s = load(name);
        for strategy in Strategy::ALL {
            for seed in 1..=8 {
                let g = play(&s, strategy, seed);
                assert!(
                    g.state.outcome.is_some(),
                    "{name} under {} seed {seed} did not end",
                    strategy.name()
                );
                assert!(g.scores.overall.value.is_finite());
            }
        }
    }
}

// phase-one-2019: purchases were the centrepiece and the lesson is that they did not last.

/// A purchases-heavy dealmaker wins the headline: it asks for the most $bn and China, more
/// dependent on the US market in 2019, signs in most games (not all: the Beijing drawn may hold
/// out or leave the summit; measured 91% over 240 seeds). Purchases count against their 2017
/// baseline, so even its headline is small: most of what is bought would have been bought
/// anyway, and the record's text delivers nothing beyond the baseline (headline 0). Since rules 6
/// each one-sided term arrives less (the lopsided penalty reads each term's lean), and what
/// arrives of a purchase asked beyond what China delivers is no more than a lesser commitment's:
/// measured 11 over 240 seeds (25 under rules 5), the next strategy 6.
#[test]
fn phase_one_dealmaker_tops_the_headline() {
    let d = get("phase-one-2019", "dealmaker");
    assert!(d.deals >= 0.8, "dealmaker signs: {d:?}");
    assert!(d.headline >= 8.0, "dealmaker's headline: {d:?}");
    assert!(
        get("phase-one-2019", "historical").headline <= 5.0,
        "none of the record's extra purchases arrives"
    );
    for other in ["structural", "historical", "patient", "first-counter"] {
        let o = get("phase-one-2019", other);
        assert!(
            d.headline > o.headline + 4.0,
            "dealmaker {:.1} vs {other} {:.1}",
            d.headline,
            o.headline
        );
    }
}

/// ...but its deal does not last: commercial commitments deliver about 58%, a declaration
/// cannot enforce them, and one-sided terms hold worse. Structural play keeps far more (in
/// amount: Durability) and a far larger share of what China committed (Balance, a deal both
/// sides keep).
#[test]
fn phase_one_dealmaker_scores_poorly_on_durability() {
    let d = get("phase-one-2019", "dealmaker");
    let s = get("phase-one-2019", "structural");
    assert!(d.durability <= 45.0, "dealmaker's durability: {d:?}");
    assert!(
        s.durability >= d.durability + 25.0,
        "structural {:.1} vs dealmaker {:.1}",
        s.durability,
        d.durability
    );
    assert!(
        s.balance >= d.balance + 20.0,
        "kept: structural {:.1} vs dealmaker {:.1}",
        s.balance,
        d.balance
    );
}

/// China needs the US market in 2019: patient structural play signs a deal in most games, and
/// the hawk's escalation climbs China's farm ladder. China's counters never give more than the
/// US asked, so they meet the hawk's firm line on export controls, and the hawk takes some of
/// them: never more than a framework deal, and only after climbing the ladder. The historical
/// record signs in at least 70% of games (issue 14's target for every built-in). `structural`
/// asks for phase one's own chapters (IP, financial services, currency, unilateral remedies)
/// and concedes only on its schedule: it signs in about three games of four (76% of 2,000).
#[test]
fn phase_one_structural_play_signs_and_the_hawk_escalates() {
    for (k, least) in [("structural", 0.65), ("patient", 0.8), ("historical", 0.7)] {
        let s = get("phase-one-2019", k);
        assert!(s.deals >= least, "{k} signs: {s:?}");
    }
    let h = get("phase-one-2019", "hawk");
    assert!(h.max_rung >= 2.5, "hawk climbs the ladder: {h:?}");
    assert!(
        !h.outcomes.contains_key("comprehensive_deal"),
        "the hawk signs no comprehensive deal: {h:?}"
    );
    assert!(
        h.overall < get("phase-one-2019", "structural").overall,
        "escalation does not pay better than structural play: {h:?}"
    );
}

// rare-earth-shock: escalate-to-trade on a three-week clock.

/// The Busan-style swap of suspensions (the historical script: threat, port fees, then the
/// historical package) signs in most games: the pressures on both sides make it worth it.
#[test]
fn rare_earth_shock_historical_swap_signs_in_most_games() {
    let h = get("rare-earth-shock", "historical");
    assert!(h.deals >= 0.6, "historical signs: {h:?}");
    assert!(
        h.overall > get("rare-earth-shock", "stall").overall + 5.0,
        "the swap beats stalling"
    );
}

/// The hawk tops the ladder: with rungs already standing, its threats and walk-out push China
/// up the ladder, to the top in about half the games (measured 49%; in the others its walk-out
/// is credible and Beijing does not mirror it), and it does worst on damage avoided.
#[test]
fn rare_earth_shock_hawk_tops_the_ladder() {
    let h = get("rare-earth-shock", "hawk");
    assert!(h.top_rung >= 0.4, "hawk reaches the top rung: {h:?}");
    for k in Strategy::ALL {
        let o = get("rare-earth-shock", k.name());
        assert!(
            h.max_rung >= o.max_rung,
            "hawk's ladder {:.2} vs {} {:.2}",
            h.max_rung,
            k.name(),
            o.max_rung
        );
        assert!(
            h.damage <= o.damage,
            "hawk's damage avoided {:.1} vs {} {:.1}",
            h.damage,
            k.name(),
            o.damage
        );
    }
    assert!(h.deals <= 0.05, "hawk: {h:?}");
}

/// The short clock punishes waiting: stalling, which waits for China's demand to fall, signs
/// nothing before Busan. (Patient play concedes on the summit's clock, so on a three-week clock
/// it concedes at once and signs, except against a Beijing that holds a red line of its own
/// across patient's fixed ask: tests/own_red_lines.rs.)
#[test]
fn rare_earth_shock_waiting_signs_nothing() {
    let s = get("rare-earth-shock", "stall");
    assert!(s.deals <= 0.1, "stall: {s:?}");
    let p = get("rare-earth-shock", "patient");
    assert!(
        p.deals >= 0.75,
        "patient concedes by the summit's clock: {p:?}"
    );
}

#[test]
fn scenarios_lists_all_three_with_title_and_tagline() {
    let (code, out, err) = common::run_truce(&["scenarios"]);
    assert_eq!(code, 0, "{err}");
    for (name, _) in BUILTIN {
        let s = load(name);
        let line = out
            .lines()
            .find(|l| l.starts_with(name))
            .unwrap_or_else(|| panic!("{name} listed: {out}"));
        assert!(
            line.contains(&s.title) && line.contains(&s.tagline),
            "{line}"
        );
    }
    let (code, _, err) = common::run_truce(&["scenarios", "--export", "nope"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("autumn-2025, phase-one-2019, rare-earth-shock"),
        "{err}"
    );
    let (code, out, _) = common::run_truce(&["scenarios", "--export", "rare-earth-shock"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("name: \"rare-earth-shock\""),
        "stdout by default"
    );
}

/// A scenario's own lessons reach the transcript: phase one's dealmaker game teaches the 58%.
#[test]
fn the_transcript_uses_the_scenarios_lessons() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path().to_str().expect("utf-8");
    let args = [
        "simulate",
        "--scenario",
        "phase-one-2019",
        "--strategy",
        "dealmaker",
        "--games",
        "1",
        "--save-to",
        d,
    ];
    let (code, _, err) = common::run_truce(&args);
    assert_eq!(code, 0, "{err}");
    let save = dir.path().join("dealmaker-seed-1.ron");
    let (code, out, err) = common::run_truce(&["transcript", save.to_str().expect("utf-8")]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("Purchases are a headline, not a lasting change"),
        "{out}"
    );
    assert!(out.contains("Phase One, 2019"), "{out}");
}

/// The title screen's picker shows the three built-ins at 80×24, and each scenario's briefing
/// and first week draw at 80×24 and 120×40.
#[test]
fn the_picker_and_each_scenarios_screens_draw() {
    use std::sync::Arc;
    use truce::ui::{App, Theme};
    let all: Vec<Arc<Scenario>> = BUILTIN.iter().map(|(n, _)| Arc::new(load(n))).collect();
    let mut app = App::new(all.clone(), 0, 7, Theme::plain());
    let term = common::draw(&mut app, 80, 24);
    let screen = common::text(&term);
    if std::env::var_os("SHOW_SCREENS").is_some() {
        eprintln!("{}", common::text(&term));
    }
    for s in &all {
        assert!(screen.contains(&s.title[..20]), "{} on the picker", s.name);
    }
    for k in 0..all.len() {
        for (w, h) in [(80, 24), (120, 40)] {
            let mut app = App::new(all.clone(), k, 7, Theme::plain());
            for key in common::keys(">>") {
                app.handle_key(key);
                common::draw(&mut app, w, h);
            }
            if std::env::var_os("SHOW_SCREENS").is_some() {
                eprintln!("{}", common::text(&common::draw(&mut app, w, h)));
            }
        }
    }
}

#[test]
fn each_scenario_names_its_own_ladder() {
    use truce::core::said::Said;
    let farm = truce::scenario::resolve("phase-one-2019").unwrap();
    assert_eq!(farm.world.ladder_name(), "farm retaliation");
    let said = truce::report::said_text(&farm, &Said::Restricted(1));
    assert!(said.contains("farm retaliation"), "{said}");
    let minerals = truce::scenario::resolve("autumn-2025").unwrap();
    let said = truce::report::said_text(&minerals, &Said::Restricted(1));
    assert!(said.contains("mineral restrictions"), "{said}");
}

// Each scenario's own record (`historical`), move by move.

/// The day of each accepted action of one game, as the calendar's date.
fn dated(sc: &Scenario, strategy: Strategy, seed: u64) -> Vec<(String, truce::engine::Action)> {
    let result = play(sc, strategy, seed);
    let mut state = truce::engine::new_state(sc, seed);
    let mut out = Vec::new();
    for a in result.actions {
        out.push((sc.date_of_day(state.day).to_string(), a.clone()));
        truce::engine::step(sc, &mut state, a).unwrap();
    }
    out
}

/// Phase one follows 2019: the goodwill delay of the October increase in the week of 11
/// September, nothing proposed before the week of the oral deal of 11 October, the 15 December
/// tariffs threatened only from the week of 2 December, and a signature that keeps Huawei
/// listed and cuts the tariffs at most to the text's terms. (A move dated D covers the week
/// from D: a script names a date with `on_or_after`, which is reached in the week holding it.)
#[test]
fn phase_one_historical_follows_the_2019_record() {
    use truce::engine::Action;
    let sc = load("phase-one-2019");
    let huawei = sc.issue_index("export_controls").unwrap();
    let tariffs = sc.issue_index("tariffs").unwrap();
    for seed in 1..=12 {
        let moves = dated(&sc, Strategy::Historical, seed);
        let goodwill = moves.iter().find(|(_, a)| matches!(a, Action::Goodwill));
        assert!(
            goodwill.is_some_and(|(d, _)| d.as_str() > "2019-09-04" && d.as_str() <= "2019-09-11"),
            "seed {seed}: {goodwill:?}"
        );
        for (d, a) in &moves {
            if matches!(a, Action::Propose(_)) {
                assert!(d.as_str() > "2019-10-04", "seed {seed}: proposal on {d}");
            }
            if matches!(a, Action::Threaten) {
                assert!(d.as_str() > "2019-11-25", "seed {seed}: threat on {d}");
            }
        }
        let signed = play(&sc, Strategy::Historical, seed).state.signed;
        if let Some(p) = signed {
            assert_eq!(p.0[huawei], 1, "seed {seed}: Huawei stays listed");
            assert!(p.0[tariffs] <= 3, "seed {seed}: no rollback to 2018");
        }
    }
}

/// Phase one's deal can be signed: the record's text (tariffs: the 15 December list off and
/// list 4A halved; purchases against the 2017 baseline; the IP, access and currency chapters;
/// unilateral remedies) is what `historical` signs in most games, as a comprehensive deal
/// (measured: the exact text in 217 of 240 games and 21 of seeds 1-24; the rest end at a
/// last ask refused), and it delivers no purchases beyond the baseline.
#[test]
fn phase_one_historical_signs_the_record_text() {
    let sc = load("phase-one-2019");
    let mut record = sc.status_quo();
    for (id, level) in &sc.historical.package {
        record.0[sc.issue_index(id).unwrap()] = *level;
    }
    let h = get("phase-one-2019", "historical");
    assert!(h.deals >= 0.8, "{h:?}");
    assert!(
        !h.outcomes.contains_key("framework_deal"),
        "every deal it signs is comprehensive: {h:?}"
    );
    let mut exact = 0;
    for seed in 1..=24 {
        if play(&sc, Strategy::Historical, seed).state.signed.as_ref() == Some(&record) {
            exact += 1;
        }
    }
    assert!(exact >= 18, "the record text signed in {exact} of 24 games");
}

/// Rare-earth shock follows October 2025: the 100% threat answers the 9 October controls at
/// once, the port fees follow on 14 October, and what is proposed is the Busan swap.
#[test]
fn rare_earth_shock_historical_follows_the_october_2025_record() {
    use truce::engine::Action;
    let sc = load("rare-earth-shock");
    let fees = sc.world.card_index("port_fees").unwrap();
    for seed in 1..=12 {
        let moves = dated(&sc, Strategy::Historical, seed);
        assert!(
            matches!(moves[0].1, Action::Threaten),
            "seed {seed}: {moves:?}"
        );
        let played = moves
            .iter()
            .find(|(_, a)| matches!(a, Action::Play { card } if *card == fees));
        assert!(
            played.is_some_and(|(d, _)| d.as_str() > "2025-10-07"),
            "seed {seed}: {played:?}"
        );
        for (_, a) in &moves {
            if let Action::Propose(p) = a {
                for (id, level) in &sc.historical.package {
                    let i = sc.issue_index(id).unwrap();
                    assert_eq!(p.0[i], *level, "seed {seed}: {id}");
                }
            }
        }
    }
}

/// Purchases are counted against their baseline at every level: every purchase or investment
/// level of a built-in names what would have been bought anyway, so the year after counts only
/// what arrives beyond it (phase one's 58% of the whole was less than its 2017 baseline).
#[test]
fn every_purchase_level_names_its_baseline() {
    for name in scenario::builtin_names() {
        let s = load(name);
        for issue in &s.issues {
            for l in &issue.levels {
                if l.headline_bn > 0.0 {
                    assert!(
                        l.baseline_bn > 0.0,
                        "{name}: {} \"{}\" has no baseline",
                        issue.id,
                        l.label
                    );
                }
            }
        }
    }
}

/// `truce scenarios` prints "title: tagline": a tagline that repeats the title's subtitle
/// ("Three Weeks to Busan: Three weeks to Busan") says nothing new.
#[test]
fn no_tagline_repeats_its_title() {
    for name in scenario::builtin_names() {
        let s = load(name);
        let subtitle = s
            .title
            .rsplit(':')
            .next()
            .unwrap_or("")
            .trim()
            .to_lowercase();
        assert!(
            !s.tagline.to_lowercase().starts_with(&subtitle),
            "{name}: \"{}: {}\"",
            s.title,
            s.tagline
        );
    }
}
