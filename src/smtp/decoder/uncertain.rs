//! Pairing replies with commands when the capture lost some of either: a small set of
//! hypotheses, narrowed by every reply that follows, settled by the first one all agree on.
//!
//! Without loss, replies answer the queue of expectations in order (RFC 2920 §3). A gap breaks
//! that: a server gap may hold any number of replies (at most one per [`MIN_REPLY_BYTES`] of
//! it), a client gap any number of commands (at most one per [`MIN_LINE_BYTES`]) whose replies
//! will come, and a gap inside a multi-line reply may leave its tail to arrive as if it were a
//! reply of its own. A [`Hyp`] is one way the facts fit: how many queued expectations are already
//! answered, how many replies to lost commands are still due (before the expectation at
//! `lost_at`), and whether the next reply may be such a tail. Each reply keeps only the
//! hypotheses under which it fits what it would answer (the caller's `accepts`, from the reply
//! codes RFC 5321 §4.3.2 allows); a reply that all remaining hypotheses pair the same way is
//! paired, others stay open. Every transition is recorded, so when the hypotheses later narrow
//! down, the open replies are paired after the fact by walking the record backwards
//! ([`Uncertainty::trace`]). Nothing is ever paired that some surviving hypothesis pairs
//! differently: a reply is left unpaired rather than paired wrongly.
//!
//! Bounded: at most [`MAX_HYPOTHESES`] hypotheses (beyond, [`TooMany`]: the caller gives up
//! pairing until the client shows it has every reply) and [`MAX_STEPS`] recorded transitions
//! (older ones are forgotten: their open replies stay unpaired). Must not: know what an
//! expectation is (the caller's `accepts` does) or touch the dialogue.

use std::collections::BTreeSet;

/// Most hypotheses held at once.
pub const MAX_HYPOTHESES: usize = 64;
/// Most transitions remembered for pairing open replies after the fact.
pub const MAX_STEPS: usize = 256;
/// The shortest reply: a code and CRLF (`250\r\n`).
pub const MIN_REPLY_BYTES: u64 = 5;
/// The shortest client line that gets a reply: CRLF alone (an empty SASL response).
pub const MIN_LINE_BYTES: u64 = 2;
/// No bound on replies still due (a count stays here once it reaches it).
pub const UNBOUNDED: u64 = u64::MAX;

/// One way the facts fit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Hyp {
    /// Expectations at the front of the queue already answered (by replies seen or lost).
    pub consumed: usize,
    /// At least this many replies to lost commands are still due.
    pub lost_lo: u64,
    /// At most this many ([`UNBOUNDED`]: no bound).
    pub lost_hi: u64,
    /// The next reply is the rest of the reply a gap cut short.
    pub tail: bool,
}

impl Hyp {
    const START: Hyp = Hyp {
        consumed: 0,
        lost_lo: 0,
        lost_hi: 0,
        tail: false,
    };

    /// Whether nothing is left open: no lost reply due, no tail.
    pub fn is_plain(self) -> bool {
        self.lost_hi == 0 && !self.tail
    }
}

/// What a reply answers under one hypothesis.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Target {
    /// The expectation at this index of the queue.
    Pending(usize),
    /// A command the capture lost.
    Lost,
    /// It is the rest of the reply a gap cut short.
    Tail,
    /// Nothing the decoder knows of (an extra reply).
    Nothing,
}

/// The number of hypotheses would pass [`MAX_HYPOTHESES`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TooMany;

/// What one reply turned out to answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Every hypothesis that admits the reply pairs it the same way.
    Certain(Target),
    /// Hypotheses pair it differently: open, perhaps paired later by [`Uncertainty::trace`].
    Open,
    /// No hypothesis admits it (an extra reply): nothing changes.
    Unfit,
}

/// One recorded transition: the reply that caused it (`None`: a gap), and every (before,
/// target, after) it allowed.
#[derive(Clone, Debug)]
struct Step<P> {
    reply: Option<P>,
    choices: Vec<(Hyp, Target, Hyp)>,
}

/// The hypotheses and the record of how they came to be.
#[derive(Clone, Debug)]
pub struct Uncertainty<P> {
    hyps: Vec<Hyp>,
    /// Queue index before which the replies to lost commands come.
    lost_at: usize,
    steps: Vec<Step<P>>,
}

impl<P: Clone> Default for Uncertainty<P> {
    fn default() -> Self {
        Uncertainty {
            hyps: vec![Hyp::START],
            lost_at: 0,
            steps: Vec::new(),
        }
    }
}

fn sat_dec(n: u64) -> u64 {
    if n == UNBOUNDED {
        UNBOUNDED
    } else {
        n.saturating_sub(1)
    }
}

fn sat_add(a: u64, b: u64) -> u64 {
    if a == UNBOUNDED || b == UNBOUNDED {
        UNBOUNDED
    } else {
        a.saturating_add(b).min(UNBOUNDED.saturating_sub(1))
    }
}

impl<P: Clone> Uncertainty<P> {
    /// The hypotheses.
    pub fn hypotheses(&self) -> &[Hyp] {
        &self.hyps
    }

    /// When a single plain hypothesis is left: how many expectations are answered.
    pub fn settled(&self) -> Option<usize> {
        match self.hyps.as_slice() {
            [h] if h.is_plain() => Some(h.consumed),
            _ => None,
        }
    }

    /// Hypotheses split so each pairs the next reply one way, each with the hypothesis it came
    /// from: one whose lost count may be zero or more becomes one with none due and one with at
    /// least one due.
    fn expand(hyps: &[Hyp], lost_at: usize) -> Vec<(Hyp, Hyp)> {
        let mut out = Vec::with_capacity(hyps.len());
        for &h in hyps {
            if !h.tail && h.consumed >= lost_at && h.lost_lo == 0 && h.lost_hi > 0 {
                out.push((h, Hyp { lost_hi: 0, ..h }));
                out.push((h, Hyp { lost_lo: 1, ..h }));
            } else {
                out.push((h, h));
            }
        }
        out
    }

    /// What the next reply answers under a split hypothesis.
    fn target(h: Hyp, lost_at: usize, queue_len: usize) -> Target {
        if h.tail {
            Target::Tail
        } else if h.consumed < lost_at {
            Target::Pending(h.consumed)
        } else if h.lost_lo > 0 {
            Target::Lost
        } else if h.consumed < queue_len {
            Target::Pending(h.consumed)
        } else {
            Target::Nothing
        }
    }

    fn advance(h: Hyp, target: Target) -> Hyp {
        match target {
            Target::Tail => Hyp { tail: false, ..h },
            Target::Pending(i) => Hyp {
                consumed: i.saturating_add(1),
                ..h
            },
            Target::Lost => Hyp {
                lost_lo: h.lost_lo.saturating_sub(1),
                lost_hi: sat_dec(h.lost_hi),
                ..h
            },
            Target::Nothing => h,
        }
    }

    fn record(&mut self, reply: Option<P>, choices: Vec<(Hyp, Target, Hyp)>) {
        if self.steps.len() >= MAX_STEPS {
            self.steps.remove(0);
        }
        self.steps.push(Step { reply, choices });
    }

    fn set(&mut self, hyps: BTreeSet<Hyp>) -> Result<(), TooMany> {
        if hyps.len() > MAX_HYPOTHESES {
            return Err(TooMany);
        }
        self.hyps = hyps.into_iter().collect();
        Ok(())
    }

    /// A reply (`payload`, handed back by [`Uncertainty::trace`]) that admits the targets
    /// `accepts` says yes to, with `queue_len` expectations queued.
    pub fn reply(&mut self, payload: P, queue_len: usize, accepts: impl Fn(Target) -> bool) -> Verdict {
        let lost_at = self.lost_at;
        let mut choices: Vec<(Hyp, Target, Hyp)> = Self::expand(&self.hyps, lost_at)
            .into_iter()
            .map(|(from, h)| (from, h, Self::target(h, lost_at, queue_len)))
            .filter(|&(_, _, t)| accepts(t))
            .map(|(from, h, t)| (from, t, Self::advance(h, t)))
            .collect();
        // A reply to something the decoder knows of beats a reply to nothing.
        if choices.iter().any(|c| c.1 != Target::Nothing) {
            choices.retain(|c| c.1 != Target::Nothing);
        }
        let Some(&(_, first, _)) = choices.first() else {
            return Verdict::Unfit;
        };
        let verdict = if choices.iter().all(|c| c.1 == first) {
            Verdict::Certain(first)
        } else {
            Verdict::Open
        };
        let after: BTreeSet<Hyp> = choices.iter().map(|c| c.2).collect();
        self.hyps = after.into_iter().collect();
        self.record(Some(payload), choices);
        verdict
    }

    /// A server gap that may hold up to `max_replies` replies; `cut` is the code of a reply it cut
    /// short, whose rest may come as the next reply.
    pub fn server_gap(
        &mut self,
        max_replies: u64,
        cut: Option<u16>,
        queue_len: usize,
    ) -> Result<(), TooMany> {
        let lost_at = self.lost_at;
        let mut all = BTreeSet::new();
        let mut choices = Vec::new();
        for &start in &self.hyps {
            let mut seen: BTreeSet<Hyp> = BTreeSet::from([start]);
            let mut frontier = vec![start];
            let mut j = 0u64;
            while j < max_replies && !frontier.is_empty() {
                j = j.saturating_add(1);
                let mut next = Vec::new();
                for (_, h) in Self::expand(&frontier, lost_at) {
                    let t = Self::target(h, lost_at, queue_len);
                    if t == Target::Nothing {
                        continue;
                    }
                    let a = Self::advance(h, t);
                    if seen.insert(a) {
                        next.push(a);
                    }
                }
                if seen.len() > MAX_HYPOTHESES {
                    return Err(TooMany);
                }
                frontier = next;
            }
            if cut.is_some() {
                seen.insert(Hyp { tail: true, ..start });
            }
            for a in seen {
                choices.push((start, Target::Nothing, a));
                all.insert(a);
            }
        }
        self.set(all)?;
        self.record(None, choices);
        Ok(())
    }

    /// A client gap that lost between `lo` and `hi` commands whose replies will come after those
    /// of the `queue_len` expectations queued now.
    pub fn client_gap(&mut self, lo: u64, hi: u64, queue_len: usize) -> Result<(), TooMany> {
        if hi == 0 {
            return Ok(());
        }
        let open_elsewhere = self.lost_at != queue_len && self.hyps.iter().any(|h| h.lost_hi > 0);
        if open_elsewhere {
            return Err(TooMany);
        }
        self.lost_at = queue_len;
        let mut choices = Vec::new();
        let after: BTreeSet<Hyp> = self
            .hyps
            .iter()
            .map(|&h| {
                let a = Hyp {
                    lost_lo: sat_add(h.lost_lo, lo),
                    lost_hi: sat_add(h.lost_hi, hi),
                    ..h
                };
                choices.push((h, Target::Lost, a));
                a
            })
            .collect();
        self.set(after)?;
        self.record(None, choices);
        Ok(())
    }

    /// Keeps the hypotheses `keep` admits; false (and nothing changes) when none would be left.
    pub fn prune(&mut self, keep: impl Fn(&Hyp) -> bool) -> bool {
        if !self.hyps.iter().any(&keep) {
            return false;
        }
        self.hyps.retain(keep);
        true
    }

    /// Pairs what can be paired after the fact: walking the record back from the hypotheses that
    /// `keep` admits, every recorded reply that all paths pair the same way, with its target.
    pub fn trace(&self, keep: impl Fn(&Hyp) -> bool) -> Vec<(P, Target)> {
        let mut states: BTreeSet<Hyp> = self.hyps.iter().copied().filter(|h| keep(h)).collect();
        let mut out = Vec::new();
        for step in self.steps.iter().rev() {
            let preds: Vec<&(Hyp, Target, Hyp)> =
                step.choices.iter().filter(|c| states.contains(&c.2)).collect();
            if preds.is_empty() {
                break;
            }
            if let (Some(reply), Some(first)) = (&step.reply, preds.first()) {
                if preds.iter().all(|c| c.1 == first.1) {
                    out.push((reply.clone(), first.1));
                }
            }
            states = preds.iter().map(|c| c.0).collect();
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A queue of expectations as the codes each accepts.
    fn accepts<'a>(queue: &'a [&'a [u16]], code: u16) -> impl Fn(Target) -> bool + 'a {
        move |t| match t {
            Target::Pending(i) => queue.get(i).is_some_and(|ok| ok.contains(&code) || code >= 400),
            Target::Lost => true,
            Target::Tail => code == 250,
            Target::Nothing => code >= 400,
        }
    }

    const MAIL: &[u16] = &[250];
    const RCPT: &[u16] = &[250];
    const DATA: &[u16] = &[354];
    const END: &[u16] = &[250];

    #[test]
    fn a_lost_reply_leaves_the_next_open_until_a_distinctive_one_settles_both() {
        let queue: &[&[u16]] = &[MAIL, RCPT, DATA];
        let mut u = Uncertainty::<&str>::default();
        u.server_gap(3, None, 3).unwrap();
        assert_eq!(u.reply("250", 3, accepts(queue, 250)), Verdict::Open);
        assert_eq!(
            u.reply("354", 3, accepts(queue, 354)),
            Verdict::Certain(Target::Pending(2))
        );
        assert_eq!(u.settled(), Some(3));
        assert_eq!(
            u.trace(|_| true),
            [("354", Target::Pending(2)), ("250", Target::Pending(1))]
        );
    }

    #[test]
    fn a_gap_too_short_for_a_reply_changes_nothing() {
        let queue: &[&[u16]] = &[MAIL, RCPT];
        let mut u = Uncertainty::<()>::default();
        u.server_gap(0, None, 2).unwrap();
        assert_eq!(u.settled(), Some(0));
        assert_eq!(
            u.reply((), 2, accepts(queue, 250)),
            Verdict::Certain(Target::Pending(0))
        );
    }

    #[test]
    fn replies_to_lost_commands_come_before_later_ones() {
        let queue: &[&[u16]] = &[END];
        let mut u = Uncertainty::<()>::default();
        // One or two commands lost; then a command whose expectation is queued at index 0.
        u.client_gap(1, 2, 0).unwrap();
        assert_eq!(
            u.reply((), 1, accepts(queue, 250)),
            Verdict::Certain(Target::Lost)
        );
        assert_eq!(u.reply((), 1, accepts(queue, 250)), Verdict::Open);
        assert_eq!(u.settled(), None);
    }

    #[test]
    fn the_tail_of_a_cut_reply_is_a_candidate_only_with_the_same_code() {
        let queue: &[&[u16]] = &[MAIL];
        let mut u = Uncertainty::<()>::default();
        u.server_gap(0, Some(250), 1).unwrap();
        assert_eq!(u.reply((), 1, accepts(queue, 250)), Verdict::Open);
        let mut v = Uncertainty::<()>::default();
        v.server_gap(0, Some(250), 1).unwrap();
        assert_eq!(
            v.reply((), 1, accepts(queue, 550)),
            Verdict::Certain(Target::Pending(0))
        );
    }

    #[test]
    fn pruning_never_leaves_nothing_and_trace_follows_the_survivors() {
        let queue: &[&[u16]] = &[MAIL, RCPT];
        let mut u = Uncertainty::<u8>::default();
        u.server_gap(2, None, 2).unwrap();
        assert_eq!(u.reply(1, 2, accepts(queue, 250)), Verdict::Open);
        assert!(!u.prune(|h| h.consumed > 5));
        assert!(u.prune(|h| h.consumed == 2));
        assert_eq!(u.trace(|_| true), [(1, Target::Pending(1))]);
    }

    #[test]
    fn unbounded_losses_stay_bounded_in_hypotheses() {
        let queue: &[&[u16]] = &[MAIL, RCPT, DATA];
        let mut u = Uncertainty::<()>::default();
        u.client_gap(0, UNBOUNDED, 0).unwrap();
        u.server_gap(10_000, None, 3).unwrap();
        assert!(u.hypotheses().len() <= MAX_HYPOTHESES);
        for _ in 0..100 {
            u.reply((), 3, accepts(queue, 250));
        }
        assert!(u.hypotheses().len() <= MAX_HYPOTHESES);
    }
}
