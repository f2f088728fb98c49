package org.bandura.core.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.bandura.core.model.Actor;
import org.bandura.core.reply.Reply;
import org.bandura.core.testing.Backend;
import org.bandura.core.testing.TestCore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("Signing in to the knowledge base from chat")
class WebSignInTest {

    private static final String BASE = "https://kb.example.org";

    private static String token(Reply reply) {
        String text = reply.text().toPlainString();
        return text.substring(text.indexOf("/login/") + "/login/".length()).strip();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    @DisplayName("/web gives a private link that works once, within 10 minutes, and only its hash is stored")
    void linkWorksOnce(Backend backend) {
        try (TestCore core = backend.open()) {
            core.service().enableWebSignIn(BASE);
            WebSignIn signIn = new WebSignIn(core.database(), core.clock());
            Actor bob = TestCore.user("bob");

            Reply reply = core.run(bob, "/web");
            assertThat(reply.isOk()).isTrue();
            assertThat(reply.visibility()).isEqualTo(Reply.Visibility.CALLER);
            assertThat(reply.text().toPlainString()).contains(BASE + "/login/");
            String token = token(reply);
            assertThat(token).matches("[A-Za-z0-9_-]{43}");
            long storedInClear = core.database().inTransaction(sql -> sql.count(
                    "SELECT COUNT(*) FROM web_login_token WHERE token_hash = ?", token));
            assertThat(storedInClear).isZero();
            assertThat(core.rows("web_login_token")).isEqualTo(1);

            WebSignIn.Redeemed first = signIn.redeem(token);
            assertThat(first.session()).isPresent();
            WebSignIn.Viewer viewer = first.session().get().viewer();
            assertThat(viewer.displayName()).isEqualTo("bob");
            assertThat(signIn.viewer(first.session().get().token())).contains(viewer);

            assertThat(signIn.redeem(token).refused()).isEqualTo(WebSignIn.Refused.USED);
            assertThat(signIn.redeem("made-up").refused()).isEqualTo(WebSignIn.Refused.UNKNOWN);

            String late = token(core.run(bob, "/web"));
            core.clock().advance(WebSignIn.LINK_LIFETIME);
            assertThat(signIn.redeem(late).refused()).isEqualTo(WebSignIn.Refused.EXPIRED);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    @DisplayName("sessions last 30 days; /web logout ends every session of the member")
    void sessionsEnd(Backend backend) {
        try (TestCore core = backend.open()) {
            core.service().enableWebSignIn(BASE);
            WebSignIn signIn = new WebSignIn(core.database(), core.clock());
            Actor bob = TestCore.user("bob");
            String phone = signIn.redeem(token(core.run(bob, "/web"))).session().orElseThrow().token();
            String laptop = signIn.redeem(token(core.run(bob, "/web"))).session().orElseThrow().token();

            assertThat(core.run(bob, "/web logout").text().toPlainString()).contains("2 sessions");
            assertThat(signIn.viewer(phone)).isEmpty();
            assertThat(signIn.viewer(laptop)).isEmpty();

            String next = signIn.redeem(token(core.run(bob, "/web"))).session().orElseThrow().token();
            core.clock().advance(WebSignIn.SESSION_LIFETIME.minus(Duration.ofMinutes(1)));
            assertThat(signIn.viewer(next)).isPresent();
            core.clock().advance(Duration.ofMinutes(1));
            assertThat(signIn.viewer(next)).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    @DisplayName("without a running web server /web says so and stores nothing; a stray argument gets the usage")
    void webOff(Backend backend) {
        try (TestCore core = backend.open()) {
            Reply reply = core.run(TestCore.user("bob"), "/web");
            assertThat(reply.isError()).isTrue();
            assertThat(reply.text().toPlainString()).contains("isn't running").contains("http.enabled");
            assertThat(core.rows("web_login_token")).isZero();
            assertThat(core.run(TestCore.user("bob"), "/web please").text().toPlainString())
                    .contains("/web logout");
        }
    }
}
