//! The Beijing a player faced, put into words after the game: its kind, the figures drawn for
//! it and what would have worked against it. During play none of this is shown (the screen
//! gives signals only); the debrief, the transcript and the review reveal it.

use crate::core::Beijing;
use crate::scenario::Scenario;

/// The Beijing of one game, revealed: its kind's name, the drawn figures in plain words and
/// the kind's lesson. `None` for the neutral type (a scenario that defines no kinds).
#[derive(Debug, Clone, PartialEq)]
pub struct Revealed {
    /// The kind's name, e.g. "patient and unpressed".
    pub name: String,
    /// Each drawn figure as a sentence.
    pub figures: Vec<String>,
    /// What would have worked against it (the kind's `lesson`).
    pub lesson: String,
}

/// The Beijing `b` of `scenario`, revealed, or `None` when it is the neutral type.
pub fn reveal(scenario: &Scenario, b: &Beijing) -> Option<Revealed> {
    let kind = crate::engine::beijing::archetype(scenario, b)?;
    let mut figures = figures(b);
    figures.extend(own_red_lines(scenario, kind, b));
    Some(Revealed {
        name: kind.name.clone(),
        figures,
        lesson: kind.lesson.clone(),
    })
}

/// The revealed Beijing as lines of text: a heading line, the figures, the lesson. Empty for
/// the neutral type.
pub fn reveal_lines(scenario: &Scenario, b: &Beijing) -> Vec<String> {
    let Some(r) = reveal(scenario, b) else {
        return Vec::new();
    };
    let mut out = vec![format!("The Beijing you faced: {}.", r.name)];
    out.extend(r.figures);
    out.push(format!("What would have worked: {}", r.lesson));
    out
}

/// The kind's own red lines, each said held or not by this Beijing.
fn own_red_lines(
    scenario: &Scenario,
    kind: &crate::scenario::Archetype,
    b: &Beijing,
) -> Vec<String> {
    (kind.red_lines.iter().enumerate())
        .map(|(r, (line, chance))| {
            let issue = scenario.issue_index(&line.issue).map(|i| &scenario.issues[i]);
            let name = issue.map_or(line.issue.as_str(), |i| i.name.as_str());
            let level = (issue.and_then(|i| i.levels.get(line.level))).map_or("?", |l| &l.label);
            if b.red_lines.contains(&r) {
                format!(
                    "A red line of its own: {name}, {level} or further, refused whatever else was offered (\"{}\"); its kind holds it in {:.0}% of games. Only a package that kept short of it, as its counter did, could be agreed.",
                    line.reason,
                    100.0 * chance
                )
            } else {
                format!(
                    "Its kind holds a red line at {name}, {level} or further, in {:.0}% of games; this Beijing did not.",
                    100.0 * chance
                )
            }
        })
        .collect()
}

/// Each drawn figure in a sentence a student can follow, with the number after the words.
fn figures(b: &Beijing) -> Vec<String> {
    let floor = match b.floor {
        f if f > 0.005 => format!(
            "Its floor: no deal was worth {f:.2} more to it than to the scenario's usual Beijing (on its 0-to-1 scale), so it would not go as low."
        ),
        f if f < -0.005 => format!(
            "Its floor: no deal was worth {:.2} less to it than to the scenario's usual Beijing (on its 0-to-1 scale), so it would settle lower.",
            -f
        ),
        _ => "Its floor: what no deal was worth to it was the scenario's usual figure.".into(),
    };
    let late = match b.patience {
        p if p < 0.9 => "late, holding its demand up longer than usual",
        p if p > 1.1 => "early, its demand falling sooner than usual",
        _ => "on the usual schedule",
    };
    let felt = match b.pressure {
        p if p < 0.8 => "less than the losses the US could see",
        p if p > 1.2 => "more than the losses the US could see",
        _ => "about as much as the losses the US could see",
    };
    let read = match b.threat {
        t if t < 0.8 => "it discounted US threats and walk-outs",
        t if t > 1.2 => "it took US threats and walk-outs seriously",
        _ => "it read US threats and walk-outs as the scenario's usual Beijing does",
    };
    let us = match b.reads_us {
        r if r < 0.8 => "it paid little heed to it",
        r if r > 1.2 => "it raised its demand when it saw it",
        _ => "it weighed it as usual",
    };
    let mut lines = vec![
        floor,
        format!(
            "How late it conceded: {late} (patience ×{:.2}; below 1 concedes later).",
            b.patience
        ),
        format!(
            "How much it felt the pressure: {felt} (×{:.2} of the pressure on it).",
            b.pressure
        ),
        format!("How it read threats: {read} (×{:.2}).", b.threat),
        format!(
            "How it read US pain (farm stress, markets, magnets): {us} (×{:.2}).",
            b.reads_us
        ),
        format!(
            "Its firmness on the last ask: refused, it would leave the summit unsigned with a {:.0}% chance, less the more pressure it felt.",
            100.0 * b.firmness
        ),
    ];
    if b.horizon > 1.005 {
        lines.insert(
            2,
            format!(
                "Its own deadline lay past the summit (×{:.2} of the time to it): when the leaders met its demand was still above its floor, so waiting for its last concessions could end with no deal.",
                b.horizon
            ),
        );
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_neutral_type_says_nothing() {
        let s = crate::scenario::resolve("autumn-2025").expect("built-in");
        assert!(reveal_lines(&s, &Beijing::NEUTRAL).is_empty());
    }

    #[test]
    fn its_own_red_lines_are_revealed_held_or_not() {
        let s = crate::scenario::resolve("autumn-2025").expect("built-in");
        let patient = s.world.beijing.iter().position(|a| a.id == "patient");
        let mut b = Beijing {
            archetype: patient,
            ..Beijing::NEUTRAL
        };
        let held = |b: &Beijing| reveal_lines(&s, b).join("\n");
        assert!(held(&b).contains("this Beijing did not"), "{}", held(&b));
        b.red_lines = vec![0];
        let text = held(&b);
        assert!(
            text.contains("A red line of its own: Excess capacity, demand measures or further"),
            "{text}"
        );
        assert!(!text.contains("this Beijing did not"), "{text}");
    }

    #[test]
    fn a_drawn_beijing_is_named_with_its_lesson() {
        let s = crate::scenario::resolve("autumn-2025").expect("built-in");
        let b = crate::engine::beijing::draw(&s, 3);
        let kind = crate::engine::beijing::archetype(&s, &b).expect("a kind");
        let text = reveal_lines(&s, &b).join("\n");
        assert!(text.contains(&kind.name), "{text}");
        assert!(text.contains(&kind.lesson), "{text}");
        assert!(text.contains("firmness"), "{text}");
    }

    #[test]
    fn a_horizon_past_the_summit_is_revealed_and_a_usual_one_is_not() {
        let s = crate::scenario::resolve("autumn-2025").expect("built-in");
        let mut b = crate::engine::beijing::draw(&s, 3);
        b.horizon = 1.0;
        let usual = reveal_lines(&s, &b).join("\n");
        assert!(!usual.contains("deadline lay past"), "{usual}");
        b.horizon = 1.12;
        let late = reveal_lines(&s, &b).join("\n");
        assert!(
            late.contains("deadline lay past the summit (×1.12"),
            "{late}"
        );
    }
}
