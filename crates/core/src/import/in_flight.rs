//! The channel from the reader thread to the writer, bounded in bytes as well
//! as in messages: 256 prepared articles of up to 64 MB each could otherwise
//! hold 16 GB. The reader waits while more than [`MAX_IN_FLIGHT_BYTES`] of
//! prepared articles are waiting to be stored (one article always passes, so
//! a single large one cannot block the import).

use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::{Arc, Condvar, Mutex, PoisonError};

use super::Msg;
use crate::store::NewArticle;

/// Messages waiting in the channel.
const MAX_IN_FLIGHT_MESSAGES: usize = 256;
/// Bytes of prepared articles waiting in the channel.
pub(crate) const MAX_IN_FLIGHT_BYTES: u64 = 256 * 1024 * 1024;

#[derive(Default)]
struct Budget {
    /// Bytes sent and not yet received; `None` once the receiver is gone.
    bytes: Mutex<Option<u64>>,
    freed: Condvar,
}

/// Where the reader sends.
pub(crate) struct Outbox {
    tx: SyncSender<Msg>,
    budget: Arc<Budget>,
}

/// What the writer iterates over.
pub(crate) struct Inbox {
    rx: Receiver<Msg>,
    budget: Arc<Budget>,
}

pub(crate) fn channel() -> (Outbox, Inbox) {
    let (tx, rx) = sync_channel(MAX_IN_FLIGHT_MESSAGES);
    let budget = Arc::new(Budget {
        bytes: Mutex::new(Some(0)),
        freed: Condvar::new(),
    });
    (
        Outbox {
            tx,
            budget: budget.clone(),
        },
        Inbox { rx, budget },
    )
}

/// Memory an article holds, roughly: its text and its block layout.
fn weight(a: &NewArticle) -> u64 {
    let text = a.body.len()
        + a.title.len()
        + a.origin_path.len()
        + [&a.source, &a.url, &a.author]
            .iter()
            .map(|s| s.as_ref().map_or(0, String::len))
            .sum::<usize>();
    let blocks = a.layout.blocks.len() * 64 + a.layout.keys.len() * 16;
    (text + blocks) as u64
}

impl Outbox {
    /// Sends `msg`, first waiting for room; `false` when the writer is gone.
    pub(crate) fn send(&self, msg: Msg) -> bool {
        let w = match &msg {
            Msg::Article(a, _) => weight(a),
            _ => 0,
        };
        if w > 0 {
            let mut bytes = self
                .budget
                .bytes
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            loop {
                match *bytes {
                    None => return false,
                    Some(b) if b == 0 || b + w <= MAX_IN_FLIGHT_BYTES => {
                        *bytes = Some(b + w);
                        break;
                    }
                    Some(_) => {
                        bytes = self
                            .budget
                            .freed
                            .wait(bytes)
                            .unwrap_or_else(PoisonError::into_inner);
                    }
                }
            }
        }
        self.tx.send(msg).is_ok()
    }
}

impl Iterator for Inbox {
    type Item = Msg;

    fn next(&mut self) -> Option<Msg> {
        let msg = self.rx.recv().ok()?;
        if let Msg::Article(a, _) = &msg {
            let w = weight(a);
            let mut bytes = self
                .budget
                .bytes
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            if let Some(b) = bytes.as_mut() {
                *b = b.saturating_sub(w);
            }
            self.budget.freed.notify_all();
        }
        Some(msg)
    }
}

impl Drop for Inbox {
    fn drop(&mut self) {
        // A writer that stopped (an error) must not leave the reader waiting.
        *self
            .budget
            .bytes
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = None;
        self.budget.freed.notify_all();
    }
}
