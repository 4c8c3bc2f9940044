//! What the server remembers between connections: failed sign-ins per address (to slow a
//! guesser), and the one live game per student (so a second sign-in can take it over).

use std::collections::HashMap;
use std::net::IpAddr;
use std::time::{Duration, Instant};

use super::child::Proc;

/// The most addresses remembered for failed sign-ins: the map can never grow with an attack.
pub const MAX_TRACKED: usize = 4096;
/// A failure is forgotten after this long.
pub const FORGET_AFTER: Duration = Duration::from_secs(15 * 60);
/// The longest extra wait before a refusal.
pub const MAX_SLOWDOWN: Duration = Duration::from_secs(30);

/// Failed sign-ins per address, bounded.
#[derive(Debug, Default)]
pub struct Failures {
    by_ip: HashMap<IpAddr, (u32, Instant)>,
}

impl Failures {
    /// Records a failure from `ip`; the extra wait before refusing it: none for the first two,
    /// then doubling from one second up to `MAX_SLOWDOWN`.
    pub fn fail(&mut self, ip: IpAddr, now: Instant) -> Duration {
        self.by_ip
            .retain(|_, (_, at)| now.duration_since(*at) < FORGET_AFTER);
        if self.by_ip.len() >= MAX_TRACKED && !self.by_ip.contains_key(&ip) {
            // Full of fresh entries: forget the oldest, never grow.
            if let Some(oldest) = self
                .by_ip
                .iter()
                .min_by_key(|(_, (_, at))| *at)
                .map(|(k, _)| *k)
            {
                self.by_ip.remove(&oldest);
            }
        }
        let entry = self.by_ip.entry(ip).or_insert((0, now));
        entry.0 = entry.0.saturating_add(1);
        entry.1 = now;
        slowdown(entry.0)
    }

    /// A successful sign-in from `ip` clears its failures.
    pub fn clear(&mut self, ip: IpAddr) {
        self.by_ip.remove(&ip);
    }

    /// How many addresses are remembered.
    pub fn len(&self) -> usize {
        self.by_ip.len()
    }

    /// Whether no address is remembered.
    pub fn is_empty(&self) -> bool {
        self.by_ip.is_empty()
    }
}

fn slowdown(failures: u32) -> Duration {
    if failures <= 2 {
        return Duration::ZERO;
    }
    let secs = 1u64 << (failures - 3).min(5);
    Duration::from_secs(secs).min(MAX_SLOWDOWN)
}

/// The live game of one student.
#[derive(Debug, Clone)]
pub struct Live {
    /// The connection's number (a later connection under the same name has a larger one).
    pub conn: u64,
    /// The student's name as they signed in.
    pub name: String,
    /// The game's process.
    pub proc: Proc,
    /// The connection, to close it on a take-over.
    pub handle: russh::server::Handle,
}

/// One live game per student, by the slug of their name (as their save files are named).
#[derive(Debug, Default)]
pub struct Registry {
    live: HashMap<String, Live>,
}

impl Registry {
    /// The live game under `slug`, if its process still runs.
    pub fn get(&self, slug: &str) -> Option<&Live> {
        self.live.get(slug).filter(|l| !l.proc.reaped())
    }

    /// Games running now.
    pub fn running(&self) -> usize {
        self.live.values().filter(|l| !l.proc.reaped()).count()
    }

    /// Records `live` as the game of `slug` (replacing a taken-over one).
    pub fn insert(&mut self, slug: String, live: Live) {
        self.live.retain(|_, l| !l.proc.reaped());
        self.live.insert(slug, live);
    }

    /// Forgets the game of `slug` if it is still connection `conn`'s.
    pub fn remove(&mut self, slug: &str, conn: u64) {
        if self.live.get(slug).is_some_and(|l| l.conn == conn) {
            self.live.remove(slug);
        }
    }

    /// The processes of the games running now.
    pub fn procs(&self) -> Vec<Proc> {
        self.live
            .values()
            .filter(|l| !l.proc.reaped())
            .map(|l| l.proc.clone())
            .collect()
    }

    /// The names of the students playing now, sorted.
    pub fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .live
            .values()
            .filter(|l| !l.proc.reaped())
            .map(|l| l.name.clone())
            .collect();
        names.sort();
        names
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failures_slow_down_and_stay_bounded() {
        let mut f = Failures::default();
        let ip: IpAddr = "127.0.0.1".parse().unwrap();
        let now = Instant::now();
        let waits: Vec<u64> = (0..10).map(|_| f.fail(ip, now).as_secs()).collect();
        assert_eq!(waits, [0, 0, 1, 2, 4, 8, 16, 30, 30, 30]);
        f.clear(ip);
        assert_eq!(f.fail(ip, now), Duration::ZERO);
        for i in 0..(u32::try_from(MAX_TRACKED).unwrap() + 100) {
            let ip = IpAddr::from(std::net::Ipv4Addr::from(i + 1000));
            f.fail(ip, now);
        }
        assert!(f.len() <= MAX_TRACKED);
        let later = now + FORGET_AFTER + Duration::from_secs(1);
        f.fail(ip, later);
        assert_eq!(f.len(), 1, "old failures are forgotten");
    }
}
