package dev.offpay.store;

import dev.offpay.core.OutboxRenderer;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteErrorCode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The embedded store: one SQLite file in the data directory, WAL journal. Writes go through one
 * connection, one transaction at a time (SQLite has a single writer anyway); reads use a small pool
 * and see the last commit. With synchronous=FULL every commit is fsynced before it is answered.
 */
public final class SqliteStore extends JdbcStore {
    private final Connection writer;
    private final ReentrantLock writeLock = new ReentrantLock(true);
    private final BlockingQueue<Connection> readers;
    private final String url;

    /** Durability of commits: FULL fsyncs each commit; NORMAL survives a process crash (kill -9) but not power loss. */
    public enum Durability { FULL, NORMAL }

    public SqliteStore(Path file, Durability durability, OutboxRenderer renderer) {
        super(renderer);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            this.url = "jdbc:sqlite:" + file.toAbsolutePath();
            SQLiteConfig config = new SQLiteConfig();
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setSynchronous(durability == Durability.FULL ? SQLiteConfig.SynchronousMode.FULL : SQLiteConfig.SynchronousMode.NORMAL);
            config.setBusyTimeout(10_000);
            config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            SQLiteDataSource ds = new SQLiteDataSource(config);
            ds.setUrl(url);
            migrate(ds);
            writer = ds.getConnection();
            writer.setAutoCommit(false);
            int n = Math.max(4, Runtime.getRuntime().availableProcessors() * 2);
            readers = new ArrayBlockingQueue<>(n);
            SQLiteConfig readConfig = new SQLiteConfig();
            readConfig.setJournalMode(SQLiteConfig.JournalMode.WAL);
            readConfig.setBusyTimeout(10_000);
            readConfig.setReadOnly(true);
            SQLiteDataSource rds = new SQLiteDataSource(readConfig);
            rds.setUrl(url);
            for (int i = 0; i < n; i++) readers.add(rds.getConnection());
        } catch (Exception e) {
            throw new StoreException("cannot open the embedded store at " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    protected <T> T read(TxWork<T> work) {
        Connection c;
        try {
            c = readers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted", e);
        }
        try {
            return work.run(c);
        } catch (SQLException e) {
            throw storeFailure(e);
        } finally {
            readers.add(c);
        }
    }

    @Override
    protected <T> T write(TxWork<T> work) {
        writeLock.lock();
        try {
            try {
                T result = work.run(writer);
                writer.commit();
                return result;
            } catch (SQLException e) {
                rollback();
                throw storeFailure(e);
            } catch (RuntimeException | Error e) {
                rollback();
                throw e;
            }
        } finally {
            writeLock.unlock();
        }
    }

    private void rollback() {
        try {
            writer.rollback();
        } catch (SQLException ignored) {
            // the connection reports the original failure
        }
    }

    @Override
    protected String lockClause() {
        return ""; // the single writer connection makes every write transaction exclusive
    }

    @Override
    protected boolean isUniqueViolation(SQLException e) {
        return e.getErrorCode() == SQLiteErrorCode.SQLITE_CONSTRAINT.code
                || (e.getMessage() != null && e.getMessage().contains("UNIQUE constraint failed"));
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            writer.close();
            for (Connection c : readers) c.close();
        } catch (SQLException ignored) {
            // closing
        } finally {
            writeLock.unlock();
        }
    }
}
