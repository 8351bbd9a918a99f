//! Answers to queries kept in memory until the store changes. An analyst's page asks the
//! same questions again (the first page of events, a dyad's timeline), and so do many
//! analysts over one archive; the store changes only when documents are stored. Each
//! answer is kept with the store's version: the sizes and times of the database file and
//! of its write-ahead log, which every commit changes, whichever process makes it.

use axum::body::Bytes;
use std::collections::{HashMap, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

/// The largest answer kept: bigger ones (whole exports) are computed each time.
const MAX_ENTRY_BYTES: usize = 2 << 20;

/// What identifies the store's content: the size and modification time of its files.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StoreVersion([(u64, Option<SystemTime>); 2]);

pub struct ResponseCache {
    files: [PathBuf; 2],
    budget: usize,
    inner: Mutex<Entries>,
}

#[derive(Default)]
struct Entries {
    answers: HashMap<String, (StoreVersion, Bytes)>,
    /// Keys in the order they were stored, to drop the oldest first.
    order: VecDeque<String>,
    bytes: usize,
}

impl ResponseCache {
    /// A cache of at most `budget` bytes of answers about the store at `db` (none at 0).
    pub fn new(db: &Path, budget: usize) -> ResponseCache {
        let mut wal = db.as_os_str().to_owned();
        wal.push("-wal");
        ResponseCache { files: [db.to_path_buf(), wal.into()], budget, inner: Mutex::new(Entries::default()) }
    }

    /// The store's version now.
    pub fn version(&self) -> StoreVersion {
        StoreVersion(self.files.clone().map(|file| match std::fs::metadata(&file) {
            Ok(meta) => (meta.len(), meta.modified().ok()),
            Err(_) => (0, None),
        }))
    }

    /// The answer kept for `key`, if the store has not changed since.
    pub fn get(&self, key: &str, version: StoreVersion) -> Option<Bytes> {
        if self.budget == 0 {
            return None;
        }
        let entries = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        entries.answers.get(key).filter(|(kept, _)| *kept == version).map(|(_, body)| body.clone())
    }

    /// Keeps `body` as the answer for `key` at `version`, dropping the oldest answers (and
    /// all of an older version) to stay within the budget.
    pub fn put(&self, key: String, version: StoreVersion, body: Bytes) {
        if body.len() > MAX_ENTRY_BYTES.min(self.budget) {
            return;
        }
        let mut entries = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        if entries.answers.values().next().is_some_and(|(kept, _)| *kept != version) {
            *entries = Entries::default();
        }
        if let Some((_, old)) = entries.answers.remove(&key) {
            entries.bytes -= old.len();
            entries.order.retain(|k| *k != key);
        }
        while entries.bytes + body.len() > self.budget {
            let Some(oldest) = entries.order.pop_front() else { break };
            if let Some((_, old)) = entries.answers.remove(&oldest) {
                entries.bytes -= old.len();
            }
        }
        entries.bytes += body.len();
        entries.order.push_back(key.clone());
        entries.answers.insert(key, (version, body));
    }
}
