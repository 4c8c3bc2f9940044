//! What each of China's rules means, in a sentence a student can follow.

use crate::ai::Rule;

/// The rule that fired, in a sentence a student can follow.
pub fn rule_text(rule: Rule) -> &'static str {
    match rule {
        Rule::Acceptable => {
            "The package is worth enough to Beijing, it is balanced, and it crosses no red line, so Beijing accepts."
        }
        Rule::BelowAspiration => {
            "The package is worth less to Beijing than it demands this week (its aspiration), so it counters, asking for more where that costs the US least."
        }
        Rule::Unbalanced => {
            "The US would gain far more than China, each measured as a share of what it could gain over the whole agenda: Beijing rejects deals whose gains lean one way and counters, whatever else the package is worth."
        }
        Rule::RedLine => {
            "The package crosses one of Beijing's red lines, so it counters with a package that stays clear of it."
        }
        Rule::Insult => {
            "The package leaves China clearly worse off than no deal at all. Beijing treats it as an insult: trust falls, and its counter starts from its own side, so the extreme opening anchors nothing."
        }
        Rule::ThreatAnswered => {
            "The US threatened. The threat did not bite hard enough (too little credibility, too little pressure on China, or a measure already in force, so nothing left to threaten), so Beijing mirrored it with a step up its restriction ladder, as it mirrored US moves in 2025."
        }
        Rule::ThreatAbsorbed => {
            "The US threatened. Beijing chose not to escalate this time, but threats make it demand more for a while."
        }
        Rule::TrustCollapse => {
            "Trust has collapsed too far for Beijing to bargain: it climbs the restriction ladder whatever the package says."
        }
        Rule::GoodwillWelcomed => {
            "The US made a unilateral gesture. Beijing welcomes it: trust rises, which softens its demands."
        }
        Rule::ExtensionGranted => {
            "Trust is high enough: Beijing, in no hurry, extends the truce. The talks end without a deal, for now."
        }
        Rule::ExtensionRefused => "Trust is too low: Beijing refuses to extend the truce.",
        Rule::SummitSigned => {
            "At the summit the agreed package still clears Beijing's red lines and balance rule, and trust holds: Beijing closes the deal."
        }
        Rule::SummitRefused => {
            "At the summit the agreed package no longer clears Beijing's red lines or balance rule, trust is too low, or its last ask was refused with too little in the package: its leader does not sign."
        }
        Rule::Kept => {
            "Beijing keeps a package it agreed in principle: nothing it names (an event, a threat, trust falling) has changed its mind."
        }
        Rule::Reopened => {
            "Something Beijing names has changed, and the agreed package no longer meets its demand or its balance rule: it reopens the agreement and counters."
        }
        Rule::ThreatHeeded => {
            "The US threat is credible and China is under pressure: the expected cost of defying it is higher than the cost of moving, so Beijing lowers its demand."
        }
        Rule::Mirrored => {
            "A US measure came into force. Beijing mirrors it with a measure of its own; both stay in force until a deal suspends them."
        }
        Rule::WalkOutHeld => {
            "The US walked out, and the walk-out was credible: Beijing is under enough pressure, and the US has not bluffed, so it does not mirror the walk-out. The first time, Beijing calls the US back to the table with a lower demand and the talks go on; a second walk-out ends them, and each side bears its own no-deal cost in the year that follows."
        }
        Rule::WalkOutMirrored => {
            "The US walked out, but the walk-out did not bite hard enough (too little pressure on China, too little US credibility, or a bluff called earlier), so Beijing mirrors it with a step up its restriction ladder, as it mirrored US moves in 2025. The year that follows is a lapse with restrictions."
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// "Floor" is the word the debrief keeps for Beijing's hidden no-deal value: the answer a
    /// student reads in play must not use it for the trust threshold, or it reads as a leak.
    #[test]
    fn trust_collapse_does_not_name_the_floor() {
        let text = rule_text(Rule::TrustCollapse);
        assert!(!text.contains("floor"), "{text}");
        assert!(text.contains("restriction ladder"), "{text}");
    }
}
