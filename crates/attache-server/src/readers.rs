//! Read-only connections to the store, kept open between requests: opening one costs more
//! than most queries.

use attache::store::{Store, StoreError};
use std::path::PathBuf;
use std::sync::Mutex;

/// Connections kept open for later requests; more are opened while more queries run.
const KEPT: usize = 32;

pub struct Readers {
    db: PathBuf,
    idle: Mutex<Vec<Store>>,
}

impl Readers {
    pub fn new(db: PathBuf) -> Readers {
        Readers { db, idle: Mutex::new(Vec::new()) }
    }

    /// Runs `query` on a read-only connection (blocking: call it off the async threads).
    pub fn with<T>(&self, query: impl FnOnce(&Store) -> Result<T, StoreError>) -> Result<T, StoreError> {
        let idle = self.idle.lock().unwrap_or_else(|e| e.into_inner()).pop();
        let store = match idle {
            Some(store) => store,
            None => Store::open_read_only(&self.db)?,
        };
        let result = query(&store);
        let mut idle = self.idle.lock().unwrap_or_else(|e| e.into_inner());
        if idle.len() < KEPT {
            idle.push(store);
        }
        result
    }
}
