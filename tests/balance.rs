//! The balance targets of the design, over 2,000 games per strategy of the default scenario.

mod common;

use std::sync::OnceLock;

use truce::engine::Outcome;
use truce::sim::{Strategy, StrategySummary, Summary, simulate};

fn summary() -> &'static Summary {
    static SUMMARY: OnceLock<Summary> = OnceLock::new();
    SUMMARY.get_or_init(|| simulate(&common::scenario(), &Strategy::ALL, 2000, 1, |_, _, _| {}))
}

fn get(name: &str) -> &'static StrategySummary {
    summary()
        .strategies
        .iter()
        .find(|s| s.name == name)
        .unwrap_or_else(|| panic!("no strategy {name}"))
}

fn best(metric: fn(&StrategySummary) -> f64) -> &'static str {
    summary()
        .strategies
        .iter()
        .max_by(|a, b| metric(a).total_cmp(&metric(b)))
        .map(|s| s.name.as_str())
        .unwrap_or_default()
}

#[test]
fn stall_and_random_rarely_reach_a_comprehensive_deal() {
    for name in ["stall", "random"] {
        let share = get(name).share(Outcome::ComprehensiveDeal);
        assert!(share < 0.10, "{name}: {share}");
    }
}

#[test]
fn hawk_draws_restrictions_in_most_games() {
    let rate = get("hawk").restriction_rate;
    assert!(rate > 0.60, "{rate}");
}

#[test]
fn dealmaker_tops_the_headline_score() {
    assert_eq!(best(|s| s.mean_scores.headline), "dealmaker");
}

#[test]
fn structural_leads_on_durability() {
    assert_eq!(best(|s| s.mean_scores.durability), "structural");
}

#[test]
fn structural_leads_overall_without_winning_every_game() {
    assert_eq!(best(|s| s.mean_scores.overall), "structural");
    let share = get("structural").share(Outcome::ComprehensiveDeal);
    assert!(share < 0.85, "{share}");
}

#[test]
fn no_strategy_has_every_best_mean_score() {
    let metrics: [fn(&StrategySummary) -> f64; 7] = [
        |s| s.mean_scores.us_value,
        |s| s.mean_scores.durability,
        |s| s.mean_scores.balance,
        |s| s.mean_scores.headline,
        |s| s.mean_scores.security,
        |s| s.mean_scores.damage,
        |s| s.mean_scores.overall,
    ];
    let winners: Vec<&str> = metrics.iter().map(|m| best(*m)).collect();
    assert!(winners.iter().any(|w| *w != winners[0]), "{winners:?}");
}

#[test]
fn appeaser_deals_but_scores_low_on_us_value() {
    let a = get("appeaser");
    let deals = a.share(Outcome::FrameworkDeal) + a.share(Outcome::ComprehensiveDeal);
    assert!(deals > 0.8, "{deals}");
    assert!(a.mean_scores.us_value < get("structural").mean_scores.us_value);
    assert!(a.mean_scores.durability < get("structural").mean_scores.durability);
}
