//! What a player is told when a save made under other rules (or another version of its
//! scenario) is replayed under this build's: one line, e.g. "made with Truce 0.1.0, replayed
//! under 0.2.0; from week 4 Beijing answers differently".

use std::fmt;

use crate::persist::record::TurnRecord;

/// An action of the save that this build refuses: the game is loaded up to the move before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stopped {
    /// 1-based number of the refused action.
    pub number: usize,
    /// How many actions the save holds.
    pub of: usize,
    /// What the action was (`Action::label`).
    pub label: String,
    /// Why this build refuses it.
    pub reason: String,
    /// The week the loaded game stands in.
    pub week: u32,
    /// Whether the replay had already ended the game before this move.
    pub game_over: bool,
}

/// Why a save was replayed rather than verified, and what the replay changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// The release that made it (empty if unknown: a format-1 file).
    pub made_with: String,
    /// The rules id it was made under.
    pub made_rules: u32,
    /// This build's release.
    pub replayed_under: String,
    /// This build's rules id.
    pub rules: u32,
    /// The built-in scenario it names has changed since (its name), if so.
    pub scenario_changed: Option<String>,
    /// The first week in which Beijing answers differently, if any; `None` with
    /// `answers_known` means every replayed move is answered as before.
    pub answers_differ_from: Option<u32>,
    /// Whether the save recorded its answers (files older than format 3 may not).
    pub answers_known: bool,
    /// The action the replay stopped at, if one is no longer allowed.
    pub stopped: Option<Stopped>,
    /// The outcome the save recorded and the one the replay reaches, when they differ
    /// (`Outcome::title`, or "in progress").
    pub outcome_changed: Option<(String, String)>,
    /// The replay disagrees with the save although the rules are the same (a release that
    /// forgot to bump `engine::RULES`, or an edit): loaded as replayed rather than refused.
    pub replay_differs: bool,
}

impl Notice {
    /// The first week the replay tells differently, if any.
    pub fn first_change(&self) -> Option<u32> {
        self.answers_differ_from
            .into_iter()
            .chain(self.stopped.as_ref().map(|s| s.week))
            .min()
    }
}

impl Notice {
    /// The gist in a few words, for a one-line message: where it was replayed and the first
    /// thing that changed in play, e.g. "Replayed under Truce 0.2.0: from week 4 Beijing
    /// answers differently".
    pub fn short(&self) -> String {
        let head = if self.made_with == self.replayed_under {
            format!("Replayed under rules {}", self.rules)
        } else {
            format!("Replayed under Truce {}", self.replayed_under)
        };
        let mut parts = Vec::new();
        if let Some(week) = self.answers_differ_from {
            parts.push(format!("from week {week} Beijing answers differently"));
        }
        match &self.stopped {
            Some(s) if s.game_over => parts.push(format!("the game now ends in week {}", s.week)),
            Some(s) if s.number == 1 => parts.push("its first move is no longer allowed".into()),
            Some(s) => parts.push(format!(
                "move {} is no longer allowed, so it stops in week {}",
                s.number, s.week
            )),
            None => {}
        }
        if parts.is_empty() {
            parts.push(if self.replay_differs {
                "the game runs differently from the save".into()
            } else if self.answers_known {
                "Beijing answers every move as before".into()
            } else {
                "the old answers were not recorded".into()
            });
        }
        format!("{head}: {}", parts.join("; "))
    }
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let made = if self.made_with.is_empty() {
            "an early Truce".to_string()
        } else {
            format!("Truce {}", self.made_with)
        };
        if self.made_with == self.replayed_under {
            write!(
                f,
                "made with {made} under rules {}, replayed under rules {}",
                self.made_rules, self.rules
            )?;
        } else {
            write!(
                f,
                "made with {made}, replayed under {}",
                self.replayed_under
            )?;
        }
        if let Some(name) = &self.scenario_changed {
            write!(f, "; scenario {name} has changed since")?;
        }
        let replayed_none = self.stopped.as_ref().is_some_and(|s| s.number == 1);
        match (self.answers_differ_from, self.answers_known) {
            (Some(week), _) => write!(f, "; from week {week} Beijing answers differently")?,
            (None, true) if self.stopped.is_none() => {
                write!(f, "; Beijing answers every move as before")?;
            }
            (None, true) if !replayed_none => {
                write!(f, "; Beijing answers as before until then")?;
            }
            (None, _) => {}
        }
        if self.replay_differs && self.answers_differ_from.is_none() {
            write!(f, "; the game runs differently from the save")?;
        }
        match &self.stopped {
            Some(s) if s.game_over => write!(
                f,
                "; the game now ends in week {}, before move {} of {} ({})",
                s.week, s.number, s.of, s.label
            )?,
            Some(s) if s.number == 1 => write!(
                f,
                "; its first move ({}) is no longer allowed ({}), so the game is loaded from \
                 the start",
                s.label, s.reason
            )?,
            Some(s) => write!(
                f,
                "; move {} of {} ({}) is no longer allowed ({}), so the game is loaded up to \
                 week {}",
                s.number, s.of, s.label, s.reason, s.week
            )?,
            None => {}
        }
        if let Some((was, now)) = &self.outcome_changed {
            write!(f, "; it ended in {was}, now {now}")?;
        }
        Ok(())
    }
}

/// The first week in which the replay's answers differ from the saved record, comparing the
/// actions both have. `None` when they agree (or when `saved` is empty: nothing recorded).
pub fn first_difference(saved: &[TurnRecord], replayed: &[TurnRecord]) -> Option<u32> {
    saved
        .iter()
        .zip(replayed)
        .find(|(a, b)| a.answer != b.answer)
        .map(|(a, b)| a.week.min(b.week))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(week: u32, answer: &str) -> TurnRecord {
        TurnRecord {
            week,
            answer: answer.into(),
        }
    }

    fn notice() -> Notice {
        Notice {
            made_with: "0.1.0".into(),
            made_rules: 1,
            replayed_under: "0.2.0".into(),
            rules: 2,
            scenario_changed: None,
            answers_differ_from: None,
            answers_known: true,
            stopped: None,
            outcome_changed: None,
            replay_differs: false,
        }
    }

    #[test]
    fn finds_the_first_week_that_differs() {
        let a = [rec(1, "counter"), rec(2, "accept"), rec(4, "restrict")];
        let b = [rec(1, "counter"), rec(2, "accept"), rec(4, "counter")];
        assert_eq!(first_difference(&a, &b), Some(4));
        assert_eq!(first_difference(&a, &a), None);
        assert_eq!(first_difference(&[], &b), None);
    }

    #[test]
    fn has_a_short_form_for_the_message_line() {
        let mut n = notice();
        assert_eq!(
            n.short(),
            "Replayed under Truce 0.2.0: Beijing answers every move as before"
        );
        n.answers_differ_from = Some(4);
        n.stopped = Some(Stopped {
            number: 7,
            of: 9,
            label: "sign at the summit".into(),
            reason: "no summit".into(),
            week: 6,
            game_over: false,
        });
        assert_eq!(
            n.short(),
            "Replayed under Truce 0.2.0: from week 4 Beijing answers differently; move 7 is no \
             longer allowed, so it stops in week 6"
        );
        n.made_with = "0.2.0".into();
        n.answers_differ_from = None;
        n.stopped = None;
        n.answers_known = false;
        assert_eq!(
            n.short(),
            "Replayed under rules 2: the old answers were not recorded"
        );
    }

    #[test]
    fn reads_as_one_line() {
        let mut n = notice();
        n.answers_differ_from = Some(4);
        assert_eq!(
            n.to_string(),
            "made with Truce 0.1.0, replayed under 0.2.0; from week 4 Beijing answers differently"
        );
        let mut n = notice();
        n.made_with = "0.2.0".into();
        n.scenario_changed = Some("autumn-2025".into());
        n.stopped = Some(Stopped {
            number: 9,
            of: 10,
            label: "sign at the summit".into(),
            reason: "there is no summit this week to sign at".into(),
            week: 8,
            game_over: false,
        });
        let text = n.to_string();
        assert!(text.starts_with("made with Truce 0.2.0 under rules 1, replayed under rules 2; scenario autumn-2025 has changed since; Beijing answers as before until then; move 9 of 10 (sign at the summit) is no longer allowed"), "{text}");
        assert!(text.ends_with("loaded up to week 8"), "{text}");
        assert_eq!(n.first_change(), Some(8));
        let stop = n.stopped.as_mut().unwrap();
        stop.number = 1;
        let text = n.to_string();
        assert!(!text.contains("as before"), "{text}");
        assert!(text.ends_with("its first move (sign at the summit) is no longer allowed (there is no summit this week to sign at), so the game is loaded from the start"), "{text}");
        let stop = n.stopped.as_mut().unwrap();
        stop.game_over = true;
        stop.number = 9;
        let text = n.to_string();
        assert!(
            text.ends_with(
                "; the game now ends in week 8, before move 9 of 10 (sign at the summit)"
            ),
            "{text}"
        );
    }
}
