//! Attaché's event store: analysed documents with their entities, quotes, claims and
//! events in one SQLite database, and the questions analysts ask of them.
//!
//! - **Documents** are stored once: a document whose id or text (by BLAKE3 hash) is
//!   already stored is skipped, so re-ingesting an archive changes nothing and an
//!   interrupted ingest resumes where it stopped. Each batch is one transaction, and each
//!   document within it a savepoint: a crash or a bad document never leaves half of one.
//! - **Events** are deduplicated across articles ([`dedup`]): every coded event is stored as
//!   a *report* (with its document, evidence offsets and rule) and joins the event it
//!   reports — same dyad, CAMEO root class, overlapping dates, compatible places — whose
//!   `mentions`, `num_sources` and `num_articles` count its reports.
//! - **Accounts**: for each event, which sources assert it and which deny it (a denied
//!   report, "there were no negotiations, meetings"), or characterise it with codes far
//!   apart on the Goldstein scale; either makes the event *conflicting*.
//! - **Queries** ([`query`]): events by actor, dyad, code, dates and place; timelines;
//!   quotations by speaker; full-text search (FTS5) over documents and quotations;
//!   counts by root class and month.
//!
//! Every query binds its arguments as SQL parameters; none is ever spliced into SQL.

pub mod dedup;
pub mod query;
mod write;

pub use query::{Account, EventFilter, EventRow, Place, QuoteRow, SearchHit, Side, Stats};

pub use write::{content_hash, BatchOutcome, Known};

use rusqlite::Connection;
use std::path::{Path, PathBuf};

/// A problem with the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite failed, with what Attaché was doing.
    #[error("{path}: {doing}: {source}")]
    Sqlite {
        path: PathBuf,
        doing: String,
        #[source]
        source: rusqlite::Error,
    },
    /// The file is not an Attaché store, or one of another version.
    #[error("{path}: {message}")]
    Incompatible { path: PathBuf, message: String },
    /// A query argument that cannot be used.
    #[error("{0}")]
    BadArgument(String),
}

/// A day as the store writes it: `YYYY-MM-DD`.
pub(crate) fn day_text(date: chrono::NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// What a store call returns.
pub type Result<T> = std::result::Result<T, StoreError>;

/// The schema's version, kept in `PRAGMA user_version`.
const SCHEMA_VERSION: i64 = 1;

const SCHEMA: &str = "
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL UNIQUE,
    content_hash TEXT NOT NULL,
    title TEXT,
    date TEXT,
    outlet TEXT,
    byline TEXT,
    origin TEXT NOT NULL,
    text TEXT NOT NULL,
    tokens INTEGER NOT NULL,
    sentences INTEGER NOT NULL
);
CREATE INDEX documents_by_hash ON documents(content_hash);
CREATE TABLE entities (
    document INTEGER NOT NULL REFERENCES documents(id),
    idx INTEGER NOT NULL,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    actor TEXT,
    country TEXT,
    latitude REAL,
    longitude REAL,
    mentions INTEGER NOT NULL,
    PRIMARY KEY (document, idx)
) WITHOUT ROWID;
CREATE TABLE quotes (
    id INTEGER PRIMARY KEY,
    document INTEGER NOT NULL REFERENCES documents(id),
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    speaker TEXT,
    speaker_actor TEXT,
    kind TEXT NOT NULL,
    rule TEXT NOT NULL
);
CREATE INDEX quotes_by_document ON quotes(document);
CREATE TABLE claims (
    id INTEGER PRIMARY KEY,
    document INTEGER NOT NULL REFERENCES documents(id),
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    source TEXT NOT NULL,
    rule TEXT NOT NULL
);
CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    root TEXT NOT NULL,
    dyad TEXT NOT NULL,
    cameo TEXT NOT NULL,
    source_actor TEXT,
    source_name TEXT,
    target_actor TEXT,
    target_name TEXT,
    date TEXT,
    date_start TEXT,
    date_end TEXT,
    place TEXT,
    place_country TEXT,
    whole_country INTEGER NOT NULL DEFAULT 0,
    latitude REAL,
    longitude REAL,
    goldstein REAL,
    quad_class INTEGER,
    plover TEXT,
    mentions INTEGER NOT NULL,
    num_sources INTEGER NOT NULL,
    num_articles INTEGER NOT NULL,
    asserts INTEGER NOT NULL,
    denies INTEGER NOT NULL,
    conflict INTEGER NOT NULL
);
CREATE INDEX events_by_key ON events(root, dyad);
CREATE INDEX events_by_date ON events(date_start);
CREATE TABLE reports (
    id INTEGER PRIMARY KEY,
    event INTEGER NOT NULL REFERENCES events(id),
    document INTEGER NOT NULL REFERENCES documents(id),
    idx INTEGER NOT NULL,
    sentence INTEGER NOT NULL,
    cameo TEXT NOT NULL,
    source_actor TEXT,
    source_text TEXT,
    source_name TEXT,
    target_actor TEXT,
    target_text TEXT,
    target_name TEXT,
    date TEXT,
    date_rule TEXT,
    place TEXT,
    place_country TEXT,
    whole_country INTEGER NOT NULL,
    weak_place INTEGER NOT NULL,
    latitude REAL,
    longitude REAL,
    goldstein REAL,
    quad_class INTEGER,
    plover TEXT,
    negated INTEGER NOT NULL,
    modality TEXT NOT NULL,
    speaker TEXT,
    trigger_start INTEGER NOT NULL,
    trigger_end INTEGER NOT NULL,
    evidence_start INTEGER NOT NULL,
    evidence_end INTEGER NOT NULL,
    evidence TEXT NOT NULL,
    rule TEXT NOT NULL
);
CREATE INDEX reports_by_event ON reports(event, document);
CREATE INDEX reports_by_document ON reports(document);
CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content='documents', content_rowid='id');
CREATE VIRTUAL TABLE quotes_fts USING fts5(text, speaker, content='quotes', content_rowid='id');
";

/// An Attaché store: one SQLite database file.
pub struct Store {
    connection: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens the store at `path`, creating it (and its schema) if it does not exist.
    pub fn open(path: &Path) -> Result<Store> {
        let store = Store::connect(path, false)?;
        store.prepare_schema()?;
        Ok(store)
    }

    /// Opens an existing store for queries only.
    pub fn open_read_only(path: &Path) -> Result<Store> {
        if !path.exists() {
            return Err(StoreError::Incompatible {
                path: path.to_path_buf(),
                message: "no such store; create it with `attache ingest INPUT... --db FILE`".into(),
            });
        }
        let store = Store::connect(path, true)?;
        store.check_version()?;
        Ok(store)
    }

    fn connect(path: &Path, read_only: bool) -> Result<Store> {
        use rusqlite::OpenFlags;
        let flags = if read_only {
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX
        } else {
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX
        };
        let connection = Connection::open_with_flags(path, flags).map_err(|source| StoreError::Sqlite {
            path: path.to_path_buf(),
            doing: "cannot open the database".into(),
            source,
        })?;
        let store = Store { connection, path: path.to_path_buf() };
        // WAL: readers never block the writer, and a killed writer leaves the last
        // committed batch intact. NORMAL sync is durable at each checkpoint and never corrupt.
        let pragmas = if read_only {
            "PRAGMA busy_timeout = 10000;"
        } else {
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON;"
        };
        store.connection.execute_batch(pragmas).map_err(|e| store.error("cannot configure the database", e))?;
        Ok(store)
    }

    fn prepare_schema(&self) -> Result<()> {
        let version = self.version()?;
        if version == 0 {
            let empty: i64 = self
                .connection
                .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
                .map_err(|e| self.error("cannot read the schema", e))?;
            if empty != 0 {
                return Err(StoreError::Incompatible {
                    path: self.path.clone(),
                    message: "this SQLite database is not an Attaché store; give a new file to --db".into(),
                });
            }
            let script = format!("BEGIN; {SCHEMA} PRAGMA user_version = {SCHEMA_VERSION}; COMMIT;");
            self.connection.execute_batch(&script).map_err(|e| self.error("cannot create the schema", e))?;
            return Ok(());
        }
        self.check_version()
    }

    fn version(&self) -> Result<i64> {
        self.connection
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| self.error("cannot read the schema version", e))
    }

    fn check_version(&self) -> Result<()> {
        match self.version()? {
            SCHEMA_VERSION => Ok(()),
            0 => Err(StoreError::Incompatible { path: self.path.clone(), message: "not an Attaché store".into() }),
            other => Err(StoreError::Incompatible {
                path: self.path.clone(),
                message: format!("store schema version {other}, but this attache reads version {SCHEMA_VERSION}; re-ingest into a new file"),
            }),
        }
    }

    /// Moves everything written into the database file itself and empties the write-ahead
    /// log, so the file alone holds the store (and its size is the store's).
    pub fn checkpoint(&self) -> Result<()> {
        self.connection
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .map_err(|e| self.error("cannot checkpoint", e))
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// True when SQLite finds the database intact (`PRAGMA integrity_check`).
    pub fn is_intact(&self) -> Result<bool> {
        let verdict: String = self
            .connection
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .map_err(|e| self.error("cannot check integrity", e))?;
        Ok(verdict == "ok")
    }

    fn error(&self, doing: &str, source: rusqlite::Error) -> StoreError {
        StoreError::Sqlite { path: self.path.clone(), doing: doing.to_string(), source }
    }
}
