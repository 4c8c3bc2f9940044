//! Field-by-field comparison of a saved state with a replayed one, to say what an edit changed.
//!
//! Both states go through `serde_json::Value` (already a dependency): a generic walk that keeps
//! working when the engine adds fields. Paths follow `scenario::span` (`state.log[3].text`) so
//! each difference can be placed in the save file.

use serde::Serialize;
use serde_json::Value;

/// (path, saved value, replayed value), at most `limit`, plus the count left out.
pub fn differences<T: Serialize>(
    root: &str,
    saved: &T,
    replayed: &T,
    limit: usize,
) -> (Vec<(String, String, String)>, usize) {
    let mut out = Vec::new();
    match (serde_json::to_value(saved), serde_json::to_value(replayed)) {
        (Ok(a), Ok(b)) => walk(root, &a, &b, &mut out),
        // A value JSON cannot hold (a u128 past u64): say only that the states differ.
        _ => out.push((root.to_string(), "one state".into(), "another".into())),
    }
    if out.is_empty() {
        // PartialEq said they differ but the values print alike (NaN, say): still report it.
        out.push((root.to_string(), "one state".into(), "another".into()));
    }
    let more = out.len().saturating_sub(limit);
    out.truncate(limit);
    if out.iter().any(|(_, a, b)| a == "None" || b == "None") {
        // JSON has no NaN or infinity and writes them as null: say what the value really is.
        let (sa, sb) = (non_finite(saved), non_finite(replayed));
        for (path, a, b) in &mut out {
            let key = path
                .strip_prefix(root)
                .unwrap_or(path)
                .trim_start_matches('.');
            for (shown, found) in [(a, &sa), (b, &sb)] {
                if shown == "None"
                    && let Some(x) = found.get(key)
                {
                    *shown = x.clone();
                }
            }
        }
    }
    (out, more)
}

/// The paths of a value's NaN and infinite numbers, as RON writes them (`NaN`, `inf`, `-inf`).
fn non_finite<T: Serialize>(v: &T) -> std::collections::HashMap<String, String> {
    let Ok(text) = ron::to_string(v) else {
        return Default::default();
    };
    crate::scenario::span::Spans::new(&text)
        .atoms()
        .into_iter()
        .filter(|(_, a)| matches!(a.trim_start_matches(['-', '+']), "NaN" | "inf"))
        .map(|(p, a)| (p, a.to_string()))
        .collect()
}

/// An externally tagged enum variant as serde_json writes it: `{"Variant": value}`.
fn variant(v: &Value) -> Option<(&String, &Value)> {
    match v {
        Value::Object(m) if m.len() == 1 => m
            .iter()
            .next()
            .filter(|(k, _)| k.starts_with(|c: char| c.is_ascii_uppercase())),
        _ => None,
    }
}

fn walk(path: &str, a: &Value, b: &Value, out: &mut Vec<(String, String, String)>) {
    if a == b {
        return;
    }
    if let (Some((ka, va)), Some((kb, vb))) = (variant(a), variant(b))
        && ka == kb
    {
        // Same variant: the RON path has no level for the variant name.
        return walk(path, va, vb, out);
    }
    match (a, b) {
        (Value::Object(ma), Value::Object(mb)) if variant(a).is_none() && variant(b).is_none() => {
            for (k, va) in ma {
                let sub = format!("{path}.{k}");
                match mb.get(k) {
                    Some(vb) => walk(&sub, va, vb, out),
                    None => out.push((sub, show(va), "nothing".into())),
                }
            }
            for (k, vb) in mb.iter().filter(|(k, _)| !ma.contains_key(*k)) {
                out.push((format!("{path}.{k}"), "nothing".into(), show(vb)));
            }
        }
        (Value::Array(xa), Value::Array(xb)) => {
            if xa.len() != xb.len() {
                out.push((path.to_string(), entries(xa.len()), entries(xb.len())));
            }
            for (i, (va, vb)) in xa.iter().zip(xb).enumerate() {
                walk(&format!("{path}[{i}]"), va, vb, out);
            }
        }
        _ => out.push((path.to_string(), show(a), show(b))),
    }
}

fn entries(n: usize) -> String {
    if n == 1 {
        "1 entry".into()
    } else {
        format!("{n} entries")
    }
}

/// A value in RON-like words, cut to a readable length.
pub fn show(v: &Value) -> String {
    let mut s = String::new();
    render(v, &mut s);
    if s.chars().count() > 60 {
        s = s.chars().take(57).collect::<String>() + "…";
    }
    s
}

fn render(v: &Value, s: &mut String) {
    match v {
        Value::Null => s.push_str("None"),
        Value::Bool(b) => s.push_str(&b.to_string()),
        Value::Number(n) => s.push_str(&n.to_string()),
        Value::String(t) => s.push_str(&format!("{t:?}")),
        Value::Array(xs) => {
            s.push('[');
            for (i, x) in xs.iter().enumerate() {
                if i > 0 {
                    s.push_str(", ");
                }
                render(x, s);
            }
            s.push(']');
        }
        Value::Object(m) => {
            if let Some((k, inner)) = variant(v) {
                s.push_str(k);
                s.push('(');
                render(inner, s);
                s.push(')');
                return;
            }
            s.push('(');
            for (i, (k, x)) in m.iter().enumerate() {
                if i > 0 {
                    s.push_str(", ");
                }
                s.push_str(k);
                s.push_str(": ");
                render(x, s);
            }
            s.push(')');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn names_each_differing_leaf() {
        let a = json!({"meters": {"trust": 12.0, "farm": 3.0}, "log": ["a", "b"], "outcome": null});
        let b =
            json!({"meters": {"trust": 4.0, "farm": 3.0}, "log": ["a"], "outcome": "Escalation"});
        let (d, more) = differences("state", &a, &b, 10);
        assert_eq!(more, 0);
        assert!(d.contains(&("state.meters.trust".into(), "12.0".into(), "4.0".into())));
        assert!(d.contains(&("state.log".into(), "2 entries".into(), "1 entry".into())));
        assert!(d.contains(&(
            "state.outcome".into(),
            "None".into(),
            "\"Escalation\"".into()
        )));
    }

    #[test]
    fn nan_is_shown_as_nan_not_none() {
        #[derive(Serialize)]
        struct M {
            trust: f64,
        }
        let (d, _) = differences("state", &M { trust: f64::NAN }, &M { trust: 4.0 }, 10);
        assert_eq!(d[0], ("state.trust".into(), "NaN".into(), "4.0".into()));
    }

    #[test]
    fn steps_through_a_shared_variant_and_limits() {
        let a = json!({"summit": {"Scheduled": {"day": 3}}, "x": [1, 2, 3]});
        let b = json!({"summit": {"Scheduled": {"day": 5}}, "x": [4, 5, 6]});
        let (d, more) = differences("state", &a, &b, 2);
        assert_eq!(d[0], ("state.summit.day".into(), "3".into(), "5".into()));
        assert_eq!(d.len(), 2);
        assert_eq!(more, 2);
    }
}
