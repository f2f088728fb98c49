package org.bandura.core.knowledge;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.bandura.core.model.Actor;
import org.bandura.core.model.Platform;
import org.bandura.core.model.WorkspaceRef;
import org.bandura.core.persistence.Database;
import org.bandura.core.persistence.Sql;

/**
 * One-time sign-in links and the sessions they start. Tokens are 256 random bits; only their SHA-256 hashes are
 * stored, so neither a database copy nor a log line can be used to sign in.
 */
public final class WebSignIn {

    public static final Duration LINK_LIFETIME = Duration.ofMinutes(10);
    public static final Duration SESSION_LIFETIME = Duration.ofDays(30);

    /**
     * A signed-in member: whose pages they may read, the token their forms must carry, and who they are to the core
     * when a form changes something.
     */
    public record Viewer(long workspaceId, long memberId, String displayName, String csrfToken, Actor actor) {
        public boolean moderator() {
            return actor.moderator();
        }
    }

    /** A new session: the cookie value (shown once, never stored) and who it belongs to. */
    public record Session(String token, Viewer viewer) {
    }

    public enum Refused {
        UNKNOWN, USED, EXPIRED
    }

    /** What opening a sign-in link did: a session, or why not. */
    public record Redeemed(Optional<Session> session, Refused refused) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Database database;
    private final Clock clock;

    public WebSignIn(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Creates a sign-in link token for a member, inside the caller's transaction (the /web command's). */
    public static String createLinkToken(Sql sql, long workspaceId, long memberId, boolean moderator, Instant now)
            throws SQLException {
        String token = randomToken();
        sql.update("INSERT INTO web_login_token (token_hash, workspace_id, member_id, moderator, created_at, "
                + "expires_at) VALUES (?, ?, ?, ?, ?, ?)", hash(token), workspaceId, memberId, moderator, now,
                now.plus(LINK_LIFETIME));
        return token;
    }

    /** Ends every session of a member (/web logout). @return how many were open */
    public static int endSessionsOf(Sql sql, long memberId) throws SQLException {
        return sql.update("DELETE FROM web_session WHERE member_id = ?", memberId);
    }

    /** Opens a sign-in link: single use, within {@link #LINK_LIFETIME}. */
    public Redeemed redeem(String token) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return new Redeemed(Optional.empty(), Refused.UNKNOWN);
        }
        Instant now = clock.instant();
        return database.inTransaction(sql -> {
            String tokenHash = hash(token);
            var link = sql.one("SELECT workspace_id, member_id, expires_at, used_at, moderator FROM web_login_token "
                    + "WHERE token_hash = ? FOR UPDATE", row -> new Object[] {row.getLong(1), row.getLong(2),
                    Sql.instant(row, "expires_at"), Sql.instant(row, "used_at"), row.getBoolean(5)}, tokenHash);
            if (link.isEmpty()) {
                return new Redeemed(Optional.empty(), Refused.UNKNOWN);
            }
            Object[] row = link.get();
            if (row[3] != null) {
                return new Redeemed(Optional.empty(), Refused.USED);
            }
            if (!now.isBefore((Instant) row[2])) {
                return new Redeemed(Optional.empty(), Refused.EXPIRED);
            }
            sql.update("UPDATE web_login_token SET used_at = ? WHERE token_hash = ?", now, tokenHash);
            String sessionToken = randomToken();
            String csrf = randomToken();
            long workspaceId = (Long) row[0];
            long memberId = (Long) row[1];
            sql.update("INSERT INTO web_session (session_hash, workspace_id, member_id, moderator, csrf_token, "
                    + "created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)", hash(sessionToken), workspaceId, memberId,
                    row[4], csrf, now, now.plus(SESSION_LIFETIME));
            Viewer viewer = lookUp(sql, hash(sessionToken), now).orElseThrow();
            return new Redeemed(Optional.of(new Session(sessionToken, viewer)), null);
        });
    }

    /** The member behind a session cookie, while the session lasts. */
    public Optional<Viewer> viewer(String sessionToken) {
        if (sessionToken == null || sessionToken.isBlank() || sessionToken.length() > 100) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return database.inTransaction(sql -> lookUp(sql, hash(sessionToken), now));
    }

    private static Optional<Viewer> lookUp(Sql sql, String sessionHash, Instant now) throws SQLException {
        return sql.one("SELECT s.workspace_id, s.member_id, m.display_name, s.csrf_token, s.moderator, m.user_id, "
                + "w.platform, w.external_id, w.name FROM web_session s JOIN member m ON m.id = s.member_id "
                + "JOIN workspace w ON w.id = s.workspace_id WHERE s.session_hash = ? AND s.expires_at > ?",
                row -> new Viewer(row.getLong(1), row.getLong(2), row.getString(3), row.getString(4),
                        new Actor(new WorkspaceRef(Platform.valueOf(row.getString(7)), row.getString(8),
                                row.getString(9)), row.getString(6), row.getString(3), row.getBoolean(5))),
                sessionHash, now);
    }

    public void signOut(String sessionToken) {
        if (sessionToken != null && sessionToken.length() <= 100) {
            database.inTransaction(sql -> sql.update("DELETE FROM web_session WHERE session_hash = ?", hash(sessionToken)));
        }
    }

    static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
