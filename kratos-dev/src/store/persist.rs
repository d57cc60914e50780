//! Optional durability: with `--data FILE` every change is written to SQLite
//! before the request that caused it is answered, so an acknowledged revoke
//! survives a restart.

use std::io;
use std::path::Path;
use std::sync::Mutex;

use rusqlite::{params, Connection};
use uuid::Uuid;

use crate::wire::{Identity, Session};

pub trait Persist: Send {
    fn load(&self) -> io::Result<(Vec<Identity>, Vec<Session>)>;
    fn put_identity(&self, identity: &Identity) -> io::Result<()>;
    fn put_sessions(&self, sessions: &[Session]) -> io::Result<()>;
    fn delete_sessions(&self, ids: &[Uuid]) -> io::Result<()>;
}

pub struct Sqlite(Mutex<Connection>);

fn io_err(e: impl std::fmt::Display) -> io::Error {
    io::Error::other(e.to_string())
}

impl Sqlite {
    pub fn open(path: &Path) -> io::Result<Self> {
        let conn = Connection::open(path).map_err(io_err)?;
        conn.execute_batch(
            "PRAGMA journal_mode = WAL;
             PRAGMA synchronous = FULL;
             CREATE TABLE IF NOT EXISTS identities (id TEXT PRIMARY KEY, body TEXT NOT NULL);
             CREATE TABLE IF NOT EXISTS sessions (id TEXT PRIMARY KEY, body TEXT NOT NULL);",
        )
        .map_err(io_err)?;
        Ok(Self(Mutex::new(conn)))
    }

    fn conn(&self) -> std::sync::MutexGuard<'_, Connection> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn load_table<T: serde::de::DeserializeOwned>(conn: &Connection, table: &str) -> io::Result<Vec<T>> {
        let mut stmt = conn.prepare(&format!("SELECT body FROM {table}")).map_err(io_err)?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0)).map_err(io_err)?;
        let mut out = Vec::new();
        for body in rows {
            out.push(serde_json::from_str(&body.map_err(io_err)?).map_err(io_err)?);
        }
        Ok(out)
    }
}

impl Persist for Sqlite {
    fn load(&self) -> io::Result<(Vec<Identity>, Vec<Session>)> {
        let conn = self.conn();
        Ok((Self::load_table(&conn, "identities")?, Self::load_table(&conn, "sessions")?))
    }

    fn put_identity(&self, identity: &Identity) -> io::Result<()> {
        let body = serde_json::to_string(identity).map_err(io_err)?;
        self.conn()
            .execute(
                "INSERT OR REPLACE INTO identities (id, body) VALUES (?1, ?2)",
                params![identity.id.to_string(), body],
            )
            .map_err(io_err)?;
        Ok(())
    }

    fn put_sessions(&self, sessions: &[Session]) -> io::Result<()> {
        let mut conn = self.conn();
        let tx = conn.transaction().map_err(io_err)?;
        for s in sessions {
            let body = serde_json::to_string(s).map_err(io_err)?;
            tx.execute("INSERT OR REPLACE INTO sessions (id, body) VALUES (?1, ?2)", params![s.id.to_string(), body])
                .map_err(io_err)?;
        }
        tx.commit().map_err(io_err)
    }

    fn delete_sessions(&self, ids: &[Uuid]) -> io::Result<()> {
        let mut conn = self.conn();
        let tx = conn.transaction().map_err(io_err)?;
        for id in ids {
            tx.execute("DELETE FROM sessions WHERE id = ?1", params![id.to_string()]).map_err(io_err)?;
        }
        tx.commit().map_err(io_err)
    }
}
