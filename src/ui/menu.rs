//! The action menu's items: what each does, whether it asks first, and whether it is possible
//! (the engine's dry run decides; the menu never re-derives a rule).

use crate::engine::{Action, ActionError, Game, query};
use crate::scenario::Side;

/// One entry of the action menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MenuItem {
    /// Accept China's standing counter-offer.
    AcceptCounter,
    /// Working-level talks: let the week pass.
    Hold,
    /// Threaten the scenario's threat.
    Threaten,
    /// Put a US card in force (index into the scenario's cards).
    Card(usize),
    /// A unilateral goodwill gesture.
    Goodwill,
    /// Grant China's last ask at the summit.
    GrantAsk,
    /// Ask for an extension of the truce.
    Extension,
    /// Sign the agreed package at the summit.
    Sign,
    /// Leave the table.
    WalkAway,
}

/// The menu for a game, in order: the fixed moves with the scenario's US cards after the threat.
pub fn items(game: &Game) -> Vec<MenuItem> {
    let mut out = vec![MenuItem::AcceptCounter, MenuItem::Hold, MenuItem::Threaten];
    out.extend(
        game.scenario
            .world
            .cards
            .iter()
            .enumerate()
            .filter(|(_, c)| c.side == Side::Us)
            .map(|(k, _)| MenuItem::Card(k)),
    );
    out.extend([
        MenuItem::Goodwill,
        MenuItem::GrantAsk,
        MenuItem::Extension,
        MenuItem::Sign,
        MenuItem::WalkAway,
    ]);
    out
}

impl MenuItem {
    /// The engine action.
    pub fn action(self) -> Action {
        match self {
            MenuItem::AcceptCounter => Action::AcceptCounter,
            MenuItem::Hold => Action::Hold,
            MenuItem::Threaten => Action::Threaten,
            MenuItem::Card(card) => Action::Play { card },
            MenuItem::Goodwill => Action::Goodwill,
            MenuItem::GrantAsk => Action::GrantAsk,
            MenuItem::Extension => Action::RequestExtension,
            MenuItem::Sign => Action::Sign,
            MenuItem::WalkAway => Action::WalkAway,
        }
    }

    /// The menu label.
    pub fn label(self, game: &Game) -> String {
        match self {
            MenuItem::AcceptCounter => "Accept China's counter-offer".into(),
            MenuItem::Hold => "Hold: working-level talks".into(),
            // A threat of a measure already in force has nothing left to threaten: say so
            // before the player spends a week on it (found in play).
            MenuItem::Threaten => match game.scenario.index().threat_card {
                Some(k) if game.state.cards.get(k).copied().unwrap_or(false) => {
                    let name = game
                        .scenario
                        .world
                        .cards
                        .get(k)
                        .map_or("it", |c| c.name.as_str());
                    format!("Threaten  (no bite: {name} in force)")
                }
                _ => "Threaten".into(),
            },
            MenuItem::Card(k) => game
                .scenario
                .world
                .cards
                .get(k)
                .map_or("Play a card".into(), |c| format!("Play {}", c.name)),
            MenuItem::Goodwill => "Goodwill gesture".into(),
            MenuItem::GrantAsk => "Grant Beijing's last ask".into(),
            MenuItem::Extension => "Request a truce extension".into(),
            MenuItem::Sign => "Sign at the summit".into(),
            MenuItem::WalkAway => "Walk away".into(),
        }
    }

    /// What it does, in a sentence.
    pub fn hint(self) -> &'static str {
        match self {
            MenuItem::AcceptCounter => {
                "Take Beijing's standing counter as the agreement in principle; sign it at the summit."
            }
            MenuItem::Hold => {
                "Let the week pass without a new offer. Pressure keeps building on both sides; an agreement in principle stays agreed."
            }
            MenuItem::Threaten => {
                "A priced threat: if it is credible and China is under pressure, Beijing lowers its demand; otherwise it mirrors with restrictions. Not carried out by the deadline, it is a bluff called."
            }
            MenuItem::Card(_) => {
                "An escalation that stays in force: it adds to China's pressure each week, costs the US too, draws Beijing's mirror, and can be suspended in a deal."
            }
            MenuItem::Goodwill => {
                "A unilateral easing: Beijing's trust rises, hawks at home grumble, and the US gives value away."
            }
            MenuItem::GrantAsk => {
                "Summit week: give Beijing its last ask (one step its way on one issue). Refuse it by signing without it."
            }
            MenuItem::Extension => {
                "Ends the game: if Beijing grants it, the truce rolls on with no deal and the pressures keep running."
            }
            MenuItem::Sign => {
                "Ends the game with a deal, if China's leader signs the agreed package."
            }
            MenuItem::WalkAway => {
                "A credible walk-out (China under real pressure, no US bluff called) brings Beijing back to the table with a lower demand, once, and the talks go on. One it does not believe, or a second, ends the game: tariffs snap back, Beijing mirrors a walk-out it does not believe, and the next year plays out (w explains which, after)."
            }
        }
    }

    /// Whether it asks for confirmation first: it may end the game, commits the US to terms
    /// that bind (accepting a counter, granting an ask), or cannot be taken back (a threat,
    /// a card put in force).
    pub fn confirm(self) -> bool {
        !matches!(self, MenuItem::Hold | MenuItem::Goodwill)
    }

    /// What its confirmation says is at stake now: for signing while Beijing's last ask
    /// stands, that refusing the ask may end without a signature (with the pressure band as the
    /// only hint); for accepting a counter, what it commits and, in the summit's week, that the
    /// leaders take it up at once. Never a figure of Beijing's hidden type.
    pub fn stake(self, game: &Game) -> String {
        let s = &game.scenario;
        let st = &game.state;
        let band = query::china_pressure_band(s, st);
        match self {
            MenuItem::Sign => match st.summit_ask {
                Some((i, level)) => {
                    let issue = s.issues.get(i);
                    let name = issue.map_or("an issue", |x| x.name.as_str());
                    let label = issue
                        .and_then(|x| x.levels.get(level))
                        .map_or("?", |l| l.label.as_str());
                    format!(
                        "Beijing's last ask stands ({name} at \"{label}\"). Signing without it refuses the ask, and Beijing may leave the summit without signing: the talks would end with no deal. How likely depends on a Beijing you cannot see into; pressure makes it likelier to stay, and the pressure on China is {band} (the US's estimate). To grant the ask instead: n, then \"Grant Beijing's last ask\"."
                    )
                }
                None => self.hint().to_string(),
            },
            MenuItem::AcceptCounter => {
                let none = vec![false; s.issues.len()];
                let terms = st
                    .counter
                    .as_ref()
                    .filter(|p| p.0.len() == none.len())
                    .map_or_else(String::new, |p| {
                        format!(" ({})", s.describe_package(p, &none))
                    });
                let mut out = format!(
                    "Beijing's counter{terms} becomes the agreement in principle. It binds both sides: taking its terms back later costs trust, and China's demand stops falling while it stands. De-escalation and purchases start only at signing."
                );
                if st.summit_held && st.summit_this_turn(s) {
                    out.push_str(" The summit is this week: the leaders take it up at once. Beijing makes its last ask, and you then grant it or sign without it.");
                }
                out
            }
            MenuItem::Threaten => {
                let cost = s.ai.retaliation.threat_trust_cost;
                let mut out = format!(
                    "Beijing's trust falls ({cost:.0} pts) whatever it answers: it may lower its demand, or mirror with a restriction of its own. The pressure on China is {band} (the US's estimate).",
                );
                if let Some(card) = s.index().threat_card.and_then(|k| s.world.cards.get(k)) {
                    let weeks = s.world.threat.deadline_turns.max(1);
                    out.push_str(&format!(
                        " It commits the US: put {} in force within {weeks} weeks, or the bluff is called and US credibility falls.",
                        card.name
                    ));
                }
                out
            }
            MenuItem::Card(k) => {
                let name = s.world.cards.get(k).map_or("The measure", |c| c.name.as_str());
                let name = crate::ui::widgets::paint::capital(name);
                format!(
                    "{name} comes into force and stays: it costs the US too each week, Beijing mirrors it, and only a deal that suspends it takes it off."
                )
            }
            MenuItem::GrantAsk => match st.summit_ask {
                Some((i, level)) => {
                    let issue = s.issues.get(i);
                    let name = issue.map_or("an issue", |x| x.name.as_str());
                    let label = issue
                        .and_then(|x| x.levels.get(level))
                        .map_or("?", |l| l.label.as_str());
                    format!(
                        "The agreed package moves one step Beijing's way: {name} at \"{label}\". It is what the leaders then sign; it cannot be taken back."
                    )
                }
                None => self.hint().to_string(),
            },
            MenuItem::WalkAway if st.walked_out => "You walked out once and Beijing came back: a second walk-out ends the talks. Tariffs snap back and the next year plays out.".into(),
            _ => self.hint().to_string(),
        }
    }
}

/// Whether an item is possible now; the reason, in the engine's words, when it is not. A card
/// not ready yet says from when it is.
pub fn available(item: MenuItem, game: &Game) -> Result<(), String> {
    let (s, st) = (&game.scenario, &game.state);
    if st.outcome.is_some() {
        return Err(ActionError::GameOver.to_string());
    }
    query::legal(s, st, &item.action()).map_err(|e| match (item, &e) {
        (MenuItem::Card(k), ActionError::CardNotPlayable { .. })
            if s.index()
                .card_from
                .get(k)
                .is_some_and(|&from| st.day + s.clock.days_per_turn <= from) =>
        {
            let from = s.index().card_from.get(k).copied().unwrap_or(0);
            let name = s.world.cards.get(k).map_or("the card", |c| c.name.as_str());
            format!(
                // A move covers its whole week, so the card opens in the week that includes
                // its date, which can begin days before it.
                "{name} is not ready yet: it can be played from the week that includes {}",
                s.date_of_day(from).long()
            )
        }
        _ => e.to_string(),
    })
}

/// The line the menu opens on: "Hold", which asks nothing of Beijing and binds nothing, so an
/// Enter pressed by habit costs no more than a week (and in the summit's week it asks first).
pub fn first(game: &Game) -> usize {
    items(game)
        .iter()
        .position(|&i| i == MenuItem::Hold)
        .unwrap_or(0)
}

/// The line after (`by` = 1) or before (`by` = -1) `at`, wrapping round the menu's ends.
pub fn step(game: &Game, at: usize, by: isize) -> usize {
    let n = items(game).len().max(1);
    let at = at.min(n - 1);
    if by < 0 {
        at.checked_sub(1).unwrap_or(n - 1)
    } else {
        (at + 1) % n
    }
}
