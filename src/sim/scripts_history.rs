//! `historical`: each scenario's own record, move by move, on the dates the scenario file and
//! the record give. A scenario without a script of its own converges on the package its
//! `historical` block records.

use crate::engine::Action;
use crate::sim::strategy::Ctx;

/// The package the scenario records as the real outcome, on the issues on the table.
fn recorded(c: &Ctx) -> crate::engine::Package {
    let targets: Vec<(&str, usize)> = c
        .scenario
        .historical
        .package
        .iter()
        .map(|(id, l)| (id.as_str(), *l))
        .collect();
    c.package(&targets)
}

/// Whether `p` gives China no more than the recorded package on the US's levers (the issues
/// whose status quo serves the US).
fn within_record(c: &Ctx, p: &crate::engine::Package) -> bool {
    let s = c.scenario;
    s.historical.package.iter().all(|(id, level)| {
        s.issue_index(id).is_none_or(|i| {
            let levels = &s.issues[i].levels;
            levels[s.issues[i].status_quo].us < 0.5 || levels[p.0[i]].china <= levels[*level].china
        })
    })
}

/// The endgame every record shares: grant the leaders' last ask, sign at the summit, extend
/// when nothing can be signed.
fn endgame(c: &Ctx) -> Option<Action> {
    if c.state.summit_ask.is_some() && c.state.summit_this_turn(c.scenario) {
        return Some(Action::GrantAsk);
    }
    if let Some(a) = c.sign() {
        return Some(a);
    }
    (c.last_turn() || (c.summit_past() && c.state.agreed.is_none()))
        .then_some(Action::RequestExtension)
}

pub(crate) fn historical(c: &Ctx) -> Action {
    match c.scenario.name.as_str() {
        "autumn-2025" => autumn(c),
        "phase-one-2019" => phase_one(c),
        "rare-earth-shock" => rare_earth(c),
        _ => generic(c),
    }
}

/// Any other scenario: converge on the recorded package and sign it.
fn generic(c: &Ctx) -> Action {
    let ids: Vec<&str> = c
        .scenario
        .historical
        .package
        .iter()
        .map(|(id, _)| id.as_str())
        .collect();
    if let Some(a) = c.open(&ids).or_else(|| endgame(c)) {
        return a;
    }
    if c.state.agreed.is_some() {
        return Action::Hold;
    }
    Action::Propose(recorded(c))
}

/// Autumn 2025: the affiliates rule on 29 Sep, the 100% threat on 10 Oct, port fees on 14 Oct,
/// then Busan.
fn autumn(c: &Ctx) -> Action {
    if let Some(a) = c.open(&["fentanyl"]).or_else(|| endgame(c)) {
        return a;
    }
    if let Some(a) = c.play("affiliates") {
        return a;
    }
    if c.on_or_after("2025-10-10") && !c.on_or_after("2025-10-17") && c.state.agreed.is_none() {
        return Action::Threaten;
    }
    if let Some(a) = c.play("port_fees") {
        return a;
    }
    if c.state.agreed.is_some() {
        return Action::Hold;
    }
    // Until the escalations, the US held to its asks; then it converged on Busan.
    if !c.on_or_after("2025-10-06") {
        if c.state.proposal.is_some() && c.turns() % 2 == 1 {
            return Action::Hold;
        }
        return Action::Propose(c.package(&[
            ("tariffs", 1),
            ("export_controls", 1),
            ("rare_earths", 3),
            ("farm", 2),
            ("fentanyl", 2),
        ]));
    }
    Action::Propose(recorded(c))
}

/// Rare-earth shock: China's 9 Oct controls answered at once by the 100% threat (10 Oct), the
/// port fees on 14 Oct, then the swap of suspensions agreed at Kuala Lumpur and Busan.
fn rare_earth(c: &Ctx) -> Action {
    if let Some(a) = endgame(c) {
        return a;
    }
    if c.state.turns == 0 && c.state.agreed.is_none() {
        return Action::Threaten;
    }
    if c.on_or_after("2025-10-14")
        && let Some(a) = c.play("port_fees")
    {
        return a;
    }
    if c.state.agreed.is_some() {
        return Action::Hold;
    }
    Action::Propose(recorded(c))
}

/// Phase one, 2019. The September tariff steps stand (list 4A since 1 Sep, the 15 December
/// list due) and China's farm retaliation with them; on 11 Sep the US delayed the 1 October
/// increase for the 70th anniversary (its goodwill gesture); deputies talked in September; on
/// 11 Oct the oral "phase one" (farm purchases of $40-50bn a year, pledges on IP, financial
/// services and currency) was announced; from late November the negotiators wrote the text,
/// the US kept 25% on $250bn as leverage and held the 15 December tariffs over the talks (the
/// threat, 2 Dec), and the text of 13 Dec suspended them, halved list 4A and added purchases
/// against the 2017 baseline, the IP and technology-transfer chapters, currency and unilateral
/// remedies. What China would accept in the last weeks was taken rather than nothing, if it
/// gave no more than the text did.
fn phase_one(c: &Ctx) -> Action {
    if let Some(a) = c.open(&["market_access", "currency"]) {
        return a;
    }
    let text = recorded(c);
    let text_agreed = c.state.agreed.as_ref() == Some(&text);
    // The last weeks: China's counter rather than no deal, when it gives no more than the text
    // did (Huawei listed, the 25% on $250bn kept).
    let last_weeks = c.summit_next_turn() || c.state.summit_this_turn(c.scenario);
    if last_weeks
        && !text_agreed
        && let Some(counter) = &c.state.counter
        && within_record(c, counter)
        && c.state
            .agreed
            .as_ref()
            .is_none_or(|a| c.us_gain(counter) > c.us_gain(a))
    {
        return Action::AcceptCounter;
    }
    // The leaders' last ask is granted when it stays within the text; one that would roll the
    // tariffs back or delist Huawei is refused (the US signed no such thing).
    if let (Some((i, level)), Some(agreed)) = (c.state.summit_ask, &c.state.agreed)
        && c.state.summit_this_turn(c.scenario)
    {
        let mut asked = agreed.clone();
        asked.0[i] = level;
        if !within_record(c, &asked)
            && let Some(a) = c.sign()
        {
            return a;
        }
    }
    if let Some(a) = endgame(c) {
        return a;
    }
    if c.on_or_after("2019-09-11") && c.state.concessions <= 0.0 {
        return Action::Goodwill;
    }
    // The 15 December tariffs, on time and in full unless the text is agreed: the deadline
    // that closed it.
    if c.on_or_after("2019-12-02")
        && !text_agreed
        && c.state.threat_deadline.is_none()
        && c.state.bluffs_called == 0
    {
        return Action::Threaten;
    }
    if !c.on_or_after("2019-10-11") || text_agreed {
        return Action::Hold;
    }
    // From late November: the text, put until it is agreed (a refusal leaves the oral deal).
    if c.on_or_after("2019-11-25") {
        return Action::Propose(text);
    }
    if c.state.agreed.is_some() {
        return Action::Hold;
    }
    // The oral deal of 11 Oct: about $40bn a year of farm goods (the 2017 baseline plus $32bn
    // over two years) and pledges, for the 15 October increase and nothing off the tariffs in
    // force; Beijing never put it in writing, so it binds no one.
    Action::Propose(c.package(&[
        ("tariffs", 1),
        ("export_controls", 1),
        ("farm", 2),
        ("ip_tech", 1),
        ("market_access", 1),
        ("currency", 1),
        ("enforcement", 1),
    ]))
}
