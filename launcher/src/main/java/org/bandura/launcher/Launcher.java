package org.bandura.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.bandura.config.BanduraConfig;
import org.bandura.config.ConfigException;
import org.bandura.config.ConfigLoader;
import org.bandura.console.ConsoleFrontDoor;
import org.bandura.core.persistence.Database;
import org.bandura.core.persistence.DatabaseSettings;
import org.bandura.core.service.CoreService;
import org.bandura.core.service.CoreSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: the only place that builds Bandura's object graph, by hand, in small factory methods.
 */
final class Launcher {

    private static final Logger log = LoggerFactory.getLogger(Launcher.class);

    private final Map<String, String> env;
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;

    Launcher(Map<String, String> env, InputStream in, PrintStream out, PrintStream err) {
        this.env = env;
        this.in = in;
        this.out = out;
        this.err = err;
    }

    /** @return the process exit status */
    int run() {
        BanduraConfig config;
        try {
            config = new ConfigLoader(env, ConfigLoader.DEFAULT_PATH).load();
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return 2;
        }
        Database database;
        try {
            database = Database.open(databaseSettings(config.database()));
        } catch (RuntimeException e) {
            err.println("Can't open the database at " + databaseSettings(config.database()).redactedUrl() + ": "
                    + rootMessage(e) + "\nCheck database.url (BANDURA_DATABASE_URL), database.user and "
                    + "database.password.");
            return 1;
        }
        List<AutoCloseable> resources = new ArrayList<>();
        resources.add(database);
        try {
            CoreService core = new CoreService(database, coreSettings(config.core()), Clock.systemUTC());
            resources.add(0, core);
            HttpEndpoints http = null;
            if (config.http().enabled()) {
                http = new HttpEndpoints(config.http().bind(), config.http().port(), database::isReachable);
                resources.add(0, http);
            }
            if (!config.anyChatPlatform()) {
                if (http != null) {
                    http.start();
                }
                runConsole(core, config);
                return 0;
            }
            err.println("Chat platforms are configured, but this build has no Discord or Slack front door yet.");
            return 1;
        } catch (IOException e) {
            err.println("Can't start: " + e.getMessage());
            return 1;
        } finally {
            closeAll(resources);
        }
    }

    private void runConsole(CoreService core, BanduraConfig config) throws IOException {
        ConsoleFrontDoor console = new ConsoleFrontDoor(core, config.console().moderators(),
                System.getProperty("user.name", "me"));
        console.run(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), out);
    }

    static DatabaseSettings databaseSettings(BanduraConfig.DatabaseConfig database) {
        return new DatabaseSettings(database.url(), database.user(), database.password(), database.schema(),
                database.poolSize(), database.connectionTimeout());
    }

    static CoreSettings coreSettings(BanduraConfig.CoreConfig core) {
        return new CoreSettings(core.maxQuestionLength(), core.expertsPerQuestion(), core.dailyVoteCap(),
                core.tagExpertThreshold(), core.maxTagsPerQuestion());
    }

    static void awaitShutdown() {
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "bandura-shutdown"));
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private void closeAll(List<AutoCloseable> resources) {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                log.warn("Closing {} failed: {}", resource.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
