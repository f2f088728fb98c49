package org.bandura.launcher;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Locale;
import org.bandura.core.BanduraCore;
import org.bandura.core.command.Command;
import org.bandura.core.model.Actor;
import org.bandura.core.model.WorkspaceRef;
import org.bandura.core.persistence.Database;
import org.bandura.core.reply.Event;
import org.bandura.core.reply.Reply;

/**
 * Prometheus metrics for {@code GET /metrics}: every command by type and outcome with its latency, questions asked,
 * answered and accepted, the connection pool and the JVM. The front doors get a metered core; the core itself knows
 * nothing of metrics.
 */
final class Metrics implements AutoCloseable {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Counter asked;
    private final Counter answered;
    private final Counter accepted;

    Metrics(Database database) {
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        gc.bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        if (database.dataSource() instanceof HikariDataSource pool) {
            pool.setMetricRegistry(registry);
        }
        asked = Counter.builder("bandura.questions.asked").description("questions asked").register(registry);
        answered = Counter.builder("bandura.questions.answered").description("answers posted").register(registry);
        accepted = Counter.builder("bandura.questions.accepted").description("answers accepted").register(registry);
    }

    /** The Prometheus text exposition of every meter. */
    String scrape() {
        return registry.scrape();
    }

    /** {@code core}, counting and timing every command it handles. */
    BanduraCore meter(BanduraCore core) {
        return new BanduraCore() {
            @Override
            public Reply handle(Actor actor, Command command) {
                return timed(command, () -> core.handle(actor, command));
            }

            @Override
            public Reply handle(Actor actor, Command command, String eventKey) {
                return timed(command, () -> core.handle(actor, command, eventKey));
            }

            @Override
            public List<String> tagNames(WorkspaceRef workspace, String prefix, int limit) {
                return core.tagNames(workspace, prefix, limit);
            }

            // Reads the front doors make besides commands: passed through, or they would see the defaults (nothing).

            @Override
            public List<PostChoice> postsInThread(WorkspaceRef workspace, String threadKey, int limit) {
                return core.postsInThread(workspace, threadKey, limit);
            }

            @Override
            public java.util.Optional<Long> questionOfThread(WorkspaceRef workspace, String threadKey) {
                return core.questionOfThread(workspace, threadKey);
            }

            @Override
            public java.util.Optional<String> threadOfMessage(WorkspaceRef workspace, String messageKey) {
                return core.threadOfMessage(workspace, messageKey);
            }

            @Override
            public List<OpenThread> openThreads(WorkspaceRef workspace, java.time.Duration within) {
                return core.openThreads(workspace, within);
            }

            @Override
            public void caughtUp(WorkspaceRef workspace, String threadKey, String lastMessageKey) {
                core.caughtUp(workspace, threadKey, lastMessageKey);
            }

            @Override
            public long enqueue(WorkspaceRef workspace, String orderKey, String kind, String payload,
                                Long questionNumber) {
                return core.enqueue(workspace, orderKey, kind, payload, questionNumber);
            }

            @Override
            public int deliver(org.bandura.core.model.Platform platform, org.bandura.core.Outbox.Sender sender) {
                return core.deliver(platform, sender);
            }
        };
    }

    private Reply timed(Command command, java.util.function.Supplier<Reply> handling) {
        Timer.Sample sample = Timer.start(registry);
        Reply reply = handling.get();
        sample.stop(Timer.builder("bandura.commands")
                .description("commands handled, by type and outcome")
                .tag("command", command.getClass().getSimpleName().toLowerCase(Locale.ROOT))
                .tag("outcome", reply.status().name().toLowerCase(Locale.ROOT))
                .publishPercentiles(0.5, 0.95, 0.99)
                .register(registry));
        reply.event().ifPresent(this::count);
        return reply;
    }

    private void count(Event event) {
        if (event instanceof Event.QuestionAsked) {
            asked.increment();
        } else if (event instanceof Event.AnswerPosted) {
            answered.increment();
        } else if (event instanceof Event.AnswerAccepted) {
            accepted.increment();
        }
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
