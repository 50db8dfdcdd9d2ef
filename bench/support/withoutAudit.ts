import type { DatabaseConnection, Dialect } from 'kysely';

/**
 * The same dialect, but every statement on audit_log is answered empty without reaching the
 * database: the server built on it does exactly the same work except the audit. Only for measuring.
 */
export function withoutAudit(dialect: Dialect): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createDriver() {
      const driver = dialect.createDriver();
      const acquire = driver.acquireConnection.bind(driver);
      const skipped = new WeakSet<DatabaseConnection>();
      driver.acquireConnection = async () => {
        const connection = await acquire();
        if (!skipped.has(connection)) {
          const execute = connection.executeQuery.bind(connection);
          connection.executeQuery = ((query) =>
            /"audit_log"/.test(query.sql) ? Promise.resolve({ rows: [] }) : execute(query)) as DatabaseConnection['executeQuery'];
          skipped.add(connection);
        }
        return connection;
      };
      return driver;
    },
  };
}
