//! Store stage: the SQLite knowledge base. Opening applies the embedded
//! migrations (`migrations/*.sql`) in order, tracked in `PRAGMA user_version`.

mod query;
mod read;
mod write;

pub use query::{DocumentText, Hit, Neighbour, Related, TermCount};
pub use read::{GraphIndex, Stats, StoredGraph, Table, WeightsCount};
pub use write::{Outcome, StoredCopy, StoredDocument};

use crate::error::{Error, Result};
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// A schema version: its SQL, and an optional Rust step run in the same
/// transaction afterwards (for data SQL cannot compute, such as segmentation).
pub struct Migration {
    pub name: &'static str,
    pub sql: &'static str,
    pub backfill: Option<fn(&rusqlite::Transaction) -> rusqlite::Result<()>>,
}

/// Every schema version, in order; the version number is the position + 1.
pub const MIGRATIONS: &[Migration] = &[
    Migration {
        name: "0001_init",
        sql: include_str!("../../migrations/0001_init.sql"),
        backfill: None,
    },
    Migration {
        name: "0002_search_and_views",
        sql: include_str!("../../migrations/0002_search_and_views.sql"),
        backfill: Some(write::backfill_search),
    },
    Migration {
        name: "0003_roles",
        sql: include_str!("../../migrations/0003_roles.sql"),
        backfill: None,
    },
    Migration {
        name: "0004_evidence",
        sql: include_str!("../../migrations/0004_evidence.sql"),
        backfill: None,
    },
    Migration {
        name: "0005_search_vocab",
        sql: include_str!("../../migrations/0005_search_vocab.sql"),
        backfill: None,
    },
    Migration {
        name: "0006_canonical_paths",
        sql: include_str!("../../migrations/0006_canonical_paths.sql"),
        backfill: Some(write::backfill_canonical_paths),
    },
    Migration {
        name: "0007_covering_term_index",
        sql: include_str!("../../migrations/0007_covering_term_index.sql"),
        backfill: None,
    },
    Migration {
        name: "0008_contentless_search",
        sql: include_str!("../../migrations/0008_contentless_search.sql"),
        backfill: None,
    },
    Migration {
        name: "0009_orphan_terms",
        sql: include_str!("../../migrations/0009_orphan_terms.sql"),
        backfill: None,
    },
    Migration {
        name: "0010_text_hash",
        sql: include_str!("../../migrations/0010_text_hash.sql"),
        backfill: Some(write::backfill_text_hashes),
    },
    Migration {
        name: "0011_text_hash_trimmed",
        sql: include_str!("../../migrations/0011_text_hash_trimmed.sql"),
        backfill: Some(write::backfill_text_hashes),
    },
    Migration {
        name: "0012_document_copies",
        sql: include_str!("../../migrations/0012_document_copies.sql"),
        backfill: None,
    },
    Migration {
        name: "0013_narrow_search_words",
        sql: include_str!("../../migrations/0013_narrow_search_words.sql"),
        backfill: Some(write::narrow_search_words),
    },
    Migration {
        name: "0014_role_weights",
        sql: include_str!("../../migrations/0014_role_weights.sql"),
        backfill: Some(write::add_role_weights),
    },
    Migration {
        name: "0015_imported_map_hash",
        sql: include_str!("../../migrations/0015_imported_map_hash.sql"),
        backfill: Some(write::mark_imported_map_hashes),
    },
];

/// Indexes that only serve queries (not uniqueness), as the migrations
/// create them. A bulk ingest much larger than the base drops them and
/// builds them again at the end (`Store::suspend_secondary_indexes`):
/// one sort beats a random insert per row (100 MB into an empty base:
/// 43.1 s with them, 39.1 s without them and rebuilt at the end). Opening a base for
/// writing builds any that are missing, so an ingest killed in between
/// leaves a base that repairs itself on the next write.
pub const SECONDARY_INDEXES: &[(&str, &str)] = &[
    (
        "claims_section",
        "CREATE INDEX IF NOT EXISTS claims_section ON claims(section_id)",
    ),
    (
        "claims_role",
        "CREATE INDEX IF NOT EXISTS claims_role ON claims(role)",
    ),
    (
        "edges_dst",
        "CREATE INDEX IF NOT EXISTS edges_dst ON edges(dst)",
    ),
    (
        "claim_terms_term",
        "CREATE INDEX IF NOT EXISTS claim_terms_term ON claim_terms(term_id, claim_num, weight)",
    ),
];

/// A bulk ingest drops the secondary indexes when it brings more than this
/// many times the text the base holds…
pub const BULK_FACTOR: u64 = 4;
/// …and at least this many bytes (below it the rebuild is not worth it).
pub const BULK_MIN_BYTES: u64 = 32 << 20;

/// SQLite page cache per connection, in KiB.
pub const CACHE_KIB: i64 = 64 * 1024;
/// Page cache while the secondary indexes are built after a bulk load, KiB.
pub const INDEX_BUILD_CACHE_KIB: i64 = 8 * 1024;
/// WAL pages between automatic checkpoints (SQLite's default is 1000).
pub const WAL_CHECKPOINT_PAGES: i64 = 8000;

/// How long a writer waits for another to finish before giving up.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

pub fn schema_version() -> i64 {
    MIGRATIONS.len() as i64
}

/// Keeps each statement's query plan once it is prepared, whatever values
/// are bound later (SQLite's query planner stability guarantee).
///
/// Without it SQLite re-plans a statement whose plan looked at a bound
/// value (`?1 IS NULL`) every time a new value is bound, and a re-plan
/// looks at the values again: ingest's "is this file already in?" query
/// was parsed and planned afresh for every file, a twentieth of ingest's
/// time. Our statements need no plan per value (the base keeps no
/// statistics that would pick one).
fn plan_once(conn: &Connection) -> Result<()> {
    conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
        true,
    )?;
    Ok(())
}

pub struct Store {
    pub(crate) conn: Connection,
    pub(crate) path: PathBuf,
    /// Ids of key terms seen in committed transactions. A term is deleted
    /// when no claim has it any more (`remove`, a replaced document), so the
    /// ids hold only while no other connection has written since
    /// `term_ids_version` (SQLite's `data_version`).
    pub(crate) term_ids: rustc_hash::FxHashMap<String, i64>,
    pub(crate) term_ids_version: Option<i64>,
    /// A group replaced documents while the term index was down, so the
    /// terms they left unused wait for the index's rebuild.
    pub(crate) unused_terms_pending: bool,
    /// Analyse and save a stored document again even when its file is
    /// unchanged (`ingest --force`): after a refit or an upgrade.
    pub reanalyse: bool,
}

impl Store {
    /// Opens (creating if needed) a database for writing, migrating it to the
    /// current schema.
    pub fn open(path: &Path) -> Result<Store> {
        // A FIFO or a device would block the opens below, or be written to.
        refuse_special_file(path)?;
        // Said first: making such a file writable would not help.
        if holds_something_else(path) {
            return Err(Error::database(path, NOT_A_DATABASE));
        }
        if !may_write(path) {
            return Err(Error::database(
                path,
                "is read-only (file permissions, or another user's file); this command writes to it — make it writable or pick another --db",
            ));
        }
        let conn = Connection::open(path).map_err(|e| open_error(path, e))?;
        let mut store = Store {
            conn,
            path: path.to_owned(),
            term_ids: Default::default(),
            term_ids_version: None,
            unused_terms_pending: false,
            reanalyse: false,
        };
        // Two argraphs opening a new file at once: one switching it to WAL
        // or writing the schema can make the other's lock request fail at
        // once, where waiting would deadlock, rather than wait. Both steps
        // are safe to repeat, so a busy base is tried again for a while.
        let mut tries = 0;
        loop {
            let opened = store.configure().and_then(|()| store.migrate());
            match opened {
                Err(e) if e.is_busy() && tries < Self::OPEN_BUSY_RETRIES => {
                    tries += 1;
                    std::thread::sleep(std::time::Duration::from_millis(50 * tries));
                }
                other => break other?,
            }
        }
        store.restore_secondary_indexes()?;
        Ok(store)
    }

    /// Opens an existing database for queries. A database from an older
    /// argraph is migrated when the file is writable.
    pub fn open_existing(path: &Path) -> Result<Store> {
        must_be_a_base(path)?;
        let writable = may_write(path);
        if writable {
            // The mode bits can say writable when this user may not write
            // it, or its directory (where SQLite keeps -wal and -shm) is
            // read-only: then reading is still what the query needs.
            return Store::open(path).or_else(|e| Store::open_to_read(path).map_err(|_| e));
        }
        Store::open_to_read(path)
    }

    /// Opens an existing database read-only for a query command. Where
    /// SQLite cannot read it the usual way (its directory is read-only, so
    /// the -shm file of WAL mode cannot be made), it is read as the file
    /// stands, when nothing says the file alone is not the whole database.
    pub fn open_to_read(path: &Path) -> Result<Store> {
        must_be_a_base(path)?;
        Store::open_read_only_with(path, true)
    }

    /// Opens an existing database read-only: nothing this connection runs
    /// can write. Never reads the file as it stands (ingest's own
    /// "already in?" connection, beside its writer, uses it).
    pub fn open_read_only(path: &Path) -> Result<Store> {
        Store::open_read_only_with(path, false)
    }

    fn open_read_only_with(path: &Path, as_it_stands: bool) -> Result<Store> {
        if !path.exists() {
            return Err(Error::database(path, missing_reason(path)));
        }
        let conn = match connect_read_only(path, false) {
            Ok(conn) => conn,
            // A database in a directory this user cannot write: SQLite cannot
            // make the -shm file a WAL database is read through. With no
            // write-ahead log or rollback journal beside the file, it alone
            // is the whole database, and is read as it stands (immutable:
            // no locks, so a writer starting meanwhile could change it under
            // the query; only someone who can write the directory could).
            Err(e)
                if as_it_stands
                    && matches!(
                        e.sqlite_error_code(),
                        Some(rusqlite::ErrorCode::CannotOpen | rusqlite::ErrorCode::ReadOnly)
                    )
                    && !has_pending_log(path) =>
            {
                connect_read_only(path, true).map_err(|_| open_error(path, e))?
            }
            Err(e) => return Err(open_error(path, e)),
        };
        let store = Store {
            conn,
            path: path.to_owned(),
            term_ids: Default::default(),
            term_ids_version: None,
            unused_terms_pending: false,
            reanalyse: false,
        };
        store.conn.busy_timeout(BUSY_TIMEOUT)?;
        plan_once(&store.conn)?;
        let version = store.version()?;
        store.check_version(version)?;
        if version < schema_version() {
            return Err(Error::database(
                path,
                format!(
                    "uses schema v{version}, older than this argraph's v{}; upgrade it once with `argraph --db {} stats` (the file must be writable), then run this again",
                    schema_version(),
                    path.display()
                ),
            ));
        }
        Ok(store)
    }

    /// How often opening a base for writing is tried again when another
    /// process holds it at that moment (with waits of 50, 100, … ms).
    pub const OPEN_BUSY_RETRIES: u64 = 8;

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Holds one view of the base until the guard drops: reads made meanwhile
    /// (a graph, then the texts its spans index) all see the same base,
    /// whatever another process writes between them.
    pub fn snapshot(&self) -> Result<rusqlite::Transaction<'_>> {
        Ok(self.conn.unchecked_transaction()?)
    }

    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// For bulk loaders (the benchmark generator) that write their own SQL.
    pub fn connection_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    /// Bytes of text the base holds.
    pub fn text_bytes(&self) -> Result<u64> {
        let n: i64 =
            self.conn
                .query_row("SELECT coalesce(sum(bytes), 0) FROM documents", [], |r| {
                    r.get(0)
                })?;
        Ok(n.max(0) as u64)
    }

    /// Drops the indexes that only serve queries, for a bulk load; queries
    /// stay correct meanwhile, only slower.
    pub fn suspend_secondary_indexes(&mut self) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        for (name, _) in SECONDARY_INDEXES {
            tx.execute_batch(&format!("DROP INDEX IF EXISTS {name}"))?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Builds any secondary index that is missing (after a bulk load, or
    /// one that was killed before it could).
    pub fn restore_secondary_indexes(&mut self) -> Result<()> {
        let missing: Vec<&str> = SECONDARY_INDEXES
            .iter()
            .filter(|(name, _)| {
                self.conn
                    .query_row(
                        "SELECT 1 FROM sqlite_schema WHERE type = 'index' AND name = ?1",
                        [name],
                        |_| Ok(()),
                    )
                    .is_err()
            })
            .map(|(_, sql)| *sql)
            .collect();
        if missing.is_empty() {
            return Ok(());
        }
        // The sort behind CREATE INDEX spills to temporary files past the
        // page cache; kept in memory (our setting for ingest) it held the
        // whole index: 413 MB at the end of a 100 MB load.
        // The sort also keeps up to the page cache's size in memory before
        // it spills, on top of the cache itself: a small cache for the
        // build keeps an ingest's peak memory down (index pages are written
        // in order, so a large cache buys the build nothing).
        let built = (|| -> Result<()> {
            self.conn.pragma_update(None, "temp_store", "FILE")?;
            self.conn
                .pragma_update(None, "cache_size", -INDEX_BUILD_CACHE_KIB)?;
            let tx = self
                .conn
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            let term_index = missing.iter().any(|sql| sql.contains("claim_terms_term"))
                && self.unused_terms_pending;
            for sql in missing {
                tx.execute_batch(sql)?;
            }
            // Without the term index a group does not look for the terms
            // its replaced documents left unused (each look would scan
            // every key-term row): they go here, in one pass (about 1 s on
            // a 100 MB base, so only when a group left some).
            if term_index {
                tx.execute_batch(
                    "DELETE FROM terms WHERE id NOT IN (SELECT term_id FROM claim_terms)",
                )?;
            }
            tx.commit()?;
            Ok(())
        })();
        self.term_ids.clear();
        self.unused_terms_pending = false;
        // Both settings go back whatever happened; the first error is the one told.
        let memory = self.conn.pragma_update(None, "temp_store", "MEMORY");
        let cache = self.conn.pragma_update(None, "cache_size", -CACHE_KIB);
        built?;
        memory?;
        cache?;
        Ok(())
    }

    fn configure(&self) -> Result<()> {
        self.conn.busy_timeout(BUSY_TIMEOUT)?;
        plan_once(&self.conn)?;
        self.conn
            .pragma_update(None, "foreign_keys", "ON")
            .map_err(|e| open_error(&self.path, e))?;
        let mode: String = self
            .conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
            .map_err(|e| open_error(&self.path, e))?;
        if !mode.eq_ignore_ascii_case("wal") && !mode.eq_ignore_ascii_case("memory") {
            return Err(Error::database(
                &self.path,
                format!("cannot switch to WAL mode (got {mode})"),
            ));
        }
        self.conn.pragma_update(None, "synchronous", "NORMAL")?;
        // Claim ids are hashes, so index inserts land all over the B-trees: a
        // page cache that holds the indexes keeps ingest from re-reading them.
        self.conn.pragma_update(None, "cache_size", -CACHE_KIB)?;
        self.conn.pragma_update(None, "temp_store", "MEMORY")?;
        // Checkpoint in larger steps: each checkpoint is an fsync.
        self.conn
            .pragma_update(None, "wal_autocheckpoint", WAL_CHECKPOINT_PAGES)?;
        Ok(())
    }

    fn version(&self) -> Result<i64> {
        self.conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| open_error(&self.path, e))
    }

    fn check_version(&self, version: i64) -> Result<()> {
        if version > schema_version() {
            return Err(Error::database(
                &self.path,
                format!(
                    "was written by a newer argraph (schema v{version}; this argraph knows up to v{}); upgrade argraph",
                    schema_version()
                ),
            ));
        }
        if version == 0 {
            // The version again, in the same statement as the tables: one
            // view of the file, so another argraph creating the schema
            // meanwhile (two first ingests at once) is not taken for a
            // stranger's tables.
            let (version, tables): (i64, i64) = self.conn.query_row(
                "SELECT (SELECT user_version FROM pragma_user_version),
                        (SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%')",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            if version == 0 && tables > 0 {
                return Err(Error::database(
                    &self.path,
                    "is an SQLite database but not an argraph one; pick another path with --db",
                ));
            }
        }
        Ok(())
    }

    fn migrate(&mut self) -> Result<()> {
        let version = self.version()?;
        self.check_version(version)?;
        for (i, m) in MIGRATIONS.iter().enumerate().skip(version as usize) {
            let tx = self
                .conn
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            // Another process may have migrated while this one waited for the lock.
            let now: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
            if now > i as i64 {
                continue;
            }
            let failed = |e: rusqlite::Error| {
                Error::database(&self.path, format!("migration {} failed: {e}", m.name))
            };
            tx.execute_batch(m.sql).map_err(failed)?;
            if let Some(backfill) = m.backfill {
                backfill(&tx).map_err(failed)?;
            }
            tx.pragma_update(None, "user_version", (i + 1) as i64)?;
            tx.commit()?;
        }
        Ok(())
    }
}

/// A read-only connection that has read the schema version (SQLite opens
/// lazily: a file it cannot read fails at the first statement). `immutable`
/// reads the file as it stands, without the locks and -shm file of WAL mode.
fn connect_read_only(path: &Path, immutable: bool) -> rusqlite::Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_URI;
    let conn = if immutable {
        Connection::open_with_flags(format!("{}?immutable=1", file_uri(path)), flags)?
    } else {
        Connection::open_with_flags(path, flags)?
    };
    conn.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))?;
    Ok(conn)
}

/// `file:` URI of a path, every byte that is not plainly safe in it
/// percent-encoded (SQLite decodes them; `?` and `#` would end the path).
fn file_uri(path: &Path) -> String {
    #[cfg(unix)]
    let bytes = std::os::unix::ffi::OsStrExt::as_bytes(path.as_os_str()).to_vec();
    #[cfg(not(unix))]
    let bytes = path.to_string_lossy().into_owned().into_bytes();
    let mut uri = String::from("file:");
    for b in bytes {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            uri.push(b as char);
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri
}

/// Whether a write-ahead log or a rollback journal beside the database
/// (beside the file a symlink leads to, where SQLite keeps them) holds
/// writes not yet in it.
fn has_pending_log(path: &Path) -> bool {
    let real = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
    ["-wal", "-journal"].iter().any(|suffix| {
        let mut log = real.as_os_str().to_owned();
        log.push(suffix);
        std::fs::metadata(log).is_ok_and(|m| m.len() > 0)
    })
}

/// May this user write the existing file at `path`? Not when its mode says
/// read-only (someone made it so to keep it, root included), nor when
/// opening it for writing is refused (another user's file). A probe: the
/// file is opened, not truncated.
pub fn may_write(path: &Path) -> bool {
    if std::fs::metadata(path).is_ok_and(|m| m.permissions().readonly()) {
        return false;
    }
    match std::fs::OpenOptions::new().write(true).open(path) {
        Ok(_) => true,
        Err(e) => e.kind() != std::io::ErrorKind::PermissionDenied,
    }
}

/// What a query command needs at `path` before it opens it: a file that
/// exists and is not empty. An empty file (`touch kb.db`) is no knowledge
/// base yet, and a query must not write a schema into it; with a
/// write-ahead log beside it, though, the log holds the database.
pub fn must_be_a_base(path: &Path) -> Result<()> {
    if !path.exists() {
        return Err(Error::database(path, missing_reason(path)));
    }
    if path.is_dir() {
        return Err(Error::database(path, cannot_open_reason(path)));
    }
    refuse_special_file(path)?;
    if std::fs::metadata(path).is_ok_and(|m| m.len() == 0) && !has_pending_log(path) {
        return Err(Error::database(
            path,
            "is an empty file, not an argraph database yet; fill it with `argraph --db FILE ingest PATH...` or pick another --db",
        ));
    }
    Ok(())
}

/// Why SQLite could not open `path`, in terms of what is there.
/// Why a `--db` that should be there is not: missing, or a symbolic link
/// that leads back to itself (which `exists` also calls missing).
fn missing_reason(path: &Path) -> String {
    match link_loop(path) {
        true => LINK_LOOP.to_owned(),
        false => "does not exist; create it with `argraph ingest FILE...` or pick one with --db"
            .to_owned(),
    }
}

const LINK_LOOP: &str =
    "is a symbolic link that leads back to itself; point it at a database file or pick another --db";

fn link_loop(path: &Path) -> bool {
    std::fs::metadata(path).is_err_and(|e| e.raw_os_error() == Some(libc::ELOOP))
}

fn cannot_open_reason(path: &Path) -> String {
    if link_loop(path) {
        return LINK_LOOP.to_owned();
    }
    if path.is_dir() {
        return "is a directory; --db names the knowledge-base file in it (e.g. DIR/argraph.db)"
            .to_owned();
    }
    let parent = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !parent.exists() {
        return format!(
            "cannot be created: the directory {} does not exist; create it or pick another --db",
            parent.display()
        );
    }
    "cannot be opened (check the directory exists and is writable)".to_owned()
}

/// Refuses a `path` that is neither a regular file nor a directory (nor
/// missing): a FIFO, a socket or a device is no database file.
fn refuse_special_file(path: &Path) -> Result<()> {
    match std::fs::metadata(path) {
        Ok(m) if !m.is_file() && !m.is_dir() => Err(Error::database(
            path,
            format!(
                "is {}, not a database file; pick another path with --db",
                crate::error::special_file_kind(&m)
            ),
        )),
        _ => Ok(()),
    }
}

const NOT_A_DATABASE: &str = "is not an SQLite database; pick another path with --db";

/// Does `path` hold something that is not an SQLite database (its first
/// bytes are not SQLite's header)? An empty or missing file holds nothing
/// yet, and an unreadable one is left to the checks after this.
fn holds_something_else(path: &Path) -> bool {
    use std::io::Read;
    const HEADER: &[u8; 16] = b"SQLite format 3\0";
    let Ok(mut f) = std::fs::File::open(path) else {
        return false;
    };
    if !f.metadata().is_ok_and(|m| m.is_file()) {
        return false;
    }
    let mut head = Vec::with_capacity(HEADER.len());
    match f.by_ref().take(HEADER.len() as u64).read_to_end(&mut head) {
        Ok(0) | Err(_) => false,
        Ok(_) => head.as_slice() != HEADER,
    }
}

/// Why a base another process holds could not be opened.
pub(crate) const BUSY_REASON: &str = "is busy in another process; try again";

fn open_error(path: &Path, e: rusqlite::Error) -> Error {
    use rusqlite::ErrorCode;
    let reason = match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => NOT_A_DATABASE.to_owned(),
        Some(ErrorCode::CannotOpen) => cannot_open_reason(path),
        Some(ErrorCode::ReadOnly) => "cannot be written by this user (the file and its directory must be writable: SQLite keeps its -wal and -shm files beside it); commands that only read work, `ingest` and `remove` need write access".to_owned(),
        Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => BUSY_REASON.to_owned(),
        // A file cut short (a copy that did not finish) fails here, before
        // any command could say what to do about it.
        Some(ErrorCode::DatabaseCorrupt) => {
            return Error::Sqlite(e).in_database(path);
        }
        _ => e.to_string(),
    };
    Error::database(path, reason)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_uri_keeps_odd_paths_whole() {
        assert_eq!(
            file_uri(Path::new("/a b/k#1?.db")),
            "file:/a%20b/k%231%3F.db"
        );
        assert_eq!(file_uri(Path::new("知识.db")), "file:%E7%9F%A5%E8%AF%86.db");
        // And SQLite finds the file through it, as it stands.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a b#?%.db");
        Store::open(&path).unwrap();
        let conn = connect_read_only(&path, true).unwrap();
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version, schema_version());
    }
}
