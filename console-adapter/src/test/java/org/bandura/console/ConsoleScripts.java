package org.bandura.console;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

/** Feeds a script to a console front door the way a pipe would, and returns everything it printed. */
final class ConsoleScripts {

    private ConsoleScripts() {
    }

    static String run(ConsoleFrontDoor console, String script) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        console.run(new BufferedReader(new StringReader(script)), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
