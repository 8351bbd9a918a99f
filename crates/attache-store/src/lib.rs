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

pub use query::{
    Account, DocumentReport, DocumentRow, EventFilter, EventRow, Period, Place, QuoteRow, SearchHit, Side, Stats,
    StoredEntity, TimelinePoint,
};

pub use write::{content_hash, BatchOutcome, Known};

use rusqlite::Connection;
use std::path::{Path, PathBuf};

/// A problem with the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite failed, with what Attaché was doing (and, for the failures a user can act
    /// on, what to do).
    #[error("{path}: {doing}: {source}{}", advice(source))]
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

/// What to do about an SQLite failure a user can act on.
fn advice(error: &rusqlite::Error) -> &'static str {
    use rusqlite::ErrorCode;
    match error.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
            " (another process kept the store busy for over a minute, an ingest most likely; try again when it ends)"
        }
        Some(ErrorCode::ReadOnly) => {
            " (the store or its folder is read-only; queries work, ingest needs a writable copy)"
        }
        Some(ErrorCode::NotADatabase) => {
            " (the file is not an SQLite database, so not an Attaché store; give a new file to --db)"
        }
        Some(ErrorCode::CannotOpen) => " (check that the folder exists and can be written)",
        Some(ErrorCode::DiskFull) => {
            " (the disk is full: the last whole batch is kept; free space and ingest again to resume)"
        }
        _ => "",
    }
}

/// How much of the store a reader maps into memory: queries then read pages in place
/// instead of copying each from the operating system's cache.
const READ_MMAP_BYTES: u64 = 1 << 30;

/// How long a writer waits for another process's write to end (SQLite's busy timeout).
const BUSY_WAIT_MS: u32 = 60_000;

/// A day as the store writes it: `YYYY-MM-DD`.
pub(crate) fn day_text(date: chrono::NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// What a store call returns.
pub type Result<T> = std::result::Result<T, StoreError>;

/// The schema's version, kept in `PRAGMA user_version`. Version 1 lacked the query indexes
/// ([`QUERY_INDEXES`]); opening such a store for writing adds them.
const SCHEMA_VERSION: i64 = 2;

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

/// What makes queries fast on a large store (schema version 2): events in listing order, so
/// that a page is read without sorting them all; events by place and the conflicting ones;
/// reports by actor code; and the words of
/// each report's source and target (names and the article's words for them), so that an
/// actor's events are found without reading every report. Filled from the reports already
/// stored, so that it also upgrades a store of version 1.
const QUERY_INDEXES: &str = "
CREATE INDEX events_in_order ON events(date_start IS NULL, date_start, date_end, id);
CREATE INDEX events_by_place ON events(place COLLATE NOCASE);
CREATE INDEX events_by_country ON events(place_country);
CREATE INDEX events_conflicting ON events(conflict) WHERE conflict = 1;
CREATE INDEX reports_by_source_actor ON reports(source_actor, event);
CREATE INDEX reports_by_target_actor ON reports(target_actor, event);
CREATE VIRTUAL TABLE report_actors USING fts5(source, target, tokenize='unicode61 remove_diacritics 2');
INSERT INTO report_actors(rowid, source, target)
    SELECT id, concat_ws(' ', source_name, source_text), concat_ws(' ', target_name, target_text) FROM reports;
";

/// Refuses a folder given as the store, which SQLite would report as a disk I/O error.
fn refuse_folder(path: &Path) -> Result<()> {
    if path.is_dir() {
        return Err(StoreError::Incompatible {
            path: path.to_path_buf(),
            message: "is a folder; give --db the store's file name (e.g. attache.db)".into(),
        });
    }
    Ok(())
}

/// A path as an SQLite URI writes it: `%`, `?` and `#` escaped.
fn percent_encode_path(path: &str) -> String {
    path.replace('%', "%25").replace('?', "%3f").replace('#', "%23")
}

/// An Attaché store: one SQLite database file.
pub struct Store {
    connection: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens the store at `path`, creating it (and its schema) if it does not exist. Two
    /// processes may open one store: their writes take turns.
    pub fn open(path: &Path) -> Result<Store> {
        refuse_folder(path)?;
        let store = Store::connect(path, false)?;
        store.prepare_schema()?;
        Ok(store)
    }

    /// Opens an existing store for queries only. A store in a folder that cannot be written
    /// (a read-only archive, a mounted image) is read as it is.
    pub fn open_read_only(path: &Path) -> Result<Store> {
        if !path.exists() {
            return Err(StoreError::Incompatible {
                path: path.to_path_buf(),
                message: "no such store; create it with `attache ingest INPUT... --db FILE`".into(),
            });
        }
        refuse_folder(path)?;
        let store = match Store::connect(path, true) {
            // SQLite needs to create the write-ahead log's shared-memory file beside the store;
            // where it cannot, and so nobody can be writing, the file is opened as immutable.
            Err(StoreError::Sqlite { source, .. })
                if matches!(
                    source.sqlite_error_code(),
                    Some(rusqlite::ErrorCode::CannotOpen | rusqlite::ErrorCode::ReadOnly)
                ) =>
            {
                Store::connect_immutable(path)?
            }
            other => other?,
        };
        // A store of version 1 is upgraded in place where it can be written.
        if store.version()? == 1 && Store::open(path).is_ok() {
            return Store::open_read_only(path);
        }
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
        // The wait first, so that even switching the journal waits for another writer.
        // WAL: readers never block the writer, and a killed writer leaves the last
        // committed batch intact. NORMAL sync is durable at each checkpoint and never corrupt.
        let pragmas = if read_only {
            format!("PRAGMA busy_timeout = {BUSY_WAIT_MS}; PRAGMA mmap_size = {READ_MMAP_BYTES}; SELECT count(*) FROM sqlite_master;")
        } else {
            format!("PRAGMA busy_timeout = {BUSY_WAIT_MS}; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;")
        };
        store.connection.execute_batch(&pragmas).map_err(|e| store.error("cannot open the database", e))?;
        Ok(store)
    }

    fn connect_immutable(path: &Path) -> Result<Store> {
        use rusqlite::OpenFlags;
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let uri = format!("file:{}?immutable=1", percent_encode_path(&absolute.to_string_lossy()));
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let connection = Connection::open_with_flags(uri, flags).map_err(|source| StoreError::Sqlite {
            path: path.to_path_buf(),
            doing: "cannot open the database read-only".into(),
            source,
        })?;
        Ok(Store { connection, path: path.to_path_buf() })
    }

    fn prepare_schema(&self) -> Result<()> {
        if self.version()? == SCHEMA_VERSION {
            return Ok(());
        }
        // Another process may be creating the schema at this moment: take the write lock
        // (waiting for it), then look again.
        let begin = self.connection.execute_batch("BEGIN IMMEDIATE");
        begin.map_err(|e| self.error("cannot lock the store to create its schema", e))?;
        let created = (|| {
            if self.version()? == 1 {
                let script = format!("{QUERY_INDEXES} PRAGMA user_version = {SCHEMA_VERSION};");
                return self.connection.execute_batch(&script).map_err(|e| self.error("cannot upgrade the store", e));
            }
            if self.version()? != 0 {
                return self.check_version();
            }
            if !self.is_blank()? {
                return Err(StoreError::Incompatible {
                    path: self.path.clone(),
                    message: "this SQLite database is not an Attaché store; give a new file to --db".into(),
                });
            }
            let script = format!("{SCHEMA} {QUERY_INDEXES} PRAGMA user_version = {SCHEMA_VERSION};");
            self.connection.execute_batch(&script).map_err(|e| self.error("cannot create the schema", e))
        })();
        let end = if created.is_ok() { "COMMIT" } else { "ROLLBACK" };
        self.connection.execute_batch(end).map_err(|e| self.error("cannot create the schema", e))?;
        created
    }

    /// True for a database with no tables at all.
    fn is_blank(&self) -> Result<bool> {
        let tables: i64 = self
            .connection
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
            .map_err(|e| self.error("cannot read the schema", e))?;
        Ok(tables == 0)
    }

    fn version(&self) -> Result<i64> {
        self.connection
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| self.error("cannot read the schema version", e))
    }

    fn check_version(&self) -> Result<()> {
        match self.version()? {
            SCHEMA_VERSION => Ok(()),
            0 if self.is_blank()? => Err(StoreError::Incompatible {
                path: self.path.clone(),
                message: "an empty store: its first ingest ended before storing anything; run `attache ingest` again"
                    .into(),
            }),
            0 => Err(StoreError::Incompatible { path: self.path.clone(), message: "not an Attaché store".into() }),
            1 => Err(StoreError::Incompatible {
                path: self.path.clone(),
                message: "a store of schema version 1, which this attache upgrades when it can write the store; copy it where it can be written and query the copy".into(),
            }),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn message<T>(result: Result<T>) -> String {
        match result {
            Ok(_) => panic!("expected an error"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn stores_of_another_version_folders_and_other_files_are_refused_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let newer = dir.path().join("newer.db");
        Store::open(&newer).unwrap();
        Connection::open(&newer).unwrap().execute_batch("PRAGMA user_version = 7").unwrap();
        for refused in [message(Store::open(&newer)), message(Store::open_read_only(&newer))] {
            assert!(refused.contains("store schema version 7, but this attache reads version 2"), "{refused}");
        }
        let folder = message(Store::open(dir.path()));
        assert!(folder.contains("is a folder; give --db the store's file name"), "{folder}");
        let text = dir.path().join("notes.db");
        std::fs::write(&text, "meeting notes, not a database ".repeat(100)).unwrap();
        let refused = message(Store::open(&text));
        assert!(refused.contains("notes.db") && refused.contains("not an SQLite database"), "{refused}");
        assert!(std::fs::read_to_string(&text).unwrap().starts_with("meeting notes"), "left as it was");
    }

    #[test]
    fn a_store_of_version_1_is_upgraded_with_its_reports_indexed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        Store::open(&path).unwrap();
        // Version 1: the same tables without the query indexes, holding one report.
        Connection::open(&path)
            .unwrap()
            .execute_batch(
                "DROP TABLE report_actors; DROP INDEX events_in_order; DROP INDEX events_by_place;
                 DROP INDEX events_by_country; DROP INDEX events_conflicting;
                 DROP INDEX reports_by_source_actor; DROP INDEX reports_by_target_actor;
                 INSERT INTO documents (doc_id, content_hash, date, outlet, origin, text, tokens, sentences)
                     VALUES ('d1', 'h', '2023-03-02', 'Wire', 'test', 'Lavrov met Blinken.', 4, 1);
                 INSERT INTO events (root, dyad, cameo, source_actor, source_name, target_actor, target_name, date, date_start, date_end, mentions, num_sources, num_articles, asserts, denies, conflict)
                     VALUES ('04', 'RUS|USA', '040', 'RUSGOV', 'Sergey Lavrov', 'USAGOV', 'Antony Blinken', '2023-03-02', '2023-03-02', '2023-03-02', 1, 1, 1, 1, 0, 0);
                 INSERT INTO reports (event, document, idx, sentence, cameo, source_actor, source_text, source_name, target_actor, target_text, target_name, whole_country, weak_place, negated, modality, trigger_start, trigger_end, evidence_start, evidence_end, evidence, rule)
                     VALUES (1, 1, 0, 0, '040', 'RUSGOV', 'Lavrov', 'Sergey Lavrov', 'USAGOV', 'Blinken', 'Antony Blinken', 0, 0, 0, 'asserted', 7, 10, 0, 19, 'Lavrov met Blinken.', 'test');
                 PRAGMA user_version = 1;",
            )
            .unwrap();
        // Read-only opening upgrades it where it can be written.
        let store = Store::open_read_only(&path).unwrap();
        assert_eq!(store.version().unwrap(), SCHEMA_VERSION);
        let found = |actor: &str, with: Option<&str>| {
            let filter =
                EventFilter { actor: Some(actor.into()), with: with.map(str::to_string), ..EventFilter::default() };
            store.events(&filter).unwrap().len()
        };
        assert_eq!(found("Lavrov", None), 1);
        assert_eq!(found("sergey lavrov", None), 1, "words of a name, in any case");
        assert_eq!(found("Lavr", None), 1, "the last word may be the start of one");
        assert_eq!(found("RUS", None), 1, "a code by its start");
        assert_eq!(found("Blinken", Some("RUSGOV")), 1, "a dyad either way round");
        assert_eq!(found("avrov", None), 0, "no match inside a word");
        assert_eq!(found("USA", Some("USA")), 0);
        assert_eq!(found("\"*:(", None), 0, "no FTS5 syntax passes through");
    }

    #[test]
    fn processes_creating_one_store_at_once_take_turns() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("shared.db");
        let openers: Vec<_> = (0..4)
            .map(|_| {
                let path = path.clone();
                std::thread::spawn(move || Store::open(&path).map(|s| s.is_intact().unwrap()))
            })
            .collect();
        for opener in openers {
            assert!(opener.join().unwrap().expect("every opener gets the store"));
        }
    }

    #[test]
    fn a_store_in_a_folder_nobody_can_write_is_read_as_it_is() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("archive");
        std::fs::create_dir(&folder).unwrap();
        let path = folder.join("attache.db");
        let store = Store::open(&path).unwrap();
        store.checkpoint().unwrap();
        drop(store);
        std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o555)).unwrap();
        let privileged = std::fs::write(folder.join("probe"), b"").is_ok();
        if privileged {
            eprintln!("SKIPPED: this user can write into a read-only folder (root), so the case cannot arise");
        } else {
            let store = Store::open_read_only(&path).expect("a read-only archive can be queried");
            assert!(store.is_intact().unwrap());
            let refused = message(Store::open(&path));
            assert!(refused.contains("read-only") || refused.contains("can be written"), "{refused}");
        }
        std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
}
