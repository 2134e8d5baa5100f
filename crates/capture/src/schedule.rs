//! When the app polls feeds on its own: every N minutes while it runs, the
//! first poll one interval after start, never two polls at once, and a
//! changed interval taking effect from the last poll.

use std::time::{Duration, Instant};

/// Shortest interval the app allows (a smaller setting is raised to it).
pub const MIN_MINUTES: u32 = 1;
/// Interval when the user set none.
pub const DEFAULT_MINUTES: u32 = 30;

#[derive(Debug, Clone)]
pub struct Schedule {
    /// None: scheduled polling is off.
    every: Option<Duration>,
    last: Instant,
    running: bool,
}

impl Schedule {
    /// A schedule starting now; `minutes` 0 turns it off.
    pub fn new(minutes: u32, now: Instant) -> Schedule {
        let mut s = Schedule {
            every: None,
            last: now,
            running: false,
        };
        s.set_minutes(minutes);
        s
    }

    pub fn set_minutes(&mut self, minutes: u32) {
        self.every =
            (minutes > 0).then(|| Duration::from_secs(60 * u64::from(minutes.max(MIN_MINUTES))));
    }

    pub fn minutes(&self) -> u32 {
        self.every.map_or(0, |d| (d.as_secs() / 60) as u32)
    }

    /// Whether a poll should start now; if so, it is marked running.
    pub fn start_if_due(&mut self, now: Instant) -> bool {
        match self.every {
            Some(every) if !self.running && now.saturating_duration_since(self.last) >= every => {
                self.running = true;
                true
            }
            _ => false,
        }
    }

    /// A poll by hand starts (whether due or not); false when one is running.
    pub fn begin(&mut self) -> bool {
        !std::mem::replace(&mut self.running, true)
    }

    pub fn running(&self) -> bool {
        self.running
    }

    /// A poll (scheduled or by hand) finished at `now`.
    pub fn finished(&mut self, now: Instant) {
        self.running = false;
        self.last = now;
    }

    /// How long until the next poll is due (None when off).
    pub fn wait(&self, now: Instant) -> Option<Duration> {
        let every = self.every?;
        Some((self.last + every).saturating_duration_since(now))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn polls_come_every_interval_and_never_overlap() {
        let t0 = Instant::now();
        let mut s = Schedule::new(5, t0);
        assert!(!s.start_if_due(t0 + Duration::from_secs(299)));
        assert!(s.start_if_due(t0 + Duration::from_secs(300)));
        assert!(
            !s.start_if_due(t0 + Duration::from_secs(900)),
            "one poll at a time"
        );
        s.finished(t0 + Duration::from_secs(310));
        assert_eq!(
            s.wait(t0 + Duration::from_secs(310)),
            Some(Duration::from_secs(300))
        );
        assert!(s.start_if_due(t0 + Duration::from_secs(610)));
    }

    #[test]
    fn zero_turns_it_off_and_a_change_counts_from_the_last_poll() {
        let t0 = Instant::now();
        let mut s = Schedule::new(0, t0);
        assert!(!s.start_if_due(t0 + Duration::from_secs(100_000)));
        assert_eq!(s.wait(t0), None);
        s.set_minutes(1);
        assert!(s.start_if_due(t0 + Duration::from_secs(60)));
    }

    #[test]
    fn a_poll_by_hand_blocks_a_scheduled_one_until_it_finishes() {
        let t0 = Instant::now();
        let mut s = Schedule::new(1, t0);
        assert!(s.begin());
        assert!(!s.begin());
        assert!(!s.start_if_due(t0 + Duration::from_secs(120)));
        s.finished(t0 + Duration::from_secs(120));
        assert!(
            !s.start_if_due(t0 + Duration::from_secs(150)),
            "the interval counts from the last poll"
        );
    }
}
