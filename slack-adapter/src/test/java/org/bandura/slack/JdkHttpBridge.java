package org.bandura.slack;

import com.sun.net.httpserver.HttpHandler;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Serves a {@link SlackHttpHandler} from the JDK's HTTP server in tests, copying bytes as the web server does. */
final class JdkHttpBridge {

    private JdkHttpBridge() {
    }

    static HttpHandler of(SlackHttpHandler handler) {
        return exchange -> {
            try (exchange) {
                byte[] body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = in.readAllBytes();
                }
                SlackHttpHandler.Result result = handler.handle(new SlackHttpHandler.Call(exchange.getRequestMethod(),
                        exchange.getRequestURI().getPath(), exchange.getRequestURI().getRawQuery(),
                        exchange.getRequestHeaders(), body, exchange.getRemoteAddress().getAddress().getHostAddress()));
                result.headers().forEach((name, values) -> exchange.getResponseHeaders().put(name, values));
                if (result.contentType() != null) {
                    exchange.getResponseHeaders().set("Content-Type", result.contentType());
                }
                byte[] bytes = result.body().getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(result.status(), bytes.length == 0 ? -1 : bytes.length);
                if (bytes.length > 0) {
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(bytes);
                    }
                }
            }
        };
    }
}
