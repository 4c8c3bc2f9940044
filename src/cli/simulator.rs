//! The simulator commands: `simulate` (many headless games, on every core) and `solve` (the
//! best US line of one seed).

use std::io::{self, Write};
use std::ops::ControlFlow;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use crate::persist::{self, GameInfo};
use crate::scenario;
use crate::sim::{self, Strategy};

pub(super) fn simulate(
    scenario: &str,
    strategy: &str,
    games: usize,
    seed: u64,
    json: bool,
    save_to: Option<&Path>,
    keep_going: bool,
) -> io::Result<ExitCode> {
    let scenario = match scenario::resolve(scenario) {
        Ok(s) => s,
        Err(e) => {
            warn!("{e}");
            return Ok(ExitCode::FAILURE);
        }
    };
    let strategies: Vec<Strategy> = if strategy == "all" {
        Strategy::ALL.to_vec()
    } else if let Some(s) = Strategy::from_name(strategy) {
        vec![s]
    } else {
        let names: Vec<&str> = Strategy::ALL.iter().map(|s| s.name()).collect();
        warn!(
            "truce: unknown strategy \"{strategy}\" (strategies: {}, all)",
            names.join(", ")
        );
        return Ok(ExitCode::FAILURE);
    };
    let started = Instant::now();
    let saved_at = persist::utc_now();
    let mut failed = Failures::default();
    let played = sim::simulate_until(
        &scenario,
        &strategies,
        games,
        seed,
        |strategy, seed, result| {
            let Some(dir) = save_to else {
                return ControlFlow::Continue(());
            };
            let mut info = GameInfo::new(&scenario, seed, &format!("simulate-{}", strategy.name()));
            info.name = format!("{} · seed {seed}", strategy.name());
            let save = persist::save_of_parts(
                &scenario,
                seed,
                result.actions.clone(),
                result.state.clone(),
                &info,
                &saved_at,
            );
            let path = dir.join(format!("{}-seed-{seed}.ron", strategy.name()));
            match persist::write_save(&path, &save) {
                Ok(()) => ControlFlow::Continue(()),
                Err(e) => {
                    failed.add(e.to_string());
                    if keep_going {
                        ControlFlow::Continue(())
                    } else {
                        ControlFlow::Break(())
                    }
                }
            }
        },
    );
    let ControlFlow::Continue(summary) = played else {
        failed.warn();
        warn!("truce: stopped at the first save that failed (--keep-going goes on past it)");
        return Ok(ExitCode::FAILURE);
    };
    if failed.count > 0 {
        failed.warn();
        return Ok(ExitCode::FAILURE);
    }
    let elapsed = started.elapsed().as_secs_f64().max(1e-9);
    let per_second = crate::core::num::count(games * strategies.len()) / elapsed;
    let mut out = io::stdout().lock();
    if json {
        let mut value = match serde_json::to_value(&summary) {
            Ok(v) => v,
            Err(e) => {
                warn!("truce: {e}");
                return Ok(ExitCode::FAILURE);
            }
        };
        value["games_per_second"] = serde_json::json!(per_second.round());
        writeln!(out, "{}", json_safe(&value.to_string()))?;
    } else {
        // A custom scenario's name is the file's: each line escaped for the terminal.
        let mut table = Vec::new();
        write_table(&mut table, &summary, per_second)?;
        out.write_all(super::clean(&String::from_utf8_lossy(&table)).as_bytes())?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// The saves that failed: how many, and the first few messages (a run whose every save fails
/// keeps a count, not every error).
#[derive(Debug, Default)]
struct Failures {
    count: usize,
    first: Vec<String>,
}

impl Failures {
    /// Messages kept; the rest are counted.
    const KEPT: usize = 3;

    fn add(&mut self, message: String) {
        self.count += 1;
        if self.first.len() < Self::KEPT {
            self.first.push(message);
        }
    }

    fn warn(&self) {
        for message in &self.first {
            warn!("{message}");
        }
        if self.count > self.first.len() {
            warn!("truce: {} more saves failed", self.count - self.first.len());
        }
    }
}

/// `truce solve`: searches, then replays the best line from the seed to print it, so what is
/// printed is what the game gives.
pub(super) fn solve(
    scenario: &str,
    seed: u64,
    playouts: usize,
    max_nodes: usize,
    json: bool,
    fair: bool,
) -> io::Result<ExitCode> {
    let scenario = match scenario::resolve(scenario) {
        Ok(s) => Arc::new(s),
        Err(e) => {
            warn!("{e}");
            return Ok(ExitCode::FAILURE);
        }
    };
    let found = if fair {
        sim::solve_fair(&scenario, seed, playouts)
    } else {
        sim::solve_within(&scenario, seed, playouts, max_nodes)
    };
    let report = match sim::replay_line(Arc::clone(&scenario), seed, found.playouts, &found.line) {
        Ok(r) => sim::LineReport {
            tree_full: found.tree_full,
            search: if fair { "fair" } else { "oracle" }.to_string(),
            ..r
        },
        Err((i, e)) => {
            warn!("truce: the line found does not replay: move {}: {e}", i + 1);
            return Ok(ExitCode::FAILURE);
        }
    };
    let mut out = io::stdout().lock();
    if json {
        match serde_json::to_string(&report) {
            Ok(text) => writeln!(out, "{}", json_safe(&text))?,
            Err(e) => {
                warn!("truce: {e}");
                return Ok(ExitCode::FAILURE);
            }
        }
    } else {
        // The line names a custom scenario's issues and levels: escaped for the terminal.
        let mut text = Vec::new();
        sim::write_text(&mut text, &report)?;
        out.write_all(super::clean(&String::from_utf8_lossy(&text)).as_bytes())?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// JSON with every character a terminal would obey written as a `\uXXXX` escape: serde_json
/// escapes controls already, not the bidirectional and invisible ones a scenario's texts may
/// hold. The same JSON value either way.
fn json_safe(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if crate::persist::names::needs_escape(c) {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn write_table(out: &mut impl Write, s: &sim::Summary, per_second: f64) -> std::io::Result<()> {
    writeln!(
        out,
        "Scenario {} · {} games per strategy · seeds {}..{}",
        s.scenario,
        s.games,
        s.seed,
        // The last seed played, not one past it.
        s.seed + u64::try_from(s.games.max(1) - 1).unwrap_or(0)
    )?;
    writeln!(out)?;
    writeln!(
        out,
        "{:<13} {:>6} {:>6} {:>6} {:>6} {:>6}  {:>6} {:>5}  {:>5} {:>5} {:>5} {:>5} {:>5} {:>5} {:>5} {:>4} {:>5} {:>5}",
        "strategy",
        "compr",
        "frame",
        "exten",
        "walk",
        "escal",
        "restr",
        "turns",
        "value",
        "durab",
        "bal",
        "headl",
        "secur",
        "damag",
        "overl",
        "sd",
        "p10",
        "modal"
    )?;
    for st in &s.strategies {
        let count = |k: &str| st.outcomes.get(k).copied().unwrap_or(0);
        let m = &st.mean_scores;
        writeln!(
            out,
            "{:<13} {:>6} {:>6} {:>6} {:>6} {:>6}  {:>5.0}% {:>5.1}  {:>5.1} {:>5.1} {:>5.1} {:>5.1} {:>5.1} {:>5.1} {:>5.1} {:>4.1} {:>5.1} {:>4.0}%",
            st.name,
            count("comprehensive_deal"),
            count("framework_deal"),
            count("truce_extended"),
            count("us_walked_away"),
            count("escalation"),
            100.0 * st.restriction_rate,
            st.mean_turns,
            m.us_value,
            m.durability,
            m.balance,
            m.headline,
            m.security,
            m.damage,
            m.overall,
            st.overall_sd,
            st.overall_p10,
            100.0 * st.modal_share
        )?;
    }
    writeln!(out)?;
    writeln!(out, "{per_second:.0} games per second")
}

#[cfg(test)]
mod tests {
    use super::json_safe;

    #[test]
    fn json_keeps_its_value_and_loses_the_bidi_controls() {
        let json = serde_json::json!({ "scenario": "evil\u{202e}txt\u{1b}" }).to_string();
        let safe = json_safe(&json);
        assert!(
            !safe.contains('\u{202e}') && !safe.contains('\u{1b}'),
            "{safe}"
        );
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back["scenario"], "evil\u{202e}txt\u{1b}");
    }
}
