import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * Runs a real Neo4j Community DBMS from its Maven Central jars, because Neo4j publishes no server
 * distribution there. The Bolt connector listens on loopback only; APOC core is loaded from the
 * plugin folder exactly as a packaged server would load it. Started and stopped by
 * scripts/neo4j-local.ts, which also downloads the jars.
 *
 * Arguments: dataDir pluginDir boltPort password pagecacheMiB
 */
public final class Neo4jLocal {
  public static void main(String[] args) throws Exception {
    Path home = Path.of(args[0]).toAbsolutePath();
    Path plugins = Path.of(args[1]).toAbsolutePath();
    int port = Integer.parseInt(args[2]);
    String password = args[3];
    long pagecacheMiB = Long.parseLong(args[4]);

    if (!portIsFree(port)) {
      System.err.println("NEO4J_LOCAL_ERROR port-in-use " + port);
      System.exit(3);
    }
    Files.createDirectories(home);

    DatabaseManagementService dbms =
        new DatabaseManagementServiceBuilder(home)
            .setConfig(BoltConnector.enabled, true)
            .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
            .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
            .setConfig(HttpConnector.enabled, false)
            .setConfig(GraphDatabaseSettings.plugin_dir, plugins)
            .setConfig(GraphDatabaseSettings.procedure_unrestricted, java.util.List.of("apoc.*"))
            .setConfig(GraphDatabaseSettings.procedure_allowlist, java.util.List.of("apoc.*", "db.*", "dbms.*", "tx.*"))
            .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pagecacheMiB))
            .setConfig(GraphDatabaseSettings.auth_enabled, true)
            .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofMinutes(10))
            // A local store is reseeded often; without this, transaction logs grow by gigabytes.
            .setConfig(GraphDatabaseSettings.keep_logical_logs, "2 files")
            .build();

    // A new store has the default neo4j/neo4j account that must change its password before use;
    // set the configured one here so drivers can connect without the interactive change.
    try {
      dbms.database("system")
          .executeTransactionally(
              "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED",
              java.util.Map.of("pw", password));
    } catch (RuntimeException e) {
      // A restart with the same password is refused as "old and new password cannot be the same":
      // that is the state we want. Anything else is fatal and must not leave a half-started JVM.
      String message = String.valueOf(e.getMessage());
      if (!message.contains("cannot be the same")) {
        System.err.println("NEO4J_LOCAL_ERROR set-password " + message);
        dbms.shutdown();
        System.exit(4);
      }
    }

    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  dbms.shutdown();
                  System.out.println("NEO4J_LOCAL_STOPPED");
                }));
    System.out.println("NEO4J_LOCAL_READY bolt://127.0.0.1:" + port);
    Thread.currentThread().join();
  }

  private static boolean portIsFree(int port) {
    try (ServerSocket s = new ServerSocket()) {
      // Allow binding over TIME_WAIT connections left by a server that just stopped.
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress("127.0.0.1", port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
