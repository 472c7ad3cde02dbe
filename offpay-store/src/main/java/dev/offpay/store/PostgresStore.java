package dev.offpay.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.offpay.core.OutboxRenderer;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The PostgreSQL store. Write transactions lock the order reference row (SELECT … FOR UPDATE), so
 * several Offpay nodes over one database stay correct.
 */
public final class PostgresStore extends JdbcStore {
    private final HikariDataSource ds;

    public PostgresStore(String jdbcUrl, String user, String password, int poolSize, OutboxRenderer renderer) {
        super(renderer);
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(jdbcUrl);
        if (user != null) hc.setUsername(user);
        if (password != null) hc.setPassword(password);
        hc.setMaximumPoolSize(poolSize);
        hc.setPoolName("offpay-pg");
        hc.setAutoCommit(false);
        try {
            this.ds = new HikariDataSource(hc);
        } catch (RuntimeException e) {
            throw new StoreException("cannot connect to PostgreSQL at " + jdbcUrl + ": " + e.getMessage(), e);
        }
        migrate(ds);
    }

    @Override
    protected <T> T read(TxWork<T> work) {
        try (Connection c = ds.getConnection()) {
            try {
                return work.run(c);
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw storeFailure(e);
        }
    }

    @Override
    protected <T> T write(TxWork<T> work) {
        try (Connection c = ds.getConnection()) {
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException e) {
                c.rollback();
                throw storeFailure(e);
            } catch (RuntimeException | Error e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw storeFailure(e);
        }
    }

    @Override
    protected String lockClause() {
        return " FOR UPDATE";
    }

    @Override
    protected boolean isUniqueViolation(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    @Override
    public void close() {
        ds.close();
    }
}
