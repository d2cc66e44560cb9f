//! How the packet animation plays, in plain Rust: paused or running, from which point of the
//! path, since when and how fast, and what each control (play or pause, step, go to an end, jump
//! to a hop, change the speed) makes of it. The canvas draws it; the page's clock is given.

/// How the animation plays.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Play {
    /// Whether it is held.
    pub paused: bool,
    /// The point of the path it starts from (or is held at): 0 is the source, `k` is hop `k`.
    pub at: usize,
    /// Multiple of the normal pace.
    pub speed: f64,
    /// When it started playing from `at` (the page's clock, in milliseconds).
    pub started: f64,
    /// How many times it was played over from the start without anything else changing (an
    /// embed that plays one flow in a loop counts them): each draws the flow again.
    pub round: u32,
}

/// A control of the animation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Control {
    /// Plays from where it is held (from the start once it has reached the end), or holds it.
    Toggle,
    /// Holds it one point back.
    StepBack,
    /// Holds it one point on.
    StepForward,
    /// Holds it at the source.
    ToStart,
    /// Holds it where the flow ends.
    ToEnd,
    /// Holds it at point `k` (hop `k`).
    Jump(usize),
    /// Goes on as it was, at this multiple of the normal pace.
    Speed(f64),
}

impl Play {
    /// Playing from point `at` since `now`, at `speed`.
    pub fn running(at: usize, speed: f64, now: f64) -> Self {
        Play {
            paused: false,
            at,
            speed,
            started: now,
            round: 0,
        }
    }

    /// Held at point `at` (since `now`).
    pub fn held(at: usize, speed: f64, now: f64) -> Self {
        Play {
            paused: true,
            ..Play::running(at, speed, now)
        }
    }

    /// The last point the packet has reached at time `now` on a path whose last point is `last`
    /// and whose point `i` it reaches `reaches(i)` seconds after the start at normal speed (the
    /// point it is held at when paused; the last one once the animation has ended).
    pub fn position(&self, last: usize, reaches: impl Fn(usize) -> f64, now: f64) -> usize {
        if self.paused {
            return self.at.min(last);
        }
        let t = reaches(self.at.min(last)) + (now - self.started).max(0.0) / 1000.0 * self.speed;
        (0..=last)
            .rev()
            .find(|&i| reaches(i) <= t + 1e-6)
            .unwrap_or(0)
    }

    /// What `control` makes of the animation when the packet is at point `at` of a path whose
    /// last point is `last`, at time `now`.
    pub fn after(self, control: Control, at: usize, last: usize, now: f64) -> Play {
        let speed = self.speed;
        match control {
            Control::Toggle if self.paused && at >= last => Play::running(0, speed, now),
            Control::Toggle if self.paused => Play::running(at, speed, now),
            Control::Toggle => Play::held(at, speed, now),
            Control::StepBack => Play::held(at.saturating_sub(1), speed, now),
            Control::StepForward => Play::held((at + 1).min(last), speed, now),
            Control::ToStart => Play::held(0, speed, now),
            Control::ToEnd => Play::held(last, speed, now),
            Control::Jump(k) => Play::held(k.min(last), speed, now),
            Control::Speed(x) if self.paused => Play::held(at, x, now),
            Control::Speed(x) => Play::running(at, x, now),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A path of four points the packet reaches one second apart.
    fn even(i: usize) -> f64 {
        i as f64
    }

    #[test]
    fn a_running_packet_moves_with_the_clock_and_its_speed() {
        let p = Play::running(0, 1.0, 1_000.0);
        assert_eq!(p.position(3, even, 1_000.0), 0);
        assert_eq!(p.position(3, even, 2_500.0), 1);
        assert_eq!(p.position(3, even, 9_000.0), 3, "it stays at the end");
        let fast = Play::running(1, 2.0, 0.0);
        assert_eq!(fast.position(3, even, 1_000.0), 3);
        assert_eq!(
            p.position(3, even, 0.0),
            0,
            "a clock before the start is the start"
        );
    }

    #[test]
    fn a_held_packet_stays_where_it_is_held_within_the_path() {
        let p = Play::held(2, 1.0, 0.0);
        assert_eq!(p.position(3, even, 50_000.0), 2);
        assert_eq!(Play::held(9, 1.0, 0.0).position(3, even, 0.0), 3);
    }

    #[test]
    fn toggle_holds_a_running_packet_and_plays_a_held_one_from_where_it_is() {
        let running = Play::running(0, 1.5, 0.0);
        let held = running.after(Control::Toggle, 2, 3, 10.0);
        assert_eq!(held, Play::held(2, 1.5, 10.0));
        let again = held.after(Control::Toggle, 2, 3, 20.0);
        assert_eq!(again, Play::running(2, 1.5, 20.0));
        let at_end = Play::held(3, 1.0, 0.0).after(Control::Toggle, 3, 3, 30.0);
        assert_eq!(
            at_end,
            Play::running(0, 1.0, 30.0),
            "from the start once at the end"
        );
    }

    #[test]
    fn steps_and_jumps_hold_the_packet_inside_the_path() {
        let p = Play::running(0, 1.0, 0.0);
        assert_eq!(p.after(Control::StepForward, 1, 3, 0.0).at, 2);
        assert_eq!(p.after(Control::StepForward, 3, 3, 0.0).at, 3);
        assert_eq!(p.after(Control::StepBack, 0, 3, 0.0).at, 0);
        assert_eq!(p.after(Control::StepBack, 2, 3, 0.0).at, 1);
        assert_eq!(p.after(Control::ToStart, 2, 3, 0.0).at, 0);
        assert_eq!(p.after(Control::ToEnd, 0, 3, 0.0).at, 3);
        assert_eq!(p.after(Control::Jump(7), 0, 3, 0.0).at, 3);
        for c in [
            Control::StepForward,
            Control::StepBack,
            Control::ToStart,
            Control::ToEnd,
            Control::Jump(1),
        ] {
            assert!(p.after(c, 1, 3, 0.0).paused, "{c:?} holds the packet");
        }
    }

    #[test]
    fn a_new_speed_keeps_the_packet_where_it_is_and_as_it_was() {
        let running = Play::running(0, 1.0, 0.0).after(Control::Speed(2.0), 2, 3, 5.0);
        assert_eq!(running, Play::running(2, 2.0, 5.0));
        let held = Play::held(1, 1.0, 0.0).after(Control::Speed(0.5), 1, 3, 5.0);
        assert_eq!(held, Play::held(1, 0.5, 5.0));
    }
}
